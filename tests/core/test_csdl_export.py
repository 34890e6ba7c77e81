"""Files for CSDL ngành's import: the columns, personal data off by default, and the round trip."""

from __future__ import annotations

import datetime as dt

import openpyxl
from csdl_workbooks import add_child

from exporters.csdl_writer import write_csdl
from importers.csdl_reader import read_csdl
from mamnon.models import Child, CsdlStaffCode
from mamnon.services import staff
from mamnon.services.csdl_export import export_table
from mamnon.services.csdl_import import UNCHANGED, diff_sheet

TODAY = dt.date(2026, 11, 23)


def _school(school_db):
    an = add_child(school_db["Mầm 1"], "Nguyễn Thị An", "05/03/2023", ethnicity="Tày", commune="Xã Tân Lập",
                   guardians=[children_guardian("Nguyễn Văn Ba", "Bố"), children_guardian("Lê Thị Mơ", "Mẹ")])
    Child.update(ministry_code="7900000001", personal_id="036323000111").where(Child.id == an.id).execute()
    add_child(school_db["Lá 1"], "Trần Văn Bình", "10/10/2021", sex="M")
    return an


def children_guardian(name, relation):
    from mamnon.services.children import GuardianForm

    return GuardianForm(name, relation, "")


def test_children_columns_values_and_no_personal_id_by_default(school_db):
    _school(school_db)
    table = export_table("children", today=TODAY)
    assert table.headers == ("STT", "Mã định danh Bộ GD&ĐT (trên CSDL ngành)", "Họ và tên", "Ngày sinh",
                             "Giới tính", "Dân tộc", "Quốc tịch", "Lớp", "Tỉnh", "Xã", "Họ tên cha", "Họ tên mẹ")
    assert table.rows[0] == ("1", "", "Trần Văn Bình", "10/10/2021", "Nam", "Kinh", "Việt Nam", "Lá 1", "", "", "",
                             "")
    assert table.rows[1][:8] == ("2", "7900000001", "Nguyễn Thị An", "05/03/2023", "Nữ", "Tày", "Việt Nam",
                                 "Mầm 1")
    assert table.rows[1][-3:] == ("Xã Tân Lập", "Nguyễn Văn Ba", "Lê Thị Mơ")
    assert table.temp_codes == 1  # Bình has no Ministry code yet
    assert Child.get(Child.full_name == "Trần Văn Bình").temp_code == "TAM-MN01-1"
    with_id = export_table("children", with_personal_id=True, today=TODAY)
    assert with_id.headers[-1] == "Số ĐDCN" and with_id.rows[1][-1] == "036323000111"
    assert with_id.temp_codes == 0


def test_the_written_file_reads_back_unchanged(school_db, tmp_path):
    _school(school_db)
    path = write_csdl(tmp_path / "nhap.xlsx", export_table("children", with_personal_id=True, today=TODAY))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["HocSinh", "GIOI_TINH", "DAN_TOC", "QUOC_TICH"]
    ws = book["HocSinh"]
    assert ws["B3"].value == "7900000001" and ws["B3"].data_type == "s"  # codes stay text
    assert ws["D3"].value == "05/03/2023"
    read = read_csdl(path, today=TODAY)
    assert read.ok and read.unknown == [] and read.code_sheets == ["GIOI_TINH", "DAN_TOC", "QUOC_TICH"]
    diff = diff_sheet(read.sheet, today=TODAY)
    assert [e.status for e in diff.entries] == [UNCHANGED, UNCHANGED]


def test_staff_export_and_round_trip(school_db, tmp_path):
    head = staff.create_staff(staff.StaffForm(full_name="Phạm Thị Hoa", birth_date="02/02/1980", sex="F",
                                              position="Hiệu trưởng", qualification="Đại học"))
    CsdlStaffCode.create(staff=head.id, ministry_code="CB7900001", personal_id="036180000222")
    table = export_table("staff", today=TODAY)
    assert "Số định danh cá nhân" not in table.headers and len(table.headers) == 10
    assert table.headers[:5] == ("STT", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính")
    by_name = {r[2]: r for r in table.rows}
    assert by_name["Phạm Thị Hoa"][1] == "CB7900001" and by_name["Phạm Thị Hoa"][6] == "Hiệu trưởng"
    path = write_csdl(tmp_path / "cb.xlsx", export_table("staff", with_personal_id=True, today=TODAY))
    read = read_csdl(path, today=TODAY)
    assert read.template.kind == "staff" and read.ok
    assert {e.status for e in diff_sheet(read.sheet).entries} == {UNCHANGED}
