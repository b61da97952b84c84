"""What the exchange's command lines say when they cannot go on is Chinese, with the English source after it in
brackets (desktop/cli_text.py): never the system's "No such file or directory" inside the Chinese."""

from __future__ import annotations

from helpers.language import english_words
from sync.server.__main__ import main as server_cli
from unit.test_backup import cli


def chinese_part(stderr: str) -> str:
    """The first line's Chinese, before its English source in brackets."""
    assert "Traceback" not in stderr, stderr
    return stderr.strip().splitlines()[0].split(" (")[0]


def test_a_request_written_to_a_folder_that_does_not_exist_is_refused_in_chinese(services, tmp_path):
    services.close()
    out = tmp_path / "无此文件夹" / "req.json"
    result = cli("enroll", "--code", "ABCD-EFGH", "--request", str(out), "--data-dir", str(services.station.data_dir))
    assert result.returncode == 1
    said = chinese_part(result.stderr)
    assert "找不到" in said and not english_words(said, {str(out)}), result.stderr
    assert "(Cannot write" in result.stderr  # the English source after it


def test_a_bundle_exported_to_and_a_reply_written_to_a_missing_folder_are_refused_in_chinese(enrolled, county,
                                                                                           tmp_path, capsys):
    from desktop.__main__ import main as desktop_main

    data_dir = str(enrolled.station.data_dir)
    enrolled.close()
    (tmp_path / "一个文件").write_text("", encoding="utf-8")
    nowhere = tmp_path / "一个文件" / "TS01.bundle"  # its "folder" is a file
    assert desktop_main(["export-bundle", str(nowhere), "--data-dir", data_dir]) == 1
    said = chinese_part(capsys.readouterr().err)
    assert "无法写入" in said and not english_words(said, {str(nowhere)}), said
    bundle = tmp_path / "TS01.bundle"
    assert desktop_main(["export-bundle", str(bundle), "--data-dir", data_dir]) == 0
    capsys.readouterr()
    reply = tmp_path / "一个文件" / "TS01.reply"
    assert server_cli(["import-bundle", str(bundle), "--reply", str(reply), "--data-dir", str(county.data_dir)]) == 1
    said = chinese_part(capsys.readouterr().err)
    assert "无法写入" in said and not english_words(said, {str(reply)}), said


def test_a_garbage_enrollment_request_at_the_county_is_refused_in_chinese(county, tmp_path, capsys):
    request = tmp_path / "TS01.enroll"
    request.write_text("not json", encoding="utf-8")
    assert server_cli(["station", "enroll-file", str(request), "--reply", str(tmp_path / "TS01.answer"),
                       "--data-dir", str(county.data_dir)]) == 1
    said = chinese_part(capsys.readouterr().err)
    assert "已损坏" in said or "格式" in said, said
    assert not english_words(said, {str(request)}), said  # not json's "Expecting value: line 1 column 1"
