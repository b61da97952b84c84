"""`python -m sync.server`: run the county server, or administer it.

    python -m sync.server serve [--host H] [--port P] [--tls-cert F --tls-key F]   serve (default 127.0.0.1:8765);
                                       TLS with the certificate `tls-cert` made, or the county's own (under its root)
    python -m sync.server init [--name NAME]                            county root, keys and certificates
    python -m sync.server tls-cert --host NAME|IP [--host ...]          the server's TLS certificate under the root
    python -m sync.server station add CODE --name N --township T --type township|mobile|camp|liaison|other
                                       [--server URL] [--sheet FILE.pdf]   prints the code, writes the enrollment sheet
    python -m sync.server station list
    python -m sync.server station revoke CODE [--reason R]
    python -m sync.server station enroll-file REQUEST --reply ANSWER   enroll a station with no network (USB)
    python -m sync.server decide accept|grant NUMBER [--note TEXT]
    python -m sync.server decide supplement NUMBER --item ITEM [--item ITEM ...]
    python -m sync.server decide refuse NUMBER --reason R [--reason R ...]
    python -m sync.server decide assign NUMBER --name N [--kind lawyer|law_firm|center_staff] [--firm F]
                                       --years Y [--minors-specialist] [--phone P]
    python -m sync.server decide assign NUMBER --lawyer ID   the assignee's facts from the roster
    python -m sync.server roster import FILE.csv | roster list | roster deactivate ID
    python -m sync.server population set TOWNSHIP N | population list   registered (户籍) population
    python -m sync.server hardship set TOWNSHIP --minimum YUAN --multiple M | hardship list   hardship standard
    python -m sync.server decide progress NUMBER --note TEXT
    python -m sync.server decide close NUMBER [--result TEXT]
    python -m sync.server import-bundle FILE --reply OUT   apply a station's USB bundle, write its reply bundle
    python -m sync.server admin-token [--rotate]     the bearer token of the county center's API (/v1/admin)
    python -m sync.server report KIND [--from D] [--to D] -o FILE   a report over all stations (PDF, Excel, CSV)

Every admin command takes --data-dir too (default ./county-data).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sync.server.county_key import COUNTY_CENTER

DEFAULT_DATA_DIR = Path("county-data")
DEFAULT_PORT = 8765
SHEETS_DIR = "enrollment-sheets"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help="server data folder")
    serving = argparse.ArgumentParser(add_help=False)
    serving.add_argument("--host", default="127.0.0.1", help="the address to listen on (0.0.0.0: every network)")
    serving.add_argument("--port", type=int, default=DEFAULT_PORT)
    serving.add_argument("--tls-cert", type=Path, help="the county's own TLS certificate (PEM), issued under its root")
    serving.add_argument("--tls-key", type=Path, help="the private key of --tls-cert (PEM)")
    parser = argparse.ArgumentParser(prog="python -m sync.server", parents=[common, serving],
                                     description="县法律援助中心 sync server and its admin commands")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", parents=[common, serving], help="run the server (TLS unless on this computer only)")
    init = commands.add_parser("init", parents=[common], help="make the county root, keys and certificates")
    init.add_argument("--name", default=COUNTY_CENTER, help="the county center's name on its certificates")
    tls = commands.add_parser("tls-cert", parents=[common],
                              help="make the server's TLS certificate under the county root")
    tls.add_argument("--host", action="append", required=True, dest="hosts",
                     help="a host name or IP address stations use to reach the server (repeat for several)")
    token = commands.add_parser("admin-token", parents=[common],
                                help="print the county center's API token (/v1/admin, see sync/server/admin.py)")
    token.add_argument("--rotate", action="store_true", help="make a new token (the old one stops working)")
    station = commands.add_parser("station", parents=[common], help="stations: add, list, revoke")
    station_commands = station.add_subparsers(dest="station_command", required=True)
    add = station_commands.add_parser("add", parents=[common], help="register a station; prints its enrollment code")
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--township", required=True)
    add.add_argument("--type", default="township")
    add.add_argument("--server", help="the server address printed on the enrollment sheet (https://...)")
    add.add_argument("--sheet", type=Path, help="where to write the enrollment sheet (PDF); default "
                                                "DATA_DIR/enrollment-sheets/CODE.pdf")
    station_commands.add_parser("list", parents=[common])
    by_file = station_commands.add_parser("enroll-file", parents=[common],
                                          help="enroll a station with no network from its request file (USB)")
    by_file.add_argument("request", type=Path, help="the enrollment request the station wrote")
    by_file.add_argument("--reply", type=Path, required=True, help="where to write the answer for the station")
    revoke = station_commands.add_parser("revoke", parents=[common])
    revoke.add_argument("code")
    revoke.add_argument("--reason", default="")
    decide = commands.add_parser("decide", parents=[common], help="record a county decision on an application")
    decide.add_argument("kind", choices=["accept", "supplement", "grant", "refuse", "assign", "progress", "close"])
    decide.add_argument("number", help="the application number (e.g. CG01-2025-00001)")
    decide.add_argument("--by", default=COUNTY_CENTER)
    decide.add_argument("--note")
    decide.add_argument("--item", action="append", default=[], help="a missing material (supplement; repeat)")
    decide.add_argument("--reason", action="append", default=[], help="a reason (refuse; repeat)")
    decide.add_argument("--name", help="assignee's name (assign)")
    decide.add_argument("--lawyer", help="a roster id (assign): name, kind, firm, years and minors flag from the roster")
    decide.add_argument("--kind", dest="assignee_kind", help="lawyer (default), law_firm or center_staff")
    decide.add_argument("--firm", help="the assignee's law firm or organisation")
    decide.add_argument("--years", type=int, help="years of practice (assign)")
    decide.add_argument("--minors-specialist", action="store_true", help="familiar with minors' cases")
    decide.add_argument("--phone")
    decide.add_argument("--result", help="the outcome (close)")
    from sync.server.reference import add_reference_commands  # roster and population: their own module

    add_reference_commands(commands, common)
    from desktop.report_cli import add_report_arguments  # the plan's reports over all stations (issue 14)

    add_report_arguments(commands.add_parser("report", parents=[common], help="write a report or a list over all "
                                             "stations (PDF, Excel or CSV)"))
    bundle = commands.add_parser("import-bundle", parents=[common],
                                 help="apply a station's offline (USB) bundle and write the reply bundle")
    bundle.add_argument("file", type=Path, help="the bundle exported at the station")
    bundle.add_argument("--reply", type=Path, required=True, help="where to write the reply bundle for the station")
    return parser


def decision_data(args: argparse.Namespace) -> dict:
    data: dict = {}
    if args.note:
        data["note"] = args.note
    if args.kind == "supplement":
        data["items"] = args.item
    elif args.kind == "refuse":
        data["reasons"] = args.reason
    elif args.kind == "assign":
        data.update(assignee_kind=args.assignee_kind or "lawyer", name=args.name, firm=args.firm,
                    years_of_practice=args.years, minors_specialist=bool(args.minors_specialist))
        if args.phone:
            data["phone"] = args.phone
    elif args.kind == "close" and args.result:
        data["result"] = args.result
    return data


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = getattr(args, "data_dir", DEFAULT_DATA_DIR)
    from sync.server.county import CountyStore
    from sync.server.errors import REFUSED, CountyError, zh

    try:
        store = CountyStore(data_dir)  # opening migrates county.db (and refuses one from a newer server)
    except CountyError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    try:
        if args.command in (None, "serve"):
            return serve(store, data_dir, args)
        if args.command == "init":
            store.init(args.name)
            print(f"county root and keys in {data_dir}; root fingerprint (print it on every enrollment sheet):")
            print(store.county_key.fingerprint())
            return 0
        if not store.initialised:
            from sync.server.county_key import KEY_FILE

            if not (Path(data_dir) / KEY_FILE).exists():
                print("the county key is not made yet: run `python -m sync.server init` first", file=sys.stderr)
                return 2
            store.init()  # a county from before the root: its root and certificates are made now
        if args.command == "tls-cert":
            cert, key = store.county_key.make_server_certificate(args.hosts)
            print(f"TLS certificate for {', '.join(args.hosts)} written to {cert} (key {key}); `serve` uses it.")
            print(f"stations enroll with https://{args.hosts[0]}:{DEFAULT_PORT} (or the port you serve on)")
            return 0
        if args.command == "admin-token":
            from sync.server.admin import admin_token

            print(admin_token(data_dir, rotate=args.rotate))
            return 0
        if args.command == "station":
            if args.station_command == "add":
                revoked = [st for st in store.list_stations() if st["code"] == args.code and st["revoked_at"]]
                code = store.add_station(args.code, args.name, args.township, args.type)
                if revoked:
                    print(f"note: station {args.code} had been revoked on {revoked[0]['revoked_at']}; it is registered "
                          "again and its old laptop stays locked out (it must enroll with this new code)")
                sheet = write_station_sheet(store, data_dir, args, code)
                print(f"enrollment sheet (code, server address, root fingerprint and its QR code): {sheet}")
                print(f"station {args.code} added; give this one-time enrollment code to its installer:")
                print(code)
            elif args.station_command == "list":
                for s in store.list_stations():
                    state = "revoked" if s["revoked_at"] else ("enrolled" if s["enrolled_at"] else "waiting")
                    print(f"{s['code']}\t{s['name']}\t{s['township']}\t{s['type']}\t{state}\t{s['key_id'] or ''}")
            elif args.station_command == "enroll-file":
                return enroll_from_file(store, args.request, args.reply)
            else:
                store.revoke_station(args.code, args.reason)
                print(f"station {args.code} revoked")
            return 0
        if args.command == "decide":
            data = decision_data(args)
            if args.lawyer:
                from sync.server.reference import assignment_data

                data = assignment_data(store, args, data)
            event = store.decide(args.kind, args.number, data, by=args.by)
            print(f"{event['kind']} {event['application_number']}: event {event['seq']} "
                  f"(status {event['status'] or 'unchanged'})")
            return 0
        if args.command == "import-bundle":
            return import_bundle(store, args.file, args.reply)
        if args.command == "report":
            from sync.server.plan import report_command

            return report_command(store, args)
        if args.command in ("roster", "population", "hardship"):
            from sync.server.reference import reference_command

            return reference_command(store, args)
    except CountyError as exc:
        print(f"{zh(REFUSED, reason=exc.message_zh)} (refused: {exc})" if exc.message_zh else f"refused: {exc}",
              file=sys.stderr)
        return 1
    return 2


def serve(store, data_dir: Path, args: argparse.Namespace) -> int:
    """Run the server: TLS with the county's certificate, plain HTTP only on this computer itself."""
    import uvicorn

    from sync.server.app import create_app
    from sync.trust import is_loopback

    if not store.initialised:  # a first start, or a mistyped --data-dir: say which
        print(f"NOTE: no county key in {Path(data_dir).resolve()}: making a NEW county root and keys there. "
              "Stations enrolled with another folder's root will not trust this server.", file=sys.stderr)
        store.init()
    tls: tuple[Path, Path] | None
    if args.tls_cert or args.tls_key:
        if not (args.tls_cert and args.tls_key):
            print("refused: give both --tls-cert and --tls-key", file=sys.stderr)
            return 2
        store.county_key.check_server_certificate(args.tls_cert)
        tls = (args.tls_cert, args.tls_key)
    else:
        tls = store.county_key.server_certificate()
    if tls is None and not is_loopback(args.host):
        print(f"refused: no TLS certificate, and stations refuse plain http to {args.host}. Make one with "
              "`python -m sync.server tls-cert --host NAME_OR_IP` (the names stations use), or give the county's "
              "own with --tls-cert and --tls-key.", file=sys.stderr)
        return 2
    extra = {"ssl_certfile": str(tls[0]), "ssl_keyfile": str(tls[1])} if tls else {}
    print(f"serving {'https' if tls else 'http'}://{args.host}:{args.port}; county root fingerprint "
          f"{store.county_key.fingerprint()}", file=sys.stderr)
    uvicorn.run(create_app(data_dir), host=args.host, port=args.port, log_level="info", **extra)
    return 0


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


