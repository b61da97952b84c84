"""Fixtures for the forms tests: records saved through the real store, a fixed clock, PDF helpers."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from forms.context import RenderContext, context_for
from helpers.records import resident_id

CLOCK = datetime(2026, 3, 6, 10, 0)
LONG_FACTS = ("申请人自2024年3月起在宏达建筑劳务有限公司承建的青山县城南安置房工地从事钢筋工作，双方未签订书面劳动合同。"
              "公司以工程款未到位为由，拖欠申请人2024年9月至2025年12月的工资共计三万六千元，"
              "申请人多次向项目负责人催要，对方均推诿不付。") * 12


def civil_minimal() -> dict:
    return {"received_at": "2026-03-05T10:00", "channel": "window", "name": "赵六", "id_type": "resident_id",
            "id_number": resident_id(sequence="456"), "case_type": "civil", "aid_kind": "litigation",
            "cause": "离婚纠纷", "facts": "要求离婚。", "eligibility_ground": "art32", "art32_ground": "abuse_victim",
            "categories": ["domestic_violence_victim"], "clerk": "李芳"}


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


COUNTY_STATUS = {"accept": "accepted", "supplement": "supplement", "grant": "granted", "refuse": "refused",
                 "assign": "assigned", "progress": None, "close": "closed"}


@pytest.fixture
def decide(services):
    """The county decides on a saved application: its rules (sync.server.decisions) check the decision, and
    the station stores the event exactly as a sync pulls it (sync.events.record_event)."""
    from desktop.records.db import write_transaction
    from sync.events import record_event
    from sync.server.decisions import check_decision

    seq = [0]

    def _decide(record, kind: str, data: dict | None = None, at: str = "2026-03-06T02:30:00+00:00",
                check: bool = True):
        data = dict(data or {})
        db = services.station.db
        status = db.execute("SELECT status FROM applications WHERE id = ?", (record.id,)).fetchone()[0]
        if check and kind in COUNTY_STATUS:
            accepted = db.execute("SELECT 1 FROM county_events WHERE application_id = ? AND kind = 'accept'",
                                  (record.id,)).fetchone() is not None
            check_decision(kind, data, record.data, None if status in (None, "recorded") else status, accepted)
        seq[0] += 1
        event = {"event_id": f"ev-{record.id}-{seq[0]}", "station": "TS01", "kind": kind,
                 "application_number": record.number, "application_id": record.id,
                 "status": COUNTY_STATUS.get(kind, kind), "at": at, "by": "县法律援助中心", "data": data,
                 "seq": 1000 + seq[0] + db.execute("SELECT count(*) FROM county_events").fetchone()[0]}
        with write_transaction(db) as conn:
            record_event(conn, event, "2026-03-06T10:31")
        return services.station.store.get("application", record.id)

    return _decide


ASSIGNED = {"assignee_kind": "lawyer", "name": "陈律师", "firm": "青山县正义律师事务所", "years_of_practice": 6,
            "minors_specialist": True, "phone": "13600000000"}
REASSIGNED = {"assignee_kind": "lawyer", "name": "刘律师", "firm": "青山县明德律师事务所", "years_of_practice": 9,
              "minors_specialist": True, "phone": "13600000001", "note": "受援人申请更换"}
LONG_FIRM = "青山县" + "正义为民" * 12 + "律师事务所"


@pytest.fixture
def filled(services, save, decide):
    """A record every form of the catalogue can be printed filled for, with the county's decisions that
    form needs; size "long" fills every field and decision with long values (the layout's worst case)."""
    from forms.county import county_decisions

    def _filled(form, size: str = "max"):
        long = size == "long"
        if form.record_type == "consultation":
            data = consultation_maximal() if size != "min" else consultation_minimal()
            if long:
                data.update(question=LONG_FACTS[:3000], answer=LONG_FACTS[:3000], name="欧阳" + "明" * 28,
                            id_number=resident_id(sequence="299"),
                            referral_note="青山县" + "劳动" * 40)
            return save("consultation", data), None
        if form.record_type != "application":
            return ({"complainant": "李四" * (15 if long else 1), "matter": "承办律师未及时联系。" * (40 if long else 1)}
                    if size != "min" else {}), None
        if form.id in ("application_criminal",):
            data = criminal_maximal()
        else:
            data = civil_maximal() if size != "min" else civil_minimal()
        if form.id == "advance_approval":
            data.update(urgent=True, urgency_reason="deadline", urgent_deadline="2026-03-10")
        if long:
            data.update(facts=LONG_FACTS[:4900], cause="追索劳动报酬" * 8, id_number=resident_id(sequence="299"), opposing_party="青山县" + "宏达" * 45 + "公司",
                        address="青山县测试镇" + "东街" * 40 + "12号", name="欧阳" + "明" * 28,
                        income_sources="务工" * 60, property="农村住房" * 40)
        record = save("application", data)
        firm = {**ASSIGNED, "firm": LONG_FIRM, "name": "诸葛" + "明" * 18} if long else ASSIGNED
        many = ["劳动合同或者工资欠条原件" * (6 if long else 1)] * (9 if long else 2)
        if form.id == "refusal_decision":
            decide(record, "supplement", {"items": many})
            decide(record, "accept")  # 受理 before 不予, as the county's order says
            decide(record, "refuse", {"reasons": ["申请人家庭人均月收入高于本县法律援助经济困难标准" * (5 if long else 1),
                                                  "申请事项不属于法律援助范围"]})
        elif form.requires or form.id in ("approval_form", "file_cover"):
            decide(record, "supplement", {"items": many})
            decide(record, "accept")
            decide(record, "grant")
            decide(record, "assign", firm)
            if form.id in ("change_notice",):
                decide(record, "assign", {**REASSIGNED, "firm": LONG_FIRM} if long else REASSIGNED)
            decide(record, "close", {"result": "调解结案。" * (60 if long else 1)})
            if form.id == "termination_decision":
                decide(record, "terminate", {"reasons": ["受援人自行委托律师" * (6 if long else 1)], "ground": "第一款第六项"},
                       check=False)
        record = services.station.store.get("application", record.id)  # with the status the county set
        return record, county_decisions(services.station.db, record)

    return _filled


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
