"""Record that a child or a staff member left, on a date and for a reason."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tui.dialogs.form_dialog import FormDialog, date_value, today_text
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _


class LeaveDialog(FormDialog):
    """`apply(date, reason)` does the change and returns the record (with an `id`).

    With `reasons` the reason is picked from that list, otherwise typed freely.
    """

    confirm_label = _("Cho nghỉ")

    def __init__(self, title: str, note: str, apply: Callable[[Any, str], Any],
                 reasons: Sequence[str] | None = None) -> None:
        super().__init__(title, note)
        self.apply = apply
        self.reasons = reasons

    def items(self) -> list[FieldSpec | str]:
        if self.reasons:
            reason = FieldSpec("reason", _("Lý do"), "select", [(_(r), r) for r in self.reasons],
                               required=True, placeholder=_("(chọn lý do)"))
        else:
            reason = FieldSpec("reason", _("Lý do"), placeholder=_("không bắt buộc"))
        return [FieldSpec("on", _("Nghỉ từ ngày"), required=True, placeholder="dd/mm/yyyy"), reason]

    def initial(self) -> dict[str, Any]:
        return {"on": today_text()}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.formats import format_date

        on = date_value(values, "on")
        row = self.apply(on, values["reason"] or "")
        self.app.notify(_("{full_name} nghỉ từ {date}.").format(full_name=row.full_name, date=format_date(on)))
        return row.id
