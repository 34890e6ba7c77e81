"""Lunch support (hỗ trợ ăn trưa) for children aged 3–5: eligibility, the monthly claim list, totals.

Source: Nghị định 277/2025/NĐ-CP (detailing Nghị quyết 218/2025/QH15), see
docs/lunch_support.md. The decree pays a fixed amount per child per month
actually studied, for at most 9 months of a school year, to children of the
listed groups. The amount, the month limit and the groups are data (RATES,
GROUPS) with their source, because a later decree may change them: RATES is
versioned by the date it takes effect and a month is paid at the rate in force
on its first day.

Rules chosen here (and why):
- A child-month is paid when the eligibility period covers at least one day of
  the month AND the child is in a class of the school on at least one day of it
  (the decree's «số tháng học thực tế»); no attendance threshold is stated.
- Age: the child is 3, 4 or 5 in the school year by birth year (first calendar
  year of the school year − birth year), as the phổ cập counts and the local
  instructions («năm học mà trẻ có độ tuổi 3, 4, 5 tuổi theo giấy khai sinh»)
  do; a 5-year-old born in January is not cut off in the middle of the year.
- One eligibility record lies inside one school year (the file is approved per
  school year); records of a child never overlap; the months a child's records
  cover inside one school year never exceed the decree's limit — refused at entry.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.formats import format_date
from mamnon.i18n import N_, _
from mamnon.models import Child, Enrollment, LunchSupport, SchoolClass, SchoolYear
from mamnon.services.form_check import FormCheck
from mamnon.vntext import fold, name_sort_key, text_sort_key
from mamnon.workbooks.periods import Period
from mamnon.services import permissions


@dataclass(frozen=True)
class Rate:
    effective_from: dt.date
    amount: int
    """In đồng, per child per month."""  # i18n-skip: a note for developers
    max_months: int
    """per school year."""
    ages: tuple[int, ...]
    source: str


RATES: tuple[Rate, ...] = (
    Rate(dt.date(2025, 10, 20), 360_000, 9, (3, 4, 5),
         "Nghị định 277/2025/NĐ-CP (20/10/2025), chi tiết Nghị quyết 218/2025/QH15"),  # i18n-skip: a decree's title
)
"""In force from `effective_from` until the next row's date; oldest first."""

GROUPS: dict[str, str] = {
    "DBKK": N_("Thường trú ở xã, thôn đặc biệt khó khăn (vùng dân tộc thiểu số và miền núi, "
               "bãi ngang ven biển, hải đảo)"),
    "NGHEO": N_("Thuộc hộ nghèo, hộ cận nghèo"),
    "KHONG_NGUOI_NUOI": N_("Không có người nuôi dưỡng (mồ côi cả cha và mẹ, không nơi nương tựa)"),
    "CHINH_SACH": N_("Con liệt sĩ, con Anh hùng LLVTND, con thương binh, con người hưởng chính sách "
                     "như thương binh, con bệnh binh"),
    "KHUYET_TAT": N_("Trẻ em khuyết tật học hòa nhập"),
}
"""The eligible groups as the decree lists them (docs/lunch_support.md gives how sure each one is).
Printed on the forms in Vietnamese; a screen shows them as _(label)."""

MONTH_LABEL = N_("Hỗ trợ ăn trưa (NĐ 277/2025): {children} trẻ, {total}")


def rate_on(day: dt.date) -> Rate:
    current = None
    for rate in RATES:
        if rate.effective_from <= day:
            current = rate
    if current is None:
        raise ValidationError({"ngay": _("Chưa có chính sách hỗ trợ ăn trưa trước ngày {day} ({source}).").format(
            day=format_date(RATES[0].effective_from), source=RATES[0].source)})
    return current


def group_label(code: str) -> str:
    return GROUPS.get(code, code)


def group_code(text: str) -> str | None:
    """A group typed as its code or as (part of) its label, diacritics ignored."""
    wanted = fold(text or "").strip()
    if not wanted:
        return None
    for code, label in GROUPS.items():
        if wanted == fold(code):
            return code
    found = [code for code, label in GROUPS.items() if wanted in fold(label) or wanted in fold(_(label))]
    return found[0] if len(found) == 1 else None


