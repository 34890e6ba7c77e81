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
    for c, text in enumerate(["Trường Hoa Sen", " lề trái", "lề phải ", "a\tb", "dòng\nmới", 'nói "có"',
                              "_x0041_ lạ", "điều khiển\x07", "\ufffe", "<r>không phải rich</r>", "Tâm & Bình",
                              "tab giữa\tchữ", "\u00a0cách cứng", "a > b", ""]):
        ws.write_string(12, c, text, count)
        ws.write_string(13, c, text)  # no format of its own: xlsxwriter's path
    ws.write_rich_string(14, 0, "thường ", rate, "đậm", count)
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
    if constant_memory:
        assert '<c r="A13" s="1" t="inlineStr"><is><t>Trường Hoa Sen</t></is></c>'.encode() in stock
    assert fast == stock


def test_the_fast_worksheet_is_the_one_used():
    assert number_cells_worksheet() is NumberCellsWorksheet
