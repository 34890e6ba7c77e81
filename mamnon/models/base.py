"""The base model every table derives from, bound to the deferred database."""

from __future__ import annotations

import datetime as dt

from peewee import DateTimeField, Model

from mamnon.db import database


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class TimestampedModel(BaseModel):
    """A record that remembers when it was created and last changed."""

    created_at = DateTimeField(default=dt.datetime.now)
    updated_at = DateTimeField(default=dt.datetime.now)

    def save(self, *args, **kwargs):
        self.updated_at = dt.datetime.now()
        return super().save(*args, **kwargs)
