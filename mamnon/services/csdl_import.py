"""Bringing a CSDL ngành list into the school: the dry-run diff, then applying it all or nothing.

The diff compares each checked row of the file (mamnon.csdl.rows) with the
database and sorts it into one group: new, updated (field by field), moved to
another class, left the school, duplicate of an earlier row, ambiguous (several
children could be meant: the user picks one), or unchanged; children of the
school the file does not mention are listed as missing (and left alone).

A child is matched by the Ministry's pupil code first; a row whose code the
school does not know yet is matched by name and birth date among the children
without a Ministry code — a new entrant with a temporary code — and the class
must agree too, else the user is asked; a row without a code is matched by name
and birth date, the class only narrowing several candidates down. A blank cell
never overwrites what the school has. Applying refuses while any row has an
error, a duplicate or an unresolved ambiguity, and writes everything in one
transaction through the same services the forms use (mamnon.services.children),
so the same rules hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from peewee import JOIN

from mamnon.csdl import codes
from mamnon.csdl.rows import ParsedRow, ParsedSheet
from mamnon.db import database
from mamnon.errors import MamnonError, ValidationError
from mamnon.formats import format_date
from mamnon.i18n import N_, _
from mamnon.models import Child, Enrollment, Guardian, SchoolClass
from mamnon.progress import Progress, ensure
from mamnon.reference import ETHNIC_GROUPS, ETHNIC_NAMES
from mamnon.services import children
from mamnon.services.classes import list_classes
from mamnon.services.school import school_info
from mamnon.vntext import normalize_name
from mamnon.workbooks.cells import CellError
from mamnon.services import audit, permissions

__all__ = [
    "AMBIGUOUS", "DUPLICATE", "GROUPS", "LEFT", "MISSING", "MOVED", "NEW", "UNCHANGED", "UPDATED",
    "ApplyResult", "Candidate", "Change", "CsdlDiff", "Entry", "apply_diff", "assign_temp_codes",
    "class_key", "diff_children", "diff_sheet", "ethnicity_name", "rows_to_write",
]

NEW, UPDATED, MOVED, LEFT, DUPLICATE, AMBIGUOUS, MISSING, UNCHANGED = (
    "new", "updated", "moved", "left", "duplicate", "ambiguous", "missing", "unchanged")
GROUPS: dict[str, str] = {
    NEW: N_("Mới"), UPDATED: N_("Cập nhật"), MOVED: N_("Chuyển lớp"), LEFT: N_("Nghỉ học / chuyển đi"),
    DUPLICATE: N_("Trùng trong tệp"), AMBIGUOUS: N_("Cần chọn trẻ"), MISSING: N_("Có ở trường, không có trong tệp"),
    UNCHANGED: N_("Không đổi"),
}
"""Heading of each group, in the order they are shown (Vietnamese; a screen shows _(heading))."""

NEW_CHOICE = "MOI"
"""What `matches` maps a row to when the user says the row is a new child, not one of the candidates."""

LABELS = {
    "full_name": N_("Họ và tên"), "birth_date": N_("Ngày sinh"), "sex": N_("Giới tính"), "ethnicity": N_("Dân tộc"),
    "province": N_("Tỉnh/Thành phố"), "commune": N_("Xã/Phường"), "village": N_("Thôn/Tổ dân phố"), "address": N_("Địa chỉ"),
    "disability": N_("Khuyết tật"), "personal_id": N_("Số định danh cá nhân"), "ministry_code": N_("Mã định danh Bộ GD&ĐT"),
    "father_name": N_("Họ tên cha"), "mother_name": N_("Họ tên mẹ"), "class_name": N_("Lớp"), "position": N_("Chức vụ"),
    "qualification": N_("Trình độ đào tạo"), "phone": N_("Số điện thoại"), "started_on": N_("Ngày tuyển dụng"),
    "age_group": N_("Nhóm tuổi"),
}
_TEXT_FIELDS = ("province", "commune", "village", "address", "disability")
_PARENTS = (("father_name", "Bố"), ("mother_name", "Mẹ"))  # i18n-skip: relations as stored
_RELATION = dict(_PARENTS)


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str

    def text(self) -> str:
        return _("{label}: «{old}» → «{new}»").format(label=_(self.label), old=self.old or _("(trống)"), new=self.new)


@dataclass(frozen=True)
class Candidate:
    record_id: int
    code: str
    """The school's own code (what `--match ROW=CODE` names)."""
    full_name: str
    birth_date: dt.date | None
    class_name: str
    ministry_code: str = ""

    def text(self) -> str:
        born = format_date(self.birth_date) if self.birth_date else ""
        text = _("{code} — {name}, {born}, lớp {class_name}").format(
            code=self.code, name=self.full_name, born=born, class_name=self.class_name or _("(không)"))
        return text + (_(", mã Bộ {code}").format(code=self.ministry_code) if self.ministry_code else "")


