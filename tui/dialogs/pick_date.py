"""Type one date to go to (kitchen log, attendance): dismissed with the date, or None."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tui.dialogs.form_dialog import FormDialog, date_value
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _


class PickDateDialog(FormDialog):
    confirm_label = _("Mở")

    def __init__(self, title: str, day: dt.date, note: str = _("Gõ ngày dd/mm/yyyy.")) -> None:
        super().__init__(title, note)
        self.day = day

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("date", _("Ngày"), required=True, placeholder="dd/mm/yyyy")]

    def initial(self) -> dict[str, Any]:
        from mamnon.formats import format_date

        return {"date": format_date(self.day)}

    def confirm(self, values: dict[str, Any]) -> Any:
        return date_value(values, "date")
