"""From/to dates and a stage for the market list (phiếu kê chợ)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tui.dialogs.form_dialog import FormDialog, date_value
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _

BOTH = "ca_hai"
"""The stage choice meaning both stages (a Select cannot hold None as a value)."""


class DateRangeDialog(FormDialog):
    """Dismissed with the MarketList of the range, or None."""

    confirm_label = _("Lập phiếu")

    def __init__(self, start: dt.date, end: dt.date, stage: str = BOTH) -> None:
        super().__init__(_("Phiếu kê chợ"), _("Cộng các thực đơn ngày trong khoảng; ngày đã chốt sổ lấy số liệu lúc chốt."))
        self.start, self.end, self.stage = start, end, stage

    def items(self) -> list[FieldSpec | str]:
        from mamnon.reference import STAGE_LABELS

        return [
            FieldSpec("start", _("Từ ngày"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("end", _("Đến ngày"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("stage", _("Cấp học"), "select", [(_("Cả hai cấp"), BOTH)]
                      + [(_(label), code) for code, label in STAGE_LABELS.items()], allow_blank=False),
        ]

    def initial(self) -> dict[str, Any]:
        from mamnon.formats import format_date

        return {"start": format_date(self.start), "end": format_date(self.end), "stage": self.stage}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.errors import ValidationError
        from mamnon.services import meal_money

        errors = {}
        dates = {}
        for key in ("start", "end"):
            try:
                dates[key] = date_value(values, key)
            except ValidationError as exc:
                errors.update(exc.errors)
        if errors:
            raise ValidationError(errors)
        stage = None if values["stage"] == BOTH else values["stage"]
        market = meal_money.market_list(dates["start"], dates["end"], stage)
        if not market.days:
            raise ValidationError({"start": _("Không có thực đơn ngày nào trong khoảng này.")})
        return market
