"""Issue #15, H3: an on-path observer replays the county's genuine signed answers. Every answer names the
request it answers (nonce, method, path, station), the station checks it, and a file is held only when the
county's answer carries its hash and size."""

from __future__ import annotations

from collections.abc import Callable

import requests
from requests.adapters import HTTPAdapter

from sync.uploads import waiting_files
from sync_tests.test_attachment_upload import attach
from sync_tests.test_attachment_upload import engine as file_engine
from tests.unit.test_store import application


class Replayer(HTTPAdapter):
    """On the wire between the station and the county: passes every request on and records the county's
    genuine answer; when `substitute(request)` returns an answer, that recorded answer is played instead."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[requests.PreparedRequest, requests.Response]] = []
        self.substitute: Callable[[requests.PreparedRequest], requests.Response | None] | None = None
        self.replayed = 0

    def send(self, request, **kw):
        if self.substitute is not None:
            recorded = self.substitute(request)
            if recorded is not None:
                self.replayed += 1
                return recorded
        response = super().send(request, **kw)
        response.content  # noqa: B018 - read now, so it can be played again later
        self.seen.append((request, response))
        return response

    def answer_to(self, method: str, path_start: str, station: str | None = None) -> requests.Response:
        return next(r for q, r in reversed(self.seen) if q.method == method and q.path_url.startswith(path_start)
                    and (station is None or q.headers.get("X-Station") == station))


def session_with(replayer: Replayer) -> requests.Session:
    session = requests.Session()
    session.mount("http://", replayer)
    return session


def test_another_stations_genuine_events_answer_is_refused_and_the_cursor_does_not_jump(enrolled, county, hostile):
    # TS01's own decision is event 1; EV01's are events 2 and 3
    own = enrolled.station.store.save("application", application(), user="李芳")
    assert file_engine(enrolled).sync_round().complete
    county.store.decide("accept", own.number, {})
    for serial in (1, 2):
        number = f"EV01-2026-{serial:05d}"
        assert hostile.push([hostile.change("application", application(number=number))]).status_code == 200
        county.store.decide("accept", number, {})
    observer = Replayer()
    their = session_with(observer)
    hostile.session = their  # the observer sits on EV01's link too and keeps EV01's genuine answer
    assert len(hostile.send("GET", "/v1/events?after=0&limit=500").json()["events"]) == 2
    captured = observer.answer_to("GET", "/v1/events", "EV01")
    observer.substitute = lambda q: captured if q.path_url.startswith("/v1/events") else None
    hit = file_engine(enrolled, session=session_with(observer)).sync_round()
    assert observer.replayed >= 1 and hit.error_code == "bad_answer"
    assert enrolled.station.db.execute("SELECT count(*) FROM county_events").fetchone()[0] == 0
    assert enrolled.station.db.execute("SELECT value FROM sync_state WHERE key = 'events_cursor'").fetchone() in \
        (None, ("0",))
    healed = file_engine(enrolled).sync_round()
    assert healed.complete and healed.events == 1  # its own decision is not skipped
    assert enrolled.station.store.get("application", own.id).status == "accepted"


def test_an_earlier_answer_to_the_same_request_is_refused(enrolled, county):
    observer = Replayer()
    assert file_engine(enrolled, session=session_with(observer)).sync_round().complete
    earlier = observer.answer_to("GET", "/v1/events")
    observer.substitute = lambda q: earlier if q.path_url.startswith("/v1/events") else None
    assert file_engine(enrolled, session=session_with(observer)).sync_round().error_code == "bad_answer"


def test_a_replayed_complete_answer_for_another_file_never_marks_a_file_held(enrolled, county, tmp_path):
    first = attach(enrolled, tmp_path, 300_000, 71)
    observer = Replayer()
    assert file_engine(enrolled, session=session_with(observer)).sync_round().complete
    complete = observer.answer_to("PUT", f"/v1/files/{first.sha256}")
    assert complete.json()["status"] == "complete"
    second = attach(enrolled, tmp_path, 300_000, 72)
    observer.substitute = lambda q: complete if q.path_url.startswith("/v1/files/") else None
    result = file_engine(enrolled, session=session_with(observer)).sync_round()
    assert observer.replayed >= 1 and not result.complete
    assert [f.sha256 for f in waiting_files(enrolled.station.db)] == [second.sha256]  # still waiting: not "held"
    observer.substitute = None
    assert file_engine(enrolled, session=session_with(observer)).sync_round().complete
    assert (county.data_dir / "files" / second.sha256[:2] / second.sha256).exists()


def test_a_reply_bundle_marks_a_file_held_only_by_its_hash_and_size(enrolled, county, tmp_path):
    """A county reply that names a file without its size (an older county), or with another size, marks nothing."""
    from sync.bundle import export_bundle, import_reply
    from sync.bundle_file import COUNTY, FORMAT, FORMAT_VERSION, KIND_REPLY, REPLY_PART, write_bundle
    from sync.protocol import encode_json_gzip

    att = attach(enrolled, tmp_path, 50_000, 73)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "out.bundle")
    county_key = county.store.key()

    def reply(held: list) -> int:
        path = tmp_path / f"reply-{len(list(tmp_path.glob('reply-*')))}.bundle"
        manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": KIND_REPLY, "from": COUNTY,
                    "to": "TS01", "station": "TS01", "station_key_id": enrolled.key.key_id,
                    "county_key_id": county_key.key_id, "created_at": "2026-03-01T09:00:00+00:00"}
        body = encode_json_gzip({"acks": [], "events": [], "cursor": 0, "after": 0, "held": held})
        write_bundle(path, manifest, {REPLY_PART: body}, county_key.sign, recipient=enrolled.key.agreement_public_key)
        return import_reply(enrolled.station.db, enrolled.key, "TS01", path).files_sent

    assert reply([att.sha256]) == 0  # a bare hash (what the county's reply named before sealed bundles)
    assert reply([{"sha256": att.sha256, "size": att.size + 1}]) == 0  # another size
    assert [f.sha256 for f in waiting_files(enrolled.station.db)] == [att.sha256]
    assert reply([{"sha256": att.sha256, "size": att.size}]) == 1
    assert reply([{"sha256": att.sha256, "size": att.size}]) == 0  # imported again: nothing new ("0 files, 0 MB")


def test_held_means_the_answer_names_this_files_hash_and_size():
    from sync.uploads import WaitingFile, holds

    f = WaitingFile("ab" * 32, 1000)
    assert holds({"status": "complete", "sha256": f.sha256, "size": 1000, "received": 1000}, f)
    for other in ({"sha256": "cd" * 32}, {"size": 999}, {"received": 10}, {"status": "partial"}, {"sha256": None}):
        assert not holds({"status": "complete", "sha256": f.sha256, "size": 1000, "received": 1000, **other}, f)


def test_the_countys_reply_names_files_by_hash_and_size(enrolled, county, tmp_path):
    from sync.bundle import export_bundle, import_reply
    from sync.bundle_file import REPLY_PART, BundleFile
    from sync.protocol import decode_json_gzip
    from sync.server.bundle_import import county_import

    att = attach(enrolled, tmp_path, 40_000, 74)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "b", vault=enrolled.vault)
    county_import(county.store, tmp_path / "b", tmp_path / "r")
    bundle = BundleFile(tmp_path / "r")
    bundle.unseal(enrolled.key)
    reply = decode_json_gzip(bundle.part(REPLY_PART, 1 << 20), shape=False)
    assert reply["held"] == [{"sha256": att.sha256, "size": att.size}]
    assert import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / "r").files_sent == 1
