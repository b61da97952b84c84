"""The stream of records: a plan over two years (channels, outreach days, office hours), then
`generate_records`, which yields them in the order a clerk entered them, with later edits and voids."""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from desktop.records.settings import StationSettings

from .people import Person, _pick, mobile
from .records import Generator
from .texts import APPS, COMMON, CONSULT, PLACES, VILLAGES


@dataclass(order=True)
class _Planned:
    at: datetime
    order: int
    kind: str = field(compare=False)  # consultation, application, pair_app, edit, void
    channel: str = field(compare=False, default="")
    event: str | None = field(compare=False, default=None)
    event_kind: str | None = field(compare=False, default=None)
    ref: int | None = field(compare=False, default=None)  # key of the record referred to
    converts: bool = field(compare=False, default=False)


def _event_calendar(rng: random.Random, start: datetime, end: datetime) -> list[tuple[date, str, str]]:
    """About two outreach days a month: (day, event name, kind)."""
    events, catalogue = [], PLACES["outreach_events"]
    day = start.date() + timedelta(days=rng.randint(1, 10))
    while day < end.date():
        if day.weekday() < 6:
            name, kind, _ = rng.choices(catalogue, weights=[e[2] for e in catalogue])[0]
            events.append((day, name.format(village=rng.choice(VILLAGES)), kind))
        day += timedelta(days=rng.randint(8, 20))
    return events or [(start.date(), PLACES["fallback_event"], "village")]


def _moment(rng: random.Random, day: date, channel: str) -> datetime:
    if channel in ("hotline", "online", "outreach"):
        minutes = rng.randint(*{"hotline": (8 * 60, 19 * 60 + 30), "online": (7 * 60, 23 * 60),
                                "outreach": (9 * 60, 16 * 60)}[channel])
    else:  # office hours, with the lunch break
        minutes = rng.choice((rng.randint(8 * 60 + 30, 11 * 60 + 45), rng.randint(14 * 60 + 30, 17 * 60 + 45)))
    return datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)


def _random_day(rng: random.Random, start: datetime, end: datetime, weekends: bool) -> date:
    span = (end.date() - start.date()).days
    while True:
        day = start.date() + timedelta(days=rng.randint(0, span))
        if day.weekday() < 5 or weekends and rng.random() < 0.5 or rng.random() < 0.08:
            return day


def _plan(rng: random.Random, count: int, start: datetime, end: datetime) -> list[_Planned]:
    events = _event_calendar(rng, start, end)
    plan: list[_Planned] = []
    n_applications = round(count * 0.3)
    n_pairs = round(n_applications * 0.3)
    for i in range(count - n_applications):
        channel = _pick(rng, {"walk_in": 50, "hotline": 28, "outreach": 14, "online": 5, "letter": 3})
        event = kind = None
        if channel == "outreach":
            day, event, kind = rng.choice(events)
        else:
            day = _random_day(rng, start, end, channel in ("hotline", "online"))
        converts = i < n_pairs
        if converts and channel in ("hotline", "online", "letter"):
            channel = "walk_in"
        plan.append(_Planned(_moment(rng, day, channel), len(plan), "consultation", channel, event, kind, converts=converts))
    for _ in range(n_applications - n_pairs):
        channel = _pick(rng, {"window": 84, "outreach": 8, "online": 5, "detention": 3})
        event = kind = None
        if channel == "outreach":
            day, event, kind = rng.choice(events)
        else:
            day = _random_day(rng, start, end, channel == "online")
        plan.append(_Planned(_moment(rng, day, "window" if channel != "online" else "online"), len(plan), "application",
                             channel, event, kind))
    for p in plan:  # nothing after the end of the range (today's records are entered "now")
        if p.at > end:
            p.at = end - timedelta(minutes=1 + p.order % 60)  # not drawn: the records do not depend on the minute
    plan.sort()
    return plan


