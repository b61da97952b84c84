"""`python -m forms`: list, render (filled and blank), case-file, verify."""

from __future__ import annotations

from forms.__main__ import main

from .conftest import civil_maximal


def test_list_names_every_form(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "receipt" in out and "法律援助申请材料接收凭证" in out and "卷内目录" in out


def test_render_blank_and_filled_and_case_file_and_verify(services, save, tmp_path, capsys):
    record = save("application", civil_maximal())
    data_dir = str(services.station.data_dir)
    blank = tmp_path / "blank.pdf"
    assert main(["render", "application_civil", "--blank", "-o", str(blank)]) == 0
    assert blank.read_bytes().startswith(b"%PDF-")
    filled = tmp_path / "receipt.pdf"
    from tests.helpers.trust import enroll_offline

    county = enroll_offline(services, tmp_path / "county")
    root_file = tmp_path / "county" / "county_root.pem"
    services.close()  # the CLI opens the station itself
    assert main(["render", "receipt", "--record", record.number, "--data-dir", data_dir, "-o", str(filled)]) == 0
    capsys.readouterr()
    assert main(["verify", str(filled), "--data-dir", data_dir]) == 0
    assert main(["verify", str(filled), "--root", str(root_file)]) == 0
    out = capsys.readouterr()
    assert out.out.count("有效：由工作站 TS01（测试镇法律援助工作站）于") == 2 and out.err == "", out
    assert main(["verify", str(filled)]) == 1  # nothing to check it against
    assert county.county_key.root() is not None
    case = tmp_path / "case.pdf"
    assert main(["case-file", record.number, "--data-dir", data_dir, "-o", str(case), "--no-sign"]) == 0
    assert case.stat().st_size > 10_000
    assert main(["verify", str(case)]) == 1  # not signed
    assert main(["render", "receipt", "--record", "nope", "--data-dir", data_dir, "-o", str(tmp_path / "x.pdf")]) == 1
    assert "找不到" in capsys.readouterr().err
    assert main(["render", "no_such_form", "--blank", "-o", str(tmp_path / "y.pdf")]) == 1
