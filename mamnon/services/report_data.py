"""The figures of the school report that goes upward: every indicator of a period, and the children to watch.

What each family counts (see `mamnon.indicators` for the codes):

* classes, children, staff: as they are on the period's reference day — its last
  day, or today when the period is not over yet. Classes are those of the
  school year holding that day; children those in a class that day
  (`measurements.enrolled_on`), by the stage and age group of their class;
  staff those who had started (or whose start is unknown) and had not left.
* attendance: the marks of the period's school days up to the reference day
  (`attendance.attendance_summary`).
* nutrition: the latest measurement within the period of each child counted
  above; moderate and severe categories are malnutrition, as in the round
  statistics (`indicators.NUTRITION_CODES`).
* meals: every served day (a menu day with a head-count, or a closed day) up
  to the reference day, from `meal_money.day_account` — the snapshot when the
  day is closed. Energy and shares are summed × children eating so the office
  can recompute averages over any set of schools; these sums are rounded to 0.1
  once, at the end.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from mamnon import indicators
from mamnon.models import Child, Measurement
from mamnon.reference import AGE_GROUP_BY_CODE, QUALIFICATIONS
from mamnon.services import attendance, meal_money, menus
from mamnon.services.census import indicator_sums as census_sums
from mamnon.services.lunch_support import period_sums as lunch_support_sums
from mamnon.services.classes import list_classes
from mamnon.services.growth_stats import code_label
from mamnon.services.measurements import EnrolledChild, enrolled_on
from mamnon.services.school import list_years, school_info
from mamnon.services.staff import StaffRow, list_staff
from mamnon.services.statistics_0930 import start_of_year_sums
from mamnon.services.staff_quality import staffing_sums
from mamnon.workbooks.periods import YEAR, Period, year_period

__all__ = [
    "QUALIFIED_TEACHER", "TEACHER", "Latest", "reference_day", "report_indicators", "school_period",
    "surveillance_list",
]

TEACHER = "Giáo viên"  # i18n-skip: a stored position
QUALIFIED_TEACHER = QUALIFICATIONS[QUALIFICATIONS.index("Cao đẳng"):]  # i18n-skip: a stored qualification
# Cao đẳng and above: the training standard of a preschool teacher (Luật Giáo dục 2019, Điều 72).

_MALNUTRITION = tuple((ind, codes) for suffix, ind, codes, _label in indicators.NUTRITION_CODES
                      if suffix in ("NHE_CAN", "THAP_COI", "GAY_COM"))
_EXCESS = tuple((ind, codes) for suffix, ind, codes, _label in indicators.NUTRITION_CODES
                if suffix in ("THUA_CAN", "BEO_PHI"))


def school_period(period: Period) -> Period:
    """A school-year period with the school's own first and last day, when it has that year."""
    if period.kind != YEAR:
        return period
    for year in list_years():
        if year.name == period.code:
            return year_period(period.start.year, year.start_date, year.end_date)
    return period


def reference_day(period: Period, today: dt.date | None = None) -> dt.date:
    """The day head-counts are taken: the period's last day, or today when earlier."""
    return min(period.end, today or dt.date.today())


# ---------------------------------------------------------------- classes and children


def _year_on(day: dt.date) -> int | None:
    """The school year holding `day`, else (summer) the last one begun before it; None before the first."""
    begun = [y for y in list_years() if y.start_date <= day]
    return begun[-1].id if begun else None


def _stage(age_group: str) -> str:
    group = AGE_GROUP_BY_CODE.get(age_group)
    return group.stage if group else ""


def _class_sums(day: dt.date) -> Counter:
    year_id = _year_on(day)
    sums: Counter = Counter()
    for c in list_classes(year_id) if year_id is not None else ():
        sums["LOP"] += 1
        if _stage(c.age_group):
            sums[f"LOP_{_stage(c.age_group).upper()}"] += 1
    return sums


