"""Every dialog of printing is made and run here: the print dialog, the preview, "save as PDF", the form chooser.

As with MessageBoxes, tests set a responder instead of letting a dialog run modally:

    PrintDialogs.printer_responder = lambda dialog: ...   # set up dialog.printer(), return True to print
    PrintDialogs.preview_responder = lambda dialog: ...   # look at / grab the preview; it is closed after
    PrintDialogs.save_responder = lambda dialog: path     # the file to write, or None for "cancel"
    PrintDialogs.form_responder = lambda dialog: form_id  # the form chosen for a batch, or None

The dialog is built either way (so a test sees what a clerk would); only `exec()` is replaced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QListWidgetItem,
                               QToolBar, QVBoxLayout, QWidget)

from forms.catalogue import FormSpec


class ChooseFormDialog(QDialog):
    """Which form to print for each of the selected records (batch printing from a list)."""

    def __init__(self, forms: Sequence[FormSpec], count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("choose_form")
        self.setWindowTitle(self.tr("Print several records"))
        label = QLabel(self.tr("Print one form for each of the %n selected record(s):", "", count), self)
        label.setWordWrap(True)
        self.forms = QListWidget(self)
        self.forms.setObjectName("forms")
        self.forms.setAccessibleName(self.tr("Forms"))
        for form in forms:
            item = QListWidgetItem(form.name)
            item.setData(Qt.ItemDataRole.UserRole, form.id)
            self.forms.addItem(item)
        if forms:
            self.forms.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Print..."))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.forms.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.forms, 1)
        layout.addWidget(buttons)
        self.resize(420, 420)

    def chosen(self) -> str | None:
        item = self.forms.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def choose(self, form_id: str) -> None:
        """Select `form_id` in the list (tests and keyboard users)."""
        for row in range(self.forms.count()):
            if self.forms.item(row).data(Qt.ItemDataRole.UserRole) == form_id:
                self.forms.setCurrentRow(row)
                return
        raise KeyError(form_id)


def _dispose(dialog: QDialog) -> None:
    """Close and delete a dialog now: a preview still on screen would repaint pages that belong to its
    printer, which the caller is free to drop as soon as the dialog returns."""
    if shiboken6.isValid(dialog):
        dialog.hide()
        shiboken6.delete(dialog)


class PrintDialogs:
    """Makes and runs the dialogs of printing; tests replace the responders (see the module docstring)."""

    printer_responder: Callable[[QPrintDialog], bool] | None = None
    preview_responder: Callable[[QPrintPreviewDialog], None] | None = None
    save_responder: Callable[[QFileDialog], "str | Path | None"] | None = None
    form_responder: Callable[[ChooseFormDialog], "str | None"] | None = None

    @classmethod
    def choose_printer(cls, printer: QPrinter, parent: QWidget | None, *, page_range: bool = True) -> bool:
        """The print dialog for `printer` (printer, paper, copies, pages). True: print."""
        dialog = QPrintDialog(printer, parent)
        dialog.setObjectName("print_dialog")
        dialog.setWindowTitle(QCoreApplication.translate("PrintDialogs", "Print"))
        option = QAbstractPrintDialog.PrintDialogOption
        dialog.setOption(option.PrintSelection, False)
        dialog.setOption(option.PrintCurrentPage, False)
        dialog.setOption(option.PrintPageRange, page_range)
        try:
            if cls.printer_responder is not None:
                return bool(cls.printer_responder(dialog))
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            _dispose(dialog)

    @classmethod
    def preview(cls, printer: QPrinter, parent: QWidget | None, paint: Callable[[QPrinter], None],
                save: Callable[[], None] | None = None, title: str = "") -> None:
        """The print preview; `paint(printer)` draws the pages (and prints, from the preview's print button).

        `save` adds a "Save as PDF..." button to the preview's toolbar.
        """
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setObjectName("print_preview")
        dialog.setWindowTitle(title or QCoreApplication.translate("PrintDialogs", "Print preview"))
        dialog.paintRequested.connect(paint)
        if save is not None:
            toolbar = dialog.findChild(QToolBar)
            action = QAction(QCoreApplication.translate("PrintDialogs", "Save as PDF..."), dialog)
            action.setObjectName("save_pdf")
            action.setToolTip(QCoreApplication.translate(
                "PrintDialogs", "Save the signed PDF as the station issued it (for e-mail or the archive)"))
            action.triggered.connect(save)
            if toolbar is not None:
                toolbar.addSeparator()
                toolbar.addAction(action)
                button = toolbar.widgetForAction(action)
                if button is not None:
                    button.setObjectName("save_pdf_button")
            else:
                dialog.addAction(action)
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            dialog.resize(min(980, room.width() - 40), max(480, room.height() - 80))
        try:
            if cls.preview_responder is not None:
                cls.preview_responder(dialog)
            else:
                dialog.exec()
        finally:
            dialog.paintRequested.disconnect(paint)
            _dispose(dialog)

    @classmethod
    def save_path(cls, parent: QWidget | None, title: str, suggested: Path) -> Path | None:
        """Where to save a PDF (the file dialog, starting at `suggested`); None: cancelled."""
        dialog = QFileDialog(parent, title, str(suggested.parent))
        dialog.setObjectName("save_pdf_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(QCoreApplication.translate("PrintDialogs", "PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(suggested.name)
        try:
            if cls.save_responder is not None:
                answer = cls.save_responder(dialog)
                return Path(answer) if answer else None
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            _dispose(dialog)

    @classmethod
    def choose_form(cls, parent: QWidget | None, forms: Sequence[FormSpec], count: int) -> str | None:
        """The form to print for each of `count` records; None: cancelled."""
        dialog = ChooseFormDialog(forms, count, parent)
        try:
            if cls.form_responder is not None:
                return cls.form_responder(dialog)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen()
        finally:
            _dispose(dialog)
