"""Writing any standard workbook from its spec (mamnon.workbooks.kinds): templates and exports alike.

`write_workbook` lays out every data sheet of a `WorkbookSpec` the same way —
unit name, title and period line above the header row, Vietnamese headers
(" *" on required ones), drop-downs and range checks on the data rows, the
input cells unlocked and everything else locked under a password-free
protection — then the instruction sheet "Hướng dẫn", the hidden list sheet
"_danh_muc" for drop-downs too long to write inline, and the hidden metadata
sheet "_mamnon" with the checksum of the data cells as written.

Every string is written with `write_string`, so a child named "=HYPERLINK(…)"
or "-Minh" stays text in every spreadsheet program (no formula injection).
"""

from __future__ import annotations

# i18n-data: headers, instructions and data checks are the standard workbook's content, Vietnamese in every
# language (the office above reads and merges them); only the progress lines below are interface
import datetime as dt
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import mamnon
from exporters.xlsx import (A4, FONT, Workbook, Worksheet, atomic_workbook, header_text, number_cells_worksheet,
                            setup_a4_page)
from mamnon.i18n import _
from mamnon.workbooks.cells import display_value
from mamnon.workbooks.checksum import data_checksum
from mamnon.workbooks.kinds import COMMON_INSTRUCTIONS, KIND_LABELS
from mamnon.workbooks.spec import (
    CHOICE, DATE, DECIMAL, INSTRUCTIONS_SHEET, INTEGER, META_KEYS, META_LABELS, META_SHEET, SEX, YESNO,
    Column, SheetSpec, WorkbookSpec, column_letter,
)

__all__ = ["LISTS_SHEET", "UnitMeta", "write_workbook"]

LISTS_SHEET = "_danh_muc"
"""Hidden sheet holding drop-down lists too long for Excel's 255-character inline list."""

INLINE_LIST_MAX_VALUES = 8
INLINE_LIST_MAX_CHARS = 100
"""Short fixed lists (Nam/Nữ, Có/Không, x/P/K) stay inline; anything longer, or any list a
school fills (classes), goes to LISTS_SHEET so it can never hit the 255-character limit."""

LANDSCAPE_FROM_WIDTH = 95
"""Total column width (characters) beyond which a sheet no longer fits A4 portrait."""

DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
SHADE = "#D9D9D9"
INPUT_FILL = "#FFFFFF"
HEADER_FILL = "#DDEBF7"
TITLE_LIMIT = 32
"""Excel's limit on a validation's input/error title."""
MESSAGE_LIMIT = 255

PROTECTION_OPTIONS = {
    "format_cells": False, "format_columns": True, "format_rows": True, "insert_rows": False,
    "sort": True, "autofilter": True, "select_locked_cells": True, "select_unlocked_cells": True,
}


@dataclass(frozen=True)
class UnitMeta:
    code: str
    name: str
    level: str


# ---------------------------------------------------------------- formats


class _Formats:
    """Cell formats, created once per distinct look (xlsxwriter keeps every format object)."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._cache: dict[tuple, object] = {}
        self.unit = self._make(bold=True)
        self.title = self._make(bold=True, font_size=14, align="center")
        self.subtitle = self._make(italic=True, align="center")
        self.header = self._make(bold=True, text_wrap=True, align="center", valign="vcenter", border=1,
                                 bg_color=HEADER_FILL)
        self.plain = self._make()
        self.wrap = self._make(text_wrap=True, valign="top")
        self.bold_wrap = self._make(bold=True, text_wrap=True, valign="top")

    def _make(self, **props):
        return self.book.add_format({"font_name": FONT, "font_size": 11, **props})

    def cell(self, number_format: str, *, unlocked: bool, shaded: bool = False):
        key = (number_format, unlocked, shaded)
        if key not in self._cache:
            props: dict[str, object] = {"border": 1, "border_color": "#A6A6A6", "locked": not unlocked}
            if number_format:
                props["num_format"] = number_format
            if shaded:
                props["bg_color"] = SHADE
            elif unlocked:
                props["bg_color"] = INPUT_FILL
            self._cache[key] = self._make(**props)
        return self._cache[key]


# ---------------------------------------------------------------- cells


def _write_value(ws: Worksheet, row: int, col: int, value: object, fmt) -> None:
    """One cell by its Python type; text always as text, never as a formula or a URL."""
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, (dt.datetime, dt.date)):
        ws.write_datetime(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _display_rows(sheet: SheetSpec, rows: Sequence[Mapping[str, object]]) -> list[list[object]]:
    """Rows as written: display values in the spec's column order (what the checksum covers)."""
    return [[display_value(c, r.get(c.key)) for c in sheet.columns] for r in rows]


