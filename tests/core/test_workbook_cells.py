"""What users type into workbook cells, read the same way by every importer and the merge."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import ValidationError
from mamnon.workbooks import cells, checksum, kinds, periods
from mamnon.workbooks.spec import CHOICE, DATE, DECIMAL, SEX, TEXT, YESNO, Column, column_letter, header_key

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("raw, expected", [
    (dt.datetime(2022, 9, 5, 0, 0), dt.date(2022, 9, 5)),
    (dt.date(2022, 9, 5), dt.date(2022, 9, 5)),
    ("05/09/2022", dt.date(2022, 9, 5)),
    ("5/9/22", dt.date(2022, 9, 5)),
    (" 5-9-2022 ", dt.date(2022, 9, 5)),
    ("5.9.2022", dt.date(2022, 9, 5)),
    ("2022-09-05", dt.date(2022, 9, 5)),
    ("1/1/98", dt.date(1998, 1, 1)),        # two-digit years never land in the future
    (44809, dt.date(2022, 9, 5)),          # Excel serial: =DATE(2022;9;5) is 44809
    (44809.0, dt.date(2022, 9, 5)),
    (1, dt.date(1900, 1, 1)),
    (61, dt.date(1900, 3, 1)),             # after Excel's phantom 29/02/1900
])
def test_dates_as_users_type_them(raw, expected):
    assert cells.parse_date(raw, today=TODAY) == expected


@pytest.mark.parametrize("raw", ["31/02/2022", "2022", "hôm qua", 44809.5, 60, True, "5/13/2022"])
def test_impossible_dates_are_refused_in_vietnamese(raw):
    with pytest.raises(cells.CellValueError) as exc:
        cells.parse_date(raw, today=TODAY)
    assert "gày" in str(exc.value)


@pytest.mark.parametrize("raw, expected", [
    ("12,5", 12.5), ("12.5", 12.5), (12.5, 12.5), (13, 13.0), (" 1.234,5 ", 1234.5), ("-3", -3.0),
])
def test_decimals_with_comma_or_point(raw, expected):
    assert cells.parse_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["12,5kg", "1,2,3", "", "abc", True])
def test_not_a_number(raw):
    with pytest.raises(cells.CellValueError):
        cells.parse_decimal(raw)


@pytest.mark.parametrize("raw, expected", [
    ("Nữ", "F"), ("nữ", "F"), ("NU", "F"), (" Nu ", "F"), ("Nam", "M"), ("NAM", "M"), ("m", "M"),
])
def test_sex(raw, expected):
    assert cells.parse_sex(raw) == expected


def test_sex_refuses_other_text():
    with pytest.raises(cells.CellValueError, match="Nam.*Nữ"):
        cells.parse_sex("Không rõ")


def test_choice_ignores_accents_and_case_but_returns_the_official_spelling():
    assert cells.parse_choice("kinh", ("Kinh", "Tày")) == "Kinh"
    assert cells.parse_choice("TAY", ("Kinh", "Tày")) == "Tày"
    with pytest.raises(cells.CellValueError, match="danh sách"):
        cells.parse_choice("Mông Cổ", ("Kinh", "Tày"))


def test_parse_cell_checks_required_blank_and_ranges():
    weight = Column("w", "Cân nặng", DECIMAL, minimum=1, maximum=60)
    assert cells.parse_cell(weight, "  ") is None
    assert cells.parse_cell(weight, "15,4") == 15.4
    with pytest.raises(cells.CellValueError, match="quá 60"):
        cells.parse_cell(weight, 61)
    with pytest.raises(cells.CellValueError, match="1 trở lên"):
        cells.parse_cell(weight, "0,5")
    name = Column("n", "Họ và tên", TEXT, required=True)
    with pytest.raises(cells.CellValueError, match="bắt buộc"):
        cells.parse_cell(name, None)
    assert cells.parse_cell(name, "  Nguyễn   Thị  Hoa ") == "Nguyễn Thị Hoa"
    assert cells.parse_cell(Column("s", "Giới tính", SEX), "nữ") == "F"
    assert cells.parse_cell(Column("y", "Đo nằm", YESNO), "x") is True
    assert cells.parse_cell(Column("d", "Ngày", DATE), "5/9/22", today=TODAY) == dt.date(2022, 9, 5)
    classes = Column("c", "Lớp", CHOICE, choices_from="classes")
    assert cells.parse_cell(classes, "la 1", choices=["Lá 1", "Mầm 1"]) == "Lá 1"


def test_cell_error_names_sheet_row_column_and_value():
    err = cells.CellError("Danh sách trẻ", 7, 2, "Ngày sinh", "31/02/2022", "Ngày không có thật.")
    assert err.cell == "C7"
    assert err.describe("lop-la1.xlsx") == (
        "Tệp lop-la1.xlsx, trang «Danh sách trẻ», dòng 7, cột C «Ngày sinh» (giá trị «31/02/2022»): "
        "Ngày không có thật.")


def test_column_letters_and_header_matching():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
    assert header_key("Họ và tên *") == header_key("ho va  TEN") == "ho va ten"


def test_display_values_are_what_the_cells_hold():
    assert cells.display_value(Column("s", "Giới tính", SEX), "F") == "Nữ"
    assert cells.display_value(Column("y", "Đo nằm", YESNO), False) == "Không"
    assert cells.display_value(Column("d", "Ngày", DATE), dt.datetime(2022, 9, 5)) == dt.date(2022, 9, 5)


@pytest.mark.parametrize("text, formula", [("=1+1", True), ("+84912", True), ("-Minh", True), ("@a", True),
                                           ("Minh", False), ("", False)])
def test_formula_like_text(text, formula):
    assert cells.is_formula_like(text) is formula


def test_checksum_survives_a_reader_round_trip_but_not_a_change():
    written = [("Cân đo", [["HS001", "Nguyễn Thị Hoa", dt.date(2021, 3, 15), 15.0, 102.5, None]])]
    read_back = [("Cân đo", [["HS001", "Nguyễn Thị Hoa ", dt.datetime(2021, 3, 15), 15, 102.5, None, None],
                             [None, None]])]
    changed = [("Cân đo", [["HS001", "Nguyễn Thị Hoa", dt.date(2021, 3, 15), 15.1, 102.5]])]
    assert checksum.data_checksum(written) == checksum.data_checksum(read_back)
    assert checksum.data_checksum(written) != checksum.data_checksum(changed)
    assert len(checksum.data_checksum(written)) == 64


@pytest.mark.parametrize("typed, code, start, end", [
    ("11/2026", "2026-11", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
    ("T2/2028", "2028-02", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
    ("2026-11", "2026-11", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
    ("2026-2027", "2026-2027", dt.date(2026, 9, 1), dt.date(2027, 5, 31)),
    ("Năm học 2026 - 2027", "2026-2027", dt.date(2026, 9, 1), dt.date(2027, 5, 31)),
])
def test_periods(typed, code, start, end):
    p = periods.parse_period(typed)
    assert (p.code, p.start, p.end) == (code, start, end)


@pytest.mark.parametrize("typed", ["13/2026", "2026-2028", "quý 4", ""])
def test_bad_periods(typed):
    with pytest.raises(ValidationError):
        periods.parse_period(typed)


def test_every_spec_is_consistent():
    for spec in kinds.SPECS.values():
        for sheet in spec.sheets:
            assert len(sheet.name) <= 31, sheet.name            # Excel's limit
            keys = sheet.keys
            assert len(set(keys)) == len(keys), sheet.name
            headers = [header_key(c.header) for c in sheet.columns]
            assert len(set(headers)) == len(headers), sheet.name
            assert all(k in keys for k in sheet.key + sheet.signature)
            for c in sheet.columns:
                if c.type == CHOICE:
                    assert c.choices or c.choices_from, (sheet.name, c.key)


@pytest.mark.parametrize("kind", sorted(kinds.SPECS))
def test_a_sheet_is_recognised_by_its_headers_alone(kind):
    sheet = kinds.SPECS[kind].sheets[0]
    headers = ["STT", *(c.header + (" *" if c.required else "") for c in sheet.columns)]
    assert kinds.kind_from_headers("Sheet1", headers) == kind


def test_a_partial_header_row_goes_to_the_kind_it_can_be():
    minimal_roster = ["Mã trẻ", "Ho va ten", "Ngày sinh", "Giới tính", "Lớp"]
    assert kinds.kind_from_headers("x", minimal_roster) == "roster"
    assert kinds.kind_from_headers("x", [*minimal_roster, "Cân nặng (kg)"]) == "measurements"
    assert kinds.kind_from_headers("x", ["Tên", "Tuổi"]) is None


def test_a_number_in_an_error_is_shown_with_a_decimal_comma():
    err = cells.CellError("Cân đo", 9, 6, "Cân nặng (kg)", 0.5, "Phải từ 1 trở lên.")
    assert "(giá trị «0,5»)" in err.describe()
