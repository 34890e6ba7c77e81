"""The school's side of approval (docs/approval.md): reports submitted, replies received, locked periods.

A period is locked while the latest reply imported for it approves it. While
locked, `guard_rows` refuses any write that would change a figure of the
period's report: rows dated inside it (attendance, measurements, menus, closed
days, health checks, the school calendar) and enrollments or lunch support
whose days inside it change. It is called by BaseModel.save/delete_instance
and by the bulk helpers of mamnon.services.audit, so no service repeats it.
The locks are read with raw SQL: the check runs on every save of those tables.
"""

from __future__ import annotations

import datetime as dt

from peewee import CharField, DateTimeField, TextField

from mamnon.errors import MamnonError
from mamnon.models.base import BaseModel
from mamnon.i18n import _


class ReportSubmission(BaseModel):
    """A report the school exported as submitted (not a draft): what an office's reply must answer."""

    period = CharField()
    paper_code = CharField()
    exported_at = DateTimeField()
    exported_by = CharField(default="")

    class Meta:
        table_name = "report_submission"


class ReportReply(BaseModel):
    """An office's reply imported: its decision on the submission with `answers_code`."""

    period = CharField()
    decision = CharField()
    """reply_spec.APPROVE, RETURN or UNLOCK."""
    note = TextField(default="")
    from_code = CharField()
    from_name = CharField()
    decided_by = CharField(default="")
    decided_at = CharField(default="")
    answers_code = CharField()
    reply_checksum = CharField()
    file_name = CharField(default="")
    imported_at = DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "report_reply"


class PeriodLocked(MamnonError):
    """A write that would change the figures of an approved (locked) report period."""


# ---------------------------------------------------------------- the lock


SPANS = {
    "attendance_mark": ("date", None), "calendar_day": ("date", None),
    "measurement": ("measured_on", None), "measurement_round": ("date", None), "health_check": ("checked_on", None),
    "menu_day": ("date", None), "closed_day": ("date", None),
    "enrollment": ("start_date", "end_date"), "lunch_support": ("start_date", "end_date"),
}
"""Table → (first day field, last day field or None for a one-day row; an empty last day is open-ended)."""
PARENT_DAYS = {"menu_item": ("menu_day", "menu_day"), "closed_line": ("closed_day", "closed_day")}
"""Rows dated by their parent: table → (foreign key field, parent table with a `date` column)."""
UNCOUNTED = frozenset({"note", "created_at", "updated_at", "id"})
"""Fields no report figure reads: changing only these never touches a locked period."""


def locked_periods() -> list[tuple[dt.date, dt.date, str, str]]:
    """(first day, last day, period label, office name) of every period whose latest reply approves it.

    The label is for the refusal message, so it is in the interface language."""
    from peewee import OperationalError

    from mamnon.db import database
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period
    from mamnon.workbooks.reply_spec import APPROVE

    try:
        rows = database.execute_sql(
            "SELECT r.period, r.decision, r.from_name FROM report_reply r WHERE r.id = "
            "(SELECT MAX(id) FROM report_reply WHERE period = r.period)").fetchall()
    except OperationalError:  # a database opened read-only before the approval tables existed
        return []
    out = []
    for period_code, decision, office in rows:
        if decision != APPROVE:
            continue
        try:
            period = _school_dates(parse_period(period_code))
        except ValidationError:
            continue
        out.append((period.start, period.end, period.screen_label, office))
    return out


def _school_dates(period):
    """A school year spans the school's own dates when it has them (as the report counted it)."""
    from mamnon.db import database
    from mamnon.workbooks.periods import YEAR, Period

    if period.kind != YEAR:
        return period
    row = database.execute_sql("SELECT start_date, end_date FROM school_year WHERE name = ?",
                               (period.code,)).fetchone()
    if row is None:
        return period
    return Period(period.kind, period.code, _day(row[0]) or period.start, _day(row[1]) or period.end)


def _day(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _span(table: str, row: dict | None) -> tuple[dt.date, dt.date] | None:
    """The days a row counts on, or None (no row, or no date)."""
    if row is None:
        return None
    if table in PARENT_DAYS:
        key, parent = PARENT_DAYS[table]
        from mamnon.db import database

        found = database.execute_sql(f"SELECT date FROM {parent} WHERE id = ?", (row.get(key),)).fetchone()
        day = _day(found[0]) if found else None
        return (day, day) if day else None
    first_field, last_field = SPANS[table]
    first = _day(row.get(first_field))
    if first is None:
        return None
    last = _day(row.get(last_field)) if last_field else first
    return first, (last if last_field is None or row.get(last_field) else dt.date.max)


def _inside(span, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """The part of `span` inside [start, end]."""
    if span is None:
        return None
    first, last = max(span[0], start), min(span[1], end)
    return (first, last) if first <= last else None


def is_guarded(table: str) -> bool:
    return table in SPANS or table in PARENT_DAYS


def guard_rows(table: str, changes: list[tuple[dict | None, dict | None]]) -> None:
    """Raise PeriodLocked if any (before, after) row change alters a locked period's figures.

    before None: an insert; after None: a delete. Rows are {field: value} as stored (foreign keys as ids).
    """
    if not changes or not is_guarded(table):
        return
    locks = locked_periods()
    if not locks:
        return
    for before, after in changes:
        counted = {k for k in set(before or {}) | set(after or {}) if k not in UNCOUNTED
                   and (before or {}).get(k) != (after or {}).get(k)}
        if not counted and before is not None and after is not None:
            continue
        old, new = _span(table, before), _span(table, after)
        for start, end, label, office in locks:
            was, now = _inside(old, start, end), _inside(new, start, end)
            if was is None and now is None:
                continue
            # A row reaching into the period whose counted fields change, or whose days inside it change.
            if before is None or after is None or was != now or counted - _span_fields(table):
                raise PeriodLocked(lock_message(label, office))


def _span_fields(table: str) -> set[str]:
    if table in PARENT_DAYS:
        return set()
    first, last = SPANS[table]
    return {first, last} - {None}


def lock_message(label: str, office: str) -> str:
    period = label[:1].lower() + label[1:]
    return _("Báo cáo {period} đã được {office} duyệt và khóa: không sửa được số liệu trong kỳ này. "
             "Xin cấp trên mở khóa (tệp trả lời «mở khóa»).").format(period=period, office=office)
