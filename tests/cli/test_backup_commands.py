"""`mamnon backup`, `backup --to`, `backup list`, `restore`, the backup at the end of a command, and the
message that names the backup to use when the database is damaged."""

from __future__ import annotations

import sqlite3

import pytest

from mamnon.services import session
from tests.cli.conftest import digest


def _names(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT COUNT(*) FROM child").fetchone()[0]
    finally:
        con.close()


def _damage(path):
    data = bytearray(path.read_bytes())
    data[8192:8192 + 3000] = b"\xab" * 3000
    path.write_bytes(bytes(data))


@pytest.fixture
def school(run, db_path):
    result = run("demo", "--children", "30")
    assert result.exit_code == 0, result.output
    session.close()
    return db_path


def _backups(db_path):
    folder = db_path.parent / "sao-luu"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_command_that_changed_data_leaves_a_verified_backup(school, run, db_path):
    made = _backups(db_path)
    assert len(made) == 1 and made[0].startswith("truong-") and made[0].endswith("-dong.sqlite")
    assert _names(db_path.parent / "sao-luu" / made[0]) == _names(db_path) > 0
    # info changes nothing and today's backup exists: no new file
    assert run("info").exit_code == 0
    assert _backups(db_path) == made


def test_backup_now_and_to_a_usb_folder(school, run, db_path, tmp_path):
    result = run("backup")
    assert result.exit_code == 0, result.output
    assert "Đã sao lưu vào" in result.output and "-tay.sqlite" in result.output
    usb = tmp_path / "usb"
    usb.mkdir()
    result = run("backup", "--to", str(usb))
    assert result.exit_code == 0, result.output
    (copy,) = usb.iterdir()
    assert copy.name.endswith("-usb.sqlite") and _names(copy) == _names(db_path)
    result = run("backup", "--to", str(tmp_path / "khong-co"))
    assert result.exit_code == 1 and "Không có thư mục" in result.output


def test_backup_list_says_which_backups_are_good(school, run, db_path):
    folder = db_path.parent / "sao-luu"
    (today,) = folder.iterdir()
    older = folder / "truong-20261001-170000-dong.sqlite"  # an older day: the rotation keeps both
    older.write_bytes(today.read_bytes())
    _damage(older)
    result = run("backup", "list")
    assert result.exit_code == 0, result.output
    assert result.output.count("tốt") == 1 and result.output.count("HỎNG") == 1
    assert "2 bản" in result.output


def test_restore_replaces_the_database_and_keeps_the_old_one(school, run, db_path):
    (backup,) = (db_path.parent / "sao-luu").iterdir()
    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM guardian")
    con.commit()
    con.close()
    result = run("restore", str(backup))
    assert result.exit_code == 0, result.output
    assert "Đã khôi phục" in result.output and "truoc-khi-khoi-phuc" in result.output
    (aside,) = db_path.parent.glob("truong-truoc-khi-khoi-phuc-*.sqlite")
    count = lambda p: sqlite3.connect(p).execute("SELECT COUNT(*) FROM guardian").fetchone()[0]  # noqa: E731
    assert count(aside) == 0 and count(db_path) > 0


def test_restore_refuses_a_foreign_file_and_touches_nothing(school, run, db_path, tmp_path):
    before = digest(db_path)
    foreign = tmp_path / "khac.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE notes (x)").connection.commit()
    result = run("restore", str(foreign))
    assert result.exit_code == 1 and "không phải cơ sở dữ liệu mamnon" in result.output
    assert digest(db_path) == before and not list(db_path.parent.glob("*truoc-khi-khoi-phuc*"))


def test_a_damaged_database_is_refused_with_the_backup_to_restore(school, run, db_path):
    (backup,) = (db_path.parent / "sao-luu").iterdir()
    _damage(db_path)
    result = run("children", "list")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "bị hỏng" in line and "Bản sao lưu tốt gần nhất" in line
    assert f'restore "{backup}"' in line
    assert run("restore", str(backup)).exit_code == 0
    result = run("children", "list")
    assert result.exit_code == 0 and "trẻ" in result.output


def test_a_damaged_database_without_backups_says_so(run, db_path):
    run("demo", "--children", "5")
    session.close()
    for p in (db_path.parent / "sao-luu").iterdir():
        p.unlink()
    _damage(db_path)
    result = run("info")
    assert result.exit_code == 1 and "Không có bản sao lưu tốt nào" in result.output
