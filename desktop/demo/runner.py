"""Saving the generated records into a station: the fill clock, the sample scans, progress, the command."""

from __future__ import annotations

import heapq
import io
import random
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from itertools import islice
from pathlib import Path
from typing import Any

from desktop.records.attachments import Attachments
from desktop.records.errors import StorageError, ValidationFailed
from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese, megabytes
from desktop.records.station import Station
from desktop.records.store import Store
from desktop.records.vault import ImportRefused, StoredFile

from .aftercare import (CENTER_COMPLAINT, TEXTS, Step, case_life, complaint, consultation_follow_up, county_event,
                        county_reference, outreach_event)
from .stream import generate_records
from .texts import DEMO_SETTINGS

META_PREFIX = "_demo_"
PROGRESS_EVERY = 1000
BATCH = 500  # records saved per transaction
FILL_CACHE_KIB = 256 * 1024  # SQLite's page cache while filling (with the default 2 MB, 60,000 records take 20 % longer)
SCAN_SHARE = 0.6  # of the applications (never a voided one) that get sample scans
SCAN_RECENT = 5000  # only the newest records' applications: older paper files were never scanned


def strip_meta(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not k.startswith(META_PREFIX)}


class _Clock:
    """The store's clock during the fill: the moment the current record was entered, as the device clock shows it."""

    def __init__(self) -> None:
        self.at: datetime | None = None

    def __call__(self) -> str:
        return (self.at or datetime.now()).astimezone().isoformat(timespec="seconds")


class _Scanner:
    """Sample scans for new applications (desktop.demo.scans), handled as the app handles a clerk's scans:
    drawn and put in the station's vault on worker threads (so the vault's fsyncs overlap the drawing),
    then linked and signed with the station key here, on the thread that owns the connection, at the
    fill clock's moment. Which applications get scans, and the scans' bytes, depend on the seed only."""

    WORKERS = 2  # drawing holds the GIL: two threads are enough to hide the fsyncs
    AHEAD = 100  # applications whose scans may still be drawing when a batch is committed (~30 MB)

    def __init__(self, store: Store, attachments: Attachments, seed: int):
        from .scans import ScanMaker

        self.attachments = Attachments(store, attachments.vault, attachments.signer)  # the fill's clock
        self.seed, self.local, self.settings, self.maker_class = seed, threading.local(), store.settings, ScanMaker
        self.pool = ThreadPoolExecutor(self.WORKERS, thread_name_prefix="demo-scans")
        self.pending: deque[tuple[Future, str, str, datetime]] = deque()
        self.files = self.bytes = 0

    def submit(self, key: int, record_id: str, data: dict[str, Any], at: datetime) -> None:
        """Start drawing the scans of a new application (if it gets any); `link` attaches them later."""
        if random.Random(f"{self.seed}:share:{key}").random() < SCAN_SHARE:
            self.pending.append((self.pool.submit(self._make, key, dict(data), at), record_id, data["clerk"], at))

    def _make(self, key: int, data: dict[str, Any], at: datetime) -> list[tuple[Any, StoredFile]]:
        """On a worker thread (each has its own maker: fonts are not shared between threads)."""
        maker = getattr(self.local, "maker", None) or self.maker_class(self.settings)
        self.local.maker = maker
        vault = self.attachments.vault
        return [(scan, vault.store_stream(io.BytesIO(scan.data), scan.file_name))
                for scan in maker.scans_for(random.Random(f"{self.seed}:scans:{key}"), data, at)]

    def link(self, clock: _Clock, waiting: int = 0) -> None:
        """Link the finished scans, oldest first; wait for the oldest while more than `waiting` are outstanding."""
        while self.pending and (self.pending[0][0].done() or len(self.pending) > waiting):
            future, record_id, clerk, at = self.pending.popleft()
            for i, (scan, stored) in enumerate(future.result()):
                clock.at = at + timedelta(minutes=1 + 2 * i)  # scanned just after the record was saved
                self.attachments.link_stored("application", record_id, scan.slot, stored, scan.file_name, user=clerk)
                self.files += 1
                self.bytes += stored.size

    def close(self) -> None:
        for future, *_ in self.pending:
            future.cancel()
        self.pool.shutdown(wait=True)


