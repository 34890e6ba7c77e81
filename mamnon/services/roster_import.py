"""Importing a roster (danh sách trẻ) from parsed workbook rows, all or nothing.

The edge (importers/) reads the file and parses each cell; this module gets
plain rows — (Excel row number, {column key: clean value}) — and decides, row
by row, which child each one is: the child with that code; with no code, the
one child with the same full name and birth date (several: the user must
write the code); otherwise a new child. Every row is checked with the same
`check_child` the form uses, errors are mapped back to the row and column,
and only when no row has an error is everything written, in one transaction.
Rows equal to the database are left alone, so importing a file twice changes
nothing the second time.

`ImportResult`, `Locator` and `code_sequence` are shared with the staff and
measurement importers.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from mamnon.db import database
from mamnon.errors import MamnonError, ValidationError
from mamnon.i18n import _
from mamnon.models import Child, Guardian
from mamnon.services import children, permissions
from mamnon.services.classes import list_classes
from mamnon.vntext import fold, normalize_name
from mamnon.workbooks.cells import CellError, clean_text
from mamnon.workbooks.kinds import ROSTER_SPEC
from mamnon.workbooks.spec import SheetSpec

__all__ = ["ImportResult", "Locator", "Rows", "code_sequence", "error_text", "import_roster", "name_key"]

Rows = Sequence[tuple[int, Mapping[str, object]]]
"""(1-based Excel row, {column key: clean value}) as importers/rows.py returns them."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    """Rows with nothing to import (a measurement row of an absent child)."""
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What happened beyond the rows (e.g. the measuring round created), one line each."""
    dry_run: bool = False
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class Locator:
    """Turns (row, field, message) into a CellError placed where the user sees the cell."""

    def __init__(self, sheet: SheetSpec, columns: Mapping[str, int] | None, sheet_name: str | None,
                 aliases: Mapping[str, str] | None = None) -> None:
        self.sheet = sheet
        self.columns = dict(columns) if columns is not None else {k: i for i, k in enumerate(sheet.keys)}
        self.sheet_name = sheet_name or sheet.name
        self.aliases = dict(aliases or {})

    def __call__(self, row: int, key: str, value: object, message: str) -> CellError:
        key = self.aliases.get(key, key)
        if key not in self.columns:
            # A check on a column the file does not have: show it on the row's first column.
            key = next(iter(self.columns))
        header = self.sheet.column(key).header
        return CellError(self.sheet_name, row, self.columns[key], header, clean_text(value), message)


def code_sequence(first: str, prefix: str, used: set[str]) -> Iterator[str]:
    """Codes after `first` (as next_code makes them) that neither the file nor the database uses."""
    width = len(first) - len(prefix)
    number = int(first[len(prefix):])
    while True:
        code = f"{prefix}{number:0{width}d}"
        number += 1
        if code not in used:
            used.add(code)
            yield code


def error_text(exc: MamnonError) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.errors.values())
    return str(exc)


def name_key(name: object) -> str:
    """How names are compared when a row has no code: same letters and diacritics, any case or spacing."""
    return normalize_name(clean_text(name)).casefold()


# ---------------------------------------------------------------- planning


@dataclass
class _Plan:
    row: int
    form: children.ChildForm
    child_id: int | None = None
    move_to: int | None = None
    changed: bool = True


_TEXT_FIELDS = ("full_name", "village", "commune", "province", "address", "disability", "note")
_GUARDIAN_FIELDS = {"name": "full_name", "relation": "relation", "phone": "phone"}


def _fill_form(form: children.ChildForm, values: Mapping[str, object]) -> None:
    """Copy the file's columns onto the form; a column the file lacks keeps the form's value."""
    for key in _TEXT_FIELDS + ("policy_category",):
        if key in values:
            setattr(form, key, values[key] or "")
    if "birth_date" in values:
        form.birth_date = values["birth_date"] or ""
    if values.get("enrolled_on"):  # blank: the day the child came stays as it is
        form.enrolled_on = values["enrolled_on"]
    if "sex" in values:
        form.sex = values["sex"] or ""
    if "ethnicity" in values:
        form.ethnicity = values["ethnicity"] or "Kinh"
    if values.get("code"):
        form.code = str(values["code"])
    for slot, guardian in enumerate(form.guardians, start=1):
        for suffix, attr in _GUARDIAN_FIELDS.items():
            key = f"guardian{slot}_{suffix}"
            if key in values:
                setattr(guardian, attr, str(values[key] or ""))


def _guardians_of(detail: children.ChildDetail) -> list[tuple[str, str, str]]:
    return [(g.full_name, g.relation, g.phone) for g in detail.guardians]


