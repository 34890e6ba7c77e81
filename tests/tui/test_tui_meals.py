"""Meals screens: food prices, dishes, a menu day and its calculation, norm indicator, footers."""

from __future__ import annotations

import datetime as dt

import pytest
from tui_helpers import SIZE, pick, type_text

from mamnon.formats import format_money
from mamnon.services import foods, menus, session
from tui.dialogs.food_pick import FoodPickDialog
from tui.dialogs.food_price import FoodPriceDialog
from tui.dialogs.grams import GramsDialog
from tui.screens.day_calc import DayCalcScreen, dec, energy_text
from tui.screens.dish_form import DishFormScreen
from tui.screens.dishes import DishesScreen
from tui.screens.foods import FoodsScreen
from tui.screens.meals import MealsScreen
from tui.screens.menu_day import MenuDayScreen

TODAY = dt.date.today()


@pytest.fixture
def meals_db(school_db):
    """The school plus priced rice and egg and one dish «Cơm trứng» using both."""
    session.open_path(school_db.path)
    rice, egg = foods.get_food_by_code("1004"), foods.get_food_by_code("9001")
    foods.set_price(rice.id, "18000")
    foods.set_price(egg.id, "60000")
    dish = menus.create_dish(menus.DishForm(name="Cơm trứng", ingredients=[
        menus.IngredientForm(rice.id, "60", "80"), menus.IngredientForm(egg.id, "30", "40")]))
    session.close()
    school_db.rice, school_db.egg, school_db.dish = rice.id, egg.id, dish.id
    return school_db


async def open_meals(app, pilot, key: str | None = None, screen_type=None):
    await pilot.pause()
    await pilot.press("5")
    await pilot.pause()
    assert isinstance(app.screen, MealsScreen)
    if key is not None:
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
    return app.screen


def text_of(screen, selector: str) -> str:
    content = screen.query_one(selector).content
    return getattr(content, "plain", str(content))


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def footer(screen) -> list[tuple[str, int]]:
    from textual.widgets._footer import FooterKey

    return [(key.description, key.region.right) for key in screen.query(FooterKey)]


async def test_set_a_food_price_through_the_dialog(meals_db):
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meals(app, pilot, "1", FoodsScreen)
        await pilot.press("slash")
        await type_text(pilot, "trung vit lon")  # no diacritics; "lòng" has "lon" too
        await pilot.press("enter")
        names = [screen.table.get_row_at(i)[1].plain for i in range(screen.table.row_count)]
        assert names == ["Lòng đỏ trứng vịt", "Lòng trắng trứng vịt", "Trứng vịt lộn"]
        await pilot.press("down", "down")
        food = foods.get_food_by_code("9010")
        assert screen.table.selected_key == str(food.id)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FoodPriceDialog)
        await type_text(pilot, "45.000")
        await pilot.press("tab")
        await type_text(pilot, "Chợ Tân Lập")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        saved = foods.get_food(food.id)
        assert (saved.price_per_kg, saved.supplier) == (45000, "Chợ Tân Lập")
        assert screen.table.get_row(str(food.id))[8].plain == "45.000"


