"""Opening a standard workbook safely and reading its data sheets as raw cell values.

Files come from USB sticks and email, saved by Excel, LibreOffice or WPS, and
are sometimes not what their name says. Everything that can be judged before
openpyxl parses XML is judged on the bytes and the zip first by
importers.safe_zip (size, magic number, zip bombs, DOCTYPE/ENTITY
declarations, a sheet's extent), so a hostile file is refused with a
message naming it (in the interface language) and never reaches the parser. The kind comes from the hidden
"_mamnon" sheet, or from the header row when a user copied the data into a
new file and lost that sheet.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from importers.safe_zip import MAX_FILE_BYTES, MAX_RATIO, MAX_UNCOMPRESSED_BYTES, UnsafeFile, check_xlsx
from mamnon.errors import MamnonError
from mamnon.i18n import _
from mamnon.workbooks.cells import clean_text, is_blank
from mamnon.workbooks.checksum import data_checksum
from mamnon.workbooks.kinds import KIND_LABELS, SPECS, kind_from_headers
from mamnon.workbooks.spec import INSTRUCTIONS_SHEET, META_SHEET, SheetSpec, WorkbookSpec, header_key

__all__ = ["ImportRefused", "RowData", "SheetData", "WorkbookFile", "checksum_of", "open_workbook",
           "CALAMINE", "OPENPYXL", "MAX_FILE_BYTES", "MAX_UNCOMPRESSED_BYTES", "MAX_RATIO"]

HEADER_SCAN_ROWS = 10
MAX_IMPORT_ROWS = 10_000
"""Data rows a sheet of a school's workbook may have: a preschool has hundreds of children, a commune's census
a few thousand. Far beyond that the checks and the marked copy of the errors would run for minutes."""
UNLIMITED_KINDS = ("report", "units")
"""A merged report lists every school under the office; the limits of importers.safe_zip still hold."""

OPENPYXL, CALAMINE = "openpyxl", "calamine"
"""The engines of `open_workbook`."""


class ImportRefused(MamnonError):
    """The file cannot be read as a standard workbook (the message, in the interface language, names the file)."""


@dataclass
class RowData:
    row: int
    """1-based Excel row."""
    values: dict[str, object]
    """Column key → raw cell value, for the columns the file has."""


@dataclass
class SheetData:
    name: str
    """The worksheet's name in the file (users rename sheets)."""
    spec: SheetSpec
    header_row: int
    """1-based Excel row of the headers."""
    columns: dict[str, int]
    """Column key → 0-based index in the sheet."""
    rows: list[RowData] = field(default_factory=list)
    unmatched: tuple[str, ...] = ()
    """Header cells that named no column of the spec (a newer version's column, a user's own)."""


@dataclass
class WorkbookFile:
    path: Path
    kind: str
    spec: WorkbookSpec
    meta: dict[str, str]
    sheets: dict[str, SheetData]
    """Keyed by the spec's sheet name."""
    has_metadata: bool
    checksum_ok: bool | None = None
    """None when the file carries no metadata (or no checksum) to compare with."""

    @property
    def kind_label(self) -> str:
        """For screens and commands, so in the interface language."""
        return kind_label(self.kind)


def open_workbook(path, *, expected_kind: str | None = None, unit_code: str | None = None,
                  engine: str = OPENPYXL) -> WorkbookFile:
    """Check `path` and read every data sheet of its kind, or raise ImportRefused.

    `unit_code`: the code of the school importing; a file stamped with another
    unit's code is refused (a blank template's empty code is accepted).
    `engine`: CALAMINE reads cell values about 10× faster (a merge reads
    thousands of report files) and gives the same values, normalised to what
    openpyxl returns; every check above runs before either parser sees the file.
    """
    path = Path(path)
    _check_file(path)
    try:
        book = _CalamineBook(path) if engine == CALAMINE else \
            openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises anything from KeyError to XML errors on a damaged file
        raise _refused(path, _damaged(exc)) from None
    try:
        return _read(path, book, expected_kind, unit_code)
    except MamnonError:
        raise
    except Exception as exc:  # read_only mode parses sheet XML lazily: damage shows up only here
        raise _refused(path, _damaged(exc)) from None
    finally:
        book.close()


