"""The shape of a standard workbook: columns, sheets, the workbook and its metadata.

A data sheet has title rows, one header row (`SheetSpec.header_row`, 0-based)
and data rows below it. Columns are matched on import by their header text
folded (no diacritics, no case, single spaces), so a user who retypes a
header without accents is still understood; the column order in a file does
not matter.
"""

from __future__ import annotations

# i18n-data: sheet names, metadata labels and yes/no words of the standard workbooks (read back when importing)

from dataclasses import dataclass, field
from functools import lru_cache

from mamnon.vntext import fold

# Column types. "choice" values come from `choices` (or, when `choices_from`
# names a list the database holds, e.g. the school's classes, from the caller).
TEXT = "text"
CODE = "code"          # text that must stay text: leading zeros, "=..." never a formula
INTEGER = "integer"
DECIMAL = "decimal"
DATE = "date"
CHOICE = "choice"
YESNO = "yesno"
SEX = "sex"            # "Nam" / "Nữ" on paper, "M" / "F" in the database
TYPES = (TEXT, CODE, INTEGER, DECIMAL, DATE, CHOICE, YESNO, SEX)

SEX_LABELS = ("Nam", "Nữ")

YES, NO = "Có", "Không"

META_SHEET = "_mamnon"
"""Hidden, protected sheet every workbook carries: key in column A, value in B."""

INSTRUCTIONS_SHEET = "Hướng dẫn"

META_KEYS = (
    "kind", "template_version", "unit_code", "unit_name", "unit_level",
    "period", "exported_at", "program_version", "checksum",
)
META_LABELS = {
    "kind": "Loại biểu",
    "template_version": "Phiên bản mẫu",
    "unit_code": "Mã đơn vị",
    "unit_name": "Tên đơn vị",
    "unit_level": "Cấp đơn vị",
    "period": "Kỳ báo cáo",
    "exported_at": "Thời điểm xuất",
    "program_version": "Phiên bản phần mềm",
    "checksum": "Mã kiểm tra dữ liệu",
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    choices_from: str = ""
    """Name of a list only the database knows ("classes"); the writer asks the caller."""
    minimum: float | None = None
    maximum: float | None = None
    width: float = 14
    number_format: str = ""
    input: bool = True
    """False: filled by the program (e.g. a child's name in a measurement sheet), locked."""
    note: str = ""
    """One line for the instruction sheet and the cell's input message."""

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown column type {self.type!r}")

    @property
    def format(self) -> str:
        if self.number_format:
            return self.number_format
        return {DATE: "dd/mm/yyyy", INTEGER: "0", DECIMAL: "0.0", CODE: "@"}.get(self.type, "")

    @property
    def allowed(self) -> tuple[str, ...]:
        if self.type == YESNO:
            return (YES, NO)
        if self.type == SEX:
            return SEX_LABELS
        return self.choices


@dataclass(frozen=True)
class SheetSpec:
    name: str
    title: str
    columns: tuple[Column, ...]
    header_row: int = 3
    """0-based: rows above hold the unit's name, the title and the period."""
    rows: int = 1000
    """How many rows of a blank template carry drop-downs and input formats."""
    key: tuple[str, ...] = ()
    """Columns that identify a row: duplicates inside one file are errors."""
    signature: tuple[str, ...] = ()
    """When recognising a file by its headers: at least one of these must be present
    (a measurement sheet without weight and height columns is not one)."""

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1


@dataclass(frozen=True)
class WorkbookSpec:
    kind: str
    version: int
    title: str
    sheets: tuple[SheetSpec, ...]
    period: str = ""
    """"" (none), "month" or "year": what the period metadata holds."""
    instructions: tuple[str, ...] = field(default_factory=tuple)
    fill_in: bool = True
    """A workbook people type into (gets the «Hướng dẫn» sheet); False for reports, read only."""

    def sheet(self, name: str) -> SheetSpec:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)


@lru_cache(maxsize=4096)
def _header_key(text: str) -> str:
    s = fold(text).replace("*", " ")
    return " ".join(s.split())


def header_key(text: object) -> str:
    """How a header cell is compared: folded, single-spaced, without a trailing '*'."""
    return _header_key(str(text or ""))


@lru_cache(maxsize=64)
def _wanted(sheet: SheetSpec) -> dict[str, str]:
    return {header_key(c.header): c.key for c in sheet.columns}


def match_headers(sheet: SheetSpec, cells: list[object]) -> dict[str, int]:
    """Column key → 0-based index in a header row, for the headers found."""
    wanted = _wanted(sheet)
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = wanted.get(header_key(cell))
        if key is not None and key not in found:
            found[key] = index
    return found


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
