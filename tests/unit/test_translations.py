"""The zh_CN translation is complete, keeps its placeholders, is compiled, and uses the standard terms.

Chinese is the default interface language, so an English string that slips
through is a bug a clerk sees. These tests need Qt's lupdate/lrelease (shipped
in the PySide6 wheel) and, for one fallback, QTranslator; no widgets.
"""

from __future__ import annotations

import importlib.util
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UPDATE_PY = ROOT / "resources" / "translations" / "update.py"


def _load_update():
    """resources/ is not a package: import update.py by its path."""
    spec = importlib.util.spec_from_file_location("legalaid_translations_update", UPDATE_PY)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


update = _load_update()

# Qt's %1..%9 and %n; Python's {name} (core messages are .format()ted after translation).
QT_PLACEHOLDER = re.compile(r"%(?:[1-9]|n)")
PY_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

# DOMAIN.md: the seed text was machine-reworded; the product uses the standard terms only.
REWORDED_SEED_TERMS = {
    "法律救济": "法律援助",
    "效劳": "服务",
    "掩盖面": "覆盖面",
    "根底": "基础",
    "乐观": "积极",
    "流淌人口": "流动人口",
    "生疏": "熟悉",
    "经受": "经历",
    "把握": "控制",
    "标准化": "规范化",
    "宣扬": "宣传",
}


def _messages(ts: Path = update.TS) -> list[dict]:
    """Every message of a .ts: context, source, numerus flag, translation texts and type."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = translation.findall("numerusform") if translation is not None else []
            if forms:
                texts = [f.text or "" for f in forms]
            else:
                texts = [(translation.text or "") if translation is not None else ""]
            found.append({
                "context": name,
                "source": message.findtext("source") or "",
                "comment": message.findtext("comment") or "",
                "numerus": message.get("numerus") == "yes",
                "texts": texts,
                "type": translation.get("type") if translation is not None else None,
            })
    return found


MESSAGES = _messages()


def _id(message: dict) -> str:
    return f"[{message['context']}] {message['source'][:50]}"


def test_translation_file_has_messages():
    assert len(MESSAGES) > 100, "the zh_CN .ts looks empty; run resources/translations/update.py"


# -- (a) complete --------------------------------------------------------------------------------

def test_committed_ts_has_no_unfinished_message():
    assert update.untranslated(update.TS) == []


def test_sources_ask_for_nothing_untranslated():
    """lupdate over desktop/, sync/, forms/ finds no string the committed .ts lacks."""
    missing = update.check()
    assert missing == [], "untranslated strings (fill them in legalaid_zh_CN.ts):\n" + "\n".join(
        f"  [{context}] {source}" for context, source in missing)


def test_numerus_messages_have_one_chinese_form():
    numerus = [m for m in MESSAGES if m["numerus"]]
    assert numerus, "expected the %n messages (e.g. 'Not saved: %n problem(s)')"
    for message in numerus:
        assert len(message["texts"]) == 1 and message["texts"][0].strip(), _id(message)


def test_contexts_are_ones_qt_looks_up():
    """A context is a class name (self.tr) or a core context ("Validation"...), never a variable.

    lupdate files `parent.tr("...")` under the context "parent" and a bare `tr("...")` under "",
    but at run time Qt looks the text up under the class of the object (e.g. "MainWindow"), so
    such strings stay English however well they are translated. Use self.tr in the class itself,
    or QCoreApplication.translate("SomeContext", "...").
    """
    bad = sorted({(m["context"], m["source"]) for m in MESSAGES
                  if not re.fullmatch(r"[A-Z][A-Za-z0-9_]*", m["context"] or "")})
    assert not bad, "strings under a context Qt never asks for:\n" + "\n".join(
        f"  [{context}] {source}" for context, source in bad)


# -- (b) placeholders ------------------------------------------------------------------------------

@pytest.mark.parametrize("message", MESSAGES, ids=_id)
def test_translation_keeps_placeholders(message):
    source = message["source"]
    for text in message["texts"]:
        if not text:
            continue  # not translated yet: the completeness tests report it
        assert sorted(QT_PLACEHOLDER.findall(text)) == sorted(QT_PLACEHOLDER.findall(source)), (source, text)
        assert sorted(PY_PLACEHOLDER.findall(text)) == sorted(PY_PLACEHOLDER.findall(source)), (source, text)


@pytest.mark.parametrize("message", [m for m in MESSAGES if PY_PLACEHOLDER.search(m["source"])
                                     or m["context"] in ("Validation", "Storage")], ids=_id)
def test_core_translation_formats_like_its_source(message):
    """Core texts go through str.format(**params): stray braces in Chinese would raise."""
    names = {name: "X" for name in PY_PLACEHOLDER.findall(message["source"])}
    for text in message["texts"]:
        if not text:
            continue  # not translated yet: the completeness tests report it
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        assert fields == set(names), (message["source"], text)
        text.format(**names)


# -- (c) the compiled .qm matches the .ts -----------------------------------------------------------

def test_committed_qm_is_up_to_date(tmp_path):
    fresh = tmp_path / "fresh.qm"
    update.lrelease(update.TS, fresh)
    if fresh.read_bytes() == update.QM.read_bytes():
        return
    # Different bytes: fail unless lrelease itself is not byte-deterministic; then compare meanings.
    again = tmp_path / "again.qm"
    update.lrelease(update.TS, again)
    assert fresh.read_bytes() != again.read_bytes(), (
        "legalaid_zh_CN.qm is stale: run `python resources/translations/update.py` and commit the .qm")
    _assert_same_translations(update.QM, fresh)


def _assert_same_translations(committed: Path, fresh: Path) -> None:
    from PySide6.QtCore import QTranslator

    old, new = QTranslator(), QTranslator()
    assert old.load(str(committed)) and new.load(str(fresh))
    for m in MESSAGES:
        n = 2 if m["numerus"] else -1
        assert old.translate(m["context"], m["source"], m["comment"] or None, n) == \
            new.translate(m["context"], m["source"], m["comment"] or None, n), _id(m)


# -- (d) standard terms ----------------------------------------------------------------------------

@pytest.mark.parametrize("term", sorted(REWORDED_SEED_TERMS))
def test_no_reworded_seed_term(term):
    offending = [(_id(m), text) for m in MESSAGES for text in m["texts"] if term in text]
    assert not offending, f"use {REWORDED_SEED_TERMS[term]} instead of {term}: {offending}"


def test_translations_are_chinese():
    """Every translation has Chinese in it, except those that are only placeholders/shortcuts."""
    han = re.compile(r"[\u4e00-\u9fff]")
    english = [(_id(m), text) for m in MESSAGES for text in m["texts"]
               if not han.search(text) and re.search(r"[A-Za-z]{3,}", text)]
    assert not english, english


def test_no_translation_call_hides_inside_an_f_string():
    """lupdate does not read the expressions of an f-string: `f"{self.tr('Target')} …"` never reached the
    catalogue, and the indicator screen showed English. Translate first, then format."""
    literal = r"""["'][^"']*["']"""
    hidden = re.compile(r"""\bf["'][^\n]*?\{\s*(?:self\.tr\(\s*["']|(?:QCoreApplication\.translate|QT_TRANSLATE_NOOP)\(\s*"""
                        + literal + r"""\s*,\s*["'])""")
    offending = [f"{path.relative_to(ROOT)}:{number}"
                 for folder in ("desktop", "sync", "forms") for path in sorted((ROOT / folder).rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if hidden.search(line)]
    assert not offending, offending
