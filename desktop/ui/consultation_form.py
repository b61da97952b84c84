"""The consultation register form (法律援助咨询登记)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desktop.records import eligibility
from desktop.records.errors import RecordNotFound
from desktop.records.fields import CONSULTATION_TO_APPLICATION, application_matter
from desktop.records.queries import most_used_channel
from desktop.records.station import Station

from .record_form import RecordForm, Section


class ConsultationForm(RecordForm):
    record_type = "consultation"
    convertRequested = Signal(dict)  # application prefill, carried over from this consultation
    openApplication = Signal(str)  # the id of the application this consultation became

    def __init__(self, station: Station, parent: QWidget | None = None):
        super().__init__(station, parent)
        self.convert_button = QPushButton(self.tr("Turn into an application"), self)
        self.convert_button.setObjectName("convert")
        self.convert_button.setAutoDefault(False)
        self.convert_button.setToolTip(self.tr("Start a legal-aid application with this person and matter"))
        self.convert_button.clicked.connect(self.request_conversion)
        self.application_link = QLabel(self)  # once converted: which application it became, one click away
        self.application_link.setObjectName("application_link")
        self.application_link.setTextFormat(Qt.TextFormat.RichText)
        self.application_link.linkActivated.connect(lambda _href: self._open_application())
        self.application_link.hide()
        layout = self.layout()  # on its own line under the buttons: the top bar stays readable at 1024 px
        layout.insertWidget(layout.indexOf(self.status) + 1, self.application_link)
        self.extra_actions.addWidget(self.convert_button)
        self._update_header()

    def sections(self) -> list[Section]:
        return [
            ("intake", self.tr("Consultation"), ("occurred_at", "channel", "outreach_event", "clerk", "minutes")),
            ("person", self.tr("Person consulting"), (
                "anonymous", "name", "name_zh", "gender", "phone", "id_type", "id_number", "ethnicity", "birth_date",
                "address", "language", "interpreter_needed", "accessibility_needs", "categories")),
            ("matter", self.tr("Matter"), ("matter_category", "question", "answer")),
            ("outcome", self.tr("Outcome"), ("outcome", "referred_to", "referral_note",
                                             "follow_up_needed", "follow_up_note")),
        ]

    def defaults(self) -> dict[str, Any]:
        return {**super().defaults(), "occurred_at": datetime.now().strftime("%Y-%m-%dT%H:%M"),
                "channel": most_used_channel(self.store.db, "consultation") or "walk_in", "outcome": "answered",
                "id_type": "resident_id"}

    def update_rules(self) -> None:
        e = self.editors
        e["outreach_event"].set_visible(e["channel"].value() == "outreach")
        referred = e["outcome"].value() == "referred"
        e["referred_to"].set_visible(referred)
        e["referral_note"].set_visible(referred)
        e["follow_up_note"].set_visible(bool(e["follow_up_needed"].value()))
        e["name"].set_required(not e["anonymous"].value())
        if hasattr(self, "convert_button"):
            converted = self.record is not None and bool(self.record.data.get("application_id"))
            self.convert_button.setEnabled(self.record is not None and not self.record.voided and not converted)
            self.convert_button.setToolTip(self.tr("This consultation already became an application") if converted
                                           else self.tr("Start a legal-aid application with this person and matter"))
            self._show_application()

    def _show_application(self) -> None:
        """The application this consultation became: its number as a link that opens it."""
        application_id = self.record.data.get("application_id") if self.record is not None else None
        if not application_id:
            self.application_link.hide()
            return
        try:
            number = self.store.get("application", application_id).number or ""
        except RecordNotFound:  # not on this station (restored from an older backup)
            number = ""
        text = self.tr("Became application %1").replace("%1", f'<a href="application">{escape(number)}</a>'
                                                         if number else self.tr("(not on this station)"))
        self.application_link.setText(text)
        self.application_link.show()

    def _open_application(self) -> None:
        if self.record is not None and self.record.data.get("application_id"):
            self.openApplication.emit(self.record.data["application_id"])

    def _update_header(self) -> None:
        self.header.setText(self.tr("New consultation") if self.record is None else self.tr("Consultation"))
        self.update_rules()

    def request_conversion(self) -> None:
        """Carry this consultation's person and matter over into a new application."""
        if self.record is None or self.is_dirty():
            if self.save() is None:
                return
        data = self.record.data
        prefill = {name: data.get(name) for name in CONSULTATION_TO_APPLICATION if data.get(name) is not None}
        prefill.update(consultation_id=self.record.id, person_id=data.get("person_id"),
                       facts=data.get("question"))
        prefill.update(application_matter(data.get("matter_category")))
        # a ground the facts carry (a migrant worker claiming wages: Art. 42), instead of the income questions
        prefill.update(eligibility.proposed_ground(prefill, date.today()))
        if data.get("channel") == "outreach":
            prefill["channel"] = "outreach"
        self.convertRequested.emit(prefill)
