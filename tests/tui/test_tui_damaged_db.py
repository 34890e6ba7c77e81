"""The start-up dialog for a damaged database: it offers the latest good backup and restores it on K."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.widgets import Button, Static
from tui_helpers import SIZE

from mamnon.services import backups, children, classes, school, session
from tests.conftest import add_child
from tui.dialogs.damaged_db import DamagedDbDialog


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
