"""Minimum equipment (a selection of Thông tư 02/2010): needed for the classes, counted, short."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from tui.dialogs.form_dialog import FormDialog
from tui.screens.table_screen import TableScreen
from tui.widgets.field_row import FieldSpec
from tui.widgets.record_table import Column
from mamnon.i18n import _

COLUMNS = (
    Column("name", _("Thiết bị"), min_width=20),
    Column("required", _("Cần"), 5),
    Column("present", _("Hiện có"), 12),
    Column("short", _("Thiếu"), 6),
)


class CountDialog(FormDialog):
    """Type how many of an item the school has now."""

    confirm_label = _("Lưu")

    def __init__(self, code: str, name: str, present: int | None) -> None:
        super().__init__(_("Kiểm kê: {name}").format(name=name), _("Số lượng đang dùng được ở tất cả các lớp."))
        self.code = code
        self.present = present

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("quantity", _("Số lượng có"), required=True, placeholder=_("ví dụ 8"))]

    def initial(self) -> dict[str, Any]:
        return {"quantity": "" if self.present is None else str(self.present)}

    def confirm(self, values: dict[str, Any]) -> Any:
        import datetime as dt

        from mamnon.services.facilities import set_equipment_count

        line = set_equipment_count(self.code, values["quantity"], counted_on=dt.date.today())
        self.app.notify(_("Đã lưu: {name} có {present}.").format(name=_(line.item.name), present=line.present))
        return self.code


class EquipmentScreen(TableScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Thiết bị tối thiểu")
    columns = COLUMNS
    BINDINGS = [
        Binding("e", "count", _("Kiểm kê")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._lines: dict[str, Any] = {}

    def reload(self, select_id: Any = None) -> None:
        from mamnon.services.facilities import equipment_status

        lines = equipment_status()
        self._lines = {line.item.code: line for line in lines}
        self.table.set_rows(
            [(line.item.code, (_(line.item.name), str(line.required),
                               _("chưa kiểm kê") if line.present is None else str(line.present),
                               Text(str(line.shortfall), style="bold #ff6060") if line.shortfall else ""))
             for line in lines], select=select_id, keep_position=True, fresh=True)
        short = [line for line in lines if line.shortfall]
        self.query_one("#status", Static).update(
            _("{n_short} mục còn thiếu, tổng {n_items} cái (trích Thông tư 02/2010, mức tối thiểu mỗi lớp)").format(
                n_short=len(short), n_items=sum(line.shortfall for line in short)))

    def action_count(self) -> None:
        line = self._lines.get(self.table.selected_key or "")
        if line is None:
            self.notify(_("Chưa chọn thiết bị nào."), severity="warning")
            return

        def done(code: str | None) -> None:
            if code is not None:
                self.reload(select_id=code)

        self.app.push_screen(CountDialog(line.item.code, _(line.item.name), line.present), done)

    def action_back(self) -> None:
        self.dismiss()
