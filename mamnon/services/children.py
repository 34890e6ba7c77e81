"""Children: the register, the add/edit form, moving between classes, leaving.

A stay in a class is an Enrollment covering [start_date, end_date): moving a
child on day D closes the current stay at D and opens the next at D; leaving
on D closes it at D and sets `left_on`. Nothing is ever deleted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field


from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.formats import age_in_months, format_date
from mamnon.i18n import _
from mamnon.models import Child, Enrollment, Guardian, SchoolClass, SchoolYear
from mamnon.reference import AGE_GROUP_BY_CODE, ETHNIC_NAMES, GUARDIAN_RELATIONS, POLICY_CATEGORIES, SEXES
from mamnon.services import audit, permissions
from mamnon.services.codes import next_code
from mamnon.services.unique_create import create_coded, write_transaction
from mamnon.services.form_check import FormCheck
from mamnon.vntext import filter_by_phrase, fold, name_sort_key, normalize_name

GUARDIAN_SLOTS = 2


@dataclass
class GuardianForm:
    full_name: str = ""
    relation: str = ""
    phone: str = ""


@dataclass
class ChildForm:
    """What the child form holds, as typed (dates dd/mm/yyyy)."""

    full_name: str = ""
    birth_date: str = ""
    sex: str = ""
    code: str = ""
    class_id: int | None = None
    enrolled_on: str = ""
    ethnicity: str = "Kinh"
    village: str = ""
    commune: str = ""
    province: str = ""
    address: str = ""
    disability: str = ""
    policy_category: str = ""
    note: str = ""
    guardians: list[GuardianForm] = field(default_factory=lambda: [GuardianForm() for _i in range(GUARDIAN_SLOTS)])
    row_version: int | None = None
    """The child's row_version when the form was opened (form_for); None: save without the check."""


@dataclass(frozen=True)
class GuardianRow:
    full_name: str
    relation: str
    phone: str


@dataclass(frozen=True)
class ChildRow:
    """One child as lists show it: current (or last) class, left or not."""

    id: int
    code: str
    full_name: str
    birth_date: dt.date
    sex: str
    class_id: int | None
    class_name: str
    left_on: dt.date | None
    search_text: str = field(default="", compare=False, repr=False)
    sort_key: tuple = field(default=(), compare=False, repr=False)

    @property
    def sex_label(self) -> str:
        return SEXES.get(self.sex, "")


@dataclass(frozen=True)
class ChildDetail:
    row: ChildRow
    ethnicity: str
    village: str
    commune: str
    province: str
    address: str
    disability: str
    policy_category: str
    enrolled_on: dt.date | None
    left_reason: str
    note: str
    guardians: tuple[GuardianRow, ...]
    history: tuple[tuple[str, dt.date, dt.date | None], ...]
    """(class name, from, until) for every stay, oldest first."""
    row_version: int | None = None


@dataclass(frozen=True)
class CheckResult:
    errors: dict[str, str]
    warnings: dict[str, str]


# ---------------------------------------------------------------- listing


def list_children(
    *, class_id: int | None = None, search: str = "", include_left: bool = False
) -> list[ChildRow]:
    """Children sorted the Vietnamese way, optionally of one class and matching a search."""
    latest: dict[int, tuple[int, str, dt.date | None]] = {}
    stays = (
        Enrollment.select(Enrollment.child, Enrollment.school_class, Enrollment.end_date, SchoolClass.name)
        .join(SchoolClass)
        .order_by(Enrollment.start_date, Enrollment.id)
        .tuples()
    )
    for child_id, cls_id, end, cls_name in stays:
        latest[child_id] = (cls_id, cls_name, end)
    query = Child.select(Child.id, Child.code, Child.full_name, Child.birth_date, Child.sex, Child.left_on)
    if not include_left:
        query = query.where(Child.left_on.is_null())
    rows = []
    for cid, code, name, birth, sex, left_on in query.tuples():
        cls_id, cls_name, _start = latest.get(cid, (None, "", None))
        if class_id is not None and cls_id != class_id:
            continue
        rows.append(ChildRow(cid, code, name, birth, sex, cls_id, cls_name, left_on,
                             fold(f"{name} {code}"), name_sort_key(name)))
    rows.sort(key=lambda r: r.sort_key)
    if search:
        rows = filter_rows(rows, search)
    return rows


