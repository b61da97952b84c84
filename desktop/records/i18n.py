"""Marks user-facing text in the Qt-free core for Qt's translation tools.

The core speaks English source strings; `pyside6-lupdate` collects every
`QT_TRANSLATE_NOOP(context, text)` call, and the UI translates the text with
`QCoreApplication.translate(context, text)` when it shows it.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    """Return `text` unchanged; lupdate records it under `context`."""
    return text


_ZH: dict[tuple[str, str], str] | None = None


def chinese(context: str, text: str) -> str:
    """`text` in Chinese from the zh_CN translation source, without Qt (for the county server's messages).

    Falls back to `text` when it has no finished translation.
    """
    global _ZH
    if _ZH is None:
        _ZH = _load_ts()
    return _ZH.get((context, text), text)


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
