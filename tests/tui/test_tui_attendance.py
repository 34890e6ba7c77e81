"""Attendance screen (Home → 6): pick a class, mark by keys, save, reload; days off; unsaved marks."""

from __future__ import annotations

import datetime as dt

import pytest
from tui_helpers import SIZE, table_names

from mamnon.services import attendance, session
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.attendance import AttendanceClassDialog, AttendanceScreen
from tui.screens.home import HomeScreen

CLASS_ROWS = {"Nhà trẻ A": 0, "Mầm 1": 1, "Lá 1": 2}
"""Position of each class in the picker (youngest age group first)."""


@pytest.fixture
def school(school_db):
    """The school with today a school day, whatever weekday the tests run on."""
    today = dt.date.today()
    session.open_path(school_db.path)
    if not attendance.is_school_day(today):
        attendance.set_school_day(today, "Học bù")
    session.close()
    school_db.today = today
    return school_db


async def open_class(app, pilot, name: str) -> AttendanceScreen:
    await pilot.pause()
    await pilot.press("6")
    await pilot.pause()
    assert isinstance(app.screen, AttendanceClassDialog)
    await pilot.press(*["down"] * CLASS_ROWS[name], "enter")
    await pilot.pause()
    assert isinstance(app.screen, AttendanceScreen)
    return app.screen


def marks_on_screen(screen) -> list[str]:
    return [m.split()[0] for m in table_names(screen, 3)]


def text_of(screen, selector: str) -> str:
    content = screen.query_one(selector).content
    return getattr(content, "plain", str(content))


def saved(school, class_name: str, day: dt.date | None = None) -> dict[str, str | None]:
    day = day or school.today
    return {r.full_name: r.mark for r in attendance.class_day(school.classes[class_name], day).rows}


async def test_mark_a_class_by_keys_save_and_reload(school):
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_class(app, pilot, "Lá 1")
        assert table_names(screen, 2) == ["Nguyễn Thị Hoa", "Nguyễn Văn Thịnh"]
        assert marks_on_screen(screen) == ["·", "·"]
        assert "Lớp Lá 1" in text_of(screen, "#heading")
        await pilot.press("p", "x")  # the cursor moves down after each mark
        assert marks_on_screen(screen) == ["P", "x"]
        assert text_of(screen, "#totals") == (
            "Sĩ số 2: có mặt 1, có phép 1, không phép 0, chưa điểm danh 0 • chưa lưu")
        assert saved(school, "Lá 1") == {"Nguyễn Thị Hoa": None, "Nguyễn Văn Thịnh": None}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(school, "Lá 1") == {"Nguyễn Thị Hoa": "P", "Nguyễn Văn Thịnh": "x"}
        assert "chưa lưu" not in text_of(screen, "#totals")

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("6")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, AttendanceClassDialog)
        options = picker.query_one("#pick-list")
        assert "đã điểm danh  2/2" in str(options.get_option_at_index(2).prompt)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert marks_on_screen(app.screen) == ["P", "x"]
    assert session.integrity() == "ok"


async def test_rest_present_then_space_cycles_and_delete_clears(school):
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_class(app, pilot, "Mầm 1")
        assert table_names(screen, 2) == ["Nguyễn Thị Mai", "Trần Thị Nguyệt"]
        await pilot.press("down", "k", "a")  # Nguyệt K first, then everyone else present
        assert marks_on_screen(screen) == ["x", "K"]
        await pilot.press("up", "space")  # x -> P
        assert marks_on_screen(screen) == ["P", "K"]
        await pilot.press("space", "space")  # on Nguyệt now: K -> x; the cursor stays on the last row
        assert marks_on_screen(screen) == ["P", "P"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(school, "Mầm 1") == {"Nguyễn Thị Mai": "P", "Trần Thị Nguyệt": "P"}
        await pilot.press("delete", "ctrl+s")
        await pilot.pause()
        assert saved(school, "Mầm 1") == {"Nguyễn Thị Mai": "P", "Trần Thị Nguyệt": None}


async def test_a_day_off_shows_its_reason_and_refuses_marks(school):
    session.open_path(school.path)
    attendance.set_day_off(school.today, "Tết Nguyên đán")
    session.close()
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_class(app, pilot, "Lá 1")
        assert "Ngày nghỉ: Tết Nguyên đán — không điểm danh." in text_of(screen, "#heading")
        await pilot.press("x", "a", "ctrl+s")
        await pilot.pause()
        assert marks_on_screen(screen) == ["·", "·"]
        assert any("Tết Nguyên đán" in str(n.message) for n in app._notifications)
        assert saved(school, "Lá 1") == {"Nguyễn Thị Hoa": None, "Nguyễn Văn Thịnh": None}


async def test_previous_school_day_and_unsaved_marks_are_not_lost_by_accident(school):
    before = None
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_class(app, pilot, "Lá 1")
        before = attendance.next_school_day(school.today, -1)
        await pilot.press("x", "left_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: stay on the day with the mark typed
        await pilot.pause()
        assert app.screen is screen and screen.day == school.today and marks_on_screen(screen)[0] == "x"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        await pilot.press("c")  # yes: drop it
        await pilot.pause()
        assert screen.day == before and marks_on_screen(screen) == ["·", "·"]
        await pilot.press("k", "x", "ctrl+s")
        await pilot.pause()
    assert saved(school, "Lá 1", before) == {"Nguyễn Thị Hoa": "K", "Nguyễn Văn Thịnh": "x"}
    assert saved(school, "Lá 1") == {"Nguyễn Thị Hoa": None, "Nguyễn Văn Thịnh": None}


async def test_footer_fits_80_columns_in_vietnamese(school):
    from textual.widgets._footer import FooterKey

    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_class(app, pilot, "Lá 1")
        keys = [(k.description, k.region.right) for k in screen.query(FooterKey)]
        assert [d for d, _ in keys] == ["Có mặt", "Có phép", "Không phép", "Còn lại có mặt", "Lưu", "Quay lại",
                                        "Thoát"]
        assert all(0 < right <= SIZE[0] for _, right in keys), keys
