"""Refresh the zh_CN translation from the sources and compile it.

    python resources/translations/update.py          # update legalaid_zh_CN.ts, then build the .qm
    python resources/translations/update.py --check  # exit 1 if any string lacks a translation

Translators edit `legalaid_zh_CN.ts` (Qt Linguist works); run this after changing
UI strings, fill the new entries, run it again and commit both files.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = ("desktop", "sync", "forms")
TS = HERE / "legalaid_zh_CN.ts"
QM = HERE / "legalaid_zh_CN.qm"


def qt_tool(name: str) -> list[str]:
    """The lupdate/lrelease shipped inside the PySide6 wheel."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    raise SystemExit(f"cannot find Qt's {name}; is PySide6 installed?")


def source_files() -> list[str]:
    files = []
    for folder in SOURCES:
        files += sorted(str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*.py"))
    return files


def lupdate(target: Path) -> None:
    subprocess.run([*qt_tool("lupdate"), *source_files(), "-no-obsolete", "-locations", "none", "-ts", str(target)],
                   cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([*qt_tool("lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True, capture_output=True)


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = translation is not None and translation.findall("numerusform")
            text = "".join(n.text or "" for n in numerus) if numerus else (translation.text if translation is not None else "")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not text:
                missing.append((name, message.findtext("source")))
    return missing


def check() -> list[tuple[str, str]]:
    """Run lupdate on a copy: what the sources ask for that the committed .ts lacks."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / TS.name
        shutil.copy(TS, copy)
        lupdate(copy)
        return untranslated(copy)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        missing = check()
        for context, source in missing:
            print(f"untranslated [{context}] {source}")
        return 1 if missing else 0
    lupdate(TS)
    lrelease(TS, QM)
    missing = untranslated(TS)
    print(f"{TS.name}: {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
