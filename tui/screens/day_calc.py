"""The daily calculation of one menu day: nutrition against the norm, the purchase list, money.

Every figure is DayReport's (menus.calculate_menu_day): this screen only
formats them, so what it shows is what the workbooks and the kitchen log use.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

# Explicit colours, as in the forms: the theme's turn white on a 16-colour console.
GREEN, YELLOW, RED, MUTED = "bold #5fd75f", "bold #ffd75f", "bold #ff6060", "#9e9e9e"
NUTRIENTS = ("energy", "protein", "lipid", "glucid", "animal_protein")


def dec(value: float, places: int = 1) -> str:
    """612.44 -> '612,4' (Vietnamese decimal comma)."""
    return f"{value:.{places}f}".replace(".", ",")


def kg(value: float) -> str:
    return dec(value, 3)


def price(value: int | None) -> str:
    return "—" if value is None else f"{value:,}".replace(",", ".")


def energy_text(kcal: float) -> str:
    return f"{dec(kcal)} kcal"


def range_text(check: Any) -> str:
    unit = " kcal" if check.item == "energy" else " %"
    low = None if check.low is None else f"{check.low:g}".replace(".", ",")
    high = None if check.high is None else f"{check.high:g}".replace(".", ",")
    if low and high:
        return f"{low}–{high}{unit}"
    if low:
        return f"≥ {low}{unit}"
    if high:
        return f"≤ {high}{unit}"
    return ""


def verdict(check: Any | None) -> Text:
    """✓ in range (green), ↓ below (yellow), ↑ above (red), with by how much."""
    from mamnon.nutrition import ABOVE, BELOW, IN_RANGE

    if check is None:
        return Text("không có định mức", style=MUTED)
    unit = " kcal" if check.item == "energy" else " điểm %"
    if check.status == IN_RANGE:
        return Text("✓ đạt", style=GREEN)
    if check.status == BELOW:
        return Text(f"↓ thiếu {dec(check.by)}{unit}", style=YELLOW)
    if check.status == ABOVE:
        return Text(f"↑ thừa {dec(check.by)}{unit}", style=RED)
    return Text("không có định mức", style=MUTED)


class DayCalcScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "back", "Quay lại")]

    def __init__(self, date: dt.date, stage: str) -> None:
        super().__init__()
        self.date = date
        self.stage = stage
        self.report: Any = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield VerticalScroll(id="calc")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.formats import format_date
        from mamnon.reference import STAGE_LABELS
        from mamnon.services import menus

        self.sub_title = f"Tính khẩu phần {STAGE_LABELS.get(self.stage, '')} {format_date(self.date)}"
        scroll = self.query_one("#calc", VerticalScroll)
        try:
            self.report = menus.calculate_menu_day(self.date, self.stage)
        except MamnonError as exc:
            # E.g. no head-count yet: say what is missing instead of figures.
            message = "\n".join(exc.errors.values()) if getattr(exc, "errors", None) else str(exc)
            scroll.mount(Static(Text(message, style=RED), id="error"))
            scroll.focus()
            return
        scroll.mount_all(self.sections(self.report))
        scroll.focus()

    def sections(self, report: Any) -> list[Static]:
        from mamnon.formats import format_money
        from mamnon.reference import STAGE_LABELS

        result, money, intake = report.result, report.result.money, report.result.intake
        checks = {c.item: c for c in result.checks}
        norm = report.norm.name if report.norm else "chưa có định mức cho cấp học này"
        widgets = [Static(Text.assemble(
            (f"{STAGE_LABELS.get(self.stage, '')}, {money.children} trẻ ăn", "bold"),
            f" — định mức: {norm}"), id="heading")]

        widgets.append(Static(Text("Mỗi trẻ một ngày ở trường", style="bold underline"), classes="section"))
        figures = {
            "energy": energy_text(intake.energy_kcal),
            "protein": f"{dec(intake.protein_g)} g = {dec(intake.protein_pct or 0)} %",
            "lipid": f"{dec(intake.lipid_g)} g = {dec(intake.lipid_pct or 0)} %",
            "glucid": f"{dec(intake.glucid_g)} g = {dec(intake.glucid_pct or 0)} %",
            "animal_protein": f"{dec(intake.animal_protein_pct or 0)} % đạm",
        }
        from mamnon.nutrition import NUTRIENT_LABELS

        for item in NUTRIENTS:
            check = checks.get(item)
            line = Text.assemble(f"{NUTRIENT_LABELS[item]:<14}", f"{figures[item]:<19}",
                                 f"{range_text(check) if check else '':<15}", verdict(check))
            if check is not None and not check.ok and check.top_foods:
                line.append(f"\n{'':14}nhiều nhất: {', '.join(check.top_foods)}", style=MUTED)
            widgets.append(Static(line, id=f"check-{item}", classes="check"))

        widgets.append(Static(Text("Đi chợ (cho cả số trẻ ăn)", style="bold underline"), classes="section"))
        table = Table(box=None, padding=(0, 1), expand=True, show_edge=False)
        table.add_column("Thực phẩm", ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column("Số kg", justify="right", width=8)
        table.add_column("Giá đ/kg", justify="right", width=9)
        table.add_column("Thành tiền", justify="right", width=11)
        for line in result.lines:
            table.add_row(line.name, kg(line.gross_kg), price(line.price_per_kg), price(line.cost))
        widgets.append(Static(table, id="purchases"))

        widgets.append(Static(Text("Tiền ăn", style="bold underline"), classes="section"))
        widgets.append(Static(f"Tổng tiền chợ: {format_money(money.total_cost)}", id="total-cost"))
        per_child = f"Bình quân 1 trẻ: {format_money(money.cost_per_child)}"
        if money.fee_per_child is not None:
            per_child += f"  /  tiền ăn thu: {format_money(money.fee_per_child)}"
        widgets.append(Static(per_child, id="per-child"))
        if money.balance is None:
            balance = Text("Chưa có tiền ăn một trẻ: không tính được thừa/thiếu.", style=MUTED)
        elif money.balance >= 0:
            balance = Text(f"Thu {format_money(money.fee_total)}, thừa {format_money(money.balance)}", style=GREEN)
        else:
            balance = Text(f"Thu {format_money(money.fee_total)}, thiếu {format_money(-money.balance)}", style=RED)
        widgets.append(Static(balance, id="balance"))

        if result.warnings:
            widgets.append(Static(Text("Lưu ý", style="bold underline"), classes="section"))
            widgets.append(Static(Text("\n".join(f"• {w}" for w in result.warnings), style="#ffd75f"),
                                  id="warnings"))
        return widgets

    def action_back(self) -> None:
        self.dismiss()
