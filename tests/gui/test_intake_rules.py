"""The clerk's day at the intake forms (issue #10, items 4, 6, 7 and 8), through the real widgets.

- A field's problem shows when the clerk leaves it and goes as soon as it is fixed; fields the clerk has not
  reached stay quiet.
- Birth date, gender, the 未成年人/老年人 categories and the legal representative's * follow the ID number,
  both ways.
- The eligibility ground agrees with the facts; the household's income per person is measured against the
  county's standard as it is typed, and an application over it needs the reason.
- A voided record says so above the form, with its reason and date, and its fields look read-only.
- A consultation turned into an application shows the application it became and offers no second conversion.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from desktop.records.db import write_transaction
from sync.reference import store_reference

from .clerk import resident_id, set_combo, type_into, type_text

pytestmark = pytest.mark.gui

ADULT_ID = resident_id("11010519800101123")  # male, born 1980-01-01
MINOR_ID = resident_id("44030520150315002")  # female, born 2015-03-15
ELDER_ID = resident_id("11010519500101123")  # male, born 1950-01-01


def leave(qtbot, form, name: str) -> None:
    widget = form.editors[name].widget
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def new(window, workspace):
    window._new_in(workspace)
    return workspace.form


# -- item 8: problems as the clerk goes, derived fields both ways ------------------------------------------

def test_a_problem_shows_when_the_field_is_left_and_goes_when_fixed(window, qtbot):
    form = new(window, window.consultations)
    type_into(qtbot, form, "phone", "12345")
    assert not form.editors["phone"].error.isVisibleTo(form)  # not while typing
    qtbot.keyClick(form.editors["phone"].widget, Qt.Key.Key_Tab)
    error = form.editors["phone"].error
    assert error.isVisibleTo(form) and error.text()
    assert not form.editors["question"].error.isVisibleTo(form)  # not reached yet: no complaint
    type_into(qtbot, form, "phone", "13800138000")
    assert not error.isVisibleTo(form)  # fixed: gone at once, before leaving
    leave(qtbot, form, "question")
    assert form.editors["question"].error.isVisibleTo(form)  # required, and left empty


def test_derived_fields_follow_the_id_number_both_ways(window, qtbot):
    form = new(window, window.applications)
    e = form.editors
    type_into(qtbot, form, "id_number", MINOR_ID)
    assert (e["gender"].value(), e["birth_date"].value()) == ("female", "2015-03-15")
    assert e["categories"].value() == ["minor"]
    assert e["legal_rep_name"].label.text().startswith("*")
    type_into(qtbot, form, "id_number", ELDER_ID)  # corrected: an elderly man
    assert (e["gender"].value(), e["birth_date"].value()) == ("male", "1950-01-01")
    assert e["categories"].value() == ["elderly"]
    assert not e["legal_rep_name"].label.text().startswith("*")
    e["categories"].widget.findChild(QCheckBox, "categories.disabled").setChecked(True)
    type_into(qtbot, form, "id_number", ADULT_ID)
    assert e["categories"].value() == ["disabled"]  # the age's category goes; the clerk's stays
    set_combo(form, "gender", "female")  # typed over by the clerk: the number no longer changes it
    e["id_number"].widget.clear()
    assert e["birth_date"].value() is None and e["gender"].value() == "female"


# -- item 4: grounds that agree with the facts; hardship measured --------------------------------------------

def set_standard(station, minimum: str = "800", multiple: str = "1.5") -> None:
    payload = {"version": 3, "lawyers": [], "townships": [],
               "hardship_standards": [{"township": "测试镇", "minimum_living": minimum, "multiple": multiple}]}
    with write_transaction(station.db) as conn:
        store_reference(conn, payload)


def civil_case(qtbot, form, id_number=ADULT_ID) -> None:
    type_text(qtbot, form.editors["name"].widget, "赵六")
    type_into(qtbot, form, "id_number", id_number)
    set_combo(form, "case_type", "civil")
    set_combo(form, "aid_kind", "litigation")
    type_into(qtbot, form, "cause", "离婚纠纷")
    type_into(qtbot, form, "facts", "夫妻感情破裂，要求离婚。")
    set_combo(form, "art31_category", "other")


def test_art42_for_a_non_migrants_divorce_is_refused_beside_the_exemption(window, qtbot, station):
    form = new(window, window.applications)
    civil_case(qtbot, form)
    set_combo(form, "eligibility_ground", "art42")
    set_combo(form, "art42_exemption", "migrant_wages")
    assert form.save() is None
    assert form.editors["art42_exemption"].error.isVisibleTo(form)
    set_combo(form, "art42_exemption", "no_income_group")  # a healthy 46-year-old with no category
    assert form.save() is None and form.editors["art42_exemption"].error.text()
    set_combo(form, "eligibility_ground", "commitment")
    assert form.save() is not None


def test_intake_measures_the_household_against_the_countys_standard(window, qtbot, station):
    set_standard(station)
    form = new(window, window.applications)
    e = form.editors
    civil_case(qtbot, form)
    set_combo(form, "eligibility_ground", "hardship_checked")
    assert e["hardship_standard"].widget.isVisibleTo(form) and e["hardship_standard"].value() == "1200.00"
    type_into(qtbot, form, "household_size", "3")
    type_into(qtbot, form, "monthly_income", "1500")
    note = e["monthly_income"].error
    assert note.isVisibleTo(form) and "500.00" in note.text() and "1,200.00" in note.text()
    assert not e["over_standard_reason"].widget.isVisibleTo(form)
    type_into(qtbot, form, "monthly_income", "6000")
    assert "2,000.00" in note.text()
    assert e["over_standard_reason"].widget.isVisibleTo(form)
    assert e["over_standard_reason"].label.text().startswith("*")
    assert form.save() is None and e["over_standard_reason"].error.text()
    type_into(qtbot, form, "over_standard_reason", "因病致贫，医疗支出大")
    saved = form.save()
    assert saved is not None
    stored = station.store.get("application", saved.id).data
    assert (stored["hardship_standard"], stored["over_standard_reason"]) == ("1200.00", "因病致贫，医疗支出大")


def test_without_a_standard_the_income_per_person_is_shown_and_nothing_asked(window, qtbot, station):
    form = new(window, window.applications)
    civil_case(qtbot, form)
    set_combo(form, "eligibility_ground", "hardship_checked")
    type_into(qtbot, form, "household_size", "2")
    type_into(qtbot, form, "monthly_income", "9000")
    assert "4,500.00" in form.editors["monthly_income"].error.text()
    assert not form.editors["over_standard_reason"].widget.isVisibleTo(form)
    assert form.save() is not None


def consultation(qtbot, window, categories: list[str], matter: str) -> object:
    form = new(window, window.consultations)
    type_text(qtbot, form.editors["name"].widget, "孙七")
    type_into(qtbot, form, "id_number", ADULT_ID)
    for code in categories:
        form.editors["categories"].widget.findChild(QCheckBox, f"categories.{code}").setChecked(True)
    set_combo(form, "matter_category", matter)
    type_into(qtbot, form, "question", "包工头拖欠工资半年。")
    type_into(qtbot, form, "answer", "可以申请法律援助。")
    assert form.save() is not None
    return form


def test_a_migrant_worker_claiming_wages_is_turned_into_an_art42_application(window, qtbot, station):
    consultation(qtbot, window, ["migrant_worker"], "wages").convert_button.click()
    application = window.applications.form
    assert application.editors["eligibility_ground"].value() == "art42"
    assert application.editors["art42_exemption"].value() == "migrant_wages"
    assert not application.editors["monthly_income"].widget.isVisibleTo(application)  # no income questions


def test_a_non_migrant_is_asked_for_the_households_finances(window, qtbot, station):
    consultation(qtbot, window, [], "wages").convert_button.click()
    assert window.applications.form.editors["eligibility_ground"].value() is None


# -- item 7: the consultation shows the application it became --------------------------------------------------

def convert_and_save(qtbot, window, form):
    """The clerk turns the consultation into an application, completes the case and saves it."""
    form.convert_button.click()
    application = window.applications.form
    type_into(qtbot, application, "cause", "追索劳动报酬纠纷")
    set_combo(application, "case_type", "labour_arbitration")
    set_combo(application, "aid_kind", "arbitration")
    type_into(qtbot, application, "facts", "包工头拖欠工资半年。")
    saved = application.save()
    assert saved is not None
    return saved


def test_a_converted_consultation_links_to_its_application_and_is_not_converted_again(window, qtbot, station):
    form = consultation(qtbot, window, ["migrant_worker"], "wages")
    consultation_id = form.record.id
    saved = convert_and_save(qtbot, window, form)
    window.open_record("consultation", consultation_id)
    form = window.consultations.form
    assert not form.convert_button.isEnabled()
    link = form.application_link
    assert link.isVisibleTo(form) and saved.number in link.text()
    link.linkActivated.emit(link.text())
    assert window.applications.editing() and window.applications.form.record.id == saved.id


def test_the_open_consultation_follows_its_conversion_without_being_opened_again(window, qtbot, station):
    form = consultation(qtbot, window, ["migrant_worker"], "wages")
    convert_and_save(qtbot, window, form)
    window.navigation.setCurrentRow(window.pages.indexOf(window.consultations))  # back, as the clerk goes
    assert not form.convert_button.isEnabled() and form.application_link.isVisibleTo(form)


# -- item 6: a voided record looks voided ---------------------------------------------------------------

def background(widget):
    """The colour inside a text box, right of its text (not its border, which the focus colours)."""
    image = widget.grab().toImage()
    return image.pixelColor(image.width() - 8, image.height() // 2)


def test_a_voided_record_shows_a_banner_and_read_only_fields(window, qtbot, station, message_boxes):
    form = consultation(qtbot, window, [], "other")
    live = background(form.editors["name"].widget)
    message_boxes.answers.append("登记重复")
    window.consultations.editor.void_record()
    banner = form.void_banner
    assert banner.isVisibleTo(form)
    assert "登记重复" in banner.text() and form.record.updated_at[:10] in banner.text()
    name = form.editors["name"].widget
    assert name.isReadOnly() and background(name) != live
    form.new_record()
    assert not banner.isVisibleTo(form)
    assert background(form.editors["name"].widget) == live
