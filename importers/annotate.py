"""An annotated copy of a refused workbook: bad cells in red with the reason, and a list on a first sheet.

Staff fix a file in Excel, not from a terminal listing, so the copy keeps the
whole workbook (drop-downs, hidden metadata, protection) and only adds a fill,
a comment per bad cell and the sheet «Lỗi». It is written beside the input as
NAME-loi.xlsx through a temporary file renamed into place, so the user's own
file is never touched and a crash leaves no half-written copy.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from mamnon.errors import MamnonError
from mamnon.i18n import N_, _
from mamnon.workbooks.cells import CellError, is_formula_like
from mamnon.workbooks.spec import column_letter

__all__ = ["ERRORS_SHEET", "annotate", "annotated_path"]

# The copy is a note to the person who imports, not an official form: its list speaks the interface language,
# like the messages in it (docs/i18n.md). The sheet keeps its Vietnamese name in every language, so that
# marking a copy again finds and replaces the list whichever language wrote it.
ERRORS_SHEET = "Lỗi"  # i18n-skip: the sheet's name, found again when a marked copy is marked once more
BAD_FILL = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
ERROR_HEADERS = (N_("Trang"), N_("Dòng"), N_("Cột"), N_("Tiêu đề cột"), N_("Giá trị"), N_("Giải thích"))
ERROR_WIDTHS = (16, 7, 6, 22, 20, 80)
AUTHOR = "mamnon"


def annotated_path(source: str | os.PathLike) -> Path:
    source = Path(source)
    return source.with_name(f"{source.stem}-loi.xlsx")


def annotate(source: str | os.PathLike, errors: Iterable[CellError], target: str | os.PathLike | None = None) -> Path:
    """Write the annotated copy of `source` to `target` (default NAME-loi.xlsx beside it); returns its path."""
    source = Path(source)
    target = Path(target) if target is not None else annotated_path(source)
    errors = list(errors)
    book = openpyxl.load_workbook(source)
    _mark_cells(book, errors)
    _write_error_sheet(book, errors)
    _save_atomically(book, target)
    return target


def _comment_text(messages: list[str]) -> str:
    return "\n".join(messages)


def _mark_cells(book, errors: list[CellError]) -> None:
    by_cell: dict[tuple[str, int, int], list[str]] = {}
    for e in errors:
        by_cell.setdefault((e.sheet, e.row, e.column), []).append(e.message)
    for (sheet, row, column), messages in by_cell.items():
        if sheet not in book.sheetnames:
            continue
        cell = book[sheet].cell(row=row, column=column + 1)
        cell.fill = BAD_FILL
        comment = Comment(_comment_text(messages), AUTHOR)
        comment.width, comment.height = 320, 40 + 20 * len(messages)
        cell.comment = comment


def _write_error_sheet(book, errors: list[CellError]) -> None:
    if ERRORS_SHEET in book.sheetnames:  # annotating a copy that was annotated before
        del book[ERRORS_SHEET]
    ws = book.create_sheet(ERRORS_SHEET, 0)
    ws.append(tuple(_(header) for header in ERROR_HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    # the row is counted, not asked of the sheet: ws.max_row walks every cell, minutes for 18,000 errors
    for row_number, e in enumerate(errors, start=2):
        ws.append((e.sheet, e.row, column_letter(e.column), e.header, _shown(e.value), e.message))
        value_cell = ws.cell(row=row_number, column=5)
        if is_formula_like(value_cell.value):
            value_cell.data_type = "s"  # "=1+1" typed by a user is shown, never run as a formula
    for i, width in enumerate(ERROR_WIDTHS):
        ws.column_dimensions[column_letter(i)].width = width
    ws.freeze_panes = "A2"
    book.active = 0
    for other in book.worksheets[1:]:
        other.sheet_view.tabSelected = False


def _shown(value: object) -> object:
    return None if value in (None, "") else str(value)


def _save_atomically(book, target: Path) -> None:
    folder = target.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=".~mamnon-", suffix=".tmp.xlsx", dir=folder)
    except OSError as exc:
        raise MamnonError(_("Không ghi được tệp đánh dấu lỗi vào thư mục {folder}: {error}.").format(
            folder=folder, error=exc.strerror or exc)) from None
    os.close(fd)
    try:
        book.save(temp)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise MamnonError(_("Không ghi được tệp đánh dấu lỗi {path}: {error}.").format(
            path=target, error=exc.strerror or exc)) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
