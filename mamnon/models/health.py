"""Health: measuring rounds (cân đo), their measurements, and health checks (khám sức khỏe).

A measurement keeps what was typed (weight, height, lying or standing) and,
for fast statistics, the WHO z-scores and category codes computed from it
(`mamnon.growth`); `services.measurements.recompute_round` recomputes them.
Children are never deleted (RESTRICT); a measurement can be cleared.
"""

from __future__ import annotations

from peewee import CharField, DateField, FloatField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import TimestampedModel
from mamnon.models.children import Child
from mamnon.models.fields import BooleanField
from mamnon.models.school import SchoolClass, SchoolYear


class MeasurementRound(TimestampedModel):
    """One measuring day ("Cân đo tháng 9/2026") of the whole school, or of one class."""

    name = CharField()
    date = DateField()
    school_year = ForeignKeyField(SchoolYear, backref="measurement_rounds", on_delete="RESTRICT")
    school_class = ForeignKeyField(
        SchoolClass, column_name="class_id", object_id_name="school_class_id", null=True,
        backref="measurement_rounds", on_delete="RESTRICT",
    )
    """None: the whole school."""
    note = TextField(default="")

    class Meta:
        table_name = "measurement_round"
        indexes = ((("school_year", "name"), True),)


class Measurement(TimestampedModel):
    """A child's weight and height in a round, with the z-scores computed from them."""

    measurement_round = ForeignKeyField(
        MeasurementRound, column_name="round_id", object_id_name="round_id",
        backref="measurements", on_delete="RESTRICT",
    )
    child = ForeignKeyField(Child, backref="measurements", on_delete="RESTRICT")
    measured_on = DateField()
    weight_kg = FloatField(null=True)
    height_cm = FloatField(null=True)
    lying = BooleanField(null=True)
    """Length measured lying down (under 2 years) rather than standing height."""
    wfa = FloatField(null=True)
    hfa = FloatField(null=True)
    wfh = FloatField(null=True)
    bfa = FloatField(null=True)
    wfa_code = CharField(default="")
    hfa_code = CharField(default="")
    wfh_code = CharField(default="")
    bfa_code = CharField(default="")
    wasting_code = CharField(default="")
    """wfh_code up to 60 months, bfa_code after ('' = not classified)."""
    flags = CharField(default="")
    """WHO implausible indicators, comma-separated ("wfa,wfh")."""
    confirmed = BooleanField(default=False)
    reasons = TextField(default="")
    """Why the entry needed confirmation, one reason a line."""
    note = TextField(default="")
    row_version = IntegerField(default=1)

    class Meta:
        table_name = "measurement"
        indexes = ((("measurement_round", "child"), True),)


class HealthCheck(TimestampedModel):
    """A health check of a child; a blank finding means normal."""

    child = ForeignKeyField(Child, backref="health_checks", on_delete="RESTRICT")
    checked_on = DateField()
    examiner = CharField()
    eyes = TextField(default="")
    teeth = TextField(default="")
    ent = TextField(default="")
    skin = TextField(default="")
    heart_lung = TextField(default="")
    other = TextField(default="")
    conclusion = TextField(default="")
    row_version = IntegerField(default=1)

    class Meta:
        table_name = "health_check"
