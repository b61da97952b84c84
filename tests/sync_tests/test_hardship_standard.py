"""The county's economic-hardship standard travels with its reference data (issue #10, item 4).

The county sets each township's standard as a multiple of its minimum living standard from the command
line; the station pulls it with the roster over the real server, keeps it, and measures intake against
it. A county server from before sends none, and a malformed one is refused like any bad reference data.
"""

from __future__ import annotations

import pytest

from desktop.records.db import write_transaction
from sync.reference import HardshipStandard, check_reference, load_reference, store_reference
from sync.server import reference as county_reference
from sync.status import describe
from sync_tests.test_reference import cli, engine


def test_the_county_sets_a_standard_and_the_station_receives_it(enrolled, county, capsys):
    assert cli(county, "hardship", "set", "测试镇", "--minimum", "800", "--multiple", "1.5") == 0
    out = capsys.readouterr().out
    assert "测试镇" in out and "1200.00" in out and "参考数据版本 1" in out
    assert cli(county, "hardship", "set", "测试镇", "--minimum", "800.00", "--multiple", "1.50") == 0  # the same
    assert "参考数据版本 1" in capsys.readouterr().out  # no change: nothing new for the stations
    assert cli(county, "hardship", "list") == 0
    assert capsys.readouterr().out.splitlines() == ["测试镇\t1200.00\t800.00 x 1.5"]

    result = engine(enrolled).sync_round()
    assert result.complete, describe(result)
    reference = load_reference(enrolled.station.db)
    assert reference.hardship_standard("测试镇") == HardshipStandard("测试镇", "800.00", "1.5")
    assert str(reference.hardship_standard("测试镇").monthly) == "1200.00"
    assert reference.hardship_standard("别的镇") is None

    assert cli(county, "hardship", "set", "测试镇", "--minimum", "850", "--multiple", "2") == 0
    assert engine(enrolled).sync_round().complete
    assert str(load_reference(enrolled.station.db).hardship_standard("测试镇").monthly) == "1700.00"


@pytest.mark.parametrize("args", [
    ["测试镇", "--minimum", "0", "--multiple", "1.5"],
    ["测试镇", "--minimum", "800", "--multiple", "11"],
    ["测试镇", "--minimum", "八百", "--multiple", "1.5"],
    ["测试镇", "--minimum", "800.123", "--multiple", "1.5"],
    ["  ", "--minimum", "800", "--multiple", "1.5"],
])
def test_a_wrong_standard_is_refused_and_nothing_changes(county, args, capsys):
    assert cli(county, "hardship", "set", *args) == 1
    assert "拒绝" in capsys.readouterr().err
    assert county_reference.hardship_standards(county.store) == []
    assert county_reference.reference_payload(county.store)["version"] == 0


def test_a_payload_without_standards_is_read_as_none_and_a_bad_one_is_refused(enrolled):
    older_county = {"version": 1, "lawyers": [], "townships": []}  # a server from before sends no standards
    assert check_reference(older_county)["hardship_standards"] == []
    db = enrolled.station.db
    for bad in ([{"township": "测试镇", "minimum_living": "-800", "multiple": "1.5"}],
                [{"township": "测试镇", "minimum_living": 800.5, "multiple": "1.5"}],
                [{"township": "测试镇", "minimum_living": "800", "multiple": "1.5"}] * 2,
                "not a list"):
        with pytest.raises(ValueError), write_transaction(db) as conn:
            store_reference(conn, {**older_county, "hardship_standards": bad})
    assert load_reference(db).empty
