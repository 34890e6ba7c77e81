"""Move a child to another class from a date (the old stay is kept as history)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui.dialogs.form_dialog import FormDialog, date_value, today_text
from tui.widgets.field_row import FieldSpec


class MoveChildDialog(FormDialog):
    confirm_label = "Chuyển lớp"

    def __init__(self, child: Any, classes: Sequence[Any]) -> None:
        super().__init__(f"Chuyển lớp: {child.full_name}",
                         f"Đang học lớp {child.class_name or '(chưa có lớp)'}.")
        self.child = child
        self.targets = [(f"{c.name} ({c.size} trẻ)", c.id)
                        for c in classes if c.id != child.class_id]

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("class_id", "Sang lớp", "select", self.targets, required=True, placeholder="(chọn lớp)"),
            FieldSpec("on", "Từ ngày", required=True, placeholder="dd/mm/yyyy"),
        ]

    def initial(self) -> dict[str, Any]:
        return {"on": today_text()}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.errors import ValidationError
        from mamnon.formats import format_date
        from mamnon.services import children

        if values["class_id"] is None:
            raise ValidationError({"class_id": "Cần chọn lớp mới."})
        on = date_value(values, "on")
        row = children.move_child(self.child.id, values["class_id"], on)
        self.app.notify(f"Đã chuyển {row.full_name} sang lớp {row.class_name} từ {format_date(on)}.")
        return row.id
