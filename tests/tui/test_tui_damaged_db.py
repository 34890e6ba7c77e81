"""The start-up dialog for a damaged database: it offers the latest good backup and restores it on K.

A big backup is restored in a worker thread with the progress panel; the copy is held at its first page
report (tui_helpers.Gate), so Esc is pressed while it runs: no sleeps.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from textual.app import App
from textual.widgets import Button, ProgressBar, Static
from tui_helpers import SIZE, Gate

from mamnon import backup as backup_module
from mamnon.progress import Progress
from mamnon.services import backups, children, classes, school, session
from tests.conftest import add_child
from tui.dialogs import damaged_db
from tui.dialogs.damaged_db import DamagedDbDialog
from tui.widgets.progress_panel import ProgressPanel


class Host(App):
    """What the app does at start-up when the check fails: push the dialog and note the answer."""

    def __init__(self, db_path: str) -> None:
        super().__init__()
        self.db_path = db_path
        self.answer = None

    def on_mount(self) -> None:
        self.push_screen(DamagedDbDialog(self.db_path), self._answered)

    def _answered(self, restored: bool) -> None:
        self.answer = restored


def _damaged_school(tmp_path, with_backup: bool):
    path = tmp_path / "truong.sqlite"
    session.open_path(path)
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", year_name="2026-2027")
    lop = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
    add_child(lop, "Trần Thị An", "05/09/2021")
    add_child(lop, "Lê Văn Bình", "05/09/2021")
    if with_backup:
        backups.backup_now(backups.AT_CLOSE, now=dt.datetime(2026, 11, 18, 17, 5))
    session.close()
    data = bytearray(path.read_bytes())
    data[8192:8192 + 3000] = b"\xab" * 3000
    path.write_bytes(bytes(data))
    return path


def _text(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static))


async def test_k_restores_the_latest_good_backup(tmp_path):
    path = _damaged_school(tmp_path, with_backup=True)
    app = Host(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DamagedDbDialog)
        shown = _text(screen)
        assert "18/11/2026 17:05" in shown and "giữ lại" in shown
        assert screen.query_one("#restore", Button).region.right <= SIZE[0]
        await pilot.press("k")
        await pilot.pause()
        assert app.answer is True
    assert list(tmp_path.glob("truong-truoc-khi-khoi-phuc-*.sqlite"))  # the damaged file is kept aside
    session.open_path(path)
    assert session.integrity() == "ok" and children.count_children() == 2


async def test_without_a_backup_only_quitting_is_offered_and_nothing_changes(tmp_path):
    path = _damaged_school(tmp_path, with_backup=False)
    before = path.read_bytes()
    app = Host(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#restore")
        assert "Không có bản sao lưu tốt nào" in _text(app.screen)
        await pilot.press("k")  # no backup to restore: K does nothing
        await pilot.pause()
        assert app.answer is None
        await pilot.press("escape")
        await pilot.pause()
        assert app.answer is False
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*truoc-khi-khoi-phuc*"))


async def test_the_real_app_offers_the_backup_then_opens_home(tmp_path):
    from tui.app import make_app
    from tui.screens.home import HomeScreen

    path = _damaged_school(tmp_path, with_backup=True)
    app = make_app(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DamagedDbDialog)
        await pilot.press("k")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Đang học: 2 trẻ" in str(app.screen.query_one("#counts").render())


# ---------------------------------------------------------------- a big backup: progress and cancel


@pytest.fixture
def every_restore_in_a_thread(monkeypatch):
    """The school here is small: the dialog would restore it at once, with nothing to cancel."""
    monkeypatch.setattr(damaged_db, "IN_THREAD_FROM_BYTES", 0)
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 8)


@pytest.fixture
def damaged(tmp_path):
    """The damaged school and the path of its good backup."""
    path = _damaged_school(tmp_path, with_backup=True)
    return path, next((tmp_path / "sao-luu").glob("*.sqlite"))


def _pages(path) -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA page_count").fetchone()[0]
    finally:
        con.close()


def _held_at_first_pages(monkeypatch) -> Gate:
    gate = Gate()
    real = Progress.reach
    reports = []

    def reach(self, done, total):
        reports.append(done)
        if len(reports) == 1:
            self.done, self.total = done, total
            gate.hold()
        real(self, done, total)

    monkeypatch.setattr(Progress, "reach", reach)
    return gate


async def test_esc_while_restoring_leaves_the_damaged_file_as_it_was(damaged, tmp_path, monkeypatch,
                                                                     every_restore_in_a_thread):
    path, backup = damaged
    before = path.read_bytes()
    pages = _pages(backup)
    assert pages > 8  # else the copy is one step and there is nothing to hold
    gate = _held_at_first_pages(monkeypatch)
    app = Host(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DamagedDbDialog)
        await pilot.press("k")
        await gate.wait_reached()
        await pilot.pause(0.2)  # lets the panel's timer draw (the figures are asserted, not the time)
        panel = dialog.query_one(ProgressPanel)
        assert panel.display and app.focused is panel
        assert panel.region.bottom <= SIZE[1] and panel.region.right <= SIZE[0]
        bar = panel.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (pages, 8)
        assert str(panel.query_one("#progress-count").content) == f"8/{pages}"
        assert str(panel.query_one("#progress-step").content) == "Khôi phục từ " + backup.name
        await pilot.press("escape")
        assert app.answer is None and isinstance(app.screen, DamagedDbDialog)  # Esc cancelled, did not quit
        gate.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not panel.display and app.answer is None
        said = str(dialog.query_one("#damaged-error", Static).render())
        assert said == ("Đã hủy: chưa khôi phục; tệp dữ liệu hỏng vẫn nguyên như trước. K: khôi phục lại, "
                        "Esc: thoát.")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sao-luu", "truong.sqlite"]


async def test_a_restore_run_to_the_end_puts_the_backup_in_place(damaged, tmp_path, monkeypatch,
                                                                  every_restore_in_a_thread):
    path, backup = damaged
    before = path.read_bytes()
    gate = _held_at_first_pages(monkeypatch)
    gate.go.set()  # counted, never held
    app = Host(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await gate.wait_reached()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.answer is True
    aside = list(tmp_path.glob("truong-truoc-khi-khoi-phuc-*.sqlite"))
    assert len(aside) == 1 and aside[0].read_bytes() == before  # the damaged file, kept as it was
    con = sqlite3.connect(str(path))
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    session.open_path(path)
    try:
        assert children.count_children() == 2
    finally:
        session.close()
