"""Food catalogue, dishes, norm sets and menu days through the services, on a real schema."""

from __future__ import annotations

import csv
import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

import mamnon
from mamnon.errors import ValidationError
from mamnon.models import Dish, DishIngredient, Food, MenuDay, MenuItem, NormSet
from mamnon.services import foods, menus, school, session
from mamnon.services.foods import FoodForm
from mamnon.services.menus import DishForm, IngredientForm, MenuDayForm

CSV = Path(mamnon.__file__).parent / "data" / "foods" / "vn_fct_2007.csv"
DAY = dt.date(2026, 11, 23)


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.errors


def dish(name, *rows):
    """rows: (food code, grams nhà trẻ, grams mẫu giáo)."""
    return menus.create_dish(DishForm(name, ingredients=[
        IngredientForm(foods.get_food_by_code(code).id, str(nt), str(mg)) for code, nt, mg in rows]))


# --- catalogue ----------------------------------------------------------------------------


def test_seeding_is_complete_and_idempotent(db):
    assert foods.seed_catalogue() == 526
    assert foods.seed_catalogue() == 0
    assert Food.select().count() == 526
    rice = foods.get_food_by_code("1004")
    assert (rice.name, rice.energy_kcal, rice.protein_g, rice.lipid_g, rice.glucid_g, rice.waste_pct) == \
        ("Gạo tẻ máy", 344.0, 7.9, 1.0, 75.9, 0.0)
    assert rice.group == "Ngũ cốc và sản phẩm chế biến" and rice.source == "VN FCT 2007"
    assert not rice.is_animal and rice.price_per_kg is None
    egg = foods.get_food_by_code("9001")
    assert (egg.name, egg.energy_kcal, egg.waste_pct, egg.is_animal) == ("Trứng gà", 166.0, 14.0, True)
    assert foods.get_food_by_code("7017").is_animal  # thịt lợn nạc
    assert foods.get_food_by_code("10001").is_animal  # sữa bò tươi
    assert foods.get_food_by_code("13014").is_animal  # nước mắm
    assert not foods.get_food_by_code("6002").is_animal  # dầu thảo mộc


