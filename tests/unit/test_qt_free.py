"""The core must run without Qt (DESIGN.md): the CLI, the county server and the forms use it headless.

The import contract (pyproject.toml, tests/guards) reads the import statements; this test runs them: every
module of the core is imported in a Python where importing Qt fails, so an import made by name at run
time (importlib, a plugin) is caught too. The modules are found, not listed: a new one is covered."""

from __future__ import annotations

from helpers.qt_blocked import ROOT, run_without_qt

QT_FREE_PACKAGES = ("desktop.records", "sync", "forms")


def core_modules() -> list[str]:
    found = set()
    for package in QT_FREE_PACKAGES:
        for path in ROOT.joinpath(*package.split(".")).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(found)


def test_core_imports_with_qt_blocked():
    modules = core_modules()
    assert {"desktop.records.store", "sync.engine", "sync.server.app", "forms.render"} <= set(modules)
    result = run_without_qt("".join(f"import {m}\n" for m in modules) + "print('ok')\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
