"""Children screen: add through the form, errors, live search, move, leave."""

from __future__ import annotations

import datetime as dt

from tui_helpers import SIZE, pick, table_names, type_text

from mamnon.services import children, session
from tui.dialogs.leave import LeaveDialog
from tui.dialogs.move_child import MoveChildDialog
from tui.screens.child_form import ChildFormScreen
from tui.screens.children import ChildrenScreen


async def open_children(app, pilot) -> ChildrenScreen:
    await pilot.pause()
    await pilot.press("1")
    await pilot.pause()
    assert isinstance(app.screen, ChildrenScreen)
    return app.screen


async def select_child(pilot, screen: ChildrenScreen, child_id: int) -> None:
    assert screen.table.select_key(str(child_id))
    await pilot.pause()
    assert screen.selected.id == child_id


async def test_add_a_child_by_typing_into_the_form(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChildFormScreen)
        assert app.focused.id == "full_name"  # the code is left blank: the service numbers the child
        await type_text(pilot, "Lò Thị Tú")
        await pilot.press("tab")
        await type_text(pilot, f"12/03/{school_db.year_first - 5}")
        await pilot.press("tab")
        await pick(pilot, 2)  # (blank), Nam, Nữ
        await pilot.press("tab")
        await pick(pilot, 3)  # (blank), Nhà trẻ A, Mầm 1, Lá 1
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        [row] = [r for r in children.list_children() if r.full_name == "Lò Thị Tú"]
        assert row.class_id == school_db.classes["Lá 1"]
        assert row.sex == "F"
        assert row.birth_date == dt.date(school_db.year_first - 5, 3, 12)
        assert row.code  # numbered automatically
        detail = children.get_child(row.id)
        assert (detail.commune, detail.province) == ("Xã Tân Lập", "Tỉnh Phú Thọ")  # the school's
        # Back on the list, refreshed, with the cursor on the new child.
        assert screen.selected.id == row.id
        assert "Lò Thị Tú" in table_names(screen)
        assert "7 / 7" in str(screen.query_one("#status").render())


async def test_wrong_form_shows_errors_next_to_fields_and_saves_nothing(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_children(app, pilot)
        before = len(children.list_children())
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")  # name left empty
        await type_text(pilot, "31/02/2021")
        await pilot.press("ctrl+s")
        await pilot.pause()

        form = app.screen
        assert isinstance(form, ChildFormScreen)
        assert len(children.list_children()) == before
        name_row, birth_row = form.query_one("#row-full_name"), form.query_one("#row-birth_date")
        assert name_row.message_kind == "error" and "họ và tên" in name_row.message
        assert birth_row.message_kind == "error" and "31/02/2021" in birth_row.message
        assert form.query_one("#full_name-error").display
        assert form.query_one("#row-class_id").message_kind == "error"
        assert form.query_one("#row-code").message == ""
        assert app.focused.id == "full_name"  # the first wrong field

        # Fixing a field clears its message as the user types.
        await type_text(pilot, "An")
        assert name_row.message == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChildrenScreen)
        assert len(children.list_children()) == before


async def test_age_outside_the_class_is_a_yellow_warning_that_does_not_block(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#full_name").value = "Vũ Minh Đức"
        form.query_one("#birth_date").value = f"01/01/{school_db.year_first - 5}"
        form.query_one("#sex").value = "M"
        form.query_one("#class_id").value = school_db.classes["Nhà trẻ A"]
        await pilot.pause()
        warning = form.query_one("#row-birth_date")
        assert warning.message_kind == "warning" and "Nhà trẻ" in warning.message
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert any(r.full_name == "Vũ Minh Đức" for r in children.list_children())


async def test_edit_keeps_the_class_and_saves_changes(school_db):
    app = school_db.app()
    hoa = school_db.children["Nguyễn Thị Hoa"]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        await select_child(pilot, screen, hoa)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ChildFormScreen)
        assert form.query_one("#full_name").value == "Nguyễn Thị Hoa"
        assert "Lá 1" in str(form.query_one("#class_name").render())
        form.query_one("#guardian1_name").value = "Nguyễn Văn Bình"
        form.query_one("#guardian1_relation").value = "Bố"
        form.query_one("#guardian1_phone").value = "0912 345 678"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        detail = children.get_child(hoa)
        assert detail.row.class_name == "Lá 1"
        assert detail.guardians[0].full_name == "Nguyễn Văn Bình"
        assert detail.guardians[0].phone == "0912345678"


async def test_search_without_diacritics_filters_as_you_type(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        assert len(table_names(screen)) == 6
        await pilot.press("slash")
        assert app.focused.id == "search"
        await type_text(pilot, "nguyen thi")
        # A phrase: Nguyễn Văn Thịnh and Trần Thị Nguyệt do not match.
        assert sorted(table_names(screen)) == ["Nguyễn Thị Hoa", "Nguyễn Thị Mai"]
        assert "Hiển thị 2 / 6 trẻ" in str(screen.query_one("#status").render())

        # The class filter narrows the same in-memory list.
        screen.query_one("#class-filter").value = school_db.classes["Lá 1"]
        await pilot.pause()
        assert table_names(screen) == ["Nguyễn Thị Hoa"]

        # Enter goes from the search box to the table; Enter there edits.
        await pilot.press("enter")
        assert app.focused is screen.table
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChildFormScreen)


