"""Starting the station application: Qt, translations, the station's data, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desktop.paths import resource_path
from desktop.records.errors import StorageError
from desktop.services import open_services
from sync.identity import KeyFileError

from .i18n import core_text, install_translators
from .main_window import MainWindow, schedule_draft_offer
from .messages import MessageBoxes

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
    return app


def run_app(data_dir: Path) -> int:
    app = make_application()
    try:
        services = open_services(data_dir)
    except (StorageError, KeyFileError) as error:
        log.error("cannot open station in %s: %s", data_dir, error)
        text = (core_text("Storage", error.message, error.params) if isinstance(error, StorageError)
                else QCoreApplication.translate("App", "The station key file is damaged. Restore the data folder from a backup; do not make a new key, or earlier signatures cannot be checked."))
        MessageBoxes.warn(None, QCoreApplication.translate("App", "Cannot open the station's data"), text, str(data_dir))
        return 2
    window = MainWindow(services)
    window.show()
    schedule_draft_offer(window)
    code = app.exec()
    services.close()
    return code
