"""Lunch support (hỗ trợ ăn trưa, NĐ 277/2025/NĐ-CP): which child is eligible, why, and from when to when.

The months paid are not stored: they follow from the eligibility period and the
child's stays in a class (the decree pays per month actually studied), so a late
enrolment or a child who leaves changes the claim without anyone retyping it.
"""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, TextField

from mamnon.models.base import TimestampedModel
from mamnon.models.children import Child


class LunchSupport(TimestampedModel):
    """One eligibility period of one child: [start_date, end_date], both days included."""

    child = ForeignKeyField(Child, backref="lunch_supports", on_delete="RESTRICT")
    group = CharField(column_name="group_code")
    """A code of mamnon.services.lunch_support.GROUPS."""
    evidence = TextField(default="")
    """The paper proving the group: document number, issuer, date."""
    start_date = DateField()
    end_date = DateField()
    approved_by = CharField(default="")
    approved_on = DateField(null=True)
    note = TextField(default="")

    class Meta:
        table_name = "lunch_support"
