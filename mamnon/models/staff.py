"""Staff of the school (cán bộ, giáo viên, nhân viên)."""

from __future__ import annotations

from peewee import CharField, DateField, TextField

from mamnon.models.base import TimestampedModel


class Staff(TimestampedModel):
    code = CharField(unique=True)
    full_name = CharField()
    birth_date = DateField(null=True)
    sex = CharField(max_length=1)
    ethnicity = CharField(default="Kinh")
    position = CharField()
    qualification = CharField(default="")
    phone = CharField(default="")
    started_on = DateField(null=True)
    left_on = DateField(null=True)
    left_reason = CharField(default="")
    note = TextField(default="")
