"""Raw cell values of a CSDL ngành sheet → checked records, every bad cell reported where it is.

Dates may be real dates, Excel serial numbers or text dd/mm/yyyy; none is ever
dropped silently (a date that cannot be read is an error on its cell). A coded
value outside its list rejects the row, naming the allowed values. Blank
cells are left out of a record, so a blank never overwrites what the school has.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mamnon.csdl.codes import SHIPPED, CodeList
from mamnon.csdl.spec import CODE, DATE, PERSONAL_ID, SKIP, CsdlTemplate
from mamnon.i18n import _
from mamnon.workbooks.cells import CellError, CellValueError, clean_text, parse_code, parse_date

_TWELVE_DIGITS = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class ParsedRow:
    row: int
    """1-based row of the sheet."""
    values: dict[str, object]
    """Field key → clean value; blank cells are absent. Coded fields hold (code, name)."""


@dataclass
class ParsedSheet:
    template: CsdlTemplate
    sheet: str
    columns: dict[str, int]
    """Field key → 0-based column."""
    headers: dict[str, str]
    """Field key → the header as the file writes it."""
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    code_lists: dict[str, CodeList] = field(default_factory=dict)

    def locate(self, row: int, key: str, value: object, message: str) -> CellError:
        """A CellError on the row's cell of `key` (its first column when the file lacks that column)."""
        if key in self.columns:
            return CellError(self.sheet, row, self.columns[key], self.headers[key], clean_text(value), message)
        first = min(self.columns, key=self.columns.get)
        return CellError(self.sheet, row, self.columns[first], self.headers[first], clean_text(value), message)


def personal_id_problem(value: str, birth: dt.date | None = None, sex: str = "") -> tuple[str, str]:
    """(error, warning) of a personal ID number (số định danh cá nhân, Nghị định 137/2015/NĐ-CP Điều 7):
    twelve digits — 3 of the province of birth registration, 1 of century and sex (0/1: 1900s male/female,
    2/3: 2000s), 2 of the year of birth, 6 more. Only the length is an error; a mismatch with the
    birth date or sex is a warning, since one of the two may be the typo."""
    if not _TWELVE_DIGITS.match(value):
        return _("Số định danh cá nhân phải gồm đúng 12 chữ số."), ""
    if birth is not None and sex in ("M", "F"):
        century = (birth.year // 100) - 19
        expected = str(century * 2 + (sex == "F"))
        if value[3] != expected or value[4:6] != f"{birth.year % 100:02d}":
            template = (_("Số định danh cá nhân không khớp năm sinh {year} và giới tính Nữ (chữ số thứ 4–6 phải là "
                          "{digits}).") if sex == "F" else
                        _("Số định danh cá nhân không khớp năm sinh {year} và giới tính Nam (chữ số thứ 4–6 phải là "
                          "{digits})."))
            return "", template.format(year=birth.year, digits=f"{expected}{birth.year % 100:02d}")
    return "", ""


def _code_value(value: object, code_list: CodeList) -> tuple[str, str]:
    text = unicodedata.normalize("NFC", clean_text(value))
    if not code_list.entries:  # no list known for this column: keep the text as the name
        return "", text
    found = code_list.lookup(value)
    if found is None:
        if code_list.source != "shipped":
            template = _("«{text}» không có trong trang danh mục của tệp ({list}). Giá trị được phép: {allowed}.")
        else:
            template = _("«{text}» không có trong danh mục của Bộ ({list}). Giá trị được phép: {allowed}.")
        raise CellValueError(template.format(text=text, list=_(code_list.label), allowed=code_list.allowed_text()))
    return found


def parse_value(kind: str, value: object, code_list: CodeList | None, today: dt.date) -> object:
    if kind == DATE:
        return parse_date(value, today=today)
    if kind == CODE and code_list is not None:
        return _code_value(value, code_list)
    if kind in (CODE, PERSONAL_ID):
        if type(value) is str:  # parse_code's clean_text, skipped for the usual code that is already clean
            text = value.strip()
            if text.isprintable() and "  " not in text:
                return text
        return parse_code(value)
    return _text(value)


def _text(value: object) -> str:
    """clean_text in NFC, without its work for the usual cell that is already clean."""
    if isinstance(value, str):
        text = value.strip()
        # isprintable() is False for line breaks, tabs and no-break spaces: those go through clean_text
        if text.isprintable() and "  " not in text:
            return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    return unicodedata.normalize("NFC", clean_text(value))


@dataclass(frozen=True)
class _Refused:
    message: str


_BLANK, _UNSEEN = object(), object()


def _read_text(kind: str, raw: str, code_list: CodeList | None, today: dt.date) -> object:
    """What a text cell holds: _BLANK, its clean value, or _Refused with the reason."""
    if not raw or raw.isspace():
        return _BLANK
    try:
        return parse_value(kind, raw, code_list, today)
    except CellValueError as exc:
        return _Refused(str(exc))


def parse_rows(sheet: ParsedSheet, raw_rows: Sequence[tuple[int, Sequence[object]]], *,
               today: dt.date | None = None) -> ParsedSheet:
    """Fill `sheet.rows`, `.errors` and `.warnings` from (row number, cell values) pairs."""
    today = today or dt.date.today()
    lists: Mapping[str, CodeList] = {**SHIPPED, **sheet.code_lists}
    # Each column remembers the texts it has read: a column repeats its values ("Nữ", "Kinh", a class,
    # a commune) down thousands of rows. Only text is remembered, since True, 1 and 1.0 are one dict key.
    fields = [(f.key, sheet.columns[f.key], f.kind, lists.get(f.code_list) if f.code_list else None, {})
              for f in sheet.template.fields if f.key in sheet.columns and f.kind != SKIP]
    required = sheet.template.required_keys
    for number, cells in raw_rows:
        values: dict[str, object] = {}
        failed: set[str] = set()
        width = len(cells)
        for key, col, kind, code_list, seen in fields:
            raw = cells[col] if col < width else None
            if raw is None:
                continue
            if type(raw) is str:
                found = seen.get(raw, _UNSEEN)
                if found is _UNSEEN:
                    found = seen[raw] = _read_text(kind, raw, code_list, today)
                if found is _BLANK:
                    continue
            else:
                try:
                    found = parse_value(kind, raw, code_list, today)
                except CellValueError as exc:
                    found = _Refused(str(exc))
            if type(found) is _Refused:
                sheet.errors.append(sheet.locate(number, key, raw, found.message))
                failed.add(key)
            else:
                values[key] = found
        if not values and not failed:
            continue  # an empty row (or only its number): the end of the list or a spacer
        for key in required:
            if key not in values and key not in failed:
                sheet.errors.append(sheet.locate(number, key, None, _("Ô này bắt buộc phải điền.")))
                failed.add(key)
        if "personal_id" in values:
            sex = values.get("sex", ("", ""))[0]
            error, warning = personal_id_problem(str(values["personal_id"]), values.get("birth_date"),
                                                 {"01": "M", "02": "F"}.get(sex, ""))
            if error:
                sheet.errors.append(sheet.locate(number, "personal_id", values["personal_id"], error))
                failed.add("personal_id")
            elif warning:
                sheet.warnings.append(sheet.locate(number, "personal_id", values["personal_id"], warning))
        if not failed:
            sheet.rows.append(ParsedRow(number, values))
    return sheet
