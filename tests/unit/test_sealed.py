"""Sealed streams (sync/sealed.py): what was sealed opens with its key, in its order, whole - and nothing else."""

from __future__ import annotations

import io
import os

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from sync.identity import StationKey
from sync.sealed import (CHUNK, TAG, Envelope, OpenedStream, SealedError, open_bytes, raw_public, seal_bytes,
                         seal_file, sealed_size)

KEY = bytes(range(32))


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17])
def test_what_is_sealed_opens_whole_and_takes_the_size_it_says(size):
    data = os.urandom(size)
    sealed = seal_bytes(KEY, data)
    assert len(sealed) == sealed_size(size)
    assert open_bytes(KEY, sealed) == data
    # the clear bytes are not in the sealed ones (a run of 16 or more: one random byte is in 17 random bytes 6 % of runs)
    assert size < 16 or data[:50] not in sealed
    stream = OpenedStream(KEY, io.BytesIO(sealed))  # read in odd pieces, as a file store reads
    got = b"".join(iter(lambda: stream.read(7777), b""))
    assert got == data


def test_a_stream_cut_reordered_altered_continued_or_opened_with_another_key_is_refused():
    data = os.urandom(3 * CHUNK + 100)
    sealed = seal_bytes(KEY, data)
    step = CHUNK + TAG
    chunks = [sealed[i:i + step] for i in range(0, len(sealed), step)]
    assert len(chunks) == 4
    cases = {
        "cut at a chunk boundary": b"".join(chunks[:3]),
        "cut inside a chunk": sealed[:-5],
        "the final chunk dropped and the one before marked nothing": b"".join(chunks[:2]),
        "two chunks swapped": chunks[1] + chunks[0] + chunks[2] + chunks[3],
        "a chunk repeated": chunks[0] + chunks[0] + chunks[1] + chunks[2] + chunks[3],
        "one bit changed": sealed[:100] + bytes([sealed[100] ^ 1]) + sealed[101:],
        "bytes after the final chunk": sealed + b"\0",
        "nothing at all": b"",
    }
    for why, altered in cases.items():
        with pytest.raises(SealedError):
            open_bytes(KEY, altered)
            pytest.fail(why)
    with pytest.raises(SealedError):
        open_bytes(bytes(32), sealed)


def test_a_file_is_sealed_as_a_stream_and_named_by_its_plaintext_hash(tmp_path):
    import hashlib

    data = os.urandom(CHUNK * 2 + 5)
    target = io.BytesIO()
    size, sha256 = seal_file(KEY, io.BytesIO(data), target)
    assert (size, sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert open_bytes(KEY, target.getvalue()) == data


def test_an_envelope_opens_only_for_its_recipient_and_each_member_has_its_own_key():
    county, station = StationKey.generate(), StationKey.generate()
    envelope = Envelope.sealed_to(county.agreement_public_key)
    opened = Envelope.opened(envelope.header(), county.agreement_public_key, county.agree)
    assert opened.key_for("parts/0001.json.gz") == envelope.key_for("parts/0001.json.gz")
    assert envelope.key_for("parts/0001.json.gz") != envelope.key_for("parts/0002.json.gz")
    with pytest.raises(SealedError, match="another key"):
        Envelope.opened(envelope.header(), station.agreement_public_key, station.agree)
    # the station's key claimed as its own by a stranger: the agreement gives another secret
    stranger = X25519PrivateKey.generate()
    forged = Envelope.opened(envelope.header(), county.agreement_public_key,
                             lambda peer: stranger.exchange(X25519PublicKey.from_public_bytes(peer)))
    assert forged.key_for("parts/0001.json.gz") != envelope.key_for("parts/0001.json.gz")
    # a low-order point as the ephemeral key gives no usable secret
    header = dict(envelope.header(), ephemeral="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
    with pytest.raises(SealedError):
        Envelope.opened(header, county.agreement_public_key, county.agree)
    assert raw_public(stranger) != county.agreement_public_key


def test_the_agreement_key_is_derived_from_the_signing_key_and_stable():
    key = StationKey.generate()
    again = StationKey(key._private_key)
    assert key.agreement_public_key == again.agreement_public_key != StationKey.generate().agreement_public_key
    assert len(key.agreement_public_key) == 32
