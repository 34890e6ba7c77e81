"""Local accounts (tài khoản), the classes assigned to them, and the audit trail (lịch sử thay đổi).

A password is stored as "scrypt$n$r$p$salt$hash" (hex), so the cost parameters
can be raised later while old hashes still verify. Audit entries keep the
username and role as text, not a foreign key: the history outlives accounts.
"""

from __future__ import annotations

import datetime as dt

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import BaseModel
from mamnon.models.fields import BooleanField
from mamnon.models.school import SchoolClass
from mamnon.models.staff import Staff

ROLE_ADMIN, ROLE_TEACHER, ROLE_HEALTH, ROLE_KITCHEN, ROLE_ACCOUNTANT = (
    "admin", "teacher", "health", "kitchen", "accountant")


class User(BaseModel):
    username = CharField(unique=True)
    full_name = CharField()
    role = CharField()
    staff = ForeignKeyField(Staff, null=True, backref="accounts", on_delete="SET NULL")
    password_hash = CharField()
    failed_attempts = IntegerField(default=0)
    lockouts = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=dt.datetime.now)
    last_login_at = DateTimeField(null=True)

    class Meta:
        table_name = "user_account"


class UserClass(BaseModel):
    """A class given to a teacher's account besides the classes whose main teacher they are."""

    user = ForeignKeyField(User, backref="extra_classes", on_delete="CASCADE")
    school_class = ForeignKeyField(SchoolClass, column_name="class_id", object_id_name="school_class_id",
                                   on_delete="CASCADE")

    class Meta:
        table_name = "user_class"
        indexes = ((("user", "school_class"), True),)


class AuditEntry(BaseModel):
    at = DateTimeField(default=dt.datetime.now)
    username = CharField(default="")
    role = CharField(default="")
    table_name = CharField()
    record_id = CharField()
    action = CharField()  # create / update / delete
    before = TextField(default="")
    after = TextField(default="")
    label = CharField(default="")
    child_id = IntegerField(null=True)
    """The child the record belongs to (a guardian, a mark…), so a child's history gathers them."""

    class Meta:
        table_name = "audit_entry"
