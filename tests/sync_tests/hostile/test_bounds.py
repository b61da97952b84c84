"""Issue #15, H1 and M8: every request a station sends is bounded (sync/limits.py), through the network and
through USB bundles, and the county's memory stays under its ceiling while a station sends the largest
batch allowed and a gzip bomb."""

from __future__ import annotations

import gzip
import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from sync.limits import (MAX_ATTACHMENT_BYTES, MAX_BATCH_BODY_BYTES, MAX_BATCH_CHANGES, MAX_BATCH_JSON_BYTES,
                         MAX_STRING_CHARS, PARTIAL_TTL_SECONDS, SERVER_RSS_CEILING_BYTES)
from sync.protocol import encode_json_gzip, sha256_hex
from helpers.county import county_process, enrolled_county
from sync_tests.hostile.conftest import Hostile, acks_of
from tests.unit.test_store import application



def numbered(code: str, serial: int, **changes) -> dict:
    return application(number=f"{code}-2026-{serial:05d}", **changes)


def gzip_bomb(entries: int) -> bytes:
    """A batch that inflates to `entries` empty changes: a few tens of KB on the wire."""
    stream = gzip.compress(b'{"station":"EV01","changes":[' + b"{}," * entries + b"{}]}", compresslevel=9)
    return stream


