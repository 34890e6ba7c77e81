"""Login screen, the setup wizard's choice of accounts, and the principal's accounts screen."""

from __future__ import annotations

import pytest
from tui_helpers import SIZE, pick, table_names, type_text

from mamnon.services import accounts, permissions, school, session
from tui.app import make_app
from tui.dialogs.form_dialog import FormDialog
from tui.screens.home import HomeScreen
from tui.screens.login import LoginScreen
from tui.screens.setup import SetupScreen
from tui.screens.users import UserFormScreen, UsersScreen


@pytest.fixture(autouse=True)
def _logout():
    yield
    permissions.logout()


@pytest.fixture
def accounts_school(school_db):
    session.open_path(school_db.path)
    accounts.create_admin("hieutruong", "Lê Thị Hà", "matkhau1")
    accounts.create_user("lan.gv", "Nguyễn Thị Lan", "teacher", "gvlan123", staff_id=school_db.teacher_id)
    accounts.set_mode("accounts")
    session.close()
    return school_db


async def log_in(pilot, username: str, password: str) -> None:
    await type_text(pilot, username)
    await pilot.press("enter")
    await type_text(pilot, password)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_school_with_accounts_opens_on_the_login_screen(accounts_school):
    app = accounts_school.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.focused.id == "username"
        assert app.screen.query_one("#password").password  # typed characters are hidden
        await log_in(pilot, "lan.gv", "sai")
        assert isinstance(app.screen, LoginScreen)
        message = str(app.screen.query_one("#login-message").render())
        assert "Sai tên đăng nhập hoặc mật khẩu (còn 4 lần thử" in message
        assert app.screen.query_one("#password").value == ""
        assert accounts.current_user() is None
        await pilot.press("escape")  # clears both fields, back to the name
        await log_in(pilot, "lan.gv", "gvlan123")
        assert isinstance(app.screen, HomeScreen)
        actor = accounts.current_user()
        assert (actor.username, actor.role) == ("lan.gv", "teacher")


async def test_a_single_user_school_opens_without_login(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert accounts.current_user().role == "admin"


async def test_the_wizard_can_turn_accounts_on_and_create_the_principal(db_path):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await type_text(pilot, "MN01")
        await pilot.press("tab")
        await type_text(pilot, "MN Hoa Sen")
        screen = app.screen
        screen.query_one("#mode").focus()
        await pick(pilot, 1)  # Không, Có
        screen.query_one("#admin_username").value = "hieutruong"
        screen.query_one("#admin_name").value = "Lê Thị Hà"
        screen.query_one("#admin_password").value = "matkhau1"
        screen.query_one("#admin_password2").value = "matkhau2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "không giống nhau" in app.screen.query_one("#row-admin_password2").message
        assert not school.is_initialised()  # checked before anything was written

        screen.query_one("#admin_password2").value = "matkhau1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert accounts.uses_accounts()
        assert [(u.username, u.role) for u in accounts.list_users()] == [("hieutruong", "admin")]
        assert accounts.current_user().username == "hieutruong"


async def test_the_principal_adds_an_account_and_resets_a_password(accounts_school):
    app = accounts_school.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await log_in(pilot, "hieutruong", "matkhau1")
        app.push_screen(UsersScreen())
        await pilot.pause()
        screen = app.screen
        assert table_names(screen, 0) == ["hieutruong", "lan.gv"]
        assert screen.table.get_row_at(1)[3].plain.startswith("Lá 1, Mầm 1")  # her classes as main teacher

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, UserFormScreen)
        await type_text(pilot, "yte")
        await pilot.press("tab")
        await type_text(pilot, "Phạm Thu Trang")
        await pilot.press("tab")
        await pick(pilot, 3)  # (chọn), Hiệu trưởng, Giáo viên, Y tế
        app.screen.query_one("#password").value = "ytetruong"
        app.screen.query_one("#password2").value = "ytetruong"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert accounts.get_user("yte").role == "health"
        accounts.authenticate("yte", "ytetruong")

        assert screen.table.select_key(str(accounts.get_user("lan.gv").id))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await type_text(pilot, "moi12345")
        await pilot.press("tab")
        await type_text(pilot, "moi12345")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        accounts.authenticate("lan.gv", "moi12345")

        await pilot.press("k")  # lock Lan's account
        await pilot.pause()
        assert not accounts.get_user("lan.gv").active
        assert "đã khóa" in screen.table.get_row_at(screen.table.cursor_row)[4].plain


async def test_a_teacher_sees_the_accounts_but_changes_nothing(accounts_school):
    app = accounts_school.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await log_in(pilot, "lan.gv", "gvlan123")
        app.push_screen(UsersScreen())
        await pilot.pause()
        assert "Chỉ hiệu trưởng" in str(app.screen.query_one("#status").render())
        await pilot.press("k")
        await pilot.pause()
        assert all(u.active for u in accounts.list_users())