def _refused(path: Path, reason: str) -> ImportRefused:
    return ImportRefused(refused_text(path.name, reason))


def refused_text(name: str, reason: str) -> str:
    """The whole refusal; importers.merge_inputs strips the lead again, so it is written in one place."""
    return _("Không nhập được tệp {name}: {reason}").format(name=name, reason=reason)


def _damaged(exc: Exception) -> str:
    return _("tệp bị hỏng, Excel không mở được ({error}).").format(error=type(exc).__name__)


def _short(text: str, limit: int = 60) -> str:
    """A value from the file as quoted in a message: a 40 000-character cell must not become the message."""
    return text if len(text) <= limit else text[:limit] + "…"


# ---------------------------------------------------------------- before parsing


def _check_file(path: Path) -> None:
    try:
        check_xlsx(path)
    except UnsafeFile as exc:
        raise _refused(path, str(exc)) from None


# ---------------------------------------------------------------- calamine, dressed as openpyxl's read-only book


def _openpyxl_value(value: object) -> object:
    """A calamine cell as openpyxl returns it: blank → None, 3.0 → 3 (xlsxwriter writes whole
    numbers without a point, which openpyxl reads as int), a date → a datetime at midnight."""
    if value == "":
        return None
    if type(value) is float:
        return int(value) if value.is_integer() else value
    if type(value) is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    return value


def _openpyxl_row(row: list) -> tuple:
    """_openpyxl_value over a row, inline: a merge converts every cell of every file."""
    return tuple([None if value == "" else int(value) if type(value) is float and value.is_integer()
                  else _openpyxl_value(value) if type(value) is dt.date else value for value in row])


class _CalamineSheet:
    def __init__(self, book, name: str) -> None:
        self._book = book
        self.title = name
        self._grid: list[tuple] | None = None

    def reset_dimensions(self) -> None:
        """Nothing to reset: calamine reads the cells that are there, not the stored <dimension>."""

    def _rows(self) -> list[tuple]:
        if self._grid is None:
            # skip_empty_area=False keeps the grid at A1, so list index + 1 is the Excel row
            raw = self._book.get_sheet_by_name(self.title).to_python(skip_empty_area=False)
            self._grid = [_openpyxl_row(row) for row in raw]
        return self._grid

    def iter_rows(self, min_row: int = 1, max_row: int | None = None, max_col: int | None = None,
                  values_only: bool = True):
        for row in self._rows()[min_row - 1:max_row]:
            yield row[:max_col] if max_col is not None else row


class _CalamineBook:
    """The part of openpyxl's read-only workbook that `_read` uses, over python-calamine."""

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook  # only a merge needs it: kept out of TUI start-up

        self._book = CalamineWorkbook.from_path(str(path))
        self.sheetnames = list(self._book.sheet_names)
        self.worksheets = [_CalamineSheet(self._book, name) for name in self.sheetnames]
        self._by_name = {ws.title: ws for ws in self.worksheets}

    def __getitem__(self, name: str) -> _CalamineSheet:
        return self._by_name[name]

    def close(self) -> None:
        self._book.close()


# ---------------------------------------------------------------- parsing


def _read(path: Path, book, expected_kind: str | None, unit_code: str | None) -> WorkbookFile:
    meta = _read_meta(book)
    has_meta = bool(meta.get("kind"))
    kind = meta.get("kind") or _kind_by_headers(book)
    if not kind:
        raise _refused(path, _("không nhận ra loại biểu (không có trang «_mamnon» và không tìm thấy dòng "
                               "tiêu đề cột của biểu chuẩn nào). Hãy dùng tệp mẫu do phần mềm tạo."))
    if kind not in SPECS:
        raise _refused(path, _("loại biểu «{kind}» không có trong phần mềm này.").format(kind=_short(kind)))
    spec = SPECS[kind]
    if expected_kind and kind != expected_kind:
        raise _refused(path, _("đây là biểu «{kind}», không phải «{expected}».").format(
            kind=kind_label(kind), expected=kind_label(expected_kind)))
    if has_meta:
        _check_version(path, meta, spec)
        _check_unit(path, meta, unit_code)
    sheets = {s.name: _read_sheet(path, book, s) for s in spec.sheets}
    if kind not in UNLIMITED_KINDS:
        _check_row_count(path, sheets)
    result = WorkbookFile(path, kind, spec, meta, sheets, has_meta)
    if has_meta and meta.get("checksum"):
        result.checksum_ok = checksum_of(result) == meta["checksum"]
    return result


