"""The mamnon Textual application: opens the database, then the wizard or Home."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from mamnon.i18n import _


class MamnonApp(App):
    TITLE = "mamnon"
    CSS_PATH = "app.tcss"
    # The command palette is English-only and nothing here needs it.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", _("Thoát"), priority=True)]

    def __init__(self, db_path: str) -> None:
        super().__init__()
        self.db_path = db_path

    def on_mount(self) -> None:
        # Imported here, not at the top: the first frame should not wait for
        # peewee and the screens' widgets (start-up is benchmarked).
        from mamnon.errors import CorruptDatabase, MamnonError
        from mamnon.services import accounts, school, session

        try:
            session.open_path(self.db_path)
            ready = school.is_initialised()
            # A login made by `mamnon --user NAME` for this same file carries over; nothing else does.
            must_login = ready and accounts.current_user() is None
        except CorruptDatabase:
            from tui.dialogs.damaged_db import DamagedDbDialog

            self.push_screen(DamagedDbDialog(self.db_path), self._after_damaged)
            return
        except MamnonError as exc:
            self.exit(return_code=1, message=str(exc))
            return
        # the daily backup also happens on a PC that is never closed
        self.set_interval(3600, self._daily_backup)
        if must_login:
            from tui.screens.login import LoginScreen

            self.push_screen(LoginScreen())
        elif ready:
            from tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())
        else:
            from tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen())

    def _after_damaged(self, restored: bool) -> None:
        if restored:
            self.on_mount()
        else:
            self.exit(return_code=1, message=_("Tệp dữ liệu {db_path} bị hỏng; chưa khôi phục (xem «mamnon backup list»).").format(
                db_path=self.db_path))

    def _daily_backup(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import backups

        try:
            backups.backup_if_due()
        except MamnonError as exc:
            self.notify(str(exc), title=_("Chưa sao lưu được"), severity="warning")

    def on_unmount(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import backups, session

        try:
            backups.backup_at_close()
        except MamnonError:
            pass  # a failed backup must not stop the program closing; the next close tries again
        session.close()

    def action_help_quit(self) -> None:
        # Textual's own Ctrl+C hint is in English.
        self.notify(_("Nhấn Ctrl+Q để thoát chương trình."), title=_("Thoát?"))


def make_app(db_path: str) -> MamnonApp:
    return MamnonApp(db_path)
