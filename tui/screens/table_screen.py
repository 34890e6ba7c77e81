"""Base of the screens that are one table of records: header, table, status line, footer.

Subclasses set `heading` and `columns`, may add widgets above or below the
table, and implement `reload()`; the table is rebuilt when the screen comes
back into view, because another screen may have changed what it counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from mamnon.i18n import _
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


class RecordsScreen(TableScreen):
    """A table of records that can be added, edited and deleted (classes, dishes).

    Subclasses fill `self._rows` ({row key: row}) in `reload()`, set `noun`, and
    give `form(row_or_None)` (the add/edit screen) and `delete(row)` (the
    service call, raising MamnonError when it refuses).
    """

    noun = ""
    delete_note = ""
    reload_on_resume = False  # the form's callback reloads and places the cursor

    def __init__(self) -> None:
        super().__init__()
        self._rows: dict[str, Any] = {}

    def form(self, row: Any | None) -> Screen:
        raise NotImplementedError

    def delete(self, row: Any) -> None:
        raise NotImplementedError

    @property
    def selected(self) -> Any | None:
        key = self.table.selected_key
        row = self._rows.get(key) if key is not None else None
        if row is None:
            self.notify(_("Chưa có {noun} nào được chọn.").format(noun=self.noun), severity="warning")
        return row

    def after_save(self, saved_id: int | None) -> None:
        if saved_id is not None:
            self.reload(select_id=saved_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        self.app.push_screen(self.form(None), self.after_save)

    def action_edit(self) -> None:
        row = self.selected
        if row is not None:
            self.app.push_screen(self.form(row), self.after_save)

    def action_delete(self) -> None:
        from tui.dialogs.confirm import ConfirmDialog

        row = self.selected
        if row is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._delete(row)

        self.app.push_screen(ConfirmDialog(_("Xóa {noun} «{name}»?").format(
            noun=self.noun, name=row.name), self.delete_note), done)

    def _delete(self, row: Any) -> None:
        from mamnon.errors import MamnonError

        try:
            self.delete(row)
        except MamnonError as exc:
            message = "\n".join(exc.errors.values()) if getattr(exc, "errors", None) else str(exc)
            self.notify(message, title=_("Không xóa được"), severity="error")
            return
        self.notify(_("Đã xóa {noun} {name}.").format(noun=self.noun, name=row.name))
        self.reload()
