"""`python -m desktop --selftest`: every check passes from source, and a broken one is reported with exit 1."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from desktop import selftest
from desktop.selftest import CHECKS, STATION_DATA_CHECK, pdf_font_report, run_selftest, sample_pdf_bytes

ROOT = Path(__file__).resolve().parents[2]
LABELS = [label for _key, label, _check in CHECKS]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desktop", "--selftest", *args], cwd=ROOT, env=env, check=False,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_selftest_passes_from_source_and_prints_every_check():
    result = run_cli()
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for label in LABELS:
        passed_or_skipped = any(label in line and line[:1] in "✓–" for line in lines)
        assert passed_or_skipped, f"{label!r} missing or failed:\n{result.stdout}"
    assert "SELF-TEST PASSED 自检通过" in lines[-1]
    assert STATION_DATA_CHECK[1] not in result.stdout  # no --data-dir: the real station is not looked at


def test_with_a_data_dir_the_station_is_checked_read_only(services, tmp_path):
    services.station.store.save("consultation", selftest._consultation("李芳"), user="李芳")
    services.close()
    database = services.station.data_dir / "station.db"
    before = database.read_bytes()
    result = run_cli("--data-dir", str(services.station.data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"✓ {STATION_DATA_CHECK[1]}" in result.stdout
    assert "integrity ok" in result.stdout and "1 consultations" in result.stdout
    assert database.read_bytes() == before


def test_a_damaged_station_database_fails_the_selftest(tmp_path):
    data = tmp_path / "station"
    data.mkdir()
    (data / "station.db").write_bytes(b"this is not a database" * 100)
    result = run_cli("--data-dir", str(data))
    assert result.returncode == 1
    assert f"✗ {STATION_DATA_CHECK[1]}" in result.stdout
    assert "SELF-TEST FAILED 自检未通过" in result.stdout


def test_missing_translations_fail_with_a_clear_report(app, monkeypatch, tmp_path):
    from desktop.ui import i18n

    monkeypatch.setattr(i18n, "resource_path", lambda *parts: tmp_path.joinpath("nowhere", *parts))
    out = io.StringIO()
    try:
        code = run_selftest(None, out=out)
    finally:
        monkeypatch.undo()
        i18n.install_translators(app)  # the other tests get the real translations back
    report = out.getvalue()
    assert code == 1, report
    assert "✗ Translations load · 中文界面翻译 — RuntimeError: the interface translation legalaid_zh_CN.qm " \
           "did not load from" in report
    assert "✓ A record saves and reads back" in report  # one broken check does not stop the others
    assert "SELF-TEST FAILED 自检未通过: " in report and " passed, 1 failed, " in report
    assert "--- translations:" in report and "Traceback" in report  # the developer's part of the report


def test_a_failed_check_skips_the_checks_that_need_it(app, monkeypatch, tmp_path):
    def broken(ctx):
        raise OSError(28, "No space left on device")

    checks = [(key, label, broken if key == "database" else check) for key, label, check in CHECKS]
    monkeypatch.setattr(selftest, "CHECKS", checks)
    out = io.StringIO()
    assert run_selftest(None, out=out) == 1
    report = out.getvalue()
    assert "✗ Database opens and migrates · 数据库打开与升级 — OSError: [Errno 28] No space left on device" in report
    assert "– A record saves and reads back · 记录保存与读回 — needs the check(s) that failed: database" in report
    assert "– Main window builds · 主窗口 — needs the check(s) that failed: database" in report


def test_the_sample_pdf_is_a_valid_pdf(tmp_path):
    data = sample_pdf_bytes()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    start = int(data.rsplit(b"startxref\n", 1)[1].split()[0])
    assert data[start:start + 4] == b"xref"


def test_font_embedding_is_read_from_plain_and_compressed_pdf_objects():
    import zlib

    embedded = b"<< /Type /FontDescriptor /FontName /ABCDEF+UMing /FontFile2 7 0 R >>"
    bare = b"<< /Type /FontDescriptor /FontName /STSong-Light >>"
    assert pdf_font_report(b"%PDF-1.4\n" + embedded) == (1, 1)
    assert pdf_font_report(b"%PDF-1.4\n" + bare) == (1, 0)
    packed = zlib.compress(embedded + b"\n" + bare)
    assert pdf_font_report(b"%PDF-1.5\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + packed
                           + b"\nendstream\nendobj\n") == (2, 1)

