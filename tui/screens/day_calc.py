"""The daily calculation of one menu day: nutrition against the norm, the purchase list, money.

Every figure is meal_money.day_account's: computed now like
menus.calculate_menu_day for an open day, the stored snapshot for a closed one,
so a closed day shows what was closed whatever changed since. "g" adds the
solver's suggested grams (meal_money.suggest_for_day) below.
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
from mamnon.i18n import _

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
        return Text(_("không có định mức"), style=MUTED)
    unit = " kcal" if check.item == "energy" else _(" điểm %")
    if check.status == IN_RANGE:
        return Text(_("✓ đạt"), style=GREEN)
    if check.status == BELOW:
        return Text(_("↓ thiếu {amount}{unit}").format(amount=dec(check.by), unit=unit), style=YELLOW)
    if check.status == ABOVE:
        return Text(_("↑ thừa {amount}{unit}").format(amount=dec(check.by), unit=unit), style=RED)
    return Text(_("không có định mức"), style=MUTED)


class DayCalcScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("g", "suggest", _("Gợi ý điều chỉnh")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, date: dt.date, stage: str) -> None:
        super().__init__()
        self.date = date
        self.stage = stage
        self.account: Any = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield VerticalScroll(id="calc")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.formats import format_date
        from mamnon.reference import STAGE_LABELS
        from mamnon.services import meal_money

        self.sub_title = _("Tính khẩu phần {stage} {date}").format(
            stage=_(STAGE_LABELS[self.stage]) if self.stage in STAGE_LABELS else '', date=format_date(self.date))
        scroll = self.query_one("#calc", VerticalScroll)
        try:
            self.account = meal_money.day_account(self.date, self.stage)
        except MamnonError as exc:
            # E.g. no head-count yet: say what is missing instead of figures.
            message = "\n".join(exc.errors.values()) if getattr(exc, "errors", None) else str(exc)
            scroll.mount(Static(Text(message, style=RED), id="error"))
            scroll.focus()
            return
        scroll.mount_all(self.sections(self.account))
        scroll.focus()

    @staticmethod
    def meal_lines(checks: Any) -> Text:
        """Energy of each meal against its share of the whole-day need (QĐ 2195)."""
        from mamnon.services.menus import MEAL_LABELS

        text = Text(_("Các bữa (so với tỷ lệ nhu cầu cả ngày)"), style="bold")
        for c in checks:
            # i18n-skip below: "Bữa " shortens the meal label, which comes from the core in Vietnamese.
            name = " + ".join(_(MEAL_LABELS.get(m, m)).replace("Bữa ", "") for m in c.meal.split("+"))  # i18n-skip
            def g(x: float) -> str:
                return f"{x:g}".replace(".", ",")

            share = (f"{g(c.low_pct)}–{g(c.high_pct)} % ({g(c.low_kcal)}–{g(c.high_kcal)})"
                     if c.low_kcal is not None else "")
            text.append(f"\n  {name.capitalize():<12}{energy_text(c.energy_kcal):<13}{share:<22}")
            text.append_text(verdict(c) if c.low_kcal is not None else Text(_("không có tỷ lệ"), style=MUTED))
        return text

    def sections(self, account: Any) -> list[Static]:
        from mamnon.formats import format_money
        from mamnon.reference import STAGE_LABELS

        money, intake = account.money, account.intake
        checks = {c.item: c for c in account.checks}
        norm = account.norm.name if account.norm else _("chưa có định mức cho cấp học này")
        counted = {"attendance": _(" (theo điểm danh)"), "typed": _(" (số nhập tay)")}.get(account.children_source, "")
        heading = Text.assemble((_("{stage}, {children} trẻ ăn").format(
            stage=_(STAGE_LABELS[self.stage]) if self.stage in STAGE_LABELS else '', children=money.children), "bold"), counted,
                                _(" — định mức: {norm}").format(norm=norm))
        if account.closed:
            heading.append(_("\nĐã chốt sổ"), style=GREEN)
            heading.append(_(": số liệu và giá lấy theo lúc chốt."), style=MUTED)
        widgets = [Static(heading, id="heading")]

        widgets.append(Static(Text(_("Mỗi trẻ một ngày ở trường"), style="bold underline"), classes="section"))
        figures = {
            "energy": energy_text(intake.energy_kcal),
            "protein": f"{dec(intake.protein_g)} g = {dec(intake.protein_pct or 0)} %",
            "lipid": f"{dec(intake.lipid_g)} g = {dec(intake.lipid_pct or 0)} %",
            "glucid": f"{dec(intake.glucid_g)} g = {dec(intake.glucid_pct or 0)} %",
            "animal_protein": _("{percent} % đạm").format(percent=dec(intake.animal_protein_pct or 0)),
        }
        from mamnon.nutrition import NUTRIENT_LABELS

        for item in NUTRIENTS:
            check = checks.get(item)
            line = Text.assemble(f"{_(NUTRIENT_LABELS[item]):<14}", f"{figures[item]:<19}",
                                 f"{range_text(check) if check else '':<15}", verdict(check))
            if check is not None and not check.ok and check.top_foods:
                line.append("\n" + " " * 14 + _("nhiều nhất: {foods}").format(
                    foods=", ".join(check.top_foods)), style=MUTED)
            widgets.append(Static(line, id=f"check-{item}", classes="check"))

        if account.meal_checks:
            widgets.append(Static(self.meal_lines(account.meal_checks), id="meal-split", classes="check"))

        widgets.append(Static(Text(_("Đi chợ (cho cả số trẻ ăn)"), style="bold underline"), classes="section"))
        table = Table(box=None, padding=(0, 1), expand=True, show_edge=False)
        table.add_column(_("Thực phẩm"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(_("Số kg"), justify="right", width=8)
        table.add_column(_("Giá đ/kg"), justify="right", width=9)
        table.add_column(_("Thành tiền"), justify="right", width=11)
        for line in account.lines:
            table.add_row(line.name, kg(line.gross_kg), price(line.price_per_kg), price(line.amount))
        widgets.append(Static(table, id="purchases"))

        widgets.append(Static(Text(_("Tiền ăn"), style="bold underline"), classes="section"))
        widgets.append(Static(_("Tổng tiền chợ: {money}").format(
            money=format_money(money.total_cost)), id="total-cost"))
        per_child = _("Bình quân 1 trẻ: {money}").format(money=format_money(money.cost_per_child))
        if money.fee_per_child is not None:
            per_child += _("  /  tiền ăn thu: {money}").format(money=format_money(money.fee_per_child))
        widgets.append(Static(per_child, id="per-child"))
        if money.balance is None:
            balance = Text(_("Chưa có tiền ăn một trẻ: không tính được thừa/thiếu."), style=MUTED)
        elif money.balance >= 0:
            balance = Text(_("Thu {fees}, thừa {surplus}").format(
                fees=format_money(money.fee_total), surplus=format_money(money.balance)), style=GREEN)
        else:
            balance = Text(_("Thu {fees}, thiếu {shortfall}").format(
                fees=format_money(money.fee_total), shortfall=format_money(-money.balance)), style=RED)
        widgets.append(Static(balance, id="balance"))

        if account.warnings:
            widgets.append(Static(Text(_("Lưu ý"), style="bold underline"), classes="section"))
            widgets.append(Static(Text("\n".join(f"• {w}" for w in account.warnings), style="#ffd75f"),
                                  id="warnings"))
        return widgets

    # ------------------------------------------------------------ suggested grams

    def needs_adjusting(self) -> bool:
        """A figure outside the norm, or food costing more per child than the fee."""
        money = self.account.money
        over_fee = money.fee_per_child is not None and money.cost_per_child > money.fee_per_child
        return over_fee or not all(c.ok for c in self.account.checks)

    async def action_suggest(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import meal_money

        if self.account is None:
            self.notify(_("Chưa tính được ngày này nên chưa gợi ý được."), severity="warning")
            return
        scroll = self.query_one("#calc", VerticalScroll)
        await scroll.query(".suggestion").remove()  # before mounting again: the ids are reused
        if not self.needs_adjusting():
            widgets = [Static(Text(_("Gợi ý điều chỉnh"), style="bold underline"), classes="section suggestion"),
                       Static(Text(_("Ngày này đã đạt định mức và không vượt tiền ăn: không cần điều chỉnh."),
                                   style=GREEN), id="suggestion", classes="suggestion")]
        else:
            try:
                suggestion = meal_money.suggest_for_day(self.date, self.stage)
            except MamnonError as exc:
                message = "\n".join(exc.errors.values()) if getattr(exc, "errors", None) else str(exc)
                self.notify(message, title=_("Không gợi ý được"), severity="error")
                return
            widgets = self.suggestion_sections(suggestion)
        await scroll.mount_all(widgets)
        # After the next layout: before it the new widgets have no place to scroll to.
        self.call_after_refresh(scroll.scroll_to_widget, widgets[0], top=True, animate=False)

    def suggestion_sections(self, suggestion: Any) -> list[Static]:
        from mamnon.formats import format_money
        from mamnon.reference import STAGE_LABELS

        stage = _(STAGE_LABELS[self.stage]).lower() if self.stage in STAGE_LABELS else ""
        widgets = [Static(Text(_("Gợi ý điều chỉnh (gam ăn được, mỗi trẻ {stage})").format(
            stage=stage), style="bold underline"),
                          classes="section suggestion")]
        if self.account.closed:
            widgets.append(Static(Text(_("Ngày đã chốt sổ: gợi ý chỉ để tham khảo cho thực đơn sau."), style=MUTED),
                                  classes="suggestion"))
        table = Table(box=None, padding=(0, 1), expand=True, show_edge=False)
        table.add_column(_("Thực phẩm"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(_("Hiện tại"), justify="right", width=9)
        table.add_column(_("Gợi ý"), justify="right", width=9)
        table.add_column(_("Thay đổi"), justify="right", width=9)
        for c in suggestion.changes:
            delta = round(c.after - c.before, 1)
            change = Text("=", style=MUTED) if delta == 0 else Text(
                f"{'+' if delta > 0 else '−'}{dec(abs(delta))}", style=GREEN if delta > 0 else YELLOW)
            table.add_row(c.name, f"{dec(c.before)} g", f"{dec(c.after)} g", change)
        widgets.append(Static(table, id="suggestion", classes="suggestion"))

        checks = {c.item: c for c in suggestion.checks}
        lines = Text()
        for item in NUTRIENTS:
            check = checks.get(item)
            if check is None or check.value is None:
                continue
            value = energy_text(check.value) if item == "energy" else f"{dec(check.value)} %"
            lines.append_text(Text.assemble(f"{_(check.label):<14}", f"{value:<19}", f"{range_text(check):<15}",
                                            verdict(check), "\n"))
        cost = _("Tiền chợ 1 trẻ: {money}").format(money=format_money(suggestion.cost_per_child))
        if suggestion.cost_ceiling is not None:
            cost += _(" / tiền ăn {money}").format(money=format_money(suggestion.cost_ceiling))
        lines.append(cost)
        widgets.append(Static(lines, id="suggestion-checks", classes="suggestion"))
        widgets.append(Static(self.suggestion_verdict(suggestion), id="suggestion-verdict", classes="suggestion"))
        return widgets

    def suggestion_verdict(self, suggestion: Any) -> Text:
        if suggestion.feasible:
            text = Text(_("✓ Định lượng gợi ý đạt định mức và không vượt tiền ăn một trẻ."), style=GREEN)
        else:
            text = Text(_("Không điều chỉnh được để đạt hết; gần nhất vẫn còn:"), style=RED)
            for miss in suggestion.misses:
                text.append(f"\n• {miss}", style=RED)
        if suggestion.unpriced:
            text.append("\n" + _("Chưa có giá (không tính vào tiền): {foods}.").format(
                foods=", ".join(suggestion.unpriced)),
                        style=MUTED)
        return text

    def action_back(self) -> None:
        self.dismiss()
