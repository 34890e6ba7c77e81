"""Select with a Vietnamese footer: Textual's own drop-down shows "esc Dismiss menu"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay  # no public name for these
from mamnon.i18n import _


class ChoiceOverlay(SelectOverlay):
    BINDINGS = [Binding("escape", "dismiss", _("Đóng danh sách"))]


class Choice(Select):
    # A compact Select's list has no frame; over a table it would blend into the rows.
    DEFAULT_CSS = """
    Choice > ChoiceOverlay, Choice > ChoiceOverlay.-textual-compact {
        border: round $accent !important;
        background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        # Same children as Select.compose, with the overlay above.
        yield SelectCurrent(self.prompt)
        yield ChoiceOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
