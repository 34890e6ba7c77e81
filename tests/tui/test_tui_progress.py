"""The merge, import and backups screens work in a thread, show a ProgressBar and cancel with Esc.

The work is held at a chosen step by a threading.Event, so the test presses Esc while it
runs and then lets it go on to its next safe point: no sleeps, no timing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from progress_helpers import file_tables, inbox_of, school_reports
from textual.widgets import Input, ProgressBar
from tui_helpers import SIZE, Gate, finish

from exporters import templates
from importers import merge_inputs
from mamnon import backup as backup_module
from mamnon.services import children, session
from mamnon.workbooks.kinds import ROSTER_SPEC
from tui.screens.backups import BackupsScreen
from tui.screens.import_file import ImportFileScreen
from tui.screens.merge import MergeScreen
from tui.widgets.progress_panel import ProgressPanel

TODAY = dt.date(2026, 11, 23)
@pytest.fixture(autouse=True)
def every_job_in_a_thread(monkeypatch):
    """The files here are small: the screens would run them at once, with nothing to cancel."""
    from tui.screens import backups, import_file, merge

    monkeypatch.setattr(merge, "IN_THREAD_FROM_BYTES", 0)
    monkeypatch.setattr(merge, "IN_THREAD_FROM_SCHOOLS", 0)
    monkeypatch.setattr(import_file, "IN_THREAD_FROM_BYTES", 0)
    monkeypatch.setattr(backups, "IN_THREAD_FROM_BYTES", 0)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[Path]:
    return school_reports(tmp_path_factory.mktemp("reports"), (1, 2, 3, 4), children=12)


@pytest.fixture
def inbox(reports, tmp_path) -> Path:
    return inbox_of(reports, tmp_path / "nhan")


def outcome(screen) -> str:
    return screen.query_one("#outcome").content.plain


async def open_merge(app, pilot, inbox: Path, output: Path) -> MergeScreen:
    await pilot.pause()
    screen = MergeScreen()
    await app.push_screen(screen)
    await pilot.pause()
    for key, value in (("inputs", str(inbox)), ("unit_code", "PGD-YL"), ("unit_name", "Phòng GD&ĐT Yên Lạc"),
                       ("output", str(output))):
        screen.query_one(f"#{key}", Input).value = value
    await pilot.pause()
    return screen


async def test_esc_while_reading_stops_the_merge_and_says_nothing_was_written(school_db, inbox, tmp_path,
                                                                              monkeypatch):
    gate = Gate()
    real = merge_inputs._read_one

    def held(path):
        if path.name == "truong-3.xlsx":
            gate.hold()
        return real(path)

    monkeypatch.setattr(merge_inputs, "_read_one", held)
    target = tmp_path / "phong.xlsx"
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot, inbox, target)
        await pilot.press("ctrl+r")
        await gate.wait_reached()
        await pilot.pause(0.2)  # lets the panel's timer draw (what is asserted is the figures, not the time)
        panel = screen.query_one(ProgressPanel)
        assert panel.display and app.focused is panel
        bar = panel.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (4, 2)
        assert str(panel.query_one("#progress-step").content) == "Đọc tệp 3/4: truong-3.xlsx"
        assert str(panel.query_one("#progress-count").content) == "2/4"
        await pilot.press("escape")
        assert isinstance(app.screen, MergeScreen)  # Esc cancelled the work, it did not leave the screen
        gate.go.set()
        await finish(app, pilot)
        assert outcome(screen) == "Đã hủy: chưa đọc xong các tệp, chưa ghi tệp nào."
        assert not panel.display and screen.preview is None
    assert sorted(p.name for p in inbox.iterdir()) == [f"truong-{n}.xlsx" for n in (1, 2, 3, 4)]
    assert not target.exists()


async def test_esc_while_writing_leaves_no_output_and_no_temporary_file(school_db, inbox, tmp_path, monkeypatch):
    from exporters import report as report_writer

    out = tmp_path / "ra"
    out.mkdir()
    target = out / "phong.xlsx"
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot, inbox, target)
        await pilot.press("ctrl+r")
        await finish(app, pilot)
        assert "4 đơn vị đã nộp" in outcome(screen) and screen.ready

        gate = Gate()
        real = report_writer.add_charts
        monkeypatch.setattr(report_writer, "add_charts", lambda *args: (gate.hold(), real(*args)))
        await pilot.press("ctrl+s")
        await gate.wait_reached()
        await pilot.press("escape")
        gate.go.set()
        await finish(app, pilot)
        assert outcome(screen) == "Đã hủy: chưa ghi tệp gộp nào (tệp cũ cùng tên, nếu có, giữ nguyên)."
    assert sorted(p.name for p in out.iterdir()) == []


async def test_a_merge_not_cancelled_is_written(school_db, inbox, tmp_path):
    target = tmp_path / "phong.xlsx"
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_merge(app, pilot, inbox, target)
        await pilot.press("ctrl+r")
        await finish(app, pilot)
        await pilot.press("ctrl+s")
        await finish(app, pilot)
        assert f"Đã ghi báo cáo gộp: {target.resolve()}" in outcome(screen)
    assert target.exists()


def roster_with_new_child(school_db, path: Path) -> Path:
    session.open_path(school_db.path)
    try:
        templates.write_roster(path, "Lá 1")
    finally:
        session.close()
    sheet = ROSTER_SPEC.sheets[0]
    book = openpyxl.load_workbook(path)
    ws = book[sheet.name]
    header = sheet.header_row + 1
    column = {str(c.value).rstrip(" *"): c.column for c in ws[header] if c.value}
    row = next(r for r in range(header + 1, ws.max_row + 2) if not ws.cell(r, column["Họ và tên"]).value)
    for title, value in (("Họ và tên", "Đỗ Thị Hạnh Mới"), ("Ngày sinh", f"05/09/{school_db.year_first - 5}"),
                         ("Giới tính", "Nữ"), ("Lớp", "Lá 1")):
        ws.cell(row, column[title], value)
    book.save(path)
    return path


async def test_an_import_cancelled_after_its_writes_leaves_the_database_unchanged(school_db, tmp_path,
                                                                                  monkeypatch):
    import importers

    path = roster_with_new_child(school_db, tmp_path / "danh-sach.xlsx")
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = ImportFileScreen()
        await app.push_screen(screen)
        await pilot.pause()
        screen.path_input.value = str(path)
        await pilot.press("ctrl+r")
        await finish(app, pilot)
        assert "Kiểm tra xong, không có lỗi: tạo mới 1" in outcome(screen)
        before = file_tables(school_db.path)

        gate = Gate()
        real = importers._service

        def held(*args, **kwargs):
            result = real(*args, **kwargs)  # the rows are written, the transaction still open
            gate.hold()
            return result

        monkeypatch.setattr(importers, "_service", held)
        await pilot.press("ctrl+s")
        await gate.wait_reached()
        await pilot.press("escape")
        gate.go.set()
        await finish(app, pilot)
        assert outcome(screen) == "Đã hủy: không nhập gì, cơ sở dữ liệu không thay đổi."
        assert file_tables(school_db.path) == before
        assert "Đỗ Thị Hạnh Mới" not in [c.full_name for c in children.list_children()]

        # Previewed again and not cancelled, the same file is imported: the check above can fail.
        monkeypatch.setattr(importers, "_service", real)
        await pilot.press("ctrl+r")
        await finish(app, pilot)
        await pilot.press("ctrl+s")
        await finish(app, pilot)
        assert "Đã nhập: tạo mới 1, cập nhật 0" in outcome(screen)
        assert "Đỗ Thị Hạnh Mới" in [c.full_name for c in children.list_children()]


async def test_a_backup_cancelled_on_the_screen_leaves_the_folder_as_it_was(school_db, monkeypatch):
    from mamnon.services import backups

    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 8)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = BackupsScreen()
        await app.push_screen(screen)
        await pilot.pause()
        folder = backups.backup_dir(school_db.path)
        before = sorted(p.name for p in folder.iterdir()) if folder.exists() else []

        gate = Gate()
        real = backup_module.inspect_file
        monkeypatch.setattr(backup_module, "inspect_file", lambda *a, **k: (gate.hold(), real(*a, **k))[1])
        await pilot.press("n")
        await gate.wait_reached()
        await pilot.press("escape")
        gate.go.set()
        await finish(app, pilot)
        assert isinstance(app.screen, BackupsScreen)
        assert "Đã hủy: bản chép dở đã xóa" in "\n".join(n.message for n in app._notifications)
        assert sorted(p.name for p in folder.iterdir()) == before

        monkeypatch.setattr(backup_module, "inspect_file", real)
        await pilot.press("n")
        await finish(app, pilot)
        assert len(list(folder.iterdir())) == len(before) + 1
