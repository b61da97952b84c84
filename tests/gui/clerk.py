"""Acting as a clerk in GUI tests: typing (Chinese too), choosing, filling a whole application.

QTest cannot click keys for non-ASCII characters; a Chinese IME delivers them
to the widget as an input-method commit, which is what we send.
"""

from __future__ import annotations


from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QWidget

from desktop.records.db import database_path
from desktop.records.idcard import check_digit
from helpers.accounts import raw_connection


def resident_id(first17: str) -> str:
    return first17 + check_digit(first17)


def fresh_rows(station, sql: str, params=()) -> list:
    """Read back through a new connection: what a crash-restart would see."""
    conn = raw_connection(database_path(station.data_dir))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def set_combo(form, name: str, code: str) -> None:
    combo: QComboBox = form.editors[name].widget
    index = combo.findData(code)
    assert index > 0, (name, code)
    combo.setCurrentIndex(index)


def type_into(qtbot, form, name: str, text: str) -> None:
    widget = form.editors[name].widget
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    type_text(qtbot, widget, text)


def fill_civil_application(qtbot, form, name="赵六", id_number=None) -> None:
    type_text(qtbot, form.editors["name"].widget, name)
    type_into(qtbot, form, "id_number", id_number or resident_id("44052419850315002"))
    set_combo(form, "case_type", "civil")
    set_combo(form, "aid_kind", "litigation")
    type_into(qtbot, form, "cause", "追索劳动报酬纠纷")
    type_into(qtbot, form, "facts", "申请人在某建筑工地务工，工资被拖欠八个月。")
    set_combo(form, "art31_category", "labour")
    form.editors["categories"].widget.findChild(QCheckBox, "categories.migrant_worker").setChecked(True)
    set_combo(form, "eligibility_ground", "art42")
    set_combo(form, "art42_exemption", "migrant_wages")  # a migrant worker claiming wages


def type_text(qtbot, widget: QWidget, text: str) -> None:
    chunk = ""
    for ch in text + "\0":
        if ch != "\0" and ch.isascii() == (chunk[:1].isascii() if chunk else ch.isascii()):
            chunk += ch
            continue
        if chunk:
            if chunk.isascii():
                qtbot.keyClicks(widget, chunk)
            else:
                event = QInputMethodEvent()
                event.setCommitString(chunk)
                QApplication.sendEvent(widget, event)
        chunk = ch if ch != "\0" else ""
