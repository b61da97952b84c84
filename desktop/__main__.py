"""`python -m desktop`: start the station application, or run an admin command.

    python -m desktop [--data-dir DIR]                       start the app
    python -m desktop demo-data --count N [--data-dir DIR]   fill a station with training records
    python -m desktop verify [--data-dir DIR]                check every attachment's file and signature
    python -m desktop backup [--data-dir DIR] [--to FOLDER]  make a checked backup now
    python -m desktop restore BACKUP [--data-dir DIR] [--yes]  verify a backup and put it in place
    python -m desktop enroll --server URL --code CODE --fingerprint FP|--fingerprint-image PHOTO [--data-dir DIR]
                                                                         enroll with the county server
    python -m desktop sync [--data-dir DIR] [--server URL]   one sync round (exit 0: nothing left unsent)
    python -m desktop export-bundle PATH [--data-dir DIR]  write what the county has not acknowledged to a USB bundle
    python -m desktop import-bundle FILE [--data-dir DIR]  apply the county's reply bundle
    python -m desktop --selftest [--data-dir DIR]            check this installation (exit 0: all passed)
    python -m desktop report KIND [--from D] [--to D] -o FILE   a report or list as PDF, Excel or CSV
    python -m desktop account create-station --head NAME      a new station and its station head (installers)
    python -m desktop credential create|remove --head NAME [--file FILE]  the scheduled tasks' machine credential

Every command but the app, the self-test and the account commands unlocks the station with its machine
credential (--credential FILE, $LEGALAID_MACHINE_CREDENTIAL, or machine.credential in the data folder) and
never prompts: without one it says how to provide it and exits with status 4 (desktop/account_cli.py).
    python -m desktop county [--server URL --fingerprint FP]  the county center's workspace (or set it up)

Help and refusals follow the command lines' one convention (desktop/cli_text.py): Chinese, with the English
in brackets. Only starting the program, setup, demo-data and restore may make a station in an empty folder.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from desktop.records.i18n import QT_TRANSLATE_NOOP

APP_NAME = "LegalAidStation"
ORG_NAME = "LegalAid"


def default_data_dir() -> Path:
    """The per-user application data folder (%LOCALAPPDATA%\\LegalAid\\LegalAidStation on Windows)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))


DESCRIPTION = QT_TRANSLATE_NOOP("CLI", "Legal-Aid Workstation: start the program, or run one of its commands")
H_SELFTEST = QT_TRANSLATE_NOOP("CLI", "check this installation in a temporary folder (and --data-dir read-only), "
                                      "then exit")
H_DEMO = QT_TRANSLATE_NOOP("CLI", "fill the station with realistic training records")
H_COUNT = QT_TRANSLATE_NOOP("CLI", "number of consultations and applications together")
H_SEED = QT_TRANSLATE_NOOP("CLI", "random seed: the same seed on the same day gives the same records")
H_VERIFY = QT_TRANSLATE_NOOP("CLI", "check every attachment's file and signature (exit status 0 only if all are ok)")
H_BACKUP = QT_TRANSLATE_NOOP("CLI", "make a checked backup now (database and attachments)")
H_TO = QT_TRANSLATE_NOOP("CLI", "backup folder (default: the station's setting, or DATA/backups)")
H_KEEP = QT_TRANSLATE_NOOP("CLI", "how many backups to keep there (default: the station's setting)")
H_RESTORE = QT_TRANSLATE_NOOP("CLI", "verify a backup and put it in place (the current data are kept aside)")
H_WHICH_BACKUP = QT_TRANSLATE_NOOP("CLI", "a backup folder, the name of one in the backup folder, or 'latest'")
H_YES = QT_TRANSLATE_NOOP("CLI", "do not ask for confirmation")
H_SETUP = QT_TRANSLATE_NOOP("CLI", "set the station's details (as Settings does), for installers' scripts")
H_CODE = QT_TRANSLATE_NOOP("CLI", "the station code given by the county, e.g. CG01")
H_NAME = QT_TRANSLATE_NOOP("CLI", "the station's name")
H_TOWNSHIP = QT_TRANSLATE_NOOP("CLI", "the township")
H_CLERK = QT_TRANSLATE_NOOP("CLI", "a clerk's name (repeat for each)")
H_TYPE = QT_TRANSLATE_NOOP("CLI", "the kind of station: fixed (township workstation, default), mobile (service team) "
                                  "or military (military-unit workstation)")
