"""The county center's API against the real server: token, applications received, decisions with the
same rules as the CLI (Chinese reasons), material files only when complete."""

from __future__ import annotations

import hashlib

import requests

from sync.server.__main__ import main as server_cli
from helpers.county import add_roster
from sync_tests.test_attachment_upload import attach
from sync_tests.test_attachment_upload import engine as file_engine
from helpers.records import application


def api(county, method: str, path: str, token: str | None, **kw) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.request(method, county.url + "/v1/admin" + path, headers=headers, timeout=10, **kw)


def token_of(county, capsys) -> str:
    assert server_cli(["admin-token", "--data-dir", str(county.data_dir)]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_without_the_token_nothing_is_shown(county, capsys):
    assert api(county, "GET", "/stations", None).status_code == 401
    assert api(county, "GET", "/applications", "wrong").status_code == 401
    token = token_of(county, capsys)
    assert api(county, "GET", "/stations", token).status_code == 200
    assert server_cli(["admin-token", "--rotate", "--data-dir", str(county.data_dir)]) == 0
    new = capsys.readouterr().out.strip()
    assert new != token
    assert api(county, "GET", "/stations", token).status_code == 401  # the old token stops working
    assert api(county, "GET", "/stations", new).status_code == 200


def test_the_center_sees_decides_and_fetches_materials(enrolled, county, tmp_path, capsys):
    token = token_of(county, capsys)
    saved = enrolled.station.store.save("application", application(name="张三"), user="李芳")
    att = attach(enrolled, tmp_path, 200_000, 41, record_id=saved.id)
    assert file_engine(enrolled).sync_round().complete
    listed = api(county, "GET", "/applications?status=received", token).json()["applications"]
    assert [(a["number"], a["name"], a["status"], a["station"]) for a in listed] == \
        [(saved.number, "张三", "received", "TS01")]
    detail = api(county, "GET", f"/applications/{saved.number}", token).json()
    assert detail["data"]["name"] == "张三" and detail["materials"][0]["received"] is True
    got = api(county, "GET", f"/files/{att.sha256}", token)
    assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == att.sha256
    assert got.headers["content-type"] == "application/pdf"
    # decisions with the CLI's rules, refusals in Chinese
    add_roster(county)
    refused = api(county, "POST", f"/applications/{saved.number}/decisions", token,
                  json={"kind": "assign", "data": {"lawyer": "L001"}})
    assert refused.status_code == 422 and "先决定给予法律援助" in refused.json()["message_zh"]
    for kind, data in (("accept", {}), ("grant", {"note": "符合经济困难标准"}), ("assign", {"lawyer": "L001"})):
        answer = api(county, "POST", f"/applications/{saved.number}/decisions", token, json={"kind": kind, "data": data})
        assert answer.status_code == 200, answer.text
    assert api(county, "GET", "/applications?status=assigned", token).json()["applications"][0]["number"] == saved.number
    result = file_engine(enrolled).sync_round()
    assert result.events == 3
    assert enrolled.station.store.get("application", saved.id).status == "assigned"
    assert api(county, "GET", "/applications/NOPE-2026-00001", token).status_code == 404
    # the county's audit trail: who read the application, downloaded its scan, decided on it (the admin API is the
    # scripts' service credential: its account, never a name the caller types)
    from desktop.records import audit
    from sync.server.staff import SERVICE_ACCOUNT

    service = SERVICE_ACCOUNT.name
    trail = [(e.account, e.action, e.record_id) for e in reversed(audit.entries(county.store.conn()))]
    assert trail == [(service, audit.SAW, saved.id), (service, audit.DOWNLOADED, att.sha256),
                     *[(service, audit.DECIDED, saved.id)] * 3]
    assert audit.verify(county.store.conn()).intact


def test_a_file_not_yet_complete_is_not_served(enrolled, county, tmp_path, capsys):
    token = token_of(county, capsys)
    att = attach(enrolled, tmp_path, 300_000, 42)
    calls = []
    file_engine(enrolled).sync_round(progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) > 2)
    assert api(county, "GET", f"/files/{att.sha256}", token).status_code == 404
    assert api(county, "GET", "/files/not-a-hash", token).status_code == 404


def test_the_openapi_schema_documents_every_endpoint_and_is_not_served(county):
    for public in ("/openapi.json", "/docs", "/redoc"):  # nothing about the server before authentication
        assert requests.get(county.url + public, timeout=10).status_code == 404
    from sync.server.app import create_app
    paths = create_app(county.data_dir).openapi()["paths"]
    for path in ("/v1/enroll", "/v1/changes", "/v1/events", "/v1/files/{sha256}", "/v1/reference",
                 "/v1/admin/applications", "/v1/admin/applications/{number}/decisions", "/v1/admin/files/{sha256}"):
        assert path in paths, path


