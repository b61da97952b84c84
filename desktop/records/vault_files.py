"""A vault file at rest: its sealed format, reading it back, and sealing an older version's clear files.

A sealed vault file is MAGIC, a random 16-byte salt, then a sealed stream (desktop/records/streamseal.py,
AES-256-GCM in authenticated 1 MiB chunks) under a key of its own, derived from the vault key (the station's
data key's "vault" subkey) and the salt. An older version's file is in clear (no MAGIC: it is a PDF, JPEG,
PNG or TIFF); it is still read, and sealed in place at the first start of this version. Backups keep the
vault's files as they are, so their objects are read the same way. Qt-free.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable

from .encrypting import write_zeros
from .streamseal import OpenedStream, SealedError, derive

if TYPE_CHECKING:
    from .vault import Vault

log = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024
MAGIC = b"LAVAULT1"  # a sealed vault file starts so; no accepted type does (PDF, JPEG, PNG, TIFF)
SALT_BYTES = 16
SEALED_MARK = "sealed"  # in the vault folder once every file is sealed (the upgrade's pass is done)
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


def object_key(vault_key: bytes, salt: bytes) -> bytes:
    """The key of one sealed vault file: derived from the vault key and the file's own random salt."""
    return derive(vault_key, b"legalaid vault object", salt=salt)


def open_object(path: Path, vault_key: bytes | None) -> BinaryIO:
    """The plaintext of the vault file at `path` as a stream: decrypted and checked chunk by chunk (a read
    raises SealedError where the file was altered or cut), or read as it is for an older version's clear
    file. FileNotFoundError when it is not there. Without a key (a folder with no keyring) a sealed file does
    not open (SealedError). Backups keep the vault's files as they are, so this also
    reads a backup's objects."""
    raw = open(path, "rb")
    try:
        head = raw.read(len(MAGIC))
        if head != MAGIC:
            raw.seek(0)
            return raw
        salt = raw.read(SALT_BYTES)
        if vault_key is None:
            raise SealedError("no key for a sealed vault file")
        if len(salt) != SALT_BYTES:
            raise SealedError("the vault file was cut short")
        return OpenedStream(object_key(vault_key, salt), raw, CHUNK_SIZE)  # type: ignore[return-value]
    except BaseException:
        raw.close()
        raise


def is_sealed(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def plain_digest(path: Path, vault_key: bytes | None, on_bytes: Callable[[int], None] | None = None) -> tuple[int, str]:
    """(plaintext bytes, plaintext SHA-256) of a vault file; a file that does not open gives (0, "")."""
    digest, size = hashlib.sha256(), 0
    try:
        with open_object(path, vault_key) as stream:
            while block := stream.read(CHUNK_SIZE):
                digest.update(block)
                size += len(block)
                if on_bytes is not None:
                    on_bytes(len(block))
    except SealedError:
        return 0, ""
    return size, digest.hexdigest()


def seal_clear_objects(vault: "Vault", progress: Callable[[int, int], None] | None = None) -> tuple[int, list[str]]:
    """Seal every clear file of `vault` in place, each checked against its plaintext SHA-256 first; (files
    sealed, names of files left as they were because their bytes no longer match their name: verify reports
    them). A crash at any point loses nothing: a clear file is replaced only by its durable sealed copy
    (Vault.store_object), and the next start goes on where this one stopped. The zeros then written over the
    replaced clear file are best effort (an SSD may keep old blocks; Windows cannot write to it any more)."""
    clear = [p for p in sorted(vault.objects_dir.glob("??/*")) if p.is_file() and not is_sealed(p)]
    total = max(sum(p.stat().st_size for p in clear), 1)
    done, sealed, kept = 0, 0, []
    if progress is not None:
        progress(0, total)
    for path in clear:
        sha256 = path.parent.name + path.name
        if not SHA256_HEX.match(sha256):
            continue
        size = path.stat().st_size
        posix = os.name != "nt"  # POSIX keeps the replaced file open, for the zeros; Windows closes it first
        if posix:
            os.chmod(path, 0o600)
        with open(path, "r+b" if posix else "rb") as old:
            if vault.store_object(old, sha256, None if posix else old.close):
                sealed += 1
                if posix:
                    _overwrite_replaced(old)
            else:
                kept.append(sha256)
                log.warning("vault file %s does not match its name; left as it is for verify to report", sha256)
                os.chmod(path, 0o444)
        done += size
        if progress is not None:
            progress(min(done, total), total)
    log.info("sealed %d clear vault file(s) in place", sealed)
    return sealed, kept


def _overwrite_replaced(f: BinaryIO) -> None:
    """Zeros over a clear file already replaced by its sealed copy, through the handle still open on it, so
    its blocks do not keep the scan on a hard disk. Only a file with no other name (a backup may share it)."""
    try:
        info = os.fstat(f.fileno())
        if info.st_nlink != 0:  # still named somewhere (a hard link): never overwrite what another folder holds
            return
        write_zeros(f, info.st_size)
    except OSError as exc:  # Windows; a read-only handle
        log.info("could not overwrite a replaced clear vault file: %s", exc)
