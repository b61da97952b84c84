"""What waits and how the last exchange went (Qt-free): the status bar, the settings page and the CLI
ask here - `sync_state` for what waits to go to the county, `RoundResult` for one round or USB reply,
`describe` for a round in plain Chinese lines (the CLI's words).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese, megabytes
from sync.errors import SYNC, SyncError
from sync.outbox import Acknowledged, pending_count, quarantined_changes
from sync.protocol import COMPLAINT_EVENT, SKEW_WARNING_SECONDS
from sync.state import is_enrolled, last_sync_at, revoked_at, server_url
from sync.uploads import waiting_files, waiting_summary


@dataclass
class RoundResult:
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (change_id, reason)
    events: int = 0
    pending: int = 0  # still to send after this round (quarantined not counted)
    quarantined: int = 0
    clock_skew_seconds: int | None = None
    files_sent: int = 0  # attachment files the county now holds, sent this round
    bytes_sent: int = 0
    files_pending: int = 0  # attachment files still to send after this round
    bytes_pending: int = 0
    files_damaged: list[str] = field(default_factory=list)  # vault files that no longer match their hash
    files_missing: list[str] = field(default_factory=list)  # not in this vault at all (see 核查全部材料)
    cancelled: bool = False  # the clerk stopped a long upload; the next round resumes it
    already_imported: bool = False  # a USB reply bundle imported before (applying it again changed nothing)
    failure: SyncError | None = None  # what stopped the round (what it did before that still counts)
    certificate_until: str | None = None  # the county issued this station new certificates, valid to this date
    documents: int = 0  # documents the county issued with its decisions, fetched and verified this round
    complaint_steps: int = 0  # steps of the county center's handling of this station's complaints, kept this round

    def count_event(self, kind: str | None, new: bool) -> None:
        """Count one county event this round kept: a step of a complaint's handling, or a decision."""
        if kind == COMPLAINT_EVENT:
            self.complaint_steps += new
        else:
            self.events += new

    @property
    def error(self) -> str | None:
        """The technical detail of what stopped the round (None: nothing did)."""
        return str(self.failure) if self.failure is not None else None

    @property
    def error_code(self) -> str | None:
        return self.failure.code if self.failure is not None else None

    @property
    def error_zh(self) -> str | None:
        return self.failure.message_zh if self.failure is not None else None

    @property
    def clock_warning(self) -> bool:
        return self.clock_skew_seconds is not None and abs(self.clock_skew_seconds) > SKEW_WARNING_SECONDS

    @property
    def complete(self) -> bool:
        return self.error is None and self.pending == 0 and self.quarantined == 0 and self.files_pending == 0

    def count(self, acknowledged: Acknowledged) -> None:
        """Add what one answer of the county did to the outbox."""
        self.accepted += acknowledged.accepted
        self.duplicates += acknowledged.duplicates
        self.rejected.extend(acknowledged.rejected)

    def count_waiting(self, db) -> None:
        """What still waits after the exchange: changes, returned changes, material files."""
        self.pending = pending_count(db)
        self.quarantined = len(quarantined_changes(db))
        self.files_pending, self.bytes_pending = waiting_summary(db)


@dataclass
class SyncState:
    """What the status bar and the settings page show about sync (read on the UI thread's connection)."""

    pending: int  # changes still to send
    quarantined: int  # changes the county returned, waiting for the clerk
    last_sync: str | None  # station time of the last successful round
    enrolled: bool
    server_url: str | None
    files_waiting: int = 0  # material files the county does not hold yet (changed ones not counted)
    bytes_waiting: int = 0
    revoked_at: str | None = None  # station time the county was last heard to have revoked this station
    files_changed: int = 0  # material files whose bytes no longer match their signature: never sent


def sync_state(db, changed: Collection[str] = ()) -> SyncState:
    """`changed`: hashes of material files a round found altered after signing; they wait for the clerk
    (void and add again), not for the next sync, so they are counted apart. The status bar reads this at start
    and after every save: each query is planned on an index (tests/unit/test_startup_queries.py)."""
    files, size = waiting_summary(db)
    held = [f for f in waiting_files(db) if f.sha256 in changed] if changed else []
    return SyncState(pending_count(db), len(quarantined_changes(db)), last_sync_at(db), is_enrolled(db),
                     server_url(db), files - len(held), size - sum(f.size for f in held), revoked_at(db), len(held))


def county_fingerprint(db) -> str | None:
    """The fingerprint of the county root this station pinned (the settings page shows it to compare with the
    enrollment sheet); None before enrollment. Apart from `sync_state`: it parses certificates."""
    from sync.trust import pinned

    try:
        trust = pinned(db)
    except SyncError:
        return None
    return trust.fingerprint() if trust else None


SENT = QT_TRANSLATE_NOOP("Sync", "Sent {pushed} change(s) ({accepted} newly received, {duplicates} repeated); "
                                 "received {events} county decision(s).")
COMPLAINT_STEPS = QT_TRANSLATE_NOOP("Sync", "Received {count} step(s) of the county center's handling of complaints "
                                           "(see Complaints).")
RETURNED = QT_TRANSLATE_NOOP("Sync", "{count} record(s) were returned by the county and are held until corrected: "
                                     "{reasons}")
UPLOADED = QT_TRANSLATE_NOOP("Sync", "Uploaded {count} material file(s) ({size}).")
NOT_SENT = QT_TRANSLATE_NOOP("Sync", "{count} change(s) not sent yet.")
FILES_LEFT = QT_TRANSLATE_NOOP("Sync", "{count} material file(s) ({size}) not uploaded yet; the next sync resumes "
                                       "where this one stopped.")
