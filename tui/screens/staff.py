"""Staff list: live search, add, edit, mark as left."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.binding import Binding

from mamnon.i18n import C_, _
from mamnon.reference import QUALIFICATIONS
from tui.screens.record_list import RecordListScreen, list_bindings
from tui.widgets.record_table import Cell, Column

# Long official titles shortened so the position column stays narrow.
_SHORT_POSITIONS = {
    "Phó hiệu trưởng": C_("cột hẹp", "P. hiệu trưởng"),  # i18n-skip: the key is a stored position
    "Nhân viên hỗ trợ giáo dục người khuyết tật": C_("cột hẹp", "NV hỗ trợ GDKT"),  # i18n-skip: stored position
}

# The training levels in a 9-column cell: the English of «Trung cấp» or «Đại học» would be cut mid-word.
_SHORT_QUALIFICATIONS = dict(zip(QUALIFICATIONS, (
    C_("cột hẹp", "Chưa qua đào tạo"), C_("cột hẹp", "Sơ cấp"), C_("cột hẹp", "Trung cấp"),
    C_("cột hẹp", "Cao đẳng"), C_("cột hẹp", "Đại học"), C_("cột hẹp", "Thạc sĩ"), C_("cột hẹp", "Tiến sĩ")),
    strict=True))


def short_position(position: str) -> str:
    """A stored position as the list shows it: its label in the interface language, kept narrow."""
    short = _SHORT_POSITIONS.get(position)
    if short:
        return short
    shown = _(position)
    if shown != position:  # a translated label reads whole; the «NV» shortening is Vietnamese usage
        return shown
    return "NV " + position[len("Nhân viên "):] if position.startswith("Nhân viên ") else position  # i18n-skip


def short_qualification(qualification: str) -> str:
    """A stored training level as a narrow column shows it (a level typed in by hand stays as typed)."""
    return _SHORT_QUALIFICATIONS.get(qualification, qualification)


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
                 short_qualification(row.qualification), format_phone(row.phone)]
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
                position=_(row.position)),
            apply=apply,
        )
        self.app.push_screen(dialog, self.after_save)
