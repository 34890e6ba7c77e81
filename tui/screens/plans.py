"""Menu plans (mẫu thực đơn): weekly or rotating up to 4 weeks; add, edit, delete, apply to dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from mamnon.i18n import _
from tui.screens.table_screen import RecordsScreen
from tui.widgets.record_table import Column, RecordTable

COLUMNS = (
    Column("name", _("Tên mẫu"), min_width=16),
    Column("weeks", _("Số tuần"), 7),
    Column("days", _("Ngày/tuần"), 9),
    Column("items", _("Số món"), 7),
    Column("active", _("Đang dùng"), 9),
)


class PlanTable(RecordTable):
    # Bound on the table itself: the DataTable's own (unlabelled) Enter would
    # otherwise hide a screen binding from the footer.
    BINDINGS = [Binding("enter", "select_cursor", _("Sửa"))]


def plan_cells(row: Any) -> tuple[str, ...]:
    return (row.name, str(row.weeks), _("6 ngày") if row.saturday else _("5 ngày"), str(len(row.items)),
            _("Có") if row.active else _("Ngừng"))


class PlansScreen(RecordsScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Mẫu thực đơn")
    columns = COLUMNS
    noun = _("mẫu thực đơn")
    delete_note = _("Các thực đơn ngày đã tạo từ mẫu này vẫn giữ nguyên.")
    BINDINGS = [
        Binding("ctrl+n", "add", _("Thêm")),
        Binding("delete", "delete", _("Xóa")),
        Binding("a", "apply", _("Áp dụng")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield PlanTable(id="table")
        yield Static(id="status", markup=False)
        yield Footer(compact=True)

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import menu_plans

        self._rows = {str(r.id): r for r in menu_plans.list_plans(include_inactive=True)}
        self.table.set_rows([(key, plan_cells(r)) for key, r in self._rows.items()],
                            select=None if select_id is None else str(select_id), keep_position=True, fresh=True)
        self.set_status(_("{n_rows} mẫu. Enter: sửa món từng ngày; a: áp dụng mẫu vào các ngày.").format(
            n_rows=len(self._rows)))

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    def form(self, row: Any | None) -> Screen:
        from tui.screens.plan_form import PlanFormScreen

        return PlanFormScreen(row.id if row is not None else None)

    def delete(self, row: Any) -> None:
        from mamnon.services import menu_plans

        menu_plans.delete_plan(row.id)

    def action_apply(self) -> None:
        from tui.dialogs.apply_plan import ApplyPlanDialog, ApplyResultDialog, summary

        row = self.selected
        if row is None:
            return

        def done(result: Any | None) -> None:
            if result is None:
                return
            self.set_status(_("Đã áp dụng «{name}»: {summary}").format(name=row.name, summary=summary(result)))
            self.app.push_screen(ApplyResultDialog(row.name, result))

        self.app.push_screen(ApplyPlanDialog(row), done)

    def action_back(self) -> None:
        self.dismiss()
