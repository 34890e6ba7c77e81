"""Field classes whose stored form is the same in SQLite and PostgreSQL."""

from __future__ import annotations

from peewee import BooleanField as _PeeweeBooleanField


class BooleanField(_PeeweeBooleanField):
    """A yes/no stored as INTEGER 0/1, as every migration declares it.

    peewee's own BooleanField sends True/False, which SQLite stores as 1/0 but
    PostgreSQL refuses for an INTEGER column; 0/1 keeps SQLite files unchanged
    and works on both.
    """

    field_type = "INTEGER"

    def db_value(self, value):
        if value is None:
            return None
        return 1 if value else 0

    def python_value(self, value):
        return None if value is None else bool(value)
