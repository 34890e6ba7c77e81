"""Measuring rounds (đợt cân đo) and the weight/height entered for each child.

A round is a measuring day of the whole school (class None) or of one class.
Its sheet lists the children in that scope ON THE ROUND DATE: the stay
([start_date, end_date)) containing the date, so a child who came later is not
on it, a child who left or moved away before it is not on it, and a child who
moved out afterwards is on the sheet of the old class.

Entering a measurement (`check_entry`, `save_entry`):

* weight and height are typed as text; "12,5" and "12.5" are both accepted and
  values are kept to 0.1 (a note says when a value was rounded); text that is
  not a positive number, or a value no child can have (over 200 kg / 250 cm),
  is an error;
* implausible values are never silently accepted or dropped: every reason
  (WHO implausible z-score, weight outside 1–50 kg, height outside 40–150 cm,
  weight change of more than 20% beyond normal growth since the previous
  measurement, height loss of more than 1 cm) is listed and `save_entry`
  raises NeedsConfirmation until called with confirm=True; the entry is then
  stored confirmed, with its reasons;
* the z-scores and categories of `mamnon.growth` are stored with the entry
  for fast statistics; `recompute_round` / `recompute_child` recompute them
  (after a birth date or sex is corrected).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from peewee import fn

from mamnon.db import database
from mamnon.errors import ConcurrentEdit, MamnonError, NotFound, ValidationError
from mamnon.formats import age_in_months, format_date
from mamnon.growth import CATEGORIES, Classification, InvalidMeasurement, ZScores, classify, value_for_z, zscores
from mamnon.i18n import N_, _
from mamnon.models import Child, Enrollment, Measurement, MeasurementRound, SchoolClass, SchoolYear
from mamnon.models.base import concurrent_edit_message
from mamnon.reference import AGE_GROUPS
from mamnon.services import audit, permissions
from mamnon.services.form_check import FormCheck
from mamnon.services.unique_create import insert_once, write_transaction
from mamnon.vntext import name_sort_key, text_sort_key

__all__ = [
    "EnrolledChild", "EntryCheck", "MeasurementRow", "NeedsConfirmation", "Previous", "RoundRow", "SheetRow",
    "INDICATOR_LABELS", "assess", "category_label", "check_entry", "children_not_measured", "clear_entry",
    "child_history", "create_round", "default_round_name", "delete_round", "enrolled_on", "get_entry",
    "get_round", "implausibility_reasons", "list_rounds",
    "measurement_columns", "parse_measure", "recompute_child", "recompute_round", "round_sheet", "save_entry",
    "update_round",
]

WEIGHT_RANGE_KG = (1.0, 50.0)
HEIGHT_RANGE_CM = (40.0, 150.0)
MAX_WEIGHT_KG = 200.0
MAX_HEIGHT_CM = 250.0
MAX_WEIGHT_CHANGE = 0.20
"""Beyond the change the WHO median predicts between the two ages."""
MAX_HEIGHT_LOSS_CM = 1.0
LYING_UNDER_MONTHS = 24
LYING_CORRECTION_CM = 0.7
MEASURED_BEFORE_DAYS = 7
MEASURED_AFTER_DAYS = 60
"""A child absent on the round day is measured later, within this many days."""

INDICATOR_LABELS = {
    "wfa": N_("cân nặng theo tuổi"),
    "hfa": N_("chiều cao theo tuổi"),
    "wfh": N_("cân nặng theo chiều cao"),
    "bfa": N_("BMI theo tuổi"),
}

WHOLE_SCHOOL = N_("Toàn trường")

_GROUP_ORDER = {g.code: i for i, g in enumerate(AGE_GROUPS)}


class NeedsConfirmation(MamnonError):
    """The entry has implausible values: show `reasons`, then save again with confirm=True."""

    def __init__(self, reasons):
        self.reasons = tuple(reasons)
        super().__init__(_("Số đo cần xác nhận: {reasons}").format(reasons=" ".join(self.reasons)))


# ---------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class RoundRow:
    id: int
    name: str
    date: dt.date
    school_year_id: int
    class_id: int | None
    """None: the whole school."""
    class_name: str
    note: str
    enrolled: int
    """Children in the round's scope on its date."""
    measured: int

    @property
    def scope_label(self) -> str:
        """A class's name or «Toàn trường», as the growth forms print it."""
        return self.class_name or WHOLE_SCHOOL

    @property
    def shown_scope(self) -> str:
        """The scope on screen: a class's name as typed (never looked up in the catalogue), else «Toàn trường»
        in the interface language."""
        return self.class_name or _(WHOLE_SCHOOL)


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    round_id: int
    child_id: int
    measured_on: dt.date
    weight_kg: float | None
    height_cm: float | None
    lying: bool | None
    wfa: float | None
    hfa: float | None
    wfh: float | None
    bfa: float | None
    wfa_code: str
    hfa_code: str
    wfh_code: str
    bfa_code: str
    wasting_code: str
    """wfh up to 60 months, bfa after; '' = not classified."""
    flags: frozenset[str]
    confirmed: bool
    reasons: tuple[str, ...]
    note: str
    row_version: int | None = field(default=None, compare=False)
    """Pass it back to save_entry / clear_entry: they refuse when someone saved the entry since."""

    @property
    def wfa_label(self) -> str:
        return category_label("wfa", self.wfa_code)

    @property
    def hfa_label(self) -> str:
        return category_label("hfa", self.hfa_code)

    @property
    def wasting_label(self) -> str:
        return category_label("wfh", self.wasting_code)


