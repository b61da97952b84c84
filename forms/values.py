"""From a record to what a form prints: field values, Chinese labels, derived values, placeholders.

A placeholder in a form's text is ``{name}`` or ``{name|format|format...}``:

    {name}                 the value as text (a code prints its Chinese label; a list "、"-joined)
    {received_at|date}     2026年3月5日 (missing: "　　年　　月　　日" to fill by hand)
    {received_at|datetime} 2026年3月5日 9时30分
    {gender|checks}        every choice of the field's list: ☑男  ☐女
    {case_type|checks:civil,administrative}   only these choices
    {materials|check:id_copy}                 one box, ticked when chosen
    {applied_before|yesno} ☑是  ☐否 (a yes/no field)
    {name|u} {name|u:8}    underlined, at least 8 characters wide
    {id_number|boxes}      18 boxes, one digit each
    {x|blank:6}            when missing, an underlined blank 6 characters wide
    {x|or:无}              when missing, this text
    {x|list:relations}     the label of a code from a named reference list (for extra fields)

Names are the record's field names (desktop/records/fields.py), the form's
`extra_fields` (county-side facts such as the decision date: printed when the data
has them, blank otherwise) or the derived names in DERIVED below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Mapping

from desktop.records.fields import FIELDS, Field, Kind
from desktop.records.idcard import InvalidResidentId, parse_resident_id

from .catalogue import PLACEHOLDER, default_catalogue, matches
from .context import RenderContext
from .county import COUNTY_VALUES, CountyDecisions
from .text import Boxes, Break, Inline, Span

ALL_FIELDS: dict[str, Field] = {}
for _fields in FIELDS.values():
    for _f in _fields:
        ALL_FIELDS.setdefault(_f.name, _f)

DERIVED: dict[str, str] = {
    "station_name": "工作站名称", "station_code": "工作站代码", "township": "乡镇", "county": "县名",
    "station_phone": "工作站联系电话", "station_address": "工作站地址", "center_phone": "县法律援助中心联系电话",
    "center_name": "法律援助中心名称", "number_year": "编号年份", "number_serial": "编号序号",
    "application_number": "申请编号", "print_date": "打印日期", "age": "年龄", "record_id": "记录编号",
    "record_version": "记录版本", "decision_deadline": "决定期限（收到申请后七日）",
    "applicant_position": "申请人诉讼地位", "id_region": "身份证号所载地区", "case_status": "案件状态",
    "per_capita_income": "家庭人均月收入（元）", "file_pages": "卷宗页数",
    "grant_articles": "给予法律援助所依据的条款（按申请的情形）",
    "law_name": "法律名称（《中华人民共和国法律援助法》）", "file_items": "卷宗文件材料件数",
}

# a closure report's values (the closure record's, the case's latest live one in `linked`) that the county's close or
# termination gives when the station has none
CASE_END = ("closed_on", "closure_result", "closing_method")
TERMINATION = "termination"  # the closing method of a case whose aid the county terminated (closing_methods)
LINKED_TO_CASE = ("follow_up", "court_attendance", "quality_evaluation", "closure")  # their case's number prints
BLANK_DATE = "　　　　年　　月　　日"
BLANK_DATE_CELL = "　　年　月　日"
BLANK_DATETIME_CELL = "　　年　月　日　时　分"
BLANK_DATETIME = "　　　　年　　月　　日　　时　　分"
CHECKED, UNCHECKED = "☑", "☐"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"T(\d{2}):(\d{2})")


def cn_date(value: Any) -> str | None:
    """'2026-03-05' (or a datetime text) as 2026年3月5日; None when it is not a date."""
    if isinstance(value, datetime):
        value = value.isoformat()
    elif isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if not m:
        return None
    return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"


def cn_datetime(value: Any) -> str | None:
    day = cn_date(value)
    if day is None:
        return None
    text = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    m = _TIME.search(text)
    return f"{day} {int(m.group(1))}时{int(m.group(2)):02d}分" if m else day


def _parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = _DATE.match(value)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


@dataclass
class Values:
    """The values one form prints: the record's data, its meta data, the station and the clock."""

    data: Mapping[str, Any]
    context: RenderContext
    record_type: str = ""
    record_id: str = ""
    version: int | None = None
    number: str | None = None
    status: str | None = None
    extra_fields: Mapping[str, Any] = field(default_factory=dict)
    blank: bool = False  # a blank form: nothing from the record, only the station
    overrides: Mapping[str, Any] = field(default_factory=dict)  # e.g. the case file's page count
    county: Mapping[str, Any] = field(default_factory=dict)  # what the county decided (county.py)
    linked: Mapping[str, Any] = field(default_factory=dict)  # the linked records' data (county.py), below `data`

    # -- raw and display values ----------------------------------------------------------------

    def _resident_id(self):
        number = self.data.get("id_number")
        if not isinstance(number, str) or len(number) != 18:
            return None
        try:
            return parse_resident_id(number, today=self.context.now().date())
        except (InvalidResidentId, TypeError, ValueError):
            return None

    def reference_date(self) -> date:
        for name in ("received_at", "occurred_at"):
            found = _parse_date(self.data.get(name))
            if found:
                return found
        return self.context.now().date()

    def raw(self, name: str) -> Any:
        """The stored value (or derived one); None when there is none."""
        settings = self.context.settings
        station = {"station_name": settings.station_name, "station_code": settings.station_code,
                   "township": settings.township, "county": settings.county_name,
                   "station_phone": settings.station_phone, "station_address": settings.station_address,
                   "center_phone": settings.center_phone,
                   "center_name": self.context.center, "law_name": default_catalogue().law.get("law_name")}
        if name in station:
            return station[name] or None
        if name == "print_date":
            return self.context.now().date().isoformat()
        if name in self.overrides:
            return self.overrides[name]
        if self.blank:
            return None
        if name in COUNTY_VALUES:  # the county's decisions only, never a same-named field of the record
            return self.county.get(name)
        value = self.data.get(name)
        if value not in (None, "", [], ()):
            return value
        value = self.linked.get(name) if name != "number" else None
        if value not in (None, "", [], ()):
            return value
        return self._derived(name)

    def _derived(self, name: str) -> Any:
        number = self.number or self.data.get("number")
        if name == "application_number":
            return self.linked.get("number") if self.record_type in LINKED_TO_CASE else number
        if name in ("number_year", "number_serial"):
            # STATION-YEAR-SEQUENCE: the year and the station's own sequence number (00042 -> 42)
            parts = str(number or "").split("-")
            if len(parts) >= 3 and parts[-1].isdigit():
                return parts[-2] if name == "number_year" else str(int(parts[-1]))
            return None
        if name in CASE_END:  # no closure report of the station's: how the county ended the case
            return self._county_end(name)
        if name == "grant_articles":
            return grant_articles(self.data)
        if name == "record_id":
            return self.record_id or None
        if name == "record_version":
            return self.version
        if name == "case_status":
            return self.status
        resident = self._resident_id()
        if name == "birth_date" and resident:
            return resident.birth_date.isoformat()
        if name == "gender" and resident:
            return resident.gender
        if name in ("hukou", "id_region") and resident:
            return resident.region_name
        if name == "age":
            born = _parse_date(self.data.get("birth_date")) or (resident.birth_date if resident else None)
            if born is None:
                return None
            on = self.reference_date()
            years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
            return years if years >= 0 else None
        if name == "decision_deadline":
            received = _parse_date(self.data.get("received_at"))
            return (received + timedelta(days=7)).isoformat() if received else None
        if name == "per_capita_income":
            try:
                size = int(self.data.get("household_size") or 0)
                income = float(self.data.get("monthly_income"))
            except (TypeError, ValueError):
                return None
            return f"{income / size:.2f}" if size > 0 else None
        if name == "applicant_position":
            return self.label_of("criminal_role", self.data.get("criminal_role")) or \
                self.label_of("legal_position", self.data.get("legal_position")) or None
        return None

    def _county_end(self, name: str) -> Any:
        """The closing date, result or method of the case from the county's latest close or termination (Art. 48:
        a terminated case counts as closed; its method is 终止法律援助 when the closing methods list it)."""
        county = self.county
        terminated = county.get("case_end") == "terminate"
        if name == "closed_on":
            return county.get("terminate_date") if terminated else county.get("close_date")
        if name == "closure_result":
            return "；".join(county.get("terminate_reasons") or ()) or None if terminated else county.get("close_result")
        if terminated and TERMINATION in {c.code for c in self.context.reference.choices("closing_methods")}:
            return TERMINATION
        return None

    def list_name(self, name: str) -> str | None:
        if name == "case_status":
            return "application_status"
        f = ALL_FIELDS.get(name)
        if f is not None and f.choices:
            return f.choices
        extra = self.extra_fields.get(name)
        if isinstance(extra, Mapping):
            return extra.get("choices")
        return None

    def kind(self, name: str) -> Kind | None:
        f = ALL_FIELDS.get(name)
        if f is not None:
            return f.kind
        extra = self.extra_fields.get(name)
        if isinstance(extra, Mapping) and extra.get("kind"):
            try:
                return Kind(extra["kind"])
            except ValueError:
                return None
        if name in ("print_date", "decision_deadline") or (name in COUNTY_VALUES and name.endswith(
                ("_date", "_deadline"))):
            return Kind.DATE
        if name == "per_capita_income":
            return Kind.MONEY
        if name == "case_status":
            return Kind.CHOICE
        return None

    def label_of(self, name: str, code: Any, list_name: str | None = None) -> str:
        list_name = list_name or self.list_name(name)
        if code in (None, ""):
            return ""
        if list_name:
            return self.context.reference.label(list_name, str(code))
        return str(code)

    def text(self, name: str, list_name: str | None = None) -> str | None:
        """The value as printed text, None when missing."""
        value = self.raw(name)
        if value in (None, "", [], ()):
            return None
        kind = self.kind(name)
        if list_name or kind in (Kind.CHOICE, Kind.MULTI) or self.list_name(name):
            if isinstance(value, (list, tuple)):
                return "、".join(self.label_of(name, v, list_name) for v in value) or None
            return self.label_of(name, value, list_name)
        if isinstance(value, bool) or kind == Kind.BOOL:
            return "是" if value else "否"
        if kind == Kind.DATE:
            return cn_date(value) or str(value)
        if kind == Kind.DATETIME:
            return cn_datetime(value) or str(value)
        if kind == Kind.MONEY:
            return f"{value}元"
        if isinstance(value, (list, tuple)):
            return "、".join(str(v) for v in value)
        return str(value)

    # -- placeholders --------------------------------------------------------------------------

    def checks(self, name: str, codes: list[str] | None, list_name: str | None = None) -> list[Inline]:
        list_name = list_name or self.list_name(name)
        value = self.raw(name)
        chosen = set(value) if isinstance(value, (list, tuple)) else {value}
        if list_name is None:
            return [Span(str(value or ""))]
        try:
            choices = self.context.reference.choices(list_name)
        except KeyError:
            return [Span(str(value or ""))]
        if codes:
            by_code = {c.code: c for c in choices}
            choices = tuple(by_code[c] for c in codes if c in by_code)
        out: list[Inline] = []
        for i, choice in enumerate(choices):
            if i:
                out.append(Span(" "))
            mark = CHECKED if choice.code in chosen else UNCHECKED
            out.append(Span(f"{mark}{choice.zh}", nobreak=True))
        return out

    def expand_one(self, name: str, formats: list[str], *, in_cell: bool) -> list[Inline]:
        """The inline items of one placeholder."""
        options: dict[str, str] = {}
        for item in formats:
            key, _, arg = item.partition(":")
            options[key.strip()] = arg.strip()
        list_name = options.get("list") or None
        if "checks" in options:
            codes = [c for c in options["checks"].split(",") if c] or None
            return self.checks(name, codes, list_name)
        if "check" in options:
            value = self.raw(name)
            chosen = set(value) if isinstance(value, (list, tuple)) else {value}
            return [Span(CHECKED if options["check"] in chosen else UNCHECKED)]
        if "check_present" in options:  # one box, ticked when the value is there (a decision taken)
            return [Span(CHECKED if self.present(name) else UNCHECKED)]
        if "yesno" in options:
            value = self.raw(name)
            yes = CHECKED if value is True else UNCHECKED
            no = CHECKED if value is False else UNCHECKED
            return [Span(f"{yes}是", nobreak=True), Span(" "), Span(f"{no}否", nobreak=True)]
        if "numbered" in options:  # a list (reasons, items): one per line, numbered
            value = self.raw(name)
            entries = [value] if isinstance(value, str) else list(value or [])
            items = []
            for i, entry in enumerate(entries, 1):
                if i > 1:
                    items.append(Break())
                items.append(Span(f"　　{i}. {entry}" if len(entries) > 1 else f"　　{entry}"))
            if items:
                return items
        if "boxes" in options:
            count = int(options["boxes"] or 18)
            value = self.raw(name)
            text = str(value or "")
            if len(text) > count:
                return [Span(text)]
            return [Boxes(text, count)]
        kind = self.kind(name)
        if "date" in options or "datetime" in options:
            value = self.raw(name)
            formatted = cn_datetime(value) if "datetime" in options else cn_date(value)
            if formatted is None:
                if "datetime" in options:
                    blank = BLANK_DATETIME_CELL if in_cell else BLANK_DATETIME
                else:
                    blank = BLANK_DATE_CELL if in_cell else BLANK_DATE
                return [Span(str(value))] if value not in (None, "") else [Span(blank)]
            return [Span(formatted, underline="u" in options)]
        text = self.text(name, list_name)
        if text is None and options.get("or_field"):  # another value stands in (e.g. the notifying organ)
            text = self.text(options["or_field"])
        if text is None:
            if "or" in options:
                return [Span(options["or"])]
            if kind in (Kind.DATE, Kind.DATETIME):
                return [Span(BLANK_DATE_CELL if in_cell else BLANK_DATE)]
            width = float(options.get("blank") or options.get("u") or (0 if in_cell else 6))
            return [Span("", underline=True, min_em=width)] if width else []
        items: list[Inline] = []
        underline = "u" in options
        min_em = float(options["u"]) if options.get("u") else 0.0
        for i, part in enumerate(text.replace("\r\n", "\n").split("\n")):
            if i:
                items.append(Break())
            items.append(Span(part, underline=underline, min_em=min_em))
        return items

    def expand(self, template: str, *, in_cell: bool = False, role: str = "body") -> list[Inline]:
        """A template with placeholders as inline items (literal newlines become line breaks)."""
        items: list[Inline] = []
        pos = 0
        for m in PLACEHOLDER.finditer(template):
            items.extend(_literal(template[pos:m.start()], role))
            formats = [f for f in (m.group(2) or "").split("|") if f]
            items.extend(self.expand_one(m.group(1), formats, in_cell=in_cell))
            pos = m.end()
        items.extend(_literal(template[pos:], role))
        return items

    def plain(self, template: str) -> str:
        """A template as plain text (for headers, table of contents, file names)."""
        out = []
        for item in self.expand(template, in_cell=True):
            if isinstance(item, Span):
                out.append(item.text)
            elif isinstance(item, Boxes):
                out.append(item.chars)
        return "".join(out).strip()

    def present(self, name: str) -> bool:
        return self.raw(name) not in (None, "", [], ())


