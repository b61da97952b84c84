"""Issue #15, L10: the county answers every malformed input with a 4xx, never a 500. Schemathesis draws
requests from the server's OpenAPI schema (valid and invalid ones) for every operation and sends them to the
real server on loopback - signed by an enrolled station on the station routes, with the admin token on the
county center's - a bounded number per operation; the values that broke it before are asked explicitly."""

from __future__ import annotations

import time

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from sync.protocol import sign_request
from sync.server.app import create_app

EXAMPLES_PER_OPERATION = 15  # per operation and mode: about 30 requests each, a few seconds in all


@pytest.fixture
def send(county, hostile, capsys):
    """Send a prepared request as the hostile station would (signed) or as the county center (admin token)."""
    from sync.server.__main__ import main as server_cli

    assert server_cli(["admin-token", "--data-dir", str(county.data_dir)]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    session = requests.Session()

    def do(request: requests.PreparedRequest) -> requests.Response:
        path = request.path_url
        if path.startswith("/v1/admin"):
            request.headers["Authorization"] = f"Bearer {token}"
        elif not path.startswith(("/v1/enroll", "/v1/health")):
            body = request.body or b""
            body = body.encode("utf-8") if isinstance(body, str) else body
            request.headers.update(sign_request(hostile.key.sign, "EV01", request.method, path, body, time.time()))
        return session.send(request, timeout=30)

    return do


@pytest.mark.slow(seconds=40)
def test_no_request_drawn_from_the_schema_makes_a_server_error(county, send):
    schema = schemathesis.openapi.from_dict(create_app(county.data_dir).openapi())
    errors: list[str] = []
    sent = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case) -> None:
                nonlocal sent
                kwargs = case.as_transport_kwargs(base_url=county.url)
                kwargs.pop("timeout", None)
                prepared = requests.Request(**{k: v for k, v in kwargs.items()
                                               if k in ("method", "url", "headers", "params", "data", "json",
                                                        "cookies", "files")}).prepare()
                response = send(prepared)
                sent += 1
                if response.status_code >= 500:
                    errors.append(f"{prepared.method} {prepared.path_url}: {response.status_code} {response.text[:200]}")

            try:
                check()
            except Unsatisfiable:  # nothing to make invalid (e.g. GET /v1/health takes no input)
                assert mode is GenerationMode.NEGATIVE, operation.label
    print(f"schemathesis: {sent} requests, {len(errors)} server errors")
    assert sent > 100 and not errors, "\n".join(errors[:20])


@pytest.mark.parametrize("query", ["offset=9223372036854775808", "offset=-1", "limit=0", "limit=99999999999999999999",
                                   "status=%00", "station=" + "A" * 100])
def test_the_integers_and_strings_that_made_500s_are_4xx(county, send, query):
    answer = send(requests.Request("GET", f"{county.url}/v1/admin/applications?{query}").prepare())
    assert 400 <= answer.status_code < 500, answer.text


@pytest.mark.parametrize("path", ["/v1/events?after=9223372036854775808", "/v1/changes?after=18446744073709551616",
                                  "/v1/events?limit=-5", "/v1/reference?since=-1", "/v1/events?after=1e9",
                                  f"/v1/files/{'ab' * 32}?offset=99999999999999999999"])
def test_station_queries_out_of_range_are_4xx(county, send, path):
    method = "PUT" if path.startswith("/v1/files") else "GET"
    answer = send(requests.Request(method, county.url + path, data=b"x" if method == "PUT" else None).prepare())
    assert 400 <= answer.status_code < 500, answer.text
