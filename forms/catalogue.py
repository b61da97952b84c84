"""The catalogue of the county's standard forms, read from resources/forms/*.json.

Every form's wording, fields and layout blocks are data (one JSON file per form,
`_common.json` for what they share, `_case_file.json` for the file's order), so a
county edits text without code; the layout engine (forms/layout.py) is code.

A form file::

    {"id": "receipt", "name": "法律援助申请材料接收凭证", "record_type": "application",
     "order": 40, "seal": "station", "when": {"case_type": {"not": ["criminal"]}},
     "number": {"char": "援收字", "serial": "{number_serial}"},
     "extra_fields": {"receiver": "接收人"},
     "blocks": [{"type": "title", "text": "..."}, ...]}

`also_for` names other record types the form is also printed from (the closure report from the
station's closure record). `seal` is "station" (the station's own seal, a generated one by default), "center"
(printed only when the center's seal image is configured) or null. Block types and the
placeholder syntax are described in resources/forms/README.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from desktop.paths import resource_path

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^{}]*))?\}")
SEAL_OWNERS = ("station", "center")


class CatalogueError(Exception):
    """A form file cannot be read or has a mistake (named in the message)."""


@dataclass(frozen=True)
class FormSpec:
    id: str
    name: str  # the Chinese title as listed (e.g. 法律援助申请表（刑事）)
    record_type: str  # consultation | application | complaint | case (cover/contents) | ...
    has_seal: bool
    seal_owner: str | None
    order: int
    number_char: str | None  # 援申字, 援决字, ... (None: no number line)
    when: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # what the form is issued on: county decisions (event kinds: grant, assign, ...), every one of them; an entry
    # that is a tuple is met by any one of its kinds (forms/availability.py: also the station's closure report)
    requires: tuple[str | tuple[str, ...], ...] = ()
    also_for: tuple[str, ...] = ()  # other record types it is printed from, with their case (a closure report)
    why_not: str = ""  # why the form is not for a record its `when` excludes (shown to the clerk)
    issuer: str = "station"  # who numbers the document: station (receipts, applications) or county (decisions)
    extra_fields: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    spec: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False, repr=False)

    @property
    def title(self) -> str:
        return self.name

    @property
    def record_types(self) -> tuple[str, ...]:
        """The record types the form is printed from: its own and `also_for`."""
        return (self.record_type, *self.also_for)

    def applies_to(self, data: Mapping[str, Any] | None, status: str | None = None) -> bool:
        """True when the form's `when` condition holds for a record's data (and status)."""
        return matches(self.when, data or {}, status)

    @property
    def blocks(self) -> list[dict[str, Any]]:
        return list(self.spec.get("blocks", []))


def matches(condition: Mapping[str, Any] | None, data: Mapping[str, Any], status: str | None = None) -> bool:
    """{"field": [codes]} all hold; {"field": {"not": [codes]}}; "status" is the record's status."""
    for name, wanted in (condition or {}).items():
        value = status if name == "status" else data.get(name)
        values = set(value) if isinstance(value, (list, tuple)) else {value}
        if isinstance(wanted, Mapping):
            if "not" in wanted and values & set(wanted["not"]):
                return False
            if "any" in wanted and not values & set(wanted["any"]):
                return False
        elif isinstance(wanted, (list, tuple)):
            if not values & set(wanted):
                return False
        elif wanted not in values:
            return False
    return True


@dataclass(frozen=True)
class Catalogue:
    forms: tuple[FormSpec, ...]
    common: Mapping[str, Any]
    case_file: Mapping[str, Any]
    folder: Path
    law: Mapping[str, Any] = field(default_factory=dict)

    def get(self, form_id: str) -> FormSpec:
        for form in self.forms:
            if form.id == form_id:
                return form
        known = "、".join(f.id for f in self.forms)
        raise KeyError(f"没有编号为 {form_id!r} 的表格；已有：{known}")

    def ids(self) -> list[str]:
        return [f.id for f in self.forms]


