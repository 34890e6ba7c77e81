"""Staff records: list, add, edit, mark as left.

Training major and contract type (issue 8) are optional: "" means not known,
and `staff_quality` counts such teachers as «chưa rõ» rather than guessing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mamnon.db import database
from mamnon.errors import NotFound
from mamnon.i18n import _
from mamnon.models import Staff
from mamnon.reference import ETHNIC_NAMES, POSITIONS, QUALIFICATIONS, SEXES
from mamnon.services.codes import next_code
from mamnon.services.unique_create import create_coded, write_transaction
from mamnon.staffing_norms import CONTRACT_TYPES, TRAINING_MAJORS
from mamnon.services.form_check import FormCheck
from mamnon.vntext import filter_by_phrase, fold, name_sort_key, normalize_name
from mamnon.services import permissions


@dataclass
class StaffForm:
    """What the staff form holds, as typed."""

    full_name: str = ""
    code: str = ""
    birth_date: str = ""
    sex: str = "F"
    ethnicity: str = "Kinh"
    position: str = "Giáo viên"  # i18n-skip: a stored position
    qualification: str = ""
    phone: str = ""
    started_on: str = ""
    note: str = ""
    training_major: str = ""
    contract_type: str = ""
    row_version: int | None = None
    """The row_version when the form was opened (form_for); None: save without the check."""


@dataclass(frozen=True)
class StaffRow:
    id: int
    code: str
    full_name: str
    birth_date: dt.date | None
    sex: str
    ethnicity: str
    position: str
    qualification: str
    phone: str
    started_on: dt.date | None
    left_on: dt.date | None
    note: str = ""
    search_text: str = field(default="", compare=False, repr=False)
    training_major: str = ""
    contract_type: str = ""
    row_version: int | None = None

    @property
    def sex_label(self) -> str:
        return SEXES.get(self.sex, "")


def _row(s: Staff) -> StaffRow:
    return StaffRow(
        s.id, s.code, s.full_name, s.birth_date, s.sex, s.ethnicity, s.position, s.qualification,
        s.phone, s.started_on, s.left_on, s.note, fold(f"{s.full_name} {s.code} {s.position}"),
        s.training_major, s.contract_type, s.row_version,
    )


def list_staff(*, include_left: bool = False, position: str | None = None) -> list[StaffRow]:
    query = Staff.select()
    if not include_left:
        query = query.where(Staff.left_on.is_null())
    if position:
        query = query.where(Staff.position == position)
    return sorted((_row(s) for s in query), key=lambda r: name_sort_key(r.full_name))


def filter_rows(rows: list[StaffRow], query: str) -> list[StaffRow]:
    """Staff whose name, code or position contains the query, ignoring diacritics and case."""
    return filter_by_phrase(rows, query)


def get_staff(staff_id: int) -> StaffRow:
    s = Staff.get_or_none(Staff.id == staff_id)
    if s is None:
        raise NotFound(_("Không có cán bộ số {id}.").format(id=staff_id))
    return _row(s)


def form_for(staff_id: int) -> StaffForm:
    from mamnon.formats import format_date

    s = get_staff(staff_id)
    return StaffForm(
        full_name=s.full_name, code=s.code, birth_date=format_date(s.birth_date), sex=s.sex,
        ethnicity=s.ethnicity, position=s.position, qualification=s.qualification, phone=s.phone,
        started_on=format_date(s.started_on), note=s.note, training_major=s.training_major,
        contract_type=s.contract_type, row_version=s.row_version,
    )


def next_staff_code() -> str:
    return next_code(Staff, "CB", 3)


def check_staff(form: StaffForm, *, staff_id: int | None = None) -> tuple[dict, FormCheck]:
    chk = FormCheck()
    values = {
        "full_name": normalize_name(chk.text("full_name", form.full_name, required=True, what=_("họ và tên"))),
        "code": chk.text("code", form.code, max_len=30),
        "birth_date": chk.date("birth_date", form.birth_date),
        "sex": chk.sex("sex", form.sex),
        "ethnicity": chk.choice("ethnicity", form.ethnicity or "Kinh", ETHNIC_NAMES, what=_("dân tộc")),
        "position": chk.choice("position", form.position, POSITIONS, required=True, what=_("chức vụ")),
        "qualification": chk.choice("qualification", form.qualification, QUALIFICATIONS, what=_("trình độ")),
        "phone": chk.phone("phone", form.phone),
        "started_on": chk.date("started_on", form.started_on),
        "note": chk.text("note", form.note, max_len=500),
        "training_major": chk.choice("training_major", form.training_major, TRAINING_MAJORS,
                                     what=_("chuyên ngành đào tạo")),
        "contract_type": chk.choice("contract_type", form.contract_type, CONTRACT_TYPES, what=_("loại hợp đồng")),
    }
    today = dt.date.today()
    bd = values["birth_date"]
    if bd and not (today.year - 75 <= bd.year <= today.year - 16):
        chk.error("birth_date", _("Ngày sinh không hợp lý cho cán bộ (tuổi phải từ 16 đến 75)."))
    code = values["code"]
    if code:
        clash = Staff.select().where(Staff.code == code)
        if staff_id is not None:
            clash = clash.where(Staff.id != staff_id)
        if clash.exists():
            chk.error("code", _("Mã {code} đã dùng cho cán bộ khác.").format(code=code))
    return values, chk


def create_staff(form: StaffForm) -> StaffRow:
    permissions.require("staff.edit")
    values, chk = check_staff(form)
    chk.raise_if_errors()
    with write_transaction():
        staff = create_coded(Staff, values, next_staff_code)
    return _row(staff)


def update_staff(staff_id: int, form: StaffForm) -> StaffRow:
    permissions.require("staff.edit")
    staff = Staff.get_or_none(Staff.id == staff_id)
    if staff is None:
        raise NotFound(_("Không có cán bộ số {id}.").format(id=staff_id))
    values, chk = check_staff(form, staff_id=staff_id)
    chk.raise_if_errors()
    values["code"] = values["code"] or staff.code
    with database.atomic():
        for key, value in values.items():
            setattr(staff, key, value)
        staff.expect_version(form.row_version)  # ConcurrentEdit when someone saved this person meanwhile
        staff.save()
    return _row(staff)


def mark_staff_left(staff_id: int, on: dt.date, reason: str = "") -> StaffRow:
    permissions.require("staff.edit")
    staff = Staff.get_by_id(staff_id)
    with database.atomic():
        staff.left_on = on
        staff.left_reason = reason
        staff.save()
    return _row(staff)
