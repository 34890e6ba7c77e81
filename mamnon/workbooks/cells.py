"""Reading what people type into cells: dates, numbers with a decimal comma, "Nữ"/"NU", codes.

Each parser takes the raw value a reader returns (str, int, float, bool,
datetime/date or None) and returns the clean value, or raises CellValueError
with a Vietnamese explanation. `parse_cell` dispatches on the column's type and
checks required / allowed values / ranges, so importers and the merger judge a
cell the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mamnon.i18n import _
from mamnon.vntext import fold
from mamnon.workbooks.spec import (
    CHOICE, CODE, DATE, DECIMAL, INTEGER, NO, SEX, TEXT, YES, YESNO, Column, column_letter,
)

EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Serial 1 = 01/01/1900 once Excel's phantom 29/02/1900 is accounted for (serials ≥ 61)."""


class CellValueError(ValueError):
    """A cell's value cannot be read as its column's type; the message is Vietnamese."""


@dataclass(frozen=True)
class CellError:
    """One bad cell, located the way a user finds it in Excel (row 1-based, column letters)."""

    sheet: str
    row: int
    column: int
    """0-based column index in the sheet."""
    header: str
    value: object
    message: str

    @property
    def cell(self) -> str:
        return f"{column_letter(self.column)}{self.row}"

    def describe(self, file_name: str = "") -> str:
        value = self.value
        if isinstance(value, float):  # as the user typed it: 3,5 not 3.5
            value = f"{value:g}".replace(".", ",")
        shown = "" if value in (None, "") else _(" (giá trị «{value}»)").format(value=value)
        fields = dict(file=file_name, sheet=self.sheet, row=self.row, column=column_letter(self.column),
                      header=self.header, shown=shown, message=self.message)
        if file_name:
            return _("Tệp {file}, trang «{sheet}», dòng {row}, cột {column} «{header}»{shown}: {message}").format(
                **fields)
        return _("trang «{sheet}», dòng {row}, cột {column} «{header}»{shown}: {message}").format(**fields)


