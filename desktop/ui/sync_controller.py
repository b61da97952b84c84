"""Sync with the county from the window: one round at a time on a worker, never on the UI thread.

`SyncController.sync_now()` starts a round (the 同步 action, the timer every SYNC_INTERVAL_MS, and
right after an enrollment); a second request while a round runs is ignored. The round is a task on its
own connection (a connection never crosses threads) that runs `sync.engine.SyncEngine`; what it writes
reaches the status bar and the views through the change notifications as each transaction commits;
the outcome comes back as plain words for the status bar, never a traceback: `summary` is its short
line (the problem first, so a narrow screen never hides it), `explain` the whole story for its tooltip,
`clock_warning` the words of the clock's own label. Material files a round found changed after signing
(`changed_files`) are said apart: they never go up as they are, so they are not "waiting" or "resuming".
`enroll_on_worker` does the same for enrollment from the settings page.

Long uploads of material files report their bytes through `uploadProgressed` (from the worker through
the task's progress signal, so widgets are only touched on the UI thread) and stop between chunks on
`cancel()`; the next round resumes where the county's copy ends. Rounds also start by themselves:
a few seconds after the window is shown (`schedule_startup_round`), every SYNC_INTERVAL_MS, and as soon
as the county answers again after a round that could not reach it (`sync_probe.ReachabilityProbe`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from sync.errors import SYNC
from sync.status import SyncState, sync_state

from .i18n import core_text
from .sync_probe import ReachabilityProbe
from .tasks import Task
from .workstation import Workstation

log = logging.getLogger(__name__)

SYNC_INTERVAL_MS = 5 * 60 * 1000  # a round every five minutes while the window is open
STARTUP_DELAY_MS = 4000  # the first round: once the window is up and the clerk can see it
MB = 1024 * 1024


def short_time(stamp: str | None) -> str:
    return (stamp or "")[:16].replace("T", " ")


def megabytes(size: int) -> str:
    return f"{size / MB:.1f}"


WARNING = "\u26a0 "  # ⚠: what the clerk must act on (red in the status bar)


def revoked_text(when: str | None) -> str:
    """"Revoked by the county (time)": the settings page and the status bar say it the same way."""
    if when:
        return WARNING + QCoreApplication.translate("SyncController", "Revoked by the county (%1)").replace(
            "%1", short_time(when))
    return WARNING + QCoreApplication.translate("SyncController", "Revoked by the county")


def waiting_text(state: SyncState) -> str:
    """The status bar's "what waits": records, material files with their size, and what the county returned."""
    if state.files_waiting:
        text = (QCoreApplication.translate("SyncController", "Waiting to sync: %1 records, %2 materials (%3 MB)")
                .replace("%1", str(state.pending)).replace("%2", str(state.files_waiting))
                .replace("%3", megabytes(state.bytes_waiting)))
    else:
        text = QCoreApplication.translate("SyncController", "Waiting to sync: %1 records").replace(
            "%1", str(state.pending))
    if state.quarantined:  # the wording the status bar always had (its translation exists under MainWindow)
        text += " " + QCoreApplication.translate("MainWindow", "(%1 returned by the county)").replace(
            "%1", str(state.quarantined))
    return text


