"""Importing a census workbook (điều tra phổ cập) from parsed rows, all or nothing.

A row is the entry of that census year with the same child (by «Mã trẻ», a
child of this school) or, without a code, the same name, birth date and
guardian; otherwise a new entry. Villages not yet on the list are added. Each
row is judged by the entry form's own `census.check_entry`; two rows for the
same child are an error on both. Everything is written in one transaction, or
nothing when any row is wrong or on a dry run (villages added on the way are
rolled back too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from mamnon.db import database
from mamnon.formats import format_date
from mamnon.i18n import _
from mamnon.models import CensusEntry, Child
from mamnon.progress import Progress, ensure
from mamnon.services import census
from mamnon.services.roster_import import ImportResult, Locator, Rows
from mamnon.vntext import fold
from mamnon.workbooks.census_spec import CENSUS_SPEC
from mamnon.services import permissions

__all__ = ["import_census"]

_ALIASES = {"village_id": "village", "child_id": "code", "year": "commune"}
_COMPARED = ("village", "child", "full_name", "birth_date", "sex", "ethnicity", "guardian_name", "address",
             "status", "school_name", "completed", "disability", "status_date", "destination", "note")


class _Rollback(Exception):
    pass


def _text(values: Mapping[str, object], key: str) -> str:
    value = values.get(key)
    return "" if value is None else str(value)


def _unchanged(entry: CensusEntry, v: dict) -> bool:
    current = {k: getattr(entry, f"{k}_id" if k in ("village", "child") else k) for k in _COMPARED}
    current["completed"] = bool(current["completed"])
    return all(current[k] == v[k] for k in _COMPARED)


def import_census(rows: Rows, *, year: int, dry_run: bool = False, columns: Mapping[str, int] | None = None,
                  sheet_name: str | None = None, today: dt.date | None = None,
                  progress: Progress | None = None) -> ImportResult:
    """Check every row of a census of `year` and, unless `dry_run` or an error, write them all.

    progress: one unit per row written, then a last safe point before the commit; a cancel
    (mamnon.errors.Cancelled) or Ctrl+C rolls every row back, villages added on the way too.
    """
    permissions.require("census.edit")
    progress = ensure(progress)
    where = Locator(CENSUS_SPEC.sheets[0], columns, sheet_name, aliases=_ALIASES)
    result = ImportResult(dry_run=dry_run)
    try:
        with database.atomic():
            _run(rows, year, where, result, today, progress)
            if result.errors or dry_run:
                raise _Rollback
            progress.check()
    except _Rollback:
        pass
    else:
        result.applied = True
    result.errors.sort(key=lambda e: (e.row, e.column))
    if result.errors:
        result.created = result.updated = result.unchanged = 0
    return result


def _run(rows: Rows, year: int, where: Locator, result: ImportResult, today: dt.date | None,
         progress: Progress) -> None:
    existing = census.list_entries(year)
    by_child = {r.child_id: r for r in existing if r.child_id}
    by_person = {census.person_key(r.full_name, r.birth_date, r.guardian_name): r for r in existing}
    children = {c.code.casefold(): c for c in Child.select(Child.id, Child.code, Child.full_name, Child.birth_date)}
    known_villages = {(fold(v.commune), fold(v.name)) for v in census.list_villages()}
    seen: dict[tuple, int] = {}
    writes: list[tuple[int | None, dict]] = []
    for row, values in rows:
        commune, village = _text(values, "commune"), _text(values, "village")
        village_id = None
        if commune.strip() and village.strip():
            key = (fold(" ".join(commune.split())), fold(" ".join(village.split())))
            if key not in known_villages:
                known_villages.add(key)
                result.notes.append(_("Thêm thôn «{village}», xã «{commune}» vào danh sách (dòng {row}).").format(
                    village=" ".join(village.split()), commune=" ".join(commune.split()), row=row))
            village_id = census.add_village(commune, village).id
        code = _text(values, "code").strip()
        child = children.get(code.casefold()) if code else None
        if code and child is None:
            result.errors.append(where(row, "code", code, _("Trường không có trẻ mã «{code}».").format(code=code)))
            continue
        form = census.EntryForm(
            village_id=village_id, child_id=child.id if child else None, full_name=_text(values, "full_name"),
            birth_date=values.get("birth_date") or "", sex=_text(values, "sex"),
            ethnicity=_text(values, "ethnicity") or "Kinh", guardian_name=_text(values, "guardian_name"),
            address=_text(values, "address"), status=_text(values, "status"),
            school_name=_text(values, "school_name"), completed=bool(values.get("completed")),
            disability=_text(values, "disability"), status_date=values.get("status_date") or "",
            destination=_text(values, "destination"), note=_text(values, "note"))
        if child is not None:
            _warn_if_differs(child, values, row, where, result)
            person = ("child", child.id)
        else:
            person = census.person_key(form.full_name, values.get("birth_date"), form.guardian_name)
        if person in seen:
            result.errors.append(where(row, "full_name", values.get("full_name"),
                                       _("Trùng với dòng {row} trong tệp (cùng trẻ): một trẻ chỉ ghi một lần.").format(
                                           row=seen[person])))
            continue
        seen[person] = row
        match = by_child.get(child.id) if child else None
        if match is None:
            match = by_person.get(census.person_key(
                child.full_name if child else form.full_name,
                child.birth_date if child else values.get("birth_date"), form.guardian_name))
        v, chk = census.check_entry(form, year, entry_id=match.id if match else None, today=today,
                                    existing=existing)
        for key, message in chk.errors.items():
            result.errors.append(where(row, key, values.get(_ALIASES.get(key, key)), message))
        if chk.errors:
            continue
        writes.append((match.id if match else None, v))
    if result.errors:
        return
    progress.stage(len(writes), _("Thử ghi (chưa lưu)") if result.dry_run else _("Ghi vào cơ sở dữ liệu"))
    for entry_id, v in writes:
        progress.step(_("Ghi {name}").format(name=v["full_name"]))
        _write(entry_id, v, year, result)
        progress.advance()


def _write(entry_id: int | None, v: dict, year: int, result: ImportResult) -> None:
    if entry_id is None:
        CensusEntry.create(year=year, **v)
        result.created += 1
        return
    entry = CensusEntry.get_by_id(entry_id)
    if _unchanged(entry, v):
        result.unchanged += 1
        return
    for key, value in v.items():
        setattr(entry, key, value)
    entry.save()
    result.updated += 1


def _warn_if_differs(child: Child, values: Mapping[str, object], row: int, where: Locator,
                     result: ImportResult) -> None:
    name, birth = _text(values, "full_name"), values.get("birth_date")
    if (name and fold(name) != fold(child.full_name)) or (birth and birth != child.birth_date):
        result.warnings.append(where(row, "full_name", name,
                                     _("Trẻ mã {code} trong hồ sơ trường là {name}, sinh {birth}: dùng thông tin "
                                       "của hồ sơ trường.").format(code=child.code, name=child.full_name,
                                                                  birth=format_date(child.birth_date))))
