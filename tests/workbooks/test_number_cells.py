"""The fast number-cell worksheet writes exactly what stock xlsxwriter writes.

It replaces one xlsxwriter internal (exporters/xlsx.py); comparing the
sheet XML byte for byte with the stock worksheet, in both of xlsxwriter's modes,
is what tells us a new xlsxwriter changed that internal.
"""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from exporters.xlsx import NumberCellsWorksheet, Workbook, number_cells_worksheet


def _sheet_xml(path, fast: bool, constant_memory: bool) -> bytes:
    book = Workbook(str(path), {"constant_memory": constant_memory})
    ws = book.add_worksheet("Số liệu", worksheet_class=NumberCellsWorksheet if fast else None)
    count = book.add_format({"num_format": "#,##0"})
    rate = book.add_format({"num_format": "0.0%", "bold": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    ws.set_column(3, 3, 12, count)  # a column format: cells without their own format take it
    ws.set_row(5, 18, rate)
    for r in range(8):
        ws.write_number(r, 0, r * 1234.5, count)
        ws.write_number(r, 1, 1 / (r + 3), rate)
        ws.write_number(r, 2, 10 ** (r * 3) + 0.25)  # no format of its own
        ws.write_number(r, 3, -r)  # the column's format
        ws.write_string(r, 4, f"Trường «{r}» & <con>", count)
        ws.write_datetime(r, 5, dt.datetime(2026, 9, 5 + r), day)
        ws.write_blank(r, 6, None, count)
        ws.write_formula(r, 7, f"=A{r + 1}*2", count, r * 2469)
        ws.write_boolean(r, 8, r % 2 == 0, count)
    ws.write_number(9, 0, 1e-7, count)
    ws.write_number(9, 1, 12345678901234567890, count)
    book.close()
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("constant_memory", [False, True])
def test_same_sheet_xml_as_stock_xlsxwriter(tmp_path, constant_memory):
    stock = _sheet_xml(tmp_path / "stock.xlsx", False, constant_memory)
    fast = _sheet_xml(tmp_path / "fast.xlsx", True, constant_memory)
    assert b'<c r="A2" s="1"><v>1234.5</v></c>' in stock  # the comparison below compares something
    assert fast == stock


def test_the_fast_worksheet_is_the_one_used():
    assert number_cells_worksheet() is NumberCellsWorksheet
