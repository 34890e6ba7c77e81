"""Classes (lớp / nhóm trẻ) of a school year: list with head-counts, add, edit, remove."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN, fn

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.i18n import _
from mamnon.models import Enrollment, SchoolClass, Staff
from mamnon.reference import AGE_GROUP_BY_CODE, AGE_GROUPS
from mamnon.services import audit, permissions
from mamnon.services.form_check import FormCheck
from mamnon.services.school import current_year
from mamnon.vntext import text_sort_key


@dataclass
class ClassForm:
    name: str = ""
    age_group: str = ""
    main_teacher_id: int | None = None
    room: str = ""
    note: str = ""
    row_version: int | None = None
    """The class's row_version when the form was opened; None: save without the check."""


@dataclass(frozen=True)
class ClassRow:
    id: int
    name: str
    age_group: str
    school_year_id: int
    main_teacher_id: int | None
    main_teacher_name: str
    room: str
    note: str
    size: int
    """Children in the class now (open enrollments)."""
    row_version: int | None = None

    @property
    def age_group_label(self) -> str:
        group = AGE_GROUP_BY_CODE.get(self.age_group)
        return group.label if group else self.age_group

    @property
    def max_children(self) -> int | None:
        group = AGE_GROUP_BY_CODE.get(self.age_group)
        return group.max_children if group else None


_GROUP_ORDER = {g.code: i for i, g in enumerate(AGE_GROUPS)}


def list_classes(year_id: int | None = None) -> list[ClassRow]:
    """Classes of a school year (default the current one), youngest age group first."""
    if year_id is None:
        year_id = current_year().id
    size = fn.COUNT(Enrollment.id)
    query = (
        SchoolClass.select(SchoolClass, Staff.full_name.alias("teacher_name"), size.alias("size"))
        .join(Staff, JOIN.LEFT_OUTER, on=(SchoolClass.main_teacher == Staff.id))
        .switch(SchoolClass)
        .join(Enrollment, JOIN.LEFT_OUTER,
              on=((Enrollment.school_class == SchoolClass.id) & Enrollment.end_date.is_null()))
        .where(SchoolClass.school_year == year_id)
        .group_by(SchoolClass.id, Staff.id)  # PostgreSQL wants the teacher's columns grouped too
        .objects()
    )
    rows = [
        ClassRow(c.id, c.name, c.age_group, year_id, c.main_teacher_id, c.teacher_name or "",
                 c.room, c.note, c.size, c.row_version)
        for c in query
    ]
    rows.sort(key=lambda r: (_GROUP_ORDER.get(r.age_group, 99), text_sort_key(r.name)))
    return rows


def get_class(class_id: int) -> ClassRow:
    for row in list_classes(_year_of(class_id)):
        if row.id == class_id:
            return row
    raise NotFound(_("Không có lớp số {id}.").format(id=class_id))


def _year_of(class_id: int) -> int:
    c = SchoolClass.get_or_none(SchoolClass.id == class_id)
    if c is None:
        raise NotFound(_("Không có lớp số {id}.").format(id=class_id))
    return c.school_year_id


def check_class(form: ClassForm, *, year_id: int, class_id: int | None = None) -> tuple[dict, FormCheck]:
    chk = FormCheck()
    name = chk.text("name", form.name, required=True, max_len=60, what=_("tên lớp"))
    group = chk.choice("age_group", form.age_group, [g.code for g in AGE_GROUPS], required=True,
                       what=_("nhóm tuổi"))
    teacher = None
    if form.main_teacher_id:
        teacher = Staff.get_or_none(Staff.id == form.main_teacher_id)
        if teacher is None:
            chk.error("main_teacher_id", _("Giáo viên đã chọn không còn trong danh sách cán bộ."))
        elif teacher.left_on is not None:
            chk.error("main_teacher_id", _("{name} đã nghỉ việc.").format(name=teacher.full_name))
    if name:
        clash = SchoolClass.select().where((SchoolClass.school_year == year_id) & (SchoolClass.name == name))
        if class_id is not None:
            clash = clash.where(SchoolClass.id != class_id)
        if clash.exists():
            chk.error("name", _("Năm học này đã có lớp «{name}».").format(name=name))
    values = {
        "name": name, "age_group": group, "main_teacher": teacher,
        "room": chk.text("room", form.room, max_len=60),
        "note": chk.text("note", form.note, max_len=500),
    }
    return values, chk


def create_class(form: ClassForm, *, year_id: int | None = None) -> ClassRow:
    permissions.require("classes.edit")
    if year_id is None:
        year_id = current_year().id
    values, chk = check_class(form, year_id=year_id)
    chk.raise_if_errors()
    with database.atomic():
        c = SchoolClass.create(school_year=year_id, **values)
    return get_class(c.id)


def update_class(class_id: int, form: ClassForm) -> ClassRow:
    permissions.require("classes.edit")
    c = SchoolClass.get_or_none(SchoolClass.id == class_id)
    if c is None:
        raise NotFound(_("Không có lớp số {id}.").format(id=class_id))
    values, chk = check_class(form, year_id=c.school_year_id, class_id=class_id)
    chk.raise_if_errors()
    with database.atomic():
        for key, value in values.items():
            setattr(c, key, value)
        c.expect_version(form.row_version)  # ConcurrentEdit when someone saved the class meanwhile
        c.save()
    return get_class(class_id)


def form_for(class_id: int) -> ClassForm:
    row = get_class(class_id)
    return ClassForm(row.name, row.age_group, row.main_teacher_id, row.room, row.note, row.row_version)


def delete_class(class_id: int) -> None:
    """Remove a class that never had a child (a typo); classes with history stay."""
    permissions.require("classes.edit")
    if Enrollment.select().where(Enrollment.school_class == class_id).exists():
        raise ValidationError({"class": _("Lớp đã có trẻ (kể cả trẻ đã chuyển đi) nên không xóa được.")})
    audit.delete_where(SchoolClass, SchoolClass.id == class_id)

