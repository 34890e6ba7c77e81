"""Reading workbooks exported by CSDL ngành: find the data sheet and its header row, map columns by
header text, read the file's own code-list sheets, and check every row (mamnon.csdl.rows).

The header row may sit under titles ("DANH SÁCH HỌC SINH", the school, the year), the data sheet
may have any name, and the column order changes between template versions: the sheet and row
are the ones whose cells name the most columns of one kind (children, classes or staff), with
all of that kind's required columns. Values are read with python-calamine (the file was checked
by importers.safe_zip first); dates arrive as real dates, serial numbers or text and all three
are read (mamnon.workbooks.cells.parse_date).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from importers.safe_zip import UnsafeFile, check_xlsx
from importers.workbook_reader import ImportRefused
from mamnon.csdl.codes import CodeList, list_for_sheet
from mamnon.csdl.headers import closest, header_key
from mamnon.csdl.rows import ParsedSheet, parse_rows
from mamnon.csdl.spec import TEMPLATES, CsdlTemplate
from mamnon.errors import MamnonError
from mamnon.i18n import _
from mamnon.workbooks.cells import clean_text

__all__ = ["CsdlFile", "UnknownHeader", "read_csdl", "read_grids"]

HEADER_SCAN_ROWS = 30
CODE_HEADER_ROWS = 8


@dataclass(frozen=True)
class UnknownHeader:
    column: int
    """0-based."""
    header: str
    closest: str
    """The nearest known header ('' when none is near)."""


@dataclass
class CsdlFile:
    path: Path
    sheet: ParsedSheet
    header_row: int
    """1-based."""
    unknown: list[UnknownHeader] = field(default_factory=list)
    code_sheets: list[str] = field(default_factory=list)
    """Sheets of the file whose code lists were used."""

    @property
    def template(self) -> CsdlTemplate:
        return self.sheet.template

    @property
    def ok(self) -> bool:
        return not self.sheet.errors

    def error_lines(self) -> list[str]:
        return [e.describe(self.path.name) for e in self.sheet.errors]


def _header_text(value: object) -> str:
    """A header as the file writes it, in NFC so that messages show it the same whatever the export used."""
    return unicodedata.normalize("NFC", clean_text(value))


def _refused(path: Path, reason: str) -> ImportRefused:
    return ImportRefused(_("Không đọc được tệp {name}: {reason}").format(name=path.name, reason=reason))


def read_grids(path: Path, names: list[str] | None = None) -> dict[str, list[list]]:
    """Cell values of the named sheets (all when None), each a list of rows anchored at A1."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    try:
        wanted = book.sheet_names if names is None else [n for n in book.sheet_names if n in names]
        return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wanted}
    finally:
        book.close()


# ---------------------------------------------------------------- code-list sheets


def _code_columns(grid: list[list]) -> tuple[int, int, int] | None:
    """(header row index, code column, name column) of a code-list sheet."""
    for i, row in enumerate(grid[:CODE_HEADER_ROWS]):
        keys = [header_key(v) for v in row]
        code = next((j for j, k in enumerate(keys) if k == "ma" or k.startswith("ma ")), None)
        name = next((j for j, k in enumerate(keys) if k.startswith("ten")), None)
        if code is not None and name is not None:
            return i, code, name
    return None


def _code_list(base: CodeList, sheet: str, grid: list[list]) -> CodeList | None:
    found = _code_columns(grid)
    if found is None:
        return None
    start, code_col, name_col = found
    entries = []
    for row in grid[start + 1:]:
        if len(row) <= max(code_col, name_col):
            continue
        code, name = clean_text(row[code_col]), _header_text(row[name_col])
        if code and name:
            entries.append((code, name))
    return base.with_entries(tuple(entries), sheet) if entries else None


# ---------------------------------------------------------------- the data sheet


def _score(template: CsdlTemplate, keys: list[str]) -> tuple[int, dict[str, int]]:
    index = template.header_index()
    columns: dict[str, int] = {}
    for j, key in enumerate(keys):
        field_key = index.get(key)
        if field_key is not None and field_key not in columns:
            columns[field_key] = j
    complete = all(k in columns for k in template.required_keys)
    return (len(columns) if complete else 0), columns


def _find_header(grids: dict[str, list[list]], templates: list[CsdlTemplate]):
    best = None
    for name, grid in grids.items():
        for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
            keys = [header_key(v) if isinstance(v, str) and v else "" for v in row]
            if sum(bool(k) for k in keys) < 2:
                continue  # a title or a blank row
            for template in templates:
                score, columns = _score(template, keys)
                if score and (best is None or score > best[0]):
                    best = (score, name, i, template, columns)
    return best


def _missing_message(templates: list[CsdlTemplate]) -> str:
    wanted = "; ".join(f"{_(t.label)}: " + ", ".join(f"«{t.field(k).header}»" for k in t.required_keys)
                       for t in templates)
    return _("không tìm thấy dòng tiêu đề cột của danh sách CSDL ngành (cần đủ các cột — {wanted}). "
             "Hãy dùng tệp xuất từ CSDL ngành hoặc từ lệnh «mamnon csdl export».").format(wanted=wanted)


def _unknown(template: CsdlTemplate, row: list, columns: dict[str, int]) -> list[UnknownHeader]:
    used = set(columns.values())
    known = template.known_headers()
    return [UnknownHeader(j, _header_text(v), closest(v, known)) for j, v in enumerate(row)
            if j not in used and clean_text(v)]


def read_csdl(path, *, kind: str | None = None, today: dt.date | None = None) -> CsdlFile:
    """Read a CSDL ngành workbook of `kind` ("children", "classes", "staff"; None: whichever it is)."""
    path = Path(path)
    try:
        check_xlsx(path)
    except UnsafeFile as exc:
        raise _refused(path, str(exc)) from None
    if kind is not None and kind not in TEMPLATES:
        raise _refused(path, _("loại danh sách «{kind}» không có (có: {known}).").format(
            kind=kind, known=", ".join(TEMPLATES)))
    templates = [TEMPLATES[kind]] if kind else list(TEMPLATES.values())
    try:
        grids = read_grids(path)
        code_sheets = {n: list_for_sheet(n) for n in grids}
    except MamnonError:
        raise
    except Exception as exc:  # calamine raises its own errors on a damaged file
        raise _refused(path, _("tệp bị hỏng, Excel không mở được ({error}).").format(error=type(exc).__name__)) from None
    data_grids = {n: g for n, g in grids.items() if code_sheets[n] is None}
    best = _find_header(data_grids, templates)
    if best is None:
        raise _refused(path, _missing_message(templates))
    _best_score, sheet_name, header_index, template, columns = best
    grid = data_grids[sheet_name]
    header_cells = grid[header_index]
    lists = {}
    used_sheets = []
    for name, base in code_sheets.items():
        if base is not None:
            read = _code_list(base, name, grids[name])
            if read is not None:
                lists[base.name] = read
                used_sheets.append(name)
    sheet = ParsedSheet(template, sheet_name, columns,
                        {k: _header_text(header_cells[j]) for k, j in columns.items()}, code_lists=lists)
    raw = [(header_index + 2 + i, row) for i, row in enumerate(grid[header_index + 1:])]
    parse_rows(sheet, raw, today=today)
    return CsdlFile(path, sheet, header_index + 1, _unknown(template, header_cells, columns), used_sheets)
