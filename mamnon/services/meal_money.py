"""Closing a meal day (chốt sổ), the market list (phiếu kê chợ) and the meal money accounts.

`close_day` stores the day's purchase lines (food, per-child edible grams and
nutrients, gross kg, unit price, amount, supplier), the children count and the
fee as they are, so later edits of dish grams or food prices never change a
closed day: its report, its market list and its money come from that snapshot.
Actual market prices may replace the catalogue's (`actual_prices`). Only
`reopen_day` removes a snapshot.

Money is whole đồng (int); formatting is left to the screens and workbooks.
The month's accounts (công khai tài chính bữa ăn): fees collected (children ×
fee), spent (sum of amounts), surplus/deficit per day, and the balance carried
from the previous month, starting from the opening balance set for the first
month (`set_opening_balance`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.i18n import N_, _
from mamnon.models import ClosedDay, ClosedLine, Food, MenuDay, NormSet, Setting
from mamnon.models.meals import STAGES
from mamnon.nutrition import (Contribution, DayMoney, Intake, MealCheck, NormCheck, NutritionError, PurchaseLine,
                              check_norm, day_money, round_money)
from mamnon.nutrition_solver import Suggestion, suggest_adjustment
from mamnon.reference import STAGE_LABELS
from mamnon.services import audit, permissions
from mamnon.services.menus import (MEAL_LABELS, NormSetRow, _norm_row, calculate_menu_day, children_for, day_portions,
                                   get_menu_day, get_norm_set, norm_code_for)
from mamnon.vntext import text_sort_key

CLOSED, LIVE = "chot_so", "tinh_truc_tiep"
# Labels of where a day's figures come from; a screen shows them as _(label).
SOURCE_LABELS = {CLOSED: N_("Đã chốt sổ"), LIVE: N_("Tính theo giá và định lượng hiện tại (chưa chốt sổ)")}
OPENING_KEY = "meals.opening_balance"


def _stage_word(stage: str) -> str:
    """The stage inside a message, in the interface language."""
    return _(STAGE_LABELS.get(stage, stage)).lower()


@dataclass(frozen=True)
class AccountLine:
    food_id: int
    code: str
    name: str
    edible_g_per_child: float
    gross_kg: float
    price_per_kg: int | None
    amount: int | None
    supplier: str


@dataclass(frozen=True)
class DayAccount:
    """A day's purchases, nutrition and money — from the snapshot when closed, else computed now."""

    date: dt.date
    stage: str
    source: str
    """CLOSED or LIVE."""
    children: int
    fee_per_child: int | None
    lines: tuple[AccountLine, ...]
    intake: Intake
    checks: tuple[NormCheck, ...]
    money: DayMoney
    norm: NormSetRow | None
    warnings: tuple[str, ...] = ()
    meal_checks: tuple[MealCheck, ...] = ()
    """Energy per meal against the meal split; only for open days (a snapshot keeps foods, not meals)."""
    children_source: str = ""
    """Open days: "attendance" or "typed" (menus.children_for); "" for a closed day's stored count."""

    @property
    def closed(self) -> bool:
        return self.source == CLOSED


def is_closed(date: dt.date, stage: str) -> bool:
    return ClosedDay.select().where((ClosedDay.date == date) & (ClosedDay.stage == stage)).exists()


def _money(lines, children, fee) -> DayMoney:
    return day_money([PurchaseLine(ln.code, ln.name, ln.edible_g_per_child, ln.gross_kg, ln.price_per_kg, ln.amount)
                      for ln in lines], children, fee)


def _live(date: dt.date, stage: str) -> DayAccount:
    report = calculate_menu_day(date, stage)
    by_code = {f.code: f for f in Food.select().where(Food.code.in_([ln.code for ln in report.result.lines]))}
    lines = tuple(AccountLine(by_code[ln.code].id, ln.code, ln.name, ln.edible_g_per_child, ln.gross_kg,
                              ln.price_per_kg, ln.cost, by_code[ln.code].supplier) for ln in report.result.lines)
    r = report.result
    return DayAccount(date, stage, LIVE, r.money.children, report.menu.fee_per_child, lines, r.intake,
                      r.checks, r.money, report.norm, r.warnings, r.meal_checks, report.children_source)