def generate_records(rng: random.Random, count: int, settings: StationSettings, now: datetime | None = None, *,
                     taken: Iterable[str] = ()) -> Iterator[tuple[str, dict[str, Any]]]:
    """`count` consultations and applications over the two years before `now`, oldest first, plus edits and voids.

    Yields (record_type, data) in the order a clerk entered them; see the module
    docstring for the `_demo_` keys the runner acts on. No two people share an ID
    number, nor has anyone one of the `taken` numbers (those a station already has).
    """
    end = (now or datetime.now()).replace(second=0, microsecond=0) - timedelta(minutes=2)
    start = end - timedelta(days=730)
    gen = Generator(rng, settings, taken)
    queue: list[_Planned] = _plan(rng, count, start, end)
    heapq.heapify(queue)
    order = len(queue)
    pending: dict[int, tuple[dict[str, Any], Person, str]] = {}  # consultation key -> data, person, matter
    kept: dict[int, tuple[str, dict[str, Any]]] = {}  # records to be edited later
    key = 0
    while queue:
        item = heapq.heappop(queue)
        at = item.at
        meta: dict[str, Any] = {"_demo_at": at.isoformat(timespec="seconds")}
        if item.kind == "edit":
            record_type, data = kept.pop(item.ref)
            yield record_type, {**_edited(rng, record_type, data), **meta, "_demo_edit_of": item.ref}
            continue
        if item.kind == "void":
            yield item.channel, {**meta, "_demo_void_of": item.ref, "_demo_reason": rng.choice(COMMON["void_reasons"])}
            continue
        key += 1
        meta["_demo_key"] = key
        if item.kind == "consultation":
            data, person, matter = gen.consultation(at, item.channel, item.event, item.event_kind, item.converts)
            record_type = "consultation"
            if item.converts:
                pending[key] = (data, person, matter)
                delay = timedelta(minutes=rng.randint(10, 50)) if rng.random() < 0.8 else timedelta(days=rng.randint(1, 5))
                later = min(at + delay, end) if at + delay <= end else at + timedelta(minutes=1)
                heapq.heappush(queue, _Planned(later, order, "pair_app", "window", item.event, item.event_kind, key))
                order += 1
        elif item.kind == "pair_app":
            source = pending.pop(item.ref)
            channel = "outreach" if source[0].get("channel") == "outreach" else "window"
            data = gen.application(at, channel, item.event, item.event_kind, source)
            meta["_demo_from"] = item.ref
            record_type = "application"
        else:
            data = gen.application(at, item.channel, item.event, item.event_kind)
            record_type = "application"
        # what happens to it later is decided now, so the runner knows (the same draws as after the yield)
        roll = rng.random()
        if roll < 0.035 and not item.converts:
            kept[key] = (record_type, dict(data, **({"_demo_from": meta["_demo_from"]} if "_demo_from" in meta else {})))
            when = min(at + timedelta(hours=rng.randint(1, 72)), end)
            heapq.heappush(queue, _Planned(max(when, at + timedelta(minutes=1)), order, "edit", ref=key))
            order += 1
        elif roll < 0.045 and not item.converts and item.kind != "pair_app":
            when = min(at + timedelta(hours=rng.randint(1, 240)), end)
            heapq.heappush(queue, _Planned(max(when, at + timedelta(minutes=1)), order, "void", record_type, ref=key))
            order += 1
            meta["_demo_voided"] = True
        yield record_type, {**data, **meta}


def _edited(rng: random.Random, record_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """A second version as a clerk makes it: a corrected phone, an addition, a fuller answer."""
    data = dict(data)
    change = rng.random()
    if change < 0.3 and data.get("phone"):
        data["phone"] = mobile(rng)
    elif record_type == "consultation":
        if change < 0.7:
            data["answer"] = data["answer"] + rng.choice(CONSULT["edit_addenda"])
        else:
            data["minutes"] = (data.get("minutes") or 10) + rng.randint(5, 20)
    elif change < 0.7:
        materials = list(data.get("materials") or [])
        data["materials"] = materials + ([] if "other" in materials else ["other"])
        data["materials_pages"] = (data.get("materials_pages") or 1) + rng.randint(1, 6)
        data["note"] = ((data.get("note") or "") + APPS["edit_more_evidence"]).strip()
    else:
        data["note"] = ((data.get("note") or "") + APPS["edit_progress_call"]).strip()
    return data