def _child_sums(children: list[EnrolledChild]) -> Counter:
    details = _child_details([c.child_id for c in children])
    sums: Counter = Counter()
    for c in children:
        ethnicity, disability = details[c.child_id]
        sums["TRE"] += 1
        if _stage(c.age_group):
            sums[f"TRE_{_stage(c.age_group).upper()}"] += 1
        if c.age_group in AGE_GROUP_BY_CODE:
            sums[f"TRE_{c.age_group}"] += 1
        sums["TRE_NU"] += c.sex == "F"
        sums["TRE_DTTS"] += (ethnicity or "Kinh") != "Kinh"
        sums["TRE_KT"] += bool((disability or "").strip())
    return sums


def _child_details(ids: list[int]) -> dict[int, tuple[str, str]]:
    """(ethnicity, disability) by child id, in one query."""
    wanted = set(ids)
    query = Child.select(Child.id, Child.ethnicity, Child.disability).tuples()
    return {cid: (eth, dis) for cid, eth, dis in query if cid in wanted}


# ---------------------------------------------------------------- attendance


def _attendance_sums(period: Period, day: dt.date) -> Counter:
    if day < period.start:
        return Counter()
    s = attendance.attendance_summary(period.start, day).school
    return Counter({"CC_NGAY_TRE": s.expected, "CC_CO_MAT": s.present, "CC_NGHI_P": s.leave, "CC_NGHI_K": s.absent})


# ---------------------------------------------------------------- nutrition


@dataclass(frozen=True)
class Latest:
    """A child's latest measurement in the period, with what the report needs of it."""

    measured_on: dt.date
    weight_kg: float | None
    height_cm: float | None
    wfa: float | None
    hfa: float | None
    wfh: float | None
    bfa: float | None
    codes: dict[str, str]
    """Category code by indicator: "wfa", "hfa", "wasting" ('' = not classified)."""


def _latest_measurements(period: Period, child_ids: list[int]) -> dict[int, Latest]:
    wanted = set(child_ids)
    query = (Measurement.select(Measurement.child, Measurement.measured_on, Measurement.weight_kg,
                                Measurement.height_cm, Measurement.wfa, Measurement.hfa, Measurement.wfh,
                                Measurement.bfa, Measurement.wfa_code, Measurement.hfa_code,
                                Measurement.wasting_code)
             .where((Measurement.measured_on >= period.start) & (Measurement.measured_on <= period.end))
             .order_by(Measurement.measured_on, Measurement.id).tuples())
    latest: dict[int, Latest] = {}
    for cid, on, weight, height, wfa, hfa, wfh, bfa, wfa_code, hfa_code, wasting_code in query:
        if cid in wanted:  # later rows replace earlier ones
            latest[cid] = Latest(on, weight, height, wfa, hfa, wfh, bfa,
                                 {"wfa": wfa_code, "hfa": hfa_code, "wasting": wasting_code})
    return latest


def _nutrition_sums(latest: dict[int, Latest]) -> Counter:
    sums: Counter = Counter({"DD_CAN_DO": len(latest)})
    for m in latest.values():
        for suffix, indicator, codes, _label in indicators.NUTRITION_CODES:
            sums[f"DD_{suffix}"] += m.codes[indicator] in codes
    return sums


def watched_categories(codes: Mapping[str, str]) -> list[tuple[str, str]]:
    """(indicator, code) of each followed-up category — malnutrition (moderate, severe), overweight,
    obesity — that the category codes by indicator ("wfa", "hfa", "wasting") fall in."""
    return [(ind, codes.get(ind, "")) for ind, cats in _MALNUTRITION + _EXCESS if codes.get(ind, "") in cats]


def watch_status(codes: Mapping[str, str], wfh: float | None, bfa: float | None) -> str:
    """The Vietnamese status of a followed-up child, as the report's «Trẻ cần theo dõi» and the printed
    list of malnourished children word it ("" when nothing is followed up)."""
    parts = []
    for indicator, code in watched_categories(codes):
        text = code_label(indicator, code)
        if indicator == "wasting" and wfh is None and bfa is not None:
            text += " (theo BMI/tuổi)"  # i18n-skip: printed on the list and the report; over 60 months thinness and excess weight come from BMI-for-age
        parts.append(text)
    return "; ".join(parts)


def _flags(m: Latest) -> list[tuple[str, str]]:
    return watched_categories(m.codes)


def _status(m: Latest) -> str:
    return watch_status(m.codes, m.wfh, m.bfa)


