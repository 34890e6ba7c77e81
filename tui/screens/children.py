"""The children register: class filter, live search, add, edit, move, leave."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select

from tui.screens.record_list import RecordListScreen, list_bindings
from tui.widgets.choice import Choice
from tui.widgets.record_table import Cell, Column
from mamnon.i18n import _

ALL_CLASSES = 0


class ChildrenScreen(RecordListScreen):
    CSS_PATH = [*RecordListScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    BINDINGS = list_bindings(
        Binding("m", "move", _("Chuyển lớp")),
        Binding("l", "leave", _("Nghỉ học")),
        left_label=_("Trẻ đã nghỉ"),
    )
    heading = _("Trẻ em")
    noun = _("trẻ")

    def __init__(self, class_id: int | None = None) -> None:
        super().__init__()
        self._class_id = class_id or ALL_CLASSES

    def compose_filters(self) -> ComposeResult:
        from mamnon.services import classes

        self._class_rows = classes.list_classes()
        options = [(_("Tất cả các lớp"), ALL_CLASSES)] + [(c.name, c.id) for c in self._class_rows]
        if not any(v == self._class_id for _label, v in options):
            self._class_id = ALL_CLASSES
        yield Choice(options, id="class-filter", allow_blank=False, value=self._class_id, compact=True)

    def fetch(self, include_left: bool) -> list[Any]:
        from mamnon.services import children

        return children.list_children(include_left=include_left)

    def search(self, rows: list[Any], query: str) -> list[Any]:
        from mamnon.services import children

        return children.filter_rows(rows, query)

    def narrow(self, rows: list[Any]) -> list[Any]:
        if self._class_id == ALL_CLASSES:
            return rows
        return [r for r in rows if r.class_id == self._class_id]

    def columns(self) -> Sequence[Column]:
        cols = [
            Column("code", _("Mã"), 8),
            Column("name", _("Họ và tên"), 26),
            Column("birth", _("Ngày sinh"), 10),
            Column("sex", _("Giới"), 6),
            Column("class", _("Lớp"), min_width=10),
        ]
        if self.show_left:
            cols.append(Column("left", _("Nghỉ từ"), 10))
        return cols

    def cells(self, row: Any) -> Sequence[Cell]:
        from mamnon.formats import format_date

        # The service's label is Vietnamese; the stored code gives the label in the interface language.
        sex = {"M": _("Nam"), "F": _("Nữ")}.get(row.sex, row.sex_label)
        cells = [row.code, row.full_name, format_date(row.birth_date), sex, row.class_name]
        if self.show_left:
            cells.append(format_date(row.left_on))
        return cells

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "class-filter" and event.value is not Select.NULL:
            self._class_id = event.value
            if self.is_mounted and self._rows:
                self.apply_filters()

    # ------------------------------------------------------------ actions

    def action_add(self) -> None:
        from tui.screens.child_form import ChildFormScreen

        if not self._class_rows:
            self.notify(_("Chưa có lớp nào: hãy thêm lớp ở mục «2 Lớp / nhóm» trước."), severity="warning")
            return
        class_id = self._class_id if self._class_id != ALL_CLASSES else None
        self.app.push_screen(ChildFormScreen(class_id=class_id), self.after_save)

    def action_edit(self) -> None:
        from tui.screens.child_form import ChildFormScreen

        row = self.require_selected()
        if row is not None:
            self.app.push_screen(ChildFormScreen(child_id=row.id), self.after_save)

    def action_move(self) -> None:
        from mamnon.services import classes
        from tui.dialogs.move_child import MoveChildDialog

        row = self.require_selected()
        if row is None:
            return
        # A child who has left is taken back through the same dialog (class + date).
        self.app.push_screen(MoveChildDialog(row, classes.list_classes()), self.after_save)

    def action_leave(self) -> None:
        from mamnon.reference import LEAVE_REASONS
        from mamnon.services import children
        from tui.dialogs.leave import LeaveDialog

        row = self.require_selected()
        if row is None:
            return
        if row.left_on is not None:
            self.notify(_("{full_name} đã nghỉ học rồi.").format(full_name=row.full_name), severity="warning")
            return

        def apply(on, reason):  # noqa: ANN001, ANN202
            return children.mark_left(row.id, on, reason)

        dialog = LeaveDialog(
            title=_("Cho nghỉ học: {full_name}").format(full_name=row.full_name),
            note=_("Lớp {class_name}. Hồ sơ và lịch sử của trẻ vẫn được giữ.").format(class_name=row.class_name),
            reasons=LEAVE_REASONS, apply=apply,
        )
        self.app.push_screen(dialog, self.after_save)
