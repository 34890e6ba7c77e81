"""The school and its parents, school years, classes and staff."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import NotInitialised, ValidationError
from mamnon.services import classes, school, staff
from mamnon.services.classes import ClassForm
from mamnon.services.school import UnitRef
from mamnon.services.staff import StaffForm
from tests.conftest import add_child


def test_a_fresh_database_has_no_school(db):
    assert not school.is_initialised()
    with pytest.raises(NotInitialised):
        school.school_info()


def test_the_school_knows_its_parents_whatever_the_levels_are_called(db):
    info = school.init_school(
        code="MN01", name="Trường Mầm non Hoa Sen", commune="Xã Tân Lập", province="Tỉnh Phú Thọ",
        year_name="2026 - 2027",
        parents=[UnitRef("UBND xã", "X123", "UBND xã Tân Lập"), UnitRef("Sở GD&ĐT", "S25", "Sở GD&ĐT Phú Thọ")],
    )
    assert (info.code, info.level_name) == ("MN01", "Trường")
    assert [p.code for p in info.parents] == ["X123", "S25"]
    assert info.parents[0].level_name == "UBND xã"
    assert info.year.name == "2026-2027"
    assert (info.year.start_date, info.year.end_date) == (dt.date(2026, 9, 1), dt.date(2027, 5, 31))


def test_four_levels_deep_is_just_data(db):
    info = school.init_school(code="MN9", name="Trường X", year_name="2024-2025", parents=[
        UnitRef("Phòng GD&ĐT", "P1", "Phòng GD&ĐT huyện Y"), UnitRef("Sở GD&ĐT", "S1", "Sở GD&ĐT Z"),
        UnitRef("Bộ GD&ĐT", "B", "Bộ Giáo dục và Đào tạo")])
    assert [p.level_name for p in info.parents] == ["Phòng GD&ĐT", "Sở GD&ĐT", "Bộ GD&ĐT"]


@pytest.mark.parametrize(
    "kwargs, errors",
    [
        (dict(code="", name="", year_name="2026"), {"code", "name", "year_name"}),
        (dict(code="MN 01", name="A", year_name="2026-2028"), {"code", "year_name"}),
        (dict(code="MN01", name="A", year_name="2026-2027", year_start="01/09/2026", year_end="01/08/2026"),
         {"year_end"}),
    ],
)
def test_init_reports_every_bad_field(db, kwargs, errors):
    with pytest.raises(ValidationError) as info:
        school.init_school(**kwargs)
    assert set(info.value.errors) == errors
    assert not school.is_initialised()


def test_one_database_holds_one_school(school_db):
    with pytest.raises(ValidationError, match="đã có trường"):
        school.init_school(code="MN02", name="B", year_name="2026-2027")


def test_school_years_and_the_current_one(school_db):
    school.add_year("2027-2028", make_current=True)
    assert school.current_year().name == "2027-2028"
    assert [y.name for y in school.list_years()] == ["2026-2027", "2027-2028"]
    with pytest.raises(ValidationError, match="đã có"):
        school.add_year("2027-2028")


def test_classes_are_listed_by_age_group_with_head_counts(school_db):
    add_child(school_db["Lá 1"], "Lê An", "01/02/2021")
    add_child(school_db["Lá 1"], "Lê Bình", "01/03/2021")
    rows = classes.list_classes()
    assert [(r.name, r.age_group_label, r.size, r.max_children) for r in rows] == [
        ("Nhà trẻ A", "Nhà trẻ 25–36 tháng", 0, 25),
        ("Mầm 1", "Mẫu giáo 3–4 tuổi", 0, 25),
        ("Lá 1", "Mẫu giáo 5–6 tuổi", 2, 35),
    ]
    assert rows[0].main_teacher_name == "Nguyễn Thị Lan"


def test_class_names_are_unique_within_a_year(school_db):
    with pytest.raises(ValidationError) as info:
        classes.create_class(ClassForm(name="Lá 1", age_group="MG_5_6"))
    assert info.value.errors == {"name": "Năm học này đã có lớp «Lá 1»."}
    with pytest.raises(ValidationError) as info:
        classes.create_class(ClassForm(name="", age_group="XX"))
    assert set(info.value.errors) == {"name", "age_group"}


def test_a_class_with_history_cannot_be_deleted(school_db):
    add_child(school_db["Lá 1"], "Lê An", "01/02/2021")
    with pytest.raises(ValidationError):
        classes.delete_class(school_db["Lá 1"])
    classes.delete_class(school_db["Mầm 1"])
    assert [r.name for r in classes.list_classes()] == ["Nhà trẻ A", "Lá 1"]


def test_edit_a_class(school_db):
    form = classes.form_for(school_db["Mầm 1"])
    form.name = "Mầm 2"
    form.room = "P.3"
    row = classes.update_class(school_db["Mầm 1"], form)
    assert (row.name, row.room, row.age_group) == ("Mầm 2", "P.3", "MG_3_4")


def test_staff_form_checks_and_codes(school_db):
    with pytest.raises(ValidationError) as info:
        staff.create_staff(StaffForm(full_name="", position="Phi công", phone="123", birth_date="01/01/2020"))
    assert set(info.value.errors) == {"full_name", "position", "phone", "birth_date"}
    row = staff.create_staff(StaffForm(full_name="trần văn bảo", sex="Nam", position="bao ve",
                                       qualification="Trung cấp", phone="+84 986 000 111",
                                       birth_date="02/03/1980"))
    assert (row.code, row.full_name, row.sex, row.position, row.phone) == (
        "CB002", "Trần Văn Bảo", "M", "Bảo vệ", "0986000111")


def test_staff_list_sorted_search_and_leaving(school_db):
    staff.create_staff(StaffForm(full_name="Đỗ Thị An", position="Kế toán"))
    b = staff.create_staff(StaffForm(full_name="Vũ Văn Bình", sex="M", position="Bảo vệ"))
    assert [r.full_name for r in staff.list_staff()] == ["Đỗ Thị An", "Vũ Văn Bình", "Nguyễn Thị Lan"]
    assert [r.full_name for r in staff.filter_rows(staff.list_staff(), "ke toan")] == ["Đỗ Thị An"]
    staff.mark_staff_left(b.id, dt.date(2026, 11, 1), "Nghỉ hưu")
    assert [r.full_name for r in staff.list_staff()] == ["Đỗ Thị An", "Nguyễn Thị Lan"]
    assert len(staff.list_staff(include_left=True)) == 3