def grant_articles(data: Mapping[str, Any]) -> str | None:
    """The Legal Aid Law articles a grant rests on for this application (resources/forms/_law.json)."""
    law = default_catalogue().law
    for rule in law.get("grant_basis", []):
        if matches(rule.get("when"), data):
            names = [law["articles"][a]["cite"] for a in rule.get("articles", [])]
            return "、".join(names) or None
    return None


def _literal(text: str, role: str) -> list[Inline]:
    items: list[Inline] = []
    for i, part in enumerate(text.split("\n")):
        if i:
            items.append(Break())
        if part:
            items.append(Span(part, role=role))
    return items


def values_for(record: Any, context: RenderContext, extra_fields: Mapping[str, Any] | None = None,
               record_type: str = "", decisions: CountyDecisions | None = None) -> Values:
    """Values of a store Record, a plain data dict, or None (a blank form), with the county's decisions."""
    county = decisions.values() if decisions is not None else {}
    linked = dict(decisions.linked) if decisions is not None else {}
    if record is None:
        return Values({}, context, record_type, extra_fields=extra_fields or {}, blank=True)
    if isinstance(record, Mapping):
        return Values(dict(record), context, record_type, extra_fields=extra_fields or {}, county=county,
                      linked=linked)
    return Values(dict(record.data or {}), context, getattr(record, "record_type", record_type),
                  getattr(record, "id", ""), getattr(record, "version", None), getattr(record, "number", None),
                  getattr(record, "status", None), extra_fields or {}, county=county, linked=linked)