# ---------------------------------------------------------------- months


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months touching [start, end]."""
    out, cur = [], month_start(start)
    while cur <= end:
        out.append(cur)
        cur = month_end(cur) + dt.timedelta(days=1)
    return out


def age_in_school_year(birth: dt.date, year: SchoolYear) -> int:
    return year.start_date.year - birth.year


def _year_holding(day: dt.date) -> SchoolYear | None:
    return (SchoolYear.select().where((SchoolYear.start_date <= day) & (SchoolYear.end_date >= day))
            .order_by(SchoolYear.start_date).first())


# ---------------------------------------------------------------- records


@dataclass
class LunchForm:
    child_id: int | None = None
    group: str = ""
    evidence: str = ""
    start_date: str | dt.date = ""
    end_date: str | dt.date = ""
    approved_by: str = ""
    approved_on: str | dt.date = ""
    note: str = ""


@dataclass(frozen=True)
class SupportRow:
    id: int
    child_id: int
    child_code: str
    child_name: str
    birth_date: dt.date
    group: str
    group_label: str
    evidence: str
    start_date: dt.date
    end_date: dt.date
    approved_by: str
    approved_on: dt.date | None
    note: str
    months: int
    """Months of the period the decree pays (child in a class that month), capped at the limit."""


def _covered_months(start: dt.date, end: dt.date, year: SchoolYear) -> list[dt.date]:
    return months_between(max(start, year.start_date), min(end, year.end_date))


def check_support(form: LunchForm, *, support_id: int | None = None) -> tuple[dict, FormCheck]:
    check = FormCheck()
    child = Child.get_or_none(Child.id == form.child_id) if form.child_id else None
    if child is None:
        check.error("child_id", _("Cần chọn trẻ."))
    group = group_code(form.group)
    if group is None:
        check.error("group", _("Cần chọn đối tượng hỗ trợ: {codes}.").format(codes=", ".join(GROUPS)))
    evidence = check.text("evidence", form.evidence, required=True, max_len=300,
                          what=_("giấy tờ chứng minh (số, ngày, nơi cấp)"))
    start = check.date("start_date", form.start_date, required=True, what=_("ngày bắt đầu hưởng"))
    end = check.date("end_date", form.end_date, required=True, what=_("ngày kết thúc hưởng"))
    approved_by = check.text("approved_by", form.approved_by, max_len=120)
    approved_on = check.date("approved_on", form.approved_on, what=_("ngày duyệt"))
    note = check.text("note", form.note, max_len=500)
    if start and end and end < start:
        check.error("end_date", _("Ngày kết thúc hưởng phải sau ngày bắt đầu."))
    year = None
    if start and end and end >= start:
        year = _year_holding(start)
        if year is None:
            check.error("start_date", _("Ngày {day} không thuộc năm học nào đã khai báo.").format(
                day=format_date(start)))
        elif end > year.end_date:
            check.error("end_date", _("Mỗi lần hưởng nằm trong một năm học: năm học {year} kết thúc {day}.").format(
                year=year.name, day=format_date(year.end_date)))
            year = None
    if start and year is not None and child is not None and not check.errors:
        try:
            rate = rate_on(max(start, month_start(start)))
        except ValidationError as exc:
            check.error("start_date", exc.errors["ngay"])
            rate = None
        if rate is not None:
            _check_age_and_limit(check, child, year, start, end, rate, support_id)
    clean = dict(child=child, group=group, evidence=evidence, start_date=start, end_date=end,
                 approved_by=approved_by, approved_on=approved_on, note=note)
    return clean, check


def _check_age_and_limit(check: FormCheck, child: Child, year: SchoolYear, start: dt.date, end: dt.date,
                         rate: Rate, support_id: int | None) -> None:
    age = age_in_school_year(child.birth_date, year)
    if age not in rate.ages:
        check.error("child_id", _("Trẻ {name} (sinh năm {born}) {age} tuổi trong năm học {year}: chỉ trẻ "
                                  "{youngest}–{oldest} tuổi được hỗ trợ ăn trưa.").format(
            name=child.full_name, born=child.birth_date.year, age=age, year=year.name,
            youngest=rate.ages[0], oldest=rate.ages[-1]))
        return
    others = LunchSupport.select().where(LunchSupport.child == child.id)
    if support_id is not None:
        others = others.where(LunchSupport.id != support_id)
    months = set(_covered_months(start, end, year))
    for other in others:
        if other.start_date <= end and other.end_date >= start:
            check.error("start_date", _("Trùng thời gian với lần hưởng {start}–{end} của trẻ.").format(
                start=format_date(other.start_date), end=format_date(other.end_date)))
            return
        if year.start_date <= other.start_date <= year.end_date:
            months |= set(_covered_months(other.start_date, other.end_date, year))
    if len(months) > rate.max_months:
        check.error("end_date", _("Trẻ {name} sẽ được hỗ trợ {months} tháng trong năm học {year}: tối đa {limit} "
                                  "tháng một năm học ({source}).").format(
            name=child.full_name, months=len(months), year=year.name, limit=rate.max_months, source=rate.source))


def add_support(form: LunchForm) -> SupportRow:
    permissions.require("money.edit")
    clean, check = check_support(form)
    if check.errors:
        raise ValidationError(check.errors)
    with database.atomic():
        row = LunchSupport.create(**clean)
    return get_support(row.id)


def update_support(support_id: int, form: LunchForm) -> SupportRow:
    permissions.require("money.edit")
    _get(support_id)
    clean, check = check_support(form, support_id=support_id)
    if check.errors:
        raise ValidationError(check.errors)
    with database.atomic():
        LunchSupport.update(**clean).where(LunchSupport.id == support_id).execute()
    return get_support(support_id)


def delete_support(support_id: int) -> None:
    """Only for a record typed by mistake: the claim of its months goes with it."""
    permissions.require("money.edit")
    with database.atomic():
        _get(support_id).delete_instance()


def form_for(support_id: int) -> LunchForm:
    s = _get(support_id)
    return LunchForm(s.child_id, s.group, s.evidence, format_date(s.start_date), format_date(s.end_date),
                     s.approved_by, format_date(s.approved_on) if s.approved_on else "", s.note)


def _get(support_id: int) -> LunchSupport:
    found = LunchSupport.get_or_none(LunchSupport.id == support_id)
    if found is None:
        raise NotFound(_("Không có hồ sơ hỗ trợ ăn trưa số {id}.").format(id=support_id))
    return found


def _row(s: LunchSupport, child: Child) -> SupportRow:
    months = len(_paid_months(s, child, _stays(child.id)))
    return SupportRow(s.id, child.id, child.code, child.full_name, child.birth_date, s.group, group_label(s.group),
                      s.evidence, s.start_date, s.end_date, s.approved_by, s.approved_on, s.note, months)


def get_support(support_id: int) -> SupportRow:
    s = _get(support_id)
    return _row(s, Child.get_by_id(s.child_id))


def list_supports(*, search: str = "", year_id: int | None = None) -> list[SupportRow]:
    """Every eligibility record (of one school year when given), by Vietnamese name order."""
    query = LunchSupport.select(LunchSupport, Child).join(Child, on=(LunchSupport.child == Child.id))
    if year_id is not None:
        year = SchoolYear.get_by_id(year_id)
        query = query.where((LunchSupport.start_date >= year.start_date) & (LunchSupport.start_date <= year.end_date))
    wanted = fold(search).strip()
    rows = [_row(s, s.child) for s in query if not wanted or wanted in fold(f"{s.child.code} {s.child.full_name}")]
    rows.sort(key=lambda r: (name_sort_key(r.child_name), r.child_id, r.start_date))
    return rows


def child_id_by_code(code: str) -> int:
    found = Child.get_or_none(Child.code == (code or "").strip())
    if found is None:
        raise NotFound(_("Không có trẻ mã «{code}».").format(code=code))
    return found.id


# ---------------------------------------------------------------- months paid


def _stays(child_id: int) -> list[tuple[dt.date, dt.date | None, int, str]]:
    query = (Enrollment.select(Enrollment.start_date, Enrollment.end_date, SchoolClass.id, SchoolClass.name)
             .join(SchoolClass, on=(Enrollment.school_class == SchoolClass.id))
             .where(Enrollment.child == child_id).order_by(Enrollment.start_date).tuples())
    return list(query)


def _class_in_month(child: Child, stays, first: dt.date) -> tuple[int, str] | None:
    """The child's class in the month (the last stay touching it), None when not in school that month."""
    last = month_end(first)
    if child.left_on is not None and child.left_on <= first:
        return None
    found = None
    for start, end, class_id, class_name in stays:
        if start <= last and (end is None or end > first):
            found = (class_id, class_name)
    return found


