"""The start-up and the status bar read what the window shows, on indexes, at a cost that does not grow with
the station (issue 17): every query the UI thread runs while the window is built, shown and its status bar
refreshed is planned on an index (EXPLAIN QUERY PLAN), and the work SQLite does for each (its virtual-machine
steps, counted by a progress handler: no clock) is the same on a station twice the size."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.demo import DEMO_SETTINGS
from desktop.demo.runner import fill
from desktop.records.db import write_transaction
from desktop.services import open_services
from desktop.ui.main_window import MainWindow
from desktop.ui.workstation import Workstation
from helpers.accounts import provided, raw_connection

SMALL, LARGE = 300, 600  # both fill the first page of consultations (200 rows)
_TABLE_SCAN = re.compile(r"^SCAN (\w+)$")  # a table read row by row, no index


def _station(folder: Path, records: int):
    services = open_services(provided(folder))  # signed in, as the program is once its window opens
    services.station.update_settings(DEMO_SETTINGS)
    fill(services.station, records, seed=3, progress=lambda *_: None)
    with write_transaction(services.station.db) as conn:  # one change the county returned: the status bar lists it
        # the first record's last version, on both stations alike (a fixed seq was a last version on one station and
        # had a later one on the other, depending on the day the demo was made: a step more, not a larger station)
        conn.execute("UPDATE outbox SET rejected_reason = 'test' WHERE seq = (SELECT min(seq) FROM outbox o "
                     "WHERE NOT EXISTS (SELECT 1 FROM outbox later WHERE later.record_id = o.record_id "
                     "AND later.version > o.version))")
    return services


def _start(app, qtbot, folder: Path, records: int) -> dict[str, int]:
    """Build, show and refresh the main window on a new station of `records` demo records: the SQLite steps
    of each statement the UI thread ran ("SELECT ..." with its values, as run)."""
    services = _station(folder, records)
    conn = services.station.db.conn
    steps: dict[str, int] = {}
    running: list[str] = [""]

    def traced(sql: str) -> None:
        running[0] = sql
        steps.setdefault(sql, 0)

    def step() -> int:
        steps[running[0]] += 1
        return 0  # go on

    workstation = Workstation(services)
    conn.set_trace_callback(traced)
    conn.set_progress_handler(step, 1)
    try:
        window = MainWindow(workstation)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.refresh_status()  # as after every save
    finally:
        conn.set_trace_callback(None)
        conn.set_progress_handler(None, 1)
    window.close()
    workstation.close()
    return {sql: n for sql, n in steps.items() if sql.lstrip().upper().startswith(("SELECT", "WITH"))}


def test_start_up_and_the_status_bar_read_on_indexes_at_a_cost_that_does_not_grow(app, qtbot, tmp_path,
                                                                                   message_boxes):
    small = _start(app, qtbot, tmp_path / "small", SMALL)
    large = _start(app, qtbot, tmp_path / "large", LARGE)
    assert any("FROM consultations" in sql for sql in large)  # the list on screen read its first page
    database = raw_connection(tmp_path / "large" / "station.db")
    try:
        for sql in large:
            plan = [row[3] for row in database.execute("EXPLAIN QUERY PLAN " + sql)]
            scans = [line for line in plan if _TABLE_SCAN.match(line.strip())]
            assert not scans, f"{sql}\nreads a whole table: {plan}"
    finally:
        database.close()
    small_work, large_work = _by_shape(small), _by_shape(large)
    grew = {sql: (small_work.get(sql), steps) for sql, steps in large_work.items() if steps > small_work.get(sql, 0)}
    assert not grew, f"work that grows with the station (steps on {SMALL} and {LARGE} records): {grew}"


def _by_shape(steps: dict[str, int]) -> dict[str, int]:
    """The steps of each statement without its values (a date or id differs between the two stations)."""
    shapes: dict[str, int] = {}
    for sql, n in steps.items():
        shape = re.sub(r"'[^']*'|\b\d+\b", "?", sql)
        shapes[shape] = shapes.get(shape, 0) + n
    return shapes
