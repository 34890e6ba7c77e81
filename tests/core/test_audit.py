"""The audit trail: every change of a child, measurement, mark, menu or money record, who and what."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import add_child
from mamnon.models import AuditEntry
from mamnon.services import (accounts, attendance, audit, children, foods, meal_money, measurements, menus,
                             permissions)
from mamnon.services.children import GuardianForm
from mamnon.services.menus import DishForm, IngredientForm, MenuDayForm

D = dt.date
TODAY = D(2026, 11, 23)


@pytest.fixture(autouse=True)
def _logout():
    yield
    permissions.logout()


def entries(table=None):
    query = AuditEntry.select().order_by(AuditEntry.id)
    if table:
        query = query.where(AuditEntry.table_name == table)
    return list(query)


def test_creating_a_child_records_the_child_its_guardian_and_its_class(school_db):
    row = children.create_child(children.ChildForm(
        full_name="Nguyễn Thị Hoa", birth_date="10/02/2021", sex="F", class_id=school_db["Lá 1"],
        enrolled_on="05/09/2026", guardians=[GuardianForm("Nguyễn Văn Ba", "Bố", "0912345678"), GuardianForm()]),
        today=TODAY)
    made = [(e.table_name, e.action, e.record_id) for e in entries() if e.child_id == row.id]
    assert made == [("child", "create", str(row.id)), ("guardian", "create", "1"), ("enrollment", "create", "1")]
    child = entries("child")[0]
    after = json.loads(child.after)
    assert after["birth_date"] == "2021-02-10"  # dates as ISO text
    assert after["full_name"] == "Nguyễn Thị Hoa"
    assert "created_at" not in after
    assert child.before == ""
    assert (child.username, child.role) == ("", "")  # single-user mode: nobody logged in
    assert child.label == f"Trẻ – Nguyễn Thị Hoa ({row.code})"
    assert entries("enrollment")[0].label == f"Lớp của trẻ – Nguyễn Thị Hoa ({row.code}) – 05/09/2026"


def test_an_update_keeps_only_the_changed_fields_with_who_did_it(school_db):
    row = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "10/02/2021")
    accounts.create_admin("hieutruong", "Lê Thị Hà", "matkhau1")
    accounts.set_mode("accounts")
    accounts.login("hieutruong", "matkhau1")
    before = AuditEntry.select().count()
    form = children.form_for(row.id)
    form.birth_date, form.note = "11/02/2021", "Dị ứng tôm"
    children.update_child(row.id, form)
    new = entries()[before:]
    assert [(e.table_name, e.action) for e in new] == [("child", "update")]
    e = new[0]
    assert json.loads(e.before) == {"birth_date": "2021-02-10", "note": ""}
    assert json.loads(e.after) == {"birth_date": "2021-02-11", "note": "Dị ứng tôm"}
    assert (e.username, e.role) == ("hieutruong", "admin")
    # Saving the same form again changes nothing and records nothing.
    children.update_child(row.id, children.form_for(row.id))
    assert AuditEntry.select().count() == before + 1


def test_history_of_a_child_gathers_its_marks_measurements_and_moves(school_db):
    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "10/02/2021").id
    other = add_child(school_db["Lá 1"], "Trần Văn An", "10/03/2021", sex="M").id
    attendance.save_class_day(school_db["Lá 1"], D(2026, 11, 23), {hoa: "x", other: "x"}, today=TODAY)
    attendance.save_class_day(school_db["Lá 1"], D(2026, 11, 23), {hoa: "P"}, today=TODAY)
    rnd = measurements.create_round(D(2026, 11, 20), "Tháng 11", today=TODAY).id
    measurements.save_entry(hoa, rnd, "18,2", "108", today=TODAY)
    measurements.clear_entry(rnd, hoa)  # a class-level delete: recorded through services.audit
    children.move_child(hoa, school_db["Mầm 1"], D(2026, 11, 24))
    rows = audit.history_of("child", hoa)
    assert [(r.table_name, r.action) for r in rows] == [
        ("child", "create"), ("enrollment", "create"),
        ("attendance_mark", "create"), ("attendance_mark", "update"),
        ("measurement", "create"), ("measurement", "delete"),
        ("enrollment", "update"), ("enrollment", "create"),
    ]
    mark_change = rows[3]
    assert [(c.label, c.before, c.after) for c in mark_change.changes] == [("Điểm danh", "x", "P")]
    assert mark_change.summary == "Điểm danh: x → P"
    assert rows[6].summary == "Đến ngày: ∅ → 24/11/2026"
    assert rows[5].changes[0].label  # the deleted measurement keeps its values in "before"
    assert "18.2" in {c.before for c in rows[5].changes}
    # The other child's mark is not in Hoa's history.
    assert sum(r.table_name == "attendance_mark" for r in audit.history_of("child", other)) == 1


def test_bulk_children_creation_is_recorded_row_by_row(school_db):
    forms = [children.ChildForm(full_name=name, birth_date="01/01/2021", sex="F", class_id=school_db["Lá 1"],
                                guardians=[GuardianForm("Mẹ " + name.split()[-1], "Mẹ", "")])
             for name in ("Lê Thị Mai", "Lê Thị Lan", "Lê Thị Cúc")]
    ids = children.create_children(forms, today=TODAY)
    for table in ("child", "guardian", "enrollment"):
        assert sorted(e.child_id for e in entries(table)) == sorted(ids)
    assert {json.loads(e.after)["full_name"] for e in entries("guardian")} == {"Mẹ Mai", "Mẹ Lan", "Mẹ Cúc"}


def _kitchen():
    foods.seed_catalogue()
    rice = foods.get_food_by_code("1004").id
    milk = foods.get_food_by_code("10001").id
    foods.set_price(rice, "18000")
    foods.set_price(milk, "30000")
    com = menus.create_dish(DishForm("Cơm", ingredients=[IngredientForm(rice, "50", "70")]))
    sua = menus.create_dish(DishForm("Sữa", ingredients=[IngredientForm(milk, "100", "100")]))
    return com.id, sua.id


def test_menu_and_money_changes_are_recorded(school_db):
    com, sua = _kitchen()
    day = D(2026, 11, 23)
    menus.save_menu_day(MenuDayForm(day, "mau_giao", "30", "25000", "", [("trua", com)]))
    menus.save_menu_day(MenuDayForm(day, "mau_giao", "28", "25000", "", [("trua", com), ("phu", sua)]))
    assert [(e.table_name, e.action) for e in entries("menu_day") + entries("menu_item")] == [
        ("menu_day", "create"), ("menu_day", "update"), ("menu_item", "create"), ("menu_item", "create")]
    assert json.loads(entries("menu_day")[1].after) == {"children_count": 28}
    meal_money.close_day(day, "mau_giao")
    meal_money.reopen_day(day, "mau_giao")
    # two lines (rice, milk) closed then deleted with their day
    assert [e.action for e in entries("closed_line")] == ["create", "create", "delete", "delete"]
    assert [e.action for e in entries("closed_day")] == ["create", "delete"]
    meal_money.set_opening_balance(2026, 11, 500000)
    meal_money.set_opening_balance(2026, 11, 450000)
    setting = [e for e in entries("setting") if e.record_id == meal_money.OPENING_KEY]
    assert [(e.action, e.before, e.after) for e in setting] == [
        ("create", "", json.dumps({"key": meal_money.OPENING_KEY, "value": "2026-11 500000"})),
        ("update", json.dumps({"value": "2026-11 500000"}), json.dumps({"value": "2026-11 450000"})),
    ]


def test_recent_changes_newest_first_and_by_user(school_db):
    add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "10/02/2021")
    accounts.create_admin("hieutruong", "Lê Thị Hà", "matkhau1")
    accounts.set_mode("accounts")
    accounts.login("hieutruong", "matkhau1")
    add_child(school_db["Mầm 1"], "Trần Văn An", "10/03/2022", sex="M")
    latest = audit.recent_changes(2)
    assert [(r.table_name, r.who) for r in latest] == [("enrollment", "hieutruong"), ("child", "hieutruong")]
    mine = audit.recent_changes(100, username="hieutruong")
    assert len(mine) == 2
    assert audit.count_entries() == len(audit.recent_changes(10_000))


def test_passwords_never_reach_the_trail(school_db):
    accounts.create_admin("hieutruong", "Lê Thị Hà", "matkhau1")
    accounts.login("hieutruong", "matkhau1")
    accounts.reset_password("hieutruong", "matkhau2")
    texts = " ".join(e.before + e.after for e in entries("user_account"))
    assert "scrypt" not in texts and "matkhau" not in texts
    assert [e.action for e in entries("user_account")] == ["create", "update"]
