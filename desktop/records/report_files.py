"""A report (reports.py) as a file: CSV (UTF-8 with a byte-order mark, so Excel opens Chinese correctly) or an
Excel workbook (openpyxl: one sheet per table). Written to a temporary file beside the target, then moved
into place, so a report is whole or absent. The PDF is the forms engine's (forms/report_pdf.py)."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from .reports import Report

INVALID_SHEET = set('[]:*?/\\')


def _atomic(path: Path, write) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    try:
        write(part)
        os.replace(part, path)
    finally:
        if part.exists():
            part.unlink()


def write_csv(report: Report, path: Path) -> None:
    """One table: its header and rows. Several: each under its title, a blank line between them."""
    def write(target: Path) -> None:
        with open(target, "w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            several = len(report.tables) > 1
            if several:
                out.writerow([report.title])
                out.writerow([report.subtitle])
            for table in report.tables:
                if several:
                    out.writerow([])
                    out.writerow([table.title])
                out.writerow(table.columns)
                out.writerows([_cell(v) for v in row] for row in table.rows)
    _atomic(path, write)


def write_xlsx(report: Report, path: Path) -> None:
    """A workbook with the report's title and period on each sheet, then the table (header in bold)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in report.tables:
        name = "".join(ch for ch in table.title if ch not in INVALID_SHEET)[:28] or "表"
        while name in used:
            name = name[:26] + str(len(used))
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([report.title])
        sheet.append([report.subtitle])
        sheet.append(table.columns)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
        sheet["A1"].font = Font(bold=True, size=14)
        for index, title in enumerate(table.columns, start=1):
            width = max([len(str(title))] + [len(str(r[index - 1])) for r in table.rows[:200] if len(r) >= index])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width * 2 + 2))
        sheet.freeze_panes = "A4"
    _atomic(path, lambda target: book.save(target))


def _cell(value: Any) -> Any:
    return "" if value is None else value


HEADER_ROWS = 3  # title, period, column titles: where a sheet's rows start (tests read the cells after them)
