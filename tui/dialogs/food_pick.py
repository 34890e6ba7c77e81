"""Pick one food from the catalogue by typing part of its name (no diacritics needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label

from tui.widgets.record_table import Column, RecordTable
from mamnon.i18n import _

SHOWN = 200
"""Rows put in the table at most: the user narrows by typing, not by scrolling 526 foods."""


class FoodPickDialog(ModalScreen):
    """Dismissed with the chosen FoodRow, or None."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("enter", "choose", _("Chọn"), show=True),
        Binding("escape", "cancel", _("Hủy")),
    ]

    def __init__(self, title: str = _("Chọn thực phẩm")) -> None:
        super().__init__()
        self.dialog_title = title
        self._rows: list[Any] = []
        self._by_key: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="pick"):
            yield Label(self.dialog_title, id="pick-title", markup=False)
            yield Input(placeholder=_("Gõ tên hoặc mã, không cần dấu; ↓ xuống danh sách"), id="pick-search",
                        compact=True)
            yield RecordTable(id="pick-table")
        yield Footer(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#pick-table", RecordTable)

    def on_mount(self) -> None:
        from mamnon.services import foods

        self._rows = foods.list_foods()
        self._by_key = {str(r.id): r for r in self._rows}
        self.table.set_columns((Column("code", _("Mã"), 5), Column("name", _("Tên thực phẩm"), min_width=20),
                                Column("group", _("Nhóm"), 14)))
        self.refill()
        self.query_one("#pick-search", Input).focus()

    def refill(self) -> None:
        from mamnon.vntext import fold

        words = fold(self.query_one("#pick-search", Input).value).split()
        shown = [r for r in self._rows if all(w in fold(f"{r.name} {r.code}") for w in words)][:SHOWN]
        self.table.set_rows([(str(r.id), (r.code, r.name, r.group)) for r in shown])

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def on_key(self, event) -> None:  # noqa: ANN001
        # ↓ from the search box goes into the list, as in a browser's suggestions.
        if event.key == "down" and self.focused is self.query_one("#pick-search", Input):
            self.table.focus()
            event.stop()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        key = self.table.selected_key
        row = self._by_key.get(key) if key is not None else None
        if row is None:
            self.notify(_("Không có thực phẩm nào khớp."), severity="warning")
            return
        self.dismiss(row)

    def action_cancel(self) -> None:
        self.dismiss(None)
