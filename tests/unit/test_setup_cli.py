"""`python -m desktop setup`: an installer's script sets the station up with the settings page's rules."""

from __future__ import annotations

from desktop.__main__ import main
from desktop.services import open_services
from tests.unit.test_store import application


def settings_of(data_dir):
    services = open_services(data_dir)
    try:
        return services.station.settings
    finally:
        services.close()


def test_setup_saves_the_details_and_refuses_bad_ones_in_chinese(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["setup", "--code", "cg01", "--name", "城关镇法律援助工作站", "--township", "城关镇",
                 "--clerk", "李芳", "--clerk", "王明", "--data-dir", data]) == 0
    s = settings_of(tmp_path / "d")
    assert (s.station_code, s.station_name, s.clerks, s.current_clerk, s.configured) == \
        ("CG01", "城关镇法律援助工作站", ("李芳", "王明"), "李芳", True)
    assert main(["setup", "--code", "CG01", "--name", "城关镇", "--township", "", "--data-dir", data]) == 1
    err = capsys.readouterr().err
    assert "township" in err and "乡镇" in err and "clerks" in err
    assert settings_of(tmp_path / "d").township == "城关镇"  # nothing saved by a refused run


def test_the_code_is_fixed_once_an_application_is_numbered(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["setup", "--code", "CG01", "--name", "城关镇站", "--township", "城关镇", "--clerk", "李芳",
                 "--data-dir", data]) == 0
    services = open_services(tmp_path / "d")
    services.station.store.save("application", application(), user="李芳")
    services.close()
    assert main(["setup", "--code", "CG02", "--name", "城关镇站", "--township", "城关镇", "--clerk", "李芳",
                 "--data-dir", data]) == 2
    assert "不能改为 CG02" in capsys.readouterr().err
    assert main(["setup", "--code", "CG01", "--name", "城关镇新站名", "--township", "城关镇", "--clerk", "李芳",
                 "--data-dir", data]) == 0  # the rest can change
