"""Printing the paper code (mamnon.paper_code) in the footer of every page of a printed form.

A form writer calls `stamp_paper_code(workbook, unit_code, period)` as the last
step inside its `atomic_workbook` block. The data hashed are exactly what the
form prints: every cell value of every sheet, with the sheet's header text (the
school's name and the form's title), in sheet, row and column order — so the
code follows the rows printed without each writer listing them again, and a
form added later is covered by the same one line. The date above the
signatures is printed, hence hashed: the same data printed on another day (or
with another `today`) carry another code, as two signed papers should.
"""

from __future__ import annotations

from exporters.xlsx import FONT, Workbook, Worksheet
from mamnon.paper_code import LABEL, data_checksum, paper_code

__all__ = ["sheet_cells", "stamp_paper_code", "workbook_code"]

_FOOTER_MAX = 255


def _strings(book: Workbook) -> dict[int, str]:
    return {index: text for text, index in book.str_table.string_table.items()}


def sheet_cells(ws: Worksheet, strings: dict[int, str]):
    """(row, column, value) of every written cell in order; formatting-only cells are left out."""
    for row in sorted(ws.table):
        cells = ws.table[row]
        for col in sorted(cells):
            cell = cells[col]
            kind = type(cell).__name__
            if kind == "String":
                value = strings.get(cell.string, cell.string) if isinstance(cell.string, int) else cell.string
            elif kind == "RichString":
                value = cell.raw_string
            elif kind in ("Number", "Datetime"):
                value = cell.number
            elif kind == "Boolean":
                value = bool(cell.boolean)
            elif kind in ("Formula", "ArrayFormula"):
                value = f"{cell.formula}={cell.value}"
            elif kind == "Blank":
                continue
            else:
                value = str(cell[0])
            yield row, col, value


def workbook_code(book: Workbook, unit_code: str, period: str) -> str:
    strings = _strings(book)
    rows = []
    for ws in book.worksheets():
        rows.append((ws.name, "header", ws.header))
        rows.extend((ws.name, row, col, value) for row, col, value in sheet_cells(ws, strings))
    return paper_code(unit_code, period, data_checksum(rows))


def _with_code(footer: str, code: str) -> str:
    text = f'&"{FONT},Regular"&8{LABEL}: {code}'
    if not footer:
        return f"&R{text}"
    if "&R" not in footer:
        return f"{footer}&R{text}"
    if "&L" not in footer:
        return f"&L{text}{footer}"
    return f"{footer}  {text}"


def stamp_paper_code(book: Workbook, unit_code: str, period: str) -> str:
    """Put the code of what `book` prints in the footer of each of its sheets; returns the code."""
    code = workbook_code(book, unit_code, period)
    for ws in book.worksheets():
        footer = _with_code(ws.footer or "", code)
        if len(footer) > _FOOTER_MAX:  # a long footer keeps the code and loses its own text
            footer = _with_code("", code)
        ws.set_footer(footer, {"margin": ws.margin_footer})
    return code
