"""New ids for records, persons, changes and events: UUIDs that begin with the time they were made.

A random UUID (version 4) lands each new row on a random leaf of every index keyed by it (the records' ids,
history, outbox, audit trail; the county's changes and records), so a save wrote and split a page in each, and the
county's batches touched a page per change per index. An id that begins with its millisecond (RFC 9562 version 7:
48 bits of Unix time, then 74 random bits) lands beside the ids made just before it: one page for all of them
(issue 17: a save's pages). Ids stay unique without the clock (the random bits); a wrong clock costs only locality.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_RANDOM_BITS = 74  # after the time: 12 bits, the RFC's variant (2 bits, fixed), 62 bits
_last = 0  # the time and random bits of this process's last id
_lock = threading.Lock()


def new_id() -> str:
    """A new version-7 UUID as text ("0193a4c2-7f1e-7c3d-9a5b-…"): each one made by this process sorts after the
    one before (within a millisecond, or when the clock steps back, it is the one before plus one)."""
    global _last
    millis = time.time_ns() // 1_000_000
    bits = millis << _RANDOM_BITS | int.from_bytes(os.urandom(10), "big") >> (80 - _RANDOM_BITS + 1)  # room for +1s
    with _lock:
        if bits <= _last:
            bits = _last + 1
        _last = bits
    time_part, rand_a, rand_b = bits >> _RANDOM_BITS, bits >> 62 & 0xFFF, bits & ((1 << 62) - 1)
    return str(uuid.UUID(int=(time_part & (1 << 48) - 1) << 80 | 0x7 << 76 | rand_a << 64 | 0x2 << 62 | rand_b))


def short_id(record_id: str) -> str:
    """An id shortened for a person to tell records apart: its last 8 characters, random in every id (a time-ordered
    id's first 8 are the same for about a minute)."""
    return record_id[-8:]