@dataclass(frozen=True)
class EnrolledChild:
    """A child in a class on a given date."""

    child_id: int
    code: str
    full_name: str
    sex: str
    birth_date: dt.date
    class_id: int
    class_name: str
    age_group: str


@dataclass(frozen=True)
class SheetRow:
    """One line of a round's sheet: a child in scope on the round date, measured or not."""

    child_id: int
    code: str
    full_name: str
    sex: str
    birth_date: dt.date
    class_id: int
    class_name: str
    age_group: str
    age_months: int
    """Completed months on the round date."""
    default_lying: bool
    """Length lying down under 24 months, standing height from 24 months."""
    measurement: MeasurementRow | None
    sort_key: tuple = field(default=(), compare=False, repr=False)

    @property
    def measured(self) -> bool:
        return self.measurement is not None


@dataclass(frozen=True)
class Previous:
    """The child's measurement before this one (for the change checks)."""

    measured_on: dt.date
    weight_kg: float | None
    height_cm: float | None
    lying: bool | None


@dataclass(frozen=True)
class EntryCheck:
    child_id: int
    round_id: int
    measured_on: dt.date | None
    weight_kg: float | None
    height_cm: float | None
    lying: bool | None
    zscores: ZScores | None
    classification: Classification | None
    errors: dict[str, str]
    """field -> Vietnamese message: the entry cannot be saved."""
    reasons: tuple[str, ...]
    """Why the values are implausible: saving needs confirmation."""
    notes: tuple[str, ...]
    """Information only (e.g. a value rounded to 0.1)."""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.reasons)


# ---------------------------------------------------------------- small helpers


def _num(x: float, digits: int = 1) -> str:
    """12.5 -> '12,5' (Vietnamese decimal comma)."""
    return f"{x:.{digits}f}".replace(".", ",")


def category_label(indicator: str, code: str) -> str:
    """Vietnamese label of a stored category code ('' for none)."""
    if not code:
        return ""
    cat = CATEGORIES.get(("wfh" if indicator == "wasting" else indicator, code))
    return cat.label if cat else code


_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d*)?|[.,]\d+)\s*(kg|cm)?\s*$", re.IGNORECASE)


def parse_measure(text, *, what: str, unit: str) -> tuple[float | None, str, str]:
    """(value rounded to 0.1 or None, error, note) from what was typed ('12,5', '12.5', '12,5 kg')."""
    if text is None:
        return None, "", ""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        raw = Decimal(repr(float(text)))
        shown = str(float(text)).replace(".", ",")
    else:
        s = str(text).strip()
        if not s:
            return None, "", ""
        m = _NUMBER.match(s)
        if not m or (m.group(2) and m.group(2).lower() != unit):
            example = "12,5" if unit == "kg" else "95,5"
            return None, _("{what} phải là số {unit}, ví dụ {example}.").format(
                what=what.capitalize(), unit=unit, example=example), ""
        digits = m.group(1).replace(",", ".")
        try:
            raw = Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
            return None, _("{what} phải là số {unit}.").format(what=what.capitalize(), unit=unit), ""
        shown = m.group(1).replace(".", ",")
    if raw <= 0:
        return None, _("{what} phải lớn hơn 0.").format(what=what.capitalize()), ""
    rounded = raw.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded <= 0:
        return None, _("{what} phải lớn hơn 0.").format(what=what.capitalize()), ""
    value = float(rounded)
    limit = MAX_WEIGHT_KG if unit == "kg" else MAX_HEIGHT_CM
    if value > limit:
        return None, _("{what} {value} {unit} không thể là số đo của trẻ (kiểm tra lại dấu phẩy).").format(
            what=what.capitalize(), value=_num(value), unit=unit), ""
    note = ""
    if rounded != raw:
        note = _("{what} {typed} {unit} được làm tròn thành {value} {unit} (một chữ số thập phân).").format(
            what=what.capitalize(), typed=shown, value=_num(value), unit=unit)
    return value, "", note


