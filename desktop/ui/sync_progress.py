"""The status bar's sync widgets: the short sync line, the clock warning, and the upload progress.

The sync line says in a few words how the last round went, the problem first (unreachable, revoked,
materials changed after signing), red when the clerk must act; the whole story is its tooltip. The
clock warning is a label of its own, so a narrow screen never cuts it off the end of a long line.

The progress bar shows only while a round has material bytes to send. Stopping asks the round to stop
between chunks; what the county already holds stays there and the next round resumes from its end.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from .sync_controller import SyncController, SyncState, megabytes, revoked_text, short_time

STEPS = 1000  # bytes become steps: a QProgressBar holds an int, files pass 2 GB
PROBLEM_STYLE = "color: #c0392b; font-weight: bold;"


class ElidingLabel(QLabel):
    """One line that ends in "…" when the status bar is short of room, instead of being cut off or making
    the window wider than a 1366- or 1117-pixel screen. Only the start up to `keep` must always show."""

    def __init__(self, parent: QWidget | None = None, *, keep_chars: int = 4):
        super().__init__(parent)
        self.keep = ""  # the start that must stay readable; empty: `keep_chars` characters
        self.keep_chars = keep_chars

    def set_keep(self, keep: str) -> None:
        self.keep = keep
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        start = self.keep or (self.text()[:self.keep_chars] + "…")
        width = self.fontMetrics().horizontalAdvance(start) + margins.left() + margins.right() + 2
        return QSize(min(hint.width(), width), hint.height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(), self.isEnabled(), shown,
                                  self.foregroundRole())


class SyncLine(ElidingLabel):
    """The status bar's line about sync: the last round this session, else what the database remembers.
    Its first part (the problem, when there is one) always shows; the rest gives way on a narrow screen."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("status_sync")
        self._set(self.tr("Not synced yet"), "", problem=False)
        controller.messageChanged.connect(lambda _text: self.show_round())

    def show_round(self) -> None:
        c = self.controller
        self._set(c.message, c.details, problem=c.problem)

    def refresh(self, state: SyncState) -> None:
        """Before the first round of this session (or right after an enrollment): the remembered state."""
        if self.controller.message:
            return
        if state.enrolled and state.revoked_at:
            self._set(revoked_text(state.revoked_at), self.controller.problem_text("revoked", None), problem=True)
        elif state.last_sync:
            self._set(self.tr("Last sync: %1").replace("%1", short_time(state.last_sync)), "",
                      problem=False)
        elif state.enrolled:
            self._set(self.tr("Not synced yet"), "", problem=False)
        else:
            self._set(self.tr("Not enrolled with the county"),
                      self.controller.problem_text("not_enrolled", None), problem=False)

    def _set(self, text: str, details: str, *, problem: bool) -> None:
        self.setText(text)
        self.set_keep(text.split("；")[0].split("; ")[0])
        self.setToolTip(details or text)
        self.setStyleSheet(PROBLEM_STYLE if problem else "")


class ClockWarning(QLabel):
    """A short red "⚠ 本机时钟偏差约 120 分钟" while the clock is off the county's; the explanation is its tooltip."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("status_clock")
        self.setStyleSheet(PROBLEM_STYLE)
        controller.finished.connect(lambda _result: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        warning = self.controller.clock_warning()
        self.setText(warning[0] if warning else "")
        self.setToolTip(warning[1] if warning else "")
        self.setVisible(warning is not None)


class SyncProgress(QWidget):
    """A progress bar ("Uploading materials 35%") and a Stop button for the controller's running round."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("sync_progress")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("sync_progress_bar")
        self.bar.setRange(0, STEPS)
        self.bar.setFormat(self.tr("Uploading materials %p%"))
        self.bar.setTextVisible(True)
        self.bar.setFixedWidth(150)  # "上传材料 35%" fits; the status bar is short of room at 1117 pixels
        self.bar.setAccessibleName(self.tr("Upload of material files"))
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("sync_stop_button")
        self.stop_button.setAutoDefault(False)
        self.stop_button.setToolTip(self.tr("Stop uploading now; the next sync continues where it stopped"))
        self.stop_button.clicked.connect(self.stop)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop_button)
        self._reset()
        controller.started.connect(self._reset)
        controller.uploadProgressed.connect(self.show_progress)
        controller.finished.connect(lambda _result: self._reset())

    def show_progress(self, done: int, total: int) -> None:
        """Bytes sent of the bytes this round sends; nothing to show when there are none."""
        if total <= 0:
            return
        self.bar.setValue(min(STEPS, int(STEPS * done / total)))
        self.bar.setToolTip(self.tr("%1 of %2 MB sent").replace("%1", megabytes(done)).replace("%2", megabytes(total)))
        self.setVisible(True)

    def stop(self) -> None:
        """The clerk stops the upload: the round ends after the chunk on its way."""
        if self.controller.cancel():
            self.stop_button.setEnabled(False)
            self.stop_button.setText(self.tr("Stopping..."))

    def _reset(self) -> None:
        self.setVisible(False)
        self.bar.setValue(0)
        self.stop_button.setEnabled(True)
        self.stop_button.setText(self.tr("Stop"))
