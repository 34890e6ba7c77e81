"""At start-up, the database failed SQLite's quick check: offer the latest good backup instead.

Nothing is opened before the person chooses. Restoring keeps the damaged file
aside (services.backups.restore), so choosing wrongly loses nothing. The
dialog dismisses with True once the backup is in place (the app then opens
it as usual), False to quit. A big backup is copied in a worker thread with
the progress panel (pages copied), as Sao lưu does; Esc cancels and the
damaged file is put back under its name, untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from mamnon.errors import MamnonError
from mamnon.services import backups
from mamnon.i18n import _
from tui.widgets.progress_panel import ProgressPanel

IN_THREAD_FROM_BYTES = 8 * 1024 * 1024
"""A backup above this size is restored in a worker thread, with a progress bar and Esc (the same size as
tui.screens.backups: a school's file of a few MB copies and checks in well under a second)."""


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
            yield ProgressPanel(id="progress")
            with Horizontal(id="damaged-buttons"):
                if latest is not None:
                    yield Button(_("Khôi phục (K)"), id="restore", variant="primary", compact=True,
                                 action="screen.restore")
                yield Button(_("Thoát (Esc)"), id="quit", compact=True, action="screen.quit_app")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#restore" if self.check.latest is not None else "#quit", Button).focus()

    @property
    def panel(self) -> ProgressPanel:
        return self.query_one("#progress", ProgressPanel)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("restore", "quit_app") and self.panel.busy:
            return None  # Esc now cancels the restore; quitting mid-copy would leave the question open
        return True

    def action_restore(self) -> None:
        latest = self.check.latest
        if latest is None or self.panel.busy:
            return
        self.query_one("#damaged-error", Static).update("")

        def job(progress: Any) -> Any:
            return backups.restore(latest.path, self.db_path, progress=progress)

        try:
            size = latest.path.stat().st_size
        except OSError:
            size = 0  # restore itself says what is wrong with the file
        self.panel.run(job, self.restored, self.restore_failed, in_thread=size >= IN_THREAD_FROM_BYTES)
        self.refresh_bindings()

    def restored(self, result: Any) -> None:
        self.dismiss(True)

    def restore_failed(self, exc: Exception) -> None:
        from mamnon.errors import Cancelled

        self.refresh_bindings()
        if isinstance(exc, Cancelled):
            self.query_one("#damaged-error", Static).update(
                _("Đã hủy: chưa khôi phục; tệp dữ liệu hỏng vẫn nguyên như trước. K: khôi phục lại, Esc: thoát."))
        elif isinstance(exc, MamnonError):
            self.query_one("#damaged-error", Static).update(str(exc))
        else:
            raise exc
        self.query_one("#restore", Button).focus()

    def action_quit_app(self) -> None:
        if self.panel.busy:
            return
        self.dismiss(False)
