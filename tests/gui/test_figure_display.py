"""A figure is never shown as reaching its target while marked 未达标 (nor the reverse): the verdict is the exact
value's (indicators.Target), and the screens and the INDICATORS report show it with the decimals it takes
(indicators.decimals)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from desktop.records import indicators as ind
from desktop.records.reports import figure_row
from desktop.ui.plan_widgets import figure_value, show_figure

CLOSE_CALLS = [  # (measure, value, unit, shown, met)
    (ind.CASES_PER_10K, 11.96, ind.PER_10K, "11.96", False),
    (ind.CRIMINAL_SHARE, 100 * 11 / 58, ind.PERCENT, "18.97%", False),
    (ind.LAW_FIRM_SHARE, 34.96, ind.PERCENT, "34.96%", False),
    (ind.LAW_FIRM_SHARE, 34.996, ind.PERCENT, "34.996%", False),
    (ind.CRIMINAL_SHARE, 100 * 12 / 58, ind.PERCENT, "20.7%", True),
    (ind.CASES_PER_10K, 12.04, ind.PER_10K, "12.0", True),
    (ind.CASES_PER_10K, 12 * 10_000 / 10_000 * (181 / 365) * (365 / 181), ind.PER_10K, "12.0", True),  # noise
]


@pytest.mark.parametrize("key, value, unit, shown, met", CLOSE_CALLS)
def test_a_value_beside_its_target_is_shown_as_its_verdict_says(app, key, value, unit, shown, met):
    target = ind.plan_targets()[key]
    figure = ind.Figure(key, value, 0, 0, unit, target)
    assert figure.met is met
    assert figure_value(value, unit, target.value, target.at_least) == shown
    button = QPushButton()
    show_figure(button, key, value, unit, figure.met, target.value, target.at_least, 0)
    assert button.text().splitlines()[1] == f"{shown}  {'达标' if met else '未达标'}"
    row = figure_row(figure)  # the INDICATORS report: 值 | 目标 | 是否达标
    assert row[1] == pytest.approx(float(shown.rstrip("%"))) and row[3] == ("是" if met else "否")


def test_without_a_target_one_decimal_is_shown(app):
    assert figure_value(2.345, ind.DAYS) == "2.3" and figure_value(3.0, ind.COUNT) == "3"
