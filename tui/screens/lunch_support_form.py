"""Add or edit one lunch-support record: the child, the group, the paper that proves it, the dates."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec

if TYPE_CHECKING:
    from mamnon.services.lunch_support import LunchForm


class LunchSupportFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]

    def __init__(self, support_id: int | None = None) -> None:
        super().__init__()
        self.support_id = support_id
        self.heading = "Sửa hồ sơ hỗ trợ ăn trưa" if support_id else "Thêm hồ sơ hỗ trợ ăn trưa"

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services import lunch_support

        kids = [(f"{c.full_name} – {c.class_name} ({c.age} tuổi)", c.id) for c in lunch_support.children_of_age()]
        if self.support_id:
            row = lunch_support.get_support(self.support_id)
            if all(value != row.child_id for _, value in kids):
                kids.insert(0, (row.child_name, row.child_id))
        return [
            FieldSpec("child_id", "Trẻ", "select", kids, required=True, placeholder="(chọn trẻ 3–5 tuổi)"),
            FieldSpec("group", "Đối tượng", "select", [(f"{code}: {label}", code)
                                                       for code, label in lunch_support.GROUPS.items()],
                      required=True, placeholder="(chọn đối tượng)"),
            FieldSpec("evidence", "Giấy tờ", required=True, placeholder="số, ngày, nơi cấp"),
            FieldSpec("start_date", "Từ ngày", required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("end_date", "Đến ngày", required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("approved_by", "Người duyệt"),
            FieldSpec("approved_on", "Ngày duyệt", placeholder="dd/mm/yyyy"),
            FieldSpec("note", "Ghi chú"),
            "Tối đa 9 tháng một năm học; trẻ 3–5 tuổi tính theo năm sinh (NĐ 277/2025/NĐ-CP).",
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

        _, chk = lunch_support.check_support(self.to_form(values), support_id=self.support_id)
        return chk.errors, chk.warnings

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import lunch_support

        form = self.to_form(values)
        if self.support_id is None:
            row = lunch_support.add_support(form)
            self.app.notify(f"Đã thêm hỗ trợ ăn trưa cho {row.child_name}: {row.months} tháng được chi.")
        else:
            row = lunch_support.update_support(self.support_id, form)
            self.app.notify(f"Đã lưu hồ sơ của {row.child_name}: {row.months} tháng được chi.")
        return row.id
