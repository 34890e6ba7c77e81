"""`mamnon init`, `demo`, `info`, `upgrade`."""

from __future__ import annotations

import sqlite3
import sys
import types

import pytest

import mamnon
from cli import commands_school
from mamnon import migrations
from mamnon.services import children, classes, school, session
from tests.cli.conftest import digest

CURRENT = migrations.LATEST_VERSION
NEXT = CURRENT + 1

INIT_ARGS = (
    "init", "--code", "MN-TANLAP", "--name", "Trường Mầm non Tân Lập", "--commune", "Xã Tân Lập",
    "--province", "Tỉnh Phú Thọ", "--year", "2026-2027",
    "--parent", "UBND xã|UBND-TAN-LAP|UBND xã Tân Lập",
    "--parent", "Sở GD&ĐT|SGDDT-PHU-THO|Sở GD&ĐT tỉnh Phú Thọ",
)


# ---------------------------------------------------------------- init


def test_init_without_a_terminal_takes_everything_from_options(run, db_path):
    result = run(*INIT_ARGS)
    assert result.exit_code == 0, result.output
    assert "Đã khai báo trường." in result.output
    assert "Trường Mầm non Tân Lập (mã MN-TANLAP)" in result.output
    assert "UBND xã Tân Lập (UBND-TAN-LAP) › Sở GD&ĐT tỉnh Phú Thọ (SGDDT-PHU-THO)" in result.output
    assert "2026-2027 (01/09/2026 – 31/05/2027)" in result.output
    session.open_path(db_path)
    info = school.school_info()
    assert (info.code, info.name, info.commune, info.province) == (
        "MN-TANLAP", "Trường Mầm non Tân Lập", "Xã Tân Lập", "Tỉnh Phú Thọ")
    assert [p.code for p in info.parents] == ["UBND-TAN-LAP", "SGDDT-PHU-THO"]
    assert info.year.name == "2026-2027"


@pytest.mark.parametrize("missing, message", [("--code", "--code"), ("--name", "--name")])
def test_init_without_a_terminal_names_the_missing_option_and_writes_nothing(run, db_path, missing, message):
    args = list(INIT_ARGS)
    i = args.index(missing)
    del args[i:i + 2]
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Thiếu" in result.output
    assert not db_path.exists()


def test_init_prompts_for_what_is_missing_in_a_terminal(run, db_path, monkeypatch):
    monkeypatch.setattr(commands_school, "is_interactive", lambda: True)
    typed = "MN-HOASEN\nTrường Mầm non Hoa Sen\nXã Yên Lạc\nTỉnh Phú Thọ\n2026-2027\ny\n"
    result = run("init", input=typed)
    assert result.exit_code == 0, result.output
    assert "Mã trường" in result.output and "Tên trường" in result.output
    session.open_path(db_path)
    info = school.school_info()
    assert info.code == "MN-HOASEN"
    assert [p.level_name for p in info.parents] == ["UBND xã", "Sở GD&ĐT"]


def test_init_rejects_a_malformed_parent(run, db_path):
    result = run("init", "--code", "MN1", "--name", "Trường A", "--parent", "UBND xã Tân Lập")
    assert result.exit_code == 2
    assert "CẤP|MÃ|TÊN" in result.output
    assert not db_path.exists()


def test_init_refuses_a_database_that_already_has_a_school(run, db_path):
    assert run(*INIT_ARGS).exit_code == 0
    session.close()
    before = digest(db_path)
    result = run("init", "--code", "MN2", "--name", "Trường khác", "--year", "2026-2027")
    assert result.exit_code == 1
    assert "đã có trường «Trường Mầm non Tân Lập»" in result.output
    session.close()
    assert digest(db_path) == before


def test_init_reports_validation_errors_in_vietnamese(run):
    result = run("init", "--code", "mã có dấu", "--name", "Trường A", "--year", "2026-2028")
    assert result.exit_code == 1
    assert "Mã trường chỉ gồm chữ không dấu" in result.output
    assert "Năm học phải có dạng" in result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- demo


