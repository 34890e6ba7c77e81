"""Facilities (cơ sở vật chất): school sites, rooms by type and condition, equipment counts."""

from __future__ import annotations

from peewee import CharField, DateField, FloatField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import TimestampedModel
from mamnon.models.fields import BooleanField


class Site(TimestampedModel):
    """A school site: the main one (điểm trường chính) or a satellite (điểm lẻ), with its water."""

    name = CharField(unique=True)
    is_main = BooleanField(default=False)
    address = CharField(default="")
    distance_km = FloatField(null=True)
    """Distance from the main site."""
    water_source = CharField(default="")
    clean_water = BooleanField(default=False)
    note = TextField(default="")


class RoomLine(TimestampedModel):
    """Rooms of one site, type and condition: how many and their total floor area.

    One line per (site, type, condition) rather than one row per room: the
    reports and the 01.ĐN-MN form count rooms this way, and a school keys in
    "3 phòng học kiên cố, 150 m²" from its asset book in one line.
    """

    site = ForeignKeyField(Site, backref="rooms", on_delete="RESTRICT")
    room_type = CharField()
    condition = CharField()
    count = IntegerField()
    area_m2 = FloatField(null=True)
    """Total floor area of the line's rooms."""
    in_use_from = DateField(null=True)
    in_use_until = DateField(null=True)
    """First day the rooms are no longer used (demolished, handed back); None while in use."""
    note = TextField(default="")

    class Meta:
        table_name = "room_line"
        indexes = ((("site", "room_type", "condition"), True),)


class EquipmentCount(TimestampedModel):
    """How many of an item of the minimum equipment list the school has (its last count)."""

    item_code = CharField(unique=True)
    quantity = IntegerField()
    counted_on = DateField(null=True)
    note = TextField(default="")

    class Meta:
        table_name = "equipment_count"
