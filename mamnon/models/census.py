"""The phổ cập census: communes and villages of the school's area, and one entry per child per census year.

An entry of a child enrolled at the school points to the Child (`child`): its
name, birth date, sex, ethnicity and disability are read from there and left
blank here, so nothing is typed twice. Other children carry their own.
"""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import BaseModel, TimestampedModel
from mamnon.models.children import Child
from mamnon.models.fields import BooleanField


class CensusCommune(BaseModel):
    name = CharField(unique=True)
    difficult = BooleanField(default=False)
    """Xã có điều kiện kinh tế – xã hội đặc biệt khó khăn: lower phổ cập thresholds apply."""  # i18n-skip


class CensusVillage(BaseModel):
    """Thôn, xóm, ấp, bản of a commune."""

    commune = ForeignKeyField(CensusCommune, backref="villages", on_delete="RESTRICT")
    name = CharField()


class CensusEntry(TimestampedModel):
    year = IntegerField()
    """Census year: children born from year − 5 to year are 0–5 years old in it."""
    village = ForeignKeyField(CensusVillage, backref="entries", on_delete="RESTRICT")
    child = ForeignKeyField(Child, null=True, backref="census_entries", on_delete="RESTRICT")
    full_name = CharField(default="")
    birth_date = DateField(null=True)
    sex = CharField(max_length=1, default="")
    ethnicity = CharField(default="")
    guardian_name = CharField(default="")
    address = CharField(default="")
    status = CharField()
    school_name = CharField(default="")
    completed = BooleanField(default=False)
    """Hoàn thành chương trình giáo dục mầm non of the child's age this year."""  # i18n-skip: attribute docstring
    disability = CharField(default="")
    status_date = DateField(null=True)
    """When the child moved away or died."""
    destination = CharField(default="")
    note = TextField(default="")
    row_version = IntegerField(default=1)
