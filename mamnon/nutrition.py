"""Daily portion calculation on plain values: nutrients, shares, norms, purchases, money.

Nothing here touches the database: `services.menus` loads a menu day into these
dataclasses and calls the functions. Nutrient values are per 100 g of the edible
part (Vietnamese Food Composition Table 2007); None means the table has no
figure, which is reported, never read as 0.

- Energy is the table's energy (kcal), summed over the foods.
- The share of protein / lipid / glucid is its energy (4 / 9 / 4 kcal per g)
  divided by that total energy; each share is checked on its own, the three are
  not forced to add up to 100 % (norms.md §8.3).
- Purchased (gross) weight = edible weight ÷ (1 − waste % / 100).
- Money is whole đồng, rounded half up.
- The energy of each meal is checked against the meal split of Quyết định
  2195/QĐ-BGDĐT (norms.md §1c): a share of the whole-day need, so its kcal range
  is low % × the lowest daily need to high % × the highest (the convention that
  builds the mẫu giáo at-school range 615–726 from 1230–1320 kcal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar
from decimal import ROUND_HALF_UP, Decimal

from mamnon.i18n import N_, _

KCAL_PER_G = {"protein": 4.0, "lipid": 9.0, "glucid": 4.0}
NUTRIENTS = ("energy", "protein", "lipid", "glucid")
NUTRIENT_LABELS = {
    "energy": N_("Năng lượng"), "protein": N_("Chất đạm (P)"), "lipid": N_("Chất béo (L)"),
    "glucid": N_("Chất bột (G)"), "animal_protein": N_("Đạm động vật"),
}
"""Printed on the meal forms; a screen shows `_(label)`."""
MAX_GRAMS_PER_CHILD = 500.0


class NutritionError(ValueError):
    """Input the calculation cannot use; the message is Vietnamese, for the user."""


@dataclass(frozen=True)
class FoodValues:
    """A food's figures per 100 g edible part, its waste and price."""

    code: str
    name: str
    energy_kcal: float | None
    protein_g: float | None
    lipid_g: float | None
    glucid_g: float | None
    waste_pct: float | None = 0.0
    is_animal: bool = False
    price_per_kg: int | None = None


@dataclass(frozen=True)
class Portion:
    """Edible grams of a food per child (one ingredient of one dish, or a day's total)."""

    food: FoodValues
    grams: float


@dataclass(frozen=True)
class Contribution:
    code: str
    name: str
    grams: float
    energy_kcal: float
    protein_g: float
    lipid_g: float
    glucid_g: float


@dataclass(frozen=True)
class Intake:
    """What one child eats at school in a day."""

    energy_kcal: float
    protein_g: float
    lipid_g: float
    glucid_g: float
    animal_protein_g: float
    contributions: tuple[Contribution, ...]
    unknown: tuple[str, ...] = ()
    """'Name: protein, lipid' for foods with a missing figure (counted as nothing)."""

    def share_pct(self, nutrient: str) -> float | None:
        """Per cent of the energy from protein / lipid / glucid (None with no energy)."""
        if self.energy_kcal <= 0:
            return None
        grams = {"protein": self.protein_g, "lipid": self.lipid_g, "glucid": self.glucid_g}[nutrient]
        return grams * KCAL_PER_G[nutrient] * 100.0 / self.energy_kcal

    @property
    def protein_pct(self) -> float | None:
        return self.share_pct("protein")

    @property
    def lipid_pct(self) -> float | None:
        return self.share_pct("lipid")

    @property
    def glucid_pct(self) -> float | None:
        return self.share_pct("glucid")

    @property
    def animal_protein_pct(self) -> float | None:
        """Animal protein as a per cent of all protein."""
        if self.protein_g <= 0:
            return None
        return self.animal_protein_g * 100.0 / self.protein_g


