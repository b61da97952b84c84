"""The core must run without Qt (DESIGN.md): the CLI, the county server and the forms use it headless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

QT_FREE = ["desktop.records.canonical", "desktop.records.store", "desktop.records.queries",
           "desktop.records.validation", "desktop.records.station", "desktop.records.eligibility", "desktop.records.search",
           # the sync engine runs in the CLI and scheduled tasks; the county server has no Qt at all
           "sync.errors", "sync.state", "sync.transport", "sync.outbox", "sync.events", "sync.status",
           "sync.enrollment", "sync.engine", "sync.uploads", "sync.bundle", "sync.reference", "sync.recovery",
           "sync.server.app", "sync.server.admin", "sync.server.county", "sync.server.storage",
           "sync.server.migrations", "sync.server.stations", "sync.server.changes", "sync.server.decisions",
           "sync.server.files", "sync.server.reference", "sync.server.bundle_import", "sync.server.errors"]


def test_core_imports_with_qt_blocked():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is not allowed here: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        + "".join(f"import {m}\n" for m in QT_FREE)
        + "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
