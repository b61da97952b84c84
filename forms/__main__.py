"""`python -m forms`: list the standard forms, print one, or assemble a case file.

    python -m forms list
    python -m forms render FORM --record ID --data-dir DIR -o OUT.pdf
    python -m forms render FORM --blank [--data-dir DIR] -o OUT.pdf
    python -m forms case-file APPLICATION_NUMBER --data-dir DIR -o OUT.pdf
    python -m forms verify FILE.pdf [--data-dir DIR] [--root ROOT.pem]

--data-dir is the station's data folder (as for `python -m desktop --data-dir`); a blank
form without it prints without the station's name. `verify` checks the signature against the county
root the station in --data-dir pinned, or the root in --root (anyone else: the county gives it out),
and prints one line: valid (who signed, when) or not valid and why. Exit status 0 on success (a
valid signature), 1 on an error or an invalid signature (explained in Chinese), 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from desktop.cli_text import gloss
from desktop.records.i18n import QT_TRANSLATE_NOOP

from .availability import FormNotAvailable

log = logging.getLogger(__name__)

# the refusals, in the command lines' one convention: Chinese, the English source in brackets (desktop/cli_text.py)
NOT_FROM_DATA = QT_TRANSLATE_NOOP("CLI", "Records of the kind \"{record_type}\" cannot be read from the station's data "
                                         "yet; print a blank form.")
NO_RECORD = QT_TRANSLATE_NOOP("CLI", "There is no record numbered {number}.")
CANNOT_READ_ROOT = QT_TRANSLATE_NOOP("CLI", "Cannot read the root certificate file {path}: {problem}")
CANNOT_READ = QT_TRANSLATE_NOOP("CLI", "Cannot read {path}: {problem}")
NO_STATION_DATA = QT_TRANSLATE_NOOP("CLI", "There is no station data in {path}.")
CANNOT_READ_CERTIFICATES = QT_TRANSLATE_NOOP("CLI", "The station's certificates cannot be read: {problem}")
NOT_ENROLLED = QT_TRANSLATE_NOOP("CLI", "This station is not enrolled at the county yet, so it has no county root "
                                        "certificate to check against; give the root certificate file with --root.")
NEED_DATA_DIR = QT_TRANSLATE_NOOP("CLI", "Give the station's data folder with --data-dir.")
CANNOT_PRINT = QT_TRANSLATE_NOOP("CLI", "Cannot print: {reason}")
FAILED = QT_TRANSLATE_NOOP("CLI", "Stopped: {problem}")
NO_FORM = QT_TRANSLATE_NOOP("CLI", "There is no form {form}; the forms are: {known}")


class _Refused(KeyError):
    """A refusal of the record asked for: its message, said glossed."""

    def __init__(self, text: str, **params: str):
        super().__init__(text)
        self.text, self.params = text, params


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m forms", description="法律援助标准文书：列出、打印、组卷")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="列出全部表格")
    render = commands.add_parser("render", help="打印一份表格（PDF）")
    render.add_argument("form", help="表格编号（见 list）")
    source = render.add_mutually_exclusive_group(required=True)
    source.add_argument("--record", help="记录编号（UUID）或申请编号")
    source.add_argument("--blank", action="store_true", help="空白表格，供手写")
    render.add_argument("--data-dir", type=Path, help="工作站数据文件夹")
    render.add_argument("-o", "--output", type=Path, required=True)
    render.add_argument("--no-sign", action="store_true", help="不加数字签名")
    render.add_argument("--font", type=Path, help="正文字体文件（TrueType，如 C:\\Windows\\Fonts\\simsun.ttc）")
    case = commands.add_parser("case-file", help="组卷：封面、卷内目录、全部文书和附件")
    case.add_argument("application", help="申请编号（如 TS01-2026-00001）或记录编号")
    case.add_argument("--data-dir", type=Path, required=True, help="工作站数据文件夹")
    case.add_argument("-o", "--output", type=Path, required=True)
    case.add_argument("--no-sign", action="store_true")
    case.add_argument("--font", type=Path)
    verify = commands.add_parser("verify", help="检查 PDF 的数字签名：是否由县法律援助中心签发的证书签署、签署后是否被改动")
    verify.add_argument("pdf", type=Path)
    verify.add_argument("--data-dir", type=Path, help="工作站数据文件夹（用其注册时确认的县中心根证书核对）")
    verify.add_argument("--root", type=Path, help="县法律援助中心根证书文件（PEM），供工作站以外的人核对")
    return parser


def _find_record(services, wanted: str, record_type: str):
    store = services.station.store
    from desktop.records.store import TABLES

    if record_type not in TABLES:
        raise _Refused(NOT_FROM_DATA, record_type=record_type)
    columns = "id = ? OR number = ?" if record_type == "application" else "id = ?"
    params = (wanted, wanted) if record_type == "application" else (wanted,)
    row = store.db.execute(f"SELECT id FROM {TABLES[record_type]} WHERE {columns}", params).fetchone()
    if row is None:
        raise _Refused(NO_RECORD, number=wanted)
    return store.get(record_type, row[0])


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def _verify(pdf: Path, data_dir: Path | None, root_file: Path | None) -> int:
    """One line: the verdict on the PDF's signature. The trust comes from the station's pinned root (and, for
    PDFs signed before the root, the key the county enrolled for it) or from a root file."""
    from desktop.records.errors import reason_of

    from .signing import verify_pdf

    roots, enrolled = [], {}
    if root_file is not None:
        from sync.certificates import CertificateError, load_pem_chain

        try:
            roots = load_pem_chain(root_file.read_bytes())
        except (OSError, CertificateError) as exc:
            print(gloss(CANNOT_READ_ROOT, path=root_file, problem=reason_of(exc)), file=sys.stderr)
            return 1
    if data_dir is not None:
        found = _station_trust(data_dir)
        if found is None:
            return 1
        roots, enrolled = roots + found[0], found[1]
    try:
        data = pdf.read_bytes()
    except OSError as exc:
        print(gloss(CANNOT_READ, path=pdf, problem=reason_of(exc)), file=sys.stderr)
        return 1
    check = verify_pdf(data, roots, enrolled)
    print(check.message)
    return 0 if check.ok else 1


def _station_trust(data_dir: Path):
    """(roots, enrolled keys) the station in `data_dir` pinned; None (the reason printed) when it cannot say.
    Read-only: a folder that is not a station stays untouched."""
    from desktop.account_cli import unlock_command
    from desktop.cli_text import gloss_refusal
    from desktop.records.db import database_key, database_path
    from desktop.records.errors import reason_of
    from desktop.records.sqlcipher import connect, sqlite3
    from sync.errors import SyncError
    from sync.trust import pinned

    path = database_path(data_dir)
    if not path.is_file():
        print(gloss(NO_STATION_DATA, path=data_dir), file=sys.stderr)
        return None
    if unlock_command(data_dir, None, "verify"):  # scheduled or not: the machine credential, never a prompt
        return None
    try:
        conn = connect(f"{path.resolve().as_uri()}?mode=ro", database_key(data_dir), uri=True)
    except sqlite3.Error as exc:
        print(gloss(CANNOT_READ_CERTIFICATES, problem=reason_of(exc)), file=sys.stderr)
        return None
    try:
        trust = pinned(conn)
    except SyncError as exc:  # (its own words, the detail in brackets)
        print(gloss(CANNOT_READ_CERTIFICATES, problem="") + gloss_refusal(exc), file=sys.stderr)
        return None
    except sqlite3.Error as exc:
        print(gloss(CANNOT_READ_CERTIFICATES, problem=reason_of(exc)), file=sys.stderr)
        return None
    finally:
        conn.close()
    if trust is None:
        print(gloss(NOT_ENROLLED), file=sys.stderr)
        return None
    return ([trust.root] if trust.root is not None else []), {trust.station_key: trust.station}


def _worded(error: BaseException):
    """Why printing stopped: the forms core words its own errors in Chinese (a font, a form file), shown as they are;
    anything else as desktop/records/errors.py reason_of says it, never in the exception's English."""
    from desktop.records.errors import reason_of

    from .catalogue import CatalogueError
    from .fonts import FontError

    return str(error) if isinstance(error, (FontError, CatalogueError)) else reason_of(error)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            from .catalogue import all_forms

            for form in all_forms():
                seal = {"station": "工作站印章", "center": "中心印章"}.get(form.seal_owner or "", "")
                print(f"{form.id:<24} {form.record_type:<13} {form.name}{'  [' + seal + ']' if seal else ''}")
            return 0
        if args.command == "verify":
            return _verify(args.pdf, args.data_dir, args.root)
        from .context import RenderContext, context_for

        services = None
        if getattr(args, "data_dir", None):
            from desktop.account_cli import unlock_command
            from desktop.cli_text import missing_station
            from desktop.services import open_services

            refusal = missing_station(args.data_dir)
            if refusal:  # printing reads a station: a mistyped folder must not become a new one with a new key
                print(refusal, file=sys.stderr)
                return 2
            locked = unlock_command(args.data_dir, None, args.command)  # the machine credential, never a prompt
            if locked:
                return locked
            services = open_services(args.data_dir)
        try:
            extra = {"body_font": args.font} if args.font else {}
            if services is not None:
                context = context_for(services, **extra)
            else:
                context = RenderContext(**extra)
            if args.no_sign:
                context = context.with_changes(signer=None)
            if args.command == "render":
                from .catalogue import get_form
                from .render import render_form

                from .county import NO_DECISIONS, county_decisions

                try:
                    form = get_form(args.form)
                except KeyError:
                    from .catalogue import all_forms

                    raise _Refused(NO_FORM, form=args.form, known=", ".join(f.id for f in all_forms())) from None
                record, decisions = None, NO_DECISIONS
                if not args.blank:
                    if services is None:
                        print(gloss(NEED_DATA_DIR), file=sys.stderr)
                        return 2
                    record = _find_record(services, args.record, form.record_type)
                    decisions = county_decisions(services.station.store.db, record)
                _write(args.output, render_form(form.id, record, context, decisions=decisions))
            else:
                from .case_file import build_case_file

                _write(args.output, build_case_file(services, args.application, context=context,
                                                    progress=lambda done, total: print(
                                                        f"\r组卷 {done}/{total}", end="", file=sys.stderr)))
                print(file=sys.stderr)
        finally:
            if services is not None:
                services.close()
        print(f"已生成 {args.output}")
        return 0
    except _Refused as refusal:
        print(gloss(refusal.text, **refusal.params), file=sys.stderr)
        return 1
    except FormNotAvailable as exc:  # the wrong form for the record, or the county has not decided yet
        print(gloss(CANNOT_PRINT, reason=exc.reason), file=sys.stderr)  # (the reason is worded in Chinese)
        return 1
    except Exception as exc:  # noqa: BLE001 - the CLI explains, never dumps a traceback on a clerk
        print(gloss(FAILED, problem=_worded(exc)), file=sys.stderr)
        log.warning("python -m forms %s stopped: %r", args.command, exc)  # the detail, for the administrator
        return 1


if __name__ == "__main__":
    sys.exit(main())
