"""The county workspace's API over loopback HTTP against the real server, through the workspace client: staff
log in with their own accounts, see the queue counting down, decide with their roles' rights; a wrong
password, an ended session, a missing right and a stale view each get a Chinese reason and change nothing.
The documents the decisions issue are numbered, sealed and signed by the county."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from desktop.records.deadlines import today_in_china
from forms.signing import verify_pdf
from helpers.county import add_roster
from helpers.records import application
from sync.workspace_client import (
    Member,
    NotAllowed,
    RosterRefused,
    QueueFilters,
    SessionExpired,
    StaleView,
    WorkspaceClient,
    WorkspaceError,
)
from sync_tests.test_attachment_upload import attach
from sync_tests.test_attachment_upload import engine as file_engine

PASSWORD = "correct horse 42"


def staff(county) -> None:
    county.store.staff.save("lifang", "李芳", ["reviewer"], PASSWORD)
    county.store.staff.save("wangqiang", "王强", ["head"], PASSWORD)
    county.store.staff.save("zhaomin", "赵敏", ["assigner"], PASSWORD)
    county.store.staff.save("admin", "管理员", ["admin"], PASSWORD)


def client(county, name: str | None = None) -> WorkspaceClient:
    found = WorkspaceClient(county.url, county.fingerprint)
    if name:
        found.login(name, PASSWORD)
    return found


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")


@pytest.fixture
def received(enrolled, county, tmp_path):
    """An application with a material, synced to the county; the center's staff and roster."""
    saved = enrolled.station.store.save("application", application(name="张三", received_at="2026-12-01T09:00"),
                                        user="李明")
    attach(enrolled, tmp_path, 50_000, 7, record_id=saved.id)
    assert file_engine(enrolled).sync_round().complete
    staff(county)
    add_roster(county)
    return saved


def test_a_reviewer_sees_the_queue_and_the_application_in_full(received, county):
    reviewer = client(county, "lifang")
    assert reviewer.session.account.display_name == "李芳" and reviewer.session.account.roles == ("reviewer",)
    page = reviewer.queue()
    assert page.total == 1
    item = page.items[0]
    assert (item.number, item.name, item.status, item.station) == (received.number, "张三", "received", "TS01")
    assert item.deadline.kind == "decide" and item.deadline.due == "2026-12-08" and "七日" in item.deadline.text
    assert reviewer.queue(QueueFilters(status="granted")).total == 0
    assert reviewer.queue(QueueFilters(text="张三")).total == 1
    assert reviewer.queue(QueueFilters(group="migrant_worker")).total == 1
    assert reviewer.queue(QueueFilters(group="minor")).total == 0
    assert reviewer.counts().to_decide == 1
    view = reviewer.application(item.application_id)
    assert view.data["name"] == "张三" and view.view_version == 0 and view.versions[0].version == 1
    material = view.materials[0]
    assert material.received and material.signature_ok and "登记" in material.signature
    assert hashlib.sha256(reviewer.material_bytes(material.sha256)).hexdigest() == material.sha256


def test_the_consultations_the_county_received_are_searchable(enrolled, county):
    from helpers.records import consultation

    enrolled.station.store.save("consultation", consultation(name="王五", question="工伤认定需要哪些材料？"), user="李明")
    enrolled.station.store.save("consultation", consultation(name="赵六"), user="李明")
    assert file_engine(enrolled).sync_round().complete
    staff(county)
    reviewer = client(county, "lifang")
    assert reviewer.consultations().total == 2
    found = reviewer.consultations("工伤")
    assert found.total == 1 and found.items[0].name == "王五" and found.items[0].station == "TS01"
    assert reviewer.consultations(station="TS02").total == 0


