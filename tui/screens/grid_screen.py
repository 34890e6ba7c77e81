"""Base of the screens that are one grid of days or marks: a heading, a line of keys, the grid, a totals line.

The attendance day, the attendance register of a month, the school's month and the
school calendar share this layout; each fills the heading, the columns and the
totals itself. `HINT` is the line of keys under the heading (none when empty).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.widgets.record_table import RecordTable


class GridScreen(Screen):
    HINT = ""

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="heading")
        if self.HINT:
            yield Static(self.HINT, id="hint", markup=False)
        yield RecordTable(id="table")
        yield Static(id="totals")
        yield Footer(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#table", RecordTable)