def _expected_weight_ratio(sex: str, birth: dt.date, before: dt.date, after: dt.date) -> float:
    """How much the WHO median weight grows between two dates of a child's life."""
    try:
        m0 = value_for_z("wfa", sex, z=0.0, age_days=(before - birth).days)
        m1 = value_for_z("wfa", sex, z=0.0, age_days=(after - birth).days)
    except InvalidMeasurement:
        return 1.0
    return m1 / m0


def _standing(height: float, lying: bool | None) -> float:
    return height - LYING_CORRECTION_CM if lying else height


def implausibility_reasons(sex: str, birth_date: dt.date, measured_on: dt.date, weight_kg: float | None,
                           height_cm: float | None, lying: bool | None, z: ZScores | None,
                           previous: Previous | None) -> list[str]:
    """Every reason (in the interface language) why these values need the user's confirmation; [] when plausible."""
    reasons = []
    if z is not None:
        for ind in ("wfa", "hfa", "wfh", "bfa"):
            if ind in z.flags:
                value = getattr(z, ind)
                shown = f" (z = {_num(value, 2)})" if value is not None else ""
                reasons.append(_("Chỉ số {indicator} ngoài giới hạn WHO{z}: rất hiếm gặp, hãy kiểm tra lại số đo.")
                               .format(indicator=_(INDICATOR_LABELS[ind]), z=shown))
    lo, hi = WEIGHT_RANGE_KG
    if weight_kg is not None and not lo <= weight_kg <= hi:
        reasons.append(_("Cân nặng {value} kg ngoài khoảng {lo}–{hi} kg.").format(
            value=_num(weight_kg), lo=f"{lo:g}", hi=f"{hi:g}"))
    lo, hi = HEIGHT_RANGE_CM
    if height_cm is not None and not lo <= height_cm <= hi:
        reasons.append(_("Chiều cao {value} cm ngoài khoảng {lo}–{hi} cm.").format(
            value=_num(height_cm), lo=f"{lo:g}", hi=f"{hi:g}"))
    if previous is not None:
        when = format_date(previous.measured_on)
        if weight_kg is not None and previous.weight_kg:
            expected = _expected_weight_ratio(sex, birth_date, previous.measured_on, measured_on)
            change = weight_kg / previous.weight_kg - 1.0
            beyond = weight_kg / (previous.weight_kg * expected) - 1.0
            if abs(beyond) > MAX_WEIGHT_CHANGE:
                if change > 0:
                    text = _("Cân nặng tăng {pct}% so với lần đo trước ({before} kg ngày {day} → {after} kg)")
                else:
                    text = _("Cân nặng giảm {pct}% so với lần đo trước ({before} kg ngày {day} → {after} kg)")
                if expected - 1 >= 0.05:  # a baby: compare with the usual gain at that age
                    why = _(" (trẻ cùng tuổi thường tăng khoảng {pct}%): khác mức tăng thường gặp hơn 20%.").format(
                        pct=round((expected - 1) * 100))
                else:
                    why = _(": thay đổi hơn 20%.")
                reasons.append(text.format(pct=abs(round(change * 100)), before=_num(previous.weight_kg),
                                           day=when, after=_num(weight_kg)) + why)
        if height_cm is not None and previous.height_cm:
            loss = _standing(previous.height_cm, previous.lying) - _standing(height_cm, lying)
            if loss > MAX_HEIGHT_LOSS_CM:
                posture = (_(" (đã tính chênh lệch đo nằm/đứng 0,7 cm)")
                           if bool(previous.lying) != bool(lying) else "")
                reasons.append(_("Chiều cao giảm {loss} cm so với lần đo trước ({before} cm ngày {day} → {after} cm)"
                                 "{posture}: giảm hơn 1 cm.").format(
                    loss=_num(loss), before=_num(previous.height_cm), day=when, after=_num(height_cm),
                    posture=posture))
    return reasons


