"""Every bound on what a station may send the county, in one place (both ends and the README use these).

The county treats each station as hostile until checked: whatever arrives - a POST /v1/changes, an
attachment chunk, a USB bundle - is refused (4xx, or a refused bundle) beyond these limits before it
costs more than a bounded amount of memory, disk or time. The station keeps under them by itself:
its batches are cut by count and by bytes, its fields are shorter than MAX_STRING_CHARS, and a
material file is at most its own setting's limit (1 to 500 MB), which is MAX_ATTACHMENT_BYTES at most.

`check_json_shape` is the one walk that bounds nesting depth, container sizes and string lengths of
decoded JSON (the JSON decoder's own recursion limit is never relied upon).
"""

from __future__ import annotations

from typing import Any

KIB, MIB, GIB = 1024, 1024 * 1024, 1024 * 1024 * 1024

# -- change batches (POST /v1/changes, and each part of a USB bundle) ---------------------------------
MAX_BATCH_CHANGES = 500  # changes in one batch (the station sends BATCH_SIZE = 500)
MAX_BATCH_JSON_BYTES = 8 * MIB  # a batch inflated (gzip bombs stop here, not at the end of the stream)
MAX_BATCH_BODY_BYTES = MAX_BATCH_JSON_BYTES  # compressed, as sent (gzip never makes JSON this much larger)
STATION_BATCH_BYTES = 4 * MIB  # the station closes a batch at this much payload text (half the county's limit)
MAX_CHANGE_BYTES = 1 * MIB  # one change's payload text (a record with every text field full is ~100 KB)
MAX_JSON_DEPTH = 12  # nesting of objects and lists (a record is 4 deep, an attachment manifest 4)
MAX_CONTAINER_ITEMS = 1000  # keys of one object, items of one list (a batch's list is MAX_BATCH_CHANGES)
MAX_STRING_CHARS = 20_000  # one string inside a record (the longest field is 5,000 characters)
MAX_ID_CHARS = 64  # change ids, record ids (a UUID is 36)

# -- attachment files -----------------------------------------------------------------------------------
MAX_ATTACHMENT_BYTES = 500 * MIB  # one material file: the station's own setting allows 1 to 500 MB
MAX_CHUNK_BYTES = 16 * MIB  # one PUT /v1/files chunk (the station adapts between MIN and START..MAX)
MIN_CHUNK_BYTES = 256 * KIB
START_CHUNK_BYTES = 4 * MIB  # as the fixed size was: a good link loses nothing
MAX_PARTIAL_BYTES_PER_STATION = 2 * GIB  # unfinished uploads one station may leave at the county
PARTIAL_TTL_SECONDS = 30 * 24 * 3600  # an unfinished upload untouched this long is deleted

# -- signed requests --------------------------------------------------------------------------------------
REQUEST_WINDOW_SECONDS = 15 * 60  # a request's timestamp (county time, as the station corrects it) +- this
NONCE_TTL_SECONDS = 2 * REQUEST_WINDOW_SECONDS + 60  # a nonce is remembered while its request could be valid
MAX_NONCE_CHARS = 64
MAX_STATION_CODE_CHARS = 16
AUTH_FAILURES_PER_MINUTE = 20  # failed authentications from one address before it waits (429)
MAX_SMALL_BODY_BYTES = 64 * KIB  # any other request's body: an enrollment, a certificate request, an admin decision
MAX_ROSTER_FILE_BYTES = 1024 * KIB  # a county's roster CSV is a few hundred rows (~100 bytes each)
MAX_ROSTER_IMPORT_BODY_BYTES = MAX_ROSTER_FILE_BYTES * 4 // 3 + 4 * KIB  # the file in base64, in a JSON body
MAX_ESCROW_FIELD_CHARS = 128  # one field of an escrow slot (base64 of 32 or 48 bytes, a 64-hex fingerprint)
MAX_CERTIFICATE_REQUEST_CHARS = 4096  # a station's PEM certificate request (a P-256 one is about 500)
MAX_QUERY_INT = 2 ** 53  # cursors, offsets, versions in a query (SQLite's integers end at 2**63)
MAX_EVENTS_PAGE = 1000
MAX_CHANGES_PAGE = 2000

# -- the county workspace (sync/server/workspace.py: the center's staff, logged in) ---------------------------
SESSION_IDLE_SECONDS = 2 * 3600  # a session unused this long ends (a PC left open over lunch asks again)
SESSION_MAX_SECONDS = 12 * 3600  # and any session ends this long after its login (one working day)
MIN_PASSWORD_CHARS, MAX_PASSWORD_CHARS = 8, 128
MAX_QUEUE_PAGE = 50  # applications on one page of the queue
MAX_FILTER_CHARS = 40  # a queue filter's text (a name, an ID number, an application number)
MAX_ISSUED_PDF_BYTES = 5 * MIB  # one issued decision document (a page or two: about 100 KB); the station's bound
MAX_MEASURE_DAYS = 3660  # a period of the plan's measures and reports: ten years (a chart of 121 months at most)
MAX_REPORT_BYTES = 64 * MIB  # a report file made on the server (a year's list of every station's applications as
                             # Excel is a few MB; a PDF of a decade's list is refused: a shorter period is asked for)
