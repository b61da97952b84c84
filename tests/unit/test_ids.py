"""New ids begin with the time they were made (desktop/records/ids.py): every index keyed by them grows at its end."""

from __future__ import annotations

import time
import uuid

from desktop.records.ids import new_id, short_id
from helpers.records import consultation


def test_an_id_is_a_version_7_uuid_of_now():
    made = new_id()
    parsed = uuid.UUID(made)
    assert str(parsed) == made and parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert abs((parsed.int >> 80) - time.time_ns() // 1_000_000) < 5_000  # its first 48 bits: the millisecond


def test_ids_made_later_sort_after_and_never_repeat():
    first = [new_id() for _ in range(2000)]
    time.sleep(0.002)
    later = [new_id() for _ in range(2000)]
    assert max(first) < min(later)  # as text, as the indexes compare them
    assert uuid.UUID(max(first)).int >> 80 < uuid.UUID(min(later)).int >> 80  # and by their millisecond, not a counter
    assert len(set(first + later)) == 4000


def test_a_save_and_its_change_get_time_ordered_ids(station):
    saved = [station.store.save("consultation", consultation(), user="李明") for _ in range(3)]
    assert all(uuid.UUID(s.id).version == 7 for s in saved)
    changes = [row[0] for row in station.db.execute("SELECT change_id FROM outbox ORDER BY seq")]
    assert changes == sorted(changes) and all(uuid.UUID(c).version == 7 for c in changes)


def test_a_short_id_is_the_random_end_of_an_id():
    made = [new_id() for _ in range(50)]
    assert len({short_id(i) for i in made}) == 50 and all(len(short_id(i)) == 8 for i in made)
