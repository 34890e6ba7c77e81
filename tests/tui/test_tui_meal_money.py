"""Meal money screens: the month's accounts, closing and reopening days, the market list, the opening
balance; suggested grams and closed days on the calculation and menu-day screens."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from test_tui_meals import footer, notices, open_meals, text_of
from tui_helpers import SIZE, pick, type_text

from mamnon.formats import format_date, format_money
from mamnon.nutrition import round_money
from mamnon.services import foods, meal_money, menus, school, session
from tui.dialogs.close_day import CloseDayDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.date_range import DateRangeDialog
from tui.dialogs.opening_balance import OpeningBalanceDialog
from tui.screens.day_calc import DayCalcScreen, dec
from tui.screens.market_list import MarketListScreen
from tui.screens.meal_money import MealMoneyScreen
from tui.screens.menu_day import MenuDayScreen

TODAY = dt.date.today()
DAY1 = TODAY.replace(day=1)
DAY2 = TODAY.replace(day=2)
# (date, stage, children, fee) of the month's menu days, in the screen's order.
DAYS = ((DAY1, "mau_giao", 20, 20000), (DAY2, "nha_tre", 15, 18000), (DAY2, "mau_giao", 22, 21000))
OPENING = 1_000_000


@pytest.fixture
def money_db(school_db):
    """As test_tui_meals' meals_db (priced rice and egg, the dish «Cơm trứng»), plus three menu days
    of that dish at the start of the current month."""
    session.open_path(school_db.path)
    rice, egg = foods.get_food_by_code("1004"), foods.get_food_by_code("9001")
    foods.set_price(rice.id, "18000")
    foods.set_price(egg.id, "60000")
    dish = menus.create_dish(menus.DishForm(name="Cơm trứng", ingredients=[
        menus.IngredientForm(rice.id, "60", "80"), menus.IngredientForm(egg.id, "30", "40")]))
    school_db.rice, school_db.egg, school_db.dish = rice.id, egg.id, dish.id
    for date, stage, children, fee in DAYS:
        menus.save_menu_day(menus.MenuDayForm(date=date, stage=stage, children_count=str(children),
                                              fee_per_child=str(fee), items=[("trua", dish.id)]))
    session.close()
    return school_db


def with_opening(db) -> None:
    session.open_path(db.path)
    meal_money.set_opening_balance(TODAY.year, TODAY.month, OPENING)
    session.close()


async def open_money(app, pilot) -> MealMoneyScreen:
    return await open_meals(app, pilot, "5", MealMoneyScreen)


def rendered(screen, selector: str) -> str:
    """What a Static holding a rich Table shows, as plain text at the screen's width."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=SIZE[0] - 2, color_system=None)
    console.print(screen.query_one(selector).content)
    return console.file.getvalue()


def row_texts(screen, key: str) -> list[str]:
    return [cell.plain.strip() for cell in screen.table.get_row(key)]


def key_of(date: dt.date, stage: str) -> str:
    return f"{date.isoformat()}|{stage}"


async def select_row(pilot, screen, date: dt.date, stage: str) -> None:
    screen.table.select_key(key_of(date, stage))
    await pilot.pause()


async def test_month_view_lists_the_days_with_their_money(money_db):
    with_opening(money_db)
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_money(app, pilot)
        assert screen.table.shown_keys == [key_of(d, s) for d, s, _, _ in DAYS]
        spent_total = 0
        for date, stage, children, fee in DAYS:
            spent = menus.calculate_menu_day(date, stage).result.money.total_cost
            spent_total += spent
            cells = row_texts(screen, key_of(date, stage))
            balance = children * fee - spent
            sign = "+" if balance >= 0 else "−"
            assert cells[:6] == [format_date(date), {"mau_giao": "Mẫu giáo", "nha_tre": "Nhà trẻ"}[stage],
                                 str(children), format_money(children * fee), format_money(spent),
                                 f"{sign}{format_money(abs(balance))}"]
            assert cells[6].strip() == ""
        collected = sum(c * f for _, _, c, f in DAYS)
        closing = OPENING + collected - spent_total
        assert closing == meal_money.month_summary(TODAY.year, TODAY.month).closing
        assert f"Số dư đầu tháng: {format_money(OPENING)}" in text_of(screen, "#month-title")
        totals = text_of(screen, "#totals")
        assert f"thu {format_money(collected)}, chi {format_money(spent_total)}" in totals
        assert f"Số dư chuyển sang tháng sau: {'+' if closing >= 0 else '−'}{format_money(abs(closing))}" in totals


