"""What a clerk pastes or types through an input method stays in the field: the record keeps it in its canonical
form, or the field says what is wrong with it (never a value that silently vanished or was cut)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .clerk import fill_civil_application, fresh_rows, resident_id, set_combo, type_into, type_text

ID = resident_id("44052419850315002")  # born 1985-03-15
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def paste(qtbot, widget, text: str) -> None:
    """Ctrl+V over what the field holds, as from Word, a chat or an Excel cell."""
    QApplication.clipboard().setText(text)
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def leave(qtbot, form, name: str) -> None:
    qtbot.keyClick(form.editors[name].widget, Qt.Key.Key_Tab)


def new_application(window, qtbot):
    window._new_in(window.applications)
    form = window.applications.form
    fill_civil_application(qtbot, form)
    return form


def stored_application(station) -> dict:
    [(data,)] = fresh_rows(station, "SELECT data FROM applications")
    return json.loads(data)


def shown_error(form, name: str) -> str:
    editor = form.editors[name]
    assert editor.error.isVisibleTo(form), name
    return editor.error.text()


# -- values the model can read: kept in the field, stored canonical ----------------------------------------------

@pytest.mark.parametrize("how, text", [("IME", ID.translate(FULL_WIDTH)), ("paste", ID.translate(FULL_WIDTH)),
                                       ("paste", f"{ID[:6]} {ID[6:14]} {ID[14:]}"), ("paste", ID + "\r\n")])
def test_an_id_number_pasted_or_typed_full_width_is_kept_and_stored_canonical(window, qtbot, station, how, text):
    form = new_application(window, qtbot)
    widget = form.editors["id_number"].widget
    if how == "IME":
        widget.setFocus()
        widget.selectAll()
        type_text(qtbot, widget, text)  # a Chinese input method in full-width mode
    else:
        paste(qtbot, widget, text)
    leave(qtbot, form, "id_number")
    assert widget.text() == text and not form.editors["id_number"].error_text()
    assert form.editors["birth_date"].value() == "1985-03-15"  # derived from it as from a typed number
    assert form.save() is not None
    assert stored_application(station)["id_number"] == ID


def test_a_military_id_with_chinese_characters_can_be_typed(window, qtbot, station):
    form = new_application(window, qtbot)
    set_combo(form, "id_type", "military_id")
    type_into(qtbot, form, "id_number", "南字第0012345号")
    assert form.save() is not None
    assert stored_application(station)["id_number"] == "南字第0012345号"


@pytest.mark.parametrize("text", ["36,000", "￥36000", "36000元", "３６０００"])
def test_an_amount_as_people_write_it_is_kept_and_stored_in_yuan(window, qtbot, station, text):
    form = new_application(window, qtbot)
    paste(qtbot, form.editors["amount"].widget, text)
    leave(qtbot, form, "amount")
    assert form.editors["amount"].widget.text() == text and not form.editors["amount"].error_text()
    assert form.save() is not None
    assert stored_application(station)["amount"] == "36000.00"


def test_an_amount_the_model_cannot_read_is_kept_and_said_at_the_field(window, qtbot, station):
    form = new_application(window, qtbot)
    paste(qtbot, form.editors["amount"].widget, "三万六")
    leave(qtbot, form, "amount")
    assert form.editors["amount"].widget.text() == "三万六"
    assert "金额" in shown_error(form, "amount")
    assert form.save() is None and fresh_rows(station, "SELECT count(*) FROM applications")[0][0] == 0


def test_full_width_minutes_are_kept_and_stored_as_a_number(window, qtbot, station):
    window._new_in(window.consultations)
    form = window.consultations.form
    type_text(qtbot, form.editors["name"].widget, "张三")
    set_combo(form, "matter_category", "wages")
    type_into(qtbot, form, "question", "老板拖欠工资三个月，怎么办？")
    type_into(qtbot, form, "answer", "可以申请劳动仲裁。")
    type_into(qtbot, form, "minutes", "２５")
    assert form.save() is not None
    [(data,)] = fresh_rows(station, "SELECT data FROM consultations")
    assert json.loads(data)["minutes"] == 25


@pytest.mark.parametrize("name, text, shown", [
    ("birth_date", "1985年3月15日", "1985-03-15"), ("birth_date", "19850315", "1985-03-15"),
    ("birth_date", "１９８５/３/１５", "1985-03-15"), ("received_at", "2026/3/5 10:00", "2026-03-05 10:00"),
    ("received_at", "202603051000", "2026-03-05 10:00")])
def test_a_day_pasted_as_written_is_shown_as_it_will_be_kept(window, qtbot, station, name, text, shown):
    form = new_application(window, qtbot)
    paste(qtbot, form.editors[name].widget, text)
    leave(qtbot, form, name)
    assert form.editors[name].widget.text() == shown and not form.editors[name].error_text()
    assert form.save() is not None
    assert stored_application(station)[name] == shown.replace(" ", "T")


def test_a_day_that_cannot_be_read_stays_as_typed_and_is_said_at_the_field(window, qtbot):
    form = new_application(window, qtbot)
    paste(qtbot, form.editors["birth_date"].widget, "三月十五")
    leave(qtbot, form, "birth_date")
    assert form.editors["birth_date"].widget.text() == "三月十五"
    assert "年-月-日" in shown_error(form, "birth_date")


# -- length: counted in characters, said at the field, never cut ---------------------------------------------------

@pytest.mark.parametrize("length", [330, 100_000])
def test_a_long_paste_into_a_one_line_field_is_kept_and_refused_with_its_length(window, qtbot, station, length):
    form = new_application(window, qtbot)
    long = ("青山县测试镇东街十二号" * 10_000)[:length]
    paste(qtbot, form.editors["address"].widget, long)
    leave(qtbot, form, "address")
    assert form.editors["address"].value() == long  # nothing cut
    assert shown_error(form, "address") == f"内容过长：最多200个字，现有{length}个字。"
    assert form.save() is None and fresh_rows(station, "SELECT count(*) FROM applications")[0][0] == 0
    paste(qtbot, form.editors["address"].widget, long[:200])
    assert form.save() is not None and stored_application(station)["address"] == long[:200]


def test_a_rare_character_beyond_u_ffff_counts_as_one(window, qtbot, station):
    form = new_application(window, qtbot)
    paste(qtbot, form.editors["name"].widget, "欧" * 60 + "𠮷")  # 61 characters, 62 UTF-16 units
    leave(qtbot, form, "name")
    assert shown_error(form, "name") == "内容过长：最多60个字，现有61个字。"
    name = "欧" * 59 + "𠮷"  # 60 characters: as many as a name may have
    paste(qtbot, form.editors["name"].widget, name)
    assert form.save() is not None
    assert stored_application(station)["name"] == name


# -- line breaks and characters no one can see ---------------------------------------------------------------------

def test_line_breaks_pasted_from_word_are_kept_as_line_breaks(window, qtbot, station):
    form = new_application(window, qtbot)
    paste(qtbot, form.editors["facts"].widget, "第一行\x0b第二行\x0c第三行\u2028第四行\r\n第五行")
    paste(qtbot, form.editors["address"].widget, "青山县测试镇东街12号\r\n")  # an Excel cell
    assert form.save() is not None
    stored = stored_application(station)
    assert stored["facts"] == "第一行\n第二行\n第三行\n第四行\n第五行"
    assert stored["address"] == "青山县测试镇东街12号"


@pytest.mark.parametrize("name, text, said", [
    ("opposing_party", "\u202e司公达宏", "含有改变文字方向的不可见字符（U+202E，在第1个字处）"),
    ("address", "测试\x1b[0m地址", "含有不可见的控制字符（U+001B，在第3个字处）"),
    ("facts", "事实第一行\x0b第二行\x00", "含有不可见的控制字符（U+0000，在第10个字处）"),
    ("address", "青山县测试镇\x0b东街12号", "此栏只能填写一行，内容在第6个字后换了行"),
])
def test_what_no_one_can_see_is_refused_at_the_field_until_it_is_gone(window, qtbot, station, name, text, said):
    form = new_application(window, qtbot)
    paste(qtbot, form.editors[name].widget, text)
    leave(qtbot, form, name)
    assert said in shown_error(form, name)
    assert form.save() is None and fresh_rows(station, "SELECT count(*) FROM applications")[0][0] == 0
    assert said in shown_error(form, name) and form.editors[name].widget.hasFocus()
    clean = "".join(ch for ch in text if ch.isprintable())
    paste(qtbot, form.editors[name].widget, clean)
    assert not form.editors[name].error_text()  # gone as soon as it is fixed
    assert form.save() is not None and stored_application(station)[name] == clean
