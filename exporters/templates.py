"""The standard workbooks as templates: blank, or pre-filled from the school's database.

A blank template needs no database (its unit fields stay empty unless a school
is given); a pre-filled one lists what the school already knows — a class's
children, the staff, a month's menus — so people only type what is new.
`python -m exporters.templates [FOLDER]` rewrites the blank templates committed
in templates_xlsx/.
"""

from __future__ import annotations

# i18n-data: the templates' titles and subtitles are workbook content, Vietnamese in every language
import calendar
import datetime as dt
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from exporters.workbook_writer import UnitMeta, write_workbook
from mamnon.errors import MamnonError
from mamnon.formats import format_date
from mamnon.i18n import _
from mamnon.reference import STAGE_LABELS
from mamnon.vntext import fold
from mamnon.workbooks.kinds import (
    ATTENDANCE, ATTENDANCE_SPEC, MEASUREMENTS, MEASUREMENTS_SPEC, MENUS, MENUS_SPEC, ROSTER, ROSTER_SPEC, SPECS,
    STAFF, STAFF_SPEC, TEMPLATE_KINDS, UNITS,
)
from mamnon.workbooks.periods import month_period

TEMPLATE_NAMES = {
    ROSTER: "danh-sach-tre",
    STAFF: "can-bo",
    MEASUREMENTS: "can-do",
    ATTENDANCE: "diem-danh",
    MENUS: "thuc-don",
    UNITS: "danh-sach-don-vi",
}
"""Kind → the name people type (`mamnon template write can-do`) and the committed file's stem."""
KIND_BY_NAME = {name: kind for kind, name in TEMPLATE_NAMES.items()}
assert set(TEMPLATE_NAMES) == set(TEMPLATE_KINDS)

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates_xlsx"
NO_UNIT = UnitMeta(code="", name="", level="")
FILLED_BLANK_ROWS = 20
"""Empty rows left under a pre-filled roster or staff list for people who are new."""


def kind_of(name: str) -> str:
    """The kind for a template name ("can-do") or a kind code ("measurements")."""
    key = fold(name).strip().replace(" ", "-")
    if key in KIND_BY_NAME:
        return KIND_BY_NAME[key]
    if key in TEMPLATE_NAMES:
        return key
    known = ", ".join(TEMPLATE_NAMES.values())
    raise MamnonError(_("Không có mẫu «{name}». Các mẫu: {known}.").format(name=name, known=known))


def file_name(kind: str) -> str:
    return f"{TEMPLATE_NAMES[kind]}.xlsx"


# ---------------------------------------------------------------- from the database


def school_unit() -> UnitMeta:
    from mamnon.services.school import school_info

    info = school_info()
    return UnitMeta(code=info.code, name=info.name, level=info.level_name)


def school_choices() -> dict[str, list[str]]:
    from mamnon.services.classes import list_classes

    return {"classes": [c.name for c in list_classes()]}


def find_class(name: str):
    """The current year's class called `name` (case and diacritics ignored)."""
    from mamnon.services.classes import list_classes

    rows = list_classes()
    for row in rows:
        if fold(row.name) == fold(name):
            return row
    known = ", ".join(r.name for r in rows) or _("chưa có lớp nào")
    raise MamnonError(_("Không có lớp «{name}» trong năm học hiện tại. Các lớp: {known}.").format(
        name=name, known=known))


def _month_label(year: int, month: int) -> str:
    return f"Tháng {month:02d}/{year}"


# ---------------------------------------------------------------- rows of each kind


def roster_rows(class_id: int | None = None) -> list[dict]:
    from mamnon.services import children

    result = []
    for child in children.list_children(class_id=class_id):
        detail = children.get_child(child.id)
        row = {
            "code": child.code, "full_name": child.full_name, "birth_date": child.birth_date, "sex": child.sex,
            "class_name": child.class_name, "ethnicity": detail.ethnicity, "enrolled_on": detail.enrolled_on,
            "village": detail.village, "commune": detail.commune, "province": detail.province,
            "address": detail.address, "disability": detail.disability,
            "policy_category": detail.policy_category, "note": detail.note,
        }
        for slot, guardian in enumerate(detail.guardians[:2], start=1):
            row.update({f"guardian{slot}_name": guardian.full_name, f"guardian{slot}_relation": guardian.relation,
                        f"guardian{slot}_phone": guardian.phone})
        result.append(row)
    return result