async def test_months_before_the_opening_show_the_refusal_and_still_list_the_days(money_db):
    with_opening(money_db)
    session.open_path(money_db.path)
    before = DAY1 - dt.timedelta(days=1)
    menus.save_menu_day(menus.MenuDayForm(date=before, stage="mau_giao", children_count="10",
                                          fee_per_child="20000", items=[("trua", money_db.dish)]))
    session.close()
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_money(app, pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert f"tháng {before.month:02d}/{before.year}" in text_of(screen, "#month-title")
        assert f"Sổ tiền ăn bắt đầu từ tháng {TODAY.month}/{TODAY.year}" in text_of(screen, "#totals")
        assert screen.table.shown_keys == [key_of(before, "mau_giao")]
        assert row_texts(screen, key_of(before, "mau_giao"))[3] == format_money(200000)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert len(screen.table.shown_keys) == len(DAYS)


async def test_close_a_day_with_one_actual_price(money_db):
    with_opening(money_db)
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_money(app, pilot)
        await select_row(pilot, screen, DAY2, "nha_tre")
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseDayDialog)
        assert [ln.code for ln in dialog.account.lines] == ["1004", "9001"]
        assert dialog.focused.id == f"price-{money_db.rice}"
        await type_text(pilot, "20.000")  # rice bought at 20 000 đ/kg; egg left blank = catalogue
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen

        assert meal_money.is_closed(DAY2, "nha_tre")
        assert not meal_money.is_closed(DAY2, "mau_giao")
        account = meal_money.day_account(DAY2, "nha_tre")
        assert account.closed
        rice, egg = account.lines
        assert (rice.price_per_kg, egg.price_per_kg) == (20000, 60000)
        assert rice.amount == round_money(Decimal(str(rice.gross_kg)) * 20000)
        assert account.money.total_cost == rice.amount + egg.amount
        cells = row_texts(screen, key_of(DAY2, "nha_tre"))
        assert cells[4] == format_money(account.money.total_cost)
        assert cells[6].strip() == "✓"
        assert screen.table.selected_key == key_of(DAY2, "nha_tre")


async def test_close_dialog_refuses_a_price_that_is_not_a_number(money_db):
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_money(app, pilot)
        await select_row(pilot, screen, DAY1, "mau_giao")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down")  # to the egg's price
        await type_text(pilot, "năm mươi")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CloseDayDialog)
        assert "Giá phải là số đồng nguyên" in text_of(app.screen, "#close-error")
        assert "Trứng gà" in text_of(app.screen, "#close-error")
        assert not meal_money.is_closed(DAY1, "mau_giao")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert not meal_money.is_closed(DAY1, "mau_giao")


async def test_reopen_a_closed_day_after_confirming(money_db):
    session.open_path(money_db.path)
    meal_money.close_day(DAY1, "mau_giao", actual_prices={money_db.egg: 70000})
    session.close()
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_money(app, pilot)
        await select_row(pilot, screen, DAY1, "mau_giao")
        assert row_texts(screen, key_of(DAY1, "mau_giao"))[6].strip() == "✓"
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert meal_money.is_closed(DAY1, "mau_giao")
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert not meal_money.is_closed(DAY1, "mau_giao")
        assert row_texts(screen, key_of(DAY1, "mau_giao"))[6].strip() == ""
        live = menus.calculate_menu_day(DAY1, "mau_giao").result.money.total_cost
        assert meal_money.day_account(DAY1, "mau_giao").money.total_cost == live
        # Reopening an open day is refused before any dialog.
        await pilot.press("o")
        await pilot.pause()
        assert app.screen is screen
        assert "chưa chốt sổ" in notices(app)