def test_every_csv_row_is_stored_exactly(db):
    foods.seed_catalogue()
    with open(CSV, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    stored = {f.code: f for f in Food.select()}
    assert len(rows) == 526 == len(stored)
    num = lambda s: None if s == "" else float(s)  # noqa: E731
    for r in rows:
        f = stored[r["code"]]
        assert f.name == r["name_vi"]  # diacritics intact, as printed
        assert (f.energy_kcal, f.protein_g, f.lipid_g, f.glucid_g, f.waste_pct) == \
            (num(r["energy_kcal"]), num(r["protein_g"]), num(r["lipid_g"]), num(r["glucid_g"]), num(r["waste_pct"]))
    # the table's gaps stay unknown, never 0
    assert Food.select().where(Food.lipid_g.is_null()).count() == sum(r["lipid_g"] == "" for r in rows) == 75
    assert Food.select().where(Food.waste_pct.is_null()).count() == 10


def test_seeding_keeps_the_schools_prices(db):
    foods.seed_catalogue()
    rice = foods.get_food_by_code("1004")
    foods.set_price(rice.id, "18.000", "Chợ xã")
    Food.delete().where(Food.code == "1001").execute()
    assert foods.seed_catalogue() == 1
    again = foods.get_food_by_code("1004")
    assert (again.price_per_kg, again.supplier) == (18000, "Chợ xã")


def test_search_ignores_diacritics_and_seeds_on_first_use(db):
    names = [f.name for f in foods.list_foods("gao te may")]
    assert names == ["Gạo tẻ máy"]
    assert "Trứng gà" in [f.name for f in foods.list_foods("TRUNG GA")]
    assert [f.code for f in foods.list_foods("9001")] == ["9001"]
    assert len(foods.list_foods()) == 526


def test_a_school_food_with_all_errors_at_once(db):
    errors = errors_of(lambda: foods.create_food(FoodForm(name=" ", protein_g="-1", lipid_g="abc",
                                                         waste_pct="100", price_per_kg="0")))
    assert errors["name"] == "Cần nhập tên thực phẩm."
    assert errors["protein_g"] == "Chất đạm không được âm."
    assert errors["lipid_g"] == "Chất béo phải là một số."
    assert errors["waste_pct"] == "Tỷ lệ thải bỏ phải từ 0 đến dưới 100 %."
    assert errors["price_per_kg"].startswith("Giá phải lớn hơn 0 đ/kg")
    assert Food.select().where(Food.source == "trường").count() == 0


def test_add_and_edit_a_school_food(db):
    food = foods.create_food(FoodForm(name="Bánh đa cua", group="Ngũ cốc", energy_kcal="330", protein_g="5",
                                      lipid_g="", glucid_g="75", waste_pct="0", price_per_kg="40000"))
    assert (food.code, food.source, food.lipid_g, food.price_per_kg) == ("T001", "trường", None, 40000)
    form = foods.form_for(food.id)
    form.price_per_kg = ""
    form.lipid_g = "1,5"
    edited = foods.update_food(food.id, form)
    assert (edited.price_per_kg, edited.lipid_g) == (None, 1.5)
    assert errors_of(lambda: foods.create_food(FoodForm(name="Bánh đa cua")))["name"] == \
        "Trường đã có thực phẩm «Bánh đa cua»."
    assert foods.create_food(FoodForm(name="Bánh khác")).code == "T002"


def test_table_values_cannot_be_edited_but_prices_can(db):
    rice = foods.get_food_by_code("1004")
    form = foods.form_for(rice.id)
    form.protein_g = "9"
    assert "Bảng thành phần thực phẩm Việt Nam 2007" in errors_of(lambda: foods.update_food(rice.id, form))[
        "protein_g"]
    assert foods.set_price(rice.id, "18000").price_per_kg == 18000
    assert errors_of(lambda: foods.set_price(rice.id, "0"))["price_per_kg"].startswith("Giá phải lớn hơn 0")


def test_a_food_used_by_a_dish_cannot_be_deleted(db):
    own = foods.create_food(FoodForm(name="Rau ngót rừng", energy_kcal="30", protein_g="3", lipid_g="0",
                                     glucid_g="4"))
    spare = foods.create_food(FoodForm(name="Rau dại"))
    dish("Canh rau ngót", (own.code, 20, 30))
    message = errors_of(lambda: foods.delete_food(own.id))["food"]
    assert message.startswith("«Rau ngót rừng» đã dùng trong món ăn/thực đơn nên không xóa được")
    assert "các ngày đã qua" in message
    assert "Bảng thành phần" in errors_of(lambda: foods.delete_food(foods.get_food_by_code("1004").id))["food"]
    foods.delete_food(spare.id)
    assert Food.get_or_none(Food.id == spare.id) is None
    assert Food.get_or_none(Food.id == own.id) is not None


# --- dishes -------------------------------------------------------------------------------


def test_dish_validation(db):
    foods.seed_catalogue()
    rice = foods.get_food_by_code("1004").id
    assert errors_of(lambda: menus.create_dish(DishForm("Cơm")))["ingredients"] == "Món ăn cần ít nhất một thực phẩm."
    errors = errors_of(lambda: menus.create_dish(DishForm("", ingredients=[
        IngredientForm(rice, "0", "501"), IngredientForm(None, "10", "")])))
    assert errors["name"] == "Cần nhập tên món ăn."
    assert errors["ingredients.0.nha_tre"] == "Định lượng «Gạo tẻ máy» phải lớn hơn 0 g."
    assert errors["ingredients.0.mau_giao"] == "Định lượng «Gạo tẻ máy» quá 500 g một trẻ: kiểm tra lại số."
    assert errors["ingredients.1"] == "Chọn thực phẩm cho dòng này."
    assert errors_of(lambda: menus.create_dish(DishForm("Cơm", ingredients=[IngredientForm(rice, "", "")])))[
        "ingredients.0"] == "Cần nhập định lượng «Gạo tẻ máy» cho nhà trẻ hoặc mẫu giáo."
    assert Dish.select().count() == 0 and DishIngredient.select().count() == 0


def test_dish_stores_grams_per_stage_and_edits_replace_them(db):
    foods.seed_catalogue()
    d = dish("Cơm trứng", ("1004", 60, 80), ("9001", 30, ""))
    assert [(i.food_code, i.stage, i.grams) for i in d.ingredients] == [
        ("1004", "nha_tre", 60), ("1004", "mau_giao", 80), ("9001", "nha_tre", 30)]
    assert [i.food_code for i in d.for_stage("mau_giao")] == ["1004"]
    edited = menus.update_dish(d.id, DishForm("Cơm trứng", ingredients=[
        IngredientForm(foods.get_food_by_code("9001").id, "25", "35")]))
    assert [(i.food_code, i.stage, i.grams) for i in edited.ingredients] == [("9001", "nha_tre", 25),
                                                                             ("9001", "mau_giao", 35)]
    assert [r.name for r in menus.list_dishes("com trung")] == ["Cơm trứng"]


def test_a_dish_on_a_menu_cannot_be_deleted(db):
    d = dish("Cơm", ("1004", 60, 80))
    unused = dish("Xôi", ("1001", 40, 50))
    menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "30", "20000", items=[("trua", d.id)]))
    assert "đã có trong thực đơn" in errors_of(lambda: menus.delete_dish(d.id))["dish"]
    menus.delete_dish(unused.id)
    assert Dish.select().count() == 1 and DishIngredient.select().where(DishIngredient.dish == unused.id).count() == 0