def test_a_voided_application_is_shown_voided_and_cannot_be_decided(enrolled, county, capsys):
    token = token_of(county, capsys)
    store = enrolled.station.store
    saved = store.save("application", application(name="李四"), user="李芳")
    store.void("application", saved.id, "重复登记", user="李芳")
    assert file_engine(enrolled).sync_round().complete
    [listed] = api(county, "GET", "/applications", token).json()["applications"]
    assert listed["number"] == saved.number and listed["voided"] is True
    refused = api(county, "POST", f"/applications/{saved.number}/decisions", token, json={"kind": "accept"})
    assert refused.status_code == 422 and "已被工作站作废" in refused.json()["message_zh"]


def test_decisions_go_forward_only_and_art26_needs_a_lawyer(enrolled, county, capsys):
    token = token_of(county, capsys)
    store = enrolled.station.store
    saved = store.save("application", application(name="王五"), user="李芳")
    assert file_engine(enrolled).sync_round().complete

    def decide(kind, data=None):
        return api(county, "POST", f"/applications/{saved.number}/decisions", token, json={"kind": kind, "data": data or {}})

    add_roster(county)
    assert decide("accept").status_code == 200
    assert decide("grant", {"note": "符合条件"}).status_code == 200
    back = decide("accept")  # not back to 受理 after the grant
    assert back.status_code == 422 and "已决定给予法律援助" in back.json()["message_zh"]
    assert decide("grant").status_code == 422  # not twice
    assert decide("refuse", {"reasons": ["改变主意"]}).status_code == 422
    assert decide("progress", {"note": "已会见"}).status_code == 422  # progress only after the assignment
    # Art. 26: a possible life or death sentence needs a LAWYER with >= 3 years (not staff, not a firm)
    with county.store.write() as conn:
        conn.execute("UPDATE records SET data = json_set(data, '$.life_or_death', json('true')) WHERE number = ?",
                     (saved.number,))
    junior = decide("assign", {"lawyer": "L002"})  # 2 years
    assert junior.status_code == 422 and "第二十六条" in junior.json()["message_zh"]
    assert decide("assign", {"lawyer": "L001"}).status_code == 200
    closing = decide("close")
    assert closing.status_code == 422 and "办理结果" in closing.json()["message_zh"]
    assert decide("close", {"result": "已审结"}).status_code == 200
    assert decide("progress", {"note": "补记"}).status_code == 422  # closed


def test_the_api_assigns_by_roster_number_with_the_rosters_facts(enrolled, county, tmp_path, capsys):
    token = token_of(county, capsys)
    csv = tmp_path / "名册.csv"
    csv.write_text("编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话\n"
                   "L001,赵大明,律师,青山律师事务所,5,是,13812345678\n"
                   "L002,钱小红,律师,青山律师事务所,2,否,\n", encoding="utf-8")
    assert server_cli(["roster", "import", str(csv), "--data-dir", str(county.data_dir)]) == 0
    saved = enrolled.station.store.save("application", application(name="孙七"), user="李芳")
    assert file_engine(enrolled).sync_round().complete
    path = f"/applications/{saved.number}/decisions"
    assert api(county, "POST", path, token, json={"kind": "accept"}).status_code == 200
    assert api(county, "POST", path, token, json={"kind": "grant"}).status_code == 200
    unknown = api(county, "POST", path, token, json={"kind": "assign", "data": {"lawyer": "L999"}})
    assert unknown.status_code == 422 and "L999" in unknown.json()["message_zh"]
    answer = api(county, "POST", path, token, json={"kind": "assign", "data": {"lawyer": "L001", "note": "就近指派"}})
    assert answer.status_code == 200, answer.text
    event = answer.json()["data"]
    assert (event["name"], event["firm"], event["years_of_practice"], event["lawyer_id"], event["note"]) == \
        ("赵大明", "青山律师事务所", 5, "L001", "就近指派")


def test_files_come_with_their_name_and_a_bad_status_filter_is_refused(enrolled, county, tmp_path, capsys):
    import os
    import stat

    token = token_of(county, capsys)
    att = attach(enrolled, tmp_path, 20_000, 43, name="身份证.pdf")
    assert file_engine(enrolled).sync_round().complete
    got = api(county, "GET", f"/files/{att.sha256}", token)
    assert "filename*=utf-8''" in got.headers["content-disposition"]  # the Chinese name, RFC 5987
    bad = api(county, "GET", "/applications?status=bogus", token)
    assert bad.status_code == 422 and "received" in bad.json()["message"]
    if os.name == "posix":
        assert stat.S_IMODE((county.data_dir / "county.db").stat().st_mode) == 0o600