async def test_market_list_over_two_days(money_db):
    session.open_path(money_db.path)
    meal_money.close_day(DAY1, "mau_giao", actual_prices={money_db.rice: 25000})
    session.close()
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_money(app, pilot)
        await select_row(pilot, screen, DAY1, "mau_giao")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, DateRangeDialog)
        await pilot.press("tab")  # "from" is the highlighted day already; on to "to"
        await type_text(pilot, format_date(DAY2))
        await pilot.press("ctrl+s")
        await pilot.pause()
        market_screen = app.screen
        assert isinstance(market_screen, MarketListScreen)

        expected = meal_money.market_list(DAY1, DAY2)
        assert len(expected.days) == 3
        assert expected.lines[0].price_per_kg is None  # rice: 25 000 on the closed day, 18 000 on the others
        table = market_screen.table
        assert table.row_count == len(expected.lines) == 2
        for line in expected.lines:
            cells = [c.plain.strip() for c in table.get_row(line.code)]
            assert cells[0] == line.name
            assert cells[1] == dec(line.gross_kg, 3)
            assert cells[3] == f"{line.amount:,}".replace(",", ".")
        assert text_of(market_screen, "#total") == f"Tổng cộng: {format_money(expected.total)}"
        assert "3 thực đơn ngày, 1 đã chốt sổ" in text_of(market_screen, "#range")
        assert table.get_row("1004")[2].plain.strip() == "nhiều giá"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_market_list_of_one_stage_and_a_bad_range(money_db):
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_money(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        await type_text(pilot, format_date(DAY2))
        await pilot.press("tab")
        await type_text(pilot, format_date(DAY1))  # before "from"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "Ngày kết thúc phải sau ngày bắt đầu" in text_of(dialog, "#end-error")
        assert dialog.focused.id == "end"  # the failed field has the cursor
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, format_date(DAY2))
        await pilot.press("tab")
        await pick(pilot, 1)  # Cả hai cấp, Nhà trẻ
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MarketListScreen)
        expected = meal_money.market_list(DAY1, DAY2, "nha_tre")
        assert len(expected.days) == 1
        assert text_of(app.screen, "#total") == f"Tổng cộng: {format_money(expected.total)}"
        assert "Nhà trẻ: 1 thực đơn ngày" in text_of(app.screen, "#range")


async def test_opening_balance_through_the_dialog(money_db):
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_money(app, pilot)
        assert "Chưa nhập số dư đầu kỳ" in text_of(screen, "#totals")
        # The days are listed anyway, so they can be closed before the books are opened.
        assert len(screen.table.shown_keys) == len(DAYS)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OpeningBalanceDialog)
        await type_text(pilot, "một triệu")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "số đồng nguyên" in text_of(dialog, "#opening_balance-error")
        assert meal_money.opening_balance() is None
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "1.500.000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert meal_money.opening_balance() == (TODAY.year, TODAY.month, 1_500_000)
        assert "Số dư đầu tháng: 1.500.000 đ" in text_of(screen, "#month-title")
        closing = meal_money.month_summary(TODAY.year, TODAY.month).closing
        assert format_money(abs(closing)) in text_of(screen, "#totals")


async def test_opening_balance_dialog_warns_when_it_moves_the_start(money_db):
    session.open_path(money_db.path)
    earlier = DAY1 - dt.timedelta(days=40)
    meal_money.set_opening_balance(earlier.year, earlier.month, 300000)
    session.close()
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_money(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        note = text_of(app.screen, "#dialog-note")
        assert f"Sổ đang bắt đầu từ tháng {earlier.month:02d}/{earlier.year} với số dư 300.000 đ" in note
        assert f"dời tháng bắt đầu sổ sang {TODAY.month:02d}/{TODAY.year}" in note
        await pilot.press("escape")
        await pilot.pause()
        assert meal_money.opening_balance() == (earlier.year, earlier.month, 300000)


async def test_money_screens_footers_fit_80_columns(money_db):
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_money(app, pilot)
        expected = {
            "money": ["Tháng trước/sau", "Chốt sổ", "Mở sổ", "Đi chợ", "Số dư đầu", "Quay lại", "Thoát"],
            "c": ["Chốt sổ", "Hủy"],
            "m": ["Đồng ý", "Hủy"],
            "s": ["Đồng ý", "Hủy"],
        }
        for key, labels in expected.items():
            if key != "money":
                await pilot.press(key)
                await pilot.pause()
            shown = footer(app.screen)
            assert [d for d, _ in shown] == labels
            assert all(0 < right <= SIZE[0] for _, right in shown), shown
            if key != "money":
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is screen


# ------------------------------------------------------------ the calculation and menu-day screens


async def test_suggestion_for_a_day_that_misses_the_norm(money_db):
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DayCalcScreen(DAY1, "mau_giao"))
        await pilot.pause()
        calc = app.screen
        assert not calc.query(".suggestion")
        await pilot.press("g")
        await pilot.pause()
        suggestion = meal_money.suggest_for_day(DAY1, "mau_giao")
        # Rice and egg alone cannot reach 615 kcal within 150 % of their grams: the misses are named.
        assert not suggestion.feasible and suggestion.misses
        table = rendered(calc, "#suggestion")
        for change in suggestion.changes:
            assert change.name in table
            assert f"{dec(change.before)} g" in table and f"{dec(change.after)} g" in table
        verdict_text = text_of(calc, "#suggestion-verdict")
        assert "Không điều chỉnh được để đạt hết" in verdict_text
        for miss in suggestion.misses:
            assert miss in verdict_text
        await pilot.press("g")  # again: replaced, not added twice
        await pilot.pause()
        assert len(calc.query("#suggestion")) == 1


