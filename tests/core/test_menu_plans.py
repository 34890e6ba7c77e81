"""Rotating menu plans: validation, copying onto dates, no overwrite, repeats."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import ValidationError
from mamnon.models import MealPlanItem, MenuDay
from mamnon.services import foods, meal_money, menu_plans, menus
from mamnon.services.menu_plans import PlanForm, PlanItemForm
from mamnon.services.menus import DishForm, IngredientForm, MenuDayForm

D = dt.date


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.errors


def dish(name, *rows):
    return menus.create_dish(DishForm(name, ingredients=[
        IngredientForm(foods.get_food_by_code(code).id, str(nt), str(mg)) for code, nt, mg in rows]))


@pytest.fixture
def dishes(db):
    foods.seed_catalogue()
    return {
        "com": dish("Cơm", ("1004", 50, 70)),
        "thit": dish("Thịt kho", ("7017", 25, 30)),
        "trung": dish("Trứng rán", ("9001", 20, 25)),
        "chao": dish("Cháo tôm (mẫu giáo)", ("1004", "", 30)),
    }


def two_week_plan(dishes, **kw):
    items = []
    for wd in range(5):
        items.append(PlanItemForm(1, wd, "mau_giao", "trua", dishes["com"].id))
        items.append(PlanItemForm(1, wd, "mau_giao", "trua", dishes["thit"].id))
        items.append(PlanItemForm(2, wd, "mau_giao", "trua", dishes["com"].id))
        items.append(PlanItemForm(2, wd, "mau_giao", "trua", dishes["trung"].id))
    return menu_plans.create_plan(PlanForm("Mẫu 2 tuần", 2, items=items, **kw))


def test_plan_validation(dishes):
    errs = errors_of(lambda: menu_plans.create_plan(PlanForm("", 5, items=[
        PlanItemForm(1, 5, "mau_giao", "trua", dishes["com"].id),
        PlanItemForm(1, 0, "nha_tre", "trua", dishes["chao"].id),
        PlanItemForm(1, 0, "mau_giao", "xx", dishes["com"].id),
        PlanItemForm(1, 0, "mau_giao", "trua", 99999),
    ])))
    assert set(errs) == {"name", "weeks", "items.0", "items.1", "items.2", "items.3"}
    assert "Thứ Sáu" in errs["items.0"] and "chưa có định lượng cho nhà trẻ" in errs["items.1"]
    errs = errors_of(lambda: menu_plans.create_plan(PlanForm("X", 1, items=[
        PlanItemForm(2, 0, "mau_giao", "trua", dishes["com"].id),
        PlanItemForm(1, 0, "mau_giao", "trua", dishes["com"].id),
        PlanItemForm(1, 0, "mau_giao", "trua", dishes["com"].id)])))
    assert set(errs) == {"items.0", "items.2"}
    assert errors_of(lambda: menu_plans.create_plan(PlanForm("X", 1)))["items"]
    plan = two_week_plan(dishes)
    assert errors_of(lambda: menu_plans.create_plan(PlanForm("Mẫu 2 tuần", 1, items=[
        PlanItemForm(1, 0, "mau_giao", "trua", dishes["com"].id)])))["name"].startswith("Đã có")
    assert len(plan.items) == 20 and [i.dish_name for i in plan.day(2, 3, "mau_giao")] == ["Cơm", "Trứng rán"]
    form = menu_plans.form_for(plan.id)
    form.saturday = True
    form.items.append(PlanItemForm(1, 5, "mau_giao", "sang", dishes["chao"].id))
    again = menu_plans.update_plan(plan.id, form)
    assert again.saturday and len(again.items) == 21
    menu_plans.delete_plan(plan.id)
    assert MealPlanItem.select().count() == 0


def test_week_mapping_by_hand():
    # plan started Wednesday 18/11/2026: that week is week 1, the next Monday week 2, then week 1 again
    start = D(2026, 11, 18)
    assert [menu_plans.plan_week(2, start, D(2026, 11, d)) for d in (18, 20, 23, 27, 30)] == [1, 1, 2, 2, 1]
    assert menu_plans.plan_week(4, start, D(2026, 12, 7)) == 4
    assert menu_plans.plan_week(4, start, D(2026, 12, 14)) == 1
    assert menu_plans.plan_week(1, start, D(2027, 3, 1)) == 1


def test_apply_maps_weeks_skips_weekends_and_days_off(dishes):
    plan = two_week_plan(dishes)
    res = menu_plans.apply_plan(plan.id, D(2026, 11, 18), D(2026, 12, 4), {D(2026, 11, 26)}, stages=("mau_giao",),
                                fee_per_child=25000)
    created = [d for d, _ in res.created]
    assert created == [D(2026, 11, d) for d in (18, 19, 20, 23, 24, 25, 27, 30)] + [D(2026, 12, d)
                                                                                   for d in (1, 2, 3, 4)]
    assert {d for d, _, _ in res.skipped} == {D(2026, 11, d) for d in (21, 22, 26, 28, 29)}
    assert dict((d, r) for d, _, r in res.skipped)[D(2026, 11, 26)] == "Ngày nghỉ."
    second = lambda d: [i.dish_name for i in menus.get_menu_day(d, "mau_giao").items][1]  # noqa: E731
    assert [second(D(2026, 11, d)) for d in (18, 20, 23, 27, 30)] == \
        ["Thịt kho", "Thịt kho", "Trứng rán", "Trứng rán", "Thịt kho"]
    assert menus.get_menu_day(D(2026, 11, 18), "mau_giao").fee_per_child == 25000
    assert menus.get_menu_day(D(2026, 11, 18), "mau_giao").children_count is None


def test_saturday_plan_and_stages_without_items(dishes):
    plan = menu_plans.create_plan(PlanForm("Có thứ Bảy", 1, saturday=True, items=[
        PlanItemForm(1, wd, "mau_giao", "trua", dishes["com"].id) for wd in range(6)]))
    res = menu_plans.apply_plan(plan.id, D(2026, 11, 23), D(2026, 11, 29))
    assert [d.day for d, s in res.created] == [23, 24, 25, 26, 27, 28]
    assert {s for _, s in res.created} == {"mau_giao"}
    assert sum(1 for _, s, r in res.skipped if s == "nha_tre") == 6  # the plan has nothing for nhà trẻ
    assert [d.day for d, s, r in res.skipped if r == "Nghỉ cuối tuần."] == [29]


def test_no_overwrite_without_replace_and_closed_days_stay(dishes):
    plan = two_week_plan(dishes)
    menus.save_menu_day(MenuDayForm(D(2026, 11, 23), "mau_giao", "30", "20000", "tự nhập",
                                    [("trua", dishes["thit"].id)]))
    res = menu_plans.apply_plan(plan.id, D(2026, 11, 23), D(2026, 11, 24), stages=("mau_giao",))
    assert res.created == ((D(2026, 11, 24), "mau_giao"),)
    assert res.skipped == ((D(2026, 11, 23), "mau_giao", "Đã có thực đơn (giữ nguyên)."),)
    assert [i.dish_name for i in menus.get_menu_day(D(2026, 11, 23), "mau_giao").items] == ["Thịt kho"]
    res = menu_plans.apply_plan(plan.id, D(2026, 11, 23), D(2026, 11, 24), stages=("mau_giao",), replace=True)
    assert res.replaced == ((D(2026, 11, 23), "mau_giao"), (D(2026, 11, 24), "mau_giao"))
    day = menus.get_menu_day(D(2026, 11, 23), "mau_giao")
    assert [i.dish_name for i in day.items] == ["Cơm", "Thịt kho"]
    assert (day.children_count, day.fee_per_child, day.note) == (30, 20000, "tự nhập")  # entered data kept
    foods.set_price(foods.get_food_by_code("1004").id, "18000")
    meal_money.close_day(D(2026, 11, 23), "mau_giao")
    res = menu_plans.apply_plan(plan.id, D(2026, 11, 23), D(2026, 11, 23), stages=("mau_giao",), replace=True)
    assert res.skipped[0][2].startswith("Ngày đã chốt sổ")


def test_apply_is_all_or_nothing(dishes, monkeypatch):
    plan = two_week_plan(dishes)
    real = menu_plans.save_menu_day
    calls = []

    def failing(form):
        calls.append(form.date)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(form)

    monkeypatch.setattr(menu_plans, "save_menu_day", failing)
    with pytest.raises(RuntimeError):
        menu_plans.apply_plan(plan.id, D(2026, 11, 23), D(2026, 11, 27), stages=("mau_giao",))
    assert MenuDay.select().count() == 0


def test_repeat_warnings_on_days_and_plans(dishes):
    plan = two_week_plan(dishes)
    menu_plans.apply_plan(plan.id, D(2026, 11, 23), D(2026, 12, 11), stages=("mau_giao",))
    ignore = {dishes["com"].id}
    warnings = menu_plans.repeat_warnings(D(2026, 11, 23), D(2026, 12, 11), ignore=ignore)
    # thịt kho every day of weeks 1 and 3: 4 repeats in week 1, the gap 27/11 → 07/12 is 10 days, 4 in week 3
    thit = [w for w in warnings if w.dish_name == "Thịt kho"]
    assert len(thit) == 9 and (thit[4].first, thit[4].again, thit[4].days_apart) == \
        (D(2026, 11, 27), D(2026, 12, 7), 10)
    assert "lặp lại sau 10 ngày" in thit[4].message
    assert menu_plans.repeat_warnings(D(2026, 11, 23), D(2026, 12, 11), ignore=ignore, weeks=1) == [
        w for w in warnings if w.days_apart < 7]
    # the plan itself: every dish appears on 5 consecutive days of one week
    pw = menu_plans.plan_repeat_warnings(plan.id, ignore=ignore)
    thit = [w for w in pw if w.dish_name == "Thịt kho"]
    assert [w.days_apart for w in thit] == [1, 1, 1, 1, 10]
    single = menu_plans.create_plan(PlanForm("Một món", 2, items=[
        PlanItemForm(1, 0, "mau_giao", "trua", dishes["thit"].id)]))
    assert menu_plans.plan_repeat_warnings(single.id) == []  # every 14 days: not within 2 weeks
    assert [w.days_apart for w in menu_plans.plan_repeat_warnings(single.id, weeks=3)] == [14]


def test_migration_0004_upgrades_a_version_3_database(tmp_path, monkeypatch):
    from peewee import SqliteDatabase

    from mamnon import migrations

    raw = SqliteDatabase(str(tmp_path / "old.sqlite"), pragmas={"foreign_keys": 1})
    monkeypatch.setattr(migrations, "MIGRATIONS", tuple(m for m in migrations.MIGRATIONS if m[0] <= 3))
    assert migrations.migrate(raw) == [1, 2, 3]
    raw.execute_sql("INSERT INTO dish (created_at, updated_at, name) VALUES ('2026-11-01', '2026-11-01', 'Cơm')")
    monkeypatch.undo()
    assert 4 in migrations.migrate(raw)
    assert {"meal_plan", "meal_plan_item", "closed_day", "closed_line"} <= set(raw.get_tables())
    assert raw.execute_sql("SELECT name FROM dish").fetchone()[0] == "Cơm"
    assert raw.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert raw.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
