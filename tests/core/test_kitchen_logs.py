"""Kitchen safety logs (QĐ 1246/QĐ-BYT): prefill from the menu, confirming, time rules, signing."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon import db as dbmod
from mamnon.errors import NotFound, ValidationError
from mamnon.models import FoodSample, KitchenDay, KitchenDish, KitchenReceipt
from mamnon.services import foods, kitchen_logs, menus, staff
from mamnon.services.kitchen_logs import CookingForm, ReceiptForm, SampleForm, ServingForm
from mamnon.services.menus import DishForm, IngredientForm, MenuDayForm

DAY = dt.date(2026, 11, 23)
AT = dt.datetime(2026, 11, 23, 18, 0)


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.errors


def dish(name, *rows):
    """rows: (food code, grams nhà trẻ, grams mẫu giáo)."""
    return menus.create_dish(DishForm(name, ingredients=[
        IngredientForm(foods.get_food_by_code(code).id, str(nt), str(mg)) for code, nt, mg in rows]))


@pytest.fixture
def kitchen(school_db):
    """A mẫu giáo menu day: lunch of rice and pork, a soup, and an afternoon milk; a cook."""
    foods.seed_catalogue()
    foods.set_price(foods.get_food_by_code("1004").id, "18.000", "Đại lý gạo Minh Anh")
    foods.set_price(foods.get_food_by_code("7017").id, "120.000", "Chợ xã Tân Lập")
    rice = dish("Cơm trắng", ("1004", 50, 70))
    pork = dish("Thịt lợn rim", ("7017", 25, 30), ("13014", 2, 3))
    soup = dish("Canh bí đỏ", ("4003", 20, 30), ("7017", 5, 5))
    milk = dish("Sữa bò tươi", ("10001", 150, 180))
    menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "40", "25000", items=[
        ("trua", rice.id), ("trua", pork.id), ("trua", soup.id), ("chieu", milk.id)]))
    cook = staff.create_staff(staff.StaffForm(full_name="Trần Thị Hoa", sex="F", position="Nhân viên nấu ăn"))
    boss = staff.create_staff(staff.StaffForm(full_name="Lê Văn Minh", sex="M", position="Hiệu trưởng"))
    return {"rice": rice.id, "pork": pork.id, "soup": soup.id, "milk": milk.id, "cook": cook.id, "boss": boss.id}


def complete_day(k, log=None):
    """Confirm every line of the day's log as the cook would (all 'đạt')."""
    log = log or kitchen_logs.get_day_log(DAY, "mau_giao")
    for r in log.receipts:
        kitchen_logs.confirm_receipt(r.id, ReceiptForm("06:10", f"{r.quantity:g}", "kg", r.supplier or "Chợ xã",
                                                       "0912 345 678", "Hóa đơn số 12", "dat",
                                                       checked_by_id=k["cook"]), now=AT)
    for d in log.dishes:
        kitchen_logs.confirm_cooking(d.id, CookingForm(f"{d.prep_started_at:%H:%M}", f"{d.cooked_at:%H:%M}",
                                                       "Trần Thị Hoa", "Đạt", checked_by_id=k["cook"]), now=AT)
        kitchen_logs.confirm_serving(d.id, ServingForm(f"{d.served_at:%H:%M}", "dat", checked_by_id=k["cook"]),
                                     now=AT)
    for s in log.samples:
        kitchen_logs.confirm_sample(s.id, SampleForm(f"{s.amount:g}", s.amount_unit, f"{s.taken_at:%H:%M}", "4",
                                                     taken_by_id=k["cook"]), now=AT)
    return kitchen_logs.get_day_log(DAY, "mau_giao")


# --- prefill ------------------------------------------------------------------------------


