"""Write a standard template to fill in: blank, or pre-filled with a class's children, the staff, a month.

The same writers as `mamnon template write`. Only the fields the chosen kind
uses are shown (a class for a roster, a measuring round or an attendance
month; a month for attendance and menus; a date for a measuring round), and
the file name follows the kind until the user types one of their own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.widgets import Select

from tui.dialogs.form_dialog import FormDialog, date_value, today_text
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _

FILLED, BLANK = "filled", "blank"
USES = {
    "class_name": ("roster", "measurements", "attendance"),
    "month": ("attendance", "menus"),
    "date": ("measurements",),
}
"""Field → the kinds that use it (as OPTION_KINDS of `mamnon template write`)."""


def month_text(day: dt.date) -> str:
    return f"{day.month:02d}/{day.year}"


def default_name(kind: str) -> str:
    from exporters.templates import file_name

    return file_name(kind)


def month_of(text: str) -> tuple[int, int]:
    """(year, month) typed as MM/YYYY, or a ValidationError under the month field."""
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import MONTH, parse_period

    try:
        period = parse_period(text)
    except ValidationError as exc:
        raise ValidationError({"month": next(iter(exc.errors.values()))}) from None
    if period.kind != MONTH:
        raise ValidationError({"month": _("«{text}» là một năm học; cần một tháng, ví dụ 11/2026.").format(text=text)})
    return period.start.year, period.start.month


class WriteTemplateDialog(FormDialog):
    confirm_label = _("Ghi tệp")

    def __init__(self) -> None:
        super().__init__(_("Tạo mẫu Excel để điền"),
                         _("Điền sẵn: danh sách trẻ của lớp (để trống lớp: cả trường), cán bộ, cân đo, "
                         "điểm danh tháng, thực đơn tháng. Tệp cùng tên được thay."))

    def items(self) -> list[FieldSpec | str]:
        from exporters.templates import TEMPLATE_NAMES
        from mamnon.services import classes
        from mamnon.workbooks.kinds import KIND_LABELS

        # The units list is an office's file (`mamnon merge --expect`): a school has no use for it here.
        kinds = [(_(KIND_LABELS[k]), k) for k in TEMPLATE_NAMES if k != "units"]
        return [
            FieldSpec("kind", _("Mẫu"), "select", kinds, allow_blank=False),
            FieldSpec("fill", _("Nội dung"), "select",
                      [(_("Điền sẵn dữ liệu của trường"), FILLED), (_("Mẫu trống"), BLANK)], allow_blank=False),
            FieldSpec("class_name", _("Lớp"), "select", [(c.name, c.name) for c in classes.list_classes()],
                      placeholder=_("(cả trường)")),
            FieldSpec("month", _("Tháng"), placeholder="MM/YYYY"),
            FieldSpec("date", _("Ngày cân đo"), placeholder="dd/mm/yyyy"),
            FieldSpec("output", _("Ghi ra tệp"), required=True, placeholder=_("ví dụ E:\\danh-sach-tre.xlsx")),
        ]

    def initial(self) -> dict[str, Any]:
        return {"kind": "roster", "fill": FILLED, "month": month_text(dt.date.today()), "date": today_text(),
                "output": default_name("roster")}

    def on_mount(self) -> None:
        super().on_mount()
        self.show_fields()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("kind", "fill"):
            self.show_fields()

    def show_fields(self) -> None:
        """Only the fields the kind (and a pre-filled file) uses; the file name follows the kind."""
        from exporters.templates import TEMPLATE_NAMES

        values = self.body.values()
        kind, filled = values["kind"], values["fill"] == FILLED
        rows = self.body.rows
        for key, kinds in USES.items():
            rows[key].display = filled and kind in kinds
        output = rows["output"].control
        if output.value in {default_name(k) for k in TEMPLATE_NAMES}:
            output.value = default_name(kind)

    def confirm(self, values: dict[str, Any]) -> Any:
        from exporters.xlsx import check_target
        from mamnon.errors import MamnonError, ValidationError
        from mamnon.workbooks.kinds import KIND_LABELS

        kind = values["kind"]
        try:
            target = check_target((values["output"] or "").strip().strip('"'))
        except MamnonError as exc:
            raise ValidationError({"output": str(exc)}) from None
        existed = target.exists()
        if values["fill"] == FILLED:
            written, what = self.write_filled(kind, target, values)
        else:
            written, what = self.write_blank(kind, target)
        replaced = _("\nTệp cũ cùng tên đã được thay.") if existed else ""
        self.app.notify(f"{Path(written).resolve()}{replaced}", title=_("Đã ghi mẫu «{kind}» ({what})").format(
            kind=_(KIND_LABELS[kind]), what=what))
        return str(written)

    @staticmethod
    def write_blank(kind: str, target: Path) -> tuple[Path, str]:
        from exporters import templates

        unit = templates.school_unit()
        return (templates.write_blank(target, kind, unit=unit, choices=templates.school_choices()),
                _("mẫu trống của {name}").format(name=unit.name))

    def write_filled(self, kind: str, target: Path, values: dict[str, Any]) -> tuple[Path, str]:
        from exporters import templates
        from mamnon.errors import ValidationError
        from mamnon.formats import format_date

        class_name = values["class_name"]
        where = _("lớp {class_name}").format(class_name=class_name) if class_name else _("cả trường")
        if kind == "roster":
            return templates.write_roster(target, class_name), _("trẻ {where}").format(where=where)
        if kind == "staff":
            return templates.write_staff(target), _("cán bộ đang làm việc")
        if kind == "measurements":
            day = date_value(values, "date")
            return templates.write_measurements(target, day, class_name), _("{where}, ngày {date}").format(
                where=where, date=format_date(day))
        year, month = month_of(values["month"] or "")
        if kind == "attendance":
            if not class_name:
                raise ValidationError({"class_name": _("Sổ điểm danh là của một lớp: hãy chọn lớp.")})
            return templates.write_attendance(target, class_name, year, month), _("{where}, tháng {month:02d}/{year}").format(
                where=where, month=month, year=year)
        return templates.write_menus(target, year, month), _("tháng {month:02d}/{year}").format(month=month, year=year)