def staff_rows() -> list[dict]:
    from mamnon.services.staff import list_staff

    return [{"code": s.code, "full_name": s.full_name, "birth_date": s.birth_date, "sex": s.sex,
             "ethnicity": s.ethnicity, "position": s.position, "qualification": s.qualification,
             "phone": s.phone, "started_on": s.started_on, "note": s.note,
             "training_major": s.training_major, "contract_type": s.contract_type} for s in list_staff()]


def measurement_rows(day: dt.date, class_id: int | None) -> list[dict]:
    from mamnon.services.measurements import enrolled_on

    return [{"code": c.code, "full_name": c.full_name, "birth_date": c.birth_date, "sex": c.sex,
             "class_name": c.class_name} for c in enrolled_on(day, class_id)]


def round_name(day: dt.date, class_id: int | None) -> str:
    """The name of the round already planned that day for the class, else the importer's default."""
    from mamnon.services.measurement_import import round_name_for
    from mamnon.services.measurements import list_rounds

    for rnd in list_rounds():
        if rnd.date == day and rnd.class_id == class_id:
            return rnd.name
    return round_name_for(day)


def attendance_rows(class_id: int, year: int, month: int) -> tuple[list[dict], list[str]]:
    """The class's children that month with their saved marks, and the day columns to close (days off, days
    past the month).

    The saved marks are written in so that a re-exported month shows what is recorded; importing the file
    back then counts them as unchanged.
    """
    from mamnon.services.attendance import month_grid

    grid = month_grid(class_id, year, month)
    rows = [{"code": r.code, "full_name": r.full_name, "class_name": grid.class_name, **_day_marks(r.marks)}
            for r in grid.rows]
    last = calendar.monthrange(year, month)[1]
    closed = [f"d{d.date.day:02d}" for d in grid.days if not d.is_school_day]
    closed += [f"d{day:02d}" for day in range(last + 1, 32)]
    return rows, closed


def _day_marks(marks) -> dict[str, str]:
    return {f"d{day:02d}": mark for day, mark in enumerate(marks, start=1) if mark is not None}


def menu_rows(year: int, month: int) -> dict[str, list[dict]]:
    """The month's saved menu days, one row per dish served, and every used dish's foods and grams."""
    from mamnon.services import menus

    period = month_period(year, month)
    days = menus.list_menu_days(period.start, period.end)
    served, dish_ids = [], []
    for day in days:
        for item in day.items:
            served.append({"date": day.date, "stage": STAGE_LABELS.get(day.stage, day.stage),
                           "meal": item.meal_label, "dish": item.dish_name,
                           "children_count": day.children_count, "fee_per_child": day.fee_per_child})
            if item.dish_id not in dish_ids:
                dish_ids.append(item.dish_id)
    dishes = [row for dish_id in dish_ids for row in _dish_rows(menus.get_dish(dish_id))]
    first, second = MENUS_SPEC.sheets
    return {first.name: served, second.name: dishes}


def _dish_rows(dish) -> list[dict]:
    by_food: dict[str, dict] = {}
    for ing in dish.ingredients:
        row = by_food.setdefault(ing.food_code, {"dish": dish.name, "food_code": ing.food_code,
                                                 "food_name": ing.food_name})
        row[f"grams_{ing.stage}"] = ing.grams
    return list(by_food.values())


# ---------------------------------------------------------------- writing


def write_blank(path: str | os.PathLike, kind: str, *, unit: UnitMeta = NO_UNIT,
                choices: Mapping[str, Sequence[str]] | None = None,
                exported_at: dt.datetime | None = None) -> Path:
    """The blank template of `kind`; with a school's unit and classes when given."""
    return write_workbook(path, SPECS[kind], unit=unit, choices=choices, exported_at=exported_at)


