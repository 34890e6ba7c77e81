"""The portion solver on plain values, its answers re-checked with mamnon.nutrition."""

from __future__ import annotations

import pytest

from mamnon.nutrition import FoodValues, Norm, NutritionError, Portion, check_norm, intake
from mamnon.nutrition_solver import cost_per_child, suggest_adjustment

RICE = FoodValues("1004", "Gạo tẻ máy", 344, 7.9, 1.0, 75.9, 0, False, 18000)
PORK = FoodValues("7017", "Thịt lợn nạc", 139, 19.0, 7.0, 0.0, 2, True, 120000)
EGG = FoodValues("9001", "Trứng gà", 166, 14.8, 11.6, 0.5, 14, True, 40000)
OIL = FoodValues("6002", "Dầu thảo mộc", 897, 0.0, 99.7, 0.0, 0, False, 50000)
GOURD = FoodValues("4001", "Bầu", 14, 0.6, 0.02, 2.9, 35.3, False, 15000)
MILK = FoodValues("10001", "Sữa bò tươi", 74, 3.9, 4.4, 4.8, 0, True, 30000)
MG = Norm("TT 28/2016 mẫu giáo", 615, 726, 13, 20, 25, 35, 52, 60, 60)


def day(rice=80, pork=30, egg=20, oil=5, gourd=50, milk=100):
    return [Portion(RICE, rice), Portion(PORK, pork), Portion(EGG, egg), Portion(OIL, oil), Portion(GOURD, gourd),
            Portion(MILK, milk)]


def test_meets_the_norm_when_possible():
    before = intake(day())
    assert before.energy_kcal < 615  # too little energy as it stands
    s = suggest_adjustment(day(), MG, 20000)
    assert s.feasible and s.misses == ()
    again = intake([Portion(p.food, s.grams[p.food.code]) for p in day()])
    assert all(c.ok for c in check_norm(again, MG))
    assert 615 <= again.energy_kcal <= 726
    assert 13 <= again.protein_pct <= 20 and 25 <= again.lipid_pct <= 35 and 52 <= again.glucid_pct <= 60
    assert again.animal_protein_pct >= 60
    assert s.intake.energy_kcal == pytest.approx(again.energy_kcal)
    for c in s.changes:  # within 50–150 % of the current grams
        assert c.before * 0.5 - 1e-9 <= c.after <= c.before * 1.5 + 1e-9
    assert s.cost_per_child <= 20000
    # cost by hand: Σ grams / (1 − waste) × price / 1000
    by_hand = sum(g / (1 - w / 100) * p / 1000 for g, w, p in (
        (s.grams["1004"], 0, 18000), (s.grams["7017"], 2, 120000), (s.grams["9001"], 14, 40000),
        (s.grams["6002"], 0, 50000), (s.grams["4001"], 35.3, 15000), (s.grams["10001"], 0, 30000)))
    assert s.cost_per_child == pytest.approx(by_hand)
    assert s.cost_per_child == pytest.approx(cost_per_child(s.portions))


def test_a_day_already_within_the_norm_moves_little():
    s = suggest_adjustment(day(rice=110, pork=34, egg=22, oil=6, gourd=50, milk=120), MG, 20000)
    assert s.feasible
    assert all(abs(c.after - c.before) <= 3 for c in s.changes)


def test_infeasible_within_bounds_says_by_how_much():
    s = suggest_adjustment(day(rice=40, pork=20, egg=10, oil=3, gourd=40, milk=60), MG, 20000)
    assert not s.feasible
    energy = next(c for c in s.checks if c.item == "energy")
    assert energy.status == "thieu" and energy.by > 0
    assert any(m.startswith("Năng lượng: thiếu") for m in s.misses)
    assert all(c.after == pytest.approx(c.high) for c in s.changes if c.code in ("1004", "6002"))


def test_respects_the_cost_ceiling_or_reports_the_excess():
    free = suggest_adjustment(day(), MG, 20000)
    assert free.cost_per_child > 12000  # without a tight ceiling the nearest answer costs a little more
    tight = suggest_adjustment(day(), MG, 12000)
    assert tight.feasible and tight.cost_per_child <= 12000 and tight.cost_over == 0
    assert all(c.ok for c in check_norm(intake(list(tight.portions)), MG))
    cheap = suggest_adjustment(day(), MG, 8000)
    assert not cheap.feasible and cheap.cost_over > 0
    assert cheap.cost_over == pytest.approx(cheap.cost_per_child - 8000)
    assert any("vượt tiền ăn" in m for m in cheap.misses)


def test_respects_explicit_bounds_and_max_grams():
    s = suggest_adjustment(day(), MG, 20000, bounds={"1004": (80, 80), "10001": (100, 100)})
    assert s.grams["1004"] == 80 and s.grams["10001"] == 100
    big = suggest_adjustment([Portion(RICE, 400), Portion(PORK, 100)], MG, None, high_factor=3)
    assert all(c.after <= 500 for c in big.changes)
    with pytest.raises(NutritionError):
        suggest_adjustment([], MG, 20000)
    with pytest.raises(NutritionError):
        suggest_adjustment(day(), MG, 0)
    with pytest.raises(NutritionError):
        suggest_adjustment(day(), MG, 20000, bounds={"1004": (90, 80)})


def test_deterministic():
    assert suggest_adjustment(day(), MG, 20000) == suggest_adjustment(day(), MG, 20000)
