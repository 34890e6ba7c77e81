"""Importing a month of attendance (điểm danh tháng) from parsed workbook rows, all or nothing.

A row is a child, by code, of the class the file is for; the day columns
d01..d31 hold x / P / K. A blank cell means "not recorded in this file" and
leaves the database alone: a sheet printed mid-month, or filled in over
several weeks, must never erase the marks taken in the app meanwhile. Each
mark is judged as the daily screen judges it (a day off, a day not yet come,
a child not in the class that day) and written through
`attendance.save_class_day`, one class-day at a time, all inside one
transaction that is rolled back on any error or a dry run.

The counts are marks (one child, one day): created, changed, unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from mamnon.db import database
from mamnon.errors import MamnonError, ValidationError
from mamnon.formats import format_date
from mamnon.i18n import _
from mamnon.services import attendance, permissions
from mamnon.services.approval import period_text
from mamnon.services.classes import ClassRow, list_classes
from mamnon.services.roster_import import ImportResult, Locator, Rows, error_text
from mamnon.services.school import current_year, list_years
from mamnon.vntext import fold
from mamnon.workbooks.cells import clean_text
from mamnon.workbooks.kinds import ATTENDANCE_SPEC
from mamnon.workbooks.periods import MONTH, Period, parse_period

__all__ = ["DAY_KEYS", "import_attendance"]

DAY_KEYS = tuple(f"d{day:02d}" for day in range(1, 32))

Writes = dict[tuple[int, dt.date], dict[int, str]]
"""{(class id, day): {child id: mark}}: only the marks that are new or different."""


@dataclass
class _ClassMonth:
    row: ClassRow
    grid: attendance.MonthGrid
    by_code: dict[str, attendance.GridRow]


def _month(period: str, first_row: int, where: Locator, result: ImportResult) -> Period | None:
    if not period:
        result.errors.append(where(first_row, "code", None,
                                   _("Không biết đây là điểm danh tháng nào: trang «_mamnon» không ghi kỳ báo cáo. "
                                     "Hãy dùng mẫu do phần mềm tạo cho lớp và tháng "
                                     "(mamnon template write diem-danh --class TÊN --month MM/YYYY).")))
        return None
    try:
        month = parse_period(period)
    except ValidationError as exc:
        result.errors.append(where(first_row, "code", None, error_text(exc)))
        return None
    if month.kind != MONTH:
        result.errors.append(where(first_row, "code", None,
                                   _("Kỳ «{period}» không phải một tháng: sổ điểm danh ghi theo tháng "
                                     "(11/2026).").format(period=period)))
        return None
    return month


def _classes_of(month: Period) -> dict[str, ClassRow]:
    """Classes by folded name, of the school years the month falls in (most days first), else the current one."""
    def overlap(year) -> int:
        return (min(year.end_date, month.end) - max(year.start_date, month.start)).days

    years = sorted((y for y in list_years() if overlap(y) >= 0), key=overlap, reverse=True)
    found: dict[str, ClassRow] = {}
    for year_id in [y.id for y in years] or [current_year().id]:
        for row in list_classes(year_id):
            found.setdefault(fold(row.name), row)
    return found


class _Planner:
    """Judges every mark of the file against the database and collects what to write."""

    def __init__(self, month: Period, class_name: str, where: Locator, result: ImportResult,
                 today: dt.date) -> None:
        self.month, self.class_name, self.where, self.result, self.today = month, class_name, where, result, today
        self.classes = _classes_of(month)
        self.months: dict[int, _ClassMonth] = {}
        self.writes: Writes = defaultdict(dict)

    def class_month(self, row: ClassRow) -> _ClassMonth:
        if row.id not in self.months:
            grid = attendance.month_grid(row.id, self.month.start.year, self.month.start.month)
            self.months[row.id] = _ClassMonth(row, grid, {r.code: r for r in grid.rows})
        return self.months[row.id]

    def row_class(self, row: int, values: Mapping[str, object]) -> _ClassMonth | None:
        named = clean_text(values.get("class_name"))
        if self.class_name and named and fold(named) != fold(self.class_name):
            self.result.errors.append(self.where(row, "class_name", named,
                                                 _("Tệp là điểm danh lớp {file_class}, dòng này ghi lớp "
                                                   "{row_class}.").format(file_class=self.class_name,
                                                                           row_class=named)))
            return None
        name = self.class_name or named
        if not name:
            self.result.errors.append(self.where(row, "class_name", None,
                                                 _("Không biết lớp của trẻ: ghi tên lớp vào cột «Lớp».")))
            return None
        found = self.classes.get(fold(name))
        if found is None:
            self.result.errors.append(self.where(row, "class_name", name,
                                                 _("Lớp «{name}» không có trong năm học của {month}.").format(
                                                     name=name, month=period_text(self.month.code))))
            return None
        return self.class_month(found)

    def day_problem(self, index: int, cm: _ClassMonth, child: attendance.GridRow) -> str:
        if index >= len(cm.grid.days):
            return _("Tháng {month}/{year} không có ngày {day}.").format(
                month=f"{self.month.start.month:02d}", year=self.month.start.year, day=index + 1)
        info = cm.grid.days[index]
        when = format_date(info.date)
        if not info.is_school_day:
            if info.reason:
                return _("Ngày {date} là ngày nghỉ ({reason}): không điểm danh.").format(date=when,
                                                                                         reason=_(info.reason))
            return _("Ngày {date} là ngày nghỉ: không điểm danh.").format(date=when)
        if info.date > self.today:
            return _("Ngày {date} chưa đến: chưa điểm danh được.").format(date=when)
        if not child.in_class[index]:
            return _("{name} không học lớp {class_name} ngày {date}.").format(name=child.full_name,
                                                                            class_name=cm.row.name, date=when)
        return ""

    def plan_row(self, row: int, values: Mapping[str, object]) -> None:
        cm = self.row_class(row, values)
        if cm is None:
            return
        code = clean_text(values.get("code"))
        child = cm.by_code.get(code)
        if child is None:
            self.result.errors.append(self.where(row, "code", code,
                                                 _("Không có trẻ mã {code} trong lớp {class_name} {month}.").format(
                                                     code=code, class_name=cm.row.name,
                                                     month=period_text(self.month.code))))
            return
        for index, key in enumerate(DAY_KEYS):
            mark = values.get(key)
            if mark is None:
                continue
            problem = self.day_problem(index, cm, child)
            if problem:
                self.result.errors.append(self.where(row, key, mark, problem))
            else:
                self.count(cm, child, index, str(mark))

    def count(self, cm: _ClassMonth, child: attendance.GridRow, index: int, mark: str) -> None:
        old = child.marks[index]
        if old == mark:
            self.result.unchanged += 1
            return
        if old is None:
            self.result.created += 1
        else:
            self.result.updated += 1
        self.writes[(cm.row.id, cm.grid.days[index].date)][child.child_id] = mark


def _write(writes: Writes, today: dt.date) -> None:
    for (class_id, day), marks in sorted(writes.items()):
        attendance.save_class_day(class_id, day, marks, today=today)


def import_attendance(rows: Rows, *, period: str = "", class_name: str = "", dry_run: bool = False,
                      columns: Mapping[str, int] | None = None, sheet_name: str | None = None,
                      today: dt.date | None = None) -> ImportResult:
    """Check every mark of the month and, unless `dry_run` or an error, write them all in one transaction.

    `period`: the month ("2026-11" as in the metadata, or "11/2026"); `class_name`:
    the class the whole file is for, else each row's «Lớp».
    """
    permissions.require("attendance.edit")
    today = today or dt.date.today()
    where = Locator(ATTENDANCE_SPEC.sheets[0], columns, sheet_name)
    result = ImportResult(dry_run=dry_run)
    if not rows:
        return result
    month = _month(clean_text(period), rows[0][0], where, result)
    if month is None:
        return result
    planner = _Planner(month, clean_text(class_name), where, result, today)
    if planner.class_name and fold(planner.class_name) not in planner.classes:
        planner.row_class(rows[0][0], {})  # one error for the file, not one per row
        return result
    for row, values in rows:
        planner.plan_row(row, values)
    result.errors.sort(key=lambda e: (e.row, e.column))
    if result.errors:
        result.created = result.updated = result.unchanged = 0
        return result
    names = ", ".join(cm.row.name for cm in planner.months.values())
    result.notes.append(_("Điểm danh lớp {classes}, {month}: các số dưới đây là lượt điểm danh "
                          "(một trẻ, một ngày); ô để trống giữ nguyên điểm danh đã có.").format(
        classes=names, month=period_text(month.code)))
    with database.atomic() as txn:
        try:
            _write(planner.writes, today)
        except MamnonError as exc:  # a rule the checks above missed: roll every class-day back
            result.errors.append(where(rows[0][0], "code", None, _("Không ghi được: {error}").format(error=error_text(exc))))
        if result.errors or dry_run:
            txn.rollback()
        else:
            result.applied = True
    if result.errors:
        result.created = result.updated = result.unchanged = 0
        result.notes.clear()
    return result