@dataclass
class Entry:
    status: str
    row: int | None
    """Row of the file (None for a record missing from the file)."""
    full_name: str
    record_id: int | None = None
    code: str = ""
    changes: list[Change] = field(default_factory=list)
    from_class: str = ""
    to_class: str = ""
    candidates: tuple[Candidate, ...] = ()
    note: str = ""
    values: dict = field(default_factory=dict, repr=False)
    """What applying writes: field → clean value."""

    def text(self) -> str:
        who = f"{self.full_name}" + (f" ({self.code})" if self.code else "")
        parts = [_("Dòng {row}: {who}").format(row=self.row, who=who) if self.row is not None else who]
        if self.status == MOVED:
            parts.append(_("lớp {old} → {new}").format(old=self.from_class or _("(không)"), new=self.to_class))
        parts += [c.text() for c in self.changes]
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)


@dataclass
class CsdlDiff:
    kind: str
    sheet: ParsedSheet
    entries: list[Entry] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)

    def group(self, status: str) -> list[Entry]:
        return [e for e in self.entries if e.status == status]

    def counts(self) -> dict[str, int]:
        return {status: len(self.group(status)) for status in GROUPS}

    @property
    def blocking(self) -> list[str]:
        """Why applying is refused (empty when it may go ahead)."""
        reasons = []
        if self.errors:
            reasons.append(_("{n} ô sai trong tệp").format(n=len(self.errors)))
        if self.group(DUPLICATE):
            reasons.append(_("{n} dòng trùng trong tệp").format(n=len(self.group(DUPLICATE))))
        if self.group(AMBIGUOUS):
            reasons.append(_("{n} dòng chưa chọn trẻ (--match DÒNG=MÃ)").format(n=len(self.group(AMBIGUOUS))))
        return reasons

    @property
    def has_changes(self) -> bool:
        return any(e.status in (NEW, UPDATED, MOVED, LEFT) for e in self.entries)


@dataclass(frozen=True)
class ApplyResult:
    created: int
    updated: int
    moved: int
    left: int
    temp_codes: int
    """Temporary codes given to new entrants without a Ministry code."""


def person_name(name: str) -> str:
    """How names are compared: normalised as the child form stores them, any case."""
    return name.casefold()


@lru_cache(maxsize=4096)
def _class_key(name: object) -> str:
    return codes.value_key(name)


def class_key(name: object) -> str:
    """Class names compared like codes: "Mầm 1" = "mầm1" = "MẦM 1"."""
    # A school has a few dozen class names, repeated on every row of the file: fold each once.
    return _class_key(name) if isinstance(name, str) else codes.value_key(name)


_ETHNIC_BY_CODE = dict(ETHNIC_GROUPS)


def ethnicity_name(value: tuple[str, str]) -> str | None:
    """Our ethnic-group name for a (code, name) of the file, or None when it is not one of the 54."""
    code, name = value
    if code in _ETHNIC_BY_CODE:
        return _ETHNIC_BY_CODE[code]
    found = codes.ETHNICITY.lookup(name)
    return found[1] if found and found[1] in ETHNIC_NAMES else None


# ---------------------------------------------------------------- the school's side, read once


@dataclass
class _Child:
    id: int
    code: str
    full_name: str
    birth_date: dt.date
    values: dict
    ministry_code: str
    temp_code: str
    left_on: dt.date | None
    class_id: int | None = None
    class_name: str = ""
    guardians: list[tuple[str, str, str]] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)
    """Relation → name of the first guardian of that relation."""

    def candidate(self) -> Candidate:
        return Candidate(self.id, self.code, self.full_name, self.birth_date, self.class_name, self.ministry_code)


