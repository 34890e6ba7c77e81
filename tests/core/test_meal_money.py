"""Closing days, the market list and the month's meal money, checked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import NotFound, ValidationError
from mamnon.models import ClosedDay, ClosedLine, Food
from mamnon.services import foods, meal_money, menus, session
from mamnon.services.menus import DishForm, IngredientForm, MenuDayForm
from mamnon.vntext import text_sort_key

D = dt.date
MG = "mau_giao"


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.errors


def dish(name, *rows):
    return menus.create_dish(DishForm(name, ingredients=[
        IngredientForm(foods.get_food_by_code(code).id, str(nt), str(mg)) for code, nt, mg in rows]))


def fid(code):
    return foods.get_food_by_code(code).id


@pytest.fixture
def kitchen(db):
    """Rice 18 000 đ/kg (waste 0), lean pork 120 000 (waste 2 %), fresh milk 30 000 (waste 0)."""
    foods.seed_catalogue()
    foods.set_price(fid("1004"), "18000", "Chợ xã")
    foods.set_price(fid("7017"), "120000", "Cô Hoa")
    foods.set_price(fid("10001"), "30000")
    d = {"com": dish("Cơm", ("1004", 50, 70)), "thit": dish("Thịt kho", ("7017", 25, 30)),
         "sua": dish("Sữa", ("10001", 100, 100))}
    for day, children in ((23, 30), (24, 28), (25, 32)):
        save(D(2026, 11, day), children, d)
    return d


def save(date, children, d, fee="25000"):
    return menus.save_menu_day(MenuDayForm(date, MG, str(children) if children else "", fee, "",
                                           [("trua", d["com"].id), ("trua", d["thit"].id), ("phu", d["sua"].id)]))


def test_live_day_account_by_hand(kitchen):
    a = meal_money.day_account(D(2026, 11, 23), MG)
    assert a.source == meal_money.LIVE and not a.closed
    # rice 70 g × 30 = 2.100 kg × 18 000 = 37 800; pork 30 × 30 / 0.98 = 918.367 g → 0.918 kg × 120 000 = 110 160;
    # milk 100 × 30 = 3.000 kg × 30 000 = 90 000
    assert [(x.code, x.gross_kg, x.price_per_kg, x.amount, x.supplier) for x in a.lines] == [
        ("1004", 2.1, 18000, 37800, "Chợ xã"), ("7017", 0.918, 120000, 110160, "Cô Hoa"),
        ("10001", 3.0, 30000, 90000, "")]
    assert (a.money.total_cost, a.money.fee_total, a.money.balance) == (237960, 750000, 512040)


def test_closed_day_does_not_change_with_prices_or_dishes(kitchen):
    live = meal_money.day_account(D(2026, 11, 23), MG)
    closed = meal_money.close_day(D(2026, 11, 23), MG)
    assert closed.source == meal_money.CLOSED
    assert closed.lines == live.lines and closed.money == live.money
    assert closed.intake.energy_kcal == pytest.approx(live.intake.energy_kcal)
    assert [c.status for c in closed.checks] == [c.status for c in live.checks]
    assert closed.norm == live.norm
    assert ClosedLine.select().count() == 3
    # later: rice dearer, more rice in the dish, the head-count retyped
    foods.set_price(fid("1004"), "20000")
    menus.update_dish(kitchen["com"].id, DishForm("Cơm", ingredients=[IngredientForm(fid("1004"), "60", "80")]))
    save(D(2026, 11, 23), 35, kitchen)
    assert meal_money.day_account(D(2026, 11, 23), MG) == closed
    assert meal_money.day_account(D(2026, 11, 24), MG).lines[0].amount == 28 * 80 * 20  # 2.240 kg × 20 000
    assert errors_of(lambda: meal_money.close_day(D(2026, 11, 23), MG))["date"].endswith("Mở lại sổ trước nếu cần sửa.")
    meal_money.reopen_day(D(2026, 11, 23), MG)
    again = meal_money.day_account(D(2026, 11, 23), MG)
    assert again.source == meal_money.LIVE and again.lines[0].amount == 35 * 80 * 20
    with pytest.raises(NotFound):
        meal_money.reopen_day(D(2026, 11, 23), MG)
    assert ClosedLine.select().count() == 0 and ClosedDay.select().count() == 0
    assert session.integrity() == "ok"


def test_close_with_actual_prices_and_refusals(kitchen):
    errs = errors_of(lambda: meal_money.close_day(D(2026, 11, 23), MG, actual_prices={fid("7017"): 0}))
    assert "actual_prices" in errs
    assert "actual_prices" in errors_of(lambda: meal_money.close_day(D(2026, 11, 23), MG,
                                                                     actual_prices={fid("9001"): 40000}))
    a = meal_money.close_day(D(2026, 11, 23), MG, actual_prices={fid("7017"): 125000})
    assert [(x.code, x.price_per_kg, x.amount) for x in a.lines][1] == ("7017", 125000, 114750)  # 0.918 × 125 000
    assert a.money.total_cost == 37800 + 114750 + 90000 == ClosedDay.get().total_cost
    assert Food.get_by_id(fid("7017")).price_per_kg == 120000  # the catalogue keeps its price
    save(D(2026, 11, 26), None, kitchen)
    assert "children_count" in errors_of(lambda: meal_money.close_day(D(2026, 11, 26), MG))
    with pytest.raises(NotFound):
        meal_money.close_day(D(2026, 11, 27), MG)


def test_market_list_for_three_days_by_hand(kitchen):
    m = meal_money.market_list(D(2026, 11, 23), D(2026, 11, 25))
    assert [s for _, _, s in m.days] == [meal_money.LIVE] * 3 and not m.all_closed
    by = {x.code: x for x in m.lines}
    # rice 2.100 + 1.960 + 2.240 kg; pork 0.918 + 0.857 (840/0.98 = 857.14 g) + 0.980 (960/0.98 = 979.59 g); milk 9 kg
    assert (by["1004"].gross_kg, by["1004"].amount) == (6.3, 37800 + 35280 + 40320)
    assert (by["7017"].gross_kg, by["7017"].price_per_kg, by["7017"].amount) == (2.755, 120000,
                                                                                 110160 + 102840 + 117600)
    assert (by["10001"].gross_kg, by["10001"].amount) == (9.0, 270000)
    assert m.total == 113400 + 330600 + 270000 == 714000
    assert by["7017"].supplier == "Cô Hoa"
    meal_money.close_day(D(2026, 11, 23), MG, actual_prices={fid("7017"): 125000})
    m = meal_money.market_list(D(2026, 11, 23), D(2026, 11, 25), MG)
    assert [s for _, _, s in m.days] == [meal_money.CLOSED, meal_money.LIVE, meal_money.LIVE]
    pork = {x.code: x for x in m.lines}["7017"]
    assert (pork.price_per_kg, pork.amount) == (None, 114750 + 102840 + 117600)  # two prices: no single price
    one = meal_money.market_list(D(2026, 11, 24))
    assert one.total == 35280 + 102840 + 84000 and len(one.days) == 1
    assert meal_money.market_list(D(2026, 11, 23), stage="nha_tre").lines == ()


def test_unpriced_food_is_named(kitchen):
    Food.update(price_per_kg=None).where(Food.code == "10001").execute()
    m = meal_money.market_list(D(2026, 11, 24))
    milk = {x.code: x for x in m.lines}["10001"]
    assert (milk.amount, milk.unpriced_kg, milk.price_per_kg) == (0, 2.8, None)
    assert any("Chưa có giá" in w for w in m.warnings)


def test_month_summary_carries_the_balance(kitchen):
    assert "opening_balance" in errors_of(lambda: meal_money.month_summary(2026, 11))
    meal_money.set_opening_balance(2026, 10, 1_000_000)
    save(D(2026, 10, 30), 30, kitchen)
    oct_ = meal_money.month_summary(2026, 10)
    assert (oct_.opening, oct_.collected, oct_.spent, oct_.closing) == (1_000_000, 750000, 237960, 1_512_040)
    nov = meal_money.month_summary(2026, 11)
    assert [(r.date.day, r.collected, r.spent, r.balance) for r in nov.days] == [
        (23, 750000, 237960, 512040), (24, 700000, 222120, 477880), (25, 800000, 253920, 546080)]
    assert (nov.opening, nov.collected, nov.spent, nov.surplus, nov.closing) == \
        (1_512_040, 2_250_000, 714000, 1_536_000, 3_048_040)
    dec = meal_money.month_summary(2026, 12)
    assert (dec.opening, dec.days, dec.closing) == (3_048_040, (), 3_048_040)
    assert "month" in errors_of(lambda: meal_money.month_summary(2026, 9))
    # a closed day counts from its snapshot
    meal_money.close_day(D(2026, 11, 23), MG, actual_prices={fid("7017"): 125000})
    assert meal_money.month_summary(2026, 11).spent == 714000 + 4590
    # a day with a menu but no head-count: refused, naming the day
    save(D(2026, 11, 26), None, kitchen)
    msg = errors_of(lambda: meal_money.month_summary(2026, 11))["children_count"]
    assert "26/11/2026" in msg and "chưa có số trẻ ăn" in msg
    # and so is any later month, whose opening balance needs it
    assert "children_count" in errors_of(lambda: meal_money.month_summary(2026, 12))
    assert meal_money.month_summary(2026, 10).closing == 1_512_040


def test_suggest_for_a_saved_day(kitchen):
    s = meal_money.suggest_for_day(D(2026, 11, 23), MG)
    assert {c.code for c in s.changes} == {"1004", "7017", "10001"}
    assert all(c.low <= c.after <= c.high for c in s.changes)
    assert s.cost_ceiling == 25000
    assert s.feasible == (not s.misses)


def test_month_summary_needs_every_fee(kitchen):
    meal_money.set_opening_balance(2026, 11, 0)
    assert meal_money.month_summary(2026, 11).closing == 2_250_000 - 714000
    save(D(2026, 11, 27), 30, kitchen, fee="")
    assert "27/11/2026" in errors_of(lambda: meal_money.month_summary(2026, 11))["fee_per_child"]
    meal_money.close_day(D(2026, 11, 27), MG)
    assert "đã chốt sổ" in errors_of(lambda: meal_money.month_summary(2026, 11))["fee_per_child"]
    assert "opening_balance" in errors_of(lambda: meal_money.set_opening_balance(2026, 11, 1.5))


def test_the_opening_balance_cannot_start_after_a_closed_day(kitchen):
    meal_money.close_day(D(2026, 11, 23), MG)
    with pytest.raises(ValidationError) as info:
        meal_money.set_opening_balance(2026, 12, 100_000)
    assert "chốt sổ trước tháng 12/2026" in info.value.errors["opening_balance"]
    assert meal_money.opening_balance() is None
    meal_money.set_opening_balance(2026, 11, 100_000)
    assert meal_money.opening_balance() == (2026, 11, 100_000)


def test_market_list_is_in_vietnamese_order(kitchen):
    names = [x.name for x in meal_money.market_list(D(2026, 11, 23), D(2026, 11, 25)).lines]
    assert names == sorted(names, key=text_sort_key)
    assert names == ["Gạo tẻ máy", "Sữa bò tươi", "Thịt lợn nạc"]
