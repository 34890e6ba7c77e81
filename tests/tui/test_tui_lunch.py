"""The lunch-support screen at 80×24: add through the form, refusals, delete; the meal money line."""

from __future__ import annotations

import datetime as dt

from test_tui_meals import footer, notices, text_of
from tui_helpers import SIZE, pick, table_names, type_text

from mamnon.services import lunch_support as ls
from mamnon.services import meal_money, session
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.lunch_support import LunchSupportScreen
from tui.screens.lunch_support_form import LunchSupportFormScreen
from tui.screens.meal_money import MealMoneyScreen

TODAY = dt.date.today()


def months_paid(db) -> int:
    """By hand: every month from the later of the enrolment and 01/09 to 31/05 of the school year."""
    start = max(db.enrolled, dt.date(db.year_first, 9, 1))
    return (db.year_first + 1) * 12 + 5 - (start.year * 12 + start.month) + 1


async def open_lunch(app, pilot) -> LunchSupportScreen:
    await pilot.pause()
    app.push_screen(LunchSupportScreen(today=TODAY))
    await pilot.pause()
    assert isinstance(app.screen, LunchSupportScreen)
    return app.screen


async def fill_form(pilot, child: int, group: int, evidence: str, start: str, end: str) -> None:
    await pick(pilot, child)
    await pilot.press("tab")
    await pick(pilot, group)
    await pilot.press("tab")
    for text in (evidence, start, end):
        await type_text(pilot, text)
        await pilot.press("tab")


async def test_add_refuse_and_delete_through_the_screen(school_db):
    start, end = f"01/09/{school_db.year_first}", f"31/05/{school_db.year_first + 1}"
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lunch(app, pilot)
        keys = footer(screen)
        assert [d for d, _ in keys][:3] == ["Thêm", "Sửa", "Xóa"]
        assert [d for d, _ in keys][-2:] == ["Quay lại", "Thoát"]
        assert keys[-1][1] <= SIZE[0]  # every key fits at 80 columns
        assert screen.table.row_count == 0
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LunchSupportFormScreen)
        # options: (blank), Hoa 5 t, Mai 3 t, Nguyệt 3 t, Thịnh 5 t — the two 2-year-olds are not offered
        assert [label for label, _ in form.items()[0].options] == [
            "Nguyễn Thị Hoa – Lá 1 (5 tuổi)", "Nguyễn Thị Mai – Mầm 1 (3 tuổi)", "Trần Thị Nguyệt – Mầm 1 (3 tuổi)",
            "Nguyễn Văn Thịnh – Lá 1 (5 tuổi)"]
        await fill_form(pilot, 2, 2, "Sổ hộ nghèo 45", start, end)  # Mai, NGHEO
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert table_names(screen, 0) == ["Nguyễn Thị Mai"]
        assert screen.table.get_row_at(0)[4].plain.strip() == str(months_paid(school_db))
        [row] = ls.list_supports()
        assert (row.child_id, row.group, row.evidence) == (school_db.children["Nguyễn Thị Mai"], "NGHEO",
                                                           "Sổ hộ nghèo 45")
        in_school = dt.date(school_db.year_first, 9, 1) <= TODAY <= dt.date(school_db.year_first + 1, 5, 31)
        expected = "1 trẻ, 360.000 đ" if in_school and TODAY >= school_db.enrolled else "0 trẻ, 0 đ"
        assert f"Tháng {TODAY:%m/%Y}: {expected}" in text_of(screen, "#status")

        # the same child again, overlapping: refused on the form, nothing saved
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, 2, 1, "Thôn Khe Mạ", start, end)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LunchSupportFormScreen)
        assert "Có 1 lỗi" in notices(app)
        assert "Trùng thời gian" in text_of(app.screen, "#start_date-error")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and len(ls.list_supports()) == 1

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("c")
        await pilot.pause()
        assert ls.list_supports() == [] and screen.table.row_count == 0


async def test_the_meal_money_screen_shows_the_month_support(school_db):
    session.open_path(school_db.path)
    meal_money.set_opening_balance(TODAY.year, TODAY.month, 0)
    for name in ("Nguyễn Thị Hoa", "Nguyễn Thị Mai"):
        ls.add_support(ls.LunchForm(school_db.children[name], "DBKK", "Thôn Khe Mạ",
                                    f"01/09/{school_db.year_first}", f"31/05/{school_db.year_first + 1}"))
    session.close()
    in_school = dt.date(school_db.year_first, 9, 1) <= TODAY <= dt.date(school_db.year_first + 1, 5, 31)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(MealMoneyScreen())
        await pilot.pause()
        totals = text_of(app.screen, "#totals")
        if in_school:
            assert "Hỗ trợ ăn trưa (NĐ 277/2025): 2 trẻ, 720.000 đ" in totals
        else:
            assert "Hỗ trợ ăn trưa" not in totals
