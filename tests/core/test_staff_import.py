"""Importing the staff list from parsed rows: same matching rules as the roster, all or nothing."""

from __future__ import annotations

import datetime as dt

import openpyxl

from mamnon.models import Staff
from mamnon.services import staff
from mamnon.services.staff_import import import_staff


def person(name, position="Giáo viên", sex="F", **extra):
    return {"full_name": name, "sex": sex, "position": position, **extra}


def numbered(rows):
    return list(enumerate(rows, start=5))


def by_name():
    return {s.full_name: s for s in staff.list_staff(include_left=True)}


def test_new_people_are_created_with_codes_and_the_same_file_twice_changes_nothing(school_db):
    rows = numbered([person("Phạm Thu Hà", "Nhân viên nấu ăn", phone="0912 345 678",
                            birth_date=dt.date(1990, 4, 5)),
                     person("Đỗ Văn Nam", sex="M", qualification="Đại học", ethnicity=None)])
    first = import_staff(rows)
    assert (first.created, first.updated, first.unchanged, first.errors) == (2, 0, 0, [])
    people = by_name()
    assert people["Phạm Thu Hà"].phone == "0912345678" and people["Phạm Thu Hà"].code == "CB002"
    assert people["Đỗ Văn Nam"].ethnicity == "Kinh" and people["Đỗ Văn Nam"].code == "CB003"
    stamps = sorted(Staff.select(Staff.updated_at).tuples())
    again = import_staff(rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert sorted(Staff.select(Staff.updated_at).tuples()) == stamps


def test_the_teacher_of_the_fixture_is_found_by_name_and_updated(school_db):
    result = import_staff(numbered([person("nguyễn thị lan", phone="0987654321")]))
    assert (result.created, result.updated) == (0, 1)
    assert by_name()["Nguyễn Thị Lan"].phone == "0987654321"
    assert len(by_name()) == 1


def test_an_update_by_code_and_an_ambiguous_person(school_db):
    twin = staff.create_staff(staff.StaffForm(full_name="Nguyễn Thị Lan", sex="F", position="Kế toán"))
    result = import_staff(numbered([person("Nguyễn Thị Lan", note="x")]))
    assert [(e.row, e.header) for e in result.errors] == [(5, "Mã cán bộ")]
    assert "CB001" in result.errors[0].message and twin.code in result.errors[0].message
    fixed = import_staff(numbered([person("Nguyễn Thị Lan", "Kế toán", code=twin.code, note="x")]))
    assert (fixed.updated, fixed.errors) == (1, [])
    assert staff.get_staff(twin.id).note == "x"


def test_a_bad_row_writes_nothing(school_db):
    result = import_staff(numbered([person("Phạm Thu Hà"), person("Lê Bé", birth_date=dt.date(2020, 1, 1))]))
    assert [(e.row, e.header) for e in result.errors] == [(6, "Ngày sinh")]
    assert "tuổi phải từ 16 đến 75" in result.errors[0].message
    assert not result.applied and "Phạm Thu Hà" not in by_name()


def test_dry_run_writes_nothing(school_db):
    result = import_staff(numbered([person("Phạm Thu Hà")]), dry_run=True)
    assert (result.created, result.applied) == (1, False)
    assert "Phạm Thu Hà" not in by_name()


# ---------------------------------------------------------------- training major and contract type


def test_training_major_and_contract_type_are_read_and_a_blank_keeps_them(school_db):
    rows = numbered([person("Nguyễn Thị Lan", qualification="Cao đẳng", training_major="Sư phạm mầm non",
                            contract_type="Biên chế"),
                     person("Phạm Thu Hà", training_major="Ngành khác", contract_type="Hợp đồng")])
    first = import_staff(rows)
    assert (first.created, first.updated, first.errors) == (1, 1, [])
    people = by_name()
    assert (people["Nguyễn Thị Lan"].training_major, people["Nguyễn Thị Lan"].contract_type) == \
        ("Sư phạm mầm non", "Biên chế")
    assert (people["Phạm Thu Hà"].training_major, people["Phạm Thu Hà"].contract_type) == ("Ngành khác", "Hợp đồng")
    blank = import_staff(numbered([person("Nguyễn Thị Lan", qualification="Cao đẳng", training_major=None,
                                          contract_type=None)]))
    assert (blank.updated, blank.unchanged) == (0, 1)
    assert by_name()["Nguyễn Thị Lan"].contract_type == "Biên chế"
    changed = import_staff(numbered([person("Nguyễn Thị Lan", qualification="Cao đẳng", contract_type="Hợp đồng")]))
    assert changed.updated == 1
    assert (by_name()["Nguyễn Thị Lan"].training_major, by_name()["Nguyễn Thị Lan"].contract_type) == \
        ("Sư phạm mầm non", "Hợp đồng")


def test_a_contract_type_outside_the_list_is_an_error_on_its_column(school_db):
    result = import_staff(numbered([person("Phạm Thu Hà", contract_type="Thời vụ")]))
    assert [(e.row, e.header) for e in result.errors] == [(5, "Loại hợp đồng")]
    assert "Phạm Thu Hà" not in by_name()


def _old_staff_book(path):
    """A staff list in the first template's columns, before «Chuyên ngành đào tạo» and «Loại hợp đồng»."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Cán bộ"
    ws.append(["Trường Mầm non Hoa Sen"])
    ws.append(["DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN"])
    ws.append([])
    ws.append(["Mã cán bộ", "Họ và tên *", "Ngày sinh", "Giới tính *", "Dân tộc", "Chức vụ *",
               "Trình độ đào tạo", "Điện thoại", "Ngày vào làm", "Ghi chú"])
    ws.append(["CB001", "Nguyễn Thị Lan", None, "Nữ", "Kinh", "Giáo viên", "Đại học", "0987654321", None, None])
    ws.append([None, "Phạm Thu Hà", "05/04/1990", "Nữ", "Tày", "Nhân viên nấu ăn", "Sơ cấp", None, None, None])
    book.save(path)
    return path


def test_an_old_workbook_without_the_new_columns_still_imports_and_keeps_them(school_db, tmp_path):
    from importers import import_workbook

    lan = by_name()["Nguyễn Thị Lan"]
    form = staff.form_for(lan.id)
    form.training_major, form.contract_type = "Sư phạm mầm non", "Biên chế"
    staff.update_staff(lan.id, form)
    done = import_workbook(_old_staff_book(tmp_path / "cu.xlsx"), unit_code="MN01", kind="staff")
    assert done.result.errors == [] and done.result.applied
    assert (done.result.created, done.result.updated) == (1, 1)
    people = by_name()
    assert (people["Nguyễn Thị Lan"].qualification, people["Nguyễn Thị Lan"].phone) == ("Đại học", "0987654321")
    assert (people["Nguyễn Thị Lan"].training_major, people["Nguyễn Thị Lan"].contract_type) == \
        ("Sư phạm mầm non", "Biên chế")
    assert (people["Phạm Thu Hà"].ethnicity, people["Phạm Thu Hà"].training_major) == ("Tày", "")