def write_roster(path: str | os.PathLike, class_name: str | None = None, *,
                 exported_at: dt.datetime | None = None) -> Path:
    """The current children of a class (of the whole school when no class is named)."""
    sheet = ROSTER_SPEC.sheets[0]
    cls = find_class(class_name) if class_name else None
    line = f"Lớp {cls.name}" if cls else "Toàn trường"
    return write_workbook(path, ROSTER_SPEC, unit=school_unit(), choices=school_choices(),
                          rows={sheet.name: roster_rows(cls.id if cls else None)},
                          subtitle={sheet.name: f"{line} — ngày {format_date(dt.date.today())}"},
                          blank_rows=FILLED_BLANK_ROWS, exported_at=exported_at)


def write_staff(path: str | os.PathLike, *, exported_at: dt.datetime | None = None) -> Path:
    sheet = STAFF_SPEC.sheets[0]
    return write_workbook(path, STAFF_SPEC, unit=school_unit(), choices=school_choices(),
                          rows={sheet.name: staff_rows()},
                          subtitle={sheet.name: f"Ngày {format_date(dt.date.today())}"},
                          blank_rows=FILLED_BLANK_ROWS, exported_at=exported_at)


def write_measurements(path: str | os.PathLike, day: dt.date, class_name: str | None = None, *,
                       exported_at: dt.datetime | None = None) -> Path:
    """The children of a class (or the school) on the round's date, weights and heights to fill in."""
    sheet = MEASUREMENTS_SPEC.sheets[0]
    cls = find_class(class_name) if class_name else None
    class_id = cls.id if cls else None
    where = f"Lớp {cls.name}" if cls else "Toàn trường"
    name = round_name(day, class_id)
    return write_workbook(path, MEASUREMENTS_SPEC, unit=school_unit(), choices=school_choices(),
                          rows={sheet.name: measurement_rows(day, class_id)},
                          subtitle={sheet.name: f"{where} — {_round_line(name, day)}"},
                          blank_rows=0, exported_at=exported_at,
                          extra_meta={"round_name": name, "round_date": format_date(day),
                                      "class_name": cls.name if cls else ""})


def _round_line(name: str, day: dt.date) -> str:
    from mamnon.services.measurement_import import round_name_for

    if name == round_name_for(day):
        return f"Đợt cân đo ngày {format_date(day)}"
    return f"Đợt cân đo «{name}», ngày {format_date(day)}"


def write_attendance(path: str | os.PathLike, class_name: str, year: int, month: int, *,
                     exported_at: dt.datetime | None = None) -> Path:
    """A class's attendance sheet for a month: days off and days past the month's end shaded and locked."""
    sheet = ATTENDANCE_SPEC.sheets[0]
    cls = find_class(class_name)
    rows, closed = attendance_rows(cls.id, year, month)
    return write_workbook(path, ATTENDANCE_SPEC, unit=school_unit(), choices=school_choices(),
                          period=month_period(year, month).code, rows={sheet.name: rows},
                          subtitle={sheet.name: f"Lớp {cls.name} — {_month_label(year, month)}"},
                          blank_rows=0, closed_columns={sheet.name: closed}, exported_at=exported_at,
                          extra_meta={"class_name": cls.name})


def write_menus(path: str | os.PathLike, year: int, month: int, *,
                exported_at: dt.datetime | None = None) -> Path:
    rows = menu_rows(year, month)
    line = _month_label(year, month)
    return write_workbook(path, MENUS_SPEC, unit=school_unit(), choices=school_choices(),
                          period=month_period(year, month).code, rows=rows,
                          subtitle={name: line for name in rows}, exported_at=exported_at,
                          blank_rows=FILLED_BLANK_ROWS)


def write_all_blank(folder: str | os.PathLike = TEMPLATES_DIR) -> list[Path]:
    """Every kind's blank template, named by TEMPLATE_NAMES, into `folder`."""
    folder = Path(folder)
    return [write_blank(folder / file_name(kind), kind) for kind in TEMPLATE_KINDS]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else TEMPLATES_DIR
    for path in write_all_blank(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
