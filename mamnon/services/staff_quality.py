"""Staff quality (chất lượng đội ngũ): training against the standard, contracts, assessments, teacher norms.

* Training level of a teacher (Luật Giáo dục 2019, Điều 72): a college degree
  (cao đẳng) in preschool education is the standard — «đạt chuẩn»; a university
  degree or higher in it «trên chuẩn»; anything lower, or a degree in another
  field, «dưới chuẩn»; no qualification or no major recorded «chưa rõ».
* Teacher norm (Thông tư 19/2023, Điều 5 k1, see `mamnon.staffing_norms`): a
  full group/class allows 2.5 (nhà trẻ) or 2.2 (mẫu giáo) teachers; a class
  with fewer children allows 1.0 teacher per 6/8/10/11/14/16 children, never
  more than a full class. The school's norm is the sum over its classes on the
  day; the shortfall is the norm minus the teachers on staff, when positive.
* Assessments (Thông tư 26/2018): one grade per teacher and school year.

Every figure is taken on one day, as the school report does: classes of the
school year holding the day, children in a class that day, staff who had
started (or whose start is unknown) and had not left.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.i18n import N_, _
from mamnon.models import Staff, StaffAssessment
from mamnon.reference import AGE_GROUP_BY_CODE, STAGE_LABELS
from mamnon.services.classes import list_classes
from mamnon.services.measurements import enrolled_on
from mamnon.services.school import list_years, parse_year_name
from mamnon.services.staff import StaffRow, list_staff
from mamnon.staffing_norms import (
    ABOVE_STANDARD, ASSESSMENT_CODES, ASSESSMENT_GRADES, PRESCHOOL_MAJOR, STANDARD_QUALIFICATION,
    TEACHER_NORMS, TRAINING_LEVELS,
)
from mamnon.vntext import name_sort_key
from mamnon.services import permissions

__all__ = [
    "AssessmentRow", "ClassNorm", "StaffQuality", "StageLine", "TeacherLine", "class_teacher_norm",
    "delete_assessment", "list_assessments", "number_text", "set_assessment", "staff_quality", "staffing_sums",
    "training_level", "years_of_service",
]

# Stored values (positions, qualifications), compared with the database.
TEACHER = "Giáo viên"  # i18n-skip: a stored position
_BELOW_STANDARD = ("Chưa qua đào tạo", "Sơ cấp", "Trung cấp")  # i18n-skip: stored qualifications


def years_of_service(started_on: dt.date | None, day: dt.date) -> int | None:
    """Whole years from the start date to `day` (None when the start is not recorded)."""
    if started_on is None or started_on > day:
        return None if started_on is None else 0
    years = day.year - started_on.year
    if (day.month, day.day) < (started_on.month, started_on.day):
        years -= 1
    return years


def training_level(qualification: str, major: str) -> str:
    """"duoi", "dat", "tren" or "chua_ro" for a teacher with this qualification and training major."""
    if qualification in _BELOW_STANDARD:
        return "duoi"
    if not qualification or not major:
        return "chua_ro"
    if major != PRESCHOOL_MAJOR:
        return "duoi"
    if qualification == STANDARD_QUALIFICATION:
        return "dat"
    return "tren" if qualification in ABOVE_STANDARD else "chua_ro"


def class_teacher_norm(age_group: str, children: int) -> float:
    """Teachers TT 19/2023 allows a group/class of this age group and size (0 for an unknown group)."""
    norm = TEACHER_NORMS.get(age_group)
    if norm is None or children <= 0:
        return 0.0
    if children >= norm.full_class:
        return norm.teachers_full
    return min(norm.teachers_full, children / norm.children_per_teacher)


# ---------------------------------------------------------------- the picture on a day


@dataclass(frozen=True)
class TeacherLine:
    staff_id: int
    code: str
    full_name: str
    qualification: str
    training_major: str
    level: str
    """Key of TRAINING_LEVELS."""
    contract_type: str
    ethnicity: str
    years: int | None
    grade: str
    """Assessment grade of the day's school year, "" when none."""

    @property
    def level_label(self) -> str:
        return TRAINING_LEVELS[self.level]


@dataclass(frozen=True)
class ClassNorm:
    class_id: int
    name: str
    age_group: str
    children: int
    max_children: int | None
    norm: float


@dataclass(frozen=True)
class StageLine:
    stage: str
    label: str
    classes: int
    children: int
    norm: float
    """Teachers the norm allows, summed over the stage's classes (1 decimal)."""

    @property
    def children_per_class(self) -> float | None:
        return round(self.children / self.classes, 1) if self.classes else None


