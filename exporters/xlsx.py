"""Writing .xlsx files safely, and printing them on A4 (the only module that imports xlsxwriter).

`atomic_workbook(path)` yields an xlsxwriter Workbook that writes to a
temporary file in the target folder; when the block ends without an error the
workbook is closed and the temporary file renamed over `path` with os.replace
(atomic on Windows and POSIX). If anything fails — in the caller's block, while
xlsxwriter writes, or on the rename — the temporary file is removed and an
existing file at `path` is left exactly as it was, so a crash never leaves a
half-written workbook.

`setup_a4_page` gives a worksheet the page setup of a printed form: A4,
portrait or landscape, margins in centimetres, a header and footer, a print
area and fit-to-one-page.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import xlsxwriter
from xlsxwriter import worksheet as _worksheet
from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from mamnon.errors import MamnonError
from mamnon.i18n import _

__all__ = [
    "A4", "FONT", "MAX_SHEET_NAME", "ExportError", "Workbook", "Worksheet",
    "NumberCellsWorksheet", "number_cells_worksheet",
    "atomic_workbook", "check_target", "header_text", "setup_a4_page", "sheet_name", "column_pixels",
]

A4 = 9
"""Excel's paperSize code of A4."""
FONT = "Times New Roman"
"""The font of Vietnamese administrative documents (LibreOffice renders it with Liberation Serif).
Cell formats name it explicitly; the workbook's default (Calibri) is left alone so column
widths keep Excel's usual units."""
MAX_SHEET_NAME = 31
CM_PER_INCH = 2.54
_TEMP_PREFIX = ".~mamnon-"
_TEMP_SUFFIX = ".tmp.xlsx"
_HEADER_MAX = 255


class ExportError(MamnonError):
    """The workbook cannot be written where asked (the message is in the interface language)."""


def check_target(path: str | os.PathLike) -> Path:
    """The output path, checked before any work: an .xlsx name in an existing folder, not a folder."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ExportError(_("Tên tệp xuất phải có đuôi .xlsx (đã cho: {name}).").format(name=target.name or target))
    if target.is_dir():
        raise ExportError(_("{path} là một thư mục, không phải tệp.").format(path=target))
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(_("Không có thư mục {folder}: hãy tạo thư mục trước.").format(folder=folder))
    return target


@contextlib.contextmanager
def atomic_workbook(path: str | os.PathLike, *, constant_memory: bool = False) -> Iterator[Workbook]:
    """A Workbook that replaces `path` only once it is completely written (see the module docstring).

    constant_memory: each row goes to disk as soon as the next one begins, so rows must be written top
    down and never read back (no paper stamp): a national merged report is millions of cells, which held
    in memory cost an old PC half a gigabyte and a fifth more time.
    """
    target = check_target(path)
    sweep_leftovers(target.parent)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise ExportError(_("Không ghi được vào thư mục {folder}: {error}.").format(
            folder=target.parent, error=exc.strerror or exc)) from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        _give_file_mode(temp, target)
        # in_memory: xlsxwriter keeps its parts in memory instead of more temp files elsewhere.
        # strings_to_formulas/urls off: ws.write() of a child named "=HYPERLINK(…)" or "-2+3" writes that text,
        # never a formula or a link (CSV/Excel injection, docs/security.md); the forms write with ws.write().
        options = {"strings_to_formulas": False, "strings_to_urls": False}
        if constant_memory:
            options["constant_memory"] = True
        else:
            options["in_memory"] = True
        workbook = Workbook(str(temp), options)
        yield workbook
        try:
            workbook.close()
        except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
            raise ExportError(_("Không ghi được tệp {path}: {error}.").format(path=target, error=exc)) from None
        try:
            os.replace(temp, target)
        except PermissionError:
            raise ExportError(_("Không thay được tệp {path}: tệp có thể đang mở trong Excel, hãy đóng tệp rồi "
                                "làm lại.").format(path=target)) from None
        except OSError as exc:
            raise ExportError(_("Không ghi được tệp {path}: {error}.").format(
                path=target, error=exc.strerror or exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


LEFTOVER_AGE_SECONDS = 3600
"""A temp file this old is no export in progress (the biggest, a national merge, takes under a minute)."""


def sweep_leftovers(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the hidden temp files of exports that were killed (power cut, closed window): the rename never
    came, and they would pile up beside the school's workbooks. Only our own pattern, only old ones."""
    now = time.time() if now is None else now
    removed = []
    try:
        candidates = list(folder.glob(f"{_TEMP_PREFIX}*{_TEMP_SUFFIX}"))
    except OSError:
        return removed
    for leftover in candidates:
        try:
            if now - leftover.stat().st_mtime > LEFTOVER_AGE_SECONDS:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue  # gone already, or not ours to remove: the export itself must not fail for it
    return removed


