"""The database handle: declared unopened, opened once with safe settings.

The handle every model binds to is a proxy: it holds an SQLite database (the
school's file, the usual case) or a PostgreSQL one (`postgresql://…`, a school
LAN sharing one database, or a province's server; docs/postgresql.md).

`open_database(path)` refuses files that are not mamnon databases, are newer
than this program or fail SQLite's quick check, each with a one-line
Vietnamese message, before anything is written to them. An older database is
copied aside (SQLite backup API) and then upgraded. A PostgreSQL database is
checked the same way (foreign tables, newer schema) but not copied: its
backups are the server's business (pg_dump).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError, DatabaseProxy, InterfaceError, OperationalError, PostgresqlDatabase, SqliteDatabase

from mamnon.errors import CorruptDatabase, DatabaseOpenError, NewerDatabase, NotMamnonDatabase
from mamnon.i18n import _
from mamnon.paths import DatabaseUrl, display_url, is_server_url

# WAL keeps readers and the writer apart and survives a crash mid-write;
# synchronous=FULL makes every commit durable through a power cut.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL
    "busy_timeout": 5000,
    "cache_size": -8000,  # 8 MB page cache: enough, and kind to 2 GB PCs
}

class DatabaseHandle(DatabaseProxy):
    """The proxy, also letting an attribute be set on the database it holds (tests count queries so)."""

    __slots__ = ()

    def __setattr__(self, attr, value):
        if attr in DatabaseProxy.__slots__:
            return object.__setattr__(self, attr, value)
        return setattr(self.obj, attr, value)

    def __delattr__(self, attr):
        if attr in vars(self.obj):
            delattr(self.obj, attr)


database = DatabaseHandle()
# Unopened SQLite until open_database: code that asks "is it closed?" before any open gets the old answer.
database.initialize(SqliteDatabase(None, pragmas=PRAGMAS))

_SQLITE_HEADER = b"SQLite format 3\x00"



def pg_backup_hint() -> str:
    """What to say when a file-only feature (backup, restore) is asked for on a PostgreSQL server."""
    return _("Cơ sở dữ liệu đang dùng nằm trên máy chủ PostgreSQL: chương trình không chép nó thành tệp. "
             "Hãy sao lưu bằng pg_dump (ví dụ: pg_dump -Fc -f mamnon.dump TÊN_CSDL) và khôi phục bằng "
             "pg_restore; xem docs/postgresql.md.")


def portable_params(sql: str) -> str:
    """SQLite-style raw SQL (`?` placeholders) in psycopg2's style (`%s`, a literal % doubled).

    Only text written for SQLite has `?` outside quotes; SQL that peewee builds for
    PostgreSQL already uses %s and is returned unchanged.
    """
    if "?" not in sql:
        return sql
    out, quoted, replaced = [], False, False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        if ch == "?" and not quoted:
            out.append("%s")
            replaced = True
        else:
            out.append("%%" if ch == "%" else ch)
    return "".join(out) if replaced else sql


class ServerDatabase(PostgresqlDatabase):
    """PostgreSQL that also runs the program's raw SQL written with SQLite's `?` placeholders."""

    def execute_sql(self, sql, params=None):
        return super().execute_sql(portable_params(sql), params)


@dataclass
class OpenedDatabase:
    path: Path | DatabaseUrl
    created: bool
    upgraded_from: int | None
    backup_path: Path | None


def is_sqlite() -> bool:
    """True when the handle holds SQLite (a file or memory), False for a PostgreSQL server."""
    return isinstance(database.obj, SqliteDatabase)


def database_file() -> Path | None:
    """The SQLite file of the open database; None when closed, in memory or on a server."""
    if not is_sqlite() or database.is_closed() or not database.database or database.database == ":memory:":
        return None
    return Path(database.database)


def _inspect(path: Path) -> tuple[bool, int | None]:
    """(is a new/empty file, schema version or None) without writing anything."""
    if not path.exists() or path.stat().st_size == 0:
        return True, None
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != _SQLITE_HEADER:
        raise NotMamnonDatabase(_("Tệp {path} không phải cơ sở dữ liệu mamnon (không phải tệp SQLite).").format(
            path=path))
    # Without a -wal file beside it the main file holds everything, and
    # immutable=1 reads it without creating -wal/-shm files next to a file we
    # may be about to refuse. A -wal file left by a crash must be read too.
    has_wal = path.with_name(path.name + "-wal").exists()
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("" if has_wal else "&immutable=1")
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CorruptDatabase(_("Không mở được tệp {path}: {error}.").format(path=path, error=exc)) from None
    try:
        check = con.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise CorruptDatabase(_("Tệp {path} bị hỏng (kiểm tra SQLite: {check}). Hãy dùng bản sao lưu gần nhất."
                                    ).format(
                path=path, check=check))
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return True, None
        if "schema_version" not in tables:
            raise NotMamnonDatabase(_("Tệp {path} là cơ sở dữ liệu SQLite nhưng không phải của mamnon.").format(
                path=path))
        version = con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        return False, int(version or 0)
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(_("Tệp {path} bị hỏng: {error}. Hãy dùng bản sao lưu gần nhất.").format(
            path=path, error=exc)) from None
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


def server_database(url: str) -> ServerDatabase:
    """An unconnected handle on the PostgreSQL database at `url` (query parameters go to libpq)."""
    import importlib.util
    from urllib.parse import urlparse

    from playhouse.db_url import parseresult_to_dict

    if importlib.util.find_spec("psycopg2") is None:
        raise DatabaseOpenError(_("Chưa cài trình kết nối PostgreSQL (psycopg2): hãy chạy "
                                  "`pip install psycopg2-binary` (hoặc `pip install mamnon[postgres]`) rồi thử lại."))
    params = parseresult_to_dict(urlparse(str(url)), unquote_password=True, unquote_user=True)
    name = params.pop("database")
    if not name:
        raise DatabaseOpenError(_("Địa chỉ «{url}» thiếu tên cơ sở dữ liệu (…/TÊN_CSDL).").format(
            url=display_url(url)))
    return ServerDatabase(name, **params)


def _server_version(db: ServerDatabase, url: str) -> tuple[bool, int | None]:
    """(has no tables yet, schema version) of the server database's current schema, read only."""
    rows = db.execute_sql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").fetchall()
    tables = {r[0] for r in rows}
    if not tables:
        return True, None
    if "schema_version" not in tables:
        raise NotMamnonDatabase(_("Cơ sở dữ liệu «{url}» đã có bảng nhưng không phải của mamnon.").format(
            url=display_url(url)))
    version = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()[0]
    return False, int(version or 0)