@dataclass(frozen=True)
class StaffQuality:
    day: dt.date
    year_name: str
    """School year of the day ("" before the first)."""
    staff_count: int
    teachers: list[TeacherLine]
    classes: list[ClassNorm]
    stages: list[StageLine]
    levels: Counter
    contracts: Counter
    """By contract type over all staff ("" = not recorded)."""
    minority_staff: int
    grades: Counter
    """Assessment grades of the teachers for `year_name`."""
    flags: list[str] = field(default_factory=list)
    """Vietnamese, as the staffing form prints them; `shown_flags` gives them in the interface language."""

    @property
    def shown_flags(self) -> list[str]:
        return _flags(self, _)

    @property
    def teacher_count(self) -> int:
        return len(self.teachers)

    @property
    def children(self) -> int:
        return sum(c.children for c in self.classes)

    @property
    def norm(self) -> float:
        return round(sum(c.norm for c in self.classes), 1)

    @property
    def shortfall(self) -> float:
        return max(0.0, round(self.norm - self.teacher_count, 1))

    @property
    def children_per_teacher(self) -> float | None:
        return round(self.children / self.teacher_count, 1) if self.teachers else None

    @property
    def teachers_per_class(self) -> float | None:
        return round(self.teacher_count / len(self.classes), 2) if self.classes else None


def _on_staff(s: StaffRow, day: dt.date) -> bool:
    return (s.started_on is None or s.started_on <= day) and (s.left_on is None or s.left_on > day)


def _year_on(day: dt.date):
    """The school year holding `day`, else the last one begun before it (as the report); None before the first."""
    begun = [y for y in list_years() if y.start_date <= day]
    return begun[-1] if begun else None


def _grades(year_name: str) -> dict[int, str]:
    if not year_name:
        return {}
    query = (StaffAssessment.select(StaffAssessment.staff, StaffAssessment.grade)
             .where(StaffAssessment.year_name == year_name).tuples())
    return dict(query)


def _class_norms(day: dt.date, year) -> list[ClassNorm]:
    if year is None:
        return []
    sizes = Counter(c.class_id for c in enrolled_on(day))
    out = []
    for c in list_classes(year.id):
        n = sizes.get(c.id, 0)
        out.append(ClassNorm(c.id, c.name, c.age_group, n, c.max_children, class_teacher_norm(c.age_group, n)))
    return out


def _stages(classes: list[ClassNorm]) -> list[StageLine]:
    out = []
    for stage, label in STAGE_LABELS.items():
        mine = [c for c in classes if (g := AGE_GROUP_BY_CODE.get(c.age_group)) and g.stage == stage]
        out.append(StageLine(stage, label, len(mine), sum(c.children for c in mine),
                             round(sum(c.norm for c in mine), 1)))
    return out


def number_text(value: float | None, places: int = 1) -> str:
    """A decimal as Vietnamese write it: "2,5", "6" (no ",0"), "" for None."""
    if value is None:
        return ""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"
    return text.replace(".", ",")


def _flags(q: StaffQuality, translate=lambda text: text) -> list[str]:
    """What needs the principal's attention; Vietnamese unless `translate` is _ (the form prints them)."""
    flags = []
    if q.shortfall > 0:
        flags.append(translate(N_("Thiếu {shortfall} giáo viên so với định mức (định mức {norm}, hiện có {count}).")
                               ).format(shortfall=number_text(q.shortfall, 1), norm=number_text(q.norm, 1),
                                        count=q.teacher_count))
    for c in q.classes:
        if c.max_children is not None and c.children > c.max_children:
            flags.append(translate(N_("Lớp {name} có {children} trẻ, vượt sĩ số tối đa {limit}.")).format(
                name=c.name, children=c.children, limit=c.max_children))
    if q.levels.get("duoi"):
        flags.append(translate(N_("{n} giáo viên dưới chuẩn trình độ đào tạo.")).format(n=q.levels["duoi"]))
    if q.levels.get("chua_ro"):
        flags.append(translate(N_("{n} giáo viên chưa ghi đủ trình độ và chuyên ngành.")).format(
            n=q.levels["chua_ro"]))
    return flags


