"""Printing forms: `python bench/bench_forms.py [--repeat 15]`

In one run, on one station made in a temporary folder (founded through the real keyring, as
bench/_data.py founds every bench station; records saved through the real store):

- the floor: a bare reportlab A4 page (one line of Helvetica), as fast as PDF output gets;
- one filled form: the civil application form (3 pages, the densest form) from a maximal
  record, unsigned, after warm-up (fonts registered, catalogue read) — time and PDF size;
- the same form signed with the station key (PAdES, pyHanko), for reference;
- a whole case file: cover, contents and 12 forms of a closed case plus 10 attachment
  pages (4 JPEG scans, 2 PNG photos, a 4-page PDF), unsigned and signed.

Targets: a form in under 50 ms after warm-up and under 150 KB; the case file in under 1 s.
The best of `--repeat` runs counts (the first run of each is warm-up and not counted).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
sys.path.append(str(ROOT / "tests"))  # last: the maximal record the form tests fill in imports their helpers


def _best(function, repeat: int) -> tuple[float, bytes]:
    function()  # warm-up
    best, result = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def _bare_page() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.drawString(72, 720, "Hello")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _station(folder: Path):
    from PIL import Image
    from reportlab.pdfgen import canvas

    import _data
    from desktop.records.settings import StationSettings
    from desktop.services import open_services
    from tests.form_tests.conftest import civil_maximal

    _data.unlock(folder / "data")  # a new station: its head's account, station.db encrypted
    services = open_services(folder / "data")
    services.station.update_settings(StationSettings(station_code="BN01", station_name="城关镇法律援助工作站",
                                                     township="城关镇", county_name="临河县", clerks=("李芳",),
                                                     current_clerk="李芳"))
    saved = services.station.store.save("application", civil_maximal(), user="李芳")
    services.station.db.execute("UPDATE applications SET status = 'closed' WHERE id = ?", (saved.id,))
    services.station.db.conn.commit()
    src = folder / "src"
    src.mkdir()
    for i in range(4):  # phone photos of documents: 1200 x 1600 JPEG
        Image.effect_noise((1200, 1600), 40 + i).convert("RGB").save(src / f"scan{i}.jpg", quality=80)
        services.attachments.attach("application", saved.id, "case_material", src / f"scan{i}.jpg", user="李芳")
    for i in range(2):
        Image.new("RGB", (1600, 1100), (230, 230, 220)).save(src / f"photo{i}.png")
        services.attachments.attach("application", saved.id, "id_copy", src / f"photo{i}.png", user="李芳")
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    for i in range(4):
        c.drawString(72, 720, f"Scanned page {i + 1}")
        c.showPage()
    c.save()
    (src / "award.pdf").write_bytes(buffer.getvalue())
    services.attachments.attach("application", saved.id, "case_material", src / "award.pdf", user="李芳")
    return services, services.station.store.get("application", saved.id)


def _enrolled_signer(services, county_dir: Path):
    """The station's document signer after a real (offline) enrollment with a county in `county_dir`."""
    from sync import certificates as certs
    from sync.enrollment import accept_enrollment
    from sync.server.county import CountyStore

    county = CountyStore(county_dir)
    county.init()
    s = services.station.settings
    answer = county.enroll(county.add_station(s.station_code, s.station_name, s.township, "township"),
                           services.key.public_key_bytes, s.station_code,
                           services.document_key.certificate_request(s.station_code))
    accept_enrollment(services.station.db, services.key, services.document_key, answer, s.station_code,
                      server_url=None, fingerprint=certs.fingerprint_hex(county.county_key.root()))
    return services.document_signer()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)

    from pypdf import PdfReader

    from forms.case_file import build_case_file
    from forms.context import context_for
    from forms.render import render_form

    with tempfile.TemporaryDirectory() as tmp:
        services, record = _station(Path(tmp))
        try:
            context = context_for(services, clock=lambda: datetime(2026, 3, 6, 10, 0), signer=None)
            signed = context.with_changes(signer=_enrolled_signer(services, Path(tmp) / "county"))
            floor_t, floor_pdf = _best(_bare_page, args.repeat)
            form_t, form_pdf = _best(lambda: render_form("application_civil", record, context), args.repeat)
            form_s_t, form_s_pdf = _best(lambda: render_form("application_civil", record, signed), args.repeat)
            few = max(3, args.repeat // 3)
            case_t, case_pdf = _best(lambda: build_case_file(services, record.id, context=context), few)
            case_s_t, case_s_pdf = _best(lambda: build_case_file(services, record.id, context=signed), few)
        finally:
            services.close()
    form_pages = len(PdfReader(io.BytesIO(form_pdf)).pages)
    case_pages = len(PdfReader(io.BytesIO(case_pdf)).pages)
    rows = [
        ("bare reportlab page (floor)", floor_t, len(floor_pdf), 1, None, None),
        (f"application form, filled ({form_pages} pages)", form_t, len(form_pdf), form_pages, 0.050, 150 * 1024),
        ("  the same, signed (PAdES)", form_s_t, len(form_s_pdf), form_pages, None, None),
        (f"case file: 12 forms + 10 attachment pages ({case_pages} pages)", case_t, len(case_pdf), case_pages, 1.0, None),
        ("  the same, signed (PAdES)", case_s_t, len(case_s_pdf), case_pages, 1.0, None),
    ]
    print(f"{'what':<58} {'time':>9} {'x floor':>8} {'size':>9} {'target':>18} {'':>5}")
    failed = False
    for name, seconds, size, _pages, time_target, size_target in rows:
        targets, verdict = [], ""
        if time_target is not None:
            targets.append(f"<{time_target * 1000:.0f} ms")
        if size_target is not None:
            targets.append(f"<{size_target // 1024} KB")
        if targets:
            ok = seconds < time_target and (size_target is None or size < size_target)
            verdict = "PASS" if ok else "FAIL"
            failed |= not ok
        print(f"{name:<58} {seconds * 1000:>7.1f}ms {seconds / floor_t:>7.0f}x {size / 1024:>7.1f}KB "
              f"{', '.join(targets):>18} {verdict:>5}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
