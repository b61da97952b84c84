"""Recording consultations and applications through the real widgets, as a clerk would."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit

from desktop.ui.main_window import MainWindow
from desktop.ui.messages import Button

from .clerk import fill_civil_application, fresh_rows, resident_id, set_combo, type_into, type_text
from helpers.accounts import provided

ZHANG_ID = resident_id("11010519800101123")  # male, born 1980-01-01


def test_consultation_by_keyboard_is_saved_durably(window, qtbot, station):
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # new consultation
    form = window.consultations.form
    assert window.consultations.editing()
    assert form.editors["name"].widget.hasFocus()
    type_text(qtbot, form.editors["name"].widget, "张三")
    type_into(qtbot, form, "phone", "13800138000")
    type_into(qtbot, form, "id_number", ZHANG_ID)
    form.editors["id_number"].widget.editingFinished.emit()
    assert form.editors["gender"].value() == "male"  # filled from the resident ID
    assert form.editors["birth_date"].value() == "1980-01-01"
    set_combo(form, "matter_category", "wages")
    type_into(qtbot, form, "question", "老板拖欠工资三个月，怎么办？")
    type_into(qtbot, form, "answer", "可以向劳动保障监察机构投诉，或申请劳动仲裁。")
    qtbot.keyClick(form.editors["answer"].widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert not form.is_dirty()
    assert form.record is not None and form.record.version == 1
    rows = fresh_rows(station, "SELECT data, person_name FROM consultations")
    assert len(rows) == 1
    data = json.loads(rows[0][0])
    assert (rows[0][1], data["phone"], data["matter_category"]) == ("张三", "13800138000", "wages")
    assert data["question"] == "老板拖欠工资三个月，怎么办？"
    assert fresh_rows(station, "SELECT count(*) FROM outbox")[0][0] == 2  # person + consultation
    assert fresh_rows(station, "PRAGMA integrity_check")[0][0] == "ok"


def test_invalid_fields_are_shown_beside_the_field_and_nothing_is_saved(window, qtbot, station):
    window._new_in(window.consultations)
    form = window.consultations.form
    type_text(qtbot, form.editors["name"].widget, "李四")
    type_into(qtbot, form, "id_number", "110105198001011230")  # wrong check digit
    type_into(qtbot, form, "phone", "12345")
    assert form.save() is None
    for name in ("id_number", "phone", "question", "answer", "matter_category"):
        error = form.editors[name].error
        assert error.isVisibleTo(form) and error.text(), name
    assert form.editors["id_number"].widget.hasFocus() or form.editors["phone"].widget.hasFocus()
    assert fresh_rows(station, "SELECT count(*) FROM consultations")[0][0] == 0
    assert "李四" == form.editors["name"].value()  # what was typed is kept


def test_enter_never_discards(window, qtbot):
    window._new_in(window.applications)
    form = window.applications.form
    type_text(qtbot, form.editors["name"].widget, "王五")
    qtbot.keyClick(form.editors["name"].widget, Qt.Key.Key_Return)
    qtbot.keyClick(form.editors["cause"].widget, Qt.Key.Key_Enter)
    assert window.applications.editing()
    assert form.editors["name"].value() == "王五"
    assert form.is_dirty()


def test_application_is_numbered_and_eligibility_section_follows_the_law(window, qtbot, station):
    window._new_in(window.applications)
    form = window.applications.form
    e = form.editors
    # nothing case-specific until a case type is chosen
    assert not e["criminal_role"].widget.isVisibleTo(form) and not e["art31_category"].widget.isVisibleTo(form)
    set_combo(form, "case_type", "criminal")
    assert e["criminal_role"].widget.isVisibleTo(form) and e["charge"].widget.isVisibleTo(form)
    assert not e["art31_category"].widget.isVisibleTo(form)
    grounds: QComboBox = e["eligibility_ground"].widget
    notification = grounds.findData("criminal_notification")
    assert grounds.model().item(notification).isEnabled()
    set_combo(form, "case_type", "civil")
    assert not grounds.model().item(notification).isEnabled()  # Art. 25 is for criminal cases only
    assert e["art31_category"].widget.isVisibleTo(form) and not e["criminal_role"].widget.isVisibleTo(form)
    set_combo(form, "eligibility_ground", "art32")
    assert e["art32_ground"].widget.isVisibleTo(form) and not e["art42_exemption"].widget.isVisibleTo(form)
    set_combo(form, "eligibility_ground", "hardship_checked")
    assert e["monthly_income"].widget.isVisibleTo(form) and e["household_size"].label.text().startswith("*")
    e["urgent"].widget.setChecked(True)
    assert e["urgency_reason"].widget.isVisibleTo(form)

    form.new_record()
    fill_civil_application(qtbot, form)
    assert e["art42_exemption"].widget.isVisibleTo(form)
    e["informed_judicial_assistance"].widget.setChecked(True)
    form.editors["materials"].widget.findChild(QCheckBox, "materials.id_copy").setChecked(True)
    saved = form.save()
    assert saved is not None and saved.number == f"TS01-{form.record.data['received_at'][:4]}-00001"
    assert form.header.text().endswith(saved.number)
    (data,) = fresh_rows(station, "SELECT data FROM applications")[0]
    stored = json.loads(data)
    assert stored["art42_exemption"] == "migrant_wages" and stored["materials"] == ["id_copy"]
    assert stored["informed_judicial_assistance"] is True


def test_criminal_case_needs_its_details(window, qtbot, station):
    window._new_in(window.applications)
    form = window.applications.form
    type_text(qtbot, form.editors["name"].widget, "钱七")
    set_combo(form, "case_type", "criminal")
    set_combo(form, "aid_kind", "criminal_defence")
    set_combo(form, "eligibility_ground", "criminal_notification")
    type_into(qtbot, form, "cause", "盗窃")
    type_into(qtbot, form, "facts", "公安机关通知辩护。")
    assert form.save() is None
    for name in ("criminal_role", "criminal_stage", "art25_ground", "notifying_organ"):
        assert form.editors[name].error.text(), name
    assert not form.editors["id_number"].error.text()  # a notified suspect may have no ID at hand
    set_combo(form, "criminal_role", "suspect")
    set_combo(form, "criminal_stage", "investigation")
    set_combo(form, "art25_ground", "minor")
    set_combo(form, "notifying_organ", "police")
    assert form.save() is not None


def test_consultation_turns_into_an_application_carrying_its_data(window, qtbot, station):
    window._new_in(window.consultations)
    c = window.consultations.form
    type_text(qtbot, c.editors["name"].widget, "孙八")
    type_into(qtbot, c, "id_number", ZHANG_ID)
    type_into(qtbot, c, "phone", "13912345678")
    set_combo(c, "matter_category", "wages")
    type_into(qtbot, c, "question", "包工头拖欠工资两万元")
    type_into(qtbot, c, "answer", "符合法律援助条件，建议申请")
    assert c.save() is not None
    qtbot.mouseClick(c.convert_button, Qt.MouseButton.LeftButton)

    assert window.pages.currentWidget() is window.applications
    a = window.applications.form
    assert a.editors["name"].value() == "孙八"
    assert a.editors["id_number"].value() == ZHANG_ID
    assert a.editors["phone"].value() == "13912345678"
    assert a.editors["facts"].value() == "包工头拖欠工资两万元"
    assert a.editors["art31_category"].value() == "labour"  # 劳动报酬 -> Art. 31's 请求支付劳动报酬
    set_combo(a, "case_type", "civil")
    set_combo(a, "aid_kind", "litigation")
    type_into(qtbot, a, "cause", "追索劳动报酬")
    set_combo(a, "art31_category", "labour")
    set_combo(a, "eligibility_ground", "commitment")
    saved = a.save()
    assert saved is not None, [e.error.text() for e in a.editors.values() if e.error.text()]
    (outcome, data), = fresh_rows(station, "SELECT outcome, data FROM consultations")
    assert outcome == "application" and json.loads(data)["application_id"] == saved.id
    assert fresh_rows(station, "SELECT count(*) FROM persons")[0][0] == 1  # the same person, not typed twice


def test_returning_person_is_found_and_reused(window, qtbot, station):
    window._new_in(window.consultations)
    c = window.consultations.form
    type_text(qtbot, c.editors["name"].widget, "周九")
    type_into(qtbot, c, "phone", "13700001111")
    set_combo(c, "matter_category", "marriage_family")
    type_into(qtbot, c, "question", "离婚财产怎么分")
    type_into(qtbot, c, "answer", "已解答")
    assert c.save() is not None
    c.new_record()
    type_text(qtbot, c.lookup.edit, "周")
    person = c.lookup.choose_first()
    assert person is not None and person.data["name"] == "周九"
    assert c.editors["phone"].value() == "13700001111"
    assert "周九" in c.lookup.linked.text()
    set_combo(c, "matter_category", "support")
    type_into(qtbot, c, "question", "赡养费")
    type_into(qtbot, c, "answer", "已解答")
    assert c.save() is not None
    rows = fresh_rows(station, "SELECT DISTINCT person_id FROM consultations")
    assert len(rows) == 1 and fresh_rows(station, "SELECT count(*) FROM persons")[0][0] == 1


def test_editing_keeps_history_and_void_needs_a_reason(window, qtbot, station, message_boxes):
    window._new_in(window.consultations)
    c = window.consultations.form
    type_text(qtbot, c.editors["name"].widget, "吴十")
    set_combo(c, "matter_category", "traffic")
    type_into(qtbot, c, "question", "交通事故赔偿")
    type_into(qtbot, c, "answer", "已解答")
    assert c.save() is not None
    type_into(qtbot, c, "answer", "已解答，建议先做伤残鉴定")
    assert c.save().version == 2
    history = window.consultations.editor.history
    assert history.count() == 2 and "2" in history.item(0).text()
    message_boxes.answers.append("")  # an empty reason is refused in the prompt, which stays open; then cancelled
    window.consultations.editor.void_record()
    assert not message_boxes.shown and not c.record.voided
    message_boxes.answers.append("重复登记")
    window.consultations.editor.void_record()
    assert c.record.voided and not c.save_button.isEnabled()
    assert fresh_rows(station, "SELECT voided, void_reason FROM consultations") == [(1, "重复登记")]


def test_unsaved_changes_are_guarded(window, qtbot, message_boxes, station):
    window._new_in(window.consultations)
    c = window.consultations.form
    type_text(qtbot, c.editors["name"].widget, "郑十一")
    message_boxes.answers.append(Button.Cancel)
    window.consultations.show_list()
    assert window.consultations.editing() and c.editors["name"].value() == "郑十一"
    message_boxes.answers.append(Button.Discard)
    window.consultations.show_list()
    assert not window.consultations.editing()
    assert fresh_rows(station, "SELECT count(*) FROM consultations")[0][0] == 0


def test_close_with_unsaved_changes_asks(window, qtbot, message_boxes):
    window._new_in(window.applications)
    type_text(qtbot, window.applications.form.editors["name"].widget, "冯十二")
    message_boxes.answers.append(Button.Cancel)
    assert not window.close()
    assert window.isVisible()
    message_boxes.answers.append(Button.Discard)
    assert window.close()


def test_draft_survives_a_crash_and_is_offered_back(app, workstation, qtbot, message_boxes):
    first = MainWindow(workstation)
    qtbot.addWidget(first)
    first._new_in(first.consultations)
    form = first.consultations.form
    type_text(qtbot, form.editors["name"].widget, "陈十三")
    type_into(qtbot, form, "question", "土地承包纠纷")
    form.save_draft()  # what the autosave timer does every few seconds
    # the app dies here: no save, no close. The next start offers the draft back.
    second = MainWindow(workstation)
    qtbot.addWidget(second)
    message_boxes.answers.append(Button.Yes)
    second.offer_drafts()
    restored = second.consultations.form
    assert second.consultations.editing()
    assert restored.editors["name"].value() == "陈十三"
    assert restored.editors["question"].value() == "土地承包纠纷"
    assert restored.is_dirty()


def test_a_consultation_and_an_application_interrupted_together_both_come_back(app, workstation, qtbot,
                                                                                      message_boxes):
    first = MainWindow(workstation)
    qtbot.addWidget(first)
    first._new_in(first.consultations)
    type_text(qtbot, first.consultations.form.editors["name"].widget, "咨询草稿人")
    first.consultations.form.save_draft()
    first._new_in(first.applications)
    type_text(qtbot, first.applications.form.editors["name"].widget, "申请草稿人")
    first.applications.form.save_draft()
    second = MainWindow(workstation)
    qtbot.addWidget(second)
    message_boxes.answers.extend([Button.Yes, Button.Yes])
    second.offer_drafts()
    assert len(message_boxes.shown) == 2  # both asked in one start
    assert second.consultations.form.editors["name"].value() == "咨询草稿人"
    assert second.applications.form.editors["name"].value() == "申请草稿人"


def test_settings_page_checks_input(app, tmp_path, qtbot, message_boxes):
    from desktop.services import open_services
    from desktop.ui.workstation import Workstation

    fresh_services = open_services(provided(tmp_path / "new"))
    fresh = fresh_services.station
    fresh_workstation = Workstation(fresh_services)
    win = MainWindow(fresh_workstation)
    qtbot.addWidget(win)
    assert win.pages.currentWidget() is win.settings_page  # first run starts at the settings
    page = win.settings_page
    page.details.station_code.setText("bad code!")
    assert not page.save()
    assert page.errors.text()
    # each problem also at its field: red frame and its reason in the tooltip; the first one has the focus
    assert "c0392b" in page.details.station_code.styleSheet() and "大写字母或数字" in page.details.station_code.toolTip()
    assert "c0392b" in page.details.township.styleSheet() and page.details.township.toolTip()
    assert "c0392b" in page.details.clerks.styleSheet()
    assert page.focusWidget() is page.details.station_code or not win.isActiveWindow()
    page.details.station_code.setText("qs02")
    page.details.station_name.setText("青山镇法律援助工作站")
    page.details.township.setText("青山镇")
    page.details.clerks.setPlainText("刘一\n陈二")
    assert page.save(), page.errors.text()
    assert fresh.settings.station_code == "QS02" and fresh.settings.clerks == ("刘一", "陈二")
    assert page.details.station_code.styleSheet() == "" and page.details.station_code.toolTip() == ""  # cleared once right
    fresh.update_settings(replace(fresh.settings, backup_keep=3))  # set elsewhere (the backup dialog)
    page.details.township.setText("青山镇二")
    assert page.save() and fresh.settings.backup_keep == 3  # the page keeps what it does not show
    assert "QS02" in win.station_label.text()
    fresh_workstation.close()


def test_every_input_widget_is_named_after_its_field(window):
    for form in (window.consultations.form, window.applications.form):
        for name, editor in form.editors.items():
            assert editor.widget.objectName() == name
            assert editor.widget.accessibleName()
    for name in ("save", "search", "new"):
        assert window.consultations.findChild(object, name) is not None, name


def test_multiline_tab_moves_focus(window, qtbot):
    window._new_in(window.consultations)
    question: QPlainTextEdit = window.consultations.form.editors["question"].widget
    assert question.tabChangesFocus()


def test_new_form_is_editable_after_looking_at_a_voided_record(window, qtbot, message_boxes):
    window._new_in(window.consultations)
    c = window.consultations.form
    type_text(qtbot, c.editors["name"].widget, "作废测试")
    set_combo(c, "matter_category", "traffic")
    type_into(qtbot, c, "question", "问题")
    type_into(qtbot, c, "answer", "解答")
    assert c.save() is not None
    message_boxes.answers.append("重复")
    window.consultations.editor.void_record()
    assert not c.save_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert c.save_button.isEnabled() and c.editors["matter_category"].widget.isEnabled()


def test_enter_on_the_draft_question_restores_and_no_answer_discards_it(app, workstation, services, qtbot,
                                                                          message_boxes):
    first = MainWindow(workstation)
    qtbot.addWidget(first)
    first._new_in(first.consultations)
    type_text(qtbot, first.consultations.form.editors["name"].widget, "草稿人")
    first.consultations.form.save_draft()
    second = MainWindow(workstation)
    qtbot.addWidget(second)
    message_boxes.answers.append(Button.Cancel)  # "later": the draft stays
    second.offer_drafts()
    assert len(services.station.store.drafts()) == 1
    second.offer_drafts()  # no answer = the default button (Enter): restore
    assert second.consultations.form.editors["name"].value() == "草稿人"


def test_a_known_id_under_another_name_is_not_silently_merged(window, qtbot, station):
    window._new_in(window.consultations)
    c = window.consultations.form
    type_text(qtbot, c.editors["name"].widget, "王小红")
    type_into(qtbot, c, "id_number", ZHANG_ID)
    set_combo(c, "matter_category", "wages")
    type_into(qtbot, c, "question", "工资")
    type_into(qtbot, c, "answer", "已解答")
    assert c.save() is not None
    c.new_record()
    type_text(qtbot, c.editors["name"].widget, "李四")
    type_into(qtbot, c, "id_number", ZHANG_ID)
    set_combo(c, "matter_category", "wages")
    type_into(qtbot, c, "question", "工资")
    type_into(qtbot, c, "answer", "已解答")
    assert c.save() is None
    assert "王小红" in c.editors["id_number"].error.text()
    assert fresh_rows(station, "SELECT name FROM persons") == [("王小红",)]


def test_typed_list_value_settles_on_the_matching_item(window, qtbot):
    window._new_in(window.consultations)
    c = window.consultations.form
    combo = c.editors["ethnicity"].widget
    combo.setFocus()
    combo.lineEdit().setText("汉")
    combo.lineEdit().editingFinished.emit()
    assert c.editors["ethnicity"].value() == "01"


def test_autofill_follows_a_corrected_resident_id(window, qtbot):
    window._new_in(window.consultations)
    c = window.consultations.form
    type_into(qtbot, c, "id_number", resident_id("11010519800101123"))
    c.editors["id_number"].widget.editingFinished.emit()
    assert c.editors["birth_date"].value() == "1980-01-01"
    type_into(qtbot, c, "id_number", resident_id("11010519900202122"))
    c.editors["id_number"].widget.editingFinished.emit()
    assert c.editors["birth_date"].value() == "1990-02-02" and c.editors["gender"].value() == "female"


def test_seal_picture_and_form_font_are_set_in_settings_and_reach_the_forms(window, services, tmp_path):
    from PIL import Image

    from forms.context import context_for

    seal = tmp_path / "印章.png"
    Image.new("RGBA", (200, 200), (200, 0, 0, 255)).save(seal)
    page = window.settings_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    assert not page.details.seal_preview.pixmap().isNull()  # the generated default is shown
    page.details.seal_image.setText(str(tmp_path / "missing.png"))
    assert not page.save() and page.errors.text()
    page.details.seal_image.setText(str(seal))
    assert page.save(), page.errors.text()
    assert context_for(services).seal_image == seal


def test_a_new_autosave_interval_applies_to_forms_already_open(window, station):
    from dataclasses import replace as changed

    window._new_in(window.applications)
    form = window.applications.form
    assert form._autosave.interval() == station.settings.autosave_seconds * 1000
    page = window.settings_page
    page.details.autosave_seconds.setValue(30)
    assert page.save(), page.errors.text()
    assert form._autosave.interval() == 30_000
    station.update_settings(changed(station.settings, autosave_seconds=5))
