"""First run (setup wizard) and the Home screen."""

from __future__ import annotations

from tui_helpers import SIZE, type_text

from mamnon.services import school
from tui.app import make_app
from tui.screens.home import HomeScreen
from tui.screens.setup import SetupScreen, default_year_name


def test_default_year_follows_the_school_calendar():
    import datetime as dt

    assert default_year_name(dt.date(2026, 8, 1)) == "2026-2027"
    assert default_year_name(dt.date(2026, 12, 31)) == "2026-2027"
    assert default_year_name(dt.date(2027, 7, 31)) == "2026-2027"


async def test_empty_database_opens_the_wizard_and_saving_it_shows_home(db_path):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.focused.id == "code"
        # Each simulated key costs ~60 ms in Textual's pilot: short real typing,
        # the long address fields set directly (they post the same Changed event).
        await type_text(pilot, "MN01")
        await pilot.press("tab")
        await type_text(pilot, "MN Hoa Sen")
        app.screen.query_one("#commune").value = "Xã Tân Lập"
        app.screen.query_one("#province").value = "Tỉnh Phú Thọ"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, HomeScreen)
        info = school.school_info()
        assert (info.code, info.name, info.commune, info.province) == (
            "MN01", "MN Hoa Sen", "Xã Tân Lập", "Tỉnh Phú Thọ")
        assert info.year.name == default_year_name()
        shown = str(app.screen.query_one("#school").render())
        assert "MN Hoa Sen" in shown
        assert default_year_name() in shown
        # Esc on Home must not bring the wizard back.
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_wizard_shows_errors_under_the_fields_and_saves_nothing(db_path):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "MN01")  # name left empty
        app.screen.query_one("#year_name").value = "2025-2027"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, SetupScreen)
        assert not school.is_initialised()
        year_error = app.screen.query_one("#year_name-error")
        assert year_error.display and "2026-2027" in str(year_error.render())
        assert app.screen.query_one("#row-year_name").message_kind == "error"
        assert "tên trường" in app.screen.query_one("#row-name").message
        assert app.screen.query_one("#row-code").message == ""
        # The first wrong field gets the cursor.
        assert app.focused.id == "name"

        await type_text(pilot, "Hoa Sen")
        app.screen.query_one("#year_name").value = "2025-2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert school.school_info().year.name == "2025-2026"


async def test_home_shows_school_parents_counts_and_opens_modules(school_db):
    from mamnon.services import session
    from mamnon.services.school import UnitRef

    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        counts = str(app.screen.query_one("#counts").render())
        assert "6" in counts and "3" in counts and "1" in counts
        assert "Trực thuộc" not in str(app.screen.query_one("#school").render())

        for key, screen_name in (("1", "ChildrenScreen"), ("2", "ClassesScreen"), ("3", "StaffScreen")):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == screen_name
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)

        # Arrow keys and Enter work as well as the digit keys.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClassesScreen"
    session.close()

    # A school with parent units shows the chain, nearest first.
    session.open_path(school_db.path.replace("truong", "khac"))
    school.init_school(code="MN02", name="Trường Mầm non Sen Hồng", year_name=default_year_name(),
                       parents=[UnitRef("Xã", "X1", "UBND xã A"), UnitRef("Sở", "S1", "Sở GD&ĐT B")])
    session.close()
    app = make_app(school_db.path.replace("truong", "khac"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "UBND xã A › Sở GD&ĐT B" in str(app.screen.query_one("#school").render())
