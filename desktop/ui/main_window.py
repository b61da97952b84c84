"""The main window: navigation on the left, the page on the right, the station in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QMainWindow, QPushButton, QStackedWidget, QWidget)

from desktop import __version__
from desktop.records.changes import ATTACHMENTS, COUNTY, OUTBOX, RECORDS, SETTINGS, SYNC_STATE
from desktop.records.errors import RecordNotFound
from sync.events import unseen_count
from sync.status import sync_state

from .lock import WindowLock
from .messages import MessageBoxes
from .scanner_inbox import ScannerInbox
from .sync_controller import SyncController, waiting_text
from .sync_progress import ClockWarning, ElidingLabel, SyncLine, SyncProgress
from .window_drafts import offer_drafts
from .window_geometry import KeptGeometry
from .window_pages import (CASEWORK_PAGES, LATER_PAGES, LaterPage, application_form, build_page, count_deadlines,
                           consultation_form)
from .workspace import RecordWorkspace
from .workstation import Workstation


# what the status bar shows: the station and clerk, what waits (records, files, returned ones), enrollment
STATUS_TOPICS = (SETTINGS, OUTBOX, ATTACHMENTS, SYNC_STATE)
class MainWindow(QMainWindow):
    """Built on a Workstation (passed in); building it starts no timer and no task: `start()` does."""

    deadlines_page = LaterPage()
    casework = LaterPage()
    complaints = LaterPage()
    outreach = LaterPage()
    indicators_page = LaterPage()
    accounts_page = LaterPage()
    county_page = LaterPage()
    settings_page = LaterPage()

    def __init__(self, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.services = services = workstation.services
        self.station = station = services.station
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Legal-Aid Workstation"))
        self._built: dict[str, QWidget] = {}
        # their forms are imported when a record is first opened: the start shows the list
        self.consultations = RecordWorkspace(workstation, consultation_form, self, record_type="consultation")
        self.applications = RecordWorkspace(workstation, application_form, self, record_type="application")
        # the scanner folder is watched from start() on, after the first frame (Qt's file watcher costs ~25 ms)
        self.inbox = ScannerInbox(None, self)
        for workspace in self.workspaces():
            workspace.editorCreated.connect(self._connect_editor)
        workstation.changes.listen(self, self._apply_settings, SETTINGS)
        self._apply_settings(inbox=False)

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.navigation.setFixedWidth(150)
        self.navigation.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 10px 8px; }")
        self.pages = QStackedWidget(self)
        # after the decision (issue 14): deadlines, the case's records, complaints, outreach, the plan's measures
        titles = (self.tr("Consultations"), self.tr("Applications"), self.tr("Deadlines"), self.tr("Case work"),
                  self.tr("Complaints"), self.tr("Outreach"), self.tr("Statistics"), self.tr("Accounts"),
                  self.tr("County"), self.tr("Settings"))
        self._rows = {name: row for row, name in enumerate(("consultations", "applications", *LATER_PAGES))}
        for title, name in zip(titles, self._rows):
            self.navigation.addItem(title)
            self.pages.addWidget(getattr(self, name) if name in ("consultations", "applications") else QWidget())
        self.navigation.currentRowChanged.connect(self._navigate)
        # the deadlines' count in the navigation follows the records from the first change on, seen or not
        workstation.changes.listen(self, self._deadlines_follow, RECORDS, COUNTY)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._backed_up_for_closing = False
        self._bundles = None
        self._backups = None
        self.sync = SyncController(workstation, self)
        self.sync.started.connect(lambda: self.sync_action.setEnabled(False))
        self.sync.finished.connect(self._after_sync)
        self._build_actions()
        self._build_status_bar()
        self.lock = WindowLock(self)  # the idle lock and the switch of clerk (Ctrl+L)
        self.file_menu.insertAction(self.quit_action, self.lock.action)
        workstation.session.changed.connect(self.refresh_status)
        self.navigation.setCurrentRow(0 if station.settings.configured else self._rows["settings_page"])
        # a month's work takes a while to send: the waiting count goes down as each acknowledgement commits
        workstation.changes.listen(self, self.refresh_status, *STATUS_TOPICS)
        workstation.changes.listen(self, self.refresh_county, COUNTY)
        self.refresh_status()
        self.refresh_county()
        self.geometry_kept = KeptGeometry(self)

    def start(self) -> None:
        """The program's start, once the window has shown (run_app calls it after the first frame): the drafts a
        crash left, the sync timer and a first round a few seconds later, the automatic backup (after real work,
        daily, and before closing), the scanner folder's watch, the lock's idle watch and the system's "user leaving"
        signals."""
        QTimer.singleShot(0, self, self.offer_drafts)
        self._apply_settings()  # the scanner folder watched
        self.sync.start_timer()
        self.sync.schedule_startup_round()
        self.backups.start_daily()
        self.lock.start()
        count_deadlines(self)

    # -- the pages, built when first seen ----------------------------------------------------

    def page(self, name: str) -> QWidget:
        """The page `name` (an attribute of LATER_PAGES), built now if it was not yet: it takes the place its
        placeholder held in the stack, so its row in the navigation is the same."""
        page = self._built.get(name)
        if page is None:
            page = self._built[name] = build_page(self, name)
            row = self._rows[name]
            placeholder = self.pages.widget(row)
            current = self.pages.currentIndex() == row
            self.pages.insertWidget(row, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            if current:
                self.pages.setCurrentIndex(row)
        return page

    def _deadlines_follow(self) -> None:
        if "deadlines_page" not in self._built:
            self.deadlines_page.refresh()  # built by the first change: from now on its own listener follows

    def _connect_editor(self, editor) -> None:
        editor.attachments.set_inbox(self.inbox)
        if editor.form.record_type == "consultation":
            editor.form.convertRequested.connect(self.start_application_from)
            editor.form.openApplication.connect(lambda record_id: self.open_record("application", record_id))
        if editor.form.record_type == "application":
            from .casework_pages import add_case_actions

            add_case_actions(editor, self.start_case_record)
        if editor.form.record_type == "outreach_event":
            from .casework_pages import open_quick_entry

            editor.form.quickEntryRequested.connect(lambda event: open_quick_entry(self, self.workstation, event))

    # -- the pages of issue 14 ----------------------------------------------------------------

    def workspaces(self) -> tuple[RecordWorkspace, ...]:
        """Every list-and-form page built so far, the case's tabs included (one not built holds no typing)."""
        built = self._built
        return (self.consultations, self.applications,
                *(built["casework"].workspaces.values() if "casework" in built else ()),
                *(built[name] for name in ("complaints", "outreach") if name in built))

    def workspace_for(self, record_type: str) -> RecordWorkspace | None:
        """The page that lists and edits `record_type`, built if it was not yet."""
        if record_type in CASEWORK_PAGES:
            return self.page(CASEWORK_PAGES[record_type])
        if record_type not in ("consultation", "application"):
            from .casework_pages import CASE_TABS

            if record_type in CASE_TABS:
                return self.casework.workspaces[record_type]
        return next((w for w in self.workspaces() if w.record_type == record_type), None)

    def _show_page_of(self, workspace: RecordWorkspace) -> None:
        """Navigate to the page holding `workspace` (a tab of 案件办理, or a page of its own)."""
        if "casework" in self._built and workspace in self.casework.workspaces.values():
            self.navigation.setCurrentRow(self.pages.indexOf(self.casework))
            self.casework.show_workspace(workspace.record_type)
        else:
            self.navigation.setCurrentRow(self.pages.indexOf(workspace))

    def start_case_record(self, record_type: str, application) -> None:
        """A closure report, follow-up, attendance or evaluation of this application, started from its page."""
        from .casework_pages import case_prefill

        workspace = self.workspace_for(record_type)
        self._show_page_of(workspace)
        if workspace.editing() and not workspace.confirm_leave():
            return
        workspace.new_record({"case_number": application.number or application.data.get("number"),
                              **case_prefill(self.station.db, record_type, application)})
        workspace.form.focus_next_after_case()

    def start_consultation_follow_up(self, consultation_id: str) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(self.casework))
        self.casework.start_consultation_follow_up(consultation_id)

    # -- actions ---------------------------------------------------------------------------

    def _action(self, name: str, text: str, shortcut: QKeySequence | str | None, slot) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.save_action = self._action("action_save", self.tr("&Save"), QKeySequence.StandardKey.Save, self.save_current)
        self.new_action = self._action("action_new", self.tr("&New record"), QKeySequence.StandardKey.New, self.new_record)
        self.new_consultation_action = self._action("action_new_consultation", self.tr("New &consultation"), "Ctrl+1",
                                                    lambda: self._new_in(self.consultations))
        self.new_application_action = self._action("action_new_application", self.tr("New &application"), "Ctrl+2",
                                                   lambda: self._new_in(self.applications))
        self.search_action = self._action("action_search", self.tr("&Find"), QKeySequence.StandardKey.Find, self.focus_search)
        self.quit_action = self._action("action_quit", self.tr("E&xit"), QKeySequence.StandardKey.Quit, self.close)
        self.about_action = self._action("action_about", self.tr("&About"), None, self.show_about)
        self.verify_action = self._action("action_verify", self.tr("&Check all materials..."), None, self.verify_all)
        self.backup_action = self._action("action_backup_now", self.tr("&Back up now"), None,
                                          lambda: self.backups.back_up_now())
        self.restore_action = self._action("action_backups", self.tr("Backups and &restore..."), None,
                                           lambda: self.backups.show_dialog())
        self.sync_action = self._action("action_sync", self.tr("S&ync with the county"), "Ctrl+Shift+S",
                                        lambda: self.sync.sync_now())
        self.sync_action.setToolTip(self.tr("Send the records to the county and fetch its decisions (Ctrl+Shift+S)"))
        self.file_menu = file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (self.new_consultation_action, self.new_application_action, self.save_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.sync_action)  # the Tools menu's items are fixed by the backup tests
        self.export_bundle_action = self._action("action_export_bundle", self.tr("Export sync bundle to USB..."),
                                                 None, lambda: self.bundles.export_to_usb())
        self.import_bundle_action = self._action("action_import_bundle", self.tr("Import county reply bundle..."),
                                                 None, lambda: self.bundles.import_reply())
        file_menu.addAction(self.export_bundle_action)
        file_menu.addAction(self.import_bundle_action)
        self.recover_action = self._action("action_recover", self.tr("Recover this station from the county..."),
                                           None, lambda: self.bundles.recover_from_county())
        file_menu.addAction(self.recover_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.new_action)
        edit_menu.addAction(self.search_action)
        tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        for action in (self.verify_action, self.backup_action, self.restore_action):
            tools_menu.addAction(action)
        self.reference_action = self._action("action_reference", self.tr("County roster and indicators..."), None,
                                             self._open_reference)
        tools_menu.addAction(self.reference_action)
        self.audit_action = self._action("action_audit", self.tr("Audit trail..."), None, self._open_audit)
        tools_menu.addAction(self.audit_action)
        self.guide_action = self._action("action_quick_guide", self.tr("&Quick guide"), QKeySequence.StandardKey.HelpContents,
                                         self.show_quick_guide)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)

    # the dialogs and exchanges of the menus: their modules are imported when first used, not at start (issue 17)

    def _open_reference(self) -> None:
        from .reference_dialog import open_reference_dialog  # the county's roster and the township's indicator

        open_reference_dialog(self)

    def _open_audit(self) -> None:
        from .audit_dialog import open_audit_dialog  # the station head's view of who did what

        open_audit_dialog(self)

    @property
    def bundles(self):
        """The USB bundles' export, import and recovery (desktop/ui/bundle_exchange.py), made when first used."""
        if self._bundles is None:
            from .bundle_exchange import BundleExchange

            self._bundles = BundleExchange(self.workstation, self, after_import=self._after_sync)
        return self._bundles

    @property
    def backups(self):
        """The backups (desktop/ui/station_backups.py): made by `start()` or when first asked, not with the window,
        so their scheduler, dialog and the backup core are not imported before the first frame (issue 17)."""
        if self._backups is None:
            from .station_backups import StationBackups

            self._backups = StationBackups(self.workstation, self,
                                           status=lambda text: self.statusBar().showMessage(text, 15_000),
                                           close_for_restore=self.close_for_restore)
        return self._backups

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.station_label = ElidingLabel(self)  # the first to give way on a narrow screen (the name is in 设置)
        self.station_label.setObjectName("status_station")
        self.clerk_label = QLabel(self)
        self.clerk_label.setObjectName("status_clerk")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("status_pending")
        self.sync_label = SyncLine(self.sync, self)  # short, the problem first; the whole story in its tooltip
        self.clock_label = ClockWarning(self.sync, self)  # its own label: a long line never hides it
        for label in (self.station_label, self.clerk_label, self.pending_label, self.sync_label, self.clock_label):
            bar.addPermanentWidget(label)
        self.sync_button = QPushButton(self.tr("Sync"), self)
        self.sync_button.setObjectName("sync_button")
        self.sync_button.setAutoDefault(False)
        self.sync_button.setToolTip(self.sync_action.toolTip())
        self.sync_button.clicked.connect(self.sync_action.trigger)
        self.sync_action.changed.connect(lambda: self.sync_button.setEnabled(self.sync_action.isEnabled()))
        self.sync_progress = SyncProgress(self.sync, self)  # shown while a round uploads material files
        bar.addPermanentWidget(self.sync_progress)
        bar.addPermanentWidget(self.sync_button)

    def refresh_status(self) -> None:
        s = self.station.settings
        self.station_label.setText(f"{s.station_name} ({s.station_code})" if s.configured
                                   else self.tr("Station not set up"))
        session = self.workstation.session
        self.clerk_label.setText((self.tr("Station head: %1") if session.is_head else self.tr("Clerk: %1"))
                                 .replace("%1", session.user))
        state = sync_state(self.station.db, self.sync.changed_files)  # files changed after signing: apart
        self.pending_label.setText(waiting_text(state))  # records, material files and their MB, returned ones
        self.sync_label.refresh(state)  # before the first round of this session: what the database remembers

    def _after_sync(self, _result) -> None:
        """After a round or a reply bundle: the action again, and the round's own words (what it wrote, the
        views have already shown through the change notifications)."""
        self.sync_action.setEnabled(not self.sync.is_running())  # also after a reply bundle, maybe mid-round
        self.refresh_status()  # files the round found changed after signing are counted apart

    def refresh_county(self) -> None:
        """The 县中心 navigation item says how many county decisions are unread."""
        unread = unseen_count(self.station.db)
        item = self.navigation.item(self._rows["county_page"])
        item.setText(self.tr("County (%1)").replace("%1", str(unread)) if unread else self.tr("County"))

    # -- navigation ------------------------------------------------------------------------

    def current_workspace(self) -> RecordWorkspace | None:
        page = self.pages.currentWidget()
        if page is self._built.get("casework"):
            return self.casework.current_workspace()
        return page if isinstance(page, RecordWorkspace) else None

    def _navigate(self, row: int) -> None:
        name = next(name for name, at in self._rows.items() if at == row)
        if name in LATER_PAGES:
            self.page(name)  # built on its first showing
        self.pages.setCurrentIndex(row)

    def open_record(self, record_type: str, record_id: str) -> bool:
        """Open a record in its workspace (from the 县中心 page); False when it is not here or the clerk stayed."""
        workspace = self.workspace_for(record_type)
        try:
            self.station.store.get(record_type, record_id)
        except RecordNotFound:
            MessageBoxes.warn(self, self.tr("Record not found"),
                              self.tr("This record is not on this station (it may have been restored from an "
                                      "older backup)."))
            return False
        self._show_page_of(workspace)
        workspace.open_record(record_id)  # asks first when the open form has unsaved changes
        record = workspace.form.record
        return workspace.editing() and record is not None and record.id == record_id

    def new_record(self) -> None:
        workspace = self.current_workspace() or self.consultations
        self._new_in(workspace)

    def _new_in(self, workspace: RecordWorkspace) -> None:
        self._show_page_of(workspace)
        workspace.new_record()

    def save_current(self) -> None:
        workspace = self.current_workspace()
        if workspace is not None:
            workspace.save()
        elif self.pages.currentWidget() is self._built.get("settings_page"):
            self.settings_page.save()

    def focus_search(self) -> None:
        workspace = self.current_workspace()
        if workspace is not None:
            workspace.show_list()
            workspace.list_page.focus_search()

    def start_application_from(self, prefill: dict) -> None:
        """A consultation becomes an application: open the application form with its data."""
        self.navigation.setCurrentRow(self.pages.indexOf(self.applications))
        self.applications.new_record(prefill)

    def _apply_settings(self, *, inbox: bool = True) -> None:
        settings = self.station.settings
        self.services.vault.max_bytes = settings.max_attachment_mb * 1024 * 1024
        if inbox and str(self.inbox.folder or "") != settings.scanner_folder:
            self.inbox.set_folder(settings.scanner_folder or None)
        for workspace in self.workspaces():
            if workspace._editor is not None:
                workspace._editor.form.set_autosave_seconds(settings.autosave_seconds)

    def verify_all(self):
        """Check every attachment's file and signature (a progress bar; cancel stops it): the VerifyAll."""
        from .verify_dialog import VerifyAll

        return VerifyAll(self.workstation, self).start()

    def show_quick_guide(self):
        """The built-in guide: the day's work, the keyboard, what each status means (F1)."""
        from .quick_guide import QuickGuide

        guide = self.findChild(QuickGuide) or QuickGuide(self.station.store.reference, self)
        guide.show()
        guide.raise_()
        guide.activateWindow()
        return guide

    def show_about(self) -> None:
        MessageBoxes.inform(self, self.tr("About"), self.tr("Legal-Aid Workstation, version %1\nData folder: %2")
                            .replace("%1", __version__).replace("%2", str(self.station.data_dir)))

    # -- drafts and closing ----------------------------------------------------------------

    def offer_drafts(self) -> None:
        """Offer back the forms a crash or power cut interrupted (desktop/ui/window_drafts.py)."""
        offer_drafts(self)

    def keep_drafts(self) -> None:
        """Save every form in progress as a draft now (after an unexpected error)."""
        for workspace in self.workspaces():
            if workspace.has_unsaved_changes():
                workspace.form.save_draft()

    def close_for_restore(self) -> bool:
        """Before a restore replaces the database: forms saved or discarded, checkpoints stopped, the
        connection closed (the program then closes). False when the clerk chose to stay in a form."""
        for workspace in self.workspaces():
            if workspace.has_unsaved_changes():
                self._show_page_of(workspace)
                if not workspace.confirm_leave():
                    return False
        if self.sync.is_running() or (self._bundles is not None and self._bundles.busy()):
            MessageBoxes.inform(self, self.tr("Sync running"),
                                self.tr("A sync with the county is running. Try again when it has finished."))
            return False
        self.workstation.stop_checkpoints()
        self.sync.stop()
        self.workstation.changes.close()  # no view reads the closed connection after this
        self.services.close()
        return True

    def bring_to_front(self) -> None:
        """A second start of the program asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for workspace in self.workspaces():
            if workspace.has_unsaved_changes():
                self._show_page_of(workspace)
                if not workspace.confirm_leave():
                    event.ignore()
                    return
        if not self._backed_up_for_closing and self.backups.back_up_before_closing(self._close_after_backup):
            event.ignore()  # the work of this session goes into a backup first; then the window closes
            return
        self.geometry_kept.save()
        self.sync.stop()  # no round and no backup starts by itself once the window is gone
        self.backups.stop()
        self.lock.stop()
        event.accept()

    def _close_after_backup(self) -> None:
        self._backed_up_for_closing = True
        QTimer.singleShot(0, self, self.close)  # from the event loop: never inside the close it interrupted

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.geometry_kept.changed()

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802 - Qt override
        super().moveEvent(event)
        self.geometry_kept.changed()
