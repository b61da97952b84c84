"""The county's reference data against the real server: the roster CSV, assigning from the roster
(Art. 26, minors), and the station's pull of roster and registered population."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync.engine import SyncEngine
from sync.reference import load_reference, pull_reference, store_reference, stored_version
from sync.server import reference as county_reference
from sync.server.__main__ import main as server_cli
from sync.state import S_REFERENCE, get_state
from sync.status import describe
from helpers.records import application, resident_id
from tests.unit.test_validation import criminal_application

HEADER = "编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话"
GOOD_ROWS = [
    "L001,赵大明,律师,青山律师事务所,5,是,13812345678",
    "L002,钱小红,律师,青山律师事务所,2,否,0376-6123456",
    "F001,青山律师事务所,律师事务所,,10,否,",
    "S001,孙立,法律援助中心工作人员,青山县法律援助中心,4,是,0376-6000000",
]


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))  # as Excel writes it
    return path


def cli(county, *args: str) -> int:
    return server_cli([*args, "--data-dir", str(county.data_dir)])


def engine(services) -> SyncEngine:
    return SyncEngine(services.station.db, services.key, services.station.settings.station_code, retries=0)


# ------------------------------------------------------------------------------------------- the roster file

def test_a_good_roster_file_is_imported_listed_and_a_reimport_changes_nothing(county, tmp_path, capsys):
    path = write_csv(tmp_path / "名册.csv", [HEADER, *GOOD_ROWS])
    assert cli(county, "roster", "import", str(path)) == 0
    assert "新增 4 人，更新 0 人，未变 0 人；参考数据版本 1" in capsys.readouterr().out
    members = {m.id: m for m in county_reference.roster(county.store)}
    assert members["L001"] == county_reference.Member("L001", "赵大明", "lawyer", "青山律师事务所", 5, True,
                                                      "13812345678", True)
    assert members["F001"].kind == "law_firm" and members["F001"].organisation == ""
    assert members["S001"].kind == "center_staff" and members["L002"].minors_familiar is False
    assert cli(county, "roster", "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 4 and listed[0].split("\t")[:3] == ["F001", "青山律师事务所", "律师事务所"]
    # the same file again is no change: the stations have nothing new to fetch
    assert cli(county, "roster", "import", str(path)) == 0
    assert "新增 0 人，更新 0 人，未变 4 人；参考数据版本 1" in capsys.readouterr().out
    # a changed row updates that member only
    write_csv(path, [HEADER, GOOD_ROWS[0].replace(",5,", ",6,")])
    assert cli(county, "roster", "import", str(path)) == 0
    assert "新增 0 人，更新 1 人，未变 0 人；参考数据版本 2" in capsys.readouterr().out
    assert {m.id: m.years_of_practice for m in county_reference.roster(county.store)}["L001"] == 6


def test_every_bad_row_is_refused_with_its_line_number_and_nothing_is_imported(county, tmp_path, capsys):
    path = write_csv(tmp_path / "名册.csv", [
        HEADER,
        GOOD_ROWS[0],
        "L003,李四,实习律师,青山律师事务所,1,否,",            # line 3: unknown kind
        '"L004","周五","律师","青山律师事务所,\n第二分所","3","是",""',  # lines 4-5: a quoted cell spans a line break
        "L005,吴六,律师,青山律师事务所,三年,否,",              # line 6: years not a number
        "",                                                    # line 7: blank, skipped
        "L001,赵大明,律师,青山律师事务所,5,是,",                # line 8: the same id again
        "L006,郑七,律师,青山律师事务所,5,也许,",                # line 9: not 是/否
        "L007,王八,律师,青山律师事务所,5,是",                   # line 10: a column missing
        "L008,陈九,律师,青山律师事务所,5,是,1.38123E+10",       # line 11: Excel turned the mobile into a number
    ])
    assert cli(county, "roster", "import", str(path)) == 1
    err = capsys.readouterr().err
    assert "6 bad row(s); nothing was imported" in err
    for line, words in ((3, "类别"), (6, "执业年限"), (8, "已在第 2 行出现"), (9, "“是”或“否”"), (10, "有 6 列"),
                        (11, "文本格式")):
        assert any(f"第 {line} 行：" in row and words in row for row in err.splitlines()), (line, err)
    assert "第 4 行：" not in err and "第 2 行：" not in err
    assert county_reference.roster(county.store) == []
    assert county_reference.reference_payload(county.store)["version"] == 0


def test_a_bom_file_imports_and_a_wrong_header_or_encoding_is_refused(county, tmp_path, capsys):
    # Excel's "CSV UTF-8": a BOM, and here empty cells beyond the last column too
    bom = write_csv(tmp_path / "bom.csv", [HEADER + ",,", *(row + ",," for row in GOOD_ROWS)], encoding="utf-8-sig")
    assert bom.read_bytes()[:3] == b"\xef\xbb\xbf"
    assert cli(county, "roster", "import", str(bom)) == 0
    assert sorted(m.id for m in county_reference.roster(county.store)) == ["F001", "L001", "L002", "S001"]
    gbk = write_csv(tmp_path / "gbk.csv", [HEADER, *GOOD_ROWS], encoding="gbk")  # Excel's plain "CSV" in China
    assert cli(county, "roster", "import", str(gbk)) == 1
    assert "不是 UTF-8" in capsys.readouterr().err
    wrong = write_csv(tmp_path / "wrong.csv", ["编号,姓名,类别", "L009,某某,律师"])
    assert cli(county, "roster", "import", str(wrong)) == 1
    assert "第 1 行：标题行必须是：" + HEADER in capsys.readouterr().err
    assert cli(county, "roster", "import", str(tmp_path / "missing.csv")) == 1
    err = capsys.readouterr().err
    assert "cannot read" in err and "无法读取" in err and "找不到该文件" in err  # Chinese, its English after it
    assert county_reference.reference_payload(county.store)["version"] == 1


def test_population_and_deactivation_bump_the_version(county, tmp_path, capsys):
    county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    assert cli(county, "population", "set", "测试镇", "45000") == 0
    assert "参考数据版本 1" in capsys.readouterr().out
    assert cli(county, "population", "set", "测试镇", "45000") == 0  # the same value: no new version
    assert "参考数据版本 1" in capsys.readouterr().out
    assert cli(county, "population", "set", "别的镇", "20000") == 0
    assert "尚无工作站登记在乡镇“别的镇”" in capsys.readouterr().err
    assert cli(county, "population", "set", "测试镇", "0") == 1
    assert cli(county, "population", "list") == 0
    assert capsys.readouterr().out.splitlines() == ["别的镇\t20000", "测试镇\t45000"]
    assert cli(county, "roster", "import", str(write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]))) == 0
    assert cli(county, "roster", "deactivate", "L002") == 0
    assert cli(county, "roster", "deactivate", "L002") == 1  # already inactive
    assert cli(county, "roster", "deactivate", "NOPE") == 1
    payload = county_reference.reference_payload(county.store)
    assert payload["version"] == 4
    assert {m["id"]: m["active"] for m in payload["lawyers"]}["L002"] is False
    assert county_reference.reference_payload(county.store, since=4) == {"version": 4, "unchanged": True}


# ------------------------------------------------------------------------------------------- assigning from the roster

def _granted(enrolled, county, data: dict) -> str:
    saved = enrolled.station.store.save("application", data, user="李芳")
    assert engine(enrolled).sync_round().complete
    assert cli(county, "decide", "accept", saved.number) == 0
    assert cli(county, "decide", "grant", saved.number) == 0
    return saved.number


def test_assign_by_roster_id_checks_art26_and_minors_on_the_roster_facts(enrolled, county, tmp_path, capsys):
    assert cli(county, "roster", "import", str(write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]))) == 0
    life_or_death = _granted(enrolled, county, {**criminal_application(), "received_at": "2025-06-01T09:30"})
    minor = _granted(enrolled, county, application(id_number=resident_id(birth="20120101"), legal_rep_name="张父",
                                                   legal_rep_relation="parent"))
    capsys.readouterr()

    # Art. 26: L002 has 2 years of practice; a firm is never enough
    assert cli(county, "decide", "assign", life_or_death, "--lawyer", "L002") == 1
    assert "Art. 26" in capsys.readouterr().err
    assert cli(county, "decide", "assign", life_or_death, "--lawyer", "F001") == 1
    assert "Art. 26" in capsys.readouterr().err
    # the roster's facts win over nothing typed: typing them as well is not even an option
    with pytest.raises(SystemExit):
        cli(county, "decide", "assign", life_or_death, "--lawyer", "L001", "--years", "9")
    capsys.readouterr()
    assert cli(county, "decide", "assign", life_or_death, "--lawyer", "NOPE") == 1
    assert "no roster member NOPE" in capsys.readouterr().err
    assert cli(county, "decide", "assign", life_or_death, "--lawyer", "L001", "--note", "经审查指派") == 0
    # minors: L002 is not familiar with minors' cases, S001 is
    assert cli(county, "decide", "assign", minor, "--lawyer", "L002") == 1
    assert "minors" in capsys.readouterr().err
    assert cli(county, "decide", "assign", minor, "--lawyer", "S001") == 0
    # an inactive member is refused even where the rules would allow them
    assert cli(county, "roster", "deactivate", "L001") == 0
    assert cli(county, "decide", "assign", life_or_death, "--lawyer", "L001") == 1
    assert "inactive" in capsys.readouterr().err
    # the facts cannot be typed: an assignment is from the roster only
    with pytest.raises(SystemExit):
        cli(county, "decide", "assign", life_or_death, "--name", "冯律师", "--years", "8")
    assert cli(county, "decide", "assign", life_or_death) == 1
    assert "roster" in capsys.readouterr().err

    assert engine(enrolled).sync_round().complete
    events = [json.loads(row[0]) for row in enrolled.station.db.execute(
        "SELECT data FROM county_events WHERE kind = 'assign' ORDER BY seq")]
    issued = ("document_number", "letter_number", "documents")  # the documents each assignment issued (issued.py)
    assert [{k: v for k, v in e["data"].items() if k not in issued} for e in events[:2]] == [
        {"lawyer_id": "L001", "name": "赵大明", "assignee_kind": "lawyer", "firm": "青山律师事务所",
         "years_of_practice": 5, "minors_specialist": True, "phone": "13812345678", "note": "经审查指派"},
        {"lawyer_id": "S001", "name": "孙立", "assignee_kind": "center_staff", "firm": "青山县法律援助中心",
         "years_of_practice": 4, "minors_specialist": True, "phone": "0376-6000000"}]
    assert len(events) == 2


# ------------------------------------------------------------------------------------------- the station's pull

def test_the_station_pulls_the_reference_data_and_then_only_what_changed(enrolled, county, tmp_path):
    db = enrolled.station.db
    assert load_reference(db).empty and stored_version(db) == 0
    # nothing at the county yet: version 0 = unchanged
    assert not pull_reference(db, engine(enrolled).transport.request)
    assert load_reference(db).empty

    assert cli(county, "roster", "import", str(write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]))) == 0
    assert cli(county, "population", "set", "测试镇", "45000") == 0
    result = engine(enrolled).sync_round()  # the round pulls it after the events
    assert result.complete, describe(result)
    ref = load_reference(db)
    assert not ref.empty and ref.version == 2 and ref.received_at
    assert [lawyer.name for lawyer in ref.lawyers] == ["青山律师事务所", "赵大明", "钱小红", "孙立"]
    assert ref.population("测试镇") == 45000 and ref.population("别的镇") is None
    stored_before = get_state(db, S_REFERENCE)

    # asked again: the county answers "unchanged" and nothing is rewritten
    requests_seen = []
    eng = engine(enrolled)
    original = eng.transport.request
    assert pull_reference(db, lambda *a: requests_seen.append(a) or original(*a)) is False
    assert requests_seen[0][1] == "/v1/reference?since=2"
    assert get_state(db, S_REFERENCE) == stored_before

    # a change at the county bumps the version and reaches the station at the next round
    assert cli(county, "roster", "deactivate", "L002") == 0
    assert cli(county, "population", "set", "测试镇", "46000") == 0
    assert engine(enrolled).sync_round().complete
    ref = load_reference(db)
    assert ref.version == 4 and ref.population("测试镇") == 46000
    assert [lawyer.id for lawyer in ref.active_lawyers] == ["F001", "L001", "S001"]


def test_a_failed_reference_pull_fails_the_round_and_stores_nothing(enrolled, county, tmp_path, monkeypatch):
    assert cli(county, "roster", "import", str(write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]))) == 0
    broken = {"version": 1, "lawyers": [{"id": "L001", "name": "赵大明"}], "townships": []}  # signed, but malformed
    monkeypatch.setattr(county_reference, "reference_payload", lambda store, since=None: broken)
    result = engine(enrolled).sync_round()
    assert result.error_code == "bad_answer" and "名册" in result.error_zh
    assert get_state(enrolled.station.db, S_REFERENCE) is None
    assert get_state(enrolled.station.db, "last_sync_at") is None  # not a successful round
    monkeypatch.undo()
    assert engine(enrolled).sync_round().complete and load_reference(enrolled.station.db).version == 1


def test_a_reply_bundle_payload_never_takes_the_station_back(enrolled, county, tmp_path):
    """What sync/bundle.py does with the payload: an older copy (a lower version) is ignored."""
    from desktop.records.db import write_transaction

    assert cli(county, "roster", "import", str(write_csv(tmp_path / "r.csv", [HEADER, *GOOD_ROWS]))) == 0
    old = county_reference.reference_payload(county.store)
    assert cli(county, "population", "set", "测试镇", "45000") == 0
    new = county_reference.reference_payload(county.store)
    db = enrolled.station.db
    with write_transaction(db) as conn:
        assert store_reference(conn, new) is True
    with write_transaction(db) as conn:
        assert store_reference(conn, old) is False  # an older reply bundle
        assert store_reference(conn, new) is False  # the same again
    assert load_reference(db).version == 2
    with pytest.raises(ValueError), write_transaction(db) as conn:
        store_reference(conn, {**new, "version": 3, "townships": [{"name": "测试镇", "registered_population": -1}]})
    assert load_reference(db).version == 2


def test_a_bad_row_names_all_its_problems_and_a_firm_needs_no_years():
    from sync.server.reference import RosterImportError, parse_roster

    text = ("编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话\n"
            "L001,,律师,,x,也许,电话号码\n"
            "F001,青山律师事务所,律师事务所,,,否,\n")
    try:
        parse_roster(text.encode("utf-8"))
    except RosterImportError as refused:
        [(line, reason)] = refused.problems
    else:
        raise AssertionError("a bad row was imported")
    assert line == 2
    for part in ("姓名", "执业年限", "熟悉未成年人案件", "电话", "执业机构"):
        assert part in reason, part
    firm = parse_roster(text.replace("L001,,律师,,x,也许,电话号码\n", "").encode("utf-8"))
    assert [(m.kind, m.years_of_practice) for m in firm] == [("law_firm", 0)]
