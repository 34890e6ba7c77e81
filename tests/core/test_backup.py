"""Backups: rotation on hand-made dates, verified copies, restore that keeps the old file, start-up check."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from mamnon import backup as core
from mamnon.errors import MamnonError
from mamnon.migrations import LATEST_VERSION
from mamnon.services import backups, classes, school, session
from tests.conftest import add_child


@pytest.fixture(autouse=True)
def _closed():
    yield
    session.close()


def D(y, m, d, h=17):
    return dt.datetime(y, m, d, h)


# ---------------------------------------------------------------- rotation (pure)


def test_a_year_of_evening_backups_keeps_7_days_4_weeks_12_months():
    # One backup at 17:00 every day from 01/11/2025 to 24/11/2026 (a Tuesday), two more earlier that day.
    days = [dt.date(2025, 11, 1) + dt.timedelta(n) for n in range((dt.date(2026, 11, 24) - dt.date(2025, 11, 1)).days + 1)]
    items = [(D(d.year, d.month, d.day), D(d.year, d.month, d.day)) for d in days]
    items += [(D(2026, 11, 24, 8), D(2026, 11, 24, 8)), (D(2026, 11, 24, 12), D(2026, 11, 24, 12))]
    kept = core.keep(items)
    expected = [
        # 7 days: the newest of 24/11 back to 18/11
        D(2026, 11, 24), D(2026, 11, 23), D(2026, 11, 22), D(2026, 11, 21), D(2026, 11, 20), D(2026, 11, 19),
        D(2026, 11, 18),
        # 4 ISO weeks: 23–29/11 (24/11, kept), 16–22/11 (22/11, kept), then the Sundays 15/11 and 08/11
        D(2026, 11, 15), D(2026, 11, 8),
        # 12 months: November 2026 (24/11, kept), then the last day of each month back to December 2025
        D(2026, 10, 31), D(2026, 9, 30), D(2026, 8, 31), D(2026, 7, 31), D(2026, 6, 30), D(2026, 5, 31),
        D(2026, 4, 30), D(2026, 3, 31), D(2026, 2, 28), D(2026, 1, 31), D(2025, 12, 31),
    ]
    assert kept == expected
    assert len(kept) == 20


def test_days_without_a_backup_do_not_count_and_a_few_backups_are_all_kept():
    items = [(D(2026, 1, 5), "a"), (D(2026, 3, 2), "b"), (D(2026, 3, 2, 9), "b-early"), (D(2026, 11, 20), "c")]
    assert core.keep(items) == ["c", "b", "a"]


def test_the_rotation_limits_are_parameters():
    items = [(D(2026, 11, d), d) for d in range(1, 11)]
    assert core.keep(items, daily=3, weekly=0, monthly=0) == [10, 9, 8]
    # 2026-11-01 is a Sunday: weeks 26/10–01/11 (1), 02–08/11 (8), 09–15/11 (10)
    assert core.keep(items, daily=0, weekly=3, monthly=0) == [10, 8, 1]


def test_backup_names_round_trip_and_other_files_are_ignored(tmp_path):
    name = core.backup_name("truong", dt.datetime(2026, 11, 18, 17, 5, 2), "dong")
    assert name == "truong-20261118-170502-dong.sqlite"
    parsed = core.parse_backup_name(tmp_path / name, "truong")
    assert parsed.taken_at == dt.datetime(2026, 11, 18, 17, 5, 2) and parsed.reason == "dong"
    assert core.parse_backup_name(tmp_path / name, "truong-khac") is None
    assert core.parse_backup_name(tmp_path / "truong.truoc-nang-cap-v3-20261118-170502.sqlite", "truong") is None


# ---------------------------------------------------------------- taking backups


def _school(tmp_path, name="truong.sqlite"):
    path = tmp_path / name
    session.open_path(path)
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", year_name="2026-2027")
    class_id = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
    return path, class_id


def _add_child(class_id, name):
    return add_child(class_id, name, "05/09/2021").id


def _names_in(path):
    con = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in con.execute("SELECT full_name FROM child"))
    finally:
        con.close()


def test_backup_now_writes_a_verified_copy_with_every_committed_row(tmp_path):
    path, class_id = _school(tmp_path)
    _add_child(class_id, "Trần Thị An")
    made = backups.backup_now(now=dt.datetime(2026, 11, 18, 17, 0, 0))
    assert made.path == tmp_path / "sao-luu" / "truong-20261118-170000-tay.sqlite"
    assert core.inspect_file(made.path) == core.DbFacts("ok", LATEST_VERSION, True)
    assert _names_in(made.path) == ["Trần Thị An"]
    assert not (tmp_path / "sao-luu" / "truong-20261118-170000-tay.sqlite-wal").exists()
    assert [p.name for p in (tmp_path / "sao-luu").iterdir()] == [made.path.name]  # no temporary left


def test_a_copy_that_fails_the_check_is_not_kept(tmp_path, monkeypatch):
    path, _ = _school(tmp_path)
    monkeypatch.setattr(core, "inspect_file", lambda p, quick=False: core.DbFacts("*** page 3 bad", 1, True))
    with pytest.raises(core.BackupError, match="không đạt kiểm tra"):
        backups.backup_now(now=dt.datetime(2026, 11, 18, 17, 0, 0))
    assert list((tmp_path / "sao-luu").iterdir()) == []


def test_backups_are_rotated_when_a_new_one_is_taken(tmp_path):
    path, _ = _school(tmp_path)
    for day in range(1, 11):  # ten evenings of November 2026
        backups.backup_now(backups.AT_CLOSE, now=dt.datetime(2026, 11, day, 17, 0, 0))
    left = [b.taken_at.day for b in backups.list_backups(path)]
    # 7 days (10 back to 4), ISO weeks 02–08/11 (8, kept) and 26/10–01/11 (1); November is kept by day 10
    assert left == [10, 9, 8, 7, 6, 5, 4, 1]


def test_at_close_a_backup_only_when_data_changed_or_none_today(tmp_path):
    path, class_id = _school(tmp_path)
    session.close()
    session.open_path(path)
    assert backups.backup_at_close(now=dt.datetime(2026, 11, 18, 8, 0)).reason == backups.DAILY  # none yet today
    assert backups.backup_at_close(now=dt.datetime(2026, 11, 18, 9, 0)) is None  # nothing changed, one today
    _add_child(class_id, "Lê Văn Bình")
    made = backups.backup_at_close(now=dt.datetime(2026, 11, 18, 10, 0))
    assert made.reason == backups.AT_CLOSE and _names_in(made.path) == ["Lê Văn Bình"]


def test_backup_to_a_usb_folder(tmp_path):
    path, class_id = _school(tmp_path)
    _add_child(class_id, "Trần Thị An")
    usb = tmp_path / "usb"
    usb.mkdir()
    written = backups.backup_to(usb, now=dt.datetime(2026, 11, 18, 17, 0, 0))
    assert written == usb / "truong-20261118-170000-usb.sqlite" and _names_in(written) == ["Trần Thị An"]
    with pytest.raises(MamnonError, match="Không có thư mục"):
        backups.backup_to(tmp_path / "khong-co")


# ---------------------------------------------------------------- restore and start-up


def _damage(path):
    data = bytearray(path.read_bytes())
    data[8192:8192 + 3000] = b"\xab" * 3000
    path.write_bytes(bytes(data))


def test_restore_checks_the_file_then_keeps_the_current_database_aside(tmp_path):
    path, class_id = _school(tmp_path)
    _add_child(class_id, "Trần Thị An")
    good = backups.backup_now(now=dt.datetime(2026, 11, 18, 17, 0, 0))
    _add_child(class_id, "Lê Văn Bình")  # typed after the backup
    result = backups.restore(good.path, path, now=dt.datetime(2026, 11, 19, 7, 30, 0))
    assert result.set_aside == tmp_path / "truong-truoc-khi-khoi-phuc-20261119-073000.sqlite"
    assert _names_in(path) == ["Trần Thị An"]
    assert _names_in(result.set_aside) == ["Lê Văn Bình", "Trần Thị An"]  # nothing lost: the old file is whole
    session.open_path(path)
    assert school.is_initialised() and session.integrity() == "ok"


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("không phải cơ sở dữ liệu"), "không phải tệp dữ liệu SQLite"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE notes (x)").connection.commit(), "không phải cơ sở dữ liệu mamnon"),
], ids=["text", "other-sqlite"])
def test_restore_refuses_a_file_that_is_not_a_mamnon_database_and_changes_nothing(tmp_path, make, message):
    path, _ = _school(tmp_path)
    session.close()
    before = path.read_bytes()
    bad = tmp_path / "la.sqlite"
    make(bad)
    with pytest.raises(MamnonError, match=message):
        backups.restore(bad, path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*truoc-khi-khoi-phuc*"))


def test_restore_refuses_a_damaged_or_newer_backup(tmp_path):
    path, _ = _school(tmp_path)
    made = backups.backup_now(now=dt.datetime(2026, 11, 18, 17, 0, 0))
    session.close()
    newer = tmp_path / "moi.sqlite"
    newer.write_bytes(made.path.read_bytes())
    con = sqlite3.connect(newer)
    con.execute("INSERT INTO schema_version VALUES (999, 'm0999', '2030-01-01T00:00:00', '9.0')")
    con.commit()
    con.close()
    with pytest.raises(MamnonError, match="mới hơn"):
        backups.restore(newer, path)
    _damage(made.path)
    with pytest.raises(MamnonError, match="bị hỏng"):
        backups.restore(made.path, path)
    assert not list(tmp_path.glob("*truoc-khi-khoi-phuc*"))


def test_startup_check_offers_the_newest_backup_that_is_still_good(tmp_path):
    path, class_id = _school(tmp_path)
    older = backups.backup_now(now=dt.datetime(2026, 11, 17, 17, 0, 0))
    newer = backups.backup_now(now=dt.datetime(2026, 11, 18, 17, 0, 0))
    session.close()
    assert backups.startup_check(path) == backups.StartupCheck(True, "", None)
    _damage(path)
    _damage(newer.path)  # the newest backup went bad on disk too: the one before is offered
    check = backups.startup_check(path)
    assert not check.ok and check.problem != "ok"
    assert check.latest.path == older.path
    backups.restore(check.latest.path, path)
    assert backups.startup_check(path).ok


def test_a_missing_database_passes_the_startup_check(tmp_path):
    assert backups.startup_check(tmp_path / "moi.sqlite").ok
