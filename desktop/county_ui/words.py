"""The county workspace's words for the server's codes: statuses, special groups, deadline states, decisions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.records.i18n import QT_TRANSLATE_NOOP

CONTEXT = "CountyWords"

STATUS = {
    "received": QT_TRANSLATE_NOOP("CountyWords", "Awaiting review"),
    "accepted": QT_TRANSLATE_NOOP("CountyWords", "Accepted"),
    "supplement": QT_TRANSLATE_NOOP("CountyWords", "Awaiting supplementary materials"),
    "granted": QT_TRANSLATE_NOOP("CountyWords", "Legal aid granted"),
    "refused": QT_TRANSLATE_NOOP("CountyWords", "Legal aid refused"),
    "assigned": QT_TRANSLATE_NOOP("CountyWords", "Assigned"),
    "closed": QT_TRANSLATE_NOOP("CountyWords", "Closed"),
    "terminated": QT_TRANSLATE_NOOP("CountyWords", "Legal aid terminated"),
    # not a decision: the materials asked for were not supplied by the notice's date (Art. 43; the queue's filter)
    "withdrawn": QT_TRANSLATE_NOOP("CountyWords", "Counts as withdrawn (materials not supplied in time)"),
}
GROUPS = {
    "military": QT_TRANSLATE_NOOP("CountyWords", "Military personnel"),
    "minor": QT_TRANSLATE_NOOP("CountyWords", "Minors"),
    "migrant_worker": QT_TRANSLATE_NOOP("CountyWords", "Migrant workers"),
}
DEADLINE_STATES = {
    "overdue": QT_TRANSLATE_NOOP("CountyWords", "Overdue"),
    "today": QT_TRANSLATE_NOOP("CountyWords", "Due today"),
    "soon": QT_TRANSLATE_NOOP("CountyWords", "Due soon"),
    "urgent": QT_TRANSLATE_NOOP("CountyWords", "Urgent (Art. 44)"),
    "none": QT_TRANSLATE_NOOP("CountyWords", "No open deadline"),
}
DECISIONS = {
    "accept": QT_TRANSLATE_NOOP("CountyWords", "Accept"),
    "supplement": QT_TRANSLATE_NOOP("CountyWords", "Ask for supplementary materials"),
    "grant": QT_TRANSLATE_NOOP("CountyWords", "Grant legal aid"),
    "refuse": QT_TRANSLATE_NOOP("CountyWords", "Refuse legal aid"),
    "assign": QT_TRANSLATE_NOOP("CountyWords", "Assign"),
    "replace": QT_TRANSLATE_NOOP("CountyWords", "Replace the legal-aid provider"),
    "terminate": QT_TRANSLATE_NOOP("CountyWords", "Terminate legal aid"),
    "progress": QT_TRANSLATE_NOOP("CountyWords", "Record progress"),
    "close": QT_TRANSLATE_NOOP("CountyWords", "Close the case"),
    "objection": QT_TRANSLATE_NOOP("CountyWords", "Record an objection"),
}


def word(table: dict[str, str], code: str | None) -> str:
    """The Chinese word for a code of `table`; an unknown code as it came (never empty)."""
    if code in table:
        return QCoreApplication.translate(CONTEXT, table[code])
    return code or ""

# Grounds a refusal gives (Legal Aid Law Arts. 31, 34, 38, 41), chosen on the form; the reasons travel and print
# as these words, with the reviewer's own text after them.
REFUSAL_GROUNDS = (
    QT_TRANSLATE_NOOP("CountyWords", "The matter is not within the scope of legal aid (Legal Aid Law Arts. 22, 24, 31)"),
    QT_TRANSLATE_NOOP("CountyWords", "The applicant does not meet the economic hardship standard (Art. 34)"),
    QT_TRANSLATE_NOOP("CountyWords", "The application is not for this legal-aid center to handle (Art. 38)"),
    QT_TRANSLATE_NOOP("CountyWords", "The applicant's statement of hardship was found untrue (Art. 41)"),
)
# Art. 48: when the center terminates legal aid
TERMINATION_GROUNDS = (
    QT_TRANSLATE_NOOP("CountyWords", "Legal aid was obtained by deceit"),
    QT_TRANSLATE_NOOP("CountyWords", "The recipient hid important facts or gave false evidence"),
    QT_TRANSLATE_NOOP("CountyWords", "The recipient uses legal aid for unlawful ends"),
    QT_TRANSLATE_NOOP("CountyWords", "The recipient no longer meets the economic hardship standard"),
    QT_TRANSLATE_NOOP("CountyWords", "The case ended or was withdrawn"),
    QT_TRANSLATE_NOOP("CountyWords", "The recipient engaged a lawyer of their own"),
    QT_TRANSLATE_NOOP("CountyWords", "The recipient asks with good reason to end legal aid"),
)

def words(texts: tuple[str, ...]) -> list[str]:
    return [QCoreApplication.translate(CONTEXT, text) for text in texts]
