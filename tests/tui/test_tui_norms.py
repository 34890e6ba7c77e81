"""Norm sets in the TUI: which one the year uses, a new version by editing, a province's file."""

from __future__ import annotations

import json

from test_tui_meals import meals_db, open_meals, text_of  # noqa: F401  meals_db is a fixture
from tui_helpers import SIZE, type_text

from mamnon.services import menus, norm_files, school, session
from tui.dialogs.load_norms import LoadNormsDialog
from tui.screens.norm_form import NormFormScreen
from tui.screens.norms import NormsScreen


def rows_of(screen) -> list[tuple[str, ...]]:
    t = screen.table
    return [tuple(str(getattr(c, "plain", c)) for c in t.get_row_at(i)) for i in range(t.row_count)]


async def test_the_sets_show_which_one_the_year_uses_and_switch(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meals(app, pilot, "7", NormsScreen)
        rows = rows_of(screen)
        assert [r[0] for r in rows] == ["", "", "✓", "✓"]
        assert rows[2][1:5] == ("TT 28/2016 (VBHN 01/2021)", "Nhà trẻ", "1", "600–651")
        assert rows[2][5] == "13–20/30–40/47–50"
        await pilot.press("down", "down")
        assert "trưa 30–35; chiều 25–30; phụ 5–10" in text_of(screen, "#detail")
        await pilot.press("up", "up", "u")
        await pilot.pause()
        assert [r[0] for r in rows_of(screen)] == ["✓", "✓", "", ""]
    session.open_path(school_db.path)
    assert menus.norm_code_for(school.current_year().start_date) == "TT17_2009"


async def test_editing_stores_a_new_version_and_refuses_bad_figures(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meals(app, pilot, "7", NormsScreen)
        await pilot.press("down", "down", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NormFormScreen)
        await pilot.press("tab")                         # energy_min
        await pilot.press("ctrl+a", "ctrl+k")          # clear the field
        await type_text(pilot, "700")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form                        # 700 > 651: refused, under the field
        assert "lớn hơn hoặc bằng" in form.query_one("#row-energy_max").message
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k")  # the cursor went to the error: back one
        await type_text(pilot, "610")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen, {k: r.message for k, r in form.body.rows.items() if r.message}
        assert rows_of(screen)[2][3:5] == ("2", "610–651")
    session.open_path(school_db.path)
    assert menus.get_norm_set("TT28_2016", "nha_tre").energy_min == 610
    assert menus.get_norm_set("TT28_2016", "nha_tre", version=1).energy_min == 600


async def test_load_a_province_file_from_a_path(school_db, tmp_path):
    session.open_path(school_db.path)
    data = norm_files.export_norm_sets()
    data["sets"][1]["stages"]["mau_giao"]["energy_min"] = 630
    path = tmp_path / "dinh-muc-so.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meals(app, pilot, "7", NormsScreen)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadNormsDialog)
        await type_text(pilot, str(tmp_path / "khong-co.json"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LoadNormsDialog)  # the error stays under the field
        assert "Không đọc được tệp" in app.screen.query_one("#row-path").message
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, str(path))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert rows_of(screen)[3][3:5] == ("2", "630–726")


async def test_the_daily_screen_shows_each_meal_against_its_share(meals_db):
    import datetime as dt

    from test_tui_meals import TODAY  # noqa: F401  the fixture's school year holds today
    from tui.screens.day_calc import DayCalcScreen, energy_text

    day = dt.date.today()
    session.open_path(meals_db.path)
    menus.save_menu_day(menus.MenuDayForm(date=day, stage="nha_tre", children_count="10",
                                          items=[("trua", meals_db.dish), ("chieu", meals_db.dish)]))
    report = menus.calculate_menu_day(day, "nha_tre")
    trua = next(c for c in report.result.meal_checks if c.meal == "trua")
    session.close()
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DayCalcScreen(day, "nha_tre"))
        await pilot.pause()
        text = text_of(app.screen, "#meal-split")
        assert f"Trưa        {energy_text(trua.energy_kcal)}" in text
        assert "30–35 % (279–350)" in text and "25–30 % (232,5–300)" in text
        # Cơm trứng (60 g rice + 30 g egg for nhà trẻ) is ~256 kcal: below lunch's 279, within chiều.
        assert trua.energy_kcal < 279 and "↓ thiếu" in text.splitlines()[1]
