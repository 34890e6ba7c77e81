"""The database file: pragmas, migrations, refusing files that are not ours, surviving a crash."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from mamnon import db as dbmod
from mamnon.errors import CorruptDatabase, NewerDatabase, NotMamnonDatabase
from mamnon.migrations import LATEST_VERSION
from mamnon.models import ALL_MODELS
from mamnon.services import school, session


@pytest.fixture
def closed():
    yield
    session.close()


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_gets_safe_pragmas_and_the_latest_schema(tmp_path, closed):
    opened = session.open_path(tmp_path / "school.sqlite")
    assert opened.created and opened.backup_path is None
    pragma = lambda name: dbmod.database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert dbmod.database.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()[0] == LATEST_VERSION
    assert session.integrity() == "ok"


def test_migrated_schema_matches_the_models(db):
    """The frozen migration SQL and the peewee models describe the same columns."""
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {c.name: c for c in dbmod.database.get_columns(table)}
        for fld in model._meta.sorted_fields:
            assert fld.column_name in columns, f"{table}.{fld.column_name} missing in migration"
            if not columns[fld.column_name].primary_key:
                assert columns[fld.column_name].null == fld.null, f"{table}.{fld.column_name} nullability"
        assert set(columns) == {f.column_name for f in model._meta.sorted_fields}, table


def test_foreign_keys_are_enforced(db):
    with pytest.raises(Exception, match="(?i)foreign key"):
        dbmod.database.execute_sql(
            "INSERT INTO enrollment (child_id, class_id, start_date) VALUES (999, 999, '2026-09-05')")


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path, closed):
    path = tmp_path / "school.sqlite"
    session.open_path(path)
    school.init_school(code="MN01", name="Trường A", year_name="2026-2027")
    session.close()
    opened = session.open_path(path)
    assert not opened.created and opened.upgraded_from is None
    assert school.school_info().name == "Trường A"


@pytest.mark.parametrize(
    "content, error",
    [
        (b"hello, this is a text file\n", NotMamnonDatabase),
        (bytes(range(256)) * 40, NotMamnonDatabase),
    ],
)
def test_foreign_files_are_refused_untouched(tmp_path, closed, content, error):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(error) as info:
        session.open_path(path)
    assert str(path) in str(info.value)
    assert digest(path) == before


def test_another_apps_sqlite_file_is_refused_untouched(tmp_path, closed):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotMamnonDatabase, match="không phải của mamnon"):
        session.open_path(path)
    assert digest(path) == before
    assert not (tmp_path / "other.sqlite-wal").exists()


def test_a_newer_database_is_refused_untouched(tmp_path, closed):
    path = tmp_path / "new.sqlite"
    session.open_path(path)
    dbmod.database.execute_sql(
        "INSERT INTO schema_version VALUES (999, 'm0999_future', '2030-01-01', '9.0')")
    session.close()
    before = digest(path)
    with pytest.raises(NewerDatabase, match="mới hơn"):
        session.open_path(path)
    assert digest(path) == before


def test_a_corrupt_database_is_refused(tmp_path, closed):
    path = tmp_path / "bad.sqlite"
    session.open_path(path)
    school.init_school(code="MN01", name="Trường A", year_name="2026-2027")
    dbmod.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    session.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6)):  # smash pages after the schema page
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises((CorruptDatabase, NotMamnonDatabase)):
        session.open_path(path)
    assert digest(path) == before


def test_older_database_is_copied_aside_then_upgraded(tmp_path, closed, monkeypatch):
    path = tmp_path / "old.sqlite"
    session.open_path(path)
    school.init_school(code="MN01", name="Trường A", year_name="2026-2027")
    session.close()

    import mamnon.migrations as migrations

    module = type(sys)("mamnon.migrations.m9999_test")
    module.up = lambda db: db.execute_sql("ALTER TABLE child ADD COLUMN nickname TEXT")
    monkeypatch.setitem(sys.modules, "mamnon.migrations.m9999_test", module)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + ((LATEST_VERSION + 1, "m9999_test"),))
    monkeypatch.setattr(migrations, "LATEST_VERSION", LATEST_VERSION + 1)

    opened = session.open_path(path)
    assert opened.upgraded_from == LATEST_VERSION
    assert opened.backup_path.exists() and opened.backup_path.parent == tmp_path
    assert "nickname" in {c.name for c in dbmod.database.get_columns("child")}
    session.close()
    backup = sqlite3.connect(opened.backup_path)
    assert backup.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == LATEST_VERSION
    assert backup.execute("SELECT name FROM org_unit").fetchone()[0] == "Trường A"
    backup.close()


def test_a_process_killed_mid_transaction_loses_only_that_transaction(tmp_path, closed):
    """A power cut while saving: committed work survives, the half-done one vanishes."""
    path = tmp_path / "cut.sqlite"
    script = textwrap.dedent(f"""
        import os
        from mamnon.services import session, school, classes, children
        from mamnon.db import database
        session.open_path({str(path)!r})
        school.init_school(code="MN01", name="Trường A", year_name="2026-2027")
        cid = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
        children.create_child(children.ChildForm(full_name="Lê An", birth_date="01/02/2021", sex="M", class_id=cid))
        with database.atomic():
            for i in range(50):
                children.create_child(children.ChildForm(full_name="Trần Bình", birth_date="01/02/2021",
                                                         sex="F", class_id=cid))
            os._exit(9)  # the power goes off before COMMIT
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    session.open_path(path)
    assert session.integrity() == "ok"
    from mamnon.services import children

    assert [r.full_name for r in children.list_children()] == ["Lê An"]