# --- norm sets ----------------------------------------------------------------------------


def test_norm_sets_are_seeded_with_their_sources(db):
    assert menus.seed_norm_sets() == 4 and menus.seed_norm_sets() == 0
    nt = menus.get_norm_set("TT28_2016", "nha_tre")
    assert (nt.name, nt.energy_min, nt.energy_max) == ("TT 28/2016 (VBHN 01/2021)", 600, 651)
    assert (nt.protein_min_pct, nt.protein_max_pct, nt.lipid_min_pct, nt.lipid_max_pct, nt.glucid_min_pct,
            nt.glucid_max_pct, nt.animal_protein_min_pct) == (13, 20, 30, 40, 47, 50, 60)
    mg = menus.get_norm_set("TT28_2016", "mau_giao")
    assert (mg.energy_min, mg.energy_max, mg.lipid_min_pct, mg.lipid_max_pct, mg.glucid_min_pct,
            mg.glucid_max_pct) == (615, 726, 25, 35, 52, 60)
    old_mg = menus.get_norm_set("TT17_2009", "mau_giao")
    assert (old_mg.energy_min, old_mg.energy_max, old_mg.protein_min_pct) == (735, 882, None)
    old_nt = menus.get_norm_set("TT17_2009", "nha_tre")
    assert (old_nt.energy_min, old_nt.protein_min_pct, old_nt.lipid_max_pct, old_nt.glucid_max_pct) == \
        (None, 12, 40, 53)
    assert all(r.source for r in menus.list_norm_sets())
    # how the current ranges are built (norms.md §1b)
    assert (0.60 * 1000, round(0.70 * 930)) == (600, 651)
    assert (0.50 * 1230, round(0.55 * 1320)) == (615, 726)
    assert (0.50 * 1470, round(0.60 * 1470)) == (735, 882)


def test_an_edited_norm_is_a_new_version(db):
    form = menus.norm_form_for("TT28_2016", "mau_giao")
    form.energy_max = "730"
    row = menus.save_norm_version("TT28_2016", "mau_giao", form)
    assert (row.version, row.energy_max) == (2, 730)
    assert menus.get_norm_set("TT28_2016", "mau_giao").energy_max == 730
    assert menus.get_norm_set("TT28_2016", "mau_giao", version=1).energy_max == 726
    form.energy_min, form.source = "800", ""
    errors = errors_of(lambda: menus.save_norm_version("TT28_2016", "mau_giao", form))
    assert errors == {"source": "Cần nhập nguồn.", "energy_max": "Mức trên phải lớn hơn hoặc bằng mức dưới."}
    assert NormSet.select().count() == 5


