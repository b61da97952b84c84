"""The county workspace's API treats its callers as hostile too: bounded bodies and filters, login guessing
throttled, a decision's data checked strictly, issued documents only for the station they were issued to;
each refusal a 4xx with a Chinese reason, and nothing recorded."""

from __future__ import annotations

import hashlib

import requests

from helpers.language import english_words
from sync.limits import AUTH_FAILURES_PER_MINUTE, MAX_FILTER_CHARS, MAX_PASSWORD_CHARS, MAX_SMALL_BODY_BYTES

PASSWORD = "correct horse 42"


def post(county, path: str, token: str | None = None, headers: dict | None = None, **kw) -> requests.Response:
    headers = {**(headers or {}), **({"Authorization": f"Bearer {token}"} if token else {})}
    return requests.post(county.url + "/v1/workspace" + path, headers=headers, timeout=10, **kw)


def login(county) -> str:
    county.store.staff.save("lifang", "李芳", ["reviewer", "head"], PASSWORD)
    answer = post(county, "/login", json={"name": "lifang", "password": PASSWORD})
    assert answer.status_code == 200
    return answer.json()["token"]


def test_login_guessing_is_throttled_and_the_right_password_waits_too(county):
    county.store.staff.save("lifang", "李芳", ["reviewer"], PASSWORD)
    tries = [post(county, "/login", json={"name": "lifang", "password": f"guess{i}"}).status_code
             for i in range(AUTH_FAILURES_PER_MINUTE)]
    assert tries == [401] * AUTH_FAILURES_PER_MINUTE
    late = post(county, "/login", json={"name": "lifang", "password": PASSWORD})
    assert late.status_code == 429 and "一分钟" in late.json()["message_zh"]


def test_oversized_and_malformed_bodies_and_filters_are_refused(county):
    assert post(county, "/login", json={"name": "x" * 33, "password": "p"}).status_code == 422
    assert post(county, "/login", json={"name": "lifang", "password": "p" * (MAX_PASSWORD_CHARS + 1)}
                ).status_code == 422
    assert post(county, "/login", data=b"{" + b" " * MAX_SMALL_BODY_BYTES + b"}",
                headers={"Content-Type": "application/json"}).status_code == 413
    token = login(county)
    ask = lambda query: requests.get(county.url + "/v1/workspace/queue" + query, timeout=10,
                                     headers={"Authorization": f"Bearer {token}"}).status_code
    assert ask("?text=" + "张" * (MAX_FILTER_CHARS + 1)) == 422
    assert ask("?status=anything") == 422 and ask("?page=0") == 422 and ask("?deadline=soon") == 200
    assert requests.get(county.url + "/v1/workspace/queue", timeout=10).status_code == 401


def test_a_decisions_data_is_checked_strictly_and_nothing_is_recorded(enrolled, county):
    from helpers.records import application
    from sync_tests.test_attachment_upload import engine

    saved = enrolled.station.store.save("application", application(), user="李明")
    assert engine(enrolled).sync_round().complete
    token = login(county)
    path = f"/applications/{saved.id}/decisions"
    for body in ({"kind": "accept", "data": {"note": 5}, "expected_version": 0},
                 {"kind": "accept", "data": {"by": "冒名"}, "expected_version": 0},
                 {"kind": "refuse", "data": {"reasons": ["x" * 2001]}, "expected_version": 0},
                 {"kind": "accept", "data": {}, "expected_version": -1},
                 {"kind": "sign_everything", "data": {}, "expected_version": 0}):
        answer = post(county, path, token, json=body)
        assert answer.status_code == 422, body
        assert answer.json()["message_zh"]
    assert county.store.conn().execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert post(county, "/applications/no-such-id/decisions", token,
                json={"kind": "accept", "data": {}, "expected_version": 0}).status_code == 422


def test_a_station_gets_only_documents_issued_to_it(enrolled, county):
    from sync_tests.test_attachment_upload import engine

    unknown = hashlib.sha256(b"not issued").hexdigest()
    with engine(enrolled).transport.stream(f"/v1/documents/{unknown}") as answer:
        assert answer.status_code == 404
    assert requests.get(f"{county.url}/v1/documents/{unknown}", timeout=10).status_code == 401


def test_a_screen_asking_with_an_ended_session_is_told_to_log_in_and_never_locked_out(county):
    token = login(county)
    assert post(county, "/logout", token).status_code == 200
    answers = [requests.get(county.url + "/v1/workspace/counts", headers={"Authorization": f"Bearer {token}"},
                            timeout=10) for _ in range(AUTH_FAILURES_PER_MINUTE + 5)]
    assert {a.status_code for a in answers} == {401} and "重新登录" in answers[-1].json()["message_zh"]
    assert post(county, "/login", json={"name": "lifang", "password": PASSWORD}).status_code == 200