def test_wrong_password_ended_session_and_missing_right_change_nothing(received, county):
    with pytest.raises(WorkspaceError) as wrong:
        client(county, None).login("lifang", "not the password")
    assert "密码" in str(wrong.value)
    reviewer = client(county, "lifang")
    view = reviewer.application(reviewer.queue().items[0].application_id)
    with pytest.raises(NotAllowed) as refused:
        reviewer.decide(view.application_id, "grant", {}, view.view_version)
    assert "审查人员" in str(refused.value) and "给予法律援助" in str(refused.value)
    with pytest.raises(NotAllowed):
        reviewer.save_member(Member("L009", "周律师", "lawyer", "青山律师事务所", 4, False))
    # the session ends a working day after login, however busy
    with county.database() as db:
        db.execute("UPDATE staff_sessions SET started = started - 13 * 3600")
    with pytest.raises(SessionExpired) as ended:
        reviewer.decide(view.application_id, "accept", {}, view.view_version)
    assert "重新登录" in str(ended.value)
    again = client(county, "lifang")
    assert again.application(view.application_id).view_version == 0 and again.application(
        view.application_id).status == "received"


def test_a_decision_on_a_stale_view_is_refused_with_what_the_other_person_did(received, county):
    first, second = client(county, "lifang"), client(county, "lifang")
    application_id = first.queue().items[0].application_id
    seen_by_first = first.application(application_id)
    seen_by_second = second.application(application_id)
    event = first.decide(application_id, "accept", {"note": "材料齐全"}, seen_by_first.view_version)
    assert (event.kind, event.by, event.account) == ("accept", "李芳", "lifang")
    with pytest.raises(StaleView) as stale:
        second.decide(application_id, "supplement", {"items": ["身份证复印件"]}, seen_by_second.view_version)
    assert "李芳" in str(stale.value) and "受理" in str(stale.value) and "未作任何更改" in str(stale.value)
    assert [e.kind for e in stale.value.events] == ["accept"]
    now = second.application(application_id)
    assert [e.kind for e in now.events] == ["accept"] and now.status == "accepted"


def test_the_head_grants_and_the_assigner_assigns_with_issued_documents(received, county):
    reviewer, head, assigner = client(county, "lifang"), client(county, "wangqiang"), client(county, "zhaomin")
    application_id = reviewer.queue().items[0].application_id
    reviewer.decide(application_id, "accept", {}, 0)
    view = head.application(application_id)
    grant = head.decide(application_id, "grant", {"note": "符合经济困难标准"}, view.view_version)
    assert grant.by == "王强" and grant.data["document_number"] == "1"
    assert [d.form for d in grant.documents] == ["grant_decision"]
    assert reviewer.counts().to_assign == 1
    assert reviewer.queue().items[0].deadline.kind == "assign"
    view = assigner.application(application_id)
    assign = assigner.decide(application_id, "assign", {"lawyer": "L001", "handling_organ": "青山县人民法院"},
                             view.view_version)
    assert [d.form for d in assign.documents] == ["assignment_notice", "official_letter"]
    assert (assign.data["document_number"], assign.data["letter_number"]) == ("1", "1")
    overview = assigner.roster_overview()
    assert {m.id: m.open_cases for m in overview.members}["L001"] == 1
    assert (overview.law_firm_share, overview.law_firm_target, overview.assigned_this_year) == (100.0, 35.0, 1)
    decision = head.issued_document(grant.documents[0].sha256)
    check = verify_pdf(decision, roots=[county.store.county_key.root()])
    assert check.ok and check.signer == county.store.county_key.center_name()
    text = text_of(decision)
    assert "给予法律援助决定书" in text and "张三" in text and "第1号" in text
    notice = text_of(assigner.issued_document(assign.event_id, "assignment_notice", assigner.application(
        application_id)))
    assert "指派通知书" in notice and "赵律师" in notice and "青山律师事务所" in notice


def test_documents_are_numbered_without_gaps_per_form_and_year(received, enrolled, county):
    other = enrolled.station.store.save("application", application(name="李四", received_at="2026-12-02T09:00",
                                                                    id_number="110101199001011237"), user="李明")
    assert file_engine(enrolled).sync_round().complete
    head = client(county, "wangqiang")
    ids = {item.name: item.application_id for item in head.queue().items}
    with pytest.raises(WorkspaceError) as refused:  # not accepted yet: refused, and no number is taken
        head.decide(ids["李四"], "grant", {}, 0)
    assert "先受理" in str(refused.value)
    for name in ("张三", "李四"):
        head.decide(ids[name], "accept", {}, 0)
    first = head.decide(ids["张三"], "refuse", {"reasons": ["经济状况不符合标准"]}, head.application(ids["张三"]).view_version)
    second = head.decide(ids["李四"], "grant", {}, head.application(ids["李四"]).view_version)
    assert (first.data["document_number"], second.data["document_number"]) == ("1", "1")  # one counter per form
    assert other.number in {i.number for i in head.queue().items}


