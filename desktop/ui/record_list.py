"""The list screens of consultations and applications: a filter bar over a lazily paged table.

Filters and sorting become a new `ListQuery`; the core builds the SQL and the
model (record_list_model.py) pages through it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from desktop.records.errors import StorageError
from desktop.records.queries import LIST_COLUMNS, TIME_COLUMN, ListQuery
from desktop.records.reference import ReferenceData
from desktop.records.station import Station
from desktop.ui.i18n import core_text, language
from desktop.ui.messages import MessageBoxes

from .casework_lists import list_model_class
from .record_list_model import LABEL_LISTS

SEARCH_DELAY_MS = 250
SIZED_ROWS = 100  # the first rows, whose values size the columns
# what a column usually holds, to size the columns of a list still empty
_TYPICAL = {"occurred_at": "0000-00-00 00:00", "received_at": "0000-00-00 00:00", "hearing_date": "0000-00-00 00:00",
            "complained_at": "0000-00-00 00:00", "number": "WWWW-0000-00000", "case_number": "WWWW-0000-00000",
            "person_name": "WWWWWWW", "clerk": "WWWWWW"}
_FILTER_LISTS = {
    "consultation": {"channel": "consultation_channels", "category": "matter_categories",
                     "status": "consultation_outcomes"},
    "application": {"channel": "application_channels", "category": "case_types",
                    "status": "application_status"},
}

class _ListKeys(QObject):
    """Keyboard paths through the list: Enter on the table opens the current row (the view's own
    `activated` varies by style); Down in the search box goes to the first row; Ctrl+Home and Ctrl+End
    select the first and the last record (the view's own would only move the cursor, leaving the
    highlighted row behind, and Enter or 打印 would act on another record than the one shown)."""

    def __init__(self, page: "RecordListPage"):
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        page = self._page
        if watched is page.table and plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return page._open_current()
        ends = {Qt.Key.Key_Home: 0, Qt.Key.Key_End: page.model.rowCount() - 1}
        if watched is page.table and event.modifiers() == Qt.KeyboardModifier.ControlModifier \
                and event.key() in ends and page.model.rowCount():
            index = page.model.index(ends[event.key()], 0)  # every record has its row: read from the nearer end
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            page.table.selectionModel().setCurrentIndex(index, flags)  # (selectRow would add to it: Ctrl is down)
            page.table.scrollTo(index)
            return True
        if watched is page.search and plain and event.key() == Qt.Key.Key_Down:
            page._apply_filters()  # don't let a pending search replace the rows under the cursor
            if page.model.rowCount():
                page.table.setFocus(Qt.FocusReason.TabFocusReason)
                page.table.selectRow(0)
                return True
        return False


class RecordListPage(QWidget):
    """Search, filters, a "new" button and the paged table of one record type."""

    newRequested = Signal()
    openRequested = Signal(str)
    printRequested = Signal(object, str)  # the selected record ids, the form chosen for each

    def __init__(self, station: Station, record_type: str, parent: QWidget | None = None, *, load: bool = True):
        """`load=False`: the list stays empty until its first `refresh()` (a workspace refreshes it when seen)."""
        super().__init__(parent)
        if record_type not in LIST_COLUMNS:
            raise ValueError(f"no list for record type {record_type!r}")
        self.station = station
        self.record_type = record_type
        self.setObjectName(f"{record_type}_list")
        reference = station.store.reference
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filters)

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search name, ID number, phone or any text"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_filters)

        self.new_button = QPushButton(self.tr("New"), self)
        self.new_button.setObjectName("new")
        self.new_button.setAccessibleName(self.tr("New record"))
        self.new_button.clicked.connect(self.newRequested)

        self.print_button = QPushButton(self.tr("Print..."), self)
        self.print_button.setObjectName("batch_print")
        self.print_button.setAccessibleName(self.tr("Print the selected records"))
        self.print_button.setToolTip(self.tr("Print one form for each selected record (select several with Ctrl or "
                                             "Shift)"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_selected)
        self._printing_busy = False  # the workspace prints (set_printing_busy); one batch at a time

        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.count_label.setAccessibleName(self.tr("Number of records"))

        today = QDate.currentDate()
        self._filter_labels: dict[QWidget, QLabel] = {}
        self.date_from_enabled, self.date_from = self._date_filter(
            "date_from", self.tr("From"), self.tr("Only records from a date on"), self.tr("From date"),
            today.addMonths(-1))
        self.date_to_enabled, self.date_to = self._date_filter(
            "date_to", self.tr("To"), self.tr("Only records up to a date"), self.tr("To date"), today)

        lists = _FILTER_LISTS.get(record_type, {})  # the lists after the decision (issue 14) have none of these
        self.channel_filter = self._combo("channel_filter", self.tr("Channel"), reference, lists.get("channel"))
        category_title = self.tr("Matter") if record_type == "consultation" else self.tr("Case type")
        self.category_filter = self._combo("category_filter", category_title, reference, lists.get("category"))
        status_title = self.tr("Outcome") if record_type == "consultation" else self.tr("Status")
        self.status_filter = self._combo("status_filter", status_title, reference, lists.get("status"))
        self.group_filter = self._combo("group_filter", self.tr("Special group"), reference,
                                        "person_categories" if lists else None)

        self.include_voided = QCheckBox(self.tr("Include voided"), self)
        self.include_voided.setObjectName("include_voided")
        self.include_voided.setAccessibleName(self.tr("Include voided records"))
        self.include_voided.toggled.connect(self._apply_filters)

        time_column = TIME_COLUMN[record_type]
        self.model = list_model_class(record_type)(station.db, ListQuery(record_type, sort=time_column,
                                                                         descending=True), reference, self,
                                                   load=load)
        self.model.queryFailed.connect(self._show_error)
        self.model.modelReset.connect(self._update_count)
        self.model.totalChanged.connect(self._update_count)

        self.table = QTableView(self)
        self.table.setObjectName("table")
        self.table.setAccessibleName(self.tr("Records"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several, to print
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(self.model.columns().index(time_column), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)  # same order as the model's query: no second query
        self._set_column_widths()
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._update_print_button)
        self.model.modelReset.connect(self._update_print_button)
        keys = _ListKeys(self)
        self.table.installEventFilter(keys)
        self.search.installEventFilter(keys)

        self._layout()
        chain = (self.search, self.date_from_enabled, self.date_from, self.date_to_enabled, self.date_to,
                 self.new_button, self.print_button, self.channel_filter, self.category_filter, self.status_filter,
                 self.group_filter, self.include_voided, self.table)
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self._update_count()

    # -- building ----------------------------------------------------------------------------

    def _date_filter(self, name: str, title: str, check_name: str, accessible: str,
                     initial: QDate) -> tuple[QCheckBox, QDateEdit]:
        """A date edit switched on by a check box before it (keyboard: Tab, Space, Tab, type the date)."""
        check = QCheckBox(title, self)
        check.setObjectName(f"{name}_enabled")
        check.setAccessibleName(check_name)
        edit = QDateEdit(initial, self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(accessible)
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        check.toggled.connect(self._apply_filters)
        edit.dateChanged.connect(lambda _date: self._search_timer.start())  # typing a date: wait for the rest
        return check, edit

    def _combo(self, name: str, title: str, reference: ReferenceData, list_name: str | None) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(title)
        # A fixed width keeps the filter bar on one line; the open list shows the whole labels.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(7)
        combo.addItem(self.tr("All"), None)
        lang = language()
        for choice in reference.choices(list_name) if list_name else ():
            combo.addItem(choice.label(lang), choice.code)
            combo.setItemData(combo.count() - 1, choice.label(lang), Qt.ItemDataRole.ToolTipRole)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        combo.currentIndexChanged.connect(self._apply_filters)
        label = QLabel(title, self)
        label.setBuddy(combo)
        if list_name is None:  # a list without this filter (the lists after the decision, issue 14)
            combo.hide()
            label.hide()
        self._filter_labels[combo] = label
        combo.setToolTip(title)
        return combo

    def _layout(self) -> None:
        # Two rows that fit beside the navigation on a 1366x768 screen.
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addSpacing(8)
        top.addWidget(self.date_from_enabled)
        top.addWidget(self.date_from)
        top.addWidget(self.date_to_enabled)
        top.addWidget(self.date_to)
        top.addSpacing(8)
        top.addWidget(self.count_label)
        top.addSpacing(8)
        top.addWidget(self.print_button)
        top.addWidget(self.new_button)

        filters = QHBoxLayout()
        for combo in (self.channel_filter, self.category_filter, self.status_filter, self.group_filter):
            filters.addWidget(self._filter_labels[combo])
            filters.addWidget(combo)
            filters.addSpacing(8)
        filters.addWidget(self.include_voided)
        filters.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        # Said in the empty table, so an empty list never looks like a broken one.
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        palette = self.empty_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        self.empty_label.setPalette(palette)
        overlay = QVBoxLayout(self.table.viewport())
        overlay.addWidget(self.empty_label, 0, Qt.AlignmentFlag.AlignCenter)

    def _set_column_widths(self) -> None:
        """Each column as wide as its title and the values of the list's first rows (a coded column: its longest
        label), within reason; measured once, not on every paint. An empty list is sized from typical values, and
        again from its records when the first ones arrive; after that the widths are the clerk's to change."""
        metrics = self.table.fontMetrics()
        lists = LABEL_LISTS.get(self.record_type, {})
        reference, lang = self.station.store.reference, language()
        rows = range(min(self.model.rowCount(), SIZED_ROWS))
        shown = [values for values in map(self.model.shown, rows) if values is not None]
        for column, name in enumerate(self.model.columns()):
            if rows:  # each distinct text measured once (a list repeats its channels, matters and clerks)
                texts = {""} | {values[column] for values in shown}
            else:
                texts = {_TYPICAL.get(name, "WWWWWWWW")}
            if name in lists:
                texts |= {c.label(lang) for c in reference.choices(lists[name])}
            width = max(metrics.horizontalAdvance(text) for text in texts)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(width, metrics.horizontalAdvance(title) + 16)  # room for the sort arrow
            extra = 36 if column == 0 else 20  # the urgent marker; cell padding
            self.table.setColumnWidth(column, min(width, metrics.horizontalAdvance("W") * 18) + extra)
        if not rows:
            self.model.modelReset.connect(self._size_when_filled)

    def _size_when_filled(self) -> None:
        if self.model.rowCount():
            self.model.modelReset.disconnect(self._size_when_filled)
            self._set_column_widths()

    # -- behaviour ---------------------------------------------------------------------------

    def current_query(self) -> ListQuery:
        """The query the filter bar describes, in the table's current order."""
        model_query = self.model.query()
        return ListQuery(
            self.record_type,
            text=self.search.text(),
            date_from=self._date_of(self.date_from) if self.date_from_enabled.isChecked() else None,
            date_to=self._date_of(self.date_to) if self.date_to_enabled.isChecked() else None,
            channel=self.channel_filter.currentData(),
            category=self.category_filter.currentData(),
            status=self.status_filter.currentData(),
            special_group=self.group_filter.currentData(),
            include_voided=self.include_voided.isChecked(),
            sort=model_query.sort,
            descending=model_query.descending,
        )

    @staticmethod
    def _date_of(edit: QDateEdit) -> date:
        d = edit.date()
        return date(d.year(), d.month(), d.day())

    def _apply_filters(self, *_args: object) -> None:
        self._search_timer.stop()
        query = self.current_query()
        if query != self.model.query():
            self._reset_to(query)

    def refresh(self) -> None:
        """Run the query again with the same filters (after a save), keeping the selected record."""
        self._search_timer.stop()
        self._reset_to(self.current_query())

    def _reset_to(self, query: ListQuery) -> None:
        selected = self.selected_id()
        self.model.set_query(query)
        if selected:
            row = self.model.row_of(selected)
            if row >= 0:
                self.table.selectRow(row)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_id(rows[0].row()) if rows else None

    def selected_ids(self) -> list[str]:
        """Every selected record, in the table's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.record_id(row) for row in rows]

    def _update_print_button(self, *_args: object) -> None:
        self.print_button.setEnabled(not self._printing_busy and self.table.selectionModel().hasSelection())

    def set_printing_busy(self, busy: bool) -> None:
        self._printing_busy = busy
        self._update_print_button()

    def print_selected(self) -> None:
        """Batch printing: the form to print for each selected record; the workspace prints them."""
        ids = self.selected_ids()
        if not ids:
            return
        from .print_dialogs import PrintDialogs
        from .printouts import printable_forms  # QtPdf and QtPrintSupport load at the first batch only

        form_id = PrintDialogs.choose_form(self, printable_forms(self.record_type), len(ids))
        if form_id is not None:
            self.printRequested.emit(ids, form_id)

    def _open(self, row: int) -> None:
        record_id = self.model.record_id(row) if 0 <= row < self.model.rowCount() else ""
        if record_id:  # a row emptied by a change since the count opens nothing
            self.openRequested.emit(record_id)

    def _open_current(self) -> bool:
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        self._open(index.row())
        return True

    def _update_count(self, *_args: object) -> None:
        total = self.model.total()
        self.count_label.setText(self.tr("%n record(s)", "", total))
        if total:
            self.empty_label.hide()
            return
        unfiltered = self.current_query().with_(include_voided=True) == ListQuery(
            self.record_type, include_voided=True, sort=self.model.query().sort,
            descending=self.model.query().descending)
        self.empty_label.setText(self.tr("No records yet. Press \"New\" to record the first one.") if unfiltered
                                 else self.tr("No records match the search and filters."))
        self.empty_label.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.search.hasFocus() and self.search.text():
            self.search.clear()
            self._apply_filters()
            return
        super().keyPressEvent(event)

    def _show_error(self, error: StorageError) -> None:
        self.count_label.setText(self.tr("The list could not be read."))
        MessageBoxes.warn(self, self.tr("The list could not be read"),
                          core_text("Storage", error.message, error.params))
