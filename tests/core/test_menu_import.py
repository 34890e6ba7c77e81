"""Importing menus: dishes first (created, or updated when their grams differ), then menu days, all or nothing."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from mamnon.models import ClosedDay, Dish, DishIngredient, MenuDay, MenuItem
from mamnon.services import foods, meal_money, menus, session
from mamnon.services.menu_import import import_menus
from mamnon.services.menus import DishForm, IngredientForm, MenuDayForm

D = dt.date
MON, TUE = D(2026, 11, 23), D(2026, 11, 24)
RICE, PORK, MILK = "1004", "7017", "10001"


@pytest.fixture
def kitchen(db):
    foods.seed_catalogue()
    foods.set_price(fid(RICE), "18000")
    foods.set_price(fid(PORK), "120000")
    foods.set_price(fid(MILK), "30000")


def fid(code):
    return foods.get_food_by_code(code).id


def dish(name, *rows):
    return menus.create_dish(DishForm(name, ingredients=[IngredientForm(fid(code), str(nt or ""), str(mg or ""))
                                                         for code, nt, mg in rows]))


def ing(name, code, nt=None, mg=None, food_name=None):
    return {"dish": name, "food_code": code, "food_name": food_name, "grams_nha_tre": nt, "grams_mau_giao": mg}


def served(date, meal, name, count=None, fee=None, stage="Mẫu giáo"):
    return {"date": date, "stage": stage, "meal": meal, "dish": name, "children_count": count, "fee_per_child": fee}


def numbered(*rows):
    return list(enumerate(rows, start=5))


def snapshot() -> list:
    return [sorted(model.select().tuples()) for model in (Dish, DishIngredient, MenuDay, MenuItem)]


def day(date, stage="mau_giao"):
    m = menus.get_menu_day(date, stage)
    return m.children_count, m.fee_per_child, [(i.meal_label, i.dish_name) for i in m.items]


DISHES = numbered(ing("Cơm", RICE, 50, 70), ing("Thịt kho", PORK, 25, 30), ing("Sữa", MILK, None, 100))
MENU = numbered(served(MON, "Bữa trưa", "Cơm", 30, 25000), served(MON, "Bữa trưa", "Thịt kho"),
                served(MON, "Bữa sáng", "Sữa"), served(MON, "Bữa trưa", "Cơm", 12, 20000, "Nhà trẻ"))


def test_dishes_and_days_are_created_and_the_same_file_twice_changes_nothing(kitchen):
    result = import_menus(MENU, DISHES)
    assert (result.created, result.updated, result.unchanged, result.errors) == (5, 0, 0, [])
    assert result.notes == ["Món ăn: thêm mới 3, cập nhật 0, không đổi 0.",
                            "Thực đơn ngày: thêm mới 2, cập nhật 0, không đổi 0."]
    assert day(MON) == (30, 25000, [("Bữa sáng", "Sữa"), ("Bữa trưa", "Cơm"), ("Bữa trưa", "Thịt kho")])
    assert day(MON, "nha_tre") == (12, 20000, [("Bữa trưa", "Cơm")])
    rice = menus.list_dishes("Cơm")[0]
    assert sorted((i.food_code, i.stage, i.grams) for i in rice.ingredients) == [
        (RICE, "mau_giao", 70.0), (RICE, "nha_tre", 50.0)]
    before = snapshot()
    again = import_menus(MENU, DISHES)
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 5, [])
    assert snapshot() == before


def test_a_known_dish_with_other_grams_is_updated_with_a_warning_and_closed_days_keep_theirs(kitchen):
    com, thit = dish("Cơm", (RICE, 50, 70)), dish("Thịt kho", (PORK, 25, 30))
    menus.save_menu_day(MenuDayForm(MON, "mau_giao", "30", "25000", "", [("trua", com.id), ("trua", thit.id)]))
    closed = meal_money.close_day(MON, "mau_giao")
    result = import_menus([], numbered(ing("cơm", RICE, 50, 80), ing("Thit kho", PORK, 25, 30)))
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 1, 1, [])
    (warning,) = result.warnings
    assert (warning.sheet, warning.row, warning.header) == ("Món ăn", 5, "Món ăn")
    assert warning.message.startswith("Định lượng món «Cơm» thay đổi")
    assert [i.grams for i in menus.get_dish(com.id).for_stage("mau_giao")] == [80.0]
    assert menus.get_dish(com.id).name == "Cơm"
    assert meal_money.day_account(MON, "mau_giao") == closed


def test_an_unknown_food_code_is_an_error_on_its_cell_and_nothing_is_written(kitchen):
    rows = numbered(ing("Cơm", RICE, 50, 70), ing("Canh rau", "99999", 20, 30), ing("Canh rau", MILK, None, None))
    result = import_menus(numbered(served(MON, "Bữa trưa", "Cơm", 30), served(MON, "Bữa trưa", "Canh rau")), rows)
    assert [(e.sheet, e.row, e.header, e.message) for e in result.errors] == [
        ("Món ăn", 6, "Mã thực phẩm", "Không có thực phẩm mã 99999 trong danh mục thực phẩm."),
        ("Món ăn", 7, "Gam nhà trẻ", "Cần ghi số gam cho nhà trẻ hoặc mẫu giáo (hoặc cả hai)."),
    ]  # «Canh rau» on «Thực đơn» is not reported again: its dish was refused where it is defined
    assert (result.created, result.applied, result.notes) == (0, False, [])
    assert Dish.select().count() == 0 and MenuDay.select().count() == 0
    assert session.integrity() == "ok"


def test_a_dish_neither_in_the_file_nor_the_school_is_an_error_on_the_menu_row(kitchen):
    dish("Cơm", (RICE, 50, 70))
    result = import_menus(numbered(served(MON, "Bữa trưa", "Cơm", 30), served(MON, "Bữa trưa", "Cá kho")))
    assert [(e.sheet, e.row, e.header) for e in result.errors] == [("Thực đơn", 6, "Món ăn")]
    assert result.errors[0].message.startswith("Chưa có món «Cá kho»")
    assert MenuDay.select().count() == 0


def test_a_name_typed_without_accents_matches_only_when_it_is_unambiguous(kitchen):
    dish("Cá kho", (PORK, 25, 30))
    dish("Cà kho", (RICE, 10, 10))
    dish("Thịt kho", (PORK, 25, 30))
    result = import_menus(numbered(served(MON, "Bữa trưa", "thit kho", 30), served(MON, "Bữa trưa", "Ca kho")))
    assert [(e.row, e.message) for e in result.errors] == [(6, "Chưa có món «Ca kho»: thêm món vào trang «Món ăn» "
                                                               "kèm định lượng, hoặc tạo món trong phần mềm.")]
    ambiguous = import_menus([], numbered(ing("Ca kho", PORK, 30, 30)))
    assert [(e.header, e.message) for e in ambiguous.errors] == [
        ("Món ăn", "Tên món gõ không dấu trùng với nhiều món («Cà kho», «Cá kho»): hãy ghi tên món có dấu.")]
    ok = import_menus(numbered(served(MON, "Bữa trưa", "thit kho", 30)))
    assert ok.errors == [] and day(MON)[2] == [("Bữa trưa", "Thịt kho")]


def test_a_day_with_two_head_counts_is_refused_on_the_second(kitchen):
    dish("Cơm", (RICE, 50, 70))
    dish("Sữa", (MILK, 100, 100))
    rows = numbered(served(MON, "Bữa trưa", "Cơm", 30, 25000), served(MON, "Bữa phụ", "Sữa", 31, 25000))
    result = import_menus(rows)
    assert [(e.row, e.header, e.value) for e in result.errors] == [(6, "Số trẻ ăn", "31")]
    assert result.errors[0].message == "Khác với dòng 5 (30) của cùng ngày và cấp học: mỗi ngày chỉ ghi một giá trị."


def test_a_closed_day_is_never_changed_but_may_be_repeated(kitchen):
    com = dish("Cơm", (RICE, 50, 70))
    dish("Sữa", (MILK, 100, 100))
    menus.save_menu_day(MenuDayForm(MON, "mau_giao", "30", "25000", "", [("trua", com.id)]))
    meal_money.close_day(MON, "mau_giao")
    same = import_menus(numbered(served(MON, "Bữa trưa", "Cơm", 30, 25000)))
    assert (same.unchanged, same.errors) == (1, [])
    before = snapshot()
    changed = import_menus(numbered(served(MON, "Bữa trưa", "Cơm", 30, 25000), served(MON, "Bữa phụ", "Sữa"),
                                    served(TUE, "Bữa trưa", "Cơm", 28, 25000)))
    assert [(e.row, e.header) for e in changed.errors] == [(5, "Ngày"), (6, "Ngày")]
    assert changed.errors[0].message.startswith("Ngày 23/11/2026 (mẫu giáo) đã chốt sổ")
    assert snapshot() == before and ClosedDay.select().count() == 1


def test_a_blank_head_count_keeps_the_stored_one_and_service_errors_are_placed(kitchen):
    com = dish("Cơm", (RICE, 50, 70))
    dish("Sữa trẻ lớn", (MILK, None, 100))
    menus.save_menu_day(MenuDayForm(MON, "mau_giao", "30", "25000", "ghi chú", [("trua", com.id)]))
    result = import_menus(numbered(served(MON, "Bữa trưa", "Cơm"), served(MON, "Bữa phụ", "Sữa trẻ lớn")))
    assert (result.updated, result.errors) == (1, [])
    assert day(MON) == (30, 25000, [("Bữa trưa", "Cơm"), ("Bữa phụ", "Sữa trẻ lớn")])
    assert menus.get_menu_day(MON, "mau_giao").note == "ghi chú"
    nha_tre = import_menus(numbered(served(TUE, "Bữa trưa", "Cơm", 12, stage="Nhà trẻ"),
                                    served(TUE, "Bữa phụ", "Sữa trẻ lớn", stage="Nhà trẻ")))
    assert [(e.row, e.header, e.message) for e in nha_tre.errors] == [
        (6, "Món ăn", "Món «Sữa trẻ lớn» chưa có định lượng cho nhà trẻ.")]
    assert MenuDay.select().count() == 1


def test_dry_run_counts_and_rolls_the_new_dishes_back(kitchen):
    result = import_menus(MENU, DISHES, dry_run=True)
    assert (result.created, result.applied, result.errors) == (5, False, [])
    assert Dish.select().count() == 0 and MenuDay.select().count() == 0


# ---------------------------------------------------------------- through the workbook


def _sheet_rows(ws):
    header = next(r for r in ws.iter_rows() if r[0].value and str(r[0].value).startswith(("Ngày", "Món ăn")))
    return header[0].row, {str(c.value).rstrip(" *"): c.column for c in header if c.value}


def test_the_months_export_edited_and_imported_back(kitchen, school_db, tmp_path):
    from exporters.templates import write_menus
    from importers import import_workbook

    com, sua = dish("Cơm", (RICE, 50, 70)), dish("Sữa", (MILK, 100, 100))
    menus.save_menu_day(MenuDayForm(MON, "mau_giao", "30", "25000", "", [("trua", com.id), ("phu", sua.id)]))
    meal_money.close_day(MON, "mau_giao")
    path = write_menus(tmp_path / "thuc-don.xlsx", 2026, 11)
    unchanged = import_workbook(path, unit_code="MN01")
    assert (unchanged.result.unchanged, unchanged.result.errors) == (3, [])  # 2 dishes, the closed day as it is

    book = openpyxl.load_workbook(path)
    top, cols = _sheet_rows(book["Thực đơn"])
    for offset, values in enumerate(([TUE, "Mẫu giáo", "Bữa trưa", "Cơm", 28, 25000],
                                     [TUE, "Mẫu giáo", "Bữa trưa", "Canh bí", None, None])):
        for key, value in zip(("Ngày", "Cấp học", "Bữa", "Món ăn", "Số trẻ ăn", "Tiền ăn 1 trẻ (đ)"), values):
            book["Thực đơn"].cell(row=top + 3 + offset, column=cols[key], value=value)
    top, cols = _sheet_rows(book["Món ăn"])
    for key, value in (("Món ăn", "Canh bí"), ("Mã thực phẩm", "2001"), ("Gam nhà trẻ", 20), ("Gam mẫu giáo", "25,5")):
        book["Món ăn"].cell(row=top + 3, column=cols[key], value=value)
    book.save(path)
    done = import_workbook(path, unit_code="MN01")
    assert (done.result.created, done.result.errors) == (2, [])
    assert day(TUE) == (28, 25000, [("Bữa trưa", "Cơm"), ("Bữa trưa", "Canh bí")])
    assert [i.grams for i in menus.list_dishes("Canh bí")[0].for_stage("mau_giao")] == [25.5]

    book = openpyxl.load_workbook(path)
    top, cols = _sheet_rows(book["Thực đơn"])
    book["Thực đơn"].cell(row=top + 4, column=cols["Ngày"], value="31/11/2026")
    top, cols = _sheet_rows(book["Món ăn"])
    book["Món ăn"].cell(row=top + 3, column=cols["Mã thực phẩm"], value="99999")
    book.save(path)
    before = snapshot()
    bad = import_workbook(path, unit_code="MN01")
    assert [(e.sheet, e.header) for e in bad.result.errors] == [("Thực đơn", "Ngày"), ("Món ăn", "Mã thực phẩm")]
    assert snapshot() == before
    marked = openpyxl.load_workbook(bad.annotated)
    assert marked.sheetnames[0] == "Lỗi" and marked["Lỗi"].max_row == 3
