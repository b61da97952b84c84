"""Issue 16's test at a station's scale: 10,000 records, where SQLite's larger sorts, index merges and checkpoints
run (its own file, so that a worker of the suite runs it beside the 2,000-record one)."""

from __future__ import annotations

import pytest

from .test_nothing_in_clear import check_station


@pytest.mark.slow(seconds=140)
def test_at_ten_thousand_records_no_file_holds_a_person_in_clear(tmp_path):
    check_station(tmp_path, 10_000)