def test_demo_builds_a_school_and_prints_a_summary(run, db_path):
    result = run("demo", "--children", "120", "--seed", "4")
    assert result.exit_code == 0, result.output
    assert "Trẻ:    120 đang học" in result.output
    assert str(db_path.resolve()) in result.output
    session.open_path(db_path)
    assert children.count_children() == 120
    groups = {c.age_group for c in classes.list_classes()}
    assert groups == {"NT_3_12", "NT_13_24", "NT_25_36", "MG_3_4", "MG_4_5", "MG_5_6"}


def test_demo_never_overwrites_a_school(run, db_path):
    assert run(*INIT_ARGS).exit_code == 0
    session.close()
    before = digest(db_path)
    result = run("demo")
    assert result.exit_code == 1
    assert "đã có trường «Trường Mầm non Tân Lập»" in result.output
    assert "không tạo dữ liệu mẫu" in result.output
    session.close()
    assert digest(db_path) == before


def test_demo_open_on_an_existing_school_just_opens_it(run, db_path, monkeypatch):
    opened = []
    monkeypatch.setattr(commands_school, "run_tui", lambda app: opened.append(app.db_path))
    assert run(*INIT_ARGS).exit_code == 0
    result = run("demo", "--open")
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1 and "đã có trường" in result.output
    assert opened == [db_path]
    assert children.count_children() == 0


def test_demo_open_starts_the_tui_after_building(run, db_path, monkeypatch):
    opened = []
    monkeypatch.setattr(commands_school, "run_tui", lambda app: opened.append(app.db_path))
    result = run("demo", "--children", "30", "--open")
    assert result.exit_code == 0, result.output
    assert opened == [db_path]


# ---------------------------------------------------------------- info


def test_info_on_a_missing_file_does_not_create_it(run, tmp_path):
    path = tmp_path / "chua-co" / "truong.sqlite"
    result = run("info", db=path)
    assert result.exit_code == 0, result.output
    assert "Tệp chưa có" in result.output
    assert str(path.resolve()) in result.output
    assert not path.exists() and not path.parent.exists()


def test_info_describes_the_school(run, db_path):
    assert run("demo", "--children", "40").exit_code == 0
    session.close()
    result = run("info")
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"Tệp dữ liệu:  {db_path.resolve()} (tùy chọn --db)" in out
    assert f"phiên bản {migrations.LATEST_VERSION}" in out
    assert f"mamnon {mamnon.__version__}" in out
    assert "Trường Mầm non Hoa Sen (dữ liệu mẫu) (mã MN-DEMO)" in out
    assert "Sở Giáo dục và Đào tạo tỉnh Phú Thọ" in out
    assert "Số trẻ:       40 đang học" in out
    assert "Số lớp:" in out and "Số cán bộ:" in out


def test_info_follows_the_environment_variable(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cli.main import cli

    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("MAMNON_DB", str(path))
    result = CliRunner().invoke(cli, ["info"])
    assert result.exit_code == 0, result.output
    assert f"{path.resolve()} (biến môi trường MAMNON_DB)" in result.output
    assert not path.exists()


def test_info_on_an_empty_database_says_no_school_yet(run, db_path):
    session.open_path(db_path)
    session.close()
    result = run("info")
    assert result.exit_code == 0, result.output
    assert "Chưa khai báo trường" in result.output


# ---------------------------------------------------------------- upgrade


@pytest.fixture
def migration_2(monkeypatch):
    """Pretend this program knows one more schema version, adding a column."""
    module = types.ModuleType("mamnon.migrations.m9999_test_column")
    module.up = lambda db: db.execute_sql("ALTER TABLE child ADD COLUMN nickname VARCHAR(255) NOT NULL DEFAULT ''")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + ((NEXT, "m9999_test_column"),))
    monkeypatch.setattr(migrations, "LATEST_VERSION", NEXT)


