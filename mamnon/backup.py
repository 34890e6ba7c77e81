"""Backup copies of the school's SQLite file: taking, verifying, naming and rotating them.

A copy is taken with SQLite's online backup API (consistent while the
program is writing, WAL included), written under a temporary name, checked
with PRAGMA integrity_check and only then renamed to its final name: a file
named like a backup is always a whole, verified database. The rotation is a
pure function over (time, item) pairs so it can be tested with dates made by
hand. Where backups live and when they are taken is mamnon.services.backups.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from mamnon.errors import MamnonError
from mamnon.progress import SILENT, Progress, ensure
from mamnon.i18n import _

__all__ = ["BackupError", "BackupFile", "DbFacts", "KEEP_DAILY", "KEEP_MONTHLY", "KEEP_WEEKLY", "backup_name",
           "copy_database", "inspect_file", "keep", "parse_backup_name"]

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9-]+)\.sqlite$")
_TEMP_SUFFIX = ".dang-ghi"
PAGES_PER_STEP = 256
"""Pages copied between two progress reports (1 MB of 4 KB pages): a school's file is tens of MB."""

T = TypeVar("T")


class BackupError(MamnonError):
    """A backup or restore could not be done; the message is Vietnamese."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    reason: str
    """Why it was taken: "dong" (at close), "hang-ngay" (daily), "tay" (asked for)…"""


@dataclass(frozen=True)
class DbFacts:
    """What a database file is, read without writing to it."""

    check: str
    """'ok', or SQLite's first complaint."""
    schema_version: int | None
    """None when the file has no schema_version table (not a mamnon database)."""
    has_school_tables: bool
    sqlite: bool = True
    """False when the file does not even start like an SQLite database."""


def backup_name(stem: str, when: dt.datetime, reason: str) -> str:
    return f"{stem}-{when.strftime(_STAMP)}-{reason}.sqlite"


def parse_backup_name(path: Path, stem: str) -> BackupFile | None:
    """The backup `path` is, when it was named by `backup_name` for the database `stem`; else None."""
    m = _NAME.match(path.name)
    if not m or m["stem"] != stem:
        return None
    try:
        when = dt.datetime.strptime(m["stamp"], _STAMP)
    except ValueError:
        return None
    return BackupFile(path, when, m["reason"])


def copy_database(source: sqlite3.Connection | str | os.PathLike, target: Path, *,
                  progress: Progress | None = None, label: str | None = None) -> Path:
    """Copy `source` (an open connection, or a file) to `target` with the backup API, verified.

    The copy is written as `target` + a temporary suffix, checked with
    integrity_check, then renamed; on any failure nothing is left at `target`.
    progress: pages copied of the total, PAGES_PER_STEP at a time; a cancel (or Ctrl+C) removes the
    partial copy like any other failure. label: the phase's name (default «Sao lưu <target>»).
    """
    target = Path(target)
    progress = ensure(progress)
    temp = target.with_name(target.name + _TEMP_SUFFIX)
    own = not isinstance(source, sqlite3.Connection)
    try:
        src = sqlite3.connect(_read_only_uri(Path(source)), uri=True) if own else source
    except sqlite3.Error as exc:
        raise BackupError(_("Không đọc được tệp {path}: {error}.").format(path=source, error=exc)) from None
    try:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        dst = sqlite3.connect(str(temp))
        try:
            progress.stage(0, label or _("Sao lưu {name}").format(name=target.name))
            if progress is SILENT:  # nobody watching: one step, as fast as SQLite copies
                src.backup(dst)
            else:
                src.backup(dst, pages=PAGES_PER_STEP,
                           progress=lambda _status, remaining, total: progress.reach(total - remaining, total))
            # A copy is a single file: no -wal beside it on a USB stick
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        progress.step(_("Kiểm tra bản sao {name}").format(name=target.name))
        check = inspect_file(temp).check
        if check != "ok":
            raise BackupError(_("Bản sao lưu {name} không đạt kiểm tra SQLite ({check}); đã bỏ bản này.").format(
                name=target.name, check=check))
        progress.check()
        os.replace(temp, target)
        progress.finish()
    except sqlite3.Error as exc:
        raise BackupError(_("Không sao lưu được vào {path}: {error}.").format(path=target, error=exc)) from None
    except OSError as exc:
        raise BackupError(_("Không ghi được bản sao lưu {path}: {error}.").format(
            path=target, error=exc.strerror or exc)) from None
    finally:
        if own:
            src.close()
        with contextlib.suppress(OSError):
            temp.unlink()
    return target


def _read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def inspect_file(path: Path, *, quick: bool = False) -> DbFacts:
    """Integrity (full, or PRAGMA quick_check), schema version and mamnon tables of a file, read-only."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return DbFacts(_("không phải tệp SQLite"), None, False, sqlite=False)
    except OSError as exc:
        return DbFacts(_("không đọc được ({error})").format(error=exc.strerror or exc), None, False)
    has_wal = path.with_name(path.name + "-wal").exists()
    uri = _read_only_uri(path) + ("" if has_wal else "&immutable=1")
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        return DbFacts(str(exc), None, False)
    try:
        check = con.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = None
        if "schema_version" in tables:
            version = int(con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)
        return DbFacts(check, version, {"org_unit", "school_year", "setting"} <= tables)
    except sqlite3.DatabaseError as exc:
        return DbFacts(str(exc), None, False)
    finally:
        con.close()


def keep(items: Iterable[tuple[dt.datetime, T]], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
         monthly: int = KEEP_MONTHLY) -> list[T]:
    """The items a 7-daily / 4-weekly / 12-monthly rotation keeps, newest first.

    As restic's --keep-daily/--keep-weekly/--keep-monthly: going from the
    newest, the newest item of each of the last `daily` days that have an item
    is kept, likewise for ISO weeks and calendar months; an item kept by any
    rule is kept once. Everything else may be deleted.
    """
    ordered: Sequence[tuple[dt.datetime, T]] = sorted(items, key=lambda pair: pair[0], reverse=True)
    rules = ((daily, lambda t: t.date()), (weekly, lambda t: t.isocalendar()[:2]), (monthly, lambda t: (t.year, t.month)))
    kept: dict[int, T] = {}
    for limit, bucket_of in rules:
        seen: set = set()
        for index, (when, item) in enumerate(ordered):
            bucket = bucket_of(when)
            if bucket in seen:
                continue
            if len(seen) >= limit:
                break
            seen.add(bucket)
            kept[index] = item
    return [kept[i] for i in sorted(kept)]


def refuse_server(db_path: str | os.PathLike | None = None) -> None:
    """BackupError naming pg_dump when `db_path` (default: the open database) is a PostgreSQL server's.

    Backups here are copies of an SQLite file; a server database is backed up by the server's tools.
    """
    from mamnon.db import is_sqlite, pg_backup_hint
    from mamnon.paths import is_server_url

    server = is_server_url(db_path) if db_path is not None else not is_sqlite()
    if server:
        raise BackupError(pg_backup_hint())