def test_the_administrator_keeps_roster_townships_stations_and_accounts(received, county):
    admin = client(county, "admin")
    version = admin.save_member(Member("L009", "周律师", "lawyer", "青山律师事务所", 4, True, "13900000000"))
    assert version >= 1 and any(m.id == "L009" and m.minors_familiar for m in admin.roster())
    assert admin.deactivate_member("L009") > version
    with pytest.raises(WorkspaceError) as bad:
        admin.save_member(Member("L010", "吴律师", "lawyer", "", 4, False))
    assert "执业机构" in str(bad.value)
    admin.save_township("测试镇", 32000)
    assert {"测试镇": 32000} == {t.name: t.registered_population for t in admin.townships()}
    added = admin.add_station("TS02", "河西镇法律援助工作站", "河西镇")
    sheet = text_of(admin.enrollment_sheet(added.code, added.enrollment_code))
    assert added.enrollment_code.replace("-", "") in sheet.replace("-", "") and "TS02" in sheet
    rows = {s.code: s for s in admin.stations()}
    assert rows["TS01"].last_change_at and rows["TS01"].waiting == 1 and rows["TS02"].enrolled_at is None
    admin.revoke_station("TS02", "测试")
    assert {s.code: s for s in admin.stations()}["TS02"].revoked_at
    admin.save_account("sunli", "孙丽", ["archivist"], PASSWORD)
    assert client(county, "sunli").session.account.roles == ("archivist",)
    admin.deactivate_account("sunli")
    with pytest.raises(WorkspaceError):
        client(county, "sunli")


def decided_and_assigned(county) -> tuple:
    reviewer, head, assigner = client(county, "lifang"), client(county, "wangqiang"), client(county, "zhaomin")
    application_id = reviewer.queue().items[0].application_id
    reviewer.decide(application_id, "accept", {}, 0)
    grant = head.decide(application_id, "grant", {}, head.application(application_id).view_version)
    assign = assigner.decide(application_id, "assign", {"lawyer": "L001", "handling_organ": "青山县人民法院"},
                             assigner.application(application_id).view_version)
    return grant, assign


def test_the_station_receives_the_issued_documents_verifies_and_prints_them_as_issued(received, enrolled, county):
    from forms.case_file import build_case_file
    from forms.context import context_for
    from forms.county import county_decisions
    from forms.render import render_form

    grant, assign = decided_and_assigned(county)
    result = file_engine(enrolled).sync_round()
    assert result.events == 3 and result.documents == 3 and result.error is None
    record = enrolled.station.store.get("application", received.id)
    assert record.status == "assigned"
    decisions = county_decisions(enrolled.station.db, record)
    assert set(decisions.issued) == {"grant_decision", "assignment_notice", "official_letter"}
    root = county.store.county_key.root()
    for form, event in (("grant_decision", grant), ("assignment_notice", assign)):
        printed = render_form(form, record, context_for(enrolled), decisions=decisions)
        assert hashlib.sha256(printed).hexdigest() == {d.form: d.sha256 for d in event.documents}[form]
        check = verify_pdf(printed, roots=[root])
        assert check.ok and check.signer == county.store.county_key.center_name()
    letter = text_of(render_form("official_letter", record, context_for(enrolled), decisions=decisions))
    assert "青山县人民法院" in letter and "赵律师" in letter
    case_file = text_of(build_case_file(enrolled, received.id, context=context_for(enrolled, signer=None)))
    assert "县法律援助中心出具" in case_file and "第1号" in case_file
    assert file_engine(enrolled).sync_round().documents == 0  # kept once


def test_a_document_changed_on_the_way_is_not_kept(received, enrolled, county):
    grant, _assign = decided_and_assigned(county)
    sha256 = grant.documents[0].sha256
    path = county.data_dir / "documents" / f"{sha256}.pdf"
    changed = county.store.issuer.document(county.store.conn(), sha256).replace(b"%%EOF", b"%%EOF\n% changed", 1)
    county.store.seal.store(path, "document", sha256, changed)  # kept sealed, as the county keeps every document
    result = file_engine(enrolled).sync_round()
    assert result.documents == 2 and result.error is None
    rows = enrolled.station.db.execute("SELECT form FROM county_documents ORDER BY form").fetchall()
    assert [r[0] for r in rows] == ["assignment_notice", "official_letter"]