def _paid_months(s: LunchSupport, child: Child, stays) -> dict[dt.date, tuple[int, str]]:
    """The months of record `s` the decree pays, with the child's class; at most the limit, earliest first."""
    out: dict[dt.date, tuple[int, str]] = {}
    for first in months_between(s.start_date, s.end_date):
        cls = _class_in_month(child, stays, first)
        if cls is not None:
            out[first] = cls
    limit = rate_on(max(s.start_date, month_start(s.start_date))).max_months
    return dict(list(out.items())[:limit])


@dataclass(frozen=True)
class ClaimRow:
    child_id: int
    child_code: str
    child_name: str
    birth_date: dt.date
    class_id: int
    class_name: str
    group: str
    group_label: str
    evidence: str
    amount: int


@dataclass(frozen=True)
class ClassTotal:
    class_id: int
    class_name: str
    children: int
    amount: int


@dataclass(frozen=True)
class MonthClaim:
    month: dt.date
    amount_per_child: int
    source: str
    rows: tuple[ClaimRow, ...]
    classes: tuple[ClassTotal, ...]

    @property
    def children(self) -> int:
        return len(self.rows)

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.rows)


def _claims_between(start: dt.date, end: dt.date) -> list[tuple[dt.date, ClaimRow]]:
    """(month, row) for every child-month paid whose month starts within [start, end]."""
    query = (LunchSupport.select(LunchSupport, Child).join(Child, on=(LunchSupport.child == Child.id))
             .where((LunchSupport.start_date <= month_end(end)) & (LunchSupport.end_date >= month_start(start))))
    out = []
    stays_of: dict[int, list] = {}
    for s in query:
        child = s.child
        stays = stays_of.setdefault(child.id, _stays(child.id))
        for first, (class_id, class_name) in _paid_months(s, child, stays).items():
            if start <= first <= end:
                out.append((first, ClaimRow(child.id, child.code, child.full_name, child.birth_date, class_id,
                                            class_name, s.group, group_label(s.group), s.evidence,
                                            rate_on(first).amount)))
    return out