def _give_file_mode(temp: Path, target: Path) -> None:
    """mkstemp makes a private (0600) file: give it the mode of the file it replaces, else the usual one."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(temp, mode)


def setup_a4_page(ws: Worksheet, *, landscape: bool = False, margins_cm: tuple[float, float, float, float]
                  = (1.5, 1.5, 1.8, 1.6), header: str = "", footer: str = "",
                  print_area: tuple[int, int, int, int] | None = None, fit_one_page: bool = True,
                  center: bool = True) -> None:
    """A4 page setup: margins (left, right, top, bottom) in cm, header/footer, print area, one page.

    `header` and `footer` are Excel header codes (see `header_text`); the
    header/footer sit 0.8 cm from the paper edge. `print_area` is
    (first_row, first_col, last_row, last_col), zero-based.
    """
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    left, right, top, bottom = (m / CM_PER_INCH for m in margins_cm)
    ws.set_margins(left=left, right=right, top=top, bottom=bottom)
    edge = 0.8 / CM_PER_INCH
    if header:
        ws.set_header(header, {"margin": edge})
    if footer:
        ws.set_footer(footer, {"margin": edge})
    if print_area is not None:
        ws.print_area(*print_area)
    if fit_one_page:
        ws.fit_to_pages(1, 1)
    if center:
        ws.center_horizontally()


def header_text(left: str = "", center: str = "", right: str = "", *, size: int = 9) -> str:
    """An Excel header/footer from plain texts ('&' escaped), in the document font, ≤ 255 characters.

    Excel codes may be passed through on purpose with `{page}` and `{pages}`
    (page number and page count).
    """
    parts = []
    for code, text in (("&L", left), ("&C", center), ("&R", right)):
        if not text:
            continue
        text = text.replace("&", "&&").replace("{page}", "&P").replace("{pages}", "&N")
        parts.append(f'{code}&"{FONT},Regular"&{size}{text}')
    result = "".join(parts)
    while len(result) > _HEADER_MAX and parts:  # shorten the longest text rather than let Excel refuse it
        longest = max(range(len(parts)), key=lambda i: len(parts[i]))
        parts[longest] = parts[longest][: len(parts[longest]) - (len(result) - _HEADER_MAX) - 1] + "…"
        result = "".join(parts)
    return result


_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")


def sheet_name(text: str, used: set[str]) -> str:
    """A valid, unique (case-insensitively, as Excel compares) sheet name of at most 31 characters.

    Characters Excel refuses ([ ] : * ? / \\ and control characters) become
    spaces, an apostrophe may not start or end it, and "History" is reserved.
    Adds the name (folded) to `used`.
    """
    name = unicodedata.normalize("NFC", text or "")
    name = _FORBIDDEN_IN_SHEET_NAME.sub(" ", name)
    name = " ".join(name.split()).strip("'").strip() or "Trang"
    if name.casefold() == "history":
        name = "History 1"
    base = name[:MAX_SHEET_NAME].rstrip("' ")
    candidate, n = base, 1
    while candidate.casefold() in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)].rstrip("' ") + suffix
    used.add(candidate.casefold())
    return candidate


def column_pixels(width_chars: float) -> int:
    """Pixels of a column `width_chars` wide (Excel's rule for the default 11 pt font)."""
    if width_chars <= 0:
        return 0
    if width_chars < 1:
        return int(width_chars * 12 + 0.5)
    return int(width_chars * 7 + 0.5) + 5


# ---------------------------------------------------------------- number cells in one step

_NUMBER_CELL = getattr(_worksheet, "CellNumberTuple", None)
_STRING_CELL = getattr(_worksheet, "CellStringTuple", None)
# Anything xlsxwriter would escape, mark as whitespace-preserving or treat as a rich string: such text takes
# xlsxwriter's own path.
_NOT_PLAIN = re.compile(r'["&<>\x00-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$')


class NumberCellsWorksheet(Worksheet):
    """A worksheet that writes formatted number cells (and plain text, in constant-memory mode) in one step.

    A national merged report has four million number cells. xlsxwriter's general cell writer builds an
    attribute list, escapes every attribute with a regular expression and formats the element in three
    calls per cell. A number cell with a format needs none of it (its reference and style index are letters
    and digits; plain text needs no escaping), so this writes exactly the XML xlsxwriter would write, directly;
    every other cell goes
    through xlsxwriter unchanged. It leans on two xlsxwriter internals (the `_write_cell` hook and the
    Number cell tuple): tests/workbooks/test_number_cells.py compares the sheet XML with stock xlsxwriter
    byte for byte, so a change in a new xlsxwriter shows up there.
    """

    def _write_cell(self, row: int, col: int, cell) -> None:
        kind = cell.__class__
        if kind is _NUMBER_CELL and cell.format is not None:
            self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}">'
                          f"<v>{cell.number:.16G}</v></c>")
            return
        # plain text in constant-memory mode is written in line (the other mode shares strings)
        if (kind is _STRING_CELL and cell.format is not None and self.constant_memory
                and _NOT_PLAIN.search(cell.string) is None):
            self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}" '
                          f't="inlineStr"><is><t>{cell.string}</t></is></c>')
            return
        super()._write_cell(row, col, cell)


def number_cells_worksheet():
    """The class for Workbook.add_worksheet(worksheet_class=…): the fast one when xlsxwriter has the hook."""
    return NumberCellsWorksheet if _NUMBER_CELL is not None and hasattr(Worksheet, "_write_cell") else None
