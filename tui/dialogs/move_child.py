"""Move a child to another class from a date (the old stay is kept as history).

For a child who has left, the same dialog takes them back into a class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui.dialogs.form_dialog import FormDialog, date_value, today_text
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _


class MoveChildDialog(FormDialog):
    confirm_label = _("Chuyển lớp")

    def __init__(self, child: Any, classes: Sequence[Any]) -> None:
        from mamnon.formats import format_date

        self.readmit = child.left_on is not None
        if self.readmit:
            super().__init__(_("Nhập học lại: {full_name}").format(full_name=child.full_name),
                             _("Đã nghỉ học từ {date} (lớp {class_name}).").format(
                                 date=format_date(child.left_on), class_name=child.class_name))
            self.confirm_label = _("Nhập học lại")
        else:
            super().__init__(_("Chuyển lớp: {full_name}").format(full_name=child.full_name),
                             _("Đang học lớp {class_name}.").format(class_name=child.class_name or _("(chưa có lớp)")))
        self.child = child
        self.targets = [(_("{name} ({size} trẻ)").format(name=c.name, size=c.size), c.id)
                        for c in classes if self.readmit or c.id != child.class_id]

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("class_id", _("Vào lớp") if self.readmit else _("Sang lớp"), "select", self.targets, required=True,
                      placeholder=_("(chọn lớp)")),
            FieldSpec("on", _("Từ ngày"), required=True, placeholder="dd/mm/yyyy"),
        ]

    def initial(self) -> dict[str, Any]:
        return {"on": today_text()}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.errors import ValidationError
        from mamnon.formats import format_date
        from mamnon.services import children

        if values["class_id"] is None:
            raise ValidationError({"class_id": _("Cần chọn lớp mới.")})
        on = date_value(values, "on")
        if self.readmit:
            row = children.readmit_child(self.child.id, values["class_id"], on)
            self.app.notify(_("{full_name} đi học lại ở lớp {class_name} từ {date}.").format(
                full_name=row.full_name, class_name=row.class_name, date=format_date(on)))
        else:
            row = children.move_child(self.child.id, values["class_id"], on)
            self.app.notify(_("Đã chuyển {full_name} sang lớp {class_name} từ {date}.").format(
                full_name=row.full_name, class_name=row.class_name, date=format_date(on)))
        return row.id