def kind_label(kind: str) -> str:
    """A kind's name in the interface language (KIND_LABELS keeps the Vietnamese the workbooks print)."""
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def _meta_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return clean_text(value)


def _read_meta(book) -> dict[str, str]:
    if META_SHEET not in book.sheetnames:
        return {}
    meta: dict[str, str] = {}
    for row in book[META_SHEET].iter_rows(max_col=2, values_only=True):
        if row and not is_blank(row[0]):
            meta[_meta_text(row[0])] = _meta_text(row[1] if len(row) > 1 else None)
    return meta


def _check_version(path: Path, meta: dict[str, str], spec: WorkbookSpec) -> None:
    text = meta.get("template_version", "")
    try:
        version = int(text) if text else spec.version
    except ValueError:
        raise _refused(path, _("phiên bản mẫu «{version}» không đọc được.").format(version=_short(text))) from None
    if version > spec.version:
        raise _refused(path, _("tệp theo mẫu phiên bản {version}, mới hơn phần mềm này (đọc được đến "
                               "phiên bản {supported}). Hãy cập nhật phần mềm mamnon.").format(
            version=version, supported=spec.version))


def _check_unit(path: Path, meta: dict[str, str], unit_code: str | None) -> None:
    code = meta.get("unit_code", "")
    if unit_code and code and code != unit_code:
        name = _short(meta.get("unit_name", ""))
        code = _short(code)
        if name:
            reason = _("tệp là của đơn vị «{name}» (mã {code}), không phải của trường này (mã {ours}).")
        else:
            reason = _("tệp là của đơn vị mã {code}, không phải của trường này (mã {ours}).")
        raise _refused(path, reason.format(name=name, code=code, ours=unit_code))


def _data_worksheets(book):
    return [ws for ws in book.worksheets if ws.title not in (META_SHEET, INSTRUCTIONS_SHEET)]


def _head_rows(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True))


def _kind_by_headers(book) -> str | None:
    for ws in _data_worksheets(book):
        ws.reset_dimensions()
        for row in _head_rows(ws):
            kind = kind_from_headers(ws.title, list(row))
            if kind:
                return kind
    return None


_header_key = functools.lru_cache(maxsize=8192, typed=True)(header_key)
"""typed: a cell True must not be taken for a cell 1."""
_WANTED: dict[int, tuple[SheetSpec, dict[str, str]]] = {}


_MATCHED: dict[tuple, tuple[SheetSpec, dict[str, int]]] = {}
_MATCHED_LIMIT = 512


def _match(sheet: SheetSpec, row: tuple) -> dict[str, int]:
    """_match_row, remembered per (sheet, row): the first rows of a sheet (titles, the header) are the same
    in every file of a merge, and a whole tuple compares in one C call where matching it walks every cell.
    The cells' types are part of the key, since True, 1 and 1.0 are equal in a tuple but not as headers."""
    key = (id(sheet), row, tuple(map(type, row)))
    try:
        kept = _MATCHED.get(key)
    except TypeError:  # a cell value that cannot be hashed: match it afresh
        return _match_row(sheet, row)
    if kept is None or kept[0] is not sheet:
        kept = (sheet, _match_row(sheet, row))
        if len(_MATCHED) >= _MATCHED_LIMIT:  # data rows among the first rows differ per file: keep it bounded
            _MATCHED.clear()
        _MATCHED[key] = kept
    return dict(kept[1])


