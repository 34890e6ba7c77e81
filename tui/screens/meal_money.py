"""The meal money of a month: each menu day's fees and spending, closing days, the market list.

Figures are meal_money.month_summary's, so the screen shows what the
published accounts (công khai tài chính) will. Before the opening balance is
entered the summary refuses; the days are then still listed (to close them)
with each day's own figures from day_account, and the refusal is shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from mamnon.i18n import C_, _
from tui.screens.day_calc import GREEN, MUTED, RED
from tui.widgets.record_table import Column, RecordTable

COLUMNS = (
    Column("date", _("Ngày"), 10),
    Column("stage", _("Cấp học"), 8),
    Column("children", C_("cột hẹp", "Số trẻ"), 6),
    Column("collected", _("Thu").rjust(13), 13),
    Column("spent", _("Chi").rjust(13), 13),
    Column("balance", _("Thừa/thiếu").rjust(14), 14),
    Column("closed", _("Chốt"), 0, min_width=4),
)


def month_shift(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def signed_money(amount: int | None) -> Text:
    """Surplus green with +, deficit red with −, in đồng."""
    from mamnon.formats import format_money

    if amount is None:
        return Text("—", style=MUTED)
    if amount < 0:
        return Text(f"−{format_money(-amount)}", style=RED)
    return Text(f"+{format_money(amount)}", style=GREEN)


def error_text(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    return "\n".join(errors.values()) if errors else str(exc)


class MealMoneyScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("left_square_bracket", "month(-1)", _("Tháng trước/sau"), key_display="[ ]"),
        Binding("right_square_bracket", "month(1)", _("Tháng sau"), show=False),
        Binding("c", "close_day", _("Chốt sổ")),
        Binding("o", "reopen_day", _("Mở sổ")),
        Binding("m", "market", _("Đi chợ")),
        Binding("s", "opening", _("Số dư đầu")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self) -> None:
        super().__init__()
        today = dt.date.today()
        self.year, self.month = today.year, today.month
        self._days: dict[str, tuple[dt.date, str]] = {}
        self.summary: Any = None
        """The month's MonthSummary, or None while the service refuses it."""
        self._stale = False

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="month-title")
        yield RecordTable(id="table")
        yield Static(id="totals")
        yield Static(id="status")
        yield Footer(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#table", RecordTable)

    def on_mount(self) -> None:
        self.sub_title = _("Chốt sổ, đi chợ, tiền ăn tháng")
        self.table.set_columns(COLUMNS)
        self.reload()
        self.table.focus()

    def on_screen_resume(self) -> None:
        # Back from the day's calculation (whose data may change elsewhere meanwhile); the
        # dialogs' own callbacks reload, so a month is not summed twice after each of them.
        if self._stale:
            self._stale = False
            self.reload()

    # ------------------------------------------------------------ the month

    def reload(self, select: tuple[dt.date, str] | None = None) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import meal_money

        try:
            self.summary = meal_money.month_summary(self.year, self.month)
            refusal = ""
        except MamnonError as exc:
            self.summary, refusal = None, error_text(exc)
        rows = self._summary_rows() if self.summary is not None else self._plain_rows()
        self._days = {f"{r[0].isoformat()}|{r[1]}": (r[0], r[1]) for r in rows}
        key = f"{select[0].isoformat()}|{select[1]}" if select else None
        self.table.set_rows([(f"{r[0].isoformat()}|{r[1]}", self._cells(*r)) for r in rows], select=key,
                            keep_position=True, fresh=True)
        self.query_one("#month-title", Static).update(self._title())
        self.query_one("#totals", Static).update(self._totals(refusal))
        self.query_one("#status", Static).update(
            _("{n_rows} ngày. Enter: xem tính khẩu phần ngày.").format(n_rows=len(rows)) if rows
            else _("Tháng này chưa có thực đơn ngày nào."))

    def _summary_rows(self) -> list[tuple]:
        """(date, stage, children, collected, spent, balance, closed) from month_summary."""
        from mamnon.services.meal_money import CLOSED

        return [(r.date, r.stage, r.children, r.collected, r.spent, r.balance, r.source == CLOSED)
                for r in self.summary.days]

    def _plain_rows(self) -> list[tuple]:
        """The month's menu days with their own figures, for when the month's summary is refused."""
        import calendar

        from mamnon.errors import MamnonError
        from mamnon.services import meal_money, menus

        start = dt.date(self.year, self.month, 1)
        end = dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        keys = {(m.date, m.stage) for m in menus.list_menu_days(start, end)}
        keys |= set(meal_money.closed_days(start, end))
        rows = []
        for date, stage in sorted(keys, key=lambda k: (k[0], k[1] != "nha_tre")):
            try:
                a = meal_money.day_account(date, stage)
            except MamnonError:  # no head-count yet: nothing to count, still listed
                rows.append((date, stage, None, None, None, None, False))
                continue
            collected = a.money.fee_total
            rows.append((date, stage, a.children, collected, a.money.total_cost, a.money.balance, a.closed))
        return rows

    def _cells(self, date, stage, children, collected, spent, balance, closed) -> tuple:  # noqa: ANN001
        from mamnon.formats import format_date, format_money
        from tui.widgets.stage_text import narrow_stage

        # Padded rather than justified: a justified cell also fills the column's separator.
        def money(v: int | None) -> str:
            return ("—" if v is None else format_money(v)).rjust(13)

        balance_text = signed_money(balance)
        balance_text.pad_left(14 - balance_text.cell_len)
        return (format_date(date), narrow_stage(stage),
                ("—" if children is None else str(children)).rjust(6),
                money(collected), money(spent), balance_text,
                Text(" ✓" if closed else "", style=GREEN))

    def _title(self) -> Text:
        from mamnon.formats import format_money

        title = Text(_("Tiền ăn tháng {month:02d}/{year}").format(month=self.month, year=self.year), style="bold")
        if self.summary is not None:
            title.append(_("   Số dư đầu tháng: {opening}").format(opening=format_money(self.summary.opening)))
        return title

    def _totals(self, refusal: str) -> Text:
        from mamnon.formats import format_money
        from mamnon.services import lunch_support

        s = self.summary
        if s is None:
            return Text(refusal + _("\n(s: nhập số dư đầu kỳ cho tháng bắt đầu sổ)"), style=RED)
        text = Text(_("Cộng tháng: thu {collected}, chi {spent}, thừa/thiếu ").format(
            collected=format_money(s.collected), spent=format_money(s.spent)))
        text.append_text(signed_money(s.surplus))
        text.append(_("\nSố dư chuyển sang tháng sau: "), style="bold")
        text.append_text(signed_money(s.closing))
        text.append(f"\n{lunch}" if (lunch := lunch_support.month_label(self.year, self.month, translate=_)) else "")
        return text

    def action_month(self, step: int) -> None:
        self.year, self.month = month_shift(self.year, self.month, step)
        self.reload()

    # ------------------------------------------------------------ the highlighted day

    @property
    def selected(self) -> tuple[dt.date, str] | None:
        key = self.table.selected_key
        day = self._days.get(key) if key is not None else None
        if day is None:
            self.notify(_("Chưa chọn ngày nào trong danh sách."), severity="warning")
        return day

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from tui.screens.day_calc import DayCalcScreen

        day = self.selected
        if day is not None:
            self._stale = True
            self.app.push_screen(DayCalcScreen(*day))

    def action_close_day(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import meal_money
        from tui.dialogs.close_day import CloseDayDialog

        day = self.selected
        if day is None:
            return
        if meal_money.is_closed(*day):
            self.notify(_("Ngày này đã chốt sổ (o: mở sổ lại)."), severity="warning")
            return
        try:
            account = meal_money.day_account(*day)
        except MamnonError as exc:  # e.g. no head-count: the dialog would have nothing to list
            self.notify(error_text(exc), title=_("Chưa chốt sổ được"), severity="error")
            return

        def done(closed: Any) -> None:
            if closed:
                self.notify(_("Đã chốt sổ ngày {day:%d/%m/%Y}.").format(day=day[0]))
                self.reload(select=day)

        self.app.push_screen(CloseDayDialog(account), done)

    def action_reopen_day(self) -> None:
        from mamnon.reference import STAGE_LABELS
        from mamnon.services import meal_money
        from tui.dialogs.confirm import ConfirmDialog

        day = self.selected
        if day is None:
            return
        if not meal_money.is_closed(*day):
            self.notify(_("Ngày này chưa chốt sổ."), severity="warning")
            return
        stage = _(STAGE_LABELS.get(day[1], day[1])).lower()

        def done(yes: bool | None) -> None:
            if yes:
                self._reopen(day)

        self.app.push_screen(ConfirmDialog(
            _("Mở lại sổ ngày {day:%d/%m/%Y} ({stage})?").format(day=day[0], stage=stage),
            _("Số liệu sẽ tính lại theo định lượng và giá hiện tại; giá thực tế đã nhập khi chốt sẽ mất.")), done)

    def _reopen(self, day: tuple[dt.date, str]) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import meal_money

        try:
            meal_money.reopen_day(*day)
        except MamnonError as exc:
            self.notify(error_text(exc), title=_("Không mở được sổ"), severity="error")
            return
        self.notify(_("Đã mở lại sổ ngày {day:%d/%m/%Y}.").format(day=day[0]))
        self.reload(select=day)

    # ------------------------------------------------------------ market list, opening balance

    def action_market(self) -> None:
        from tui.dialogs.date_range import DateRangeDialog
        from tui.screens.market_list import MarketListScreen

        key = self.table.selected_key
        day = self._days.get(key) if key is not None else None
        start = day[0] if day else dt.date(self.year, self.month, 1)

        def done(market: Any) -> None:
            if market is not None:
                self.app.push_screen(MarketListScreen(market))

        self.app.push_screen(DateRangeDialog(start, start), done)

    def action_opening(self) -> None:
        from tui.dialogs.opening_balance import OpeningBalanceDialog

        def done(saved: Any) -> None:
            if saved is not None:
                self.notify(_("Đã lưu số dư đầu kỳ tháng {month:02d}/{year}.").format(month=self.month, year=self.year))
                self.reload()

        self.app.push_screen(OpeningBalanceDialog(self.year, self.month), done)

    def action_back(self) -> None:
        self.dismiss()