def test_the_installer_makes_the_first_administrator_on_the_command_line(county, monkeypatch, capsys):
    import sys

    from sync.server.__main__ import main as server_cli

    folder = ["--data-dir", str(county.data_dir)]
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert server_cli(["account", "add", "admin", "--name", "张明", "--role", "admin", "--password-stdin", *folder]) == 0
    assert "张明" in capsys.readouterr().out
    admin = client(county, "admin")
    assert admin.session.account.roles == ("admin",)
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert server_cli(["account", "add", "lifang", "--name", "李芳", "--role", "reviewer", "--password-stdin",
                       *folder]) == 1
    assert "密码长度" in capsys.readouterr().err
    assert server_cli(["account", "deactivate", "admin", *folder]) == 1  # the last administrator stays
    assert "最后一个" in capsys.readouterr().err
    assert server_cli(["account", "list", *folder]) == 0
    assert "系统管理员" in capsys.readouterr().out


def test_a_supplement_notice_lists_the_items_and_the_period_and_the_case_goes_on_when_supplied(received, enrolled,
                                                                                               county):
    from forms.context import context_for
    from forms.county import county_decisions
    from forms.render import render_form
    from helpers.records import edit

    reviewer, head = client(county, "lifang"), client(county, "wangqiang")
    application_id = reviewer.queue().items[0].application_id
    notice = reviewer.decide(application_id, "supplement", {"items": ["户口簿复印件", "劳动合同"]}, 0)
    assert notice.data["days"] == 15 and [d.form for d in notice.documents] == ["supplement_notice"]
    assert reviewer.queue(QueueFilters(status="supplement")).items[0].deadline.kind == "supplement"
    with pytest.raises(WorkspaceError) as bad:
        reviewer.decide(application_id, "supplement", {"items": ["x"], "deadline": "下周五"}, notice.seq)
    assert "补充期限" in str(bad.value) and "YYYY-MM-DD" in str(bad.value)  # the field by its label, in Chinese
    assert "deadline" not in str(bad.value)
    today = today_in_china()
    for never_withdrawn in ("9999-12-31", (today + timedelta(days=367)).isoformat(), (today - timedelta(days=1)).isoformat()):
        with pytest.raises(WorkspaceError) as bad:  # due in 9999 (never counted as withdrawn) or already past
            reviewer.decide(application_id, "supplement", {"items": ["x"], "deadline": never_withdrawn}, notice.seq)
        assert f"“补充期限”须在 {today} 至 {today + timedelta(days=366)} 之间" in str(bad.value)
    assert reviewer.application(application_id).view_version == notice.seq  # nothing recorded
    assert file_engine(enrolled).sync_round().documents == 1
    record = enrolled.station.store.get("application", received.id)
    printed = text_of(render_form("supplement_notice", record, context_for(enrolled),
                                  decisions=county_decisions(enrolled.station.db, record)))
    assert "户口簿复印件" in printed and "劳动合同" in printed and "15" in printed
    edit(enrolled.station, "application", received.id, {**record.data, "facts": record.data["facts"] + "（已补充材料）"})
    assert file_engine(enrolled).sync_round().complete
    view = reviewer.application(application_id)
    assert view.version == 2 and len(view.versions) == 2
    reviewer.decide(application_id, "accept", {}, view.view_version)
    granted = head.decide(application_id, "grant", {}, head.application(application_id).view_version)
    assert granted.status == "granted"


