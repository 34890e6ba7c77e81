"""`mamnon users …`, `mamnon history`, `init --accounts`, and the login of every command in accounts mode."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.services import accounts, children, classes, permissions, school, session, staff
from mamnon.workbooks.kinds import MEASUREMENTS, ROSTER
from tests.cli.conftest import digest
from tests.workbooks.conftest import roster_row, write_book

TODAY = dt.date.today()
FIRST = TODAY.year if TODAY.month >= 6 else TODAY.year - 1
START = dt.date(FIRST, 9, 1)
PASSWORDS = {"hieutruong": "matkhau1", "lan.gv": "gvlan123", "binh.gv": "gvbinh123", "yte": "ytetruong",
             "ketoan": "ketoan12"}


@pytest.fixture(autouse=True)
def _no_login_env(monkeypatch):
    for name in ("MAMNON_USER", "MAMNON_PASSWORD", "MAMNON_NEW_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    yield
    permissions.logout()


@pytest.fixture
def school_file(db_path):
    """Lá 1 (main teacher Lan) with child HS1, Chồi 2 (main teacher Bình); an account per role; accounts mode."""
    session.open_path(db_path)
    try:
        school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", year_name=f"{FIRST}-{FIRST + 1}")
        lan = staff.create_staff(staff.StaffForm(full_name="Nguyễn Thị Lan", sex="F", position="Giáo viên"))
        binh = staff.create_staff(staff.StaffForm(full_name="Trần Thị Bình", sex="F", position="Giáo viên"))
        la1 = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6", main_teacher_id=lan.id)).id
        classes.create_class(classes.ClassForm(name="Chồi 2", age_group="MG_4_5", main_teacher_id=binh.id))
        children.create_child(children.ChildForm(full_name="Trần Thị An", birth_date=f"10/03/{FIRST - 5}", sex="F",
                                                 code="HS1", class_id=la1, enrolled_on=START.strftime("%d/%m/%Y")))
        accounts.create_admin("hieutruong", "Lê Thị Hà", PASSWORDS["hieutruong"])
        accounts.create_user("lan.gv", "Nguyễn Thị Lan", "teacher", PASSWORDS["lan.gv"], staff_id=lan.id)
        accounts.create_user("binh.gv", "Trần Thị Bình", "teacher", PASSWORDS["binh.gv"], staff_id=binh.id)
        accounts.create_user("yte", "Phạm Thu Trang", "health", PASSWORDS["yte"])
        accounts.create_user("ketoan", "Vũ Thị Lệ", "accountant", PASSWORDS["ketoan"])
        accounts.set_mode("accounts")
    finally:
        permissions.logout()
        session.close()
    return db_path


def as_user(run, monkeypatch, name, *args, **kwargs):
    monkeypatch.setenv("MAMNON_PASSWORD", PASSWORDS[name])
    return run("--user", name, *args, **kwargs)


def names_in_db(path) -> list[str]:
    session.open_path(path)
    try:
        return sorted(c.full_name for c in children.list_children())
    finally:
        session.close()


def test_every_command_asks_who_is_acting(run, school_file, monkeypatch):
    missing = run("children", "list")
    assert missing.exit_code == 1
    assert "Trường này dùng tài khoản: thêm --user TÊN" in missing.output
    wrong = run("--user", "lan.gv", "children", "list", input="sai\n")
    assert wrong.exit_code == 1
    assert "Sai tên đăng nhập hoặc mật khẩu (còn 4 lần thử" in wrong.output
    typed = run("--user", "lan.gv", "children", "list", input="gvlan123\n")  # the hidden prompt
    assert typed.exit_code == 0, typed.output
    assert "Trần Thị An" in typed.output
    monkeypatch.setenv("MAMNON_USER", "yte")
    monkeypatch.setenv("MAMNON_PASSWORD", "ytetruong")
    assert run("children", "list").exit_code == 0


def test_a_teacher_cannot_import_children_into_another_class(run, school_file, monkeypatch, tmp_path):
    path = write_book(tmp_path / "ds.xlsx", ROSTER, [roster_row("Lê Văn Bảo", f"10/03/{FIRST - 5}", sex="Nam",
                                                                enrolled_on=START)])
    before = digest(school_file)
    refused = as_user(run, monkeypatch, "binh.gv", "import", str(path))
    assert refused.exit_code == 1
    assert "Tài khoản «binh.gv» (giáo viên) không được sửa dữ liệu của lớp Lá 1." in refused.output
    assert digest(school_file) == before
    done = as_user(run, monkeypatch, "lan.gv", "import", str(path))
    assert done.exit_code == 0, done.output
    assert names_in_db(school_file) == ["Lê Văn Bảo", "Trần Thị An"]


def test_a_teacher_cannot_measure_another_class_but_the_nurse_can(run, school_file, monkeypatch, tmp_path):
    if not START < TODAY <= dt.date(FIRST + 1, 5, 31):
        pytest.skip("today is outside the school year (summer holidays)")
    rows = [{"code": "HS1", "full_name": "Trần Thị An", "weight_kg": "17,5", "height_cm": "108,2"}]
    path = write_book(tmp_path / "can-do.xlsx", MEASUREMENTS, rows,
                      meta={"round_name": "Cân đo thử", "round_date": TODAY.isoformat(), "class_name": "Lá 1"})
    before = digest(school_file)
    refused = as_user(run, monkeypatch, "binh.gv", "import", str(path))
    assert refused.exit_code == 1
    assert "không được sửa dữ liệu của lớp Lá 1" in refused.output
    assert digest(school_file) == before
    done = as_user(run, monkeypatch, "yte", "import", str(path))
    assert done.exit_code == 0, done.output
    assert "Đã nhập: thêm mới 1" in done.output


def test_school_days_off_are_for_the_principal(run, school_file, monkeypatch):
    refused = as_user(run, monkeypatch, "lan.gv", "attendance", "dayoff", f"02/09/{FIRST}", "--reason", "Nghỉ lễ")
    assert refused.exit_code == 1
    assert "Tài khoản «lan.gv» (giáo viên) không được sửa lịch nghỉ của trường." in refused.output
    done = as_user(run, monkeypatch, "hieutruong", "attendance", "dayoff", f"02/09/{FIRST}", "--reason", "Nghỉ lễ")
    assert done.exit_code == 0, done.output


def test_principal_manages_accounts(run, school_file, monkeypatch):
    monkeypatch.setenv("MAMNON_NEW_PASSWORD", "bep12345")
    refused = as_user(run, monkeypatch, "lan.gv", "users", "add", "bep", "--name", "Đỗ Văn Nam", "--role", "kitchen")
    assert refused.exit_code == 1
    assert "không được quản lý tài khoản" in refused.output
    added = as_user(run, monkeypatch, "hieutruong", "users", "add", "bep", "--name", "Đỗ Văn Nam",
                    "--role", "kitchen")
    assert added.exit_code == 0, added.output
    assert "Đã tạo tài khoản «bep» (Đỗ Văn Nam, cấp dưỡng / bếp)." in added.output
    listed = as_user(run, monkeypatch, "hieutruong", "users", "list")
    lines = listed.output.splitlines()
    assert lines[0] == "Chế độ: tài khoản (mỗi người đăng nhập)"
    assert any(line.startswith("lan.gv") and "Lá 1" in line for line in lines)
    assert any(line.startswith("binh.gv") and "Chồi 2" in line for line in lines)
    # A reset password works at once, the old one no longer does.
    monkeypatch.setenv("MAMNON_NEW_PASSWORD", "moi12345")
    assert as_user(run, monkeypatch, "hieutruong", "users", "reset-password", "lan.gv").exit_code == 0
    monkeypatch.setenv("MAMNON_PASSWORD", "moi12345")
    assert run("--user", "lan.gv", "children", "list").exit_code == 0
    assert as_user(run, monkeypatch, "lan.gv", "children", "list").exit_code == 1
    assert as_user(run, monkeypatch, "hieutruong", "users", "disable", "binh.gv").exit_code == 0
    assert as_user(run, monkeypatch, "binh.gv", "children", "list").exit_code == 1


def test_history_names_who_changed_what(run, school_file, monkeypatch, tmp_path):
    path = write_book(tmp_path / "ds.xlsx", ROSTER, [roster_row("Lê Văn Bảo", f"10/03/{FIRST - 5}", sex="Nam",
                                                                enrolled_on=START)])
    assert as_user(run, monkeypatch, "lan.gv", "import", str(path)).exit_code == 0
    shown = as_user(run, monkeypatch, "hieutruong", "history", "--by", "lan.gv")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert any("lan.gv  Thêm Trẻ – Lê Văn Bảo" in line for line in lines)
    assert all("hieutruong" not in line for line in lines)
    one = as_user(run, monkeypatch, "hieutruong", "history", "--child", "HS1")
    assert "Thêm Trẻ – Trần Thị An (HS1)" in one.output


def test_init_with_accounts_creates_the_principal(run, db_path, monkeypatch):
    monkeypatch.setenv("MAMNON_NEW_PASSWORD", "matkhau1")
    made = run("init", "--code", "MN02", "--name", "Trường Mầm non Sen Hồng", "--accounts",
               "--admin", "ha.ht", "--admin-name", "Lê Thị Hà")
    assert made.exit_code == 0, made.output
    assert "đăng nhập bằng --user ha.ht" in made.output
    assert run("info").exit_code == 0  # info reads counts only and asks no login
    assert run("children", "list").exit_code == 1
    monkeypatch.setenv("MAMNON_PASSWORD", "matkhau1")
    mode = run("--user", "ha.ht", "users", "mode")
    assert mode.output.strip() == "Chế độ: tài khoản (mỗi người đăng nhập)"


def test_a_short_admin_password_writes_no_school(run, db_path, monkeypatch):
    monkeypatch.setenv("MAMNON_NEW_PASSWORD", "123")
    made = run("init", "--code", "MN02", "--name", "Trường Mầm non Sen Hồng", "--accounts")
    assert made.exit_code == 1
    assert "Mật khẩu cần ít nhất 6 ký tự." in made.output
    session.open_path(db_path)
    try:
        assert not school.is_initialised()
    finally:
        session.close()


def test_databases_without_the_choice_stay_single_user(run, db_path):
    made = run("init", "--code", "MN02", "--name", "Trường Mầm non Sen Hồng")
    assert made.exit_code == 0, made.output
    assert run("users", "mode").output.strip() == "Chế độ: một người dùng (không đăng nhập)"
    assert run("children", "list").exit_code == 0
