"""Starting the station application: Qt, translations, the station's data, the main window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

# PySide6 reads the source file of every module imported after it (its __feature__ check, ~0.1 ms of CPU each):
# the Qt-free core of the start (the station, its records and keys, sync's state) is imported before it
import desktop.services  # noqa: F401, I001
import sync.status  # noqa: F401
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desktop.paths import resource_path
from desktop.records.errors import StorageError
from desktop.services import open_services
from sync.identity import KeyFileError

from . import wheel_guard
from .crash import CrashReporter, previous_hard_crash, setup_logging
from .i18n import core_text, install_translators
from .main_window import MainWindow
from .messages import MessageBoxes
from .signin import sign_in_at_start
from .single_instance import SingleInstance, ask_running_instance_to_show
from .tasks import TaskRunner, resume_collection
from .upgrade import upgrade_with_progress
from .workstation import Workstation

log = logging.getLogger(__name__)

# Fonts that render Chinese, in order of preference (Windows, then Linux).
CJK_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "SimSun", "Noto Sans CJK SC", "WenQuanYi Micro Hei")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names, icon, a Chinese-capable font and the zh_CN translation."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    QCoreApplication.setOrganizationName("LegalAid")
    QCoreApplication.setApplicationName("LegalAidStation")
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(10)
            app.setFont(font)
            break
    install_translators(app)
    wheel_guard.install(app)  # the wheel scrolls forms; it changes a drop-down only once the clerk focused it
    return app


def run_app(data_dir: Path) -> int:
    data_dir = Path(data_dir)
    try:
        log_dir = setup_logging(data_dir)
    except OSError:
        log_dir = None  # a read-only or missing folder: opening the database says so below
    app = make_application()
    instance = SingleInstance(data_dir) if log_dir else None
    if instance is not None and not instance.acquire():
        if ask_running_instance_to_show(data_dir):
            log.info("another instance holds %s; asked it to come to the front", data_dir)
            return 0
        MessageBoxes.warn(None, QCoreApplication.translate("App", "Already running"),
                          QCoreApplication.translate("App", "The program is already running for this data folder but does not answer. Wait a minute, or restart the computer if it stays so."))
        return 3
    log.info("data folder %s opened by process %d", data_dir, os.getpid())
    window: MainWindow | None = None
    crashed = previous_hard_crash(log_dir) if log_dir else None
    if log_dir:
        CrashReporter(log_dir, lambda: window.keep_drafts() if window is not None else None).install()
    if os.environ.get("LEGALAID_EXIT_AFTER_SHOW"):  # the frozen build's test: the sign-in window shows, then quit
        QTimer.singleShot(0, lambda: QApplication.activeModalWidget() and QApplication.activeModalWidget().reject())
    if sign_in_at_start(data_dir) is None:  # the clerk chose to exit at the sign-in (or at the first start)
        if instance is not None:
            instance.release()
        return 0
    tasks = TaskRunner(data_dir)  # the program's one runner: the upgrade below is its first task
    try:
        upgrade_with_progress(data_dir, tasks)  # an older schema: copy aside and upgrade with a progress dialog
        services = open_services(data_dir)
    except (StorageError, KeyFileError) as error:
        log.error("cannot open station in %s: %s", data_dir, error)
        text = (core_text("Storage", error.message, error.params) if isinstance(error, StorageError)
                else QCoreApplication.translate("App", "The station key file is damaged. Restore the data folder from a backup; do not make a new key, or earlier signatures cannot be checked."))
        MessageBoxes.warn(None, QCoreApplication.translate("App", "Cannot open the station's data"), text, str(data_dir))
        tasks.shutdown()
        return 2
    workstation = Workstation(services, tasks)
    window = MainWindow(workstation)
    if instance is not None:
        instance.activated.connect(window.bring_to_front)
    window.show()
    if os.environ.get("LEGALAID_EXIT_AFTER_SHOW"):  # bench/bench_frozen.py times start -> window shown
        QTimer.singleShot(0, app.quit)
    if crashed is not None:
        MessageBoxes.inform(window, QCoreApplication.translate("App", "The program stopped unexpectedly last time"),
                            QCoreApplication.translate("App", "The last run ended with a crash. Anything typed was kept as a draft where possible. The crash report is in:\n%1").replace("%1", str(crashed)))
    workstation.start()  # timers start with the program, not with a window
    # the rest of the start (backups, sync timer, lock watch, drafts) once the first frame is up: nothing the clerk
    # sees in it depends on them (issue 17)
    QTimer.singleShot(0, window, window.start)
    QTimer.singleShot(0, resume_collection)  # off for the start (desktop/__main__.py): its objects all live on
    code = app.exec()
    workstation.close()  # tasks cancelled and waited for, then the database closed
    if instance is not None:
        instance.release()
    return code
