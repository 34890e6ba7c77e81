"""Importing the staff list (cán bộ, giáo viên, nhân viên) from parsed workbook rows, all or nothing.

Same rules as the roster (see roster_import): a row is the person with its
code, else the one person with the same full name and birth date, else a new
person; `check_staff` judges every row; nothing is written unless every row
is right; rows equal to the database are not touched. The training major and
contract type columns are optional: blank keeps the stored value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from mamnon.db import database
from mamnon.errors import MamnonError
from mamnon.i18n import _
from mamnon.services import staff
from mamnon.services.roster_import import ImportResult, Locator, Rows, code_sequence, error_text, name_key
from mamnon.workbooks.kinds import STAFF_SPEC

__all__ = ["import_staff"]

_FIELDS = ("full_name", "birth_date", "sex", "ethnicity", "position", "qualification", "phone",
           "started_on", "note")
_KEPT_WHEN_BLANK = ("training_major", "contract_type")
"""Columns added after the first template: a blank cell (or an older file without the column) keeps what
the database holds, so re-importing last year's list does not erase them."""


@dataclass
class _Plan:
    row: int
    form: staff.StaffForm
    staff_id: int | None = None
    changed: bool = True


def _fill_form(form: staff.StaffForm, values: Mapping[str, object]) -> None:
    for key in _FIELDS:
        if key in values:
            value = values[key]
            setattr(form, key, value if isinstance(value, dt.date) else str(value or ""))
    for key in _KEPT_WHEN_BLANK:
        if values.get(key):
            setattr(form, key, str(values[key]))
    if "ethnicity" in values and not values["ethnicity"]:
        form.ethnicity = "Kinh"
    if values.get("code"):
        form.code = str(values["code"])


def _differs(current: staff.StaffRow, v: dict) -> bool:
    if any(v[k] != getattr(current, k) for k in _FIELDS + _KEPT_WHEN_BLANK):
        return True
    return bool(v["code"]) and v["code"] != current.code


class _Index:
    def __init__(self) -> None:
        rows = staff.list_staff(include_left=True)
        self.by_code = {r.code: r for r in rows}
        self.by_person: dict[tuple, list[staff.StaffRow]] = {}
        for r in rows:
            self.by_person.setdefault((name_key(r.full_name), r.birth_date), []).append(r)


def _plan_row(row: int, values: Mapping[str, object], index: _Index, where: Locator,
              result: ImportResult, new_people: dict) -> _Plan | None:
    code = values.get("code")
    person = (name_key(values.get("full_name")), values.get("birth_date"))
    if code:
        found = index.by_code.get(str(code))
        candidates = [found] if found else []
    else:
        candidates = index.by_person.get(person, [])
    if len(candidates) > 1:
        codes = ", ".join(c.code for c in candidates)
        result.errors.append(where(row, "code", code,
                                   _("Có {n} người cùng họ tên và ngày sinh (mã {codes}): "
                                     "hãy ghi mã cán bộ để chọn đúng người.").format(n=len(candidates), codes=codes)))
        return None
    if not candidates and not code:
        if person in new_people:
            result.errors.append(where(row, "full_name", values.get("full_name"),
                                       _("Trùng họ tên và ngày sinh với dòng {row}: "
                                         "nếu là hai người khác nhau, hãy ghi mã cán bộ.").format(
                                           row=new_people[person])))
            return None
        new_people[person] = row
    current = candidates[0] if candidates else None
    form = staff.form_for(current.id) if current else staff.StaffForm(sex="", position="")
    _fill_form(form, values)
    plan = _Plan(row, form, current.id if current else None)
    v, chk = staff.check_staff(form, staff_id=plan.staff_id)
    for key, message in chk.errors.items():
        result.errors.append(where(row, key, values.get(key), message))
    if chk.errors:
        return None
    if current is not None:
        plan.changed = _differs(current, v)
    return plan


def _apply(plans: list[_Plan]) -> None:
    used = {p.form.code for p in plans if p.form.code} | set(_Index().by_code)
    codes = code_sequence(staff.next_staff_code(), "CB", used)
    with database.atomic():
        for plan in plans:
            if plan.staff_id is None:
                plan.form.code = plan.form.code or next(codes)
                staff.create_staff(plan.form)
            elif plan.changed:
                staff.update_staff(plan.staff_id, plan.form)


def import_staff(rows: Rows, *, dry_run: bool = False, columns: Mapping[str, int] | None = None,
                 sheet_name: str | None = None) -> ImportResult:
    """Check every row and, unless `dry_run` or an error, write them all in one transaction."""
    where = Locator(STAFF_SPEC.sheets[0], columns, sheet_name)
    result = ImportResult(dry_run=dry_run)
    index = _Index()
    new_people: dict = {}
    plans = [p for row, values in rows
             if (p := _plan_row(row, values, index, where, result, new_people)) is not None]
    result.errors.sort(key=lambda e: (e.row, e.column))
    if not result.ok:
        return result
    result.created = sum(p.staff_id is None for p in plans)
    result.updated = sum(p.staff_id is not None and p.changed for p in plans)
    result.unchanged = sum(p.staff_id is not None and not p.changed for p in plans)
    if not dry_run:
        try:
            _apply(plans)
        except MamnonError as exc:  # a rule the checks above missed: the transaction wrote nothing
            result.errors.append(where(plans[0].row, "code", None,
                                       _("Không ghi được: {error}").format(error=error_text(exc))))
            return result
        result.applied = True
    return result
