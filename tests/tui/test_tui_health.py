"""Health screens: rounds, entering weights and heights by keyboard, confirmation, charts, statistics, checks.

Every test drives the real app (make_app on its own SQLite file, 80x24) and
checks the DATABASE through the services, not only what the screen shows.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tui_helpers import SIZE, pick, table_names, type_text

from mamnon import growth
from mamnon.services import health_checks, measurements, session
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.confirm_measure import ConfirmMeasureDialog
from tui.dialogs.new_round import NewRoundDialog
from tui.dialogs.pick_class import PickClassDialog
from tui.screens.growth_chart import GrowthChartScreen
from tui.screens.health import HealthScreen
from tui.screens.health_check_form import HealthCheckFormScreen
from tui.screens.health_checks import HealthChecksScreen
from tui.screens.measure_round import MeasureRoundScreen
from tui.screens.round_stats import RoundStatsScreen

DEMO_TODAY = dt.date(2026, 10, 1)
"""The demo school then has one whole-school round, on 15/09/2026."""


async def open_health(app, pilot) -> HealthScreen:
    await pilot.pause()
    await pilot.press("4")
    await pilot.pause()
    assert isinstance(app.screen, HealthScreen)
    return app.screen


def class_round(school_db, class_name: str = "Lá 1") -> int:
    """A round of one class today, made through the service before the app opens."""
    session.open_path(school_db.path)
    row = measurements.create_round(dt.date.today(), class_id=school_db.classes[class_name])
    session.close()
    return row.id


async def open_entry(app, pilot) -> MeasureRoundScreen:
    """Health home -> Enter on the (only, class) round -> the entry grid."""
    await open_health(app, pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, MeasureRoundScreen)
    return app.screen


def message(screen) -> str:
    return str(screen.query_one("#message").render())


@pytest.fixture
def demo_db(db_path) -> str:
    from mamnon.services import demo

    session.open_path(db_path)
    demo.build_demo(children=40, seed=1, today=DEMO_TODAY)
    session.close()
    return db_path


# ---------------------------------------------------------------- rounds


async def test_create_a_class_round_through_the_dialog(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_health(app, pilot)
        assert "Chưa có đợt" in str(screen.query_one("#status").render())
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NewRoundDialog)
        assert app.focused.id == "date"
        assert app.focused.value == dt.date.today().strftime("%d/%m/%Y")
        await pilot.press("tab", "tab")  # name left blank: the service names it after the month
        await pick(pilot, 3)  # Toàn trường, Nhà trẻ A, Mầm 1, Lá 1
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        [row] = measurements.list_rounds()
        assert row.date == dt.date.today()
        assert row.class_id == school_db.classes["Lá 1"]
        assert row.name == measurements.default_round_name(row.date, "Lá 1")
        assert (row.enrolled, row.measured) == (2, 0)
        assert screen.table.selected_key == str(row.id)


async def test_whole_school_round_asks_for_the_class(school_db):
    session.open_path(school_db.path)
    round_id = measurements.create_round(dt.date.today()).id
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_health(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickClassDialog)
        await pilot.press("enter")  # Nhà trẻ A, Mầm 1, Lá 1: the first
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeasureRoundScreen)
        assert (screen.round_id, screen.class_id) == (round_id, school_db.classes["Nhà trẻ A"])
        assert [r.full_name for r in screen.rows] == ["Phạm Ngọc Ánh", "Lê Minh Khôi"]

        # Back and Enter again: the picker offers the next class.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert screen.class_id == school_db.classes["Lá 1"]
        assert [r.full_name for r in screen.rows] == ["Nguyễn Thị Hoa", "Nguyễn Văn Thịnh"]


# ---------------------------------------------------------------- entering


async def test_weight_and_height_of_two_children_saved_with_who_zscores(school_db):
    round_id = class_round(school_db)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_entry(app, pilot)
        assert app.focused.id == "weight"
        first, second = screen.rows
        # Enter after the weight goes to the height; Enter after the height saves and goes down.
        await type_text(pilot, "18,5")
        await pilot.press("enter")
        assert app.focused.id == "height"
        await type_text(pilot, "108,2")
        # The z-scores show while typing, before anything is saved.
        assert screen.table.get_row(str(first.child_id))[5].plain.strip() != ""
        assert measurements.get_entry(round_id, first.child_id) is None
        await pilot.press("enter")
        await pilot.pause()
        assert screen.index == 1 and app.focused.id == "weight"
        # Tab from weight to height, a decimal point instead of a comma.
        await type_text(pilot, "19.0")
        await pilot.press("tab")
        await type_text(pilot, "110")
        await pilot.press("enter")
        await pilot.pause()

        today = dt.date.today()
        for child, weight, height in ((first, 18.5, 108.2), (second, 19.0, 110.0)):
            saved = measurements.get_entry(round_id, child.child_id)
            assert (saved.weight_kg, saved.height_cm, saved.lying) == (weight, height, False)
            assert saved.measured_on == today and not saved.confirmed
            z = growth.zscores(child.sex, child.birth_date, today, weight_kg=weight, height_cm=height,
                               lying=False)
            assert (saved.wfa, saved.hfa, saved.wfh, saved.bfa) == (z.wfa, z.hfa, z.wfh, z.bfa)
            cells = screen.table.get_row(str(child.child_id))
            assert cells[0].plain.startswith("✓")
            assert cells[5].plain.strip() == f"{z.wfa:.2f}".replace(".", ",")
        assert "Đã đo 2 / 2 trẻ" in str(screen.query_one("#round-info").render())


async def test_implausible_value_is_saved_only_after_c(school_db):
    round_id = class_round(school_db)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_entry(app, pilot)
        child = screen.rows[0]
        await type_text(pilot, "45")
        await pilot.press("tab")
        await type_text(pilot, "108")
        assert "xác nhận" in message(screen)  # said while typing
        await pilot.press("enter")
        await pilot.pause()

        dialog = app.screen
        assert isinstance(dialog, ConfirmMeasureDialog)
        reasons = measurements.check_entry(child.child_id, round_id, "45", "108").reasons
        assert reasons and dialog.reasons == reasons
        shown = str(dialog.query_one("#cm-reasons").render())
        assert "Cân nặng 45,0 kg ngoài khoảng 1–50 kg." not in shown  # 45 kg is inside 1–50 …
        assert "ngoài giới hạn WHO" in shown  # … but far outside the WHO curves for a 5-year-old
        assert measurements.get_entry(round_id, child.child_id) is None

        # Esc goes back to fix: nothing saved, still on the same child.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.index == 0
        assert measurements.get_entry(round_id, child.child_id) is None

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmMeasureDialog)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        saved = measurements.get_entry(round_id, child.child_id)
        assert saved.weight_kg == 45.0 and saved.confirmed
        assert saved.reasons == reasons
        assert screen.index == 1
        assert screen.table.get_row(str(child.child_id))[0].plain.startswith("!")


async def test_bad_number_is_an_error_naming_the_child_and_nothing_is_saved(school_db):
    round_id = class_round(school_db)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_entry(app, pilot)
        child = screen.rows[0]
        await type_text(pilot, "1,2,5")
        await pilot.press("tab")
        await type_text(pilot, "108")
        await pilot.press("enter")
        await pilot.pause()

        assert app.screen is screen and screen.index == 0
        assert measurements.get_entry(round_id, child.child_id) is None
        text = message(screen)
        assert child.full_name in text and "Cân nặng phải là số kg" in text
        assert screen.query_one("#message").has_class("-error")
        assert app.focused.id == "weight"  # back on the wrong number

        # Letters are not typed into the numbers: they are the screen's keys.
        await type_text(pilot, "17,5")
        await pilot.press("n")
        assert screen.query_one("#weight").value == "17,5"
        assert str(screen.query_one("#posture").render()) == "Nằm"  # n switched to lying
        await pilot.press("enter")
        await pilot.pause()
        saved = measurements.get_entry(round_id, child.child_id)
        assert (saved.weight_kg, saved.height_cm, saved.lying) == (17.5, 108.0, True)


async def test_absent_child_is_skipped_and_entered_later(school_db):
    round_id = class_round(school_db)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_entry(app, pilot)
        absent, present = screen.rows
        await pilot.press("enter")  # nothing typed: skip
        await pilot.pause()
        assert screen.index == 1
        await type_text(pilot, "19")
        await pilot.press("tab")
        await type_text(pilot, "110")
        await pilot.press("enter")
        await pilot.pause()
        assert measurements.get_entry(round_id, absent.child_id) is None
        assert [r.child_id for r in measurements.children_not_measured(round_id)] == [absent.child_id]
        assert "Còn 1 trẻ chưa đo" in message(screen)

        await pilot.press("c")  # to the next child not measured
        await pilot.pause()
        assert screen.index == 0
        await type_text(pilot, "18")
        await pilot.press("tab")
        await type_text(pilot, "107")
        await pilot.press("enter")
        await pilot.pause()
        assert measurements.get_entry(round_id, absent.child_id).weight_kg == 18.0
        assert measurements.children_not_measured(round_id) == []
        assert "Đã đo 2 / 2 trẻ" in str(screen.query_one("#round-info").render())


async def test_x_clears_a_saved_entry_after_confirming(school_db):
    round_id = class_round(school_db)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_entry(app, pilot)
        child = screen.rows[0]
        await type_text(pilot, "18")
        await pilot.press("tab")
        await type_text(pilot, "107")
        await pilot.press("enter", "up")
        await pilot.pause()
        assert screen.index == 0 and measurements.get_entry(round_id, child.child_id) is not None
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # No: kept
        await pilot.pause()
        assert measurements.get_entry(round_id, child.child_id) is not None
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert measurements.get_entry(round_id, child.child_id) is None
        assert screen.query_one("#weight").value == ""
        assert screen.table.get_row(str(child.child_id))[0].plain.startswith(" ")


async def test_esc_first_drops_what_was_typed_then_leaves(school_db):
    round_id = class_round(school_db)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_entry(app, pilot)
        await type_text(pilot, "18")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#weight").value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HealthScreen)
        assert measurements.children_not_measured(round_id) != []


# ---------------------------------------------------------------- chart and statistics


async def test_growth_chart_plots_the_childs_measurements(demo_db):
    from tui.app import make_app

    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_health(app, pilot)
        await pilot.press("enter")  # the whole-school round: pick a class
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        entry = app.screen
        assert isinstance(entry, MeasureRoundScreen)
        measured = next(i for i, r in enumerate(entry.rows) if r.measurement and r.measurement.height_cm)
        entry.go_to(measured)
        child = entry.rows[measured]
        await pilot.press("g")
        await pilot.pause()
        chart = app.screen
        assert isinstance(chart, GrowthChartScreen)
        history = measurements.child_history(child.child_id)
        assert history
        expected = [((m.measured_on - child.birth_date).days / 30.4375, m.weight_kg) for _, m in history]
        plot = chart.plot
        assert [x for x, _ in plot.points] == pytest.approx([x for x, _ in expected])
        assert [y for _, y in plot.points] == [y for _, y in expected]
        assert [line.label for line in plot.lines] == ["-3", "-2", "0", "+2", "+3"]
        assert plot.x_range[0] == 0 and plot.x_range[1] >= expected[-1][0]
        # The WHO median line is growth.curve's.
        months, values = zip(*plot.lines[2].points)
        assert list(values[:3]) == growth.curve("wfa", child.sex, 0, [m * 30.4375 for m in months[:3]])
        assert "●" in plot.render().plain
        assert child.full_name in str(chart.query_one("#chart-title").render())

        await pilot.press("2")  # height-for-age
        await pilot.pause()
        heights = [growth.corrected_height((m.measured_on - child.birth_date).days, m.height_cm, m.lying)
                   for _, m in history]
        assert [y for _, y in plot.points] == pytest.approx(heights)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is entry


async def test_statistics_screen_shows_round_statistics(demo_db):
    from mamnon.services import growth_stats
    from tui.app import make_app

    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_health(app, pilot)
        [rnd] = measurements.list_rounds()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoundStatsScreen)
        stats = growth_stats.round_statistics(rnd.id)
        total = stats.total

        def row(key: str) -> list[str]:
            return [c.plain.strip() for c in screen.table.get_row(key)]

        cells = row("all")
        assert cells[0] == "Toàn trường"
        assert cells[1] == f"{total.measured}/{total.enrolled}"
        pct = f"{total.wfa.malnourished_percent:.1f}".replace(".", ",")
        assert cells[2].split() == [str(total.underweight), f"{pct}%"]
        assert cells[3].split()[0] == str(total.stunted)
        assert cells[6].split()[0] == str(total.obese)
        assert total.underweight > 0  # the demo has underweight children: the test compares real numbers

        await pilot.press("g")  # boys only
        await pilot.pause()
        boys = stats.group("all", "M")
        assert row("all")[1] == f"{boys.measured}/{boys.enrolled}"
        assert row("all")[2].split()[0] == str(boys.underweight)
        assert "Nam" in str(screen.query_one("#stats-title").render())


# ---------------------------------------------------------------- health checks


async def test_add_a_health_check_through_the_form(school_db):
    anh = school_db.children["Phạm Ngọc Ánh"]
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_health(app, pilot)
        await pilot.press("k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HealthChecksScreen)
        assert table_names(screen, 0) == ["Phạm Ngọc Ánh", "Lê Minh Khôi"]  # Nhà trẻ A, the first class
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HealthCheckFormScreen)
        assert form.query_one("#checked_on").value == dt.date.today().strftime("%d/%m/%Y")
        # The examiner is required: the error shows under the field, nothing saved.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#row-examiner").message_kind == "error"
        assert health_checks.list_health_checks(anh) == []

        form.query_one("#examiner").focus()
        await type_text(pilot, "BS Hà")
        form.query_one("#teeth").focus()
        await type_text(pilot, "Sâu răng")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        [check] = health_checks.list_health_checks(anh)
        assert (check.checked_on, check.examiner, check.teeth) == (dt.date.today(), "BS Hà", "Sâu răng")
        assert check.findings == (("Răng miệng", "Sâu răng"),)
        assert screen.table.get_row(str(anh))[2].plain == "Sâu răng"
        assert screen.table.selected_key == str(school_db.children["Lê Minh Khôi"])  # on to the next child

        # The next check offers the same day and examiner.
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one("#examiner").value == "BS Hà"
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f")  # only children with a finding
        await pilot.pause()
        assert table_names(screen, 0) == ["Phạm Ngọc Ánh"]
        assert [f.child_id for f in health_checks.class_findings(school_db.classes["Nhà trẻ A"])] == [anh]


# ---------------------------------------------------------------- footers

FOOTERS = {
    "health": (["Nhập số đo", "Đợt mới", "Thống kê", "Khám sức khỏe", "Quay lại", "Thoát"], []),
    "new round": (["Đồng ý", "Hủy"], ["a"]),
    "entry": (["Lưu", "Ô sau", "Nằm/Đứng", "Xóa số đo", "Biểu đồ", "Chưa đo", "Quay lại", "Thoát"], ["enter"]),
    "confirm": (["Xác nhận lưu", "Quay lại sửa"], ["enter", "4", "5", "tab", "1", "0", "8", "enter"]),
    "chart": (["Cân nặng", "Chiều cao", "Phóng to", "Trẻ trước", "Trẻ sau", "Quay lại", "Thoát"],
              ["enter", "g"]),
    "statistics": (["Cả hai/Nam/Nữ", "Quay lại", "Thoát"], ["s"]),
    "checks": (["Thêm lần khám", "Sửa", "Chỉ trẻ có vấn đề", "Chọn lớp", "Quay lại", "Thoát"], ["k"]),
}


@pytest.mark.parametrize("name", list(FOOTERS))
async def test_health_footers_show_every_key_within_80_columns(school_db, name):
    from test_tui_footer import footer

    class_round(school_db)
    expected, keys = FOOTERS[name]
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_health(app, pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        shown = footer(app.screen)
        assert [d for d, _ in shown] == expected
        assert all(0 < right <= SIZE[0] for _, right in shown), shown
