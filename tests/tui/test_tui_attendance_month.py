"""The month register (daily screen → m), the school summary (→ t) and the school calendar (daily screen → d)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_tui_attendance import open_class, saved, text_of
from tui_helpers import SIZE, table_names, type_text

from mamnon.services import attendance, session
from tui.screens.attendance import AttendanceScreen
from tui.screens.attendance_month import HALVES, TOTAL_KEY, AttendanceMonthScreen, AttendanceSchoolScreen
from tui.screens.calendar import CalendarScreen, DayReasonDialog


@pytest.fixture
def school(school_db):
    """The school with today a school day, whatever weekday the tests run on (as in test_tui_attendance)."""
    today = dt.date.today()
    session.open_path(school_db.path)
    if not attendance.is_school_day(today):
        attendance.set_school_day(today, "Học bù")
    session.close()
    school_db.today = today
    return school_db


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def row_cells(screen, key: str) -> list[str]:
    table = screen.query_one("#table")
    return [c.plain.strip() for c in table.get_row(key)]


def footer_fits(screen) -> bool:
    from textual.widgets._footer import FooterKey

    keys = list(screen.query(FooterKey))
    return bool(keys) and all(0 < k.region.right <= SIZE[0] for k in keys)


def notified(app, text: str) -> bool:
    return any(text in str(n.message) for n in app._notifications)


async def mark_and_save(pilot, keys: list[str]) -> None:
    await pilot.press(*keys, "ctrl+s")
    await pilot.pause()


async def test_month_register_shows_the_marks_and_the_totals_of_month_grid(school):
    today = school.today
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_class(app, pilot, "Lá 1")
        await mark_and_save(pilot, ["p", "x"])
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AttendanceMonthScreen)
        assert footer_fits(screen)

        session.open_path(school.path)
        grid = attendance.month_grid(school.classes["Lá 1"], today.year, today.month)
        rate = attendance.attendance_summary(*month_bounds(today), school.classes["Lá 1"]).classes[0].rate
        session.close()
        half = 0 if today.day < HALVES[1][0] else 1
        first = HALVES[half][0]
        days = range(first - 1, min(HALVES[half][1], len(grid.days)))
        assert table_names(screen, 0)[1:] == [r.full_name for r in grid.rows]
        for row in grid.rows:
            cells = row_cells(screen, str(row.child_id))
            assert cells[-3:] == [str(row.present), str(row.leave), str(row.absent)]
            assert cells[today.day - first + 1] == row.marks[today.day - 1]
        assert [r.marks[today.day - 1] for r in grid.rows] == ["P", "x"]
        totals = row_cells(screen, TOTAL_KEY)
        assert totals[1:-3] == [
            "·" if not grid.days[i].is_school_day else "" if grid.days[i].date > today else str(grid.day_present[i])
            for i in days]
        assert totals[-3:] == [str(sum(grid.day_present)), str(sum(grid.day_leave)), str(sum(grid.day_absent))]
        assert f"{rate.rate:.1f} %".replace(".", ",") in text_of(screen, "#totals")

        other = HALVES[1 - half]
        await pilot.press("h")
        await pilot.pause()
        labels = [c.label.plain.strip() for c in screen.query_one("#table").columns.values()]
        assert labels[1] == str(other[0])
        assert f"ngày {other[0]}–" in text_of(screen, "#heading")


async def test_school_summary_lists_every_class_with_the_rates_of_the_service(school):
    today = school.today
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_class(app, pilot, "Mầm 1")
        await mark_and_save(pilot, ["k", "x"])
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AttendanceSchoolScreen)
        assert footer_fits(screen)
        session.open_path(school.path)
        summary = attendance.attendance_summary(*month_bounds(today))
        session.close()
        assert table_names(screen, 0) == [c.class_name for c in summary.classes] + ["Toàn trường"]
        mam = row_cells(screen, str(school.classes["Mầm 1"]))
        line = next(c.rate for c in summary.classes if c.class_id == school.classes["Mầm 1"])
        assert mam[1:6] == [str(line.recorded_days), str(line.expected), str(line.present), str(line.leave),
                            str(line.absent)]
        assert mam[6] == "50,0 %" == f"{line.rate:.1f} %".replace(".", ",")
        assert row_cells(screen, TOTAL_KEY)[3] == str(summary.school.present)


async def test_calendar_makes_today_a_day_off_and_the_daily_screen_then_refuses_marks(school):
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_class(app, pilot, "Lá 1")
        await pilot.press("d")
        await pilot.pause()
        calendar_screen = app.screen
        assert isinstance(calendar_screen, CalendarScreen)
        assert footer_fits(calendar_screen)
        assert calendar_screen.query_one("#table").selected_key == school.today.isoformat()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DayReasonDialog)
        await type_text(pilot, "Bão lũ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is calendar_screen
        assert row_cells(calendar_screen, school.today.isoformat())[2] == "Nghỉ: Bão lũ"
        session.open_path(school.path)
        info = attendance.day_info(school.today)
        session.close()
        assert (info.is_school_day, info.reason) == (False, "Bão lũ")

        await pilot.press("escape")
        await pilot.pause()
        daily = app.screen
        assert isinstance(daily, AttendanceScreen)
        assert "Ngày nghỉ: Bão lũ — không điểm danh." in text_of(daily, "#heading")
        await pilot.press("x", "a", "ctrl+s")
        await pilot.pause()
        assert notified(app, "là ngày nghỉ (Bão lũ)")
        assert saved(school, "Lá 1") == {"Nguyễn Thị Hoa": None, "Nguyễn Văn Thịnh": None}

        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")  # a day the school closed: back to a school day
        await pilot.pause()
        session.open_path(school.path)
        assert attendance.day_info(school.today).is_school_day
        session.close()


async def test_calendar_shows_the_service_refusing_a_day_off_on_a_marked_day(school):
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_class(app, pilot, "Lá 1")
        await mark_and_save(pilot, ["x"])
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DayReasonDialog)
        await type_text(pilot, "Nghỉ lễ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # refused: the dialog stays for Esc
        assert notified(app, "đã có 1 lượt điểm danh: không đặt làm ngày nghỉ được")
        session.open_path(school.path)
        assert attendance.is_school_day(school.today)
        session.close()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert row_cells(app.screen, school.today.isoformat())[2].startswith("Ngày học")


async def test_enter_on_a_sunday_makes_it_a_school_day(school):
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_class(app, pilot, "Lá 1")
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        keys = screen.query_one("#table").shown_keys
        sunday = next(k for k in keys if dt.date.fromisoformat(k).weekday() == 6 and k != school.today.isoformat())
        start = keys.index(screen.query_one("#table").selected_key)
        step = keys.index(sunday) - start
        await pilot.press(*(["down"] * step if step > 0 else ["up"] * -step))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DayReasonDialog)
        await pilot.press("ctrl+s")  # the reason offered: «Học bù»
        await pilot.pause()
        assert row_cells(screen, sunday)[2] == "Ngày học (Học bù)"
        session.open_path(school.path)
        info = attendance.day_info(dt.date.fromisoformat(sunday))
        session.close()
        assert (info.is_school_day, info.reason) == (True, "Học bù")


async def test_the_daily_screen_footer_still_fits_with_the_month_and_calendar_keys(school):
    app = school.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_class(app, pilot, "Lá 1")
        assert footer_fits(screen)
