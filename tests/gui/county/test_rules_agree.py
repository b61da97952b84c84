"""The workspace greys out what the server would refuse: its tables must be the server's own."""

from __future__ import annotations

from desktop.county_ui.actions import NEXT, right_of
from desktop.county_ui.rights import PEOPLE_RIGHTS, ROLE_WORDS
from sync.server.decisions import FOLLOWS
from sync.server.staff import ROLE_RIGHTS, ROLES, SERVICE


def test_the_rights_are_the_servers():
    people = {right: tuple(r for r in roles if r != SERVICE) for right, roles in ROLE_RIGHTS.items()}
    assert PEOPLE_RIGHTS == people
    assert set(ROLE_WORDS) == set(ROLES)


def test_the_next_decisions_are_the_servers_order():
    for kind, after in FOLLOWS.items():
        for status in after:
            assert kind in [right_of(k) for k in NEXT[status or "received"]], (kind, status)
    for status, kinds in NEXT.items():
        for kind in kinds:
            assert (None if status == "received" else status) in FOLLOWS[right_of(kind)], (kind, status)
    assert "replace" in NEXT["assigned"] and "assign" not in NEXT["assigned"]  # 更换 is a second assignment