def _snapshot(c: ClosedDay) -> DayAccount:
    rows = list(ClosedLine.select().where(ClosedLine.closed_day == c.id).order_by(ClosedLine.position, ClosedLine.id))
    lines = tuple(AccountLine(r.food_id, r.food_code, r.food_name, r.edible_g, r.gross_kg, r.price_per_kg, r.amount,
                              r.supplier) for r in rows)
    contributions = tuple(Contribution(r.food_code, r.food_name, r.edible_g, r.energy_kcal, r.protein_g, r.lipid_g,
                                       r.glucid_g) for r in rows)
    day = Intake(sum(r.energy_kcal for r in rows), sum(r.protein_g for r in rows), sum(r.lipid_g for r in rows),
                 sum(r.glucid_g for r in rows), sum(r.protein_g for r in rows if r.is_animal), contributions)
    norm = None
    if c.norm_set_id is not None:
        norm = _norm_row(NormSet.get_by_id(c.norm_set_id))
    checks = tuple(check_norm(day, norm.norm())) if norm is not None else ()
    money = _money(lines, c.children_count, c.fee_per_child)
    warnings = ((_("Chưa có giá: {foods}.").format(foods=", ".join(money.missing_prices)),)
                if money.missing_prices else ())
    return DayAccount(c.date, c.stage, CLOSED, c.children_count, c.fee_per_child, lines, day, checks, money, norm,
                      warnings)


def day_account(date: dt.date, stage: str) -> DayAccount:
    """The day's account: the closed snapshot if the day is closed, otherwise computed now."""
    c = ClosedDay.get_or_none((ClosedDay.date == date) & (ClosedDay.stage == stage))
    return _snapshot(c) if c is not None else _live(date, stage)


def close_day(date: dt.date, stage: str, *, actual_prices: dict[int, int] | None = None,
              note: str = "") -> DayAccount:
    """Store the day's lines, head-count and fee; `actual_prices` {food id: đồng per kg} replace catalogue prices."""
    permissions.require("money.edit")
    if is_closed(date, stage):
        raise ValidationError({"date": _("Ngày {day} ({stage}) đã chốt sổ. Mở lại sổ trước nếu cần sửa.").format(
            day=f"{date:%d/%m/%Y}", stage=_stage_word(stage))})
    live = _live(date, stage)
    prices = {}
    for food_id, price in (actual_prices or {}).items():
        if not isinstance(price, int) or isinstance(price, bool) or price <= 0:
            raise ValidationError({"actual_prices": _("Giá thực tế phải là số nguyên đồng lớn hơn 0.")})
        prices[food_id] = price
    unknown = set(prices) - {ln.food_id for ln in live.lines}
    if unknown:
        names = ", ".join(sorted((f.name for f in Food.select().where(Food.id.in_(unknown))), key=text_sort_key))
        raise ValidationError({"actual_prices": _("Giá thực tế cho thực phẩm không có trong thực đơn ngày này: "
                                                  "{foods}.").format(
            foods=names or ", ".join(map(str, sorted(unknown))))})
    menu = get_menu_day(date, stage)
    by_code = {c.code: c for c in live.intake.contributions}
    animal = {f.code: (f.is_animal, f.waste_pct) for f in Food.select().where(
        Food.code.in_([ln.code for ln in live.lines]))}
    with database.atomic():
        lines = []
        for ln in live.lines:
            price = prices.get(ln.food_id, ln.price_per_kg)
            amount = None if price is None else round_money(Decimal(str(ln.gross_kg)) * price)
            lines.append(AccountLine(ln.food_id, ln.code, ln.name, ln.edible_g_per_child, ln.gross_kg, price,
                                     amount, ln.supplier))
        money = _money(lines, live.children, live.fee_per_child)
        c = ClosedDay.create(date=date, stage=stage, children_count=live.children, fee_per_child=live.fee_per_child,
                             total_cost=money.total_cost, norm_set=live.norm.id if live.norm else None,
                             menu_text="\n".join(f"{MEAL_LABELS[i.meal]}: {i.dish_name}" for i in menu.items),
                             note=note)
        for position, ln in enumerate(lines):
            con = by_code[ln.code]
            ClosedLine.create(closed_day=c, food=ln.food_id, food_code=ln.code, food_name=ln.name,
                              is_animal=animal[ln.code][0], edible_g=ln.edible_g_per_child,
                              energy_kcal=con.energy_kcal, protein_g=con.protein_g, lipid_g=con.lipid_g,
                              glucid_g=con.glucid_g, waste_pct=animal[ln.code][1], gross_kg=ln.gross_kg,
                              price_per_kg=ln.price_per_kg, amount=ln.amount, supplier=ln.supplier,
                              position=position)
    return _snapshot(c)


def reopen_day(date: dt.date, stage: str) -> None:
    """Remove a day's snapshot: its figures are computed from the current dishes and prices again."""
    permissions.require("money.edit")
    c = ClosedDay.get_or_none((ClosedDay.date == date) & (ClosedDay.stage == stage))
    if c is None:
        raise NotFound(_("Ngày {day} ({stage}) chưa chốt sổ.").format(day=f"{date:%d/%m/%Y}",
                                                                      stage=_stage_word(stage)))
    with database.atomic():
        audit.delete_where(ClosedLine, ClosedLine.closed_day == c.id)
        c.delete_instance()