def header_label(column: Column) -> str:
    return column.header + (" *" if column.required else "")


# ---------------------------------------------------------------- drop-down lists


class _Lists:
    """The hidden list sheet: one column per distinct long list, referenced by absolute range."""

    def __init__(self) -> None:
        self.columns: list[tuple[str, tuple[str, ...]]] = []

    def source(self, name: str, values: tuple[str, ...], *, school_list: bool = False) -> list[str] | str:
        if _inline(values) and not school_list:
            return list(values)
        for index, (_name, existing) in enumerate(self.columns):
            if existing == values:
                return self._range(index, len(values))
        self.columns.append((name, values))
        return self._range(len(self.columns) - 1, len(values))

    @staticmethod
    def _range(index: int, count: int) -> str:
        letter = column_letter(index)
        return f"='{LISTS_SHEET}'!${letter}$2:${letter}${count + 1}"

    def write(self, book: Workbook, formats: _Formats) -> None:
        if not self.columns:
            return
        ws = book.add_worksheet(LISTS_SHEET)
        for col, (name, values) in enumerate(self.columns):
            ws.write_string(0, col, name, formats.unit)
            for row, value in enumerate(values, start=1):
                ws.write_string(row, col, value, formats.plain)
            ws.set_column(col, col, max([len(name)] + [len(v) for v in values]) + 2)
        ws.hide()
        ws.protect("")