def filter_rows(rows: list[ChildRow], query: str) -> list[ChildRow]:
    """Rows whose name or code contains the query, ignoring diacritics and case."""
    return filter_by_phrase(rows, query)


def get_child(child_id: int) -> ChildDetail:
    c = Child.get_or_none(Child.id == child_id)
    if c is None:
        raise NotFound(_("Không có trẻ số {id}.").format(id=child_id))
    stays = list(
        Enrollment.select(Enrollment, SchoolClass)
        .join(SchoolClass)
        .where(Enrollment.child == c.id)
        .order_by(Enrollment.start_date, Enrollment.id)
    )
    last = stays[-1] if stays else None
    row = ChildRow(c.id, c.code, c.full_name, c.birth_date, c.sex,
                   last.school_class.id if last else None, last.school_class.name if last else "",
                   c.left_on, fold(f"{c.full_name} {c.code}"), name_sort_key(c.full_name))
    guardians = tuple(
        GuardianRow(g.full_name, g.relation, g.phone)
        for g in c.guardians.order_by(Guardian.position)
    )
    return ChildDetail(
        row=row, ethnicity=c.ethnicity, village=c.village, commune=c.commune, province=c.province,
        address=c.address, disability=c.disability, policy_category=c.policy_category,
        enrolled_on=c.enrolled_on, left_reason=c.left_reason, note=c.note, guardians=guardians,
        history=tuple((s.school_class.name, s.start_date, s.end_date) for s in stays),
        row_version=c.row_version,
    )


def form_for(child_id: int) -> ChildForm:
    """The edit form pre-filled from the database."""
    d = get_child(child_id)
    guardians = [GuardianForm(g.full_name, g.relation, g.phone) for g in d.guardians]
    guardians += [GuardianForm() for _i in range(GUARDIAN_SLOTS - len(guardians))]
    return ChildForm(
        full_name=d.row.full_name, birth_date=format_date(d.row.birth_date), sex=d.row.sex,
        code=d.row.code, class_id=d.row.class_id, enrolled_on=format_date(d.enrolled_on),
        ethnicity=d.ethnicity, village=d.village, commune=d.commune, province=d.province,
        address=d.address, disability=d.disability, policy_category=d.policy_category, note=d.note,
        guardians=guardians[:GUARDIAN_SLOTS], row_version=d.row_version,
    )


# ---------------------------------------------------------------- checking


def age_warning(birth: dt.date, age_group: str, year_start: dt.date, today: dt.date) -> str:
    """A warning when a child's age does not fit the class's age group ('' when it fits).

    Schools place children by birth year (born in Y -> the 5–6 class of the year
    starting Y+5); a child also fits when the age in months today is in the band.
    """
    group = AGE_GROUP_BY_CODE.get(age_group)
    if group is None:
        return ""
    if year_start.year - birth.year in group.years_before_school_year:
        return ""
    months = age_in_months(birth, today)
    if group.min_months <= months <= group.max_months:
        return ""
    return _("Trẻ {months} tháng tuổi, sinh năm {year}: không đúng độ tuổi của nhóm «{group}». "
             "Vẫn có thể lưu nếu đúng là như vậy.").format(months=months, year=birth.year, group=_(group.label))


@dataclass(frozen=True)
class CheckLookups:
    """What check_child otherwise reads from the database for each form, read once by a caller that checks
    many forms (the CSDL ngành import checks every row that would write): with it check_child runs no query."""

    classes: Mapping[int, SchoolClass]
    """Class id → class with its school year joined, for every class a form or an open stay names."""
    open_class: Mapping[int, int]
    """Child id → class id of the child's open stay (a child without one is absent)."""
    code_owner: Mapping[str, int]
    """Child code → the id of the child who has it."""

    @staticmethod
    def classes_with_years() -> dict[int, SchoolClass]:
        return {c.id: c for c in SchoolClass.select(SchoolClass, SchoolYear).join(SchoolYear)}


