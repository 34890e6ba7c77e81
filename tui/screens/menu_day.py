"""One menu day: date and stage, its meals' dishes, children eating, fee per child.

Ctrl+S saves the whole day (the service replaces the day's menu all or
nothing) and opens its calculation; Ctrl+O loads the day already saved for the
date and stage in the fields. A closed day (chốt sổ) is not saved: the service
would accept it, but the closed figures would then no longer match the menu.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Select, Static

from mamnon.i18n import _
from tui.widgets.field_row import FieldSpec
from tui.widgets.form_body import FormBody
from tui.widgets.record_table import Column, RecordTable

FIELDS = ("date", "stage", "children_count", "fee_per_child", "note")
CLOSED_WARNING = _("Ngày đã chốt sổ: mở sổ lại trước khi sửa")


class MenuItemTable(RecordTable):
    BINDINGS = [Binding("delete", "remove", _("Bỏ món"))]

    def action_remove(self) -> None:
        self.screen.remove_item()


class MenuDayScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", _("Lưu, tính")),
        Binding("ctrl+n", "add_item", _("Thêm món")),
        Binding("ctrl+o", "load", _("Mở ngày đã lưu")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, date: dt.date | None = None, stage: str = "mau_giao") -> None:
        super().__init__()
        self.start_date = date or dt.date.today()
        self.start_stage = stage
        self.items: list[tuple[str, int, str]] = []
        """(meal code, dish id, dish name) in serving order."""

    def compose(self) -> ComposeResult:
        from mamnon.formats import format_date
        from mamnon.reference import STAGE_LABELS

        yield Header(icon="")
        yield FormBody([
            FieldSpec("date", _("Ngày"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("stage", _("Cấp học"), "select", [(_(label), code) for code, label in STAGE_LABELS.items()],
                      allow_blank=False),
            FieldSpec("children_count", _("Số trẻ ăn"), placeholder=_("để trống nếu chưa biết")),
            FieldSpec("fee_per_child", _("Tiền ăn 1 trẻ (đ)"), placeholder=_("ví dụ 25000")),
            FieldSpec("note", _("Ghi chú")),
        ], {"date": format_date(self.start_date), "stage": self.start_stage}, checker=self.check, id="form")
        yield Static("", id="closed-warning", markup=False)
        yield Static(id="items-title")
        yield MenuItemTable(id="items")
        yield Static("", id="items-error", markup=False)
        yield Footer(compact=True)

    @property
    def body(self) -> FormBody:
        return self.query_one(FormBody)

    @property
    def table(self) -> MenuItemTable:
        return self.query_one("#items", MenuItemTable)

    def on_mount(self) -> None:
        self.sub_title = _("Thực đơn ngày")
        self.table.set_columns((Column("meal", _("Bữa"), 10), Column("dish", _("Món ăn"), min_width=20)))
        self.load(quiet=True)
        self.body.focus_first()

    def refill(self, select: int | None = None) -> None:
        from mamnon.services.menus import MEAL_LABELS

        self.table.set_rows([(str(n), (_(MEAL_LABELS[meal]), name)) for n, (meal, _skip, name) in enumerate(self.items)],
                            select=None if select is None else str(select), fresh=True)
        self.query_one("#items-title", Static).update(
            _("Các món ({n_items}) — Ctrl+N thêm món, Delete bỏ món:").format(n_items=len(self.items)))

    def to_form(self, values: dict[str, Any]):  # noqa: ANN201
        from mamnon.services.menus import MenuDayForm

        return MenuDayForm(date=values.get("date") or "", stage=values.get("stage") or "",
                           children_count=values.get("children_count") or "",
                           fee_per_child=values.get("fee_per_child") or "", note=values.get("note") or "",
                           items=[(meal, dish_id) for meal, dish_id, _skip in self.items])

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import menus

        _skip, _skip, chk = menus.check_menu_day(self.to_form(values))
        return {k: v for k, v in chk.errors.items() if k in FIELDS}, {}

    # ------------------------------------------------------------ load

    def set_field(self, key: str, value: Any) -> None:
        control = self.body.rows[key].control
        if isinstance(control, Select):
            control.value = value
        elif isinstance(control, Input):
            control.value = "" if value is None else str(value)

    def action_load(self) -> None:
        self.load(quiet=False)

    def closed_day(self) -> bool:
        """Whether the date and stage in the fields are a closed day; the warning line follows it."""
        from mamnon.formats import parse_date
        from mamnon.services import meal_money

        values = self.body.values()
        try:
            closed = bool(values["stage"]) and meal_money.is_closed(parse_date((values["date"] or "").strip()),
                                                                    values["stage"])
        except ValueError:  # a date still being typed
            closed = False
        warning = self.query_one("#closed-warning", Static)
        warning.update(_("⚠ {warning} (Bán trú → 5, phím o).").format(warning=CLOSED_WARNING) if closed else "")
        warning.display = closed
        return closed

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "date":
            self.closed_day()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "stage":
            self.closed_day()

    def load(self, quiet: bool) -> None:
        """Fill the screen from the saved day of the date and stage in the fields, if there is one."""
        from mamnon.errors import MamnonError
        from mamnon.formats import parse_date
        from mamnon.services import menus

        values = self.body.values()
        self.closed_day()
        try:
            date = parse_date((values["date"] or "").strip())
            row = menus.get_menu_day(date, values["stage"])
        except (ValueError, MamnonError) as exc:
            # Nothing saved for that day: what is on screen stays (it may be
            # meant for this day: Ctrl+S then saves it there, a quick copy).
            if quiet:
                self.refill()
            else:
                self.notify(str(exc), title=_("Chưa có thực đơn"), severity="warning")
            return
        self.set_field("children_count", row.children_count)
        self.set_field("fee_per_child", row.fee_per_child)
        self.set_field("note", row.note)
        self.items = [(i.meal, i.dish_id, i.dish_name) for i in row.items]
        self.refill()
        if not quiet:
            self.notify(_("Đã mở thực đơn ngày {date}.").format(date=values['date']))

    # ------------------------------------------------------------ items

    def action_add_item(self) -> None:
        from mamnon.reference import STAGE_LABELS
        from tui.dialogs.menu_item import MenuItemDialog

        stage = self.body.values()["stage"]
        last_meal = self.items[-1][0] if self.items else "trua"

        def done(item: tuple[str, int, str] | None) -> None:
            if item is not None:
                self.items.append(item)
                self.items.sort(key=lambda i: _meal_order(i[0]))  # stable: keeps the order within a meal
                self.refill(select=self.items.index(item))
                self.query_one("#items-error", Static).update("")
                self.table.focus()

        self.app.push_screen(MenuItemDialog(_(STAGE_LABELS[stage]) if stage in STAGE_LABELS else "", last_meal), done)

    def remove_item(self) -> None:
        key = self.table.selected_key
        if key is None:
            return
        n = int(key)
        del self.items[n]
        self.refill(select=min(n, len(self.items) - 1) if self.items else None)

    # ------------------------------------------------------------ save

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        from mamnon.errors import MamnonError, ValidationError
        from mamnon.services import menus
        from tui.screens.day_calc import DayCalcScreen

        if self.closed_day():
            self.notify(CLOSED_WARNING + ".", title=_("Chưa lưu được"), severity="error")
            return
        try:
            row = menus.save_menu_day(self.to_form(self.body.values()))
        except ValidationError as exc:
            self.query_one("#items-error", Static).update(
                "\n".join(v for k, v in exc.errors.items() if k not in FIELDS))
            self.body.reveal(exc.errors)
            return
        except MamnonError as exc:
            self.notify(str(exc), title=_("Chưa lưu được"), severity="error")
            return
        self.notify(_("Đã lưu thực đơn."))
        self.app.push_screen(DayCalcScreen(row.date, row.stage))

    def action_back(self) -> None:
        self.dismiss()


def _meal_order(meal: str) -> int:
    from mamnon.services.menus import MEAL_ORDER

    return MEAL_ORDER.get(meal, 9)
