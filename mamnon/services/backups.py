"""Where the school's backups live, when they are taken, and putting one back.

Backups live in a `sao-luu/` folder beside the database file (the default
database is in the platformdirs data folder, so its backups are there too):
whoever copies the school's folder to a USB stick carries the backups with
it, and a database given with --db keeps its own. Every backup is verified
before it gets its final name (mamnon.backup), so "the latest good backup" is
the newest file that still passes integrity_check today.

Taken: at close of the TUI and of every CLI command that changed data, once
a day at close even without changes, and on demand (`mamnon backup`). Kept:
7 daily, 4 weekly, 12 monthly (mamnon.backup.keep). Copies for a USB stick
(`backup_to`) are not rotated.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from mamnon.backup import BackupError, BackupFile, backup_name, copy_database, inspect_file, keep, parse_backup_name
from mamnon.backup import refuse_server
from mamnon.db import close_database, database
from mamnon.errors import MamnonError
from mamnon.formats import format_date
from mamnon.i18n import N_, _
from mamnon.progress import Progress, ensure

__all__ = ["BACKUP_DIR_NAME", "REASON_LABELS", "BackupError", "BackupFile", "RestoreResult", "StartupCheck", "backup_at_close",
           "backup_dir", "backup_if_due", "backup_now", "backup_to", "check_restorable", "describe", "latest_good",
           "list_backups", "note_changes", "open_path", "restore", "rotate", "startup_check", "usb_folder"]

BACKUP_DIR_NAME = "sao-luu"
AT_CLOSE, DAILY, ON_DEMAND, USB = "dong", "hang-ngay", "tay", "usb"
REASON_LABELS = {AT_CLOSE: N_("lúc đóng"), DAILY: N_("hằng ngày"), ON_DEMAND: N_("sao lưu tay"), USB: "USB"}
"""Why a backup was taken, as `mamnon backup list` and the backups screen say it."""


@dataclass(frozen=True)
class StartupCheck:
    ok: bool
    problem: str
    """Empty when ok; else SQLite's complaint."""
    latest: BackupFile | None
    """The newest good backup, looked for only when the file is damaged."""


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    set_aside: Path | None
    """Where the database that was replaced now is (None when there was none)."""


def open_path() -> Path | None:
    """The file of the open database (None when closed or in memory)."""
    from mamnon.db import database_file  # None also on a PostgreSQL server: pg_dump backs it up, not us

    return database_file()


def backup_dir(db_path: str | os.PathLike) -> Path:
    return Path(db_path).parent / BACKUP_DIR_NAME


