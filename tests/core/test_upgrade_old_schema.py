"""An old school database, with rows in it, upgrades to the current schema on SQLite and on PostgreSQL.

The schema is built only up to an old version (migrate(db, up_to=N)), rows are written with that
version's columns in raw SQL (the current models know only the newest columns), and the program then
opens the database the way a school's PC would: the remaining migrations run, and every row is still
there, with the columns added since at their migration's values. On the PostgreSQL run
(MAMNON_TEST_DB) the old schema is a fresh server schema; otherwise an SQLite file.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from peewee import SqliteDatabase

from mamnon import db as dbmod
from mamnon.migrations import LATEST_VERSION, MIGRATIONS, migrate
from mamnon.services import session
from tests.server_db import ON_SERVER

# 0008 is the first version with every table written below (census came last); 0013 is the one before
# 0014 added row_version to the tables people edit through forms.
OLD_VERSIONS = (8, 13)
ROW_VERSION_MIGRATION = 14
VERSIONED_TABLES = ("child", "guardian", "staff", "school_class", "measurement", "health_check",
                    "census_entry", "dish")
STAMP = "2026-09-05 08:00:00"


@pytest.fixture
def old_database(request, tmp_path):
    """(address the program opens, raw handle on it) — an SQLite file, or a PostgreSQL schema's URL."""
    if ON_SERVER:
        url = request.getfixturevalue("server_schemas").new_url()
        raw = dbmod.server_database(url)
        address = url
    else:
        address = tmp_path / "cu.sqlite"
        raw = SqliteDatabase(str(address), pragmas={"foreign_keys": 1})
    raw.connect()
    yield address, raw
    if not raw.is_closed():
        raw.close()
    session.close()


def _id(raw, table: str, where: str, value) -> int:
    return raw.execute_sql(f"SELECT id FROM {table} WHERE {where} = ?", (value,)).fetchone()[0]


