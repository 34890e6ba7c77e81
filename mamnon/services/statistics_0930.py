"""The start-of-year statistics (form 01.ĐN-MN): every figure as of 30 September of the school year.

The rows are mamnon.statistics_form.FORM_ROWS (codes TK_…); this module counts
them from the records:

* the census day is 30/9 of the school year holding the report's reference day
  (in summer, the last year begun); before that day the figures do not exist
  yet and none is given;
* classes: those of that school year; a class is a crèche group or a
  kindergarten class by its age group, and "under / from N children" compares
  the children in it on the census day with the limit of Thông tư 52/2020 Điều 15;
* children: those in a class on the census day (their stay covers it and they
  had not left), by the stage of their class; crèche ages in completed months
  on 30/9, kindergarten ages as school-year start year minus birth year;
  "dân tộc thiểu số" = any ethnic group but Kinh; "khuyết tật" = a disability noted;
* staff: those who had started (or whose start is unknown) and had not left;
  managers = Hiệu trưởng and Phó hiệu trưởng, teachers = Giáo viên, the rest staff;
  teacher ages in completed years on 30/9;
* rooms: mamnon.services.facilities.room_counts of the census day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from mamnon.formats import age_in_months
from mamnon.models import Child, Staff
from mamnon.reference import AGE_GROUP_BY_CODE
from mamnon.services.classes import list_classes
from mamnon.services.facilities import room_counts
from mamnon.services.measurements import enrolled_on
from mamnon.services.school import list_years
from mamnon.statistics_form import (
    CENSUS_DAY, CENSUS_MONTH, MG_AGE_ROWS, NT_AGE_ROWS, QUALIFICATION_ROWS, ROOM_ROWS, TEACHER_AGE_BANDS,
)

__all__ = ["census_day", "start_of_year_sums"]

# Stored positions, matched against the database and mapped to the form's rows.
MANAGERS = {"Hiệu trưởng": "HT", "Phó hiệu trưởng": "PHT"}  # i18n-skip: stored positions
TEACHER = "Giáo viên"  # i18n-skip: a stored position
STAFF_ROWS = {"Kế toán": "KT_VT", "Văn thư": "KT_VT", "Nhân viên y tế": "YT_TQ", "Thủ quỹ": "YT_TQ",  # i18n-skip: stored
              "Nhân viên nấu ăn": "NAU_AN", "Bảo vệ": "BAO_VE"}  # i18n-skip: stored positions
_QUALIFICATION = {ours: suffix for suffix, ours, _label in QUALIFICATION_ROWS}


def census_day(day: dt.date) -> tuple[dt.date | None, int | None]:
    """(30/9 of the school year holding `day`, that year's id), or (None, None) before any year began."""
    begun = [y for y in list_years() if y.start_date <= day]
    if not begun:
        return None, None
    year = begun[-1]
    return dt.date(year.start_date.year, CENSUS_MONTH, CENSUS_DAY), year.id


def _stage(age_group: str) -> str:
    group = AGE_GROUP_BY_CODE.get(age_group)
    return group.stage if group else ""


def _people(sums: Counter, prefix: str, female: bool, minority: bool) -> None:
    sums[prefix] += 1
    sums[f"{prefix}_NU"] += female
    sums[f"{prefix}_DTTS"] += minority
    sums[f"{prefix}_DTTS_NU"] += female and minority


def _class_sums(year_id: int, sizes: Counter) -> Counter:
    sums: Counter = Counter()
    for c in list_classes(year_id):
        group = AGE_GROUP_BY_CODE.get(c.age_group)
        if group is None:
            continue
        sums["TK_NHOM_LOP"] += 1
        span = c.age_group.split("_", 1)[1]
        kind = "NHOM" if group.stage == "nha_tre" else "LOP"
        sums["TK_NHOM" if kind == "NHOM" else "TK_LOP_MG"] += 1
        sums["TK_LOP_MG5"] += c.age_group == "MG_5_6"
        sums[f"TK_{kind}_{span}_{'DUOI' if sizes[c.id] < group.max_children else 'TU'}"] += 1
    return sums


def _band(rows, value: int) -> str | None:
    return next((suffix for suffix, lo, hi, _label in rows if lo <= value <= hi), None)


def _child_sums(census: dt.date) -> tuple[Counter, Counter]:
    children = enrolled_on(census)
    details = {cid: (eth, dis) for cid, eth, dis in
               Child.select(Child.id, Child.ethnicity, Child.disability).tuples()}
    sums: Counter = Counter()
    sizes: Counter = Counter()
    for c in children:
        sizes[c.class_id] += 1
        stage = _stage(c.age_group)
        if not stage:
            continue
        ethnicity, disability = details[c.child_id]
        female, minority = c.sex == "F", (ethnicity or "Kinh") != "Kinh"
        prefix = "TK_TRE_NT" if stage == "nha_tre" else "TK_TRE_MG"
        _people(sums, "TK_TRE", female, minority)
        _people(sums, prefix, female, minority)
        sums[f"{prefix}_KT"] += bool((disability or "").strip())
        if stage == "nha_tre":
            band = _band(NT_AGE_ROWS, age_in_months(c.birth_date, census))
        else:
            band = _band(MG_AGE_ROWS, census.year - c.birth_date.year)
        if band:
            sums[f"{prefix}_{band}"] += 1
    return sums, sizes


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _staff_sums(census: dt.date) -> Counter:
    sums: Counter = Counter()
    query = Staff.select(Staff.position, Staff.sex, Staff.ethnicity, Staff.qualification, Staff.birth_date,
                         Staff.started_on, Staff.left_on).tuples()
    for position, sex, ethnicity, qualification, birth, started, left in query:
        if (started is not None and started > census) or (left is not None and left <= census):
            continue
        female, minority = sex == "F", (ethnicity or "Kinh") != "Kinh"
        if position in MANAGERS:
            _people(sums, "TK_CBQL", female, minority)
            sums[f"TK_CBQL_{MANAGERS[position]}"] += 1
        elif position == TEACHER:
            _people(sums, "TK_GV", female, minority)
            if qualification in _QUALIFICATION:
                sums[f"TK_GV_TD_{_QUALIFICATION[qualification]}"] += 1
            if birth is not None:
                age = _age(birth, census)
                band = next(((lo, hi) for lo, hi in TEACHER_AGE_BANDS if lo <= age <= hi), None)
                if band:
                    sums["TK_GV_TUOI_" + (f"{band[0]}_{band[1]}" if band[1] < 200 else f"{band[0]}_TRO_LEN")] += 1
        else:
            _people(sums, "TK_NV", female, minority)
            if position in STAFF_ROWS:
                sums[f"TK_NV_{STAFF_ROWS[position]}"] += 1
    return sums


def _room_sums(census: dt.date) -> Counter:
    rooms = room_counts(census)
    classrooms = rooms.get("phong_hoc", {})
    sums = Counter({"TK_PHONG_HOC": classrooms.get("total", 0),
                    "TK_PHONG_HOC_KIEN_CO": classrooms.get("kien_co", 0),
                    "TK_PHONG_HOC_BAN_KIEN_CO": classrooms.get("ban_kien_co", 0),
                    "TK_PHONG_HOC_TAM": classrooms.get("tam", 0)})
    for code, room_type, _label, _rows in ROOM_ROWS:
        sums[f"TK_{code}"] = rooms.get(room_type, {}).get("total", 0)
    return sums


def start_of_year_sums(day: dt.date) -> Counter:
    """The TK_… sums as of the census day of the school year holding `day` (empty before that day)."""
    census, year_id = census_day(day)
    if census is None or day < census:
        return Counter()
    children, sizes = _child_sums(census)
    sums: Counter = Counter({"TK_TRUONG": 1})
    sums.update(_class_sums(year_id, sizes))
    sums.update(children)
    sums.update(_staff_sums(census))
    sums.update(_room_sums(census))
    return sums