def _day(value: object) -> dt.date | None:
    if type(value) is str:
        return dt.date.fromisoformat(value[:10])
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _rows(query) -> list[tuple]:
    """The query's rows straight from the cursor: peewee's per-row conversion was most of the time
    of reading a 2,000-child school (dates come back as ISO text, read by _day)."""
    sql, params = query.sql()
    return database.execute_sql(sql, params).fetchall()


class _School:
    """Every child (also those who left) with their current class and guardians, in two queries."""

    def __init__(self) -> None:
        fields = (Child.id, Child.code, Child.full_name, Child.birth_date, Child.sex, Child.ethnicity,
                  Child.province, Child.commune, Child.village, Child.address, Child.disability,
                  Child.personal_id, Child.ministry_code, Child.temp_code, Child.left_on, Child.policy_category,
                  Child.note, SchoolClass.id, SchoolClass.name)
        query = (Child.select(*fields)
                 .join(Enrollment, JOIN.LEFT_OUTER, on=(Enrollment.child == Child.id) & Enrollment.end_date.is_null())
                 .join(SchoolClass, JOIN.LEFT_OUTER, on=Enrollment.school_class == SchoolClass.id))
        self.children: dict[int, _Child] = {}
        self.by_person: dict[tuple[str, dt.date], list[_Child]] = {}
        for (cid, code, name, birth, sex, ethnicity, province, commune, village, address, disability,
             personal_id, ministry, temp, left_on, policy, note, class_id, class_name) in _rows(query):
            if cid in self.children:  # two open stays (a damaged history): the last one read, as lists do
                self.children[cid].class_id, self.children[cid].class_name = class_id, class_name or ""
                continue
            birth, left_on = _day(birth), _day(left_on)
            values = {"full_name": name, "birth_date": birth, "sex": sex, "ethnicity": ethnicity,
                      "province": province, "commune": commune, "village": village, "address": address,
                      "disability": disability, "personal_id": personal_id, "ministry_code": ministry,
                      "policy_category": policy, "note": note}
            child = self.children[cid] = _Child(cid, code, name, birth, values, ministry, temp, left_on,
                                                class_id, class_name or "")
            self.by_person.setdefault((person_name(name), birth), []).append(child)
        guardians = (Guardian.select(Guardian.child, Guardian.full_name, Guardian.relation, Guardian.phone)
                     .order_by(Guardian.child, Guardian.position))
        for cid, name, relation, phone in _rows(guardians):
            child = self.children[cid]
            child.guardians.append((name, relation, phone))
            child.parents.setdefault(relation, name)
        self.by_ministry = {c.ministry_code: c for c in self.children.values() if c.ministry_code}
        self.by_code = {c.code: c for c in self.children.values()}
        self.by_temp = {c.temp_code: c for c in self.children.values() if c.temp_code}
        self.classes = {class_key(c.name): c for c in list_classes()}

    def chosen(self, code: str) -> _Child | None:
        code = code.strip()
        return self.by_code.get(code) or self.by_ministry.get(code) or self.by_temp.get(code)


# ---------------------------------------------------------------- matching


def _match(row: ParsedRow, full_name: str, school: _School,
           choice: str | None) -> tuple[_Child | None, list[_Child], str]:
    """(child, candidates, note): the child the row is (`full_name` as the form stores it), or the
    candidates to choose from."""
    v = row.values
    if choice is not None:
        if choice.strip().upper() == NEW_CHOICE:
            return None, [], ""
        child = school.chosen(choice)
        return (child, [], "") if child else (None, [], _("không có trẻ mã «{code}» để ghép").format(code=choice))
    ministry = str(v.get("ministry_code") or "")
    if ministry and ministry in school.by_ministry:
        return school.by_ministry[ministry], [], ""
    people = school.by_person.get((person_name(full_name), v["birth_date"]), [])
    wanted_class = class_key(v.get("class_name", ""))
    if ministry:
        # A child who already has another Ministry code is someone else; only one still waiting for
        # a code (a new entrant) can receive this one, and only in the class the file says.
        people = [c for c in people if not c.ministry_code]
        if len(people) == 1 and (not wanted_class or class_key(people[0].class_name) == wanted_class):
            return people[0], [], ""
        return None, people, ""
    if len(people) > 1 and wanted_class:
        narrowed = [c for c in people if class_key(c.class_name) == wanted_class]
        people = narrowed or people
    if len(people) == 1:
        return people[0], [], ""
    return None, people, ""


