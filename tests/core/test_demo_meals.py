"""The demo school's meals: dishes, prices, menu days — deterministic, plausible, within the norms mostly."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.models import MenuDay
from mamnon.reference import AGE_GROUP_BY_CODE
from mamnon.services import demo, foods, menus, session
from mamnon.services.children import list_children
from mamnon.services.measurements import enrolled_on

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def built():
    session.open_memory()
    summary = demo.build_demo(children=250, seed=0, today=TODAY)
    days = menus.list_menu_days(dt.date(2026, 8, 1), TODAY)
    reports = [menus.calculate_menu_day(m.date, m.stage) for m in days]
    yield summary, days, reports
    session.close()


def meals_snapshot() -> list[tuple]:
    rows = menus.list_menu_days(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    return [(m.date, m.stage, m.children_count, m.fee_per_child, tuple((i.meal, i.dish_name) for i in m.items))
            for m in rows]


def test_summary_counts_dishes_and_menu_days(built):
    summary, days, _ = built
    assert summary.dishes == len(demo.DEMO_DISHES) == len(menus.list_dishes()) >= 20
    assert summary.menu_days == len(days) == MenuDay.select().count()


def test_menu_days_are_school_days_of_both_stages_up_to_today(built):
    summary, days, _ = built
    year_start = dt.date(2026, 9, 1)
    assert all(m.date.weekday() < 5 and year_start <= m.date <= TODAY for m in days)
    assert all((m.date.month, m.date.day) not in demo.DEMO_HOLIDAYS for m in days)
    dates = {m.date for m in days}
    school_days = demo._school_days(min(dates), TODAY)
    assert sorted(dates) == school_days
    for day in dates:
        assert {m.stage for m in days if m.date == day} == {"nha_tre", "mau_giao"}


def test_children_eating_are_the_enrolled_minus_a_few(built):
    _, days, _ = built
    for m in days[::7]:
        enrolled = sum(1 for e in enrolled_on(m.date) if AGE_GROUP_BY_CODE[e.age_group].stage == m.stage)
        assert 0.8 * enrolled <= m.children_count <= enrolled
        assert m.fee_per_child == demo.DEMO_FEE_PER_CHILD[m.stage]


def test_every_day_has_rice_a_main_dish_soup_and_four_to_six_dishes(built):
    _, days, _ = built
    for m in days:
        names = [i.dish_name for i in m.items]
        assert 4 <= len(names) <= 6 and "Cơm tẻ" in names
        assert {i.meal for i in m.items} == {"trua", "chieu", "phu"}


def test_every_food_used_has_a_price_and_supplier(built):
    *_, reports = built
    for r in reports:
        assert not r.result.money.missing_prices
        for line in r.result.lines:
            food = foods.get_food_by_code(line.code)
            assert food.price_per_kg == demo.DEMO_PRICES[line.code][0] and food.supplier


def test_most_days_are_within_the_energy_norm_and_costs_near_the_fee(built):
    *_, reports = built
    for stage in ("nha_tre", "mau_giao"):
        mine = [r for r in reports if r.menu.stage == stage]
        energy = [r.result.checks[0] for r in mine]
        assert all(c.item == "energy" for c in energy)
        within = sum(c.status == "dat" for c in energy)
        assert within >= 0.55 * len(mine), (stage, within, len(mine))
        assert all(c.by <= 80 for c in energy)  # never far off
        costs = [r.result.money.cost_per_child for r in mine]
        fee = demo.DEMO_FEE_PER_CHILD[stage]
        mean = sum(costs) / len(costs)
        assert abs(mean - fee) <= 0.08 * fee
        assert all(0.6 * fee <= c <= 1.4 * fee for c in costs)
        assert any(c > fee for c in costs) and any(c < fee for c in costs)
        protein = sum(r.result.checks[1].status == "dat" for r in mine)
        assert protein >= 0.9 * len(mine)


def test_the_meals_are_deterministic_and_leave_the_rest_of_the_demo_alone():
    def build(seed):
        session.open_memory()
        try:
            demo.build_demo(children=60, seed=seed, today=TODAY)
            kids = [(c.code, c.full_name) for c in list_children(include_left=True)]
            return meals_snapshot(), kids
        finally:
            session.close()

    a, b, c = build(0), build(0), build(5)
    assert a == b
    assert a[0] != c[0]
    # the children come from the demo's first random stream, untouched by the meals
    session.open_memory()
    try:
        original = demo._demo_meals
        demo._demo_meals = lambda rng, year, today, present=None: (0, 0)
        try:
            demo.build_demo(children=60, seed=0, today=TODAY)
        finally:
            demo._demo_meals = original
        assert [(k.code, k.full_name) for k in list_children(include_left=True)] == a[1]
        assert MenuDay.select().count() == 0
    finally:
        session.close()


def test_no_menu_days_before_the_school_year_or_without_children():
    session.open_memory()
    try:
        s = demo.build_demo(children=0, seed=0, today=TODAY)
        assert s.menu_days == 0 and s.dishes == len(demo.DEMO_DISHES)
    finally:
        session.close()


def test_demo_attendance_is_the_meals_head_count():
    from mamnon.services import attendance, menus

    session.open_memory()
    try:
        demo.build_demo(children=60, seed=2, today=TODAY)
        yesterday = TODAY - dt.timedelta(days=1)
        while not attendance.is_school_day(yesterday):
            yesterday -= dt.timedelta(days=1)
        for stage in ("nha_tre", "mau_giao"):
            report = menus.calculate_menu_day(yesterday, stage)
            assert report.children_source == "attendance"
            assert report.result.money.children == report.menu.children_count
        assert attendance.day_info(dt.date(2026, 9, 2)).reason == "Quốc khánh 2/9"
        summary = attendance.attendance_summary(dt.date(2026, 9, 1), TODAY, today=TODAY).school
        assert 0.9 < summary.present / summary.expected < 0.98          # about 6 % absent
        assert summary.leave > summary.absent > 0                        # P about twice K
    finally:
        session.close()
