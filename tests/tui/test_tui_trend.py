"""The trend view: a history database of merged periods read back as a table with text bars."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from tui_helpers import SIZE, pick, type_text

from mamnon import indicators
from mamnon.history import open_history
from mamnon.merge import MergeInput, Unit, UnitRow, merge
from tui.screens.trend import BAR, TrendScreen
from tui.screens.workbooks import WorkbooksScreen

OFFICE = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc", "Phòng GD&ĐT")


def school(code: str, period: str, children: int, measured: int, underweight: int) -> MergeInput:
    values = indicators.complete({"TRE": children, "DD_CAN_DO": measured, "DD_NHE_CAN": underweight})
    unit = Unit(code, f"Trường MN {code}", "Trường")
    return MergeInput(f"{code}.xlsx", unit, period, "1", "2026-11-30T10:00:00", True, dict(values),
                      [UnitRow(code, unit.name, "Trường", (), "2026-11-30T10:00:00", dict(values))])


@pytest.fixture
def history_file(tmp_path):
    """Two schools merged for September to November; MN-B's underweight rate falls then rises."""
    path = tmp_path / "lich-su.sqlite"
    with open_history(path) as db:
        for period, (a, b) in {"2026-09": (10, 40), "2026-10": (5, 20), "2026-11": (8, 30)}.items():
            db.store(merge([school("MN-A", period, 100, 100, a), school("MN-B", period, 200, 200, b)],
                           unit=OFFICE))
    return path


def rows(screen) -> list[list[str]]:
    table = screen.query_one("#table")
    return [[cell.plain.strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]


def status(screen) -> str:
    content = screen.query_one("#status").content
    return getattr(content, "plain", str(content))


async def open_trend(app, pilot) -> TrendScreen:
    await pilot.pause()
    await pilot.press("7")
    await pilot.pause()
    assert isinstance(app.screen, WorkbooksScreen)
    await pilot.press("5")
    await pilot.pause()
    assert isinstance(app.screen, TrendScreen)
    return app.screen


async def test_the_merging_unit_s_children_over_the_periods(school_db, history_file):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trend(app, pilot)
        await type_text(pilot, str(history_file))
        await pilot.press("enter")
        await pilot.pause()
        assert status(screen) == "Phòng GD&ĐT Yên Lạc (mã PGD-YL) — Tổng số trẻ (trẻ)"
        shown = rows(screen)
        assert [r[:2] for r in shown] == [["Tháng 09/2026", "300 trẻ"], ["Tháng 10/2026", "300 trẻ"],
                                          ["Tháng 11/2026", "300 trẻ"]]
        assert all(r[2] and set(r[2]) == {BAR} for r in shown)


async def test_a_school_s_rate_with_bars_in_proportion(school_db, history_file):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trend(app, pilot)
        await type_text(pilot, str(history_file))
        await pilot.press("tab")
        code = "DD_NHE_CAN_TL"
        order = [i.code for i in indicators.CATALOGUE]
        # The list opens on the current choice (TRE), not on the top.
        await pick(pilot, order.index(code) - order.index("TRE"))
        await pilot.press("tab")
        await type_text(pilot, "MN-B")
        await pilot.press("enter")
        await pilot.pause()
        assert status(screen) == "Trường MN MN-B (mã MN-B) — Tỷ lệ suy dinh dưỡng thể nhẹ cân (%)"
        with open_history(history_file, create=False) as db:
            expected = db.trend(code, "MN-B")
        assert expected == [("2026-09", 20.0), ("2026-10", 10.0), ("2026-11", 15.0)]
        shown = rows(screen)
        assert [r[1] for r in shown] == ["20,0 %", "10,0 %", "15,0 %"]
        longest = len(shown[0][2])
        assert [len(r[2]) for r in shown] == [longest, round(longest / 2), round(longest * 0.75)]


async def test_a_missing_file_or_unknown_unit_is_said_and_nothing_is_created(school_db, tmp_path, history_file):
    app = school_db.app()
    missing = tmp_path / "khong-co.sqlite"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_trend(app, pilot)
        await type_text(pilot, str(missing))
        await pilot.press("enter")
        await pilot.pause()
        assert status(screen).startswith(f"Không có cơ sở dữ liệu lịch sử {missing}")
        assert rows(screen) == [] and not missing.exists()
        screen.query_one("#db", Input).value = str(history_file)
        await pilot.press("tab", "tab")
        await type_text(pilot, "MN-Z")
        await pilot.press("enter")
        await pilot.pause()
        assert status(screen) == "Không có đơn vị mã «MN-Z» trong cơ sở dữ liệu lịch sử."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkbooksScreen)
