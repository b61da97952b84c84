"""A report (desktop/records/reports.py) as a PDF through the forms engine (Qt-free): the same fonts, margins,
page furniture and tables as the county's forms, one table block per report table.

Each value is put in the layout as a placeholder of its own ({v_T_R_C}) and given in the values, so nothing
a record holds (a brace, a long matter) is read as layout; long cells wrap, long tables continue on the
next pages with their header row. Not signed: a statistics report is checked against the lists, not sealed.
"""

from __future__ import annotations

import io
from typing import Any

from desktop.records.reports import Report

from .catalogue import FormSpec, default_catalogue
from .context import RenderContext
from .layout import layout_form
from .render import PageInfo, Section, draw_sections, new_canvas, save_canvas
from .values import Values

MAX_COLUMNS_PORTRAIT = 8


def _table_block(t: int, table, values: dict[str, Any]) -> list[dict[str, Any]]:
    width = [1.0] * len(table.columns)
    for c in range(len(table.columns)):  # wider columns for longer text, within reason
        longest = max([len(str(table.columns[c]))] + [len(str(row[c])) for row in table.rows[:100] if c < len(row)])
        width[c] = min(6.0, max(1.0, longest / 4))
    header = {"cells": [{"label": f"{{v_{t}_h_{c}}}"} for c in range(len(table.columns))], "repeat_header": True}
    for c, title in enumerate(table.columns):
        values[f"v_{t}_h_{c}"] = str(title)
    rows: list[dict[str, Any]] = [header]
    for r, row in enumerate(table.rows):
        cells = []
        for c in range(len(table.columns)):
            values[f"v_{t}_{r}_{c}"] = "" if c >= len(row) or row[c] is None else str(row[c])
            cells.append({"value": f"{{v_{t}_{r}_{c}}}"})
        rows.append({"cells": cells, "min_mm": 7})
    return [{"type": "subtitle", "text": f"{{v_{t}_title}}"}, {"type": "table", "columns": width, "rows": rows},
            {"type": "spacer", "mm": 4}]


def render_report(report: Report, context: RenderContext | None = None) -> bytes:
    """The report's PDF bytes."""
    context = (context or RenderContext()).with_changes(seal=False, signer=None)
    values: dict[str, Any] = {"v_title": report.title, "v_subtitle": report.subtitle}
    blocks: list[dict[str, Any]] = [{"type": "title", "text": "{v_title}"}, {"type": "subtitle", "text": "{v_subtitle}"}]
    for t, table in enumerate(report.tables):
        values[f"v_{t}_title"] = table.title
        blocks.extend(_table_block(t, table, values))
    form = FormSpec(id="report", name=report.title, record_type="report", has_seal=False, seal_owner=None, order=0,
                    number_char=None, spec={"blocks": blocks})
    fonts = context.fonts()
    pages = layout_form(form, Values(values, context, "report"), context, fonts, default_catalogue().common)
    info = PageInfo(report.title, context.settings.station_name or context.center, report.subtitle, None, None)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, report.title, context.settings.station_name or context.center, "", fonts,
                        context.now())
    draw_sections(canvas, fonts, [Section(pages, info)])
    save_canvas(canvas)
    return buffer.getvalue()
