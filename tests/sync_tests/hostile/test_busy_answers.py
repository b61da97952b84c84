"""Issue 17: a "busy, come back in N s" answer is believed only so far. Even signed with the county's own key (a
county gone wrong, or its key misused), an absurd Retry-After never makes a station wait past MAX_RETRY_AFTER_SECONDS
at a time nor MAX_BUSY_WAIT_SECONDS in all; the round then ends quietly and nothing waiting is lost."""

from __future__ import annotations

import time

import pytest
import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

from desktop.records.canonical import canonical_json
from sync.limits import MAX_BUSY_WAIT_SECONDS, MAX_RETRY_AFTER_SECONDS
from sync.outbox import pending_count
from sync.protocol import H_COUNTY_SIGNATURE, H_NONCE, H_SERVER_TIME, H_STATION, answer_signing_string, b64
from sync_tests.test_sync import engine, record_some


class ForeverBusy(HTTPAdapter):
    """The county's real answers, except that every batch is answered "busy" with `retry_after`, signed with the
    county's key and bound to the request, so the station takes it for the county's word."""

    def __init__(self, county, retry_after) -> None:
        super().__init__()
        self.county, self.retry_after, self.busy = county, retry_after, 0

    def send(self, request, **kw):
        if not (request.method == "POST" and request.path_url.startswith("/v1/changes")):
            return super().send(request, **kw)
        self.busy += 1
        body = canonical_json({"error": "busy", "message": "busy", "message_zh": "忙", "retry_after": self.retry_after})
        body = body.encode("utf-8")
        server_time = str(int(time.time()))
        signed = answer_signing_string(request.headers[H_NONCE], "POST", request.path_url, request.headers[H_STATION],
                                       503, server_time, body)
        answer = requests.Response()
        answer.status_code, answer._content, answer.request, answer.url = 503, body, request, request.url
        answer.headers = CaseInsensitiveDict({H_SERVER_TIME: server_time, "Retry-After": "99999999999",
                                              H_COUNTY_SIGNATURE: b64(self.county.store.key().sign(signed))})
        return answer


@pytest.mark.parametrize("retry_after", [10 ** 400, 10 ** 12, 1e308, -5, 0, "never", None, [3600]])
def test_an_absurd_retry_after_is_bounded_and_the_round_ends_quietly(enrolled, county, retry_after):
    record_some(enrolled)
    waiting = pending_count(enrolled.station.db)
    liar = ForeverBusy(county, retry_after)
    session = requests.Session()
    session.mount("http://", liar)
    waits: list[float] = []
    result = engine(enrolled, session=session, sleep=waits.append).sync_round()
    assert liar.busy >= 2 and len(waits) == liar.busy - 1  # it did come back, as told, until its patience ran out
    assert all(0.8 <= w <= 1.2 * MAX_RETRY_AFTER_SECONDS for w in waits)
    assert sum(waits) <= MAX_BUSY_WAIT_SECONDS
    assert result.error_code == "busy" and not result.complete
    assert result.pending == waiting == pending_count(enrolled.station.db)  # nothing acknowledged, nothing lost
    assert engine(enrolled).sync_round().complete  # the county, itself again, takes everything
    assert county.store.change_count("TS01") == waiting