def list_backups(db_path: str | os.PathLike) -> list[BackupFile]:
    """The backups of `db_path` in its sao-luu folder, newest first (not verified)."""
    refuse_server(db_path)
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    found = [b for b in (parse_backup_name(p, stem) for p in folder.iterdir() if p.is_file()) if b is not None]
    # Names have whole seconds: two backups in one second are told apart by when the file was written.
    return sorted(found, key=lambda b: (b.taken_at, _mtime(b.path)), reverse=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def describe(backup: BackupFile) -> str:
    """'dd/mm/yyyy hh:mm (tệp NAME)' for messages."""
    return _("{date} {time} (tệp {path})").format(date=format_date(backup.taken_at.date()),
                                                  time=f"{backup.taken_at:%H:%M}", path=backup.path)


def backup_now(reason: str = ON_DEMAND, *, now: dt.datetime | None = None,
               progress: Progress | None = None) -> BackupFile:
    """A verified copy of the open database in its sao-luu folder, then the old ones rotated.

    progress: pages copied (mamnon.backup.copy_database); a cancel leaves no new file and rotates nothing."""
    refuse_server()
    path = open_path()
    if path is None:
        raise BackupError(_("Chưa mở cơ sở dữ liệu nào để sao lưu."))
    now = now or dt.datetime.now()
    folder = backup_dir(path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise BackupError(_("Không tạo được thư mục sao lưu {folder}: {error}.").format(
            folder=folder, error=exc.strerror or exc)) from None
    target = folder / backup_name(path.stem, now, reason)
    copy_database(database.connection(), target, progress=progress)
    rotate(path, protect=target)
    return BackupFile(target, now.replace(microsecond=0), reason)


def rotate(db_path: str | os.PathLike, *, protect: Path | None = None) -> list[Path]:
    """Delete the backups the 7/4/12 rotation does not keep (never `protect`, the one just made); the paths
    deleted."""
    backups = list_backups(db_path)
    kept = set(keep((b.taken_at, b.path) for b in backups)) | {protect}
    removed = []
    for b in backups:
        if b.path not in kept:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return removed


_changed_elsewhere: set[Path] = set()
"""Databases changed through another thread's connection (a TUI worker: mamnon.services.background)."""


def note_changes() -> None:
    """Count changes made through another connection for the backup at close (total_changes is per connection)."""
    path = open_path()
    if path is not None:
        _changed_elsewhere.add(path)


def backup_at_close(*, now: dt.datetime | None = None) -> BackupFile | None:
    """At close: a backup when this session changed data, or when none was taken today; else None.

    Call it before closing the database. The TUI's on_unmount and the CLI's
    end of command call it.
    """
    path = open_path()
    if path is None:
        return None
    now = now or dt.datetime.now()
    changed = database.connection().total_changes > 0 or path in _changed_elsewhere
    _changed_elsewhere.discard(path)
    newest = next(iter(list_backups(path)), None)
    if changed:
        return backup_now(AT_CLOSE, now=now)
    if newest is None or newest.taken_at.date() < now.date():
        return backup_now(DAILY, now=now)
    return None


def backup_if_due(*, now: dt.datetime | None = None) -> BackupFile | None:
    """The day's backup when none was taken today (the TUI calls it hourly: it may stay open for days)."""
    path = open_path()
    if path is None:
        return None
    now = now or dt.datetime.now()
    newest = next(iter(list_backups(path)), None)
    if newest is None or newest.taken_at.date() < now.date():
        return backup_now(DAILY, now=now)
    return None


def backup_to(folder: str | os.PathLike, *, now: dt.datetime | None = None,
              progress: Progress | None = None) -> Path:
    """A verified copy of the open database into `folder` (a USB stick), never rotated; a cancel leaves no file."""
    refuse_server()
    path = open_path()
    if path is None:
        raise BackupError(_("Chưa mở cơ sở dữ liệu nào để sao lưu."))
    folder = usb_folder(folder)
    return copy_database(database.connection(), folder / backup_name(path.stem, now or dt.datetime.now(), USB),
                         progress=progress)


def usb_folder(folder: str | os.PathLike) -> Path:
    """`folder` when a copy can go there (the dialog asks before the copy starts); else BackupError."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BackupError(_("Không có thư mục {folder}: hãy cắm USB hoặc tạo thư mục trước.").format(folder=folder))
    return folder


def latest_good(db_path: str | os.PathLike) -> BackupFile | None:
    """The newest backup of `db_path` that passes integrity_check now and is a mamnon database."""
    for b in list_backups(db_path):
        facts = inspect_file(b.path)
        if facts.check == "ok" and facts.schema_version is not None and facts.has_school_tables:
            return b
    return None


def startup_check(db_path: str | os.PathLike) -> StartupCheck:
    """PRAGMA quick_check on the file before it is opened; on failure, the backup to offer."""
    path = Path(db_path)
    if not path.exists() or path.stat().st_size == 0:
        return StartupCheck(True, "", None)
    facts = inspect_file(path, quick=True)
    if facts.check == "ok":
        return StartupCheck(True, "", None)
    return StartupCheck(False, facts.check, latest_good(path))


def check_restorable(file: str | os.PathLike) -> int:
    """The schema version of `file` when it can replace the school's database; else BackupError."""
    from mamnon.migrations import LATEST_VERSION

    file = Path(file)
    if not file.is_file():
        raise BackupError(_("Không tìm thấy tệp {file}.").format(file=file))
    facts = inspect_file(file)
    if not facts.sqlite:
        raise BackupError(_("Tệp {file} không phải tệp dữ liệu SQLite, không khôi phục từ tệp này.").format(
            file=file.name))
    if facts.check != "ok":
        raise BackupError(_("Tệp {file} không dùng được để khôi phục: tệp bị hỏng ({problem}).").format(
            file=file.name, problem=facts.check))
    if facts.schema_version is None or not facts.has_school_tables:
        raise BackupError(_("Tệp {file} không phải cơ sở dữ liệu mamnon, không khôi phục từ tệp này.").format(
            file=file.name))
    if facts.schema_version > LATEST_VERSION:
        raise BackupError(_("Tệp {file} được tạo bởi phiên bản mamnon mới hơn (lược đồ {version}, "
                            "chương trình này hiểu đến {latest}). Hãy cập nhật mamnon trước.").format(
            file=file.name, version=facts.schema_version, latest=LATEST_VERSION))
    return facts.schema_version


def restore(file: str | os.PathLike, db_path: str | os.PathLike, *, now: dt.datetime | None = None,
            progress: Progress | None = None) -> RestoreResult:
    """Replace the database at `db_path` by `file` once `file` is checked; the old one is kept aside (not on a
    PostgreSQL server: pg_restore).

    The open database is closed first. The current file and its -wal/-shm
    companions are renamed together to `<tên>-truoc-khi-khoi-phuc-<time>.sqlite`
    (SQLite finds a -wal by name, so the set stays whole); if the copy then
    fails they are put back.
    progress: pages copied (mamnon.backup.copy_database); a cancel (mamnon.errors.Cancelled) or Ctrl+C
    is a failure like any other: no partial copy, the set-aside files put back under their names.
    """
    refuse_server(db_path)
    file, db_path = Path(file), Path(db_path)
    if file.resolve() == db_path.resolve():
        raise BackupError(_("Không khôi phục một tệp lên chính nó: hãy chọn một bản sao lưu."))
    # integrity_check of a big backup takes a while: shown, and a cancel here leaves everything untouched
    ensure(progress).stage(0, _("Kiểm tra tệp {name}").format(name=file.name))
    check_restorable(file)
    close_database()
    now = now or dt.datetime.now()
    aside = db_path.with_name(f"{db_path.stem}-truoc-khi-khoi-phuc-{now:%Y%m%d-%H%M%S}.sqlite")
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", "-wal", "-shm"):
            current = db_path.with_name(db_path.name + suffix)
            if current.exists():
                os.replace(current, aside.with_name(aside.name + suffix))
                moved.append((current, aside.with_name(aside.name + suffix)))
        copy_database(file, db_path, progress=progress, label=_("Khôi phục từ {file}").format(file=file.name))
    except (OSError, MamnonError, KeyboardInterrupt) as exc:  # MamnonError: BackupError and Cancelled
        for original, put in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(put, original)
        if not isinstance(exc, OSError):
            raise
        raise BackupError(_("Không khôi phục được: {error}. Tệp dữ liệu cũ vẫn giữ nguyên.").format(
            error=exc.strerror or exc)) from None
    return RestoreResult(file, aside if moved else None)