# ---------------------------------------------------------------- comparing


def _name(raw: object, stored: str) -> str:
    """The name as the child form stores it (normalize_name); a name the file writes exactly as the school
    already has it is that name, which spares normalising thousands of unchanged names."""
    return stored if raw == stored and stored else normalize_name(str(raw))


def _file_values(row: ParsedRow, diff: CsdlDiff, likely: _Child | None) -> dict | None:
    """The row's values as the database holds them (our codes and names), or None after an error.
    `likely` is the child the row's Ministry code names, if any: only its names are compared."""
    v = row.values
    out: dict = {"full_name": _name(v["full_name"], likely.full_name if likely else ""),
                 "birth_date": v["birth_date"]}
    if "sex" in v:
        out["sex"] = codes.SEX_TO_OURS.get(v["sex"][0]) or {"nam": "M", "nu": "F"}.get(codes.value_key(v["sex"][1]))
    if "ethnicity" in v:
        out["ethnicity"] = ethnicity_name(v["ethnicity"])
        if out["ethnicity"] is None:
            diff.errors.append(diff.sheet.locate(row.row, "ethnicity", v["ethnicity"][1],
                                                 _("Dân tộc này không thuộc 54 dân tộc trong danh mục của phần mềm.")))
            return None
    for key in _TEXT_FIELDS:
        if key in v:
            out[key] = v[key][1] if isinstance(v[key], tuple) else str(v[key])
    for key in ("personal_id", "ministry_code"):
        if key in v:
            out[key] = str(v[key])
    for key, relation in _PARENTS:
        if key in v:
            out[key] = _name(v[key], _guardian_name(likely, relation) if likely else "")
    return out


def _shown(key: str, value: object) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    if key == "sex":
        return {"M": _("Nam"), "F": _("Nữ")}.get(str(value), str(value or ""))
    return str(value or "")


def _guardian_name(child: _Child, relation: str) -> str:
    return child.parents.get(relation, "")


def _changes(child: _Child, values: dict) -> list[Change]:
    out = []
    for key, new in values.items():
        if key in _RELATION:
            old = _guardian_name(child, _RELATION[key])
        else:
            old = child.values.get(key)
        if new not in (None, "") and new != old:
            out.append(Change(key, LABELS[key], _shown(key, old), _shown(key, new)))
    return out


def _status(row: ParsedRow) -> str:
    value = row.values.get("status")
    return value[0] if value else ""


def _entry_for_child(row: ParsedRow, child: _Child, values: dict, school: _School, diff: CsdlDiff,
                     today: dt.date) -> Entry:
    entry = Entry(UNCHANGED, row.row, child.full_name, child.id, child.code, _changes(child, values),
                  values=values)
    status = _status(row)
    if status in codes.LEFT_STATUSES:
        if child.left_on is None:
            entry.status = LEFT
            on = row.values.get("status_date") or today
            entry.values["left_on"] = on
            entry.values["left_reason"] = codes.STATUS.name_of(status)
            entry.note = _("{status} từ {date}").format(status=codes.STATUS.name_of(status), date=format_date(on))
        return entry
    if child.left_on is not None:
        shown = codes.STATUS.name_of(status) or "Đang học"  # i18n-skip: the file's status, as CSDL ngành names it
        diff.warnings.append(diff.sheet.locate(row.row, "status", shown,
                                               _("{name} đã nghỉ học từ {date} ở trường, tệp ghi đang học: không "
                                                 "tự nhận lại trẻ.").format(name=child.full_name,
                                                                           date=format_date(child.left_on))))
        entry.changes = []
        return entry
    target = school.classes.get(class_key(row.values.get("class_name", "")))
    if target is not None and target.id != child.class_id:
        entry.status = MOVED
        entry.from_class, entry.to_class = child.class_name, target.name
        entry.values["class_id"] = target.id
    elif entry.changes:
        entry.status = UPDATED
    return entry


def _known_class(row: ParsedRow, school: _School, diff: CsdlDiff) -> bool:
    name = row.values.get("class_name", "")
    if class_key(name) in school.classes:
        return True
    diff.errors.append(diff.sheet.locate(row.row, "class_name", name,
                                         _("Lớp «{name}» không có trong năm học hiện tại của trường (có: {classes}). "
                                           "Hãy tạo lớp, hoặc nhập danh sách lớp của CSDL ngành trước.").format(
                                             name=name, classes=", ".join(c.name for c in school.classes.values())
                                             or _("chưa có lớp"))))
    return False