def month_claim(year: int, month: int, *, class_id: int | None = None) -> MonthClaim:
    """The claim list of a month: children paid, by class then Vietnamese name, with class and school totals."""
    first = dt.date(year, month, 1)
    try:
        rate = rate_on(first)
    except ValidationError:
        return MonthClaim(first, 0, "", (), ())
    rows = [r for _month, r in _claims_between(first, first) if class_id is None or r.class_id == class_id]
    rows.sort(key=lambda r: (text_sort_key(r.class_name), r.class_id, name_sort_key(r.child_name), r.child_id))
    totals: dict[int, list] = {}
    for r in rows:
        t = totals.setdefault(r.class_id, [r.class_name, 0, 0])
        t[1] += 1
        t[2] += r.amount
    classes = tuple(ClassTotal(cid, name, n, amount) for cid, (name, n, amount) in totals.items())
    return MonthClaim(first, rate.amount, rate.source, tuple(rows), classes)


def month_total(year: int, month: int) -> int:
    """The month's lunch support money (đồng): what the meal money accounts show beside the fees."""
    return month_claim(year, month).total


def period_sums(period: Period) -> Counter:
    """The report's lunch-support sums: child-months, money and distinct children of the period."""
    claims = _claims_between(month_start(period.start), period.end)
    return Counter({"HTAT_TRE": len(claims), "HTAT_TIEN": sum(r.amount for _month, r in claims),
                    "HTAT_SO_TRE": len({r.child_id for _month, r in claims})})


@dataclass(frozen=True)
class ChildChoice:
    id: int
    code: str
    full_name: str
    class_name: str
    age: int


def children_of_age(on: dt.date | None = None) -> list[ChildChoice]:
    """Children in school, 3–5 in the school year holding `on` (by birth year): who the form offers."""
    from mamnon.services.children import list_children

    on = on or dt.date.today()
    year = _year_holding(on) or SchoolYear.select().where(SchoolYear.is_current == True).first()  # noqa: E712
    if year is None:
        return []
    ages = rate_on(max(on, RATES[0].effective_from)).ages
    out = []
    for c in list_children():
        age = age_in_school_year(c.birth_date, year)
        if age in ages:
            out.append(ChildChoice(c.id, c.code, c.full_name, c.class_name, age))
    return out


def month_label(year: int, month: int, *, translate=None) -> str:
    """One line for the meal money screen and form: the month's lunch support beside the parents' fees.

    Vietnamese for the printed form; a screen passes translate=_ to show it in the interface language."""
    from mamnon.formats import format_money

    claim = month_claim(year, month)
    if not claim.rows:
        return ""
    template = translate(MONTH_LABEL) if translate else MONTH_LABEL
    return template.format(children=claim.children, total=format_money(claim.total))
