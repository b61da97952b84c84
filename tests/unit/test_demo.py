"""Demo data (`python -m desktop demo-data`): valid records from data files, the same for the same seed,
and sample scans attached and signed like a clerk's, all verifying."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from desktop import demo
from desktop.demo import scans as demo_scans
from desktop.paths import resource_path
from desktop.records.idcard import parse_resident_id
from desktop.records.reference import default_reference
from desktop.records.station import open_station
from desktop.records.validation import validate
from desktop.services import open_services
from helpers.qt_blocked import run_without_qt
from helpers.accounts import provided

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 6, 2, 10, 30)
SCAN_SLOTS = {"id_copy", "hardship_proof", "commitment", "case_material"}


def records(seed: int, count: int) -> list[tuple[str, dict]]:
    return list(demo.generate_records(random.Random(seed), count, demo.DEMO_SETTINGS, now=NOW))


@pytest.fixture(scope="module")
def station_dir(tmp_path_factory) -> Path:
    """A demo station made by the command's own code: 60 records, seed 7."""
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    assert demo.run_demo_data(provided(data_dir), 60, seed=7) == 0  # its station head made first, as at a first start
    return data_dir


@pytest.fixture
def services(station_dir):
    opened = open_services(provided(station_dir))
    yield opened
    opened.close()


# -- the data files ---------------------------------------------------------------------------------


def test_the_data_files_load_and_fit_the_generator():
    names = sorted(p.stem for p in resource_path("demo").glob("*.json"))
    assert names == ["aftercare", "applications", "common", "consultations", "people", "places", "scans"]
    for name in names:
        loaded = demo.load_texts(name)
        assert loaded["_about"] and json.loads(json.dumps(loaded)) == loaded
    consult, apps = demo.load_texts("consultations"), demo.load_texts("applications")
    assert set(consult["questions"]) == set(consult["answers"]) == set(consult["matters"])
    assert all(consult["openers"][c] for c in ("walk_in", "hotline", "online", "letter", "outreach"))
    for scenario in apps["scenarios"]:
        assert callable(getattr(demo.Generator, f"_app_{scenario}")), scenario
        assert scenario in apps["cases"], scenario
    people = demo.load_texts("people")
    assert sum(e["weight"] for e in people["ethnic"].values()) == 1000
    assert demo.DEMO_SETTINGS.configured and not demo.DEMO_SETTINGS.issues()


def test_demo_py_is_logic_only():
    """Every Chinese text the generator writes comes from resources/demo (docstrings aside)."""
    import ast
    import re

    modules = sorted(Path(demo.__file__).parent.glob("*.py"))  # the desktop.demo package
    assert len(modules) > 1
    chinese = []
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        chinese += [(module.name, node.value) for node in ast.walk(tree)
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings and re.search(r"[\u4e00-\u9fff]", node.value)]
    assert chinese == []


# -- the records ---------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_records_and_another_seed_others():
    first, again, other = records(5, 400), records(5, 400), records(6, 400)
    assert first == again
    texts = [d.get("question") or d.get("facts") for _, d in first]
    assert texts != [d.get("question") or d.get("facts") for _, d in other]
    assert sum(1 for t, d in first if t == "application" and "_demo_key" in d) == 120


def test_the_same_seed_on_the_same_day_gives_the_same_records_up_to_today():
    def made(now: datetime) -> list[dict]:
        return [d for _, d in demo.generate_records(random.Random(5), 3000, demo.DEMO_SETTINGS, now=now)
                if "_demo_key" in d and (d.get("occurred_at") or d["received_at"]) < "2025-06-02"]

    # in the morning the day's office hours are still ahead; in the evening they are recorded
    morning, evening = made(datetime(2025, 6, 2, 8, 5)), made(datetime(2025, 6, 2, 19, 55))
    assert len(morning) > 2900 and morning == evening


def test_generated_records_validate():
    for record_type, data in records(3, 600):
        if "_demo_void_of" in data:
            continue
        assert validate(record_type, demo.strip_meta(data)) == [], data


def test_void_marks_announce_exactly_the_records_voided_later():
    stream = records(2, 3000)
    marked = {d["_demo_key"] for _, d in stream if d.get("_demo_voided")}
    voided = {d["_demo_void_of"] for _, d in stream if "_demo_void_of" in d}
    assert marked == voided and marked


