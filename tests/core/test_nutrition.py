"""The pure daily calculation, checked against numbers worked out by hand from the 2007 table.

Rows used (per 100 g edible part, VN FCT 2007):
  1004 Gạo tẻ máy      344 kcal  P 7.9   L 1.0   G 75.9   waste 0 %
  9001 Trứng gà        166 kcal  P 14.8  L 11.6  G 0.5    waste 14 %  (animal)
  7017 Thịt lợn nạc    139 kcal  P 19.0  L 7.0   G 0.0    waste 2 %   (animal)
"""

from __future__ import annotations

import pytest

from mamnon import nutrition as nu
from mamnon.nutrition import FoodValues, Norm, NutritionError, Portion

RICE = FoodValues("1004", "Gạo tẻ máy", 344.0, 7.9, 1.0, 75.9, 0.0, False, 18000)
EGG = FoodValues("9001", "Trứng gà", 166.0, 14.8, 11.6, 0.5, 14.0, True, 40000)
PORK = FoodValues("7017", "Thịt lợn nạc", 139.0, 19.0, 7.0, 0.0, 2.0, True, 120000)

MG_TT28 = Norm("TT 28/2016 (VBHN 01/2021)", 615, 726, 13, 20, 25, 35, 52, 60, 60)
NT_TT28 = Norm("TT 28/2016 (VBHN 01/2021)", 600, 651, 13, 20, 30, 40, 47, 50, 60)

DAY = [Portion(RICE, 80), Portion(EGG, 40), Portion(PORK, 20)]


def test_one_food_is_its_table_row_scaled():
    day = nu.intake([Portion(RICE, 100)])
    assert (day.energy_kcal, day.protein_g, day.lipid_g, day.glucid_g) == pytest.approx((344, 7.9, 1.0, 75.9))
    half = nu.intake([Portion(RICE, 50)])
    assert half.energy_kcal == pytest.approx(172.0)


def test_a_small_day_per_child_by_hand():
    day = nu.intake(DAY)
    # rice 80 g: 275.2 kcal, P 6.32, L 0.80, G 60.72
    # egg 40 g:   66.4 kcal, P 5.92, L 4.64, G 0.20
    # pork 20 g:  27.8 kcal, P 3.80, L 1.40, G 0.00
    assert day.energy_kcal == pytest.approx(369.4)
    assert day.protein_g == pytest.approx(16.04)
    assert day.lipid_g == pytest.approx(6.84)
    assert day.glucid_g == pytest.approx(60.92)
    # shares of energy: 16.04×4 / 369.4, 6.84×9 / 369.4, 60.92×4 / 369.4
    assert day.protein_pct == pytest.approx(64.16 / 369.4 * 100)  # 17.37 %
    assert day.lipid_pct == pytest.approx(61.56 / 369.4 * 100)  # 16.66 %
    assert day.glucid_pct == pytest.approx(243.68 / 369.4 * 100)  # 65.97 %
    # animal protein: (5.92 + 3.80) / 16.04
    assert day.animal_protein_pct == pytest.approx(9.72 / 16.04 * 100)  # 60.60 %


def test_the_same_food_in_two_dishes_is_added_up():
    day = nu.intake([Portion(RICE, 30), Portion(EGG, 10), Portion(RICE, 50)])
    assert [c.code for c in day.contributions] == ["1004", "9001"]
    assert day.contributions[0].grams == 80
    assert nu.purchases([Portion(RICE, 30), Portion(RICE, 50)], 10)[0].gross_kg == 0.8


def test_shares_are_not_forced_to_one_hundred_per_cent():
    # the table's energy is not always 4P + 9L + 4G: pumpkin-like 27 kcal, P 0.3, L 0, G 6.1 gives 25.6
    veg = FoodValues("4X", "Bí thử", 27.0, 0.3, 0.0, 6.1, 15.0)
    day = nu.intake([Portion(veg, 100)])
    assert day.protein_pct == pytest.approx(1.2 / 27 * 100)
    assert day.glucid_pct == pytest.approx(24.4 / 27 * 100)
    assert day.protein_pct + day.lipid_pct + day.glucid_pct == pytest.approx(25.6 / 27 * 100)  # 94.8 %