def assess(sex: str, birth_date: dt.date, measured_on: dt.date, weight_kg: float | None,
           height_cm: float | None, lying: bool | None, previous: Previous | None = None
           ) -> tuple[ZScores, Classification, list[str]]:
    """Z-scores, classification and confirmation reasons of clean values (no database access)."""
    z = zscores(sex, birth_date, measured_on, weight_kg=weight_kg, height_cm=height_cm, lying=lying)
    c = classify(z)
    return z, c, implausibility_reasons(sex, birth_date, measured_on, weight_kg, height_cm, lying, z, previous)


def measurement_columns(z: ZScores, c: Classification) -> dict:
    """The stored z-score, category and flag columns of a measurement."""
    code = lambda cat: cat.code if cat is not None else ""  # noqa: E731
    return {
        "wfa": z.wfa, "hfa": z.hfa, "wfh": z.wfh, "bfa": z.bfa,
        "wfa_code": code(c.wfa), "hfa_code": code(c.hfa), "wfh_code": code(c.wfh), "bfa_code": code(c.bfa),
        "wasting_code": code(c.wasting), "flags": ",".join(sorted(z.flags)),
    }


def _measurement_row(m: Measurement) -> MeasurementRow:
    return MeasurementRow(
        id=m.id, round_id=m.round_id, child_id=m.child_id, measured_on=m.measured_on,
        weight_kg=m.weight_kg, height_cm=m.height_cm, lying=None if m.lying is None else bool(m.lying),
        wfa=m.wfa, hfa=m.hfa, wfh=m.wfh, bfa=m.bfa, wfa_code=m.wfa_code, hfa_code=m.hfa_code,
        wfh_code=m.wfh_code, bfa_code=m.bfa_code, wasting_code=m.wasting_code,
        flags=frozenset(f for f in m.flags.split(",") if f), confirmed=bool(m.confirmed),
        reasons=tuple(r for r in m.reasons.split("\n") if r), note=m.note, row_version=m.row_version,
    )


def _get_round(round_id: int) -> MeasurementRound:
    rnd = MeasurementRound.get_or_none(MeasurementRound.id == round_id)
    if rnd is None:
        raise NotFound(_("Không có đợt cân đo số {id}.").format(id=round_id))
    return rnd


# ---------------------------------------------------------------- who is in school on a date


def _stay_on(day: dt.date):
    """The condition 'this enrollment covers `day`' ([start_date, end_date))."""
    return (Enrollment.start_date <= day) & (Enrollment.end_date.is_null() | (Enrollment.end_date > day))


def enrolled_on(day: dt.date, class_id: int | None = None) -> list[EnrolledChild]:
    """Children in a class (or the whole school) on `day`, by class then Vietnamese name order.

    Children who left on or before `day` are not in a class any more (their
    last stay ended when they left).
    """
    query = (
        Enrollment.select(Child.id, Child.code, Child.full_name, Child.sex, Child.birth_date,
                          SchoolClass.id, SchoolClass.name, SchoolClass.age_group)
        .join(Child, on=(Enrollment.child == Child.id))
        .switch(Enrollment)
        .join(SchoolClass, on=(Enrollment.school_class == SchoolClass.id))
        .where(_stay_on(day) & (Child.left_on.is_null() | (Child.left_on > day)))
    )
    if class_id is not None:
        query = query.where(Enrollment.school_class == class_id)
    rows = [EnrolledChild(*t) for t in query.tuples()]
    rows.sort(key=lambda r: (_GROUP_ORDER.get(r.age_group, 99), text_sort_key(r.class_name), r.class_id,
                             name_sort_key(r.full_name), r.child_id))
    return rows


def _count_enrolled(day: dt.date, class_id: int | None) -> int:
    query = (Enrollment.select().join(Child, on=(Enrollment.child == Child.id))
             .where(_stay_on(day) & (Child.left_on.is_null() | (Child.left_on > day))))
    if class_id is not None:
        query = query.where(Enrollment.school_class == class_id)
    return query.count()


# ---------------------------------------------------------------- rounds


