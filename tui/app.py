"""The mamnon Textual application: opens the database, then the wizard or Home."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding


class MamnonApp(App):
    TITLE = "mamnon"
    CSS_PATH = "app.tcss"
    # The command palette is English-only and nothing here needs it.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Thoát", priority=True)]

    def __init__(self, db_path: str) -> None:
        super().__init__()
        self.db_path = db_path

    def on_mount(self) -> None:
        # Imported here, not at the top: the first frame should not wait for
        # peewee and the screens' widgets (start-up is benchmarked).
        from mamnon.errors import MamnonError
        from mamnon.services import school, session

        try:
            session.open_path(self.db_path)
            ready = school.is_initialised()
        except MamnonError as exc:
            self.exit(return_code=1, message=str(exc))
            return
        if ready:
            from tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())
        else:
            from tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen())

    def on_unmount(self) -> None:
        from mamnon.services import session

        session.close()

    def action_help_quit(self) -> None:
        # Textual's own Ctrl+C hint is in English.
        self.notify("Nhấn Ctrl+Q để thoát chương trình.", title="Thoát?")


def make_app(db_path: str) -> MamnonApp:
    return MamnonApp(db_path)
