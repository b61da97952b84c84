"""The workspace greys out what the server would refuse, from the server's own tables (sync/county_rules.py):
what a status offers, and who may press it, as the county's process and roles say."""

from __future__ import annotations

from desktop.county_ui.actions import NEXT, right_of
from desktop.county_ui.rights import PEOPLE_RIGHTS, ROLE_WORDS
from sync import county_rules
from sync.county_rules import ROLES, SERVICE
from sync.server import decisions


def test_each_status_offers_the_decisions_of_the_process():
    assert set(NEXT["received"]) == {"accept", "supplement"}
    assert set(NEXT["accepted"]) == {"supplement", "grant", "refuse"}
    assert set(NEXT["granted"]) == {"assign", "terminate"}
    assert set(NEXT["assigned"]) == {"replace", "progress", "close", "terminate"}  # 更换 is a second assignment
    assert NEXT["refused"] == NEXT["terminated"] == ("objection",)  # Art. 49
    assert NEXT["closed"] == ()
    assert right_of("replace") == "assign"


def test_the_workspace_and_the_server_read_one_table():
    assert decisions.FOLLOWS is county_rules.FOLLOWS
    assert all(SERVICE not in roles for roles in PEOPLE_RIGHTS.values())  # the scripts' credential is no person
    assert PEOPLE_RIGHTS["grant"] == ("head",) and PEOPLE_RIGHTS["recover"] == ("head", "admin")
    assert set(ROLE_WORDS) == set(ROLES)
