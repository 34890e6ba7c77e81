"""Sổ kiểm thực ba bước và lưu mẫu (QĐ 1246/QĐ-BYT) of one day and stage.

The log is prefilled from the day's saved menu (kitchen_logs.prefill_day) with
one key, not on opening: browsing days with [ and ] must not write logs for
days nobody cooked. The four parts are tabs (keys 1–4); Enter on a line opens
its confirm dialog, prefilled from the service's *_form_for. Every rule and
refusal (a signed day, an incomplete day, times out of order) is the
service's; this screen only shows the log and what is still missing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from mamnon.i18n import _
from tui.widgets.record_table import Cell, Column, RecordTable

GREEN, YELLOW, RED, MUTED = "bold #5fd75f", "bold #ffd75f", "bold #ff6060", "#9e9e9e"
WEEKDAYS = (_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật"))
STAGES = ("nha_tre", "mau_giao")

DAY_KEYS = Binding.Group(_("Ngày"), compact=True)

TABS = ("b1", "b2", "b3", "mau")
TAB_NAMES = {"b1": _("Bước 1"), "b2": _("Bước 2"), "b3": _("Bước 3"), "mau": _("Lưu mẫu")}
TAB_HINTS = {
    "b1": _("Bước 1 — kiểm tra thực phẩm khi nhận"),
    "b2": _("Bước 2 — khi sơ chế, chế biến"),
    "b3": _("Bước 3 — trước khi chia, ăn"),
    "mau": _("Lưu mẫu thức ăn (lưu ít nhất 24 giờ)"),
}
RESULT_COL = Column("result", _("Kết quả"), 9)
DONE_COL = Column("done", _("KT"), 4)
MEAL_COL = Column("meal", _("Bữa"), 5)
COLUMNS = {
    "b1": (DONE_COL, Column("at", _("Giờ"), 5), Column("food", _("Thực phẩm"), min_width=14),
           Column("qty", _("Số lượng"), 10), Column("supplier", _("Nơi cung cấp"), 13),
           Column("docs", _("Chứng từ"), 9), RESULT_COL),
    "b2": (DONE_COL, MEAL_COL, Column("dish", _("Món ăn"), min_width=14), Column("start", _("Sơ chế"), 6),
           Column("cooked", _("Nấu xong"), 8), Column("cooks", _("Người nấu"), 14), RESULT_COL),
    "b3": (DONE_COL, MEAL_COL, Column("dish", _("Món ăn"), min_width=14), Column("cooked", _("Nấu xong"), 8),
           Column("served", _("Chia suất"), 9), RESULT_COL, Column("by", _("Người KT"), 14)),
    "mau": (DONE_COL, MEAL_COL, Column("dish", _("Món ăn"), min_width=14), Column("amount", _("Lượng"), 7),
            Column("temp", "°C", 4), Column("taken", _("Lấy lúc"), 7), Column("gone", _("Hủy lúc"), 11),
            Column("by", _("Người lấy"), 12)),
}


def number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def clock(value: dt.datetime | None, day: dt.date) -> str:
    """HH:MM on the log's own day, dd/mm HH:MM on another (a sample destroyed the next day)."""
    if value is None:
        return ""
    return f"{value:%H:%M}" if value.date() == day else f"{value:%d/%m %H:%M}"


def stamp(value: dt.datetime | None) -> str:
    return "" if value is None else f"{value:%H:%M %d/%m/%Y}"


def done_cell(done: bool) -> Text:
    return Text("✓", style=GREEN) if done else Text(_("chưa"), style=YELLOW)


def result_cell(code: str) -> Text:
    from mamnon.services.kitchen_logs import RESULT_LABELS

    return Text(_(RESULT_LABELS[code]) if code in RESULT_LABELS else "", style=GREEN if code == "dat" else RED)


def meal_short(label: str) -> str:
    return label.removeprefix("Bữa ").capitalize()  # i18n-skip: the prefix of the meal label given by the service


