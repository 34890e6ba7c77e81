"""The database handle: declared unopened, opened once with safe pragmas.

`open_database(path)` refuses files that are not mamnon databases, are newer
than this program or fail SQLite's quick check, each with a one-line
Vietnamese message, before anything is written to them. An older database is
copied aside (SQLite backup API) and then upgraded.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from mamnon.errors import CorruptDatabase, NewerDatabase, NotMamnonDatabase

# WAL keeps readers and the writer apart and survives a crash mid-write;
# synchronous=FULL makes every commit durable through a power cut.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL
    "busy_timeout": 5000,
    "cache_size": -8000,  # 8 MB page cache: enough, and kind to 2 GB PCs
}

database = SqliteDatabase(None, pragmas=PRAGMAS)

_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class OpenedDatabase:
    path: Path
    created: bool
    upgraded_from: int | None
    backup_path: Path | None


def _inspect(path: Path) -> tuple[bool, int | None]:
    """(is a new/empty file, schema version or None) without writing anything."""
    if not path.exists() or path.stat().st_size == 0:
        return True, None
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != _SQLITE_HEADER:
        raise NotMamnonDatabase(f"Tệp {path} không phải cơ sở dữ liệu mamnon (không phải tệp SQLite).")
    # Without a -wal file beside it the main file holds everything, and
    # immutable=1 reads it without creating -wal/-shm files next to a file we
    # may be about to refuse. A -wal file left by a crash must be read too.
    has_wal = path.with_name(path.name + "-wal").exists()
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("" if has_wal else "&immutable=1")
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CorruptDatabase(f"Không mở được tệp {path}: {exc}.") from None
    try:
        check = con.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise CorruptDatabase(f"Tệp {path} bị hỏng (kiểm tra SQLite: {check}). Hãy dùng bản sao lưu gần nhất.")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return True, None
        if "schema_version" not in tables:
            raise NotMamnonDatabase(f"Tệp {path} là cơ sở dữ liệu SQLite nhưng không phải của mamnon.")
        version = con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        return False, int(version or 0)
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(f"Tệp {path} bị hỏng: {exc}. Hãy dùng bản sao lưu gần nhất.") from None
    finally:
        con.close()


def backup_copy(path: Path, suffix: str) -> Path:
    """A consistent copy of the database beside it (SQLite online backup API)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{suffix}-{stamp}{path.suffix or '.sqlite'}")
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def open_database(path: str | os.PathLike, *, upgrade: bool = True) -> OpenedDatabase:
    """Open (creating or upgrading) the school's database at `path`."""
    from mamnon.migrations import LATEST_VERSION, migrate

    path = Path(path)
    is_new, version = _inspect(path)
    if version is not None and version > LATEST_VERSION:
        raise NewerDatabase(
            f"Tệp {path} được tạo bởi phiên bản mamnon mới hơn (lược đồ {version}, "
            f"chương trình này hiểu đến {LATEST_VERSION}). Hãy cập nhật mamnon."
        )
    backup = None
    if not is_new and version is not None and version < LATEST_VERSION:
        if not upgrade:
            raise NewerDatabase(f"Tệp {path} cần nâng cấp: chạy `mamnon upgrade`.")
        backup = backup_copy(path, f"truoc-nang-cap-v{version}")
    if is_new:
        path.parent.mkdir(parents=True, exist_ok=True)
    close_database()
    database.init(str(path), pragmas=PRAGMAS)
    database.connect()
    migrate(database)
    return OpenedDatabase(path, is_new, version if backup else None, backup)


def open_memory() -> None:
    """An in-memory database with the full schema (tests, previews)."""
    from mamnon.migrations import migrate

    close_database()
    database.init(":memory:", pragmas={"foreign_keys": 1})
    database.connect()
    migrate(database)


def close_database() -> None:
    if not database.is_closed():
        database.close()


def integrity_check() -> str:
    """'ok' when SQLite finds nothing wrong with the open database."""
    return database.execute_sql("PRAGMA integrity_check").fetchone()[0]
