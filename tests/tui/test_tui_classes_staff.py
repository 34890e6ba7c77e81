"""Classes and staff screens: add through the forms, errors, delete, leave, search."""

from __future__ import annotations

import datetime as dt

from tui_helpers import SIZE, pick, table_names, type_text

from mamnon.services import classes, staff
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.leave import LeaveDialog
from tui.screens.class_form import ClassFormScreen
from tui.screens.classes import ClassesScreen
from tui.screens.staff import StaffScreen
from tui.screens.staff_form import StaffFormScreen


async def open_screen(app, pilot, key: str, screen_type):
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, screen_type)
    return app.screen


async def test_classes_list_shows_head_count_against_the_limit(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, "2", ClassesScreen)
        assert table_names(screen, 0) == ["Nhà trẻ A", "Mầm 1", "Lá 1"]
        row = screen.table.get_row(str(school_db.classes["Lá 1"]))
        assert row[1].plain == "MG 5–6 tuổi"
        assert row[2].plain == "Nguyễn Thị Lan"
        assert row[3].plain == "2/35"


async def test_add_a_class_through_the_form(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, "2", ClassesScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ClassFormScreen)
        assert app.focused.id == "name"
        await type_text(pilot, "Chồi 1")
        await pilot.press("tab")
        await pick(pilot, 5)  # (blank), 3 nhà trẻ groups, 3–4, 4–5
        await pilot.press("tab")
        await pick(pilot, 1)  # the only teacher
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        [new] = [c for c in classes.list_classes() if c.name == "Chồi 1"]
        assert (new.age_group, new.main_teacher_id) == ("MG_4_5", school_db.teacher_id)
        assert screen.table.selected_key == str(new.id)
        assert "Chồi 1" in table_names(screen, 0)


async def test_class_form_errors_and_delete_rules(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, "2", ClassesScreen)
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Lá 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClassFormScreen)
        assert "Lá 1" in form.query_one("#row-name").message
        assert form.query_one("#row-age_group").message_kind == "error"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert len(classes.list_classes()) == 3

        # A class with children cannot be deleted: the service says why.
        screen.table.select_key(str(school_db.classes["Lá 1"]))
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert len(classes.list_classes()) == 3

        # An empty class (a typo) can.
        empty = classes.create_class(classes.ClassForm(name="Lớp nhầm", age_group="MG_3_4"))
        screen.reload(select_id=empty.id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")  # Esc answers no
        await pilot.pause()
        assert any(c.id == empty.id for c in classes.list_classes())
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert not any(c.id == empty.id for c in classes.list_classes())
        assert str(empty.id) not in screen.table.shown_keys


async def test_add_a_staff_member_through_the_form(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, "3", StaffScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StaffFormScreen)
        assert app.focused.id == "full_name"
        await type_text(pilot, "Trần Thị Mai")
        await pilot.press("tab")
        await type_text(pilot, "05/06/1990")
        form = app.screen
        form.query_one("#phone").focus()
        await type_text(pilot, "0912 345 679")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        [mai] = [s for s in staff.list_staff() if s.full_name == "Trần Thị Mai"]
        assert (mai.position, mai.sex, mai.phone) == ("Giáo viên", "F", "0912345679")
        assert mai.birth_date == dt.date(1990, 6, 5)
        assert screen.selected.id == mai.id
        row = screen.table.get_row(str(mai.id))
        assert row[5].plain == "0912 345 679"


async def test_staff_form_errors_search_and_leave(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, "3", StaffScreen)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#phone").value = "12345"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#row-full_name").message_kind == "error"
        assert form.query_one("#row-phone").message_kind == "error"
        await pilot.press("escape")
        await pilot.pause()
        assert len(staff.list_staff()) == 1

        await pilot.press("slash")
        await type_text(pilot, "giao vien")  # the position is searchable too
        assert table_names(screen) == ["Nguyễn Thị Lan"]
        await pilot.press("enter", "l")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        app.screen.query_one("#reason").value = "Nghỉ hưu"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert staff.list_staff() == []
        assert table_names(screen) == []
        assert "0 / 0" in str(screen.query_one("#status").render())
        await pilot.press("h")
        await pilot.pause()
        assert table_names(screen) == ["Nguyễn Thị Lan"]
        lan = staff.get_staff(school_db.teacher_id)
        assert lan.left_on == dt.date.today()
