"""Every legal sentence of the forms is traceable to the article it paraphrases (resources/forms/_law.json)."""

from __future__ import annotations

import re
from typing import Any, Iterator

from forms.catalogue import all_forms, default_catalogue
from forms.values import grant_articles

CN_DIGITS = "零一二三四五六七八九"
CITED = re.compile(r"第([一二三四五六七八九十]+)条")
LEGAL = re.compile(r"法律援助法|第[一二三四五六七八九十]+条|司法行政部门|应当|不得|视为撤回|终止法律援助|异议")


def _number(chinese: str) -> str:
    """第四十九条 -> "49"."""
    if "十" not in chinese:
        return str(CN_DIGITS.index(chinese))
    tens, _, ones = chinese.partition("十")
    return str((CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0))


def _texts(node: Any, law: dict | None, where: str) -> Iterator[tuple[str, dict | None, str]]:
    """(text, the law tag in force, where) for every string of a form, the nearest `law` tag inherited."""
    if isinstance(node, dict):
        law = node.get("law", law)
        for key, value in node.items():
            if key not in ("law", "when", "id", "name", "record_type", "why_not", "number", "extra_fields"):
                yield from _texts(value, law, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, law, f"{where}[{i}]")
    elif isinstance(node, str):
        yield node, law, where


def _all_texts():
    catalogue = default_catalogue()
    for form in all_forms():
        yield from _texts(form.spec.get("blocks"), None, form.id)
    yield catalogue.common["note"], catalogue.common.get("note_law"), "_common.note"


def test_every_article_a_form_cites_is_tagged_and_every_tag_quotes_its_article():
    articles = default_catalogue().law["articles"]
    problems = []
    for text, law, where in _all_texts():
        cited = {_number(m) for m in CITED.findall(text)}
        if cited and (law is None or not cited <= set(law["articles"])):
            problems.append(f"{where}: cites {sorted(cited)} but is tagged {law and law['articles']}")
        if law is None:
            continue
        for article in law["articles"]:
            if article not in articles:
                problems.append(f"{where}: article {article} is not in _law.json")
        quoted = "".join(articles[a]["text"] for a in law["articles"] if a in articles)
        for term in law.get("terms", []):
            if term not in quoted:
                problems.append(f"{where}: {term!r} is not in the text of articles {law['articles']}")
            if term not in text and not any(term in t for t, lw, _ in _all_texts() if lw is law):
                problems.append(f"{where}: {term!r} is not in the sentence")
    assert not problems, "\n".join(problems)


def test_a_sentence_stating_a_legal_rule_names_its_article():
    untagged = [f"{where}: {text[:40]}" for text, law, where in _all_texts()
                if LEGAL.search(text) and law is None and "{law_name}" in text]
    assert not untagged, "\n".join(untagged)
    paragraphs = [(text, law, where) for text, law, where in _all_texts() if where.endswith(".text")]
    for text, law, where in paragraphs:
        if re.search(r"第[一二三四五六七八九十]+条", text):
            assert law is not None, where


def test_the_grant_basis_names_known_articles_and_fits_each_ground():
    law = default_catalogue().law
    for rule in law["grant_basis"]:
        assert rule["articles"] and all(a in law["articles"] for a in rule["articles"]), rule
    assert grant_articles({"case_type": "civil", "eligibility_ground": "hardship_checked"}) == "第三十一条"
    assert grant_articles({"case_type": "civil", "eligibility_ground": "art32"}) == "第三十二条"
    assert grant_articles({"case_type": "civil", "eligibility_ground": "art42"}) == "第三十一条、第四十二条"
    assert grant_articles({"case_type": "criminal", "criminal_role": "suspect",
                           "eligibility_ground": "commitment"}) == "第二十四条"
    assert grant_articles({"case_type": "criminal", "criminal_role": "victim",
                           "eligibility_ground": "hardship_checked"}) == "第二十九条"
    assert grant_articles({"case_type": "criminal", "eligibility_ground": "criminal_notification"}) == "第二十五条"


def test_article_49_gives_the_five_days_to_the_bureau_not_the_applicant():
    for text, _law, where in _all_texts():
        assert "自收到本决定书之日起五日内" not in text, where
        if "异议" in text and "五日" in text:
            assert "司法行政部门应当自收到异议之日起五日内" in text, where
