"""Building standard workbooks in tests with openpyxl, shaped like the ones users send back.

`write_book` writes the title rows, the header row and the rows given (raw
values, as a user would type them) of one spec, with a hidden "_mamnon"
sheet unless told otherwise; options move the header, rename the sheet, drop
or shuffle columns, to imitate what users do to a file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl

import mamnon
from mamnon.workbooks.checksum import data_checksum
from mamnon.workbooks.kinds import SPECS
from mamnon.workbooks.spec import META_KEYS, META_LABELS, META_SHEET


def write_book(path: Path, kind: str, rows: Sequence[Mapping[str, object]] | Mapping[str, Sequence] = (), *,
               meta: Mapping[str, object] | None = None, with_meta: bool = True, unit_code: str = "MN01",
               keys: Sequence[str] | None = None, sheet_title: str | None = None, header_row: int | None = None,
               blank_rows_after: Sequence[int] = (), checksum_rows: Sequence[Mapping] | None = None) -> Path:
    """A workbook of `kind`; `rows` a list (first sheet) or {sheet name: list}; returns `path`.

    keys: the columns written, in this order (default every column of the spec).
    blank_rows_after: indexes of rows after which an empty row is left.
    checksum_rows: the rows the metadata checksum is computed from (default `rows`).
    """
    spec = SPECS[kind]
    by_sheet = rows if isinstance(rows, Mapping) else {spec.sheets[0].name: rows}
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in spec.sheets:
        ws = book.create_sheet(sheet_title if sheet_title and sheet is spec.sheets[0] else sheet.name)
        order = list(keys) if keys is not None else list(sheet.keys)
        top = sheet.header_row if header_row is None else header_row
        if top >= 3:
            ws.cell(row=1, column=1, value="Trường Mầm non Hoa Sen")
            ws.cell(row=2, column=1, value=sheet.title)
        headers = [sheet.column(k).header + (" *" if sheet.column(k).required else "") for k in order]
        for i, text in enumerate(headers, start=1):
            ws.cell(row=top + 1, column=i, value=text)
        line = top + 2
        for index, row in enumerate(by_sheet.get(sheet.name, ())):
            for i, key in enumerate(order, start=1):
                ws.cell(row=line, column=i, value=row.get(key))
            line += 2 if index in blank_rows_after else 1
    if with_meta:
        _write_meta(book, spec, by_sheet if checksum_rows is None else {spec.sheets[0].name: checksum_rows},
                    unit_code, meta or {})
    book.save(path)
    return path


def _write_meta(book, spec, by_sheet, unit_code: str, meta: Mapping[str, object]) -> None:
    values = {
        "kind": spec.kind, "template_version": spec.version, "unit_code": unit_code,
        "unit_name": "Trường Mầm non Hoa Sen", "unit_level": "Trường", "period": "",
        "exported_at": "2026-11-23T08:00:00", "program_version": mamnon.__version__,
        "checksum": data_checksum((s.name, ([r.get(k) for k in s.keys] for r in by_sheet.get(s.name, ())))
                                  for s in spec.sheets),
    }
    values.update(meta)
    ws = book.create_sheet(META_SHEET)
    for key in META_KEYS:
        ws.append([key, values[key], META_LABELS[key]])
    for key, value in values.items():
        if key not in META_KEYS:
            ws.append([key, value])
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def roster_row(name: str, birth: object, sex: object = "Nữ", class_name: str = "Lá 1", **extra) -> dict:
    return {"full_name": name, "birth_date": birth, "sex": sex, "class_name": class_name, **extra}
