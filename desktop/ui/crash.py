"""When something breaks: log first, keep the clerk's typing, then say so once, in Chinese.

- Logging goes to a rotating file in DATA/logs (and stays there for the IT helper).
- An unhandled exception is logged with its traceback, the forms in progress are
  saved as drafts, and one dialog per distinct error tells where the log is.
- A hard crash (segfault, abort) is caught by faulthandler into DATA/logs/fault.log;
  the next start reports it and files it away.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from .messages import MessageBoxes

log = logging.getLogger(__name__)

LOG_DIR = "logs"
LOG_FILE = "station.log"
FAULT_FILE = "fault.log"


def setup_logging(data_dir: Path, file_name: str = LOG_FILE) -> Path:
    """Log to DATA/logs/station.log (1 MB × 5 files), or `file_name` (the county workspace's own). Returns the
    log folder."""
    folder = Path(data_dir) / LOG_DIR
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(folder / file_name, maxBytes=1_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) and h.baseFilename == handler.baseFilename
               for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return folder


class CrashReporter(QObject):
    """Installed as sys.excepthook; shows its dialog on the GUI thread through a queued signal."""

    _report = Signal(str, str)

    def __init__(self, log_dir: Path, keep_drafts: Callable[[], None]):
        super().__init__()
        self.log_dir = Path(log_dir)
        self.keep_drafts = keep_drafts
        self.seen: set[str] = set()
        self._fault_file = None
        self._report.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)
        self._fault_file = open(self.log_dir / FAULT_FILE, "a", encoding="utf-8")  # noqa: SIM115 - kept open
        faulthandler.enable(self._fault_file)

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.critical("unhandled exception:\n%s", text)  # first, whatever happens next
        try:
            self.keep_drafts()
        except Exception:  # noqa: BLE001 - the report must still be shown
            log.exception("could not keep the drafts after a crash")
        where = traceback.extract_tb(tb)[-1] if tb else None
        key = f"{exc_type.__name__}:{where.filename}:{where.lineno}" if where else exc_type.__name__
        if key in self.seen:
            return
        self.seen.add(key)
        # when, not what: the exception's English is for the IT helper, in the log at that time
        self._report.emit(datetime.now().strftime("%Y-%m-%d %H:%M:%S"), str(self.log_dir / LOG_FILE))

    def _show(self, when: str, log_path: str) -> None:
        MessageBoxes.warn(None, QCoreApplication.translate("Crash", "Something went wrong"),
                          QCoreApplication.translate("Crash", "The program met an error it did not expect. What you were typing has been kept as a draft. If this happens again, give the IT helper the log file:\n%1")
                          .replace("%1", log_path),
                          QCoreApplication.translate("Crash", "The details are in the log at %1.").replace("%1", when))


def previous_hard_crash(log_dir: Path) -> Path | None:
    """A fault log left by a hard crash of the previous run, filed away under a dated name."""
    fault = Path(log_dir) / FAULT_FILE
    try:
        if not fault.exists() or fault.stat().st_size == 0:
            return None
        kept = fault.with_name(f"crash-{datetime.now():%Y%m%d-%H%M%S}.log")
        fault.rename(kept)
        return kept
    except OSError:
        return None
