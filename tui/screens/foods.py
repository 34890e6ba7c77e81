"""The food catalogue: the 2007 table plus the school's foods; set prices, add, delete.

The table's nutrient values are read-only (the service refuses edits), so "e"
opens only the price and supplier dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.binding import Binding

from tui.screens.record_list import RecordListScreen
from tui.widgets.record_table import Cell, Column
from mamnon.i18n import _


def number(value: float | None) -> str:
    """A table figure as printed ('–' when the table has none: unknown, not 0)."""
    return "–" if value is None else f"{value:g}".replace(".", ",")


def price_text(price: int | None) -> str:
    return "" if price is None else f"{price:,}".replace(",", ".")


class FoodsScreen(RecordListScreen):
    CSS_PATH = [*RecordListScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    heading = _("Thực phẩm")
    noun = _("thực phẩm")
    search_placeholder = _("Tìm theo tên hoặc mã thực phẩm, không cần dấu")
    # Built here rather than with list_bindings: there is no "left" list and
    # "e" edits only the price.
    BINDINGS = [
        Binding("a", "add", _("Thêm thực phẩm")),
        Binding("e", "edit", _("Sửa giá")),
        Binding("d", "delete", _("Xóa")),
        Binding("slash", "focus_search", _("Tìm")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def fetch(self, include_left: bool) -> list[Any]:
        from mamnon.services import foods

        return foods.list_foods()

    def search(self, rows: list[Any], query: str) -> list[Any]:
        # In memory, the same folding as the service's own search: no query per keystroke.
        from mamnon.vntext import fold

        words = fold(query).split()
        if not words:
            return rows
        return [r for r in rows if all(w in fold(f"{r.name} {r.code}") for w in words)]

    def columns(self) -> Sequence[Column]:
        return (
            Column("code", _("Mã"), 5),
            Column("name", _("Tên thực phẩm"), min_width=14),
            Column("group", _("Nhóm"), 10),
            Column("kcal", "kcal", 4),
            Column("p", "P", 4),
            Column("l", "L", 4),
            Column("g", "G", 4),
            Column("waste", _("Thải"), 4),
            Column("price", _("Giá đ/kg"), 10),
        )

    def cells(self, row: Any) -> Sequence[Cell]:
        return (row.code, row.name, row.group, number(row.energy_kcal), number(row.protein_g),
                number(row.lipid_g), number(row.glucid_g), number(row.waste_pct), price_text(row.price_per_kg))

    def action_add(self) -> None:
        from tui.screens.food_form import FoodFormScreen

        self.app.push_screen(FoodFormScreen(), self.after_save)

    def action_edit(self) -> None:
        from tui.dialogs.food_price import FoodPriceDialog

        row = self.require_selected()
        if row is not None:
            self.app.push_screen(FoodPriceDialog(row), self.after_save)

    def action_delete(self) -> None:
        from tui.dialogs.confirm import ConfirmDialog

        row = self.require_selected()
        if row is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._delete(row)

        self.app.push_screen(ConfirmDialog(_("Xóa thực phẩm «{name}»?").format(name=row.name),
                                           _("Chỉ xóa được thực phẩm của trường chưa dùng trong món nào.")), done)

    def _delete(self, row: Any) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import foods

        try:
            foods.delete_food(row.id)
        except MamnonError as exc:
            # The service says why (in use, or from the 2007 table): show its words.
            message = "\n".join(exc.errors.values()) if getattr(exc, "errors", None) else str(exc)
            self.notify(message, title=_("Không xóa được"), severity="error")
            return
        self.notify(_("Đã xóa thực phẩm {name}.").format(name=row.name))
        self.reload()
