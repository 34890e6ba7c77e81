"""In English the services of the second half (menus, kitchen, meal money, measuring, imports, staff,
school, permissions, notices, lunch support) speak English: their errors, warnings and result lines,
and the labels they keep for screens.

Each test calls the real service with bad input under the `english` fixture and asserts the English
words and that no Vietnamese letter is left, so it fails when the catalogue entry is missing (the
Vietnamese msgid would come back). Labels that also go into forms and workbooks stay Vietnamese in the
core (checked too) and come out in English only where a screen or a command shows them.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from english_helpers import english_only, errors_of

from mamnon.acting import Actor
from mamnon.errors import MamnonError, NotFound, PermissionDenied
from mamnon.services import kitchen_logs, lunch_support, meal_money, menu_plans, menus, norm_files, notices
from mamnon.services import measurements as ms
from mamnon.services import permissions, school, staff, staff_quality
from mamnon.services.menu_import import import_menus
from mamnon.services.roster_import import import_roster
from mamnon.services.staff_import import import_staff
from mamnon.services.measurement_import import import_measurements
from tests.conftest import add_child

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 23)


# ---------------------------------------------------------------- errors on import


def test_roster_import_refuses_an_unknown_class_in_english(school_db, english):
    result = import_roster([(2, {"full_name": "Tran Minh An", "birth_date": dt.date(2022, 3, 1), "sex": "M",
                                 "class_name": "Lop X"})], today=TODAY)
    assert [e.row for e in result.errors] == [2]
    assert english_only(result.errors[0].message) == "Class «Lop X» is not in the school's current school year."


def test_staff_import_names_the_duplicate_row_in_english(school_db, english):
    row = {"full_name": "Le Van Binh", "birth_date": dt.date(1990, 1, 1), "sex": "M", "position": "Giáo viên"}
    result = import_staff([(2, dict(row)), (3, dict(row))], dry_run=True)
    assert [e.row for e in result.errors] == [3]
    assert english_only(result.errors[0].message) == (
        "Same full name and birth date as row 2: if they are two different people, write the staff codes.")


def test_measurement_import_without_a_date_and_without_values(school_db, english):
    child = add_child(school_db["Mầm 1"], "Tran Minh An", "01/03/2022", sex="M")
    empty = import_measurements([(2, {"code": child.code})], today=TODAY)
    assert [english_only(n) for n in empty.notes] == [
        "The file has no measurements (every row has no weight and no height)."]
    undated = import_measurements([(2, {"code": child.code, "weight_kg": 15.0})], today=TODAY)
    # the column is named as the file heads it: the workbook stays Vietnamese
    assert undated.errors[0].message == (
        "A measuring date is needed: write it in the column «Ngày cân đo» (on at least one row).")
    new = import_measurements([(2, {"code": child.code, "weight_kg": 15.0, "measured_on": dt.date(2026, 10, 1)})],
                              round_name="Round 1", dry_run=True, today=TODAY)
    assert new.ok and english_only(new.notes[0]) == "New measuring round: «Round 1» on 01/10/2026 (Whole school)."


def test_menu_import_refuses_an_unknown_food_code_and_counts_in_english(school_db, english):
    result = import_menus([], [(2, {"dish": "Pho bo", "food_code": "ZZZ999", "grams_nha_tre": 10.0})])
    assert english_only(result.errors[0].message) == "No food with code ZZZ999 in the food list."
    done = import_menus([], [])
    assert done.ok and [english_only(n) for n in done.notes] == [
        "Dish: 0 added, 0 updated, 0 unchanged.", "Daily menu: 0 added, 0 updated, 0 unchanged."]


def test_a_bad_norm_file_is_refused_in_english(db, english):
    with pytest.raises(MamnonError) as exc:
        norm_files.parse_norm_file('{"sets": []}', "so-gd.json")
    assert english_only(str(exc.value)) == "File so-gd.json: no «sets» entry (the list of norms)."
    with pytest.raises(MamnonError) as exc:
        norm_files.parse_norm_file('{"sets": [{"code": "X"}]}')
    assert english_only(str(exc.value)) == "norm no. 1 has no «code» or «stages»."


# ---------------------------------------------------------------- errors on save


def test_measuring_entry_errors_and_reasons_in_english(school_db, english):
    child = add_child(school_db["Mầm 1"], "Tran Minh An", "01/03/2022", sex="M")
    rnd = ms.create_round(dt.date(2026, 10, 1), "Round 1", today=TODAY)
    typo = ms.check_entry(child.id, rnd.id, "abc", "", today=TODAY)
    assert english_only(typo.errors["weight_kg"]) == "Weight must be a number in kg, e.g. 12,5."
    heavy = ms.check_entry(child.id, rnd.id, "60", "", today=TODAY)
    assert not heavy.errors
    assert "Weight 60,0 kg is outside 1–50 kg." in heavy.reasons
    # the indicator's name inside the sentence comes from the catalogue too
    assert any(r.startswith("The weight-for-age index is beyond the WHO limits") for r in heavy.reasons)
    assert all(english_only(r) for r in heavy.reasons)
    future = errors_of(lambda: ms.create_round(dt.date(2026, 12, 1), "Round 2", today=TODAY))
    assert english_only(future["date"]) == "The measuring date is in the future."


def test_the_round_scope_label_stays_vietnamese_and_is_translated_where_shown(school_db, english):
    rnd = ms.create_round(dt.date(2026, 10, 1), "Round 1", today=TODAY)
    assert rnd.scope_label == "Toàn trường"  # the growth forms print it
    assert rnd.shown_scope == "Whole school"
    # a class's name is shown as typed, even one that reads like a label the catalogue knows («Nursery»)
    from mamnon.i18n import _
    from mamnon.services import classes

    assert _("Nhà trẻ") != "Nhà trẻ"
    named = classes.create_class(classes.ClassForm(name="Nhà trẻ", age_group="NT_25_36")).id
    nursery = ms.create_round(dt.date(2026, 10, 2), "Round 2", named, today=TODAY)
    assert nursery.shown_scope == nursery.scope_label == "Nhà trẻ"


def test_dish_menu_day_and_plan_checks_in_english(school_db, english):
    _values, _rows, chk = menus.check_dish(menus.DishForm(name="Pho bo"))
    assert english_only(chk.errors["ingredients"]) == "A dish needs at least one food."
    _values, _items, chk = menus.check_menu_day(menus.MenuDayForm(dt.date(2026, 10, 1), "mau_giao", "-3", "", "", []))
    assert english_only(chk.errors["children_count"]) == (
        "The number of children eating must be greater than 0 (leave it blank if not known yet).")
    assert english_only(chk.errors["items"]) == "A menu needs at least one dish."
    _values, _rows, chk = menu_plans.check_plan(menu_plans.PlanForm(name="Plan A", weeks=9))
    assert english_only(chk.errors["weeks"]) == "A plan has from 1 to 4 weeks."
    with pytest.raises(NotFound) as exc:
        menus.get_menu_day(dt.date(2026, 10, 1), "mau_giao")
    assert english_only(str(exc.value)) == "No kindergarten menu on 01/10/2026."


def test_kitchen_log_and_meal_money_refusals_in_english(school_db, english):
    with pytest.raises(NotFound) as exc:
        kitchen_logs.get_day_log(dt.date(2026, 10, 1), "nha_tre")
    assert english_only(str(exc.value)) == "No food inspection log for nursery on 01/10/2026."
    missing = errors_of(lambda: meal_money.month_summary(2026, 10))
    assert english_only(missing["opening_balance"]) == "No opening balance of meal money yet (the accounts' first month)."
    bad = errors_of(lambda: meal_money.set_opening_balance(2026, 13, 0))
    assert english_only(bad["month"]) == "The month must be from 1 to 12."


def test_lunch_support_checks_in_english(school_db, english):
    _clean, check = lunch_support.check_support(lunch_support.LunchForm())
    assert english_only(check.errors["child_id"]) == "Pick a child."
    assert english_only(check.errors["group"]) == (
        "Pick a support category: DBKK, NGHEO, KHONG_NGUOI_NUOI, CHINH_SACH, KHUYET_TAT.")
    # a group may be typed in the interface language too
    assert lunch_support.group_code("poor or near-poor") == "NGHEO"


def test_lunch_support_month_line_vietnamese_for_the_form_english_on_screen(school_db, english):
    from mamnon.i18n import _

    child = add_child(school_db["Mầm 1"], "Tran Minh An", "10/03/2022")
    lunch_support.add_support(lunch_support.LunchForm(child.id, "NGHEO", "QD 12", "05/09/2026", "31/05/2027"))
    assert lunch_support.month_label(2026, 10) == "Hỗ trợ ăn trưa (NĐ 277/2025): 1 trẻ, 360.000 đ"
    shown = lunch_support.month_label(2026, 10, translate=_)
    assert shown == "Lunch support (NĐ 277/2025): children 1, 360.000 đ"


def test_school_staff_and_assessment_errors_in_english(school_db, english):
    year = errors_of(lambda: school.add_year("2026"))
    assert english_only(year["year_name"]) == "A school year is written like 2026-2027 (two consecutive years)."
    _values, chk = staff.check_staff(staff.StaffForm(full_name="Le Van Binh", birth_date="01/01/2020",
                                                     position="Giáo viên"))
    assert english_only(chk.errors["birth_date"]) == "Implausible birth date for a staff member (age must be 16 to 75)."
    with pytest.raises(NotFound) as exc:
        staff_quality.set_assessment(99999, "2026-2027", "Tốt")
    assert english_only(str(exc.value)) == "No staff member no. 99999."


def test_staff_flags_stay_vietnamese_for_the_form_and_show_in_english(school_db, english):
    q = staff_quality.staff_quality(TODAY)
    # the school's one teacher was entered without a qualification (tests/conftest.py)
    assert q.flags == ["1 giáo viên chưa ghi đủ trình độ và chuyên ngành."]  # the staffing form prints these
    assert q.shown_flags == ["Teachers without a complete qualification and field of training: 1."]


def test_permission_refusals_in_english(school_db, english):
    permissions.act_as(Actor(1, "lan", "Lan", "teacher"))
    try:
        with pytest.raises(PermissionDenied) as exc:
            permissions.require("menus.edit")
        assert english_only(str(exc.value)) == "Account «lan» (teacher) may not edit foods, dishes, menus and norms."
        with pytest.raises(PermissionDenied) as exc:
            permissions.require_class("children.edit", None)
        assert english_only(str(exc.value)) == "Account «lan» (teacher) may not change the whole school's data."
    finally:
        permissions.act_as(None)
    assert permissions.role_label("kitchen") == "cook / kitchen"


def test_notice_template_errors_and_unreachable_reasons(db, english):
    errors = errors_of(lambda: notices.template_fields("Chao {abc}"))
    assert errors["template"].startswith("The notice template has an unknown field: {abc}. Fields you can use: {ten_tre}")
    errors = errors_of(lambda: notices.template_fields("Chao {ten_tre"))
    assert english_only(errors["template"]) == (
        "The notice template has unmatched braces { }: each «{» needs a «}» (write {{ or }} to print a brace).")
    bad = notices.Unreachable(1, "HS001", "An", "Lop", "", notices.BAD_PHONES.format(phones="123"), ("123",))
    assert bad.reason == "Số điện thoại không đúng: 123"  # the batch's check list keeps the Vietnamese
    assert bad.shown_reason == "Invalid phone number: 123"
    none = notices.Unreachable(1, "HS001", "An", "Lop", "", notices.NO_PHONE)
    assert english_only(none.shown_reason) == "No parent phone number"


def test_vietnamese_stays_the_default(school_db):
    with pytest.raises(NotFound) as exc:
        kitchen_logs.get_day_log(dt.date(2026, 10, 1), "nha_tre")
    assert str(exc.value) == "Chưa có sổ kiểm thực nhà trẻ ngày 01/10/2026."
    assert permissions.role_label("kitchen") == "cấp dưỡng / bếp"


# ---------------------------------------------------------------- labels where a command shows them


def test_lunch_groups_command_shows_the_groups_in_english(tmp_path):
    env = dict(os.environ)
    env.pop("MAMNON_LANG", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["MAMNON_DB"] = str(tmp_path / "khong-co.sqlite")
    result = subprocess.run([sys.executable, "-c", "from cli.main import main; main()", "--lang", "en", "lunch",
                             "groups"], capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "NGHEO             From a poor or near-poor household" in result.stdout
    assert "KHUYET_TAT        Child with a disability in inclusive education" in result.stdout
    assert "Thuộc hộ nghèo" not in result.stdout


# ---------------------------------------------------------------- labels where a screen shows them


async def test_health_screen_shows_the_whole_school_round_in_english(tmp_path, english):
    from mamnon.services import session
    from tui.app import make_app
    from tui.screens.health import HealthScreen

    path = str(tmp_path / "truong.sqlite")
    session.open_path(path)
    school.init_school(code="MN01", name="Truong Mam non Hoa Sen", year_name="2026-2027")
    rnd = ms.create_round(dt.date(2026, 10, 1), "Round 1", today=TODAY)
    session.close()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(HealthScreen())
        await pilot.pause()
        table = app.screen.query_one("#table")
        cells = [cell.plain if hasattr(cell, "plain") else str(cell) for cell in table.get_row_at(0)]
        assert "Whole school" in cells and "Toàn trường" not in cells
    session.open_path(path)
    try:
        assert ms.get_round(rnd.id).scope_label == "Toàn trường"  # the database side keeps the Vietnamese
    finally:
        session.close()
