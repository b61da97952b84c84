"""Fixtures for the forms tests: records saved through the real store, a fixed clock, PDF helpers."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from desktop.records.idcard import check_digit
from forms.context import RenderContext, context_for

CLOCK = datetime(2026, 3, 6, 10, 0)
LONG_FACTS = ("申请人自2024年3月起在宏达建筑劳务有限公司承建的青山县城南安置房工地从事钢筋工作，双方未签订书面劳动合同。"
              "公司以工程款未到位为由，拖欠申请人2024年9月至2025年12月的工资共计三万六千元，"
              "申请人多次向项目负责人催要，对方均推诿不付。") * 12


def resident_id(birth: str = "19850312", region: str = "411528", sequence: str = "123") -> str:
    first17 = region + birth + sequence
    return first17 + check_digit(first17)


def civil_minimal() -> dict:
    return {"received_at": "2026-03-05T10:00", "channel": "window", "name": "赵六", "id_type": "resident_id",
            "id_number": resident_id(sequence="456"), "case_type": "civil", "aid_kind": "litigation",
            "cause": "离婚纠纷", "facts": "要求离婚。", "eligibility_ground": "art32", "art32_ground": "abuse_victim",
            "clerk": "李芳"}


def civil_maximal(**changes) -> dict:
    data = {"received_at": "2026-03-05T10:00", "channel": "outreach", "outreach_event": "法律援助进村宣传",
            "name": "张伟", "gender": "male", "ethnicity": "01", "id_type": "resident_id", "id_number": resident_id(),
            "birth_date": "1985-03-12", "phone": "13812345678", "address": "青山县测试镇东街12号", "postcode": "465450",
            "hukou": "河南省信阳市青山县测试镇", "occupation": "钢筋工", "work_unit": "宏达建筑劳务有限公司",
            "education": "junior", "health": "healthy", "categories": ["migrant_worker", "veteran"],
            "language": "汉语", "interpreter_needed": False, "accessibility_needs": "无",
            "agent_name": "张小伟", "agent_relation": "child", "agent_id_number": resident_id("20050101", sequence="111"),
            "agent_phone": "13912345678", "case_type": "labour_arbitration", "aid_kind": "arbitration",
            "litigation": False, "cause": "追索劳动报酬纠纷", "proceeding_status": "not_started",
            "legal_position": "applicant", "art31_category": "labour", "opposing_party": "青山县宏达建筑劳务有限公司",
            "opposing_address": "青山县城关镇建设路8号", "amount": "36000", "facts": "公司拖欠工资三万六千元，多次催要未果。",
            "eligibility_ground": "hardship_checked", "informed_judicial_assistance": True, "household_size": 4,
            "monthly_income": "2400", "income_sources": "务工收入", "property": "农村住房一处",
            "applied_before": True, "applied_before_detail": "2024年6月，青山县法律援助中心，青援申〔2024〕15号",
            "materials": ["id_copy", "hardship_proof", "case_material"], "materials_pages": 12,
            "urgent": False, "clerk": "李芳", "note": "申请人携带工资欠条原件。"}
    data.update(changes)
    return data


def criminal_maximal() -> dict:
    return {"received_at": "2026-03-04T15:20", "channel": "notification", "name": "王小明", "gender": "male",
            "ethnicity": "03", "id_type": "resident_id", "id_number": resident_id("20090615", sequence="331"),
            "phone": "13700001111", "address": "青山县测试镇西村", "categories": ["minor"],
            "legal_rep_name": "王大明", "legal_rep_relation": "parent", "legal_rep_phone": "13700002222",
            "case_type": "criminal", "aid_kind": "criminal_defence", "litigation": True, "cause": "盗窃案",
            "criminal_role": "suspect", "charge": "盗窃罪", "criminal_stage": "prosecution",
            "detention_place": "青山县看守所", "life_or_death": False, "notifying_organ": "procuratorate",
            "notification_number": "青检通援〔2026〕3号", "facts": "犯罪嫌疑人系未成年人，检察院通知辩护。",
            "eligibility_ground": "criminal_notification", "art25_ground": "minor", "clerk": "李芳"}


def consultation_maximal() -> dict:
    return {"occurred_at": "2026-03-05T09:30", "channel": "walk_in", "name": "张伟", "gender": "male",
            "phone": "13812345678", "ethnicity": "01", "id_type": "resident_id", "id_number": resident_id(),
            "address": "青山县测试镇东街12号", "categories": ["migrant_worker"], "matter_category": "wages",
            "question": "老板拖欠工资三个月，共一万二千元，问怎么办。", "answer": "建议申请劳动仲裁，保存考勤记录等证据。",
            "clerk": "李芳", "minutes": 20, "outcome": "referred", "referred_to": "labour_arbitration",
            "referral_note": "青山县劳动人事争议仲裁委员会", "follow_up_needed": True, "follow_up_note": "一周后电话回访"}


def consultation_minimal() -> dict:
    return {"occurred_at": "2026-03-05T09:30", "channel": "hotline", "anonymous": True, "matter_category": "other",
            "question": "问。", "answer": "答。", "clerk": "李芳", "outcome": "answered"}


@pytest.fixture
def context(services) -> RenderContext:
    return context_for(services, clock=lambda: CLOCK, signer=None)


@pytest.fixture
def save(station):
    def _save(record_type: str, data: dict):
        saved = station.store.save(record_type, data, user="李芳")
        return station.store.get(record_type, saved.id)
    return _save


def pdftotext(pdf: bytes, tmp_path: Path, first: int | None = None, last: int | None = None) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-layout", "-enc", "UTF-8"]
    if first:
        command += ["-f", str(first)]
    if last:
        command += ["-l", str(last)]
    return subprocess.run(command + [str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def pages_png(pdf: bytes, tmp_path: Path, dpi: int = 50) -> list[Path]:
    folder = tmp_path / "png"
    folder.mkdir(exist_ok=True)
    path = folder / "doc.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


requires_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                      reason="poppler-utils (pdftotext, pdftoppm) is not installed")
