"""The README's test command runs the suite on the machine's cores, a file to a worker, slow files first; a
caller's own choice of workers is kept (desktop/bootstrap.py, which is what `.ci/run` calls)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.bootstrap import MOST_TEST_WORKERS, pytest_arguments

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("cpus", "workers"), [(None, "2"), (1, "2"), (2, "3"), (64, str(MOST_TEST_WORKERS))])
def test_the_suite_runs_on_the_cores_a_file_to_a_worker_in_the_order_collected(cpus, workers):
    assert pytest_arguments(["-k", "sync"], cpus) == ["-q", "-n", workers, "--dist", "loadfile",
                                                      "--no-loadscope-reorder", "-k", "sync"]


@pytest.mark.parametrize("chosen", [["-n", "0"], ["-n0"], ["-nauto"], ["--numprocesses=3"], ["-p", "no:xdist"]])
def test_the_callers_choice_of_workers_is_kept(chosen):
    assert pytest_arguments(chosen, 8) == ["-q", *chosen]


def test_the_order_puts_the_files_with_slow_tests_first_the_slowest_first():
    """What the workers rely on to start the long files first (tests/conftest.py sorts the collection): asked for
    a quick file, a slow one and a slower one, pytest collects the slower, the slow, then the quick."""
    quick, slow, slower = ("tests/unit/test_bootstrap.py", "tests/unit/test_nothing_in_clear.py",
                           "tests/unit/test_nothing_in_clear_at_scale.py")
    collected = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                                quick, slow, slower], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    files = [line.split("::")[0] for line in collected.stdout.splitlines() if "::" in line]
    assert files == [slower] * files.count(slower) + [slow] * files.count(slow) + [quick] * files.count(quick)
    assert files[0] == slower and files[-1] == quick and slow in files