def check_child(form: ChildForm, *, child_id: int | None = None, today: dt.date | None = None,
                lookups: CheckLookups | None = None):
    """Clean values and a FormCheck with every error and warning of the form."""
    today = today or dt.date.today()
    chk = FormCheck()
    v: dict = {}
    v["full_name"] = normalize_name(chk.text("full_name", form.full_name, required=True, max_len=100,
                                             what=_("họ và tên")))
    if v["full_name"] and not re.fullmatch(r"[^\W\d_]+(?:[ '\-][^\W\d_]+)*", v["full_name"]):
        chk.error("full_name", _("Họ và tên chỉ gồm chữ cái (không có số hay ký hiệu)."))
    v["birth_date"] = chk.date("birth_date", form.birth_date, required=True, what=_("ngày sinh"))
    v["sex"] = chk.sex("sex", form.sex)
    v["code"] = chk.text("code", form.code, max_len=30)
    if v["code"] and not re.fullmatch(r"[0-9A-Za-z_.\-]+", v["code"]):
        chk.error("code", _("Mã trẻ chỉ gồm chữ không dấu, số và dấu gạch."))
    v["enrolled_on"] = chk.date("enrolled_on", form.enrolled_on)
    v["ethnicity"] = chk.choice("ethnicity", form.ethnicity or "Kinh", ETHNIC_NAMES, what=_("dân tộc"))
    for key in ("village", "commune", "province", "address", "disability"):
        v[key] = chk.text(key, getattr(form, key), max_len=200)
    v["policy_category"] = chk.choice("policy_category", form.policy_category, POLICY_CATEGORIES,
                                      what=_("diện chính sách"))
    v["note"] = chk.text("note", form.note, max_len=1000)

    birth = v["birth_date"]
    if birth:
        if birth > today:
            chk.error("birth_date", _("Ngày sinh ở tương lai."))
        elif age_in_months(birth, today) > 8 * 12:
            chk.error("birth_date", _("Trẻ đã quá 8 tuổi: không phải tuổi mầm non."))
    if v["enrolled_on"] and birth and v["enrolled_on"] < birth:
        chk.error("enrolled_on", _("Ngày nhập học trước ngày sinh."))

    school_class = None
    if child_id is not None and lookups is not None:
        school_class = lookups.classes.get(lookups.open_class.get(child_id))
    elif child_id is not None:
        stay = _open_stay(child_id)  # editing never moves a child: move_child does
        school_class = stay.school_class if stay is not None else None
    elif form.class_id:
        school_class = (SchoolClass.get_or_none(SchoolClass.id == form.class_id) if lookups is None
                        else lookups.classes.get(form.class_id))
        if school_class is None:
            chk.error("class_id", _("Lớp đã chọn không còn."))
    else:
        chk.error("class_id", _("Cần chọn lớp."))
    if school_class is not None and birth and "birth_date" not in chk.errors:
        year: SchoolYear = school_class.school_year
        warning = age_warning(birth, school_class.age_group, year.start_date, today)
        if warning:
            chk.warn("birth_date", warning)

    if v["code"]:
        if lookups is not None:
            owner = lookups.code_owner.get(v["code"])
            taken = owner is not None and owner != child_id
        else:
            clash = Child.select().where(Child.code == v["code"])
            if child_id is not None:
                clash = clash.where(Child.id != child_id)
            taken = clash.exists()
        if taken:
            chk.error("code", _("Mã {code} đã dùng cho trẻ khác.").format(code=v["code"]))

    guardians = []
    for i, g in enumerate(form.guardians[:GUARDIAN_SLOTS], start=1):
        name = normalize_name(chk.text(f"guardian{i}_name", g.full_name, max_len=100))
        relation = chk.choice(f"guardian{i}_relation", g.relation, GUARDIAN_RELATIONS, what=_("quan hệ"))
        phone = chk.phone(f"guardian{i}_phone", g.phone)
        if (phone or relation) and not name:
            chk.error(f"guardian{i}_name", _("Cần nhập họ tên người giám hộ."))
        if name:
            guardians.append((name, relation, phone))
    v["guardians"] = guardians
    v["school_class"] = school_class
    return v, chk


