"""Loads the interface language (zh_CN by default) and translates core texts.

The core (desktop.records) marks its messages with QT_TRANSLATE_NOOP; this is
where they become Chinese. Qt's own translations are loaded too, so standard
buttons (OK, Cancel) and dialogs speak Chinese as well.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resource_path
from desktop.records.errors import UserFacingError, ValidationFailed, VersionConflict, reason_of
from desktop.records.fields import Field
from desktop.records.i18n import PROBLEM, Reason
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


def core_text(context: str, message: str, params: dict[str, Any] | None = None) -> str:
    """A core message (StorageError, VersionConflict, ...) in the interface language, its values translated too: a
    Reason, or a value that is itself a core message (a backup's Problem, a UserFacingError): as records.i18n's
    in_chinese does without Qt."""
    return QCoreApplication.translate(context, message).format(**{k: _value_text(v) for k, v in (params or {}).items()})


def _value_text(value: Any) -> Any:
    if isinstance(value, Reason):
        return QCoreApplication.translate(PROBLEM, value)
    context, message = getattr(value, "context", None), getattr(value, "message", None)
    if isinstance(context, str) and context and isinstance(message, str):
        return core_text(context, message, getattr(value, "params", None))
    return value


def error_text(error: BaseException) -> str:
    """Why a task or a file's reading or writing failed, in the interface language: the core's, sync's and the
    county's own words for their errors, else why a file could not be used (desktop/records/errors.py
    reason_of). Never the exception's English text: that is for the log (the task runner writes it there)."""
    from sync.errors import SyncError  # (sync's errors word themselves in the context "Sync")

    if isinstance(error, UserFacingError):
        return core_text(error.context, error.message, error.params)
    if isinstance(error, SyncError):
        return core_text("Sync", error.message, error.params)
    if isinstance(error, VersionConflict):
        return core_text("Storage", VersionConflict.MESSAGE, {"current": str(error.current)})
    if isinstance(error, ValidationFailed):
        return "\n".join(issue_text(issue) for issue in error.issues)
    county_words = getattr(error, "message_zh", None)  # a WorkspaceError: the county server's own Chinese
    if isinstance(county_words, str) and county_words:
        return county_words
    return QCoreApplication.translate(PROBLEM, reason_of(error))


def language() -> str:
    """'zh' or 'en': which reference-list labels to show."""
    return "zh" if QLocale().name().startswith("zh") else "en"