class SyncController(QObject):
    """Runs sync rounds off the UI thread, one at a time, and says how they went."""

    started = Signal()
    finished = Signal(object)  # the RoundResult (None when the round could not run at all)
    messageChanged = Signal(str)  # one line for the status bar
    uploadProgressed = Signal(object, object)  # material bytes sent, bytes to send this round (Python ints)

    def __init__(self, workstation: Workstation, parent: QObject | None = None, *,
                 interval_ms: int = SYNC_INTERVAL_MS):
        super().__init__(parent)
        self.workstation = workstation
        self.services = workstation.services
        self.task: Task | None = None
        self.last_result = None
        self.message = ""  # the status bar's short line about the last round ("" before the first)
        self.details = ""  # everything about it (the line's tooltip)
        self.problem = False  # the line is something the clerk must see (shown in red)
        self.changed_files: set[str] = set()  # material files found altered after signing: never sent
        self.clock_skew: int | None = self._stored_skew()  # station minus county seconds, last known
        self.engine_options: dict[str, Any] = {}  # passed to SyncEngine (tests: a small chunk_bytes)
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setObjectName("sync_timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.on_timer)
        self.probe = ReachabilityProbe(workstation.tasks, self._server_url,
                                       lambda: not self.is_running() and self._enrolled(), self)
        self.probe.reachable.connect(self.on_timer)
        app = QCoreApplication.instance()
        if app is not None:  # no round starts by itself once the program is closing (its runner cancels the one running)
            app.aboutToQuit.connect(self.stop)

    def start_timer(self) -> None:
        self.timer.start()

    def schedule_startup_round(self, delay_ms: int | None = None) -> None:
        """A first round a few seconds after the window is shown (when enrolled): decisions arrive at once."""
        QTimer.singleShot(STARTUP_DELAY_MS if delay_ms is None else delay_ms, self, self.on_timer)

    def stop(self) -> None:
        """No more rounds by themselves (before a restore, at exit); a running upload stops between chunks."""
        self.stopped = True
        self.timer.stop()
        self.probe.stop()
        self.cancel()

    def is_running(self) -> bool:
        return self.task is not None

    def cancel(self) -> bool:
        """Stop the running round's upload between chunks (what was sent stays at the county); False: none runs."""
        if self.task is None:
            return False
        self.task.cancel()
        return True

    def on_timer(self) -> None:
        """The timer, the start-up round and the server answering again: a quiet round when enrolled
        with a server address."""
        if self.is_running() or self.stopped:
            return
        if self._enrolled() and self._server_url():  # a USB-only station has no server to try
            self.sync_now()

    def _stored_skew(self) -> int | None:
        from sync.state import last_clock_skew

        return last_clock_skew(self.services.station.db)

    def _enrolled(self) -> bool:
        from sync.state import is_enrolled

        try:
            return is_enrolled(self.services.station.db)
        except Exception:  # noqa: BLE001 - the database may be closed for a restore
            return False

    def _server_url(self) -> str | None:
        from sync.state import server_url

        try:
            return server_url(self.services.station.db)
        except Exception:  # noqa: BLE001 - closed for a restore
            return None

    def sync_now(self) -> bool:
        """Start one round; False when one is already running."""
        if self.is_running():
            return False
        services = self.services
        options = dict(self.engine_options)

        def work(job):
            from sync.errors import SyncError
            from sync.status import RoundResult

            try:
                engine = services.on_connection(job.db).sync_engine(**options)
            except SyncError as exc:
                return RoundResult(failure=exc)
            return engine.sync_round(progress=job.progress, cancelled=job.cancelled)

        self._show(self.tr("Syncing with the county..."))
        self.started.emit()
        # On the pool, not the write lane: a round waits minutes on the network, and a clerk's attachment must
        # not wait for it. Its writes are short transactions that queue on SQLite's write lock like a save.
        task = self.workstation.tasks.run(work, self._done, self._failed, self.uploadProgressed.emit)
        if not task.is_done():  # (a synchronous runner has finished the round, and cleared self.task, already)
            self.task = task
        return True

    def _done(self, result) -> None:
        self.task = None
        self.last_result = result
        if result.cancelled or result.error is not None:  # files this round did not reach keep what is known
            self.changed_files |= set(result.files_damaged)
        else:
            self.changed_files = set(result.files_damaged)
        if result.clock_skew_seconds is not None:
            self.clock_skew = result.clock_skew_seconds
        if result.error_code == "network" and not self.stopped:
            self.probe.start()  # ask the county every half minute; sync as soon as it answers
        else:
            self.probe.stop()
        # a busy county is no problem of the station's: the round waited, and the next one sends the rest
        problem = (result.error is not None and result.error_code != "busy") or self._changed_count(result) > 0
        self._show(self.summary(result), self.explain(result), problem=problem)
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.last_result = None
        log.error("sync round failed: %r", error)
        self._show(self.tr("Sync failed unexpectedly; nothing was lost. It will be tried again."), problem=True)
        self.finished.emit(None)

    def _show(self, text: str, details: str = "", *, problem: bool = False) -> None:
        self.message = text
        self.details = details or text
        self.problem = problem
        self.messageChanged.emit(text)

    def after_enrollment(self) -> None:
        """The station was just enrolled: a first round when it has a server address. A station enrolled by
        USB may have none (it exchanges bundles), and a round would only say "no server address"."""
        self.message = ""  # what this session said before (e.g. "not enrolled") no longer holds
        if self._server_url():
            self.sync_now()

    # -- words for the status bar -------------------------------------------------------------

    def summary(self, result) -> str:
        """The status bar's short line: the problem first (it must stay visible on a narrow screen)."""
        parts: list[str] = []
        failed = result.error_code is not None or result.error is not None
        if failed:
            parts.append(self.short_problem(result.error_code))
        changed = self._changed_count(result)
        if changed:
            parts.append(WARNING + self.tr("%1 material file(s) changed after signing").replace("%1", str(changed)))
        if not failed:
            parts.append(self.tr("Synced at %1").replace("%1", short_time(self._last_sync())))
            if result.events:
                parts.append(self.tr("%1 new county decision(s)").replace("%1", str(result.events)))
            if result.complaint_steps:
                parts.append(self.tr("%1 update(s) on complaints from the county center")
                             .replace("%1", str(result.complaint_steps)))
        if result.cancelled:
            parts.append(self.tr("upload paused"))
        return self._join(parts)

    def explain(self, result) -> str:
        """Everything about a round, one sentence a line (the short line's tooltip)."""
        lines: list[str] = []
        if result.error_code is None and result.error is None:
            lines.append(self.tr("Synced at %1").replace("%1", short_time(self._last_sync())))
            if result.events:
                lines.append(self.tr("%1 new county decision(s)").replace("%1", str(result.events)))
            if result.complaint_steps:
                lines.append(self.tr("%1 step(s) of the county center's handling of complaints (see Complaints)")
                             .replace("%1", str(result.complaint_steps)))
            if result.files_sent:
                lines.append(self.tr("%1 material file(s) sent (%2 MB)").replace("%1", str(result.files_sent))
                             .replace("%2", megabytes(result.bytes_sent)))
        else:
            failure = result.failure
            lines.append(self.problem_text(result.error_code, failure and core_text(SYNC, failure.message,
                                                                                     failure.params)))
            if result.error_code == "no_server":
                lines.append(self.tr("Without a network, exchange USB bundles instead: File, Export sync bundle "
                                     "to USB."))
        waiting = self._waiting()
        if result.cancelled and waiting.files_waiting:  # only files that can still go up resume
            lines.append(self.tr("Upload paused with %1 material file(s) (%2 MB) left; it resumes at the next sync")
                         .replace("%1", str(waiting.files_waiting)).replace("%2", megabytes(waiting.bytes_waiting)))
        if waiting.files_changed or result.files_damaged:
            lines.append(self.changed_files_text(max(waiting.files_changed, len(result.files_damaged))))
        if result.quarantined:
            lines.append(self.tr("%1 change(s) returned by the county, fix them in the record")
                         .replace("%1", str(result.quarantined)))
        return "\n".join(lines)

    def changed_files_text(self, count: int) -> str:
        """What to do about material files altered after signing: they are never sent, so say it once."""
        return (self.tr("%1 material file(s) were changed after they were signed, so they are not sent to the "
                        "county, now or later. Find them in Tools, Check all materials; void each in its record "
                        "and add the file again.").replace("%1", str(count)))

    def short_problem(self, code: str | None) -> str:
        """A few words for the status bar; `problem_text` is the whole sentence."""
        if code == "network":
            text = self.tr("Cannot reach the county; nothing is lost")
        elif code == "not_enrolled":
            text = self.tr("Not enrolled with the county")
        elif code == "no_server":
            text = self.tr("No county server address")
        elif code == "revoked":
            return revoked_text(self._revoked_at())
        elif code == "busy":  # not a failure: no warning sign
            return self.problem_text(code, None)
        elif code in ("server", "bad_answer"):
            text = self.tr("County server problem; it will be tried again")
        else:
            text = self.tr("The county refused the sync")
        return WARNING + text

    def problem_text(self, code: str | None, message_zh: str | None) -> str:
        if code == "network":
            return self.tr("Cannot reach the county server; unsent records are kept and sent next time")
        if code == "not_enrolled":
            return self.tr("Not enrolled with the county: enter the server address and code in Settings")
        if code == "no_server":
            return self.tr("No county server address: enter it in Settings")
        if code == "revoked":
            return self.tr("The county has revoked this station: contact the county legal-aid center")
        if code in ("server", "bad_answer"):
            return self.tr("The county server had a problem; it will be tried again at the next sync")
        if code == "busy":
            from sync.protocol import REFUSALS

            return core_text(SYNC, REFUSALS["busy"])
        return self.tr("The county refused the sync: %1").replace("%1", message_zh or "")

    def clock_warning(self) -> tuple[str, str] | None:
        """(short label, explanation) when this computer's clock is off the county's; None when it is not."""
        from sync.protocol import SKEW_WARNING_SECONDS

        skew = self.clock_skew
        if skew is None or abs(skew) <= SKEW_WARNING_SECONDS:
            return None
        from PySide6.QtCore import QCoreApplication

        from sync.status import clock_words

        short, explanation = clock_words(skew, QCoreApplication.translate)  # "本机时钟快了 3 天", in the core's words
        return WARNING + short, explanation

    def _changed_count(self, result) -> int:
        """Material files known to be changed after signing (a stopped round may not have reached them)."""
        return max(len(result.files_damaged), self._waiting().files_changed)

    def _waiting(self) -> SyncState:
        return sync_state(self.services.station.db, self.changed_files)

    def _revoked_at(self) -> str | None:
        from sync.state import revoked_at

        try:
            return revoked_at(self.services.station.db)
        except Exception:  # noqa: BLE001 - closed for a restore
            return None

    def _join(self, parts: list[str]) -> str:
        return "; ".join(parts) if not self._chinese() else "；".join(parts)

    def _last_sync(self) -> str | None:
        from sync.state import last_sync_at

        return last_sync_at(self.services.station.db)

    @staticmethod
    def _chinese() -> bool:
        from .i18n import language

        return language() == "zh"


def enroll_on_worker(workstation: Workstation, server_url: str, code: str, fingerprint: str,
                     on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> Task:
    """Enroll the station with the county in a task (its own connection), checking the county root against the
    sheet's `fingerprint`; on_done gets the station's certificate details. On the pool: it waits on the network."""
    key, document_key = workstation.services.key, workstation.services.document_key
    station_code = workstation.station.settings.station_code

    def work(job):
        from sync.enrollment import enroll

        return enroll(job.db, key, document_key, server_url, code, station_code, fingerprint)

    return workstation.tasks.run(work, on_done, on_error)
