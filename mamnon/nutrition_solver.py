"""Suggest adjusted portions that meet a norm within the day's fee (pure, plain values).

The day's foods are the variables (edible grams per child), each kept within
bounds (by default 50–150 % of the current grams and at most 500 g). Every
requirement is linear in the grams:

- energy E = Σ e_i g_i / 100 between the norm's min and max;
- a share of P / L / G: k · Σ x_i g_i · 100 − pct · E ≥ 0 (min) or ≤ 0 (max);
- animal protein: Σ_animal p_i g_i · 100 − pct · Σ p_i g_i ≥ 0;
- cost per child Σ price_i / (1 − waste_i) · g_i / 1 000 000 ≤ the fee (đồng).

The method is deterministic coordinate descent on the sum of squared, scaled
violations (each aimed at a small margin inside the range) plus a tiny pull back
to the current grams; each coordinate step is an exact minimisation of a convex
piecewise-quadratic function of one variable (ternary search on its bounds).
The result is rounded to 0.1 g and re-checked with `mamnon.nutrition`; the
answer is "meets" only when that check passes, otherwise it says which figures
miss and by how much at the closest point found.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mamnon.nutrition import (KCAL_PER_G, MAX_GRAMS_PER_CHILD, Intake, Norm, NormCheck, NutritionError, Portion,
                              check_norm, combine, intake)
from mamnon.i18n import _

ENERGY_MARGIN = 2.0
"""kcal aimed inside each energy bound."""
SHARE_MARGIN = 0.3
"""Percentage points aimed inside each share bound."""
COST_MARGIN = 0.002
"""Share of the fee kept free (rounding of kg and đồng)."""  # i18n-skip: doc


@dataclass(frozen=True)
class GramChange:
    code: str
    name: str
    before: float
    after: float
    low: float
    high: float


@dataclass(frozen=True)
class Suggestion:
    feasible: bool
    """True when the suggested grams meet every checked figure and the cost ceiling."""
    changes: tuple[GramChange, ...]
    portions: tuple[Portion, ...]
    intake: Intake
    checks: tuple[NormCheck, ...]
    cost_per_child: float
    """đồng, from the foods with a price."""  # i18n-skip: doc
    cost_ceiling: float | None
    cost_over: float
    """đồng per child above the ceiling (0 when within)."""  # i18n-skip: doc
    misses: tuple[str, ...]
    """One line per figure not met, in the interface language (empty when feasible)."""
    unpriced: tuple[str, ...] = ()

    @property
    def grams(self) -> dict[str, float]:
        return {c.code: c.after for c in self.changes}


def cost_per_child(portions: list[Portion] | tuple[Portion, ...]) -> float:
    """đồng per child: gross grams × price per kg / 1000 (unknown waste as 0 %, no price as 0)."""
    total = 0.0
    for p in combine(portions):
        if p.food.price_per_kg:
            total += p.grams / (1 - (p.food.waste_pct or 0) / 100) * p.food.price_per_kg / 1000
    return total


def _v(x: float | None) -> float:
    return 0.0 if x is None else float(x)


def _rows(foods, g0, norm: Norm, ceiling: float | None):
    """Linear requirements a·g ≥ b as (a, b, scale, label) with a margin inside each bound."""
    e = [_v(f.energy_kcal) / 100 for f in foods]
    mac = {"protein": [_v(f.protein_g) / 100 for f in foods], "lipid": [_v(f.lipid_g) / 100 for f in foods],
           "glucid": [_v(f.glucid_g) / 100 for f in foods]}
    rows = []
    if norm.energy_min is not None:
        rows.append((e, norm.energy_min + ENERGY_MARGIN, max(norm.energy_min, 1.0), "energy"))
    if norm.energy_max is not None:
        rows.append(([-x for x in e], -(norm.energy_max - ENERGY_MARGIN), max(norm.energy_max, 1.0), "energy"))
    ref_e = norm.energy_min or norm.energy_max or 600.0
    for nut in ("protein", "lipid", "glucid"):
        k = KCAL_PER_G[nut] * 100
        low, high = getattr(norm, f"{nut}_min_pct"), getattr(norm, f"{nut}_max_pct")
        if low is not None:
            t = low + SHARE_MARGIN
            rows.append(([k * m - t * ei for m, ei in zip(mac[nut], e)], 0.0, ref_e * 100, nut))
        if high is not None:
            t = high - SHARE_MARGIN
            rows.append(([t * ei - k * m for m, ei in zip(mac[nut], e)], 0.0, ref_e * 100, nut))
    if norm.animal_protein_min_pct is not None:
        t = norm.animal_protein_min_pct + SHARE_MARGIN
        p = mac["protein"]
        rows.append(([(100 if f.is_animal else 0) * pi - t * pi for f, pi in zip(foods, p)], 0.0,
                     max(sum(pi * x for pi, x in zip(p, g0)) * 100, 1.0), "animal_protein"))
    if ceiling is not None:
        c = [(f.price_per_kg or 0) / (1 - (f.waste_pct or 0) / 100) / 1000 for f in foods]
        rows.append(([-x for x in c], -ceiling * (1 - COST_MARGIN), max(ceiling, 1.0), "cost"))
    return rows


def _penalty(values, rows, g, g0, pull):
    total = 0.0
    for (a, b, s, _cost), v in zip(rows, values):
        short = (b - v) / s
        if short > 0:
            total += short * short
    return total + pull * sum(((x - x0) / x0) ** 2 for x, x0 in zip(g, g0))


def _descend(rows, g, g0, lo, hi, pull, sweeps=300):
    n = len(g)
    values = [sum(ai * gi for ai, gi in zip(a, g)) for a, _, _, _ in rows]
    for _sweep in range(sweeps):
        moved = 0.0
        for i in range(n):
            def f(x):
                shifted = [v + a[i] * (x - g[i]) for v, (a, _, _, _) in zip(values, rows)]
                rest = _penalty(shifted, rows, [], [], 0.0)
                return rest + pull * ((x - g0[i]) / g0[i]) ** 2
            a_, b_ = lo[i], hi[i]
            for _step in range(80):
                m1, m2 = a_ + (b_ - a_) / 3, b_ - (b_ - a_) / 3
                if f(m1) <= f(m2):
                    b_ = m2
                else:
                    a_ = m1
            x = (a_ + b_) / 2
            if f(x) < f(g[i]):
                values = [v + a[i] * (x - g[i]) for v, (a, _, _, _) in zip(values, rows)]
                moved = max(moved, abs(x - g[i]))
                g[i] = x
        if moved < 1e-4:
            break
    return g


def _misses(checks, cost, ceiling) -> tuple[str, ...]:
    out = []
    for c in checks:
        if not c.ok:
            unit = "kcal" if c.item == "energy" else _("điểm %")
            by = f"{c.by:.1f}".replace(".", ",")
            if c.status == "thieu":
                out.append(_("{nutrient}: thiếu {by} {unit}.").format(nutrient=_(c.label), by=by, unit=unit))
            else:
                out.append(_("{nutrient}: thừa {by} {unit}.").format(nutrient=_(c.label), by=by, unit=unit))
    if ceiling is not None and cost > ceiling:
        over = f"{cost - ceiling:,.0f}".replace(",", ".")
        out.append(_("Tiền chợ một trẻ vượt tiền ăn {amount} đ.").format(amount=over))
    return tuple(out)


def suggest_adjustment(portions: list[Portion] | tuple[Portion, ...], norm: Norm, cost_ceiling: float | None = None,
                       *, low_factor: float = 0.5, high_factor: float = 1.5,
                       max_grams: float = MAX_GRAMS_PER_CHILD,
                       bounds: dict[str, tuple[float, float]] | None = None) -> Suggestion:
    """New edible grams per child (same food in several dishes summed) meeting `norm` within `cost_ceiling`.

    `bounds` may fix a food's (low, high) grams by food code; the others get
    low_factor × current … min(high_factor × current, max_grams).
    """
    day = combine(portions)
    if not day:
        raise NutritionError(_("Thực đơn ngày này chưa có món nào."))
    if cost_ceiling is not None and cost_ceiling <= 0:
        raise NutritionError(_("Tiền ăn một trẻ phải lớn hơn 0 đ."))
    foods = [p.food for p in day]
    g0 = [p.grams for p in day]
    if any(not 0 < x <= max_grams for x in g0):
        raise NutritionError(_("Định lượng mỗi thực phẩm phải lớn hơn 0 và không quá {grams} g một trẻ.").format(
            grams=f"{max_grams:g}"))
    lo, hi = [], []
    for f, x in zip(foods, g0):
        low, high = (bounds or {}).get(f.code, (x * low_factor, min(x * high_factor, max_grams)))
        low, high = max(float(low), 0.1), min(float(high), max_grams)
        if low > high:
            raise NutritionError(_("Giới hạn định lượng «{food}» không hợp lệ ({low}–{high} g).").format(
                food=f.name, low=f"{low:g}", high=f"{high:g}"))
        lo.append(low)
        hi.append(high)
    rows = _rows(foods, g0, norm, cost_ceiling)
    g = [min(max(x, a), b) for x, a, b in zip(g0, lo, hi)]
    g = _descend(rows, g, g0, lo, hi, pull=1e-4)
    if _penalty([sum(ai * gi for ai, gi in zip(a, g)) for a, _, _, _ in rows], rows, [], [], 0.0) > 1e-9:
        g = _descend(rows, g, g0, lo, hi, pull=0.0)  # get as close as the bounds allow
    rounded = [float(Decimal(str(x)).quantize(Decimal("0.1"))) for x in g]
    rounded = [min(max(x, a), b) for x, a, b in zip(rounded, lo, hi)]
    new = tuple(Portion(f, x) for f, x in zip(foods, rounded))
    day_intake = intake(new)
    checks = tuple(check_norm(day_intake, norm))
    cost = cost_per_child(new)
    over = max(0.0, cost - cost_ceiling) if cost_ceiling is not None else 0.0
    misses = _misses(checks, cost, cost_ceiling)
    return Suggestion(
        feasible=not misses, changes=tuple(GramChange(f.code, f.name, x0, x, a, b)
                                           for f, x0, x, a, b in zip(foods, g0, rounded, lo, hi)),
        portions=new, intake=day_intake, checks=checks, cost_per_child=cost, cost_ceiling=cost_ceiling,
        cost_over=over, misses=misses, unpriced=tuple(f.name for f in foods if not f.price_per_kg))
