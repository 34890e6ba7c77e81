"""Move a child to another class from a date (the old stay is kept as history).

For a child who has left, the same dialog takes them back into a class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui.dialogs.form_dialog import FormDialog, date_value, today_text
from tui.widgets.field_row import FieldSpec


class MoveChildDialog(FormDialog):
    confirm_label = "Chuyển lớp"

    def __init__(self, child: Any, classes: Sequence[Any]) -> None:
        from mamnon.formats import format_date

        self.readmit = child.left_on is not None
        if self.readmit:
            super().__init__(f"Nhập học lại: {child.full_name}",
                             f"Đã nghỉ học từ {format_date(child.left_on)} (lớp {child.class_name}).")
            self.confirm_label = "Nhập học lại"
        else:
            super().__init__(f"Chuyển lớp: {child.full_name}",
                             f"Đang học lớp {child.class_name or '(chưa có lớp)'}.")
        self.child = child
        self.targets = [(f"{c.name} ({c.size} trẻ)", c.id)
                        for c in classes if self.readmit or c.id != child.class_id]

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("class_id", "Vào lớp" if self.readmit else "Sang lớp", "select", self.targets, required=True, placeholder="(chọn lớp)"),
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
        if self.readmit:
            row = children.readmit_child(self.child.id, values["class_id"], on)
            self.app.notify(f"{row.full_name} đi học lại ở lớp {row.class_name} từ {format_date(on)}.")
        else:
            row = children.move_child(self.child.id, values["class_id"], on)
            self.app.notify(f"Đã chuyển {row.full_name} sang lớp {row.class_name} từ {format_date(on)}.")
        return row.id