def write_old_rows(raw) -> None:
    """One school with a class, two children, a parent, a round, a check, a census entry and a dish,
    in the columns every version from 0008 on has (ids are left to the database, as a real school's)."""
    sql = raw.execute_sql
    with raw.atomic():
        sql("INSERT INTO org_unit (code, name, level_name, is_self) VALUES (?, ?, ?, 1)",
            ("MN01", "Trường Mầm non Hoa Sen", "Trường"))
        sql("INSERT INTO school_year (name, start_date, end_date, is_current) VALUES (?, ?, ?, 1)",
            ("2026-2027", "2026-09-05", "2027-05-31"))
        year = _id(raw, "school_year", "name", "2026-2027")
        sql("INSERT INTO staff (created_at, updated_at, code, full_name, sex, position) VALUES (?, ?, ?, ?, ?, ?)",
            (STAMP, STAMP, "CB0001", "Nguyễn Thị Lan", "F", "Giáo viên"))
        teacher = _id(raw, "staff", "code", "CB0001")
        sql("INSERT INTO school_class (created_at, updated_at, school_year_id, name, age_group, main_teacher_id) "
            "VALUES (?, ?, ?, ?, ?, ?)", (STAMP, STAMP, year, "Lá 1", "MG_5_6", teacher))
        cls = _id(raw, "school_class", "name", "Lá 1")
        for code, name, birth, sex in (("HS00001", "Trần Minh Khôi", "2021-03-14", "M"),
                                       ("HS00002", "Lê Thị Hoa", "2021-07-02", "F")):
            sql("INSERT INTO child (created_at, updated_at, code, full_name, birth_date, sex, enrolled_on) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (STAMP, STAMP, code, name, birth, sex, "2026-09-05"))
            child = _id(raw, "child", "code", code)
            sql("INSERT INTO enrollment (child_id, class_id, start_date) VALUES (?, ?, ?)",
                (child, cls, "2026-09-05"))
        khoi = _id(raw, "child", "code", "HS00001")
        sql("INSERT INTO guardian (child_id, position, full_name, relation, phone) VALUES (?, 1, ?, ?, ?)",
            (khoi, "Trần Văn Nam", "Bố", "0912345678"))
        sql("INSERT INTO measurement_round (created_at, updated_at, name, date, school_year_id) VALUES (?, ?, ?, ?, ?)",
            (STAMP, STAMP, "Cân đo tháng 9/2026", "2026-09-15", year))
        rnd = _id(raw, "measurement_round", "name", "Cân đo tháng 9/2026")
        sql("INSERT INTO measurement (created_at, updated_at, round_id, child_id, measured_on, weight_kg, height_cm) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (STAMP, STAMP, rnd, khoi, "2026-09-15", 17.4, 108.5))
        sql("INSERT INTO health_check (created_at, updated_at, child_id, checked_on, examiner, conclusion) "
            "VALUES (?, ?, ?, ?, ?, ?)", (STAMP, STAMP, khoi, "2026-10-01", "BS Hà", "Bình thường"))
        sql("INSERT INTO census_commune (name) VALUES (?)", ("Xã Tân Lập",))
        commune = _id(raw, "census_commune", "name", "Xã Tân Lập")
        sql("INSERT INTO census_village (commune_id, name) VALUES (?, ?)", (commune, "Thôn 1"))
        village = _id(raw, "census_village", "name", "Thôn 1")
        sql("INSERT INTO census_entry (created_at, updated_at, year, village_id, child_id, full_name, birth_date, "
            "sex, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (STAMP, STAMP, 2026, village, khoi, "Trần Minh Khôi", "2021-03-14", "M", "dang_hoc"))
        sql("INSERT INTO dish (created_at, updated_at, name) VALUES (?, ?, ?)", (STAMP, STAMP, "Cháo thịt bằm"))


@pytest.mark.parametrize("old_version", OLD_VERSIONS)
def test_an_old_schema_with_rows_upgrades_and_keeps_every_row(old_database, old_version):
    address, raw = old_database
    assert migrate(raw, up_to=old_version) == list(range(1, old_version + 1))
    columns = {c.name for c in raw.get_columns("child")}
    assert "row_version" not in columns  # truly the old schema
    write_old_rows(raw)
    raw.close()

    opened = session.open_path(address)
    assert opened.upgraded_from == old_version and not opened.created
    db = dbmod.database
    applied = [r[0] for r in db.execute_sql("SELECT version FROM schema_version ORDER BY version").fetchall()]
    assert applied == [number for number, _name in MIGRATIONS] and applied[-1] == LATEST_VERSION

    # every row survived, with the values written before the upgrade
    one = lambda query, *params: db.execute_sql(query, params).fetchone()  # noqa: E731
    assert [r[0] for r in db.execute_sql("SELECT full_name FROM child ORDER BY code").fetchall()] == [
        "Trần Minh Khôi", "Lê Thị Hoa"]
    assert one("SELECT full_name, phone FROM guardian") == ("Trần Văn Nam", "0912345678")
    assert one("SELECT weight_kg, height_cm FROM measurement") == (17.4, 108.5)
    assert one("SELECT examiner, conclusion FROM health_check") == ("BS Hà", "Bình thường")
    assert one("SELECT full_name, status FROM census_entry") == ("Trần Minh Khôi", "dang_hoc")
    assert one("SELECT name FROM dish") == ("Cháo thịt bằm",)
    assert one("SELECT COUNT(*) FROM enrollment") == (2,)
    # the columns added since: 0014's row_version starts every existing row at 1
    for table in VERSIONED_TABLES:
        versions = [r[0] for r in db.execute_sql(f"SELECT row_version FROM {table}").fetchall()]
        assert versions and set(versions) == {1}, table
    if old_version < 11:  # 0011 added the sector database's codes: empty for rows made before
        assert [r[0] for r in db.execute_sql("SELECT ministry_code FROM child").fetchall()] == ["", ""]

    # the program works on the upgraded rows: the services read them, and an edit bumps the version
    from mamnon.services import children, health_checks

    listed = {c.full_name: c for c in children.list_children()}
    assert set(listed) == {"Trần Minh Khôi", "Lê Thị Hoa"}
    khoi = listed["Trần Minh Khôi"]
    assert khoi.birth_date == dt.date(2021, 3, 14) and khoi.class_name == "Lá 1"
    [check] = health_checks.list_health_checks(khoi.id)
    assert check.examiner == "BS Hà"
    form = children.form_for(khoi.id)
    assert form.row_version == 1
    form.note = "Đã nâng cấp"
    children.update_child(khoi.id, form)
    assert one("SELECT row_version, note FROM child WHERE id = ?", khoi.id) == (2, "Đã nâng cấp")
    assert children.form_for(khoi.id).guardians[0].full_name == "Trần Văn Nam"  # the parent kept through the save
    if not ON_SERVER:
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        # the SQLite file was copied aside before the upgrade, at the old version
        session.close()
        aside = sqlite3.connect(opened.backup_path)
        try:
            assert aside.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == old_version
            assert aside.execute("SELECT COUNT(*) FROM child").fetchone()[0] == 2
        finally:
            aside.close()


def test_migrate_up_to_stops_at_that_version_and_continues_later(old_database):
    _address, raw = old_database
    assert migrate(raw, up_to=ROW_VERSION_MIGRATION - 1) == list(range(1, ROW_VERSION_MIGRATION))
    assert migrate(raw, up_to=ROW_VERSION_MIGRATION - 1) == []
    assert "row_version" not in {c.name for c in raw.get_columns("dish")}
    assert migrate(raw) == list(range(ROW_VERSION_MIGRATION, LATEST_VERSION + 1))
    assert "row_version" in {c.name for c in raw.get_columns("dish")}