def test_prefill_has_exactly_the_days_foods_and_dishes_with_the_market_list(kitchen):
    report = menus.calculate_menu_day(DAY, "mau_giao")
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    assert [(r.food_code, r.quantity, r.planned_kg, r.unit) for r in log.receipts] == \
        [(line.code, line.gross_kg, line.gross_kg, "kg") for line in report.result.lines]
    assert len(log.receipts) == 5  # rice, pork, fish sauce, pumpkin, milk: pork once for two dishes
    by_code = {r.food_code: r for r in log.receipts}
    assert by_code["1004"].supplier == "Đại lý gạo Minh Anh" and by_code["7017"].supplier == "Chợ xã Tân Lập"
    assert by_code["1004"].quantity == pytest.approx(40 * 70 / 1000)
    assert all(r.received_at == dt.datetime(2026, 11, 23, 6, 0) and not r.confirmed for r in log.receipts)
    items = [(i.meal, i.dish_id) for i in report.menu.items]
    assert [(d.meal, d.dish_id) for d in log.dishes] == items
    assert [(s.meal, s.dish_id) for s in log.samples] == items
    for d in log.dishes:
        assert d.prep_started_at < d.cooked_at <= d.served_at and d.prep_started_at.date() == DAY
        assert not d.step2_done and not d.step3_done
    units = {s.dish_name: (s.amount, s.amount_unit) for s in log.samples}
    assert units["Cơm trắng"] == (100, "g") and units["Thịt lợn rim"] == (100, "g")
    assert units["Canh bí đỏ"] == (150, "ml") and units["Sữa bò tươi"] == (150, "ml")
    assert all(s.taken_at == d.served_at for s, d in zip(log.samples, log.dishes))
    assert not log.signed and log.missing


def test_prefill_is_idempotent(kitchen):
    first = kitchen_logs.prefill_day(DAY, "mau_giao")
    again = kitchen_logs.prefill_day(DAY, "mau_giao")
    assert again == first
    assert KitchenDay.select().count() == 1
    assert (KitchenReceipt.select().count(), KitchenDish.select().count(), FoodSample.select().count()) == (5, 4, 4)


def test_prefill_follows_the_menu_but_never_overwrites_a_confirmed_line(kitchen):
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    rice = next(r for r in log.receipts if r.food_code == "1004")
    kitchen_logs.confirm_receipt(rice.id, ReceiptForm("06:05", "3,0", "kg", "Đại lý gạo Minh Anh", "", "Hóa đơn 7",
                                                      "đạt", checked_by_id=kitchen["cook"]), now=AT)
    milk = next(d for d in log.dishes if d.dish_name == "Sữa bò tươi")
    kitchen_logs.confirm_cooking(milk.id, CookingForm("14:00", "14:20", "Trần Thị Hoa", "dat",
                                                      checked_by_id=kitchen["cook"]), now=AT)
    # the menu changes: 50 children, the soup and the milk are dropped
    menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "50", "25000", items=[
        ("trua", kitchen["rice"]), ("trua", kitchen["pork"])]))
    report = menus.calculate_menu_day(DAY, "mau_giao")
    log2 = kitchen_logs.prefill_day(DAY, "mau_giao")
    rice2 = next(r for r in log2.receipts if r.food_code == "1004")
    assert (rice2.quantity, rice2.planned_kg, rice2.received_at, rice2.confirmed_at) == \
        (3.0, rice.planned_kg, dt.datetime(2026, 11, 23, 6, 5), AT)
    pork2 = next(r for r in log2.receipts if r.food_code == "7017")
    expected = {line.code: line.gross_kg for line in report.result.lines}
    assert pork2.quantity == expected["7017"] != next(r for r in log.receipts if r.food_code == "7017").quantity
    assert {r.food_code for r in log2.receipts} == set(expected)  # pumpkin and milk (unconfirmed) removed
    # the confirmed milk check stays, its unconfirmed sample and the soup's lines go
    assert [d.dish_name for d in log2.dishes] == ["Cơm trắng", "Thịt lợn rim", "Sữa bò tươi"]
    assert log2.dishes[-1].step2_done and log2.dishes[-1].cooked_at == dt.datetime(2026, 11, 23, 14, 20)
    assert [s.dish_name for s in log2.samples] == ["Cơm trắng", "Thịt lợn rim"]


def test_prefill_needs_a_menu_with_children(kitchen):
    with pytest.raises(NotFound):
        kitchen_logs.prefill_day(DAY + dt.timedelta(days=1), "mau_giao")
    menus.save_menu_day(MenuDayForm(DAY, "nha_tre", "", "", items=[("trua", kitchen["rice"])]))
    assert "children_count" in errors_of(lambda: kitchen_logs.prefill_day(DAY, "nha_tre"))
    assert not KitchenDay.select().where(KitchenDay.stage == "nha_tre").exists()


