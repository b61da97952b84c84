"""Marks user-facing text in the Qt-free core for Qt's translation tools.

The core speaks English source strings; `pyside6-lupdate` collects every
`QT_TRANSLATE_NOOP(context, text)` call, and the UI translates the text with
`QCoreApplication.translate(context, text)` when it shows it.
"""

from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    """Return `text` unchanged; lupdate records it under `context`."""
    return text


PROBLEM = "Problem"  # the translation context of why a file, a folder or a text could not be used


class Reason(str):
    """A message's value that is itself an English source of the context "Problem" (why something failed, from
    desktop/records/errors.py `reason_of`): translated where the message is filled in (the window's core_text,
    `chinese_text` and `glossed` without Qt), so no system or library English reaches people."""


_ZH: dict[tuple[str, str], str] | None = None


def chinese(context: str, text: str) -> str:
    """`text` in Chinese from the zh_CN translation source, without Qt (for the county server's messages).

    Falls back to `text` when it has no finished translation.
    """
    global _ZH
    if _ZH is None:
        _ZH = _load_ts()
    return _ZH.get((context, text), text)


def chinese_text(context: str, text: str, params: dict[str, Any] | None = None) -> str:
    """`text` in Chinese with its values filled in, a Reason among them in Chinese too (without Qt)."""
    return chinese(context, text).format(**{k: in_chinese(v) for k, v in (params or {}).items()})


def _load_ts() -> dict[tuple[str, str], str]:
    import xml.etree.ElementTree as ElementTree

    from desktop.paths import resource_path  # from source and frozen alike

    path = resource_path("translations", "legalaid_zh_CN.ts")
    table: dict[tuple[str, str], str] = {}
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return table
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if source and translation is not None and translation.text and translation.get("type") is None:
                table[(name, source)] = translation.text
    return table


def glossed(context: str, text: str, **params: Any) -> str:
    """Chinese with its English source after it in brackets, "中文 (English)": the command lines' one convention
    for help and refusals (the station's users read the Chinese; an administrator can search the English).
    A value that is itself a core message (a UserFacingError, a backup's Problem) is in Chinese in the Chinese part."""
    zh = chinese(context, text)
    if params:
        zh, text = chinese_text(context, text, params), text.format(**params)
    return zh if zh == text else f"{zh} ({text})"


def in_chinese(value: Any) -> Any:
    """A core message that carries its `context`, English `message` and `params` (a UserFacingError, a backup's
    Problem) or a Reason in Chinese, its values too; any other value as it is (str() of either is its English)."""
    if isinstance(value, Reason):
        return chinese(PROBLEM, value)
    context, message = getattr(value, "context", None), getattr(value, "message", None)
    if not (isinstance(context, str) and context and isinstance(message, str)):
        return value
    return chinese(context, message).format(**{k: in_chinese(v) for k, v in getattr(value, "params", {}).items()})


def megabytes(size: int) -> str:
    """A size as people read it everywhere (the window, the command lines, the settings' "1 to 500 MB"):
    MB of 1024 x 1024 bytes, one decimal."""
    return f"{size / (1024 * 1024):,.1f} MB"
