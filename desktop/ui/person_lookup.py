"""Finding a returning person by name, ID number or phone, so nobody is typed in twice."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.records.store import Record, Store

from .i18n import language


class PersonLookup(QWidget):
    """A search line with suggestions; choosing one emits `personChosen(Record)`."""

    personChosen = Signal(object)
    unlinked = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._found: dict[str, Record] = {}
        self.edit = QLineEdit(self)
        self.edit.setObjectName("person_search")
        self.edit.setPlaceholderText(self.tr("Returning person? Type a name, ID number or phone"))
        self.edit.setAccessibleName(self.tr("Find a returning person"))
        self.model = QStringListModel(self)
        completer = QCompleter(self.model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated[str].connect(self._chosen)
        self.edit.setCompleter(completer)
        self.completer = completer
        self.linked = QLabel(self)
        self.linked.setObjectName("person_linked")
        self.unlink_button = QPushButton(self.tr("Unlink"), self)
        self.unlink_button.setObjectName("person_unlink")
        self.unlink_button.setAutoDefault(False)
        self.unlink_button.clicked.connect(self._unlink)
        self.unlink_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Find person:"), self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.linked)
        layout.addWidget(self.unlink_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._search)
        self.edit.textEdited.connect(lambda _text: self._timer.start())

    def _describe(self, person: Record) -> str:
        data = person.data
        parts = [data.get("name") or "", data.get("id_number") or "", data.get("phone") or ""]
        gender = self.store.reference.label("genders", data.get("gender"), language())
        if gender:
            parts.insert(1, gender)
        return "  ".join(p for p in parts if p)

    def _search(self) -> None:
        people = self.store.find_persons(self.edit.text())
        self._found = {self._describe(p): p for p in people}
        self.model.setStringList(list(self._found))
        if people:
            self.completer.complete()

    def _chosen(self, text: str) -> None:
        person = self._found.get(text)
        if person is not None:
            self.show_linked(person.data.get("name") or "")
            self.edit.clear()
            self.personChosen.emit(person)

    def choose_first(self) -> Record | None:
        """Search now and take the first match (keyboard users press Enter; tests call this)."""
        self._search()
        if not self._found:
            return None
        first = next(iter(self._found))
        self._chosen(first)
        return self._found.get(first)

    def show_linked(self, name: str) -> None:
        self.linked.setText(self.tr("Linked to %1").replace("%1", name) if name else "")
        self.unlink_button.setVisible(bool(name))

    def _unlink(self) -> None:
        self.show_linked("")
        self.unlinked.emit()
