"""Why a file could not be used is worded in one place (desktop/records/errors.py `reason_of`): by the system's
error number, never with its English strerror, and in Chinese without Qt where a message is filled in."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import zipfile

import pytest

from desktop.records.errors import reason_of
from desktop.records.i18n import PROBLEM, Reason, chinese, chinese_text, glossed
from desktop.records.sqlcipher import sqlite3
from helpers.language import english_words


@pytest.mark.parametrize(("number", "words"), [
    (errno.ENOSPC, "磁盘空间不足"), (errno.EACCES, "没有读写权限"), (errno.EPERM, "没有读写权限"),
    (errno.ENOENT, "找不到"), (errno.EROFS, "只读"), (errno.EISDIR, "文件夹"), (errno.EIO, "磁盘读写出错"),
    (errno.ENAMETOOLONG, "太长"), (errno.EMFILE, "太多"), (99999, "系统拒绝"),
])
def test_an_os_error_is_worded_by_its_number(number, words):
    error = OSError(number, os.strerror(number) if number != 99999 else "Unknown error", "/tmp/名册.csv")
    reason = reason_of(error)
    assert isinstance(reason, Reason) and words in chinese(PROBLEM, reason)
    assert english_words(chinese(PROBLEM, reason)) == []


def test_a_windows_sharing_violation_is_another_program_using_the_file():
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32  # (set by Windows: errno alone says EACCES)
    assert "其他程序" in chinese(PROBLEM, reason_of(error))


def test_a_library_error_is_worded_without_its_english():
    def raised(work) -> BaseException:
        try:
            work()
        except Exception as exc:  # noqa: BLE001 - the test collects whatever the library raises
            return exc
        raise AssertionError("nothing raised")

    errors = [raised(lambda: b"\xff".decode("utf-8")), raised(lambda: json.loads("<html>")),
              raised(lambda: zipfile.ZipFile(io.BytesIO(b"not a zip"))),
              raised(lambda: list(csv.reader(io.StringIO("x" * (csv.field_size_limit() + 1))))),
              raised(lambda: sqlite3.connect(":memory:").execute("SELEC 1")), KeyError("members"), MemoryError()]
    worded = [chinese(PROBLEM, reason_of(error)) for error in errors]
    assert all(words and english_words(words, {"UTF-8"}) == [] for words in worded), worded
    assert len(set(worded)) >= 5  # not one sentence for everything


def test_a_reason_is_chinese_in_a_message_filled_without_qt():
    reason = reason_of(OSError(errno.ENOSPC, "No space left on device"))
    assert chinese_text("Backup", "The backup could not be written to {folder} ({error}). Check that the folder or "
                                  "USB drive is there and can be written.",
                        {"folder": "E:\\备份", "error": reason}).count("磁盘空间不足") == 1
    assert "磁盘空间不足" in glossed("Backup", "{file} cannot be read ({error})", file="a.db", error=reason)


@pytest.mark.parametrize("statement, words", [
    ("SELECT count(*) FROM applications", "数据库"),  # a database without the station's tables: not a failing disk
    ("NOT SQL", "数据库"),
])
def test_an_error_of_the_database_itself_is_not_said_to_be_the_disk(statement, words):
    with pytest.raises(sqlite3.Error) as raised:
        sqlite3.connect(":memory:").execute(statement)
    said = chinese(PROBLEM, reason_of(raised.value))
    assert words in said and "磁盘" not in said and "U" not in said, said


def test_a_database_file_that_cannot_be_opened_says_so(tmp_path):
    with pytest.raises(sqlite3.Error) as raised:
        sqlite3.connect(tmp_path / "no such folder" / "station.db")
    said = chinese(PROBLEM, reason_of(raised.value))
    assert "无法打开" in said and not english_words(said), said


def test_every_core_error_is_chinese_in_the_window_with_its_problems(app):
    """The window's one wording of an error (desktop/ui/i18n.error_text) puts a value that is itself a core message
    (a backup's Problem, nested Reasons) in Chinese, as the command lines' gloss_error does."""
    from desktop.cli_text import gloss_error
    from desktop.records.backup.model import BackupError, Problem, Problems
    from desktop.ui.i18n import error_text

    errors = [BackupError.damaged([Problem(Problems.DATABASE_DAMAGED, detail=reason_of(OSError(errno.EIO, "x")))]),
              BackupError(BackupError.CHECK_FAILED, {"problem": Problem(Problems.UNREADABLE, file="station.db",
                                                                        error=reason_of(OSError(errno.ENOENT, "x")))})]
    for error in errors:
        assert not english_words(error_text(error), {"station.db"}), error_text(error)
        assert not english_words(gloss_error(error).split(" (")[0], {"station.db"}), gloss_error(error)
