"""`python -m sync.server`: run the county server, or administer it.

    python -m sync.server [serve] [--host H] [--port P] [--tls-cert F --tls-key F]   serve (default 127.0.0.1:8765);
                                       TLS with the certificate `tls-cert` made, or the county's own (under its root)
    python -m sync.server init [--name NAME]                            county root, keys and certificates
    python -m sync.server tls-cert --host NAME|IP [--host ...]          the server's TLS certificate under the root
    python -m sync.server station add CODE --name N --township T --type fixed|mobile|military
                                       [--server URL] [--sheet FILE.pdf]   prints the code, writes the enrollment sheet
    python -m sync.server station list
    python -m sync.server station revoke CODE [--reason R]
    python -m sync.server station enroll-file REQUEST --reply ANSWER   enroll a station with no network (USB)
    python -m sync.server audit verify | list                          the audit trails (sync/server/audit.py)
    python -m sync.server files verify         every material file and issued document opens and matches its hash
    python -m sync.server station certificates CODE --reply ANSWER     its certificates again, by USB
    python -m sync.server decide accept|grant NUMBER [--note TEXT]
    python -m sync.server decide supplement NUMBER --item ITEM [--item ITEM ...]
    python -m sync.server decide refuse NUMBER --reason R [--reason R ...]
    python -m sync.server decide assign NUMBER --lawyer ID [--note TEXT]   the assignee from the roster only
    python -m sync.server roster import FILE.csv | roster list | roster deactivate ID
    python -m sync.server population set TOWNSHIP N | population list   registered (户籍) population
    python -m sync.server hardship set TOWNSHIP --minimum YUAN --multiple M | hardship list   hardship standard
    python -m sync.server decide progress NUMBER --note TEXT
    python -m sync.server decide close NUMBER --result TEXT
    python -m sync.server decide terminate NUMBER --reason R | decide objection NUMBER --answer TEXT [--outcome corrected]   (Art. 48, 49)
    python -m sync.server account add NAME --name 张明 --role admin   the first administrator (sync/server/accounts_cli.py)
    python -m sync.server import-bundle FILE --reply OUT   apply a station's USB bundle, write its reply bundle
    python -m sync.server admin-token [--rotate]     the bearer token of the county center's API (/v1/admin)
    python -m sync.server report KIND [--from D] [--to D] -o FILE   a report over all stations (PDF, Excel, CSV)

Every command takes --data-dir (default ./county-data). Only serving and `init` make the folder; any
other command on a folder with no county.db is refused and creates nothing. What it prints follows
the command lines' one convention (desktop/cli_text.py): Chinese, with the English source in brackets for
help and refusals.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.cli_text import REFUSED, gloss, gloss_refusal, refused, say
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.server.county_key import COUNTY_CENTER
from sync.server.stations import OLD_STATION_TYPES, STATION_TYPES

DEFAULT_DATA_DIR = Path("county-data")
DEFAULT_PORT = 8765
SHEETS_DIR = "enrollment-sheets"

DESCRIPTION = QT_TRANSLATE_NOOP("CLI", "County legal-aid center sync server and its admin commands")
H_DATA_DIR = QT_TRANSLATE_NOOP("CLI", "the server's data folder (default ./county-data)")
H_HOST = QT_TRANSLATE_NOOP("CLI", "the address to listen on (default 127.0.0.1; 0.0.0.0: every network)")
H_PORT = QT_TRANSLATE_NOOP("CLI", "the port to listen on (default 8765)")
H_TLS_CERT = QT_TRANSLATE_NOOP("CLI", "the county's own TLS certificate (PEM), issued under its root")
H_TLS_KEY = QT_TRANSLATE_NOOP("CLI", "the private key of --tls-cert (PEM)")
H_SERVE = QT_TRANSLATE_NOOP("CLI", "run the server (TLS unless on this computer only)")
H_INIT = QT_TRANSLATE_NOOP("CLI", "make the county root, keys and certificates")
H_KEY_FILE = QT_TRANSLATE_NOOP("CLI", "where to keep the key that encrypts county.db and the county's files, outside the "
                                      "data folder (default: beside it, DATA.key); once made, a key is never replaced")
KEY_WHERE = QT_TRANSLATE_NOOP("CLI", "The key that encrypts county.db and the county's files (materials, issued "
                                     "documents, unfinished uploads) is {path}, outside the data folder. Keep it apart "
                                     "from the data and from its backups (another disk, or a USB key in the safe), "
                                     "readable by the server's account only: without it county.db and the files cannot "
                                     "be opened, and with it anyone can. The data folder notes only where it is "
                                     "(key_location.txt); LEGALAID_COUNTY_KEY_FILE can name it instead.")
H_COUNTY_NAME = QT_TRANSLATE_NOOP("CLI", "the county center's name on its certificates")
H_TLS = QT_TRANSLATE_NOOP("CLI", "make the server's TLS certificate under the county root")
H_TLS_HOST = QT_TRANSLATE_NOOP("CLI", "a host name or IP address stations use to reach the server (repeat for "
                                      "several)")
H_TOKEN = QT_TRANSLATE_NOOP("CLI", "print the county center's API token (/v1/admin)")
H_ROTATE = QT_TRANSLATE_NOOP("CLI", "make a new token (the old one stops working)")
H_STATION = QT_TRANSLATE_NOOP("CLI", "stations: add, list, revoke, enroll by file")
H_ADD = QT_TRANSLATE_NOOP("CLI", "register a station; prints its one-time enrollment code")
H_CODE = QT_TRANSLATE_NOOP("CLI", "the station code, e.g. CG01")
H_STATION_NAME = QT_TRANSLATE_NOOP("CLI", "the station's name")
H_TOWNSHIP = QT_TRANSLATE_NOOP("CLI", "the township")
H_TYPE = QT_TRANSLATE_NOOP("CLI", "the kind of station: fixed (township workstation, default), mobile (service team) "
                                  "or military (military-unit workstation)")
H_SHEET_SERVER = QT_TRANSLATE_NOOP("CLI", "the server address printed on the enrollment sheet (https://...)")
H_SHEET = QT_TRANSLATE_NOOP("CLI", "where to write the enrollment sheet (PDF); default "
                                   "DATA_DIR/enrollment-sheets/CODE.pdf")
H_LIST = QT_TRANSLATE_NOOP("CLI", "list the stations and whether each is enrolled")
H_ENROLL_FILE = QT_TRANSLATE_NOOP("CLI", "enroll a station with no network from its request file (USB)")
H_REQUEST = QT_TRANSLATE_NOOP("CLI", "the enrollment request the station wrote")
H_CERTIFICATES_FILE = QT_TRANSLATE_NOOP("CLI", "write an enrolled station's certificates (with the county's "
                                               "encryption certificate) to a file it imports by USB")
H_ANSWER = QT_TRANSLATE_NOOP("CLI", "where to write the answer for the station")
H_REVOKE = QT_TRANSLATE_NOOP("CLI", "revoke a station (a lost laptop): it can no longer sync")
H_REVOKE_REASON = QT_TRANSLATE_NOOP("CLI", "why (kept with the revocation)")
H_RECOVER = QT_TRANSLATE_NOOP("CLI", "make a recovery file for a station that lost every password and its recovery key (its key escrowed to the county)")
H_RECOVER_OUT = QT_TRANSLATE_NOOP("CLI", "where to write the recovery file (e.g. on a USB stick)")
H_RECOVER_BY = QT_TRANSLATE_NOOP("CLI", "who at the center makes it (recorded in the audit log)")
RECOVERY_WRITTEN = QT_TRANSLATE_NOOP("CLI", "Wrote the recovery file for station {code} to {path}. Its one-time key is below: give the file and the key to the station head separately (the key on paper or by phone, never with the file). At the station: the sign-in window → Forgot the password? Use the recovery key... → County's recovery file....")
H_DECIDE = QT_TRANSLATE_NOOP("CLI", "record a county decision on an application")
H_KIND = QT_TRANSLATE_NOOP("CLI", "the decision: accept, supplement, grant, refuse, assign, progress or close")
H_NUMBER = QT_TRANSLATE_NOOP("CLI", "the application number (e.g. CG01-2025-00001)")
H_NOTE = QT_TRANSLATE_NOOP("CLI", "a note (progress: required)")
H_ITEM = QT_TRANSLATE_NOOP("CLI", "a missing material (supplement; repeat for each)")
H_REASON = QT_TRANSLATE_NOOP("CLI", "a reason (refuse, terminate; repeat for each)")
H_ANSWER_TEXT = QT_TRANSLATE_NOOP("CLI", "the justice bureau's answer to the objection (objection)")
H_OUTCOME = QT_TRANSLATE_NOOP("CLI", "what the justice bureau decided (objection): upheld, or corrected (the center "
                                     "decides again)")
H_LAWYER = QT_TRANSLATE_NOOP("CLI", "assign: the roster id of the lawyer, law firm or staff member (see roster list)")
H_RESULT = QT_TRANSLATE_NOOP("CLI", "the outcome (close)")
H_IMPORT = QT_TRANSLATE_NOOP("CLI", "apply a station's offline (USB) bundle and write the reply bundle")
H_BUNDLE = QT_TRANSLATE_NOOP("CLI", "the bundle exported at the station")
H_REPLY = QT_TRANSLATE_NOOP("CLI", "where to write the reply bundle for the station")
H_REPORT = QT_TRANSLATE_NOOP("CLI", "write a report or a list over all stations (PDF, Excel or CSV)")

NO_FOLDER = QT_TRANSLATE_NOOP("CLI", "There is no county data folder at {path} (no county.db): run `python -m "
                                     "sync.server init --data-dir FOLDER` first, or give the right --data-dir. "
                                     "Nothing was created.")
ROOT_MADE = QT_TRANSLATE_NOOP("CLI", "The county root and keys are in {path}. The root's fingerprint (printed on "
                                     "every enrollment sheet):")
TLS_MADE = QT_TRANSLATE_NOOP("CLI", "The TLS certificate for {hosts} is written to {cert} (key {key}); serving uses "
                                    "it.")
TLS_ADDRESS = QT_TRANSLATE_NOOP("CLI", "Stations enroll with {url} (or the port you serve on).")
SHEET_WRITTEN = QT_TRANSLATE_NOOP("CLI", "Enrollment sheet (the code, the server address, the root's fingerprint and "
                                         "its QR code): {path}")
NO_KEY = QT_TRANSLATE_NOOP("CLI", "The county key is not made yet: run `python -m sync.server init` first.")
READDED = QT_TRANSLATE_NOOP("CLI", "Note: station {code} was revoked on {at}; it is registered again and its old "
                                   "laptop stays locked out (it must enroll with this new code).")
ADDED = QT_TRANSLATE_NOOP("CLI", "Station {code} is registered; give this one-time enrollment code to its installer:")
OLD_TYPE = QT_TRANSLATE_NOOP("CLI", "Note: station type \"{old}\" is now called \"{new}\".")
REVOKED = QT_TRANSLATE_NOOP("CLI", "Station {code} is revoked.")
STATE_WORDS = {"revoked": QT_TRANSLATE_NOOP("CLI", "revoked"), "enrolled": QT_TRANSLATE_NOOP("CLI", "enrolled"),
               "waiting": QT_TRANSLATE_NOOP("CLI", "waiting for enrollment")}
DECIDED = QT_TRANSLATE_NOOP("CLI", "Recorded {kind} for {number}: event {seq}, status {status}.")
UNCHANGED = QT_TRANSLATE_NOOP("CLI", "unchanged")
NOT_A_REQUEST = QT_TRANSLATE_NOOP("CLI", "{path} is not a station's enrollment request ({problem}).")
CERTIFICATES_WRITTEN = QT_TRANSLATE_NOOP("CLI", "The certificates of station {code} are in {reply}; the station imports "
                                                "it as the county's enrollment answer (Settings).")
ENROLLED_BY_FILE = QT_TRANSLATE_NOOP("CLI", "Station {code} is enrolled (key {key}); give {reply} back to the station.")
CANNOT_WRITE = QT_TRANSLATE_NOOP("CLI", "Cannot write {path}: {problem}")
IMPORTED = QT_TRANSLATE_NOOP("CLI", "Station {station}: {changes} changes ({accepted} new, {duplicates} already here, "
                                    "{rejected} rejected), {files} material files held; the reply with {events} "
                                    "county decisions is written to {reply}.")
REPLY_COMPLAINTS = QT_TRANSLATE_NOOP("CLI", "The reply also carries {count} step(s) of the center's handling of the "
                                           "station's complaints.")
REJECTED_LINE = QT_TRANSLATE_NOOP("CLI", "Rejected {change_id}: {reason}")


def build_parser() -> argparse.ArgumentParser:
    g = gloss  # the help's one convention
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, metavar="DIR", help=g(H_DATA_DIR))
    serving = argparse.ArgumentParser(add_help=False)
    serving.add_argument("--host", default="127.0.0.1", help=g(H_HOST))
    serving.add_argument("--port", type=int, default=DEFAULT_PORT, help=g(H_PORT))
    serving.add_argument("--tls-cert", type=Path, help=g(H_TLS_CERT))
    serving.add_argument("--tls-key", type=Path, help=g(H_TLS_KEY))
    parser = argparse.ArgumentParser(prog="python -m sync.server", parents=[common, serving], description=g(DESCRIPTION))
    commands = parser.add_subparsers(dest="command")

    def command(under, name: str, text: str, *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
        return under.add_parser(name, parents=[common, *parents], help=g(text), description=g(text))

    command(commands, "serve", H_SERVE, serving)
    init = command(commands, "init", H_INIT)
    init.add_argument("--key-file", type=Path, help=g(H_KEY_FILE))
    init.add_argument("--name", default=COUNTY_CENTER, help=g(H_COUNTY_NAME))
    tls = command(commands, "tls-cert", H_TLS)
    tls.add_argument("--host", action="append", required=True, dest="hosts", help=g(H_TLS_HOST))
    token = command(commands, "admin-token", H_TOKEN)
    token.add_argument("--rotate", action="store_true", help=g(H_ROTATE))
    station_commands = command(commands, "station", H_STATION).add_subparsers(dest="station_command", required=True)
    add = command(station_commands, "add", H_ADD)
    add.add_argument("code", help=g(H_CODE))
    add.add_argument("--name", required=True, help=g(H_STATION_NAME))
    add.add_argument("--township", required=True, help=g(H_TOWNSHIP))
    add.add_argument("--type", default="fixed", choices=[*STATION_TYPES, *OLD_STATION_TYPES], help=g(H_TYPE))
    add.add_argument("--server", help=g(H_SHEET_SERVER))
    add.add_argument("--sheet", type=Path, help=g(H_SHEET))
    command(station_commands, "list", H_LIST)
    by_file = command(station_commands, "enroll-file", H_ENROLL_FILE)
    by_file.add_argument("request", type=Path, help=g(H_REQUEST))
    by_file.add_argument("--reply", type=Path, required=True, help=g(H_ANSWER))
    certificates = command(station_commands, "certificates", H_CERTIFICATES_FILE)
    certificates.add_argument("code", help=g(H_CODE))
    certificates.add_argument("--reply", type=Path, required=True, help=g(H_ANSWER))
    revoke = command(station_commands, "revoke", H_REVOKE)
    revoke.add_argument("code", help=g(H_CODE))
    revoke.add_argument("--reason", default="", help=g(H_REVOKE_REASON))
    recover = command(station_commands, "recover", H_RECOVER)
    recover.add_argument("code", help=g(H_CODE))
    recover.add_argument("--out", type=Path, required=True, help=g(H_RECOVER_OUT))
    recover.add_argument("--by", required=True, help=g(H_RECOVER_BY))
    from sync.server.audit import add_audit_commands  # its texts live with it

    add_audit_commands(commands, command, common)
    from sync.server.files_cli import add_files_commands  # the sealed files' check: its texts live with it

    add_files_commands(commands, command)
    decide = command(commands, "decide", H_DECIDE)
    decide.add_argument("kind", choices=["accept", "supplement", "grant", "refuse", "assign", "progress", "close",
                                         "terminate", "objection"],
                        help=g(H_KIND))
    decide.add_argument("number", help=g(H_NUMBER))
    decide.add_argument("--note", help=g(H_NOTE))
    decide.add_argument("--item", action="append", default=[], help=g(H_ITEM))
    decide.add_argument("--reason", action="append", default=[], help=g(H_REASON))
    decide.add_argument("--lawyer", help=g(H_LAWYER))
    decide.add_argument("--result", help=g(H_RESULT))
    decide.add_argument("--answer", help=g(H_ANSWER_TEXT))
    decide.add_argument("--outcome", choices=["upheld", "corrected"], help=g(H_OUTCOME))
    from sync.server.reference import add_reference_commands  # roster, population, hardship: their own module

    add_reference_commands(commands, common)
    from sync.server.accounts_cli import add_account_commands  # the staff accounts: their own module

    add_account_commands(commands, common)
    from desktop.report_cli import add_report_arguments  # the plan's reports over all stations (issue 14)

    add_report_arguments(command(commands, "report", H_REPORT))
    bundle = command(commands, "import-bundle", H_IMPORT)
    bundle.add_argument("file", type=Path, help=g(H_BUNDLE))
    bundle.add_argument("--reply", type=Path, required=True, help=g(H_REPLY))
    return parser


def decision_data(args: argparse.Namespace) -> dict:
    """The decision as staff typed it; the county checks it strictly (sync/server/decisions.py)."""
    data: dict = {}
    if args.note:
        data["note"] = args.note
    if args.kind == "supplement":
        data["items"] = args.item
    elif args.kind in ("refuse", "terminate"):
        data["reasons"] = args.reason
    elif args.kind == "objection" and args.answer:
        data["answer"] = args.answer
        if args.outcome:
            data["outcome"] = args.outcome
    elif args.kind == "assign" and args.lawyer:
        data["lawyer"] = args.lawyer
    elif args.kind == "close" and args.result:
        data["result"] = args.result
    return data


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = Path(getattr(args, "data_dir", DEFAULT_DATA_DIR))
    from sync.server.county import CountyStore
    from sync.server.errors import CountyError
    from sync.server.storage import DB_FILE

    if args.command not in (None, "serve", "init") and not (data_dir / DB_FILE).is_file():
        print(refused(NO_FOLDER, path=data_dir.resolve()), file=sys.stderr)  # a typo must not make a new county
        return 2
    try:
        if args.command == "init" and args.key_file:  # the key first: county.db is made encrypted with it
            from sync.server.data_key import make_key

            make_key(data_dir, args.key_file)
        store = CountyStore(data_dir)  # opening migrates county.db (and refuses one from a newer server)
    except CountyError as exc:  # no key, a newer server's database: the administrator's words, and the detail
        print(say(REFUSED, reason=gloss_refusal(exc)), file=sys.stderr)
        return 1
    try:
        if args.command in (None, "serve"):
            from sync.server.serve_cli import serve  # the server itself, and what an upgrade marked indexed first

            return serve(store, data_dir, args)
        if args.command == "init":
            store.init(args.name)
            print(say(ROOT_MADE, path=data_dir))
            from sync.server.data_key import key_file_of

            print(say(KEY_WHERE, path=key_file_of(data_dir)))
            print(store.county_key.fingerprint())
            return 0
        if not store.initialised:
            from sync.server.county_key import KEY_FILE

            if not (data_dir / KEY_FILE).exists():
                print(refused(NO_KEY), file=sys.stderr)
                return 2
            store.init()  # a county from before the root: its root and certificates are made now
        if args.command == "tls-cert":
            cert, key = store.county_key.make_server_certificate(args.hosts)
            print(say(TLS_MADE, hosts=", ".join(args.hosts), cert=cert, key=key))
            print(say(TLS_ADDRESS, url=f"https://{args.hosts[0]}:{DEFAULT_PORT}"))
            return 0
        if args.command == "admin-token":
            from sync.server.admin import admin_token

            print(admin_token(data_dir, rotate=args.rotate))
            return 0
        if args.command == "station":
            return station_command(store, data_dir, args)
        if args.command == "decide":
            # the server's console decides for the center (its name at the stations); people use their accounts
            event = store.decide(args.kind, args.number, decision_data(args), COUNTY_CENTER, account="console")
            print(say(DECIDED, kind=event["kind"], number=event["application_number"], seq=event["seq"],
                      status=event["status"] or say(UNCHANGED)))
            return 0
        if args.command == "import-bundle":
            return import_bundle(store, args.file, args.reply)
        if args.command == "audit":
            from sync.server.audit import audit_command

            return audit_command(store.db, args)
        if args.command == "files":
            from sync.server.files_cli import files_command

            return files_command(store, args)
        if args.command == "report":
            from sync.server.plan import report_command

            return report_command(store, args)
        if args.command == "account":
            from sync.server.accounts_cli import account_command

            return account_command(store, args)
        if args.command in ("roster", "population", "hardship"):
            from sync.server.reference import reference_command

            return reference_command(store, args)
    except CountyError as exc:
        print(say(REFUSED, reason=gloss_refusal(exc)), file=sys.stderr)
        return 1
    return 2


def write_station_sheet(store, data_dir: Path, args: argparse.Namespace, code: str) -> Path:
    """The station's enrollment sheet (PDF): its one-time code, the server address, the root fingerprint."""
    from sync.certificates import fingerprint_hex
    from sync.server.enrollment_sheet import write_sheet

    server = args.server or ""
    if not server and store.county_key.server_certificate():
        from cryptography.x509 import DNSName, IPAddress, SubjectAlternativeName, load_pem_x509_certificate

        cert = load_pem_x509_certificate(store.county_key.server_certificate()[0].read_bytes())
        names = cert.extensions.get_extension_for_class(SubjectAlternativeName).value
        hosts = names.get_values_for_type(DNSName) + [str(ip) for ip in names.get_values_for_type(IPAddress)]
        server = f"https://{hosts[0]}:{DEFAULT_PORT}" if hosts else ""
    path = args.sheet or Path(data_dir) / SHEETS_DIR / f"{args.code}.pdf"
    return write_sheet(path, code=args.code, name=args.name, township=args.township, enrollment_code=code,
                       server_url=server, fingerprint_hex=fingerprint_hex(store.county_key.root()),
                       center=store.county_key.center_name())