async def test_suggestion_is_not_needed_for_a_day_within_the_norm(money_db):
    session.open_path(money_db.path)
    # TT 17/2009 checks only energy for mẫu giáo (735–882 kcal): 230 g of rice is 791 kcal.
    menus.choose_norm_set("TT17_2009", school.current_year().id)
    rice = menus.create_dish(menus.DishForm(name="Cơm", ingredients=[menus.IngredientForm(money_db.rice, "", "230")]))
    menus.save_menu_day(menus.MenuDayForm(date=DAY1, stage="mau_giao", children_count="20",
                                          fee_per_child="90000", items=[("trua", rice.id)]))
    assert all(c.ok for c in menus.calculate_menu_day(DAY1, "mau_giao").result.checks)
    session.close()
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DayCalcScreen(DAY1, "mau_giao"))
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert "không cần điều chỉnh" in text_of(app.screen, "#suggestion")


async def test_calculation_of_a_closed_day_shows_the_snapshot(money_db):
    session.open_path(money_db.path)
    closed = meal_money.close_day(DAY1, "mau_giao", actual_prices={money_db.egg: 70000})
    foods.set_price(money_db.rice, "30000")  # later catalogue change: the closed day must not follow it
    session.close()
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DayCalcScreen(DAY1, "mau_giao"))
        await pilot.pause()
        assert "Đã chốt sổ" in text_of(app.screen, "#heading")
        assert text_of(app.screen, "#total-cost") == f"Tổng tiền chợ: {format_money(closed.money.total_cost)}"
        assert "70.000" in rendered(app.screen, "#purchases")
        live = menus.calculate_menu_day(DAY1, "mau_giao").result.money.total_cost
        assert live != closed.money.total_cost
        app.push_screen(DayCalcScreen(DAY2, "mau_giao"))
        await pilot.pause()
        assert "Đã chốt sổ" not in text_of(app.screen, "#heading")


async def test_menu_day_of_a_closed_day_warns_and_refuses_to_save(money_db):
    session.open_path(money_db.path)
    today_children = 20
    menus.save_menu_day(menus.MenuDayForm(date=TODAY, stage="mau_giao", children_count=str(today_children),
                                          fee_per_child="20000", items=[("trua", money_db.dish)]))
    meal_money.close_day(TODAY, "mau_giao")
    session.close()
    app = money_db.app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_meals(app, pilot, "3", MenuDayScreen)
        warning = form.query_one("#closed-warning")
        assert warning.display
        assert "Ngày đã chốt sổ: mở sổ lại trước khi sửa" in text_of(form, "#closed-warning")
        await pilot.press("tab", "tab")  # date, stage, on to the head-count
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "99")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Ngày đã chốt sổ: mở sổ lại trước khi sửa" in notices(app)
        assert menus.get_menu_day(TODAY, "mau_giao").children_count == today_children
        # The other stage of the same date is open: no warning.
        form.set_field("stage", "nha_tre")
        await pilot.pause()
        assert not warning.display
