"""Issue #10, items 17 and 18: the command lines speak one language (Chinese, the English in brackets for help
and refusals), every subcommand's help shows --data-dir, one list of station types, sizes in one MB, and a
mistyped folder is refused instead of becoming a new station or county."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def subcommands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """Every (path, parser) of a parser's tree of subcommands, the top included."""
    yield prefix, parser
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its tree here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                yield from subcommands(sub, (*prefix, name))


def parsers():
    from desktop.__main__ import build_parser as desktop_parser
    from sync.server.__main__ import build_parser as server_parser

    yield from ((("desktop", *path), p) for path, p in subcommands(desktop_parser()))
    yield from ((("sync.server", *path), p) for path, p in subcommands(server_parser()))


@pytest.mark.parametrize("path,parser", list(parsers()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_shows_data_dir_and_its_help_is_chinese_with_the_english_gloss(path, parser):
    text = parser.format_help()
    assert "--data-dir" in text, path
    shown = parser._get_formatter()._get_help_string  # noqa: SLF001 - each help as printed (glossed then, issue 17)
    helps = [shown(a) for a in parser._actions if a.help and a.help != argparse.SUPPRESS  # noqa: SLF001
             and a.dest != "help"]
    assert helps, path
    for help_text in helps:
        assert CHINESE.search(help_text) and "(" in help_text, (path, help_text)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=120)


def test_a_refused_county_command_creates_no_county_folder(tmp_path):
    refused = run("sync.server", "station", "add", "CG01", "--name", "城关镇工作站", "--township", "城关镇",
                  cwd=tmp_path)
    assert refused.returncode == 2 and "没有 county.db" in refused.stderr and "(There is no county" in refused.stderr
    assert not (tmp_path / "county-data").exists()
    bad_type = run("sync.server", "station", "add", "CG01", "--name", "x", "--township", "y", "--type", "boat",
                   cwd=tmp_path)
    assert bad_type.returncode == 2 and not (tmp_path / "county-data").exists()


def test_the_county_takes_the_stations_own_kinds_of_station(tmp_path):
    from desktop.records.reference import default_reference
    from sync.server.stations import STATION_TYPES

    assert STATION_TYPES == tuple(c.code for c in default_reference().choices("station_types"))
    folder = tmp_path / "county"
    assert run("sync.server", "init", "--data-dir", str(folder), cwd=tmp_path).returncode == 0
    for kind in ("fixed", "mobile", "military"):
        added = run("sync.server", "station", "add", f"K{kind[:3].upper()}", "--name", "站", "--township", "镇",
                    "--type", kind, "--data-dir", str(folder), cwd=tmp_path)
        assert added.returncode == 0, added.stderr
    old = run("sync.server", "station", "add", "OLD1", "--name", "站", "--township", "镇", "--type", "township",
              "--data-dir", str(folder), cwd=tmp_path)
    assert old.returncode == 0 and "fixed" in old.stdout  # the county's older name, said in the station's words
    listed = run("sync.server", "station", "list", "--data-dir", str(folder), cwd=tmp_path).stdout
    assert "township" not in listed and "等待注册" in listed


@pytest.mark.parametrize("command", [["sync"], ["export-bundle", "x.bundle"], ["import-bundle", "x.bundle"],
                                     ["verify"], ["backup"], ["recover"], ["enroll", "--server", "http://x", "--code",
                                                                          "C"]])
def test_a_station_command_on_a_folder_with_no_station_makes_none(tmp_path, command):
    missing = tmp_path / "typo"
    result = run("desktop", *command, "--data-dir", str(missing), cwd=tmp_path)
    assert result.returncode == 2 and "没有工作站" in result.stderr and "(There is no station" in result.stderr
    assert not missing.exists()  # no database, and above all no new station key


def test_forms_refuses_a_folder_with_no_station(tmp_path):
    missing = tmp_path / "typo"
    result = run("forms", "render", "receipt", "--record", "X", "--data-dir", str(missing), "-o",
                 str(tmp_path / "x.pdf"), cwd=tmp_path)
    assert result.returncode == 2 and "没有工作站" in result.stderr
    assert not missing.exists()


def test_sizes_are_one_kind_of_megabyte():
    from desktop.records.i18n import megabytes
    from sync.status import RoundResult, describe

    assert megabytes(500 * 1024 * 1024) == "500.0 MB"  # as the settings' "1 to 500 MB" counts
    assert any("2.0 MB" in line for line in describe(RoundResult(files_sent=1, bytes_sent=2 * 1024 * 1024)))
    sources = [p for folder in ("desktop", "sync") for p in (ROOT / folder).rglob("*.py")]
    for path in sources:  # no other way of turning bytes into MB on a screen or a console
        text = path.read_text(encoding="utf-8")
        assert "/ 1e6" not in text and "1048576" not in text, path
