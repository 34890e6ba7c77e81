"""What `mamnon csdl export` writes: the school's children or staff as rows shaped for CSDL ngành's import.

Only the columns the import needs (mamnon.csdl.spec, fields with `export`), in the
template's order, values as the Ministry's lists name them (Nam/Nữ, the ethnic
group's name). The personal ID is personal data: its column is left out unless
asked for. Children at school without a Ministry code get a temporary code first
(kept in the school's records, never written for the Ministry).
"""

# i18n-data: the rows and title of a CSDL ngành file (the sector's Vietnamese workbook), not interface
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mamnon.csdl import codes
from mamnon.csdl.spec import SKIP, TEMPLATES, CsdlTemplate
from mamnon.errors import MamnonError
from mamnon.formats import format_date
from mamnon.i18n import _
from mamnon.models import Child, Enrollment, Guardian, SchoolClass
from mamnon.services.csdl_import import assign_temp_codes
from mamnon.services.csdl_staff_classes import staff_codes
from mamnon.services.school import current_year, school_info
from mamnon.services.staff import list_staff
from mamnon.vntext import name_sort_key, text_sort_key

__all__ = ["ExportTable", "export_table"]


@dataclass(frozen=True)
class ExportTable:
    template: CsdlTemplate
    keys: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    code_lists: tuple[codes.CodeList, ...]
    """Written as sheets after the data, as CSDL ngành's templates carry them."""
    title: str
    temp_codes: int = 0
    """Temporary codes given to new entrants by this export."""


def _columns(template: CsdlTemplate, with_personal_id: bool) -> tuple[str, ...]:
    return tuple(f.key for f in template.fields
                 if f.export and (f.kind != SKIP or f.key == "stt") and (with_personal_id or f.key != "personal_id"))


def _sex(value: str) -> str:
    return codes.SEX.name_of(codes.OURS_TO_SEX.get(value, "")) if value else ""


def _children_rows(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    year = current_year()
    stays = (Enrollment.select(Enrollment.child, SchoolClass.name)
             .join(SchoolClass).where(Enrollment.end_date.is_null() & (SchoolClass.school_year == year.id)).tuples())
    class_of = dict(stays)
    parents: dict[int, dict[str, str]] = {}
    for cid, name, relation in Guardian.select(Guardian.child, Guardian.full_name, Guardian.relation).tuples():
        parents.setdefault(cid, {}).setdefault(relation, name)
    found = []
    for c in Child.select().where(Child.left_on.is_null()):
        if c.id not in class_of:
            continue
        values = {
            "ministry_code": c.ministry_code, "full_name": c.full_name, "birth_date": format_date(c.birth_date),
            "sex": _sex(c.sex), "ethnicity": c.ethnicity, "nationality": "Việt Nam",
            "class_name": class_of[c.id], "province": c.province, "commune": c.commune, "village": c.village,
            "address": c.address, "father_name": parents.get(c.id, {}).get("Bố", ""),
            "mother_name": parents.get(c.id, {}).get("Mẹ", ""), "personal_id": c.personal_id,
        }
        found.append(((text_sort_key(class_of[c.id]), name_sort_key(c.full_name)), values))
    found.sort(key=lambda item: item[0])
    return [tuple(str(i) if k == "stt" else v.get(k, "") for k in keys)
            for i, (_key, v) in enumerate(found, start=1)]


def _staff_rows(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    codes_by_id = staff_codes()
    out = []
    for i, s in enumerate(list_staff(), start=1):
        ministry, personal = codes_by_id.get(s.id, ("", ""))
        values = {
            "stt": str(i), "ministry_code": ministry, "full_name": s.full_name,
            "birth_date": format_date(s.birth_date) if s.birth_date else "", "sex": _sex(s.sex),
            "ethnicity": s.ethnicity, "position": s.position, "qualification": s.qualification, "phone": s.phone,
            "started_on": format_date(s.started_on) if s.started_on else "", "personal_id": personal,
        }
        out.append(tuple(values.get(k, "") for k in keys))
    return out


def export_table(kind: str, *, with_personal_id: bool = False, today: dt.date | None = None) -> ExportTable:
    """The rows of a CSDL ngành import file of `kind` ("children" or "staff")."""
    if kind not in ("children", "staff"):
        raise MamnonError(_("Chỉ xuất được «children» (trẻ) hoặc «staff» (cán bộ), không có «{kind}».").format(kind=kind))
    template = TEMPLATES[kind]
    keys = _columns(template, with_personal_id)
    temp = 0
    if kind == "children":
        temp = assign_temp_codes()
        rows = _children_rows(keys)
        lists = (codes.SEX, codes.ETHNICITY, codes.VIETNAM)
    else:
        rows = _staff_rows(keys)
        lists = (codes.SEX, codes.ETHNICITY)
    info = school_info()
    day = format_date(today or dt.date.today())
    title = f"{template.title} — {info.name} (mã {info.code}) — năm học {current_year().name} — ngày {day}"
    return ExportTable(template, keys, tuple(template.field(k).header for k in keys), tuple(rows), lists,
                       title, temp)
