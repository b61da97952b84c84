"""Authenticated encryption of streams, in chunks, and the HKDF that derives one key per purpose (Qt-free).

The one stream cipher of the product: the station's vault files (desktop/records/vault.py) and the sync
bundles (sync/sealed.py, which fixes its own chunk size) are sealed with it. It lives here, under the
records core, because the core may not import sync; sync imports it.

A sealed stream is AES-256-GCM in chunks of `chunk` plaintext bytes, each followed by its 16-byte tag. The
nonce of chunk i is i (11 bytes, big-endian) and a final flag (1 byte), so a chunk moved, dropped or
repeated, a stream cut short or continued past its last chunk all fail to open. Every full chunk is
not final and the final chunk is shorter than `chunk` (empty when the plaintext is a multiple of it):
a reader knows which chunk is the last without looking ahead, and a stream cut at a chunk boundary is
caught. A key seals one stream only: callers derive a key per stream (`derive`), never reuse one.
Writer and reader must agree on the chunk size (each format fixes its own).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

TAG = 16
MAX_CHUNKS = 2 ** 40  # far beyond any file; the nonce allows 2**88


class SealedError(ValueError):
    """A sealed stream or envelope that does not open: altered, cut short, reordered, or the wrong key."""


def derive(secret: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    """A 32-byte key from `secret` for one purpose (`info`): HKDF-SHA256."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(secret)


def sealed_size(plain_bytes: int, chunk: int) -> int:
    """The bytes a sealed stream of `plain_bytes` takes."""
    return (plain_bytes // chunk) * (chunk + TAG) + plain_bytes % chunk + TAG


def _nonce(index: int, final: bool) -> bytes:
    if index >= MAX_CHUNKS:
        raise SealedError("the stream has too many chunks")
    return index.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


def _read_full(read: Callable[[int], bytes], size: int) -> bytes:
    """Exactly `size` bytes, fewer only at the end of the stream (some streams return short reads)."""
    parts, left = [], size
    while left > 0:
        block = read(left)
        if not block:
            break
        parts.append(block)
        left -= len(block)
    return b"".join(parts)


def seal_chunks(key: bytes, read: Callable[[int], bytes], chunk: int) -> Iterator[bytes]:
    """The sealed chunks of what `read` gives, one at a time (a 500 MB scan never sits in memory)."""
    aead = AESGCM(key)
    index = 0
    while True:
        block = _read_full(read, chunk)
        final = len(block) < chunk
        yield aead.encrypt(_nonce(index, final), block, None)
        if final:
            return
        index += 1


def seal_bytes(key: bytes, data: bytes, chunk: int) -> bytes:
    return b"".join(seal_chunks(key, io.BytesIO(data).read, chunk))


def open_bytes(key: bytes, data: bytes, chunk: int) -> bytes:
    """The plaintext of a sealed stream held in memory; SealedError when it does not open."""
    return OpenedStream(key, io.BytesIO(data), chunk).read()


def seal_file(key: bytes, source: BinaryIO, target: BinaryIO, chunk: int) -> tuple[int, str]:
    """Seal `source` into `target`; (plaintext bytes, plaintext SHA-256) for content addressing."""
    digest, size = hashlib.sha256(), 0

    def read(n: int) -> bytes:
        nonlocal size
        block = source.read(n)
        digest.update(block)
        size += len(block)
        return block

    for sealed in seal_chunks(key, read, chunk):
        target.write(sealed)
    return size, digest.hexdigest()


class OpenedStream:
    """A readable stream of the plaintext of a sealed stream (`read(n)`), checked chunk by chunk.

    Raises SealedError at the first chunk that does not open, or when the stream ends before its final
    chunk or goes on after it: a reader never gets a byte that was not sealed with this key, in this place.
    """

    def __init__(self, key: bytes, raw: BinaryIO, chunk: int):
        self._aead = AESGCM(key)
        self._raw = raw
        self._chunk = chunk
        self._index = 0
        self._buffer = b""
        self._done = False

    def _next_chunk(self) -> None:
        sealed = _read_full(self._raw.read, self._chunk + TAG)
        final = len(sealed) < self._chunk + TAG
        if len(sealed) < TAG:
            raise SealedError("the sealed stream was cut short")
        try:
            self._buffer = self._aead.decrypt(_nonce(self._index, final), sealed, None)
        except InvalidTag as exc:
            raise SealedError(f"chunk {self._index} does not open: altered, moved, cut short or another key") \
                from exc
        self._index += 1
        if final:
            if self._raw.read(1):
                raise SealedError("the sealed stream goes on after its final chunk")
            self._done = True

    def read(self, size: int | None = -1) -> bytes:
        parts: list[bytes] = []
        wanted = size if size is not None and size >= 0 else None
        got = 0
        while wanted is None or got < wanted:
            if not self._buffer:
                if self._done:
                    break
                self._next_chunk()
                continue
            take = self._buffer if wanted is None else self._buffer[:wanted - got]
            self._buffer = self._buffer[len(take):]
            parts.append(take)
            got += len(take)
        return b"".join(parts)

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> "OpenedStream":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
