"""`python -m desktop verify`: one line per problem, a summary, and an exit status scripts can trust."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.records.attachments import Attachments
from desktop.records.settings import StationSettings
from desktop.records.vault import Vault
from desktop.services import open_services
from desktop.verify_cli import run_verify

from .test_validation import civil_application
from .test_vault import JPEG, PDF, UYGHUR, content
from helpers.accounts import provided

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = StationSettings(station_code="TS01", station_name="测试镇法律援助工作站", township="测试镇",
                           county_name="青山县", clerks=("李芳",), current_clerk="李芳")



def summary(ok: int, tampered: int, missing: int, unsigned: int) -> str:
    """The last line of `verify`: each status in Chinese with its code, and its count."""
    return (f"完好 [ok] {ok} 个、已被改动 [tampered] {tampered} 个、缺失 [missing] {missing} 个、"
            f"无签名 [unsigned] {unsigned} 个")

def verify(data_dir: Path, *before: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desktop", *before, "verify", "--data-dir", str(data_dir)]
                          if not before else [sys.executable, "-m", "desktop", *before, str(data_dir), "verify"],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def services(data_dir):
    opened = open_services(provided(data_dir))
    opened.station.update_settings(SETTINGS)
    yield opened
    opened.close()


def attach_two(services, tmp_path):
    application = services.station.store.save("application", civil_application(), user="李芳").id
    pdf, jpg = tmp_path / "申请表.pdf", tmp_path / f"{UYGHUR}.jpg"
    pdf.write_bytes(content(PDF, 300_000))
    jpg.write_bytes(content(JPEG, 100_000))
    first = services.attachments.attach("application", application, "signed_form", pdf, user="李芳")
    second = services.attachments.attach("application", application, "id_copy", jpg, user="李芳")
    return first, second


def test_no_attachments_is_success(services, data_dir):
    result = verify(data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == summary(0, 0, 0, 0)


def test_all_ok_is_success(services, data_dir, tmp_path):
    attach_two(services, tmp_path)
    result = verify(data_dir)
    assert (result.returncode, result.stdout.strip()) == (0, summary(2, 0, 0, 0))


def test_the_data_dir_may_come_before_the_command(services, data_dir, tmp_path):
    attach_two(services, tmp_path)
    result = verify(data_dir, "--data-dir")
    assert result.returncode == 0, result.stderr


def test_a_tampered_file_fails_and_is_named(services, data_dir, tmp_path):
    first, _ = attach_two(services, tmp_path)
    path = services.attachments.path_of(first)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[1000] ^= 0x04
    path.write_bytes(bytes(data))
    result = verify(data_dir)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == summary(1, 1, 0, 0)
    assert len(lines) == 2 and lines[0].startswith("已被改动 [tampered]") and first.id in lines[0] and "申请表.pdf" in lines[0]
    number = services.station.store.get("application", first.record_id).number
    assert lines[0].startswith(f"已被改动 [tampered]：{number}：")  # the application number the clerk knows


def test_a_missing_file_fails(services, data_dir, tmp_path):
    _, second = attach_two(services, tmp_path)
    services.attachments.path_of(second).unlink()
    result = verify(data_dir)
    assert result.returncode == 1
    assert result.stdout.strip().splitlines()[-1] == summary(1, 0, 1, 0)
    assert UYGHUR in result.stdout  # names in any script reach the console intact


def test_unsigned_attachments_fail(services, data_dir, tmp_path):
    application = services.station.store.save("application", civil_application(), user="李芳").id
    scan = tmp_path / "a.pdf"
    scan.write_bytes(content(PDF))
    Attachments(services.station.store, services.vault, None).attach("application", application, "other", scan,
                                                                     user="李芳")
    result = verify(data_dir)
    assert result.returncode == 1
    assert result.stdout.strip().splitlines()[-1] == summary(0, 0, 0, 1)


def test_no_station_there(tmp_path):
    result = verify(tmp_path / "nowhere")
    assert result.returncode == 2 and "There is no station in" in result.stderr
    assert not (tmp_path / "nowhere").exists()  # verifying never creates a station


def test_run_verify_in_process(services, data_dir, tmp_path, capsys):
    attach_two(services, tmp_path)
    assert run_verify(data_dir) == 0
    assert capsys.readouterr().out.strip() == summary(2, 0, 0, 0)
    assert Vault.of_station(data_dir).tmp_dir.is_dir()
