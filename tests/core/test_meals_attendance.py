"""Children eating come from attendance once every class of the stage has recorded the day."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import ValidationError
from mamnon.services import attendance, foods, meal_money, menus
from mamnon.services.menus import DishForm, IngredientForm, MenuDayForm
from tests.conftest import add_child

DAY = dt.date(2026, 11, 18)  # a Wednesday
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def kitchen(school_db):
    """Mầm 1 with three children, Lá 1 with two; a rice dish priced 20 000 đ/kg; typed count 30."""
    kids = {}
    for cls, name in (("Mầm 1", "Lò Thị An"), ("Mầm 1", "Lò Văn Bình"), ("Mầm 1", "Hà Thị Cúc"),
                      ("Lá 1", "Vàng Văn Dũng"), ("Lá 1", "Vàng Thị Én")):
        kids[name] = add_child(school_db[cls], name, "10/02/2022").id
    foods.seed_catalogue()
    rice = foods.get_food_by_code("1004")
    foods.set_price(rice.id, "20000")
    dish = menus.create_dish(DishForm("Cơm", ingredients=[IngredientForm(rice.id, "50", "100")]))
    menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "30", "25000", "", [("trua", dish.id)]))
    return school_db, kids


def mark(classes, cls, marks):
    attendance.save_class_day(classes[cls], DAY, marks, today=TODAY)


def test_typed_count_until_every_class_of_the_stage_has_recorded(kitchen):
    classes, kids = kitchen
    report = menus.calculate_menu_day(DAY, "mau_giao")
    assert (report.result.money.children, report.children_source) == (30, "typed")
    mark(classes, "Mầm 1", {kids["Lò Thị An"]: "x", kids["Lò Văn Bình"]: "x", kids["Hà Thị Cúc"]: "P"})
    assert menus.calculate_menu_day(DAY, "mau_giao").children_source == "typed"   # Lá 1 not yet
    mark(classes, "Lá 1", {kids["Vàng Văn Dũng"]: "x", kids["Vàng Thị Én"]: "K"})
    report = menus.calculate_menu_day(DAY, "mau_giao")
    assert (report.result.money.children, report.children_source) == (3, "attendance")
    # 100 g rice × 3 children = 0,3 kg × 20 000 đ = 6 000 đ; fee 3 × 25 000 = 75 000 đ.
    assert (report.result.money.total_cost, report.result.money.fee_total) == (6000, 75000)
    account = meal_money.day_account(DAY, "mau_giao")
    assert (account.children, account.children_source) == (3, "attendance")


def test_closing_keeps_the_count_of_that_moment(kitchen):
    classes, kids = kitchen
    mark(classes, "Mầm 1", {k: "x" for n, k in kids.items() if n in ("Lò Thị An", "Lò Văn Bình", "Hà Thị Cúc")})
    mark(classes, "Lá 1", {kids["Vàng Văn Dũng"]: "x", kids["Vàng Thị Én"]: "x"})
    closed = meal_money.close_day(DAY, "mau_giao")
    assert closed.children == 5
    mark(classes, "Lá 1", {kids["Vàng Thị Én"]: "K"})                  # a correction after closing
    assert meal_money.day_account(DAY, "mau_giao").children == 5     # the closed day does not move


def test_nobody_present_is_a_clear_error(kitchen):
    classes, kids = kitchen
    mark(classes, "Mầm 1", {k: "K" for n, k in kids.items() if n in ("Lò Thị An", "Lò Văn Bình", "Hà Thị Cúc")})
    mark(classes, "Lá 1", {kids["Vàng Văn Dũng"]: "P", kids["Vàng Thị Én"]: "K"})
    with pytest.raises(ValidationError) as info:
        menus.calculate_menu_day(DAY, "mau_giao")
    assert "không có trẻ nào có mặt" in info.value.errors["children_count"]
