"""设置 holds what the printed forms say about the station (issue #10, item 10): the receipt's 联系电话 was
blank because the station's phone and address were nowhere to enter; the county center's phone, printed on
its notices, likewise."""

from __future__ import annotations

import pytest

from forms.context import context_for
from forms.render import render_form
from tests.form_tests.conftest import civil_minimal, pdftotext

pytestmark = pytest.mark.gui


def test_the_phone_and_address_entered_in_settings_print_on_the_receipt(window, qtbot, services, tmp_path):
    page = window.settings_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    page.details.station_phone.setText("0376-6123456")
    page.details.station_address.setText("青山县测试镇政府大院东侧")
    page.details.center_phone.setText("0376-6000000")
    assert page.save()
    settings = services.station.settings
    assert (settings.station_phone, settings.station_address, settings.center_phone) == (
        "0376-6123456", "青山县测试镇政府大院东侧", "0376-6000000")
    record = services.station.store.get("application", services.station.store.save(
        "application", civil_minimal(), user="李芳").id)
    text = pdftotext(render_form("receipt", record, context_for(services)), tmp_path)
    assert "0376-6123456" in text and "青山县测试镇政府大院东侧" in text
    notice = pdftotext(render_form("supplement_notice", None, context_for(services)), tmp_path)
    assert "0376-6000000" in notice


def test_a_phone_that_is_not_one_is_refused_at_its_field(window, services):
    page = window.settings_page
    page.details.station_phone.setText("12345")
    assert not page.save()
    assert page.details.station_phone.toolTip() and services.station.settings.station_phone == ""