def test_hand_typed_quantity_survives_a_refresh(kitchen):
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    rice = next(r for r in log.receipts if r.food_code == "1004")
    KitchenReceipt.update(quantity=3.5).where(KitchenReceipt.id == rice.id).execute()  # typed, not confirmed
    again = kitchen_logs.prefill_day(DAY, "mau_giao")
    assert next(r for r in again.receipts if r.food_code == "1004").quantity == 3.5


# --- confirming, required fields ----------------------------------------------------------


def test_khong_dat_requires_measures_and_every_error_comes_at_once(kitchen):
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    line = log.receipts[0]
    errors = errors_of(lambda: kitchen_logs.confirm_receipt(line.id, ReceiptForm("25:00", "0", "tấn", "", "", "",
                                                                                  "không đạt")))
    assert set(errors) == {"received_at", "quantity", "unit", "supplier", "measures", "checked_by_id"}
    assert "biện pháp xử lý" in errors["measures"] and "lớn hơn 0" in errors["quantity"]
    assert "HH:MM" in errors["received_at"]
    assert "kết quả" in errors_of(lambda: kitchen_logs.confirm_receipt(
        line.id, ReceiptForm("06:00", "1", "kg", "Chợ", result="", checked_by_id=kitchen["cook"])))["result"]
    unchanged = kitchen_logs.get_day_log(DAY, "mau_giao").receipts[0]
    assert unchanged == line  # nothing half-saved
    done = kitchen_logs.confirm_receipt(line.id, ReceiptForm("6h20", "4,5", "kg", "Chợ xã", "", "",
                                                             "Không đạt", "thịt có mùi lạ",
                                                             "Trả lại, mua thay ở cơ sở khác",
                                                             checked_by_id=kitchen["cook"]), now=AT)
    assert (done.result, done.result_label, done.quantity, done.checked_by_name) == \
        ("khong_dat", "Không đạt", 4.5, "Trần Thị Hoa")
    assert done.received_at == dt.datetime(2026, 11, 23, 6, 20) and done.confirmed
    d = log.dishes[0]
    errors = errors_of(lambda: kitchen_logs.confirm_cooking(d.id, CookingForm("08:30", "10:00", "", "khong_dat",
                                                                              checked_by_id=kitchen["cook"])))
    assert set(errors) == {"cooks", "measures"}


def test_a_staff_member_who_has_left_cannot_check(kitchen):
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    staff.mark_staff_left(kitchen["cook"], DAY - dt.timedelta(days=3))
    errors = errors_of(lambda: kitchen_logs.confirm_receipt(
        log.receipts[0].id, ReceiptForm("06:00", "1", "kg", "Chợ", result="dat", checked_by_id=kitchen["cook"])))
    assert "đã nghỉ" in errors["checked_by_id"]


def test_hand_added_food_in_step_1(kitchen):
    kitchen_logs.prefill_day(DAY, "mau_giao")
    salt = foods.get_food_by_code("13014")  # already on the list
    assert "đã có" in errors_of(lambda: kitchen_logs.add_receipt(DAY, "mau_giao", salt.id, ReceiptForm()))["food_id"]
    sugar = foods.list_foods("đường kính")[0]
    before = KitchenReceipt.select().count()
    errors_of(lambda: kitchen_logs.add_receipt(DAY, "mau_giao", sugar.id, ReceiptForm(quantity="0")))
    assert KitchenReceipt.select().count() == before  # refused: the new line is rolled back
    line = kitchen_logs.add_receipt(DAY, "mau_giao", sugar.id, ReceiptForm("06:00", "2", "gói", "Tạp hóa Lan",
                                                                           result="dat", checked_by_id=kitchen["cook"]))
    assert (line.food_name, line.quantity, line.unit, line.planned_kg) == (sugar.name, 2.0, "gói", None)
    again = kitchen_logs.prefill_day(DAY, "mau_giao")
    assert any(r.food_id == sugar.id for r in again.receipts)  # prefill keeps a hand-added line


# --- time rules ---------------------------------------------------------------------------