def _new_entry(row: ParsedRow, values: dict, school: _School) -> Entry:
    target = school.classes[class_key(row.values["class_name"])]
    values = {**values, "class_id": target.id}
    return Entry(NEW, row.row, values["full_name"], to_class=target.name, values=values,
                 note=_("vào lớp {class_name}").format(class_name=target.name))


def diff_children(sheet: ParsedSheet, *, matches: Mapping[int, str] | None = None,
                  today: dt.date | None = None) -> CsdlDiff:
    """Compare a checked children sheet with the database; nothing is written."""
    today = today or dt.date.today()
    matches = dict(matches or {})
    diff = CsdlDiff("children", sheet, errors=list(sheet.errors), warnings=list(sheet.warnings))
    school = _School()
    seen_child: dict[int, int] = {}
    seen_code: dict[str, int] = {}
    seen_new: dict[tuple, int] = {}
    for row in sheet.rows:
        values = _file_values(row, diff, school.by_ministry.get(str(row.values.get("ministry_code") or "")))
        if values is None:
            continue
        ministry = values.get("ministry_code", "")
        if ministry and ministry in seen_code:
            diff.entries.append(Entry(DUPLICATE, row.row, values["full_name"], values=values,
                                      note=_("trùng mã định danh {code} với dòng {row}").format(
                                          code=ministry, row=seen_code[ministry])))
            continue
        if ministry:
            seen_code[ministry] = row.row
        child, candidates, problem = _match(row, values["full_name"], school, matches.get(row.row))
        if problem:
            diff.errors.append(sheet.locate(row.row, "full_name", values["full_name"], f"--match: {problem}."))
            continue
        if child is not None and child.id in seen_child:
            diff.entries.append(Entry(DUPLICATE, row.row, values["full_name"], child.id, child.code, values=values,
                                      note=_("cùng một trẻ với dòng {row}").format(row=seen_child[child.id])))
            continue
        if child is not None:
            seen_child[child.id] = row.row
            diff.entries.append(_entry_for_child(row, child, values, school, diff, today))
            continue
        if candidates:
            diff.entries.append(Entry(AMBIGUOUS, row.row, values["full_name"], values=values,
                                      candidates=tuple(c.candidate() for c in candidates),
                                      note=_("{n} trẻ cùng họ tên và ngày sinh").format(n=len(candidates))
                                      if len(candidates) > 1 else _("trẻ cùng họ tên, ngày sinh nhưng khác lớp")))
            continue
        if _status(row) in codes.LEFT_STATUSES:
            continue  # a child who left before ever being in this school's records: nothing to add
        person = (person_name(values["full_name"]), values["birth_date"], class_key(row.values.get("class_name")))
        earlier = seen_new.get(person)
        if earlier is not None and not (ministry and earlier[1]):  # two distinct Ministry codes: two children
            diff.entries.append(Entry(DUPLICATE, row.row, values["full_name"], values=values,
                                      note=_("trùng họ tên, ngày sinh và lớp với dòng {row}").format(row=earlier[0])))
            continue
        seen_new[person] = (row.row, ministry)
        if _known_class(row, school, diff):
            diff.entries.append(_new_entry(row, values, school))
    missing = [c for c in school.children.values() if c.left_on is None and c.id not in seen_child]
    for c in sorted(missing, key=lambda c: (c.class_name, c.full_name)):
        diff.entries.append(Entry(MISSING, None, c.full_name, c.id, c.code, from_class=c.class_name,
                                  note=_("lớp {class_name}").format(class_name=c.class_name or _("(không)"))))
    _check_changed(diff, school, today)
    diff.errors.sort(key=lambda e: (e.row, e.column))
    return diff


# ---------------------------------------------------------------- checking with the form's rules


_FORM_KEYS = {"class_id": "class_name", "guardian1_name": "father_name", "guardian2_name": "mother_name"}


