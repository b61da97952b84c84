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
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

APP_NAME = "LegalAidStation"
ORG_NAME = "LegalAid"


def default_data_dir() -> Path:
    """The per-user application data folder (%LOCALAPPDATA%\\LegalAid\\LegalAidStation on Windows)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m desktop", description="法律援助工作站 Legal-Aid Workstation")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: the per-user application data folder)")
    parser.add_argument("--credential", type=Path,
                        help="the machine credential file a command unlocks with (scheduled tasks)")
    parser.add_argument("--selftest", action="store_true",
                        help="check this installation in a temporary folder (and --data-dir read-only), then exit")
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser("demo-data", help="fill the station with realistic training records")
    demo.add_argument("--count", type=int, default=1000, help="number of consultations and applications together")
    demo.add_argument("--seed", type=int, default=1,
                      help="random seed: the same seed on the same day gives the same records (today's aside)")
    demo.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    verify = commands.add_parser("verify", help="check every attachment (exit status 0 only if all are ok)")
    verify.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    backup = commands.add_parser("backup", help="make a checked backup now (database and attachments)")
    backup.add_argument("--to", type=Path, help="backup folder (default: the station's setting, or DATA/backups)")
    backup.add_argument("--keep", type=int, help="how many backups to keep there (default: the station's setting)")
    backup.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    restore = commands.add_parser("restore", help="verify a backup and put it in place (the current data are kept aside)")
    restore.add_argument("backup", help="a backup folder, the name of one in the backup folder, or 'latest'")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    setup = commands.add_parser("setup", help="set the station's details (as 设置 does), for installers' scripts")
    setup.add_argument("--code", required=True, help="the station code given by the county, e.g. CG01")
    setup.add_argument("--name", required=True, help="the station's name")
    setup.add_argument("--township", required=True)
    setup.add_argument("--clerk", action="append", default=[], help="a clerk's name (repeat for each)")
    setup.add_argument("--type", choices=["fixed", "mobile", "military"], help="fixed (default), mobile or military")
    setup.add_argument("--county", help="the county's name")
    setup.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    enroll = commands.add_parser("enroll", help="enroll this station with the county server (once)")
    enroll.add_argument("--server", help="the county server's address, e.g. https://county.example:8765")
    enroll.add_argument("--code", help="the one-time enrollment code from the county")
    enroll.add_argument("--request", type=Path, help="no network: write the enrollment request to this file (USB)")
    enroll.add_argument("--answer", type=Path, help="no network: import the county's enrollment answer file")
    enroll.add_argument("--fingerprint", default="", help="the county root fingerprint on the enrollment sheet")
    enroll.add_argument("--fingerprint-image", type=Path, help="a photo or scan of the enrollment sheet's QR code")
    enroll.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    recover = commands.add_parser("recover", help="rebuild this station from the county (a new laptop, enrolled)")
    recover.add_argument("--server", help="use this address instead of the enrolled one")
    recover.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    sync = commands.add_parser("sync", help="one sync round with the county (exit status 0: nothing left unsent)")
    sync.add_argument("--server", help="use this address for this run instead of the enrolled one")
    sync.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    export_bundle = commands.add_parser("export-bundle", help="write every change the county has not acknowledged "
                                                              "into one signed file (e.g. on a USB stick)")
    export_bundle.add_argument("path", type=Path, help="the bundle file to write")
    export_bundle.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    import_bundle = commands.add_parser("import-bundle", help="apply the county's reply bundle")
    import_bundle.add_argument("file", type=Path, help="the reply bundle written by the county")
    import_bundle.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    from desktop.report_cli import add_report_arguments  # the plan's reports (issue 14)

    report = commands.add_parser("report", help="write a report or a list (PDF, Excel or CSV), e.g. for a scheduled task")
    add_report_arguments(report)
    report.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    for command in commands.choices.values():  # a scheduled task's credential, after the command too
        command.add_argument("--credential", type=Path, dest="sub_credential", help=argparse.SUPPRESS)
    account = commands.add_parser("account", help="create a station and its station head (password on stdin)")
    account.add_argument("action", choices=["create-station"])
    account.add_argument("--head", required=True, help="the station head's name")
    account.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    credential = commands.add_parser("credential", help="the machine credential scheduled tasks unlock with "
                                                        "(a station head's password on stdin)")
    credential.add_argument("action", choices=["create", "remove"])
    credential.add_argument("--head", required=True, help="a station head's name")
    credential.add_argument("--file", type=Path, help="where to write it (default: machine.credential in the data folder)")
    credential.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.selftest:
        from desktop.selftest import run_selftest

        return run_selftest(args.data_dir)
    data_dir = getattr(args, "sub_data_dir", None) or args.data_dir or default_data_dir()
    if args.command == "account":
        from desktop.account_cli import run_create_station

        return run_create_station(data_dir, args.head)
    if args.command == "credential":
        from desktop.account_cli import run_credential

        return run_credential(data_dir, args.action, args.head, args.file)
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

        return run_setup(data_dir, args.code, args.name, args.township, args.clerk, args.type, args.county)
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
    if args.command == "report":
        from desktop.report_cli import run_report

        return run_report(data_dir, args)
    from desktop.ui.app import run_app

    return run_app(data_dir)


if __name__ == "__main__":
    sys.exit(main())