def fill(station: Station, count: int, seed: int, *, progress=print, durable: bool = False,
         attachments: Attachments | None = None, now: datetime | None = None) -> dict[str, int]:
    """Save `count` generated records into an open, set-up station; returns counts by kind.

    Every record goes through `Store.save` (or `void`), BATCH of them per transaction
    (`Store.batch`): a clerk's save commits alone, a station of 200,000 records would
    spend most of an hour committing. With `attachments` (the station's, from
    desktop.services), sample scans are attached to about 60 % of the applications
    among the newest SCAN_RECENT records that are not voided later. ID numbers the
    station already has are never given to a new person. Unless `durable`, the
    connection runs with synchronous=NORMAL during the fill (a crash may lose the
    last demo records, never corrupt the file) and FULL again after; the scan files
    themselves are always written durably by the vault. `now`: the end of the two years
    the records span (default: now).
    """
    clock = _Clock()
    store = Store(station.db, station.settings, station.store.reference, now=clock)
    scanner = _Scanner(store, attachments, seed) if attachments is not None else None
    conn = station.db.conn
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-FILL_CACHE_KIB}")  # the indexes of a large station stay in memory
    if not durable:
        conn.execute("PRAGMA synchronous = NORMAL")
    taken = [row[0] for row in conn.execute("SELECT id_number FROM persons WHERE id_number IS NOT NULL")]
    people_before = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    stream = generate_records(random.Random(seed), count, station.settings, now, taken=taken)
    saved: dict[int, tuple[str, str, int]] = {}  # key -> record type, id, version
    counts = {"consultation": 0, "application": 0, "edit": 0, "void": 0, "linked": 0, "attachment": 0, "scan_bytes": 0,
              "event": 0, "closure": 0, "follow_up": 0, "court_attendance": 0, "quality_evaluation": 0, "complaint": 0,
              "center_step": 0, "outreach_event": 0}
    life = _Lives(store, seed, end=(now or datetime.now()).replace(second=0, microsecond=0) - timedelta(minutes=2))
    every = max(PROGRESS_EVERY, count // 20 // PROGRESS_EVERY * PROGRESS_EVERY)
    with store.batch():
        life.county_reference()
    started = time.perf_counter()
    try:
        while chunk := list(islice(stream, BATCH)):
            before = counts["consultation"] + counts["application"]
            with store.batch():
                for record_type, data in chunk:
                    at = datetime.fromisoformat(data["_demo_at"])
                    life.happen(until=at, clock=clock, counts=counts)  # what the county and the station did before
                    clock.at = at
                    new = _save(store, record_type, data, saved, counts)
                    new_id = new.id if new else None
                    if new is not None and record_type == "application" and not data.get("_demo_voided"):
                        life.plan(data["_demo_key"], new, strip_meta(data), at)
                    if new is not None and data.get("follow_up_needed") and not data.get("_demo_voided"):
                        life.plan_follow_up(data["_demo_key"], new.id, data)
                    life.maybe_complaint(data.get("_demo_key"), at, data.get("clerk"))
                    if (scanner is not None and new_id and record_type == "application"
                            and not data.get("_demo_voided") and data["_demo_key"] > count - SCAN_RECENT):
                        scanner.submit(data["_demo_key"], new_id, strip_meta(data), clock.at)
            if scanner is not None:
                scanner.link(clock, waiting=scanner.AHEAD)  # attachments write in transactions of their own
            done = counts["consultation"] + counts["application"]
            if progress and done // every > before // every:
                elapsed = time.perf_counter() - started
                scans = f"  {scanner.files:>6} scans {megabytes(scanner.bytes):>10}" if scanner else ""
                progress(f"  {done:>7}/{count} records  {done / elapsed:7.0f}/s{scans}")
        if scanner is not None:
            scanner.link(clock)  # the last ones
        with store.batch():
            life.happen(until=life.end, clock=clock, counts=counts)
            life.outreach_events(clock, counts)
    finally:
        if scanner is not None:
            scanner.close()
        if not durable:
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA cache_size = {cache_size}")
    if scanner is not None:
        counts.update(attachment=scanner.files, scan_bytes=scanner.bytes)
    counts["people"] = conn.execute("SELECT count(*) FROM persons").fetchone()[0] - people_before
    counts["seconds"] = time.perf_counter() - started  # type: ignore[assignment]
    return counts


def _save(store: Store, record_type: str, data: dict[str, Any], saved: dict[int, tuple[str, str, int]],
          counts: dict[str, int]):
    """Save, edit or void as the stream says; a new record's Saved, else None."""
    if "_demo_void_of" in data:
        rt, rid, version = saved[data["_demo_void_of"]]
        clerks = store.settings.clerks
        result = store.void(rt, rid, data["_demo_reason"], user=clerks[0] if clerks else "demo", expected_version=version)
        saved[data["_demo_void_of"]] = (rt, rid, result.version)
        counts["void"] += 1
        return None
    clean = strip_meta(data)
    if "_demo_from" in data:
        clean["consultation_id"] = saved[data["_demo_from"]][1]
    if "_demo_edit_of" in data:
        rt, rid, version = saved[data["_demo_edit_of"]]
        # as the forms do: the record's person link travels with the edit (else a person
        # without an ID number would be recorded again)
        person_id = store.get(rt, rid).data.get("person_id")
        if person_id:
            clean["person_id"] = person_id
        result = store.save(record_type, clean, user=clean["clerk"], record_id=rid, expected_version=version)
        saved[data["_demo_edit_of"]] = (rt, rid, result.version)
        counts["edit"] += 1
        return None
    result = store.save(record_type, clean, user=clean["clerk"])
    saved[data["_demo_key"]] = (record_type, result.id, result.version)
    counts[record_type] += 1
    counts["linked"] += "_demo_from" in data
    return result


class _Lives:
    """The cases' lives after the decision (aftercare.py), kept in time order and made to happen as the fill's
    clock passes them: the county's decisions stored as a sync stores them, the station's records saved."""

    COMPLAINT_EVERY = 700  # records per complaint, about

    def __init__(self, store: Store, seed: int, end: datetime):
        self.store, self.seed, self.end = store, seed, end
        self.queue: list[tuple[datetime, int, Step, str, str]] = []  # (at, order, step, application id, number)
        self.order = 0
        self.seq = store.db.execute("SELECT coalesce(max(seq), 0) FROM county_events").fetchone()[0]
        self.clerks = [c for c in store.settings.clerks if c.strip()] or ["demo"]
        self.last_number: str | None = None

    def plan(self, key: int, saved, data: dict[str, Any], received: datetime) -> None:
        self.last_number = saved.number
        for step in case_life(self.seed, key, saved.number, data, received, data.get("clerk") or self.clerks[0],
                              self.end):
            self._push(step, saved.id, saved.number)

    def plan_follow_up(self, key: int, consultation_id: str, data: dict[str, Any]) -> None:
        """A consultation flagged 需要回访 is followed up, as the station's plan asks."""
        step = consultation_follow_up(self.seed, key, consultation_id, data, self.end)
        if step is not None:
            self._push(step, "", "")

    def county_reference(self) -> None:
        """The county's roster, populations and hardship standard, as a first sync stores them (a station that
        already holds the county's keeps them)."""
        from sync.reference import load_reference, store_reference

        if load_reference(self.store.db).empty:
            at = self.end.astimezone()
            store_reference(self.store.db.conn, county_reference(
                self.store.settings.township or "", at.astimezone(timezone.utc).isoformat(timespec="seconds")),
                received_at=at.isoformat(timespec="seconds"))

    def maybe_complaint(self, key: int | None, at: datetime, clerk: str | None) -> None:
        if key is None:
            return
        rng = random.Random(f"{self.seed}:complaint:{key}")
        if rng.random() < 1 / self.COMPLAINT_EVERY:
            when = at + timedelta(hours=rng.randint(2, 200))
            if when <= self.end:
                self._push(complaint(rng, when, clerk or self.clerks[0], self.end,
                                     self.last_number if rng.random() < 0.5 else None), "", "")

    def _push(self, step: Step, application_id: str, number: str) -> None:
        self.order += 1
        heapq.heappush(self.queue, (step.at, self.order, step, application_id, number))

    def happen(self, *, until: datetime, clock: _Clock, counts: dict[str, int]) -> None:
        from sync.events import record_event
        from sync.protocol import COMPLAINT_EVENT, EVENT_KINDS

        conn = self.store.db.conn
        while self.queue and self.queue[0][0] <= until:
            at, _, step, application_id, number = heapq.heappop(self.queue)
            if step.is_event:
                self.seq += 1
                event = county_event(step, self.seq, self.store.settings.station_code, number, application_id,
                                     EVENT_KINDS.get(step.kind), self.seed)
                record_event(conn, event, at.isoformat(timespec="seconds"))
                counts["event"] += 1
                continue
            if step.kind == CENTER_COMPLAINT:  # the center's handling of a complaint (application_id: the complaint's)
                self.seq += 1
                event = county_event(step, self.seq, self.store.settings.station_code, "", "", None, self.seed)
                event.update(kind=COMPLAINT_EVENT, data={"complaint_id": application_id, **step.data})
                record_event(conn, event, at.isoformat(timespec="seconds"))
                counts["center_step"] += 1
                continue
            clock.at = at
            user = step.data.get("visitor") or step.data.get("observers") or step.data.get("registrar") or self.clerks[0]
            saved = self.store.save(step.kind, step.data, user=user)
            counts[step.kind] += 1
            for later in step.then:
                self._push(later, saved.id, "")

    def outreach_events(self, clock: _Clock, counts: dict[str, int]) -> None:
        """One record for each outreach day the consultations name (its people: those consulted, and more)."""
        rows = self.store.db.execute(
            "SELECT json_extract(data, '$.outreach_event'), substr(occurred_at, 1, 10), count(*) FROM consultations "
            "WHERE channel = 'outreach' AND voided = 0 AND outreach_event_id IS NULL GROUP BY 1, 2 ORDER BY 2").fetchall()
        # the decisions were read long ago: the 县中心 page shows only the last week's as new
        self.store.db.conn.execute("UPDATE county_events SET seen_at = received_at WHERE seen_at IS NULL AND "
                                   "received_at < ?", ((self.end - timedelta(days=7)).isoformat(),))
        staff = TEXTS["staff_separator"].join(self.clerks[:2])
        for name, day, consulted in rows:
            if not name:
                continue
            clock.at = min(datetime.fromisoformat(f"{day}T17:30"), self.end)
            self.store.save("outreach_event", outreach_event(name, day, consulted, staff), user=self.clerks[0])
            counts["outreach_event"] += 1


BAD_COUNT = QT_TRANSLATE_NOOP("CLI", "demo-data: --count must be 0 or more")
FAILED = QT_TRANSLATE_NOOP("CLI", "demo-data stopped: {problem}")
BAD_KEY = QT_TRANSLATE_NOOP("CLI", "demo-data: the station key cannot be used: {problem}")
SET_UP = QT_TRANSLATE_NOOP("CLI", "demo-data: set up the demo station {code} {name}")
SAVING = QT_TRANSLATE_NOOP("CLI", "demo-data: saving {count} records into {database}, scans into {vault}")
NOT_VALID = QT_TRANSLATE_NOOP("CLI", "demo-data: a generated record did not pass validation: {problem}")
NOT_ATTACHED = QT_TRANSLATE_NOOP("CLI", "demo-data: a sample scan was not attached: {problem}")
SAVED = QT_TRANSLATE_NOOP("CLI", "demo-data: saved {total} records ({consultations} consultations, {applications} "
                                 "applications, {linked} from consultations, {edits} edits, {voided} voided), {events} "
                                 "county decisions, {closures} closure reports, {follow_ups} follow-ups, "
                                 "{court_attendances} court attendances, {evaluations} quality evaluations, "
                                 "{complaints} complaints, {outreach} outreach events of {people} people and {scans} "
                                 "signed scans ({size}) in {seconds} s, {rate} records/s")


def run_demo_data(data_dir: Path, count: int, seed: int) -> int:
    """`python -m desktop demo-data`: set up a demo station if needed, save `count` training records with scans."""
    from desktop.cli_text import gloss, say
    from desktop.services import open_services
    from sync.identity import KeyFileError

    data_dir = Path(data_dir)
    if count < 0:
        print(gloss(BAD_COUNT), file=sys.stderr)
        return 2
    try:
        services = open_services(data_dir)
    except StorageError as exc:
        print(say(FAILED, problem=chinese("Storage", exc.message).format(**exc.params)), file=sys.stderr)
        return 1
    except KeyFileError as exc:
        print(gloss(BAD_KEY, problem=exc), file=sys.stderr)
        return 1
    station = services.station
    try:
        if not station.settings.configured:
            station.update_settings(DEMO_SETTINGS)
            print(say(SET_UP, code=DEMO_SETTINGS.station_code, name=DEMO_SETTINGS.station_name))
        print(say(SAVING, count=count, database=station.database_file, vault=services.vault.root))
        try:
            counts = fill(station, count, seed, attachments=services.attachments)
        except ValidationFailed as exc:  # a generator bug: say which rule, stop
            print(gloss(NOT_VALID, problem=exc), file=sys.stderr)
            return 1
        except ImportRefused as exc:  # a scan generator bug, or the disk is full
            print(say(NOT_ATTACHED, problem=exc.text()), file=sys.stderr)
            return 1
        except StorageError as exc:
            print(say(FAILED, problem=chinese("Storage", exc.message).format(**exc.params)), file=sys.stderr)
            return 1
    finally:
        services.close()
    seconds = float(counts["seconds"])
    total = counts["consultation"] + counts["application"]
    print(say(SAVED, total=total, consultations=counts["consultation"], applications=counts["application"],
              linked=counts["linked"], edits=counts["edit"], voided=counts["void"], events=counts["event"],
              closures=counts["closure"], follow_ups=counts["follow_up"],
              court_attendances=counts["court_attendance"], evaluations=counts["quality_evaluation"],
              complaints=counts["complaint"], outreach=counts["outreach_event"], people=counts["people"],
              scans=counts["attachment"], size=megabytes(counts["scan_bytes"]), seconds=f"{seconds:.1f}",
              rate=f"{total / seconds if seconds else 0:.0f}"))
    return 0