def _form(entry: Entry, child: _Child | None) -> children.ChildForm:
    v = entry.values
    if child is None:
        form = children.ChildForm(class_id=v["class_id"])
        guardians: list[tuple[str, str, str]] = []
    else:
        form = children.ChildForm(
            full_name=child.full_name, birth_date=child.birth_date, sex=child.values["sex"], code=child.code,
            class_id=child.class_id, ethnicity=child.values["ethnicity"],
            # the file has no such columns, but update_child saves every field of the form
            policy_category=child.values["policy_category"], note=child.values["note"],
            **{k: child.values[k] for k in _TEXT_FIELDS})
        guardians = list(child.guardians)
    for key in ("full_name", "birth_date", "sex", "ethnicity", *_TEXT_FIELDS):
        if v.get(key) not in (None, ""):
            setattr(form, key, v[key])
    for key, relation in _PARENTS:
        name = v.get(key)
        if not name:
            continue
        slot = next((i for i, g in enumerate(guardians) if g[1] == relation), None)
        if slot is not None:
            guardians[slot] = (name, relation, guardians[slot][2])
        elif len(guardians) < children.GUARDIAN_SLOTS:
            guardians.append((name, relation, ""))
    form.guardians = [children.GuardianForm(*g) for g in guardians[:children.GUARDIAN_SLOTS]]
    form.guardians += [children.GuardianForm() for _i in range(children.GUARDIAN_SLOTS - len(form.guardians))]
    return form


def _check_changed(diff: CsdlDiff, school: _School, today: dt.date) -> None:
    """Run the child form's own checks on every row that would write, on what the school was read with
    (one more query for the classes and their years, none per row)."""
    writing = [e for e in diff.entries
               if e.status in (NEW, UPDATED) or (e.status in (MOVED, LEFT) and e.changes)]
    if not writing:
        return
    lookups = children.CheckLookups(
        children.CheckLookups.classes_with_years(),
        {c.id: c.class_id for c in school.children.values() if c.class_id is not None},
        {c.code: c.id for c in school.children.values()})
    for entry in writing:
        child = school.children.get(entry.record_id) if entry.record_id else None
        form = _form(entry, child)
        _values, chk = children.check_child(form, child_id=entry.record_id, today=today, lookups=lookups)
        for key, message in chk.errors.items():
            key = _FORM_KEYS.get(key, key)
            diff.errors.append(diff.sheet.locate(entry.row, key, entry.values.get(key), message))
        if entry.status == NEW:
            for key, message in chk.warnings.items():
                diff.warnings.append(diff.sheet.locate(entry.row, _FORM_KEYS.get(key, key),
                                                       entry.values.get(key), message))
        entry.values["_form"] = form


# ---------------------------------------------------------------- applying


def _temp_codes(count: int) -> list[str]:
    """`count` unused temporary codes TAM-<school code>-<n>, continuing the school's numbering."""
    prefix = f"TAM-{school_info().code}-"
    used = [c for (c,) in Child.select(Child.temp_code).where(Child.temp_code.startswith(prefix)).tuples()]
    last = max((int(c[len(prefix):]) for c in used if c[len(prefix):].isdigit()), default=0)
    return [f"{prefix}{last + i}" for i in range(1, count + 1)]


def assign_temp_codes() -> int:
    """Give every child at school who has neither a Ministry code nor a temporary code one; returns how many."""
    permissions.require("children.edit")
    waiting = [cid for (cid,) in Child.select(Child.id).where(
        (Child.ministry_code == "") & (Child.temp_code == "") & Child.left_on.is_null()).order_by(Child.id).tuples()]
    with database.atomic():
        for cid, code in zip(waiting, _temp_codes(len(waiting)), strict=True):
            audit.update_where(Child, {"temp_code": code}, Child.id == cid)
    return len(waiting)


def _codes_of(entry: Entry) -> dict:
    out = {k: entry.values[k] for k in ("ministry_code", "personal_id") if entry.values.get(k)}
    if out.get("ministry_code"):
        out["temp_code"] = ""  # the real code replaces the temporary one
    return out


NEW_CHILDREN_PER_STEP = 50
"""New children written per progress step: create_children writes in batches, one per step keeps that."""


