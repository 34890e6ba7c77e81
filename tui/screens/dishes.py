"""Dishes (món ăn): each with its foods and grams per child for nhà trẻ and mẫu giáo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.widgets import DataTable, Static

from tui.screens.table_screen import TableScreen
from tui.widgets.record_table import Column

COLUMNS = (
    Column("name", "Tên món", min_width=16),
    Column("nt", "Nhà trẻ", 8),
    Column("mg", "Mẫu giáo", 8),
    Column("note", "Ghi chú", 20),
)


class DishesScreen(TableScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = "Món ăn"
    columns = COLUMNS
    reload_on_resume = False  # the form's callback reloads and places the cursor
    BINDINGS = [
        Binding("a", "add", "Thêm"),
        Binding("e", "edit", "Sửa"),
        Binding("d", "delete", "Xóa"),
        Binding("escape", "back", "Quay lại"),
    ]

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import menus

        self._rows = {str(r.id): r for r in menus.list_dishes()}
        # The stage columns count foods, so a dish missing one stage shows at a glance.
        self.table.set_rows(
            [(key, (r.name, f"{len(r.for_stage('nha_tre'))} TP", f"{len(r.for_stage('mau_giao'))} TP", r.note))
             for key, r in self._rows.items()],
            select=None if select_id is None else str(select_id), keep_position=True, fresh=True)
        self.query_one("#status", Static).update(
            f"{len(self._rows)} món. Enter/e: sửa món và định lượng; a: thêm món.")

    @property
    def selected(self) -> Any | None:
        key = self.table.selected_key
        row = self._rows.get(key) if key is not None else None
        if row is None:
            self.notify("Chưa có món nào được chọn.", severity="warning")
        return row

    def after_save(self, saved_id: int | None) -> None:
        if saved_id is not None:
            self.reload(select_id=saved_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        from tui.screens.dish_form import DishFormScreen

        self.app.push_screen(DishFormScreen(), self.after_save)

    def action_edit(self) -> None:
        from tui.screens.dish_form import DishFormScreen

        row = self.selected
        if row is not None:
            self.app.push_screen(DishFormScreen(row), self.after_save)

    def action_delete(self) -> None:
        from tui.dialogs.confirm import ConfirmDialog

        row = self.selected
        if row is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._delete(row)

        self.app.push_screen(ConfirmDialog(f"Xóa món «{row.name}»?",
                                           "Chỉ xóa được món chưa có trong thực đơn ngày nào."), done)

    def _delete(self, row: Any) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import menus

        try:
            menus.delete_dish(row.id)
        except MamnonError as exc:
            message = "\n".join(exc.errors.values()) if getattr(exc, "errors", None) else str(exc)
            self.notify(message, title="Không xóa được", severity="error")
            return
        self.notify(f"Đã xóa món {row.name}.")
        self.reload()

    def action_back(self) -> None:
        self.dismiss()
