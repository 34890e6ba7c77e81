"""Dialogs of the kitchen log (kiểm thực ba bước, lưu mẫu): confirm a line, destroy a sample, sign, follow up.

Each confirm dialog starts from the service's *_form_for of the line, so the
prefilled times and quantities are there to correct, and sends the whole form
to the service's confirm_* function: the rules (times in order, «không đạt»
needs the measures taken, 24 hours before a sample is destroyed) and their
Vietnamese messages are the service's, shown under the fields.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, Static

from tui.dialogs.form_dialog import FormDialog
from tui.dialogs.pick_date import PickDateDialog
from tui.widgets.field_row import FieldSpec
from tui.widgets.record_table import Column, RecordTable
from mamnon.i18n import _

TIME_HINT = _("HH:MM, ví dụ 06:30")


def staff_options(day: dt.date) -> list[tuple[str, int]]:
    """Staff who had not left before `day` (the service refuses the others)."""
    from mamnon.services import staff

    return [(s.full_name, s.id) for s in staff.list_staff(include_left=True)
            if s.left_on is None or s.left_on >= day]


def result_field(label: str = _("Kết quả")) -> FieldSpec:
    from mamnon.services.kitchen_logs import RESULT_LABELS

    return FieldSpec("result", label, "select", [(_(name), code) for code, name in RESULT_LABELS.items()],
                     required=True, placeholder=_("(chọn đạt / không đạt)"))


def staff_field(key: str, label: str, day: dt.date) -> FieldSpec:
    return FieldSpec(key, label, "select", staff_options(day), required=True, placeholder=_("(chọn người)"))


def result_tail(day: dt.date) -> list[FieldSpec]:
    """The fields every step ends with: the result, its note, the measures taken, who checked."""
    return [
        result_field(),
        FieldSpec("result_note", _("Ghi chú kết quả")),
        FieldSpec("measures", _("Biện pháp xử lý"), placeholder=_("bắt buộc khi không đạt")),
        staff_field("checked_by_id", _("Người kiểm tra"), day),
    ]


NUMBER_FIELDS = ("quantity", "amount", "storage_temp_c")


def form_values(form: Any) -> dict[str, Any]:
    """The form as field values: blanks for None, and a decimal comma in the figures."""
    from dataclasses import asdict

    values = {key: ("" if value is None and not key.endswith("_id") else value) for key, value in asdict(form).items()}
    for key in NUMBER_FIELDS:
        if isinstance(values.get(key), str):
            values[key] = values[key].replace(".", ",")
    return values


class KitchenFormDialog(FormDialog):
    """A confirm dialog over one service form dataclass.

    `form` is the service's prefilled form; `default_staff` fills the checker
    when the line has none yet (the cook checks every line of a morning).
    """

    CSS_PATH = [*FormDialog.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    confirm_label = _("Xác nhận")
    form_type: Any = None
    staff_key = "checked_by_id"

    def __init__(self, title: str, day: dt.date, form: Any, default_staff: int | None = None,
                 note: str = "") -> None:
        super().__init__(title, note)
        self.day = day
        self.start = form_values(form)
        if self.start.get(self.staff_key) is None:
            self.start[self.staff_key] = default_staff

    def initial(self) -> dict[str, Any]:
        return dict(self.start)

    def to_form(self, values: dict[str, Any]) -> Any:
        return self.form_type(**{key: ("" if value is None and not key.endswith("_id") else value)
                                 for key, value in values.items() if key in self.start})

    def confirm(self, values: dict[str, Any]) -> Any:
        return self.save(self.to_form(values)).id

    def save(self, form: Any) -> Any:
        raise NotImplementedError


class ReceiptDialog(KitchenFormDialog):
    """Bước 1 of one food; with `food_id` and no `line_id` it adds a food not on the market list."""

    def __init__(self, title: str, day: dt.date, stage: str, form: Any, *, line_id: int | None = None,
                 food_id: int | None = None, default_staff: int | None = None) -> None:
        from mamnon.services.kitchen_logs import ReceiptForm

        self.form_type = ReceiptForm
        super().__init__(title, day, form, default_staff)
        self.stage = stage
        self.line_id = line_id
        self.food_id = food_id

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services.kitchen_logs import RECEIPT_UNITS

        return [
            FieldSpec("received_at", _("Giờ nhận"), required=True, placeholder=TIME_HINT),
            FieldSpec("quantity", _("Số lượng"), required=True),
            FieldSpec("unit", _("Đơn vị"), "select", [(u, u) for u in RECEIPT_UNITS], allow_blank=False),
            FieldSpec("supplier", _("Cơ sở cung cấp"), required=True),
            FieldSpec("supplier_contact", _("Địa chỉ, ĐT")),
            FieldSpec("documents", _("Chứng từ"), placeholder=_("hóa đơn, giấy kiểm dịch, nguồn gốc…")),
            *result_tail(self.day),
        ]

    def save(self, form: Any) -> Any:
        from mamnon.services import kitchen_logs

        if self.line_id is not None:
            return kitchen_logs.confirm_receipt(self.line_id, form)
        return kitchen_logs.add_receipt(self.day, self.stage, self.food_id, form)


class CookingDialog(KitchenFormDialog):
    """Bước 2: preparation and cooking of one dish."""

    def __init__(self, title: str, day: dt.date, line_id: int, form: Any, default_staff: int | None = None) -> None:
        from mamnon.services.kitchen_logs import CookingForm

        self.form_type = CookingForm
        super().__init__(title, day, form, default_staff)
        self.line_id = line_id

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("prep_started_at", _("Bắt đầu sơ chế"), required=True, placeholder=TIME_HINT),
            FieldSpec("cooked_at", _("Nấu xong"), required=True, placeholder=TIME_HINT),
            FieldSpec("cooks", _("Người sơ chế, nấu"), required=True),
            *result_tail(self.day),
        ]

    def save(self, form: Any) -> Any:
        from mamnon.services import kitchen_logs

        return kitchen_logs.confirm_cooking(self.line_id, form)


class ServingDialog(KitchenFormDialog):
    """Bước 3: before serving (chia suất)."""

    def __init__(self, title: str, day: dt.date, line_id: int, form: Any, default_staff: int | None = None) -> None:
        from mamnon.services.kitchen_logs import ServingForm

        self.form_type = ServingForm
        super().__init__(title, day, form, default_staff)
        self.line_id = line_id

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("served_at", _("Giờ chia suất"), required=True, placeholder=TIME_HINT),
                *result_tail(self.day)]

    def save(self, form: Any) -> Any:
        from mamnon.services import kitchen_logs

        return kitchen_logs.confirm_serving(self.line_id, form)


class SampleDialog(KitchenFormDialog):
    """Lưu mẫu: amount, time taken, storage temperature, who took it."""

    staff_key = "taken_by_id"

    def __init__(self, title: str, day: dt.date, line_id: int, form: Any, default_staff: int | None = None) -> None:
        from mamnon.services.kitchen_logs import SAMPLE_MIN, SAMPLE_TEMP_C, SampleForm

        self.form_type = SampleForm
        low, high = SAMPLE_TEMP_C
        super().__init__(title, day, form, default_staff,
                         note=_("Tối thiểu {g:g} g (món đặc) hoặc {ml:g} ml (món lỏng); bảo quản {low:g}–{high:g} °C.").format(
                             g=SAMPLE_MIN["g"], ml=SAMPLE_MIN["ml"], low=low, high=high))
        self.line_id = line_id

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services.kitchen_logs import SAMPLE_UNITS

        return [
            FieldSpec("amount", _("Lượng mẫu"), required=True),
            FieldSpec("amount_unit", _("Đơn vị"), "select", [(u, u) for u in SAMPLE_UNITS], allow_blank=False),
            FieldSpec("taken_at", _("Giờ lấy mẫu"), required=True, placeholder=TIME_HINT),
            FieldSpec("storage_temp_c", _("Nhiệt độ tủ (°C)"), placeholder=_("ví dụ 5")),
            staff_field("taken_by_id", _("Người lấy mẫu"), self.day),
        ]

    def save(self, form: Any) -> Any:
        from mamnon.services import kitchen_logs

        line = kitchen_logs.confirm_sample(self.line_id, form)
        for warning in line.warnings:
            self.app.notify(warning, title=_("Lưu ý"), severity="warning")
        return line


class DestroySampleDialog(FormDialog):
    """Log the destruction of a sample (also on a signed day: it happens the next day)."""

    confirm_label = _("Ghi hủy")

    def __init__(self, line: Any, day: dt.date, default_staff: int | None = None) -> None:
        from mamnon.formats import format_date

        keep = line.keep_until
        super().__init__(_("Hủy mẫu: {dish_name} ({meal})").format(
            dish_name=line.dish_name, meal=line.meal_label.lower()),
                         "" if keep is None else
                         _("Lấy mẫu {taken_at:%H:%M} {taken_on}; được hủy từ {keep:%H:%M} {keep_on}.").format(
                             taken_at=line.taken_at, taken_on=format_date(line.taken_at.date()), keep=keep,
                             keep_on=format_date(keep.date())))
        self.line = line
        self.day = day
        self.default_staff = default_staff

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("destroyed_at", _("Giờ hủy"), required=True, placeholder="dd/mm/yyyy HH:MM"),
                staff_field("destroyed_by_id", _("Người hủy mẫu"), self.day)]

    def initial(self) -> dict[str, Any]:
        now = dt.datetime.now().replace(second=0, microsecond=0)
        keep = self.line.keep_until
        when = max(now, keep) if keep is not None else now
        return {"destroyed_at": f"{when:%d/%m/%Y %H:%M}",
                "destroyed_by_id": self.line.destroyed_by_id or self.default_staff}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services import kitchen_logs

        return kitchen_logs.destroy_sample(self.line.id, values["destroyed_at"], values["destroyed_by_id"]).id


class SignDialog(FormDialog):
    """Sign the day; the service refuses an incomplete day and its message lands under «Sổ ngày»."""

    confirm_label = _("Ký sổ")

    def __init__(self, log: Any, default_staff: int | None = None) -> None:
        super().__init__(_("Ký sổ kiểm thực ba bước và lưu mẫu"),
                         _("Sau khi ký, sổ ngày này không sửa được nữa (chỉ còn ghi hủy mẫu)."))
        self.day_log = log
        self.default_staff = default_staff

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("day", _("Sổ ngày"), "static"),
                staff_field("signed_by_id", _("Người ký"), self.day_log.date)]

    def initial(self) -> dict[str, Any]:
        from mamnon.formats import format_date

        return {"day": f"{format_date(self.day_log.date)}, {_(self.day_log.stage_label).lower()}",
                "signed_by_id": self.default_staff}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services import kitchen_logs

        return kitchen_logs.sign_day(self.day_log.date, self.day_log.stage, values["signed_by_id"]).id


class GotoDateDialog(PickDateDialog):
    """Dismissed with the date typed."""

    def __init__(self, day: dt.date) -> None:
        super().__init__(_("Mở sổ kiểm thực ngày"), day, note="")


class IncompleteDaysDialog(ModalScreen):
    """Days of the last `days` days whose log is not finished; Enter opens one (dismissed with (date, stage))."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "cancel", _("Đóng"))]

    def __init__(self, today: dt.date, days: int = 30) -> None:
        super().__init__()
        self.end = today
        self.start = today - dt.timedelta(days=days)
        self._rows: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        from mamnon.formats import format_date

        with Vertical(id="incomplete"):
            yield Label(_("Sổ kiểm thực chưa xong từ {start} đến {end}").format(
                start=format_date(self.start), end=format_date(self.end)),
                        id="incomplete-title", markup=False)
            yield RecordTable(id="incomplete-table")
            yield Static("", id="incomplete-reasons", markup=False)
            yield Static(_("Enter: mở sổ ngày đó, Esc: đóng."), id="incomplete-hint", markup=False)
        yield Footer(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#incomplete-table", RecordTable)

    def on_mount(self) -> None:
        from mamnon.formats import format_date
        from mamnon.services import kitchen_logs
        from tui.widgets.stage_text import narrow_stage

        days = kitchen_logs.incomplete_days(self.start, self.end)
        self._rows = {f"{d.date:%Y%m%d}-{d.stage}": d for d in days}
        self.table.set_columns((Column("date", _("Ngày"), 10), Column("stage", _("Cấp học"), 8),
                                Column("reasons", _("Còn thiếu"), min_width=20)))
        self.table.set_rows([(key, (format_date(d.date), narrow_stage(d.stage), d.reasons[0]))
                             for key, d in self._rows.items()])
        if not days:
            self.query_one("#incomplete-reasons", Static).update(_("Không có ngày nào chưa xong."))
        self.table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        day = self._rows.get(event.row_key.value) if event.row_key else None
        if day is not None:
            self.query_one("#incomplete-reasons", Static).update("\n".join(f"• {r}" for r in day.reasons))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        day = self._rows.get(event.row_key.value)
        if day is not None:
            self.dismiss((day.date, day.stage))

    def action_cancel(self) -> None:
        self.dismiss(None)