def _round_row(rnd: MeasurementRound, class_name: str, measured: int) -> RoundRow:
    return RoundRow(rnd.id, rnd.name, rnd.date, rnd.school_year_id, rnd.school_class_id, class_name, rnd.note,
                    _count_enrolled(rnd.date, rnd.school_class_id), measured)


def list_rounds(year_id: int | None = None) -> list[RoundRow]:
    """Rounds of a school year (default the current one), oldest first; whole-school rounds before class ones."""
    if year_id is None:
        year = SchoolYear.get_or_none(SchoolYear.is_current == True)  # noqa: E712
        if year is None:
            return []
        year_id = year.id
    measured = dict(
        Measurement.select(Measurement.measurement_round, fn.COUNT(Measurement.id))
        .join(MeasurementRound).where(MeasurementRound.school_year == year_id)
        .group_by(Measurement.measurement_round).tuples()
    )
    classes = {cid: (name, group) for cid, name, group in SchoolClass.select(
        SchoolClass.id, SchoolClass.name, SchoolClass.age_group).where(SchoolClass.school_year == year_id).tuples()}
    rounds = MeasurementRound.select().where(MeasurementRound.school_year == year_id)
    rows = [_round_row(r, classes.get(r.school_class_id, ("", ""))[0], measured.get(r.id, 0)) for r in rounds]
    rows.sort(key=lambda r: (r.date, r.class_id is not None,
                             _GROUP_ORDER.get(classes.get(r.class_id, ("", ""))[1], 99),
                             text_sort_key(r.class_name), r.id))
    return rows


def get_round(round_id: int) -> RoundRow:
    rnd = _get_round(round_id)
    name = rnd.school_class.name if rnd.school_class_id else ""
    return _round_row(rnd, name, Measurement.select().where(Measurement.measurement_round == rnd.id).count())


def default_round_name(day: dt.date, class_name: str = "") -> str:
    """'Cân đo tháng 9/2026' (whole school) or 'Cân đo tháng 10/2026 – Nhà trẻ A'."""
    name = f"Cân đo tháng {day.month}/{day.year}"  # i18n-skip: the round's stored name, printed on forms
    return f"{name} – {class_name}" if class_name else name


def _check_round(date, name: str, class_id: int | None, note: str, *, year_id: int | None,
                 round_id: int | None, today: dt.date) -> tuple[dict, FormCheck]:
    chk = FormCheck()
    day = chk.date("date", date, required=True, what=_("ngày cân đo"))
    name = chk.text("name", name, max_len=100)
    note = chk.text("note", note, max_len=500)
    school_class = None
    if class_id is not None:
        school_class = SchoolClass.get_or_none(SchoolClass.id == class_id)
        if school_class is None:
            chk.error("class_id", _("Lớp đã chọn không còn."))
    if year_id is None:
        year_id = school_class.school_year_id if school_class is not None else None
    year = SchoolYear.get_or_none(SchoolYear.id == year_id) if year_id is not None else \
        SchoolYear.get_or_none(SchoolYear.is_current == True)  # noqa: E712
    if year is None:
        chk.error("date", _("Chưa có năm học: hãy khai báo năm học trước."))
    elif school_class is not None and school_class.school_year_id != year.id:
        chk.error("class_id", _("Lớp {name} không thuộc năm học {year}.").format(name=school_class.name,
                                                                                 year=year.name))
    if day is not None:
        if day > today:
            chk.error("date", _("Ngày cân đo ở tương lai."))
        elif year is not None and not year.start_date <= day <= year.end_date:
            chk.error("date", _("Ngày cân đo phải trong năm học {year} ({start}–{end}).").format(
                year=year.name, start=format_date(year.start_date), end=format_date(year.end_date)))
    if day is not None and not name:
        name = default_round_name(day, school_class.name if school_class is not None else "")
    if name and year is not None:
        clash = MeasurementRound.select().where((MeasurementRound.school_year == year.id)
                                                & (MeasurementRound.name == name))
        if round_id is not None:
            clash = clash.where(MeasurementRound.id != round_id)
        if clash.exists():
            chk.error("name", _("Năm học này đã có đợt «{name}»: hãy đặt tên khác.").format(name=name))
    return {"date": day, "name": name, "note": note, "school_class": school_class, "school_year": year}, chk


