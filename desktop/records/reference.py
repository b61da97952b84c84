"""Reference lists (ethnic groups, categories, grounds, ...) read from resources/reference/*.json.

Codes are what records store and never change; labels are the county's to edit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.paths import resource_path


@dataclass(frozen=True)
class Choice:
    code: str
    zh: str
    en: str

    def label(self, language: str = "zh") -> str:
        return self.zh if language.startswith("zh") else self.en


class ReferenceData:
    """All reference lists of one folder, by list name."""

    def __init__(self, lists: dict[str, tuple[Choice, ...]]):
        self._lists = lists
        self._by_code = {name: {c.code: c for c in items} for name, items in lists.items()}

    @classmethod
    def load(cls, folder: Path | None = None) -> "ReferenceData":
        folder = folder or resource_path("reference")
        lists: dict[str, tuple[Choice, ...]] = {}
        for path in sorted(folder.glob("*.json")):
            content = json.loads(path.read_text(encoding="utf-8"))
            for name, items in content.items():
                if name.startswith("_") or not isinstance(items, list):
                    continue
                lists[name] = tuple(Choice(str(i["code"]), i["zh"], i.get("en", i["zh"])) for i in items)
        return cls(lists)

    def names(self) -> list[str]:
        return sorted(self._lists)

    def knows(self, list_name: str) -> bool:
        """The reference data has this list (a missing list cannot be checked against)."""
        return list_name in self._lists

    def choices(self, list_name: str) -> tuple[Choice, ...]:
        return self._lists[list_name]

    def has(self, list_name: str, code: str) -> bool:
        return code in self._by_code.get(list_name, {})

    def label(self, list_name: str, code: str | None, language: str = "zh") -> str:
        """The label of `code`, or the code itself when the list no longer has it."""
        if not code:
            return ""
        choice = self._by_code.get(list_name, {}).get(code)
        return choice.label(language) if choice else code


@lru_cache(maxsize=1)
def default_reference() -> ReferenceData:
    """The reference data shipped in resources/ (cached: it is read-only)."""
    return ReferenceData.load()
