"""Authenticated encryption of streams, and of bundles to their recipient's key (Qt-free; both ends use it).

A sealed stream is AES-256-GCM in chunks of CHUNK plaintext bytes, each followed by its 16-byte tag. The
nonce of chunk i is i (11 bytes, big-endian) and a final flag (1 byte), so a chunk moved, dropped or
repeated, a stream cut short or continued past its last chunk all fail to open. Every full chunk is
not final and the final chunk is shorter than CHUNK (empty when the plaintext is a multiple of CHUNK):
a reader knows which chunk is the last without looking ahead, and a stream cut at a chunk boundary is
caught. A key seals one stream only: callers derive a key per stream (`derive`), never reuse one.

A bundle is sealed to its recipient (`Envelope`): an ephemeral X25519 key agreed with the recipient's
X25519 key, HKDF-SHA256 over the shared secret (salted with both public keys), then one key per member
derived from that with the member's name bound in, so members cannot be swapped either. The recipient
opens it with `Envelope.opened(header, agree)`, where `agree` does the key agreement with its private key
(sync/identity.py `StationKey.agree`: the private key never leaves its holder).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.limits import SEALED_CHUNK_BYTES

CHUNK = SEALED_CHUNK_BYTES
TAG = 16
SCHEME = "x25519-hkdf-sha256-aes256gcm-64k"  # what a bundle's manifest names; nothing else is opened
MAX_CHUNKS = 2 ** 40  # far beyond any file (MAX_ATTACHMENT_BYTES is 8000 chunks); the nonce allows 2**88


class SealedError(ValueError):
    """A sealed stream or envelope that does not open: altered, cut short, reordered, or the wrong key."""


def derive(secret: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    """A 32-byte key from `secret` for one purpose (`info`): HKDF-SHA256."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(secret)


def key_id_of(public_key: bytes) -> str:
    """Hex SHA-256 of a raw X25519 public key: how a bundle names the key it is sealed to."""
    return hashlib.sha256(public_key).hexdigest()


def raw_public(private_key: X25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sealed_size(plain_bytes: int) -> int:
    """The bytes a sealed stream of `plain_bytes` takes."""
    return (plain_bytes // CHUNK) * (CHUNK + TAG) + plain_bytes % CHUNK + TAG


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


def seal_chunks(key: bytes, read: Callable[[int], bytes]) -> Iterator[bytes]:
    """The sealed chunks of what `read` gives, one at a time (a 500 MB scan never sits in memory)."""
    aead = AESGCM(key)
    index = 0
    while True:
        block = _read_full(read, CHUNK)
        final = len(block) < CHUNK
        yield aead.encrypt(_nonce(index, final), block, None)
        if final:
            return
        index += 1


def seal_bytes(key: bytes, data: bytes) -> bytes:
    view, position = memoryview(data), 0

    def read(n: int) -> bytes:
        nonlocal position
        block = bytes(view[position:position + n])
        position += len(block)
        return block

    return b"".join(seal_chunks(key, read))


def open_bytes(key: bytes, data: bytes) -> bytes:
    """The plaintext of a sealed stream held in memory; SealedError when it does not open."""
    import io

    return OpenedStream(key, io.BytesIO(data)).read()


def seal_file(key: bytes, source: BinaryIO, target: BinaryIO) -> tuple[int, str]:
    """Seal `source` into `target`; (plaintext bytes, plaintext SHA-256) for content addressing."""
    digest, size = hashlib.sha256(), 0

    def read(n: int) -> bytes:
        nonlocal size
        block = source.read(n)
        digest.update(block)
        size += len(block)
        return block

    for chunk in seal_chunks(key, read):
        target.write(chunk)
    return size, digest.hexdigest()


class OpenedStream:
    """A readable stream of the plaintext of a sealed stream (`read(n)`), checked chunk by chunk.

    Raises SealedError at the first chunk that does not open, or when the stream ends before its final
    chunk or goes on after it: a reader never gets a byte that was not sealed with this key, in this place.
    """

    def __init__(self, key: bytes, raw: BinaryIO):
        self._aead = AESGCM(key)
        self._raw = raw
        self._index = 0
        self._buffer = b""
        self._done = False

    def _next_chunk(self) -> None:
        sealed = _read_full(self._raw.read, CHUNK + TAG)
        final = len(sealed) < CHUNK + TAG
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

    def read(self, size: int = -1) -> bytes:
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


class Envelope:
    """The keys of one bundle sealed to one recipient: `sealed_to(public)` at the writer, `opened` at the reader."""

    def __init__(self, secret: bytes, ephemeral: bytes, recipient: bytes):
        self._secret = secret
        self.ephemeral, self.recipient = ephemeral, recipient

    @classmethod
    def sealed_to(cls, recipient: bytes) -> "Envelope":
        """A new envelope to the raw X25519 public key `recipient` (a fresh ephemeral key each time)."""
        ephemeral = X25519PrivateKey.generate()
        try:
            shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(bytes(recipient)))
        except ValueError as exc:
            raise SealedError(f"not an X25519 public key: {exc}") from exc
        public = raw_public(ephemeral)
        return cls(cls._secret_of(shared, public, bytes(recipient)), public, bytes(recipient))

    @classmethod
    def opened(cls, header: Any, own_public: bytes, agree: Callable[[bytes], bytes]) -> "Envelope":
        """The envelope a manifest's `header` describes, opened with `agree` (the recipient's key agreement).
        SealedError when the header is malformed or names another key than `own_public`."""
        if not isinstance(header, dict) or header.get("scheme") != SCHEME:
            raise SealedError("the bundle is not sealed with a scheme this program knows")
        if header.get("to") != key_id_of(own_public):
            raise SealedError("the bundle is sealed to another key")
        try:
            ephemeral = base64.b64decode(str(header.get("ephemeral", "")), validate=True)
            shared = agree(ephemeral)
        except ValueError as exc:
            raise SealedError(f"the bundle's ephemeral key is damaged: {exc}") from exc
        return cls(cls._secret_of(shared, ephemeral, own_public), ephemeral, own_public)

    @staticmethod
    def _secret_of(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
        if shared == bytes(len(shared)):
            raise SealedError("a degenerate key agreement")  # a low-order point: refused, never used as a key
        return derive(shared, b"legal-aid bundle envelope", salt=ephemeral + recipient)

    def header(self) -> dict[str, str]:
        """What the manifest says about the sealing (public values only)."""
        return {"scheme": SCHEME, "to": key_id_of(self.recipient),
                "ephemeral": base64.b64encode(self.ephemeral).decode("ascii")}

    def key_for(self, member: str) -> bytes:
        """The key of one member, its name bound in."""
        return derive(self._secret, b"legal-aid bundle member\x00" + member.encode("utf-8"))
