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
import sys
from pathlib import Path

from .availability import FormNotAvailable


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
        raise KeyError(f"表格“{record_type}”类的记录还不能从工作站数据中读取，请打印空白表格")
    columns = "id = ? OR number = ?" if record_type == "application" else "id = ?"
    params = (wanted, wanted) if record_type == "application" else (wanted,)
    row = store.db.execute(f"SELECT id FROM {TABLES[record_type]} WHERE {columns}", params).fetchone()
    if row is None:
        raise KeyError(f"找不到编号为 {wanted} 的记录")
    return store.get(record_type, row[0])


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def _verify(pdf: Path, data_dir: Path | None, root_file: Path | None) -> int:
    """One line: the verdict on the PDF's signature. The trust comes from the station's pinned root (and, for
    PDFs signed before the root, the key the county enrolled for it) or from a root file."""
    from .signing import verify_pdf

    roots, enrolled = [], {}
    if root_file is not None:
        from sync.certificates import CertificateError, load_pem_chain

        try:
            roots = load_pem_chain(root_file.read_bytes())
        except (OSError, CertificateError) as exc:
            print(f"无法读取根证书文件 {root_file}：{exc}", file=sys.stderr)
            return 1
    if data_dir is not None:
        found = _station_trust(data_dir)
        if found is None:
            return 1
        roots, enrolled = roots + found[0], found[1]
    try:
        data = pdf.read_bytes()
    except OSError as exc:
        print(f"无法读取 {pdf}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    check = verify_pdf(data, roots, enrolled)
    print(check.message)
    return 0 if check.ok else 1


def _station_trust(data_dir: Path):
    """(roots, enrolled keys) the station in `data_dir` pinned; None (the reason printed) when it cannot say.
    Read-only: a folder that is not a station stays untouched."""
    from desktop.account_cli import unlock_command
    from desktop.records.db import database_key, database_path
    from desktop.records.sqlcipher import connect, sqlite3
    from sync.errors import SyncError
    from sync.trust import pinned

    path = database_path(data_dir)
    if not path.is_file():
        print(f"{data_dir} 中没有工作站数据。", file=sys.stderr)
        return None
    if unlock_command(data_dir, None, "verify"):  # scheduled or not: the machine credential, never a prompt
        return None
    try:
        conn = connect(f"{path.resolve().as_uri()}?mode=ro", database_key(data_dir), uri=True)
    except sqlite3.Error as exc:
        print(f"无法读取工作站的证书：{exc}", file=sys.stderr)
        return None
    try:
        trust = pinned(conn)
    except (SyncError, sqlite3.Error) as exc:
        print(f"无法读取工作站的证书：{getattr(exc, 'message_zh', exc)}", file=sys.stderr)
        return None
    finally:
        conn.close()
    if trust is None:
        print("本工作站尚未在县中心注册，没有可用于核对的县中心根证书；请用 --root 指定根证书文件。", file=sys.stderr)
        return None
    return ([trust.root] if trust.root is not None else []), {trust.station_key: trust.station}


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

                form = get_form(args.form)
                record, decisions = None, NO_DECISIONS
                if not args.blank:
                    if services is None:
                        print("请用 --data-dir 指定工作站数据文件夹。", file=sys.stderr)
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
    except KeyError as exc:
        print(exc.args[0] if exc.args else str(exc), file=sys.stderr)
        return 1
    except FormNotAvailable as exc:  # the wrong form for the record, or the county has not decided yet
        print(f"不能打印：{exc.reason}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the CLI explains, never dumps a traceback on a clerk
        print(f"出错：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
