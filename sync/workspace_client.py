"""The county workspace's client (Qt-free): the center's staff talk to the county server's /v1/workspace API.

    client = WorkspaceClient("https://county.example:8765", fingerprint_or_root_pem)
    session = client.login("lifang", "password")        # WorkspaceError with the server's Chinese reason
    page = client.queue(QueueFilters(deadline="overdue"))
    view = client.application(page.items[0].application_id)
    event = client.decide(view.application_id, "accept", {}, view.view_version)   # StaleView when someone else
                                                                                  # decided since the view
HTTPS is checked against the county root alone (sync/trust.py): given as PEM, or as the fingerprint on
the enrollment sheet, in which case the root is fetched and compared before anything else is sent.
Every answer is read to a bound (JSON, a material file, an issued PDF) and its shape checked; every
refusal becomes a WorkspaceError whose str() is the reason in Chinese, as the server words it.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

import requests

from desktop.records.errors import CONNECTION, SECURE_CONNECTION, TIMED_OUT, reason_of
from desktop.records.i18n import QT_TRANSLATE_NOOP, Reason, chinese, chinese_text
from sync import certificates as certs
from sync.limits import (MAX_ATTACHMENT_BYTES, MAX_BATCH_JSON_BYTES, MAX_ISSUED_PDF_BYTES, MAX_REPORT_BYTES,
                         MAX_ROSTER_FILE_BYTES, ShapeError, check_json_shape)
from sync.transport import county_session
from sync.trust import check_server_url
from sync.workspace_answers import (  # noqa: F401  (re-exported: the client's callers import them from here)
    Account,
    AddedStation,
    ApplicationView,
    ComplaintEntry,
    ComplaintPage,
    ComplaintView,
    Consultation,
    ConsultationPage,
    Counts,
    Deadline,
    Event,
    FigureRecord,
    FigureRecords,
    HandlingStep,
    IssuedDocument,
    Material,
    Matter,
    MeasureFigure,
    Measures,
    Member,
    NotAllowed,
    PlaceMeasures,
    QueueFilters,
    QueueItem,
    QueuePage,
    RosterImport,
    RosterOverview,
    RosterRefused,
    Session,
    SessionExpired,
    StaleView,
    Station,
    Township,
    Version,
    WorkspaceError,
    _deadline,
    _event,
    _fields,
)

WORKSPACE = "Workspace"  # the translation context of the client's own messages
TIMEOUT = 30
UNREACHABLE = QT_TRANSLATE_NOOP("Workspace", "The county server cannot be reached ({detail}). Check the network and "
                                             "the server address.")
WRONG_ROOT = QT_TRANSLATE_NOOP("Workspace", "The server's root certificate does not match the fingerprint you were "
                                            "given: this may not be the county's server. Nothing was sent.")
BAD_ROOT = QT_TRANSLATE_NOOP("Workspace", "The county root certificate given is not readable.")
BAD_ANSWER = QT_TRANSLATE_NOOP("Workspace", "The county server's answer is not readable ({detail}).")
UNEXPLAINED = QT_TRANSLATE_NOOP("Workspace", "The county server answered with an error and did not say why (status "
                                             "{status}). Try again; if it happens again, tell the county's "
                                             "administrator.")
ROSTER_TOO_LARGE = QT_TRANSLATE_NOOP("Workspace", "The file is larger than a roster can be ({most} KiB).")
TOO_LARGE = QT_TRANSLATE_NOOP("Workspace", "The county server's answer is larger than expected; it was not read.")
NO_DOCUMENT = QT_TRANSLATE_NOOP("Workspace", "The county issued no such document with this decision.")


class WorkspaceClient:
    """One person's connection to the county workspace API (not thread-safe: one per worker)."""

    def __init__(self, base_url: str, ca_pem_or_fingerprint: str, *, timeout: float = TIMEOUT):
        self.base_url = check_server_url(base_url)
        self.timeout = timeout
        self.token: str | None = None
        self.session: Session | None = None
        self._http = county_session(self._root(ca_pem_or_fingerprint))

    def _root(self, given: str):
        given = (given or "").strip()
        if "BEGIN CERTIFICATE" in given:
            try:
                return certs.load_pem(given.encode("ascii"))
            except (ValueError, UnicodeEncodeError) as exc:
                raise WorkspaceError(chinese(WORKSPACE, BAD_ROOT), "bad_root") from exc
        try:  # the fingerprint: fetch the root unverified, and believe it only when its fingerprint matches
            response = requests.get(f"{self.base_url}/v1/root", timeout=self.timeout, verify=False, stream=True)
            root = certs.load_pem(self._read(response, 64 * 1024))
        except requests.RequestException as exc:
            raise _unreachable(exc) from exc
        except ValueError as exc:
            raise WorkspaceError(chinese(WORKSPACE, BAD_ROOT), "bad_root") from exc
        wanted = "".join(ch for ch in given.lower() if ch in "0123456789abcdef")
        if certs.fingerprint_hex(root) != wanted:
            raise WorkspaceError(chinese(WORKSPACE, WRONG_ROOT), "wrong_root")
        return root

    # -- the wire ----------------------------------------------------------------------------------

    def _read(self, response: requests.Response, limit: int) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            response.close()
            raise WorkspaceError(chinese(WORKSPACE, TOO_LARGE), "too_large")
        parts, size = [], 0
        for part in response.iter_content(64 * 1024):
            size += len(part)
            if size > limit:
                response.close()
                raise WorkspaceError(chinese(WORKSPACE, TOO_LARGE), "too_large")
            parts.append(part)
        return b"".join(parts)

    def _call(self, method: str, path: str, body: Any = None, *, params: dict[str, Any] | None = None,
              limit: int = MAX_BATCH_JSON_BYTES, raw: bool = False) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self._http.request(method, f"{self.base_url}/v1/workspace{path}", json=body, params=params,
                                          headers=headers, timeout=self.timeout, stream=True)
            content = self._read(response, limit)
        except requests.RequestException as exc:
            raise _unreachable(exc) from exc
        if response.status_code >= 400:
            raise self._refusal(response.status_code, content)
        if raw:
            return content
        return self._json(content)

    @staticmethod
    def _json(content: bytes) -> Any:
        try:
            found = json.loads(content)
            check_json_shape(found, max_depth=16)
        except (ValueError, ShapeError) as exc:
            raise _bad_answer(reason_of(exc)) from exc
        return found

    def _refusal(self, status: int, content: bytes) -> WorkspaceError:
        try:
            found = self._json(content)
        except WorkspaceError:
            found = {}
        if not isinstance(found, dict):
            found = {}
        # the county's Chinese only: its "message" is the English detail for its administrator
        message = str(found.get("message_zh") or chinese_text(WORKSPACE, UNEXPLAINED, {"status": status}))[:1000]
        code = str(found.get("error") or "error")[:40]
        if status == 422 and code == "bad_rows":
            rows = [p for p in found.get("problems") or [] if isinstance(p, list) and len(p) == 2]
            return RosterRefused(message, tuple((int(line) if isinstance(line, int) else 0, str(reason)[:300])
                                                for line, reason in rows[:200]))
        if status == 409 and code == "stale":
            events = tuple(_event(e) for e in found.get("events") or [] if isinstance(e, dict))
            return StaleView(message, events)
        if status == 401:
            if code != "bad_login":
                self.token = self.session = None
            return SessionExpired(message, code, status) if code != "bad_login" else WorkspaceError(message, code,
                                                                                                      status)
        if status == 403:
            return NotAllowed(message, code, status)
        return WorkspaceError(message, code, status)

    # -- the session -------------------------------------------------------------------------------

    def login(self, name: str, password: str) -> Session:
        found = self._call("POST", "/login", {"name": name, "password": password})
        account = found["account"]
        self.token = str(found["token"])
        self.session = Session(self.token, Account(account["name"], account["display_name"], tuple(account["roles"])),
                               str(found.get("center") or ""), int(found["idle_seconds"]), int(found["max_seconds"]))
        return self.session

    def logout(self) -> None:
        if self.token:
            try:
                self._call("POST", "/logout")
            finally:
                self.token = self.session = None

    def use_token(self, token: str) -> None:
        """Work with a token already held (the service credential of a script)."""
        self.token = token

    # -- the queue and one application --------------------------------------------------------------

    def counts(self) -> Counts:
        return _fields(Counts, self._call("GET", "/counts"))

    def queue(self, filters: QueueFilters | None = None) -> QueuePage:
        filters = filters or QueueFilters()
        params = {k: v for k, v in filters.__dict__.items() if v not in (None, "")}
        found = self._call("GET", "/queue", params=params)
        items = tuple(QueueItem(i["application_id"], i.get("number"), i["station"], i.get("station_name") or "",
                                i.get("name") or "", i.get("case_type"), tuple(i.get("categories") or ()),
                                i.get("received_at"), i["status"], bool(i.get("urgent")), bool(i.get("life_or_death")),
                                int(i["view_version"]), _deadline(i.get("deadline"))) for i in found["items"])
        return QueuePage(items, int(found["total"]), int(found["page"]), int(found["page_size"]))

    def consultations(self, text: str | None = None, station: str | None = None, page: int = 1) -> ConsultationPage:
        params = {k: v for k, v in (("text", text), ("station", station), ("page", page)) if v not in (None, "")}
        found = self._call("GET", "/consultations", params=params)
        return ConsultationPage(tuple(_fields(Consultation, c) for c in found["items"]), int(found["total"]),
                                int(found["page"]), int(found["page_size"]))

    def application(self, application_id: str) -> ApplicationView:
        v = self._call("GET", f"/applications/{_segment(application_id)}")
        return ApplicationView(
            v["application_id"], v.get("number"), v["station"], v.get("station_name") or "", int(v["version"]),
            bool(v["voided"]), v["status"], int(v["view_version"]), dict(v.get("data") or {}),
            tuple(_event(e) for e in v.get("events") or []), tuple(_fields(Version, x) for x in v.get("versions") or []),
            _deadline(v.get("deadline")), tuple(_fields(Matter, m) for m in v.get("earlier") or []),
            tuple(_fields(Material, m) for m in v.get("materials") or []),
            tuple(_fields(IssuedDocument, d) for d in v.get("documents") or []))

    def material_bytes(self, sha256: str) -> bytes:
        return self._call("GET", f"/files/{_segment(sha256)}", limit=MAX_ATTACHMENT_BYTES, raw=True)

    def decide(self, application_id: str, kind: str, fields: dict[str, Any], expected_version: int) -> Event:
        """Record a decision made on the view of `expected_version`; StaleView when someone decided since."""
        return _event(self._call("POST", f"/applications/{_segment(application_id)}/decisions",
                                 {"kind": kind, "data": fields, "expected_version": expected_version}))

    def issued_document(self, event_id_or_sha256: str, form: str | None = None,
                        view: ApplicationView | None = None) -> bytes:
        """An issued document's signed PDF: by its SHA-256, or the document `form` (else the first) of an event
        of `view` (the application it is on)."""
        sha256 = event_id_or_sha256
        if view is not None:
            found = [d for e in view.events if e.event_id == event_id_or_sha256 for d in e.documents
                     if form is None or d.form == form]
            if not found:
                raise WorkspaceError(chinese(WORKSPACE, NO_DOCUMENT), "not_found", 404)
            sha256 = found[0].sha256
        return self._call("GET", f"/documents/{_segment(sha256)}", limit=MAX_ISSUED_PDF_BYTES, raw=True)

    # -- the plan's measures and reports ------------------------------------------------------------

    def measures(self, start: date, end: date, chart: str = "cases", township: str | None = None,
                 station: str | None = None) -> Measures:
        """The plan's measures from `start` to `end` (both included): of the county, or of one township or station,
        with every township's and station's, and the `chart` measure month by month."""
        found = self._call("GET", "/measures", params=_scope({"from": start.isoformat(), "to": end.isoformat(),
                                                               "chart": chart}, township, station))

        def place(p: dict[str, Any]) -> PlaceMeasures:
            return PlaceMeasures(str(p["name"]), str(p.get("code") or ""), str(p.get("township") or p["name"]),
                                 p.get("population"), _figures(p["figures"]))

        return Measures(str(found["from"]), str(found["to"]), _figures(found["figures"]),
                        tuple(place(t) for t in found["townships"]), tuple(place(s) for s in found["stations"]),
                        str(found["chart"]), tuple((str(m), v if v is None else float(v)) for m, v in found["months"]))

    def figure_records(self, key: str, start: date, end: date, township: str | None = None,
                       station: str | None = None, page: int = 1) -> FigureRecords:
        """One page of the applications behind a figure (those it counted first)."""
        found = self._call("GET", "/measures/records", params=_scope(
            {"key": key, "from": start.isoformat(), "to": end.isoformat(), "page": page}, township, station))
        return FigureRecords(tuple(_fields(FigureRecord, i) for i in found["items"]),
                             *(int(found[k]) for k in ("total", "counted", "of", "page", "page_size")))

    def report(self, kind: str, start: date, end: date, fmt: str, record_type: str = "application") -> bytes:
        """A report file (pdf, xlsx or csv) as `python -m sync.server report` writes it, made on the server."""
        return self._call("GET", f"/reports/{_segment(kind)}", params={
            "from": start.isoformat(), "to": end.isoformat(), "format": fmt, "type": record_type},
            limit=MAX_REPORT_BYTES, raw=True)

    # -- the complaints ledger ----------------------------------------------------------------------

    def complaints(self, state: str | None = None, station: str | None = None, page: int = 1) -> ComplaintPage:
        """One page of every station's complaints; `state`: open, today, soon, overdue or answered."""
        params = {k: v for k, v in (("state", state), ("station", station), ("page", page)) if v not in (None, "")}
        found = self._call("GET", "/complaints", params=params)
        return ComplaintPage(tuple(_fields(ComplaintEntry, c) for c in found["items"]), int(found["total"]),
                             int(found["page"]), int(found["page_size"]))

    def complaint(self, complaint_id: str) -> ComplaintView:
        return _complaint(self._call("GET", f"/complaints/{_segment(complaint_id)}"))

    def handle_complaint(self, complaint_id: str, kind: str, text: str, answered_on: date | None = None,
                         reply_method: str | None = None, satisfaction: str | None = None,
                         steps_seen: int | None = None) -> ComplaintView:
        """Record the center's handling step (`kind` "step") or its answer ("answer", with the date and how).
        `steps_seen`: the steps the complaint had on screen; the county refuses when it has others now (another
        person's, or this very step sent before and kept though its answer was lost)."""
        return _complaint(self._call("POST", f"/complaints/{_segment(complaint_id)}/handling", {
            "kind": kind, "text": text, "answered_on": answered_on and answered_on.isoformat(),
            "reply_method": reply_method, "satisfaction": satisfaction, "steps_seen": steps_seen}))

    # -- reference data, stations, accounts --------------------------------------------------------

    def roster(self) -> list[Member]:
        return list(self.roster_overview().members)

    def roster_overview(self) -> RosterOverview:
        found = self._call("GET", "/roster")
        return RosterOverview(tuple(_fields(Member, m) for m in found["members"]), found.get("law_firm_share"),
                              float(found["law_firm_target"]), int(found["assigned_this_year"]))

    def save_member(self, member: Member, *, new: bool = False) -> int:
        """Add (`new`: refused when the number is taken) or change a roster member; the reference version."""
        body = {k: v for k, v in member.__dict__.items() if k not in ("active", "open_cases")}
        return int(self._call("POST", "/roster", {**body, "new": new})["version"])

    def import_roster(self, data: bytes) -> RosterImport:
        """Add or update every member of a roster CSV (编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话);
        RosterRefused naming each bad line, and nothing changes."""
        if len(data) > MAX_ROSTER_FILE_BYTES:
            raise WorkspaceError(chinese(WORKSPACE, ROSTER_TOO_LARGE).format(most=MAX_ROSTER_FILE_BYTES // 1024),
                                 "too_large")
        found = self._call("POST", "/roster/import", {"csv_base64": base64.b64encode(data).decode("ascii")})
        return RosterImport(*(int(found[k]) for k in ("added", "updated", "unchanged", "version")))

    def deactivate_member(self, member_id: str) -> int:
        return int(self._call("POST", f"/roster/{_segment(member_id)}/deactivate")["version"])

    def townships(self) -> list[Township]:
        return [_fields(Township, t) for t in self._call("GET", "/townships")["townships"]]

    def save_township(self, name: str, registered_population: int) -> int:
        return int(self._call("POST", "/townships", {"name": name,
                                                     "registered_population": registered_population})["version"])

    def stations(self) -> list[Station]:
        return [_fields(Station, s) for s in self._call("GET", "/stations")["stations"]]

    def add_station(self, code: str, name: str, township: str, type_: str = "fixed") -> AddedStation:
        found = self._call("POST", "/stations", {"code": code, "name": name, "township": township, "type": type_})
        return AddedStation(str(found["code"]), str(found["enrollment_code"]))

    def revoke_station(self, code: str, reason: str = "") -> None:
        self._call("POST", f"/stations/{_segment(code)}/revoke", {"reason": reason})

    def recover_station(self, code: str) -> tuple[dict[str, Any], str]:
        """A recovery file for a station that lost every way in (sync/server/escrow.py), and its one-time key."""
        found = self._call("POST", f"/stations/{_segment(code)}/recover")
        found = found if isinstance(found, dict) else {}
        recovery, key = found.get("recovery"), found.get("key")
        if not isinstance(recovery, dict) or recovery.get("station_code") != code or not isinstance(key, str):
            raise _bad_answer(reason_of(ValueError("not a recovery file")))
        return recovery, key

    def enrollment_sheet(self, code: str, enrollment_code: str, server_url: str | None = None) -> bytes:
        """The printable enrollment sheet of a station just added (the code from add_station)."""
        return self._call("POST", f"/stations/{_segment(code)}/sheet",
                          {"enrollment_code": enrollment_code, "server_url": server_url or self.base_url},
                          limit=MAX_ISSUED_PDF_BYTES, raw=True)

    def accounts(self) -> list[Account]:
        return [Account(a["name"], a["display_name"], tuple(a["roles"]), bool(a["active"]))
                for a in self._call("GET", "/accounts")["accounts"]]

    def save_account(self, name: str, display_name: str, roles: list[str], password: str | None = None, *,
                     new: bool = False) -> Account:
        """Add (`new`: refused when the name is taken) or change a staff account."""
        a = self._call("POST", "/accounts", {"name": name, "display_name": display_name, "roles": roles,
                                             "password": password, "new": new})["account"]
        return Account(a["name"], a["display_name"], tuple(a["roles"]), bool(a["active"]))

    def deactivate_account(self, name: str) -> None:
        self._call("POST", f"/accounts/{_segment(name)}/deactivate")


def _unreachable(exc: requests.RequestException) -> WorkspaceError:
    """The county could not be reached, and why in words (requests' class names are English)."""
    if isinstance(exc, requests.exceptions.SSLError):
        why = SECURE_CONNECTION
    elif isinstance(exc, requests.Timeout):
        why = TIMED_OUT
    else:
        why = CONNECTION
    return WorkspaceError(chinese_text(WORKSPACE, UNREACHABLE, {"detail": Reason(why)}), "unreachable")


def _bad_answer(why: Reason) -> WorkspaceError:
    return WorkspaceError(chinese_text(WORKSPACE, BAD_ANSWER, {"detail": why}), "bad_answer")


def _complaint(found: dict[str, Any]) -> ComplaintView:
    return ComplaintView(_fields(ComplaintEntry, found), dict(found.get("data") or {}),
                         tuple(_fields(HandlingStep, step) for step in found.get("steps") or []))


def _scope(params: dict[str, Any], township: str | None, station: str | None) -> dict[str, Any]:
    return {**params, **({"township": township} if township else {}), **({"station": station} if station else {})}


def _figures(found: dict[str, Any]) -> dict[str, MeasureFigure]:
    return {str(key): _fields(MeasureFigure, value) for key, value in found.items()}


def _segment(value: str) -> str:
    """One path segment, as typed ids and hashes are: anything else is quoted, never a path of its own."""
    from urllib.parse import quote

    return quote(str(value), safe="")