def _inline(values: tuple[str, ...]) -> bool:
    return (len(values) <= INLINE_LIST_MAX_VALUES and len(",".join(values)) <= INLINE_LIST_MAX_CHARS
            and not any("," in v or '"' in v for v in values))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number_text(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _allowed_values(column: Column, choices: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    if column.choices_from:
        return tuple(choices.get(column.choices_from, ()))
    return column.allowed


def _list_validation(column: Column, values: tuple[str, ...], lists: _Lists) -> dict:
    shown = ", ".join(values[:10]) + (", …" if len(values) > 10 else "")
    return {
        "validate": "list", "source": lists.source(column.header, values, school_list=bool(column.choices_from)),
        "error_title": "Giá trị không có trong danh sách",
        "error_message": _short(f"Chọn một giá trị trong danh sách thả xuống: {shown}.", MESSAGE_LIMIT),
    }


def _range_validation(column: Column) -> dict | None:
    if column.type == DATE:
        return {"validate": "date", "criteria": "between", "minimum": DATE_MIN, "maximum": DATE_MAX,
                "error_title": "Ngày không hợp lệ",
                "error_message": "Cần một ngày, gõ dạng dd/mm/yyyy (ví dụ 05/09/2022)."}
    if column.type not in (INTEGER, DECIMAL) or (column.minimum is None and column.maximum is None):
        return None
    kind = "integer" if column.type == INTEGER else "decimal"
    what = "số nguyên" if column.type == INTEGER else "số"
    if column.minimum is not None and column.maximum is not None:
        bounds = {"criteria": "between", "minimum": column.minimum, "maximum": column.maximum}
        text = f"từ {_number_text(column.minimum)} đến {_number_text(column.maximum)}"
    elif column.minimum is not None:
        bounds = {"criteria": ">=", "value": column.minimum}
        text = f"từ {_number_text(column.minimum)} trở lên"
    else:
        bounds = {"criteria": "<=", "value": column.maximum}
        text = f"không quá {_number_text(column.maximum)}"
    return {"validate": kind, **bounds, "error_title": "Số không hợp lệ",
            "error_message": f"Cần {what} {text}."}


def column_validation(column: Column, choices: Mapping[str, Sequence[str]], lists: _Lists) -> dict | None:
    """The data validation of an input column, with its input message; None when it has neither."""
    validation: dict | None = None
    if column.type in (SEX, YESNO, CHOICE):
        values = _allowed_values(column, choices)
        if values:
            validation = _list_validation(column, values, lists)
    else:
        validation = _range_validation(column)
    note = column.note or _default_note(column, choices)
    if note:
        validation = validation or {"validate": "any"}
        validation.update({"input_title": _short(column.header, TITLE_LIMIT),
                           "input_message": _short(note, MESSAGE_LIMIT)})
    if validation is not None and validation["validate"] != "any":
        validation["error_type"] = "stop"
    return validation


def _default_note(column: Column, choices: Mapping[str, Sequence[str]]) -> str:
    if column.choices_from == "classes" and not choices.get("classes"):
        return "Tên một lớp của năm học hiện tại, đúng như trong phần mềm."
    return ""


# ---------------------------------------------------------------- data sheets


@dataclass(frozen=True)
class _SheetJob:
    sheet: SheetSpec
    rows: list[list[object]]
    input_rows: int
    subtitle: str
    closed: frozenset[str]


def _write_titles(ws: Worksheet, job: _SheetJob, unit: UnitMeta, formats: _Formats) -> None:
    sheet, last_col = job.sheet, len(job.sheet.columns) - 1
    ws.write_string(0, 0, unit.name, formats.unit)
    for row, text, fmt in ((1, sheet.title, formats.title), (2, job.subtitle, formats.subtitle)):
        if row >= sheet.header_row:
            break
        _merged_text(ws, row, last_col, text, fmt)
    for col, column in enumerate(sheet.columns):
        ws.write_string(sheet.header_row, col, header_label(column), formats.header)
        ws.set_column(col, col, column.width)
    ws.set_row(sheet.header_row, 32)


def _merged_text(ws: Worksheet, row: int, last_col: int, text: str, fmt) -> None:
    """Text across columns 0..last_col; merge_range alone would turn "=…" into a formula."""
    if last_col > 0:
        ws.merge_range(row, 0, row, last_col, "", fmt)
    ws.write_string(row, 0, text, fmt)


def _write_cells(ws: Worksheet, job: _SheetJob, formats: _Formats, *, fill_in: bool = True) -> None:
    sheet = job.sheet
    column_formats = [
        formats.cell(c.format, unlocked=c.input and c.key not in job.closed, shaded=c.key in job.closed)
        for c in sheet.columns
    ]
    # In a read-only workbook (a report) a blank cell says nothing: skipping them keeps a 3,000-school
    # merged report fast and small. A template keeps every cell's borders, locks and shading.
    blank_matters = [fill_in or (c.input and c.key not in job.closed) or c.key in job.closed for c in sheet.columns]
    first = sheet.first_data_row
    # the undecorated writers: the public ones first check for "A1" notation, once per cell
    write_number = getattr(ws, "_write_number", ws.write_number)
    write_string = getattr(ws, "_write_string", ws.write_string)
    for index in range(max(len(job.rows), job.input_rows)):
        values = job.rows[index] if index < len(job.rows) else None
        row = first + index
        for col, fmt in enumerate(column_formats):
            value = values[col] if values else None
            kind = type(value)
            # numbers and text inline: a province's merged report is a million cells
            if kind is int or kind is float:
                write_number(row, col, value, fmt)
            elif kind is str and value:
                write_string(row, col, value, fmt)
            elif (value is None or value == "") and not blank_matters[col]:
                continue
            else:
                _write_value(ws, row, col, value, fmt)


def _add_validations(ws: Worksheet, job: _SheetJob, choices: Mapping[str, Sequence[str]], lists: _Lists) -> None:
    """One validation per run of neighbouring columns with the same rule (31 attendance days → one)."""
    sheet = job.sheet
    last_row = sheet.first_data_row + max(len(job.rows), job.input_rows) - 1
    if last_row < sheet.first_data_row:
        return
    runs: list[tuple[int, int, dict]] = []
    for col, column in enumerate(sheet.columns):
        if not column.input or column.key in job.closed:
            continue
        rule = column_validation(column, choices, lists)
        if rule is None:
            continue
        if runs and runs[-1][1] == col - 1 and runs[-1][2] == rule:
            runs[-1] = (runs[-1][0], col, rule)
        else:
            runs.append((col, col, rule))
    for first_col, last_col, rule in runs:
        ws.data_validation(sheet.first_data_row, first_col, last_row, last_col, dict(rule))


def _page_setup(ws: Worksheet, job: _SheetJob, unit: UnitMeta, spec: WorkbookSpec) -> None:
    sheet = job.sheet
    wide = sum(c.width for c in sheet.columns) > LANDSCAPE_FROM_WIDTH
    setup_a4_page(ws, landscape=wide, margins_cm=(1.2, 1.0, 1.8, 1.6), fit_one_page=False,
                  header=header_text(left=unit.name, right=KIND_LABELS.get(spec.kind, spec.title)),
                  footer=header_text(center="Trang {page}/{pages}"))
    # One page wide, as many pages tall as the rows need.
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, sheet.header_row)


def _write_data_sheet(book: Workbook, job: _SheetJob, unit: UnitMeta, spec: WorkbookSpec,
                      choices: Mapping[str, Sequence[str]], formats: _Formats, lists: _Lists,
                      protect: bool) -> None:
    sheet = job.sheet
    ws = book.add_worksheet(sheet.name, worksheet_class=number_cells_worksheet())
    _write_titles(ws, job, unit, formats)
    _write_cells(ws, job, formats, fill_in=spec.fill_in)
    _add_validations(ws, job, choices, lists)
    last_row = sheet.first_data_row + max(len(job.rows), job.input_rows, 1) - 1
    ws.autofilter(sheet.header_row, 0, last_row, len(sheet.columns) - 1)
    ws.freeze_panes(sheet.first_data_row, 0)
    _page_setup(ws, job, unit, spec)
    if protect:
        ws.protect("", PROTECTION_OPTIONS)


# ---------------------------------------------------------------- instructions and metadata


def _column_rule(column: Column, choices: Mapping[str, Sequence[str]]) -> str:
    if column.type in (SEX, YESNO, CHOICE):
        values = _allowed_values(column, choices)
        if values:
            return "Chọn trong danh sách: " + ", ".join(values) + "."
        return "Chọn trong danh sách."
    rules = {DATE: "Ngày, dạng dd/mm/yyyy.", INTEGER: "Số nguyên.", DECIMAL: "Số, dấu thập phân là dấu phẩy."}
    text = rules.get(column.type, "Chữ.")
    if column.minimum is not None and column.maximum is not None:
        text += f" Từ {_number_text(column.minimum)} đến {_number_text(column.maximum)}."
    if not column.input:
        text += " Phần mềm điền sẵn, không sửa."
    return text


def _write_instructions(book: Workbook, spec: WorkbookSpec, choices: Mapping[str, Sequence[str]],
                        formats: _Formats, protect: bool) -> None:
    ws = book.add_worksheet(INSTRUCTIONS_SHEET)
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 60)
    ws.set_column(3, 3, 40)
    ws.write_string(0, 0, f"HƯỚNG DẪN ĐIỀN BIỂU «{spec.title}»", formats.title)
    row = 2
    for line in (*COMMON_INSTRUCTIONS, *spec.instructions):
        _merged_text(ws, row, 3, f"• {line}", formats.wrap)
        ws.set_row(row, 30)
        row += 1
    for sheet in spec.sheets:
        row += 1
        ws.write_string(row, 0, f"Trang «{sheet.name}»", formats.unit)
        row += 1
        for col, text in enumerate(("Cột", "Bắt buộc", "Giá trị cho phép / cách ghi", "Ghi chú")):
            ws.write_string(row, col, text, formats.header)
        row += 1
        for column in sheet.columns:
            values = (column.header, "Có" if column.required else "", _column_rule(column, choices), column.note)
            for col, text in enumerate(values):
                ws.write_string(row, col, text, formats.wrap)
            row += 1
    ws.fit_to_pages(1, 0)
    ws.set_paper(A4)
    if protect:
        ws.protect("", PROTECTION_OPTIONS)


