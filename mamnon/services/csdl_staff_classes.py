"""The CSDL ngành diff for staff (cán bộ) and classes (lớp học); see mamnon.services.csdl_import.

Staff are matched by the Ministry's code (kept in csdl_staff_code), else by name and
birth date; classes of the current school year by name. A blank cell never
overwrites, and everything is written through the staff and class services.
"""

from __future__ import annotations

from collections.abc import Mapping

from mamnon.csdl import codes
from mamnon.csdl.rows import ParsedSheet
from mamnon.i18n import _
from mamnon.models import CsdlStaffCode, Staff
from mamnon.reference import AGE_GROUP_BY_CODE, POSITIONS, QUALIFICATIONS
from mamnon.services import classes, staff
from mamnon.services.csdl_import import (
    AMBIGUOUS, DUPLICATE, LABELS, MISSING, NEW, NEW_CHOICE, UNCHANGED, UPDATED, ApplyResult, Candidate, Change,
    CsdlDiff, Entry, _shown, class_key, ethnicity_name,
)
from mamnon.services.roster_import import name_key  # staff names: stored normalised or not, compare alike
from mamnon.vntext import fold, normalize_name

__all__ = ["apply", "diff_classes", "diff_staff", "position_of", "qualification_of", "staff_codes"]


def position_of(text: str) -> str | None:
    """Our position for a CSDL ngành "Chức vụ"/"Vị trí việc làm" ("giáo viên mầm non" → "Giáo viên")."""
    key = fold(text)
    exact = [p for p in POSITIONS if fold(p) == key]
    if exact:
        return exact[0]
    starts = sorted((p for p in POSITIONS if key.startswith(fold(p))), key=len, reverse=True)
    return starts[0] if starts else None


def qualification_of(text: str) -> str | None:
    """Our qualification for a "Trình độ đào tạo" ("Đại học sư phạm mầm non" → "Đại học")."""
    key = fold(text)
    found = sorted((q for q in QUALIFICATIONS if key.startswith(fold(q))), key=len, reverse=True)
    return found[0] if found else None


# ---------------------------------------------------------------- staff


def _staff_values(sheet: ParsedSheet, diff: CsdlDiff, row) -> dict | None:
    v = row.values
    out: dict = {"full_name": normalize_name(str(v["full_name"])), "birth_date": v.get("birth_date")}
    if "sex" in v:
        out["sex"] = codes.SEX_TO_OURS.get(v["sex"][0])
    if "ethnicity" in v:
        out["ethnicity"] = ethnicity_name(v["ethnicity"])
        if out["ethnicity"] is None:
            diff.errors.append(sheet.locate(row.row, "ethnicity", v["ethnicity"][1],
                                            _("Dân tộc này không thuộc 54 dân tộc trong danh mục của phần mềm.")))
            return None
    checks = (("position", position_of, POSITIONS, _("chức vụ")),
              ("qualification", qualification_of, QUALIFICATIONS, _("trình độ đào tạo")))
    for key, convert, allowed, what in checks:
        if key in v:
            out[key] = convert(str(v[key]))
            if out[key] is None:
                diff.errors.append(sheet.locate(row.row, key, v[key], _("Không nhận ra {what} «{value}». Giá trị "
                                                                        "được phép: {allowed}.").format(
                    what=what, value=v[key], allowed=", ".join(allowed))))
                return None
    for key in ("phone", "ministry_code", "personal_id"):
        if key in v:
            out[key] = str(v[key])
    if "started_on" in v:
        out["started_on"] = v["started_on"]
    return out


def diff_staff(sheet: ParsedSheet, *, matches: Mapping[int, str] | None = None) -> CsdlDiff:
    matches = dict(matches or {})
    diff = CsdlDiff("staff", sheet, errors=list(sheet.errors), warnings=list(sheet.warnings))
    rows = staff.list_staff(include_left=True)
    code_of = {sid: (mc, pid) for sid, mc, pid in
               CsdlStaffCode.select(CsdlStaffCode.staff, CsdlStaffCode.ministry_code,
                                    CsdlStaffCode.personal_id).tuples()}
    by_ministry = {code_of[r.id][0]: r for r in rows if code_of.get(r.id, ("",))[0]}
    by_code = {r.code: r for r in rows}
    by_person: dict = {}
    for r in rows:
        by_person.setdefault((name_key(r.full_name), r.birth_date), []).append(r)
    seen: dict[int, int] = {}
    for row in sheet.rows:
        values = _staff_values(sheet, diff, row)
        if values is None:
            continue
        choice = matches.get(row.row)
        if choice is not None and choice.strip().upper() == NEW_CHOICE:
            people = []
        elif choice is not None:
            chosen = by_code.get(choice.strip()) or by_ministry.get(choice.strip())
            people = [chosen] if chosen else []
        elif values.get("ministry_code") in by_ministry:
            people = [by_ministry[values["ministry_code"]]]
        else:
            people = by_person.get((name_key(values["full_name"]), values["birth_date"]), [])
        if len(people) > 1:
            diff.entries.append(Entry(AMBIGUOUS, row.row, values["full_name"], values=values,
                                      candidates=tuple(Candidate(p.id, p.code, p.full_name, p.birth_date, p.position)
                                                       for p in people),
                                      note=_("{n} cán bộ cùng họ tên và ngày sinh").format(n=len(people))))
            continue
        if not people:
            diff.entries.append(Entry(NEW, row.row, values["full_name"], values=values))
            continue
        person = people[0]
        if person.id in seen:
            diff.entries.append(Entry(DUPLICATE, row.row, values["full_name"], person.id, person.code,
                                      note=_("cùng một cán bộ với dòng {row}").format(row=seen[person.id])))
            continue
        seen[person.id] = row.row
        ministry, personal = code_of.get(person.id, ("", ""))
        stored = {"full_name": person.full_name, "birth_date": person.birth_date, "sex": person.sex,
                  "ethnicity": person.ethnicity, "position": person.position,
                  "qualification": person.qualification, "phone": person.phone, "started_on": person.started_on,
                  "ministry_code": ministry, "personal_id": personal}
        changes = [Change(k, LABELS[k], _shown(k, stored[k]), _shown(k, new)) for k, new in values.items()
                   if new not in (None, "") and new != stored[k]]
        diff.entries.append(Entry(UPDATED if changes else UNCHANGED, row.row, person.full_name, person.id,
                                  person.code, changes, values=values))
    for r in rows:
        if r.left_on is None and r.id not in seen:
            diff.entries.append(Entry(MISSING, None, r.full_name, r.id, r.code, note=r.position))
    _check_staff(diff)
    return diff


