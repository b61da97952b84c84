"""`python -m desktop setup`: an installer's script sets the station up with the settings page's rules."""

from __future__ import annotations

from desktop.__main__ import main
from desktop.services import open_services
from helpers.records import application
from helpers.accounts import provided


def settings_of(data_dir):
    services = open_services(provided(data_dir))
    try:
        return services.station.settings
    finally:
        services.close()


def test_setup_saves_the_details_and_refuses_bad_ones_in_chinese(tmp_path, capsys):
    data = str(provided(tmp_path / "d"))  # the installer created the station and its head first
    assert main(["setup", "--code", "cg01", "--name", "城关镇法律援助工作站", "--township", "城关镇",
                 "--clerk", "李芳", "--clerk", "王明", "--data-dir", data]) == 0
    s = settings_of(tmp_path / "d")
    assert (s.station_code, s.station_name, s.clerks, s.current_clerk, s.configured) == \
        ("CG01", "城关镇法律援助工作站", ("李芳", "王明"), "李芳", True)
    assert main(["setup", "--code", "CG01", "--name", "城关镇", "--township", "", "--data-dir", data]) == 1
    err = capsys.readouterr().err
    assert "--township: " in err and "乡镇" in err and "--clerk: " in err
    assert settings_of(tmp_path / "d").township == "城关镇"  # nothing saved by a refused run


def test_setup_sets_the_contact_details_printed_on_receipts_and_notices(tmp_path, capsys):
    data = str(provided(tmp_path / "d"))  # the installer created the station and its head first
    station = ["setup", "--code", "CG01", "--name", "城关镇法律援助工作站", "--township", "城关镇", "--clerk", "李芳",
               "--data-dir", data]
    assert main([*station, "--phone", "0376-8123456", "--address", "临河县城关镇人民路18号",
                 "--center-phone", "0376-8120148"]) == 0
    s = settings_of(tmp_path / "d")
    assert (s.station_phone, s.station_address, s.center_phone) == ("0376-8123456", "临河县城关镇人民路18号",
                                                                    "0376-8120148")
    assert "0376-8123456" in capsys.readouterr().out
    assert main(station) == 0  # not given: kept
    assert settings_of(tmp_path / "d").station_address == "临河县城关镇人民路18号"
    assert main([*station, "--phone", "12345"]) == 1
    err = capsys.readouterr().err
    assert "--phone: " in err and "电话" in err
    assert settings_of(tmp_path / "d").station_phone == "0376-8123456"  # nothing saved by a refused run
    assert main([*station, "--address", ""]) == 0  # empty: cleared
    assert settings_of(tmp_path / "d").station_address == ""


def test_the_code_is_fixed_once_an_application_is_numbered(tmp_path, capsys):
    data = str(provided(tmp_path / "d"))
    assert main(["setup", "--code", "CG01", "--name", "城关镇站", "--township", "城关镇", "--clerk", "李芳",
                 "--data-dir", data]) == 0
    services = open_services(provided(tmp_path / "d"))
    services.station.store.save("application", application(), user="李芳")
    services.close()
    assert main(["setup", "--code", "CG02", "--name", "城关镇站", "--township", "城关镇", "--clerk", "李芳",
                 "--data-dir", data]) == 2
    assert "不能改为 CG02" in capsys.readouterr().err
    assert main(["setup", "--code", "CG01", "--name", "城关镇新站名", "--township", "城关镇", "--clerk", "李芳",
                 "--data-dir", data]) == 0  # the rest can change


def test_the_core_keeps_a_code_in_use_for_every_caller(tmp_path):
    """The lock is the core's (Station.update_settings), not a screen's: numbered or certified, the code stays."""
    import dataclasses

    import pytest

    from desktop.records.db import write_transaction
    from desktop.records.settings import StationCodeFixed, station_code_lock
    from tests.conftest import TEST_SETTINGS

    for lock in ("numbered", "enrolled"):
        services = open_services(provided(tmp_path / lock))
        try:
            station = services.station
            station.update_settings(TEST_SETTINGS)
            station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code="CG09"))  # free to change yet
            station.update_settings(TEST_SETTINGS)
            assert station_code_lock(station.db) is None
            if lock == "numbered":
                station.store.save("application", application(), user="李芳")
            else:  # what an enrollment leaves (sync.state keeps the county's certificate under this key)
                with write_transaction(station.db) as conn:
                    conn.execute("INSERT INTO sync_state (key, value) VALUES ('station_certificate', '{}')")
            assert station_code_lock(station.db) == lock
            with pytest.raises(StationCodeFixed) as refused:
                station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code="CG09", township="别镇"))
            assert refused.value.issues[0].params == {"current": TEST_SETTINGS.station_code, "code": "CG09"}
            assert services.station.settings.township == TEST_SETTINGS.township  # nothing saved
            station.update_settings(dataclasses.replace(TEST_SETTINGS, township="别镇"))  # the rest can change
        finally:
            services.close()
        again = open_services(provided(tmp_path / lock))
        try:
            assert (again.station.settings.station_code, again.station.settings.township) == \
                (TEST_SETTINGS.station_code, "别镇")
        finally:
            again.close()
