"""The scanner folder: many stations scan to a folder; new files there wait here to be assigned.

A file is offered once its size has stopped changing (the scanner has finished
writing it). After it is attached it moves to the folder's 已导入 subfolder, so
the inbox only shows what is still to be done and nothing is ever deleted.

The folder's watcher is made when a folder is first set (Qt's file watcher costs ~25 ms of CPU to make: a
station without a scanner folder does not pay it at start).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

log = logging.getLogger(__name__)

SCAN_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif"}
IMPORTED = "已导入"
POLL_MS = 3000  # watchers miss events on network shares and some USB sticks; poll as well


class ScannerInbox(QObject):
    changed = Signal(int)  # how many files wait

    def __init__(self, folder: str | Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._watcher: QFileSystemWatcher | None = None  # made with the first folder
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.rescan)
        self._sizes: dict[Path, int] = {}
        self._ready: list[Path] = []
        self.folder: Path | None = None
        self.set_folder(folder)

    def set_folder(self, folder: str | Path | None) -> None:
        if self._watcher is not None and self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        self.folder = Path(folder) if folder else None
        self._sizes.clear()
        self._ready = []
        if self.folder is not None and self.folder.is_dir():
            if self._watcher is None:
                self._watcher = QFileSystemWatcher(self)
                self._watcher.directoryChanged.connect(lambda _path: self.rescan())
            self._watcher.addPath(str(self.folder))
            self._timer.start()
        else:
            self._timer.stop()
        self.rescan()

    def files(self) -> list[Path]:
        """Files ready to assign, oldest first."""
        return list(self._ready)

    def rescan(self) -> None:
        ready: list[Path] = []
        sizes: dict[Path, int] = {}
        if self.folder is not None:
            try:
                entries = sorted(self.folder.iterdir(), key=lambda p: p.stat().st_mtime)
            except OSError as exc:
                log.warning("cannot read scanner folder %s: %s", self.folder, exc)
                entries = []
            for path in entries:
                try:
                    if not path.is_file() or path.suffix.lower() not in SCAN_SUFFIXES:
                        continue
                    size = path.stat().st_size
                except OSError:
                    continue
                sizes[path] = size
                if size > 0 and self._sizes.get(path) == size:
                    ready.append(path)
        self._sizes = sizes
        if ready != self._ready:
            self._ready = ready
            self.changed.emit(len(ready))
        if any(path not in ready for path in sizes):
            QTimer.singleShot(500, self.rescan)  # look again soon: a file is still being written

    def mark_imported(self, path: Path) -> None:
        """Move an attached file out of the inbox, into the 已导入 subfolder."""
        if self.folder is None:
            return
        target_dir = self.folder / IMPORTED
        try:
            target_dir.mkdir(exist_ok=True)
            target = target_dir / path.name
            counter = 1
            while target.exists():
                target = target_dir / f"{path.stem} ({counter}){path.suffix}"
                counter += 1
            shutil.move(str(path), str(target))
        except OSError as exc:
            log.warning("cannot move a scan out of the scanner inbox: %s", exc.strerror)  # its name may be a person's
        self.rescan()
