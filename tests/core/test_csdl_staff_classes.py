"""CSDL ngành staff (cán bộ) and class (lớp học) lists: the diff and applying it."""

from __future__ import annotations

import datetime as dt

import pytest
from csdl_workbooks import write_csdl_file

from importers.csdl_reader import read_csdl
from mamnon.models import CsdlStaffCode, Staff
from mamnon.services import classes
from mamnon.services.csdl_import import MISSING, NEW, UNCHANGED, UPDATED, apply_diff, diff_sheet
from mamnon.services.csdl_staff_classes import position_of, qualification_of

STAFF_HEADERS = ("STT", "Mã cán bộ", "Họ và tên (*)", "Ngày sinh (*)", "Giới tính (*)", "Dân tộc", "Nhóm cán bộ",
                 "Chức vụ", "Trình độ đào tạo", "Số điện thoại", "Email")
CLASS_HEADERS = ("STT", "Mã lớp", "Tên lớp", "Nhóm tuổi", "Giáo viên chủ nhiệm")


def _staff(name, birth, sex, position, qualification="", code="", phone=""):
    return {"Họ và tên (*)": name, "Ngày sinh (*)": birth, "Giới tính (*)": sex, "Chức vụ": position,
            "Trình độ đào tạo": qualification, "Mã cán bộ": code, "Số điện thoại": phone, "Dân tộc": "Kinh"}


def _read(tmp_path, rows, headers, kind):
    return read_csdl(write_csdl_file(tmp_path / f"{kind}.xlsx", rows, headers=headers,
                                     code_sheets={}), kind=kind, today=dt.date(2026, 11, 23))


def test_positions_and_qualifications_as_csdl_words_them():
    assert position_of("giáo viên mầm non") == "Giáo viên"
    assert position_of("Phó hiệu trưởng") == "Phó hiệu trưởng"
    assert qualification_of("Cao đẳng sư phạm mầm non") == "Cao đẳng"
    assert qualification_of("Lao công") is None


def test_staff_diff_then_apply(school_db, tmp_path):
    rows = [_staff("Nguyễn Thị Lan", None, "Nữ", "Giáo viên", "Cao đẳng sư phạm mầm non", "CB01", "0912345678"),
            _staff("Đào Văn Nam", "01/01/1985", "Nam", "Bảo vệ"),
            _staff("Hà Văn Lực", "01/01/1990", "Nam", "Lao công")]
    diff = diff_sheet(_read(tmp_path, rows, STAFF_HEADERS, "staff").sheet)
    (error,) = diff.errors
    assert error.row == 8 and "Không nhận ra chức vụ «Lao công»" in error.message and "Bảo vệ" in error.message
    diff = diff_sheet(_read(tmp_path, rows[:2], STAFF_HEADERS, "staff").sheet)
    lan, nam = [e for e in diff.entries]
    assert lan.status == UPDATED and [(c.field, c.new) for c in lan.changes] == [
        ("qualification", "Cao đẳng"), ("phone", "0912345678"), ("ministry_code", "CB01")]
    assert nam.status == NEW
    done = apply_diff(diff)
    assert (done.created, done.updated) == (1, 1)
    teacher = Staff.get(Staff.full_name == "Nguyễn Thị Lan")
    assert (teacher.qualification, teacher.phone) == ("Cao đẳng", "0912345678")
    assert CsdlStaffCode.get(CsdlStaffCode.staff == teacher.id).ministry_code == "CB01"
    guard = Staff.get(Staff.full_name == "Đào Văn Nam")
    assert (guard.position, guard.sex, guard.birth_date) == ("Bảo vệ", "M", dt.date(1985, 1, 1))
    again = diff_sheet(_read(tmp_path, rows[:2], STAFF_HEADERS, "staff").sheet)
    assert [e.status for e in again.entries] == [UNCHANGED, UNCHANGED]


def test_classes_diff_then_apply(school_db, tmp_path):
    rows = [{"Tên lớp": "Mầm 1", "Nhóm tuổi": "04"}, {"Tên lớp": "Nhà trẻ A", "Nhóm tuổi": "13-24 Tháng"},
            {"Tên lớp": "Chồi 1", "Nhóm tuổi": "05"}]
    diff = diff_sheet(_read(tmp_path, rows, CLASS_HEADERS, "classes").sheet)
    assert [(e.full_name, e.status) for e in diff.entries] == [
        ("Mầm 1", UNCHANGED), ("Nhà trẻ A", UPDATED), ("Chồi 1", NEW), ("Lá 1", MISSING)]
    assert diff.entries[1].changes[0].text() == "Nhóm tuổi: «Nhà trẻ 25–36 tháng» → «Nhà trẻ 13–24 tháng»"
    apply_diff(diff)
    by_name = {c.name: c.age_group for c in classes.list_classes()}
    assert by_name == {"Nhà trẻ A": "NT_13_24", "Mầm 1": "MG_3_4", "Chồi 1": "MG_4_5", "Lá 1": "MG_5_6"}


def test_an_unknown_age_group_is_an_error(school_db, tmp_path):
    rows = [{"Tên lớp": "Lớp X", "Nhóm tuổi": "07"}]
    book = _read(tmp_path, rows, CLASS_HEADERS, "classes")
    with pytest.raises(Exception, match="1 ô sai"):
        apply_diff(diff_sheet(book.sheet))
    assert "«07» không có trong danh mục của Bộ (nhóm tuổi)" in book.sheet.errors[0].message
