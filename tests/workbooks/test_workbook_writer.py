"""The spec-driven workbook writer, read back with openpyxl: layout, drop-downs, protection, metadata."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

import mamnon
from exporters import xlsx
from exporters.workbook_writer import LISTS_SHEET, UnitMeta, write_workbook
from mamnon.reference import ETHNIC_NAMES, POSITIONS
from mamnon.workbooks.checksum import data_checksum
from mamnon.workbooks.kinds import (
    ATTENDANCE_SPEC, COMMON_INSTRUCTIONS, MEASUREMENTS_SPEC, MENUS_SPEC, ROSTER_SPEC, STAFF_SPEC,
)
from mamnon.workbooks.spec import INSTRUCTIONS_SHEET, META_KEYS, META_LABELS, META_SHEET, match_headers

UNIT = UnitMeta(code="MN01", name="Trường Mầm non Hoa Sen", level="Trường")
STAMP = dt.datetime(2026, 11, 23, 8, 30, 5)
ROSTER = ROSTER_SPEC.sheets[0]
CLASSES = ["Nhà trẻ A", "Mầm 1", "Lá 1"]
HOSTILE = ['=HYPERLINK("http://evil.example","bấm")', "-Minh", "+84 912", "@SUM(A1)"]


def child(name: str, code: str = "", **extra) -> dict:
    return {"code": code, "full_name": name, "birth_date": dt.date(2021, 3, 15), "sex": "F",
            "class_name": "Lá 1", **extra}


@pytest.fixture
def roster_book(tmp_path):
    rows = [child("Nguyễn Thị An", "HS00001", ethnicity="Tày", guardian1_phone="0912345678"),
            child("Trần Văn Bình", "HS00002", sex="M", enrolled_on=dt.date(2026, 9, 5))]
    rows += [child(name, f"HS1000{i}") for i, name in enumerate(HOSTILE)]
    path = write_workbook(tmp_path / "tre.xlsx", ROSTER_SPEC, unit=UNIT, rows={ROSTER.name: rows},
                          choices={"classes": CLASSES}, subtitle={ROSTER.name: "Lớp Lá 1"}, blank_rows=10,
                          exported_at=STAMP)
    return path, rows


def data_rows(ws, sheet) -> list[list]:
    """The data rows read back, columns matched by header and put in spec order (as a reader does)."""
    header = [c.value for c in ws[sheet.header_row + 1]]
    found = match_headers(sheet, header)
    out = []
    for row in ws.iter_rows(min_row=sheet.first_data_row + 1, values_only=True):
        out.append([row[found[k]] if k in found else None for k in sheet.keys])
    return out


def width_of(ws, index: int) -> float:
    """A column's width; openpyxl files neighbouring equal widths under the first column's letter."""
    for dim in ws.column_dimensions.values():
        if dim.min <= index + 1 <= dim.max:
            return dim.width
    raise AssertionError(f"column {index} has no width")


def meta_of(book) -> dict:
    return {r[0]: r[1] for r in book[META_SHEET].iter_rows(values_only=True)}


def validation_at(ws, cell: str):
    hits = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(hits) <= 1, f"{cell} has {len(hits)} validations"
    return hits[0] if hits else None


def test_title_rows_and_headers_come_from_the_spec(roster_book):
    path, _ = roster_book
    ws = openpyxl.load_workbook(path)[ROSTER.name]
    assert ws["A1"].value == UNIT.name
    assert ws["A2"].value == ROSTER.title
    assert ws["A3"].value == "Lớp Lá 1"
    header = [c.value for c in ws[ROSTER.header_row + 1]]
    assert header == [c.header + (" *" if c.required else "") for c in ROSTER.columns]
    assert header[1] == "Họ và tên *" and header[0] == "Mã trẻ"


def test_widths_formats_and_frozen_header(roster_book):
    path, _ = roster_book
    ws = openpyxl.load_workbook(path)[ROSTER.name]
    for index, column in enumerate(ROSTER.columns):
        assert abs(width_of(ws, index) - column.width) < 1, column.key
    first = ROSTER.first_data_row + 1
    assert ws.freeze_panes == f"A{first}"
    assert ws[f"C{first}"].number_format == "dd/mm/yyyy"
    assert ws[f"C{first}"].value == dt.datetime(2021, 3, 15)
    assert ws[f"A{first}"].number_format == "@"  # codes stay text when retyped


def test_formula_like_text_is_written_as_text(roster_book):
    path, _ = roster_book
    ws = openpyxl.load_workbook(path)[ROSTER.name]
    names = {c.value: c.data_type for c in ws["B"] if c.value in HOSTILE}
    assert names == {text: "s" for text in HOSTILE}


def test_print_setup_repeats_the_title_and_header(roster_book):
    path, _ = roster_book
    ws = openpyxl.load_workbook(path)[ROSTER.name]
    assert ws.page_setup.paperSize == xlsx.A4
    assert ws.page_setup.orientation == "landscape"  # 20 columns do not fit A4 portrait
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"$1:${ROSTER.header_row + 1}"
    assert ws.oddFooter.center.text == "Trang &P/&N"
    assert ws.oddHeader.left.text == UNIT.name


def test_a_narrow_sheet_prints_portrait(tmp_path):
    path = write_workbook(tmp_path / "td.xlsx", MENUS_SPEC, unit=UNIT, exported_at=STAMP)
    book = openpyxl.load_workbook(path)
    assert book[MENUS_SPEC.sheets[1].name].page_setup.orientation == "portrait"  # 82 characters wide


def test_drop_downs_short_lists_inline_long_ones_from_the_hidden_list_sheet(roster_book):
    path, _ = roster_book
    book = openpyxl.load_workbook(path)
    ws = book[ROSTER.name]
    sex = validation_at(ws, "D5")
    assert (sex.type, sex.formula1, sex.errorStyle in (None, "stop")) == ("list", '"Nam,Nữ"', True)
    assert sex.showErrorMessage and "danh sách" in sex.error
    lists = book[LISTS_SHEET]
    assert lists.sheet_state == "hidden" and lists.protection.sheet

    def listed(cell: str) -> list[str]:
        formula = validation_at(ws, cell).formula1
        assert formula.startswith(f"'{LISTS_SHEET}'!$")
        ref = formula.split("!", 1)[1].replace("$", "")
        return [c.value for row in lists[ref] for c in row]

    assert listed("F5") == list(ETHNIC_NAMES)  # 54 groups: far over the 255-character inline limit
    assert listed("E5") == CLASSES  # a school's own list is never inline
    ethnic = validation_at(ws, "F5")
    assert ethnic.promptTitle == "Dân tộc" and ethnic.prompt == "Để trống là Kinh."


def test_validations_cover_data_and_blank_rows_only(roster_book):
    path, rows = roster_book
    ws = openpyxl.load_workbook(path)[ROSTER.name]
    last = ROSTER.first_data_row + len(rows) + 10
    assert validation_at(ws, f"D{last}") is not None
    assert validation_at(ws, f"D{last + 1}") is None
    assert validation_at(ws, "D4") is None  # the header row


def test_positions_come_from_the_list_sheet(tmp_path):
    path = write_workbook(tmp_path / "cb.xlsx", STAFF_SPEC, unit=UNIT, exported_at=STAMP)
    book = openpyxl.load_workbook(path)
    formula = validation_at(book[STAFF_SPEC.sheets[0].name], "F5").formula1
    ref = formula.split("!", 1)[1].replace("$", "")
    assert [c.value for row in book[LISTS_SHEET][ref] for c in row] == list(POSITIONS)


def test_number_and_date_validations_use_the_spec_bounds(tmp_path):
    sheet = MEASUREMENTS_SPEC.sheets[0]
    path = write_workbook(tmp_path / "cd.xlsx", MEASUREMENTS_SPEC, unit=UNIT, exported_at=STAMP)
    ws = openpyxl.load_workbook(path)[sheet.name]
    weight = validation_at(ws, "G5")
    assert weight.operator in (None, "between")  # "between" is the default openpyxl leaves unset
    assert (weight.type, float(weight.formula1), float(weight.formula2)) == ("decimal", 1.0, 60.0)
    assert weight.error == "Cần số từ 1 đến 60." and weight.prompt == sheet.column("weight_kg").note
    assert validation_at(ws, "F5").type == "date"
    assert validation_at(ws, "I5").formula1 == '"Có,Không"'
    assert validation_at(ws, "A5") is None  # the program fills the code: no drop-down, locked


def test_protection_without_password_unlocks_only_input_cells(roster_book):
    path, rows = roster_book
    ws = openpyxl.load_workbook(path)[ROSTER.name]
    p = ws.protection
    assert p.sheet and not p.password
    assert (p.sort, p.autoFilter, p.formatColumns, p.formatRows) == (False, False, False, False)  # allowed
    last = ROSTER.first_data_row + len(rows) + 10
    assert not ws["B5"].protection.locked and not ws[f"T{last}"].protection.locked
    assert ws["B4"].protection.locked and ws["A1"].protection.locked
    assert ws[f"B{last + 1}"].protection.locked
    assert ws.auto_filter.ref == f"A4:T{last}"


def test_program_filled_columns_are_locked(tmp_path):
    sheet = MEASUREMENTS_SPEC.sheets[0]
    rows = [{"code": "HS00001", "full_name": "Nguyễn Thị An", "birth_date": dt.date(2021, 3, 15), "sex": "F",
             "class_name": "Lá 1"}]
    path = write_workbook(tmp_path / "cd.xlsx", MEASUREMENTS_SPEC, unit=UNIT, rows={sheet.name: rows},
                          blank_rows=0, exported_at=STAMP)
    ws = openpyxl.load_workbook(path)[sheet.name]
    assert ws["A5"].protection.locked and ws["B5"].protection.locked
    assert not ws["G5"].protection.locked
    assert ws["G6"].protection.locked  # no blank rows asked for


def test_blank_template_has_the_sheet_default_input_rows(tmp_path):
    sheet = STAFF_SPEC.sheets[0]
    path = write_workbook(tmp_path / "cb.xlsx", STAFF_SPEC, unit=UNIT, exported_at=STAMP)
    ws = openpyxl.load_workbook(path)[sheet.name]
    last = sheet.first_data_row + sheet.rows
    assert not ws[f"B{last}"].protection.locked
    assert ws[f"B{last + 1}"].protection.locked


def test_closed_columns_are_shaded_locked_and_without_drop_down(tmp_path):
    sheet = ATTENDANCE_SPEC.sheets[0]
    rows = [{"code": "HS00001", "full_name": "Nguyễn Thị An", "class_name": "Lá 1"}]
    path = write_workbook(tmp_path / "dd.xlsx", ATTENDANCE_SPEC, unit=UNIT, rows={sheet.name: rows},
                          blank_rows=0, closed_columns={sheet.name: ["d06", "d07"]}, exported_at=STAMP)
    ws = openpyxl.load_workbook(path)[sheet.name]
    d05, d06, d08 = ws["H5"], ws["I5"], ws["K5"]
    assert not d05.protection.locked and d06.protection.locked and not d08.protection.locked
    assert d06.fill.fgColor.rgb.endswith("D9D9D9") and not d05.fill.fgColor.rgb.endswith("D9D9D9")
    assert validation_at(ws, "I5") is None
    assert validation_at(ws, "H5").formula1 == '"x,P,K"'
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "x.xlsx", ATTENDANCE_SPEC, unit=UNIT, closed_columns={sheet.name: ["d32"]})


def test_metadata_sheet_is_hidden_protected_and_complete(roster_book):
    path, _ = roster_book
    book = openpyxl.load_workbook(path)
    meta_ws = book[META_SHEET]
    assert meta_ws.sheet_state == "hidden" and meta_ws.protection.sheet
    labels = {r[0]: r[2] for r in meta_ws.iter_rows(values_only=True)}
    assert [r[0] for r in meta_ws.iter_rows(values_only=True)] == list(META_KEYS)
    assert labels == META_LABELS
    meta = meta_of(book)
    assert meta["kind"] == "roster" and meta["template_version"] == str(ROSTER_SPEC.version)
    assert (meta["unit_code"], meta["unit_name"], meta["unit_level"]) == (UNIT.code, UNIT.name, UNIT.level)
    assert meta["exported_at"] == "2026-11-23T08:30:05"
    assert meta["program_version"] == mamnon.__version__
    assert book.sheetnames == [ROSTER.name, INSTRUCTIONS_SHEET, LISTS_SHEET, META_SHEET]


def test_checksum_equals_the_checksum_of_the_cells_read_back(roster_book):
    path, rows = roster_book
    book = openpyxl.load_workbook(path)
    read = data_rows(book[ROSTER.name], ROSTER)
    assert meta_of(book)["checksum"] == data_checksum([(ROSTER.name, read)])
    assert sum(1 for r in read if any(v not in (None, "") for v in r)) == len(rows)
    changed = [list(r) for r in read]
    changed[0][1] = "Nguyễn Thị Ân"
    assert meta_of(book)["checksum"] != data_checksum([(ROSTER.name, changed)])


def test_the_import_reader_finds_the_checksum_intact(roster_book):
    from importers.workbook_reader import open_workbook

    path, _ = roster_book
    book = open_workbook(path, expected_kind="roster")
    assert book.has_metadata and book.checksum_ok is True


def test_extra_metadata_follows_the_standard_keys(tmp_path):
    path = write_workbook(tmp_path / "cd.xlsx", MEASUREMENTS_SPEC, unit=UNIT, exported_at=STAMP,
                          extra_meta={"round_date": "15/11/2026"})
    meta = meta_of(openpyxl.load_workbook(path))
    assert list(meta)[-1] == "round_date" and meta["round_date"] == "15/11/2026"
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "x.xlsx", MEASUREMENTS_SPEC, unit=UNIT, extra_meta={"kind": "staff"})


def test_instruction_sheet_lists_rules_and_every_column(roster_book):
    path, _ = roster_book
    ws = openpyxl.load_workbook(path)[INSTRUCTIONS_SHEET]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for line in COMMON_INSTRUCTIONS + ROSTER_SPEC.instructions:
        assert f"• {line}" in texts
    for column in ROSTER.columns:
        assert column.header in texts
    assert "Chọn trong danh sách: Nam, Nữ." in texts
    assert "Để trống là Kinh." in texts
    assert ws.protection.sheet


def test_rows_for_an_unknown_sheet_are_refused(tmp_path):
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "x.xlsx", ROSTER_SPEC, unit=UNIT, rows={"Trang khác": []})
    assert not (tmp_path / "x.xlsx").exists()


def test_unprotected_when_asked(tmp_path):
    path = write_workbook(tmp_path / "x.xlsx", ROSTER_SPEC, unit=UNIT, protect=False, exported_at=STAMP)
    assert not openpyxl.load_workbook(path)[ROSTER.name].protection.sheet