def _match_row(sheet: SheetSpec, row: tuple) -> dict[str, int]:
    """spec.match_headers, with the folded headers remembered: a merge reads hundreds of files with the
    same headers, and folding every header again for each of the first rows of each sheet of each file
    was most of the time spent on a school's report."""
    kept = _WANTED.get(id(sheet))
    if kept is None or kept[0] is not sheet:
        kept = _WANTED[id(sheet)] = (sheet, {header_key(c.header): c.key for c in sheet.columns})
    wanted = kept[1]
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = wanted.get(_header_key(cell))
        if key is not None and key not in found:
            found[key] = index
    return found


def _find_header(ws, sheet: SheetSpec) -> tuple[int, dict[str, int]] | None:
    """(1-based row, columns) of the row in the first rows that names the most of the sheet's headers."""
    required = [c.key for c in sheet.columns if c.required]
    best: tuple[int, dict[str, int]] | None = None
    for number, row in enumerate(_head_rows(ws), start=1):
        found = _match(sheet, row)
        if found and all(k in found for k in required) and (best is None or len(found) > len(best[1])):
            best = (number, found)
    return best


def _locate_sheet(book, sheet: SheetSpec):
    """The worksheet holding `sheet`: by name first, else the first whose header row fits."""
    candidates = _data_worksheets(book)
    candidates.sort(key=lambda ws: ws.title != sheet.name)
    for ws in candidates:
        ws.reset_dimensions()  # some writers store a wrong <dimension>; read_only mode would trust it
        header = _find_header(ws, sheet)
        if header is not None:
            return ws, header
    return None, None


def _check_row_count(path: Path, sheets: dict[str, SheetData]) -> None:
    for data in sheets.values():
        if len(data.rows) > MAX_IMPORT_ROWS:
            raise _refused(path, _("trang «{sheet}» có {rows} dòng dữ liệu, quá nhiều cho một trường "
                                   "(tối đa {limit}; nghi là tệp lỗi). Hãy tách thành nhiều tệp.").format(
                sheet=data.name, rows=f"{len(data.rows):,}".replace(",", "."),
                limit=f"{MAX_IMPORT_ROWS:,}".replace(",", ".")))


def _read_sheet(path: Path, book, sheet: SheetSpec) -> SheetData:
    ws, header = _locate_sheet(book, sheet)
    if ws is None:
        needed = ", ".join(f"«{c.header}»" for c in sheet.columns if c.required)
        raise _refused(path, _("không tìm thấy trang «{sheet}» (hoặc một trang có đủ các cột bắt buộc "
                               "{needed} trong {rows} dòng đầu).").format(
            sheet=sheet.name, needed=needed, rows=HEADER_SCAN_ROWS))
    header_row, columns = header
    data = SheetData(ws.title, sheet, header_row, columns, unmatched=_unmatched(ws, header_row, columns))
    keys, where = tuple(columns), tuple(columns.values())
    # itemgetter picks a whole row's cells in one call: a province's merge reads a million of them
    pick = operator.itemgetter(*where) if len(where) > 1 else (lambda cells: (cells[where[0]],))
    width = max(where) + 1
    for number, cells in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
        picked = pick(cells) if len(cells) >= width else tuple(cells[i] if i < len(cells) else None for i in where)
        if _blank(picked):
            continue
        data.rows.append(RowData(number, dict(zip(keys, picked))))
    return data


def _unmatched(ws, header_row: int, columns: dict[str, int]) -> tuple[str, ...]:
    row = next(ws.iter_rows(min_row=header_row, max_row=header_row, values_only=True), ())
    used = set(columns.values())
    return tuple(clean_text(cell) for i, cell in enumerate(row) if i not in used and not is_blank(cell))


def _blank(values) -> bool:
    """all(is_blank(v)), without turning every number into text first (a number is never blank)."""
    return all(v is None or (isinstance(v, str) and is_blank(v)) for v in values)


def checksum_of(book: WorkbookFile) -> str:
    """The data checksum of what was read, columns put back into the spec's order."""
    return data_checksum((s.name, _ordered(book.sheets[s.name].rows, s.keys)) for s in book.spec.sheets)


def _ordered(rows: list[RowData], keys: tuple[str, ...]):
    for r in rows:
        yield map(r.values.get, keys)