def test_all_saved_records_validate(services):
    db = services.station.db
    store = services.station.store
    for record_type, table in (("consultation", "consultations"), ("application", "applications")):
        ids = [row[0] for row in db.execute(f"SELECT id FROM {table}")]
        assert ids
        for record_id in ids:
            assert validate(record_type, store.get(record_type, record_id).data) == []


def test_the_same_seed_saves_the_same_record_texts(station_dir, tmp_path):
    assert demo.run_demo_data(provided(tmp_path / "again"), 60, seed=7) == 0

    def texts(data_dir: Path) -> list[tuple]:
        opened = open_services(provided(data_dir))
        try:
            query = ("SELECT json_extract(data, '$.question'), json_extract(data, '$.answer') FROM consultations "
                     "ORDER BY occurred_at, json_extract(data, '$.question')")
            found = [tuple(row) for row in opened.station.db.execute(query)]
            query = ("SELECT json_extract(data, '$.name'), json_extract(data, '$.facts') FROM applications "
                     "ORDER BY received_at, json_extract(data, '$.facts')")
            return found + [tuple(row) for row in opened.station.db.execute(query)]
        finally:
            opened.close()

    assert texts(station_dir) == texts(tmp_path / "again")


# -- the people ----------------------------------------------------------------------------------------


def age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def test_fifty_thousand_people_have_fifty_thousand_id_numbers():
    maker = demo.PersonMaker(random.Random(1), demo.DEMO_SETTINGS)
    numbers = [maker.make(NOW.date()).id_number for _ in range(50_000)]
    assert None not in numbers and len(set(numbers)) == 50_000


def test_id_numbers_stay_unique_when_a_birth_date_runs_out_of_numbers():
    ids = demo.IdNumbers(random.Random(1))
    born = date(1990, 5, 1)
    numbers = [ids.resident("411528", born, "male") for _ in range(600)]
    assert len(set(numbers)) == 600
    assert Counter(n[:6] for n in numbers)["411528"] == 500  # every male number of that county and day
    for number in numbers:  # then the prefecture's other counties: the same birth date and gender, valid
        parsed = parse_resident_id(number, today=NOW.date())
        assert (number[:4], parsed.birth_date, parsed.gender) == ("4115", born, "male")
    again = demo.IdNumbers(random.Random(1), taken=numbers)  # a station that has them already
    assert not {again.resident("411528", born, "male") for _ in range(50)} & set(numbers)


@pytest.mark.parametrize("on", [date(2024, 2, 29), date(2025, 3, 1), date(2025, 12, 31)])
@pytest.mark.parametrize("low, high", [(14, 17), (18, 75), (60, 92), (22, 22)])
def test_people_are_exactly_as_old_as_asked(on, low, high):
    maker = demo.PersonMaker(random.Random(low * high), demo.DEMO_SETTINGS)
    ages = {age(maker.make(on, low=low, high=high).birth, on) for _ in range(400)}
    assert min(ages) == low and max(ages) == high


