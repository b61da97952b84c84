"""`python -m sync.server` as installers run it, and the sync code's independence from Qt."""

from __future__ import annotations

import subprocess

import pytest
import requests

from helpers.qt_blocked import run_without_qt
from helpers.county import county_process



@pytest.mark.slow
def test_python_m_sync_server_serves_its_api_and_not_its_schema(tmp_path):
    with county_process(tmp_path / "county", output=subprocess.PIPE) as (_server, url):
        health = requests.get(f"{url}/v1/health", timeout=5)
        assert health.json()["ok"] is True
        assert requests.get(f"{url}/openapi.json", timeout=5).status_code == 404
        assert requests.get(f"{url}/docs", timeout=5).status_code == 404
        assert (tmp_path / "county" / "county_certificate.json").exists()  # made on first start


def test_sync_code_imports_without_qt():
    modules = ["sync.protocol", "sync.engine", "sync.bundle", "sync.server.storage", "sync.server.app",
               "sync.server.__main__", "desktop.sync_cli"]
    code = "".join(f"import {m}\n" for m in modules) + "import desktop.sync_cli as c\nprint('ok')\n"
    result = run_without_qt(code)
    assert result.returncode == 0, result.stderr
