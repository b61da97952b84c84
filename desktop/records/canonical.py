"""The shared surface of every signed or hashed payload (Qt-free, no database): one byte form, one clock.

The station's store, its attachments, the sync at both ends and the forms all hash or sign
canonical JSON; they import it from here, not from the store.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any


def canonical_json(value: Any) -> str:
    """The one byte form of a payload: sorted keys, no spaces, UTF-8 (hashes and signatures use it)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def local_now() -> str:
    """The device's wall clock, with its UTC offset. Never used to order changes."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