def test_upgrade_copies_the_old_file_aside_then_migrates(run, db_path, monkeypatch, request):
    assert run("demo", "--children", "20").exit_code == 0
    session.close()
    request.getfixturevalue("migration_2")
    result = run("upgrade")
    assert result.exit_code == 0, result.output
    backups = sorted(db_path.parent.glob(f"truong.truoc-nang-cap-v{CURRENT}-*.sqlite"))
    assert len(backups) == 1
    assert f"Bản sao trước khi nâng cấp: {backups[0]}" in result.output
    assert f"từ lược đồ {CURRENT} lên {NEXT}" in result.output
    from mamnon.db import database

    columns = {c.name for c in database.get_columns("child")}
    assert "nickname" in columns
    assert children.count_children() == 20
    session.close()
    old = sqlite3.connect(backups[0])  # the copy is the database as it was: version 1, no new column
    try:
        assert old.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == CURRENT
        assert "nickname" not in {r[1] for r in old.execute("PRAGMA table_info(child)")}
        assert old.execute("SELECT COUNT(*) FROM child WHERE left_on IS NULL").fetchone()[0] == 20
    finally:
        old.close()
    again = run("upgrade")
    assert again.exit_code == 0
    assert f"đã ở phiên bản mới nhất (lược đồ {NEXT})" in again.output


def test_upgrade_of_a_current_file_changes_nothing(run, db_path):
    assert run("demo", "--children", "10").exit_code == 0
    session.close()
    result = run("upgrade")
    assert result.exit_code == 0
    assert "đã ở phiên bản mới nhất" in result.output
    assert list(db_path.parent.glob("*truoc-nang-cap*")) == []


def test_upgrade_of_a_missing_file_creates_nothing(run, db_path):
    result = run("upgrade")
    assert result.exit_code == 1
    assert "Chưa có tệp" in result.output
    assert not db_path.exists()


def test_info_on_an_older_file_asks_for_upgrade_without_touching_it(run, db_path, request):
    assert run("demo", "--children", "10").exit_code == 0
    session.close()
    before = digest(db_path)
    request.getfixturevalue("migration_2")
    result = run("info")
    assert result.exit_code == 1
    assert "mamnon upgrade" in result.output
    assert digest(db_path) == before
    assert list(db_path.parent.glob("*truoc-nang-cap*")) == []


def test_demo_is_deterministic_per_seed(run, tmp_path):
    def listing(name, *args):
        path = tmp_path / name
        assert run("demo", "--children", "50", *args, db=path).exit_code == 0
        session.close()
        out = run("children", "list", "--all", "--format", "csv", db=path).output
        session.close()
        return out

    first = listing("a.sqlite", "--seed", "7")
    assert first.count("\n") > 50
    assert listing("b.sqlite", "--seed", "7") == first
    assert listing("c.sqlite", "--seed", "8") != first
    assert listing("d.sqlite", "--seed", "7", "--code", "MN-KHAC") != first


def test_an_unexpected_error_is_one_line_and_a_log_file(tmp_path, monkeypatch):
    """A bug must not show staff a traceback: one line, details in a log file."""
    import subprocess
    import sys

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code = ("import sys\n"
            "from cli.main import cli\n"
            "from mamnon.services import session, school\n"
            "session.open_path(sys.argv[1])\n"
            "school.init_school(code='A', name='A', year_name='2026-2027')\n"
            "session.close()\n"
            "school.school_info = lambda: 1 / 0  # the bug\n"
            "sys.argv = ['mamnon', '--db', sys.argv[1], 'info']\n"
            "cli(prog_name='mamnon')")
    db = str(tmp_path / "x.sqlite")
    proc = subprocess.run([sys.executable, "-c", code, db], capture_output=True, text=True)
    assert proc.returncode == 70
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Lỗi không mong đợi: ZeroDivisionError")
    log = tmp_path / "data" / "mamnon" / "mamnon-loi.log"
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")
