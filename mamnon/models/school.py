"""School years and classes (lớp / nhóm trẻ)."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import BaseModel, TimestampedModel
from mamnon.models.fields import BooleanField
from mamnon.models.staff import Staff


class SchoolYear(BaseModel):
    """A school year such as 2026-2027 with its first and last day."""

    name = CharField(unique=True)
    start_date = DateField()
    end_date = DateField()
    is_current = BooleanField(default=False)


class SchoolClass(TimestampedModel):
    """A class or group of one school year, of one age group (see mamnon.reference)."""

    school_year = ForeignKeyField(SchoolYear, backref="classes", on_delete="RESTRICT")
    name = CharField()
    age_group = CharField()
    main_teacher = ForeignKeyField(Staff, null=True, backref="main_classes", on_delete="SET NULL")
    room = CharField(default="")
    note = TextField(default="")
    row_version = IntegerField(default=1)

    class Meta:
        table_name = "school_class"
        indexes = ((("school_year", "name"), True),)
