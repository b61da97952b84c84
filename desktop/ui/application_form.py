"""The legal-aid application form (法律援助申请), criminal and civil variants in one.

The case type decides which detail fields show (criminal or civil) and which
eligibility grounds apply; the ground decides its detail fields. The rules are
desktop.records.eligibility, shared with validation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.records import eligibility
from desktop.records.queries import most_used_channel
from desktop.records.station import Station

from .record_form import RecordForm, Section

# Fields shown only when a case type or an eligibility ground asks for them.
CONDITIONAL = frozenset(eligibility.CRIMINAL_DETAIL_FIELDS + eligibility.CIVIL_DETAIL_FIELDS
                        + ("art42_exemption", "art32_ground", "art25_ground", "household_size",
                           "monthly_income", "annual_income", "income_sources", "property"))

# Fields a rule may make required (eligibility.required_fields decides which, for form and validation alike).
RULE_REQUIRED = ("name", "id_type", "id_number", "criminal_role", "criminal_stage", "art25_ground",
                 "notifying_organ", "art42_exemption", "art32_ground", "household_size", "monthly_income",
                 "art31_category")


class ApplicationForm(RecordForm):
    record_type = "application"

    def __init__(self, station: Station, parent: QWidget | None = None):
        super().__init__(station, parent)
        self.editors["number"].set_read_only(True)
        self.editors["number"].widget.setPlaceholderText(self.tr("Given when saved"))
        self.editors["number"].widget.setFocusPolicy(self.editors["number"].widget.focusPolicy().NoFocus)

    def sections(self) -> list[Section]:
        return [
            ("intake", self.tr("Application"), (
                "number", "received_at", "channel", "clerk", "outreach_event",
                "urgent", "urgency_reason", "urgent_deadline")),
            ("person", self.tr("Applicant"), (
                "name", "name_zh", "gender", "id_type", "id_number", "birth_date", "ethnicity", "phone", "postcode",
                "address", "hukou", "occupation", "work_unit", "education", "health", "language",
                "interpreter_needed", "accessibility_needs", "categories",
                "legal_rep_name", "legal_rep_relation", "legal_rep_phone")),
            ("agent", self.tr("Agent"), ("agent_name", "agent_relation", "agent_id_number", "agent_phone")),
            ("case", self.tr("Case"), (
                "case_type", "aid_kind", "cause", "proceeding_status", "litigation",
                "criminal_role", "criminal_stage", "charge", "detention_place", "notifying_organ",
                "notification_number", "life_or_death",
                "legal_position", "art31_category", "opposing_party", "amount", "opposing_address", "facts")),
            ("eligibility", self.tr("Eligibility and finances"), (
                "eligibility_ground", "art42_exemption", "art32_ground", "art25_ground",
                "household_size", "monthly_income", "annual_income", "income_sources", "property",
                "informed_judicial_assistance", "applied_before", "applied_before_detail")),
            ("materials", self.tr("Materials"), ("materials", "materials_pages", "note")),
        ]

    def defaults(self) -> dict[str, Any]:
        return {**super().defaults(), "received_at": datetime.now().strftime("%Y-%m-%dT%H:%M"),
                "channel": most_used_channel(self.store.db, "application") or "window", "id_type": "resident_id"}

    def update_rules(self) -> None:
        e = self.editors
        case_type = e["case_type"].value()
        ground = e["eligibility_ground"].value()
        shown = set(eligibility.case_detail_fields(case_type)) | set(eligibility.detail_fields(ground))
        for name in CONDITIONAL:
            e[name].set_visible(name in shown)
        self._limit_grounds(case_type)
        e["outreach_event"].set_visible(e["channel"].value() == "outreach")
        urgent = bool(e["urgent"].value())
        e["urgency_reason"].set_visible(urgent)
        e["urgent_deadline"].set_visible(urgent)
        e["applied_before_detail"].set_visible(bool(e["applied_before"].value()))
        required = set(eligibility.required_fields(case_type, ground))
        for name in RULE_REQUIRED:
            e[name].set_required(name in required)
        e["urgency_reason"].set_required(urgent)
        e["urgent_deadline"].set_required(urgent and e["urgency_reason"].value() == "deadline")
        e["applied_before_detail"].set_required(bool(e["applied_before"].value()))

    def _limit_grounds(self, case_type: str | None) -> None:
        """Grey out the grounds that do not apply to the case type (validation says why if chosen)."""
        combo = self.editors["eligibility_ground"].widget
        allowed = set(eligibility.applicable_grounds(case_type))
        model = combo.model()
        for row in range(1, combo.count()):
            item = model.item(row)
            if item is not None:
                item.setEnabled(combo.itemData(row) in allowed)

    def _update_header(self) -> None:
        if self.record is None:
            self.header.setText(self.tr("New legal-aid application"))
        else:
            self.header.setText(self.tr("Application %1").replace("%1", self.record.number or ""))
