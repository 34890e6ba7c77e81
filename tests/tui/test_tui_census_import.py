"""Phổ cập → N (Nhập tệp) at 80×24: a census workbook previewed, imported all or nothing, the list following;
a big file in a worker thread with the progress panel and Esc; a bad file's cells named on the screen."""

from __future__ import annotations


import pytest
from textual.widgets import Input, ProgressBar
from tui_helpers import SIZE, Gate, table_names

from mamnon.services import census, session
from mamnon.workbooks.census_spec import CENSUS
from tests.workbooks.conftest import write_book
from tui.screens.census import CensusScreen
from tui.screens.census_import import CensusImportScreen
from tui.widgets.progress_panel import ProgressPanel


def _rows(year: int) -> list[dict]:
    return [
        {"commune": "Xã Tân Lập", "village": "Thôn Tây", "full_name": "Lò Thị Mai", "birth_date": f"03/04/{year - 5}",
         "sex": "Nữ", "guardian_name": "Lò Văn Páo", "status": "Không đi học"},
        {"commune": "Xã Tân Lập", "village": "Thôn Đông", "full_name": "Lò Văn Sính",
         "birth_date": f"05/05/{year - 3}", "sex": "Nam", "guardian_name": "Lò Văn Páo",
         "status": "Học trường khác", "school_name": "MN Sao Mai"},
    ]


def _area(school_db) -> None:
    session.open_path(school_db.path)
    census.add_village("Xã Tân Lập", "Thôn Đông")
    session.close()


def outcome(screen) -> str:
    return screen.query_one("#outcome").content.plain


async def _open_import(app, pilot, year: int, path) -> CensusImportScreen:
    await pilot.pause()
    app.push_screen(CensusScreen(year))
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CensusImportScreen) and app.focused is screen.query_one("#path", Input)
    screen.query_one("#path", Input).value = str(path)
    await pilot.pause()
    return screen


async def test_preview_then_import_and_the_list_shows_the_children(school_db, tmp_path):
    _area(school_db)
    year = school_db.year_first
    path = write_book(tmp_path / "dieu-tra.xlsx", CENSUS, _rows(year), meta={"census_year": str(year)})
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_import(app, pilot, year, path)
        await pilot.press("enter")
        await pilot.pause()
        shown = outcome(screen)
        assert shown.startswith("Tệp dieu-tra.xlsx: ")
        assert "Kiểm tra xong, không có lỗi: tạo mới 2, cập nhật 0, không đổi 0." in shown
        assert f"Năm điều tra: {year}." in shown and "Thêm thôn «Thôn Tây», xã «Xã Tân Lập»" in shown
        assert census.list_entries(year) == []  # a preview writes nothing
        assert [v.name for v in census.list_villages()] == ["Thôn Đông"]

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Đã nhập: tạo mới 2, cập nhật 0, không đổi 0." in outcome(screen)
        entries = {e.full_name: (e.village, e.where) for e in census.list_entries(year)}
        assert entries == {"Lò Thị Mai": ("Thôn Tây", "Không đi học"),
                           "Lò Văn Sính": ("Thôn Đông", "Học trường khác: MN Sao Mai")}
        await pilot.press("ctrl+s")  # a second Ctrl+S needs a new preview first: nothing more is written
        await pilot.pause()
        assert len(census.list_entries(year)) == 2

        await pilot.press("escape")
        await pilot.pause()
        listed = app.screen
        assert isinstance(listed, CensusScreen)
        assert sorted(table_names(listed, 1)) == ["Lò Thị Mai", "Lò Văn Sính"]


async def test_a_bad_file_is_refused_cell_by_cell_and_nothing_is_written(school_db, tmp_path):
    _area(school_db)
    year = school_db.year_first
    rows = _rows(year)
    rows[1]["sex"] = "X"
    path = write_book(tmp_path / "dieu-tra-sai.xlsx", CENSUS, rows, meta={"census_year": str(year)})
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_import(app, pilot, year, path)
        await pilot.press("ctrl+r")
        await pilot.pause()
        shown = outcome(screen)
        assert shown.startswith("Tệp dieu-tra-sai.xlsx: ")
        assert "Không nhập được: 1 lỗi. Hãy sửa tệp rồi xem trước lại." in shown
        assert "• trang «Điều tra», dòng 6, cột F «Giới tính» (giá trị «X»): " in shown
        assert (tmp_path / "dieu-tra-sai.xlsx").exists()
        await pilot.press("ctrl+s")  # not offered after a preview with errors
        await pilot.pause()
    session.open_path(school_db.path)
    assert census.list_entries(year) == [] and [v.name for v in census.list_villages()] == ["Thôn Đông"]


async def test_a_file_without_its_year_goes_to_the_year_on_screen(school_db, tmp_path):
    _area(school_db)
    year = school_db.year_first
    path = write_book(tmp_path / "tay.xlsx", CENSUS, _rows(year)[:1], with_meta=False)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_import(app, pilot, year, path)
        await pilot.press("enter")
        await pilot.pause()
        assert f"Năm điều tra: {year}." in outcome(screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e.full_name for e in census.list_entries(year)] == ["Lò Thị Mai"]


@pytest.fixture
def big_files(monkeypatch):
    """The file here is small: lower the size from which the import runs in a worker thread."""
    from tui.screens import import_file

    monkeypatch.setattr(import_file, "IN_THREAD_FROM_BYTES", 0)


async def test_esc_while_importing_a_big_file_leaves_the_census_as_it_was(school_db, tmp_path, monkeypatch,
                                                                          big_files):
    from mamnon.services import census_import

    _area(school_db)
    year = school_db.year_first
    path = write_book(tmp_path / "dieu-tra.xlsx", CENSUS, _rows(year), meta={"census_year": str(year)})
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_import(app, pilot, year, path)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "tạo mới 2" in outcome(screen)

        gate, real, written = Gate(), census_import._write, []

        def held(*args):
            written.append(args[1]["full_name"])
            if len(written) == 2:
                gate.hold()
            return real(*args)

        monkeypatch.setattr(census_import, "_write", held)
        await pilot.press("ctrl+s")
        await gate.wait_reached()
        await pilot.pause(0.2)  # lets the panel's timer draw (the figures are asserted, not the time)
        panel = screen.query_one(ProgressPanel)
        assert panel.display and app.focused is panel
        assert panel.region.bottom <= SIZE[1]
        bar = panel.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (2, 1)
        assert str(panel.query_one("#progress-step").content) == "Ghi Lò Văn Sính"
        await pilot.press("escape")
        assert app.screen is screen
        gate.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert outcome(screen) == "Đã hủy: không nhập gì, cơ sở dữ liệu không thay đổi."
        assert census.list_entries(year) == []
        assert [v.name for v in census.list_villages()] == ["Thôn Đông"]  # the village added is rolled back too