def test_a_gzip_bomb_is_refused_after_the_limit_without_touching_the_database(hostile, county):
    bomb = gzip_bomb(MAX_BATCH_JSON_BYTES // 3 + 1000)
    assert len(bomb) < 100_000  # the "65 KB request"
    answer = hostile.send("POST", "/v1/changes", bomb)
    assert answer.status_code == 400 and answer.json()["error"] == "bad_batch"
    assert county.store.change_count() == 0


def test_a_batch_of_more_entries_than_allowed_is_refused_whole(hostile, county):
    changes = [hostile.change("application", numbered("EV01", i + 1)) for i in range(MAX_BATCH_CHANGES + 1)]
    answer = hostile.push(changes)
    assert answer.status_code == 413 and answer.json()["error"] == "too_large"
    assert county.store.change_count() == 0
    assert len(acks_of(hostile.push(changes[:MAX_BATCH_CHANGES]))) == MAX_BATCH_CHANGES  # the limit itself passes


@pytest.mark.parametrize("shape", ["deep_envelope", "deep_payload", "long_string", "huge_integer", "foreign_id",
                                   "lone_surrogate_id", "lone_surrogate_payload", "escaped_lone_surrogate"])
def test_deep_long_or_odd_json_is_refused_with_a_4xx_or_a_rejected_ack_never_a_500(hostile, county, shape):
    good = hostile.change("application", numbered("EV01", 1))
    if shape == "deep_envelope":  # the batch itself nested 100,000 deep: the parser must not blow up
        body = gzip.compress(b'{"station":"EV01","changes":[' + b"[" * 100_000 + b"]" * 100_000 + b"]}")
        answer = hostile.send("POST", "/v1/changes", body)
        assert answer.status_code == 400
    else:
        if shape == "deep_payload":  # a change whose payload is nested 100,000 deep (it blocked its batch for ever)
            payload = "[" * 100_000 + "]" * 100_000
            bad = {"change_id": "deep-1", "sha256": sha256_hex(payload.encode()), "payload": payload}
        elif shape == "long_string":
            bad = hostile.change("application", numbered("EV01", 2, facts="长" * (MAX_STRING_CHARS + 1)))
        elif shape == "huge_integer":
            bad = hostile.change("application", numbered("EV01", 2), version=2 ** 63)
        elif shape == "foreign_id":
            bad = dict(hostile.change("application", numbered("EV01", 2)), change_id="x" * 10_000)
        elif shape == "lone_surrogate_id":  # JSON lets "\ud800" through; nothing can encode it (it was a 500)
            bad = dict(hostile.change("application", numbered("EV01", 2)), change_id="\ud800")
        elif shape == "lone_surrogate_payload":
            bad = hostile.change("application", numbered("EV01", 2))
            bad["payload"] = bad["payload"].replace("追索劳动报酬纠纷", "\ud800")
        else:  # the payload's own JSON escapes one, in a void (no field rules read it): it was a 500 at the writer
            bad = hostile.change("application", numbered("EV01", 2), action="void")
            payload = bad["payload"].replace("追索劳动报酬纠纷", "\\ud800")
            bad.update(payload=payload, sha256=sha256_hex(payload.encode()))
        # written with ASCII escapes, as a station program never would: the lone surrogates travel as "\ud800"
        body = gzip.compress(json.dumps({"station": "EV01", "changes": [bad, good]}).encode("ascii"))
        acks = acks_of(hostile.send("POST", "/v1/changes", body))
        assert acks[0]["status"] == "rejected" and acks[1]["status"] == "accepted"  # one bad change blocks nothing
        assert len(str(acks[0]["change_id"] or "")) <= 64  # the ack echoes nothing unbounded
    assert county.store.change_count("EV01") == (0 if shape == "deep_envelope" else 1)


def test_a_manifest_promising_more_than_any_station_may_attach_is_refused(hostile, county):
    import base64

    from desktop.records.canonical import canonical_json

    app = hostile.change("application", numbered("EV01", 1))
    record_id = __import__("json").loads(app["payload"])["record_id"]
    manifest = {"attachment_id": "a1", "record_type": "application", "record_id": record_id, "slot": "id_card",
                "sha256": "ab" * 32, "size": 1 << 40, "media_type": "application/pdf", "original_name": "x.pdf",
                "station": "EV01", "key_id": hostile.key.key_id}
    signature = base64.b64encode(hostile.key.sign(canonical_json(manifest).encode("utf-8"))).decode("ascii")
    attachment = hostile.change("attachment", {"manifest": manifest, "signature": signature}, record_id="a1")
    acks = acks_of(hostile.push([app, attachment]))
    assert [a["status"] for a in acks] == ["accepted", "rejected"] and "500 MB" in acks[1]["reason_zh"]
    assert MAX_ATTACHMENT_BYTES == 500 * 1024 * 1024  # the station's own largest setting


def _promise_file(hostile, size: int, seed: bytes) -> tuple[str, bytes]:
    """An accepted attachment manifest for a file of `size` bytes; (sha256, bytes)."""
    import base64
    import hashlib

    from desktop.records.canonical import canonical_json

    data = (hashlib.sha256(seed).digest() * (size // 32 + 1))[:size]
    sha256 = hashlib.sha256(data).hexdigest()
    app = hostile.change("application", numbered("EV01", int.from_bytes(seed[:2], "big") % 90000 + 1))
    record_id = __import__("json").loads(app["payload"])["record_id"]
    manifest = {"attachment_id": f"att-{sha256[:8]}", "record_type": "application", "record_id": record_id,
                "slot": "id_card", "sha256": sha256, "size": size, "media_type": "application/pdf",
                "original_name": "x.pdf", "station": "EV01", "key_id": hostile.key.key_id}
    signature = base64.b64encode(hostile.key.sign(canonical_json(manifest).encode("utf-8"))).decode("ascii")
    acks = acks_of(hostile.push([app, hostile.change("attachment", {"manifest": manifest, "signature": signature},
                                                      record_id=manifest["attachment_id"])]))
    assert [a["status"] for a in acks] == ["accepted", "accepted"], acks
    return sha256, data


def test_one_stations_unfinished_uploads_are_capped_and_stale_parts_expire(hostile, county, monkeypatch):
    from sync.server import files

    monkeypatch.setattr(files, "MAX_PARTIAL_BYTES_PER_STATION", 150_000)  # the server runs in this process
    first, data1 = _promise_file(hostile, 100_000, b"first")
    second, data2 = _promise_file(hostile, 100_000, b"second")
    put = lambda sha, data: hostile.send("PUT", f"/v1/files/{sha}?offset=0", data, gzip=False)  # noqa: E731
    assert put(first, data1[:90_000]).json()["received"] == 90_000  # left unfinished
    refused = put(second, data2[:90_000])
    assert refused.status_code == 413 and refused.json()["error"] == "too_large"
    # a part untouched for PARTIAL_TTL_SECONDS is deleted, and the room is there again
    part = county.data_dir / "uploads" / "EV01" / f"{first}.part"
    old = time.time() - PARTIAL_TTL_SECONDS - 60
    os.utime(part, (old, old))
    assert put(second, data2[:90_000]).json()["received"] == 90_000
    assert not part.exists()


def _bundle(hostile, county, tmp_path: Path, parts: dict[str, bytes]) -> Path:
    from sync.bundle_file import COUNTY, FORMAT, FORMAT_VERSION, KIND_CHANGES, write_bundle
    from sync.protocol import b64

    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": KIND_CHANGES, "from": "EV01",
                "to": COUNTY, "station": "EV01", "station_key_id": hostile.key.key_id,
                "county_key_id": county.store.key().key_id, "created_at": "2026-03-01T09:00:00+08:00",
                "lamport": None, "change_count": 0, "events_after": 0, "file_count": 0,
                "station_agreement_key": b64(hostile.key.agreement_public_key)}
    path = tmp_path / f"hostile-{len(list(tmp_path.glob('hostile-*')))}.bundle"
    write_bundle(path, manifest, parts, hostile.key.sign, recipient=county.store.key().agreement_public_key)
    return path


def test_a_bundle_with_too_many_parts_or_an_oversized_part_is_refused_before_anything_is_applied(
        hostile, county, tmp_path, monkeypatch):
    from sync import bundle_file
    from sync.bundle_file import BundleError
    from sync.server.bundle_import import county_import

    batch = lambda i: encode_json_gzip({"station": "EV01", "changes": [  # noqa: E731
        hostile.change("application", numbered("EV01", i))]})
    monkeypatch.setattr(bundle_file, "MAX_BUNDLE_PARTS", 3)
    path = _bundle(hostile, county, tmp_path, {f"parts/{i:04d}.json.gz": batch(i) for i in range(1, 5)})
    with pytest.raises(BundleError) as refused:
        county_import(county.store, path, tmp_path / "reply")
    assert refused.value.code == "tampered" and "parts" in str(refused.value)
    monkeypatch.setattr(bundle_file, "MAX_BUNDLE_PARTS", 5000)
    bomb = _bundle(hostile, county, tmp_path, {"parts/0001.json.gz": batch(1), "parts/0002.json.gz": gzip_bomb(
        MAX_BATCH_JSON_BYTES // 3 + 1000)})
    with pytest.raises(BundleError):
        county_import(county.store, bomb, tmp_path / "reply")
    assert county.store.change_count() == 0  # the good first part was not applied either
    many = _bundle(hostile, county, tmp_path, {"parts/0001.json.gz": encode_json_gzip({"station": "EV01", "changes": [
        hostile.change("application", numbered("EV01", i + 1)) for i in range(MAX_BATCH_CHANGES + 1)]})})
    with pytest.raises(BundleError):
        county_import(county.store, many, tmp_path / "reply")
    assert county.store.change_count() == 0


def test_a_bundle_listing_a_file_larger_than_any_station_may_attach_is_refused(hostile, county, tmp_path):
    from sync.bundle_file import FILES_PREFIX, BundleError, BundleFile

    forged = tmp_path / "forged.bundle"
    _write_with_listing(hostile, county, forged, {f"{FILES_PREFIX}{'ab' * 32}": {"sha256": "ab" * 32, "bytes": 1 << 40}})
    with pytest.raises(BundleError) as refused:
        BundleFile(forged).files()
    assert "at most" in str(refused.value)


def _write_with_listing(hostile, county, path: Path, listing: dict) -> None:
    """A bundle whose signed manifest lists `listing` as its files (no such members)."""
    from desktop.records.canonical import canonical_json
    from sync.bundle_file import COUNTY, FORMAT, FORMAT_VERSION, KIND_CHANGES, MANIFEST, SEAL_BYTES, SIGNATURE
    from sync.protocol import b64

    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": KIND_CHANGES, "from": "EV01",
                "to": COUNTY, "station": "EV01", "station_key_id": hostile.key.key_id,
                "county_key_id": county.store.key().key_id, "created_at": "2026-03-01T09:00:00+08:00",
                "lamport": None, "change_count": 0, "events_after": 0, "files": listing, "sealing": {}}
    data = canonical_json(manifest).encode("utf-8")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(MANIFEST, data)
        z.writestr(SIGNATURE, b64(hostile.key.sign(data)))
        z.comment = b"=" * SEAL_BYTES


# -- the county's memory under the largest requests ------------------------------------------------

def _vm(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no {field}")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's peak memory from /proc")
def test_the_countys_memory_stays_under_its_ceiling_while_a_station_sends_the_largest_requests(tmp_path):
    key = enrolled_county(tmp_path / "county")
    with county_process(tmp_path / "county") as (server, url):
        county = type("C", (), {"url": url})()
        hostile = Hostile(county, "EV01", key)
        started = _vm(server.pid, "VmHWM")
        # H1 at full size: the gzip bomb of the issue (32 M entries in ~65 KB) ...
        assert hostile.send("POST", "/v1/changes", gzip_bomb(32_000_000)).status_code == 400
        # ... the largest batch allowed: MAX_BATCH_CHANGES changes, as close to MAX_BATCH_JSON_BYTES as fits ...
        facts = "申请人务工被拖欠工资。" * 450  # 4,950 characters, under the field's 5,000
        changes = [hostile.change("application", numbered("EV01", i + 1, facts=facts))
                   for i in range(MAX_BATCH_CHANGES)]
        body = encode_json_gzip({"station": "EV01", "changes": changes})
        assert len(gzip.decompress(body)) > MAX_BATCH_JSON_BYTES * 0.9
        assert [a["status"] for a in acks_of(hostile.send("POST", "/v1/changes", body))] == \
            ["accepted"] * MAX_BATCH_CHANGES
        # ... nesting as deep as the bytes allow, and 8 anonymous 64 MiB posts at once
        assert hostile.send("POST", "/v1/changes", gzip.compress(b"[" * MAX_BATCH_JSON_BYTES)).status_code == 400
        import socket

        sockets = []
        for declared in [67108864] * 4 + [MAX_BATCH_BODY_BYTES] * 4:  # past any route's limit / at the batch's
            s = socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=10)
            s.sendall(f"POST /v1/changes HTTP/1.1\r\nHost: x\r\nContent-Length: {declared}\r\n\r\n".encode()
                      + b"x" * 1_000_000)
            sockets.append((s, b"HTTP/1.1 413" if declared > MAX_BATCH_BODY_BYTES else b"HTTP/1.1 401"))
        for s, expected in sockets:
            assert s.recv(4096).startswith(expected)
            s.close()
        peak = _vm(server.pid, "VmHWM")
    print(f"county server peak RSS: {started / 2**20:.0f} MiB at start, {peak / 2**20:.0f} MiB after the largest "
          f"requests (ceiling {SERVER_RSS_CEILING_BYTES / 2**20:.0f} MiB)")
    assert peak < SERVER_RSS_CEILING_BYTES


def test_an_ack_stays_small_whatever_the_change_quoted(hostile, county):
    """A rejected change's reason may quote what the station sent: the answer is bounded all the same."""
    foreign = hostile.change("application", numbered("EV01", 1), station="X" * 19_000)
    acks = acks_of(hostile.push([foreign] * 5))
    assert all(a["status"] == "rejected" and len(a["reason"]) <= 2000 and len(a["reason_zh"]) <= 2000
               for a in acks)


def test_a_bundle_part_larger_than_a_network_batch_is_refused_unread(hostile, county, tmp_path):
    from sync.bundle_file import BundleError
    from sync.limits import MAX_BATCH_BODY_BYTES
    from sync.server.bundle_import import county_import

    big = gzip.compress(os.urandom(MAX_BATCH_BODY_BYTES + 1024), compresslevel=0)  # stored, not inflatable
    path = _bundle(hostile, county, tmp_path, {"parts/0001.json.gz": big})
    with pytest.raises(BundleError) as refused:
        county_import(county.store, path, tmp_path / "reply")
    assert "too large" in str(refused.value) and county.store.change_count() == 0
