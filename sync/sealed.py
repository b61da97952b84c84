"""Authenticated encryption of streams, and of bundles to their recipient's key (Qt-free; both ends use it).

A sealed stream is desktop/records/streamseal.py's (AES-256-GCM in authenticated chunks, the product's one
stream cipher), here in chunks of CHUNK plaintext bytes (64 KiB). A key seals one stream only: callers
derive a key per stream (`derive`), never reuse one.

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

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from desktop.records import streamseal
from desktop.records.streamseal import TAG, SealedError, derive
from sync.limits import SEALED_CHUNK_BYTES

__all__ = ["CHUNK", "TAG", "SCHEME", "SealedError", "derive", "key_id_of", "raw_public", "sealed_size", "seal_chunks",
           "seal_bytes", "open_bytes", "seal_file", "OpenedStream", "Envelope"]

CHUNK = SEALED_CHUNK_BYTES
SCHEME = "x25519-hkdf-sha256-aes256gcm-64k"  # what a bundle's manifest names; nothing else is opened


def key_id_of(public_key: bytes) -> str:
    """Hex SHA-256 of a raw X25519 public key: how a bundle names the key it is sealed to."""
    return hashlib.sha256(public_key).hexdigest()


def raw_public(private_key: X25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sealed_size(plain_bytes: int) -> int:
    """The bytes a sealed bundle member of `plain_bytes` takes."""
    return streamseal.sealed_size(plain_bytes, CHUNK)


def seal_chunks(key: bytes, read: Callable[[int], bytes]) -> Iterator[bytes]:
    """The sealed chunks of what `read` gives, one at a time (a 500 MB scan never sits in memory)."""
    return streamseal.seal_chunks(key, read, CHUNK)


def seal_bytes(key: bytes, data: bytes) -> bytes:
    return streamseal.seal_bytes(key, data, CHUNK)


def open_bytes(key: bytes, data: bytes) -> bytes:
    """The plaintext of a sealed stream held in memory; SealedError when it does not open."""
    return streamseal.open_bytes(key, data, CHUNK)


def seal_file(key: bytes, source: BinaryIO, target: BinaryIO) -> tuple[int, str]:
    """Seal `source` into `target`; (plaintext bytes, plaintext SHA-256) for content addressing."""
    return streamseal.seal_file(key, source, target, CHUNK)


class OpenedStream(streamseal.OpenedStream):
    """The plaintext of a sealed bundle member, read chunk by chunk (streamseal.OpenedStream at CHUNK)."""

    def __init__(self, key: bytes, raw: BinaryIO):
        super().__init__(key, raw, CHUNK)


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
