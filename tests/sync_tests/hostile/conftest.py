"""The hostile-station suite's actors, against the real county server on loopback (issue #15).

- `Hostile`: an enrolled station that speaks the protocol by hand - it signs whatever it likes, with its
  own enrolled key, and sends bodies the station program never would.
- an anonymous client: plain `requests` or a raw socket, no key at all.
- `Replayer` (test_answers.py): an on-path observer that records the county's genuine signed answers and
  plays them back to later requests, as a transport adapter under the station's own requests session.
"""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from desktop.records.canonical import canonical_json
from sync.identity import StationKey
from sync.protocol import change_entry, encode_json_gzip, sha256_hex, sign_request


class Hostile:
    """A station the county enrolled, sending what it likes, signed with its enrolled key."""

    def __init__(self, county, code: str, key: StationKey):
        self.county, self.code, self.key = county, code, key
        self.session = requests.Session()

    def send(self, method: str, path: str, body: bytes = b"", *, headers: dict[str, str] | None = None,
             clock_offset: int = 0, now: float | None = None, gzip: bool = True) -> requests.Response:
        import time

        signed = sign_request(self.key.sign, self.code, method, path, body, now if now is not None else time.time(),
                              clock_offset)
        if body:
            signed["Content-Type"] = "application/json" if gzip else "application/octet-stream"
            if gzip:
                signed["Content-Encoding"] = "gzip"
        signed.update(headers or {})
        return self.session.request(method, self.county.url + path, data=body or None, headers=signed, timeout=60)

    def push(self, changes: list[dict]) -> requests.Response:
        return self.send("POST", "/v1/changes", encode_json_gzip({"station": self.code, "changes": changes}))

    def change(self, record_type: str, data: dict, *, record_id: str | None = None, version: int = 1,
               action: str = "create", station: str | None = None) -> dict:
        """One change entry as the station program writes it (or with another station's field, when asked)."""
        change_id = str(uuid.uuid4())
        payload = canonical_json({"change_id": change_id, "record_type": record_type,
                                  "record_id": record_id or str(uuid.uuid4()), "version": version, "action": action,
                                  "station": station or self.code, "lamport": version, "at": "2026-03-01T09:00:00+08:00",
                                  "by": "李芳", "reason": None, "data": data})
        return change_entry(change_id, payload, sha256_hex(payload.encode("utf-8")))


def enroll_by_hand(county, code: str, key: StationKey) -> None:
    """Enroll `code` as a station program does, over the wire: the root from GET /v1/root checked against the
    enrollment sheet's fingerprint, then POST /v1/enroll with the one-time code, the sync key and a certificate
    request for a document key; the county's answer must chain to that root and name these keys."""
    from sync import certificates as certs
    from sync.enrollment import enrollment_request
    from sync.identity import DocumentKey
    from sync.trust import check_answer

    one_time = county.store.add_station(code, "恶意测试站", "测试镇", "fixed")
    root = certs.check_root(certs.load_pem(requests.get(county.url + "/v1/root", timeout=10).content))
    expected = certs.normalise_fingerprint(county.fingerprint)
    assert certs.fingerprint_hex(root) == expected  # what the sheet says
    document_key = DocumentKey.generate()
    answer = requests.post(county.url + "/v1/enroll", json=enrollment_request(key, document_key, code, one_time),
                           timeout=10)
    assert answer.status_code == 200, answer.text
    check_answer(answer.json(), key, document_key, code, root_fingerprint=expected)


@pytest.fixture
def hostile(county):
    """An enrolled station EV01 that writes its requests by hand."""
    key = StationKey.generate()
    enroll_by_hand(county, "EV01", key)
    return Hostile(county, "EV01", key)


def acks_of(response: requests.Response) -> list[dict]:
    assert response.status_code == 200, response.text
    return json.loads(response.content)["acks"]
