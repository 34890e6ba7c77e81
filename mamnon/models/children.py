"""Children, their guardians and their class memberships.

A child is never deleted: leaving sets `left_on` and keeps every record.
Class membership is a history (one row per stay in a class), so moving a
child closes one row and opens another.
"""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import BaseModel, TimestampedModel
from mamnon.models.school import SchoolClass
from mamnon.models.staff import Staff


class Child(TimestampedModel):
    code = CharField(unique=True)
    full_name = CharField()
    birth_date = DateField()
    sex = CharField(max_length=1)  # "M" / "F"
    ethnicity = CharField(default="Kinh")
    village = CharField(default="")
    commune = CharField(default="")
    province = CharField(default="")
    address = CharField(default="")
    disability = CharField(default="")
    policy_category = CharField(default="")
    enrolled_on = DateField(null=True)
    left_on = DateField(null=True)
    left_reason = CharField(default="")
    note = TextField(default="")
    # CSDL ngành (mamnon.csdl): the Ministry's pupil code, the 12-digit personal ID, and the
    # temporary code a new entrant carries until the Ministry issues its own (TAM-<school>-<n>).
    ministry_code = CharField(default="", index=True)
    personal_id = CharField(default="")
    temp_code = CharField(default="")
    row_version = IntegerField(default=1)


class Guardian(BaseModel):
    child = ForeignKeyField(Child, backref="guardians", on_delete="CASCADE")
    position = IntegerField(default=1)
    full_name = CharField()
    relation = CharField(default="")
    phone = CharField(default="")
    row_version = IntegerField(default=1)


class CsdlStaffCode(BaseModel):
    """The Ministry's code and personal ID of a staff member (mamnon.csdl), beside the Staff row."""

    staff = ForeignKeyField(Staff, backref="csdl_codes", unique=True, on_delete="CASCADE")
    ministry_code = CharField(default="")
    personal_id = CharField(default="")

    class Meta:
        table_name = "csdl_staff_code"


class Enrollment(BaseModel):
    """A child's stay in a class: from `start_date` until `end_date` (open = still there)."""

    child = ForeignKeyField(Child, backref="enrollments", on_delete="RESTRICT")
    school_class = ForeignKeyField(
        SchoolClass, column_name="class_id", object_id_name="school_class_id",
        backref="enrollments", on_delete="RESTRICT",
    )
    start_date = DateField()
    end_date = DateField(null=True)
    note = CharField(default="")