@dataclass(frozen=True)
class Norm:
    """One stage's figures of a norm set; None = no figure, not checked."""

    name: str
    energy_min: float | None = None
    energy_max: float | None = None
    protein_min_pct: float | None = None
    protein_max_pct: float | None = None
    lipid_min_pct: float | None = None
    lipid_max_pct: float | None = None
    glucid_min_pct: float | None = None
    glucid_max_pct: float | None = None
    animal_protein_min_pct: float | None = None
    source: str = ""
    daily_need_min: float | None = None
    daily_need_max: float | None = None
    """Whole-day energy need (kcal) the meal split is a share of."""
    meal_split: tuple[tuple[str, float, float], ...] = ()
    """(meal code, low %, high %) of the whole-day need, for the meals the text names."""


IN_RANGE, BELOW, ABOVE, NOT_CHECKED = "dat", "thieu", "thua", "khong_kiem"
STATUS_LABELS = {IN_RANGE: N_("Đạt"), BELOW: N_("Thiếu"), ABOVE: N_("Thừa"), NOT_CHECKED: N_("Không có định mức")}


@dataclass(frozen=True)
class NormCheck:
    item: str
    """energy, protein, lipid, glucid or animal_protein."""
    value: float | None
    """kcal for energy, % for the others."""
    low: float | None
    high: float | None
    status: str
    by: float = 0.0
    """How far outside the range (always ≥ 0; kcal or percentage points)."""
    top_foods: tuple[str, ...] = ()
    """For a miss: the foods contributing most to that nutrient, largest first."""

    @property
    def label(self) -> str:
        return NUTRIENT_LABELS[self.item]

    @property
    def ok(self) -> bool:
        return self.status in (IN_RANGE, NOT_CHECKED)


@dataclass(frozen=True)
class MealCheck:
    item: ClassVar[str] = "energy"
    """What is judged: always the meal's energy (kcal), as NormCheck.item says for a day."""

    meal: str
    energy_kcal: float
    low_pct: float | None
    high_pct: float | None
    low_kcal: float | None
    high_kcal: float | None
    status: str
    by: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in (IN_RANGE, NOT_CHECKED)


@dataclass(frozen=True)
class PurchaseLine:
    code: str
    name: str
    edible_g_per_child: float
    gross_kg: float
    """Purchased quantity for all the children, kg to the gram."""
    price_per_kg: int | None
    cost: int | None
    """VND, None when the price is not set."""
    waste_known: bool = True


@dataclass(frozen=True)
class DayMoney:
    children: int
    fee_per_child: int | None
    total_cost: int
    """Sum of the lines with a price."""
    cost_per_child: float
    fee_total: int | None
    balance: int | None
    """Fees collected minus cost: > 0 surplus, < 0 deficit; None without a fee."""
    missing_prices: tuple[str, ...] = ()


# --- computations ---------------------------------------------------------------------


def combine(portions: list[Portion] | tuple[Portion, ...]) -> list[Portion]:
    """One portion per food (same code summed), in first-seen order."""
    totals: dict[str, Portion] = {}
    for p in portions:
        if p.food.code in totals:
            totals[p.food.code] = Portion(p.food, totals[p.food.code].grams + p.grams)
        else:
            totals[p.food.code] = Portion(p.food, p.grams)
    return list(totals.values())


def _per(value: float | None, grams: float) -> float:
    return 0.0 if value is None else value * grams / 100.0


def intake(portions: list[Portion] | tuple[Portion, ...]) -> Intake:
    """Energy and P/L/G grams per child from edible grams × values per 100 g."""
    rows = []
    unknown = []
    for p in combine(portions):
        f = p.food
        missing = [n for n, v in ((_("năng lượng"), f.energy_kcal), (_("đạm"), f.protein_g), (_("béo"), f.lipid_g),
                                  (_("bột"), f.glucid_g)) if v is None]
        if missing:
            unknown.append(f"{f.name}: {', '.join(missing)}")
        rows.append((Contribution(f.code, f.name, p.grams, _per(f.energy_kcal, p.grams), _per(f.protein_g, p.grams),
                                  _per(f.lipid_g, p.grams), _per(f.glucid_g, p.grams)), f.is_animal))
    return Intake(
        energy_kcal=sum(c.energy_kcal for c, _ in rows),
        protein_g=sum(c.protein_g for c, _ in rows),
        lipid_g=sum(c.lipid_g for c, _ in rows),
        glucid_g=sum(c.glucid_g for c, _ in rows),
        animal_protein_g=sum(c.protein_g for c, animal in rows if animal),
        contributions=tuple(c for c, _ in rows),
        unknown=tuple(unknown),
    )