def _open_server(url: str, upgrade: bool) -> OpenedDatabase:
    from mamnon.migrations import LATEST_VERSION, migrate

    db = server_database(url)
    try:
        db.connect()
    except (OperationalError, InterfaceError, DatabaseError) as exc:
        raise DatabaseOpenError(_("Không kết nối được cơ sở dữ liệu «{url}»: {error}.").format(
            url=display_url(url), error=str(exc).strip())) from None
    try:
        is_new, version = _server_version(db, url)
        if version is not None and version > LATEST_VERSION:
            raise NewerDatabase(_(
                "Cơ sở dữ liệu «{url}» được tạo bởi phiên bản mamnon mới hơn (lược đồ {version}, "
                "chương trình này hiểu đến {latest}). Hãy cập nhật mamnon.").format(
                url=display_url(url), version=version, latest=LATEST_VERSION))
        if not is_new and version is not None and version < LATEST_VERSION and not upgrade:
            raise NewerDatabase(_("Cơ sở dữ liệu «{url}» cần nâng cấp: chạy `mamnon upgrade` "
                                  "(sao lưu bằng pg_dump trước).").format(url=display_url(url)))
    except BaseException:
        db.close()
        raise
    close_database()
    database.initialize(db)
    migrate(database)
    upgraded = version if (not is_new and version is not None and version < LATEST_VERSION) else None
    return OpenedDatabase(DatabaseUrl(url), is_new, upgraded, None)


def open_database(path: str | os.PathLike, *, upgrade: bool = True) -> OpenedDatabase:
    """Open (creating or upgrading) the school's database at `path`: a file, sqlite:///FILE or postgresql://…"""
    from mamnon.migrations import LATEST_VERSION, migrate

    if is_server_url(path):
        return _open_server(str(path), upgrade)
    text = str(path)
    path = Path(text[len("sqlite:///"):]) if text.startswith("sqlite:///") else Path(path)
    is_new, version = _inspect(path)
    if version is not None and version > LATEST_VERSION:
        raise NewerDatabase(_(
            "Tệp {path} được tạo bởi phiên bản mamnon mới hơn (lược đồ {version}, "
            "chương trình này hiểu đến {latest}). Hãy cập nhật mamnon."
        ).format(path=path, version=version, latest=LATEST_VERSION))
    backup = None
    if not is_new and version is not None and version < LATEST_VERSION:
        if not upgrade:
            raise NewerDatabase(_("Tệp {path} cần nâng cấp: chạy `mamnon upgrade`.").format(path=path))
        backup = backup_copy(path, f"truoc-nang-cap-v{version}")
    if is_new:
        path.parent.mkdir(parents=True, exist_ok=True)
    close_database()
    database.initialize(SqliteDatabase(str(path), pragmas=PRAGMAS))
    database.connect()
    migrate(database)
    return OpenedDatabase(path, is_new, version if backup else None, backup)


def open_memory() -> None:
    """An in-memory database with the full schema (tests, previews)."""
    from mamnon.migrations import migrate

    close_database()
    database.initialize(SqliteDatabase(":memory:", pragmas={"foreign_keys": 1}))
    database.connect()
    migrate(database)


def close_database() -> None:
    if not database.is_closed():
        database.close()


def integrity_check() -> str:
    """'ok' when the database finds nothing wrong with itself.

    SQLite checks its file page by page. A PostgreSQL server enforces every
    constraint when a row is written and checks its own pages: nothing to ask it here.
    """
    if not is_sqlite():
        return "ok"
    return database.execute_sql("PRAGMA integrity_check").fetchone()[0]
