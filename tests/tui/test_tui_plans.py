"""Menu plans (mẫu thực đơn): the list, the plan editor, applying a plan to dates."""

from __future__ import annotations

import datetime as dt

import pytest
from tui_helpers import SIZE, pick, type_text

from mamnon.errors import NotFound
from mamnon.formats import format_date
from mamnon.services import foods, meal_money, menu_plans, menus, session
from tui.dialogs.apply_plan import ApplyPlanDialog, ApplyResultDialog, first_school_day
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.menu_item import MenuItemDialog
from tui.screens.meals import MealsScreen
from tui.screens.plan_form import PlanFormScreen, staple_dishes
from tui.screens.plans import PlansScreen

TODAY = dt.date.today()
START = first_school_day(TODAY)
"""The apply dialog's default start: the Monday the plan's week 1 falls on."""


@pytest.fixture
def plans_db(school_db):
    """The school plus two dishes for both stages: «Cơm trứng» and «Trứng luộc» (in that order in lists)."""
    session.open_path(school_db.path)
    rice, egg = foods.get_food_by_code("1004"), foods.get_food_by_code("9001")
    foods.set_price(rice.id, "18000")
    foods.set_price(egg.id, "60000")
    school_db.rice_egg = menus.create_dish(menus.DishForm(name="Cơm trứng", ingredients=[
        menus.IngredientForm(rice.id, "60", "80"), menus.IngredientForm(egg.id, "30", "40")])).id
    school_db.egg = menus.create_dish(menus.DishForm(name="Trứng luộc", ingredients=[
        menus.IngredientForm(egg.id, "40", "50")])).id
    session.close()
    return school_db


def save_plan(name: str, weeks: int, items: list[tuple[int, int, str, int]]) -> int:
    """A plan through the service: items are (week, weekday, stage, dish id), all at lunch."""
    return menu_plans.create_plan(menu_plans.PlanForm(name=name, weeks=weeks, items=[
        menu_plans.PlanItemForm(w, d, s, "trua", dish) for w, d, s, dish in items])).id


def two_week_plan(db) -> int:
    """Week 1: «Cơm trứng» every school day; week 2: «Trứng luộc»; both stages."""
    session.open_path(db.path)
    plan_id = save_plan("Xoay vòng 2 tuần", 2, [
        (week, day, stage, db.rice_egg if week == 1 else db.egg)
        for week in (1, 2) for day in range(5) for stage in ("nha_tre", "mau_giao")])
    session.close()
    return plan_id


async def open_plans(app, pilot) -> PlansScreen:
    await pilot.pause()
    await pilot.press("5")
    await pilot.pause()
    assert isinstance(app.screen, MealsScreen)
    await pilot.press("4")
    await pilot.pause()
    assert isinstance(app.screen, PlansScreen)
    return app.screen


def text_of(screen, selector: str) -> str:
    content = screen.query_one(selector).content
    return getattr(content, "plain", str(content))


def notices(app) -> str:
    return "\n".join(f"{n.title}\n{n.message}" for n in app._notifications)


def dishes_of(date: dt.date, stage: str) -> list[str]:
    return [i.dish_name for i in menus.get_menu_day(date, stage).items]


