"""Staff of the school (cán bộ, giáo viên, nhân viên)."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import TimestampedModel


class Staff(TimestampedModel):
    code = CharField(unique=True)
    full_name = CharField()
    birth_date = DateField(null=True)
    sex = CharField(max_length=1)
    ethnicity = CharField(default="Kinh")
    position = CharField()
    qualification = CharField(default="")
    training_major = CharField(default="")
    """Chuyên ngành đào tạo: "Sư phạm mầm non", "Ngành khác" or "" (not known)."""  # i18n-skip: attribute docstring
    contract_type = CharField(default="")
    """"Biên chế", "Hợp đồng" or "" (not known)."""  # i18n-skip: attribute docstring
    phone = CharField(default="")
    started_on = DateField(null=True)
    left_on = DateField(null=True)
    left_reason = CharField(default="")
    note = TextField(default="")
    row_version = IntegerField(default=1)


class StaffAssessment(TimestampedModel):
    """One school year's result of the professional-standard assessment (TT 26/2018) of a teacher."""

    staff = ForeignKeyField(Staff, backref="assessments", on_delete="CASCADE")
    year_name = CharField()
    """School year such as "2025-2026"."""
    grade = CharField()
    """Tốt, Khá, Đạt or Chưa đạt."""  # i18n-skip: attribute docstring
    note = TextField(default="")

    class Meta:
        table_name = "staff_assessment"
        indexes = ((("staff", "year_name"), True),)
