"""Staff list: live search, add, edit, mark as left."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.binding import Binding

from mamnon.i18n import _
from tui.screens.record_list import RecordListScreen, list_bindings
from tui.widgets.record_table import Cell, Column

# Long official titles shortened so the position column stays narrow.
_SHORT_POSITIONS = {
    "Phó hiệu trưởng": "P. hiệu trưởng",  # i18n-skip: a stored position and its short form
    "Nhân viên hỗ trợ giáo dục người khuyết tật": "NV hỗ trợ GDKT",  # i18n-skip: a stored position
}


def short_position(position: str) -> str:
    short = _SHORT_POSITIONS.get(position)
    if short:
        return short
    # i18n-skip: positions are stored values, shown as stored in every language
    return "NV " + position[len("Nhân viên "):] if position.startswith("Nhân viên ") else position  # i18n-skip


class StaffScreen(RecordListScreen):
    CSS_PATH = [*RecordListScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    BINDINGS = list_bindings(
        Binding("l", "leave", _("Nghỉ việc")),
        Binding("c", "quality", _("Chất lượng")),
        left_label=_("Đã nghỉ"),
    )
    heading = _("Cán bộ, giáo viên, nhân viên")
    noun = _("người")
    search_placeholder = _("Tìm theo tên, mã hoặc chức vụ, không cần dấu")

    def fetch(self, include_left: bool) -> list[Any]:
        from mamnon.services import staff

        return staff.list_staff(include_left=include_left)

    def search(self, rows: list[Any], query: str) -> list[Any]:
        from mamnon.services import staff

        return staff.filter_rows(rows, query)

    def columns(self) -> Sequence[Column]:
        cols = [
            Column("code", _("Mã"), 6),
            Column("name", _("Họ và tên"), min_width=14),
            Column("birth", _("Ngày sinh"), 10),
            Column("position", _("Chức vụ"), 14),
            Column("qualification", _("Trình độ"), 9),
            Column("phone", _("Điện thoại"), 12),
        ]
        if self.show_left:
            cols.append(Column("left", _("Nghỉ"), 4))
        return cols

    def cells(self, row: Any) -> Sequence[Cell]:
        from mamnon.formats import format_date, format_phone

        cells = [row.code, row.full_name, format_date(row.birth_date), short_position(row.position),
                 row.qualification, format_phone(row.phone)]
        if self.show_left:
            cells.append(_("nghỉ") if row.left_on else "")
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
            self.notify(_("{full_name} đã nghỉ việc rồi.").format(full_name=row.full_name), severity="warning")
            return

        def apply(on, reason):  # noqa: ANN001, ANN202
            return staff.mark_staff_left(row.id, on, reason)

        dialog = LeaveDialog(
            title=_("Nghỉ việc: {full_name}").format(full_name=row.full_name),
            note=_("{position}. Hồ sơ vẫn được giữ; không còn chọn làm giáo viên chủ nhiệm được.").format(
                position=row.position),
            apply=apply,
        )
        self.app.push_screen(dialog, self.after_save)