def test_a_large_stream_gives_each_id_number_to_one_person_and_people_come_back():
    seen: dict[str, tuple] = {}
    days: dict[str, set] = {}
    for _, data in records(8, 20_000):
        if data.get("id_number") and "_demo_key" in data:
            who = (data["name"], data["birth_date"], data["gender"])
            assert seen.setdefault(data["id_number"], who) == who, data["id_number"]
            days.setdefault(data["id_number"], set()).add((data.get("occurred_at") or data["received_at"])[:10])
    assert len(seen) > 9_000
    came_back = sum(1 for d in days.values() if len(d) > 1)  # another day, another matter, the same person
    assert 0.05 < came_back / len(seen) < 0.3


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A station of 3,000 records made by `fill` (every one through Store.save), no scans."""
    station = open_station(provided(tmp_path_factory.mktemp("filled") / "data"))
    station.update_settings(demo.DEMO_SETTINGS)
    counts = demo.fill(station, 3000, seed=11, progress=None, now=NOW)
    yield station, counts
    station.close()


def stored(station) -> list[tuple[str, dict, str]]:
    """(record type, data, the day it happened) of every consultation and application."""
    return [(rt, json.loads(data), day[:10]) for rt, table, column in
            (("consultation", "consultations", "occurred_at"), ("application", "applications", "received_at"))
            for data, day in station.db.execute(f"SELECT data, {column} FROM {table}")]


def test_every_filled_record_is_valid_and_its_person_consistent(filled):
    station, counts = filled
    found = stored(station)
    assert counts["consultation"] + counts["application"] == len(found) == 3000
    regions = {c.code for c in default_reference().choices("regions")}
    residents = 0
    for record_type, data, day in found:
        assert validate(record_type, data) == [], data
        on = date.fromisoformat(day)
        if data.get("id_type") == "resident_id" and data.get("id_number"):
            residents += 1
            parsed = parse_resident_id(data["id_number"], today=on)  # check digit, date, province
            assert data["id_number"][:4] in regions or data["id_number"][:2] in regions - {c[:2] for c in regions
                                                                                          if len(c) == 4}
            assert (data["birth_date"], data["gender"]) == (parsed.birth_date.isoformat(), parsed.gender)
        if data.get("birth_date"):
            years = age(date.fromisoformat(data["birth_date"]), on)
            categories = set(data.get("categories") or ())
            assert ("minor" in categories) == (years < 18) and ("elderly" in categories) == (years >= 60), data
            assert ("woman" in categories) == (data["gender"] == "female" and years >= 18), data
            assert "domestic_violence_victim" not in categories or data["gender"] == "female", data
            assert years >= 18 or data.get("legal_rep_name"), data
    assert residents > 1500


def test_a_filled_station_has_each_person_once_and_people_who_came_back(filled):
    station, counts = filled
    db = station.db
    assert db.execute("SELECT id_number FROM persons WHERE id_number IS NOT NULL "
                      "GROUP BY id_number HAVING count(*) > 1").fetchall() == []
    assert counts["people"] == db.execute("SELECT count(*) FROM persons").fetchone()[0]
    # came back another day, with another matter: the same person record, not a new one
    returning = db.execute(
        "SELECT count(*) FROM (SELECT person_id FROM (SELECT person_id, substr(occurred_at, 1, 10) AS day "
        "FROM consultations UNION ALL SELECT person_id, substr(received_at, 1, 10) FROM applications) "
        "WHERE person_id IS NOT NULL GROUP BY person_id HAVING count(DISTINCT day) > 1)").fetchone()[0]
    assert returning > 100


def test_fill_never_gives_a_new_person_a_number_the_station_has(tmp_path):
    station = open_station(provided(tmp_path / "data"))
    station.update_settings(demo.DEMO_SETTINGS)
    clerk = demo.DEMO_SETTINGS.clerks[0]
    first = next(d for _, d in records(2, 200) if d.get("id_type") == "resident_id" and d.get("id_number"))
    try:  # someone else registered with the number seed 2 gives its first person
        station.store.save("consultation", {
            "occurred_at": "2024-01-02T09:00", "channel": "walk_in", "matter_category": "debt", "clerk": clerk,
            "question": "借款不还怎么办？", "answer": "可以起诉。", "outcome": "answered", "name": "甲某某",
            **{k: first[k] for k in ("id_type", "id_number", "gender", "birth_date")}}, user=clerk)
        counts = demo.fill(station, 200, seed=2, progress=None, now=NOW)
        assert counts["consultation"] + counts["application"] == 200
        assert station.db.execute("SELECT count(DISTINCT id_number) = count(id_number) FROM persons").fetchone()[0]
    finally:
        station.close()


# -- the scans -----------------------------------------------------------------------------------------


def test_applications_have_signed_scans_in_their_checklist_slots(services):
    attachments = services.attachments.all()
    assert attachments, "60 records make about 18 applications; some have scans"
    store = services.station.store
    with_scans = {a.record_id for a in attachments}
    applications = [row[0] for row in services.station.db.execute("SELECT id FROM applications")]
    assert 0.25 <= len(with_scans) / len(applications) <= 0.95
    for a in attachments:
        record = store.get("application", a.record_id)
        assert a.record_type == "application" and not record.voided
        assert a.slot in SCAN_SLOTS and a.slot in record.data["materials"]
        if a.slot in ("hardship_proof", "commitment"):
            assert record.data["eligibility_ground"] == {"hardship_proof": "hardship_checked"}.get(a.slot, a.slot)
        assert a.media_type == ("application/pdf" if a.slot in ("hardship_proof", "commitment") else "image/jpeg")
        assert 40_000 <= a.size <= 300_000
        assert a.captured_by == record.data["clerk"] and a.signature and a.key_id == services.key.key_id
        # scanned just after the clerk saved the application, in the station's past
        lag = datetime.fromisoformat(a.captured_at) - datetime.fromisoformat(record.created_at)
        assert timedelta(0) < lag < timedelta(minutes=10)
    per_record = {}
    for a in attachments:
        per_record.setdefault(a.record_id, []).append(a.slot)
    assert all(1 <= len(slots) <= 3 and len(set(slots)) == len(slots) for slots in per_record.values())


def filled_with_scans(data_dir: Path, count: int, seed: int):
    """Services of a demo station filled by `fill` with scans, its records ending at NOW."""
    opened = open_services(provided(data_dir))
    opened.station.update_settings(demo.DEMO_SETTINGS)
    demo.fill(opened.station, count, seed, attachments=opened.attachments, progress=None, now=NOW)
    return opened


def test_voided_applications_have_no_scans(tmp_path):
    opened = filled_with_scans(tmp_path / "data", 700, seed=1)  # 210 applications, 3 voided later
    try:
        db = opened.station.db
        assert db.execute("SELECT count(*) FROM applications WHERE voided = 1").fetchone()[0] > 0
        assert db.execute("SELECT count(*) FROM attachments a JOIN applications r ON r.id = a.record_id "
                          "WHERE r.voided = 1").fetchone()[0] == 0
        assert len(opened.attachments.all()) > 50
    finally:
        opened.close()


def test_only_the_newest_records_have_scans(tmp_path, monkeypatch):
    monkeypatch.setattr(demo.runner, "SCAN_RECENT", 150)  # 200,000 records' scans would be 9 GB
    opened = filled_with_scans(tmp_path / "data", 400, seed=3)
    try:
        db = opened.station.db
        times = sorted(row[0] for row in db.execute("SELECT occurred_at FROM consultations UNION ALL "
                                                    "SELECT received_at FROM applications"))
        scanned = [row[0] for row in db.execute("SELECT DISTINCT r.received_at FROM attachments a "
                                                "JOIN applications r ON r.id = a.record_id")]
        assert scanned and min(scanned) >= times[-150]
    finally:
        opened.close()


def test_every_scan_verifies(services):
    results = services.attachments.verify_all()
    assert results and {v.status for v in results} == {"ok"}


def test_the_verify_command_passes_on_a_demo_station(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for command in (["account", "create-station"], ["credential", "create"]):  # as an installer's script does
        done = subprocess.run([sys.executable, "-m", "desktop", *command, "--head", "李芳", "--data-dir",
                               str(tmp_path / "data")], input="lifang-2024\n", check=False, cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
        assert done.returncode == 0, done.stderr
    made = subprocess.run([sys.executable, "-m", "desktop", "demo-data", "--count", "40", "--seed", "3",
                           "--data-dir", str(tmp_path / "data")], check=False, cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=300)
    assert made.returncode == 0, made.stderr
    assert "每秒" in made.stdout and "已签名扫描件" in made.stdout
    checked = subprocess.run([sys.executable, "-m", "desktop", "verify", "--data-dir", str(tmp_path / "data")],
                             check=False, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env,
                             timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "已被改动 [tampered] 0 个、缺失 [missing] 0 个、无签名 [unsigned] 0 个" in checked.stdout


# -- the scan maker ------------------------------------------------------------------------------------


def application(**changes) -> dict:
    """A generated application with every material a scan can be made for."""
    for record_type, data in records(4, 300):
        if (record_type == "application" and "_demo_key" in data and data.get("id_number")
                and data.get("eligibility_ground") == "hardship_checked" and "劳动" in data.get("cause", "")):
            return {**demo.strip_meta(data), **changes}
    raise AssertionError("no such application in the stream")


@pytest.mark.parametrize("slot, media_type", [("id_copy", "image/jpeg"), ("hardship_proof", "application/pdf"),
                                              ("commitment", "application/pdf"), ("case_material", "image/jpeg")])
def test_each_kind_of_scan(slot, media_type):
    maker = demo_scans.ScanMaker(demo.DEMO_SETTINGS)
    scan = maker.make(random.Random(1), slot, application(), NOW)
    again = maker.make(random.Random(1), slot, application(), NOW)
    assert (scan.slot, scan.media_type) == (slot, media_type)
    assert scan.data == again.data and scan.file_name == again.file_name  # the seed decides the bytes too
    assert 40_000 <= len(scan.data) <= 300_000
    assert scan.file_name.endswith(".pdf" if media_type.endswith("pdf") else ".jpg")
    if media_type == "application/pdf":
        assert scan.data.startswith(b"%PDF-") and scan.data.count(b"/Type /Page\n") + scan.data.count(b"/Type /Page ") \
            + scan.data.count(b"/Type /Page>") >= 1
        assert b"STSong-Light" in scan.data
    else:
        image = Image.open(io.BytesIO(scan.data))
        assert image.format == "JPEG" and min(image.size) >= 800


def test_scans_follow_the_checklist():
    maker = demo_scans.ScanMaker(demo.DEMO_SETTINGS)
    data = application()
    for seed in range(30):
        scans = maker.scans_for(random.Random(seed), data, NOW)
        slots = [s.slot for s in scans]
        assert 1 <= len(scans) <= 3 and len(set(slots)) == len(slots)
        assert set(slots) <= set(data["materials"]) & SCAN_SLOTS
    assert maker.scans_for(random.Random(1), application(materials=["signed_form"]), NOW) == []
    no_id = application(id_number=None, materials=["id_copy", "case_material"])
    assert {s.slot for s in maker.scans_for(random.Random(2), no_id, NOW)} == {"case_material"}


def test_images_are_drawn_without_a_chinese_font():
    maker = demo_scans.ScanMaker(demo.DEMO_SETTINGS, demo_scans.Fonts(search=False))
    assert not maker.fonts.cjk
    for slot in ("id_copy", "case_material"):
        scan = maker.make(random.Random(3), slot, application(), NOW)
        image = Image.open(io.BytesIO(scan.data)).convert("L")
        assert sum(image.histogram()[:100]) > 2000, "text and outlines are drawn"


def test_a_chinese_font_is_found_where_one_is_installed():
    found = demo_scans.find_cjk_font()
    if found is None:
        pytest.skip("no Chinese font on this machine")
    assert Path(found[0]).is_file() and found[1] >= 0
    assert demo_scans.Fonts().cjk


@pytest.mark.parametrize("amount, text", [(35600, "叁万伍仟陆佰元整"), (120000, "壹拾贰万元整"), (100500, "壹拾万零伍佰元整"),
                                          (1005, "壹仟零伍元整"), (2000300, "贰佰万零叁佰元整"), (101, "壹佰零壹元整")])
def test_amounts_in_capital_numerals(amount, text):
    assert demo_scans._upper_amount(amount) == text


def test_wrapping_keeps_numbers_whole_and_punctuation_off_line_starts():
    lines = demo_scans._wrap("公民身份号码：411528199001012345，系我村村民。", 10, lambda ch: 1)
    assert "411528199001012345" in lines[1] and not any(line[0] in "，。" for line in lines)


def test_demo_and_scans_run_without_qt():
    code = (
        "import random\n"
        "from datetime import datetime\n"
        "from desktop import demo\n"
        "from desktop.demo import scans as demo_scans\n"
        "data = next(d for t, d in demo.generate_records(random.Random(1), 40, demo.DEMO_SETTINGS) if t == 'application')\n"
        "scan = demo_scans.ScanMaker(demo.DEMO_SETTINGS).make(random.Random(1), 'case_material', data, datetime.now())\n"
        "print(scan.media_type)\n"
    )
    result = run_without_qt(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "image/jpeg"


# -- after the decision (issue 14) -------------------------------------------------------------------------


def test_the_demo_cases_live_on_after_the_decision(filled):
    """Decisions as the county's events, in time order; closure reports, follow-ups, attendance and evaluations of
    the right cases; complaints and outreach events; all valid, none in the future."""
    from desktop.records import indicators as ind
    from desktop.records.deadlines import county_day
    from desktop.records.validation import validate

    station, counts = filled
    for kind in ("event", "closure", "follow_up", "court_attendance", "quality_evaluation", "outreach_event"):
        assert counts[kind] > 0, kind
    events = station.db.execute("SELECT seq, kind, decided_at, application_id FROM county_events ORDER BY seq").fetchall()
    assert len(events) == counts["event"]
    days = [county_day(at) for _, _, at, _ in events]
    assert days == sorted(days) and max(days) <= NOW.date()  # the county's order is its clock's
    status = dict(station.db.execute("SELECT id, status FROM applications"))
    for table, record_type in (("closures", "closure"), ("follow_ups", "follow_up"),
                               ("court_attendances", "court_attendance"), ("quality_evaluations", "quality_evaluation"),
                               ("complaints", "complaint"), ("outreach_events", "outreach_event")):
        linked = "NULL" if table in ("complaints", "outreach_events") else "application_id"
        for data, application_id in station.db.execute(f"SELECT data, {linked} FROM {table}"):
            assert validate(record_type, json.loads(data), now=NOW) == [], (record_type, data)
            if application_id:  # a hearing is attended before the case closes; the rest come after
                allowed = ("assigned", "closed") if record_type == "court_attendance" else ("closed",)
                assert status[application_id] in allowed, (record_type, status[application_id])
    cases = ind.load_station_cases(station.db, "CG01", "城关镇")
    found = ind.figures(cases, ind.Period(NOW.date() - timedelta(days=365), NOW.date()), 30_000, NOW.date())
    for key in (ind.CRIMINAL_SHARE, ind.LITIGATION_SHARE, ind.LAW_FIRM_SHARE, ind.COURT_ATTENDANCE_SHARE,
                ind.CLOSING_RATE, ind.FOLLOW_UP_RATE, ind.DAYS_TO_DECIDE, ind.DAYS_TO_ASSIGN):
        assert found[key].value is not None and found[key].records, key


def test_some_demo_complaints_are_handled_and_answered_by_the_county_center(filled):
    """About a third of the complaints against the center or its lawyers are the center's to handle: its steps and
    answer arrive as the county's signed-off events do (sync.events.record_event), on the station's own complaint,
    which the station does not answer itself; the complaints' lists then show the center's answer."""
    from desktop.records.complaint_answers import center_answers, center_steps

    station, counts = filled
    complaints = dict(station.db.execute("SELECT id, data FROM complaints WHERE voided = 0"))
    answers = center_answers(station.db)
    handled = {r[0] for r in station.db.execute("SELECT DISTINCT complaint_id FROM center_complaint_handling")}
    assert counts["center_step"] == station.db.execute("SELECT count(*) FROM center_complaint_handling").fetchone()[0]
    assert handled and handled <= set(complaints) and set(answers) <= handled
    assert len(handled) < len(complaints)  # the station answers the others itself
    for complaint_id in handled:
        data = json.loads(complaints[complaint_id])
        assert data["respondent_kind"] != "station" and not data.get("reply_date"), data
        steps = center_steps(station.db, complaint_id)
        assert steps[0].handling == "step" and all(s.handling == "step" for s in steps[:-1])
        assert [s.seq for s in steps] == sorted(s.seq for s in steps)
    for complaint_id, answer in answers.items():
        assert answer["answered_on"] >= json.loads(complaints[complaint_id])["complained_at"][:10]
        assert answer["answered_on"] <= NOW.date().isoformat()


def test_the_demo_station_did_its_follow_ups_and_has_the_countys_hardship_standard(filled):
    """A real station follows up its consultations and closed cases (now and then late): only the last weeks' are
    still open. The county's reference data gives the township its hardship standard, which the applications
    measured against the household's income record, as the form does."""
    from desktop.records import deadlines
    from desktop.records.eligibility import MEASURED_GROUNDS, over_standard
    from sync.reference import load_reference

    station, _counts = filled
    found = deadlines.open_deadlines(station.db)
    assert all(d.due >= NOW.date() - timedelta(days=20) for d in found), [(d.kind, d.due) for d in found
                                                                         if d.due < NOW.date() - timedelta(days=20)]
    flagged, visited = station.db.execute(
        "SELECT count(*), count(f.id) FROM consultations c LEFT JOIN follow_ups f ON f.consultation_id = c.id "
        "WHERE c.follow_up_needed = 1 AND c.voided = 0").fetchone()
    assert flagged > 50 and visited >= flagged - 10
    reference = load_reference(station.db)
    standard = reference.hardship_standard(demo.DEMO_SETTINGS.township)
    assert standard is not None and reference.population(demo.DEMO_SETTINGS.township) and reference.active_lawyers
    measured = [json.loads(data) for (data,) in station.db.execute("SELECT data FROM applications")]
    measured = [d for d in measured if d.get("eligibility_ground") in MEASURED_GROUNDS]
    assert measured and all(d["hardship_standard"] == f"{standard.monthly}" for d in measured)
    assert any(over_standard(d) and d["over_standard_reason"] for d in measured)