def _compare(item: str, value: float | None, low: float | None, high: float | None,
             top: tuple[str, ...]) -> NormCheck:
    if value is None or (low is None and high is None):
        return NormCheck(item, value, low, high, NOT_CHECKED)
    # Judged at the precision every screen and form shows (one decimal): a day shown as
    # "726,0 kcal" against 615–726 must not be called over the norm.
    shown = float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    if low is not None and shown < low:
        return NormCheck(item, value, low, high, BELOW, low - value, top)
    if high is not None and shown > high:
        return NormCheck(item, value, low, high, ABOVE, value - high, top)
    return NormCheck(item, value, low, high, IN_RANGE)


def top_contributors(day: Intake, item: str, n: int = 3) -> tuple[str, ...]:
    """Names of the foods giving most of a nutrient (energy, protein, lipid, glucid)."""
    attr = {"energy": "energy_kcal", "protein": "protein_g", "lipid": "lipid_g", "glucid": "glucid_g",
            "animal_protein": "protein_g"}[item]
    ranked = sorted(day.contributions, key=lambda c: -getattr(c, attr))
    return tuple(c.name for c in ranked if getattr(c, attr) > 0)[:n]


def check_norm(day: Intake, norm: Norm) -> list[NormCheck]:
    """Each figure against its range: energy (kcal), P/L/G shares and the animal-protein share (%)."""
    return [
        _compare("energy", day.energy_kcal, norm.energy_min, norm.energy_max, top_contributors(day, "energy")),
        _compare("protein", day.protein_pct, norm.protein_min_pct, norm.protein_max_pct,
                 top_contributors(day, "protein")),
        _compare("lipid", day.lipid_pct, norm.lipid_min_pct, norm.lipid_max_pct, top_contributors(day, "lipid")),
        _compare("glucid", day.glucid_pct, norm.glucid_min_pct, norm.glucid_max_pct,
                 top_contributors(day, "glucid")),
        _compare("animal_protein", day.animal_protein_pct, norm.animal_protein_min_pct, None,
                 top_contributors(day, "protein")),
    ]


def check_meals(meal_energy: dict[str, float], norm: Norm) -> list[MealCheck]:
    """Each meal's energy (kcal per child) against its share of the whole-day need.

    A split entry may join meals with "+" ("chieu+phu"): mẫu giáo has one main meal
    and one snack at school, and many schools serve that snack as a light "bữa
    chiều" plus a drink. Meals the split does not name are listed, not judged.
    """
    checks = []
    covered: set[str] = set()
    for key, low_pct, high_pct in norm.meal_split:
        meals = [m for m in key.split("+") if m in meal_energy]
        if not meals:
            continue
        covered.update(meals)
        kcal = sum(meal_energy[m] for m in meals)
        if norm.daily_need_min is None or norm.daily_need_max is None:
            checks.append(MealCheck("+".join(meals), kcal, low_pct, high_pct, None, None, NOT_CHECKED))
            continue
        low = float(Decimal(str(low_pct)) * Decimal(str(norm.daily_need_min)) / 100)
        high = float(Decimal(str(high_pct)) * Decimal(str(norm.daily_need_max)) / 100)
        c = _compare("energy", kcal, low, high, ())
        checks.append(MealCheck("+".join(meals), kcal, low_pct, high_pct, low, high, c.status, c.by))
    checks += [MealCheck(m, kcal, None, None, None, None, NOT_CHECKED)
               for m, kcal in meal_energy.items() if m not in covered]
    return checks


