"""The county's quality evaluation scheme (案件质量评查, work plan §5 and §12): items, maxima and grade bands.

The scheme is data (resources/plan/quality_scheme.json); an evaluation stores one score per item
(`score_<code>`), and its total and grade follow from them here, so a grade always agrees with the
scheme it was given under.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from desktop.paths import resource_path


@dataclass(frozen=True)
class QualityItem:
    code: str
    title: str  # as the county's form prints it (Chinese, data)
    standard: str
    max: int

    @property
    def field(self) -> str:
        return f"score_{self.code}"


@dataclass(frozen=True)
class QualityScheme:
    items: tuple[QualityItem, ...]
    bands: tuple[tuple[str, int], ...]  # (grade, lowest total), highest grade first

    @property
    def maximum(self) -> int:
        return sum(item.max for item in self.items)

    def total(self, data: Mapping[str, Any]) -> int | None:
        """The sum of the item scores; None until every item is scored within its range (999 typed into a 10-point
        item is a mistake to fix, not a total of 1089 and 优秀)."""
        scores = [data.get(item.field) for item in self.items]
        if any(not isinstance(s, int) or isinstance(s, bool) or not 0 <= s <= item.max
               for s, item in zip(scores, self.items)):
            return None
        return sum(scores)  # type: ignore[arg-type]

    def grade(self, total: int | None) -> str | None:
        if total is None:
            return None
        for grade, lowest in self.bands:
            if total >= lowest:
                return grade
        return self.bands[-1][0] if self.bands else None


@lru_cache(maxsize=1)
def quality_scheme() -> QualityScheme:
    """The shipped scheme (read once)."""
    content = json.loads(resource_path("plan", "quality_scheme.json").read_text(encoding="utf-8"))
    items = tuple(QualityItem(str(i["code"]), str(i["title"]), str(i.get("standard", "")), int(i["max"]))
                  for i in content["items"])
    bands = tuple((str(b["grade"]), int(b["from"])) for b in content["grades"])
    return QualityScheme(items, bands)