def test_norm_check_reports_each_figure_with_how_far_it_misses():
    checks = {c.item: c for c in nu.check_norm(nu.intake(DAY), MG_TT28)}
    assert checks["energy"].status == nu.BELOW and checks["energy"].by == pytest.approx(615 - 369.4)
    assert checks["protein"].status == nu.IN_RANGE and checks["protein"].by == 0
    assert checks["lipid"].status == nu.BELOW and checks["lipid"].by == pytest.approx(25 - 61.56 / 369.4 * 100)
    assert checks["glucid"].status == nu.ABOVE and checks["glucid"].by == pytest.approx(243.68 / 369.4 * 100 - 60)
    assert checks["glucid"].top_foods[0] == "Gạo tẻ máy"
    assert checks["lipid"].top_foods == ("Trứng gà", "Thịt lợn nạc", "Gạo tẻ máy")
    assert checks["animal_protein"].status == nu.IN_RANGE
    assert checks["energy"].label == "Năng lượng" and not checks["energy"].ok


@pytest.mark.parametrize("kcal, status, by", [
    (600, nu.IN_RANGE, 0), (651, nu.IN_RANGE, 0), (599.9, nu.BELOW, 0.1), (651.5, nu.ABOVE, 0.5),
])
def test_energy_boundaries_are_inclusive(kcal, status, by):
    # pure glucid food: kcal = 4 × G, so the glucid share is 100 % (not in range, irrelevant here)
    food = FoodValues("X", "Bột thử", kcal, 0.0, 0.0, kcal / 4, 0.0)
    check = nu.check_norm(nu.intake([Portion(food, 100)]), NT_TT28)[0]
    assert (check.item, check.status) == ("energy", status)
    assert check.by == pytest.approx(by)


@pytest.mark.parametrize("protein_pct, status", [(13, nu.IN_RANGE), (20, nu.IN_RANGE), (12.9, nu.BELOW),
                                                 (20.1, nu.ABOVE)])
def test_share_boundaries(protein_pct, status):
    # 100 g of a food with 1000 kcal: P grams = pct × 1000 / 100 / 4
    food = FoodValues("X", "Thử", 1000.0, protein_pct * 10 / 4, 0.0, 0.0, 0.0)
    check = {c.item: c for c in nu.check_norm(nu.intake([Portion(food, 100)]), MG_TT28)}["protein"]
    assert check.status == status


def test_figures_a_norm_does_not_give_are_not_checked():
    old_mg = Norm("TT 17/2009", energy_min=735, energy_max=882)
    checks = {c.item: c for c in nu.check_norm(nu.intake(DAY), old_mg)}
    assert checks["energy"].status == nu.BELOW and checks["energy"].by == pytest.approx(735 - 369.4)
    assert {checks[k].status for k in ("protein", "lipid", "glucid", "animal_protein")} == {nu.NOT_CHECKED}


def test_unknown_values_are_reported_not_taken_as_zero_silently():
    no_lipid = FoodValues("8", "Cá thử", 90.0, 20.0, None, 0.0, None, True)
    day = nu.intake([Portion(no_lipid, 50)])
    assert day.lipid_g == 0 and day.unknown == ("Cá thử: béo",)
    result = nu.calculate_day([Portion(no_lipid, 50)], 10, None, None)
    assert any("Cá thử" in w and "béo" in w for w in result.warnings)
    assert any("thải bỏ" in w for w in result.warnings)
    assert any("Chưa có giá" in w for w in result.warnings)


