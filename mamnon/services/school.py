"""The school itself: its unit in the hierarchy, its parents, its school years."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from mamnon.db import database
from mamnon.errors import NotInitialised, ValidationError
from mamnon.formats import parse_date
from mamnon.i18n import _
from mamnon.models import OrgUnit, SchoolYear

SCHOOL_LEVEL_NAME = "Trường"  # i18n-skip: stored level name, merged by the office above


@dataclass(frozen=True)
class UnitRef:
    level_name: str
    code: str
    name: str


@dataclass(frozen=True)
class SchoolYearRow:
    id: int
    name: str
    start_date: dt.date
    end_date: dt.date
    is_current: bool


@dataclass(frozen=True)
class SchoolInfo:
    code: str
    name: str
    level_name: str
    commune: str
    province: str
    parents: tuple[UnitRef, ...] = field(default_factory=tuple)
    """From the nearest parent up to the top of the hierarchy."""
    year: SchoolYearRow | None = None


_YEAR = re.compile(r"^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$")


def parse_year_name(text: str) -> tuple[int, int]:
    m = _YEAR.match(text or "")
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        raise ValueError(_("Năm học phải có dạng 2026-2027 (hai năm liền nhau)."))
    return int(m.group(1)), int(m.group(2))


def default_year_dates(first_year: int) -> tuple[dt.date, dt.date]:
    """Default first and last day of a school year (editable by the school)."""
    return dt.date(first_year, 9, 1), dt.date(first_year + 1, 5, 31)


def is_initialised() -> bool:
    return OrgUnit.select().where(OrgUnit.is_self == True).exists()  # noqa: E712


def _year_row(y: SchoolYear) -> SchoolYearRow:
    return SchoolYearRow(y.id, y.name, y.start_date, y.end_date, bool(y.is_current))


def init_school(
    *,
    code: str,
    name: str,
    commune: str = "",
    province: str = "",
    year_name: str,
    year_start: str = "",
    year_end: str = "",
    parents: list[UnitRef] | None = None,
) -> SchoolInfo:
    """Create the school (and its parent units, nearest first) and its first school year."""
    errors: dict[str, str] = {}
    code = (code or "").strip()
    name = " ".join((name or "").split())
    if not code:
        errors["code"] = _("Cần nhập mã trường.")
    elif not re.fullmatch(r"[0-9A-Za-z_.\-]{1,30}", code):
        errors["code"] = _("Mã trường chỉ gồm chữ không dấu, số, dấu gạch (tối đa 30 ký tự).")
    if not name:
        errors["name"] = _("Cần nhập tên trường.")
    first = None
    try:
        first, _last = parse_year_name(year_name)
    except ValueError as exc:
        errors["year_name"] = str(exc)
    start = end = None
    if first is not None:
        start, end = default_year_dates(first)
        for key, text in (("year_start", year_start), ("year_end", year_end)):
            if text.strip():
                try:
                    value = parse_date(text)
                except ValueError as exc:
                    errors[key] = str(exc)
                    continue
                if key == "year_start":
                    start = value
                else:
                    end = value
        if start and end and end <= start:
            errors["year_end"] = _("Ngày kết thúc năm học phải sau ngày bắt đầu.")
    if is_initialised():
        errors["code"] = _("Cơ sở dữ liệu này đã có trường; mỗi tệp dữ liệu chỉ chứa một trường.")
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        parent_unit = None
        for ref in reversed(parents or []):
            parent_unit, _created = OrgUnit.get_or_create(
                code=ref.code.strip(),
                defaults={"name": ref.name.strip(), "level_name": ref.level_name.strip(), "parent": parent_unit},
            )
        OrgUnit.create(
            code=code, name=name, level_name=SCHOOL_LEVEL_NAME, parent=parent_unit,
            commune=commune.strip(), province=province.strip(), is_self=True,
        )
        SchoolYear.create(name=f"{first}-{first + 1}", start_date=start, end_date=end, is_current=True)
    return school_info()


def school_info() -> SchoolInfo:
    unit = OrgUnit.get_or_none(OrgUnit.is_self == True)  # noqa: E712
    if unit is None:
        raise NotInitialised(_("Cơ sở dữ liệu chưa có trường. Chạy `mamnon init` hoặc mở ứng dụng để khai báo."))
    parents = []
    node = unit.parent
    while node is not None:
        parents.append(UnitRef(node.level_name, node.code, node.name))
        node = node.parent
    current = SchoolYear.get_or_none(SchoolYear.is_current == True)  # noqa: E712
    return SchoolInfo(
        code=unit.code, name=unit.name, level_name=unit.level_name, commune=unit.commune,
        province=unit.province, parents=tuple(parents), year=_year_row(current) if current else None,
    )


def current_year() -> SchoolYearRow:
    year = SchoolYear.get_or_none(SchoolYear.is_current == True)  # noqa: E712
    if year is None:
        raise NotInitialised(_("Chưa có năm học hiện tại."))
    return _year_row(year)


def list_years() -> list[SchoolYearRow]:
    return [_year_row(y) for y in SchoolYear.select().order_by(SchoolYear.start_date)]


def add_year(year_name: str, *, make_current: bool = False) -> SchoolYearRow:
    try:
        first, _last = parse_year_name(year_name)
    except ValueError as exc:
        raise ValidationError({"year_name": str(exc)}) from None
    name = f"{first}-{first + 1}"
    if SchoolYear.select().where(SchoolYear.name == name).exists():
        raise ValidationError({"year_name": _("Năm học {name} đã có.").format(name=name)})
    start, end = default_year_dates(first)
    with database.atomic():
        year = SchoolYear.create(name=name, start_date=start, end_date=end)
        if make_current:
            set_current_year(year.id)
            year = SchoolYear.get_by_id(year.id)
    return _year_row(year)


def set_current_year(year_id: int) -> None:
    with database.atomic():
        SchoolYear.update(is_current=False).execute()
        SchoolYear.update(is_current=True).where(SchoolYear.id == year_id).execute()
