"""Reading a census workbook (điều tra phổ cập) into the database: the edge over services.census_import.

Same path as `importers.import_workbook`: `open_workbook` refuses what is unsafe
and checks the kind, `parse_rows` judges every cell, the service checks the rows
against the database and writes all or nothing, and on any error a copy of the
file is written with the bad cells marked.
"""

from __future__ import annotations

import datetime as dt
import os

from importers import FileImport
from importers.annotate import annotate
from importers.rows import parse_rows
from importers.workbook_reader import ImportRefused, open_workbook, refused_text
from mamnon.i18n import _
from mamnon.workbooks.census_spec import CENSUS, CENSUS_SPEC, YEAR_META

__all__ = ["import_census_workbook"]


def _year_of(book, year: int | None) -> int:
    if year is not None:
        return year
    text = book.meta.get(YEAR_META, "").strip()
    if text.isdigit():
        return int(text)
    raise ImportRefused(refused_text(book.path.name, _("tệp không ghi năm điều tra; hãy cho biết năm (--year NĂM).")))


def import_census_workbook(path: str | os.PathLike, *, unit_code: str | None, year: int | None = None,
                           dry_run: bool = False, annotate_to: str | os.PathLike | None = None,
                           today: dt.date | None = None, progress=None) -> FileImport:
    """Read, check and (unless `dry_run` or any error) import a census file; `year` overrides the file's.

    progress: a mamnon.progress.Progress: the read, then each row written (services.census_import); a
    cancel (mamnon.errors.Cancelled) leaves the database as it was and writes no annotated copy.
    """
    from mamnon.progress import ensure
    from mamnon.services.census_import import import_census

    progress = ensure(progress)
    progress.stage(0, _("Đọc tệp {name}").format(name=os.path.basename(path)))
    book = open_workbook(path, expected_kind=CENSUS, unit_code=unit_code)
    census_year = _year_of(book, year)
    sheet_spec = CENSUS_SPEC.sheets[0]
    sheet = book.sheets[sheet_spec.name]
    progress.step(_("Kiểm tra trang «{sheet}»").format(sheet=sheet.name))
    parsed = parse_rows(sheet, today=today)
    where = {"columns": sheet.columns, "sheet_name": sheet.name, "year": census_year, "today": today}
    if parsed.errors:
        result = import_census(parsed.all_rows(), dry_run=True, **where)
        flagged = {(e.sheet, e.row, e.column) for e in parsed.errors}
        result.errors = [e for e in result.errors if (e.sheet, e.row, e.column) not in flagged] + parsed.errors
        result.created = result.updated = result.unchanged = 0
    else:
        result = import_census(parsed.rows, dry_run=dry_run, progress=progress, **where)
    progress.finish()
    result.dry_run = dry_run
    result.errors.sort(key=lambda e: (e.row, e.column))
    result.notes.insert(0, _("Năm điều tra: {year}.").format(year=census_year))
    done = FileImport(book, result)
    if result.errors:
        done.annotated = annotate(book.path, result.errors, annotate_to)
    return done
