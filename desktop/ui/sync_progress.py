"""The status bar's upload progress: how far a round is in sending material files, and a button to stop.

Shown only while a round has material bytes to send. Stopping asks the round to stop between chunks;
what the county already holds stays there and the next round resumes from its end.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from .sync_controller import SyncController, megabytes

STEPS = 1000  # bytes become steps: a QProgressBar holds an int, files pass 2 GB


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
        self.bar.setFixedWidth(190)
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
