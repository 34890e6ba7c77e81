"""Export the school report for a month or a school year, the workbook that goes to the office above.

The same writer as `mamnon export report` (exporters.report.write_report). The
file name follows the period («bao-cao-MN01-2026-11.xlsx», in the folder the
program was started from) until the user types one of their own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.widgets import Input

from tui.dialogs.form_dialog import FormDialog
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _


def report_name(code: str, period_text: str) -> str:
    """«bao-cao-<school code>-<period code>.xlsx»; the typed text when it is not a period yet."""
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period

    try:
        period = parse_period(period_text).code
    except ValidationError:
        period = period_text.strip().replace("/", "-")
    return f"bao-cao-{code}-{period}.xlsx"


class ExportReportDialog(FormDialog):
    confirm_label = _("Xuất")

    def __init__(self) -> None:
        super().__init__(_("Xuất báo cáo gửi cấp trên"),
                         _("Kỳ: một tháng (11/2026) hoặc một năm học (2026-2027). Sĩ số tính vào ngày cuối kỳ "
                         "(hoặc hôm nay nếu kỳ chưa hết). Tệp cùng tên được thay."))
        from mamnon.services.school import school_info

        self.code = school_info().code
        today = dt.date.today()
        self.period_text = f"{today.month:02d}/{today.year}"

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("period", _("Kỳ báo cáo"), required=True, placeholder=_("MM/YYYY hoặc 2026-2027")),
            FieldSpec("output", _("Ghi ra tệp"), required=True, placeholder=_("ví dụ E:\\bao-cao.xlsx")),
        ]

    def initial(self) -> dict[str, Any]:
        return {"period": self.period_text, "output": report_name(self.code, self.period_text)}

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "period":
            return
        output = self.body.rows["output"].control
        # The name follows the period only while it is still the one this dialog made up.
        if output.value == report_name(self.code, self.period_text):
            output.value = report_name(self.code, event.value)
        self.period_text = event.value

    def confirm(self, values: dict[str, Any]) -> Any:
        from exporters.report import write_report
        from exporters.xlsx import check_target
        from mamnon import indicators
        from mamnon.errors import MamnonError, ValidationError
        from mamnon.workbooks.periods import parse_period

        period = parse_period(values["period"] or "")
        try:
            target = check_target((values["output"] or "").strip().strip('"'))
        except MamnonError as exc:
            raise ValidationError({"output": str(exc)}) from None
        existed = target.exists()
        written = Path(write_report(target, period)).resolve()
        replaced = _("\nTệp cũ cùng tên đã được thay.") if existed else ""
        self.app.notify(_("{n_indicators} chỉ tiêu: {path}{replaced}").format(
            n_indicators=len(indicators.CATALOGUE), path=written, replaced=replaced),
                        title=_("Đã xuất báo cáo {label}").format(label=period.screen_label))
        return str(written)
