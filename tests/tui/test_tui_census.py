"""The census screens at 80×24: link the school's children, add a child through the form, a duplicate refused,
search without diacritics, the summary and starting the next year."""

from __future__ import annotations

from tui_helpers import SIZE, pick, table_names, type_text

from mamnon.services import census, session
from tui.screens.census import CensusScreen
from tui.screens.census_form import CensusFormScreen
from tui.screens.census_summary import CensusSummaryScreen


def _said(app, text: str) -> bool:
    return any(text in str(n.message) for n in app._notifications)


def _area(school_db) -> int:
    session.open_path(school_db.path)
    village = census.add_village("Xã Tân Lập", "Thôn Đông").id
    session.close()
    return village


async def _open(app, pilot, year: int) -> CensusScreen:
    await pilot.pause()
    app.push_screen(CensusScreen(year))
    await pilot.pause()
    assert isinstance(app.screen, CensusScreen)
    return app.screen


async def test_link_add_duplicate_and_search(school_db):
    _area(school_db)
    year = school_db.year_first
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, year)
        assert screen.sub_title == f"Điều tra phổ cập năm {year} (trẻ sinh {year - 5}–{year})"
        # The children's records name no village: linking asks for one.
        await pilot.press("l")
        await pilot.pause()
        assert _said(app, "6 trẻ chưa rõ thôn") and census.list_entries(year) == []
        screen.query_one("#village-filter").focus()
        await pick(pilot, 1)
        screen.table.focus()
        await pilot.press("l")
        await pilot.pause()
        assert _said(app, "thêm 6 trẻ của trường")
        assert len(census.list_entries(year)) == 6 and screen.table.row_count == 6
        assert "Nguyễn Thị Hoa ●" in table_names(screen, 1)

        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CensusFormScreen) and app.focused.id == "full_name"
        await type_text(pilot, "lò văn páo")
        await pilot.press("tab")
        await type_text(pilot, f"03/04/{year - 5}")
        await pilot.press("tab")
        await pick(pilot, 1)                                   # (blank), Nam
        await pilot.press("tab", "tab")
        await type_text(pilot, "Lò Văn Sinh")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [pao] = [r for r in census.list_entries(year) if r.child_id is None]
        assert (pao.full_name, pao.sex, pao.village, pao.status, pao.age) == ("Lò Văn Páo", "M", "Thôn Đông",
                                                                                census.NONE, 5)
        assert screen.table.selected_key == str(pao.id)

        # The same child again, typed without diacritics: refused under the name, nothing saved.
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Lo Van Pao")
        await pilot.press("tab")
        await type_text(pilot, f"03/04/{year - 5}")
        await pilot.press("tab")
        await pick(pilot, 1)
        await pilot.press("tab", "tab")
        await type_text(pilot, "lo van sinh")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CensusFormScreen)
        row = form.query_one("#row-full_name")
        assert row.message_kind == "error" and f"Trùng với mục số {pao.id}" in row.message
        await pilot.press("escape")
        await pilot.pause()
        assert len(census.list_entries(year)) == 7

        await pilot.press("slash")
        await type_text(pilot, "nguyen thi")
        assert table_names(screen, 1) == ["Nguyễn Thị Hoa ●", "Nguyễn Thị Mai ●"]


async def test_summary_counts_and_the_next_year(school_db):
    village = _area(school_db)
    year = school_db.year_first
    session.open_path(school_db.path)
    census.link_school_children(year, village_id=village)
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, year)
        await pilot.press("s")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, CensusSummaryScreen)
        table = summary.query_one("#table")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        # Born year − 5: Hoa and Thịnh, both at the school: 2 children, 2 attending, 100 %.
        five = next(r for r in rows if r[0].strip() == str(year - 5))
        assert five[1:5] == ["5", "2", "2", "100,0"]
        total = next(r for r in rows if r[0].strip() == "Cộng")
        assert total[2:4] == ["6", "6"]
        assert "Trẻ 5 tuổi đang học: 100,0 %" in str(summary.query_one("#checks").render())

        await pilot.press("n")
        await pilot.pause()
        assert census.census_years() == [year, year + 1]
        assert summary.sub_title == f"Tổng hợp phổ cập năm {year + 1}"
        # In the new year the two born year − 5 are six: left out; the other four are copied.
        assert len(census.list_entries(year + 1)) == 4
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.year == year + 1 and screen.table.row_count == 4


async def test_summary_shows_the_three_to_five_line_and_each_communes_recognition(school_db):
    from mamnon.services.census_recognition import set_condition

    village = _area(school_db)
    year = school_db.year_first
    session.open_path(school_db.path)
    census.link_school_children(year, village_id=village)
    for code in ("ND20_GV", "ND20_CSVC"):
        set_condition(year, "Xã Tân Lập", code, True)
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(CensusSummaryScreen(year))
        await pilot.pause()
        summary = app.screen
        table = summary.query_one("#table")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        by_age = {r[1]: r for r in rows if r[1] in ("3", "4", "5")}
        pooled = next(r for r in rows if r[0].strip() == "3–5 tuổi")
        # The 3–5 line is the sum of the lines of ages 3, 4 and 5.
        assert int(pooled[2]) == sum(int(r[2]) for r in by_age.values())
        assert int(pooled[3]) == sum(int(r[3]) for r in by_age.values())
        text = str(summary.query_one("#checks").render())
        # Linked children are at the school but none has completed yet: 0 % of the 85 % needed.
        assert "Xã Tân Lập – đạt chuẩn 5 tuổi (NĐ 20/2014/NĐ-CP, Điều 6): Chưa đạt – trẻ 5 tuổi hoàn thành" in text
        assert "3–5 tuổi (NQ 218/2025/QH15; NĐ 277/2025/NĐ-CP): Chưa đạt" in text
        await pilot.press("tab")
        await pilot.pause()
        assert summary.focused is summary.query_one("#checks-box")