FILES_LEFT_PAUSED = QT_TRANSLATE_NOOP("Sync", "{count} material file(s) ({size}) not uploaded yet (paused; the next "
                                              "sync resumes where it stopped).")
SOME_FILES_LEFT = QT_TRANSLATE_NOOP("Sync", "{count} material file(s) not uploaded yet; the next sync resumes where "
                                            "this one stopped.")
SOME_FILES_LEFT_PAUSED = QT_TRANSLATE_NOOP("Sync", "{count} material file(s) not uploaded yet (paused; the next sync "
                                                   "resumes where it stopped).")
FILES_MISSING = QT_TRANSLATE_NOOP("Sync", "{count} material file(s) cannot be found on this computer and were not "
                                          "uploaded. See Tools, Check all materials.")
FILES_CHANGED = QT_TRANSLATE_NOOP("Sync", "{count} material file(s) were changed after signing (their hash does not "
                                          "match) and will not be uploaded. Find them in Tools, Check all materials, "
                                          "void each in its record and add the file again.")
CLOCK_AHEAD = QT_TRANSLATE_NOOP("Sync", "This computer's clock is {amount} fast compared with the county's; please "
                                        "correct the computer's date and time (sync is not affected, but the times "
                                        "recorded here come from this clock).")
CLOCK_BEHIND = QT_TRANSLATE_NOOP("Sync", "This computer's clock is {amount} slow compared with the county's; please "
                                         "correct the computer's date and time (sync is not affected, but the times "
                                         "recorded here come from this clock).")
SHORT_AHEAD = QT_TRANSLATE_NOOP("Sync", "Clock {amount} fast")
SHORT_BEHIND = QT_TRANSLATE_NOOP("Sync", "Clock {amount} slow")
DAYS = QT_TRANSLATE_NOOP("Sync", "{n} day(s)")
HOURS = QT_TRANSLATE_NOOP("Sync", "{n} hour(s)")
MINUTES = QT_TRANSLATE_NOOP("Sync", "{n} minute(s)")
LIST_SEPARATOR = QT_TRANSLATE_NOOP("Sync", "; ")
CERTIFICATE_RENEWED = QT_TRANSLATE_NOOP("Sync", "The county issued this station a new document-signing certificate "
                                                "(valid until {until}); documents printed from now on carry it.")


def describe(result: RoundResult) -> list[str]:
    """A round in plain lines, in Chinese: the CLI's words (the window words it in sync_controller)."""
    def say(message: str, **params) -> str:
        return chinese(SYNC, message).format(**params)

    lines = [say(SENT, pushed=result.pushed, accepted=result.accepted, duplicates=result.duplicates,
                 events=result.events)]
    if result.complaint_steps:
        lines.append(say(COMPLAINT_STEPS, count=result.complaint_steps))
    if result.rejected or result.quarantined:
        reasons = chinese(SYNC, LIST_SEPARATOR).join(reason for _, reason in result.rejected[:5])
        lines.append(say(RETURNED, count=result.quarantined, reasons=reasons))
    if result.files_sent:
        lines.append(say(UPLOADED, count=result.files_sent, size=_megabytes(result.bytes_sent)))
    if result.pending:
        lines.append(say(NOT_SENT, count=result.pending))
    resumable = result.files_pending - len(result.files_damaged)  # a changed file never goes up: it does not resume
    if resumable > 0 and result.files_damaged:  # (the size waiting counts the changed ones: it is not said)
        lines.append(say(SOME_FILES_LEFT_PAUSED if result.cancelled else SOME_FILES_LEFT, count=resumable))
    elif resumable > 0:
        lines.append(say(FILES_LEFT_PAUSED if result.cancelled else FILES_LEFT, count=resumable,
                         size=_megabytes(result.bytes_pending)))
    if result.files_missing:
        lines.append(say(FILES_MISSING, count=len(result.files_missing)))
    if result.files_damaged:
        lines.append(say(FILES_CHANGED, count=len(result.files_damaged)))
    if result.clock_warning:
        lines.append(clock_words(result.clock_skew_seconds or 0)[1])
    if result.certificate_until:
        lines.append(say(CERTIFICATE_RENEWED, until=result.certificate_until))
    if result.failure is not None:
        lines.append(result.failure.message_zh)
    return lines


def clock_words(skew: int, translate: Callable[[str, str], str] = chinese) -> tuple[str, str]:
    """(short label, sentence) for a clock `skew` seconds off the county's, with its direction and a unit a clerk
    reads at a glance: "本机时钟快了 3 天". `translate(context, text)`: chinese() here, Qt's translate in the window."""
    seconds = abs(skew)
    if seconds >= 86400:
        unit, n = DAYS, round(seconds / 86400)
    elif seconds >= 3600:
        unit, n = HOURS, round(seconds / 3600)
    else:
        unit, n = MINUTES, max(1, round(seconds / 60))
    amount = translate(SYNC, unit).format(n=n)
    short, sentence = (SHORT_AHEAD, CLOCK_AHEAD) if skew > 0 else (SHORT_BEHIND, CLOCK_BEHIND)
    return translate(SYNC, short).format(amount=amount), translate(SYNC, sentence).format(amount=amount)


def _megabytes(size: int) -> str:
    return megabytes(size)
