"""Importing a measuring round (cân đo) from parsed workbook rows, all or nothing.

Rows are matched by child code to the children of the round's class on the
round date. The round is the one with the same name and date, or a new one
(name from the file's metadata or "Cân đo dd/mm/yyyy", date from the metadata
or the most common measuring date of the rows). Each row goes through
`measurements.check_entry`, the check the measuring sheet of the TUI uses, so
z-scores and implausibility reasons are computed there. A flagged value is
not refused — a file is entered away from the child — but stored unconfirmed
with its reasons, and listed as a warning for someone to confirm in the app.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping

from mamnon.db import database
from mamnon.errors import MamnonError
from mamnon.formats import format_date
from mamnon.i18n import _
from mamnon.models import Measurement
from mamnon.services import measurements as ms
from mamnon.services import permissions
from mamnon.services.classes import list_classes
from mamnon.services.roster_import import ImportResult, Locator, Rows, error_text
from mamnon.vntext import fold
from mamnon.workbooks.cells import clean_text
from mamnon.workbooks.kinds import MEASUREMENTS_SPEC

__all__ = ["import_measurements", "round_name_for"]


def round_name_for(day: dt.date) -> str:
    return f"Cân đo {format_date(day)}"  # i18n-skip: the round's stored name, printed on forms


def _measured(values: Mapping[str, object]) -> bool:
    return values.get("weight_kg") is not None or values.get("height_cm") is not None


def _round_date(rows: Rows) -> dt.date | None:
    days = Counter(v["measured_on"] for _row, v in rows if v.get("measured_on"))
    return days.most_common(1)[0][0] if days else None


def _class_id(class_name: str, rows: Rows) -> int | None:
    """The class named by the metadata, else the one class all rows name; None: the whole school."""
    names = {fold(class_name)} if class_name else {fold(clean_text(v.get("class_name"))) for _row, v in rows}
    if len(names) != 1:
        return None
    by_name = {fold(c.name): c.id for c in list_classes()}
    return by_name.get(names.pop())


def _find_or_create_round(name: str, day: dt.date, class_id: int | None, today: dt.date,
                          result: ImportResult) -> ms.RoundRow:
    for rnd in ms.list_rounds():
        if rnd.name == name and rnd.date == day:
            result.notes.append(_("Đợt cân đo đã có: «{name}» ngày {day} ({scope}).").format(
                name=name, day=format_date(day), scope=rnd.shown_scope))
            return rnd
    rnd = ms.create_round(day, name, class_id, today=today)
    # Worded for a preview as well as an import: a dry run rolls the new round back.
    result.notes.append(_("Đợt cân đo mới: «{name}» ngày {day} ({scope}).").format(
        name=name, day=format_date(day), scope=rnd.shown_scope))
    return rnd


def _same(old: ms.MeasurementRow, e: ms.EntryCheck, note: str) -> bool:
    return ((old.measured_on, old.weight_kg, old.height_cm, old.lying, old.note)
            == (e.measured_on, e.weight_kg, e.height_cm, e.lying, note))


def _store(rnd: ms.RoundRow, e: ms.EntryCheck, note: str) -> None:
    """Write like measurements.save_entry, except that flagged values stay unconfirmed."""
    ms.require_entry(e.child_id, rnd.id)
    m = Measurement.get_or_none((Measurement.measurement_round == rnd.id) & (Measurement.child == e.child_id))
    if m is None:
        m = Measurement(measurement_round=rnd.id, child=e.child_id)
    values = {
        "measured_on": e.measured_on, "weight_kg": e.weight_kg, "height_cm": e.height_cm, "lying": e.lying,
        **ms.measurement_columns(e.zscores, e.classification),
        "confirmed": False, "reasons": "\n".join(e.reasons), "note": note,
    }
    for key, value in values.items():
        setattr(m, key, value)
    m.save()


def _import_row(row: int, values: Mapping[str, object], rnd: ms.RoundRow, enrolled: dict,
                where: Locator, result: ImportResult, today: dt.date) -> None:
    code = clean_text(values.get("code"))
    child = enrolled.get(code)
    if child is None:
        if rnd.class_id:
            message = _("Không có trẻ mã {code} học ở lớp {name} vào ngày {day} (ngày của đợt).").format(
                code=code, name=rnd.class_name, day=format_date(rnd.date))
        else:
            message = _("Không có trẻ mã {code} học ở trường vào ngày {day} (ngày của đợt).").format(
                code=code, day=format_date(rnd.date))
        result.errors.append(where(row, "code", code, message))
        return
    note = clean_text(values.get("note"))[:500]
    e = ms.check_entry(child.child_id, rnd.id, values.get("weight_kg"), values.get("height_cm"),
                       values.get("lying"), values.get("measured_on"), today=today)
    for key, message in e.errors.items():
        result.errors.append(where(row, key, values.get(where.aliases.get(key, key)), message))
    if e.errors:
        return
    for message in e.notes:
        result.warnings.append(where(row, "weight_kg", values.get("weight_kg"), message))
    if e.reasons:
        result.warnings.append(where(row, "weight_kg", values.get("weight_kg"),
                                     _("{name}: số đo bất thường, đã nhập nhưng cần xác nhận trong phần mềm. "
                                       "{reasons}").format(name=child.full_name, reasons=" ".join(e.reasons))))
    old = ms.get_entry(rnd.id, child.child_id)
    if old is not None and _same(old, e, note):
        result.unchanged += 1
        return
    _store(rnd, e, note)
    if old is None:
        result.created += 1
    else:
        result.updated += 1


def import_measurements(rows: Rows, *, round_name: str = "", round_date: dt.date | None = None,
                        class_name: str = "", dry_run: bool = False, columns: Mapping[str, int] | None = None,
                        sheet_name: str | None = None, today: dt.date | None = None) -> ImportResult:
    """Check and write every measured row in one transaction, rolled back on any error or `dry_run`.

    Rows without weight and height (absent children) are counted as skipped.
    """
    permissions.require("measurements.edit")
    today = today or dt.date.today()
    where = Locator(MEASUREMENTS_SPEC.sheets[0], columns, sheet_name, aliases={"child": "code"})
    result = ImportResult(dry_run=dry_run)
    measured = [(row, values) for row, values in rows if _measured(values)]
    result.skipped = len(rows) - len(measured)
    if not measured:
        result.notes.append(_("Tệp không có số đo nào (mọi dòng đều trống cân nặng và chiều cao)."))
        return result
    day = round_date or _round_date(measured)
    if day is None:
        result.errors.append(where(measured[0][0], "measured_on", None,
                                   _("Cần ngày cân đo: ghi ngày vào cột «Ngày cân đo» (ít nhất một dòng).")))
        return result
    with database.atomic() as txn:
        try:
            _import_all(measured, round_name or round_name_for(day), day, class_name, where, result, today)
        except MamnonError as exc:
            result.errors.append(where(measured[0][0], "measured_on", day, error_text(exc)))
        result.errors.sort(key=lambda e: (e.row, e.column))
        if result.errors or dry_run:
            txn.rollback()
        else:
            result.applied = True
    if result.errors:
        # Nothing was written: neither the counts nor the round created inside the rollback hold.
        result.created = result.updated = result.unchanged = 0
        result.notes.clear()
    return result


def _import_all(measured: Rows, name: str, day: dt.date, class_name: str, where: Locator,
                result: ImportResult, today: dt.date) -> None:
    rnd = _find_or_create_round(name, day, _class_id(class_name, measured), today, result)
    enrolled = {e.code: e for e in ms.enrolled_on(rnd.date, rnd.class_id)}
    for row, values in measured:
        _import_row(row, values, rnd, enrolled, where, result, today)