def closed_days(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    return [(c.date, c.stage) for c in ClosedDay.select().where((ClosedDay.date >= start) & (ClosedDay.date <= end))
            .order_by(ClosedDay.date, ClosedDay.stage)]


# --- market list --------------------------------------------------------------------------


@dataclass(frozen=True)
class MarketLine:
    code: str
    name: str
    gross_kg: float
    """All the days together, kg to the gram."""
    price_per_kg: int | None
    """The unit price when it is the same on every line; None when it varies or is not set."""
    amount: int
    """Sum of the priced lines, in đồng."""  # i18n-skip: a note for developers
    supplier: str
    unpriced_kg: float = 0.0
    """kg bought without a price (not in the amount)."""


@dataclass(frozen=True)
class MarketList:
    start: dt.date
    end: dt.date
    days: tuple[tuple[dt.date, str, str], ...]
    """(date, stage, CLOSED / LIVE) of every menu day counted."""
    lines: tuple[MarketLine, ...]
    total: int
    warnings: tuple[str, ...] = ()

    @property
    def all_closed(self) -> bool:
        return all(source == CLOSED for _day, _stage, source in self.days)


def market_list(start: dt.date, end: dt.date | None = None, stage: str | None = None) -> MarketList:
    """Per food: total gross kg, unit price, amount and supplier over the menu days start..end."""
    end = end or start
    if end < start:
        raise ValidationError({"end": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    query = MenuDay.select().where((MenuDay.date >= start) & (MenuDay.date <= end))
    if stage is not None:
        query = query.where(MenuDay.stage == stage)
    closed = {(c.date, c.stage) for c in ClosedDay.select().where((ClosedDay.date >= start) & (ClosedDay.date <= end))}
    keys = {(m.date, m.stage) for m in query} | {k for k in closed if stage is None or k[1] == stage}
    days, warnings = [], []
    acc: dict[str, dict] = {}
    for date, st in sorted(keys, key=lambda k: (k[0], STAGES.index(k[1]) if k[1] in STAGES else 9)):
        try:
            account = day_account(date, st)
        except ValidationError as exc:  # e.g. a day made by a plan, still without its head-count
            raise ValidationError({key: _("Ngày {day} ({stage}): {message}").format(
                day=f"{date:%d/%m/%Y}", stage=_stage_word(st), message=message)
                for key, message in exc.errors.items()}) from None
        days.append((date, st, account.source))
        warnings += [f"{date:%d/%m/%Y} ({_stage_word(st)}): {w}" for w in account.warnings]
        for ln in account.lines:
            a = acc.setdefault(ln.code, {"name": ln.name, "kg": Decimal(0), "prices": set(), "amount": 0,
                                         "supplier": ln.supplier, "unpriced": Decimal(0)})
            a["kg"] += Decimal(str(ln.gross_kg))
            a["prices"].add(ln.price_per_kg)
            if ln.amount is None:
                a["unpriced"] += Decimal(str(ln.gross_kg))
            else:
                a["amount"] += ln.amount
            if ln.supplier and not a["supplier"]:
                a["supplier"] = ln.supplier
    lines = tuple(MarketLine(code, a["name"], float(a["kg"]),
                             next(iter(a["prices"])) if len(a["prices"]) == 1 else None, a["amount"], a["supplier"],
                             float(a["unpriced"])) for code, a in acc.items())
    lines = tuple(sorted(lines, key=lambda x: text_sort_key(x.name)))
    return MarketList(start, end, tuple(days), lines, sum(x.amount for x in lines), tuple(warnings))


# --- money --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayMoneyRow:
    date: dt.date
    stage: str
    source: str
    children: int
    fee_per_child: int
    collected: int
    spent: int
    balance: int
    """collected − spent: > 0 surplus, < 0 deficit."""


@dataclass(frozen=True)
class MonthSummary:
    year: int
    month: int
    opening: int
    """Balance carried from the previous month (or the opening balance)."""
    days: tuple[DayMoneyRow, ...]
    collected: int
    spent: int
    closing: int

    @property
    def surplus(self) -> int:
        return self.collected - self.spent


def set_opening_balance(year: int, month: int, amount: int) -> None:
    """The meal fund's balance at the start of `month` of `year`, the first month of the accounts (đồng)."""
    permissions.require("money.edit")
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise ValidationError({"opening_balance": _("Số dư đầu kỳ phải là số nguyên đồng.")})
    if not 1 <= month <= 12:
        raise ValidationError({"month": _("Tháng phải từ 1 đến 12.")})
    # Days closed before the opening month would fall outside the accounts and their money vanish.
    if ClosedDay.select().where(ClosedDay.date < dt.date(year, month, 1)).exists():
        raise ValidationError({"opening_balance": _("Đã có ngày chốt sổ trước tháng {month}/{year}: số dư đầu kỳ "
                                                    "chỉ nhập cho tháng đầu tiên của sổ tiền ăn.").format(
            month=f"{month:02d}", year=year)})
    with database.atomic():
        audit.set_setting(OPENING_KEY, f"{year:04d}-{month:02d} {amount}")


def opening_balance() -> tuple[int, int, int] | None:
    """(year, month, amount) set by `set_opening_balance`, or None."""
    s = Setting.get_or_none(Setting.key == OPENING_KEY)
    if s is None:
        return None
    ym, amount = s.value.split()
    year, month = ym.split("-")
    return int(year), int(month), int(amount)


def _month_rows(year: int, month: int) -> list[DayMoneyRow]:
    start = dt.date(year, month, 1)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    menus = list(MenuDay.select().where((MenuDay.date >= start) & (MenuDay.date <= end)))
    closed = {(c.date, c.stage) for c in ClosedDay.select().where((ClosedDay.date >= start) & (ClosedDay.date <= end))}
    for m in sorted(menus, key=lambda m: m.date):
        if (m.date, m.stage) in closed:
            continue
        if not children_for(m.date, m.stage, m.children_count)[0]:
            raise ValidationError({"children_count": _("Ngày {day} ({stage}) có thực đơn nhưng chưa có số trẻ ăn: "
                                                       "nhập số trẻ ăn trước khi tổng hợp tháng {month}/{year}.").format(
                day=f"{m.date:%d/%m/%Y}", stage=_stage_word(m.stage), month=month, year=year)})
        if not m.fee_per_child:
            raise ValidationError({"fee_per_child": _("Ngày {day} ({stage}) chưa có tiền ăn một trẻ: nhập trước khi "
                                                      "tổng hợp tháng {month}/{year}.").format(
                day=f"{m.date:%d/%m/%Y}", stage=_stage_word(m.stage), month=month, year=year)})
    keys = {(m.date, m.stage) for m in menus} | closed
    rows = []
    for date, stage in sorted(keys, key=lambda k: (k[0], STAGES.index(k[1]) if k[1] in STAGES else 9)):
        a = day_account(date, stage)
        if not a.fee_per_child:
            raise ValidationError({"fee_per_child": _("Ngày {day} ({stage}) đã chốt sổ nhưng không có tiền ăn một "
                                                      "trẻ: mở lại sổ, nhập tiền ăn rồi chốt lại.").format(
                day=f"{date:%d/%m/%Y}", stage=_stage_word(stage))})
        fee = a.fee_per_child
        collected = fee * a.children
        rows.append(DayMoneyRow(date, stage, a.source, a.children, fee, collected, a.money.total_cost,
                                collected - a.money.total_cost))
    return rows


def month_summary(year: int, month: int) -> MonthSummary:
    """Fees collected, spent and the balance of a month, carried on from the opening balance's month."""
    opening = opening_balance()
    if opening is None:
        raise ValidationError({"opening_balance": _("Chưa nhập số dư đầu kỳ của tiền ăn (tháng bắt đầu sổ).")})
    oy, om, balance = opening
    if (year, month) < (oy, om):
        raise ValidationError({"month": _("Sổ tiền ăn bắt đầu từ tháng {month}/{year}.").format(month=om, year=oy)})
    y, m = oy, om
    while True:
        rows = _month_rows(y, m)
        collected = sum(r.collected for r in rows)
        spent = sum(r.spent for r in rows)
        closing = balance + collected - spent
        if (y, m) == (year, month):
            return MonthSummary(year, month, balance, tuple(rows), collected, spent, closing)
        balance = closing
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


# --- the solver on a saved day --------------------------------------------------------------


def suggest_for_day(date: dt.date, stage: str, *, low_factor: float = 0.5, high_factor: float = 1.5,
                    norm_code: str | None = None) -> Suggestion:
    """Adjusted grams per food for a saved menu day, meeting its norm within the day's fee per child."""
    menu = get_menu_day(date, stage)
    if not menu.items:
        raise ValidationError({"items": _("Thực đơn ngày này chưa có món nào.")})
    norm = get_norm_set(norm_code or norm_code_for(date), stage)
    try:
        return suggest_adjustment(day_portions(menu), norm.norm(), menu.fee_per_child,
                                  low_factor=low_factor, high_factor=high_factor)
    except NutritionError as exc:
        raise ValidationError({"menu": str(exc)}) from None
