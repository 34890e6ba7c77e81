"""At start-up, the database failed SQLite's quick check: offer the latest good backup instead.

Nothing is opened before the person chooses. Restoring keeps the damaged file
aside (services.backups.restore), so choosing wrongly loses nothing. The
dialog dismisses with True once the backup is in place (the app then opens
it as usual), False to quit.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from mamnon.errors import MamnonError
from mamnon.services import backups
from mamnon.i18n import _


class DamagedDbDialog(ModalScreen[bool]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("k", "restore", _("Khôi phục")),
        Binding("escape,t", "quit_app", _("Thoát")),
    ]

    def __init__(self, db_path: str) -> None:
        super().__init__()
        self.db_path = db_path
        self.check = backups.startup_check(db_path)

    def compose(self) -> ComposeResult:
        latest = self.check.latest
        with Vertical(id="damaged"):
            yield Label(_("Tệp dữ liệu {name} bị hỏng.").format(
                name=Path(self.db_path).name), id="damaged-title", markup=False)
            yield Static(_("Kiểm tra SQLite: {problem}").format(
                problem=self.check.problem or _("không đạt")), id="damaged-problem", markup=False)
            if latest is not None:
                yield Static(_("Bản sao lưu tốt gần nhất: {backup}.\nKhôi phục bản này? Tệp hỏng được giữ lại "
                                "bên cạnh, không bị xóa. Những gì nhập sau lúc sao lưu cần nhập lại.").format(backup=backups.describe(latest)),
                             id="damaged-offer", markup=False)
            else:
                yield Static(_("Không có bản sao lưu tốt nào trong thư mục «sao-luu». Hãy tìm bản chép trên "
                             "USB rồi dùng lệnh «mamnon restore TỆP»."), id="damaged-offer", markup=False)
            yield Static("", id="damaged-error", markup=False)
            with Horizontal(id="damaged-buttons"):
                if latest is not None:
                    yield Button(_("Khôi phục (K)"), id="restore", variant="primary", compact=True,
                                 action="screen.restore")
                yield Button(_("Thoát (Esc)"), id="quit", compact=True, action="screen.quit_app")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#restore" if self.check.latest is not None else "#quit", Button).focus()

    def action_restore(self) -> None:
        if self.check.latest is None:
            return
        try:
            backups.restore(self.check.latest.path, self.db_path)
        except MamnonError as exc:
            self.query_one("#damaged-error", Static).update(str(exc))
            return
        self.dismiss(True)

    def action_quit_app(self) -> None:
        self.dismiss(False)