def create_round(date, name: str = "", class_id: int | None = None, *, note: str = "",
                 year_id: int | None = None, today: dt.date | None = None) -> RoundRow:
    """A new round on `date` (a date or dd/mm/yyyy) of the whole school (class_id None) or one class.

    The date must be inside the school year (default: the class's, else the
    current one) and not in the future; the name defaults to the month.
    """
    permissions.require_class("measurements.edit", class_id)
    v, chk = _check_round(date, name, class_id, note, year_id=year_id, round_id=None,
                          today=today or dt.date.today())
    chk.raise_if_errors()
    with database.atomic():
        rnd = MeasurementRound.create(name=v["name"], date=v["date"], school_year=v["school_year"],
                                      school_class=v["school_class"], note=v["note"])
    return get_round(rnd.id)


def update_round(round_id: int, *, date=None, name: str | None = None, note: str | None = None,
                 today: dt.date | None = None) -> RoundRow:
    """Rename a round or change its note; its date only while nothing is measured in it."""
    rnd = _get_round(round_id)
    permissions.require_class("measurements.edit", rnd.school_class_id)
    v, chk = _check_round(rnd.date if date is None else date, rnd.name if name is None else name,
                          rnd.school_class_id, rnd.note if note is None else note,
                          year_id=rnd.school_year_id, round_id=rnd.id, today=today or dt.date.today())
    has_entries = Measurement.select().where(Measurement.measurement_round == rnd.id).exists()
    if v["date"] is not None and v["date"] != rnd.date and has_entries:
        chk.error("date", _("Đợt đã có số đo nên không đổi ngày được: "
                            "hãy xóa các số đo hoặc tạo đợt mới."))
    chk.raise_if_errors()
    with database.atomic():
        rnd.date, rnd.name, rnd.note = v["date"], v["name"], v["note"]
        rnd.save()
    return get_round(rnd.id)


def delete_round(round_id: int) -> None:
    """Remove a round created by mistake; a round with measurements stays."""
    rnd = _get_round(round_id)
    permissions.require_class("measurements.edit", rnd.school_class_id)
    if Measurement.select().where(Measurement.measurement_round == rnd.id).exists():
        raise ValidationError({"round": _("Đợt đã có số đo nên không xóa được "
                                          "(hãy xóa từng số đo trước).")})
    with database.atomic():
        rnd.delete_instance()


# ---------------------------------------------------------------- the sheet


def _scope(rnd: MeasurementRound, class_id: int | None) -> int | None:
    if rnd.school_class_id is not None:
        if class_id is not None and class_id != rnd.school_class_id:
            raise ValidationError({"class_id": _("Đợt «{name}» chỉ cân đo lớp {class_name}.").format(
                name=rnd.name, class_name=rnd.school_class.name)})
        return rnd.school_class_id
    return class_id


def round_sheet(round_id: int, class_id: int | None = None) -> list[SheetRow]:
    """Every child in the class (None: the round's class, or the whole school) on the round date.

    Each row carries the child's measurement in this round, if any.
    """
    rnd = _get_round(round_id)
    scope = _scope(rnd, class_id)
    enrolled = enrolled_on(rnd.date, scope)
    ids = [e.child_id for e in enrolled]
    entries = {}
    query = Measurement.select().where(Measurement.measurement_round == rnd.id)
    if scope is not None:
        query = query.where(Measurement.child.in_(ids))
    for m in query:
        entries[m.child_id] = _measurement_row(m)
    rows = []
    for i, e in enumerate(enrolled):
        months = age_in_months(e.birth_date, rnd.date)
        rows.append(SheetRow(e.child_id, e.code, e.full_name, e.sex, e.birth_date, e.class_id, e.class_name,
                             e.age_group, months, months < LYING_UNDER_MONTHS, entries.get(e.child_id), (i,)))
    return rows


def children_not_measured(round_id: int, class_id: int | None = None) -> list[SheetRow]:
    """The sheet rows still without a measurement."""
    return [r for r in round_sheet(round_id, class_id) if r.measurement is None]


# ---------------------------------------------------------------- entering


def _previous(child_id: int, before: dt.date, round_id: int) -> Previous | None:
    m = (Measurement.select(Measurement.measured_on, Measurement.weight_kg, Measurement.height_cm,
                            Measurement.lying)
         .where((Measurement.child == child_id) & (Measurement.measured_on < before)
                & (Measurement.measurement_round != round_id))
         .order_by(Measurement.measured_on.desc(), Measurement.id.desc()).first())
    if m is None:
        return None
    return Previous(m.measured_on, m.weight_kg, m.height_cm, None if m.lying is None else bool(m.lying))


