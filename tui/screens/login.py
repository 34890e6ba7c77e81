"""Login (đăng nhập): shown after the database opens when the school uses accounts."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static


class LoginScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "clear", "Xóa ô")]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="login-box"):
            yield Static("", id="login-school", markup=False)
            yield Label("Tên đăng nhập")
            yield Input(id="username", compact=True, placeholder="ví dụ lan.gv")
            yield Label("Mật khẩu")
            yield Input(id="password", compact=True, password=True)
            yield Static("Gõ tên đăng nhập, Enter, mật khẩu, Enter.", id="login-message", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from mamnon.services import school

        self.sub_title = "Đăng nhập"
        self.query_one("#login-school", Static).update(school.school_info().name)
        self.query_one("#username", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "username":
            self.query_one("#password", Input).focus()
        else:
            self.try_login()

    def _message(self, text: str, error: bool) -> None:
        label = self.query_one("#login-message", Static)
        label.update(text)
        label.set_class(error, "-error")

    def try_login(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import accounts

        username = self.query_one("#username", Input).value.strip()
        password_input = self.query_one("#password", Input)
        if not username:
            self._message("Cần nhập tên đăng nhập.", True)
            self.query_one("#username", Input).focus()
            return
        try:
            actor = accounts.login(username, password_input.value)
        except MamnonError as exc:
            password_input.value = ""
            self._message(str(exc), True)
            return
        from tui.screens.home import HomeScreen

        self.app.notify(f"Xin chào {actor.full_name} ({accounts.role_label(actor.role)}).", title="Đã đăng nhập")
        self.app.switch_screen(HomeScreen())

    def action_clear(self) -> None:
        for field in self.query(Input):
            field.value = ""
        self.query_one("#username", Input).focus()
        self._message("Gõ tên đăng nhập, Enter, mật khẩu, Enter.", False)