def test_gross_quantities_for_a_small_day_by_hand():
    lines = {line.code: line for line in nu.purchases(DAY, 25)}
    assert lines["1004"].gross_kg == 2.0  # 80 g × 25 / 1
    assert lines["9001"].gross_kg == 1.163  # 40 g × 25 / 0.86 = 1162.79 g
    assert lines["7017"].gross_kg == 0.510  # 20 g × 25 / 0.98 = 510.20 g
    assert lines["1004"].cost == 36000  # 2.000 kg × 18 000
    assert lines["9001"].cost == 46520  # 1.163 kg × 40 000
    assert lines["7017"].cost == 61200  # 0.510 kg × 120 000


def test_an_egg_with_14_per_cent_waste():
    assert nu.gross_kg(86, 14, 1) == 0.1  # 86 / 0.86 = 100 g
    assert nu.gross_kg(50, 14, 1) == 0.058  # 58.14 g


def test_money_of_a_small_day_by_hand():
    result = nu.calculate_day(DAY, 25, 20000, MG_TT28)
    money = result.money
    assert money.total_cost == 36000 + 46520 + 61200 == 143720
    assert money.cost_per_child == pytest.approx(5748.8)
    assert money.fee_total == 500000
    assert money.balance == 500000 - 143720
    deficit = nu.calculate_day(DAY, 25, 5000, MG_TT28).money
    assert deficit.balance == 125000 - 143720 < 0


def test_money_rounds_half_up_to_the_dong():
    assert nu.round_money(0.5) == 1 and nu.round_money(2.5) == 3 and nu.round_money(2.4999) == 2
    odd = FoodValues("Y", "Rau", 20.0, 1.0, 0.0, 3.0, 0.0, False, 12345)
    line = nu.purchases([Portion(odd, 50)], 3)[0]
    assert line.gross_kg == 0.15 and line.cost == 1852  # 0.150 × 12 345 = 1851.75


def test_a_food_without_price_is_left_out_of_the_cost_and_named():
    no_price = FoodValues("Z", "Bí đỏ", 27.0, 0.3, 0.0, 6.1, 15.0, False, None)
    money = nu.calculate_day([Portion(RICE, 10), Portion(no_price, 10)], 10, 20000, None).money
    assert money.total_cost == 1800 and money.missing_prices == ("Bí đỏ",)


@pytest.mark.parametrize("call, message", [
    (lambda: nu.calculate_day(DAY, 0, 20000, None), "Số trẻ ăn phải lớn hơn 0"),
    (lambda: nu.purchases(DAY, -1), "Số trẻ ăn phải lớn hơn 0"),
    (lambda: nu.calculate_day([], 10, 20000, None), "chưa có món nào"),
    (lambda: nu.calculate_day([Portion(RICE, 0)], 10, None, None), "phải lớn hơn 0"),
    (lambda: nu.calculate_day([Portion(RICE, 501)], 10, None, None), "không quá 500 g"),
    (lambda: nu.purchases([Portion(FoodValues("P", "Thịt bò", 100, 20, 3, 0, 0, True, 0), 20)], 10),
     "Giá của «Thịt bò» phải lớn hơn 0"),
    (lambda: nu.gross_kg(10, 100, 1), "Tỷ lệ thải bỏ"),
])
def test_bad_input_gets_a_vietnamese_message(call, message):
    with pytest.raises(NutritionError, match=message):
        call()


def test_a_value_shown_inside_the_range_is_not_called_outside_it():
    """726.03 kcal prints as 726,0 against 615–726: it meets the norm; 726.05 prints 726,1 and does not."""
    from mamnon.nutrition import ABOVE, IN_RANGE, _compare

    assert _compare("energy", 726.03, 615, 726, ()).status == IN_RANGE
    over = _compare("energy", 726.05, 615, 726, ())
    assert over.status == ABOVE and over.by == pytest.approx(0.05)
    assert _compare("protein", 12.96, 13, 20, ()).status == IN_RANGE
