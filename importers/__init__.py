"""Reading workbooks into the database (the only package that imports openpyxl).

`import_workbook` is the whole path of a file: `workbook_reader.open_workbook`
refuses what is unsafe and recognises the kind, `rows.parse_rows` judges every
cell, the kind's service in mamnon.services checks the rows against the
database and writes them all in one transaction or nothing, and on any error
`annotate.annotate` writes a copy of the file with the bad cells marked.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from importers.annotate import annotate
from importers.rows import parse_rows
from importers.workbook_reader import ImportRefused, WorkbookFile, kind_label, open_workbook, refused_text
from mamnon.i18n import _
from mamnon.workbooks.cells import CellValueError, parse_date
from mamnon.workbooks.kinds import ATTENDANCE, MEASUREMENTS, MENUS, ROSTER, STAFF

__all__ = ["IMPORTABLE_KINDS", "FileImport", "import_workbook"]

IMPORTABLE_KINDS = (ROSTER, STAFF, MEASUREMENTS, ATTENDANCE, MENUS)

MEASUREMENT_META = ("round_name", "round_date", "class_name")
"""Extra metadata keys of a measurement workbook the template writer may fill."""


@dataclass
class FileImport:
    book: WorkbookFile
    result: object
    """mamnon.services.roster_import.ImportResult."""
    annotated: Path | None = None
    """The copy with the bad cells marked, written when there were errors."""


def import_workbook(path: str | os.PathLike, *, unit_code: str | None, kind: str | None = None,
                    dry_run: bool = False, annotate_to: str | os.PathLike | None = None,
                    today: dt.date | None = None, period: str | None = None, progress=None) -> FileImport:
    """Read, check and (unless `dry_run` or any error) import one workbook of this school.

    `period`: the month of an attendance file whose metadata does not name one ("11/2026").
    progress: a mamnon.progress.Progress: reading the file, each sheet checked, the writing; a cancel
    (mamnon.errors.Cancelled) rolls the whole import back, the database is left as it was.
    """
    from mamnon.progress import ensure
    from mamnon.services.background import all_or_nothing

    progress = ensure(progress)
    progress.stage(0, _("Đọc tệp {name}").format(name=Path(path).name))
    book = open_workbook(path, expected_kind=kind, unit_code=unit_code)
    if book.kind not in IMPORTABLE_KINDS:
        names = ", ".join(f"«{kind_label(k)}»" for k in IMPORTABLE_KINDS)
        raise ImportRefused(refused_text(book.path.name, _(
            "biểu «{kind}» chưa nhập được vào trường (chỉ nhập được {kinds}).").format(kind=book.kind_label, kinds=names)))
    choices = _choices()
    progress.stage(len(book.spec.sheets) + 1, _("Kiểm tra"))
    parsed = {}
    for s in book.spec.sheets:
        progress.step(_("Kiểm tra trang «{sheet}»").format(sheet=book.sheets[s.name].name))
        parsed[s.name] = parse_rows(book.sheets[s.name], choices=choices, today=today)
        progress.advance()
    errors = [e for p in parsed.values() for e in p.errors]
    progress.step(_("Kiểm tra với dữ liệu của trường") if dry_run or errors else _("Ghi vào cơ sở dữ liệu"))
    if errors:
        result = _service(book, {name: p.all_rows() for name, p in parsed.items()}, True, today, period)
        flagged = {(e.sheet, e.row, e.column) for e in errors}
        # A cell already refused reads as blank to the service, which would only repeat "required".
        result.errors = [e for e in result.errors if (e.sheet, e.row, e.column) not in flagged] + errors
    else:
        with all_or_nothing(progress):
            result = _service(book, {name: p.rows for name, p in parsed.items()}, dry_run, today, period)
    progress.finish()
    result.dry_run = dry_run
    order = {book.sheets[s.name].name: i for i, s in enumerate(book.spec.sheets)}
    result.errors.sort(key=lambda e: (order.get(e.sheet, len(order)), e.row, e.column))
    done = FileImport(book, result)
    if result.errors:
        done.annotated = annotate(book.path, result.errors, annotate_to)
    return done


def _choices() -> dict[str, list[str]]:
    from mamnon.services.classes import list_classes

    return {"classes": [c.name for c in list_classes()]}


def _service(book: WorkbookFile, rows: dict[str, list], dry_run: bool, today: dt.date | None,
             period: str | None):
    """The kind's service on the parsed rows ({spec sheet name: rows}); error cells placed as in the file."""
    if book.kind == MENUS:
        from mamnon.services.menu_import import import_menus

        menu_sheet, dish_sheet = (s.name for s in book.spec.sheets)
        return import_menus(rows[menu_sheet], rows[dish_sheet], dry_run=dry_run,
                            columns={name: sheet.columns for name, sheet in book.sheets.items()},
                            sheet_names={name: sheet.name for name, sheet in book.sheets.items()})
    sheet = book.sheets[book.spec.sheets[0].name]
    first = rows[book.spec.sheets[0].name]
    where = {"columns": sheet.columns, "sheet_name": sheet.name, "dry_run": dry_run}
    if book.kind == ROSTER:
        from mamnon.services.roster_import import import_roster

        return import_roster(first, today=today, **where)
    if book.kind == STAFF:
        from mamnon.services.staff_import import import_staff

        return import_staff(first, **where)
    if book.kind == ATTENDANCE:
        from mamnon.services.attendance_import import import_attendance

        return import_attendance(first, period=book.meta.get("period") or period or "",
                                 class_name=book.meta.get("class_name", ""), today=today, **where)
    from mamnon.services.measurement_import import import_measurements

    return import_measurements(first, round_name=book.meta.get("round_name", ""),
                               round_date=_meta_date(book, "round_date"),
                               class_name=book.meta.get("class_name", ""), today=today, **where)


def _meta_date(book: WorkbookFile, key: str) -> dt.date | None:
    text = book.meta.get(key, "")
    if not text:
        return None
    try:
        return parse_date(text)
    except CellValueError:
        raise ImportRefused(refused_text(book.path.name, _("ngày «{date}» trong trang «_mamnon» không đọc được.")
                                         .format(date=text))) from None
