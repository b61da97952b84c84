"""What the station's 统计报表 and the county workspace's 计划指标 show the plan's measures with: the period chooser,
a figure as a button (its value, the target, green when met and red when not), and the bar chart (month by month,
or by township). One way to show a measure, wherever it was computed (desktop/records/indicators.py at the
station, the county server over every station)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable

from PySide6.QtCore import QCoreApplication, QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.records import indicators as ind
from desktop.records.indicators import Period

MET, MISSED, NEUTRAL = QColor(0, 128, 64), QColor(192, 0, 0), QColor(64, 64, 64)


def figure_value(value: float | None, unit: str, target: float | None = None, at_least: bool | None = True) -> str:
    """A measure's value as it is read: 66.7%, 12.3 (per 10,000 or days), 5 (a count); — when nothing to measure.
    Against a target, with the decimals it takes not to contradict the verdict (18.97%, not 19.0%, under ≥ 19%)."""
    if value is None:
        return "—"
    if unit not in (ind.PERCENT, ind.PER_10K, ind.DAYS):
        return str(int(value))
    goal = None if target is None else ind.Target(target, at_least is not False)
    return f"{value:.{ind.decimals(value, goal)}f}" + ("%" if unit == ind.PERCENT else "")


def measure_title(key: str) -> str:
    return QCoreApplication.translate("Indicator", ind.TITLES[key])


def show_figure(button: QPushButton, key: str, value: float | None, unit: str, met: bool | None,
                target: float | None, at_least: bool | None, counted: int) -> None:
    """The button of one measure: its title, value and verdict against the target, in the verdict's colour."""
    target_word = QCoreApplication.translate("PlanWidgets", "Target")
    goal = "" if target is None else f"\n{target_word} {'≥' if at_least else '≤'} {target:g}" + \
        ("%" if unit == ind.PERCENT else "")
    verdict = {True: QCoreApplication.translate("PlanWidgets", "met"),
               False: QCoreApplication.translate("PlanWidgets", "not met"), None: ""}[met]
    button.setText(f"{measure_title(key)}\n{figure_value(value, unit, target, at_least)}  {verdict}{goal}")
    colour = {True: MET, False: MISSED, None: NEUTRAL}[met]
    button.setStyleSheet(f"QPushButton {{ color: {colour.name()}; text-align: left; padding: 4px; }}")
    button.setToolTip(QCoreApplication.translate("PlanWidgets", "%1 record(s) counted; click to list them")
                      .replace("%1", str(counted)))


class PeriodPicker(QWidget):
    """本年, 上一年, 本季度, 上季度, 本半年 or two dates; `changed` when the period changes (by either)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.today: Callable[[], date] = date.today
        today = date.today()
        self.preset = QComboBox(self)
        self.preset.setObjectName("period_preset")
        for key, text in (("year", self.tr("This year")), ("last_year", self.tr("Last year")),
                          ("quarter", self.tr("This quarter")), ("last_quarter", self.tr("Last quarter")),
                          ("half", self.tr("This half-year")), ("custom", self.tr("Dates below"))):
            self.preset.addItem(text, key)
        self.date_from = QDateEdit(QDate(today.year, 1, 1), self)
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit, name in ((self.date_from, "period_from"), (self.date_to, "period_to")):
            edit.setObjectName(name)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(self._dates_changed)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self._bound()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("Period:"), self), self.preset, self.date_from, QLabel("—", self), self.date_to):
            layout.addWidget(widget)
        layout.addStretch(1)  # the dates keep their width in a wide form

    def period(self) -> Period:
        f, t = self.date_from.date(), self.date_to.date()
        return Period(date(f.year(), f.month(), f.day()), date(t.year(), t.month(), t.day()))

    def _bound(self) -> None:
        """The first date never after the last, whichever is typed or picked: a period cannot be reversed."""
        self.date_to.setMinimumDate(self.date_from.date())
        self.date_from.setMaximumDate(self.date_to.date())

    def set_period(self, period: Period, preset: str = "custom") -> None:
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.clearMinimumDate()
            edit.clearMaximumDate()
        for edit, day in ((self.date_from, period.start), (self.date_to, period.end)):
            edit.setDate(QDate(day.year, day.month, day.day))
        self._bound()
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(False)
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(preset))
        self.preset.blockSignals(False)
        self.changed.emit()

    def _apply_preset(self) -> None:
        today = self.today()
        quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        last_quarter_end = quarter_start - timedelta(days=1)
        periods = {"year": Period(date(today.year, 1, 1), today), "last_year": Period.year(today.year - 1),
                   "quarter": Period(quarter_start, today),
                   "last_quarter": Period(date(last_quarter_end.year, 3 * ((last_quarter_end.month - 1) // 3) + 1, 1),
                                          last_quarter_end),
                   "half": Period(date(today.year, 1 if today.month <= 6 else 7, 1), today)}
        key = self.preset.currentData()
        if key in periods:
            self.set_period(periods[key], key)

    def _dates_changed(self) -> None:
        self._bound()
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.preset.blockSignals(False)
        self.changed.emit()


class BarChart(QWidget):
    """Bars, one per month (labelled by its month) or per place, with the target as a dashed line; where no bar
    has a value, a line saying why (set_points' `empty`) instead of an empty frame."""

    def __init__(self, parent: QWidget | None = None, name: str = "monthly_chart"):
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumHeight(180)
        self.points: list[tuple[str, float | None]] = []
        self.target: float | None = None
        self.empty = ""

    def set_points(self, points: list[tuple[str, float | None]], target: float | None, empty: str = "") -> None:
        self.points, self.target = points, target
        self.empty = empty or self.tr("Nothing to measure in this period.")
        self.setAccessibleDescription("; ".join(f"{m} {'' if v is None else round(v, 1)}" for m, v in points))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(36, 10, -10, -24)
        values = [v for _, v in self.points if v is not None]
        top = max(values + ([self.target] if self.target else []) + [1.0]) * 1.1
        painter.setPen(QPen(QColor(160, 160, 160)))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawText(QRectF(0, rect.top() - 6, 32, 14), Qt.AlignmentFlag.AlignRight, f"{top:.0f}")
        if not self.points:
            painter.end()
            return
        if not values:
            painter.setPen(QPen(QColor(90, 90, 90)))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty)
        step = rect.width() / len(self.points)
        metrics = painter.fontMetrics()
        for i, (label, value) in enumerate(self.points):
            x = rect.left() + i * step
            if value is not None:
                height = rect.height() * value / top
                painter.fillRect(QRectF(x + step * 0.15, rect.bottom() - height, step * 0.7, height), QColor(70, 120, 190))
            if len(self.points) <= 12 or i % max(1, len(self.points) // 12) == 0:
                painter.setPen(QPen(QColor(60, 60, 60)))
                month = len(label) == 7 and label[4] == "-" and label[:4].isdigit()  # 2026-03: the month alone
                painter.drawText(QRectF(x, rect.bottom() + 4, step, metrics.height()), Qt.AlignmentFlag.AlignHCenter,
                                 label[5:] if month else label)
        if self.target:
            y = rect.bottom() - rect.height() * self.target / top
            painter.setPen(QPen(MISSED, 1, Qt.PenStyle.DashLine))
            painter.drawLine(int(rect.left()), int(y), int(rect.right()), int(y))
        painter.end()