async def test_price_dialog_shows_the_service_error_under_the_field(meals_db):
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_meals(app, pilot, "1", FoodsScreen)
        await pilot.press("slash")
        await type_text(pilot, "9010")
        await pilot.press("enter", "e")
        await pilot.pause()
        await type_text(pilot, "abc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FoodPriceDialog)
        assert "Giá phải là số đồng nguyên" in text_of(app.screen, "#price_per_kg-error")
        assert foods.get_food_by_code("9010").price_per_kg is None


async def test_add_a_school_food_then_delete_it(meals_db):
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meals(app, pilot, "1", FoodsScreen)
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Sữa hộp của trường")
        for text in ("", "60", "3", "2", "4"):  # group left blank, then kcal, P, L, G
            await pilot.press("tab")
            await type_text(pilot, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        food = foods.get_food_by_code("T001")
        assert (food.name, food.energy_kcal, food.protein_g, food.source) == ("Sữa hộp của trường", 60, 3, "trường")
        assert screen.table.selected_key == str(food.id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert all(f.code != "T001" for f in foods.list_foods())


async def test_deleting_a_used_food_shows_the_refusal(meals_db):
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meals(app, pilot, "1", FoodsScreen)
        await pilot.press("slash")
        await type_text(pilot, "1004")
        await pilot.press("enter", "d")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert "«Gạo tẻ máy» đã dùng trong món ăn/thực đơn nên không xóa được" in notices(app)
        assert foods.get_food(meals_db.rice).name == "Gạo tẻ máy"


async def open_dish_form(app, pilot):
    screen = await open_meals(app, pilot, "2", DishesScreen)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, DishFormScreen)
    return screen, app.screen


async def add_food(app, pilot, code: str, nha_tre: str, mau_giao: str = "") -> None:
    """Ctrl+N, find the food by its code, type the grams, confirm."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(app.screen, FoodPickDialog)
    await type_text(pilot, code)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, GramsDialog)
    await type_text(pilot, nha_tre)
    if mau_giao:
        await pilot.press("tab")
        await type_text(pilot, mau_giao)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_create_a_dish_with_two_ingredients_by_keys(meals_db):
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen, form = await open_dish_form(app, pilot)
        await type_text(pilot, "Canh trứng")
        await add_food(app, pilot, "9001", "25", "35")
        await add_food(app, pilot, "1004", "50")
        assert app.screen is form
        assert form.table.row_count == 2
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [dish] = [d for d in menus.list_dishes() if d.name == "Canh trứng"]
        got = sorted((i.food_code, i.stage, i.grams) for i in dish.ingredients)
        assert got == [("1004", "nha_tre", 50.0), ("9001", "mau_giao", 35.0), ("9001", "nha_tre", 25.0)]
        assert screen.table.selected_key == str(dish.id)


async def test_dish_errors_show_under_the_fields(meals_db):
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        _, form = await open_dish_form(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "tên món ăn" in text_of(form, "#name-error")
        assert "ít nhất một thực phẩm" in text_of(form, "#ingredients-error")
        # 600 g is refused under the grams field; Esc then drops the food again.
        await add_food(app, pilot, "9004", "600")
        assert isinstance(app.screen, GramsDialog)
        assert "quá 500 g" in text_of(app.screen, "#grams_nha_tre-error")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form
        assert form.table.row_count == 0
        assert menus.list_dishes() != [] and all(d.name == "Cơm trứng" for d in menus.list_dishes())


async def test_menu_day_then_calculation_shows_the_report(meals_db):
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_meals(app, pilot, "3", MenuDayScreen)
        # Date (today) and stage (mẫu giáo) are filled in: on to the head-count and fee.
        await pilot.press("tab", "tab")
        await type_text(pilot, "30")
        await pilot.press("tab")
        await type_text(pilot, "25000")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("tab")
        await pick(pilot, 1)  # (blank), Cơm trứng
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        calc = app.screen
        assert isinstance(calc, DayCalcScreen)

        menu = menus.get_menu_day(TODAY, "mau_giao")
        assert (menu.children_count, menu.fee_per_child) == (30, 25000)
        assert [(i.meal, i.dish_id) for i in menu.items] == [("trua", meals_db.dish)]
        report = menus.calculate_menu_day(TODAY, "mau_giao")
        assert energy_text(report.result.intake.energy_kcal) in text_of(calc, "#check-energy")
        assert text_of(calc, "#total-cost") == f"Tổng tiền chợ: {format_money(report.result.money.total_cost)}"
        assert format_money(report.result.money.balance) in text_of(calc, "#balance")


async def test_norm_indicator_below_and_above(meals_db):
    session.open_path(meals_db.path)
    big = menus.create_dish(menus.DishForm(name="Cơm nhiều", ingredients=[
        menus.IngredientForm(meals_db.rice, "", "300")]))
    for date, dish in ((TODAY, meals_db.dish), (TODAY + dt.timedelta(days=1), big.id)):
        menus.save_menu_day(menus.MenuDayForm(date=date, stage="mau_giao", children_count="20",
                                              fee_per_child="20000", items=[("trua", dish)]))
    session.close()
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for date, arrow, word in ((TODAY, "↓", "thiếu"), (TODAY + dt.timedelta(days=1), "↑", "thừa")):
            app.push_screen(DayCalcScreen(date, "mau_giao"))
            await pilot.pause()
            check = {c.item: c for c in menus.calculate_menu_day(date, "mau_giao").result.checks}["energy"]
            assert f"{arrow} {word} {dec(check.by)} kcal" in text_of(app.screen, "#check-energy")
            await pilot.press("escape")
            await pilot.pause()


async def test_calculation_without_head_count_says_so(meals_db):
    session.open_path(meals_db.path)
    menus.save_menu_day(menus.MenuDayForm(date=TODAY, stage="mau_giao", items=[("trua", meals_db.dish)]))
    session.close()
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DayCalcScreen(TODAY, "mau_giao"))
        await pilot.pause()
        assert "Chưa có số trẻ ăn" in text_of(app.screen, "#error")


async def test_switch_the_norm_set_of_the_year(meals_db):
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meals(app, pilot)
        assert "TT 28/2016" in text_of(screen, "#norm")
        await pilot.press("n")
        await pilot.pause()
        assert menus.norm_code_for(TODAY) != "TT28_2016"
        assert "TT 17/2009" in text_of(screen, "#norm")


FOOTERS = {
    "meals": ([], ["Đổi định mức", "Quay lại", "Thoát"]),
    "foods": (["1"], ["Thêm thực phẩm", "Sửa giá", "Xóa", "Tìm", "Quay lại", "Thoát"]),
    "dishes": (["2"], ["Thêm", "Sửa", "Xóa", "Quay lại", "Thoát"]),
    "dish form": (["2", "enter"], ["Lưu", "Thêm thực phẩm", "Hủy", "Thoát"]),
    "menu day": (["3"], ["Lưu, tính", "Thêm món", "Mở ngày đã lưu", "Quay lại", "Thoát"]),
    "calculation": (["3", "ctrl+s"], ["Gợi ý điều chỉnh", "Quay lại", "Thoát"]),
}


@pytest.mark.parametrize("name", list(FOOTERS))
async def test_meals_footers_fit_80_columns(meals_db, name):
    keys, expected = FOOTERS[name]
    session.open_path(meals_db.path)
    menus.save_menu_day(menus.MenuDayForm(date=TODAY, stage="mau_giao", children_count="10",
                                          items=[("trua", meals_db.dish)]))
    session.close()
    app = meals_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_meals(app, pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        shown = footer(app.screen)
        assert [d for d, _ in shown] == expected
        assert all(0 < right <= SIZE[0] for _, right in shown), shown
