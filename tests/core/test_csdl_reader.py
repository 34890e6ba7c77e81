"""Reading CSDL ngành exports: headers by text (any version, any Unicode form), dates, code lists, errors."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from csdl_workbooks import CHILD_HEADERS, child_row, excel_serial, write_csdl_file

from importers.csdl_reader import read_csdl
from importers.workbook_reader import ImportRefused
from mamnon.csdl.headers import closest, header_key
from mamnon.csdl.rows import personal_id_problem
from mamnon.csdl.spec import CHILDREN

TODAY = dt.date(2026, 11, 23)


def test_header_key_ignores_unicode_form_marks_breaks_case_and_spacing():
    nfc = unicodedata.normalize("NFC", "Ngày sinh")
    nfd = unicodedata.normalize("NFD", "NGÀY  SINH (*)")
    assert nfc != unicodedata.normalize("NFC", nfd)  # the two differ as written…
    assert header_key(nfc) == header_key(nfd) == header_key("Ngày\nsinh*") == "ngay sinh"  # …but match
    assert header_key("Mã định danh Bộ GD&ĐT") == "ma dinh danh bo gd dt"


def test_closest_names_the_nearest_known_header():
    known = CHILDREN.known_headers()
    assert closest("Ngay sinh cua tre", known) == "Ngày sinh"
    assert closest("Xếp loại hạnh kiểm học kỳ", known) == ""


def test_header_row_under_titles_and_columns_by_text_not_position(tmp_path):
    rows = [child_row("Nguyễn Thị An", "05/03/2022", "Mầm 1", code="7900000001")]
    first = read_csdl(write_csdl_file(tmp_path / "a.xlsx", rows), today=TODAY)
    assert first.header_row == 5  # three titles, one blank row
    assert first.template.kind == "children"
    # the same data with the columns in another order (another template version) and NFC headers
    reordered = tuple(reversed(CHILD_HEADERS))
    second = read_csdl(write_csdl_file(tmp_path / "b.xlsx", rows, headers=reordered, normalization="NFC",
                                       titles=()), today=TODAY)
    assert second.header_row == 2
    assert [r.values for r in first.sheet.rows] == [r.values for r in second.sheet.rows]
    values = first.sheet.rows[0].values
    assert values["full_name"] == "Nguyễn Thị An"
    assert values["birth_date"] == dt.date(2022, 3, 5)
    assert values["sex"] == ("02", "Nữ")
    assert values["ministry_code"] == "7900000001"


def test_unknown_header_is_reported_with_its_position(tmp_path):
    book = read_csdl(write_csdl_file(tmp_path / "a.xlsx", [child_row("Lê An", "05/03/2022", "Mầm 1")]),
                     today=TODAY)
    assert [(u.column, u.header) for u in book.unknown] == [(14, "Ngày vào Đoàn")]


def test_serial_text_and_real_dates_all_read_and_a_bad_date_is_an_error_not_a_dropped_row(tmp_path):
    day = dt.date(2022, 3, 5)
    rows = [child_row("Lê Văn Một", day, "Mầm 1", sex="Nam"),
            child_row("Lê Văn Hai", excel_serial(day), "Mầm 1", sex="Nam"),
            child_row("Lê Văn Ba", "05/03/2022", "Mầm 1", sex="Nam"),
            child_row("Lê Văn Bốn", "31/02/2022", "Mầm 1", sex="Nam")]
    book = read_csdl(write_csdl_file(tmp_path / "d.xlsx", rows), today=TODAY)
    assert [r.values["birth_date"] for r in book.sheet.rows] == [day, day, day]
    (error,) = book.sheet.errors
    assert (error.row, error.column) == (9, 3)  # header on row 5: the fourth child is on row 9, column D
    text = error.describe("d.xlsx")
    assert "Tệp d.xlsx" in text and "trang «Danh sách học sinh», dòng 9, cột D" in text and "31/02/2022" in text


def test_a_value_outside_the_files_code_list_rejects_the_row_naming_the_allowed_values(tmp_path):
    # the file's DAN_TOC sheet lists five groups; Chăm is one of the 54 but not in this file's list
    rows = [child_row("Lê Thị Chăm", "05/03/2022", "Mầm 1", ethnicity="Chăm"),
            child_row("Lò Thị Mai", "05/03/2022", "Mầm 1", ethnicity="08")]
    book = read_csdl(write_csdl_file(tmp_path / "c.xlsx", rows), today=TODAY)
    assert [r.values["ethnicity"] for r in book.sheet.rows] == [("08", "Hmông")]  # by code
    (error,) = book.sheet.errors
    assert error.row == 6 and error.header == "Dân tộc"
    assert "trang danh mục của tệp" in error.message and "01 Kinh" in error.message and "08 Hmông" in error.message
    assert "DAN_TOC" in book.code_sheets


def test_without_a_code_sheet_the_shipped_list_is_used(tmp_path):
    rows = [child_row("Lê Thị Chăm", "05/03/2022", "Mầm 1", ethnicity="Chăm"),
            child_row("Lê Thị Xa", "05/03/2022", "Mầm 1", ethnicity="Marsian")]
    book = read_csdl(write_csdl_file(tmp_path / "s.xlsx", rows, code_sheets={}), today=TODAY)
    assert [r.values["ethnicity"] for r in book.sheet.rows] == [("17", "Chăm")]
    assert "danh mục của Bộ" in book.sheet.errors[0].message


def test_required_cells_and_personal_id(tmp_path):
    rows = [child_row("Lê Thị Một", "05/03/2022", "", **{"Số ĐDCN": "0123"}),
            child_row("Lê Thị Hai", "05/03/2022", "Mầm 1", **{"Số ĐDCN": "036322000123"})]
    book = read_csdl(write_csdl_file(tmp_path / "r.xlsx", rows), today=TODAY)
    messages = sorted((e.header, e.message) for e in book.sheet.errors)
    assert messages == [("Lớp (*)", "Ô này bắt buộc phải điền."),
                        ("Số ĐDCN", "Số định danh cá nhân phải gồm đúng 12 chữ số.")]
    assert book.sheet.rows[0].values["personal_id"] == "036322000123"


def test_personal_id_digits_against_birth_year_and_sex():
    assert personal_id_problem("036322000123", dt.date(2022, 3, 5), "F") == ("", "")
    assert personal_id_problem("036222000123", dt.date(2022, 3, 5), "M") == ("", "")
    error, warning = personal_id_problem("036221000123", dt.date(2022, 3, 5), "M")
    assert error == "" and "3222" not in warning and "222" in warning
    assert personal_id_problem("03632200012X")[0]


def test_a_file_that_is_not_a_csdl_list_is_refused_naming_the_columns_needed(tmp_path):
    path = write_csdl_file(tmp_path / "x.xlsx", [], headers=("STT", "Tên món", "Giá"))
    with pytest.raises(ImportRefused, match="x.xlsx.*«Họ và tên».*«Ngày sinh»"):
        read_csdl(path)
