"""The county's files at rest (issue 16): materials, unfinished uploads and issued documents are sealed with the
county's data key; an upload resumes at the right offset after a crash, from what its sealed segments prove; an
older county's clear files are sealed in place at the first start, crash-safe, and read back the same."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from sync.sealed import SealedError
from sync.server.county import CountyStore
from sync.server.file_seal import MAGIC, PART_MAGIC, SEALING, VERIFIED
from sync.server.files import COMPLETE, PARTIAL, RESTART, FileStore
from sync_tests.test_attachment_upload import CHUNK, attach, county_file, county_hash, engine


def pushed(enrolled, tmp_path, size: int, seed: int):
    """An attachment whose signed manifest the county accepted; its bytes not sent yet."""
    att = attach(enrolled, tmp_path, size, seed)
    assert engine(enrolled).sync_round(cancelled=lambda: True).pending == 0
    return att, enrolled.vault.read_bytes(att.sha256)


def restarted(county) -> FileStore:
    """The county's file store as a new server process finds it (nothing remembered in memory)."""
    return FileStore(county.data_dir, county.store.conn, county.store.seal)


def part_of(county, sha256: str):
    return county.data_dir / "uploads" / "TS01" / f"{sha256}.part"


def test_an_upload_is_sealed_at_every_step_and_resumes_after_a_torn_chunk(enrolled, county, tmp_path):
    att, data = pushed(enrolled, tmp_path, 3 * CHUNK + 123, 41)
    files = county.store.files
    assert files.receive_chunk("TS01", att.sha256, 0, data[:CHUNK]).received == CHUNK
    assert files.receive_chunk("TS01", att.sha256, CHUNK, data[CHUNK:CHUNK + 1000]).received == CHUNK + 1000
    part = part_of(county, att.sha256)
    sealed = part.read_bytes()
    assert sealed.startswith(PART_MAGIC) and data[100:132] not in sealed and data[CHUNK + 10:CHUNK + 42] not in sealed
    if os.name == "posix":
        assert stat.S_IMODE(part.stat().st_mode) == 0o600
    # a crash mid-chunk: the next segment's header and half of its bytes reached the disk, no answer went out
    with open(part, "ab") as f:
        f.write(sealed[len(PART_MAGIC):len(PART_MAGIC) + 20] + os.urandom(5000))
    after_crash = restarted(county)
    state = after_crash.state("TS01", att.sha256)
    assert (state.status, state.received) == (PARTIAL, CHUNK + 1000)  # where the authenticated bytes end
    assert after_crash.receive_chunk("TS01", att.sha256, CHUNK + 1000, data[CHUNK + 1000:2 * CHUNK]).received \
        == 2 * CHUNK
    assert after_crash.receive_chunk("TS01", att.sha256, 2 * CHUNK, data[2 * CHUNK:]).status == COMPLETE
    assert county_hash(county, att.sha256) == att.sha256 and not part.exists()
    stored = county_file(county, att.sha256).read_bytes()
    assert stored.startswith(MAGIC) and data[100:132] not in stored
    if os.name == "posix":  # readable by the server's account only
        assert stat.S_IMODE(county_file(county, att.sha256).stat().st_mode) == 0o600


def test_a_last_segment_that_does_not_open_is_cut_off_and_sent_again(enrolled, county, tmp_path):
    att, data = pushed(enrolled, tmp_path, 2 * CHUNK, 42)
    files = county.store.files
    files.receive_chunk("TS01", att.sha256, 0, data[:1000])
    files.receive_chunk("TS01", att.sha256, 1000, data[1000:CHUNK])
    part = part_of(county, att.sha256)
    damaged = bytearray(part.read_bytes())
    damaged[-1] ^= 1  # the last segment's tag: it no longer opens (a sector lost, or a hand at the disk)
    part.write_bytes(bytes(damaged))
    state = restarted(county).state("TS01", att.sha256)
    assert (state.status, state.received) == (PARTIAL, 1000)
    assert engine(enrolled).sync_round().complete  # the station resends from 1000
    assert county_hash(county, att.sha256) == att.sha256


def test_a_segment_altered_in_the_middle_makes_the_upload_start_again_never_a_wrong_file(enrolled, county, tmp_path):
    att, data = pushed(enrolled, tmp_path, 2 * CHUNK, 43)
    files = county.store.files
    files.receive_chunk("TS01", att.sha256, 0, data[:CHUNK])
    part = part_of(county, att.sha256)
    damaged = bytearray(part.read_bytes())
    damaged[len(PART_MAGIC) + 40] ^= 1  # inside the first segment's sealed bytes
    part.write_bytes(bytes(damaged))
    files.receive_chunk("TS01", att.sha256, CHUNK, data[CHUNK:CHUNK + 10])
    state = files.receive_chunk("TS01", att.sha256, CHUNK + 10, data[CHUNK + 10:])
    assert state.status == RESTART and not county_file(county, att.sha256).exists() and not part.exists()
    assert engine(enrolled).sync_round().complete
    assert county_hash(county, att.sha256) == att.sha256