def check_entry(child_id: int, round_id: int, weight_text, height_text, lying: bool | None = None,
                measured_on=None, *, today: dt.date | None = None) -> EntryCheck:
    """Check what was typed for one child in a round: errors, confirmation reasons, z-scores.

    `lying` None means the recommended way for the age (lying under 24 months).
    `measured_on` (date or dd/mm/yyyy) defaults to the round date.
    """
    today = today or dt.date.today()
    rnd = _get_round(round_id)
    child = Child.get_or_none(Child.id == child_id)
    if child is None:
        raise NotFound(_("Không có trẻ số {id}.").format(id=child_id))
    chk = FormCheck()
    notes = []
    weight, error, note = parse_measure(weight_text, what=_("cân nặng"), unit="kg")
    if error:
        chk.error("weight_kg", error)
    notes += [note] if note else []
    height, error, note = parse_measure(height_text, what=_("chiều cao"), unit="cm")
    if error:
        chk.error("height_cm", error)
    notes += [note] if note else []
    if weight is None and height is None and not chk.errors:
        chk.error("weight_kg", _("Cần nhập cân nặng hoặc chiều cao."))

    day = chk.date("measured_on", measured_on) or rnd.date
    if day > today:
        chk.error("measured_on", _("Ngày đo ở tương lai."))
    elif day < child.birth_date:
        chk.error("measured_on", _("Ngày đo trước ngày sinh của trẻ."))
    elif not (rnd.date - dt.timedelta(days=MEASURED_BEFORE_DAYS) <= day
              <= rnd.date + dt.timedelta(days=MEASURED_AFTER_DAYS)):
        chk.error("measured_on", _("Ngày đo phải gần ngày của đợt ({day}): từ {before} ngày trước đến {after} "
                                   "ngày sau; nếu không, hãy tạo đợt cân đo mới.").format(
            day=format_date(rnd.date), before=MEASURED_BEFORE_DAYS, after=MEASURED_AFTER_DAYS))
    in_scope = (Enrollment.select().join(Child, on=(Enrollment.child == Child.id))
                .where((Enrollment.child == child_id) & _stay_on(rnd.date)
                       & (Child.left_on.is_null() | (Child.left_on > rnd.date))))
    if rnd.school_class_id is not None:
        in_scope = in_scope.where(Enrollment.school_class == rnd.school_class_id)
    if not in_scope.exists():
        if rnd.school_class_id:
            message = _("{name} không học ở lớp {class_name} vào ngày {day} nên không có trong đợt «{round}».")
        else:
            message = _("{name} không học ở trường vào ngày {day} nên không có trong đợt «{round}».")
        chk.error("child", message.format(name=child.full_name, class_name=rnd.school_class.name
                                          if rnd.school_class_id else "", day=format_date(rnd.date),
                                          round=rnd.name))
    if height is None:
        lying = None
    elif lying is None:
        lying = age_in_months(child.birth_date, day) < LYING_UNDER_MONTHS
    else:
        lying = bool(lying)

    z = c = None
    reasons: list[str] = []
    if not chk.errors:
        z, c, reasons = assess(child.sex, child.birth_date, day, weight, height, lying,
                               _previous(child_id, day, rnd.id))
    return EntryCheck(child_id, round_id, day, weight, height, lying, z, c, dict(chk.errors), tuple(reasons),
                      tuple(notes))


