"""The annotated copy: bad cells red with the explanation as a comment, a first sheet listing them."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from importers.annotate import BAD_FILL, ERRORS_SHEET, annotate, annotated_path
from importers.rows import parse_rows
from importers.workbook_reader import open_workbook
from mamnon.workbooks.kinds import ROSTER
from mamnon.workbooks.spec import META_SHEET
from tests.workbooks.conftest import roster_row, write_book

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def bad_file(tmp_path):
    rows = [roster_row("Trần Thị An", "31/02/2022", sex="X"),
            roster_row("Lê Thị Bé", "05/09/2022"),
            roster_row("=HYPERLINK(\"http://x\")", "05/09/2022", class_name="Lớp Ma")]
    return write_book(tmp_path / "danh-sach.xlsx", ROSTER, rows)


def errors_of(path):
    parsed = parse_rows(open_workbook(path).sheets["Danh sách trẻ"], choices={"classes": ["Lá 1"]}, today=TODAY)
    return parsed.errors


def test_bad_cells_get_a_fill_and_a_comment(bad_file):
    before = bad_file.read_bytes()
    target = annotate(bad_file, errors_of(bad_file))
    assert target == bad_file.with_name("danh-sach-loi.xlsx") == annotated_path(bad_file)
    assert bad_file.read_bytes() == before
    ws = openpyxl.load_workbook(target)["Danh sách trẻ"]
    assert ws["C5"].fill.fgColor.rgb == BAD_FILL.fgColor.rgb
    assert "không có thật" in ws["C5"].comment.text
    assert ws["D5"].comment.text == "Giới tính phải là «Nam» hoặc «Nữ»."
    assert "danh sách cho phép" in ws["E7"].comment.text
    assert ws["B6"].comment is None and ws["B6"].fill.fgColor.rgb != BAD_FILL.fgColor.rgb
    assert ws["B6"].value == "Lê Thị Bé"


def test_the_first_sheet_lists_every_error(bad_file):
    errors = errors_of(bad_file)
    book = openpyxl.load_workbook(annotate(bad_file, errors))
    assert book.sheetnames[0] == ERRORS_SHEET and book.active.title == ERRORS_SHEET
    listed = list(book[ERRORS_SHEET].iter_rows(min_row=2, values_only=True))
    # B7 holds a formula without a cached value (never computed): read as empty.
    assert [(r[0], r[1], r[2]) for r in listed] == [("Danh sách trẻ", 5, "C"), ("Danh sách trẻ", 5, "D"),
                                                     ("Danh sách trẻ", 7, "B"), ("Danh sách trẻ", 7, "E")]
    assert listed[0][5] == errors[0].message
    assert book[META_SHEET].sheet_state == "hidden"


def test_a_formula_typed_by_a_user_is_listed_as_text(tmp_path, bad_file):
    from mamnon.workbooks.cells import CellError

    formula = "=HYPERLINK(\"http://x\")"
    target = annotate(bad_file, [CellError("Danh sách trẻ", 7, 1, "Họ và tên", formula, "Tên không hợp lệ.")],
                      tmp_path / "loi.xlsx")
    cell = openpyxl.load_workbook(target)[ERRORS_SHEET]["E2"]
    assert cell.value == formula and cell.data_type == "s"


def test_annotating_twice_replaces_the_error_sheet(bad_file, tmp_path):
    first = annotate(bad_file, errors_of(bad_file))
    again = annotate(first, errors_of(bad_file)[:1], tmp_path / "lan-hai.xlsx")
    book = openpyxl.load_workbook(again)
    assert book.sheetnames.count(ERRORS_SHEET) == 1
    assert book[ERRORS_SHEET].max_row == 2
