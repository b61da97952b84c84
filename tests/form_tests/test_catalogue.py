"""The catalogue: every standard form is there, its data is consistent, and forms/ runs without Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.records.fields import FIELDS
from forms.catalogue import all_forms, default_catalogue, forms_for, get_form, load_catalogue, placeholders
from forms.county import COUNTY_VALUES
from forms.values import DERIVED
from helpers.qt_blocked import run_without_qt

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {
    "consultation_register": "法律援助咨询登记表", "application_criminal": "法律援助申请表",
    "application_civil": "法律援助申请表", "hardship_statement": "经济困难状况说明表",
    "integrity_commitment": "个人诚信承诺书", "receipt": "法律援助申请材料接收凭证", "supplement_notice": "补充材料通知书",
    "grant_decision": "给予法律援助决定书", "refusal_decision": "不予法律援助决定书", "assignment_notice": "指派通知书",
    "official_letter": "法律援助公函", "follow_up_record": "法律援助案件回访记录表", "court_attendance": "旁听庭审记录表",
    "complaint_registration": "法律援助投诉登记表", "closure_report": "法律援助案件结案报告表",
    "quality_evaluation": "案件质量评查表", "file_cover": "卷宗封面", "file_toc": "卷内目录",
}
ALL_FIELD_NAMES = {f.name for fields in FIELDS.values() for f in fields}


def test_every_standard_form_is_in_the_catalogue():
    forms = {f.id: f for f in all_forms()}
    for form_id, title in REQUIRED.items():
        assert form_id in forms, form_id
        assert title in forms[form_id].name
    assert len(forms) >= 13


def test_every_placeholder_names_a_field_a_derived_value_or_a_declared_extra_field():
    for form in all_forms():
        known = ALL_FIELD_NAMES | set(DERIVED) | set(COUNTY_VALUES) | set(form.extra_fields)
        for name, _ in placeholders(form.spec.get("blocks")):
            assert name in known or name.startswith("_"), f"{form.id}: unknown placeholder {{{name}}}"


def test_number_lines_use_each_documents_own_character():
    chars = {f.id: f.number_char for f in all_forms() if f.number_char}
    assert chars["application_civil"] == chars["application_criminal"] == "援申字"
    assert chars["grant_decision"] == "援决字" and chars["assignment_notice"] == "援指字"
    documents = [c for fid, c in chars.items() if not fid.startswith("application_")]
    assert len(documents) == len(set(documents)), "two kinds of document share a number character"


def test_forms_for_a_record_type_and_for_a_record():
    ids = [f.id for f in forms_for("application")]
    assert "application_civil" in ids and "application_criminal" in ids and "receipt" in ids
    assert [f.id for f in forms_for("consultation")] == ["consultation_register"]
    criminal = [f.id for f in forms_for("application", {"case_type": "criminal"})]
    assert "application_criminal" in criminal and "application_civil" not in criminal
    spec = get_form("receipt")
    assert spec.has_seal and spec.seal_owner == "station" and spec.title == "法律援助申请材料接收凭证"
    assert not get_form("application_civil").has_seal


def test_case_file_order_names_only_known_forms():
    catalogue = default_catalogue()
    for entry in catalogue.case_file["order"]:
        assert entry.get("attachments") or entry["form"] in catalogue.ids()


def test_a_county_can_change_the_wording_without_code(tmp_path):
    import json
    import shutil

    from forms.context import RenderContext
    from forms.render import layout

    folder = tmp_path / "forms"
    shutil.copytree(ROOT / "resources" / "forms", folder)
    spec = json.loads((folder / "grant_decision.json").read_text(encoding="utf-8"))
    spec["blocks"][0]["text"] = "给予法律援助决定书（县定样式）"
    (folder / "grant_decision.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    catalogue = load_catalogue(folder)
    section = layout("grant_decision", None, RenderContext(), catalogue)
    drawn = [t for page in section.pages for t in page.ops]
    assert drawn and catalogue.get("grant_decision").blocks[0]["text"].endswith("（县定样式）")


def test_a_broken_form_file_is_reported_by_name(tmp_path):
    from forms.catalogue import CatalogueError

    (tmp_path / "bad.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(CatalogueError, match="bad.json"):
        load_catalogue(tmp_path)


def test_forms_import_without_qt():
    code = (
        "import forms.render, forms.case_file, forms.signing, forms.seal, forms.catalogue, forms.__main__\n"
        "from forms.render import render_form\n"
        "assert render_form('receipt', None)[:5] == b'%PDF-'\n"
        "print('ok')\n"
    )
    result = run_without_qt(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