def _z(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def surveillance_list(period: Period, *, today: dt.date | None = None) -> list[dict]:
    """Children under nutritional surveillance: malnourished, overweight or obese at their latest
    measurement in the period; one dict per child keyed like the report's «Trẻ cần theo dõi» columns.
    """
    period = school_period(period)
    children = enrolled_on(reference_day(period, today))
    latest = _latest_measurements(period, [c.child_id for c in children])
    info = school_info()
    rows = []
    for c in children:
        m = latest.get(c.child_id)
        if m is None or not _flags(m):
            continue
        rows.append({
            "unit_code": info.code, "unit_name": info.name, "code": c.code, "full_name": c.full_name,
            "birth_date": c.birth_date, "sex": c.sex, "class_name": c.class_name,
            "measured_on": m.measured_on, "weight_kg": m.weight_kg, "height_cm": m.height_cm,
            "wfa": _z(m.wfa), "hfa": _z(m.hfa), "wfh": _z(m.wfh), "bfa": _z(m.bfa), "status": _status(m),
        })
    return rows


# ---------------------------------------------------------------- meals


def _served_days(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """(date, stage) of the days a meal was served: a head-count (typed or from attendance), or the day closed."""
    if end < start:
        return []
    days = {(m.date, m.stage) for m in menus.list_menu_days(start, end)
            if m.items and menus.children_for(m.date, m.stage, m.children_count)[0]}
    days |= set(meal_money.closed_days(start, end))
    return sorted(days)


def _meal_sums(period: Period, day: dt.date) -> Counter:
    sums: Counter = Counter()
    raw: Counter = Counter()
    for date, stage in _served_days(period.start, day):
        a = meal_money.day_account(date, stage)
        s, n = stage.upper(), a.children
        sums[f"BT_{s}_NGAY"] += 1
        sums[f"BT_{s}_SUAT"] += n
        sums[f"BT_{s}_TIEN_THU"] += (a.fee_per_child or 0) * n
        sums[f"BT_{s}_TIEN_CHI"] += a.money.total_cost
        raw[f"BT_{s}_KCAL_TONG"] += a.intake.energy_kcal * n
        for letter, share in (("P", a.intake.protein_pct), ("L", a.intake.lipid_pct), ("G", a.intake.glucid_pct)):
            raw[f"BT_{s}_{letter}_TONG"] += (share or 0) * n
    for code, value in raw.items():
        sums[code] = round(value, 1)
    return sums


# ---------------------------------------------------------------- staff


def _on_staff(s: StaffRow, day: dt.date) -> bool:
    return (s.started_on is None or s.started_on <= day) and (s.left_on is None or s.left_on > day)


def _staff_sums(day: dt.date) -> Counter:
    sums: Counter = Counter()
    for s in list_staff(include_left=True):
        if not _on_staff(s, day):
            continue
        sums["CB"] += 1
        if s.position in indicators.POSITION_CODES:
            sums[f"CB_{indicators.POSITION_CODES[s.position]}"] += 1
        if s.qualification in indicators.QUALIFICATION_CODES:
            sums[f"CB_TD_{indicators.QUALIFICATION_CODES[s.qualification]}"] += 1
        sums["GV_DAT_CHUAN"] += s.position == TEACHER and s.qualification in QUALIFIED_TEACHER
    return sums


# ---------------------------------------------------------------- all together


def report_indicators(period: Period, *, today: dt.date | None = None) -> dict[str, float | None]:
    """Every catalogue indicator of the school for the period (`indicators.complete` of the sums)."""
    period = school_period(period)
    day = reference_day(period, today)
    children = enrolled_on(day)
    sums: Counter = Counter()
    sums.update(_class_sums(day))
    sums.update(_child_sums(children))
    sums.update(_attendance_sums(period, day))
    sums.update(_nutrition_sums(_latest_measurements(period, [c.child_id for c in children])))
    sums.update(_meal_sums(period, day))
    sums.update(_staff_sums(day))
    sums.update(staffing_sums(day))
    sums.update(lunch_support_sums(period))
    sums.update(census_sums(day))
    sums.update(start_of_year_sums(day))
    return indicators.complete(dict(sums))