def test_a_sealed_file_moved_under_another_name_does_not_open(enrolled, county, tmp_path):
    first, _ = pushed(enrolled, tmp_path, 5000, 44)
    second, _ = pushed(enrolled, tmp_path, 6000, 45)
    assert engine(enrolled).sync_round().complete
    county_file(county, second.sha256).write_bytes(county_file(county, first.sha256).read_bytes())
    with pytest.raises(SealedError):
        county_hash(county, second.sha256)
    refused = county.store.files.answer(second.sha256)  # what staff or the station would be sent: no wrong bytes
    assert refused.status_code == 500 and "无法打开" in refused.body.decode("utf-8")


def test_an_older_countys_clear_files_are_sealed_at_its_first_start(enrolled, county, tmp_path):
    done, done_data = pushed(enrolled, tmp_path, 2 * CHUNK + 7, 46)
    half, half_data = pushed(enrolled, tmp_path, 3 * CHUNK, 47)
    assert county.store.files.receive_chunk("TS01", done.sha256, 0, done_data).status == COMPLETE
    # what an older county left in clear: a complete file, an issued document, an unfinished upload
    clear_file = county_file(county, done.sha256)
    clear_file.write_bytes(done_data)
    document = b"%PDF-1.7 " + "身份证 欧阳秀珍".encode("utf-8") * 50
    doc_sha = hashlib.sha256(document).hexdigest()
    (county.data_dir / "documents").mkdir(exist_ok=True)
    (county.data_dir / "documents" / f"{doc_sha}.pdf").write_bytes(document)
    part = part_of(county, half.sha256)
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(half_data[:CHUNK + 5])  # the older format: the clear bytes received so far
    # a crash of an earlier start half-way through sealing another file left its verified copy and a zeroed file
    other = b"\x89PNG\r\n" + os.urandom(3000)
    other_sha = hashlib.sha256(other).hexdigest()
    other_path = county_file(county, other_sha)
    other_path.parent.mkdir(parents=True, exist_ok=True)
    other_path.write_bytes(other)
    county.store.seal.seal_in_place(other_path, "material", other_sha)
    os.replace(other_path, other_path.with_name(other_path.name + VERIFIED))
    other_path.write_bytes(bytes(len(other)))
    (clear_file.parent / f"{done.sha256}{SEALING}").write_bytes(b"a copy cut short")

    upgraded = CountyStore(county.data_dir)  # the first start of this version
    for path in [p for folder in ("files", "documents", "uploads") for p in (county.data_dir / folder).rglob("*")
                 if p.is_file()]:
        assert not path.name.endswith((SEALING, VERIFIED)), path
        head = path.read_bytes()[:8]
        assert head in (MAGIC, PART_MAGIC), path
    assert county_hash(county, done.sha256) == done.sha256
    with upgraded.files.open(other_sha) as stream:
        assert stream.read() == other
    assert upgraded.issuer.document(upgraded.conn(), doc_sha) is None  # not an issued one of this county's
    assert upgraded.seal.read_bytes(county.data_dir / "documents" / f"{doc_sha}.pdf", "document", doc_sha) == document
    state = upgraded.files.state("TS01", half.sha256)
    assert (state.status, state.received) == (PARTIAL, CHUNK + 5)  # the sealed part resumes where it was
    assert engine(enrolled).sync_round().complete
    assert county_hash(county, half.sha256) == half.sha256


def test_files_verify_reads_every_file_through_its_seal_and_names_the_ones_that_do_not_open(enrolled, county,
                                                                                           tmp_path, capsys):
    from sync.server.__main__ import main as server_cli

    first, _ = pushed(enrolled, tmp_path, 5000, 48)
    second, _ = pushed(enrolled, tmp_path, 2 * CHUNK, 49)
    assert engine(enrolled).sync_round().complete
    folder = ["--data-dir", str(county.data_dir)]
    assert server_cli(["files", "verify", *folder]) == 0
    assert "全部 2 个材料文件" in capsys.readouterr().out
    damaged = bytearray(county_file(county, second.sha256).read_bytes())
    damaged[100] ^= 1
    county_file(county, second.sha256).write_bytes(bytes(damaged))
    county_file(county, first.sha256).unlink()
    assert server_cli(["files", "verify", *folder]) == 1
    out = capsys.readouterr().out
    assert f"校验值为 {second.sha256} 的材料文件：无法用县中心的数据密钥打开" in out
    assert f"校验值为 {first.sha256} 的材料文件：数据文件夹中没有该文件" in out and "有 2 个文件有问题" in out
