"""The command lines' one language convention (python -m desktop, python -m forms, python -m sync.server).

The station's users and the county's staff read Chinese, so everything a command prints is Chinese from
the zh_CN catalogue (English sources marked QT_TRANSLATE_NOOP("CLI", ...), like the rest of the core).
Help texts and refusals also carry their English source in brackets - "拒绝：… (Refused: …)" - so an
installer or an administrator can search for them; what a command reports on success is Chinese only.
Every subcommand's help shows --data-dir. A command that only reads a station refuses a --data-dir with
no station database in it, instead of setting up a new station (with a new key) there.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese, glossed, megabytes

if TYPE_CHECKING:
    from desktop.records.errors import UserFacingError

__all__ = ["CLI", "GlossedParser", "gloss", "gloss_error", "gloss_refusal", "megabytes", "missing_station", "say"]

CLI = "CLI"

NO_STATION = QT_TRANSLATE_NOOP("CLI", "There is no station in {path} (no station database): check --data-dir. "
                                      "Nothing was created.")
H_STATION_DATA_DIR = QT_TRANSLATE_NOOP("CLI", "the station's data folder (default: the per-user application data "
                                              "folder)")


def say(text: str, **params: Any) -> str:
    """A message in Chinese."""
    return chinese(CLI, text).format(**params)


def gloss(text: str, **params: Any) -> str:
    """Chinese with the English source in brackets: help texts and refusals."""
    return glossed(CLI, text, **params)


REFUSED = QT_TRANSLATE_NOOP("CLI", "Refused: {reason}")


def refused(text: str, **params: Any) -> str:
    """A refusal: 已拒绝：Chinese with its English source in brackets."""
    return say(REFUSED, reason=gloss(text, **params))


def gloss_error(error: "UserFacingError") -> str:
    """A refusal of the core (a BackupError, StorageError, ...) as the command lines print one: Chinese, the English
    after it in brackets."""
    return glossed(error.context, error.message, **error.params)


def gloss_refusal(error: BaseException) -> str:
    """A refusal of the sync or the county (a SyncError, a BundleError, a CountyError: each has its Chinese,
    `message_zh`) as the command lines print one: the Chinese, its English detail (str()) after it in brackets. One
    nobody worded is said in Chinese as unexpected (the detail in the brackets)."""
    from desktop.records.errors import UNEXPECTED
    from desktop.records.i18n import PROBLEM, chinese as chinese_of

    said = getattr(error, "message_zh", None)
    return f"{said if isinstance(said, str) and said else chinese_of(PROBLEM, UNEXPECTED)} ({error})"


class _GlossedHelp(argparse.HelpFormatter):
    """Help texts and descriptions given as their English sources, glossed when the help is printed."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return gloss(action.help) if action.help else action.help

    def add_text(self, text: str | None) -> None:
        super().add_text(gloss(text) if text and text is not argparse.SUPPRESS else text)


class GlossedParser(argparse.ArgumentParser):
    """An ArgumentParser (its subcommands' too) that glosses its help texts when it prints them, not when it is
    built: a plain start of the program parses its arguments without reading the translation catalogue (issue 17).
    Give help and description as the marked English sources."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _GlossedHelp)
        super().__init__(*args, **kwargs)


def missing_station(data_dir: Path) -> str | None:
    """The refusal for a command that needs an existing station at `data_dir`; None when there is one."""
    from desktop.records.db import database_path

    if database_path(Path(data_dir)).is_file():
        return None
    return gloss(NO_STATION, path=Path(data_dir).resolve())
