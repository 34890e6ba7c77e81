"""Writing a file for CSDL ngành's import (mamnon.services.csdl_export gives the rows).

The header row is row 1 and data start on row 2, as the Ministry's import
templates expect; every cell is text (a code such as "01" or a 12-digit personal
ID must not become a number), dates as dd/mm/yyyy. The code lists follow as
sheets (STT, Mã, Tên trường dữ liệu), the layout of CSDL ngành's own files.
The file is written to a temporary file and renamed (exporters.xlsx).
"""

from __future__ import annotations

# i18n-data: the file goes into CSDL ngành's import, whose headers and code lists are Vietnamese
import os
from pathlib import Path

from exporters.xlsx import FONT, atomic_workbook
from mamnon.services.csdl_export import ExportTable

__all__ = ["write_csdl"]

_MIN_WIDTH, _MAX_WIDTH = 6, 40


def _width(header: str, values: list[str]) -> float:
    longest = max([len(header), *(len(v) for v in values)]) if values else len(header)
    return float(min(_MAX_WIDTH, max(_MIN_WIDTH, longest + 2)))


def write_csdl(path: str | os.PathLike, table: ExportTable) -> Path:
    with atomic_workbook(path) as book:
        book.set_properties({"title": table.title, "subject": f"CSDL ngành — {table.template.label}",
                             "comments": f"Mẫu {table.template.kind}, phiên bản {table.template.version}"})
        head = book.add_format({"font_name": FONT, "bold": True, "text_wrap": True, "valign": "vcenter",
                                "align": "center", "border": 1, "bg_color": "#DDEBF7"})
        text = book.add_format({"font_name": FONT, "num_format": "@", "border": 1})
        ws = book.add_worksheet(table.template.sheet)
        for col, header in enumerate(table.headers):
            ws.write_string(0, col, header, head)
            ws.set_column(col, col, _width(header, [r[col] for r in table.rows]), text)
        for r, row in enumerate(table.rows, start=1):
            for col, value in enumerate(row):
                ws.write_string(r, col, value, text)
        ws.freeze_panes(1, 0)
        if table.rows:
            ws.autofilter(0, 0, len(table.rows), len(table.headers) - 1)
        for code_list in table.code_lists:
            sheet = book.add_worksheet(code_list.sheets[0])
            for col, header in enumerate(("STT", "Mã", "Tên trường dữ liệu")):
                sheet.write_string(0, col, header, head)
            sheet.set_column(0, 0, 6)
            sheet.set_column(1, 1, 8)
            sheet.set_column(2, 2, 28)
            for i, (code, name) in enumerate(code_list.entries, start=1):
                sheet.write_string(i, 0, str(i), text)
                sheet.write_string(i, 1, code, text)
                sheet.write_string(i, 2, name, text)
    return Path(path)
