"""The stations: add one and print its enrollment sheet (the one-time code, the server's address and the county
certificate's fingerprint, also as a QR code), revoke one (a lost laptop), and see when each station last sent
something and how many of its applications wait for a decision. Only an administrator's account changes them.
The center's head or an administrator makes a recovery file for a station whose key is escrowed (恢复工作站…).

The one-time code is shown once, when the station is added (the county keeps only its hash): its sheet is
printed then. A sheet lost before enrollment is replaced by adding the station again (a new code)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from desktop.records.keyring import write_private_file
from desktop.records.reference import default_reference
from desktop.ui.i18n import error_text, language
from desktop.ui.messages import Button, MessageBoxes
from desktop.ui.printing import Printing
from desktop.ui.printouts import Printout
from desktop.ui.tasks import Latest

from sync.limits import MAX_NAME_CHARS, MAX_ORGANISATION_CHARS, MAX_STATION_CODE_CHARS
from sync.workspace_client import AddedStation, Station

from .events import china_time
from .layouts import CountyDialog, checked_form
from .rights import who_may
from .session import CountyDesk
from .table import RowsTable

log = logging.getLogger(__name__)


def _time(value: Any) -> str:
    return china_time(value) if value else ""


class StationsPage(QWidget):
    stationsChanged = Signal(list)

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stations_page")
        self.desk = desk
        self._listed = Latest(newest=True)
        self._changing = False  # an addition, revocation or recovery on its way
        reference = default_reference()
        self.table = RowsTable("stations_table", [
            (self.tr("Code"), lambda s: s.code),
            (self.tr("Name"), lambda s: s.name),
            (self.tr("Township"), lambda s: s.township),
            (self.tr("Kind"), lambda s: reference.label("station_types", s.type, language())),
            (self.tr("Enrolled"), lambda s: _time(s.enrolled_at) or self.tr("Not yet")),
            (self.tr("Last received"), lambda s: _time(s.last_change_at) or self.tr("Never")),
            (self.tr("Awaiting decision"), lambda s: str(s.waiting)),
            (self.tr("Revoked"), lambda s: _time(s.revoked_at)),
            (self.tr("Key escrow"), lambda s: _time(s.escrowed_at) or self.tr("None")),
        ], self)
        self.add_button = QPushButton(self.tr("Add a station..."), self)
        self.add_button.setObjectName("add_station")
        self.add_button.clicked.connect(self.add_station)
        self.revoke_button = QPushButton(self.tr("Revoke..."), self)
        self.revoke_button.setObjectName("revoke_station")
        self.revoke_button.clicked.connect(self.revoke)
        self.recover_button = QPushButton(self.tr("Recover a station..."), self)
        self.recover_button.setObjectName("recover_station")
        self.recover_button.setToolTip(self.tr("For a station that lost every password and its recovery key, when "
                                               "its key is escrowed with the county"))
        self.recover_button.clicked.connect(self.recover)
        self.message = QLabel(self)
        self.message.setObjectName("stations_message")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        for button in (self.add_button, self.revoke_button, self.recover_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        allowed = self.desk.may("stations")
        self._offer_changes()
        for button in (self.add_button, self.revoke_button):
            button.setToolTip("" if allowed else who_may("stations"))
        if not allowed:  # said on the page, not only in the buttons' tooltips
            self.say(who_may("stations"))
        if not self.desk.may("recover"):
            self.recover_button.setToolTip(who_may("recover"))
        question = self._listed.ask()  # the last read asked is shown (after a change, not an earlier read)
        self.desk.call(lambda client: client.stations(), question(self._show), question(self.say))

    def _show(self, stations: list[Station]) -> None:
        self.table.show_rows(stations)
        self.stationsChanged.emit(stations)

    def add_station(self) -> None:
        dialog = self.add_dialog = AddStationDialog(self)
        dialog.send_to_county = lambda answered: self._add(dialog.values(), answered)
        dialog.open()

    def _offer_changes(self) -> None:
        """Add, revoke and recover for the accounts with the right, and not while one is on its way: a second
        would add the station again (voiding the printed sheet's code) or make a second recovery file."""
        allowed = self.desk.may("stations") and not self._changing
        self.add_button.setEnabled(allowed)
        self.revoke_button.setEnabled(allowed)
        self.recover_button.setEnabled(self.desk.may("recover") and not self._changing)

    def _change(self, work, done, say=None) -> None:
        """One change of the stations at a time, its buttons grey until the county answers; a refusal is said on
        the page, or by `say(text)` (the dialog it came from)."""
        def answered(result) -> None:
            self._changing = False
            self._offer_changes()
            done(result)

        def refused(text: str, error: BaseException | None = None) -> None:
            self._changing = False
            self._offer_changes()
            (say or self.say)(text)

        self._changing = True
        self._offer_changes()
        self.desk.call(work, answered, refused)

    def _add(self, values: dict[str, str], answered) -> None:
        """Sent with the dialog open: a refusal is said in it, what was typed kept (layouts.checked_form)."""
        def added(station: AddedStation) -> None:
            answered(None)
            self._added(station)

        self._change(lambda client: client.add_station(values["code"], values["name"], values["township"],
                                                       values["type"]), added, answered)

    def _added(self, added: AddedStation) -> None:
        """The one-time code is shown once: say it, and print the sheet that carries it."""
        self.say(self.tr("Station %1 added; its one-time enrollment code is %2. Print the enrollment sheet for the "
                         "installer now: the code is not shown again.").replace("%1", added.code)
                 .replace("%2", added.enrollment_code))
        self.refresh()
        code, enrollment_code = added.code, added.enrollment_code

        def shown(pdf: bytes) -> None:
            title = self.tr("Enrollment sheet %1").replace("%1", code)
            Printing(None, self.desk.tasks, self).preview_printouts([Printout(title, pdf, f"{title}.pdf")])

        self.desk.call(lambda client: client.enrollment_sheet(code, enrollment_code), shown, self.say)

    def say(self, text: str, _error: BaseException | None = None) -> None:
        self.message.setText(text)

    def revoke(self) -> None:
        station = self.table.current()
        if station is None:
            self.message.setText(self.tr("Choose a station first."))
            return
        code = station.code
        answer = MessageBoxes.ask(self, self.tr("Revoke the station"),
                                  self.tr("Revoke station %1? Its laptop can no longer sync; what it sent is kept. "
                                          "Do this for a lost or replaced laptop.").replace("%1", code))
        if answer != Button.Yes:
            return
        self._change(lambda client: client.revoke_station(code), lambda _r: self.refresh())

    def recover(self) -> None:
        """A recovery file for the chosen station (saved where staff choose, e.g. a USB stick) and its one-time
        key, shown once to be given to the station head apart from the file (sync/server/escrow.py)."""
        station = self.table.current()
        if station is None:
            self.message.setText(self.tr("Choose a station first."))
            return
        if not station.escrowed_at:
            self.message.setText(self.tr("Station %1 has not escrowed its key with the county, so it cannot be "
                                         "recovered here.").replace("%1", station.code))
            return
        code = station.code
        answer = MessageBoxes.ask(self, self.tr("Recover a station"),
                                  self.tr("Make a recovery file for station %1? Whoever holds the file and its key "
                                          "opens the station's data. Do this only when the station head asks for "
                                          "it, every password and the recovery key being lost; it is recorded in "
                                          "the audit log.").replace("%1", code))
        if answer != Button.Yes:
            return
        self._change(lambda client: client.recover_station(code), lambda found: self._recovered(code, *found))

    def _recovered(self, code: str, recovery: dict[str, Any], key: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery file"), f"{code}.recovery",
                                              self.tr("Recovery files (*.recovery)"))
        if not path:
            self.say(self.tr("No recovery file was saved; make a new one when needed."))
            return
        try:
            write_private_file(Path(path), json.dumps(recovery, ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError as exc:
            log.info("a recovery file could not be saved: errno %s", exc.errno)  # (its path names no one: the code)
            self.say(self.tr("The recovery file could not be saved (%1).").replace("%1", error_text(exc)))
            return
        text = self.tr("Saved the recovery file for station %1 to %2. Its one-time key is:\n\n%3\n\nGive the file "
                       "and the key to the station head separately (the key on paper or by phone, never with the "
                       "file). At the station: sign-in window → Forgot the password → County's recovery file.")
        self.say(self.tr("Recovery file for station %1 saved to %2; its one-time key: %3").replace("%1", code)
                 .replace("%2", path).replace("%3", key))
        MessageBoxes.inform(self, self.tr("Recover a station"), text.replace("%1", code).replace("%2", path)
                            .replace("%3", key))


class AddStationDialog(CountyDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("add_station_dialog")
        self.setWindowTitle(self.tr("Add a station"))
        self.code, self.name, self.township = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        for widget, name, most in ((self.code, "station_code", MAX_STATION_CODE_CHARS),
                                   (self.name, "station_name", MAX_ORGANISATION_CHARS),
                                   (self.township, "station_township", MAX_NAME_CHARS)):
            widget.setObjectName(name)
            widget.setMaxLength(most)  # no more can be typed than the county takes
        self.kind = QComboBox(self)
        self.kind.setObjectName("station_type")
        for choice in default_reference().choices("station_types"):
            self.kind.addItem(choice.label(language()), choice.code)
        self.message = checked_form(self, [(self.tr("Station code"), self.code), (self.tr("Name"), self.name),
                                           (self.tr("Township"), self.township), (self.tr("Kind"), self.kind)],
                                    self._problem)

    def _problem(self) -> str:
        if not all(w.text().strip() for w in (self.code, self.name, self.township)):
            return self.tr("Enter the code, the name and the township.")
        return ""

    def values(self) -> dict[str, str]:
        return {"code": self.code.text().strip().upper(), "name": self.name.text().strip(),
                "township": self.township.text().strip(), "type": self.kind.currentData()}
