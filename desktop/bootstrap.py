"""`python3 -m desktop.bootstrap run|test`: the README's two quick-start commands, on a fresh machine.

A stock Debian/Ubuntu Python refuses `pip install` into the system (externally-managed-environment)
and Windows has `py` rather than `python`; so the quick start does not install into whatever Python is
found. This module makes a virtual environment `.venv` beside the project, installs the project into it
(with the test tools for `test`) only when pyproject.toml changed since the last install, then runs the
app (`run`) or the whole test suite (`test`) with that environment's Python, passing on any further
arguments. Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("LEGALAID_VENV") or PROJECT / ".venv")
STAMP = "legalaid-installed.txt"
MINIMUM_PYTHON = (3, 10)
MOST_TEST_WORKERS = 4  # each worker is a Python with Qt and the suite's stations (~1 GB at its peak)

NO_VENV_HELP = """无法创建 Python 虚拟环境（{error}）。
Debian/Ubuntu：先安装 python3-venv（sudo apt install python3-venv），再运行同一条命令。
Cannot create a Python virtual environment. On Debian/Ubuntu install python3-venv first."""


def venv_python(root: Path = VENV) -> Path:
    return root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment(extra: str | None) -> Path:
    """The virtual environment's Python, made and brought up to date with the project (and `extra`)."""
    python = venv_python()
    if not python.exists():
        print(f"正在创建虚拟环境 {VENV} …", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise SystemExit(NO_VENV_HELP.format(error=exc)) from exc
        if not python.exists():
            raise SystemExit(NO_VENV_HELP.format(error="python not found in the new environment"))
    wanted = _install_fingerprint(extra)
    stamp = VENV / STAMP
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != wanted:
        target = f"{PROJECT}[{extra}]" if extra else str(PROJECT)
        print(f"正在安装 {target} 及其依赖 …", flush=True)
        code = subprocess.call([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                                "-e", target])
        if code != 0:
            raise SystemExit(f"安装失败（pip 退出码 {code}），请检查网络后重试。Installation failed.")
        stamp.write_text(wanted, encoding="utf-8")
    return python


def _install_fingerprint(extra: str | None) -> str:
    """What the environment was installed from: a new dependency in pyproject.toml installs again."""
    digest = hashlib.sha256((PROJECT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {extra or '-'}\n"


def _workers_chosen(rest: list[str]) -> bool:
    """The caller chose how the suite runs: `-n 0`, `-n2`, `--numprocesses=4`, `-p no:xdist`."""
    for arg in rest:
        if arg in ("-n", "--numprocesses", "no:xdist", "-pno:xdist") or arg.startswith("--numprocesses="):
            return True
        if arg.startswith("-n") and (arg[2:].isdigit() or arg[2:] in ("auto", "logical")):
            return True
    return False


def pytest_arguments(rest: list[str], cpus: int | None) -> list[str]:
    """The suite on a worker per core and one more (pytest-xdist; a test that waits on the disk or a loopback server
    leaves its core to another: 5:51 against 6:35 on 2 cores), at most MOST_TEST_WORKERS; a test file to a worker
    (its stations and servers built once) in the order collected (tests/conftest.py puts the slowest files first);
    unless the caller chose."""
    if _workers_chosen(rest):
        return ["-q", *rest]
    workers = min((cpus or 1) + 1, MOST_TEST_WORKERS)
    return ["-q", "-n", str(workers), "--dist", "loadfile", "--no-loadscope-reorder", *rest]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.version_info < MINIMUM_PYTHON:
        print("需要 Python 3.10 或更新版本。Python 3.10 or newer is needed.", file=sys.stderr)
        return 2
    if not args or args[0] not in ("run", "test"):
        print("用法 usage: python3 -m desktop.bootstrap run|test [参数 arguments …]", file=sys.stderr)
        return 2
    command, rest = args[0], args[1:]
    python = ensure_environment("test" if command == "test" else None)
    if command == "test":
        return subprocess.call([str(python), "-m", "pytest", *pytest_arguments(rest, os.cpu_count())], cwd=PROJECT)
    return subprocess.call([str(python), "-m", "desktop", *rest], cwd=PROJECT)


if __name__ == "__main__":
    sys.exit(main())
