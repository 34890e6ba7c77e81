"""Dishes (món ăn): each with its foods and grams per child for nhà trẻ and mẫu giáo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.widgets import Static

from textual.screen import Screen

from tui.screens.table_screen import RecordsScreen
from tui.widgets.record_table import Column
from mamnon.i18n import C_, _

COLUMNS = (
    Column("name", _("Tên món"), min_width=16),
    Column("nt", _("Nhà trẻ"), 8),
    Column("mg", C_("cột hẹp", "Mẫu giáo"), 8),
    Column("note", _("Ghi chú"), 20),
)


class DishesScreen(RecordsScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Món ăn")
    columns = COLUMNS
    noun = _("món")
    delete_note = _("Chỉ xóa được món chưa có trong thực đơn ngày nào.")
    BINDINGS = [
        Binding("a", "add", _("Thêm")),
        Binding("e", "edit", _("Sửa")),
        Binding("d", "delete", _("Xóa")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import menus

        self._rows = {str(r.id): r for r in menus.list_dishes()}
        # The stage columns count foods, so a dish missing one stage shows at a glance.
        self.table.set_rows(
            [(key, (r.name, C_("cột hẹp", "{n} TP").format(n=len(r.for_stage('nha_tre'))),
                          C_("cột hẹp", "{n} TP").format(n=len(r.for_stage('mau_giao'))), r.note))
             for key, r in self._rows.items()],
            select=None if select_id is None else str(select_id), keep_position=True, fresh=True)
        self.query_one("#status", Static).update(
            _("{n_dishes} món. Enter/e: sửa món và định lượng; a: thêm món.").format(n_dishes=len(self._rows)))

    def form(self, row: Any | None) -> Screen:
        from tui.screens.dish_form import DishFormScreen

        return DishFormScreen(row) if row is not None else DishFormScreen()

    def delete(self, row: Any) -> None:
        from mamnon.services import menus

        menus.delete_dish(row.id)

    def action_back(self) -> None:
        self.dismiss()
