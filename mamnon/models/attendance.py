"""Attendance (điểm danh): one mark per child and school day, and the school calendar.

A mark is "x" present, "P" absent with leave (nghỉ có phép) or "K" absent
without leave (nghỉ không phép), the marks of the attendance workbook. The
class is stored as it was when the mark was saved; counts follow the
enrollment history (the child's class on that date). Children are never
deleted (RESTRICT).

The calendar only stores exceptions: Saturday and Sunday are days off unless a
`CalendarDay` makes one a school day, any other day is a school day unless a
`CalendarDay` makes it a day off (with its reason, e.g. "Tết Nguyên đán").
"""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, TextField

from mamnon.models.base import BaseModel, TimestampedModel
from mamnon.models.children import Child
from mamnon.models.fields import BooleanField
from mamnon.models.school import SchoolClass

PRESENT, LEAVE, ABSENT = "x", "P", "K"
MARKS = (PRESENT, LEAVE, ABSENT)


class AttendanceMark(TimestampedModel):
    child = ForeignKeyField(Child, backref="attendance_marks", on_delete="RESTRICT")
    school_class = ForeignKeyField(
        SchoolClass, column_name="class_id", object_id_name="school_class_id",
        backref="attendance_marks", on_delete="RESTRICT",
    )
    date = DateField()
    mark = CharField(max_length=1)
    note = TextField(default="")

    class Meta:
        table_name = "attendance_mark"
        indexes = (
            (("child", "date"), True),
            (("date", "school_class"), False),
        )


class CalendarDay(BaseModel):
    """An exception to the weekly rhythm: a weekday off, or a weekend day with school."""

    date = DateField(unique=True)
    is_school_day = BooleanField()
    reason = CharField(default="")

    class Meta:
        table_name = "calendar_day"
