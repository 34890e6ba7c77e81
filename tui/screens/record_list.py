"""Base of the people lists (children, staff): load once, filter in memory as you type.

Rows come from the service once (and again after a change); every keystroke
in the search box only filters that list and refills the table, so a school
with thousands of children searches without touching the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from mamnon.i18n import _
from tui.widgets.record_table import Cell, Column, RecordTable


def list_bindings(*extra: Binding, left_label: str) -> list[Binding]:
    """The keys of a list screen, in the order the footer shows them.

    Built per screen rather than inherited, because inherited bindings would
    always come first in the footer, before the screen's own actions.
    """
    return [
        Binding("a", "add", _("Thêm")),
        Binding("e", "edit", _("Sửa")),
        *extra,
        Binding("h", "toggle_left", left_label),
        Binding("slash", "focus_search", _("Tìm")),
        Binding("escape", "back", _("Quay lại")),
    ]


class RecordListScreen(Screen):
    """Subclasses set BINDINGS = list_bindings(...) and fill in the hooks below."""

    CSS_PATH = [Path(__file__).with_suffix(".tcss")]
    heading = ""
    noun = ""
    """What a row is, for the status line ("trẻ", "người")."""  # i18n-skip: a note for developers
    search_placeholder = _("Tìm theo tên hoặc mã, không cần dấu")

    def __init__(self) -> None:
        super().__init__()
        self.show_left = False
        self._rows: list[Any] = []
        self._by_key: dict[str, Any] = {}

    # ------------------------------------------------------------ hooks

    def fetch(self, include_left: bool) -> list[Any]:
        """All rows from the service, in display order."""
        raise NotImplementedError

    def search(self, rows: list[Any], query: str) -> list[Any]:
        raise NotImplementedError

    def narrow(self, rows: list[Any]) -> list[Any]:
        """Filters other than the search box (e.g. the class of children)."""
        return rows

    def columns(self) -> Sequence[Column]:
        raise NotImplementedError

    def cells(self, row: Any) -> Sequence[Cell]:
        raise NotImplementedError

    def compose_filters(self) -> ComposeResult:
        return iter(())

    # ------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="filters"):
            yield from self.compose_filters()
            yield Input(placeholder=self.search_placeholder, id="search", compact=True, select_on_focus=False)
        yield RecordTable(id="table")
        yield Static(id="status")
        yield Footer(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#table", RecordTable)

    def on_mount(self) -> None:
        self.sub_title = self.heading
        self.table.set_columns(self.columns())
        self.reload()
        self.table.focus()

    def reload(self, select_id: int | None = None) -> None:
        """Fetch the rows again (after a change) and show them, on `select_id` if given."""
        self._rows = self.fetch(self.show_left)
        self._by_key = {str(r.id): r for r in self._rows}
        self.apply_filters(select=None if select_id is None else str(select_id), fresh=True)

    def apply_filters(self, select: str | None = None, fresh: bool = False) -> None:
        query = self.query_one("#search", Input).value
        shown = self.search(self.narrow(self._rows), query)
        self.table.set_rows([(str(r.id), self.cells(r)) for r in shown], select=select,
                            keep_position=fresh, fresh=fresh)
        status = _("Hiển thị {n_shown} / {n_rows} {noun}").format(
            n_shown=len(shown), n_rows=len(self._rows), noun=self.noun)
        if self.show_left:
            status += _(" (kể cả đã nghỉ)")
        self.query_one("#status", Static).update(status)

    @property
    def selected(self) -> Any | None:
        key = self.table.selected_key
        return self._by_key.get(key) if key is not None else None

    def require_selected(self) -> Any | None:
        row = self.selected
        if row is None:
            self.notify(_("Chưa chọn {noun} nào trong danh sách.").format(noun=self.noun), severity="warning")
        return row

    def after_save(self, saved_id: int | None) -> None:
        """Callback of forms and dialogs: reload and put the cursor on the saved row.

        None means cancelled: nothing changed, nothing to reload.
        """
        if saved_id is not None:
            self.reload(select_id=saved_id)
            self.table.focus()

    # ------------------------------------------------------------ events and actions

    def on_key(self, event: events.Key) -> None:
        # Staff type a name straight away: a letter that is not one of the
        # screen's keys starts the search instead of being lost.
        if (self.focused is self.table and event.is_printable and event.character
                and event.character.strip() and event.key not in self._bound_keys()):
            search = self.query_one("#search", Input)
            search.focus()
            search.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    def _bound_keys(self) -> set[str]:
        return {key for binding in self.BINDINGS for key in binding.key.split(",")}

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.apply_filters()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_toggle_left(self) -> None:
        self.show_left = not self.show_left
        self.table.set_columns(self.columns())
        self.reload()
        self.notify(_("Đang hiện cả {noun} đã nghỉ.").format(noun=self.noun) if self.show_left
                    else _("Đã ẩn {noun} đã nghỉ.").format(noun=self.noun))

    def action_back(self) -> None:
        self.dismiss()

    def action_add(self) -> None:
        raise NotImplementedError

    def action_edit(self) -> None:
        raise NotImplementedError