_STAFF_FORM_FIELDS = ("full_name", "birth_date", "sex", "ethnicity", "position", "qualification", "phone",
                      "started_on")


def _check_staff(diff: CsdlDiff) -> None:
    for entry in diff.entries:
        if entry.status not in (NEW, UPDATED):
            continue
        form = staff.form_for(entry.record_id) if entry.record_id else staff.StaffForm()
        for key in _STAFF_FORM_FIELDS:
            if entry.values.get(key) not in (None, ""):
                setattr(form, key, entry.values[key])
        _values, chk = staff.check_staff(form, staff_id=entry.record_id)
        for key, message in chk.errors.items():
            diff.errors.append(diff.sheet.locate(entry.row, key, entry.values.get(key), message))
        entry.values["_form"] = form
    diff.errors.sort(key=lambda e: (e.row, e.column))


def _save_codes(staff_id: int, values: dict) -> None:
    extra = {k: values[k] for k in ("ministry_code", "personal_id") if values.get(k)}
    if not extra:
        return
    record = CsdlStaffCode.get_or_none(CsdlStaffCode.staff == staff_id)
    if record is None:
        CsdlStaffCode.create(staff=staff_id, **extra)
    else:
        CsdlStaffCode.update(**extra).where(CsdlStaffCode.id == record.id).execute()


# ---------------------------------------------------------------- classes


def _age_group(value: tuple[str, str]) -> str | None:
    code, name = value
    if code in codes.AGE_GROUP_CODES:
        return codes.AGE_GROUP_CODES[code]
    found = codes.AGE_GROUP.lookup(name)
    return codes.AGE_GROUP_CODES.get(found[0]) if found else None


def diff_classes(sheet: ParsedSheet) -> CsdlDiff:
    diff = CsdlDiff("classes", sheet, errors=list(sheet.errors), warnings=list(sheet.warnings))
    existing = {class_key(c.name): c for c in classes.list_classes()}
    seen: dict[str, int] = {}
    for row in sheet.rows:
        name = str(row.values["class_name"])
        group = _age_group(row.values["age_group"])
        if group is None:
            diff.errors.append(sheet.locate(row.row, "age_group", row.values["age_group"][1],
                                            _("Nhóm tuổi không có trong danh mục ({allowed}).").format(
                                                allowed=codes.AGE_GROUP.allowed_text())))
            continue
        values = {"name": name, "age_group": group}
        key = class_key(name)
        if key in seen:
            diff.entries.append(Entry(DUPLICATE, row.row, name, note=_("trùng tên lớp với dòng {row}").format(row=seen[key])))
            continue
        seen[key] = row.row
        current = existing.get(key)
        if current is None:
            diff.entries.append(Entry(NEW, row.row, name, values=values,
                                      note=AGE_GROUP_BY_CODE[group].label))
        elif current.age_group != group:
            change = Change("age_group", LABELS["age_group"], AGE_GROUP_BY_CODE[current.age_group].label
                            if current.age_group in AGE_GROUP_BY_CODE else current.age_group,
                            AGE_GROUP_BY_CODE[group].label)
            diff.entries.append(Entry(UPDATED, row.row, current.name, current.id, changes=[change], values=values))
        else:
            diff.entries.append(Entry(UNCHANGED, row.row, current.name, current.id))
    for key, c in existing.items():
        if key not in seen:
            diff.entries.append(Entry(MISSING, None, c.name, c.id, note=_("{n} trẻ").format(n=c.size)))
    return diff


# ---------------------------------------------------------------- applying (in apply_diff's transaction)


def apply(diff: CsdlDiff) -> ApplyResult:
    if diff.kind == "staff":
        for entry in diff.group(NEW):
            row = staff.create_staff(entry.values["_form"])
            _save_codes(row.id, entry.values)
        for entry in diff.group(UPDATED):
            staff.update_staff(entry.record_id, entry.values["_form"])
            _save_codes(entry.record_id, entry.values)
        for entry in diff.group(UNCHANGED):
            _save_codes(entry.record_id, entry.values)
    else:
        for entry in diff.group(NEW):
            classes.create_class(classes.ClassForm(entry.values["name"], entry.values["age_group"]))
        for entry in diff.group(UPDATED):
            form = classes.form_for(entry.record_id)
            form.age_group = entry.values["age_group"]
            classes.update_class(entry.record_id, form)
    return ApplyResult(len(diff.group(NEW)), len(diff.group(UPDATED)), 0, 0, 0)


def staff_codes() -> dict[int, tuple[str, str]]:
    """(Ministry code, personal ID) by staff id, for the export."""
    return {sid: (mc, pid) for sid, mc, pid in
            CsdlStaffCode.select(CsdlStaffCode.staff, CsdlStaffCode.ministry_code,
                                 CsdlStaffCode.personal_id).join(Staff).tuples()}

