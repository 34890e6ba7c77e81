"""The options of one printable form (only those it needs), the output file and «Xuất PDF»; writes the form.

The same registry and writers as `mamnon print` (exporters.forms). The file
name follows the options («diem-danh_la-1_11-2026.xlsx», in the folder the
program was started from) until the user types one of their own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.widgets import Input, Select

from tui.dialogs.form_dialog import FormDialog, date_value, today_text
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _

STAGE_OPTIONS = ((_("Mẫu giáo"), "mau_giao"), (_("Nhà trẻ"), "nha_tre"))
PDF_OPTIONS = ((_("Không"), False), (_("Có (cần LibreOffice)"), True))


class PrintFormDialog(FormDialog):
    CSS_PATH = [*FormDialog.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    confirm_label = _("In")

    def __init__(self, form) -> None:
        super().__init__(_("In {form}").format(
            form=_(form.title).lower()), _(form.description) + _(" Tệp cùng tên được thay."))
        from mamnon.services.classes import list_classes

        self.form = form
        self.class_rows = list_classes()
        self.made_name = ""

    def items(self) -> list[FieldSpec | str]:
        fields = {
            "class": FieldSpec("class", _("Lớp"), kind="select", options=[(c.name, c.id) for c in self.class_rows],
                               allow_blank=False, required=True),
            "month": FieldSpec("month", _("Tháng"), required=True, placeholder="MM/YYYY"),
            "date": FieldSpec("date", _("Ngày"), required=True, placeholder="dd/mm/yyyy"),
            "stage": FieldSpec("stage", _("Cấp học"), kind="select", options=STAGE_OPTIONS,
                               allow_blank="stage" in self.form.optional, required="stage" in self.form.needs),
            "period": FieldSpec("period", _("Kỳ báo cáo"), required=True, placeholder=_("MM/YYYY hoặc 2026-2027")),
            "child": FieldSpec("child", _("Mã trẻ"), required=True, placeholder=_("ví dụ HS00001")),
        }
        return [*(fields[n] for n in self.form.accepts),
                FieldSpec("output", _("Ghi ra tệp"), required=True, placeholder=_("ví dụ E:\\bieu-mau.xlsx")),
                FieldSpec("pdf", _("Xuất PDF"), kind="select", options=PDF_OPTIONS, allow_blank=False)]

    def initial(self) -> dict[str, Any]:
        today = dt.date.today()
        values: dict[str, Any] = {"month": f"{today.month:02d}/{today.year}", "date": today_text(),
                                  "period": f"{today.month:02d}/{today.year}", "pdf": False,
                                  "stage": None if "stage" in self.form.optional else "mau_giao"}
        if self.class_rows:
            values["class"] = self.class_rows[0].id
        values = {k: v for k, v in values.items() if k in self.form.accepts or k == "pdf"}
        self.made_name = self._file_name(values)
        values["output"] = self.made_name
        return values

    def _options(self, values: dict[str, Any]):
        """The FormOptions of the typed values; a ValidationError on the field that is wrong."""
        from exporters.forms import FormOptions
        from mamnon.errors import ValidationError
        from mamnon.workbooks.periods import MONTH, parse_period

        accepts = self.form.accepts
        options: dict[str, Any] = {}
        if "class" in accepts:
            chosen = values.get("class")
            if chosen is None or chosen is Select.BLANK:
                raise ValidationError({"class": _("Chọn một lớp.")})
            options.update(class_id=chosen, class_name=next(c.name for c in self.class_rows if c.id == chosen))
        if "month" in accepts:
            try:
                period = parse_period(values.get("month") or "")
            except ValidationError:
                period = None
            if period is None or period.kind != MONTH:
                raise ValidationError({"month": _("Tháng ghi dạng MM/YYYY, ví dụ 11/2026.")})
            options["month"] = (period.start.year, period.start.month)
        if "date" in accepts:
            options["date"] = date_value(values, "date")
        if "stage" in accepts and values.get("stage") not in (None, Select.BLANK):
            options["stage"] = values["stage"]
        if "period" in accepts:
            options["period"] = parse_period(values.get("period") or "")
        if "child" in accepts:
            child = self._child(values.get("child") or "")
            options.update(child_id=child.id, child_code=child.code)
        return FormOptions(**options)

    @staticmethod
    def _child(code: str):
        from exporters.forms import find_child
        from mamnon.errors import NotFound, ValidationError

        if not code.strip():
            raise ValidationError({"child": _("Nhập mã trẻ, ví dụ HS00001.")})
        try:
            return find_child(code)
        except NotFound as exc:
            raise ValidationError({"child": str(exc)}) from None

    def _file_name(self, values: dict[str, Any]) -> str:
        from exporters.forms import default_filename
        from mamnon.errors import ValidationError

        try:
            return default_filename(self.form, self._options(values))
        except ValidationError:
            return self.made_name or f"{self.form.name}.xlsx"

    def _follow_options(self) -> None:
        """The file name follows the options only while it is still the one this dialog made up."""
        output = self.body.rows["output"].control
        if output.value != self.made_name:
            return
        self.made_name = self._file_name(self.body.values())
        output.value = self.made_name

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("month", "date", "period", "child"):
            self._follow_options()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("class", "stage"):
            self._follow_options()

    def confirm(self, values: dict[str, Any]) -> Any:
        from exporters.forms import PdfUnavailable, to_pdf, write_form
        from exporters.xlsx import check_target
        from mamnon.errors import MamnonError, ValidationError

        options = self._options(values)
        try:
            target = check_target((values["output"] or "").strip().strip('"'))
        except MamnonError as exc:
            raise ValidationError({"output": str(exc)}) from None
        written = write_form(self.form, target, options).resolve()
        if not values.get("pdf"):
            self.app.notify(str(written), title=_("Đã in {form}").format(form=_(self.form.title).lower()))
            return str(written)
        try:
            pdf = to_pdf(written)
        except PdfUnavailable as exc:
            self.app.notify(str(exc), title=_("Chưa có bản PDF"), severity="warning", timeout=15)
            return str(written)
        self.app.notify(f"{written}\n{pdf}", title=_("Đã in {form} (Excel và PDF)").format(
            form=_(self.form.title).lower()))
        return str(pdf)