def test_a_roster_file_too_large_or_not_base64_is_refused_and_nothing_changes(county):
    import base64

    from sync.limits import MAX_ROSTER_FILE_BYTES, MAX_ROSTER_IMPORT_BODY_BYTES
    from sync.server import reference

    county.store.staff.save("admin", "管理员", ["admin"], PASSWORD)
    token = post(county, "/login", json={"name": "admin", "password": PASSWORD}).json()["token"]
    huge = post(county, "/roster/import", token, data=b"x" * (MAX_ROSTER_IMPORT_BODY_BYTES + 1),
                headers={"Content-Type": "application/json"})
    assert huge.status_code == 413  # refused before it is read
    too_big = base64.b64encode(b"a" * (MAX_ROSTER_FILE_BYTES + 1)).decode("ascii")
    answer = post(county, "/roster/import", token, json={"csv_base64": too_big})
    assert answer.status_code == 422 and "超过名册应有的大小" in answer.json()["message_zh"] + str(answer.json())
    garbled = post(county, "/roster/import", token, json={"csv_base64": "不是base64!"})
    assert garbled.status_code == 422 and garbled.json()["message_zh"]
    (line, reason), = garbled.json()["problems"]  # said as a line of the file, in words ("base64" is the wire's)
    assert line == 1 and "重新导入" in reason and english_words(reason) == []
    assert reference.roster(county.store) == []


def test_the_measures_and_reports_bound_their_questions(county):
    """The period, the measure, the place and the page of the plan's measures and reports are bounded and checked:
    each wrong one is a 4xx with a Chinese reason, never a long computation or a file."""
    from sync.limits import MAX_MEASURE_DAYS, MAX_STATION_CODE_CHARS

    token = login(county)

    def ask(path: str, auth: bool = True) -> requests.Response:
        return requests.get(county.url + "/v1/workspace" + path, timeout=30,
                            headers={"Authorization": f"Bearer {token}"} if auth else {})

    period = "from=2026-01-01&to=2026-06-30"
    assert ask(f"/measures?{period}").status_code == 200
    assert ask(f"/measures?{period}", auth=False).status_code == 401
    backwards = ask("/measures?from=2026-06-30&to=2026-01-01")
    assert backwards.status_code == 422 and "开始日期" in backwards.json()["message_zh"]
    assert ask("/measures/records?key=cases&from=2000-01-01&to=2026-01-01").status_code == 422
    decade = ask("/reports/LIST?from=2000-01-01&to=2026-01-01&format=csv")
    assert decade.status_code == 422 and str(MAX_MEASURE_DAYS) in decade.json()["message_zh"]
    for wrong in (f"/measures?{period}&chart=everything", "/measures?from=yesterday&to=2026-06-30",
                  f"/measures?{period}&township=" + "镇" * (MAX_FILTER_CHARS + 1),
                  f"/measures?{period}&station=" + "S" * (MAX_STATION_CODE_CHARS + 1),
                  f"/measures/records?{period}&key=cases&page=0", f"/measures/records?{period}",
                  f"/reports/EVERYTHING?{period}", f"/reports/LIST?{period}&format=exe",
                  f"/reports/LIST?{period}&type=persons"):
        assert ask(wrong).status_code == 422, wrong
    unknown = ask(f"/measures/records?{period}&key=cases&station=XX99")
    assert unknown.status_code == 422 and "没有这个乡镇或工作站" in unknown.json()["message_zh"]


def test_the_complaints_ledger_bounds_and_checks_what_it_is_given(enrolled, county):
    """A handling step is bounded and checked: an over-long text, an unknown kind, a made-up reply method or an
    unknown complaint is refused with a Chinese reason, and nothing is recorded."""
    from sync.limits import MAX_COMPLAINT_STEP_CHARS
    from sync_tests.test_attachment_upload import engine
    from tests.unit.casework_examples import complaint

    saved = enrolled.station.store.save("complaint", complaint(), user="李明")
    assert engine(enrolled).sync_round().complete
    token = login(county)
    path = f"/complaints/{saved.id}/handling"
    for body in ({"kind": "step", "text": "查" * (MAX_COMPLAINT_STEP_CHARS + 1)}, {"kind": "close", "text": "已处理"},
                 {"kind": "step", "text": "已处理", "satisfaction": "x" * 21}, {"kind": "step"},
                 {"kind": "answer", "text": "已答复", "answered_on": "yesterday", "reply_method": "phone"}):
        assert post(county, path, token, json=body).status_code == 422, body
    made_up = post(county, path, token, json={"kind": "answer", "text": "已答复", "answered_on": "2024-05-21",
                                               "reply_method": "pigeon"})
    assert made_up.status_code == 422 and "答复方式" in made_up.json()["message_zh"]
    blank = post(county, path, token, json={"kind": "step", "text": "   "})
    assert blank.status_code == 422 and "处理" in blank.json()["message_zh"]
    unknown = post(county, "/complaints/no-such-id/handling", token, json={"kind": "step", "text": "已处理"})
    assert unknown.status_code == 422 and "投诉" in unknown.json()["message_zh"]
    assert requests.get(county.url + "/v1/workspace/complaints?state=everything", timeout=10,
                        headers={"Authorization": f"Bearer {token}"}).status_code == 422
    with county.database() as conn:
        assert conn.execute("SELECT count(*) FROM complaint_handling").fetchone()[0] == 0
