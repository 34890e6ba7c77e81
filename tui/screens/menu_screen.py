"""Base of the numbered menus (home, bán trú, Excel): a list of (key, label, module, class) to open.

The items are opened by importing their module only when chosen, so a menu
loads nothing of the screens behind it. Number keys open an item directly and
stay out of the footer: the menu itself shows them, and seven or eight labels
would not fit an 80-column footer.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from mamnon.i18n import _

MenuItem = tuple[str, str, str, str]
"""(key, label, module, class name): a screen or a dialog, both pushed the same way."""


def menu_bindings(items: Sequence[MenuItem]) -> list[Binding]:
    return [Binding(key, f"open('{key}')", label, show=False) for key, label, _skip, _skip in items]


class MenuScreen(Screen):
    items: Sequence[MenuItem] = ()
    heading = ""

    def compose_intro(self) -> ComposeResult:
        """Widgets between the header and the menu (none by default)."""
        return iter(())

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield from self.compose_intro()
        yield Static(_("Chọn chức năng (↑/↓ rồi Enter, hoặc gõ số):"), id="menu-title")
        yield OptionList(*(Option(f"{key}  {label}", id=key) for key, label, _skip, _skip in self.items), id="menu")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.heading
        self.query_one("#menu", OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open(event.option_id or "")

    def action_open(self, key: str) -> None:
        import importlib

        for k, _skip, module, name in self.items:
            if k == key:
                self.app.push_screen(getattr(importlib.import_module(module), name)())
                return

    def action_back(self) -> None:
        self.dismiss()