def _write_meta(book: Workbook, values: Mapping[str, str], formats: _Formats) -> None:
    """Hidden (not "very hidden"): an office can unhide it from Excel's menu to see whose file it is,
    and the protection keeps anyone from changing it by accident."""
    ws = book.add_worksheet(META_SHEET)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 66)
    ws.set_column(2, 2, 22)
    for row, (key, value) in enumerate(values.items()):
        ws.write_string(row, 0, key, formats.plain)
        ws.write_string(row, 1, value, formats.plain)
        if key in META_LABELS:
            ws.write_string(row, 2, META_LABELS[key], formats.plain)
    ws.hide()
    ws.protect("")


def _meta_values(spec: WorkbookSpec, unit: UnitMeta, period: str, exported_at: dt.datetime, checksum: str,
                 extra: Mapping[str, str]) -> dict[str, str]:
    values = {
        "kind": spec.kind, "template_version": str(spec.version), "unit_code": unit.code,
        "unit_name": unit.name, "unit_level": unit.level, "period": period,
        "exported_at": exported_at.replace(microsecond=0).isoformat(timespec="seconds"),
        "program_version": mamnon.__version__, "checksum": checksum,
    }
    assert tuple(values) == META_KEYS
    for key, value in extra.items():
        if key in values:
            raise ValueError(f"extra metadata may not replace {key!r}")
        values[key] = str(value)
    return values