def staff_quality(day: dt.date | None = None) -> StaffQuality:
    """Training, contracts, assessments and the teacher norm of the school on `day` (default today)."""
    day = day or dt.date.today()
    year = _year_on(day)
    year_name = year.name if year else ""
    grades = _grades(year_name)
    on_staff = [s for s in list_staff(include_left=True) if _on_staff(s, day)]
    teachers = sorted(
        (TeacherLine(s.id, s.code, s.full_name, s.qualification, s.training_major,
                     training_level(s.qualification, s.training_major), s.contract_type, s.ethnicity,
                     years_of_service(s.started_on, day), grades.get(s.id, ""))
         for s in on_staff if s.position == TEACHER),
        key=lambda t: name_sort_key(t.full_name))
    classes = _class_norms(day, year)
    q = StaffQuality(
        day=day, year_name=year_name, staff_count=len(on_staff), teachers=teachers, classes=classes,
        stages=_stages(classes), levels=Counter(t.level for t in teachers),
        contracts=Counter(s.contract_type for s in on_staff),
        minority_staff=sum((s.ethnicity or "Kinh") != "Kinh" for s in on_staff),
        grades=Counter(t.grade for t in teachers if t.grade),
    )
    q.flags.extend(_flags(q))
    return q


def staffing_sums(day: dt.date) -> Counter:
    """The indicator sums of «Đội ngũ: chất lượng» and «Cơ sở vật chất» on `day` (for report_data)."""
    from mamnon.services.facilities import facility_sums

    q = staff_quality(day)
    sums: Counter = Counter()
    sums["CB_GV_DUOI_CHUAN"] = q.levels.get("duoi", 0)
    sums["CB_GV_DAT_CHUAN_TD"] = q.levels.get("dat", 0)
    sums["CB_GV_TREN_CHUAN"] = q.levels.get("tren", 0)
    sums["CB_GV_CHUA_RO_CHUAN"] = q.levels.get("chua_ro", 0)
    sums["CB_BIEN_CHE"] = q.contracts.get("Biên chế", 0)  # i18n-skip: a stored contract type
    sums["CB_HOP_DONG"] = q.contracts.get("Hợp đồng", 0)  # i18n-skip: a stored contract type
    sums["CB_DTTS"] = q.minority_staff
    for grade, code in ASSESSMENT_CODES.items():
        sums[f"CB_GV_DG_{code}"] = q.grades.get(grade, 0)
    sums["CB_GV_DINH_MUC"] = q.norm
    sums["CB_GV_THIEU"] = q.shortfall
    sums.update(facility_sums(day))
    return sums


# ---------------------------------------------------------------- assessments


@dataclass(frozen=True)
class AssessmentRow:
    id: int
    staff_id: int
    year_name: str
    grade: str
    note: str


def _assessment_row(a: StaffAssessment) -> AssessmentRow:
    return AssessmentRow(a.id, a.staff_id, a.year_name, a.grade, a.note)


def list_assessments(staff_id: int) -> list[AssessmentRow]:
    """The teacher's assessments, latest school year first."""
    query = StaffAssessment.select().where(StaffAssessment.staff == staff_id)
    return sorted((_assessment_row(a) for a in query), key=lambda r: r.year_name, reverse=True)


def set_assessment(staff_id: int, year_name: str, grade: str, note: str = "") -> AssessmentRow:
    """Record (or replace) the grade of a teacher for a school year."""
    permissions.require("staff.edit")
    from mamnon.services.form_check import FormCheck

    person = Staff.get_or_none(Staff.id == staff_id)
    if person is None:
        raise NotFound(_("Không có cán bộ số {id}.").format(id=staff_id))
    chk = FormCheck()
    year = " ".join((year_name or "").split()).replace(" ", "")
    try:
        parse_year_name(year)
    except ValueError as exc:
        chk.error("year_name", str(exc))
    grade = chk.choice("grade", grade, ASSESSMENT_GRADES, required=True, what=_("xếp loại"))
    note = chk.text("note", note, max_len=300)
    if person.position != TEACHER:
        chk.error("grade", _("{name} là {position}: đánh giá chuẩn nghề nghiệp giáo viên mầm non (TT 26/2018) "
                             "chỉ dành cho giáo viên.").format(name=person.full_name,
                                                                position=_(person.position).lower()))
    if chk.errors:
        raise ValidationError(chk.errors)
    with database.atomic():
        row = StaffAssessment.get_or_none((StaffAssessment.staff == staff_id) & (StaffAssessment.year_name == year))
        if row is None:
            row = StaffAssessment.create(staff=staff_id, year_name=year, grade=grade, note=note)
        else:
            row.grade, row.note = grade, note
            row.save()
    return _assessment_row(row)


def delete_assessment(assessment_id: int) -> None:
    permissions.require("staff.edit")
    with database.atomic():
        if StaffAssessment.delete().where(StaffAssessment.id == assessment_id).execute() == 0:
            raise NotFound(_("Không có kết quả đánh giá số {id}.").format(id=assessment_id))
