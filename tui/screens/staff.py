"""Staff list: live search, add, edit, mark as left."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.binding import Binding

from tui.screens.record_list import RecordListScreen, list_bindings
from tui.widgets.record_table import Cell, Column

# Long official titles shortened so the position column stays narrow.
_SHORT_POSITIONS = {
    "Phó hiệu trưởng": "P. hiệu trưởng",
    "Nhân viên hỗ trợ giáo dục người khuyết tật": "NV hỗ trợ GDKT",
}


def short_position(position: str) -> str:
    short = _SHORT_POSITIONS.get(position)
    if short:
        return short
    return "NV " + position[len("Nhân viên "):] if position.startswith("Nhân viên ") else position


class StaffScreen(RecordListScreen):
    CSS_PATH = [*RecordListScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    BINDINGS = list_bindings(
        Binding("l", "leave", "Nghỉ việc"),
        Binding("c", "quality", "Chất lượng"),
        left_label="Đã nghỉ",
    )
    heading = "Cán bộ, giáo viên, nhân viên"
    noun = "người"
    search_placeholder = "Tìm theo tên, mã hoặc chức vụ, không cần dấu"

    def fetch(self, include_left: bool) -> list[Any]:
        from mamnon.services import staff

        return staff.list_staff(include_left=include_left)

    def search(self, rows: list[Any], query: str) -> list[Any]:
        from mamnon.services import staff

        return staff.filter_rows(rows, query)

    def columns(self) -> Sequence[Column]:
        cols = [
            Column("code", "Mã", 6),
            Column("name", "Họ và tên", min_width=14),
            Column("birth", "Ngày sinh", 10),
            Column("position", "Chức vụ", 14),
            Column("qualification", "Trình độ", 9),
            Column("phone", "Điện thoại", 12),
        ]
        if self.show_left:
            cols.append(Column("left", "Nghỉ", 4))
        return cols

    def cells(self, row: Any) -> Sequence[Cell]:
        from mamnon.formats import format_date, format_phone

        cells = [row.code, row.full_name, format_date(row.birth_date), short_position(row.position),
                 row.qualification, format_phone(row.phone)]
        if self.show_left:
            cells.append("nghỉ" if row.left_on else "")
        return cells

    def action_add(self) -> None:
        from tui.screens.staff_form import StaffFormScreen

        self.app.push_screen(StaffFormScreen(), self.after_save)

    def action_edit(self) -> None:
        from tui.screens.staff_form import StaffFormScreen

        row = self.require_selected()
        if row is not None:
            self.app.push_screen(StaffFormScreen(staff_id=row.id), self.after_save)

    def action_quality(self) -> None:
        from tui.screens.staff_quality import StaffQualityScreen

        self.app.push_screen(StaffQualityScreen())

    def action_leave(self) -> None:
        from mamnon.services import staff
        from tui.dialogs.leave import LeaveDialog

        row = self.require_selected()
        if row is None:
            return
        if row.left_on is not None:
            self.notify(f"{row.full_name} đã nghỉ việc rồi.", severity="warning")
            return

        def apply(on, reason):  # noqa: ANN001, ANN202
            return staff.mark_staff_left(row.id, on, reason)

        dialog = LeaveDialog(
            title=f"Nghỉ việc: {row.full_name}",
            note=f"{row.position}. Hồ sơ vẫn được giữ; không còn chọn làm giáo viên chủ nhiệm được.",
            apply=apply,
        )
        self.app.push_screen(dialog, self.after_save)
