"""Quick entry of the consultations taken at one outreach event (a mobile team in a camp types 30 questions in one
sitting): one line per consultation, Enter in the answer saves it and starts the next, all by keyboard.

Each is a consultation like any other (channel 外出服务, linked to the event, at the event's date), saved by the
store with its checks; what the team does not type (time, channel, clerk, outcome) comes from the event.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QVBoxLayout, QWidget)

from desktop.records.errors import StorageError, ValidationFailed
from desktop.records.station import Station
from desktop.records.store import Record

from .i18n import core_text, issue_text, language

# the special group an event's people usually belong to (the team may change it)
EVENT_GROUP = {"military": "military", "women": "woman", "elderly": "elderly", "minor": "minor",
               "disabled": "disabled", "ethnic": "ethnic_minority", "migrant": "migrant_worker"}


class QuickConsultations(QDialog):
    def __init__(self, station: Station, event: Record, user: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.station, self.outreach, self.user = station, event, user
        self.saved: list[str] = []
        self.setObjectName("quick_consultations_dialog")
        self.setWindowTitle(self.tr("Consultations at %1").replace("%1", event.data.get("title", "")))
        reference = station.store.reference
        self.name = QLineEdit(self)
        self.name.setObjectName("quick_name")
        self.name.setPlaceholderText(self.tr("Empty: anonymous"))
        self.group = QComboBox(self)
        self.group.setObjectName("quick_group")
        self.group.addItem(self.tr("None"), None)
        for choice in reference.choices("person_categories"):
            self.group.addItem(choice.label(language()), choice.code)
        wanted = EVENT_GROUP.get(event.data.get("event_type") or "")
        self.group.setCurrentIndex(max(0, self.group.findData(wanted)))
        self.matter = QComboBox(self)
        self.matter.setObjectName("quick_matter")
        for choice in reference.choices("matter_categories"):
            self.matter.addItem(choice.label(language()), choice.code)
        self.question = QLineEdit(self)
        self.question.setObjectName("quick_question")
        self.answer = QLineEdit(self)
        self.answer.setObjectName("quick_answer")
        self.answer.setPlaceholderText(self.tr("Enter saves and starts the next"))
        self.answer.returnPressed.connect(self.save_one)
        self.follow_up = QCheckBox(self.tr("Follow-up needed"), self)
        self.follow_up.setObjectName("quick_follow_up")
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Special group:"), self.group)
        form.addRow(self.tr("Matter:"), self.matter)
        form.addRow(self.tr("Question:"), self.question)
        form.addRow(self.tr("Answer given:"), self.answer)
        form.addRow("", self.follow_up)
        self.problem = QLabel(self)
        self.problem.setObjectName("quick_problem")
        self.problem.setStyleSheet("color: #c00000;")
        self.problem.setWordWrap(True)
        self.count = QLabel(self)
        self.count.setObjectName("quick_count")
        self.entered = QListWidget(self)
        self.entered.setObjectName("quick_entered")
        self.entered.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        save = QPushButton(self.tr("Save and next (Enter)"), self)
        save.setObjectName("quick_save")
        save.setAutoDefault(False)
        save.clicked.connect(self.save_one)
        done = QPushButton(self.tr("Done"), self)
        done.setObjectName("quick_done")
        done.setAutoDefault(False)
        done.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(save)
        buttons.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%1 · %2 · %3").replace("%1", event.data.get("held_on", ""))
                                .replace("%2", event.data.get("title", "")).replace("%3", event.data.get("place", "")),
                                self))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.entered, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save_one)
        self.resize(640, 520)
        self._show_count()
        self.name.setFocus()

    def _occurred_at(self) -> str:
        """At the event: its day, now when it is today (never in the future), else in the morning."""
        held = self.outreach.data.get("held_on") or date.today().isoformat()
        if held == date.today().isoformat():
            return datetime.now().strftime("%Y-%m-%dT%H:%M")
        return f"{held}T{9 + len(self.saved) // 60:02d}:{len(self.saved) % 60:02d}"

    def data(self) -> dict[str, Any]:
        name = self.name.text().strip()
        group = self.group.currentData()
        return {"occurred_at": self._occurred_at(), "channel": "outreach",
                "outreach_event": self.outreach.data.get("title"), "outreach_event_id": self.outreach.id,
                "anonymous": not name, "name": name or None, "categories": [group] if group else [],
                "matter_category": self.matter.currentData(), "question": self.question.text(),
                "answer": self.answer.text(), "clerk": self.user, "outcome": "answered",
                "follow_up_needed": self.follow_up.isChecked()}

    def save_one(self) -> None:
        """Save the line as a consultation; on a problem say it and keep what was typed."""
        try:
            self.station.store.save("consultation", self.data(), user=self.user)
        except ValidationFailed as failed:
            self.problem.setText("\n".join(issue_text(i) for i in failed.issues))
            return
        except StorageError as error:
            self.problem.setText(core_text("Storage", error.message, error.params))
            return
        self.problem.clear()
        self.saved.append(self.question.text())
        self.entered.addItem(f"{len(self.saved)}. {self.matter.currentText()} · {self.question.text()}")
        self.entered.scrollToBottom()
        for edit in (self.name, self.question, self.answer):
            edit.clear()
        self.follow_up.setChecked(False)
        self._show_count()
        self.name.setFocus()

    def _show_count(self) -> None:
        self.count.setText(self.tr("%n consultation(s) entered", "", len(self.saved)))
