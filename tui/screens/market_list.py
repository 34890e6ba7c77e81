"""The market list (phiếu kê chợ) of a range of menu days: per food the kg, price, amount, supplier.

Every figure is meal_money.market_list's: a closed day counts with the
quantities and actual prices it was closed with, an open day with today's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from mamnon.i18n import C_, _
from tui.screens.day_calc import MUTED, YELLOW, kg, price
from tui.widgets.record_table import Column, RecordTable

COLUMNS = (
    Column("name", _("Thực phẩm"), 0, min_width=16),
    Column("kg", _("Số kg").rjust(9), 9),
    Column("price", C_("cột hẹp", "Giá đ/kg").rjust(9), 9),
    Column("amount", _("Thành tiền").rjust(11), 11),
    Column("supplier", _("Nơi cung cấp"), 16),
)


def right(text: str, width: int) -> Text:
    # Padded rather than justified: a justified cell also fills the column's separator.
    return Text(text.rjust(width))


class MarketListScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "back", _("Quay lại"))]

    def __init__(self, market: Any) -> None:
        super().__init__()
        self.market = market

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(self._range(), id="range")
        yield RecordTable(id="table")
        yield Static(self._total(), id="total")
        yield Static(self._notes(), id="notes")
        yield Footer(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#table", RecordTable)

    def on_mount(self) -> None:
        self.sub_title = _("Phiếu kê chợ")
        self.table.set_columns(COLUMNS)
        from mamnon.vntext import text_sort_key

        # Vietnamese order (Bí đao before Bí ngô), which the service's plain sort does not give.
        lines = sorted(self.market.lines, key=lambda line: text_sort_key(line.name))
        self.table.set_rows([(line.code, self._cells(line)) for line in lines])
        self.table.focus()

    def _cells(self, line: Any) -> tuple:
        # Several prices over the range (a closed day's actual price): the amount is still exact.
        unit = _("nhiều giá") if line.price_per_kg is None and line.amount else price(line.price_per_kg)
        amount = price(line.amount) if line.amount or line.price_per_kg else "—"
        return line.name, right(kg(line.gross_kg), 9), right(unit, 9), right(amount, 11), line.supplier

    def _range(self) -> Text:
        from mamnon.formats import format_date
        from mamnon.reference import STAGE_LABELS
        from mamnon.services.meal_money import CLOSED

        m = self.market
        stages = {stage for _skip, stage, _skip in m.days}
        who = _(STAGE_LABELS[next(iter(stages))]) if len(stages) == 1 else _("Nhà trẻ và mẫu giáo")
        span = format_date(m.start) if m.start == m.end else f"{format_date(m.start)} – {format_date(m.end)}"
        closed = sum(1 for day in m.days if day[2] == CLOSED)
        return Text.assemble((span, "bold"), _(", {who}: {n_days} thực đơn ngày, {closed} đã chốt sổ").format(
            who=who, n_days=len(m.days), closed=closed))

    def _total(self) -> Text:
        from mamnon.formats import format_money

        return Text(_("Tổng cộng: {total}").format(total=format_money(self.market.total)), style="bold")

    def _notes(self) -> Text:
        # The same note comes from every day it applies to: once is enough on a list of purchases.
        notes = [f"• {w}" for w in dict.fromkeys(w.split("): ", 1)[-1] for w in self.market.warnings)]
        unpriced = [line.name for line in self.market.lines if line.unpriced_kg]
        if unpriced:
            notes.insert(0, _("• Chưa có giá, không cộng vào tổng: {foods}.").format(foods=", ".join(unpriced)))
        if not notes:
            return Text(_("Giá của ngày đã chốt sổ là giá thực tế lúc chốt."), style=MUTED)
        return Text("\n".join(notes), style=YELLOW)

    def action_back(self) -> None:
        self.dismiss()
