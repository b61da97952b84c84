"""The attachment vault: scans and photos stored content-addressed, durably, never half.

A file is streamed in 1 MiB chunks (never read whole), its SHA-256 computed
while it is copied into `tmp/<uuid>.part`; the temp file is fsynced and only
then renamed to `objects/ab/cdef...` (the hash names the file), and the
folder is fsynced. A crash leaves at most a `.part` file, which no attachment
points to and which the next `Vault(...)` removes. The same bytes imported
twice are stored once.

Every file is sealed at rest (desktop/records/streamseal.py, AES-256-GCM in
authenticated 1 MiB chunks) while it is copied: MAGIC, a random 16-byte salt,
then the sealed stream, under a key of its own derived from the vault key
(the station's data key's "vault" subkey) and the salt. The address and every
signature stay on the PLAINTEXT SHA-256: what leaves the station (uploads,
bundles, backups' checks) is the plaintext, hashed as before. Everything reads
through `open` / `read_bytes` (decrypting, checked chunk by chunk); no
plaintext is written to disk. A file of an older version, in clear, is still
read (it carries no MAGIC) until `seal_clear_objects` seals it in place.

The type is decided by the content (magic bytes), never by the name; a name
that claims another type is refused, so a clerk notices a mislabelled file.
Every refusal is an `ImportRefused` with an English message marked for
translation (context "Attachments") that the UI shows in Chinese.

Qt-free; the database is not touched here (see attachments.py).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from .errors import UserFacingError
from .fsutil import fsync_dir
from .file_names import safe_display_name
from .i18n import QT_TRANSLATE_NOOP
from .streamseal import seal_chunks
from .vault_files import (CHUNK_SIZE, MAGIC, SALT_BYTES, SEALED_MARK, SHA256_HEX, is_sealed, object_key, open_object,
                          plain_digest, seal_clear_objects)

try:  # POSIX: a lock tells the start-up cleaner which temp files are still being written
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which protects it the same way
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SNIFF_BYTES = 1024  # %PDF- may follow a little junk; everything else is at offset 0

ACCEPTED_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/tiff")
TYPE_LABELS = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG", "image/tiff": "TIFF",
               "image/heic": "HEIC"}
EXTENSION_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jpe": "image/jpeg",
                   ".jfif": "image/jpeg", ".png": "image/png", ".tif": "image/tiff", ".tiff": "image/tiff",
                   ".heic": "image/heic", ".heif": "image/heic", ".hif": "image/heic"}
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif"}

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}


class ImportRefused(UserFacingError):
    """The file was not stored. `message` (English source, context "Attachments") and `params` for the UI."""

    context = "Attachments"  # the translation context of its messages

    EMPTY = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" is empty (0 bytes), so there is nothing to attach. Scan or save it again.")
    MISSING = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" cannot be found. It may have been moved, renamed or deleted.")
    NOT_A_FILE = QT_TRANSLATE_NOOP("Attachments", "\"{name}\" is a folder, not a file. Open the folder and choose the scan inside it.")
    UNREADABLE = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" cannot be read. Close it in other programs, check that you may open it (and that the USB stick is still plugged in), then try again.")
    CHANGED = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" changed or was removed while it was being copied (a scanner may still be writing it). Nothing was attached; wait until it is finished and try again.")
    TOO_LARGE = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" is larger than {limit_mb} MB, the most one attachment may be. Scan at a lower resolution or in black and white, or split the document into parts.")
    UNKNOWN_TYPE = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" is not a PDF, JPEG, PNG or TIFF file, so it cannot be attached. Save or scan it as PDF or JPEG and attach that.")
    HEIC = QT_TRANSLATE_NOOP("Attachments", "The photo \"{name}\" is in HEIC format, and photos in HEIC format cannot be attached yet. Set the phone camera to \"Most Compatible\" (JPEG), or convert the photo to JPEG first.")
    MISMATCH = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" is named as a {claimed} file but its content is {actual}. It was not attached: it may have been renamed by mistake. Check the file, and save or rename it as {actual}.")
    DISK_FULL = QT_TRANSLATE_NOOP("Attachments", "The disk is full, so the file \"{name}\" was not attached. Free some space and try again.")
    VAULT_UNWRITABLE = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" could not be stored in the station's attachment folder. Check the disk and the folder's permissions, then try again.")

    def __init__(self, message: str, params: dict[str, str] | None = None, *, kind: str = "refused"):
        super().__init__(message, params, kind=kind)


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    media_type: str
    path: Path
    already_present: bool


def sniff_media_type(head: bytes) -> str | None:
    """The media type the first bytes of a file show (1 KiB is enough), or None when not accepted.

    "image/heic" is returned for HEIC/HEIF photos so that the caller can refuse
    them with their own message; AVIF and everything else give None.
    """
    head = bytes(head[:SNIFF_BYTES])
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # classic and BigTIFF
        return "image/tiff"
    if head[4:8] == b"ftyp" and len(head) >= 12:
        box_size = int.from_bytes(head[:4], "big")
        end = min(len(head), box_size if 16 <= box_size else len(head))
        major = head[8:12]
        brands = {major, *(head[i:i + 4] for i in range(16, end - 3, 4))}
        if major not in _AVIF_BRANDS and brands & _HEIF_BRANDS:
            return "image/heic"
        return None
    if b"%PDF-" in head:  # readers accept a PDF header anywhere in the first KiB
        return "application/pdf"
    return None


def _limit_mb(max_bytes: int) -> str:
    mb = max_bytes / (1024 * 1024)
    return f"{mb:.0f}" if mb == int(mb) else f"{mb:.1f}"


def _write_all(fd: int, data: memoryview) -> None:
    """Write all of `data` to `fd` (one seam, so tests can make the disk fill up)."""
    while data:
        data = data[os.write(fd, data):]


def _sync_file(fd: int) -> None:
    """Make a file's bytes durable. fdatasync where there is one: it skips the timestamps, not the
    size or the blocks, and measured about a third faster than fsync for a vault import on ext4."""
    if hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:  # Windows (FlushFileBuffers), macOS
        os.fsync(fd)


def _read_into(stream: BinaryIO, view: memoryview) -> int:
    """Fill `view` from `stream` unless the stream ends first; the number of bytes read."""
    got = 0
    readinto = getattr(stream, "readinto", None)
    while got < len(view):
        if readinto is not None:
            n = readinto(view[got:])
        else:
            data = stream.read(len(view) - got)
            n = len(data) if data else 0
            view[got:got + n] = data or b""
        if not n:  # 0 at the end; None from a non-blocking stream with nothing yet: stop as well
            break
        got += n
    return got


def _remove(path: Path) -> None:
    """Delete a temp file, even one already made read-only (Windows refuses to delete those)."""
    try:
        os.unlink(path)
    except PermissionError:
        if os.name != "nt":
            raise
        os.chmod(path, 0o600)
        os.unlink(path)


class Vault:
    """Content-addressed file store under `root` (objects/, tmp/), sealed with `key` (32 bytes, the station's
    "vault" subkey: `Vault.of_station`). Safe for several processes at once."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, key: bytes):
        if len(key) != 32:
            raise ValueError("the vault key is 32 bytes")
        self.root = Path(root)
        self.max_bytes = max_bytes
        self._key = key
        fresh = not (self.root / "objects").exists()
        self.objects_dir = self.root / "objects"
        self.tmp_dir = self.root / "tmp"
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.objects_dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # owner-only: the scans are personal
        self.tmp_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._make_fan_out()
        self._clean_tmp()
        if fresh:  # a new vault has no clear file to seal
            self._mark_sealed()

    @classmethod
    def of_station(cls, data_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES, folder: str = "vault") -> "Vault":
        """The vault of the station in `data_dir`, keyed by the station unlocked in this process
        (SignInError when it is not)."""
        from .signin import unlocked_station

        return cls(Path(data_dir) / folder, max_bytes, key=unlocked_station(data_dir).subkey("vault"))

    def _make_fan_out(self) -> None:
        """The 256 folders objects/00 .. objects/ff, made once, so an import never waits for a new folder."""
        missing = [self.objects_dir / f"{i:02x}" for i in range(256)]
        missing = [d for d in missing if not d.is_dir()]
        for folder in missing:
            folder.mkdir(exist_ok=True, mode=0o700)
        if missing:
            fsync_dir(self.objects_dir)

    # -- storing ---------------------------------------------------------------------------

    def store_file(self, source: Path, original_name: str | None = None) -> StoredFile:
        """Copy the file at `source` into the vault. Raises ImportRefused (nothing stored)."""
        source = Path(source)
        name = safe_display_name(original_name if original_name is not None else source.name)
        params = {"name": name}
        try:
            if source.is_dir():
                raise ImportRefused(ImportRefused.NOT_A_FILE, params, kind="not_a_file")
            stream = open(source, "rb", buffering=0)
        except FileNotFoundError as exc:
            raise ImportRefused(ImportRefused.MISSING, params, kind="missing") from exc
        except IsADirectoryError as exc:
            raise ImportRefused(ImportRefused.NOT_A_FILE, params, kind="not_a_file") from exc
        except OSError as exc:
            raise ImportRefused(ImportRefused.UNREADABLE, params, kind="unreadable") from exc
        with stream:
            try:
                before = os.fstat(stream.fileno())
            except OSError as exc:
                raise ImportRefused(ImportRefused.UNREADABLE, params, kind="unreadable") from exc
            if not stat.S_ISREG(before.st_mode):
                raise ImportRefused(ImportRefused.NOT_A_FILE, params, kind="not_a_file")
            if before.st_size == 0:
                raise ImportRefused(ImportRefused.EMPTY, params, kind="empty")
            if before.st_size > self.max_bytes:
                raise ImportRefused(ImportRefused.TOO_LARGE, {**params, "limit_mb": _limit_mb(self.max_bytes)},
                                    kind="too_large")

            def unchanged(size: int) -> bool:
                """The source is still the same file, whole: not truncated, rewritten or removed meanwhile."""
                try:
                    after = os.stat(source)
                except OSError:
                    return False
                return (size == before.st_size == after.st_size and after.st_mtime_ns == before.st_mtime_ns
                        and after.st_ino == before.st_ino)

            return self._store(stream, name, unchanged)

    def store_stream(self, stream: BinaryIO, original_name: str) -> StoredFile:
        """Store the bytes read from `stream` (e.g. a pasted clipboard image). Raises ImportRefused."""
        return self._store(stream, safe_display_name(original_name), None)

    def _store(self, stream: BinaryIO, name: str, unchanged) -> StoredFile:
        params = {"name": name}
        claimed = EXTENSION_TYPES.get(os.path.splitext(name)[1].lower())
        tmp = self.tmp_dir / f"{uuid.uuid4().hex}.part"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            raise self._write_refusal(exc, params) from exc
        try:
            try:
                if fcntl is not None:  # held until published; released by the OS however this process ends
                    fcntl.flock(fd, fcntl.LOCK_EX)
                digest, size, media_type = self._copy(stream, fd, params, claimed, True)
                try:
                    _sync_file(fd)  # delayed allocation: a full disk may only show here
                except OSError as exc:
                    raise self._write_refusal(exc, params) from exc
                if fcntl is None:  # Windows cannot rename a file that is open
                    os.close(fd)
                    fd = -1
                if unchanged is not None and not unchanged(size):
                    raise ImportRefused(ImportRefused.CHANGED, params, kind="changed")
                return self._publish(tmp, digest.hexdigest(), size, media_type, params)
            finally:
                if fd >= 0:
                    os.close(fd)
        except BaseException:
            _discard(tmp)
            raise

    def _copy(self, stream: BinaryIO, fd: int, params: dict[str, str], claimed: str | None, limited: bool):
        """Seal `stream` into `fd` (MAGIC, salt, sealed chunks), hashing the plaintext on the way; check the
        type on the first chunk, and the size limit when `limited`.

        (A helper thread hashing one buffer while this one copies the next was
        measured slower: the hand-over per chunk costs more than it overlaps.)
        """
        digest = hashlib.sha256()
        view = memoryview(bytearray(CHUNK_SIZE))
        size = 0
        media_type = None

        def read(wanted: int) -> bytes:
            nonlocal size, media_type
            try:
                n = _read_into(stream, view[:wanted])
            except OSError as exc:  # a USB stick pulled out, a network share gone, a bad sector
                kind = "changed" if exc.errno in (errno.ENOENT, errno.ESTALE) else "unreadable"
                raise ImportRefused(ImportRefused.CHANGED if kind == "changed" else ImportRefused.UNREADABLE,
                                    params, kind=kind) from exc
            if n == 0:
                if size == 0:
                    raise ImportRefused(ImportRefused.EMPTY, params, kind="empty")
                return b""
            chunk = view[:n]
            if media_type is None:
                media_type = self._check_type(bytes(chunk[:SNIFF_BYTES]), params, claimed)
            size += n
            if limited and size > self.max_bytes:
                raise ImportRefused(ImportRefused.TOO_LARGE, {**params, "limit_mb": _limit_mb(self.max_bytes)},
                                    kind="too_large")
            digest.update(chunk)
            return bytes(chunk)

        salt = os.urandom(SALT_BYTES)
        try:
            _write_all(fd, memoryview(MAGIC + salt))
            for sealed in seal_chunks(object_key(self._key, salt), read, CHUNK_SIZE):
                _write_all(fd, memoryview(sealed))
                del sealed  # not kept while the next chunk is sealed: memory stays at a few chunks
        except OSError as exc:
            raise self._write_refusal(exc, params) from exc
        return digest, size, media_type

    @staticmethod
    def _check_type(head: bytes, params: dict[str, str], claimed: str | None) -> str:
        actual = sniff_media_type(head)
        if actual == "image/heic":
            raise ImportRefused(ImportRefused.HEIC, params, kind="heic")
        if actual is None:
            raise ImportRefused(ImportRefused.UNKNOWN_TYPE, params, kind="unknown_type")
        if claimed is not None and claimed != actual:
            raise ImportRefused(ImportRefused.MISMATCH, {**params, "claimed": TYPE_LABELS[claimed],
                                                         "actual": TYPE_LABELS[actual]}, kind="mismatch")
        return actual

    def _publish(self, tmp: Path, sha256: str, size: int, media_type: str, params: dict[str, str]) -> StoredFile:
        """Move the finished temp file to its content address (or drop it: the same bytes are there)."""
        target = self.path_for(sha256)
        try:
            if not target.parent.is_dir():
                target.parent.mkdir(parents=True, exist_ok=True)
                fsync_dir(self.objects_dir)
            if target.exists():
                if self.hash_of(sha256) == sha256 and is_sealed(target):
                    os.unlink(tmp)
                    return StoredFile(sha256, size, media_type, target, True)
                # the stored copy was damaged (or an older version's clear copy): the new sealed one replaces it
                log.warning("vault object %s was damaged or in clear; replaced by a new import", sha256)
                os.chmod(target, 0o644)
            os.chmod(tmp, 0o444)  # nobody edits evidence by accident (a viewer's "save")
            os.replace(tmp, target)
            fsync_dir(target.parent)
        except OSError as exc:
            raise self._write_refusal(exc, params) from exc
        return StoredFile(sha256, size, media_type, target, False)

    @staticmethod
    def _write_refusal(exc: OSError, params: dict[str, str]) -> ImportRefused:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return ImportRefused(ImportRefused.DISK_FULL, params, kind="disk_full")
        return ImportRefused(ImportRefused.VAULT_UNWRITABLE, params, kind="vault_unwritable")

    # -- reading ---------------------------------------------------------------------------

    def path_for(self, sha256: str) -> Path:
        """Where the file with this SHA-256 (64 lowercase hex digits) is kept. ValueError for anything else."""
        if not isinstance(sha256, str) or not SHA256_HEX.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.objects_dir / sha256[:2] / sha256[2:]

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def hash_of(self, sha256: str) -> str | None:
        """The SHA-256 of the stored file's plaintext as it is now: None when it is missing, "" when it does
        not decrypt (altered, cut short, or sealed with another key). Streams; OSError if unreadable."""
        try:
            return plain_digest(self.path_for(sha256), self._key)[1]
        except FileNotFoundError:
            return None

    def open(self, sha256: str) -> BinaryIO:
        """The stored file's plaintext as a stream (see `open_object`); FileNotFoundError when missing."""
        return open_object(self.path_for(sha256), self._key)

    def read_bytes(self, sha256: str) -> bytes:
        """The whole plaintext in memory (a preview, a page to print: at most max_bytes, 50 MB by default).
        SealedError when the file does not decrypt, FileNotFoundError when it is missing."""
        with self.open(sha256) as stream:
            return stream.read()

    def store_object(self, stream: BinaryIO, sha256: str, before_replace: Callable[[], None] | None = None) -> bool:
        """Seal the plaintext read from `stream` in as the file named `sha256` (an older clear file sealed in
        place), if that is what it holds. Replaces a missing, damaged or clear file at that address only once
        its sealed copy is durable; False (nothing changed) when the bytes do not hash to `sha256`.
        `before_replace()` runs just before (Windows replaces no file that is open: the source is closed)."""
        target = self.path_for(sha256)
        tmp = self.tmp_dir / f"{uuid.uuid4().hex}.part"
        params = {"name": sha256[:12]}
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            try:
                if fcntl is not None:  # held until it is in place: a starting Vault() leaves it alone
                    fcntl.flock(fd, fcntl.LOCK_EX)
                digest, _size, _type = self._copy(stream, fd, params, None, False)
                _sync_file(fd)
                if digest.hexdigest() != sha256:
                    os.close(fd)
                    fd = -1
                    _remove(tmp)
                    return False
                if fcntl is None:  # Windows cannot rename a file that is open
                    os.close(fd)
                    fd = -1
                os.chmod(tmp, 0o444)
                if before_replace is not None:
                    before_replace()
                if target.exists():
                    os.chmod(target, 0o644)  # Windows replaces no read-only file
                os.replace(tmp, target)  # the clear file goes only now, its sealed copy durable under its name
                fsync_dir(target.parent)
            finally:
                if fd >= 0:
                    os.close(fd)
        except BaseException:
            _discard(tmp)
            raise
        return True

    # -- the upgrade: sealing an older version's clear files --------------------------------

    def needs_sealing(self) -> bool:
        """True until every file of an older version's vault was sealed (`seal_clear_objects`)."""
        return not (self.root / SEALED_MARK).exists()

    @staticmethod
    def needs_sealing_in(data_dir: Path, folder: str = "vault") -> bool:
        """The same for the station in `data_dir`, without opening its vault (False when it has none yet)."""
        root = Path(data_dir) / folder
        return (root / "objects").is_dir() and not (root / SEALED_MARK).exists()

    def seal_clear_objects(self, progress: Callable[[int, int], None] | None = None) -> tuple[int, list[str]]:
        """See vault_files.seal_clear_objects: every clear file sealed in place, each checked first."""
        sealed, kept = seal_clear_objects(self, progress)
        if not kept:
            self._mark_sealed()
        return sealed, kept

    def _mark_sealed(self) -> None:
        mark = self.root / SEALED_MARK
        mark.write_bytes(b"")
        fsync_dir(self.root)

    # -- start-up -----------------------------------------------------------------------------

    def _clean_tmp(self) -> None:
        """Remove temp files left by an import that crashed; skip those another process is writing."""
        for part in self.tmp_dir.glob("*.part"):
            try:
                if fcntl is None:
                    _remove(part)  # fails (PermissionError) while another process has it open
                    continue
                fd = os.open(part, os.O_RDONLY)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # still being written
                else:
                    os.unlink(part)
                finally:
                    os.close(fd)
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.info("left %s in place: %s", part, exc)
                continue
            log.info("removed %s, left by an interrupted import", part)


def _discard(tmp: Path) -> None:
    """A temp file whose write failed: removed, or left for the next start's cleaner."""
    try:
        _remove(tmp)
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("could not remove %s: %s", tmp, exc)
