"""Lunch support (hỗ trợ ăn trưa, NĐ 277/2025/NĐ-CP): who is eligible, and the month's claim at a glance.

The list shows this school year's records (h: every year); the status line
gives the month's claim (children, money) and [ / ] move the month; p prints
the claim list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.binding import Binding

from mamnon.i18n import _
from tui.screens.record_list import RecordListScreen, list_bindings
from tui.widgets.record_table import Cell, Column


class LunchSupportScreen(RecordListScreen):
    CSS_PATH = [*RecordListScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    BINDINGS = list_bindings(
        Binding("x", "delete", _("Xóa")),
        Binding("left_square_bracket", "month(-1)", _("Tháng−")),
        Binding("right_square_bracket", "month(1)", _("Tháng+")),
        Binding("p", "print", _("In")),
        left_label=_("Mọi năm"),
    )
    heading = _("Hỗ trợ ăn trưa trẻ 3–5 tuổi")
    noun = _("hồ sơ")
    search_placeholder = _("Tìm theo tên hoặc mã trẻ, không cần dấu")

    def __init__(self, today: dt.date | None = None) -> None:
        super().__init__()
        today = today or dt.date.today()
        self.year, self.month = today.year, today.month

    def fetch(self, include_left: bool) -> list[Any]:
        from mamnon.services import lunch_support
        from mamnon.services.school import current_year

        return lunch_support.list_supports(year_id=None if include_left else current_year().id)

    def search(self, rows: list[Any], query: str) -> list[Any]:
        from mamnon.vntext import fold

        wanted = fold(query).strip()
        return [r for r in rows if not wanted or wanted in fold(f"{r.child_code} {r.child_name}")]

    def columns(self) -> Sequence[Column]:
        return [
            Column("name", _("Họ và tên"), min_width=14),
            Column("group", _("Đối tượng"), 11),
            Column("from", _("Từ ngày"), 10),
            Column("to", _("Đến ngày"), 10),
            Column("months", _("Tháng"), 5),
            Column("evidence", _("Giấy tờ"), 14),
        ]

    def cells(self, row: Any) -> Sequence[Cell]:
        from mamnon.formats import format_date

        return [row.child_name, row.group, format_date(row.start_date), format_date(row.end_date),
                str(row.months).rjust(5), row.evidence]

    def apply_filters(self, select: str | None = None, fresh: bool = False) -> None:
        from textual.widgets import Static

        from mamnon.formats import format_money
        from mamnon.services import lunch_support

        super().apply_filters(select, fresh)
        claim = lunch_support.month_claim(self.year, self.month)
        self.query_one("#status", Static).update(
            _("{row_count}/{n_rows} {noun}  ·  Tháng {month:02d}/{year}: {children} trẻ, {total}").format(
                row_count=self.table.row_count, n_rows=len(self._rows), noun=self.noun, month=self.month,
                year=self.year, children=claim.children, total=format_money(claim.total)))

    def action_month(self, step: int) -> None:
        index = self.year * 12 + self.month - 1 + step
        self.year, self.month = index // 12, index % 12 + 1
        self.apply_filters()

    def action_add(self) -> None:
        from tui.screens.lunch_support_form import LunchSupportFormScreen

        self.app.push_screen(LunchSupportFormScreen(), self.after_save)

    def action_edit(self) -> None:
        from tui.screens.lunch_support_form import LunchSupportFormScreen

        row = self.require_selected()
        if row is not None:
            self.app.push_screen(LunchSupportFormScreen(support_id=row.id), self.after_save)

    def action_delete(self) -> None:
        from mamnon.services import lunch_support
        from tui.dialogs.confirm import ConfirmDialog

        row = self.require_selected()
        if row is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                lunch_support.delete_support(row.id)
                self.notify(_("Đã xóa hồ sơ hỗ trợ ăn trưa của {child_name}.").format(child_name=row.child_name))
                self.reload()

        self.app.push_screen(ConfirmDialog(_("Xóa hồ sơ hỗ trợ ăn trưa của {child_name}?").format(
            child_name=row.child_name),
                                           _("Chỉ xóa hồ sơ ghi nhầm: các tháng của hồ sơ không còn được chi.")), done)

    def action_print(self) -> None:
        from exporters.forms import find_form
        from tui.dialogs.print_form import PrintFormDialog

        self.app.push_screen(PrintFormDialog(find_form("ho-tro-an-trua")))