def validate_child(form: ChildForm, *, child_id: int | None = None) -> CheckResult:
    _values, chk = check_child(form, child_id=child_id)
    return CheckResult(dict(chk.errors), dict(chk.warnings))


# ---------------------------------------------------------------- writing


def next_child_code() -> str:
    return next_code(Child, "HS", 5)


_CHILD_FIELDS = ("full_name", "birth_date", "sex", "ethnicity", "village", "commune", "province",
                 "address", "disability", "policy_category", "note")


def _save_guardians(child: Child, guardians: list[tuple[str, str, str]]) -> None:
    # Row by row, not delete-all-and-insert: the audit trail then shows only the guardians that changed.
    existing = {g.position: g for g in Guardian.select().where(Guardian.child == child.id)}
    for pos, (name, relation, phone) in enumerate(guardians, start=1):
        g = existing.pop(pos, None)
        if g is None:
            Guardian.create(child=child, position=pos, full_name=name, relation=relation, phone=phone)
        elif (g.full_name, g.relation, g.phone) != (name, relation, phone):
            g.full_name, g.relation, g.phone = name, relation, phone
            g.save()
    for g in existing.values():
        g.delete_instance()


def create_child(form: ChildForm, *, today: dt.date | None = None) -> ChildRow:
    today = today or dt.date.today()
    v, chk = check_child(form, today=today)
    chk.raise_if_errors()
    permissions.require_class("children.edit", v["school_class"].id)
    enrolled = v["enrolled_on"] or today
    with write_transaction():
        child = create_coded(Child, {"code": v["code"], "enrolled_on": enrolled,
                                     **{k: v[k] for k in _CHILD_FIELDS}}, next_child_code)
        _save_guardians(child, v["guardians"])
        Enrollment.create(child=child, school_class=v["school_class"], start_date=enrolled)
    return get_child(child.id).row


def create_children(forms: list[ChildForm], *, today: dt.date) -> list[int]:
    """create_child for many forms at once: the same checks (check_child), batched writes.

    Every form is checked before anything is written; the first form with an
    error raises ValidationError. Returns the new children's ids in order.
    """
    permissions.require("children.edit")
    checked = []
    seen: set[str] = set()
    for i, form in enumerate(forms, start=1):
        v, chk = check_child(form, today=today)
        if v["code"] and v["code"] in seen:
            chk.error("code", _("Mã {code} trùng với một trẻ khác trong danh sách.").format(code=v["code"]))
        seen.add(v["code"])
        if chk.errors:
            raise ValidationError({key: _("Trẻ thứ {i} ({name}): {message}").format(i=i, name=v["full_name"], message=msg)
                                   for key, msg in chk.errors.items()})
        checked.append(v)
    for class_id in sorted({v["school_class"].id for v in checked}):
        permissions.require_class("children.edit", class_id)
    columns = [k for k in (checked[0] if checked else {}) if k in Child._meta.fields
               and k not in ("code", "enrolled_on")]
    ids = []
    guardians = []
    stays = []
    with database.atomic():
        for v in checked:
            enrolled = v["enrolled_on"] or today
            code = v["code"] or next_child_code()
            child_id = Child.create(code=code, enrolled_on=enrolled, **{k: v[k] for k in columns}).id
            ids.append(child_id)
            guardians += [{"child": child_id, "position": pos, "full_name": name, "relation": relation,
                           "phone": phone} for pos, (name, relation, phone) in enumerate(v["guardians"], start=1)]
            stays.append({"child": child_id, "school_class": v["school_class"].id, "start_date": enrolled})
        audit.insert_many(Guardian, guardians)
        audit.insert_many(Enrollment, stays)
    return ids


