"""`python -m desktop`: start the station application, or run an admin command.

    python -m desktop [--data-dir DIR]                       start the app
    python -m desktop demo-data --count N [--data-dir DIR]   fill a station with training records
    python -m desktop verify [--data-dir DIR]                check every attachment's file and signature
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
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser("demo-data", help="fill the station with realistic training records")
    demo.add_argument("--count", type=int, default=1000, help="number of consultations and applications together")
    demo.add_argument("--seed", type=int, default=1, help="random seed (same seed, same records)")
    demo.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    verify = commands.add_parser("verify", help="check every attachment (exit status 0 only if all are ok)")
    verify.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = getattr(args, "sub_data_dir", None) or args.data_dir or default_data_dir()
    if args.command == "demo-data":
        from desktop.demo import run_demo_data

        return run_demo_data(data_dir, args.count, args.seed)
    if args.command == "verify":
        from desktop.verify_cli import run_verify

        return run_verify(data_dir)
    from desktop.ui.app import run_app

    return run_app(data_dir)


if __name__ == "__main__":
    sys.exit(main())
