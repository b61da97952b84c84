"""Valid records of each type after the decision (issue 14), for tests that go over every record type."""

from __future__ import annotations

from contextlib import contextmanager

from desktop.records.quality import quality_scheme


def follow_up(case_number: str = "TS01-2024-00001") -> dict:
    return {"case_number": case_number, "visited_on": "2024-05-20", "visit_method": "phone", "visitor": "李明",
            "satisfaction": "satisfied", "finding": "受援人对承办律师的工作表示满意。"}


def court_attendance(case_number: str = "TS01-2024-00001") -> dict:
    return {"case_number": case_number, "court_name": "青山县人民法院", "hearing_date": "2024-05-20T09:30",
            "observers": "李明", "overall": "good"}


def quality_evaluation(case_number: str = "TS01-2024-00001") -> dict:
    return {"case_number": case_number, "evaluated_on": "2024-05-20", "evaluator": "县中心 周敏",
            **{item.field: item.max for item in quality_scheme().items}}


def closure(case_number: str = "TS01-2024-00001") -> dict:
    return {"case_number": case_number, "closed_on": "2024-05-20", "closing_method": "judgment",
            "litigation_case": True, "heard_in_court": True, "closure_result": "法院判决支持受援人的诉讼请求。"}


def complaint() -> dict:
    return {"complained_at": "2024-05-20T10:00", "complaint_channel": "phone", "registrar": "李明",
            "complainant": "王五", "respondent_kind": "aid_worker", "matter": "承办律师多次不接电话。"}


def outreach_event() -> dict:
    return {"held_on": "2024-05-20", "event_type": "military", "title": "法律援助进军营·武警临河中队",
            "place": "武警临河中队", "staff": "李明、王强", "people_reached": 60}


EXAMPLES = {"follow_up": follow_up, "court_attendance": court_attendance, "quality_evaluation": quality_evaluation,
            "closure": closure, "complaint": complaint, "outreach_event": outreach_event}


COUNTY_STATUS = {"accept": "accepted", "supplement": "supplement", "grant": "granted", "refuse": "refused",
                 "assign": "assigned", "progress": None, "close": "closed", "terminate": "terminated"}
ASSIGNEE = {"assignee_kind": "lawyer", "name": "陈律师", "firm": "青山县正义律师事务所", "years_of_practice": 6,
            "minors_specialist": True}


def county_decides(station, number: str, kind: str, day: str, data: dict | None = None) -> None:
    """The station receives a county decision on application `number`, dated `day` at 10:00 in China
    (02:00 UTC), exactly as a sync stores it (sync.events.record_event)."""
    from desktop.records.db import write_transaction
    from sync.events import record_event

    db = station.db
    app_id = db.execute("SELECT id FROM applications WHERE number = ?", (number,)).fetchone()[0]
    seq = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM county_events").fetchone()[0]
    event = {"seq": seq, "event_id": f"ev-{seq}", "station": station.settings.station_code, "kind": kind,
             "application_number": number, "application_id": app_id, "status": COUNTY_STATUS.get(kind),
             "at": f"{day}T02:00:00+00:00", "by": "县法律援助中心", "data": dict(data or {})}
    with write_transaction(db) as conn:
        record_event(conn, event, f"{day}T10:05")


def aided(station, number: str, day: str) -> None:
    """The county granted and assigned application `number` on `day`, as the station hears by sync: its closure
    report, court attendance and quality evaluation may be made (desktop/records/casework_case.py)."""
    county_decides(station, number, "grant", day)
    county_decides(station, number, "assign", day, ASSIGNEE)


@contextmanager
def as_an_older_station(monkeypatch):
    """Saves made as a station before the case rules (desktop/records/casework_case.py) did: stations and the county
    hold such records (a closure on an undecided case, a visit while the case ran)."""
    from desktop.records import casework_case

    with monkeypatch.context() as patched:
        patched.setattr(casework_case, "check_case", lambda *args, **kwargs: [])
        yield
