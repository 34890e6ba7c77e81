"""A new measuring round: its date, an optional name, the whole school or one class."""

from __future__ import annotations

from typing import Any

from tui.dialogs.form_dialog import FormDialog, today_text
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _

WHOLE_SCHOOL = 0
"""The scope option for the whole school (a Select value cannot be None)."""


class NewRoundDialog(FormDialog):
    confirm_label = _("Tạo đợt")

    def __init__(self) -> None:
        super().__init__(_("Đợt cân đo mới"),
                         _("Cả trường cân đo cùng đợt, hoặc một lớp (nhà trẻ cân hằng tháng)."))

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services import classes

        scopes = [(_("Toàn trường"), WHOLE_SCHOOL)] + [(c.name, c.id) for c in classes.list_classes()]
        return [
            FieldSpec("date", _("Ngày cân đo"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("name", _("Tên đợt"), placeholder=_("để trống: Cân đo tháng …")),
            FieldSpec("class_id", _("Phạm vi"), "select", scopes, allow_blank=False),
        ]

    def initial(self) -> dict[str, Any]:
        return {"date": today_text(), "class_id": WHOLE_SCHOOL}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services import measurements

        class_id = values["class_id"] or None
        row = measurements.create_round(values["date"] or "", values["name"] or "", class_id)
        self.app.notify(_("Đã tạo đợt «{name}» ({scope_label}, {enrolled} trẻ).").format(
            name=row.name, scope_label=row.shown_scope, enrolled=row.enrolled))
        return row.id
