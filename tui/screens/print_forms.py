"""«In biểu mẫu»: every printable form with a one-line description; Enter asks its options and prints it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from mamnon.i18n import _


def form_prompt(form) -> str:
    from textual.markup import escape

    return f"[b]{escape(_(form.title))}[/b]\n  [dim]{escape(_(form.description))}[/dim]"


class PrintFormsScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("escape", "back", _("Quay lại")),
    ]

    def compose(self) -> ComposeResult:
        from exporters.forms import FORMS

        yield Header(icon="")
        yield Static(_("Chọn biểu mẫu (↑/↓ rồi Enter). Tệp Excel khổ A4, in ra PDF nếu máy có LibreOffice."),
                     id="about")
        yield OptionList(*(Option(form_prompt(f), id=f.name) for f in FORMS), id="forms")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = _("In biểu mẫu")
        self.query_one("#forms", OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_form(event.option_id or "")

    def open_form(self, name: str) -> None:
        from exporters.forms import find_form
        from tui.dialogs.print_form import PrintFormDialog

        self.app.push_screen(PrintFormDialog(find_form(name)))

    def action_back(self) -> None:
        self.dismiss()