def test_step_times_are_in_order(kitchen):
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    d = log.dishes[0]
    form = CookingForm("10:00", "09:00", "Trần Thị Hoa", "dat", checked_by_id=kitchen["cook"])
    assert "sau giờ bắt đầu sơ chế" in errors_of(lambda: kitchen_logs.confirm_cooking(d.id, form))["cooked_at"]
    serve = ServingForm("10:30", "dat", checked_by_id=kitchen["cook"])
    assert "bước 2" in errors_of(lambda: kitchen_logs.confirm_serving(d.id, serve))["step2"]
    kitchen_logs.confirm_cooking(d.id, CookingForm("08:30", "10:15", "Trần Thị Hoa, Phạm Thị Mai", "dat",
                                                   checked_by_id=kitchen["cook"]), now=AT)
    early = ServingForm("10:00", "dat", checked_by_id=kitchen["cook"])
    assert "sau giờ nấu xong" in errors_of(lambda: kitchen_logs.confirm_serving(d.id, early))["served_at"]
    done = kitchen_logs.confirm_serving(d.id, ServingForm("10:40", "đạt", checked_by_id=kitchen["cook"]), now=AT)
    assert done.step3_done and done.served_at == dt.datetime(2026, 11, 23, 10, 40)
    late = CookingForm("08:30", "11:00", "Trần Thị Hoa", "dat", checked_by_id=kitchen["cook"])
    assert "chia suất" in errors_of(lambda: kitchen_logs.confirm_cooking(d.id, late))["cooked_at"]
    s = log.samples[0]
    before = SampleForm("100", "g", "10:00", "4", taken_by_id=kitchen["cook"])
    assert "nấu xong" in errors_of(lambda: kitchen_logs.confirm_sample(s.id, before))["taken_at"]


def test_a_sample_is_kept_at_least_24_hours(kitchen):
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    s = log.samples[0]
    assert "chưa được ghi" in errors_of(lambda: kitchen_logs.destroy_sample(s.id, "24/11/2026 11:00",
                                                                             kitchen["cook"]))["sample"]
    kitchen_logs.confirm_sample(s.id, SampleForm("120", "g", "10:30", "5", taken_by_id=kitchen["cook"]), now=AT)
    errors = errors_of(lambda: kitchen_logs.destroy_sample(s.id, "24/11/2026 10:29", kitchen["cook"]))
    assert "ít nhất 24 giờ" in errors["destroyed_at"] and "10:30 24/11/2026" in errors["destroyed_at"]
    assert FoodSample.get_by_id(s.id).destroyed_at is None
    assert "destroyed_by_id" in errors_of(lambda: kitchen_logs.destroy_sample(s.id, "24/11/2026 10:30", None))
    done = kitchen_logs.destroy_sample(s.id, "24/11/2026 10:30", kitchen["cook"])
    assert done.destroyed_at == dt.datetime(2026, 11, 24, 10, 30) and done.destroyed_by_name == "Trần Thị Hoa"
    assert done.keep_until == done.destroyed_at


def test_sample_amount_and_temperature_warnings(kitchen):
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    rice, soup = log.samples[0], log.samples[2]
    assert "Lượng mẫu phải lớn hơn 0" in errors_of(lambda: kitchen_logs.confirm_sample(
        rice.id, SampleForm("0", "g", "10:30", taken_by_id=kitchen["cook"])))["amount"]
    small = kitchen_logs.confirm_sample(rice.id, SampleForm("80", "g", "10:30", "12",
                                                            taken_by_id=kitchen["cook"]), now=AT)
    assert len(small.warnings) == 2
    assert "tối thiểu 100 g" in small.warnings[0] and "2 đến 8 °C" in small.warnings[1]
    ok = kitchen_logs.confirm_sample(soup.id, SampleForm("150", "ml", "10:30", "4",
                                                         taken_by_id=kitchen["cook"]), now=AT)
    assert ok.warnings == ()


# --- signing and the principal's list -----------------------------------------------------