def _load_json(path: Path) -> dict[str, Any]:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogueError(f"表格文件 {path.name} 无法读取：{exc}") from exc
    if not isinstance(content, dict):
        raise CatalogueError(f"表格文件 {path.name} 应为一个 JSON 对象")
    return content


def _form(path: Path, content: dict[str, Any]) -> FormSpec:
    try:
        form_id = content["id"]
        name = content["name"]
        record_type = content["record_type"]
    except KeyError as exc:
        raise CatalogueError(f"表格文件 {path.name} 缺少 {exc.args[0]}") from exc
    seal = content.get("seal")
    if seal is not None and seal not in SEAL_OWNERS:
        raise CatalogueError(f"表格文件 {path.name}：seal 应为 station、center 或 null")
    if not isinstance(content.get("blocks"), list) or not content["blocks"]:
        raise CatalogueError(f"表格文件 {path.name} 没有 blocks")
    number = content.get("number") or {}
    requires = content.get("requires") or []
    if isinstance(requires, str):
        requires = [requires]
    issuer = number.get("issuer", "county" if requires else "station")
    if issuer not in ("station", "county"):
        raise CatalogueError(f"表格文件 {path.name}：number.issuer 应为 station 或 county")
    return FormSpec(id=form_id, name=name, record_type=record_type, has_seal=seal is not None,
                    seal_owner=seal, order=int(content.get("order", 999)),
                    number_char=number.get("char"), when=content.get("when") or {},
                    requires=tuple(tuple(str(k) for k in r) if isinstance(r, list) else str(r) for r in requires),
                    also_for=tuple(str(t) for t in content.get("also_for") or ()), why_not=str(content.get("why_not") or ""),
                    issuer=issuer, extra_fields=content.get("extra_fields") or {}, spec=content)


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """Read every form of `folder` (default resources/forms). Raises CatalogueError."""
    folder = Path(folder or resource_path("forms"))
    forms: list[FormSpec] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("_"):
            continue
        form = _form(path, _load_json(path))
        if form.id in seen:
            raise CatalogueError(f"表格编号 {form.id} 重复（{path.name}）")
        seen.add(form.id)
        forms.append(form)
    common = _load_json(folder / "_common.json") if (folder / "_common.json").exists() else {}
    case_file = _load_json(folder / "_case_file.json") if (folder / "_case_file.json").exists() else {}
    law = _load_json(folder / "_law.json") if (folder / "_law.json").exists() else {}
    forms.sort(key=lambda f: (f.order, f.id))
    return Catalogue(tuple(forms), common, case_file, folder, law)


@lru_cache(maxsize=4)
def _cached(folder: str) -> Catalogue:
    return load_catalogue(Path(folder))


def default_catalogue() -> Catalogue:
    """The shipped catalogue (read once per process)."""
    return _cached(str(resource_path("forms")))


def all_forms() -> list[FormSpec]:
    return list(default_catalogue().forms)


def get_form(form_id: str) -> FormSpec:
    return default_catalogue().get(form_id)


def forms_for(record_type: str, record: Any = None) -> list[FormSpec]:
    """The forms printed from a record type, in the catalogue's order.

    With a record (desktop.records.store.Record or a data dict) only the forms that
    apply to it (e.g. the criminal or the civil application form) are listed.
    """
    found = [f for f in default_catalogue().forms if record_type in f.record_types]
    if record is None:
        return found
    data = getattr(record, "data", record) or {}
    status = getattr(record, "status", None)
    return [f for f in found if f.applies_to(data, status)]


def placeholders(value: Any) -> list[tuple[str, str]]:
    """Every {name|format} placeholder in a form's blocks (for checks and tests)."""
    found: list[tuple[str, str]] = []
    if isinstance(value, str):
        found.extend((m.group(1), m.group(2) or "") for m in PLACEHOLDER.finditer(value))
    elif isinstance(value, Mapping):
        for item in value.values():
            found.extend(placeholders(item))
    elif isinstance(value, (list, tuple)):
        for item in value:
            found.extend(placeholders(item))
    return found
