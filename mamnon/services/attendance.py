"""Attendance (điểm danh): the school calendar, a class's day, the month grid, rates.

Who is expected on a day follows the enrollment history: a child belongs to a
class on day D when a stay [start_date, end_date) holds D and the child had not
left by D. Moves and leaving therefore need nothing special here: before a move
the child counts in the old class, from the move date in the new one, and after
`left_on` nowhere.

A class-day is *recorded* when at least one child of its roster has a mark.
Rates count only recorded class-days, so a class that has not taken attendance
yet neither lowers nor raises the school's figure; `missing_days` names the
school days up to today that nobody recorded.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.formats import format_date
from mamnon.i18n import N_, _
from mamnon.models import AttendanceMark, CalendarDay, Child, Enrollment, SchoolClass
from mamnon.models.attendance import ABSENT, LEAVE, MARKS, PRESENT
from mamnon.reference import AGE_GROUP_BY_CODE, AGE_GROUPS
from mamnon.services import permissions
from mamnon.services.form_check import FormCheck
from mamnon.vntext import fold, name_sort_key, text_sort_key

__all__ = [
    "ABSENT", "LEAVE", "MARKS", "PRESENT", "MARK_LABELS",
    "DayInfo", "MarkRow", "ClassDay", "ClassCount", "GridRow", "MonthGrid", "Rate", "ClassRate", "AttendanceSummary",
    "is_school_day", "day_info", "set_day_off", "set_school_day", "clear_calendar_day", "calendar_days",
    "school_days", "next_school_day", "class_day", "day_overview", "save_class_day", "mark_all_present", "month_grid",
    "attendance_summary", "children_eating",
]

# Vietnamese in the core (the attendance forms print them); a screen shows _(label).
MARK_LABELS = {PRESENT: N_("có mặt"), LEAVE: N_("nghỉ có phép"), ABSENT: N_("nghỉ không phép")}
WEEKEND_NAMES = {5: N_("Thứ bảy"), 6: N_("Chủ nhật")}
_GROUP_ORDER = {g.code: i for i, g in enumerate(AGE_GROUPS)}
_SEARCH_LIMIT_DAYS = 366
"""next_school_day gives up after a year: a calendar with no school day at all."""


# ---------------------------------------------------------------- rows returned


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    is_school_day: bool
    reason: str
    """Why the day is off ("Chủ nhật", "Tết Nguyên đán"), or why a weekend day is a school day."""  # i18n-skip: a note for developers
    exception: bool
    """True when the school calendar stores this day (not the plain weekly rhythm)."""


@dataclass(frozen=True)
class MarkRow:
    child_id: int
    code: str
    full_name: str
    mark: str | None
    """None: not marked yet."""
    note: str


@dataclass(frozen=True)
class ClassDay:
    class_id: int
    class_name: str
    day: DayInfo
    rows: tuple[MarkRow, ...]

    @property
    def date(self) -> dt.date:
        return self.day.date

    def count(self, mark: str | None) -> int:
        return sum(1 for r in self.rows if r.mark == mark)

    @property
    def present(self) -> int:
        return self.count(PRESENT)

    @property
    def leave(self) -> int:
        return self.count(LEAVE)

    @property
    def absent(self) -> int:
        return self.count(ABSENT)

    @property
    def unmarked(self) -> int:
        return self.count(None)

    @property
    def recorded(self) -> bool:
        return self.unmarked < len(self.rows)


@dataclass(frozen=True)
class ClassCount:
    """A class on one day: how many children it has and how many are marked."""

    class_id: int
    class_name: str
    children: int
    marked: int


@dataclass(frozen=True)
class GridRow:
    child_id: int
    code: str
    full_name: str
    marks: tuple[str | None, ...]
    """One per day of the month (index 0 = day 1); None = no mark."""
    in_class: tuple[bool, ...]
    """One per day of the month: was the child in this class that day."""
    present: int
    leave: int
    absent: int


@dataclass(frozen=True)
class MonthGrid:
    class_id: int
    class_name: str
    year: int
    month: int
    days: tuple[DayInfo, ...]
    rows: tuple[GridRow, ...]
    day_present: tuple[int, ...]
    day_leave: tuple[int, ...]
    day_absent: tuple[int, ...]


@dataclass(frozen=True)
class Rate:
    expected: int
    """Child-days on recorded class-days: the children in the class on each such day."""
    present: int
    leave: int
    absent: int
    recorded_days: int
    """Class-days with attendance recorded (for the school: summed over classes)."""
    missing_days: int
    """School days up to today with no attendance recorded (for the school: summed over classes)."""

    @property
    def unmarked(self) -> int:
        """Expected child-days left without a mark on a recorded day."""
        return self.expected - self.present - self.leave - self.absent

    @property
    def rate(self) -> float | None:
        """Present ÷ expected × 100, one decimal half up; None when nothing was recorded."""
        if not self.expected:
            return None
        value = Decimal(self.present * 100) / Decimal(self.expected)
        return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ClassRate:
    class_id: int
    class_name: str
    age_group: str
    stage: str
    rate: Rate


@dataclass(frozen=True)
class AttendanceSummary:
    start: dt.date
    end: dt.date
    school_days: int
    classes: tuple[ClassRate, ...]
    school: Rate


# ---------------------------------------------------------------- the calendar


def _weekly_rule(day: dt.date) -> DayInfo:
    off = day.weekday() in WEEKEND_NAMES
    return DayInfo(day, not off, WEEKEND_NAMES.get(day.weekday(), ""), False)


def _calendar(start: dt.date, end: dt.date) -> dict[dt.date, DayInfo]:
    stored = CalendarDay.select().where(CalendarDay.date.between(start, end))
    return {c.date: DayInfo(c.date, c.is_school_day, c.reason, True) for c in stored}


def day_info(day: dt.date) -> DayInfo:
    return _calendar(day, day).get(day) or _weekly_rule(day)


def is_school_day(day: dt.date) -> bool:
    return day_info(day).is_school_day


def calendar_days(start: dt.date, end: dt.date) -> list[DayInfo]:
    """Every day from start to end inclusive, as the calendar says."""
    stored = _calendar(start, end)
    return [stored.get(d) or _weekly_rule(d) for d in _dates(start, end)]


def school_days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [d.date for d in calendar_days(start, end) if d.is_school_day]


def next_school_day(day: dt.date, step: int = 1) -> dt.date:
    """The nearest school day after `day` (step 1) or before it (step -1); `day` itself when none."""
    candidate = day
    for _step in range(_SEARCH_LIMIT_DAYS):
        candidate += dt.timedelta(days=step)
        if is_school_day(candidate):
            return candidate
    return day


def _dates(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _refuse_if_marked(day: dt.date, chk: FormCheck) -> None:
    # Marks on a day off would count nowhere and contradict the calendar.
    count = AttendanceMark.select().where(AttendanceMark.date == day).count()
    if count:
        chk.error("date", _("Ngày {date} đã có {count} lượt điểm danh: không đặt làm ngày nghỉ được "
                            "(xóa điểm danh ngày đó trước).").format(date=format_date(day), count=count))


def set_day_off(day: dt.date, reason: str) -> DayInfo:
    """Make `day` a day off with its reason (a holiday, a closure)."""
    permissions.require("calendar.edit")
    chk = FormCheck()
    clean = chk.text("reason", reason, required=True, max_len=100, what=_("lý do nghỉ"))
    _refuse_if_marked(day, chk)
    chk.raise_if_errors()
    _store_calendar_day(day, False, clean)
    return day_info(day)


def set_school_day(day: dt.date, reason: str = "") -> DayInfo:
    """Make `day` a school day (a Saturday made up, a holiday cancelled)."""
    permissions.require("calendar.edit")
    chk = FormCheck()
    clean = chk.text("reason", reason, max_len=100)
    chk.raise_if_errors()
    _store_calendar_day(day, True, clean)
    return day_info(day)


def _store_calendar_day(day: dt.date, school: bool, reason: str) -> None:
    with database.atomic():
        CalendarDay.delete().where(CalendarDay.date == day).execute()
        if school != _weekly_rule(day).is_school_day or reason:
            CalendarDay.create(date=day, is_school_day=school, reason=reason)


def clear_calendar_day(day: dt.date) -> DayInfo:
    """Back to the weekly rule for `day` (weekend off, weekday school)."""
    permissions.require("calendar.edit")
    if not _weekly_rule(day).is_school_day:
        chk = FormCheck()
        _refuse_if_marked(day, chk)
        chk.raise_if_errors()
    CalendarDay.delete().where(CalendarDay.date == day).execute()
    return day_info(day)


# ---------------------------------------------------------------- who is in a class


@dataclass(frozen=True)
class _Stay:
    child_id: int
    class_id: int
    first: dt.date
    last: dt.date | None
    """Last day in the class (the day before end_date or left_on); None = open."""
    code: str
    full_name: str

    def holds(self, day: dt.date) -> bool:
        return self.first <= day and (self.last is None or day <= self.last)


def _stays(start: dt.date, end: dt.date, class_ids: list[int] | None = None) -> list[_Stay]:
    """Stays overlapping [start, end], cut at the day the child left."""
    query = (
        Enrollment.select(Enrollment.child, Enrollment.school_class, Enrollment.start_date, Enrollment.end_date,
                          Child.code, Child.full_name, Child.left_on)
        .join(Child)
        .where((Enrollment.start_date <= end)
               & (Enrollment.end_date.is_null() | (Enrollment.end_date > start)))
    )
    if class_ids is not None:
        query = query.where(Enrollment.school_class.in_(class_ids))
    stays = []
    for child_id, class_id, first, end_date, code, name, left_on in query.tuples():
        stops = [d - dt.timedelta(days=1) for d in (end_date, left_on) if d is not None]
        last = min(stops) if stops else None
        if last is not None and (last < first or last < start):
            continue
        stays.append(_Stay(child_id, class_id, first, last, code, name))
    return stays


def _class(class_id: int) -> SchoolClass:
    cls = SchoolClass.get_or_none(SchoolClass.id == class_id)
    if cls is None:
        raise NotFound(_("Không có lớp số {id}.").format(id=class_id))
    return cls


def _marks(start: dt.date, end: dt.date, child_ids=None) -> dict[tuple[int, dt.date], tuple[str, str]]:
    query = (AttendanceMark.select(AttendanceMark.child, AttendanceMark.date, AttendanceMark.mark,
                                   AttendanceMark.note)
             .where(AttendanceMark.date.between(start, end)))
    if child_ids is not None:
        query = query.where(AttendanceMark.child.in_(list(child_ids)))
    return {(child, day): (mark, note) for child, day, mark, note in query.tuples()}


# ---------------------------------------------------------------- one class, one day


def class_day(class_id: int, day: dt.date) -> ClassDay:
    """The children in the class that day, sorted by name the Vietnamese way, with their marks."""
    cls = _class(class_id)
    roster = [s for s in _stays(day, day, [class_id]) if s.holds(day)]
    marks = _marks(day, day, {s.child_id for s in roster})
    rows = [MarkRow(s.child_id, s.code, s.full_name, *marks.get((s.child_id, day), (None, "")))
            for s in roster]
    rows.sort(key=lambda r: name_sort_key(r.full_name))
    return ClassDay(cls.id, cls.name, day_info(day), tuple(rows))


def day_overview(day: dt.date) -> list[ClassCount]:
    """Every class with children that day (youngest age group first), with how many are marked."""
    rosters: dict[int, list[int]] = defaultdict(list)
    for s in _stays(day, day):
        if s.holds(day):
            rosters[s.class_id].append(s.child_id)
    marked = {child for child, _day in _marks(day, day)}
    classes = SchoolClass.select().where(SchoolClass.id.in_(list(rosters)))
    return [ClassCount(c.id, c.name, len(rosters[c.id]), sum(1 for k in rosters[c.id] if k in marked))
            for c in sorted(classes, key=_class_order)]


def _class_order(cls: SchoolClass) -> tuple:
    return _GROUP_ORDER.get(cls.age_group, 99), text_sort_key(cls.name)


def _clean_mark(value: str | None) -> str | None:
    """"x"/"X"/"p"/"k", any case; None or "" clears the mark. An unknown mark raises ValueError."""
    if value is None or not value.strip():
        return None
    folded = fold(value.strip())
    for mark in MARKS:
        if fold(mark) == folded:
            return mark
    raise ValueError(value)


def _check_day(day: DayInfo, today: dt.date, chk: FormCheck) -> None:
    if not day.is_school_day:
        if day.reason:
            chk.error("date", _("Ngày {date} là ngày nghỉ ({reason}): không điểm danh.").format(
                date=format_date(day.date), reason=_(day.reason)))
        else:
            chk.error("date", _("Ngày {date} là ngày nghỉ: không điểm danh.").format(date=format_date(day.date)))
    elif day.date > today:
        chk.error("date", _("Ngày {date} chưa đến: chưa điểm danh được.").format(date=format_date(day.date)))


def save_class_day(class_id: int, day: dt.date, marks: dict[int, str | None], *,
                   notes: dict[int, str] | None = None, today: dt.date | None = None) -> ClassDay:
    """Save the marks of the children given ({child id: "x"/"P"/"K", None clears}); others stay.

    Everything is checked first and nothing is written when anything is wrong:
    a day off, a future day, a child not in the class that day, an unknown mark.
    """
    permissions.require_class("attendance.edit", class_id)
    today = today or dt.date.today()
    current = class_day(class_id, day)
    names = {r.child_id: r.full_name for r in current.rows}
    chk = FormCheck()
    _check_day(current.day, today, chk)
    for child_id in sorted(set(marks) | set(notes or {})):
        if child_id not in names:
            chk.error(f"child_{child_id}", _("Trẻ số {id} không học lớp {class_name} ngày {date}.").format(
                id=child_id, class_name=current.class_name, date=format_date(day)))
    clean: dict[int, str | None] = {}
    for child_id, value in marks.items():
        try:
            clean[child_id] = _clean_mark(value)
        except ValueError:
            chk.error(f"child_{child_id}", _("{name}: ký hiệu «{value}» không đúng "
                                             "(x có mặt, P có phép, K không phép).").format(
                name=names.get(child_id, child_id), value=value))
    notes = {cid: chk.text(f"note_{cid}", text, max_len=200) for cid, text in (notes or {}).items()}
    chk.raise_if_errors()
    _write_marks(class_id, day, clean, notes)
    return class_day(class_id, day)


def _write_marks(class_id: int, day: dt.date, marks: dict[int, str | None], notes: dict[int, str]) -> None:
    existing = {m.child_id: m for m in AttendanceMark.select().where(
        (AttendanceMark.date == day) & AttendanceMark.child.in_(list(marks) + list(notes)))}
    with database.atomic():
        for child_id, mark in marks.items():
            row = existing.get(child_id)
            if mark is None:
                if row is not None:
                    row.delete_instance()
                continue
            if row is None:
                AttendanceMark.create(child=child_id, school_class=class_id, date=day, mark=mark,
                                      note=notes.get(child_id, ""))
            elif (row.mark, row.school_class_id, row.note) != (mark, class_id, notes.get(child_id, row.note)):
                row.mark, row.school_class = mark, class_id
                row.note = notes.get(child_id, row.note)
                row.save()
        for child_id, note in notes.items():
            row = existing.get(child_id)
            if child_id not in marks and row is not None and row.note != note:
                row.note = note
                row.save()


def mark_all_present(class_id: int, day: dt.date, *, today: dt.date | None = None) -> ClassDay:
    """Mark present every child of the class not marked yet that day (the usual first step)."""
    current = class_day(class_id, day)
    return save_class_day(class_id, day, {r.child_id: PRESENT for r in current.rows if r.mark is None},
                          today=today)


# ---------------------------------------------------------------- the month


def month_grid(class_id: int, year: int, month: int) -> MonthGrid:
    """Children × days of the month with their marks, totals per child and per day.

    A child moved in or out during the month has a row, with `in_class` False
    on the days spent elsewhere (and no mark shown there).
    """
    cls = _class(class_id)
    start = dt.date(year, month, 1)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    days = calendar_days(start, end)
    stays = _stays(start, end, [class_id])
    marks = _marks(start, end, {s.child_id for s in stays})
    by_child: dict[int, list[_Stay]] = defaultdict(list)
    for s in stays:
        by_child[s.child_id].append(s)
    rows = []
    for child_id, own in by_child.items():
        in_class = tuple(any(s.holds(d.date) for s in own) for d in days)
        cells = tuple(marks.get((child_id, d.date), (None, ""))[0] if inside else None
                      for d, inside in zip(days, in_class))
        rows.append(GridRow(child_id, own[0].code, own[0].full_name, cells, in_class,
                            cells.count(PRESENT), cells.count(LEAVE), cells.count(ABSENT)))
    rows.sort(key=lambda r: name_sort_key(r.full_name))
    per_day = list(zip(*(r.marks for r in rows))) if rows else [() for _day in days]
    return MonthGrid(
        cls.id, cls.name, year, month, tuple(days), tuple(rows),
        tuple(col.count(PRESENT) for col in per_day),
        tuple(col.count(LEAVE) for col in per_day),
        tuple(col.count(ABSENT) for col in per_day),
    )


# ---------------------------------------------------------------- rates


def _class_days(start: dt.date, end: dt.date, class_ids: list[int] | None):
    """{(class id, school day): [child ids in the class]} and the marks of the period."""
    days = school_days(start, end)
    stays = _stays(start, end, class_ids)
    rosters: dict[tuple[int, dt.date], list[int]] = defaultdict(list)
    for s in stays:
        for day in days:
            if s.holds(day):
                rosters[(s.class_id, day)].append(s.child_id)
    return days, rosters, _marks(start, end)


def _rate(class_days, marks, today: dt.date, school_days_: list[dt.date]) -> Rate:
    """The Rate of some classes: class_days maps (class, day) -> roster for the classes wanted."""
    expected = present = leave = absent = recorded = 0
    for (_cid, day), roster in class_days.items():
        day_marks = [marks[(c, day)][0] for c in roster if (c, day) in marks]
        if not day_marks:
            continue
        recorded += 1
        expected += len(roster)
        present += day_marks.count(PRESENT)
        leave += day_marks.count(LEAVE)
        absent += day_marks.count(ABSENT)
    past = {d for d in school_days_ if d <= today}
    missing = sum(1 for (_cid, day), roster in class_days.items()
                  if day in past and not any((c, day) in marks for c in roster))
    return Rate(expected, present, leave, absent, recorded, missing)


def attendance_summary(start: dt.date, end: dt.date, class_id: int | None = None, *,
                       today: dt.date | None = None) -> AttendanceSummary:
    """Expected child-days, present, P, K and the rate per class and for the school.

    Expected counts, on each school day the class recorded, the children in
    the class that day; days not recorded are left out of the rate and counted
    in `missing_days` (up to `today`). The school line adds the classes up.
    """
    if end < start:
        raise ValidationError({"end": _("Ngày cuối trước ngày đầu.")})
    today = today or dt.date.today()
    days, rosters, marks = _class_days(start, end, [class_id] if class_id is not None else None)
    by_class: dict[int, dict] = defaultdict(dict)
    for (cid, day), roster in rosters.items():
        by_class[cid][(cid, day)] = roster
    classes = SchoolClass.select().where(SchoolClass.id.in_(list(by_class)))
    rows = []
    for cls in sorted(classes, key=_class_order):
        group = AGE_GROUP_BY_CODE.get(cls.age_group)
        rows.append(ClassRate(cls.id, cls.name, cls.age_group, group.stage if group else "",
                              _rate(by_class[cls.id], marks, today, days)))
    return AttendanceSummary(start, end, len(days), tuple(rows), _rate(rosters, marks, today, days))


@dataclass(frozen=True)
class StageHeadcount:
    """Attendance of one stage on one day, as the meals module needs it."""

    present: int
    classes: int
    """Classes of the stage with children that day."""
    classes_recorded: int
    """Of those, the classes with at least one mark that day."""

    @property
    def complete(self) -> bool:
        return self.classes > 0 and self.classes_recorded == self.classes


def stage_headcount(day: dt.date, stage: str) -> StageHeadcount:
    class_ids = [c.id for c in SchoolClass.select(SchoolClass.id, SchoolClass.age_group)
                 if getattr(AGE_GROUP_BY_CODE.get(c.age_group), "stage", None) == stage]
    if not class_ids:
        return StageHeadcount(0, 0, 0)
    _days, rosters, marks = _class_days(day, day, class_ids)
    present, recorded = 0, 0
    for roster in rosters.values():
        class_marks = [marks[(c, day)][0] for c in roster if (c, day) in marks]
        recorded += bool(class_marks)
        present += class_marks.count(PRESENT)
    return StageHeadcount(present, len(rosters), recorded)


def children_eating(day: dt.date, stage: str) -> int | None:
    """Children present that day in the classes of a stage ("nha_tre" / "mau_giao").

    None unless every class of the stage with children that day has recorded
    (a child left unmarked in a recorded class is not counted as eating): a
    count from half the classes would under-buy, so the meals module then keeps
    the head-count typed by hand.
    """
    h = stage_headcount(day, stage)
    return h.present if h.complete else None