def receipt_cells(r: Any, day: dt.date) -> tuple[Cell, ...]:
    return (done_cell(r.confirmed), clock(r.received_at, day), r.food_name, f"{number(r.quantity)} {r.unit}",
            r.supplier, r.documents, result_cell(r.result))


def cooking_cells(d: Any, day: dt.date) -> tuple[Cell, ...]:
    return (done_cell(d.step2_done), meal_short(d.meal_label), d.dish_name, clock(d.prep_started_at, day),
            clock(d.cooked_at, day), d.cooks, result_cell(d.step2_result))


def serving_cells(d: Any, day: dt.date) -> tuple[Cell, ...]:
    return (done_cell(d.step3_done), meal_short(d.meal_label), d.dish_name, clock(d.cooked_at, day),
            clock(d.served_at, day), result_cell(d.step3_result), d.step3_by_name)


def sample_cells(s: Any, day: dt.date) -> tuple[Cell, ...]:
    temp = "" if s.storage_temp_c is None else number(s.storage_temp_c)
    return (done_cell(s.confirmed), meal_short(s.meal_label), s.dish_name,
            Text(f"{number(s.amount)} {s.amount_unit}", style=YELLOW if s.warnings else ""),
            Text(temp, style=YELLOW if s.warnings else ""), clock(s.taken_at, day),
            clock(s.destroyed_at, day), s.taken_by_name)


class KitchenLogScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        # One footer entry for the three date keys: the footer has room for 80 columns only.
        Binding("left_square_bracket", "shift(-1)", _("Ngày trước"), group=DAY_KEYS),
        Binding("right_square_bracket", "shift(1)", _("Ngày sau"), group=DAY_KEYS),
        Binding("g", "goto", _("Chọn ngày"), group=DAY_KEYS),
        Binding("t", "switch_stage", _("Cấp học")),
        Binding("p", "prefill", _("Lập sổ")),
        Binding("a", "add_receipt", _("Thêm TP")),
        Binding("x", "destroy", _("Hủy mẫu")),
        Binding("k", "sign", _("Ký sổ")),
        Binding("c", "incomplete", _("Chưa xong")),
        *(Binding(str(n), f"tab('{tab}')", TAB_NAMES[tab], show=False) for n, tab in enumerate(TABS, 1)),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, date: dt.date | None = None, stage: str = "mau_giao") -> None:
        super().__init__()
        self.day = date or dt.date.today()
        self.stage = stage
        self.day_log: Any = None
        self.menu_error = ""
        """Why the day cannot be prefilled (no menu, no head-count), '' when it can."""
        self.last_staff: int | None = None
        """Who checked the last line: the same cook usually checks the whole morning."""

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="head")
        yield Static(id="todo", markup=False)
        with TabbedContent(id="tabs", initial="b1"):
            for n, tab in enumerate(TABS, 1):
                with TabPane(f"{n} {TAB_NAMES[tab]}", id=tab):
                    yield RecordTable(id=f"t-{tab}")
        yield Static(id="detail", markup=False)
        yield Footer(compact=True)

    def table(self, tab: str) -> RecordTable:
        return self.query_one(f"#t-{tab}", RecordTable)

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active or "b1"

    def on_mount(self) -> None:
        self.sub_title = _("Kiểm thực ba bước, lưu mẫu")
        for tab in TABS:
            self.table(tab).set_columns(COLUMNS[tab])
        self.reload()
        self.table("b1").focus()

    # ------------------------------------------------------------ loading

    def reload(self, select: str | None = None) -> None:
        from mamnon.errors import MamnonError, NotFound
        from mamnon.services import kitchen_logs

        try:
            self.day_log = kitchen_logs.get_day_log(self.day, self.stage)
        except NotFound:
            self.day_log = None
        self.menu_error = ""
        if self.day_log is None:
            try:
                self.menu_check()
            except MamnonError as exc:
                self.menu_error = error_text(exc)
        self.fill(select)
        self.show_head()
        self.show_detail()
        self.refresh_bindings()

    def menu_check(self) -> None:
        """Raise the menu service's own message when prefill_day could not work for this day."""
        from mamnon.services import menus

        menus.calculate_menu_day(self.day, self.stage)

    def lines(self, tab: str) -> tuple:
        if self.day_log is None:
            return ()
        return {"b1": self.day_log.receipts, "b2": self.day_log.dishes, "b3": self.day_log.dishes,
                "mau": self.day_log.samples}[tab]

    def fill(self, select: str | None) -> None:
        cells = {"b1": receipt_cells, "b2": cooking_cells, "b3": serving_cells, "mau": sample_cells}
        tabs = self.query_one(TabbedContent)
        for n, tab in enumerate(TABS, 1):
            lines = self.lines(tab)
            self.table(tab).set_rows([(str(line.id), cells[tab](line, self.day)) for line in lines],
                                     select=select if tab == self.tab else None, fresh=True)
            done = sum(1 for line in lines if self.line_done(tab, line))
            count = f" {done}/{len(lines)}" if self.day_log is not None else ""
            tabs.get_tab(tab).label = f"{n} {TAB_NAMES[tab]}{count}"

    @staticmethod
    def line_done(tab: str, line: Any) -> bool:
        return {"b1": lambda: line.confirmed, "b2": lambda: line.step2_done, "b3": lambda: line.step3_done,
                "mau": lambda: line.confirmed}[tab]()

    def show_head(self) -> None:
        from mamnon.formats import format_date
        from mamnon.reference import STAGE_LABELS

        log = self.day_log
        head = Text.assemble((_(STAGE_LABELS.get(self.stage, self.stage)), "bold"),
                             f" · {WEEKDAYS[self.day.weekday()]} {format_date(self.day)} · ")
        if log is None:
            head.append(_("CHƯA LẬP SỔ"), style=RED)
        elif log.signed:
            head.append(_("ĐÃ KÝ: {signed_by_name} lúc {stamp}").format(
                signed_by_name=log.signed_by_name, stamp=stamp(log.signed_at)), style=GREEN)
        else:
            head.append(_("CHƯA KÝ"), style=YELLOW)
        self.query_one("#head", Static).update(head)
        self.query_one("#todo", Static).update(self.todo_text())

    def todo_text(self) -> str:
        log = self.day_log
        if log is None:
            return self.menu_error or _("Có thực đơn: nhấn P để lập sổ từ thực đơn và phiếu kê chợ.")
        if log.signed:
            return _("Sổ đã ký, chỉ xem; còn ghi được việc hủy mẫu (thẻ 4, phím X).")
        if not log.missing:
            return _("Đã kiểm tra đủ ba bước và lưu mẫu: nhấn K để ký sổ.")
        # Counts, not the service's full list (which names every food): the
        # full list comes with the refusal when signing (K).
        open_ = [f"{TAB_NAMES[tab].lower()} ({n})" for tab in TABS
                 if (n := sum(1 for line in self.lines(tab) if not self.line_done(tab, line)))]
        if not open_ or not log.receipts:
            return _("Còn thiếu: {items}").format(items=" ".join(log.missing))
        return _("Còn thiếu: {items}. Enter trên một dòng để kiểm tra, xác nhận.").format(items=', '.join(open_))

    def selected_line(self, tab: str | None = None) -> Any:
        tab = tab or self.tab
        key = self.table(tab).selected_key
        return next((line for line in self.lines(tab) if str(line.id) == key), None)

    def show_detail(self) -> None:
        self.query_one("#detail", Static).update(self.detail_text(self.tab, self.selected_line()))

    def detail_text(self, tab: str, line: Any) -> str:
        if line is None:
            return TAB_HINTS[tab] + (_(": chưa có dòng nào.") if self.day_log is not None else ".")
        if tab == "b1":
            parts = [f"{line.food_name}: {line.supplier_contact or line.supplier}",
                     checked(line.checked_by_name, line.confirmed_at), line.result_note, line.measures]
        elif tab == "b2":
            parts = [line.dish_name, checked(line.step2_by_name, line.step2_at), line.step2_note,
                     line.step2_measures]
        elif tab == "b3":
            parts = [line.dish_name, checked(line.step3_by_name, line.step3_at), line.step3_note,
                     line.step3_measures]
        else:
            keep = "" if line.keep_until is None or not line.confirmed else _("được hủy từ {stamp}").format(
                stamp=stamp(line.keep_until))
            gone = _("đã hủy {stamp}, {destroyed_by_name}").format(
                stamp=stamp(line.destroyed_at),
                destroyed_by_name=line.destroyed_by_name) if line.destroyed_at else keep
            parts = [line.dish_name, checked(line.taken_by_name, line.confirmed_at), gone, *line.warnings]
        return f"{TAB_HINTS[tab]}. " + "; ".join(p for p in parts if p)

    # ------------------------------------------------------------ events

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.table(self.tab).focus()
        self.show_detail()
        self.refresh_bindings()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_line()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that only mean something on one tab are hidden elsewhere, so the
        # footer fits 80 columns and shows only what can be done here.
        if action == "add_receipt":
            return self.tab == "b1" and self.day_log is not None and not self.day_log.signed
        if action == "destroy":
            return self.tab == "mau" and self.day_log is not None
        if action == "prefill":
            return self.day_log is None or not self.day_log.signed
        if action == "sign":
            return self.day_log is not None and not self.day_log.signed
        return True

    # ------------------------------------------------------------ day and stage

    def go(self, day: dt.date, stage: str | None = None) -> None:
        self.day = day
        self.stage = stage or self.stage
        self.reload()
        self.table(self.tab).focus()

    def action_shift(self, days: int) -> None:
        self.go(self.day + dt.timedelta(days=days))

    def action_switch_stage(self) -> None:
        self.go(self.day, STAGES[(STAGES.index(self.stage) + 1) % len(STAGES)])

    def action_goto(self) -> None:
        from tui.dialogs.kitchen_step import GotoDateDialog

        def done(day: dt.date | None) -> None:
            if day is not None:
                self.go(day)

        self.app.push_screen(GotoDateDialog(self.day), done)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_incomplete(self) -> None:
        from tui.dialogs.kitchen_step import IncompleteDaysDialog

        def done(choice: tuple[dt.date, str] | None) -> None:
            if choice is not None:
                self.go(*choice)

        self.app.push_screen(IncompleteDaysDialog(dt.date.today()), done)

    # ------------------------------------------------------------ writing

    def action_prefill(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import kitchen_logs

        existed = self.day_log is not None
        try:
            kitchen_logs.prefill_day(self.day, self.stage)
        except MamnonError as exc:
            self.notify(error_text(exc), title=_("Chưa lập được sổ"), severity="error")
            return
        self.reload()
        self.notify(_("Đã cập nhật sổ theo thực đơn (các dòng đã xác nhận giữ nguyên).") if existed
                    else _("Đã lập sổ từ thực đơn: kiểm tra, sửa giờ và xác nhận từng dòng (Enter)."))

    def writable(self) -> bool:
        """Whether the lines can be confirmed; says why not otherwise."""
        from mamnon.formats import format_date

        if self.day_log is None:
            self.notify(self.menu_error or _("Chưa lập sổ ngày này: nhấn P để lập từ thực đơn."),
                        title=_("Chưa có sổ"), severity="warning")
            return False
        if self.day_log.signed:
            self.notify(_("Sổ kiểm thực ngày {day} đã ký, không sửa được.").format(day=format_date(self.day)),
                        title=_("Đã ký"), severity="warning")
            return False
        return True

    def action_open_line(self) -> None:
        from mamnon.services import kitchen_logs as kl
        from tui.dialogs import kitchen_step as ks

        tab, line = self.tab, self.selected_line()
        if not self.writable() or line is None:
            return

        staff = self.last_staff
        if tab == "b1":
            dialog = ks.ReceiptDialog(_("Bước 1 — {food_name} ({food_code})").format(
                food_name=line.food_name, food_code=line.food_code), self.day, self.stage,
                                      kl.receipt_form_for(line), line_id=line.id, default_staff=staff)
        elif tab == "b2":
            dialog = ks.CookingDialog(_("Bước 2 — {dish_name} ({meal})").format(
                dish_name=line.dish_name, meal=line.meal_label.lower()), self.day,
                                      line.id, kl.cooking_form_for(line), staff)
        elif tab == "b3":
            if not line.step2_done:
                self.notify(_("Món «{dish_name}» chưa kiểm tra bước 2 (sơ chế, nấu).").format(dish_name=line.dish_name),
                            title=_("Chưa đến bước 3"), severity="warning")
                return
            dialog = ks.ServingDialog(_("Bước 3 — {dish_name} ({meal})").format(
                dish_name=line.dish_name, meal=line.meal_label.lower()), self.day,
                                      line.id, kl.serving_form_for(line), staff)
        else:
            dialog = ks.SampleDialog(_("Lưu mẫu — {dish_name} ({meal})").format(
                dish_name=line.dish_name, meal=line.meal_label.lower()), self.day,
                                     line.id, kl.sample_form_for(line), staff)
        self.app.push_screen(dialog, lambda saved: self.after_confirm(tab, saved))

    def after_confirm(self, tab: str, saved_id: int | None) -> None:
        if saved_id is None:
            return
        self.reload(select=str(saved_id))
        line = self.selected_line(tab)
        if line is not None:
            self.last_staff = getattr(line, {"b1": "checked_by_id", "b2": "step2_by_id", "b3": "step3_by_id",
                                             "mau": "taken_by_id"}[tab])
        name = "" if line is None else getattr(line, "food_name", None) or line.dish_name
        self.notify(_("Đã xác nhận {step}: {name}.").format(step=TAB_NAMES[tab].lower(), name=name))

    def action_add_receipt(self) -> None:
        from tui.dialogs.food_pick import FoodPickDialog

        if not self.writable():
            return

        def picked(food: Any) -> None:
            if food is not None:
                self.open_new_receipt(food)

        self.app.push_screen(FoodPickDialog(_("Thêm thực phẩm nhận ngoài phiếu kê chợ")), picked)

    def open_new_receipt(self, food: Any) -> None:
        from mamnon.services.kitchen_logs import RECEIVED_AT, ReceiptForm
        from tui.dialogs.kitchen_step import ReceiptDialog

        form = ReceiptForm(received_at=f"{RECEIVED_AT:%H:%M}", unit="kg", supplier=food.supplier or "")
        self.app.push_screen(ReceiptDialog(_("Bước 1 — thêm {name} ({code})").format(
            name=food.name, code=food.code), self.day, self.stage, form,
                                           food_id=food.id, default_staff=self.last_staff),
                             lambda saved: self.after_confirm("b1", saved))

    def action_destroy(self) -> None:
        from tui.dialogs.kitchen_step import DestroySampleDialog

        line = self.selected_line("mau")
        if line is None:
            return
        if not line.confirmed:
            self.notify(_("Mẫu «{dish_name}» chưa được ghi lấy mẫu.").format(
                dish_name=line.dish_name), severity="warning")
            return

        def done(saved: int | None) -> None:
            if saved is not None:
                self.reload(select=str(saved))
                self.notify(_("Đã ghi hủy mẫu «{dish_name}».").format(dish_name=line.dish_name))

        self.app.push_screen(DestroySampleDialog(line, self.day, self.last_staff), done)

    def action_sign(self) -> None:
        from tui.dialogs.kitchen_step import SignDialog

        if self.day_log is None:
            self.writable()
            return

        def done(signed: int | None) -> None:
            if signed is not None:
                self.reload()
                self.notify(_("Đã ký sổ kiểm thực ba bước và lưu mẫu."))

        self.app.push_screen(SignDialog(self.day_log, self.last_staff), done)

    def action_back(self) -> None:
        self.dismiss()


def checked(name: str, when: dt.datetime | None) -> str:
    return _("đã kiểm tra: {name}, {stamp}").format(
        name=name, stamp=stamp(when)) if when is not None else _("chưa kiểm tra")


def error_text(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    return "\n".join(errors.values()) if errors else str(exc)