H_COUNTY = QT_TRANSLATE_NOOP("CLI", "the county's name")
H_PHONE = QT_TRANSLATE_NOOP("CLI", "the station's phone, printed on the receipt, e.g. 0376-6123456 (empty: none)")
H_ADDRESS = QT_TRANSLATE_NOOP("CLI", "the station's address, printed on the receipt (empty: none)")
H_CENTER_PHONE = QT_TRANSLATE_NOOP("CLI", "the county legal-aid center's phone, printed on the county's notices "
                                          "(empty: none)")
H_ENROLL = QT_TRANSLATE_NOOP("CLI", "enroll this station with the county server (once)")
H_SERVER = QT_TRANSLATE_NOOP("CLI", "the county server's address, e.g. https://county.example:8765")
H_ENROLL_CODE = QT_TRANSLATE_NOOP("CLI", "the one-time enrollment code from the county")
H_REQUEST = QT_TRANSLATE_NOOP("CLI", "no network: write the enrollment request to this file (USB)")
H_ANSWER = QT_TRANSLATE_NOOP("CLI", "no network: import the county's enrollment answer file")
H_FINGERPRINT = QT_TRANSLATE_NOOP("CLI", "the county root's fingerprint, as printed on the enrollment sheet")
H_FINGERPRINT_IMAGE = QT_TRANSLATE_NOOP("CLI", "instead of typing it: a photo or scan of the enrollment sheet's QR "
                                               "code")
H_RECOVER = QT_TRANSLATE_NOOP("CLI", "rebuild this station from the county (a new laptop, enrolled)")
H_OTHER_SERVER = QT_TRANSLATE_NOOP("CLI", "use this address for this run instead of the enrolled one")
H_SYNC = QT_TRANSLATE_NOOP("CLI", "one sync round with the county (exit status 0: nothing left unsent)")
H_EXPORT = QT_TRANSLATE_NOOP("CLI", "write every change the county has not acknowledged into one signed file (e.g. "
                                    "on a USB stick)")
H_EXPORT_PATH = QT_TRANSLATE_NOOP("CLI", "the bundle file to write")
H_IMPORT = QT_TRANSLATE_NOOP("CLI", "apply the county's reply bundle")
H_IMPORT_FILE = QT_TRANSLATE_NOOP("CLI", "the reply bundle written by the county")
H_COUNTY_WORKSPACE = QT_TRANSLATE_NOOP("CLI", "open the county center's workspace; with --server and --fingerprint, "
                                               "set this computer up as the county workspace (installers) and exit")
H_COUNTY_FINGERPRINT = QT_TRANSLATE_NOOP("CLI", "the county certificate's fingerprint, as the county's administrator "
                                                "gave it")
H_REPORT = QT_TRANSLATE_NOOP("CLI", "write a report or a list (PDF, Excel or CSV), e.g. for a scheduled task")
H_CREDENTIAL = QT_TRANSLATE_NOOP("CLI", "the machine credential file a command unlocks the station with (scheduled "
                                        "tasks)")
H_ACCOUNT = QT_TRANSLATE_NOOP("CLI", "create a station and its station head (the password on standard input)")
H_HEAD = QT_TRANSLATE_NOOP("CLI", "the station head's name")
H_MACHINE_CREDENTIAL = QT_TRANSLATE_NOOP("CLI", "create or remove the machine credential scheduled tasks unlock with "
                                                "(a station head's password on standard input)")