def test_the_school_year_chooses_its_norm_set(school_db):
    year = school.current_year()
    assert menus.norm_code_for(DAY) == "TT28_2016"
    menus.choose_norm_set("TT17_2009", year.id)
    assert menus.norm_code_for(DAY) == "TT17_2009"
    assert menus.norm_code_for(dt.date(2030, 1, 1)) == "TT28_2016"
    d = dish("Cơm", ("1004", 60, 80))
    menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "10", "", items=[("trua", d.id)]))
    report = menus.calculate_menu_day(DAY, "mau_giao")
    assert report.norm.code == "TT17_2009" and report.result.checks[0].low == 735
    assert errors_of(lambda: menus.choose_norm_set("KHONG_CO", year.id))["norm_set"] == "Không có định mức «KHONG_CO»."


# --- menu days and the daily calculation ------------------------------------------------------


def test_a_small_day_through_the_service_by_hand(db):
    foods.seed_catalogue()
    for code, price in (("1004", "18000"), ("9001", "40000"), ("7017", "120000")):
        foods.set_price(foods.get_food_by_code(code).id, price)
    com = dish("Cơm", ("1004", 60, 80))
    trung = dish("Trứng thịt hấp", ("9001", 30, 40), ("7017", 15, 20))
    menus.save_menu_day(MenuDayForm("23/11/2026", "mau_giao", "25", "20.000",
                                    items=[("trua", com.id), ("trua", trung.id)]))
    report = menus.calculate_menu_day(DAY, "mau_giao")
    day = report.result.intake
    # 80 g rice + 40 g egg + 20 g pork (see test_nutrition): 369.4 kcal, P 16.04, L 6.84, G 60.92
    assert (day.energy_kcal, day.protein_g, day.lipid_g, day.glucid_g) == pytest.approx((369.4, 16.04, 6.84, 60.92))
    assert report.norm.name == "TT 28/2016 (VBHN 01/2021)"
    checks = {c.item: c for c in report.result.checks}
    assert checks["energy"].status == "thieu" and checks["energy"].by == pytest.approx(245.6)
    lines = {line.code: (line.gross_kg, line.cost) for line in report.result.lines}
    assert lines == {"1004": (2.0, 36000), "9001": (1.163, 46520), "7017": (0.51, 61200)}
    money = report.result.money
    assert (money.total_cost, money.fee_total, money.balance) == (143720, 500000, 356280)
    # the nhà trẻ portion of the same dishes: 60 g rice + 30 g egg + 15 g pork
    menus.save_menu_day(MenuDayForm(DAY, "nha_tre", "10", "18000", items=[("trua", com.id), ("chieu", trung.id)]))
    nt = menus.calculate_menu_day(DAY, "nha_tre")
    assert nt.result.intake.energy_kcal == pytest.approx(206.4 + 49.8 + 20.85)
    assert nt.norm.energy_min == 600
    assert [i.meal_label for i in nt.menu.items] == ["Bữa trưa", "Bữa chiều"]


def test_bad_days_are_refused_and_nothing_is_saved_half_way(db):
    com = dish("Cơm", ("1004", 60, 80))
    nt_only = dish("Cháo", ("1004", 20, ""))
    errors = errors_of(lambda: menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "0", "-5", items=[
        ("trua", com.id), ("trua", nt_only.id), ("toi", com.id)])))
    assert errors["children_count"] == "Số trẻ ăn phải lớn hơn 0 (để trống nếu chưa biết)."
    assert errors["fee_per_child"] == "Tiền ăn một trẻ một ngày phải lớn hơn 0 đ."
    assert errors["items.1"] == "Món «Cháo» chưa có định lượng cho mẫu giáo."
    assert errors["items.2"] == "Chọn bữa: sáng, trưa, chiều hoặc phụ."
    assert errors_of(lambda: menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "5")))["items"] == \
        "Thực đơn cần ít nhất một món."
    assert MenuDay.select().count() == 0 and MenuItem.select().count() == 0
    # a plan without the head-count yet can be saved, but not calculated
    menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "", "", items=[("trua", com.id)]))
    assert errors_of(lambda: menus.calculate_menu_day(DAY, "mau_giao"))["children_count"].startswith(
        "Chưa có số trẻ ăn")
    # replacing a day keeps one row per (date, stage)
    menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "12", "", items=[("sang", com.id)]))
    assert MenuDay.select().count() == 1 and [i.meal for i in menus.get_menu_day(DAY, "mau_giao").items] == ["sang"]


