"""The station's command lines that print forms, set the station up and write reports say why they cannot go on in
Chinese, the English source after it in brackets (desktop/cli_text.py): never the system's English ("No such file
or directory") inside the Chinese, never a hard-coded Chinese-only refusal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.services import open_services
from helpers.accounts import provided
from helpers.language import english_words

from .test_backup import ROOT, SETTINGS, cli
from .test_cli_refusals import glossed


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def services(data_dir):
    opened = open_services(provided(data_dir))
    opened.station.update_settings(SETTINGS)
    yield opened
    opened.close()


def forms(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "forms", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


def chinese_part(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    return stderr.strip().splitlines()[0].split(" (")[0]


def test_a_report_to_a_path_that_cannot_be_a_file_is_refused_in_chinese(services, data_dir, tmp_path):
    services.close()
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    out = tmp_path / "a-file" / "r.xlsx"  # its "folder" is a file
    result = cli("report", "INDICATORS", "--from", "2026-01-01", "--to", "2026-03-31", "--data-dir", str(data_dir),
                 "-o", str(out))
    assert result.returncode == 1
    said = chinese_part(result.stderr)
    assert not english_words(said, {str(out)}), result.stderr
    glossed(result.stderr, "拒绝", "Refused: cannot write")


def test_forms_verify_of_missing_files_is_refused_in_chinese_with_the_english(tmp_path):
    pdf, root = tmp_path / "无此.pdf", tmp_path / "无此根证书.pem"
    result = forms("verify", str(pdf))
    assert result.returncode == 1
    said = chinese_part(result.stderr)
    assert "找不到" in said and not english_words(said, {str(pdf)}), result.stderr
    glossed(result.stderr, "无法读取", "Cannot read")
    result = forms("verify", str(pdf), "--root", str(root))
    said = chinese_part(result.stderr)
    assert "找不到" in said and not english_words(said, {str(root)}), result.stderr
    glossed(result.stderr, "根证书文件", "Cannot read the root certificate file")


def test_forms_refusals_are_glossed(services, data_dir):
    services.close()
    unknown = forms("render", "NO-SUCH-FORM", "--blank", "-o", str(data_dir / "x.pdf"))
    assert unknown.returncode == 1
    glossed(unknown.stderr, "没有编号为", "There is no form")
    missing = forms("render", "consultation_register", "--record", "00000000-0000-0000-0000-000000000000",
                    "--data-dir", str(data_dir), "-o", str(data_dir / "x.pdf"))
    assert missing.returncode == 1, missing.stderr
    glossed(missing.stderr, "找不到编号为", "There is no record numbered")
    unenrolled = forms("verify", str(data_dir / "x.pdf"), "--data-dir", str(data_dir))
    assert unenrolled.returncode == 1
    glossed(unenrolled.stderr, "尚未在县中心注册", "not enrolled at the county")


def test_setup_refusals_are_glossed(services, data_dir):
    services.close()
    result = cli("setup", "--code", "TS01", "--name", "", "--township", "测试镇", "--clerk", "李芳",
                 "--phone", "12", "--data-dir", str(data_dir))
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith("--name: ") for line in lines), result.stderr
    for line in lines:
        option, _, said = line.partition(": ")
        assert said.split(" (")[0] and " (" in said and said.endswith(")"), line  # 中文 (English)
        assert not english_words(said.split(" (")[0], {"YYYY"}), line
