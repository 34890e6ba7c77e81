"""Organisational units: schools and the offices above them, a tree of any depth."""

from __future__ import annotations

from peewee import CharField, ForeignKeyField, TextField

from mamnon.models.base import BaseModel
from mamnon.models.fields import BooleanField


class OrgUnit(BaseModel):
    """A school, commune office, district office, province department… as data.

    `level_name` is whatever the hierarchy calls this level ("Trường",
    "UBND xã", "Phòng GD&ĐT", "Sở GD&ĐT"); nothing in the code depends on it.
    Exactly one unit is this database's own (`is_self`).
    """

    code = CharField(unique=True)
    name = CharField()
    level_name = CharField()
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    commune = CharField(default="")
    province = CharField(default="")
    address = TextField(default="")
    phone = CharField(default="")
    is_self = BooleanField(default=False)


class Setting(BaseModel):
    """Small key/value settings of this database (current school year…)."""

    key = CharField(primary_key=True)
    value = TextField()
