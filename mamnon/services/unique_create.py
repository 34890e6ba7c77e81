"""Creating a row with a unique key that another session may be creating at the same moment.

A form that showed no such row (a child not yet measured in the round) reads,
finds none and inserts. Two sessions doing that at once must end with the
first one's row kept and the second one told (ConcurrentEdit), as a second
save of an existing row is (row_version, mamnon.models.base):

- PostgreSQL (READ COMMITTED): the second insert waits for the first session
  to commit, then fails on the unique index with IntegrityError. `insert_once`
  runs the insert in a savepoint, so the transaction is still usable to read
  the row that won and name it.
- SQLite (WAL): a transaction that has read and then writes after another
  session committed is refused with «database is locked» (its snapshot is
  stale), whatever rows the two touched. `write_transaction` takes the write
  lock when the transaction begins (BEGIN IMMEDIATE): the second session waits
  (busy_timeout) for the first, then reads the row it wrote.

Records with an automatic code (HS00001, CB001) meet the same race on the
code: `create_coded` takes the next free code again when another session took
the one it read, and refuses a typed code another session has just used.
"""

from __future__ import annotations

from peewee import IntegrityError

from mamnon.db import database, is_sqlite
from mamnon.errors import ConcurrentEdit, ValidationError
from mamnon.i18n import _
from mamnon.models.base import concurrent_edit_message

__all__ = ["create_coded", "insert_once", "write_transaction"]

CODE_ATTEMPTS = 5
"""Codes tried before giving up: each retry follows another session's commit, so five is already a crowd."""


def write_transaction():
    """database.atomic(), beginning with SQLite's write lock when it is the outermost transaction."""
    if is_sqlite() and not database.in_transaction():
        return database.atomic("IMMEDIATE")
    return database.atomic()


def insert_once(row, key) -> None:
    """Insert the new `row`; ConcurrentEdit naming the stored row when another session has just created the
    row that `key` (a peewee condition) finds. Any other IntegrityError is raised as it is."""
    model = type(row)
    try:
        with database.atomic():  # a savepoint: PostgreSQL's transaction is aborted by a failed insert otherwise
            row.save(force_insert=True)
    except IntegrityError:
        other = model.get_or_none(key)
        if other is None:
            raise
        raise ConcurrentEdit(concurrent_edit_message(model, other.__data__)) from None


def create_coded(model, values: dict, make_code):
    """`model.create(**values)` with `values["code"]`, or `make_code()` when it is blank. Another session may
    commit the same code between our read and our insert: an automatic code is then taken again; a typed
    one is refused on its field, as the form's own check would have refused it a moment later."""
    typed = values.get("code")
    for _attempt in range(CODE_ATTEMPTS):
        code = typed or make_code()
        try:
            with database.atomic():  # a savepoint, so the transaction outlives a failed insert (PostgreSQL)
                return model.create(**{**values, "code": code})
        except IntegrityError:
            if model.get_or_none(model.code == code) is None:
                raise  # another unique rule, not the code
            if typed:
                raise ValidationError({"code": _("Mã {code} vừa được người khác dùng; hãy gõ mã khác.")
                                       .format(code=code)}) from None
    raise ValidationError({"code": _("Không cấp được mã tự động: người khác đang thêm cùng lúc. Hãy lưu lại.")})