def _differs(detail: children.ChildDetail, v: dict) -> bool:
    row = detail.row
    current = {
        "full_name": row.full_name, "birth_date": row.birth_date, "sex": row.sex,
        "ethnicity": detail.ethnicity, "village": detail.village, "commune": detail.commune,
        "province": detail.province, "address": detail.address, "disability": detail.disability,
        "policy_category": detail.policy_category, "note": detail.note,
    }
    if any(v[k] != old for k, old in current.items()):
        return True
    if v["code"] and v["code"] != row.code:
        return True
    if v["enrolled_on"] and v["enrolled_on"] != detail.enrolled_on:
        return True
    return v["guardians"] != _guardians_of(detail)


class _Index:
    """Every child (also those who left) by code and by name + birth date, read once."""

    def __init__(self) -> None:
        rows = children.list_children(include_left=True)
        self.by_code = {r.code: r for r in rows}
        self.by_person: dict[tuple[str, dt.date], list[children.ChildRow]] = {}
        for r in rows:
            self.by_person.setdefault((name_key(r.full_name), r.birth_date), []).append(r)
        self._forms: dict[int, children.ChildForm] | None = None

    def form(self, child: children.ChildRow) -> children.ChildForm:
        """The child's edit form as stored, from two queries for all children instead of a few per row."""
        if self._forms is None:
            self._forms = _stored_forms(self.by_code.values())
        return copy.deepcopy(self._forms[child.id])


def _stored_forms(rows) -> dict[int, children.ChildForm]:
    guardians: dict[int, list[children.GuardianForm]] = {}
    for child_id, name, relation, phone in (Guardian.select(Guardian.child, Guardian.full_name, Guardian.relation,
                                                            Guardian.phone)
                                            .order_by(Guardian.child, Guardian.position).tuples()):
        guardians.setdefault(child_id, []).append(children.GuardianForm(name, relation, phone))
    class_of = {r.id: r.class_id for r in rows}
    forms = {}
    for c in Child.select():
        slots = guardians.get(c.id, [])[:children.GUARDIAN_SLOTS]
        slots += [children.GuardianForm() for _slot in range(children.GUARDIAN_SLOTS - len(slots))]
        forms[c.id] = children.ChildForm(
            full_name=c.full_name, birth_date=c.birth_date, sex=c.sex, code=c.code, class_id=class_of.get(c.id),
            enrolled_on=c.enrolled_on or "", ethnicity=c.ethnicity, village=c.village, commune=c.commune,
            province=c.province, address=c.address, disability=c.disability,
            policy_category=c.policy_category, note=c.note, guardians=slots)
    return forms


def _match(values: Mapping[str, object], index: _Index) -> tuple[list[children.ChildRow], str]:
    """(candidates, how) for a row: by its code, else by full name and birth date."""
    code = values.get("code")
    if code:
        found = index.by_code.get(str(code))
        return ([found] if found else []), "code"
    person = (name_key(values.get("full_name")), values.get("birth_date"))
    return index.by_person.get(person, []), "person"


def _plan_row(row: int, values: Mapping[str, object], classes: dict, index: _Index, where: Locator,
              result: ImportResult, today: dt.date, new_people: dict) -> _Plan | None:
    class_name = values.get("class_name")
    school_class = classes.get(fold(clean_text(class_name))) if class_name else None
    if class_name and school_class is None:
        result.errors.append(where(row, "class_name", class_name,
                                   _("Lớp «{name}» không có trong năm học hiện tại của trường.").format(
                                       name=class_name)))
        return None
    candidates, how = _match(values, index)
    if len(candidates) > 1:
        codes = ", ".join(c.code for c in candidates)
        result.errors.append(where(row, "code", values.get("code"),
                                   _("Có {n} trẻ cùng họ tên và ngày sinh (mã {codes}): "
                                     "hãy ghi mã trẻ vào cột «Mã trẻ» để chọn đúng trẻ.").format(
                                       n=len(candidates), codes=codes)))
        return None
    if not candidates and how == "person":
        person = (name_key(values.get("full_name")), values.get("birth_date"))
        if person in new_people:
            result.errors.append(where(row, "full_name", values.get("full_name"),
                                       _("Trùng họ tên và ngày sinh với dòng {row}: "
                                         "nếu là hai trẻ khác nhau, hãy ghi mã trẻ.").format(
                                           row=new_people[person])))
            return None
        new_people[person] = row
    child = candidates[0] if candidates else None
    if child is None:
        form = children.ChildForm(class_id=school_class.id if school_class else None)
        _fill_form(form, values)
        return _checked(_Plan(row, form), values, where, result, today)
    stored = index.form(child)
    form = copy.deepcopy(stored)
    _fill_form(form, values)
    plan = _Plan(row, form, child.id)
    if school_class is not None and school_class.id != child.class_id:
        plan.move_to = school_class.id
        if not _can_move(child, school_class, where, row, result, today):
            return None
    elif form == stored:
        plan.changed = False  # exactly as stored: nothing to check or write
        return plan
    return _checked(plan, values, where, result, today)