async def add_dish(app, pilot, downs: int) -> None:
    """Ctrl+N, keep the meal (lunch), pick the dish `downs` places below the blank."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(app.screen, MenuItemDialog)
    await pilot.press("tab")
    await pick(pilot, downs)
    await pilot.press("ctrl+s")
    await pilot.pause()


# ---------------------------------------------------------------- the editor


async def test_create_a_two_week_plan_by_keys(plans_db):
    app = plans_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plans(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PlanFormScreen)
        await type_text(pilot, "Thực đơn mùa đông")
        await pilot.press("tab")
        await pick(pilot, 1)  # 1 -> 2 weeks
        await add_dish(app, pilot, 1)  # Thứ Hai tuần 1, mẫu giáo: Cơm trứng
        assert app.screen is form
        assert text_of(form, "#items-title").startswith("Thứ Hai tuần 1, mẫu giáo: 1 món")
        await pilot.press(*["pagedown"] * 5, "ctrl+t")  # five school days on: Thứ Hai tuần 2; nhà trẻ
        await pilot.pause()
        assert text_of(form, "#items-title").startswith("Thứ Hai tuần 2, nhà trẻ: 0 món")
        await add_dish(app, pilot, 2)  # Trứng luộc
        assert form.table.get_row_at(0)[1].plain == "Trứng luộc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen

        [plan] = menu_plans.list_plans(include_inactive=True)
        row = menu_plans.get_plan(plan.id)
        assert (row.name, row.weeks, row.saturday, row.active) == ("Thực đơn mùa đông", 2, False, True)
        assert [(i.week, i.weekday, i.stage, i.meal, i.dish_id) for i in row.items] == [
            (1, 0, "mau_giao", "trua", plans_db.rice_egg), (2, 0, "nha_tre", "trua", plans_db.egg)]
        assert screen.table.selected_key == str(plan.id)
        assert [c.plain for c in screen.table.get_row(str(plan.id))] == [
            "Thực đơn mùa đông", "2", "5 ngày", "2", "Có"]


async def test_errors_are_shown_and_nothing_is_saved(plans_db):
    app = plans_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_plans(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert text_of(form, "#name-error") == "Cần nhập tên mẫu thực đơn."
        assert "ít nhất một món" in text_of(form, "#items-error")
        assert menu_plans.list_plans(include_inactive=True) == []


async def test_a_dish_outside_the_weeks_is_named_and_shown(plans_db):
    app = plans_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_plans(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        await type_text(pilot, "Hai tuần")
        await pilot.press("tab")
        await pick(pilot, 1)  # 2 weeks
        await pilot.press("pageup")  # back from Thứ Hai tuần 1 to Thứ Sáu tuần 2
        await pilot.pause()
        await add_dish(app, pilot, 1)
        await pilot.press("pageup")  # Thứ Năm tuần 2, the slot shown when saving is not the wrong one
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab",
                          "shift+tab")
        await pilot.pause()
        assert form.focused.id == "weeks"
        await pilot.press("enter", "up", "enter")  # back to 1 week: the dish is now outside the plan
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert text_of(form, "#items-error") == "Thứ Sáu tuần 2, mẫu giáo, bữa trưa: Tuần phải từ 1 đến 1."
        assert text_of(form, "#items-title").startswith("Thứ Sáu tuần 2, mẫu giáo: 1 món")
        assert menu_plans.list_plans(include_inactive=True) == []


async def test_edit_a_plan_then_see_the_repeats(plans_db):
    session.open_path(plans_db.path)
    plan_id = save_plan("Một tuần", 1, [(1, 0, "mau_giao", plans_db.rice_egg), (1, 0, "mau_giao", plans_db.egg)])
    session.close()
    app = plans_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plans(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PlanFormScreen)
        assert form.table.row_count == 2
        form.table.focus()
        await pilot.press("down", "delete")  # Trứng luộc leaves Monday
        await pilot.pause()
        assert [form.table.get_row_at(i)[1].plain for i in range(form.table.row_count)] == ["Cơm trứng"]
        await pilot.press("pagedown", "pagedown")  # Thứ Tư
        await add_dish(app, pilot, 1)  # Cơm trứng again, two days later
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        row = menu_plans.get_plan(plan_id)
        assert [(i.weekday, i.dish_id) for i in row.items] == [(0, plans_db.rice_egg), (2, plans_db.rice_egg)]
        assert "«Cơm trứng» (mẫu giáo) lặp lại sau 2 ngày: Thứ Hai tuần 1 và Thứ Tư tuần 1." in notices(app)
        assert "2 lần lặp món trong vòng 2 tuần" in notices(app)


def test_dishes_on_every_day_are_not_reported_as_repeats(plans_db):
    session.open_path(plans_db.path)
    plan_id = save_plan("Cơm mỗi ngày", 1, [(1, d, "mau_giao", plans_db.rice_egg) for d in range(5)]
                        + [(1, 0, "mau_giao", plans_db.egg)])
    assert staple_dishes(menu_plans.get_plan(plan_id)) == {plans_db.rice_egg}


# ---------------------------------------------------------------- applying


async def apply(app, pilot, screen, *, days_off: str = "", replace: bool = False) -> ApplyResultDialog:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, ApplyPlanDialog)
    await pilot.press("tab", "tab")
    await type_text(pilot, days_off)
    await pilot.press("tab")
    if replace:
        await pick(pilot, 1)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ApplyResultDialog)
    return app.screen


async def test_apply_a_plan_over_two_weeks(plans_db):
    plan_id = two_week_plan(plans_db)
    day_off = START + dt.timedelta(days=2)
    app = plans_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plans(app, pilot)
        result = await apply(app, pilot, screen, days_off=format_date(day_off))
        report = text_of(result, "#result-text")
        assert "Tạo mới: 18 thực đơn ngày (9 ngày)." in report
        assert f"• Ngày nghỉ — {format_date(day_off)}." in report
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert "tạo mới 18, thay món 0, bỏ qua 3" in text_of(screen, "#status")

    session.open_path(plans_db.path)
    end = START + dt.timedelta(days=11)
    days = menus.list_menu_days(START, end)
    assert len(days) == 18 and {d.date for d in days} == {
        START + dt.timedelta(days=n) for n in range(12) if n % 7 < 5 and n != 2}
    for stage in ("nha_tre", "mau_giao"):
        assert dishes_of(START, stage) == ["Cơm trứng"]
        assert dishes_of(START + dt.timedelta(days=4), stage) == ["Cơm trứng"]
        assert dishes_of(START + dt.timedelta(days=7), stage) == ["Trứng luộc"]
        assert dishes_of(end, stage) == ["Trứng luộc"]
    with pytest.raises(NotFound):
        menus.get_menu_day(day_off, "mau_giao")
    assert menu_plans.get_plan(plan_id).weeks == 2


async def test_applying_again_keeps_days_unless_replacing_and_never_closed_ones(plans_db):
    two_week_plan(plans_db)
    closed = START + dt.timedelta(days=1)
    session.open_path(plans_db.path)
    menus.save_menu_day(menus.MenuDayForm(date=START, stage="mau_giao", children_count="25",
                                          fee_per_child="20000", items=[("sang", plans_db.egg)]))
    menus.save_menu_day(menus.MenuDayForm(date=closed, stage="nha_tre", children_count="12",
                                          items=[("trua", plans_db.egg)]))
    meal_money.close_day(closed, "nha_tre")
    session.close()
    app = plans_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plans(app, pilot)
        report = text_of(await apply(app, pilot, screen), "#result-text")
        assert "Tạo mới: 18 thực đơn ngày (10 ngày)." in report
        assert f"• Đã có thực đơn (giữ nguyên) — {format_date(START)} (mẫu giáo)." in report
        assert f"• Ngày đã chốt sổ: không thay đổi — {format_date(closed)} (nhà trẻ)." in report
        assert dishes_of(START, "mau_giao") == ["Trứng luộc"]

        await pilot.press("escape")
        await pilot.pause()
        report = text_of(await apply(app, pilot, screen), "#result-text")
        assert "Tạo mới: 0 thực đơn ngày (0 ngày)." in report
        assert "Thay món: 0 thực đơn ngày (0 ngày)" in report
        assert f"• Đã có thực đơn (giữ nguyên) — {format_date(START)}, " in report  # both stages now
        assert dishes_of(START, "mau_giao") == ["Trứng luộc"]

        await pilot.press("escape")
        await pilot.pause()
        report = text_of(await apply(app, pilot, screen, replace=True), "#result-text")
        assert "Thay món: 19 thực đơn ngày (10 ngày)" in report
        assert f"• Ngày đã chốt sổ: không thay đổi — {format_date(closed)} (nhà trẻ)." in report

    session.open_path(plans_db.path)
    kept = menus.get_menu_day(START, "mau_giao")
    assert ([i.dish_name for i in kept.items], kept.children_count, kept.fee_per_child) == (
        ["Cơm trứng"], 25, 20000)
    assert dishes_of(closed, "nha_tre") == ["Trứng luộc"]  # week 1 would be Cơm trứng: closed, untouched


async def test_apply_dialog_refuses_wrong_dates(plans_db):
    two_week_plan(plans_db)
    app = plans_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_plans(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("tab", "tab")
        await type_text(pilot, "31/02/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert text_of(dialog, "#days_off-error") == "«31/02/2027»: Ngày 31/02/2027 không có trên lịch."
        assert menus.list_menu_days(START, START + dt.timedelta(days=30)) == []


# ---------------------------------------------------------------- deleting, footers


async def test_delete_a_plan_keeps_its_menu_days(plans_db):
    plan_id = two_week_plan(plans_db)
    session.open_path(plans_db.path)
    menu_plans.apply_plan(plan_id, START, START)
    session.close()
    app = plans_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plans(app, pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert screen.table.row_count == 0
        assert menu_plans.list_plans(include_inactive=True) == []
        assert dishes_of(START, "mau_giao") == ["Cơm trứng"]


def footer(screen) -> list[tuple[str, int]]:
    from textual.widgets._footer import FooterKey

    return [(key.description, key.region.right) for key in screen.query(FooterKey)]


FOOTERS = {
    "plans": ([], ["Sửa", "Thêm", "Xóa", "Áp dụng", "Quay lại", "Thoát"]),
    "plan form": (["enter", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab"],
                  ["Ngày", "Bỏ món", "Lưu", "Thêm món", "Đổi cấp", "Hủy", "Thoát"]),
    "apply": (["a"], ["Đồng ý", "Hủy"]),
    "result": (["a", "ctrl+s"], ["Đóng"]),
}


@pytest.mark.parametrize("name", list(FOOTERS))
async def test_plan_footers_fit_80_columns(plans_db, name):
    keys, expected = FOOTERS[name]
    two_week_plan(plans_db)
    app = plans_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_plans(app, pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        shown = footer(app.screen)
        assert [d for d, _ in shown] == expected
        assert all(0 < right <= SIZE[0] for _, right in shown), shown
