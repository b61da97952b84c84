"""The county's files at rest (Qt-free): accepted materials (files/), issued documents (documents/) and unfinished
uploads (uploads/) are sealed with keys derived from the county's data key (sync/server/data_key.py, kept outside
the data folder), in sync/sealed.py's authenticated chunks. A copy of the folder reads as noise without the key.

A stored file is MAGIC, a random salt, then one sealed stream of the whole file. Its key is HKDF over the files key
with that salt and the file's kind and name (its plaintext SHA-256) bound in: every write has a fresh key, and a file
copied under another name or into the other folder does not open. Content addressing stays on the plaintext hash.

An unfinished upload is PART_MAGIC, then one sealed segment per received chunk: a header (the chunk's length and a
random salt) and the chunk as a sealed stream under its own key, with the station, the file and the chunk's plaintext
offset bound in. Appending never rewrites a sealed byte and no key seals twice (a torn segment rewritten after a
crash has a new salt). The resume offset is the end of the last whole segment that opens: a tail cut short by a
crash, or a segment changed or moved, is cut off, and the station resends from there.

An older county's clear files are sealed in place at start (`seal_in_place`): the sealed copy is written beside the
file, fsynced and read back against the clear file's hash, renamed to <name>.sealed (verified), the clear file is
overwritten with zeros, then the sealed copy takes its place. A crash at any step leaves either the clear file
(sealed again next time) or a verified .sealed copy that the next start puts in place.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import struct
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from desktop.records.fsutil import fsync_dir
from sync.sealed import OpenedStream, SealedError, derive, seal_chunks, sealed_size
from desktop.records.encrypting import overwrite_with_zeros  # the one way to blank a clear file

__all__ = ["FileSeal", "SealedError", "PartProgress", "new_private_file", "remove_if_stale"]

log = logging.getLogger(__name__)

MAGIC = b"LACFILE1"  # a sealed county file
PART_MAGIC = b"LACPART1"  # a sealed unfinished upload
SALT = 16
SEGMENT_HEADER = struct.Struct(">I16s")  # plaintext length, salt
READ_BLOCK = 1024 * 1024
SEALING, VERIFIED = ".sealing", ".sealed"  # a sealed copy being written; an upgrade's copy written and checked
STALE_SECONDS = 3600  # a temp file untouched this long was left by a crash: no write takes an hour between blocks


class PartProgress:
    """Where a sealed part ends: its bytes on disk (`end`) and the plaintext they hold (`received`)."""

    __slots__ = ("end", "received")

    def __init__(self, end: int, received: int):
        self.end, self.received = end, received


class FileSeal:
    """Seals and opens the county's files with keys derived from its data key."""

    def __init__(self, data_key: bytes):
        self._key = derive(data_key, b"legal-aid county files at rest")

    # -- whole files ----------------------------------------------------------------------------------

    def _file_key(self, kind: str, name: str, salt: bytes) -> bytes:
        return derive(self._key, f"file\x00{kind}\x00{name}".encode("utf-8"), salt=salt)

    def write(self, target: BinaryIO, kind: str, name: str, read: Callable[[int], bytes], *,
              known_sha256: str | None = None) -> tuple[int, str]:
        """Seal what `read` gives into `target` (header first); (plaintext bytes, plaintext SHA-256).
        `known_sha256`: the caller already checked these bytes' hash; it is returned, not computed again."""
        salt = secrets.token_bytes(SALT)
        digest, size = hashlib.sha256(), 0

        def counted(n: int) -> bytes:
            nonlocal size
            block = read(n)
            if known_sha256 is None:
                digest.update(block)
            size += len(block)
            return block

        target.write(MAGIC + salt)
        for chunk in seal_chunks(self._file_key(kind, name, salt), counted):
            target.write(chunk)
        return size, known_sha256 or digest.hexdigest()

    def store(self, path: Path, kind: str, name: str, content: bytes) -> None:
        """`content` sealed into `path` whole: a temp file beside it, fsynced, renamed, the folder fsynced."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}{SEALING}")
        try:
            with new_private_file(tmp) as f:
                self.write(f, kind, name, BytesReader(content).read)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        fsync_dir(path.parent)

    def open(self, path: Path, kind: str, name: str) -> OpenedStream:
        """The plaintext of a sealed file as a stream (checked chunk by chunk); SealedError when it is not one
        of this county's sealed files of that name, OSError when it cannot be read."""
        raw = open(path, "rb")
        try:
            head = raw.read(len(MAGIC) + SALT)
            if len(head) != len(MAGIC) + SALT or head[:len(MAGIC)] != MAGIC:
                raise SealedError(f"{path} is not a sealed county file")
            return OpenedStream(self._file_key(kind, name, head[len(MAGIC):]), raw)
        except BaseException:
            raw.close()
            raise

    def read_bytes(self, path: Path, kind: str, name: str) -> bytes:
        with self.open(path, kind, name) as stream:
            return stream.read()

    def blocks(self, path: Path, kind: str, name: str) -> Iterator[bytes]:
        """The plaintext in blocks, for an answer streamed to a client: the first block is opened here, so a file
        with another key or name, or altered at its start, raises before anything is sent."""
        stream = self.open(path, kind, name)
        try:
            first = stream.read(READ_BLOCK)
        except BaseException:
            stream.close()
            raise

        def gen() -> Iterator[bytes]:
            with stream:
                block = first
                while block:
                    yield block
                    block = stream.read(READ_BLOCK)

        return gen()

    # -- unfinished uploads -----------------------------------------------------------------------------

    def _segment_key(self, station: str, sha256: str, offset: int, salt: bytes) -> bytes:
        return derive(self._key, f"upload\x00{station}\x00{sha256}\x00{offset}".encode("utf-8"), salt=salt)

    def _segments(self, f: BinaryIO, size: int) -> Iterator[tuple[int, int, int, bytes]]:
        """Every whole segment of a part file in order: (position, plaintext offset, length, salt)."""
        position, offset = len(PART_MAGIC), 0
        while position + SEGMENT_HEADER.size <= size:
            f.seek(position)
            length, salt = SEGMENT_HEADER.unpack(f.read(SEGMENT_HEADER.size))
            end = position + SEGMENT_HEADER.size + sealed_size(length)
            if length < 1 or end > size:
                return  # a tail cut short (or a header that is not one): cut off
            yield position, offset, length, salt
            position, offset = end, offset + length

    def progress(self, part: Path, station: str, sha256: str) -> PartProgress:
        """Where a part file ends, from its authenticated content: the last whole segment must open (a crash
        may leave one cut short or not yet written through), else it is cut off, and the one before is tried.
        (The last few are kept while walking: a station's many tiny chunks cost no memory here.)"""
        try:
            f = open(part, "rb")
        except FileNotFoundError:
            return PartProgress(0, 0)
        with f:
            size = os.fstat(f.fileno()).st_size
            if f.read(len(PART_MAGIC)) != PART_MAGIC:
                return PartProgress(0, 0)
            last = deque(self._segments(f, size), maxlen=4)
            while last:
                position, offset, length, salt = last.pop()
                f.seek(position + SEGMENT_HEADER.size)
                try:
                    stream = OpenedStream(self._segment_key(station, sha256, offset, salt),
                                          _Bounded(f, sealed_size(length)))
                    if len(stream.read()) == length:
                        return PartProgress(position + SEGMENT_HEADER.size + sealed_size(length), offset + length)
                except SealedError:
                    pass
                log.warning("cut off a damaged unfinished upload segment of %s at %d", part, offset)
                if not last:  # the kept ones all failed: resume from the first of them (finishing checks the rest)
                    return PartProgress(position, offset)
        return PartProgress(len(PART_MAGIC), 0)

    def append(self, part: Path, station: str, sha256: str, at: PartProgress, chunk: bytes) -> PartProgress:
        """Seal `chunk` as the segment after `at` (whatever lies beyond `at`, a torn tail, is cut off first)."""
        part.parent.mkdir(parents=True, exist_ok=True)
        exists = part.exists()
        with (open(part, "r+b") if exists else new_private_file(part)) as f:
            if not exists or at.end < len(PART_MAGIC):
                f.truncate(0)
                f.write(PART_MAGIC)
                at = PartProgress(len(PART_MAGIC), 0)
            f.truncate(at.end)
            f.seek(at.end)
            salt = secrets.token_bytes(SALT)
            key = self._segment_key(station, sha256, at.received, salt)
            view, position = memoryview(chunk), 0

            def read(n: int) -> bytes:
                nonlocal position
                block = bytes(view[position:position + n])
                position += len(block)
                return block

            f.write(SEGMENT_HEADER.pack(len(chunk), salt))
            for sealed in seal_chunks(key, read):
                f.write(sealed)
            return PartProgress(f.tell(), at.received + len(chunk))

    def part_reader(self, part: Path, station: str, sha256: str) -> "_PartReader":
        """The plaintext of a part file's segments in order, as a stream with `read(n)` (SealedError when one
        does not open)."""
        return _PartReader(self, part, station, sha256)

    # -- the upgrade: an older county's clear files --------------------------------------------------------

    def is_sealed(self, path: Path) -> bool:
        try:
            with open(path, "rb") as f:
                return f.read(len(MAGIC)) == MAGIC
        except OSError:
            return False

    def is_part(self, path: Path) -> bool:
        try:
            with open(path, "rb") as f:
                return f.read(len(PART_MAGIC)) == PART_MAGIC
        except OSError:
            return False

    def seal_in_place(self, path: Path, kind: str, name: str) -> None:
        """An older county's clear file sealed where it is, crash-safe and verified (see the module's doc)."""
        def copy(tmp: Path) -> None:
            with open(path, "rb") as source, new_private_file(tmp, replace=True) as f:
                _, clear_hash = self.write(f, kind, name, source.read)
                f.flush()
                os.fsync(f.fileno())
            if _hash_of(self.open(tmp, kind, name)) != clear_hash:
                raise SealedError(f"the sealed copy of {path} does not read back as the clear file")

        self._replace_sealed(path, copy)

    def seal_part_in_place(self, part: Path, station: str, sha256: str) -> None:
        """An older county's clear unfinished upload sealed where it is, in segments, so it resumes where it was."""
        def copy(tmp: Path) -> None:
            digest, at = hashlib.sha256(), PartProgress(0, 0)
            with open(part, "rb") as source:
                while block := source.read(4 * READ_BLOCK):
                    digest.update(block)
                    at = self.append(tmp, station, sha256, at, block)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            with self.part_reader(tmp, station, sha256) as reader:
                if _hash_of(reader) != digest.hexdigest():
                    raise SealedError(f"the sealed copy of {part} does not read back as the clear file")

        self._replace_sealed(part, copy)

    def _replace_sealed(self, path: Path, copy: Callable[[Path], None]) -> None:
        verified = path.with_name(path.name + VERIFIED)
        if not verified.exists():
            tmp = path.with_name(path.name + SEALING)
            tmp.unlink(missing_ok=True)
            try:
                copy(tmp)
                os.replace(tmp, verified)
                fsync_dir(path.parent)
            finally:
                tmp.unlink(missing_ok=True)
        overwrite_with_zeros(path)
        os.replace(verified, path)
        fsync_dir(path.parent)

    def seal_folder(self, folder: Path, kind: str, name_of: Callable[[Path], str | None]) -> int:
        """Seal every clear file under `folder` whose name `name_of` gives; finish what a crash interrupted.
        How many files were sealed."""
        if not folder.is_dir():
            return 0
        sealed = 0
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            if path.name.endswith(SEALING):
                remove_if_stale(path)  # a copy a crash interrupted (another process may be writing a new one)
                continue
            target = path.with_name(path.name[:-len(VERIFIED)]) if path.name.endswith(VERIFIED) else path
            name = name_of(target)
            if name is None or (target == path and self.is_sealed(path)):
                continue
            self.seal_in_place(target, kind, name)
            sealed += 1
        if sealed:
            log.info("sealed %d clear file(s) under %s with the county's data key", sealed, folder)
        return sealed


