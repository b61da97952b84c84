"""The vault: streamed, hashed, content-addressed, never half; every bad file refused with a clear message."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.records import file_names
from desktop.records import vault as vault_module
from desktop.records.vault import (CHUNK_SIZE, DEFAULT_MAX_BYTES, ImportRefused, Vault, safe_display_name,
                                   sniff_media_type)

KEY = bytes(range(32))  # the vault key of these tests (a station derives its own from its data key)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
TIFF_LE = b"II*\x00\x08\x00\x00\x00"
TIFF_BE = b"MM\x00*\x00\x00\x00\x08"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
HEIF_MIF1 = b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heixmiaf"
AVIF = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"


def content(head: bytes, size: int = 20_000, seed: int = 0) -> bytes:
    body = hashlib.sha256(str(seed).encode()).digest() * (size // 32 + 1)
    return (head + body)[:size]


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture
def vault(tmp_path) -> Vault:
    return Vault(tmp_path / "vault", key=KEY)


@pytest.fixture
def files(tmp_path) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    return folder


def objects(v: Vault) -> list[Path]:
    return sorted(p for p in v.objects_dir.rglob("*") if p.is_file())


def leftovers(v: Vault) -> list[Path]:
    return list(v.tmp_dir.iterdir())


def refused(call, kind: str) -> ImportRefused:
    with pytest.raises(ImportRefused) as info:
        call()
    assert info.value.kind == kind, info.value.text()
    return info.value


# ------------------------------------------------------------------ type by content

@pytest.mark.parametrize("head,expected", [
    (PDF, "application/pdf"), (b"\xef\xbb\xbf\r\n" + PDF, "application/pdf"), (JPEG, "image/jpeg"),
    (PNG, "image/png"), (TIFF_LE, "image/tiff"), (TIFF_BE, "image/tiff"), (b"II+\x00\x08\x00", "image/tiff"),
    (HEIC, "image/heic"), (HEIF_MIF1, "image/heic"), (AVIF, None), (MP4, None),
    (b"PK\x03\x04word/document.xml", None), (b"GIF89a", None), (b"RIFF\x00\x00\x00\x00WEBPVP8 ", None),
    (b"", None), (b"%PD", None), (b"hello %PDF-1.4", "application/pdf"),
])
def test_sniff_media_type(head, expected):
    assert sniff_media_type(head) == expected


def test_pdf_marker_beyond_the_first_kib_is_not_a_pdf():
    assert sniff_media_type(b"x" * 2000 + PDF) is None


# ------------------------------------------------------------------ storing

@pytest.mark.parametrize("name,head,media_type", [
    ("申请表.pdf", PDF, "application/pdf"), ("身份证.JPG", JPEG, "image/jpeg"), ("截图.png", PNG, "image/png"),
    ("scan0001.tif", TIFF_LE, "image/tiff"), ("scan0002.TIFF", TIFF_BE, "image/tiff"),
    ("no extension", PDF, "application/pdf"), ("scan.dat", JPEG, "image/jpeg"),
])
def test_store_keeps_the_bytes_under_their_hash(vault, files, name, head, media_type):
    data = content(head, 3 * CHUNK_SIZE + 17)
    stored = vault.store_file(write(files, name, data))
    sha = hashlib.sha256(data).hexdigest()
    assert (stored.sha256, stored.size, stored.media_type, stored.already_present) == (sha, len(data), media_type, False)
    assert stored.path == vault.path_for(sha) == vault.objects_dir / sha[:2] / sha[2:]
    assert vault.read_bytes(sha) == data  # the plaintext, read back through the vault
    at_rest = stored.path.read_bytes()
    assert at_rest.startswith(vault_module.MAGIC) and data[:64] not in at_rest  # sealed on disk
    assert vault.exists(sha) and vault.hash_of(sha) == sha
    assert leftovers(vault) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_stored_objects_are_read_only(vault, files):
    stored = vault.store_file(write(files, "a.pdf", content(PDF)))
    assert stat.S_IMODE(stored.path.stat().st_mode) & 0o222 == 0


def test_the_same_file_twice_is_stored_once(vault, files):
    data = content(JPEG, 100_000)
    first = vault.store_file(write(files, "a.jpg", data))
    second = vault.store_file(write(files, "copy of a.jpeg", data))
    assert first.sha256 == second.sha256
    assert (first.already_present, second.already_present) == (False, True)
    assert objects(vault) == [first.path]
    assert leftovers(vault) == []


def test_a_damaged_object_is_restored_when_the_same_bytes_come_again(vault, files):
    data = content(PNG, 50_000)
    stored = vault.store_file(write(files, "a.png", data))
    os.chmod(stored.path, 0o644)
    stored.path.write_bytes(b"damaged")
    again = vault.store_file(write(files, "b.png", data))
    assert not again.already_present
    assert vault.hash_of(stored.sha256) == stored.sha256


def test_store_stream_for_a_pasted_image(vault):
    data = content(PNG, 2 * CHUNK_SIZE + 5)
    stored = vault.store_stream(io.BytesIO(data), "剪贴板图片.png")
    assert stored.media_type == "image/png" and vault.read_bytes(stored.sha256) == data


class Trickle(io.RawIOBase):
    """A stream that hands out a few bytes per read, like a pipe or a socket."""

    def __init__(self, data: bytes, step: int = 7):
        self.data, self.pos, self.step = data, 0, step

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self.data[self.pos:self.pos + min(self.step, len(buffer))]
        buffer[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


def test_short_reads_still_sniff_the_type_and_copy_everything(vault):
    data = content(b"\r\n" * 20 + PDF, 5000)
    stored = vault.store_stream(Trickle(data), "x.pdf")
    assert stored.media_type == "application/pdf" and vault.read_bytes(stored.sha256) == data


def test_hash_of_a_missing_file_is_none(vault):
    assert vault.hash_of("0" * 64) is None
    assert not vault.exists("0" * 64)


@pytest.mark.parametrize("bad", ["", "../../etc/passwd", "AB" * 32, "0" * 63, "g" * 64, "0" * 64 + "/x", None])
def test_path_for_accepts_only_a_sha256(vault, bad):
    with pytest.raises(ValueError):
        vault.path_for(bad)


def test_memory_stays_flat_whatever_the_size(vault, files):
    data = content(PDF, 30 * CHUNK_SIZE)
    path, sha = write(files, "big.pdf", data), hashlib.sha256(data).hexdigest()
    del data
    tracemalloc.start()
    try:
        vault.store_file(path)
        assert vault.hash_of(sha) == sha
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * CHUNK_SIZE


# ------------------------------------------------------------------ refusals

def test_zero_bytes(vault, files):
    error = refused(lambda: vault.store_file(write(files, "空白.pdf", b"")), "empty")
    assert "空白.pdf" in error.text() and "empty" in error.text()
    refused(lambda: vault.store_stream(io.BytesIO(b""), "clip.png"), "empty")
    assert objects(vault) == [] and leftovers(vault) == []


def test_missing_file(vault, files):
    error = refused(lambda: vault.store_file(files / "gone.pdf"), "missing")
    assert "cannot be found" in error.text()


def test_a_folder_is_not_a_file(vault, files):
    (files / "扫描件").mkdir()
    error = refused(lambda: vault.store_file(files / "扫描件"), "not_a_file")
    assert "folder" in error.text()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_unreadable_file(vault, files):
    path = write(files, "locked.pdf", content(PDF))
    os.chmod(path, 0)
    try:
        error = refused(lambda: vault.store_file(path), "unreadable")
    finally:
        os.chmod(path, 0o644)
    assert "cannot be read" in error.text()


def test_a_file_we_may_not_open(vault, files, monkeypatch):
    path = write(files, "locked.pdf", content(PDF))

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(vault_module, "open", denied, raising=False)  # works as root too
    error = refused(lambda: vault.store_file(path), "unreadable")
    assert "locked.pdf" in error.text()


def test_a_read_error_midway_is_unreadable_and_leaves_nothing(vault):
    class Failing(io.RawIOBase):
        calls = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            self.calls += 1
            if self.calls > 1:
                raise OSError(errno.EIO, "Input/output error")
            buffer[:len(PDF)] = PDF
            return len(PDF)

    refused(lambda: vault.store_stream(Failing(), "usb.pdf"), "unreadable")
    assert objects(vault) == [] and leftovers(vault) == []


def test_over_the_limit(tmp_path, files):
    small = Vault(tmp_path / "vault", key=KEY, max_bytes=1024 * 1024)
    path = write(files, "huge.pdf", content(PDF, 1024 * 1024 + 1))
    error = refused(lambda: small.store_file(path), "too_large")
    assert "1 MB" in error.text() and error.params["limit_mb"] == "1"
    refused(lambda: small.store_stream(io.BytesIO(path.read_bytes()), "huge.pdf"), "too_large")
    assert objects(small) == [] and leftovers(small) == []
    assert small.store_file(write(files, "fits.pdf", content(PDF, 1024 * 1024))).size == 1024 * 1024


def test_default_limit_is_50_mb(vault):
    assert vault.max_bytes == DEFAULT_MAX_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize("name,data", [
    ("合同.docx", b"PK\x03\x04" + b"\x00" * 100),
    ("photo.gif", b"GIF89a" + b"\x00" * 100),
    ("notes.txt", "只是文字".encode() * 50),
    ("clip.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 100),
])
def test_unknown_types_are_refused_naming_the_accepted_ones(vault, files, name, data):
    error = refused(lambda: vault.store_file(write(files, name, data)), "unknown_type")
    assert all(t in error.text() for t in ("PDF", "JPEG", "PNG", "TIFF"))
    assert objects(vault) == [] and leftovers(vault) == []


@pytest.mark.parametrize("name", ["IMG_0001.HEIC", "IMG_0002.heif", "IMG_0003.jpg", "photo"])
def test_heic_photos_are_refused_with_advice(vault, files, name):
    error = refused(lambda: vault.store_file(write(files, name, content(HEIC))), "heic")
    assert "HEIC" in error.text() and "JPEG" in error.text() and "Most Compatible" in error.text()


@pytest.mark.parametrize("name,head,claimed,actual", [
    ("申请书.pdf", PNG, "PDF", "PNG"), ("身份证.jpg", PDF, "JPEG", "PDF"), ("a.png", JPEG, "PNG", "JPEG"),
    ("scan.tiff", PDF, "TIFF", "PDF"),
])
def test_content_that_does_not_match_the_extension_is_refused(vault, files, name, head, claimed, actual):
    error = refused(lambda: vault.store_file(write(files, name, content(head))), "mismatch")
    assert (error.params["claimed"], error.params["actual"]) == (claimed, actual)
    assert claimed in error.text() and actual in error.text()
    assert objects(vault) == [] and leftovers(vault) == []


def test_the_name_given_decides_the_claimed_type(vault, files):
    path = write(files, "upload.tmp", content(PNG))
    refused(lambda: vault.store_file(path, "申请书.pdf"), "mismatch")
    assert vault.store_file(path, "申请书.png").media_type == "image/png"


def test_disk_full_while_writing_leaves_nothing(vault, files, monkeypatch):
    written = []

    def fill_up(fd, data):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(len(data))
        os.write(fd, data)

    monkeypatch.setattr(vault_module, "_write_all", fill_up)
    error = refused(lambda: vault.store_file(write(files, "big.pdf", content(PDF, 3 * CHUNK_SIZE))), "disk_full")
    assert "disk is full" in error.text()
    assert objects(vault) == [] and leftovers(vault) == []


def test_disk_full_at_fsync_leaves_nothing(vault, files, monkeypatch):
    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(vault_module, "_sync_file", no_space)
    refused(lambda: vault.store_file(write(files, "a.pdf", content(PDF))), "disk_full")
    assert objects(vault) == [] and leftovers(vault) == []


def test_a_file_deleted_while_being_imported(vault, files, monkeypatch):
    path = write(files, "scan.pdf", content(PDF, 3 * CHUNK_SIZE))
    real = vault_module._write_all

    def delete_then_write(fd, data):
        if path.exists():
            path.unlink()
        real(fd, data)

    monkeypatch.setattr(vault_module, "_write_all", delete_then_write)
    error = refused(lambda: vault.store_file(path), "changed")
    assert "removed while it was being copied" in error.text()
    assert objects(vault) == [] and leftovers(vault) == []


def test_a_file_still_being_written_by_the_scanner(vault, files, monkeypatch):
    path = write(files, "scan.pdf", content(PDF, 3 * CHUNK_SIZE))
    real = vault_module._write_all

    def truncate_then_write(fd, data):
        if path.stat().st_size > CHUNK_SIZE:
            with open(path, "r+b") as f:
                f.truncate(CHUNK_SIZE + 10)
        real(fd, data)

    monkeypatch.setattr(vault_module, "_write_all", truncate_then_write)
    refused(lambda: vault.store_file(path), "changed")
    assert objects(vault) == [] and leftovers(vault) == []


def test_refusal_messages_are_marked_for_translation():
    source = Path(vault_module.__file__).read_text(encoding="utf-8")
    for name in ("EMPTY", "MISSING", "NOT_A_FILE", "UNREADABLE", "CHANGED", "TOO_LARGE", "UNKNOWN_TYPE", "HEIC",
                 "MISMATCH", "DISK_FULL", "VAULT_UNWRITABLE"):
        assert f'{name} = QT_TRANSLATE_NOOP("Attachments", ' in source
        assert "{name}" in getattr(ImportRefused, name) or name == "NOT_A_FILE"


# ------------------------------------------------------------------ crash leftovers

def test_opening_removes_what_a_crashed_import_left(tmp_path):
    first = Vault(tmp_path / "vault", key=KEY)
    (first.tmp_dir / "0123.part").write_bytes(b"half a scan")
    again = Vault(tmp_path / "vault", key=KEY)
    assert leftovers(again) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX advisory locks")
def test_opening_spares_a_temp_file_another_process_is_writing(tmp_path):
    import fcntl

    first = Vault(tmp_path / "vault", key=KEY)
    busy = first.tmp_dir / "busy.part"
    fd = os.open(busy, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        Vault(tmp_path / "vault", key=KEY)  # a second window, or `verify`, starting meanwhile
        assert busy.exists()
    finally:
        os.close(fd)
    Vault(tmp_path / "vault", key=KEY)
    assert not busy.exists()


# ------------------------------------------------------------------ names

UYGHUR = "ئابدۇرېھىم"
TIBETAN = "བཀྲ་ཤིས"


@pytest.mark.parametrize("given_name,expected", [
    ("身份证复印件.pdf", "身份证复印件.pdf"),
    (f"{UYGHUR}.jpg", f"{UYGHUR}.jpg"),
    (f"{TIBETAN}.pdf", f"{TIBETAN}.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\system32\\扫描.pdf", "扫描.pdf"),
    ("C:\\Users\\李芳\\Desktop\\申请表.pdf", "申请表.pdf"),
    ("/home/clerk/scans/", "scans"),
    ("..", "attachment"),
    ("", "attachment"),
    ("   ", "attachment"),
    ("a/..", "a"),
    ("bad\x00name\x07.pdf", "badname.pdf"),
    ("line\nbreak.pdf", "line break.pdf"),
    ("invoice\u202egpj.exe", "invoicegpj.exe"),  # a right-to-left override that would disguise the name
    ("报告:第1页?.pdf", "报告_第1页_.pdf"),
    ("CON.pdf", "_CON.pdf"),
    (".hidden.png", "hidden.png"),
    ("e\u0301.pdf", "\u00e9.pdf"),  # NFC
])
def test_safe_display_name(given_name, expected):
    assert safe_display_name(given_name) == expected


def test_long_names_keep_their_extension_and_whole_letters():
    name = safe_display_name(TIBETAN * 100 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name.encode("utf-8")) <= file_names.MAX_NAME_BYTES
    stem = name[:-4]
    assert not unicodedata.category(stem[-1]).startswith("M")
    assert TIBETAN.startswith(stem[:len(TIBETAN)])
    assert len(safe_display_name("扫" * 500 + ".jpeg")) <= file_names.MAX_NAME_CHARS


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_safe_display_name_is_always_safe(raw):
    name = safe_display_name(raw)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in name)
    assert len(name) <= file_names.MAX_NAME_CHARS
    assert len(name.encode("utf-8")) <= file_names.MAX_NAME_BYTES
    assert safe_display_name(name) == name  # stable: a second pass changes nothing
