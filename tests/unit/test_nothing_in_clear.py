"""Issue 16's test, the station's side: after demo data, no file under the station's data folder or its
backups holds a known person's ID number, name or phone, in any common encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.demo import DEMO_SETTINGS, fill
from desktop.records.backup import make_backup
from desktop.services import open_services
from helpers.accounts import provided

ENCODINGS = ("utf-8", "utf-16-le", "gb18030")


def people(db, limit: int = 20) -> list[tuple[str, str, str]]:
    """(ID number, name, phone) of people the station holds: the needles."""
    rows = db.execute("SELECT json_extract(data, '$.id_number'), json_extract(data, '$.name'), "
                      "json_extract(data, '$.phone') FROM applications WHERE json_extract(data, '$.id_number') "
                      "IS NOT NULL AND json_extract(data, '$.phone') IS NOT NULL "
                      "AND length(json_extract(data, '$.name')) >= 3 LIMIT ?", (limit,)).fetchall()
    assert rows, "the demo data has applications with an ID number, a name and a phone"
    return rows


def found_in_clear(folder: Path, needles: list[str]) -> list[str]:
    patterns = {(needle, encoding): needle.encode(encoding) for needle in needles for encoding in ENCODINGS}
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits += [f"{path.relative_to(folder)}: {needle} ({encoding})"
                 for (needle, encoding), pattern in patterns.items() if pattern in data]
    return hits


def check_station(tmp_path: Path, count: int) -> None:
    data_dir = provided(tmp_path / "data")
    services = open_services(data_dir)
    try:
        services.station.update_settings(DEMO_SETTINGS)
        fill(services.station, count, seed=16, progress=None, attachments=services.attachments)
        needles = [text for row in people(services.station.db) for text in row]
        make_backup(services, data_dir / "backups", keep=2)
        make_backup(services, tmp_path / "usb-backups", keep=2)  # a second folder, as on a USB drive
    finally:
        services.close()
    assert any((data_dir / "vault").rglob("*")), "the demo data attached scans"
    assert found_in_clear(data_dir, needles) == [] and found_in_clear(tmp_path / "usb-backups", needles) == []
    control = tmp_path / "control"  # the search itself finds a person written in clear
    control.mkdir()
    (control / "note.txt").write_bytes(needles[1].encode("gb18030"))
    assert found_in_clear(control, needles)


def test_no_file_of_the_station_or_its_backups_holds_a_person_in_clear(tmp_path):
    check_station(tmp_path, 2000)


@pytest.mark.slow
def test_at_ten_thousand_records_no_file_holds_a_person_in_clear(tmp_path):
    check_station(tmp_path, 10_000)
