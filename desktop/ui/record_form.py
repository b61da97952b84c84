"""The intake form base: sections of field editors, save with inline errors, drafts, dirty tracking.

Subclasses declare their sections and the rules for what is shown; saving,
validation and numbering are the store's job, never the widget's.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCompleter, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from desktop.records import eligibility
from desktop.records.errors import StorageError, ValidationFailed, VersionConflict
from desktop.records.fields import FIELDS, PERSON_FIELD_NAMES, Kind
from desktop.records.idcard import parse_resident_id
from desktop.records.signin import signed_in_user
from desktop.records.station import Station
from desktop.records.store import LINK_FIELDS, Record, Saved

from .field_widgets import FieldEditor
from .i18n import core_text, issue_text
from .messages import MessageBoxes
from .person_lookup import PersonLookup

Section = tuple[str, str, tuple[str, ...]]  # (key, title, field names); key "person" gets the lookup


class RecordForm(QWidget):
    """A consultation or application being entered or edited."""

    saved = Signal(object)  # Saved
    dirtyChanged = Signal(bool)
    record_type = ""

    def sections(self) -> list[Section]:
        raise NotImplementedError

    def __init__(self, station: Station, parent: QWidget | None = None):
        super().__init__(parent)
        self.station = station
        self.store = station.store
        self.record: Record | None = None
        self.links: dict[str, Any] = {}
        self._clean_state: dict[str, Any] = {}
        self._drafted_state: str | None = None
        self._dirty = False
        fields = {f.name: f for f in FIELDS[self.record_type]}
        self.editors: dict[str, FieldEditor] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._grids: dict[str, tuple[QGridLayout, int, tuple[str, ...]]] = {}
        self._layout_signature: tuple = ()
        self._from_id: dict[str, Any] = {}  # values last derived from the ID number (and birth date)
        self._deriving = False
        self._visited: set[str] = set()  # fields the clerk has left: their problems are shown
        self._said_at_save: dict[str, Any] = {}  # problems the last save found, with the value they were about

        self.header = QLabel(self)
        self.header.setObjectName("form_header")
        self.header.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #555555;")
        self.status.setObjectName("save_status")
        self.void_banner = QLabel(self)  # a voided record says so above everything else
        self.void_banner.setObjectName("void_banner")
        self.void_banner.setWordWrap(True)
        self.void_banner.setStyleSheet("background: #fdecea; color: #a02418; border: 1px solid #e6b0aa; "
                                       "padding: 6px; font-weight: bold;")
        self.void_banner.hide()
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"), self)
        self.save_button.setObjectName("save")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        self.top_bar = top
        top.addWidget(self.header)
        top.addStretch(1)
        self.extra_actions = QHBoxLayout()
        top.addLayout(self.extra_actions)
        top.addWidget(self.save_button)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        for key, title, names in self.sections():
            group = QGroupBox(title, body)
            group.setObjectName(f"section_{key}")
            grid = QGridLayout(group)
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(3, 1)
            first_row = 0
            if key == "person":
                self.lookup = PersonLookup(self.store, group)
                self.lookup.personChosen.connect(self.use_person)
                self.lookup.unlinked.connect(self._unlink_person)
                grid.addWidget(self.lookup, 0, 0, 1, 4)
                first_row = 1
            for name in names:
                editor = FieldEditor(fields[name], station.store.reference, group)
                editor.changed.connect(self._on_changed)
                editor.left.connect(lambda name=name: self._left(name))
                self.editors[name] = editor
            self._grids[key] = (grid, first_row, names)
            self.groups[key] = group
            body_layout.addWidget(group)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("form_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll = scroll

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.void_banner)
        layout.addWidget(self.status)  # its own line: the top bar stays readable at 1366 px
        layout.addWidget(scroll, 1)

        self._autosave = QTimer(self)
        self._autosave.setObjectName("autosave_timer")  # keeps what is typed as a draft; reads nothing
        self._autosave.setInterval(max(2, station.settings.autosave_seconds) * 1000)
        self._autosave.timeout.connect(self.save_draft)
        self._autosave.start()
        self.new_record()

        for name in ("id_type", "id_number", "birth_date", "received_at", "occurred_at"):
            if name in self.editors:  # what the person's age and the derived fields follow
                self.editors[name].changed.connect(self._follow_id)
        if "clerk" in self.editors:  # offer the station's clerks, so a typo does not make a new one
            clerks = QCompleter(list(station.settings.clerks), self)
            clerks.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            self.editors["clerk"].widget.setCompleter(clerks)

    def set_autosave_seconds(self, seconds: int) -> None:
        """A new interval from 设置 applies at once to forms already open."""
        self._autosave.setInterval(max(2, seconds) * 1000)

    # -- the person ------------------------------------------------------------------------

    def use_person(self, person: Record) -> None:
        """Fill the person fields from a returning person and link the record to them."""
        for name, value in person.data.items():
            if name in self.editors and name in PERSON_FIELD_NAMES:
                self.editors[name].set_value(value)
        self.links["person_id"] = person.id
        self.lookup.show_linked(person.data.get("name") or "")
        self._on_changed()

    def _unlink_person(self) -> None:
        self.links.pop("person_id", None)
        self._on_changed()

    def _follow_id(self) -> None:
        """Birth date, gender and the 未成年人/老年人 categories follow the ID number both ways: filled from a
        valid resident ID, corrected with it, and cleared when the number no longer gives them (a value the
        clerk typed over is theirs and stays)."""
        if self._deriving:
            return
        self._deriving = True
        try:
            derived = self._derived()
            for name in ("gender", "birth_date"):
                editor = self.editors.get(name)
                if editor is None:
                    continue
                current, before = editor.value(), self._from_id.get(name)
                if name in derived and current in (None, before):
                    editor.set_value(derived[name])
                elif name not in derived and before is not None and current == before:
                    editor.set_value(None)
            if "id_type" in self.editors and "gender" in derived and self.editors["id_type"].value() is None:
                self.editors["id_type"].set_value("resident_id")
            self._follow_age()
            self._from_id = self._derived()
        finally:
            self._deriving = False

    def _derived(self) -> dict[str, Any]:
        """What the ID number gives (gender, birth date) when it is a valid resident ID."""
        editors = self.editors
        id_type = editors["id_type"].value() if "id_type" in editors else "resident_id"
        number = editors["id_number"].value() if "id_number" in editors else None
        if id_type not in (None, "resident_id") or not isinstance(number, str):
            return {}
        try:
            parsed = parse_resident_id(number)
        except ValueError:
            return {}
        return {"gender": parsed.gender, "birth_date": parsed.birth_date.isoformat()}

    def _follow_age(self) -> None:
        """The age categories agree with the age the ID number or the birth date gives (nothing when unknown)."""
        editor = self.editors.get("categories")
        age = eligibility.applicant_age(self.values(), date.today())
        if editor is None or age is None:
            return
        by_age = eligibility.age_categories(age)
        current = editor.value()
        wanted = [c for c in current if c not in eligibility.AGE_CATEGORIES or c in by_age]
        wanted += [c for c in eligibility.AGE_CATEGORIES if c in by_age and c not in wanted]
        if set(wanted) != set(current):
            editor.set_value(wanted)

    # -- checking as the clerk goes ------------------------------------------------------------

    def _left(self, name: str) -> None:
        """The clerk moved on from a field: its problem shows now (and those of fields left before)."""
        if self.record is not None and self.record.voided:
            return
        self._visited.add(name)
        self._check(show=self._visited)

    def _check(self, show: set[str]) -> None:
        """Problems of the fields in `show` appear; a problem that is fixed disappears at once, anywhere."""
        found: dict[str, str] = {}
        for issue in self.store.check(self.record_type, self.values()):
            found.setdefault(issue.field, issue_text(issue))
        for name, editor in self.editors.items():
            text = found.get(name)
            if text and (name in show or editor.error_text()):
                editor.set_error(text)
            elif not text and editor.error_text():
                if name in self._said_at_save and self._said_at_save[name] == editor.value():
                    continue  # what only the save knows (an ID number registered to another name) stays
                editor.set_error(None)
            if not editor.error_text():
                self._said_at_save.pop(name, None)

    # -- state -----------------------------------------------------------------------------

    @property
    def form_key(self) -> str:
        return f"{self.record_type}:{self.record.id if self.record else 'new'}"

    def values(self) -> dict[str, Any]:
        """The form's record; a field hidden by a rule counts as empty (it no longer applies)."""
        data = {name: editor.value() if editor.shown else editor.empty_value()
                for name, editor in self.editors.items()}
        data.update({k: v for k, v in self.links.items() if v})
        return data

    def is_dirty(self) -> bool:
        return self._dirty

    def _on_changed(self) -> None:
        self._apply_rules()
        if any(editor.error_text() for editor in self.editors.values()):
            self._check(show=set())  # a problem fixed goes as it is typed away; none appears mid-typing
        dirty = self.values() != self._clean_state
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)
        if dirty:
            self.status.setText(self.tr("Not saved yet"))

    def _fill(self, data: dict[str, Any]) -> None:
        for editor in self.editors.values():
            editor.blockSignals(True)
        try:
            for name, editor in self.editors.items():
                editor.set_value(data.get(name))
                editor.set_error(None)
        finally:
            for editor in self.editors.values():
                editor.blockSignals(False)
        self.links = {k: data.get(k) for k in LINK_FIELDS if data.get(k)}
        if hasattr(self, "lookup"):
            self.lookup.show_linked(data.get("name") or "" if self.links.get("person_id") else "")
        self._from_id = self._derived()  # a later correction of the number corrects what it gave
        self._visited = set()
        self._said_at_save = {}
        self._apply_rules()

    def _mark_clean(self) -> None:
        self._clean_state = self.values()
        self._drafted_state = None
        if self._dirty:
            self._dirty = False
            self.dirtyChanged.emit(False)

    def defaults(self) -> dict[str, Any]:
        return {"clerk": self.current_user()}

    def new_record(self, prefill: dict[str, Any] | None = None) -> None:
        """Start an empty form (or one filled from `prefill`, e.g. a consultation's data)."""
        self.record = None
        self._set_read_only(False)  # a voided record shown before left it locked
        self._fill(self.defaults())
        self._mark_clean()
        if prefill:
            self._fill({**self.defaults(), **prefill})
            self._on_changed()
        self._update_header()
        self.status.setText("")
        self.focus_first()

    def load(self, record: Record) -> None:
        self.record = record
        self._fill(record.data)
        self._mark_clean()
        self._update_header()
        self.status.setText(self.tr("Version %1, saved %2 by %3")
                            .replace("%1", str(record.version)).replace("%2", record.updated_at[:16].replace("T", " "))
                            .replace("%3", record.updated_by))
        self._set_read_only(record.voided)

    def show_beside(self) -> None:
        """Show again what others keep beside the record (read-only; a sync may bring it): nothing by default."""

    fixed_fields: frozenset[str] = frozenset()  # filled by the program, never typed (e.g. the application number)

    def _set_read_only(self, read_only: bool) -> None:
        for name, editor in self.editors.items():
            editor.set_read_only(read_only or name in self.fixed_fields)
        self.save_button.setEnabled(not read_only)
        if hasattr(self, "lookup"):
            self.lookup.setEnabled(not read_only)  # a voided record's person is no longer chosen or unlinked
        record = self.record
        if read_only and record is not None and record.voided:
            self.void_banner.setText(self.tr("VOID since %1 (voided by %2). Reason: %3")
                                     .replace("%1", record.updated_at[:16].replace("T", " "))
                                     .replace("%2", record.updated_by).replace("%3", record.void_reason or "-"))
        self.void_banner.setVisible(read_only and record is not None and record.voided)

    def restore_draft(self, data: dict[str, Any], record: Record | None = None) -> None:
        if record is not None:
            self.load(record)
        else:
            self.new_record()
        self._fill(data)
        self._on_changed()

    def _update_header(self) -> None:
        raise NotImplementedError

    first_field = "name"  # where typing starts on a new record

    def focus_first(self) -> None:
        self.editors[self.first_field].widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def update_rules(self) -> None:
        """Show, hide or mark fields as the record's rules say (overridden by the forms)."""

    wide_fields: frozenset[str] = frozenset({"address", "hukou", "opposing_address", "accessibility_needs"})

    def _apply_rules(self) -> None:
        self.update_rules()
        signature = tuple(e.shown for e in self.editors.values())
        if signature != self._layout_signature:
            self._layout_signature = signature
            for key in self._grids:
                self._layout_section(key)

    def _layout_section(self, key: str) -> None:
        """Place the section's shown fields two to a row, so hidden ones leave no holes."""
        grid, row, names = self._grids[key]
        for name in names:
            editor = self.editors[name]
            for widget in (editor.label, editor.widget, editor.error):
                grid.removeWidget(widget)
        col = 0
        for name in names:
            editor = self.editors[name]
            if not editor.shown:
                continue
            wide = editor.field.kind in (Kind.MULTILINE, Kind.MULTI) or name in self.wide_fields
            if wide and col:
                row, col = row + 2, 0
            span = 3 if wide else 1
            if editor.field.kind is not Kind.BOOL:
                grid.addWidget(editor.label, row, col)
            grid.addWidget(editor.widget, row, col + 1, 1, span)
            grid.addWidget(editor.error, row + 1, col + 1, 1, span)
            if wide or col:
                row, col = row + 2, 0
            else:
                col = 2

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> Saved | None:
        """Save through the store; show each problem beside its field. Returns what was saved."""
        if self.record is not None and self.record.voided:
            return None
        for editor in self.editors.values():
            editor.set_error(None)
        self._said_at_save = {}
        try:
            saved = self.store.save(self.record_type, self.values(), user=self.current_user(),
                                    record_id=self.record.id if self.record else None,
                                    expected_version=self.record.version if self.record else None)
        except ValidationFailed as failed:
            self._show_issues(failed)
            return None
        except VersionConflict as conflict:
            MessageBoxes.warn(self, self.tr("Not saved"), core_text("Storage", conflict.MESSAGE,
                                                                    {"current": str(conflict.current)}))
            return None
        except StorageError as error:
            self.status.setText(self.tr("Not saved"))
            MessageBoxes.warn(self, self.tr("Not saved"), core_text("Storage", error.message, error.params))
            return None
        old_key = self.form_key
        self.load(self.store.get(self.record_type, saved.id))
        self._discard_draft(old_key)
        self.status.setText(self.tr("Saved") + " " + self.status.text())
        self.saved.emit(saved)
        return saved

    def _show_issues(self, failed: ValidationFailed) -> None:
        general = []
        first = None
        for issue in failed.issues:
            editor = self.editors.get(issue.field)
            if editor is None or not editor.widget.isVisibleTo(self):
                general.append(issue_text(issue))
                continue
            editor.set_error(issue_text(issue))
            self._said_at_save[issue.field] = editor.value()  # stays until that field changes
            first = first or editor
        self.status.setText(QCoreApplication.translate("RecordForm", "Not saved: %n problem(s)", "",
                                                       len(failed.issues)))
        if first is not None:
            first.widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(first.widget)
        if general:
            MessageBoxes.warn(self, self.tr("Not saved"), "\n".join(general))

    def current_user(self) -> str:
        """The signed-in account: recorded on the saved version (never a name chosen from a list)."""
        return signed_in_user(self.station.data_dir)

    # -- drafts ----------------------------------------------------------------------------

    def save_draft(self) -> None:
        """Keep the form in progress, so a crash loses at most a few seconds of typing."""
        if not self._dirty:
            return
        state = json.dumps(self.values(), sort_keys=True, ensure_ascii=False)
        if state == self._drafted_state:
            return
        try:
            self.store.save_draft(self.form_key, self.values(), record_id=self.record.id if self.record else None,
                                  base_version=self.record.version if self.record else None)
            self._drafted_state = state
        except StorageError:
            pass  # a draft is a convenience; the save itself reports storage problems

    def _discard_draft(self, key: str | None = None) -> None:
        try:
            self.store.discard_draft(key or self.form_key)
        except StorageError:
            pass

    def material_attached(self, slot: str) -> None:
        """A scan was attached to a checklist slot: tick that material as received (the clerk saves)."""
        editor = self.editors.get("materials")
        if editor is None or self.record is None or self.record.voided:
            return
        current = editor.value()
        if slot in current:
            return
        was_dirty = self.is_dirty()
        editor.set_value([*current, slot])
        if not was_dirty:
            self.save()  # the checklist follows the materials at once, as its own version

    def discard_changes(self) -> None:
        self._discard_draft()
        if self.record is not None:
            self.load(self.store.get(self.record_type, self.record.id))
        else:
            self.new_record()


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
