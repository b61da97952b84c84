"""A long session of widget calls never exhausts `None` (PySide6 6.12 on Python 3.11, see desktop/ui/__init__.py).

Every void method of PySide6 6.12 drops a reference to `None` on Python 3.11; a clerk typing a few hundred
characters into the application form made the program abort with "deallocating None". The program (and every
test) imports desktop.ui before any widget exists; a child process makes half a million void calls after it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CALLS = """
import desktop.ui
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(500_000):
    label.setText("张")
print("ok")
"""


def run_fresh(script: str) -> subprocess.CompletedProcess:
    """`script` in a fresh interpreter (offscreen Qt, this checkout first on the path)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


def test_half_a_million_void_calls_leave_none_alive():
    result = run_fresh(CALLS)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]


SIGNALS = """
import desktop.ui
from PySide6.QtCore import QObject, Signal


class Counter(QObject):
    changed = Signal(int)


counter = Counter()
for i in range(500_000):
    counter.changed.emit(i)
print("ok")
"""


def test_half_a_million_signals_leave_true_alive():
    """A signal's emit drops a reference to `True` (a list model's reset emits; a thousand aborted a process)."""
    result = run_fresh(SIGNALS)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
