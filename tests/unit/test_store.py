"""The station store without Qt: saving, versions, history, outbox, numbering, people, search, drafts, errors."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import random
from datetime import date
from pathlib import Path

import pytest

from desktop.records import db as dbmod
from desktop.records import queries
from desktop.records.errors import StorageError, ValidationFailed, VersionConflict
from desktop.records.queries import ListQuery
from desktop.records.settings import StationSettings
from desktop.records.station import Station, open_station
from helpers.records import application, consultation, edit, resident_id
from helpers.accounts import provided, raw_connection

SETTINGS = StationSettings(station_code="CG01", station_name="城关镇法律援助工作站", township="城关镇",
                           county_name="临河县", clerks=("李明", "王芳"), current_clerk="李明")
TABLES = ("persons", "consultations", "applications", "history", "outbox", "number_sequences", "drafts",
          "consultation_search", "application_search", "person_search", "settings")


def row_counts(station: Station) -> dict[str, int]:
    return {t: station.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture
def st(tmp_path: Path) -> Station:
    opened = open_station(provided(tmp_path / "data"))
    opened.update_settings(SETTINGS)
    yield opened
    opened.close()


# --------------------------------------------------------------------------- saving and reading

def test_save_and_get_round_trip(st: Station):
    saved = st.store.save("consultation", consultation(), user="李明")
    record = st.store.get("consultation", saved.id)
    assert record.version == saved.version == 1
    assert record.station == "CG01"
    assert record.created_by == record.updated_by == "李明"
    assert not record.voided and record.void_reason is None
    assert record.data["question"] == consultation()["question"]
    assert record.data["occurred_at"] == "2025-03-04T09:30"
    assert record.data["minutes"] == 20
    assert record.data["person_id"] == saved.person_id is not None
    person = st.store.get("person", saved.person_id)
    assert person.data["name"] == "张伟" and person.data["phone"] == "13812345678"


def test_saving_normalises_what_was_typed(st: Station):
    saved = st.store.save("application", application(phone="138 1234 5678", amount="12,000元",
                                                      id_number=resident_id().lower()), user="李明")
    data = st.store.get("application", saved.id).data
    assert data["phone"] == "13812345678"
    assert data["amount"] == "12000.00"
    assert data["number"] == saved.number


def test_edit_makes_a_new_version_and_the_same_data_makes_none(st: Station):
    saved = st.store.save("consultation", consultation(), user="李明")
    edited = edit(st, "consultation", saved.id, consultation(answer="建议先调解，调解不成再仲裁。"), user="王芳",
                  expected_version=1)
    assert edited.version == 2
    record = st.store.get("consultation", saved.id)
    assert record.version == 2 and record.updated_by == "王芳" and record.created_by == "李明"
    outbox_before = st.store.pending_changes()

    again = edit(st, "consultation", saved.id, consultation(answer="建议先调解，调解不成再仲裁。"), user="王芳",
                 expected_version=2)
    assert again.version == 2
    assert st.store.get("consultation", saved.id).version == 2
    assert st.store.pending_changes() == outbox_before
    assert len(st.store.history("consultation", saved.id)) == 2
    assert st.db.execute("SELECT count(*) FROM persons").fetchone()[0] == 1


def test_edit_without_links_keeps_the_records_person(st: Station):
    saved = st.store.save("consultation", consultation(), user="李明")
    again = st.store.save("consultation", consultation(), user="李明", record_id=saved.id, expected_version=1)
    assert (again.version, again.person_id) == (1, saved.person_id)
    assert st.db.execute("SELECT count(*) FROM persons").fetchone()[0] == 1


def test_history_lists_every_version_with_the_changed_fields(st: Station):
    saved = st.store.save("consultation", consultation(), user="李明")
    edit(st, "consultation", saved.id, consultation(answer="另行告知仲裁时效为一年。", minutes=35), user="王芳",
         expected_version=1)
    edit(st, "consultation", saved.id, consultation(answer="另行告知仲裁时效为一年。", minutes=35, outcome="referred",
                                                    referred_to="labour_arbitration"), expected_version=2)
    st.store.void("consultation", saved.id, "重复登记", user="李明", expected_version=3)

    history = st.store.history("consultation", saved.id)
    assert [h.version for h in history] == [1, 2, 3, 4]
    assert [h.action for h in history] == ["create", "update", "update", "void"]
    assert [h.by for h in history] == ["李明", "王芳", "李明", "李明"]
    assert history[0].changed == ()
    assert history[1].changed == ("answer", "minutes")
    assert history[2].changed == ("outcome", "referred_to")
    assert history[3].changed == () and history[3].reason == "重复登记"
    assert history[1].data["answer"] == "另行告知仲裁时效为一年。"


def test_outbox_has_one_entry_per_change_with_the_payload_hash(st: Station):
    saved = st.store.save("consultation", consultation(), user="李明")  # person + consultation
    edit(st, "consultation", saved.id, consultation(minutes=40), expected_version=1)
    st.store.void("consultation", saved.id, "误录入", user="李明")
    rows = st.db.execute("SELECT seq, change_id, record_type, record_id, version, lamport, payload, sha256, acked_at "
                         "FROM outbox ORDER BY seq").fetchall()
    assert [(r[2], r[4]) for r in rows] == [("person", 1), ("consultation", 1), ("consultation", 2), ("consultation", 3)]
    assert len({r[1] for r in rows}) == 4
    history = st.db.execute("SELECT record_type, record_id, version, data FROM history ORDER BY seq").fetchall()
    assert len(history) == len(rows)
    for row, (h_type, h_id, h_version, h_data) in zip(rows, history):
        seq, change_id, record_type, record_id, version, lamport, payload, sha, acked = row
        assert hashlib.sha256(payload.encode("utf-8")).hexdigest() == sha
        body = json.loads(payload)
        assert body["change_id"] == change_id and body["record_id"] == record_id and body["version"] == version
        assert body["station"] == "CG01" and body["lamport"] == lamport
        assert (h_type, h_id, h_version) == (record_type, record_id, version)
        assert body["data"] == json.loads(h_data)
        assert acked is None
    assert [json.loads(r[6])["action"] for r in rows] == ["create", "create", "update", "void"]
    lamports = [r[5] for r in rows]
    assert lamports == sorted(lamports) and lamports[1] < lamports[2] < lamports[3]


def test_void_needs_a_reason_and_keeps_the_record(st: Station):
    saved = st.store.save("application", application(), user="李明")
    for reason in ("", "   ", None):
        with pytest.raises(ValidationFailed) as failed:
            st.store.void("application", saved.id, reason, user="李明")
        assert failed.value.issues[0].field == "void_reason"
    assert st.store.get("application", saved.id).version == 1

    voided = st.store.void("application", saved.id, "  当事人身份信息录入错误  ", user="王芳", expected_version=1)
    assert voided.version == 2 and voided.number == saved.number
    record = st.store.get("application", saved.id)
    assert record.voided and record.void_reason == "当事人身份信息录入错误"
    assert record.status == "voided" and record.number == saved.number
    assert record.data == st.store.history("application", saved.id)[0].data
    assert queries.count(st.db, ListQuery("application")) == 0
    assert queries.count(st.db, ListQuery("application", include_voided=True)) == 1


def test_stale_expected_version_conflicts_and_overwrites_nothing(st: Station):
    saved = st.store.save("consultation", consultation(), user="李明")
    edit(st, "consultation", saved.id, consultation(answer="第二个窗口先保存的答复。"), user="王芳", expected_version=1)
    counts = row_counts(st)
    with pytest.raises(VersionConflict) as conflict:
        edit(st, "consultation", saved.id, consultation(answer="第一个窗口的答复。"), expected_version=1)
    assert (conflict.value.expected, conflict.value.current) == (1, 2)
    with pytest.raises(VersionConflict):
        st.store.void("consultation", saved.id, "重复", user="李明", expected_version=1)
    record = st.store.get("consultation", saved.id)
    assert record.version == 2 and record.data["answer"] == "第二个窗口先保存的答复。" and not record.voided
    assert row_counts(st) == counts


# --------------------------------------------------------------------------- application numbers

def test_application_numbers_are_sequential_per_station_and_year(st: Station):
    numbers = [st.store.save("application", application(received_at=f"2025-0{m}-05T10:00"), user="李明").number
               for m in (3, 4, 5)]
    assert numbers == ["CG01-2025-00001", "CG01-2025-00002", "CG01-2025-00003"]
    assert st.store.save("application", application(received_at="2026-01-05T10:00"), user="李明").number \
        == "CG01-2026-00001"
    first = st.db.execute("SELECT id FROM applications WHERE number = 'CG01-2025-00001'").fetchone()[0]
    st.store.void("application", first, "重复登记", user="李明")
    assert st.store.save("application", application(), user="李明").number == "CG01-2025-00004"  # never reused
    edited = edit(st, "application", first, application(note="补充材料", number="CG01-2025-99999"), expected_version=2)
    assert edited.number == "CG01-2025-00001"  # an edit never changes the number


def test_two_connections_saving_alternately_never_share_a_number(st: Station):
    other = open_station(provided(st.data_dir))
    try:
        numbers = []
        for i in range(20):
            station = st if i % 2 == 0 else other
            numbers.append(station.store.save("application", application(), user="李明").number)
        assert numbers == [f"CG01-2025-{n:05d}" for n in range(1, 21)]
    finally:
        other.close()


def _save_applications_in_process(data_dir: str, count: int, start, results) -> None:
    station = open_station(provided(Path(data_dir)))
    start.wait(30)
    numbers = [station.store.save("application", application(), user="李明").number for _ in range(count)]
    station.close()
    results.put(numbers)


def test_two_processes_saving_at_the_same_time_get_distinct_numbers(st: Station):
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    workers = [context.Process(target=_save_applications_in_process, args=(str(st.data_dir), 50, start, results))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    start.set()
    numbers = results.get(timeout=120) + results.get(timeout=120)
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    assert len(numbers) == len(set(numbers)) == 100
    assert sorted(numbers) == [f"CG01-2025-{n:05d}" for n in range(1, 101)]
    assert st.db.execute("SELECT count(DISTINCT number) FROM applications").fetchone()[0] == 100


# --------------------------------------------------------------------------- people and links

def test_returning_person_is_found_by_id_number(st: Station):
    first = st.store.save("application", application(), user="李明")
    second = st.store.save("application", application(phone="0376-6123456", received_at="2025-06-01T09:00",
                                                      address="临河县城关镇王营村三组"), user="王芳")
    assert first.person_id == second.person_id
    assert st.db.execute("SELECT count(*) FROM persons").fetchone()[0] == 1
    person = st.store.get("person", first.person_id)
    assert person.version == 2
    assert person.data["phone"] == "0376-6123456" and person.data["address"] == "临河县城关镇王营村三组"
    assert [r[0] for r in st.store.records_of_person(first.person_id)] == ["application", "application"]
    assert [p.id for p in st.store.find_persons(resident_id()[-6:])] == [first.person_id]


def test_consultation_turned_into_application_is_linked(st: Station):
    c = st.store.save("consultation", consultation(id_type="resident_id", id_number=resident_id(),
                                                   outcome="application"), user="李明")
    a = st.store.save("application", application(consultation_id=c.id), user="李明")
    record = st.store.get("consultation", c.id)
    assert record.version == 2
    assert record.data["outcome"] == "application" and record.data["application_id"] == a.id
    assert st.db.execute("SELECT outcome FROM consultations WHERE id = ?", (c.id,)).fetchone()[0] == "application"
    assert st.store.get("application", a.id).data["consultation_id"] == c.id
    assert a.person_id == c.person_id
    assert [h.action for h in st.store.history("consultation", c.id)] == ["create", "update"]
    # a later edit of the consultation keeps the link
    edited = edit(st, "consultation", c.id, consultation(id_type="resident_id", id_number=resident_id(),
                                                         outcome="application", minutes=45), expected_version=2)
    assert st.store.get("consultation", c.id).data["application_id"] == a.id and edited.version == 3


def test_anonymous_consultation_has_no_person(st: Station):
    saved = st.store.save("consultation", consultation(channel="hotline", anonymous=True, name=None, phone=None,
                                                       gender=None), user="李明")
    assert saved.person_id is None
    assert st.store.get("consultation", saved.id).data["person_id"] is None
    assert st.db.execute("SELECT count(*) FROM persons").fetchone()[0] == 0
    assert st.db.execute("SELECT person_id FROM consultations").fetchone()[0] is None


# --------------------------------------------------------------------------- search

@pytest.fixture
def searchable(st: Station) -> dict[str, str]:
    ids = {
        "wages": st.store.save("consultation", consultation(), user="李明").id,
        "uyghur": st.store.save("consultation", consultation(
            name="阿依古丽·买买提", gender="female", phone="18912340000", matter_category="marriage_family",
            question="丈夫要离婚，孩子的抚养费怎么算？", answer="告知可以起诉离婚。"), user="李明").id,
        "tibetan": st.store.save("consultation", consultation(
            name="扎西顿珠", phone="0376-6543210", matter_category="traffic",
            question="交通事故赔偿问题", answer="先由交强险赔付"), user="王芳").id,
    }
    return ids


def _found(st: Station, text: str) -> set[str]:
    query = ListQuery("consultation", text=text)
    rows = queries.fetch(st.db, query, 0, 50)
    assert queries.count(st.db, query) == len(rows)
    return {r.id for r in rows}


@pytest.mark.parametrize("text, expected", [
    ("拖", {"wages"}),  # one character
    ("婚", {"uyghur"}),
    ("工资", {"wages"}),  # two characters
    ("离婚", {"uyghur"}),
    ("拖欠工资", {"wages"}),  # three and more
    ("交通事故赔偿", {"tibetan"}),
    ("张伟", {"wages"}),
    ("1234", {"wages", "uyghur"}),  # digits of phone numbers
    ("13812345678", {"wages"}),
    ("6543", {"tibetan"}),
    ("0376-6543210", {"tibetan"}),
    ("阿依古丽", {"uyghur"}),  # Uyghur names in Chinese transliteration
    ("买买提", {"uyghur"}),
    ("阿依古丽·买买提", {"uyghur"}),
    ("扎西", {"tibetan"}),  # Tibetan
    ("顿珠", {"tibetan"}),
    ("扎西顿珠", {"tibetan"}),
    ("丽买", set()),  # across the name's dot
    ("伟老", set()),  # across two fields (name, question)
    ("裁保", set()),  # across a full stop
    ("月共", set()),  # across a comma
    ("工资 仲裁", {"wages"}),  # two words: both somewhere
    ("离婚 工资", set()),
    ("王五", set()),
    ("，。", set()),  # nothing searchable
])
def test_search_finds_substrings_and_not_across_words(st: Station, searchable: dict[str, str], text: str,
                                                      expected: set[str]):
    assert _found(st, text) == {searchable[k] for k in expected}


def test_search_follows_edits_and_applications_by_number(st: Station, searchable: dict[str, str]):
    edit(st, "consultation", searchable["wages"], consultation(question="邻居占用宅基地"), expected_version=1)
    assert _found(st, "拖欠") == set()
    assert _found(st, "宅基地") == {searchable["wages"]}
    saved = st.store.save("application", application(), user="李明")
    query = ListQuery("application", text="2025-00001")
    assert [r.id for r in queries.fetch(st.db, query, 0, 10)] == [saved.id]
    assert queries.count(st.db, ListQuery("application", text="宏达建筑")) == 1


# --------------------------------------------------------------------------- drafts

def test_drafts_save_load_and_discard(st: Station):
    assert st.store.drafts() == []
    st.store.save_draft("consultation", {"name": "张", "question": "拖欠"})
    st.store.save_draft("consultation", {"name": "张伟", "question": "拖欠工资"})
    st.store.save_draft("application", {"name": "李娜"}, record_id="some-id", base_version=3)
    drafts = {d.form: d for d in st.store.drafts()}
    assert set(drafts) == {"consultation", "application"}
    assert drafts["consultation"].data == {"name": "张伟", "question": "拖欠工资"}
    assert drafts["consultation"].record_id is None
    assert (drafts["application"].record_id, drafts["application"].base_version) == ("some-id", 3)
    reopened = open_station(provided(st.data_dir))
    try:
        assert {d.form for d in reopened.store.drafts()} == {"consultation", "application"}
    finally:
        reopened.close()
    st.store.discard_draft("consultation")
    st.store.discard_draft("never-saved")
    assert [d.form for d in st.store.drafts()] == ["application"]
    assert st.store.pending_changes() == 0  # drafts are not records: nothing to sync


# --------------------------------------------------------------------------- errors

def test_corrupt_database_file_is_a_storage_error(tmp_path: Path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    garbage = bytes(random.Random(3).randrange(256) for _ in range(8192))
    (data_dir / dbmod.DATABASE_FILE).write_bytes(garbage)
    with pytest.raises(StorageError) as error:
        open_station(provided(data_dir))
    assert error.value.kind == "corrupt"
    assert (data_dir / dbmod.DATABASE_FILE).read_bytes() == garbage


def test_damaged_station_database_is_a_storage_error(tmp_path: Path):
    station = open_station(provided(tmp_path / "data"))
    station.update_settings(SETTINGS)
    station.store.save("consultation", consultation(), user="李明")
    station.close()
    path = tmp_path / "data" / dbmod.DATABASE_FILE
    content = bytearray(path.read_bytes())
    content[:100] = b"\xff" * 100  # the header
    path.write_bytes(bytes(content))
    with pytest.raises(StorageError) as error:
        open_station(provided(tmp_path / "data"))
    assert error.value.kind == "corrupt"


def test_database_from_a_newer_version_is_refused_and_left_unchanged(tmp_path: Path):
    station = open_station(provided(tmp_path / "data"))
    station.update_settings(SETTINGS)
    station.store.save("consultation", consultation(), user="李明")
    station.close()
    path = tmp_path / "data" / dbmod.DATABASE_FILE
    newer = dbmod.CURRENT_VERSION + 1
    conn = raw_connection(path)
    conn.execute(f"PRAGMA user_version = {newer}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError) as error:
        open_station(provided(tmp_path / "data"))
    assert error.value.kind == "newer_schema"
    assert error.value.params == {"found": str(newer), "known": str(dbmod.CURRENT_VERSION)}
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.bak"))


def test_saving_without_station_settings_fails_validation(tmp_path: Path):
    station = open_station(provided(tmp_path / "data"))
    try:
        assert not station.settings.configured
        with pytest.raises(ValidationFailed) as failed:
            station.store.save("consultation", consultation(), user="李明")
        assert [i.field for i in failed.value.issues] == ["station_code"]
        assert station.db.execute("SELECT count(*) FROM consultations").fetchone()[0] == 0
    finally:
        station.close()


@pytest.mark.parametrize("record_type, data", [
    ("consultation", consultation(question="")),
    ("consultation", consultation(phone="12345")),
    ("consultation", consultation(occurred_at="2999-01-01T09:00")),
    ("application", application(id_number=resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1"))),
    ("application", application(eligibility_ground="criminal_notification")),
    ("application", application(amount="十二万")),
])
def test_validation_failure_leaves_the_database_unchanged(st: Station, record_type: str, data: dict):
    existing = st.store.save(record_type, consultation() if record_type == "consultation" else application(),
                             user="李明")
    before = row_counts(st)
    clock = st.db.execute("SELECT lamport FROM clock").fetchone()[0]
    with pytest.raises(ValidationFailed):
        st.store.save(record_type, data, user="李明")
    with pytest.raises(ValidationFailed):
        edit(st, record_type, existing.id, data, expected_version=1)
    assert row_counts(st) == before
    assert st.db.execute("SELECT lamport FROM clock").fetchone()[0] == clock
    assert st.store.get(record_type, existing.id).version == 1


def test_a_realistic_mixed_workload_keeps_the_store_consistent(st: Station):
    """Demo data (returning people, linked, edited and voided records) through the real save path."""
    from desktop.demo import fill

    counts = fill(st, 300, seed=11, progress=None)
    assert counts["consultation"] + counts["application"] == 300
    db = st.db
    assert db.execute("SELECT count(*) FROM consultations").fetchone()[0] == counts["consultation"]
    assert db.execute("SELECT count(*) FROM history").fetchone()[0] == db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    numbers = [r[0] for r in db.execute("SELECT number FROM applications")]
    assert len(numbers) == len(set(numbers)) == counts["application"]
    linked = db.execute("SELECT count(*) FROM consultations WHERE outcome = 'application' "
                        "AND json_extract(data, '$.application_id') IN (SELECT id FROM applications)").fetchone()[0]
    assert linked == counts["linked"] > 0
    assert db.execute("SELECT count(*) FROM persons").fetchone()[0] < 300
    assert db.execute("SELECT count(*) FROM consultations WHERE voided = 1").fetchone()[0] + \
        db.execute("SELECT count(*) FROM applications WHERE voided = 1").fetchone()[0] == counts["void"]
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again after the fill
    assert dbmod.integrity_ok(db)
    assert queries.count(db, ListQuery("consultation", text="工资")) > 0
    assert date.fromisoformat(db.execute("SELECT min(occurred_at) FROM consultations").fetchone()[0][:10]) \
        < date.today().replace(year=date.today().year - 1)



def test_code_columns_sort_in_their_reference_lists_order_not_by_code(station):
    """来访, 12348热线, 网络, 来信 - as in the filter's list - not hotline < letter < online < walk_in."""
    from desktop.records import queries
    from desktop.records.queries import ListQuery
    from desktop.records.reference import default_reference

    st = station
    for channel in ("online", "walk_in", "letter", "hotline"):
        st.store.save("consultation", consultation(channel=channel), user="李芳")
    order = [c.code for c in default_reference().choices("consultation_channels")]
    column = queries.LIST_COLUMNS["consultation"].index("channel")
    for descending in (False, True):
        rows = queries.fetch(st.db, ListQuery("consultation", sort="channel", descending=descending), 0, 50)
        got = [row.values[column] for row in rows]
        assert got == sorted(got, key=order.index, reverse=descending)
        assert got != sorted(got, reverse=descending)  # the code order would differ here


def test_names_sort_by_pinyin(station):
    """安, 白, 陈, 李 ... 张, 赵, 周 - not by code point (which puts 张 before 李 before 安)."""
    from desktop.records import queries
    from desktop.records.queries import ListQuery

    names = ["赵六", "张三", "李四", "王五", "安娜", "白雪", "陈十三", "周九"]
    for name in names:
        station.store.save("consultation", consultation(name=name), user="李芳")
    column = queries.LIST_COLUMNS["consultation"].index("person_name")
    rows = queries.fetch(station.db, ListQuery("consultation", sort="person_name", descending=False), 0, 50)
    assert [r.values[column] for r in rows] == ["安娜", "白雪", "陈十三", "李四", "王五", "张三", "赵六", "周九"]


def test_rare_characters_sort_after_common_ones_and_do_not_collide():
    from desktop.records.sortkey import name_key

    order = ["", "Anna", "安娜", "周九", "喆", "䶮明", "𠮷田"]
    assert sorted(reversed(order), key=name_key) == order
    assert name_key("䶮") != name_key("𠮷")  # outside GBK, still told apart
