"""Roles enforced in the services: a teacher only touches their classes, a cook no child, and so on."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import add_child
from mamnon.errors import PermissionDenied, ValidationError
from mamnon.models import AttendanceMark, Child, ClosedDay, Enrollment, Measurement
from mamnon.services import (accounts, attendance, children, classes, foods, health_checks, meal_money,
                             measurements, menus, permissions, staff)
from mamnon.services.menus import DishForm, IngredientForm, MenuDayForm

D = dt.date
TODAY = D(2026, 11, 23)
PASSWORD = "matkhau1"


@pytest.fixture(autouse=True)
def _logout():
    yield
    permissions.logout()


@pytest.fixture
def school(school_db):
    """Lá 1 and Mầm 1 of the conftest school, plus Chồi 2 whose main teacher is Trần Thị Bình;
    one child in Lá 1 and one in Chồi 2; accounts for every role; the school switched to accounts."""
    binh = staff.create_staff(staff.StaffForm(full_name="Trần Thị Bình", sex="F", position="Giáo viên"))
    choi2 = classes.create_class(classes.ClassForm(name="Chồi 2", age_group="MG_4_5", main_teacher_id=binh.id)).id
    ids = dict(school_db, **{"Chồi 2": choi2})
    hoa = add_child(ids["Lá 1"], "Nguyễn Thị Hoa", "10/02/2021").id
    minh = add_child(choi2, "Lê Văn Minh", "12/03/2022", sex="M").id
    accounts.create_admin("hieutruong", "Lê Thị Hà", PASSWORD)
    accounts.create_user("binh.gv", "Trần Thị Bình", "teacher", PASSWORD, staff_id=binh.id)
    accounts.create_user("yte", "Phạm Thu Trang", "health", PASSWORD)
    accounts.create_user("bep", "Đỗ Văn Nam", "kitchen", PASSWORD)
    accounts.create_user("ketoan", "Vũ Thị Lệ", "accountant", PASSWORD)
    accounts.set_mode("accounts")
    return {"classes": ids, "hoa": hoa, "minh": minh}


def login(name):
    accounts.login(name, PASSWORD)


def form_of(child_id, **changes):
    form = children.form_for(child_id)
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def test_single_user_mode_is_the_default_and_acts_as_the_principal(school_db):
    assert accounts.access_mode() == "single_user"
    assert permissions.current_actor().role == "admin"
    add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "10/02/2021")
    assert Child.select().count() == 1


def test_nobody_logged_in_cannot_write_in_accounts_mode(school):
    with pytest.raises(PermissionDenied, match="Chưa đăng nhập"):
        children.update_child(school["hoa"], form_of(school["hoa"], note="x"))
    assert Child.get_by_id(school["hoa"]).note == ""


def test_teacher_cannot_touch_a_child_of_another_class(school):
    login("binh.gv")
    la1 = school["classes"]["Lá 1"]
    with pytest.raises(PermissionDenied) as info:
        children.update_child(school["hoa"], form_of(school["hoa"], note="sửa trộm"))
    assert str(info.value) == ("Tài khoản «binh.gv» (giáo viên) không được sửa dữ liệu của "
                               "lớp Lá 1 (trẻ Nguyễn Thị Hoa).")
    with pytest.raises(PermissionDenied, match="lớp Lá 1"):
        children.create_child(children.ChildForm(full_name="Trần Văn An", birth_date="01/01/2021", sex="M",
                                                 class_id=la1), today=TODAY)
    with pytest.raises(PermissionDenied):
        children.mark_left(school["hoa"], TODAY, "Chuyển trường")
    # Moving their own child into someone else's class is refused too.
    with pytest.raises(PermissionDenied) as info:
        children.move_child(school["minh"], la1, TODAY)
    assert str(info.value) == "Tài khoản «binh.gv» (giáo viên) không được sửa dữ liệu của lớp Lá 1."
    assert Child.get_by_id(school["hoa"]).note == ""
    assert Child.get_by_id(school["hoa"]).left_on is None
    assert Child.select().count() == 2
    assert Enrollment.select().where(Enrollment.child == school["minh"]).count() == 1


def test_teacher_changes_their_own_class(school):
    login("binh.gv")
    children.update_child(school["minh"], form_of(school["minh"], note="Dị ứng tôm"))
    assert Child.get_by_id(school["minh"]).note == "Dị ứng tôm"
    new = children.create_child(children.ChildForm(full_name="Trần Văn An", birth_date="01/01/2022", sex="M",
                                                   class_id=school["classes"]["Chồi 2"]), today=TODAY)
    assert new.class_name == "Chồi 2"


def test_a_class_given_to_the_account_counts_as_its_own(school):
    login("hieutruong")
    accounts.set_classes("binh.gv", [school["classes"]["Lá 1"]])
    assert accounts.get_user("binh.gv").class_names == ("Chồi 2", "Lá 1")
    login("binh.gv")
    children.update_child(school["hoa"], form_of(school["hoa"], note="được giao"))
    assert Child.get_by_id(school["hoa"]).note == "được giao"


def test_teacher_marks_attendance_only_for_their_class(school):
    login("binh.gv")
    day = D(2026, 11, 23)  # a Monday
    with pytest.raises(PermissionDenied, match="lớp Lá 1"):
        attendance.save_class_day(school["classes"]["Lá 1"], day, {school["hoa"]: "x"}, today=TODAY)
    attendance.save_class_day(school["classes"]["Chồi 2"], day, {school["minh"]: "P"}, today=TODAY)
    assert [(m.child_id, m.mark) for m in AttendanceMark.select()] == [(school["minh"], "P")]
    with pytest.raises(PermissionDenied, match="lịch nghỉ"):
        attendance.set_day_off(D(2026, 11, 24), "Bão")


def test_teacher_measures_only_their_class_and_health_staff_measure_all(school):
    login("hieutruong")
    rnd = measurements.create_round(D(2026, 11, 20), "Tháng 11", today=TODAY).id
    login("binh.gv")
    with pytest.raises(PermissionDenied, match="lớp Lá 1"):
        measurements.save_entry(school["hoa"], rnd, "18,2", "108", today=TODAY)
    with pytest.raises(PermissionDenied, match="toàn trường"):
        measurements.create_round(D(2026, 11, 21), "Đợt toàn trường", today=TODAY)
    measurements.save_entry(school["minh"], rnd, "15,1", "99", today=TODAY)
    assert [m.child_id for m in Measurement.select()] == [school["minh"]]

    login("yte")
    measurements.save_entry(school["hoa"], rnd, "18,2", "108", today=TODAY)
    measurements.save_entry(school["minh"], rnd, "15,3", "99", today=TODAY)
    weights = {m.child_id: m.weight_kg for m in Measurement.select()}
    assert weights == {school["hoa"]: 18.2, school["minh"]: 15.3}
    health_checks.add_health_check(school["hoa"], health_checks.HealthCheckForm(
        checked_on="20/11/2026", examiner="Phạm Thu Trang", conclusion="Bình thường"), today=TODAY)
    with pytest.raises(PermissionDenied, match=r"«yte» \(y tế\) không được sửa hồ sơ trẻ"):
        children.update_child(school["hoa"], form_of(school["hoa"], note="x"))


def test_cook_changes_menus_but_no_child_and_no_money(school):
    login("bep")
    with pytest.raises(PermissionDenied) as info:
        children.update_child(school["minh"], form_of(school["minh"], note="x"))
    assert str(info.value) == "Tài khoản «bep» (cấp dưỡng / bếp) không được sửa hồ sơ trẻ."
    with pytest.raises(PermissionDenied):
        attendance.save_class_day(school["classes"]["Chồi 2"], D(2026, 11, 23), {school["minh"]: "x"},
                                  today=TODAY)
    foods.seed_catalogue()
    rice = foods.get_food_by_code("1004").id
    foods.set_price(rice, "18000")
    com = menus.create_dish(DishForm("Cơm", ingredients=[IngredientForm(rice, "50", "70")]))
    menus.save_menu_day(MenuDayForm(D(2026, 11, 23), "mau_giao", "30", "25000", "", [("trua", com.id)]))
    with pytest.raises(PermissionDenied, match="chốt sổ"):
        meal_money.close_day(D(2026, 11, 23), "mau_giao")
    assert ClosedDay.select().count() == 0


def test_accountant_closes_meal_days_but_cannot_change_children(school):
    login("bep")
    foods.seed_catalogue()
    rice = foods.get_food_by_code("1004").id
    foods.set_price(rice, "18000")
    com = menus.create_dish(DishForm("Cơm", ingredients=[IngredientForm(rice, "50", "70")]))
    menus.save_menu_day(MenuDayForm(D(2026, 11, 23), "mau_giao", "30", "25000", "", [("trua", com.id)]))
    login("ketoan")
    foods.set_price(rice, "20000")  # the market price of the day: accountants may set prices
    closed = meal_money.close_day(D(2026, 11, 23), "mau_giao")
    # rice 70 g × 30 children = 2.1 kg × 20 000 đ = 42 000 đ
    assert ClosedDay.get().total_cost == 42000
    assert closed.closed
    with pytest.raises(PermissionDenied, match="kế toán"):
        children.update_child(school["hoa"], form_of(school["hoa"], note="x"))
    with pytest.raises(PermissionDenied, match="thực đơn"):
        menus.create_dish(DishForm("Canh", ingredients=[IngredientForm(rice, "5", "5")]))


def test_only_the_principal_manages_accounts_and_classes(school):
    login("binh.gv")
    with pytest.raises(PermissionDenied, match="quản lý tài khoản"):
        accounts.create_user("x.gv", "Nguyễn Văn X", "teacher", PASSWORD)
    with pytest.raises(PermissionDenied):
        accounts.reset_password("yte", "matkhau2")
    with pytest.raises(PermissionDenied, match="danh sách lớp"):
        classes.create_class(classes.ClassForm(name="Lá 9", age_group="MG_5_6"))
    login("hieutruong")
    classes.create_class(classes.ClassForm(name="Lá 9", age_group="MG_5_6"))
    with pytest.raises(ValidationError):
        accounts.set_active("hieutruong", False)  # not oneself, and never the last principal


def test_staff_facilities_lunch_support_and_the_report_are_guarded(school, tmp_path):
    from exporters.report import write_report
    from mamnon.models import RoomLine, Staff
    from mamnon.services import facilities, lunch_support
    from mamnon.workbooks.periods import parse_period

    staff_before = Staff.select().count()
    login("binh.gv")
    with pytest.raises(PermissionDenied, match="sửa hồ sơ cán bộ"):
        staff.create_staff(staff.StaffForm(full_name="Lò Thị Mai", sex="F", position="Giáo viên"))
    with pytest.raises(PermissionDenied, match="cơ sở vật chất"):
        facilities.create_site(facilities.SiteForm(name="Điểm chính"))
    with pytest.raises(PermissionDenied, match="tiền ăn"):
        lunch_support.delete_support(1)
    login("bep")
    with pytest.raises(PermissionDenied, match="xuất báo cáo"):
        write_report(tmp_path / "bc.xlsx", parse_period("11/2026"), today=TODAY)
    assert Staff.select().count() == staff_before and RoomLine.select().count() == 0
    assert not (tmp_path / "bc.xlsx").exists()
    login("ketoan")
    write_report(tmp_path / "bc.xlsx", parse_period("11/2026"), today=TODAY)
    assert (tmp_path / "bc.xlsx").exists()


def test_only_the_principal_keeps_the_census(school):
    from mamnon.models import CensusVillage
    from mamnon.services import census

    for name in ("binh.gv", "yte", "bep", "ketoan"):
        login(name)
        with pytest.raises(PermissionDenied, match="phổ cập"):
            census.add_village("Xã Tân Lập", "Thôn Đông")
    assert CensusVillage.select().count() == 0
    login("hieutruong")
    census.add_village("Xã Tân Lập", "Thôn Đông")
    assert CensusVillage.select().count() == 1