def clean_text(value: object) -> str:
    """Text as typed, without surrounding spaces and with inner runs of spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).replace("\u00a0", " ").split())


def is_blank(value: object) -> bool:
    # str.isspace() knows the no-break space and every other space clean_text removes
    if type(value) is str:
        return not value or value.isspace()
    return clean_text(value) == ""


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def _two_digit_year(yy: int, today: dt.date) -> int:
    """'22' → 2022, '98' → 1998: the century that keeps the date from being in the future."""
    year = 2000 + yy
    return year if year <= today.year else 1900 + yy


def parse_date(value: object, *, today: dt.date | None = None) -> dt.date:
    """A real date cell, an Excel serial number, or text dd/mm/yyyy, d/m/yy, yyyy-mm-dd."""
    today = today or dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellValueError(_("Ngày không hợp lệ: cần dạng dd/mm/yyyy."))
    if isinstance(value, (int, float)):
        serial = int(value)
        if serial != value or not 1 <= serial <= 2958465:
            raise CellValueError(_("Số này không phải một ngày: cần dạng dd/mm/yyyy."))
        if serial == 60:
            raise CellValueError(_("Ngày 29/02/1900 không có thật."))
        return EXCEL_EPOCH + dt.timedelta(days=serial if serial > 60 else serial + 1)
    text = clean_text(value)
    m = _DMY.match(text)
    try:
        if m:
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if len(m.group(3)) == 2:
                year = _two_digit_year(year, today)
            return dt.date(year, month, day)
        m = _ISO.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise CellValueError(_("Ngày «{text}» không có thật trên lịch.").format(text=text)) from None
    raise CellValueError(_("Ngày không hợp lệ: cần dạng dd/mm/yyyy, ví dụ 05/09/2022."))


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


def parse_decimal(value: object) -> float:
    """12.5, "12,5", "12.5", "1.234,5" (Vietnamese grouping) → float."""
    if isinstance(value, bool):
        raise CellValueError(_("Cần một số."))
    if isinstance(value, (int, float)):
        return float(value)
    text = clean_text(value).replace(" ", "")
    if _GROUPED.match(text):
        return float(text.replace(".", "").replace(",", "."))
    if _NUMBER.match(text):
        return float(text.replace(",", "."))
    raise CellValueError(_("Cần một số (dấu thập phân là dấu phẩy, ví dụ 12,5)."))


def parse_integer(value: object) -> int:
    number = parse_decimal(value)
    if not number.is_integer():
        raise CellValueError(_("Cần một số nguyên."))
    return int(number)


_SEX = {"nam": "M", "m": "M", "trai": "M", "male": "M",
        "nu": "F", "f": "F", "gai": "F", "female": "F"}


def parse_sex(value: object) -> str:
    """"Nam"/"Nữ" in any case, with or without accents → "M"/"F"."""
    code = _SEX.get(fold(clean_text(value)))
    if code is None:
        raise CellValueError(_("Giới tính phải là «Nam» hoặc «Nữ»."))
    return code


_YES = {"co", "x", "1", "yes", "true", "dung", "v"}
_NO = {"khong", "0", "no", "false", "sai", ""}


def parse_yesno(value: object) -> bool:
    if value is True or value is False:
        return bool(value)
    key = fold(clean_text(value))
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellValueError(_("Chỉ được ghi «{yes}» hoặc «{no}».").format(yes=YES, no=NO))


def parse_choice(value: object, allowed: tuple[str, ...] | list[str]) -> str:
    """The allowed value the cell names, matched without accents or case ("kinh" → "Kinh")."""
    text = clean_text(value)
    key = fold(text)
    for option in allowed:
        if fold(option) == key:
            return option
    shown = ", ".join(allowed[:8]) + (", …" if len(allowed) > 8 else "")
    raise CellValueError(_("Giá trị không có trong danh sách cho phép ({allowed}).").format(allowed=shown))


def parse_code(value: object) -> str:
    """Codes stay text; a number Excel made of "0123" cannot be repaired, so say so."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def _number_text(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def parse_cell(column: Column, value: object, *, choices: tuple[str, ...] | list[str] = (),
               today: dt.date | None = None) -> object:
    """The clean value of one cell for its column, or None when blank and not required."""
    if is_blank(value):
        if column.required:
            raise CellValueError(_("Ô này bắt buộc phải điền."))
        return None
    kind = column.type
    if kind == TEXT:
        result: object = clean_text(value)
    elif kind == CODE:
        result = parse_code(value)
    elif kind == DATE:
        result = parse_date(value, today=today)
    elif kind == INTEGER:
        result = parse_integer(value)
    elif kind == DECIMAL:
        result = parse_decimal(value)
    elif kind == YESNO:
        result = parse_yesno(value)
    elif kind == SEX:
        result = parse_sex(value)
    elif kind == CHOICE:
        result = parse_choice(value, tuple(choices or column.choices))
    else:  # pragma: no cover - Column refuses unknown types
        raise AssertionError(kind)
    if kind in (INTEGER, DECIMAL):
        if column.minimum is not None and result < column.minimum:
            raise CellValueError(_("Phải từ {minimum} trở lên.").format(minimum=_number_text(column.minimum)))
        if column.maximum is not None and result > column.maximum:
            raise CellValueError(_("Không được quá {maximum}.").format(maximum=_number_text(column.maximum)))
    return result


FORMULA_START = ("=", "+", "-", "@")


def is_formula_like(text: object) -> bool:
    """Text a spreadsheet would run as a formula (CSV/formula injection): write it as text."""
    return isinstance(text, str) and text[:1] in FORMULA_START


def display_value(column: Column, value: object) -> object:
    """What a workbook cell holds for a database value: "Nữ" for "F", "Có" for True, codes as text.

    Writers write this and readers compare against it, so the checksum of the
    data cells is computed on the same values on both sides.
    """
    if value is None:
        return None
    if column.type == SEX:
        return {"M": "Nam", "F": "Nữ"}.get(str(value), value)  # i18n-skip: workbook content
    if column.type == YESNO:
        return YES if value else NO
    if column.type == CODE and not isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime) and column.type == DATE:
        return value.date()
    return value
