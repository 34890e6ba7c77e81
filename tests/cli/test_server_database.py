"""`--db postgresql://…` at the command line (the suite's PostgreSQL run, MAMNON_TEST_DB; skipped on SQLite)."""

from __future__ import annotations

import pytest

from mamnon.migrations import LATEST_VERSION
from tests.server_db import ON_SERVER

pytestmark = pytest.mark.skipif(not ON_SERVER, reason="needs the PostgreSQL test server (MAMNON_TEST_DB)")

PG_DUMP = "Cơ sở dữ liệu đang dùng nằm trên máy chủ PostgreSQL: chương trình không chép nó thành tệp."


@pytest.fixture
def server_school(run, db_path):
    result = run("init", "--code", "MN01", "--name", "Trường MN Hoa Sen", "--year", "2026-2027")
    assert result.exit_code == 0, result.output
    return db_path


def test_info_names_the_server_without_the_password(run, server_school):
    result = run("info")
    assert result.exit_code == 0, result.output
    assert "mamnon:***@127.0.0.1" in result.output and "mamnon-test" not in result.output
    assert f"phiên bản {LATEST_VERSION}" in result.output and "Trường MN Hoa Sen" in result.output


@pytest.mark.parametrize("args", [("backup",), ("backup", "list"), ("restore", "bat-ky.sqlite")])
def test_file_backups_are_refused_with_what_to_use_instead(run, server_school, args, tmp_path):
    if args[0] == "restore":
        (tmp_path / "bat-ky.sqlite").write_bytes(b"")
        args = ("restore", str(tmp_path / "bat-ky.sqlite"))
    result = run(*args)
    assert result.exit_code == 1
    assert PG_DUMP in result.output and "pg_dump" in result.output
    assert not (tmp_path / "sao-luu").exists()


def test_a_server_database_with_foreign_tables_is_refused(run, db_path, server_schemas):
    from mamnon.db import server_database

    foreign = server_schemas.new_url()
    db = server_database(foreign)
    db.connect()
    db.execute_sql("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    db.close()
    result = run("info", db=foreign)
    assert result.exit_code == 1
    assert "đã có bảng nhưng không phải của mamnon" in result.output
