"""Classes of the current school year: head-counts against the legal limit; add, edit, delete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen

from tui.screens.table_screen import RecordsScreen
from textual.widgets import Static

from tui.widgets.record_table import Column
from mamnon.i18n import C_, _

COLUMNS = (
    Column("name", _("Tên lớp"), min_width=12),
    Column("group", _("Nhóm tuổi"), 14),
    Column("teacher", _("GV chủ nhiệm"), 20),
    Column("size", C_("cột hẹp", "Sĩ số"), 7),
    Column("room", _("Phòng"), 10),
)


# The usual abbreviations ('Mẫu giáo 4–5 tuổi' -> 'MG 4–5 tuổi'), to leave room for names.
_SHORT_GROUPS = {
    "NT_3_12": C_("cột hẹp", "NT 3–12 tháng"), "NT_13_24": C_("cột hẹp", "NT 13–24 tháng"),
    "NT_25_36": C_("cột hẹp", "NT 25–36 tháng"), "MG_3_4": C_("cột hẹp", "MG 3–4 tuổi"),
    "MG_4_5": C_("cột hẹp", "MG 4–5 tuổi"), "MG_5_6": C_("cột hẹp", "MG 5–6 tuổi"),
}


def short_group(code: str, label: str) -> str:
    """The age group of a class in its narrow column; a code the table does not know shows its label."""
    return _SHORT_GROUPS.get(code) or _(label)


def size_cell(row: Any) -> Text:
    """'28/35', and '36/35 !' in red when the class is over the limit of its age group."""
    if row.max_children is None:
        return Text(str(row.size))
    if row.size > row.max_children:
        return Text(f"{row.size}/{row.max_children} !", style="bold #ff6060")
    return Text(f"{row.size}/{row.max_children}")


class ClassesScreen(RecordsScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Lớp / nhóm")
    columns = COLUMNS
    noun = _("lớp")
    delete_note = _("Chỉ xóa được lớp chưa từng có trẻ (ví dụ lớp tạo nhầm).")
    reload_on_resume = True  # head-counts change when children are added or moved elsewhere
    BINDINGS = [
        Binding("a", "add", _("Thêm")),
        Binding("e", "edit", _("Sửa")),
        Binding("d", "delete", _("Xóa")),
        Binding("t", "children", _("Xem trẻ")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import classes, school

        self._rows = {str(r.id): r for r in classes.list_classes()}
        self.table.set_rows(
            [(key, (r.name, short_group(r.age_group, r.age_group_label), r.main_teacher_name, size_cell(r), r.room))
             for key, r in self._rows.items()],
            select=None if select_id is None else str(select_id), keep_position=True, fresh=True,
        )
        over = sum(1 for r in self._rows.values() if r.max_children and r.size > r.max_children)
        status = (_("Năm học {name}: {n_classes} lớp, {n_children} trẻ").format(
            name=school.current_year().name, n_classes=len(self._rows),
            n_children=sum(r.size for r in self._rows.values())))
        if over:
            status += _("; {over} lớp vượt sĩ số tối đa (!)").format(over=over)
        self.query_one("#status", Static).update(status)

    def form(self, row: Any | None) -> Screen:
        from tui.screens.class_form import ClassFormScreen

        return ClassFormScreen(row) if row is not None else ClassFormScreen()

    def delete(self, row: Any) -> None:
        from mamnon.services import classes

        classes.delete_class(row.id)

    def action_children(self) -> None:
        from tui.screens.children import ChildrenScreen

        row = self.selected
        if row is not None:
            self.app.push_screen(ChildrenScreen(class_id=row.id))

    def action_back(self) -> None:
        self.dismiss()