def test_termination_issues_its_decision_and_an_objection_is_recorded_with_the_bureaus_answer(received, enrolled,
                                                                                               county, capsys):
    from sync.server.__main__ import main as server_cli

    folder = ["--data-dir", str(county.data_dir)]
    for args in (["accept"], ["grant"], ["assign", "--lawyer", "L001"]):
        assert server_cli(["decide", args[0], received.number, *args[1:], *folder]) == 0
    assert server_cli(["decide", "objection", received.number, "--answer", "维持", *folder]) == 1  # not refused
    assert server_cli(["decide", "terminate", received.number, *folder]) == 1
    assert "第四十八条" in capsys.readouterr().err
    assert server_cli(["decide", "terminate", received.number, "--reason", "受援人以欺骗手段获得法律援助", *folder]) == 0
    assert server_cli(["decide", "objection", received.number, "--answer", "经审查，维持终止决定", *folder]) == 0
    head = client(county, "wangqiang")
    view = head.application(head.queue().items[0].application_id)
    assert view.status == "terminated" and [e.kind for e in view.events][-2:] == ["terminate", "objection"]
    terminate = view.events[-2]
    assert terminate.account == "console" and [d.form for d in terminate.documents] == ["termination_decision"]
    result = file_engine(enrolled).sync_round()
    assert result.documents == 4 and enrolled.station.store.get("application", received.id).status == "terminated"
    # an outcome that is neither of Art. 49's two is refused in Chinese, and nothing changes
    with pytest.raises(WorkspaceError) as refused:
        head.decide(view.application_id, "objection", {"answer": "待定", "outcome": "maybe"}, view.view_version)
    assert "第四十九条" in str(refused.value) and head.application(view.application_id).status == "terminated"
    # the bureau orders the termination corrected: the aid comes back as it was (assigned), at the station too
    assert server_cli(["decide", "objection", received.number, "--answer", "终止理由不成立", "--outcome", "corrected",
                       *folder]) == 0
    assert head.application(view.application_id).status == "assigned"
    assert file_engine(enrolled).sync_round().complete
    assert enrolled.station.store.get("application", received.id).status == "assigned"


ROSTER_CSV = "\n".join(["编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话",
                        "L101,周明,律师,青山律师事务所,6,是,13812345678",
                        "F101,青山律师事务所,律师事务所,,10,否,"]).encode("utf-8-sig")


def test_the_administrator_imports_a_roster_file_and_a_bad_one_changes_nothing(county):
    staff(county)
    admin = client(county, "admin")
    result = admin.import_roster(ROSTER_CSV)
    assert (result.added, result.updated, result.unchanged) == (2, 0, 0)
    assert {"L101", "F101"} <= {m.id for m in admin.roster()}
    again = admin.import_roster(ROSTER_CSV)  # the same file: nothing changes, no new reference version
    assert (again.added, again.unchanged, again.version) == (0, 2, result.version)
    bad = ROSTER_CSV + "\nL102,吴律师,律师,青山律师事务所,三年,也许,\nL101,重复,律师,某所,1,否,".encode("utf-8")
    with pytest.raises(RosterRefused) as refused:
        admin.import_roster(bad)
    assert "没有导入" in str(refused.value)
    lines = dict(refused.value.problems)
    assert "执业年限" in lines[4] and "熟悉未成年人案件" in lines[4] and "L101" in lines[5] and "第 2 行" in lines[5]
    assert all(not any(c.isascii() and c.isalpha() for c in reason.replace("L101", "").replace("CSV", ""))
               for reason in lines.values()), lines  # the reasons are Chinese
    assert {m.id for m in admin.roster()} >= {"L101"} and "L102" not in {m.id for m in admin.roster()}
    with pytest.raises(NotAllowed):
        client(county, "lifang").import_roster(ROSTER_CSV)  # a reviewer keeps no roster
    with pytest.raises(WorkspaceError):
        admin.import_roster("编号,姓名".encode("gbk"))  # not UTF-8, not the header: refused, nothing changed


def test_adding_never_replaces_an_account_or_a_roster_member(received, county):
    """添加 with a name or number that is taken is refused in Chinese and changes nothing (the account keeps its
    roles and password, the member their details); 修改 of the same changes them."""
    admin = client(county, "admin")
    admin.save_member(Member("L009", "周律师", "lawyer", "青山律师事务所", 4, True, "13900000000"), new=True)
    with pytest.raises(WorkspaceError) as taken:
        admin.save_member(Member("L009", "吴律师", "lawyer", "临河律师事务所", 0, False), new=True)
    assert "编号 L009 已属于 周律师" in str(taken.value)
    kept = {m.id: m for m in admin.roster()}["L009"]
    assert (kept.name, kept.years_of_practice, kept.minors_familiar, kept.phone) == ("周律师", 4, True, "13900000000")
    admin.save_member(Member("L009", "周律师", "lawyer", "青山律师事务所", 5, True, "13900000000"))  # 修改
    assert {m.id: m for m in admin.roster()}["L009"].years_of_practice == 5

    with pytest.raises(WorkspaceError) as taken:
        admin.save_account("lifang", "冒名顶替", ["admin"], "another password 42", new=True)
    assert "账号 lifang 已存在" in str(taken.value)
    assert client(county, "lifang").session.account.roles == ("reviewer",)  # the old password still works


