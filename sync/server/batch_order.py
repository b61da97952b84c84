"""The order of a station's batches when it sends more than one at a time (protocol capability "pipeline").

The county stores a station's changes in the order the station sends them (the order they were made, but for the
attachment manifests, which a round sends first; a recovering laptop gets them back in that order), so with
BATCH_WINDOW batches in flight it orders them itself: each names its round (a random id the
station draws per sync round) and its place in it (0, 1, 2, ...). Batch n of a round is stored only after n-1
of the same round was: it is read and checked meanwhile, then waits its turn, at most TURN_WAIT_SECONDS. A batch
whose predecessor did not come in that time or ended without being stored, a place beyond the window or already
waiting, and a round that is not the station's latest are refused (409 "out_of_order", nothing of it stored): the
station sends those changes again one batch at a time. A station's new round (place 0) ends its earlier one (whose waiting batches
are refused). A county without this capability, or a station that names no place, takes batches one at a time,
in the order the station sends them.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

BATCH_WINDOW = 4  # batches of one station in flight at once (advertised in every /v1/changes answer)
TURN_WAIT_SECONDS = 20.0  # a batch waiting for its predecessor (under the station's read timeout of 30 s)
MAX_ROUND_CHARS = 64
MAX_STATIONS = 10_000  # stations whose latest round is remembered (the oldest go first)


class OutOfOrder(Exception):
    """This batch cannot be stored in its place (nothing of it is)."""


@dataclass(frozen=True)
class Place:
    round: str
    n: int


def place_of(batch: dict[str, Any]) -> Place | None:
    """The batch's round and place, when it names them (None: a station that sends one batch at a time)."""
    order = batch.get("order")
    if order is None:
        return None
    if not isinstance(order, dict) or not isinstance(order.get("round"), str) \
            or not 0 < len(order["round"]) <= MAX_ROUND_CHARS or type(order.get("n")) is not int or order["n"] < 0:
        raise OutOfOrder("the batch's order is malformed (round: a short text, n: a whole number from 0)")
    return Place(order["round"], order["n"])


@dataclass
class _Round:
    id: str
    stored: int = 0  # batches of the round stored (committed) so far: the next to store is this one
    handed: int = 0  # batches handed to the writer, in order (their successor's turn has come)
    written: int = 0  # batches the writer has written, committed or in the transaction it is building
    broken: bool = False  # a batch ended without being stored: the later ones cannot be
    waiting: set[int] = field(default_factory=set)  # places held for their turn (one request each)


class BatchOrder:
    """Per station, its latest round and how far it was stored; batches wait here for their turn."""

    def __init__(self, window: int = BATCH_WINDOW, wait_seconds: float = TURN_WAIT_SECONDS):
        self.window, self.wait_seconds = window, wait_seconds
        self._rounds: dict[str, _Round] = {}
        self._changed = threading.Condition()

    def stored(self, station: str) -> int:
        """How many batches of the station's latest round were stored in their turn."""
        with self._changed:
            current = self._rounds.get(station)
            return current.stored if current is not None else 0

    def admit(self, station: str, place: Place) -> None:
        """A batch arrives (before it is read): refused when it is out of the window or of an ended round."""
        with self._changed:
            current = self._rounds.get(station)
            if place.n == 0 and (current is None or current.id != place.round):
                self._rounds.pop(station, None)
                self._rounds[station] = _Round(place.round)  # a new round: the station's earlier one has ended
                while len(self._rounds) > MAX_STATIONS:
                    del self._rounds[next(iter(self._rounds))]
                self._changed.notify_all()
                return
            if current is None or current.id != place.round:
                raise OutOfOrder("the batch belongs to a round that is not this station's latest")
            if place.n >= current.stored + self.window:
                raise OutOfOrder(f"batch {place.n} is beyond the window of {self.window} after {current.stored}")
            if place.n in current.waiting:  # a station holds no more requests waiting than its window
                raise OutOfOrder(f"batch {place.n} is already waiting for its turn")

    def wait_turn(self, station: str, place: Place) -> None:
        """Return once every earlier batch of the round was handed to the writer; OutOfOrder otherwise."""
        deadline = time.monotonic() + self.wait_seconds
        with self._changed:
            first = self._rounds.get(station)
            if first is None or first.id != place.round or place.n in first.waiting:
                raise OutOfOrder("a newer round of this station began, or this place is already waiting")
            first.waiting.add(place.n)
            try:
                while True:
                    current = self._rounds.get(station)
                    if current is not first:
                        raise OutOfOrder("a newer round of this station began; this batch goes in the next")
                    _check_unbroken(current, place)
                    if place.n <= current.handed:  # its turn (or a batch sent again after its answer was lost)
                        return
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise OutOfOrder("the earlier batch of this round has not arrived")
                    self._changed.wait(left)
            finally:
                first.waiting.discard(place.n)

    def handed(self, station: str, place: Place) -> None:
        """The batch is in the writer's queue: its successor may follow it there."""
        with self._changed:
            current = self._rounds.get(station)
            if current is not None and current.id == place.round and place.n == current.handed:
                current.handed += 1
                self._changed.notify_all()

    def check_written_before(self, station: str, place: Place) -> None:
        """On the writer, before it writes the batch: every earlier batch of the round was written (in this
        transaction or committed before it); OutOfOrder otherwise, and nothing of this one is written."""
        with self._changed:
            current = self._rounds.get(station)
            if current is None or current.id != place.round:
                raise OutOfOrder("a newer round of this station began; this batch goes in the next")
            _check_unbroken(current, place)
            if place.n > current.written:
                raise OutOfOrder("an earlier batch of this round was not stored; this one goes in the next round")

    def written(self, station: str, place: Place) -> None:
        """On the writer: the batch was written in the transaction being built."""
        with self._changed:
            current = self._rounds.get(station)
            if current is not None and current.id == place.round and place.n == current.written:
                current.written += 1

    def finished(self, station: str, place: Place, stored: bool) -> None:
        """The batch was stored (its successor's turn comes), or ended without it (its successors are refused)."""
        with self._changed:
            current = self._rounds.get(station)
            if current is not None and current.id == place.round:
                if stored and place.n == current.stored:
                    current.stored += 1
                elif not stored and place.n >= current.stored:
                    current.broken = True
                self._changed.notify_all()


def _check_unbroken(current: _Round, place: Place) -> None:
    if current.broken and place.n > current.stored:
        raise OutOfOrder("an earlier batch of this round was not stored; this one goes in the next round")


@dataclass(frozen=True)
class Turn:
    """One batch's place in its station's round, as the county's handling of it passes through it."""
    order: BatchOrder
    station: str
    place: Place

    def wait(self) -> None:
        self.order.wait_turn(self.station, self.place)

    def handed(self) -> None:
        self.order.handed(self.station, self.place)

    def check_written_before(self) -> None:
        self.order.check_written_before(self.station, self.place)

    def written(self) -> None:
        self.order.written(self.station, self.place)

    def settle(self, stored: bool) -> None:
        self.order.finished(self.station, self.place, stored)