def update_child(child_id: int, form: ChildForm) -> ChildRow:
    """Save the form's fields; form.class_id is ignored (classes change through move_child)."""
    child = Child.get_or_none(Child.id == child_id)
    if child is None:
        raise NotFound(_("Không có trẻ số {id}.").format(id=child_id))
    permissions.require_child("children.edit", child_id)
    v, chk = check_child(form, child_id=child_id)
    chk.raise_if_errors()
    growth_inputs_changed = (child.birth_date, child.sex) != (v["birth_date"], v["sex"])
    with database.atomic():
        for key in _CHILD_FIELDS:
            setattr(child, key, v[key])
        child.code = v["code"] or child.code
        if v["enrolled_on"]:
            child.enrolled_on = v["enrolled_on"]
        child.expect_version(form.row_version)  # ConcurrentEdit when someone saved the child meanwhile
        child.save()
        _save_guardians(child, v["guardians"])
        if growth_inputs_changed:
            # Stored z-scores depend on age and sex: a corrected birth date or sex
            # must not leave old categories in the statistics.
            from mamnon.services.measurements import recompute_child  # measurements imports this module

            recompute_child(child_id)
    return get_child(child_id).row


def _open_stay(child_id: int) -> Enrollment | None:
    return (Enrollment.select().where((Enrollment.child == child_id) & Enrollment.end_date.is_null())
            .order_by(Enrollment.start_date.desc()).first())


def move_child(child_id: int, class_id: int, on: dt.date) -> ChildRow:
    """Move a child to another class from day `on`; the old stay is kept as history."""
    child = Child.get_or_none(Child.id == child_id)
    if child is None:
        raise NotFound(_("Không có trẻ số {id}.").format(id=child_id))
    permissions.require_child("children.edit", child_id)
    permissions.require_class("children.edit", class_id)
    if child.left_on is not None:
        raise ValidationError({"class_id": _("{name} đã nghỉ học từ {date}.").format(
            name=child.full_name, date=format_date(child.left_on))})
    target = SchoolClass.get_or_none(SchoolClass.id == class_id)
    if target is None:
        raise ValidationError({"class_id": _("Lớp đã chọn không còn.")})
    stay = _open_stay(child_id)
    if stay is not None:
        if stay.school_class_id == class_id:
            raise ValidationError({"class_id": _("{name} đang ở lớp {class_name}.").format(
                name=child.full_name, class_name=target.name)})
        if on < stay.start_date:
            raise ValidationError({"on": _("Ngày chuyển phải từ {date} trở đi (ngày vào lớp hiện tại).").format(
                date=format_date(stay.start_date))})
    with database.atomic():
        if stay is not None:
            stay.end_date = on
            stay.save()
        Enrollment.create(child=child, school_class=target, start_date=on)
    return get_child(child_id).row


def mark_left(child_id: int, on: dt.date, reason: str) -> ChildRow:
    """Record that a child left the school on `on`; all history stays."""
    child = Child.get_or_none(Child.id == child_id)
    if child is None:
        raise NotFound(_("Không có trẻ số {id}.").format(id=child_id))
    permissions.require_child("children.edit", child_id)
    if child.left_on is not None:
        raise ValidationError({"on": _("{name} đã nghỉ học từ {date}.").format(
            name=child.full_name, date=format_date(child.left_on))})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Cần ghi lý do nghỉ học.")})
    stay = _open_stay(child_id)
    if stay is not None and on < stay.start_date:
        raise ValidationError({"on": _("Ngày nghỉ phải từ {date} trở đi.").format(date=format_date(stay.start_date))})
    with database.atomic():
        if stay is not None:
            stay.end_date = on
            stay.save()
        child.left_on = on
        child.left_reason = reason.strip()
        child.save()
    return get_child(child_id).row


def readmit_child(child_id: int, class_id: int, on: dt.date) -> ChildRow:
    """A child who left comes back (into `class_id` from day `on`)."""
    child = Child.get_or_none(Child.id == child_id)
    if child is None:
        raise NotFound(_("Không có trẻ số {id}.").format(id=child_id))
    permissions.require_child("children.edit", child_id)
    permissions.require_class("children.edit", class_id)
    if child.left_on is None:
        raise ValidationError({"class_id": _("{name} đang đi học.").format(name=child.full_name)})
    if on < child.left_on:
        raise ValidationError({"on": _("Ngày vào lại phải từ {date} trở đi.").format(date=format_date(child.left_on))})
    with database.atomic():
        child.left_on = None
        child.left_reason = ""
        child.save()
        Enrollment.create(child=child, school_class=class_id, start_date=on)
    return get_child(child_id).row


def count_children() -> int:
    return Child.select().where(Child.left_on.is_null()).count()
