"""`--selftest`: does this installation work? Checked in a temporary data folder, one line per check.

    python -m desktop --selftest [--data-dir DIR]
    legalaid-console.exe --selftest [--data-dir DIR]      (the frozen build)

Every check runs against a fresh station in a temporary folder, through the
same code the application uses (resource_path, open_station, Store.save, the
station key, the vault, the main window), so a frozen build that lacks a
module, a Qt plugin or a resource file fails here with the name of what is
missing. With --data-dir the real station's database is also checked, opened
read-only (SQLite mode=ro: its contents are never changed).

Exit status 0 when every check passed (skipped checks do not count as failures),
1 otherwise. Without a display on Linux, Qt's offscreen platform is used.
The checks themselves are in desktop.selftest_checks; this module lists them
in order and runs them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from desktop import __version__
from desktop.selftest_checks import (
    SELFTEST_CLERK,  # noqa: F401 - this and the other F401 names are re-exported: tests import them from here
    CheckContext,
    Skipped,
    check_attachment,
    check_database,
    check_enrollment_sheet,
    check_form,
    check_images_and_pdf,
    check_main_window,
    check_qt_platform,
    check_record,
    check_reference,
    check_station_data,
    check_station_key,
    check_translations,
    pdf_font_report,  # noqa: F401
    sample_pdf_bytes,  # noqa: F401
)
from desktop.selftest_checks import sample_consultation as _consultation  # noqa: F401 - the name tests use

PASS, FAIL, SKIP = "pass", "fail", "skip"


@dataclass
class Outcome:
    key: str
    label: str
    status: str
    detail: str = ""
    error: str = ""  # the traceback of a failure, for the report's end
    seconds: float = 0.0


# -------------------------------------------------------------------------- display


def _display_available() -> bool:
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def use_offscreen_without_display() -> None:
    """Headless Linux (CI, a server, ssh): Qt's offscreen platform instead of aborting at start."""
    if not os.environ.get("QT_QPA_PLATFORM") and not _display_available():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# Each check: key, English + Chinese label, function. Later checks may need earlier ones.
CHECKS: list[tuple[str, str, Callable[[CheckContext], str]]] = [
    ("qt", "Qt platform loads · 图形界面平台", check_qt_platform),
    ("images", "Images and PDF preview · 图片与PDF预览", check_images_and_pdf),
    ("translations", "Translations load · 中文界面翻译", check_translations),
    ("reference", "Reference data loads · 参考数据", check_reference),
    ("database", "Database opens and migrates · 数据库打开与升级", check_database),
    ("record", "A record saves and reads back · 记录保存与读回", check_record),
    ("station_key", "Station key signs and verifies · 工作站密钥签名与验证", check_station_key),
    ("attachment", "An attachment imports and verifies · 附件导入与校验", check_attachment),
    ("form", "A form renders with embedded Chinese fonts · 表格生成（嵌入中文字体）", check_form),
    ("enrollment_sheet", "The enrollment sheet's QR code reads · 注册单二维码识读", check_enrollment_sheet),
    ("main_window", "Main window builds · 主窗口", check_main_window),
]
STATION_DATA_CHECK = ("station_data", "Station data opens read-only · 工作站数据（只读检查）", check_station_data)


# -------------------------------------------------------------------------- running


def _marks(stream: TextIO | None) -> dict[str, str]:
    encoding = getattr(stream, "encoding", None) or "utf-8"  # a StringIO has none and takes any text
    try:
        "✓✗–".encode(encoding)
        return {PASS: "✓", FAIL: "✗", SKIP: "–"}
    except (UnicodeEncodeError, LookupError):
        return {PASS: "[ok]", FAIL: "[FAIL]", SKIP: "[skip]"}


class _LogCapture(logging.Handler):
    """Keeps what libraries log during the checks: shown with a failed check, never in between the ✓ lines."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def run_checks(work: Path, data_dir: Path | None,
               emit: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Run every check with `work` as the temporary data folder; `emit` is called as each one ends."""
    ctx = CheckContext(work=work, data_dir=data_dir)
    checks = CHECKS + ([STATION_DATA_CHECK] if data_dir is not None else [])
    outcomes = []
    capture = _LogCapture()
    logging.getLogger().addHandler(capture)
    try:
        for key, label, check in checks:
            started, logged = time.perf_counter(), len(capture.lines)
            try:
                outcome = Outcome(key, label, PASS, check(ctx))
            except Skipped as skipped:
                outcome = Outcome(key, label, SKIP, str(skipped))
            except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the others
                ctx.failed.add(key)
                log = "\n".join(capture.lines[logged:])
                outcome = Outcome(key, label, FAIL, f"{type(exc).__name__}: {exc}",
                                  traceback.format_exc() + (f"logged meanwhile:\n{log}" if log else ""))
            outcome.seconds = time.perf_counter() - started
            outcomes.append(outcome)
            emit(outcome)
    finally:
        logging.getLogger().removeHandler(capture)
    return outcomes


def run_selftest(data_dir: Path | None = None, out: TextIO | None = None) -> int:
    """Check this installation in a temporary data folder (and `data_dir` read-only); 0 when all pass."""
    use_offscreen_without_display()
    out = out if out is not None else sys.stdout
    if out is sys.stdout and out is not None:
        with contextlib.suppress(AttributeError, ValueError):
            out.reconfigure(errors="replace")  # a Chinese label never crashes a non-Chinese console
    lines: list[str] = []

    def say(text: str = "") -> None:
        lines.append(text)
        if out is not None:
            print(text, file=out, flush=True)

    marks = _marks(out)
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    say(f"法律援助工作站 {__version__} self-test 自检 ({frozen}; Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="legalaid-selftest-", ignore_cleanup_errors=True) as folder:
        say(f"temporary data folder 临时数据文件夹: {folder}")
        if data_dir is not None:
            say(f"station data folder 工作站数据文件夹 (read-only): {data_dir}")

        def emit(outcome: Outcome) -> None:
            detail = f" — {outcome.detail}" if outcome.detail else ""
            say(f"{marks[outcome.status]} {outcome.label}{detail} [{outcome.seconds * 1000:.0f} ms]")

        outcomes = run_checks(Path(folder), Path(data_dir) if data_dir is not None else None, emit)
    elapsed = time.perf_counter() - started
    failed = [o for o in outcomes if o.status == FAIL]
    skipped = [o for o in outcomes if o.status == SKIP]
    passed = len(outcomes) - len(failed) - len(skipped)
    summary = f"{passed} passed, {len(failed)} failed, {len(skipped)} skipped in {elapsed:.2f} s"
    if failed:
        say(f"SELF-TEST FAILED 自检未通过: {summary}")
        say("Send this whole text to the person who installed the program. 请将以上全部内容发给安装人员。")
        for outcome in failed:
            say("")
            say(f"--- {outcome.key}: {outcome.detail}")
            say(outcome.error.rstrip())
    else:
        say(f"SELF-TEST PASSED 自检通过: {summary}")
    if out is None:
        _show_in_window(not failed, "\n".join(lines))
    return 1 if failed else 0


def _show_in_window(ok: bool, text: str) -> None:
    """The windowed executable has no console: show the report in a message box instead."""
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        box = QMessageBox(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning,
                          "自检 Self-test", text.split("\n")[-1] if ok else "自检未通过 Self-test failed")
        box.setDetailedText(text)
        box.exec()
    except Exception:  # without a console or a window, the log is all that is left
        logging.getLogger(__name__).exception("cannot show the self-test report")