# ---------------------------------------------------------------- the workbook


def write_workbook(path: str | os.PathLike, spec: WorkbookSpec, *, unit: UnitMeta, period: str = "",
                   rows: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
                   choices: Mapping[str, Sequence[str]] | None = None,
                   subtitle: Mapping[str, str] | None = None, blank_rows: int | None = None,
                   extra_meta: Mapping[str, str] | None = None, exported_at: dt.datetime | None = None,
                   protect: bool = True, closed_columns: Mapping[str, Collection[str]] | None = None,
                   finish: Callable[[Workbook], None] | None = None, progress=None) -> Path:
    """Write a workbook of `spec` to `path` atomically and return the path.

    rows: sheet name → rows ({column key: database value}); display values are
    written. blank_rows: empty input rows after the data (default: the sheet's
    `rows` when it has no data, none otherwise). closed_columns: sheet name →
    input columns to shade and lock (an attendance month's days off). finish:
    called with the open workbook after the data sheets, to add sheets that are
    not data (charts): they are outside the spec, so outside the checksum.
    progress: a mamnon.progress.Progress, one step per sheet and one to save; a cancel
    leaves no file (the temporary file of atomic_workbook is removed).
    """
    from mamnon.progress import ensure

    progress = ensure(progress)
    rows, choices, subtitle = rows or {}, choices or {}, subtitle or {}
    unknown = set(rows) - {s.name for s in spec.sheets}
    if unknown:
        raise ValueError(f"rows for sheets not in {spec.kind!r}: {sorted(unknown)}")
    exported_at = exported_at or dt.datetime.now()
    jobs = [_job(s, rows.get(s.name, ()), subtitle.get(s.name, ""), blank_rows,
                 (closed_columns or {}).get(s.name, ())) for s in spec.sheets]
    checksum = data_checksum((job.sheet.name, job.rows) for job in jobs)
    meta = _meta_values(spec, unit, period, exported_at, checksum, extra_meta or {})
    # A read-only workbook (a report) is written strictly top down: it can stream its rows to disk.
    with atomic_workbook(path, constant_memory=not spec.fill_in) as book:
        book.set_properties({"title": spec.title, "author": unit.name or "mamnon", "created": exported_at,
                             "comments": f"mamnon {mamnon.__version__}"})
        formats, lists = _Formats(book), _Lists()
        progress.stage(len(jobs) + 1, _("Ghi tệp"))
        for job in jobs:
            progress.step(_("Ghi trang «{sheet}»").format(sheet=job.sheet.name))
            _write_data_sheet(book, job, unit, spec, choices, formats, lists, protect)
            progress.advance()
        if spec.fill_in:
            _write_instructions(book, spec, choices, formats, protect)
        if finish is not None:
            finish(book)
        lists.write(book, formats)
        _write_meta(book, meta, formats)
        progress.step(_("Lưu tệp {name}").format(name=Path(path).name))
    progress.finish()  # not a safe point: the file is in place now
    return Path(path)


def _job(sheet: SheetSpec, rows: Sequence[Mapping[str, object]], subtitle: str, blank_rows: int | None,
         closed: Collection[str]) -> _SheetJob:
    data = _display_rows(sheet, rows)
    if blank_rows is None:
        blank_rows = 0 if data else sheet.rows
    unknown = set(closed) - set(sheet.keys)
    if unknown:
        raise ValueError(f"closed columns not in sheet {sheet.name!r}: {sorted(unknown)}")
    return _SheetJob(sheet, data, len(data) + blank_rows, subtitle, frozenset(closed))