def test_a_price_of_zero_in_the_database_is_a_clear_message(db):
    com = dish("Cơm", ("1004", 60, 80))
    Food.update(price_per_kg=0).where(Food.code == "1004").execute()  # e.g. an old import
    menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "10", "", items=[("trua", com.id)]))
    assert errors_of(lambda: menus.calculate_menu_day(DAY, "mau_giao")) == {
        "menu": "Giá của «Gạo tẻ máy» phải lớn hơn 0 đ/kg."}


def _naive_day(table, ingredients, children):
    """A second, independent reckoning straight from the CSV rows."""
    kcal = p = lip = g = animal_p = 0.0
    grams_by_code: dict[str, float] = {}
    for code, grams in ingredients:
        r = table[code]
        val = lambda k: float(r[k]) if r[k] else 0.0  # noqa: E731
        kcal += val("energy_kcal") * grams / 100
        p += val("protein_g") * grams / 100
        lip += val("lipid_g") * grams / 100
        g += val("glucid_g") * grams / 100
        canned_meat_fish = r["group_en"] == "Canned food" and r["name_vi"].startswith(("Cá", "Thịt"))
        sauces = r["group_en"] == "Condiments, traditional sauces" and "mắm" in r["name_vi"].lower()
        animal_fat = r["name_vi"] in ("Bơ", "Mỡ lợn muối", "Mỡ lợn nước")
        if r["group_en"] in ("Meat and meat products", "Fish, shellfish and products", "Egg and products",
                             "Milk and products") or canned_meat_fish or sauces or animal_fat:
            animal_p += val("protein_g") * grams / 100
        grams_by_code[code] = grams_by_code.get(code, 0) + grams
    kg = {}
    for code, grams in grams_by_code.items():
        waste = float(table[code]["waste_pct"] or 0)
        kg[code] = float(Decimal(grams * children / (1 - waste / 100) / 1000).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP))
    return kcal, p, lip, g, animal_p, kg


def test_a_generated_week_matches_a_naive_reckoning(db):
    rng = random.Random(20261123)
    with open(CSV, encoding="utf-8") as fh:
        table = {r["code"]: r for r in csv.DictReader(fh)}
    foods.seed_catalogue()
    codes = sorted(table)
    prices = {}
    for code in rng.sample(codes, 120):
        prices[code] = rng.randrange(5000, 300000, 500)
        foods.set_price(foods.get_food_by_code(code).id, str(prices[code]))
    priced = sorted(prices)
    dishes = []
    for n in range(15):
        rows = [(code, rng.randint(1, 60), rng.randint(1, 80)) for code in rng.sample(priced, rng.randint(1, 5))]
        dishes.append((dish(f"Món {n}", *rows), rows))
    monday = dt.date(2026, 11, 23)
    for offset in range(5):
        date = monday + dt.timedelta(days=offset)
        for stage, column in (("nha_tre", 1), ("mau_giao", 2)):
            chosen = rng.sample(range(len(dishes)), 4)
            meals = ["sang", "trua", "trua", "phu"]
            children, fee = rng.randint(5, 120), rng.randrange(15000, 35001, 1000)
            menus.save_menu_day(MenuDayForm(date, stage, str(children), str(fee),
                                            items=[(meals[i], dishes[k][0].id) for i, k in enumerate(chosen)]))
            ingredients = [(row[0], row[column]) for k in chosen for row in dishes[k][1]]
            kcal, p, lip, g, animal_p, kg = _naive_day(table, ingredients, children)
            report = menus.calculate_menu_day(date, stage)
            day = report.result.intake
            assert (day.energy_kcal, day.protein_g, day.lipid_g, day.glucid_g) == pytest.approx((kcal, p, lip, g))
            assert day.animal_protein_g == pytest.approx(animal_p)
            assert {line.code: line.gross_kg for line in report.result.lines} == pytest.approx(kg)
            naive_cost = sum(int(Decimal(str(kg[c])) * prices[c] + Decimal("0.5")) for c in kg)
            assert report.result.money.total_cost == naive_cost
            assert report.result.money.balance == fee * children - naive_cost
            assert report.result.money.missing_prices == ()
    assert MenuDay.select().count() == 10
    assert session.integrity() == "ok"
