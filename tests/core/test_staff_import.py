"""Importing the staff list from parsed rows: same matching rules as the roster, all or nothing."""

from __future__ import annotations

import datetime as dt

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
