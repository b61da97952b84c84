"""Issue 16's test, the station's side: after demo data, with scans attached (one of them carrying a known
person's ID number, name and phone as text, in a file named after the person), no file under the station's
data folder (its vault, its logs) or its backups holds that person's ID number, name or phone, in any common
encoding."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desktop.demo import DEMO_SETTINGS, fill
from desktop.records.backup import make_backup
from desktop.services import open_services
from helpers.accounts import provided

ENCODINGS = ("utf-8", "utf-16-le", "gb18030")


def people(db, limit: int = 8) -> list[tuple[str, str, str]]:
    """(ID number, name, phone) of people the station holds: the needles. A leak is a path (a table, a log line, a
    temporary file) that every person's data takes, so eight people find it as twenty would, in 2/5 of the search."""
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
        # each distinct pattern searched once: an ID number or a phone is the same bytes in UTF-8 and GB 18030
        present = {pattern for pattern in set(patterns.values()) if pattern in data}
        hits += [f"{path.relative_to(folder)}: {needle} ({encoding})"
                 for (needle, encoding), pattern in patterns.items() if pattern in present]
    return hits


def scan_of(person: tuple[str, str, str]) -> bytes:
    """A scanned form whose text layer holds the person in every encoding searched (as OCR software leaves it)."""
    text = "申请人 {1} 身份证号 {0} 电话 {2}".format(*person)
    layer = b"\n".join(f"BT ({text}) Tj ET".encode(encoding) for encoding in ENCODINGS)
    return (b"%PDF-1.4\n1 0 obj\n<< /Length " + str(len(layer)).encode() + b" >>\nstream\n" + layer
            + b"\nendstream\nendobj\n%%EOF\n")


def station_log(data_dir: Path) -> logging.Handler:
    """The station's log file, as the program keeps it (desktop/ui/crash.py setup_logging): everything at INFO."""
    (data_dir / "logs").mkdir(exist_ok=True)
    handler = logging.FileHandler(data_dir / "logs" / "station.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    return handler


def check_station(tmp_path: Path, count: int) -> None:
    data_dir = provided(tmp_path / "data")
    log = station_log(data_dir)
    root = logging.getLogger()
    level = root.level
    root.addHandler(log)
    root.setLevel(logging.INFO)
    services = open_services(data_dir)
    try:
        services.station.update_settings(DEMO_SETTINGS)
        fill(services.station, count, seed=16, progress=None, attachments=services.attachments)
        found = people(services.station.db)
        needles = [text for row in found for text in row]
        application_id = services.station.db.execute(  # the first person's application
            "SELECT id FROM applications WHERE json_extract(data, '$.id_number') = ?", (found[0][0],)).fetchone()[0]
        scan = tmp_path / f"{found[0][1]}身份证{found[0][2]}.pdf"  # named after the person, as clerks do
        scan.write_bytes(scan_of(found[0]))
        attached = services.attachments.attach("application", application_id, "id_copy", scan, user="李芳")
        assert services.attachments.verify(attached).ok
        assert found[0][0].encode("gb18030") in services.attachments.read_bytes(attached)  # the scan holds it
        services.attachments.verify_all()  # a day's use: checks, backups (a second one as on a USB drive)
        make_backup(services, data_dir / "backups", keep=2)
        make_backup(services, tmp_path / "usb-backups", keep=2)
    finally:
        services.close()
        root.removeHandler(log)
        root.setLevel(level)
        log.close()
    assert any((data_dir / "vault").rglob("*")), "the demo data attached scans"
    assert (data_dir / "logs" / "station.log").stat().st_size > 0, "the day was logged"
    assert found_in_clear(data_dir, needles) == [] and found_in_clear(tmp_path / "usb-backups", needles) == []
    control = tmp_path / "control"  # the search itself finds a person written in clear
    control.mkdir()
    (control / "note.txt").write_bytes(needles[1].encode("gb18030"))
    (control / "scan.pdf").write_bytes(scan_of(found[0]))  # and the scan, had it been kept as it came
    assert found_in_clear(control, needles)
    assert len(found_in_clear(control, needles[:3])) == 3 * len(ENCODINGS) + 1


@pytest.mark.slow(seconds=45)
def test_no_file_of_the_station_or_its_backups_holds_a_person_in_clear(tmp_path):
    check_station(tmp_path, 2000)