def round_money(amount: float | Decimal) -> int:
    """Whole đồng, half up."""
    return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def gross_kg(edible_g_per_child: float, waste_pct: float | None, children: int) -> float:
    """Purchased kg for all the children, to the gram (unknown waste counts as 0 %)."""
    waste = Decimal(str(waste_pct or 0))
    if not Decimal(0) <= waste < Decimal(100):
        raise NutritionError(_("Tỷ lệ thải bỏ {waste} % không hợp lệ (phải từ 0 đến dưới 100 %).").format(
            waste=waste_pct))
    grams = Decimal(str(edible_g_per_child)) * children / (1 - waste / 100)
    return float((grams / 1000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def _check_children(children: int) -> None:
    if children is None or children <= 0:
        raise NutritionError(_("Số trẻ ăn phải lớn hơn 0."))


def purchases(portions: list[Portion] | tuple[Portion, ...], children: int) -> list[PurchaseLine]:
    """What to buy for `children` children: gross kg and cost per food (cost = kg to the gram × price)."""
    _check_children(children)
    lines = []
    for p in combine(portions):
        f = p.food
        if f.price_per_kg is not None and f.price_per_kg <= 0:
            raise NutritionError(_("Giá của «{food}» phải lớn hơn 0 đ/kg.").format(food=f.name))
        kg = gross_kg(p.grams, f.waste_pct, children)
        cost = None if f.price_per_kg is None else round_money(Decimal(str(kg)) * f.price_per_kg)
        lines.append(PurchaseLine(f.code, f.name, p.grams, kg, f.price_per_kg, cost, f.waste_pct is not None))
    return lines


def day_money(lines: list[PurchaseLine], children: int, fee_per_child: int | None) -> DayMoney:
    """The day's cost, cost per child, fees and surplus (> 0) or deficit (< 0)."""
    _check_children(children)
    if fee_per_child is not None and fee_per_child < 0:
        raise NutritionError(_("Tiền ăn một trẻ một ngày không được âm."))
    total = sum(line.cost for line in lines if line.cost is not None)
    fee_total = None if fee_per_child is None else fee_per_child * children
    return DayMoney(
        children=children, fee_per_child=fee_per_child, total_cost=total, cost_per_child=total / children,
        fee_total=fee_total, balance=None if fee_total is None else fee_total - total,
        missing_prices=tuple(line.name for line in lines if line.cost is None),
    )


@dataclass(frozen=True)
class DayResult:
    intake: Intake
    checks: tuple[NormCheck, ...]
    lines: tuple[PurchaseLine, ...]
    money: DayMoney
    warnings: tuple[str, ...] = field(default=())
    meal_checks: tuple[MealCheck, ...] = field(default=())


def calculate_day(portions: list[Portion] | tuple[Portion, ...], children: int, fee_per_child: int | None,
                  norm: Norm | None, meals: dict[str, list[Portion]] | None = None) -> DayResult:
    """The whole day: per-child intake, norm checks, purchases and money.

    `meals` (meal code → its portions, in serving order) adds the per-meal energy check.
    """
    _check_children(children)
    if not portions:
        raise NutritionError(_("Thực đơn ngày này chưa có món nào."))
    for p in portions:
        if not 0 < p.grams <= MAX_GRAMS_PER_CHILD:
            raise NutritionError(_("Định lượng «{food}» phải lớn hơn 0 và không quá {grams} g một trẻ.").format(
                food=p.food.name, grams=f"{MAX_GRAMS_PER_CHILD:g}"))
    day = intake(portions)
    checks = tuple(check_norm(day, norm)) if norm is not None else ()
    lines = tuple(purchases(portions, children))
    money = day_money(list(lines), children, fee_per_child)
    warnings = [_("Thiếu số liệu (tính như không có): {missing}.").format(missing=u) for u in day.unknown]
    warnings += [_("Chưa rõ tỷ lệ thải bỏ của «{food}»: tính như 0 %.").format(food=line.name)
                 for line in lines if not line.waste_known]
    if money.missing_prices:
        warnings.append(_("Chưa có giá: {foods}.").format(foods=", ".join(money.missing_prices)))
    meal_checks: tuple[MealCheck, ...] = ()
    if meals and norm is not None:
        meal_checks = tuple(check_meals({m: intake(p).energy_kcal for m, p in meals.items()}, norm))
    return DayResult(day, checks, lines, money, tuple(warnings), meal_checks)
