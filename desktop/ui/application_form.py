"""The legal-aid application form (法律援助申请), criminal and civil variants in one.

The case type decides which detail fields show (criminal or civil) and which
eligibility grounds apply; the ground decides its detail fields. The rules are
desktop.records.eligibility, shared with validation.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.records import eligibility
from desktop.records.queries import most_used_channel
from desktop.records.station import Station
from sync.reference import HardshipStandard, load_reference, station_township

from .record_form import RecordForm, Section

# Fields shown only when a case type or an eligibility ground asks for them.
CONDITIONAL = frozenset(eligibility.CRIMINAL_DETAIL_FIELDS + eligibility.CIVIL_DETAIL_FIELDS
                        + ("art42_exemption", "art32_ground", "art25_ground", "household_size",
                           "monthly_income", "annual_income", "income_sources", "property", "hardship_standard",
                           "over_standard_reason"))

# Fields a rule may make required (eligibility.required_fields decides which, for form and validation alike).
RULE_REQUIRED = ("name", "id_type", "id_number", "criminal_role", "criminal_stage", "art25_ground",
                 "notifying_organ", "art42_exemption", "art32_ground", "household_size", "monthly_income",
                 "art31_category", "legal_rep_name", "over_standard_reason")


class ApplicationForm(RecordForm):
    record_type = "application"
    fixed_fields = frozenset({"number", "hardship_standard"})

    def __init__(self, station: Station, parent: QWidget | None = None):
        super().__init__(station, parent)
        for name in self.fixed_fields:
            self.editors[name].set_read_only(True)
            self.editors[name].widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop: nothing to type
        self.editors["number"].widget.setPlaceholderText(self.tr("Given when saved"))
        self.editors["hardship_standard"].widget.setPlaceholderText(self.tr("Not set by the county"))

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
                "household_size", "monthly_income", "hardship_standard", "over_standard_reason", "annual_income",
                "income_sources", "property", "informed_judicial_assistance", "applied_before",
                "applied_before_detail")),
            ("materials", self.tr("Materials"), ("materials", "materials_pages", "note")),
        ]

    def defaults(self) -> dict[str, Any]:
        standard = self.hardship_standard()
        return {**super().defaults(), "received_at": datetime.now().strftime("%Y-%m-%dT%H:%M"),
                "channel": most_used_channel(self.store.db, "application") or "window", "id_type": "resident_id",
                "hardship_standard": f"{standard.monthly}" if standard else None}

    def hardship_standard(self) -> HardshipStandard | None:
        """The county's economic-hardship standard for this station's township, as last received by sync."""
        return load_reference(self.store.db).hardship_standard(station_township(self.store.db))

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
        if not eligibility.over_standard(self.values()):
            e["over_standard_reason"].set_visible(False)
        required = set(eligibility.required_fields(case_type, ground))
        required |= set(eligibility.conditionally_required(self.values(), date.today()))
        for name in RULE_REQUIRED:
            e[name].set_required(name in required)
        e["urgency_reason"].set_required(urgent)
        e["urgent_deadline"].set_required(urgent and e["urgency_reason"].value() == "deadline")
        e["applied_before_detail"].set_required(bool(e["applied_before"].value()))
        self._show_measure()

    def _show_measure(self) -> None:
        """Under the household's income: its income per person against the county's standard, as it is typed."""
        e = self.editors
        data = self.values()
        measure = eligibility.hardship_measure(data)
        if not e["monthly_income"].shown or measure is None:
            e["monthly_income"].set_note(None)
            return
        per_capita = f"{measure.per_capita:,.2f}"
        if measure.standard is None:
            text = self.tr("%1 yuan per person a month; the county has not set a hardship standard for this "
                           "township yet.").replace("%1", per_capita)
        elif measure.over:
            text = self.tr("%1 yuan per person a month: over the county's hardship standard (%2 yuan). Write why "
                           "aid is asked all the same.").replace("%1", per_capita)
        else:
            text = self.tr("%1 yuan per person a month: under the county's hardship standard (%2 yuan).") \
                .replace("%1", per_capita)
        if measure.standard is not None:
            text = text.replace("%2", f"{measure.standard:,.2f}")
        e["monthly_income"].set_note(text, warning=measure.over)

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
