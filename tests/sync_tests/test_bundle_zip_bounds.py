"""A file offered as a bundle is bounded before zipfile reads its directory (sync/bundle_file.py `_directory_of`): a
zip of more members than any bundle has, or whose directory is larger than theirs, is refused as no bundle at once,
in a bounded amount of memory, whatever its end record claims (it once cost 1.9 s and ~100 MB for a 25 MB file)."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from sync.bundle import BundleError
from sync.bundle_file import NOT_A_BUNDLE, BundleFile
from sync.limits import MAX_BUNDLE_DIRECTORY_BYTES, MAX_BUNDLE_MEMBERS

from .test_bundles import import_at_station, station_counts

END = b"PK\x05\x06"
MEMORY = 1024 * 1024  # what refusing such a file may cost: the zip's last 64 KB are read, not its directory


def many_members(path: Path, count: int, name_chars: int = 6) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("manifest.json", "{}")
        z.writestr("signature", b"AAAA")
        for i in range(count - 2):
            z.writestr(f"f{i}".ljust(name_chars, "_"), b"")
    return path


def claiming(path: Path, members: int, directory: int | None = None) -> Path:
    """The same zip, its end record saying it has `members` members (in a directory of `directory` bytes). zipfile
    reads the directory by the zip64 record when there is one, else by this record's size, never by its count."""
    data = bytearray(path.read_bytes())
    at = data.rfind(END)
    data[at + 8:at + 12] = struct.pack("<HH", members, members)
    if directory is not None:
        data[at + 12:at + 16] = struct.pack("<I", directory)
    path.write_bytes(bytes(data))
    return path


def refused_in_bounded_memory(path: Path) -> BundleError:
    tracemalloc.start()
    try:
        with pytest.raises(BundleError) as refused:
            BundleFile(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY, f"refusing {path.name} took {peak / 2 ** 20:.1f} MB"
    assert refused.value.code == "not_a_bundle" and refused.value.message == NOT_A_BUNDLE, refused.value
    return refused.value


def test_a_zip_of_more_members_than_any_bundle_is_refused_before_its_directory_is_read(enrolled, tmp_path):
    path = many_members(tmp_path / "TS01.reply", MAX_BUNDLE_MEMBERS + 1)
    refused = refused_in_bounded_memory(path)
    assert "不是同步数据包" in refused.message_zh and str(MAX_BUNDLE_MEMBERS + 1) in str(refused)
    before = station_counts(enrolled)
    with pytest.raises(BundleError) as at_the_station:  # brought to the station as the county's reply
        import_at_station(enrolled, path)
    assert at_the_station.value.code == "not_a_bundle" and station_counts(enrolled) == before


def test_a_directory_larger_than_any_bundles_is_refused_whatever_the_count_says(tmp_path):
    count = MAX_BUNDLE_DIRECTORY_BYTES // (46 + 200) + 100  # fewer members than allowed, with long names
    assert count < MAX_BUNDLE_MEMBERS
    path = many_members(tmp_path / "long names.reply", count, name_chars=200)
    refused_in_bounded_memory(path)
    claiming(path, 2)
    with zipfile.ZipFile(path) as z:
        assert len(z.namelist()) == count  # the count is not what zipfile goes by
    refused_in_bounded_memory(path)


def test_the_zip64_end_record_is_the_one_that_counts(tmp_path, monkeypatch):
    # zipfile writes a zip64 end record past 65,535 members (or 4 GB); it is made here for fewer
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 10)
    path = claiming(many_members(tmp_path / "zip64.reply", MAX_BUNDLE_MEMBERS + 1), 2, directory=100)
    monkeypatch.undo()
    with zipfile.ZipFile(path) as z:
        assert len(z.namelist()) == MAX_BUNDLE_MEMBERS + 1  # zipfile reads what the zip64 record says
    refused_in_bounded_memory(path)
