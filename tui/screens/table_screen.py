"""Base of the screens that are one table of records: header, table, status line, footer.

Subclasses set `heading` and `columns`, may add widgets above or below the
table, and implement `reload()`; the table is rebuilt when the screen comes
back into view, because another screen may have changed what it counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.widgets.record_table import Column, RecordTable


class TableScreen(Screen):
    heading = ""
    columns: Sequence[Column] = ()
    reload_on_resume = True
    """False where the screen's own callbacks already reload (and place the cursor)."""

    def compose_above(self) -> ComposeResult:
        return iter(())

    def compose_below(self) -> ComposeResult:
        return iter(())

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield from self.compose_above()
        yield RecordTable(id="table")
        yield from self.compose_below()
        yield Static(id="status")
        yield Footer(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#table", RecordTable)

    def on_mount(self) -> None:
        self.sub_title = self.heading
        self.table.set_columns(self.columns)
        self.reload()
        self.table.focus()

    def on_screen_resume(self) -> None:
        if self.reload_on_resume and self.table.columns:
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        raise NotImplementedError
