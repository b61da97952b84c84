"""Run code in a fresh Python in which importing Qt fails, as on a machine without it (the county server,
the command line): proves at run time, late imports included, that the code needs no Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT = ("PySide6", "shiboken6")

_BLOCK = """import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {blocked!r}:
            raise ImportError('not allowed here: ' + name)
sys.meta_path.insert(0, Block())
"""


def run_without_qt(code: str, *, also: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """`code` run from the project folder with Qt (and the top-level packages in `also`) blocked."""
    blocked = QT + tuple(also)
    return subprocess.run([sys.executable, "-c", _BLOCK.format(blocked=blocked) + code], cwd=ROOT,
                          capture_output=True, text=True)
