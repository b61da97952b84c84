"""帮助 → 快速指南: the day's work, the keyboard, and what each application status means.

The text is data (resources/help/quick_guide.json), in Chinese and English, picked by the interface
language; the statuses are named by their labels in the reference list, so the guide and the lists agree.
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.paths import resource_path
from desktop.records.reference import ReferenceData

from .i18n import language


@lru_cache(maxsize=1)
def guide_data() -> dict[str, Any]:
    return json.loads(resource_path("help", "quick_guide.json").read_text(encoding="utf-8"))


def _text(entry: dict[str, str], lang: str) -> str:
    return entry["zh"] if lang.startswith("zh") else entry.get("en") or entry["zh"]


def guide_html(reference: ReferenceData, lang: str | None = None) -> str:
    """The guide as the dialog shows it (HTML), in `lang` (the interface language by default)."""
    lang = lang or language()
    data = guide_data()
    parts = [f"<h2>{escape(_text(data['title'], lang))}</h2>",
             f"<h3>{escape(_text(data['day']['title'], lang))}</h3><ol>"]
    parts += [f"<li>{escape(_text(step, lang))}</li>" for step in data["day"]["steps"]]
    parts.append(f"</ol><h3>{escape(_text(data['keys']['title'], lang))}</h3><table cellpadding='3'>")
    parts += [f"<tr><td><b>{escape(row['keys'])}</b></td><td>{escape(_text(row, lang))}</td></tr>"
              for row in data["keys"]["rows"]]
    parts.append(f"</table><h3>{escape(_text(data['statuses']['title'], lang))}</h3><table cellpadding='3'>")
    meanings = data["statuses"]["meanings"]
    for choice in reference.choices("application_status"):
        if choice.code in meanings:
            parts.append(f"<tr><td><b>{escape(choice.label(lang))}</b></td>"
                         f"<td>{escape(_text(meanings[choice.code], lang))}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


class QuickGuide(QDialog):
    """The guide in a window of its own, beside the work (not modal)."""

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quick_guide")
        self.setWindowTitle(_text(guide_data()["title"], language()))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("quick_guide_text")
        self.browser.setHtml(guide_html(reference))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 600)