def enroll_from_file(store, request: Path, reply: Path) -> int:
    """A station's enrollment request brought by USB: certify its keys, write the answer it imports."""
    import json

    from desktop.records.canonical import canonical_json
    from sync.protocol import ENROLLMENT_ANSWER, ENROLLMENT_REQUEST, unb64
    from sync.server.errors import CountyError

    try:
        asked = json.loads(request.read_text(encoding="utf-8"))
        if not isinstance(asked, dict) or asked.get("format") != ENROLLMENT_REQUEST:
            raise ValueError("not an enrollment request")
        answer = store.enroll(str(asked["code"]), unb64(str(asked["public_key"])), str(asked["station_code"]),
                              str(asked["document_request"]))
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as exc:
        print(f"refused: {request} is not a station's enrollment request ({exc})", file=sys.stderr)
        return 1
    except CountyError as exc:
        print(f"{exc.message_zh} (refused: {exc})" if exc.message_zh else f"refused: {exc}", file=sys.stderr)
        return 1
    reply.write_text(canonical_json({"format": ENROLLMENT_ANSWER, **answer}), encoding="utf-8")
    print(f"station {asked['station_code']} enrolled; give {reply} back to the station")
    return 0


def import_bundle(store, file: Path, reply: Path) -> int:
    """Exit 0: applied (rejected changes are in the reply, as over the network) and the reply written; 1: refused."""
    from sync.bundle_file import BundleError
    from sync.server.bundle_import import county_import

    try:
        result = county_import(store, file, reply)
    except BundleError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"failed: cannot write the reply bundle {reply}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"station {result.station}: {result.changes} changes ({result.accepted} new, {result.duplicates} "
          f"already here, {len(result.rejected)} rejected), {result.files} attachment files held; "
          f"reply with {result.events} county events written to {reply}")
    for change_id, reason in result.rejected:
        print(f"rejected {change_id}: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
