"""Closing a menu day (chốt sổ): the day's foods with catalogue prices, actual market prices typed in.

A blank price keeps the catalogue's. Nothing is stored until Ctrl+S, and then
in one call to meal_money.close_day, which checks the prices again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from tui.screens.day_calc import kg, price
from mamnon.i18n import _


def parse_price(text: str) -> int | None:
    """'45.000 đ' -> 45000; '' -> None; ValueError when it is not a whole number of đồng."""
    clean = text.strip().replace(".", "").replace(" ", "").removesuffix("đ")  # i18n-skip: the money sign typed with a price
    if not clean:
        return None
    if not clean.isdigit():
        raise ValueError(text)
    return int(clean)


class CloseDayDialog(ModalScreen):
    """Dismissed with the closed day's DayAccount, or None."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("ctrl+s", "confirm", _("Chốt sổ")),
        Binding("escape", "cancel", _("Hủy")),
        # One price per line: the arrows move between them as in a table.
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    def __init__(self, account: Any) -> None:
        super().__init__()
        self.account = account

    def compose(self) -> ComposeResult:
        from mamnon.reference import STAGE_LABELS

        a = self.account
        with Vertical(id="dialog"):
            yield Label(_("Chốt sổ ngày {date:%d/%m/%Y} — {stage}, {children} trẻ ăn").format(
                date=a.date, stage=_(STAGE_LABELS.get(a.stage, a.stage)),
                children=a.children), id="dialog-title", markup=False)
            yield Static(_("Nhập giá mua thực tế ở chợ (đ/kg); để trống là dùng giá trong danh mục."),
                         id="dialog-note", markup=False)
            with Horizontal(classes="price-row price-head"):
                yield Label(_("Thực phẩm"), classes="name")
                yield Label(_("Số kg"), classes="kg")
                yield Label(_("Giá danh mục"), classes="catalogue")
                yield Label(_("Giá thực tế"), classes="actual")
            with VerticalScroll(id="prices"):
                for ln in a.lines:
                    with Horizontal(classes="price-row"):
                        yield Label(ln.name, classes="name", markup=False)
                        yield Label(kg(ln.gross_kg), classes="kg")
                        yield Label(price(ln.price_per_kg), classes="catalogue")
                        yield Input(id=f"price-{ln.food_id}", classes="actual", compact=True,
                                    placeholder="" if ln.price_per_kg else _("chưa có giá"))
            with Horizontal(id="note-row"):
                yield Label(_("Ghi chú"), classes="name")
                yield Input(id="note", compact=True)
            yield Static("", id="close-error", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(_("Chốt sổ (Ctrl+S)"), id="confirm", variant="primary", compact=True,
                             action="screen.confirm")
                yield Button(_("Hủy (Esc)"), id="cancel", compact=True, action="screen.cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        first = self.query(".actual").filter("Input").first() if self.account.lines else None
        (first or self.query_one("#note", Input)).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "note":
            self.action_confirm()
        else:
            self.focus_next()

    def prices(self) -> dict[int, int]:
        """The typed prices by food id; a ValueError naming the lines that are not whole đồng."""
        typed, bad = {}, []
        for ln in self.account.lines:
            text = self.query_one(f"#price-{ln.food_id}", Input).value
            try:
                value = parse_price(text)
            except ValueError:
                bad.append(ln.name)
                continue
            if value is not None:
                typed[ln.food_id] = value
        if bad:
            raise ValueError(_("Giá phải là số đồng nguyên, ví dụ 45000: {prices}.").format(prices=", ".join(bad)))
        return typed

    def action_confirm(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import meal_money

        try:
            closed = meal_money.close_day(self.account.date, self.account.stage, actual_prices=self.prices(),
                                          note=self.query_one("#note", Input).value.strip())
        except ValueError as exc:
            self.show_error(str(exc))
            return
        except MamnonError as exc:
            errors = getattr(exc, "errors", None)
            self.show_error("\n".join(errors.values()) if errors else str(exc))
            return
        self.dismiss(closed)

    def show_error(self, message: str) -> None:
        error = self.query_one("#close-error", Static)
        error.update(message)
        error.display = bool(message)

    def action_cancel(self) -> None:
        self.dismiss(None)
