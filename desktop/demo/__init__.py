"""Training data: `python -m desktop demo-data --count N` fills a station with realistic records and scans.

Every record goes through the real `Store.save` (validated, versioned, in the
history, the outbox and the search index), 500 to a transaction (`Store.batch`),
in the order a clerk would have entered them over the last two years: the
store's clock is set to the moment each record was "entered", so created_at,
history and the outbox read like a station's real past. About 60 % of the
applications among the newest 5,000 records that are not voided later get 1-3
sample scans (desktop.demo.scans) in their checklist slots, attached and signed
with the station key exactly as a clerk's scans are (older files were kept on
paper only: 200,000 records with scans would be 9 GB and an hour of drawing).

People are unique: no two share an ID number (`IdNumbers`, also avoiding those
the station already has), their birth dates give the ages their matters and
categories say (未成年人, 老年人), and about one in ten comes back later with
another matter as the same person, with the same name and number.

`generate_records` yields ``(record_type, data)``; keys starting with ``_demo_``
are instructions for the runner, never stored:

- ``_demo_key``: this record's number in the stream (for links, edits, voids);
- ``_demo_at``: when the clerk saved it (naive local time, ISO);
- ``_demo_from``: key of the consultation this application was turned from;
- ``_demo_voided``: this record will be voided later in the stream;
- ``_demo_edit_of``: key of the record this data is a second version of;
- ``_demo_void_of`` and ``_demo_reason``: void that record with that reason.

People, places, cases and every text are made up and live in
resources/demo/*.json; this module only combines them. Same seed and day, same
records (up to today's): all choices come from one `random.Random(seed)` in stream order (the
scans draw from a generator of their own per record). Proportions follow a
township station in a county of central China with migrant workers leaving and
minority residents arriving: about 70 % consultations, 30 % applications (a
fifth of them criminal).

The package, one job per module: `texts` (the resources/demo files), `people`
(made-up people), `cases` (the application builders per scenario), `records`
(the Generator), `stream` (the plan and `generate_records`) and `runner`
(`fill`, `run_demo_data`). Import from `desktop.demo` itself.
"""

from __future__ import annotations

from .people import IdNumbers, Person, PersonMaker, landline, mobile
from .records import Generator
from .runner import BATCH, META_PREFIX, PROGRESS_EVERY, SCAN_RECENT, SCAN_SHARE, fill, run_demo_data, strip_meta
from .stream import generate_records
from .texts import (APPS, CASES, CATEGORY_ORDER, CHARGES_COMMON, CHARGES_MINOR, CHARGES_SERIOUS, COMMON, CONSULT,
                    DEMO_SETTINGS, DETENTION, EMPLOYERS, ETHNIC, ETHNIC_CODES, ETHNIC_WEIGHTS, HOME, JOBS, MILITARY,
                    PEOPLE, PLACES, STREETS, SURNAME_WEIGHTS, SURNAMES, TOWNSHIPS, VILLAGES, load_texts)

__all__ = [
    "APPS", "BATCH", "CASES", "CATEGORY_ORDER", "CHARGES_COMMON", "CHARGES_MINOR", "CHARGES_SERIOUS", "COMMON",
    "CONSULT", "DEMO_SETTINGS", "DETENTION", "EMPLOYERS", "ETHNIC", "ETHNIC_CODES", "ETHNIC_WEIGHTS", "Generator",
    "HOME", "IdNumbers", "JOBS", "META_PREFIX", "MILITARY", "PEOPLE", "PLACES", "PROGRESS_EVERY", "Person",
    "PersonMaker", "SCAN_RECENT", "SCAN_SHARE", "STREETS", "SURNAMES", "SURNAME_WEIGHTS", "TOWNSHIPS", "VILLAGES",
    "fill", "generate_records", "landline", "load_texts", "mobile", "run_demo_data", "strip_meta",
]
