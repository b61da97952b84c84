"""Sync tests: the real county server and enrolled stations come from tests/helpers/county.py (shared with
the window tests); here, the fault-injecting proxy in front of it."""

from __future__ import annotations

import pytest


@pytest.fixture
def proxy(county):
    from sync_tests.faultproxy import FaultProxy

    p = FaultProxy(county.port)
    yield p
    p.close()

