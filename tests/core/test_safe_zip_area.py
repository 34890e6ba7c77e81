"""The far-cell checks of importers.safe_zip still see every kind of far reference now that one search
stands in for the three detailed ones on a usual sheet."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from importers.safe_zip import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, UnsafeFile, check_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def _book(path: Path, extra_rows: str) -> Path:
    """A small real workbook with `extra_rows` (sheet XML) added at the end of its sheet data."""
    plain = path.with_suffix(".plain.xlsx")
    book = xlsxwriter.Workbook(str(plain))
    ws = book.add_worksheet()
    for r in range(30):
        for c in range(5):
            ws.write_number(r, c, r * c)
    book.close()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == SHEET:
                data = data.replace(b"</sheetData>", extra_rows.encode() + b"</sheetData>", 1)
            out.writestr(item.filename, data)
    return path


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def test_the_limits_used_below_are_what_the_cases_assume():
    assert MAX_ROWS == 200_000 and MAX_COLUMNS == 4000 and MAX_CELLS == 5_000_000
    assert _column("ZZ") == 702 and _column("AAA") == 703 and _column("FXX") > MAX_COLUMNS > _column("DZZ")


def test_a_usual_sheet_passes(tmp_path):
    check_xlsx(_book(tmp_path / "ok.xlsx", ""))


@pytest.mark.parametrize("extra, reason", [
    # a one-letter cell far down, in a row that names no number: only the cell's own reference tells
    ('<row><c r="A250000"><v>1</v></c></row>', "dòng 250.000"),
    ('<row><c r="B10000"><v>1</v></c><c r="C200001"><v>1</v></c></row>', "dòng 200.001"),
    # three letters past the column limit
    ('<row r="31"><c r="FXX31"><v>1</v></c></row>', "cột thứ"),
    ('<row r="31"><c r="XFD31"><v>1</v></c></row>', "cột thứ"),
    # two letters (up to ZZ = 702 columns) on a sheet long enough for the rectangle to pass MAX_CELLS
    ('<row r="8000"><c r="ZZ8000"><v>1</v></c></row>', "quá rộng"),
])
def test_far_references_are_refused(tmp_path, extra, reason):
    with pytest.raises(UnsafeFile, match=reason):
        check_xlsx(_book(tmp_path / "far.xlsx", extra))


@pytest.mark.parametrize("extra", [
    '<row r="8000"><c r="AB8000"><v>1</v></c></row>',  # 28 columns × 8 000 rows: well inside
    '<row r="31"><c r="DZZ31"><v>1</v></c></row>',  # three letters, under the column limit
    '<row><c r="A99999"><v>1</v></c></row>',  # five digits, under the row limit
])
def test_references_inside_the_limits_pass(tmp_path, extra):
    check_xlsx(_book(tmp_path / "near.xlsx", extra))