def _apply_children(diff: CsdlDiff, today: dt.date, progress: Progress) -> ApplyResult:
    new = diff.group(NEW)
    temp_count = 0
    ids: list[int] = []
    for start in range(0, len(new), NEW_CHILDREN_PER_STEP):
        batch = new[start:start + NEW_CHILDREN_PER_STEP]
        progress.step(_("Thêm trẻ mới {first}–{last}/{total}").format(first=start + 1, last=start + len(batch),
                                                                      total=len(new)))
        ids += children.create_children([e.values["_form"] for e in batch], today=today)
        progress.advance(len(batch))
    waiting = [e for e in new if not e.values.get("ministry_code")]
    temps = dict(zip((id(e) for e in waiting), _temp_codes(len(waiting)), strict=True))
    for entry, child_id in zip(new, ids, strict=True):
        extra = _codes_of(entry)
        if id(entry) in temps:
            extra["temp_code"] = temps[id(entry)]
            temp_count += 1
        if extra:
            audit.update_where(Child, extra, Child.id == child_id)
    for entry in _changed(diff):
        progress.step(_("Dòng {row}: {who}").format(row=entry.row, who=entry.full_name))
        if "_form" in entry.values:
            children.update_child(entry.record_id, entry.values["_form"])
        extra = _codes_of(entry)
        if extra:
            audit.update_where(Child, extra, Child.id == entry.record_id)
        if entry.status == MOVED:
            children.move_child(entry.record_id, entry.values["class_id"], today)
        if entry.status == LEFT:
            children.mark_left(entry.record_id, entry.values["left_on"], entry.values["left_reason"])
        progress.advance()
    return ApplyResult(len(new), len(diff.group(UPDATED)), len(diff.group(MOVED)), len(diff.group(LEFT)),
                       temp_count)


def _changed(diff: CsdlDiff) -> list[Entry]:
    return diff.group(UPDATED) + diff.group(MOVED) + diff.group(LEFT)


def rows_to_write(diff: CsdlDiff) -> int:
    """The rows applying writes, one progress unit each (staff and classes: new and updated)."""
    if diff.kind == "children":
        return len(diff.group(NEW)) + len(_changed(diff))
    return len(diff.group(NEW)) + len(diff.group(UPDATED))


def apply_diff(diff: CsdlDiff, *, today: dt.date | None = None, progress: Progress | None = None) -> ApplyResult:
    """Write the diff in one transaction, or raise MamnonError (nothing written) when it is blocked.

    progress: one unit per row written (new children in batches of NEW_CHILDREN_PER_STEP), then a last safe
    point before the commit; a cancel (mamnon.errors.Cancelled) or Ctrl+C rolls every row back.
    """
    from mamnon.services import csdl_staff_classes
    from mamnon.services.background import all_or_nothing

    today = today or dt.date.today()
    progress = ensure(progress)
    permissions.require("staff.edit" if diff.kind == "staff" else "children.edit")
    if diff.blocking:
        raise MamnonError(_("Chưa nhập được: {reasons}.").format(reasons="; ".join(diff.blocking)))
    progress.stage(rows_to_write(diff), _("Ghi vào cơ sở dữ liệu"))
    try:
        with all_or_nothing(progress):
            if diff.kind == "children":
                done = _apply_children(diff, today, progress)
            else:
                progress.step(_("Ghi {n} dòng").format(n=rows_to_write(diff)))
                done = csdl_staff_classes.apply(diff)
                progress.advance(rows_to_write(diff))
    except ValidationError as exc:
        raise MamnonError(_("Không ghi được, không có gì thay đổi: {errors}").format(
            errors="; ".join(exc.errors.values()))) from None
    progress.finish()
    return done


def diff_sheet(sheet: ParsedSheet, *, matches: Mapping[int, str] | None = None,
               today: dt.date | None = None, progress: Progress | None = None) -> CsdlDiff:
    """The diff of any CSDL ngành sheet (children, classes or staff).

    progress: one step of unknown length (a school's file compares in well under a second), then a safe
    point; nothing is written, so a cancel leaves nothing to undo."""
    from mamnon.services import csdl_staff_classes

    progress = ensure(progress)
    progress.stage(0, _("So {n} dòng với dữ liệu của trường").format(n=len(sheet.rows)))
    if sheet.template.kind == "children":
        diff = diff_children(sheet, matches=matches, today=today)
    elif sheet.template.kind == "staff":
        diff = csdl_staff_classes.diff_staff(sheet, matches=matches)
    else:
        diff = csdl_staff_classes.diff_classes(sheet)
    progress.check()
    return diff