def _can_move(child: children.ChildRow, school_class, where: Locator, row: int, result: ImportResult,
              today: dt.date) -> bool:
    from mamnon.formats import format_date

    if child.left_on is not None:
        result.errors.append(where(row, "class_name", school_class.name,
                                   _("{name} đã nghỉ học từ {day}: không chuyển lớp bằng tệp được.").format(
                                       name=child.full_name, day=format_date(child.left_on))))
        return False
    history = children.get_child(child.id).history
    if history and history[-1][2] is None and history[-1][1] > today:
        result.errors.append(where(row, "class_name", school_class.name,
                                   _("{name} vào lớp {class_name} từ {day}: chưa chuyển lớp được hôm nay.").format(
                                       name=child.full_name, class_name=history[-1][0],
                                       day=format_date(history[-1][1]))))
        return False
    result.warnings.append(where(row, "class_name", school_class.name,
                                 _("{name} sẽ chuyển từ lớp {old} sang lớp {new} từ ngày {day}.").format(
                                     name=child.full_name, old=child.class_name or _("(chưa có lớp)"),
                                     new=school_class.name, day=format_date(today))))
    return True


def _checked(plan: _Plan, values: Mapping[str, object], where: Locator, result: ImportResult,
             today: dt.date) -> _Plan | None:
    v, chk = children.check_child(plan.form, child_id=plan.child_id, today=today)
    for key, message in chk.errors.items():
        result.errors.append(where(plan.row, key, values.get(where.aliases.get(key, key)), message))
    if plan.move_to is not None:
        # check_child judged the age against the class the child leaves.
        chk.warnings.pop("birth_date", None)
        if v["birth_date"] and "birth_date" not in chk.errors:
            warning = _age_warning(v["birth_date"], plan.move_to, today)
            if warning:
                chk.warn("birth_date", warning)
    for key, message in chk.warnings.items():
        result.warnings.append(where(plan.row, key, values.get(key), message))
    if chk.errors:
        return None
    if plan.child_id is not None:
        plan.changed = plan.move_to is not None or _differs(children.get_child(plan.child_id), v)
    return plan


def _age_warning(birth: dt.date, class_id: int, today: dt.date) -> str:
    from mamnon.services.classes import get_class
    from mamnon.services.school import current_year

    return children.age_warning(birth, get_class(class_id).age_group, current_year().start_date, today)


# ---------------------------------------------------------------- applying


def _apply(plans: list[_Plan], today: dt.date) -> None:
    new = [p for p in plans if p.child_id is None]
    used = {p.form.code for p in plans if p.form.code} | set(_Index().by_code)
    codes = code_sequence(children.next_child_code(), "HS", used)
    for plan in new:
        plan.form.code = plan.form.code or next(codes)
    with database.atomic():
        children.create_children([p.form for p in new], today=today)
        for plan in plans:
            if plan.child_id is None or not plan.changed:
                continue
            children.update_child(plan.child_id, plan.form)
            if plan.move_to is not None:
                children.move_child(plan.child_id, plan.move_to, today)


def import_roster(rows: Rows, *, dry_run: bool = False, columns: Mapping[str, int] | None = None,
                  sheet_name: str | None = None, today: dt.date | None = None) -> ImportResult:
    """Check every row against the database and, unless `dry_run` or an error, write them all.

    `columns` (key → 0-based index in the file) and `sheet_name` only place
    error messages on the right cell; by default the spec's order and name.
    """
    permissions.require("children.edit")
    today = today or dt.date.today()
    sheet = ROSTER_SPEC.sheets[0]
    where = Locator(sheet, columns, sheet_name, aliases={"class_id": "class_name"})
    result = ImportResult(dry_run=dry_run)
    classes = {fold(c.name): c for c in list_classes()}
    index = _Index()
    new_people: dict = {}
    plans = [p for row, values in rows
             if (p := _plan_row(row, values, classes, index, where, result, today, new_people)) is not None]
    result.errors.sort(key=lambda e: (e.row, e.column))
    if not result.ok:
        return result
    result.created = sum(p.child_id is None for p in plans)
    result.updated = sum(p.child_id is not None and p.changed for p in plans)
    result.unchanged = sum(p.child_id is not None and not p.changed for p in plans)
    if not dry_run:
        try:
            _apply(plans, today)
        except MamnonError as exc:  # a rule the checks above missed: the transaction wrote nothing
            result.errors.append(where(plans[0].row, "code", None,
                                       _("Không ghi được: {error}").format(error=error_text(exc))))
            return result
        result.applied = True
    return result
