"""Judging every cell of a sheet read from a workbook, collecting every error at once.

A user fixing a file wants the whole list in one go, not one error per
attempt, so nothing here stops at the first bad cell. Rows with a bad cell are
left out of `rows` and kept, without their bad cells, in `partial`, so the
caller can still check them against the database (a dry run) and report those
errors too; nothing is imported while `errors` is not empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from importers.workbook_reader import SheetData
from mamnon.i18n import _
from mamnon.workbooks.cells import CellError, CellValueError, clean_text, parse_cell

__all__ = ["ParsedRows", "cell_error", "parse_rows"]


@dataclass
class ParsedRows:
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    """(1-based Excel row, {column key: clean value}) of the rows without a bad cell."""
    errors: list[CellError] = field(default_factory=list)
    partial: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    """The other rows, without their bad cells: only to check them against the database too."""

    def all_rows(self) -> list[tuple[int, dict[str, object]]]:
        return sorted(self.rows + self.partial, key=lambda r: r[0])


def cell_error(sheet: SheetData, row: int, key: str, value: object, message: str) -> CellError:
    column = sheet.spec.column(key)
    return CellError(sheet.name, row, sheet.columns[key], column.header, clean_text(value), message)


def parse_rows(sheet: SheetData, *, choices: Mapping[str, Sequence[str]] | None = None,
               today: dt.date | None = None) -> ParsedRows:
    """Clean values of every data row; `choices` resolves columns' choices_from (e.g. "classes")."""
    choices = choices or {}
    result = ParsedRows()
    for data in sheet.rows:
        clean: dict[str, object] = {}
        bad = False
        for key in sheet.columns:
            column = sheet.spec.column(key)
            raw = data.values.get(key)
            try:
                clean[key] = parse_cell(column, raw, choices=tuple(choices.get(column.choices_from, ())),
                                        today=today)
            except CellValueError as exc:
                result.errors.append(cell_error(sheet, data.row, key, raw, str(exc)))
                bad = True
        (result.partial if bad else result.rows).append((data.row, clean))
    _flag_duplicates(sheet, result, today)
    return result


def _key_of(sheet: SheetData, values: Mapping[str, object], today: dt.date | None) -> tuple | None:
    """The row's key as parsed (so "HS001 " and "HS001" clash), None when a key cell is blank or bad."""
    parts = []
    for key in sheet.spec.key:
        if key not in sheet.columns:
            return None
        try:
            value = parse_cell(sheet.spec.column(key), values.get(key), today=today)
        except CellValueError:
            return None
        if value is None:
            return None
        parts.append(value)
    return tuple(parts)


def _flag_duplicates(sheet: SheetData, result: ParsedRows, today: dt.date | None) -> None:
    if not sheet.spec.key:
        return
    seen: dict[tuple, list[int]] = {}
    values_by_row = {}
    for data in sheet.rows:
        key = _key_of(sheet, data.values, today)
        if key is not None:
            seen.setdefault(key, []).append(data.row)
            values_by_row[data.row] = data.values
    first_key = sheet.spec.key[0]
    duplicated: set[int] = set()
    for rows in seen.values():
        if len(rows) < 2:
            continue
        for row in rows:
            others = ", ".join(str(r) for r in rows if r != row)
            result.errors.append(cell_error(sheet, row, first_key, values_by_row[row].get(first_key),
                                            _("Trùng với dòng {rows} trong tệp: mỗi dòng phải khác nhau.")
                                            .format(rows=others)))
            duplicated.add(row)
    result.partial += [(row, values) for row, values in result.rows if row in duplicated]
    result.rows = [(row, values) for row, values in result.rows if row not in duplicated]
    result.errors.sort(key=lambda e: (e.row, e.column))