def test_numbers_that_are_not_plain_digits_and_years_beyond_the_plan_are_refused_in_chinese(county):
    """From a review with hostile input: years of practice written ① or ² crashed the roster import (HTTP 500, no
    line named); a measures period in the year 9999 crashed the measures (the day after its end overflowed)."""
    from datetime import date

    from sync.workspace_client import RosterRefused

    staff(county)
    admin = client(county, "admin")
    bad = "\n".join(["编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话",
                     "L201,孙明,律师,青山律师事务所,①,是,", "L202,钱亮,律师,青山律师事务所,²,否,"]).encode("utf-8")
    with pytest.raises(RosterRefused) as refused:
        admin.import_roster(bad)
    assert [line for line, _reason in refused.value.problems] == [2, 3]
    assert "L201" not in {m.id for m in admin.roster()}
    with pytest.raises(WorkspaceError) as out_of_range:
        admin.measures(date(9999, 1, 1), date(9999, 12, 31))
    assert "期间须在 2000 年至 2099 年之间" in str(out_of_range.value)


def test_control_characters_in_what_staff_type_are_refused_in_chinese(received, county):
    """From a review with bad input: a complaint step of NUL was recorded (and sent to the station), NUL and bell
    characters were kept in names that appear on decisions."""
    admin = client(county, "admin")
    for attempt in (lambda: admin.save_member(Member("L301", "周\x00律师", "lawyer", "青山律师事务所", 4, False), new=True),
                    lambda: admin.save_account("sunqi", "孙\x07七", ["archivist"], PASSWORD, new=True),
                    lambda: admin.save_township("测\x00试镇", 32000),
                    lambda: admin.add_station("TS09", "河西镇\x1b工作站", "河西镇")):
        with pytest.raises(WorkspaceError) as refused:
            attempt()
        assert "控制字符" in str(refused.value)
    assert "L301" not in {m.id for m in admin.roster()} and "TS09" not in {s.code for s in admin.stations()}
    admin.save_member(Member("L302", "周律师", "lawyer", "青山律师事务所\t", 4, False), new=True)  # a tab is text


def test_an_unreachable_or_garbled_county_is_said_without_python_words(county):
    """requests' class names ("ConnectionError") and json's "Expecting value" are not words for the staff."""
    from helpers.county import free_port
    from helpers.language import english_words

    closed = WorkspaceClient(county.url, county.fingerprint)
    closed.base_url = f"http://127.0.0.1:{free_port()}"  # (nothing listens there)
    with pytest.raises(WorkspaceError) as unreachable:
        closed.login("admin", PASSWORD)
    assert unreachable.value.code == "unreachable" and "连接" in str(unreachable.value)
    with pytest.raises(WorkspaceError) as garbled:
        WorkspaceClient._json(b"<html>Welcome to nginx!</html>")
    assert english_words(str(unreachable.value)) == [] and english_words(str(garbled.value)) == []


def test_a_refusal_nobody_worded_reaches_the_staff_in_chinese_not_as_its_english_detail(county, monkeypatch):
    """A CountyError without a message (the county's CLI raises some) answered its English detail as message_zh."""
    from helpers.language import english_words
    from sync.server import workspace as county_workspace
    from sync.server.errors import CountyError

    def unworded(_store, _township):
        raise CountyError("the registered population table is locked by a migration")

    staff(county)
    monkeypatch.setattr(county_workspace, "save_township", unworded)
    with pytest.raises(WorkspaceError) as refused:
        client(county, "admin").save_township("城关镇", 52000)
    assert refused.value.status == 422 and english_words(str(refused.value)) == [], str(refused.value)
    assert "县" in str(refused.value)
