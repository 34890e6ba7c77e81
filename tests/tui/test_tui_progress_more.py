"""The CSDL ngành import and «Chép ra USB» work in a thread, show a ProgressBar and cancel with Esc.

The work is held at a chosen step by a threading.Event (tui_helpers.Gate), so
the test presses Esc while it runs and then lets it go on to its next safe point: no sleeps, no timing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from csdl_workbooks import child_row, write_csdl_file
from progress_helpers import file_tables
from textual.widgets import ProgressBar
from tui_helpers import SIZE, Gate, finish, type_text

from mamnon import backup as backup_module
from mamnon.services import children, classes, session
from tui.screens.backups import BackupsScreen, CopyToFolderDialog
from tui.screens.csdl import CsdlScreen
from tui.widgets.progress_panel import ProgressPanel

pytestmark = pytest.mark.sqlite_file  # the tests read the database file itself
@pytest.fixture(autouse=True)
def every_job_in_a_thread(monkeypatch):
    """The files here are small: the screens would run them at once, with nothing to cancel."""
    from tui.screens import backups, csdl

    monkeypatch.setattr(csdl, "IN_THREAD_FROM_BYTES", 0)
    monkeypatch.setattr(backups, "IN_THREAD_FROM_BYTES", 0)


def outcome(screen) -> str:
    content = screen.query_one("#outcome").content
    return getattr(content, "plain", str(content))


def csdl_file(school_db, tmp_path: Path) -> Path:
    """One new child in Lá 1, Hoa moved to a new class Lá 2."""
    session.open_path(school_db.path)
    try:
        classes.create_class(classes.ClassForm(name="Lá 2", age_group="MG_5_6"))
    finally:
        session.close()
    y = school_db.year_first
    return write_csdl_file(tmp_path / "hs.xlsx", [
        child_row("Nguyễn Thị Hoa", f"15/03/{y - 5}", "Lá 2"),
        child_row("Đỗ Minh Hải", f"06/06/{y - 5}", "Lá 1", sex="Nam"),
    ])


async def test_esc_while_a_csdl_import_writes_leaves_the_database_unchanged(school_db, tmp_path, monkeypatch):
    path = csdl_file(school_db, tmp_path)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = CsdlScreen()
        await app.push_screen(screen)
        await pilot.pause()
        await type_text(pilot, str(path))
        await pilot.press("ctrl+r")
        await finish(app, pilot)
        assert outcome(screen).startswith("Không có lỗi: mới 1, chuyển lớp 1")
        before = file_tables(school_db.path)

        gate = Gate()
        real = children.move_child
        monkeypatch.setattr(children, "move_child", lambda *a, **k: (real(*a, **k), gate.hold())[0])
        await pilot.press("ctrl+s")
        await gate.wait_reached()
        await pilot.pause(0.2)  # lets the panel's timer draw (what is asserted is the figures, not the time)
        panel = screen.query_one(ProgressPanel)
        assert panel.display and app.focused is panel
        bar = panel.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (2, 1)  # the new child written, the move under way
        assert str(panel.query_one("#progress-step").content) == "Dòng 6: Nguyễn Thị Hoa"
        assert str(panel.query_one("#progress-count").content) == "1/2"
        await pilot.press("escape")
        assert isinstance(app.screen, CsdlScreen)  # Esc cancelled the work, it did not leave the screen
        gate.go.set()
        await finish(app, pilot)
        assert outcome(screen) == "Đã hủy: không nhập gì, cơ sở dữ liệu không thay đổi. Ctrl+R để so lại."
        assert not panel.display
        assert file_tables(school_db.path) == before
        assert "Đỗ Minh Hải" not in [c.full_name for c in children.list_children()]

        # Compared again and not cancelled, the same file is imported: the checks above can fail.
        monkeypatch.setattr(children, "move_child", real)
        await pilot.press("ctrl+r")
        await finish(app, pilot)
        await pilot.press("ctrl+s")
        await finish(app, pilot)
        await finish(app, pilot)  # the comparison run again after the import
        assert outcome(screen).startswith("Đã nhập: mới 1, cập nhật 0, chuyển lớp 1, nghỉ học 0")
        assert "Đỗ Minh Hải" in [c.full_name for c in children.list_children()]
        classes_now = {c.full_name: c.class_name for c in children.list_children()}
        assert classes_now["Nguyễn Thị Hoa"] == "Lá 2" and classes_now["Đỗ Minh Hải"] == "Lá 1"


async def test_esc_while_copying_to_usb_leaves_no_file_there(school_db, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = BackupsScreen()
        await app.push_screen(screen)
        await pilot.pause()
        gate = Gate()
        real = backup_module.inspect_file
        monkeypatch.setattr(backup_module, "inspect_file", lambda *a, **k: (gate.hold(), real(*a, **k))[1])
        await pilot.press("u")
        assert isinstance(app.screen, CopyToFolderDialog)
        await type_text(pilot, str(usb))
        await pilot.press("ctrl+s")
        await gate.wait_reached()  # every page copied into the temporary file, the check not done
        assert isinstance(app.screen, BackupsScreen) and screen.panel.busy
        await pilot.press("escape")
        gate.go.set()
        await finish(app, pilot)
        assert isinstance(app.screen, BackupsScreen)
        assert f"Đã hủy: không có tệp nào được ghi vào {usb}." in [n.message for n in app._notifications]
        assert list(usb.iterdir()) == []

        monkeypatch.setattr(backup_module, "inspect_file", real)
        await pilot.press("u")
        await type_text(pilot, str(usb))
        await pilot.press("ctrl+s")
        await finish(app, pilot)
        (copied,) = usb.iterdir()
        assert copied.name.endswith("-usb.sqlite")
        assert any(n.message == f"Đã chép: {copied}" for n in app._notifications)


async def test_a_missing_usb_folder_is_refused_in_the_dialog(school_db, tmp_path):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(BackupsScreen())
        await pilot.pause()
        await pilot.press("u")
        await type_text(pilot, str(tmp_path / "khong-co"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CopyToFolderDialog)  # stays open, the field says why
        error = app.screen.query_one("#folder-error")
        assert error.display and "hãy cắm USB hoặc tạo thư mục trước" in str(error.content)
    assert list(tmp_path.glob("**/*-usb.sqlite")) == []