def test_a_server_address_stays_whole_and_prints_without_its_password(monkeypatch):
    from mamnon.paths import DatabaseUrl, is_server_url, resolve_db_path

    url = "postgresql://mamnon:bi-mat@192.168.1.10:5432/truong_mn01"
    found = resolve_db_path(url)
    assert isinstance(found, DatabaseUrl) and str(found) == url  # Path() would fold the «//»
    assert f"{found}" == "postgresql://mamnon:***@192.168.1.10:5432/truong_mn01"
    assert found.exists() and found.stem == "truong_mn01"
    monkeypatch.setenv("MAMNON_DB", "sqlite:////tmp/truong.sqlite")  # four slashes: absolute, as in peewee
    assert str(resolve_db_path(None)) == "/tmp/truong.sqlite"
    assert str(resolve_db_path("sqlite:///truong.sqlite")) == "truong.sqlite"
    assert is_server_url("postgres://h/db") and not is_server_url("C:\\truong.sqlite")


def test_the_migrations_sqlite_words_become_postgresqls():
    from mamnon.migrations.dialect import to_postgres

    ddl = ("CREATE TABLE t (id INTEGER PRIMARY KEY, at DATETIME NOT NULL, kg REAL, photo BLOB, "
           "period_id INTEGER REFERENCES p (id))")
    assert to_postgres(ddl) == (
        "CREATE TABLE t (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TIMESTAMP NOT NULL, "
        "kg DOUBLE PRECISION, photo BYTEA, period_id INTEGER REFERENCES p (id))")
    assert to_postgres("INSERT OR IGNORE INTO setting (key, value) VALUES ('a', 'b');") == (
        "INSERT INTO setting (key, value) VALUES ('a', 'b') ON CONFLICT DO NOTHING")


def test_raw_sql_written_for_sqlite_gets_psycopg2_placeholders():
    assert dbmod.portable_params("SELECT a FROM t WHERE b = ? AND c LIKE '%?%' AND d = ?") == (
        "SELECT a FROM t WHERE b = %s AND c LIKE '%%?%%' AND d = %s")
    peewee_sql = 'SELECT "t1"."a" FROM "t" AS "t1" WHERE ("t1"."b" = %s)'
    assert dbmod.portable_params(peewee_sql) == peewee_sql


def test_yes_no_columns_are_stored_as_0_and_1(db):
    school.init_school(code="MN01", name="Trường A", year_name="2026-2027")
    assert dbmod.database.execute_sql("SELECT is_current FROM school_year").fetchone()[0] == 1
    assert school.school_info().name == "Trường A"
