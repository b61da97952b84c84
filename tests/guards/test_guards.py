"""The guard rails run with the suite: the linter (ruff) and the import contract (import-linter), both
configured in pyproject.toml. Each must pass on the project as it is, and each must fail on a planted
violation in a copy of the project: a check that cannot fail guards nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop", "sync", "forms")
CONTRACTS = {
    "qt": "The core (records, sync, forms) runs without Qt and without the widgets",
    "county": "The station never imports the county server",
    "records": "The records core does not know sync",
    "sync_layers": "Station sync is cut in layers",
    "server_layers": "The county server is cut in layers",
    "siblings": "No import circles among the modules of a package",
    "circles": "No import circles across packages",
}


# `lint-imports` as installed with this Python (the .venv's, CI's), whatever PATH holds
LINT_IMPORTS = [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c(prog_name='lint-imports')"]


def ruff_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                          cwd=root, capture_output=True, text=True)


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    # the copy's packages, not the editable install's: PYTHONPATH names the folder that is checked
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([*LINT_IMPORTS, "--no-cache"], cwd=root, capture_output=True, text=True, env=env)


def contract_lines(output: str) -> dict[str, str]:
    """{contract key: "KEPT" | "BROKEN"} from lint-imports' summary."""
    flat = " ".join(output.split())  # long names wrap over two lines
    found = {}
    for key, name in CONTRACTS.items():
        at = flat.find(name)
        if at >= 0:
            rest = flat[at:]
            kept, broken = rest.find(" KEPT"), rest.find(" BROKEN")
            found[key] = "BROKEN" if broken >= 0 and (kept < 0 or broken < kept) else "KEPT"
    return found


def test_ruff_finds_no_defects():
    result = ruff_check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert contract_lines(result.stdout) == dict.fromkeys(CONTRACTS, "KEPT"), result.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The project's Python sources and its configuration, in a folder a test may spoil."""
    root = tmp_path / "project"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests" / "guards", root / "tests" / "guards",
                    ignore=shutil.ignore_patterns("__pycache__", "test_*"))
    shutil.copy2(ROOT / "pyproject.toml", root)
    return root


def plant(root: Path, module: str, code: str) -> None:
    path = root / module
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + code + "\n", encoding="utf-8")


VIOLATIONS = {
    # a Qt import in the records core
    "qt": ("desktop/records/store.py", "from PySide6.QtCore import QObject"),
    # the station's sync engine reaching into the county server, late, inside a function
    "county": ("sync/engine.py", "def _county():\n    from sync.server import decisions\n    return decisions"),
    # the records core reaching for sync
    "records": ("desktop/records/queries.py", "def _sync():\n    import sync.outbox\n    return sync.outbox"),
    # a lower layer of sync importing a higher one
    "sync_layers": ("sync/protocol.py", "def _engine():\n    import sync.engine\n    return sync.engine"),
    # the county server's storage importing its API
    "server_layers": ("sync/server/storage.py", "def _app():\n    from sync.server import app\n    return app"),
    # a circle between two widgets' modules, closed by a late import
    "siblings": ("desktop/ui/messages.py", "def _window():\n    from desktop.ui import main_window\n"
                 "    return main_window"),
    # a circle that leaves its package: forms.fonts imports desktop.paths
    "circles": ("desktop/paths.py", "def _fonts():\n    import forms.fonts\n    return forms.fonts"),
}


@pytest.mark.parametrize("key", VIOLATIONS)
def test_each_import_contract_breaks_on_its_violation(copy, key):
    module, code = VIOLATIONS[key]
    assert (copy / module).exists(), module
    plant(copy, module, code)
    result = lint_imports(copy)
    assert result.returncode != 0, result.stdout + result.stderr
    assert contract_lines(result.stdout)[key] == "BROKEN", result.stdout + result.stderr


def test_the_copy_alone_keeps_every_contract(copy):
    """The planted line, not the copying, breaks the contracts above."""
    result = lint_imports(copy)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("code, rule", [
    ("def _total(rows):\n    return sum(row.amount for row in rows) + missing_fee", "F821"),  # undefined name
    ("def _add(item, into=[]):\n    into.append(item)\n    return into", "B006"),  # shared mutable default
    ("def _load(path):\n    try:\n        return open(path).read()\n    except:\n        return None", "E722"),
])
def test_ruff_fails_on_a_lint_error(copy, code, rule):
    plant(copy, "sync/outbox.py", code)
    result = ruff_check(copy)
    assert result.returncode != 0 and f" {rule} " in result.stdout, result.stdout + result.stderr
