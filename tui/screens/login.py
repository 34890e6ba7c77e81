"""Login (đăng nhập): shown after the database opens when the school uses accounts."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from mamnon.i18n import _


class LoginScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "clear", _("Xóa ô"))]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="login-box"):
            yield Static("", id="login-school", markup=False)
            yield Label(_("Tên đăng nhập"))
            yield Input(id="username", compact=True, placeholder=_("ví dụ lan.gv"))
            yield Label(_("Mật khẩu"))
            yield Input(id="password", compact=True, password=True)
            yield Static(_("Gõ tên đăng nhập, Enter, mật khẩu, Enter."), id="login-message", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from mamnon.services import school

        self.sub_title = _("Đăng nhập")
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
            self._message(_("Cần nhập tên đăng nhập."), True)
            self.query_one("#username", Input).focus()
            return
        try:
            actor = accounts.login(username, password_input.value)
        except MamnonError as exc:
            password_input.value = ""
            self._message(str(exc), True)
            return
        from tui.screens.home import HomeScreen

        self.app.notify(_("Xin chào {full_name} ({role_label}).").format(
            full_name=actor.full_name, role_label=accounts.role_label(actor.role)), title=_("Đã đăng nhập"))
        self.app.switch_screen(HomeScreen())

    def action_clear(self) -> None:
        for field in self.query(Input):
            field.value = ""
        self.query_one("#username", Input).focus()
        self._message(_("Gõ tên đăng nhập, Enter, mật khẩu, Enter."), False)