def save_entry(child_id: int, round_id: int, weight_text, height_text, lying: bool | None = None,
               measured_on=None, *, note: str = "", confirm: bool = False,
               today: dt.date | None = None, row_version: int | None = None) -> MeasurementRow:
    """Store (or replace) a child's measurement in a round.

    Raises ValidationError on errors, NeedsConfirmation when there are reasons
    and `confirm` is False; with confirm=True the entry is stored confirmed,
    with its reasons.

    `row_version`: the version of the entry the screen showed (0: it showed
    none); ConcurrentEdit when the stored entry is no longer that one. None:
    no check (an import reads and writes in one go).
    """
    require_entry(child_id, round_id)
    e = check_entry(child_id, round_id, weight_text, height_text, lying, measured_on, today=today)
    chk = FormCheck()
    note = chk.text("note", note, max_len=500)
    errors = {**e.errors, **chk.errors}
    if errors:
        raise ValidationError(errors)
    if e.reasons and not confirm:
        raise NeedsConfirmation(e.reasons)
    values = {
        "measured_on": e.measured_on, "weight_kg": e.weight_kg, "height_cm": e.height_cm, "lying": e.lying,
        **measurement_columns(e.zscores, e.classification),
        "confirmed": bool(e.reasons), "reasons": "\n".join(e.reasons), "note": note,
    }
    this = (Measurement.measurement_round == round_id) & (Measurement.child == child_id)
    with write_transaction():  # SQLite: a second nurse's save waits here, then sees this one's entry
        m = _stored_entry(round_id, child_id)
        if row_version is not None and (m is None) != (row_version == 0):
            # Entered or cleared by someone else since the screen read the sheet.
            raise ConcurrentEdit(concurrent_edit_message(
                Measurement, m.__data__ if m is not None else {"child": child_id, "measured_on": e.measured_on}))
        if m is None:
            m = Measurement(measurement_round=round_id, child=child_id, **values)
            insert_once(m, this)  # the child's first entry, made by another session at the same instant
        else:
            m.expect_version(row_version or None)
            for key, value in values.items():
                setattr(m, key, value)
            m.save()
    return _measurement_row(Measurement.get_by_id(m.id))


def _stored_entry(round_id: int, child_id: int) -> Measurement | None:
    """The entry as this transaction reads it (tests hold it back to play a session that read earlier)."""
    return Measurement.get_or_none((Measurement.measurement_round == round_id) & (Measurement.child == child_id))


def clear_entry(round_id: int, child_id: int, *, row_version: int | None = None) -> bool:
    """Delete a child's measurement in a round (True when there was one).

    `row_version` (the entry's version the screen showed): ConcurrentEdit
    instead of deleting values someone saved since.
    """
    require_entry(child_id, round_id)
    this = (Measurement.measurement_round == round_id) & (Measurement.child == child_id)
    with database.atomic():
        if row_version is None:
            return audit.delete_where(Measurement, this) > 0
        if audit.delete_where(Measurement, this & (Measurement.row_version == row_version)):
            return True
        newer = Measurement.get_or_none(this)
        if newer is not None:
            raise ConcurrentEdit(concurrent_edit_message(Measurement, newer.__data__))
        return False


def require_entry(child_id: int, round_id: int) -> None:
    """Refuse unless the acting account may measure this child in this round (their class on its date)."""
    permissions.require_child("measurements.edit", child_id, on=_get_round(round_id).date)


def get_entry(round_id: int, child_id: int) -> MeasurementRow | None:
    m = Measurement.get_or_none((Measurement.measurement_round == round_id) & (Measurement.child == child_id))
    return _measurement_row(m) if m is not None else None


def child_history(child_id: int) -> list[tuple[RoundRow, MeasurementRow]]:
    """Every measurement of a child, oldest first, with its round (growth chart, child page)."""
    query = (Measurement.select().where(Measurement.child == child_id)
             .order_by(Measurement.measured_on, Measurement.id))
    out = []
    for m in query:
        out.append((get_round(m.round_id), _measurement_row(m)))
    return out


# ---------------------------------------------------------------- recomputing


def _recompute_where(condition) -> int:
    """Recompute stored z-scores/categories of the matching measurements; the number changed."""
    changed = 0
    query = (Measurement.select(Measurement, Child.sex, Child.birth_date)
             .join(Child, on=(Measurement.child == Child.id)).where(condition))
    with database.atomic():
        for m in query.objects():
            lying = None if m.lying is None else bool(m.lying)
            z = zscores(m.sex, m.birth_date, m.measured_on, weight_kg=m.weight_kg, height_cm=m.height_cm,
                        lying=lying)
            cols = measurement_columns(z, classify(z))
            if any(getattr(m, k) != v for k, v in cols.items()):
                audit.update_where(Measurement, cols, Measurement.id == m.id)
                changed += 1
    return changed


def recompute_round(round_id: int) -> int:
    """Recompute the stored z-scores and categories of a round (after a correction); returns how many changed."""
    permissions.require("measurements.edit")
    _get_round(round_id)
    return _recompute_where(Measurement.measurement_round == round_id)


def recompute_child(child_id: int) -> int:
    """Recompute every measurement of a child (call after its birth date or sex is corrected)."""
    return _recompute_where(Measurement.child == child_id)
