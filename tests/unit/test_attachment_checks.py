"""Every verification result that differs from an attachment's last one is recorded, whoever checked
(issue #10, item 5): the views follow them through the change notifications."""

from __future__ import annotations

from desktop.records import changes
from desktop.records.changes import VERIFICATIONS

from .test_attachments import writable


def test_results_are_recorded_when_they_change_and_only_then(station, attachments, application, scan):
    attachment = attachments.attach("application", application, "id_copy", scan, user="李芳")
    heard: list = []
    changes.register_listener(heard.append)
    try:
        assert attachments.verify(attachment).ok
        assert attachments.last_checks([attachment])[attachment.id].status == "ok"
        assert [c.topics for c in heard] == [frozenset({VERIFICATIONS})]
        assert attachments.verify(attachment).ok and len(heard) == 1  # the same result again: nothing written
        stored = writable(attachments.path_of(attachment))
        original = stored.read_bytes()
        stored.write_bytes(original + b"x")
        [result] = attachments.verify_all()
        assert result.status == "tampered" and len(heard) == 2
        last = attachments.last_checks([attachment])[attachment.id]
        assert (last.status, last.text()) == ("tampered", result.text())
        stored.write_bytes(original)
        assert attachments.verify(attachment).ok and len(heard) == 3  # intact again: recorded as such
    finally:
        changes.unregister_listener(heard.append)


def test_a_material_never_checked_has_no_last_result(attachments, application, scan):
    attachment = attachments.attach("application", application, "id_copy", scan, user="李芳")
    assert attachments.last_checks([attachment]) == {}


def test_a_slow_check_that_read_the_file_before_it_was_altered_does_not_overwrite_a_later_check(
        attachments, application, scan):
    """Two checks overlap: the first reads the file while it is intact and is slow to end; meanwhile the file is
    altered and a second check finds it. The first one's "ok" arrives last and must not hide what the second found
    (the materials panel shows the recorded result). The second check runs inside the first's read, as a worker
    beside it would (a connection stays on its thread)."""
    attachment = attachments.attach("application", application, "id_copy", scan, user="李芳")
    hash_of = attachments._hash
    later: list = []

    def read_then_a_later_check(sha256):
        found = hash_of(sha256)  # intact when the slow check read it
        if not later:
            later.append(None)
            stored = writable(attachments.path_of(attachment))
            stored.write_bytes(stored.read_bytes() + b"x")
            later[0] = attachments.verify(attachment)  # began later, ends first
        return found

    attachments._hash = read_then_a_later_check
    slow = attachments.verify(attachment)
    assert slow.status == "ok" and later[0].status == "tampered"
    assert attachments.last_checks([attachment])[attachment.id].status == "tampered"
    attachments._hash = hash_of
    assert attachments.verify(attachment).status == "tampered"
