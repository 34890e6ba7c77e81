"""Add or edit a staff member."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mamnon.i18n import _
from tui.screens.child_form import SEX_OPTIONS
from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec

if TYPE_CHECKING:  # for the annotation; methods import services when called, as everywhere in tui
    from mamnon.services.staff import StaffForm


class StaffFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    first_field = "full_name"  # the code is usually left to the program

    def __init__(self, staff_id: int | None = None) -> None:
        super().__init__()
        self.staff_id = staff_id
        self.heading = _("Sửa thông tin cán bộ") if staff_id else _("Thêm cán bộ, giáo viên, nhân viên")

    def items(self) -> list[FieldSpec | str]:
        from mamnon.reference import ETHNIC_NAMES, POSITIONS, QUALIFICATIONS
        from mamnon.staffing_norms import CONTRACT_TYPES, TRAINING_MAJORS

        return [
            FieldSpec("code", _("Mã cán bộ"), placeholder=_("để trống: tự đặt mã")),
            FieldSpec("full_name", _("Họ và tên"), required=True, placeholder=_("ví dụ Nguyễn Thị Lan")),
            FieldSpec("birth_date", _("Ngày sinh"), placeholder="dd/mm/yyyy"),
            FieldSpec("sex", _("Giới tính"), "select", SEX_OPTIONS, allow_blank=False, required=True),
            FieldSpec("ethnicity", _("Dân tộc"), "select", [(n, n) for n in ETHNIC_NAMES], allow_blank=False),
            FieldSpec("position", _("Chức vụ"), "select", [(_(p), p) for p in POSITIONS], allow_blank=False,
                      required=True),
            FieldSpec("qualification", _("Trình độ"), "select", [(_(q), q) for q in QUALIFICATIONS],
                      placeholder=_("(chưa rõ)")),
            FieldSpec("training_major", _("Chuyên ngành"), "select", [(_(m), m) for m in TRAINING_MAJORS],
                      placeholder=_("(chưa rõ)")),
            FieldSpec("contract_type", _("Hợp đồng"), "select", [(_(c), c) for c in CONTRACT_TYPES],
                      placeholder=_("(chưa rõ)")),
            FieldSpec("phone", _("Điện thoại"), placeholder=_("ví dụ 0912 345 678")),
            FieldSpec("started_on", _("Ngày vào trường"), placeholder="dd/mm/yyyy"),
            FieldSpec("note", _("Ghi chú")),
        ]

    def initial(self) -> dict[str, Any]:
        from mamnon.formats import format_phone
        from mamnon.services import staff

        form = staff.form_for(self.staff_id) if self.staff_id else staff.StaffForm()
        self.opened_version = form.row_version  # the save is refused if someone else saved meanwhile
        values = asdict(form)
        values["qualification"] = form.qualification or None
        values["training_major"] = form.training_major or None
        values["contract_type"] = form.contract_type or None
        values["phone"] = format_phone(form.phone)
        return values

    def to_form(self, v: dict[str, Any]) -> StaffForm:
        from mamnon.services.staff import StaffForm

        return StaffForm(
            full_name=v["full_name"], code=v["code"], birth_date=v["birth_date"], sex=v["sex"] or "",
            ethnicity=v["ethnicity"] or "Kinh", position=v["position"] or "",
            qualification=v["qualification"] or "", phone=v["phone"], started_on=v["started_on"],
            note=v["note"], training_major=v["training_major"] or "", contract_type=v["contract_type"] or "",
        )

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import staff

        _skip, chk = staff.check_staff(self.to_form(values), staff_id=self.staff_id)
        return chk.errors, chk.warnings

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import staff

        form = self.to_form(values)
        if self.staff_id is None:
            row = staff.create_staff(form)
            self.app.notify(_("Đã thêm {full_name} (mã {code}).").format(full_name=row.full_name, code=row.code))
        else:
            form.row_version = getattr(self, "opened_version", None)
            row = staff.update_staff(self.staff_id, form)
            self.app.notify(_("Đã lưu thông tin {full_name}.").format(full_name=row.full_name))
        return row.id