H_CREDENTIAL_FILE = QT_TRANSLATE_NOOP("CLI", "where to write it (default: machine.credential in the data folder)")

# commands that may make a station in an empty --data-dir; every other one needs an existing station
MAKES_A_STATION = (None, "setup", "demo-data", "restore", "county")  # county: its own folder, no station


def build_parser() -> argparse.ArgumentParser:
    from desktop.cli_text import H_STATION_DATA_DIR, GlossedParser

    parser = GlossedParser(prog="python -m desktop", description=DESCRIPTION)  # glossed when printed
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help=H_STATION_DATA_DIR)
    parser.add_argument("--selftest", action="store_true", help=H_SELFTEST)
    parser.add_argument("--credential", type=Path, metavar="FILE", help=H_CREDENTIAL)
    commands = parser.add_subparsers(dest="command")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("--data-dir", type=Path, dest="sub_data_dir", metavar="DIR", help=H_STATION_DATA_DIR)
        sub.add_argument("--credential", type=Path, dest="sub_credential", metavar="FILE", help=H_CREDENTIAL)
        return sub

    demo = command("demo-data", H_DEMO)
    demo.add_argument("--count", type=int, default=1000, help=H_COUNT)
    demo.add_argument("--seed", type=int, default=1, help=H_SEED)
    command("verify", H_VERIFY)
    backup = command("backup", H_BACKUP)
    backup.add_argument("--to", type=Path, help=H_TO)
    backup.add_argument("--keep", type=int, help=H_KEEP)
    restore = command("restore", H_RESTORE)
    restore.add_argument("backup", help=H_WHICH_BACKUP)
    restore.add_argument("--yes", action="store_true", help=H_YES)
    setup = command("setup", H_SETUP)
    setup.add_argument("--code", required=True, help=H_CODE)
    setup.add_argument("--name", required=True, help=H_NAME)
    setup.add_argument("--township", required=True, help=H_TOWNSHIP)
    setup.add_argument("--clerk", action="append", default=[], help=H_CLERK)
    setup.add_argument("--type", choices=["fixed", "mobile", "military"], help=H_TYPE)
    setup.add_argument("--county", help=H_COUNTY)
    setup.add_argument("--phone", help=H_PHONE)
    setup.add_argument("--address", help=H_ADDRESS)
    setup.add_argument("--center-phone", help=H_CENTER_PHONE)
    enroll = command("enroll", H_ENROLL)
    enroll.add_argument("--server", help=H_SERVER)
    enroll.add_argument("--code", help=H_ENROLL_CODE)
    enroll.add_argument("--request", type=Path, help=H_REQUEST)
    enroll.add_argument("--answer", type=Path, help=H_ANSWER)
    enroll.add_argument("--fingerprint", default="", help=H_FINGERPRINT)
    enroll.add_argument("--fingerprint-image", type=Path, help=H_FINGERPRINT_IMAGE)
    recover = command("recover", H_RECOVER)
    recover.add_argument("--server", help=H_OTHER_SERVER)
    sync = command("sync", H_SYNC)
    sync.add_argument("--server", help=H_OTHER_SERVER)
    export_bundle = command("export-bundle", H_EXPORT)
    export_bundle.add_argument("path", type=Path, help=H_EXPORT_PATH)
    import_bundle = command("import-bundle", H_IMPORT)
    import_bundle.add_argument("file", type=Path, help=H_IMPORT_FILE)
    from desktop.audit_cli import add_audit_arguments  # the audit trail (issue 16)

    add_audit_arguments(command)
    from desktop.report_cli import add_report_arguments  # the plan's reports (issue 14)

    add_report_arguments(command("report", H_REPORT))
    account = command("account", H_ACCOUNT)
    account.add_argument("action", choices=["create-station"])
    account.add_argument("--head", required=True, help=H_HEAD)
    credential = command("credential", H_MACHINE_CREDENTIAL)
    credential.add_argument("action", choices=["create", "remove"])
    credential.add_argument("--head", required=True, help=H_HEAD)
    credential.add_argument("--file", type=Path, help=H_CREDENTIAL_FILE)
    county = command("county", H_COUNTY_WORKSPACE)
    county.add_argument("--server", help=H_SERVER)
    county.add_argument("--fingerprint", help=H_COUNTY_FINGERPRINT)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.selftest:
        from desktop.selftest import run_selftest

        return run_selftest(args.data_dir)
    given_dir = getattr(args, "sub_data_dir", None) or args.data_dir
    if args.command == "county":
        from desktop.county_cli import county_dir_beside, run_county

        return run_county(given_dir or county_dir_beside(default_data_dir()), args.server, args.fingerprint)
    if args.command is None:
        from desktop.county_cli import opens_as_county

        county_dir = opens_as_county(given_dir, default_data_dir())
        if county_dir is not None:  # set up as the county workspace at install: the station's screens are not shown
            from desktop.county_ui.app import run_county_workspace

            return run_county_workspace(county_dir)
    data_dir = given_dir or default_data_dir()
    if args.command == "account":  # a keyring before any database: the station head's account
        from desktop.account_cli import run_create_station

        return run_create_station(data_dir, args.head)
    if args.command == "credential":
        from desktop.account_cli import run_credential

        return run_credential(data_dir, args.action, args.head, args.file)
    if args.command not in MAKES_A_STATION:
        from desktop.cli_text import missing_station

        refusal = missing_station(data_dir)
        if refusal:  # a mistyped folder must not become a new station with a new key
            print(refusal, file=sys.stderr)
            return 2
    if args.command not in (None, "restore"):  # restore unlocks the backup's station itself (a new laptop)
        from desktop.account_cli import unlock_command

        locked = unlock_command(data_dir, getattr(args, "sub_credential", None) or args.credential, args.command)
        if locked:
            return locked
    if args.command == "demo-data":
        from desktop.demo import run_demo_data

        return run_demo_data(data_dir, args.count, args.seed)
    if args.command == "verify":
        from desktop.verify_cli import run_verify

        return run_verify(data_dir)
    if args.command == "backup":
        from desktop.backup_cli import run_backup

        return run_backup(data_dir, args.to, args.keep)
    if args.command == "restore":
        from desktop.backup_cli import run_restore

        return run_restore(args.backup, data_dir, yes=args.yes)
    if args.command == "setup":
        from desktop.setup_cli import run_setup

        return run_setup(data_dir, args.code, args.name, args.township, args.clerk, args.type, args.county,
                         phone=args.phone, address=args.address, center_phone=args.center_phone)
    if args.command == "enroll":
        from desktop.sync_cli import run_enroll

        return run_enroll(data_dir, args.server, args.code, request=args.request, answer=args.answer,
                          fingerprint=args.fingerprint, fingerprint_image=args.fingerprint_image)
    if args.command == "recover":
        from desktop.sync_cli import run_recover

        return run_recover(data_dir, args.server)
    if args.command == "sync":
        from desktop.sync_cli import run_sync

        return run_sync(data_dir, args.server)
    if args.command == "export-bundle":
        from desktop.sync_cli import run_export_bundle

        return run_export_bundle(data_dir, args.path)
    if args.command == "import-bundle":
        from desktop.sync_cli import run_import_bundle

        return run_import_bundle(data_dir, args.file)
    if args.command == "audit":
        from desktop.audit_cli import run_audit

        return run_audit(data_dir, args)
    if args.command == "report":
        from desktop.report_cli import run_report

        return run_report(data_dir, args)
    # the window's start makes ~50,000 objects that live as long as the program: no cyclic collection while it runs
    # (~80 of them, 15 ms of CPU); run_app turns collection back on once the first frame is up, and the sign-in and
    # upgrade windows as soon as they must wait for the clerk or for a long upgrade
    gc.disable()
    try:
        from desktop.ui.app import run_app

        return run_app(data_dir)
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
