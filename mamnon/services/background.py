"""Work on the school's database from a thread of its own (a TUI screen's worker).

sqlite3 connections stay in the thread that opened them, and the database
handle keeps one connection per thread: the worker opens its own to the same
file (WAL lets the screen keep reading meanwhile) and closes it when done.
Changes made through it still count for the backup at close.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from mamnon.db import database, is_sqlite
from mamnon.errors import MamnonError
from mamnon.i18n import _

__all__ = ["all_or_nothing", "own_connection"]


@contextlib.contextmanager
def own_connection() -> Iterator[None]:
    """This thread's connection to the open database for the block, then closed."""
    if not database.database or database.database == ":memory:":
        # another connection to ":memory:" would be another, empty database
        raise MamnonError(_("Cơ sở dữ liệu trong bộ nhớ không dùng được từ một luồng khác."))
    opened = database.is_closed()
    if opened:
        database.connect()
    try:
        yield
    finally:
        if opened:
            if is_sqlite() and database.connection().total_changes > 0:  # a server keeps no file to back up
                from mamnon.services.backups import note_changes

                note_changes()  # while this thread's connection still tells which file
            database.close()


@contextlib.contextmanager
def all_or_nothing(progress) -> Iterator[None]:
    """One transaction around a whole import, with a last safe point before it commits.

    The import services write in transactions of their own, which inside this one become
    savepoints: a cancel noticed at the end (mamnon.errors.Cancelled) or a Ctrl+C anywhere rolls
    every row back, so the database is as it was before the import began.
    """
    from mamnon.progress import ensure

    progress = ensure(progress)
    with database.atomic():
        yield
        progress.check()