def test_signing_needs_a_complete_day_and_then_freezes_it(kitchen):
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    errors = errors_of(lambda: kitchen_logs.sign_day(DAY, "mau_giao", kitchen["boss"]))
    assert "Bước 1" in errors["day"] and "Thiếu mẫu lưu" in errors["day"]
    done = complete_day(kitchen, log)
    assert done.missing == ()
    assert "signed_by_id" in errors_of(lambda: kitchen_logs.sign_day(DAY, "mau_giao", None))
    signed = kitchen_logs.sign_day(DAY, "mau_giao", kitchen["boss"], now=AT)
    assert signed.signed and signed.signed_by_name == "Lê Văn Minh"
    assert "đã ký" in errors_of(lambda: kitchen_logs.confirm_receipt(log.receipts[0].id, ReceiptForm()))["day"]
    menus.save_menu_day(MenuDayForm(DAY, "mau_giao", "60", "25000", items=[("trua", kitchen["rice"])]))
    assert kitchen_logs.prefill_day(DAY, "mau_giao") == signed  # a signed day is left alone
    # the sample is destroyed the next day, after signing
    s = signed.samples[0]
    assert kitchen_logs.destroy_sample(s.id, s.keep_until, kitchen["cook"]).destroyed_at == s.keep_until


def test_incomplete_days_for_the_principal(kitchen):
    other = DAY + dt.timedelta(days=1)
    menus.save_menu_day(MenuDayForm(other, "mau_giao", "40", "25000", items=[("trua", kitchen["rice"])]))
    now = dt.datetime(2026, 11, 24, 9, 0)
    days = kitchen_logs.incomplete_days(DAY, other, now=now)
    assert [(d.date, d.stage) for d in days] == [(DAY, "mau_giao"), (other, "mau_giao")]
    assert days[0].reasons == ("Chưa lập sổ kiểm thực ba bước và lưu mẫu.",)
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    reasons = kitchen_logs.incomplete_days(DAY, DAY, now=now)[0].reasons
    assert any(r.startswith("Bước 1: chưa kiểm tra 5") for r in reasons)
    assert any(r.startswith("Thiếu mẫu lưu: Cơm trắng, Thịt lợn rim, Canh bí đỏ, Sữa bò tươi") for r in reasons)
    assert reasons[-1] == "Chưa ký sổ."
    complete_day(kitchen, log)
    assert kitchen_logs.incomplete_days(DAY, DAY, now=now)[0].reasons == ("Chưa ký sổ.",)
    kitchen_logs.sign_day(DAY, "mau_giao", kitchen["boss"], now=AT)
    assert kitchen_logs.incomplete_days(DAY, DAY, now=now) == []
    # a day later the samples are due to be destroyed
    later = dt.datetime(2026, 11, 24, 15, 0)
    reasons = kitchen_logs.incomplete_days(DAY, DAY, now=later)[0].reasons
    assert reasons == ("Mẫu đã quá 24 giờ chưa ghi hủy: Cơm trắng, Thịt lợn rim, Canh bí đỏ, Sữa bò tươi.",)
    for s in kitchen_logs.get_day_log(DAY, "mau_giao").samples:
        kitchen_logs.destroy_sample(s.id, later, kitchen["cook"])
    assert kitchen_logs.incomplete_days(DAY, DAY, now=later) == []
    assert [d.date for d in kitchen_logs.list_day_logs(DAY, other)] == [DAY]


def test_forms_for_lines_round_trip(kitchen):
    log = kitchen_logs.prefill_day(DAY, "mau_giao")
    r = log.receipts[0]
    form = kitchen_logs.receipt_form_for(r)
    assert (form.received_at, form.quantity, form.unit) == ("06:00", f"{r.quantity:g}", "kg")
    assert kitchen_logs.cooking_form_for(log.dishes[0]).prep_started_at == "08:30"
    assert kitchen_logs.serving_form_for(log.dishes[0]).served_at == "10:30"
    assert kitchen_logs.sample_form_for(log.samples[0]).amount == "100"


def test_deleting_a_day_log_cascades_and_the_database_stays_sound(kitchen):
    complete_day(kitchen, kitchen_logs.prefill_day(DAY, "mau_giao"))
    assert dbmod.integrity_check() == "ok"
    if dbmod.is_sqlite():  # PostgreSQL refuses a dangling reference when it is written: nothing to ask
        assert dbmod.database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    KitchenDay.get().delete_instance()
    assert (KitchenReceipt.select().count(), KitchenDish.select().count(), FoodSample.select().count()) == (0, 0, 0)
