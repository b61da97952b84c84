"""Marks user-facing text in the Qt-free core for Qt's translation tools.

The core speaks English source strings; `pyside6-lupdate` collects every
`QT_TRANSLATE_NOOP(context, text)` call, and the UI translates the text with
`QCoreApplication.translate(context, text)` when it shows it.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    """Return `text` unchanged; lupdate records it under `context`."""
    return text
