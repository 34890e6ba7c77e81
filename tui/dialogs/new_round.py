"""A new measuring round: its date, an optional name, the whole school or one class."""

from __future__ import annotations

from typing import Any

from tui.dialogs.form_dialog import FormDialog, today_text
from tui.widgets.field_row import FieldSpec

WHOLE_SCHOOL = 0
"""The scope option for the whole school (a Select value cannot be None)."""


class NewRoundDialog(FormDialog):
    confirm_label = "Tạo đợt"

    def __init__(self) -> None:
        super().__init__("Đợt cân đo mới",
                         "Cả trường cân đo cùng đợt, hoặc một lớp (nhà trẻ cân hằng tháng).")

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services import classes

        scopes = [("Toàn trường", WHOLE_SCHOOL)] + [(c.name, c.id) for c in classes.list_classes()]
        return [
            FieldSpec("date", "Ngày cân đo", required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("name", "Tên đợt", placeholder="để trống: Cân đo tháng …"),
            FieldSpec("class_id", "Phạm vi", "select", scopes, allow_blank=False),
        ]

    def initial(self) -> dict[str, Any]:
        return {"date": today_text(), "class_id": WHOLE_SCHOOL}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services import measurements

        class_id = values["class_id"] or None
        row = measurements.create_round(values["date"] or "", values["name"] or "", class_id)
        self.app.notify(f"Đã tạo đợt «{row.name}» ({row.scope_label}, {row.enrolled} trẻ).")
        return row.id
