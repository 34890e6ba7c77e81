"""Meals benchmark: a whole school year of daily calculations and market lists (a script; it never fails).

    python benchmarks/meals.py [--children 250] [--runs 3] [--xlsx 10]

Builds the demo school in a temporary SQLite file with `today` at the end of the
school year (31/05/2027), so the demo's meals part saves ≈ 180 school days ×
2 stages of menus (5–6 dishes a day: rice, a main dish, a soup, fruit at lunch,
an afternoon dish, a snack). Then, best of --runs, times:

  (a) the service path: for every menu day, `menus.calculate_menu_day()`
      (intake, norm check, purchases, money) and the market list's rows
      (each line with its supplier; the catalogue read once per pass), and
      `calculate_menu_day()` alone;
  (b) a naive baseline measured in the same run: the same days recomputed by
      re-reading the shipped food table CSV for every day (`foods.read_table()`)
      and looking every food up in it, then `nutrition.calculate_day`;

and prints the total and per-day figures against the ≤ 2 s target for the year,
checking first that (a) and (b) give the same energy and cost every day. With
--xlsx N it also writes N market-list workbooks and reports ms per file (the
Excel writing is not part of the 2 s target).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mamnon.nutrition import FoodValues, Portion, calculate_day  # noqa: E402
from mamnon.services import demo, foods, menus, session  # noqa: E402

TARGET_S = 2.0
YEAR_END = dt.date(2027, 5, 31)


def service_pass(days) -> list[tuple]:
    out = []
    supplier = {f.code: f.supplier for f in foods.list_foods(include_inactive=True)}  # the catalogue, once
    for m in days:
        report = menus.calculate_menu_day(m.date, m.stage)
        market = [(line.name, line.gross_kg, line.price_per_kg, line.cost, supplier[line.code])
                  for line in report.result.lines]
        out.append((m.date, m.stage, round(report.result.intake.energy_kcal, 6), report.result.money.total_cost,
                    len(market)))
    return out


def calc_only_pass(days) -> None:
    for m in days:
        menus.calculate_menu_day(m.date, m.stage)


def naive_pass(days) -> list[tuple]:
    """Per day: the CSV read again, each ingredient's values looked up in it (prices from the database)."""
    from mamnon.models import DishIngredient, Food

    out = []
    for m in days:
        table = foods.read_table()
        norm = menus.get_norm_set(menus.norm_code_for(m.date), m.stage).norm()
        portions = []
        for item in m.items:
            for ing in DishIngredient.select(DishIngredient, Food).join(Food).where(
                    (DishIngredient.dish == item.dish_id) & (DishIngredient.stage == m.stage)):
                row = next(r for r in table if r["code"] == ing.food.code)
                portions.append(Portion(FoodValues(row["code"], row["name"], row["energy_kcal"], row["protein_g"],
                                                   row["lipid_g"], row["glucid_g"], row["waste_pct"],
                                                   row["is_animal"], ing.food.price_per_kg), ing.grams))
        result = calculate_day(portions, m.children_count, m.fee_per_child, norm)
        suppliers = [Food.get(Food.code == line.code).supplier for line in result.lines]
        out.append((m.date, m.stage, round(result.intake.energy_kcal, 6), result.money.total_cost, len(suppliers)))
    return out


def best(fn, runs: int):
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=250)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xlsx", type=int, default=10, help="market-list workbooks to write (0 = none)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        session.open_path(Path(tmp) / "nam-hoc.sqlite")
        start = time.perf_counter()
        summary = demo.build_demo(children=args.children, seed=0, today=YEAR_END)
        built = time.perf_counter() - start
        days = menus.list_menu_days(dt.date(2026, 8, 1), YEAR_END)
        school_days = len({m.date for m in days})
        dishes = sum(len(m.items) for m in days) / len(days)
        print(f"Python {platform.python_version()} on {platform.machine()} ({platform.system()})")
        print(f"demo school: {args.children} children, {summary.dishes} dishes, {school_days} school days, "
              f"{len(days)} menu days (2 stages), {dishes:.1f} dishes a day; built in {built:.2f} s")

        t_service, a = best(lambda: service_pass(days), args.runs)
        t_calc, _ = best(lambda: calc_only_pass(days), args.runs)
        t_naive, b = best(lambda: naive_pass(days), max(1, args.runs - 1))
        assert a == b, "service and baseline disagree"
        n = len(days)
        verdict = "OK" if t_service <= TARGET_S else "OVER TARGET"
        print(f"(a) services  : {t_service:6.3f} s for the year, {1000 * t_service / n:6.2f} ms per menu day "
              f"[target ≤ {TARGET_S:g} s: {verdict}]")
        print(f"    of which calculate_menu_day alone: {t_calc:6.3f} s, {1000 * t_calc / n:6.2f} ms per menu day")
        print(f"(b) naive CSV : {t_naive:6.3f} s for the year, {1000 * t_naive / n:6.2f} ms per menu day "
              f"({t_naive / t_service:.1f}× slower)")
        if args.xlsx:
            from exporters.meal_forms import write_market_list

            sample = days[:: max(1, n // args.xlsx)][: args.xlsx]
            start = time.perf_counter()
            for k, m in enumerate(sample):
                write_market_list(Path(tmp) / f"ke-cho-{k}.xlsx", m.date, m.stage)
            t_x = time.perf_counter() - start
            print(f"(c) market-list workbooks: {1000 * t_x / len(sample):.1f} ms per file ({len(sample)} written; "
                  f"a whole year ≈ {t_x / len(sample) * n:.1f} s, not part of the target)")
        session.close()


if __name__ == "__main__":
    main()
