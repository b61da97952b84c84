"""Loads the interface language (zh_CN by default) and translates core texts.

The core (desktop.records) marks its messages with QT_TRANSLATE_NOOP; this is
where they become Chinese. Qt's own translations are loaded too, so standard
buttons (OK, Cancel) and dialogs speak Chinese as well.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resource_path
from desktop.records.fields import Field
from desktop.records.validation import Issue

DEFAULT_LOCALE = "zh_CN"
_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, locale_name: str = DEFAULT_LOCALE) -> bool:
    """Install Qt's and our translations for `locale_name`; True when ours loaded."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(locale_name))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for base, folder in (("qtbase", qt_dir), ("legalaid", str(resource_path("translations")))):
        translator = QTranslator(app)
        if translator.load(f"{base}_{locale_name}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return any(t.filePath().endswith(f"legalaid_{locale_name}.qm") for t in _installed)


def field_label(field: Field) -> str:
    return QCoreApplication.translate("Field", field.label)


def issue_text(issue: Issue) -> str:
    return QCoreApplication.translate("Validation", issue.message).format(**issue.params)


def core_text(context: str, message: str, params: dict[str, str] | None = None) -> str:
    """A core message (StorageError, VersionConflict, ...) in the interface language."""
    return QCoreApplication.translate(context, message).format(**(params or {}))


def language() -> str:
    """'zh' or 'en': which reference-list labels to show."""
    return "zh" if QLocale().name().startswith("zh") else "en"
