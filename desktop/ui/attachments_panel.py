"""The materials of one record: add by file dialog, drag and drop, paste or scanner inbox; see and verify.

Attaching a file is one write task (it may be 50 MB to copy and hash): the core stores it in the vault
and records it signed, on the task's own connection; the panel shows it when the task is done. The panel
follows the core's change notifications: materials added or voided elsewhere, and every verification
result recorded by whoever checked (核查全部材料, a preview, printing, the command line), red or cleared at once.
"""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QApplication, QComboBox, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMenu, QPushButton, QVBoxLayout, QWidget)

from desktop.records.attachments import Attachment, Verification
from desktop.records.changes import ATTACHMENTS, VERIFICATIONS
from desktop.records.errors import StorageError, ValidationFailed
from desktop.records.signin import VOID
from desktop.records.vault import ImportRefused

from .attachment_preview import AttachmentPreview, plaintext_of, verification_text
from .i18n import core_text, error_text, issue_text, language
from .messages import MessageBoxes, TextPrompt
from .scanner_inbox import ScannerInbox
from .thumbnails import THUMBNAIL, render_thumbnail
from .workstation import Workstation

FILE_FILTER = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.heic *.heif"
BAD_COLOR = QColor("#fdecea")


class AttachmentsPanel(QWidget):
    """Attachments of the record shown in the editor; `attached(slot)` lets the form tick its checklist."""

    attached = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, workstation: Workstation, record_type: str, user, parent: QWidget | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.services = workstation.services
        self.tasks = workstation.tasks
        self.attachments = attachments = workstation.services.attachments
        self.record_type = record_type
        self._user = user  # callable: the clerk on duty
        self.record_id: str | None = None
        self.verifications: dict[str, Verification] = {}
        self._shown_list = 0  # bumped by each refresh: a check of an earlier list is not shown on this one
        self._pending = 0
        self._import_problems: list[str] = []
        self._adding: set[Path] = set()  # files on their way in (each is added once, however often it is chosen)
        self.setAcceptDrops(True)

        self.slot = QComboBox(self)
        self.slot.setObjectName("attachment_slot")
        self.slot.setAccessibleName(self.tr("Kind of material"))
        for choice in attachments.store.reference.choices("materials"):
            self.slot.addItem(choice.label(language()), choice.code)
        self.add_button = QPushButton(self.tr("Add file..."), self)
        self.add_button.setObjectName("add_attachment")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        self.paste_button = QPushButton(self.tr("Paste picture"), self)
        self.paste_button.setObjectName("paste_attachment")
        self.paste_button.setAutoDefault(False)
        self.paste_button.setToolTip(self.tr("Paste a picture copied from a scanner program or a phone (Ctrl+Shift+V)"))
        self.paste_button.clicked.connect(self.paste_image)
        QShortcut(QKeySequence("Ctrl+Shift+V"), self, self.paste_image, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.list = QListWidget(self)
        self.list.setObjectName("attachments")
        self.list.setAccessibleName(self.tr("Materials"))
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMBNAIL)
        self.list.setGridSize(QSize(THUMBNAIL.width() + 24, THUMBNAIL.height() + 48))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.itemActivated.connect(lambda item: self.preview(item.data(Qt.ItemDataRole.UserRole)))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.hint = QLabel(self)
        self.hint.setObjectName("attachments_hint")
        self.hint.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("attachments_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.hide()

        self.inbox: ScannerInbox | None = None
        self.inbox_button = QPushButton(self.tr("Scanner inbox"), self)
        self.inbox_button.setObjectName("scanner_inbox")
        self.inbox_button.setAutoDefault(False)
        self.inbox_button.setToolTip(self.tr("Files the scanner saved to the scanner folder (set in Settings)"))
        self.inbox_button.clicked.connect(self._inbox_menu)
        self.inbox_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.inbox_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slot)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.set_record(None)
        workstation.changes.listen(self, self._follow_changes, ATTACHMENTS, VERIFICATIONS)

    # -- which record ----------------------------------------------------------------------

    def set_record(self, record_id: str | None, read_only: bool = False) -> None:
        self.record_id = record_id
        enabled = record_id is not None and not read_only
        for widget in (self.slot, self.add_button, self.paste_button, self.inbox_button):
            widget.setEnabled(enabled)
        self.hint.setText(self._hint())
        self._import_problems.clear()
        self.problem.hide()
        self.refresh()

    def refresh(self) -> None:
        self._shown_list += 1
        self.list.clear()
        self.verifications.clear()
        if self.record_id is None:
            self._render_problems()
            return
        found = self.attachments.list_for(self.record_type, self.record_id)
        for attachment in found:
            self._add_item(attachment)
        if found:
            self._verify_in_background(found)  # checked afresh; later checks by others arrive as they are made
        else:
            self._render_problems()

    def _shown(self) -> list[Attachment]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())]

    def _follow_changes(self) -> None:
        """Materials added or voided elsewhere: the list again; a material checked anywhere: its result."""
        if self.record_id is None:
            return
        shown = self._shown()
        found = self.attachments.list_for(self.record_type, self.record_id)
        if [a.id for a in found] != [a.id for a in shown]:
            self.refresh()
        elif shown:
            self._apply(self.attachments.last_checks(shown))

    def _add_item(self, attachment: Attachment) -> QListWidgetItem:
        slot = self.attachments.store.reference.label("materials", attachment.slot, language())
        item = QListWidgetItem(f"{slot}\n{attachment.original_name}")
        item.setData(Qt.ItemDataRole.UserRole, attachment)
        item.setToolTip(self._details(attachment))
        item.setIcon(QIcon(QPixmap.fromImage(_blank())))
        self.list.addItem(item)
        attachments = self.attachments
        self.tasks.run(lambda _job: render_thumbnail(plaintext_of(attachments, attachment), attachment.media_type),
                       lambda image, attachment_id=attachment.id: self._set_thumbnail(attachment_id, image))
        return item

    @staticmethod
    def _details(attachment: Attachment) -> str:
        return f"{attachment.original_name}\n{attachment.size / 1024:.0f} KB · {attachment.captured_at[:16]}"

    def _item_of(self, attachment_id: str) -> QListWidgetItem | None:
        """The list item showing an attachment now (items are rebuilt on refresh: never keep one)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole).id == attachment_id:
                return item
        return None

    def _set_thumbnail(self, attachment_id: str, image: QImage) -> None:
        item = self._item_of(attachment_id)
        if item is not None:
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _verify_in_background(self, found: list[Attachment]) -> None:
        """Hash and signature checks re-read every file: off the UI thread."""
        services = self.services
        snapshot = list(found)

        def check(job) -> list[Verification]:
            attachments = services.on_connection(job.db).attachments  # a worker's own connection
            return [attachments.verify(a) for a in snapshot if not job.cancelled()]

        shown_list = self._shown_list
        self.tasks.run(check, lambda results: self._show_verifications(results, shown_list))

    def _show_verifications(self, results: list[Verification], shown_list: int) -> None:
        if shown_list == self._shown_list:  # (a check begun before the last refresh: that one's check follows)
            self._apply({v.attachment.id: v for v in results if v.attachment.record_id == self.record_id})

    def _apply(self, verifications: dict[str, Verification]) -> None:
        """Show each result on its item, both ways: red with the reason, or plain again once intact. A check's
        result never replaces one of a check begun after it, whether shown from this panel's check or from the
        record of another's (desktop/records/attachments.py): it may have read the file before it was altered."""
        for attachment_id, verification in verifications.items():
            item = self._item_of(attachment_id)
            if item is None:
                continue  # a check of a material no longer shown
            shown = self.verifications.get(attachment_id)
            if verification.began and shown is not None and shown.began > verification.began:
                continue
            self.verifications[attachment_id] = verification
            if verification.ok:
                item.setData(Qt.ItemDataRole.BackgroundRole, None)
                item.setData(Qt.ItemDataRole.ForegroundRole, None)
                item.setToolTip(self._details(verification.attachment))
            else:
                item.setBackground(BAD_COLOR)
                item.setForeground(QColor("#c0392b"))
                item.setToolTip(verification_text(verification))
        self._render_problems()

    # -- adding --------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add materials"), "",
                                                self.tr("Scans and photos (%1)").replace("%1", FILE_FILTER))
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path], slot: str | None = None, on_linked=None) -> None:
        """Attach each file, signed, in a write task of its own; problems are said per file."""
        if self.record_id is None:
            return
        slot = slot or self.slot.currentData()
        record_id, user = self.record_id, self._user()  # the record added to, even if another opens meanwhile
        services, record_type = self.services, self.record_type
        self._import_problems.clear()
        for path in paths:
            if path.absolute() in self._adding:  # chosen again (the inbox's menu, a second click) while on its way
                continue
            self._adding.add(path.absolute())

            def attach(job, path=path) -> Attachment:
                return services.on_connection(job.db).attachments.attach(record_type, record_id, slot, path,
                                                                         user=user, original_name=path.name)

            def attached(attachment: Attachment, path=path) -> None:
                self._adding.discard(path.absolute())
                self._attached(attachment, on_linked and (lambda: on_linked(path)))

            def refused(error: BaseException, path=path) -> None:
                self._adding.discard(path.absolute())
                self._refused(path.name, error, record_id)

            self._set_busy(+1)
            self.tasks.write(attach, attached, refused)

    # -- the scanner folder ------------------------------------------------------------------

    def set_inbox(self, inbox: ScannerInbox) -> None:
        self.inbox = inbox
        inbox.changed.connect(self._inbox_changed)
        self._inbox_changed(len(inbox.files()))

    def _inbox_changed(self, count: int) -> None:
        self.inbox_button.setVisible(self.inbox is not None and self.inbox.folder is not None)
        self.inbox_button.setText(self.tr("Scanner inbox (%1)").replace("%1", str(count)))

    def _inbox_menu(self) -> None:
        if self.inbox is None:
            return
        menu = QMenu(self)
        files = [path for path in self.inbox.files() if path.absolute() not in self._adding]  # not those on their way
        for path in files:
            menu.addAction(path.name, lambda path=path: self.take_from_inbox([path]))
        if len(files) > 1:
            menu.addSeparator()
            menu.addAction(self.tr("Add all %1 files").replace("%1", str(len(files))),
                           lambda: self.take_from_inbox(files))
        if not files:
            menu.addAction(self.tr("No new scans")).setEnabled(False)
        menu.popup(self.inbox_button.mapToGlobal(self.inbox_button.rect().bottomLeft()))

    def take_from_inbox(self, paths: list[Path]) -> None:
        """Attach scans from the inbox to this record's chosen slot; each leaves the inbox once attached."""
        inbox = self.inbox
        self.add_files(paths, on_linked=inbox.mark_imported if inbox else None)

    def add_bytes(self, data: bytes, name: str, slot: str | None = None) -> None:
        if self.record_id is None:
            return
        slot = slot or self.slot.currentData()
        record_id, user = self.record_id, self._user()
        services, record_type = self.services, self.record_type

        def attach(job) -> Attachment:
            return services.on_connection(job.db).attachments.attach_stream(record_type, record_id, slot,
                                                                            io.BytesIO(data), name, user=user)

        self._import_problems.clear()
        self._set_busy(+1)
        self.tasks.write(attach, lambda attachment: self._attached(attachment),
                         lambda error: self._refused(name, error, record_id))

    def paste_image(self) -> None:
        image = QApplication.clipboard().image()
        if image.isNull():
            self._show_problem(self.tr("The clipboard holds no picture. Copy a scan or photo first."))
            return
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        data = bytes(QByteArray(buffer.data()))
        self.add_bytes(data, self.tr("pasted picture") + ".png")

    def _attached(self, attachment: Attachment, on_linked=None) -> None:
        self._set_busy(-1)
        if on_linked is not None:
            on_linked()
        if attachment.record_id != self.record_id:
            return  # the clerk opened another record meanwhile: the scan went where it was added
        if self._item_of(attachment.id) is None:  # (the change notification may have shown it already)
            self._add_item(attachment)
            self._verify_in_background([attachment])
        self.attached.emit(attachment.slot)

    def _refused(self, name: str, error: BaseException, record_id: str | None) -> None:
        """A file not added: said in the panel, or, when the clerk has opened another record meanwhile, in a box
        of its own (the panel now shows a record the file was not for; the clerk must still learn of it)."""
        self._set_busy(-1)
        if isinstance(error, ImportRefused):
            text = core_text("Attachments", error.message, error.params)
        elif isinstance(error, StorageError):
            text = core_text("Storage", error.message, error.params)
        elif isinstance(error, ValidationFailed):  # the record was voided meanwhile
            text = "\n".join(issue_text(i) for i in error.issues)
        else:
            text = self.tr("The file could not be added (%1).").replace("%1", error_text(error))
        if record_id == self.record_id:
            self._show_problem(f"{name}: {text}")
        else:
            MessageBoxes.warn(self, self.tr("Material not added"),
                              self.tr("A material for the record opened before was not added.") + f"\n{name}: {text}")

    def _show_problem(self, text: str) -> None:
        """Import problems stay listed until the next add; verification results join them."""
        self._import_problems.append(text)
        self._render_problems()

    def _render_problems(self) -> None:
        bad = [verification_text(v) for v in self.verifications.values() if not v.ok]
        lines = self._import_problems + bad
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))

    def _set_busy(self, delta: int) -> None:
        before = self._pending
        self._pending += delta
        if bool(before) != bool(self._pending):
            self.busyChanged.emit(bool(self._pending))
            self.hint.setText(self.tr("Adding...") if self._pending else self._hint())

    def _hint(self) -> str:
        return (self.tr("Drop scans or photos here (PDF, JPEG, PNG, TIFF).") if self.record_id
                else self.tr("Save the record first, then add its materials."))

    def is_busy(self) -> bool:
        return self._pending > 0

    # -- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.record_id is not None and self.add_button.isEnabled() and (event.mimeData().hasUrls() or event.mimeData().hasImage()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        if paths:
            self.add_files(paths)
        elif mime.hasImage():
            QApplication.clipboard()  # keep Qt's image conversion in one place
            image = QImage(mime.imageData())
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buffer, "PNG")
            self.add_bytes(bytes(QByteArray(buffer.data())), self.tr("dropped picture") + ".png")
        event.acceptProposedAction()

    # -- looking -------------------------------------------------------------------------

    def preview(self, attachment: Attachment) -> AttachmentPreview:
        dialog = AttachmentPreview(self.workstation, attachment, self)
        dialog.show()
        return dialog

    def _context_menu(self, position) -> None:
        item = self.list.itemAt(position)
        if item is None:
            return
        attachment = item.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        menu.addAction(self.tr("Preview"), lambda: self.preview(attachment))
        void = menu.addAction(self.tr("Void..."), lambda: self.void(attachment))
        void.setEnabled(self.add_button.isEnabled())
        menu.popup(self.list.viewport().mapToGlobal(position))

    def void(self, attachment: Attachment) -> None:
        if not self.workstation.session.allowed(self, VOID):
            return
        reason = TextPrompt.ask(self, self.tr("Void material"),
                                self.tr("Why is this material wrong? It stays in the record's history."),
                                self.tr("Write why the material is voided: the reason stays in the record's history."))
        if reason is None:
            return
        try:
            self.attachments.void(attachment.id, reason, user=self._user())
        except ValidationFailed as failed:
            MessageBoxes.warn(self, self.tr("Not voided"), "\n".join(issue_text(i) for i in failed.issues))
            return
        except StorageError as error:
            MessageBoxes.warn(self, self.tr("Not voided"), core_text("Storage", error.message, error.params))
            return
        self.refresh()


def _blank() -> QImage:
    image = QImage(THUMBNAIL, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ececec"))  # a grey card until the thumbnail arrives
    return image