MAX_COMPLAINT_STEP_CHARS = 2000  # one handling step, the county's answer to a complaint
MAX_COMPLAINT_STEPS = 100  # the center's handling steps of one complaint (the county records and a station keeps
                           # no more: a complaint is answered in a few steps)
MAX_HANDLER_CHARS = 64  # the name of the center's staff member who recorded a step, as a station receives it
# the workspace's own fields: the server refuses longer, and the dialogs let no more be typed
MAX_ACCOUNT_NAME_CHARS = 32
MAX_NAME_CHARS = 30  # a staff member's or a roster member's name, a township
MAX_ORGANISATION_CHARS = 60  # a roster member's law firm or organisation, a station's name
MAX_PHONE_CHARS = 30
MAX_DECISION_TEXT_CHARS = 2000  # one text of a decision (a reason, a note, the bureau's answer, the court's name)
MAX_SUPPLEMENT_DAYS_AHEAD = 366  # a supplement's "supply by" from the county's today: beyond a year, a typing error
MAX_ANSWER_DAYS_BACK = 1096  # an objection's answer recorded up to three years after it was given, never ahead

# -- USB bundles ------------------------------------------------------------------------------------------
MAX_BUNDLE_PARTS = 5000  # change batches in one bundle (a million changes)
MAX_BUNDLE_FILES = 20_000  # material files in one bundle
MAX_BUNDLE_MANIFEST_BYTES = 16 * MIB
MAX_BUNDLE_MEMBERS = MAX_BUNDLE_PARTS + MAX_BUNDLE_FILES + 3  # zip members: those, manifest, signature, a reply's part
# the zip's central directory, read whole before any member: a member's entry is 46 bytes, its name (at most 70:
# files/<sha256>) and a zip64 field (28). Checked from the zip's end record before the directory is parsed.
MAX_BUNDLE_DIRECTORY_BYTES = MAX_BUNDLE_MEMBERS * 160
MAX_REPLY_JSON_BYTES = 512 * MIB  # a county reply inflated (its acks and events; signed by the county)
SEALED_CHUNK_BYTES = 64 * KIB  # a bundle member is sealed in chunks of this much (one is in memory at a time)
# each part of a station's bundle is a network batch: at most MAX_BATCH_BODY_BYTES as stored, MAX_BATCH_JSON_BYTES inflated

# -- a busy county (sync/server/admission.py): "busy, come back in N s" instead of a queue past the station's patience
ADMISSION_WAIT_SECONDS = 10.0  # a batch is taken when the batches ahead are stored within this (station waits 30 s)
MIN_ADMITTED_BATCHES = 2  # always taken, however slow the last batches were (one stored, one read meanwhile)
MAX_ADMITTED_BATCHES = 32  # bodies in the county at once, however fast: 32 x MAX_BATCH_BODY_BYTES at the very most
MAX_RETRY_AFTER_SECONDS = 60  # the longest "come back in N s" the county says and the station believes
MAX_UPLOAD_BYTES_IN_FLIGHT = 48 * MIB  # file chunks' bytes in the county at once (3 of the largest, 12 of 4 MiB)
BODY_STALL_SECONDS = 60.0  # a body that sends no byte for this long is dropped, its admitted place given back (a
                           # slow link keeps sending; a stalled or trickling-to-nothing one does not hold a place)
MAX_BUSY_WAIT_SECONDS = 600  # a station's total waiting for a busy county in one request; then the round ends and
                             # the next scheduled round sends what is left

# -- the county server's memory --------------------------------------------------------------------------
SERVER_RSS_CEILING_BYTES = 200 * MIB  # while a station sends the largest batch allowed (tests/sync_tests/hostile)
COUNTY_WORKER_THREADS = 8  # threads doing the county's SQLite and file work at once, each with its county.db
                           # connection and page cache (the framework's default of 40 took a 100-station burst to
                           # 220-260 MB; the one writer stores batches one by one whatever the count)


class ShapeError(ValueError):
    """Decoded JSON deeper, wider or longer than the limits."""


def check_json_shape(value: Any, *, max_depth: int = MAX_JSON_DEPTH, max_items: int = MAX_CONTAINER_ITEMS,
                     max_string: int = MAX_STRING_CHARS) -> None:
    """Raise ShapeError when `value` nests deeper than `max_depth`, has a container with more than `max_items`
    entries or a string (key or value) longer than `max_string` characters. Iterative: no recursion limit."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if len(item) > max_string:
                raise ShapeError(f"a string of {len(item)} characters (at most {max_string})")
        elif isinstance(item, (dict, list)):
            if depth > max_depth:
                raise ShapeError(f"nested deeper than {max_depth}")
            if len(item) > max_items:
                raise ShapeError(f"{len(item)} entries in one object or list (at most {max_items})")
            if isinstance(item, dict):
                for key, inner in item.items():
                    if len(key) > max_string:
                        raise ShapeError(f"a key of {len(key)} characters")
                    stack.append((inner, depth + 1))
            else:
                stack.extend((inner, depth + 1) for inner in item)
        elif isinstance(item, int) and not isinstance(item, bool) and not -2 ** 63 <= item < 2 ** 63:  # SQLite's integers
            raise ShapeError("an integer beyond 64 bits")
