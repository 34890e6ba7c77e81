"""Facilities screens: add, edit and delete sites and room lines (deletes confirmed), count equipment."""

from __future__ import annotations

import datetime as dt

from tui_helpers import SIZE, pick, type_text

from mamnon.services import facilities
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.facilities import FacilitiesScreen, RoomDialog, SiteDialog, SitesScreen
from tui.screens.facilities_equipment import CountDialog, EquipmentScreen


async def test_add_site_then_rooms_refusing_a_negative_count(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = FacilitiesScreen()
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        sites = app.screen
        assert isinstance(sites, SitesScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SiteDialog)
        await type_text(pilot, "Điểm chính")
        await pilot.press("tab")
        await pilot.press("enter", "up", "enter")  # the list opens on «Không»; one up is «Có»
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is sites
        [site] = facilities.list_sites()
        assert (site.name, site.is_main) == ("Điểm chính", True)
        assert sites.table.get_row_at(0)[1].plain == "Điểm chính"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RoomDialog)
        await pick(pilot, 1)   # the site
        await pilot.press("tab")
        await pick(pilot, 1)   # phòng học
        await pilot.press("tab")
        await pick(pilot, 1)   # kiên cố
        await pilot.press("tab")
        await type_text(pilot, "-2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RoomDialog)
        assert dialog.query_one("#row-count").message == "Số phòng không được âm (đã nhập -2)."
        assert facilities.list_rooms() == []
        dialog.query_one("#count").value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [room] = facilities.list_rooms()
        assert (room.room_type, room.condition, room.count) == ("phong_hoc", "kien_co", 3)
        assert screen.table.get_row_at(0)[3].plain == "3"


async def test_equipment_count_shows_the_shortfall(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = EquipmentScreen()
        await app.push_screen(screen)
        await pilot.pause()
        screen.table.select_key("MN011003")   # 2 per class × 3 classes = 6
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CountDialog)
        await type_text(pilot, "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        row = screen.table.get_row("MN011003")
        assert [c.plain for c in row] == ["Tủ đựng đồ dùng cá nhân của trẻ", "6", "4", "2"]
        assert "1 mục còn thiếu, tổng 2 cái" in str(screen.query_one("#status").render())


def _site(name, main=False, **extra):
    return facilities.create_site(facilities.SiteForm(name=name, is_main=main, **extra)).id


def _room(site, kind="phong_hoc", condition="kien_co", count="3", area="150"):
    return facilities.create_room(facilities.RoomForm(site_id=site, room_type=kind, condition=condition,
                                                      count=count, area_m2=area)).id


async def _open(app, pilot, screen):
    await pilot.pause()
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def test_edit_a_room_line_then_mark_it_no_longer_used(school_db):
    main = _site("Điểm chính", True)
    room = _room(main)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, FacilitiesScreen())
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RoomDialog)
        assert (dialog.query_one("#count").value, dialog.query_one("#area_m2").value) == ("3", "150")
        dialog.query_one("#count").value = "4"
        dialog.query_one("#area_m2").value = "201,5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [line] = facilities.list_rooms()
        assert (line.id, line.count, line.area_m2, line.in_use_until) == (room, 4, 201.5, None)
        row = [c.plain for c in screen.table.get_row_at(0)]
        assert row[0] == "Điểm chính" and row[1].startswith("Phòng sinh hoạt chung") and row[2:] == [
            "Kiên cố", "4", "201,5"]
        assert "4 phòng đang dùng, 201,5 m²" in str(screen.query_one("#status").render())

        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#in_use_until").value = "01/09/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [line] = facilities.list_rooms()
        assert line.in_use_until == dt.date(2026, 9, 1) and facilities.list_rooms(dt.date(2026, 11, 23)) == []
        assert screen.table.get_row_at(0)[1].plain.startswith("Thôi dùng: Phòng sinh hoạt")
        assert "0 phòng đang dùng" in str(screen.query_one("#status").render())


async def test_deleting_a_room_line_asks_first_and_escape_keeps_it(school_db):
    main = _site("Điểm chính", True)
    _room(main)
    kept = _room(main, "ve_sinh", "tam", "1", "")
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, FacilitiesScreen())
        assert screen.table.row_count == 2
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Dòng: 3 phòng sinh hoạt chung (phòng học) kiên cố ở «Điểm chính»." in str(
            app.screen.query_one("#confirm-note").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and len(facilities.list_rooms()) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert [r.id for r in facilities.list_rooms()] == [kept]
        assert screen.table.row_count == 1


async def test_edit_a_site_and_delete_one_only_once_it_has_no_rooms(school_db):
    main = _site("Điểm chính", True, address="Thôn 1", note="gần chợ")
    far = _site("Điểm Bản Mòng", distance_km="4")
    _room(far, count="1", area="45")
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, SitesScreen())
        assert [screen.table.get_row_at(i)[0].plain for i in range(2)] == ["Điểm chính", "Điểm Bản Mòng"]
        screen.table.select_key(str(far))
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SiteDialog) and dialog.query_one("#distance_km").value == "4"
        dialog.query_one("#distance_km").value = "-3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#row-distance_km").message == "Khoảng cách (km) không được âm (đã nhập -3)."
        dialog.query_one("#distance_km").value = "5,5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert {s.name: s.distance_km for s in facilities.list_sites()} == {"Điểm chính": None, "Điểm Bản Mòng": 5.5}

        await pilot.press("d")   # the cursor stays on Bản Mòng, which still has a room
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen and len(facilities.list_sites()) == 2

        screen.table.select_key(str(main))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#name").value = "Điểm trung tâm"
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = next(s for s in facilities.list_sites() if s.id == main)
        assert (edited.name, edited.is_main, edited.address, edited.note) == ("Điểm trung tâm", True, "Thôn 1",
                                                                             "gần chợ")

        facilities.delete_room(facilities.list_rooms()[0].id)
        screen.table.select_key(str(far))
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("c")
        await pilot.pause()
        assert [s.name for s in facilities.list_sites()] == ["Điểm trung tâm"]
        assert screen.table.row_count == 1