async def test_typing_a_name_on_the_list_starts_the_search(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        assert app.focused is screen.table
        for key in "nguyen":  # "n" is not a screen key, so it opens the search with itself typed
            await pilot.press(key)
        await pilot.pause()
        assert app.focused.id == "search"
        assert screen.query_one("#search").value == "nguyen"
        assert sorted(table_names(screen)) == ["Nguyễn Thị Hoa", "Nguyễn Thị Mai", "Nguyễn Văn Thịnh"]
        await pilot.press("enter")
        await pilot.press("a")  # back on the table, "a" is Thêm again
        await pilot.pause()
        assert isinstance(app.screen, ChildFormScreen)


async def test_move_a_child_through_the_dialog(school_db):
    app = school_db.app()
    hoa = school_db.children["Nguyễn Thị Hoa"]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        await select_child(pilot, screen, hoa)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MoveChildDialog)
        assert app.focused.id == "class_id"
        await pick(pilot, 2)  # (blank), Nhà trẻ A, Mầm 1 — Lá 1 (her class) is not offered
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        today = dt.date.today()
        assert children.get_child(hoa).history == (
            ("Lá 1", school_db.enrolled, today),
            ("Mầm 1", today, None),
        )
        assert screen.selected.id == hoa
        assert screen.table.get_row(str(hoa))[4].plain == "Mầm 1"


async def test_move_dialog_shows_service_errors_and_esc_cancels(school_db):
    app = school_db.app()
    hoa = school_db.children["Nguyễn Thị Hoa"]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        await select_child(pilot, screen, hoa)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#class_id").value = school_db.classes["Mầm 1"]
        before = school_db.enrolled - dt.timedelta(days=1)
        dialog.query_one("#on").value = before.strftime("%d/%m/%Y")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#row-on").message_kind == "error"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert len(children.get_child(hoa).history) == 1


async def test_leave_hides_the_child_until_h_shows_those_who_left(school_db):
    app = school_db.app()
    khoi = school_db.children["Lê Minh Khôi"]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        await select_child(pilot, screen, khoi)
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LeaveDialog)
        # No reason chosen: the service's message shows under the reason.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#row-reason").message_kind == "error"

        assert app.focused.id == "reason"  # the cursor went to the wrong field
        await pick(pilot, 1)  # the first reason: Chuyển trường
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        detail = children.get_child(khoi)
        assert detail.row.left_on == dt.date.today()
        assert detail.left_reason == "Chuyển trường"
        assert str(khoi) not in screen.table.shown_keys
        assert "Lê Minh Khôi" not in table_names(screen)

        await pilot.press("h")
        await pilot.pause()
        assert str(khoi) in screen.table.shown_keys
        assert screen.table.get_row(str(khoi))[5].plain == dt.date.today().strftime("%d/%m/%Y")
        await pilot.press("h")
        await pilot.pause()
        assert str(khoi) not in screen.table.shown_keys


async def test_a_child_who_left_comes_back_through_m(school_db):
    khoi = school_db.children["Lê Minh Khôi"]
    left_on = dt.date.today() - dt.timedelta(days=10)
    session.open_path(school_db.path)
    children.mark_left(khoi, left_on, "Nghỉ học")
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        await pilot.press("h")
        await pilot.pause()
        await select_child(pilot, screen, khoi)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MoveChildDialog) and dialog.readmit
        await pick(pilot, 1)  # (blank), Nhà trẻ A: his own class is offered again
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        detail = children.get_child(khoi)
        assert detail.row.left_on is None and detail.left_reason == ""
        assert detail.history[-1] == ("Nhà trẻ A", dt.date.today(), None)
        assert detail.history[-2][2] == left_on


async def test_search_over_2000_children_stays_in_memory(db_path, monkeypatch):
    """No database query per keystroke; the timing itself lives in benchmarks/startup.py."""
    from mamnon.services import demo, session
    from tui.app import make_app

    session.open_path(db_path)
    demo.build_demo(children=2000)
    session.close()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_children(app, pilot)
        assert len(screen.table.shown_keys) == 2000

        def no_query(**_):  # noqa: ANN202
            raise AssertionError("the list must be filtered in memory, not re-read per key")

        monkeypatch.setattr(children, "list_children", no_query)
        search = screen.query_one("#search")
        for query in ("n", "ng", "nguyen", "nguyen thi", "", "a"):
            search.value = query
            screen.apply_filters()
            await pilot.pause()
            expected = children.filter_rows(screen._rows, query)
            assert screen.table.shown_keys == [str(r.id) for r in expected]