class _Bounded:
    """`size` bytes of a file from where it stands (one segment's sealed stream)."""

    def __init__(self, f: BinaryIO, size: int):
        self._f, self._left = f, size

    def read(self, n: int = -1) -> bytes:
        n = self._left if n is None or n < 0 else min(n, self._left)
        block = self._f.read(n)
        self._left -= len(block)
        return block

    def close(self) -> None:
        pass


class _PartReader:
    """A part file's plaintext, segment after segment."""

    def __init__(self, seal: FileSeal, part: Path, station: str, sha256: str):
        self._f = open(part, "rb")
        size = os.fstat(self._f.fileno()).st_size
        if self._f.read(len(PART_MAGIC)) != PART_MAGIC:
            self._f.close()
            raise SealedError(f"{part} is not a sealed unfinished upload")
        self._pending = seal._segments(self._f, size)
        self._seal, self._station, self._sha256 = seal, station, sha256
        self._current: OpenedStream | None = None

    def read(self, n: int) -> bytes:
        while True:
            if self._current is not None:
                block = self._current.read(n)
                if block:
                    return block
                self._current = None
            following = next(self._pending, None)
            if following is None:
                return b""
            position, offset, length, salt = following
            self._f.seek(position + SEGMENT_HEADER.size)
            self._current = OpenedStream(self._seal._segment_key(self._station, self._sha256, offset, salt),
                                         _Bounded(self._f, sealed_size(length)))

    def close(self) -> None:
        self._f.close()

    def __enter__(self) -> "_PartReader":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def remove_if_stale(path: Path) -> None:
    """Remove a temp file a crash left behind; one another process (a command beside the running server) may still
    be writing is left alone."""
    try:
        if path.stat().st_mtime < time.time() - STALE_SECONDS:
            path.unlink()
    except FileNotFoundError:
        pass


def _hash_of(stream) -> str:
    digest = hashlib.sha256()
    with stream:
        while block := stream.read(READ_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def new_private_file(path: Path, replace: bool = False) -> BinaryIO:
    """A new file readable by the server's account only (0600 where that means something)."""
    flags = os.O_RDWR | os.O_CREAT | (os.O_TRUNC if replace else os.O_EXCL) | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags, 0o600), "w+b")


class BytesReader:
    """Bytes in memory read as a stream, without a copy of them (io.BytesIO copies a bytearray: a request body would
    be held twice)."""

    def __init__(self, content: bytes | bytearray) -> None:
        self._view, self._at = memoryview(content), 0

    def read(self, n: int) -> memoryview:
        block = self._view[self._at:self._at + n]
        self._at += len(block)
        return block
