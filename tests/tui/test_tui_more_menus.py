"""The menus added for phổ cập / đội ngũ / cơ sở vật chất and for the system (accounts, changes, backups)."""

from __future__ import annotations

from tui.screens.backups import BackupsScreen
from tui.screens.census import CensusScreen
from tui.screens.community import CommunityScreen
from tui.screens.facilities import FacilitiesScreen
from tui.screens.home import HomeScreen
from tui.screens.staff_quality import StaffQualityScreen
from tui.screens.system import SystemScreen

SIZE = (80, 24)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_key_9_leads_to_the_census_staff_quality_and_facilities(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "9")
        assert isinstance(app.screen, CommunityScreen)
        for key, screen in (("1", CensusScreen), ("2", StaffQualityScreen), ("3", FacilitiesScreen)):
            await press(pilot, key)
            assert isinstance(app.screen, screen), key
            await press(pilot, "escape")
            assert isinstance(app.screen, CommunityScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_backup_taken_from_the_system_menu_is_listed(school_db):
    from mamnon.services import backups

    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "0")
        assert isinstance(app.screen, SystemScreen)
        await press(pilot, "3")
        screen = app.screen
        assert isinstance(screen, BackupsScreen)
        before = screen.table.row_count
        await press(pilot, "n")
        assert screen.table.row_count == before + 1
        listed = backups.list_backups(school_db.path)
        assert len(listed) == before + 1 and listed[0].reason == "tay"
        assert str(listed[0].path) in [str(k.value) for k in screen.table.rows]


async def test_the_home_menu_fits_24_rows(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        assert menu.region.bottom <= SIZE[1] - 1  # the footer keeps the last row
        assert menu.option_count == 10 and menu.region.height == 12  # every item shown, no scrolling
