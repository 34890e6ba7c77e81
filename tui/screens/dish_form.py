"""Add or edit a dish: name, note, and its foods with grams per child for each stage.

The foods are a table under the fields: Ctrl+N adds one (pick by search, then
the grams), Enter on a row changes its grams, Delete removes it. Nothing is
written before Ctrl+S; the dish service checks the whole dish then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from tui.widgets.field_row import FieldSpec
from tui.widgets.form_body import FormBody
from tui.widgets.record_table import Column, RecordTable
from mamnon.i18n import _

FIELDS = ("name", "note")


class IngredientTable(RecordTable):
    # Bound on the table, so the footer shows them only where they apply.
    BINDINGS = [
        Binding("enter", "select_cursor", _("Sửa gam")),
        Binding("delete", "remove", _("Bỏ thực phẩm")),
    ]

    def action_remove(self) -> None:
        self.screen.remove_ingredient()


class DishFormScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", _("Lưu")),
        Binding("ctrl+n", "add_food", _("Thêm thực phẩm")),
        Binding("escape", "cancel", _("Hủy")),
    ]

    def __init__(self, row: Any | None = None) -> None:
        """`row` is the DishRow to edit, None for a new dish."""
        super().__init__()
        self.row = row
        self.heading = _("Sửa món {name}").format(name=row.name) if row else _("Thêm món ăn")
        # [food_id, food name, grams nhà trẻ, grams mẫu giáo] as typed; one line per food.
        self.lines: list[list[Any]] = []
        if row is not None:
            by_food: dict[int, list[Any]] = {}
            for i in row.ingredients:
                line = by_food.get(i.food_id)
                if line is None:
                    line = by_food[i.food_id] = [i.food_id, i.food_name, "", ""]
                    self.lines.append(line)
                line[2 if i.stage == "nha_tre" else 3] = f"{i.grams:g}"

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        initial = {"name": self.row.name, "note": self.row.note} if self.row else {}
        yield FormBody([FieldSpec("name", _("Tên món"), required=True), FieldSpec("note", _("Ghi chú"))],
                       initial, checker=self.check, id="form")
        yield Static(_("Thực phẩm (gam ăn được cho một trẻ) — Ctrl+N thêm, Enter sửa gam, Delete bỏ:"),
                     id="ingredients-title")
        yield IngredientTable(id="ingredients")
        yield Static("", id="ingredients-error", markup=False)
        yield Footer(compact=True)

    @property
    def body(self) -> FormBody:
        return self.query_one(FormBody)

    @property
    def table(self) -> IngredientTable:
        return self.query_one("#ingredients", IngredientTable)

    def on_mount(self) -> None:
        self.sub_title = self.heading
        self.table.set_columns((Column("food", _("Thực phẩm"), min_width=20), Column("nt", _("Nhà trẻ g"), 10),
                                Column("mg", _("Mẫu giáo g"), 10)))
        self.refill()
        self.body.focus_first()

    def refill(self, select: int | None = None) -> None:
        self.table.set_rows([(str(n), (name, nt, mg)) for n, (_food_id, name, nt, mg) in enumerate(self.lines)],
                            select=None if select is None else str(select), fresh=True)

    def to_form(self, values: dict[str, Any]):  # noqa: ANN201
        from mamnon.services.menus import DishForm, IngredientForm

        return DishForm(name=values.get("name") or "", note=values.get("note") or "",
                        ingredients=[IngredientForm(fid, nt, mg) for fid, _name, nt, mg in self.lines],
                        active=self.row.active if self.row else True,
                        # the version listed: the save is refused if someone saved the dish since
                        row_version=self.row.row_version if self.row else None)

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import menus

        _errors, _warnings, chk = menus.check_dish(self.to_form(values), dish_id=self.row.id if self.row else None)
        return {k: v for k, v in chk.errors.items() if k in FIELDS}, {}

    def show_ingredient_errors(self, errors: dict[str, str]) -> None:
        lines = [v for k, v in errors.items() if k not in FIELDS]
        self.query_one("#ingredients-error", Static).update("\n".join(lines))

    # ------------------------------------------------------------ ingredients

    def action_add_food(self) -> None:
        from tui.dialogs.food_pick import FoodPickDialog

        def picked(food: Any | None) -> None:
            if food is None:
                return
            for n, line in enumerate(self.lines):
                if line[0] == food.id:  # already in the dish: change its grams instead
                    self.notify(_("«{name}» đã có trong món: sửa định lượng.").format(name=food.name))
                    self.edit_line(n)
                    return
            self.lines.append([food.id, food.name, "", ""])
            self.edit_line(len(self.lines) - 1, new=True)

        self.app.push_screen(FoodPickDialog(), picked)

    def edit_line(self, n: int, new: bool = False) -> None:
        from tui.dialogs.grams import GramsDialog

        fid, name, nt, mg = self.lines[n]

        def done(grams: tuple[str, str] | None) -> None:
            if grams is None:
                if new:  # cancelled before any grams: the food was not really added
                    del self.lines[n]
            else:
                self.lines[n][2:] = list(grams)
                self.show_ingredient_errors({})
            self.refill(select=min(n, len(self.lines) - 1) if self.lines else None)
            self.table.focus()

        self.app.push_screen(GramsDialog(fid, name, nt, mg), done)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter in a field moves on, as in the other forms (Ctrl+S saves).
        event.stop()
        self.focus_next()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table is self.table and event.row_key.value is not None:
            self.edit_line(int(event.row_key.value))

    def remove_ingredient(self) -> None:
        key = self.table.selected_key
        if key is None:
            return
        n = int(key)
        name = self.lines[n][1]
        del self.lines[n]
        self.refill(select=min(n, len(self.lines) - 1) if self.lines else None)
        self.notify(_("Đã bỏ «{name}» khỏi món (chưa lưu).").format(name=name))

    # ------------------------------------------------------------ save / cancel

    def action_save(self) -> None:
        from mamnon.errors import MamnonError, ValidationError
        from mamnon.services import menus

        form = self.to_form(self.body.values())
        try:
            row = menus.update_dish(self.row.id, form) if self.row else menus.create_dish(form)
        except ValidationError as exc:
            self.show_ingredient_errors(exc.errors)
            self.body.reveal(exc.errors)
            return
        except MamnonError as exc:
            self.notify(str(exc), title=_("Chưa lưu được"), severity="error")
            return
        self.notify(_("Đã lưu món {name}.").format(name=row.name))
        self.dismiss(row.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