def station_command(store, data_dir: Path, args: argparse.Namespace) -> int:
    if args.station_command == "add":
        station_type = OLD_STATION_TYPES.get(args.type, args.type)
        if station_type != args.type:
            print(say(OLD_TYPE, old=args.type, new=station_type))
        revoked = [st for st in store.list_stations() if st["code"] == args.code and st["revoked_at"]]
        code = store.add_station(args.code, args.name, args.township, station_type)
        if revoked:
            print(say(READDED, code=args.code, at=revoked[0]["revoked_at"]))
        args.type = station_type
        print(say(SHEET_WRITTEN, path=write_station_sheet(store, data_dir, args, code)))
        print(say(ADDED, code=args.code))
        print(code)
    elif args.station_command == "list":
        for s in store.list_stations():
            state = "revoked" if s["revoked_at"] else ("enrolled" if s["enrolled_at"] else "waiting")
            print(f"{s['code']}\t{s['name']}\t{s['township']}\t{s['type']}\t{say(STATE_WORDS[state])}\t"
                  f"{s['key_id'] or ''}")
            if s.get("audit_problem"):  # the station's audit log was rewritten after the county saw it
                print(f"\t{s['audit_problem']}")
    elif args.station_command == "enroll-file":
        return enroll_from_file(store, args.request, args.reply)
    elif args.station_command == "certificates":
        from desktop.records.canonical import canonical_json
        from sync.protocol import ENROLLMENT_ANSWER

        answer = store.certificates_answer(args.code)
        args.reply.write_text(canonical_json({"format": ENROLLMENT_ANSWER, **answer}), encoding="utf-8")
        print(say(CERTIFICATES_WRITTEN, code=args.code, reply=args.reply))
    elif args.station_command == "recover":
        from desktop.records.keyring import write_private_file

        doc, key_text = store.recover_station(args.code, args.by)
        write_private_file(args.out, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
        print(say(RECOVERY_WRITTEN, code=args.code, path=args.out))
        print(key_text)
    else:
        store.revoke_station(args.code, args.reason)
        print(say(REVOKED, code=args.code))
    return 0


def enroll_from_file(store, request: Path, reply: Path) -> int:
    """A station's enrollment request brought by USB: certify its keys, write the answer it imports."""
    import json

    from desktop.records.canonical import canonical_json
    from sync.identity import key_id_of
    from desktop.records.errors import NOT_READABLE, reason_of
    from desktop.records.i18n import Reason
    from sync.protocol import ENROLLMENT_ANSWER, ENROLLMENT_REQUEST, unb64
    from sync.server.errors import CountyError

    try:
        asked = json.loads(request.read_text(encoding="utf-8"))
        if not isinstance(asked, dict) or asked.get("format") != ENROLLMENT_REQUEST:
            raise ValueError("not an enrollment request")
        answer = store.enroll(str(asked["code"]), unb64(str(asked["public_key"])), str(asked["station_code"]),
                              str(asked["document_request"]))
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as exc:
        problem = Reason(NOT_READABLE) if isinstance(exc, KeyError) else reason_of(exc)  # (a field it lacks)
        print(refused(NOT_A_REQUEST, path=request, problem=problem), file=sys.stderr)
        return 1
    except CountyError as exc:
        print(say(REFUSED, reason=gloss_refusal(exc)), file=sys.stderr)
        return 1
    reply.write_text(canonical_json({"format": ENROLLMENT_ANSWER, **answer}), encoding="utf-8")
    print(say(ENROLLED_BY_FILE, code=asked["station_code"], key=key_id_of(unb64(str(asked["public_key"])))[:16],
              reply=reply))
    return 0


def import_bundle(store, file: Path, reply: Path) -> int:
    """Exit 0: applied (rejected changes are in the reply, as over the network) and the reply written; 1: refused."""
    from desktop.records.errors import reason_of
    from sync.bundle_file import BundleError
    from sync.server.bundle_import import county_import

    try:
        result = county_import(store, file, reply)
    except BundleError as exc:
        print(gloss_refusal(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(refused(CANNOT_WRITE, path=reply, problem=reason_of(exc)), file=sys.stderr)
        return 1
    print(say(IMPORTED, station=result.station, changes=result.changes, accepted=result.accepted,
              duplicates=result.duplicates, rejected=len(result.rejected), files=result.files, events=result.events,
              reply=reply))
    if result.complaint_steps:
        print(say(REPLY_COMPLAINTS, count=result.complaint_steps))
    for change_id, reason in result.rejected:
        print(say(REJECTED_LINE, change_id=change_id, reason=reason))
    return 0


if __name__ == "__main__":
    sys.exit(main())
