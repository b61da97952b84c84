"""`python -m sync.server` as installers run it, and the sync code's independence from Qt."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from helpers.qt_blocked import run_without_qt
from helpers.county import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_python_m_sync_server_serves_its_api_and_not_its_schema(tmp_path):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sync.server", "--port", str(port), "--data-dir",
                               str(tmp_path / "county")], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert health.json()["ok"] is True
        assert requests.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).status_code == 404
        assert requests.get(f"http://127.0.0.1:{port}/docs", timeout=5).status_code == 404
        assert (tmp_path / "county" / "county_certificate.json").exists()  # made on first start
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_sync_code_imports_without_qt():
    modules = ["sync.protocol", "sync.engine", "sync.bundle", "sync.server.storage", "sync.server.app",
               "sync.server.__main__", "desktop.sync_cli"]
    code = "".join(f"import {m}\n" for m in modules) + "import desktop.sync_cli as c\nprint('ok')\n"
    result = run_without_qt(code)
    assert result.returncode == 0, result.stderr
