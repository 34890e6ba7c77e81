"""Add or edit one lunch-support record: the child, the group, the paper that proves it, the dates."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mamnon.i18n import _
from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec

if TYPE_CHECKING:
    from mamnon.services.lunch_support import LunchForm


class LunchSupportFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]

    def __init__(self, support_id: int | None = None) -> None:
        super().__init__()
        self.support_id = support_id
        self.heading = _("Sửa hồ sơ hỗ trợ ăn trưa") if support_id else _("Thêm hồ sơ hỗ trợ ăn trưa")

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services import lunch_support

        kids = [(_("{full_name} – {class_name} ({age} tuổi)").format(
            full_name=c.full_name, class_name=c.class_name,
            age=c.age), c.id) for c in lunch_support.children_of_age()]
        if self.support_id:
            row = lunch_support.get_support(self.support_id)
            if all(value != row.child_id for _skip, value in kids):
                kids.insert(0, (row.child_name, row.child_id))
        return [
            FieldSpec("child_id", _("Trẻ"), "select", kids, required=True, placeholder=_("(chọn trẻ 3–5 tuổi)")),
            FieldSpec("group", _("Đối tượng"), "select", [(f"{code}: {_(label)}", code)
                                                       for code, label in lunch_support.GROUPS.items()],
                      required=True, placeholder=_("(chọn đối tượng)")),
            FieldSpec("evidence", _("Giấy tờ"), required=True, placeholder=_("số, ngày, nơi cấp")),
            FieldSpec("start_date", _("Từ ngày"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("end_date", _("Đến ngày"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("approved_by", _("Người duyệt")),
            FieldSpec("approved_on", _("Ngày duyệt"), placeholder="dd/mm/yyyy"),
            FieldSpec("note", _("Ghi chú")),
            _("Tối đa 9 tháng một năm học; trẻ 3–5 tuổi tính theo năm sinh (NĐ 277/2025/NĐ-CP)."),
        ]

    def initial(self) -> dict[str, Any]:
        from mamnon.services import lunch_support

        form = lunch_support.form_for(self.support_id) if self.support_id else lunch_support.LunchForm()
        values = asdict(form)
        values["group"] = form.group or None
        return values

    def to_form(self, v: dict[str, Any]) -> LunchForm:
        from mamnon.services.lunch_support import LunchForm

        return LunchForm(v["child_id"], v["group"] or "", v["evidence"], v["start_date"], v["end_date"],
                         v["approved_by"], v["approved_on"], v["note"])

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import lunch_support

        _skip, chk = lunch_support.check_support(self.to_form(values), support_id=self.support_id)
        return chk.errors, chk.warnings

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import lunch_support

        form = self.to_form(values)
        if self.support_id is None:
            row = lunch_support.add_support(form)
            self.app.notify(_("Đã thêm hỗ trợ ăn trưa cho {child_name}: {months} tháng được chi.").format(
                child_name=row.child_name, months=row.months))
        else:
            row = lunch_support.update_support(self.support_id, form)
            self.app.notify(_("Đã lưu hồ sơ của {child_name}: {months} tháng được chi.").format(
                child_name=row.child_name, months=row.months))
        return row.id
