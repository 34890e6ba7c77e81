"""Lịch sử thay đổi: who changed what and when, for one record (a child) or the whole school."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tui.screens.table_screen import TableScreen
from tui.widgets.record_table import Column
from mamnon.i18n import _

COLUMNS = (
    Column("at", _("Lúc"), 16),
    Column("who", _("Người sửa"), 12),
    Column("action", _("Việc"), 5),
    Column("label", _("Bản ghi"), min_width=20),
)


class AuditLogScreen(TableScreen):
    """The history of one record (`table`, `record_id`), or the latest changes when both are None."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    columns = COLUMNS
    BINDINGS = [Binding("escape", "back", _("Quay lại"))]
    LIMIT = 500

    def __init__(self, table: str | None = None, record_id: int | None = None, title: str = "") -> None:
        super().__init__()
        self.table_name = table
        self.record_id = record_id
        self.heading = _("Lịch sử thay đổi – {title}").format(title=title) if title else _("Lịch sử thay đổi gần đây")
        self._rows: dict[str, object] = {}

    def compose_below(self) -> ComposeResult:
        yield Static("", id="detail", markup=False)

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import audit

        if self.table_name is None:
            rows = audit.recent_changes(self.LIMIT)
        else:
            rows = list(reversed(audit.history_of(self.table_name, self.record_id)))
        self._rows = {str(r.id): r for r in rows}
        self.table.set_rows(
            [(key, (f"{r.at:%d/%m/%Y %H:%M}", r.who, r.action_label, r.shown_label)) for key, r in self._rows.items()],
            fresh=True,
        )
        status = _("{n_rows} thay đổi, mới nhất ở trên").format(
            n_rows=len(rows)) if rows else _("Chưa có thay đổi nào được ghi.")
        self.query_one("#status", Static).update(status)
        self._show_detail(next(iter(self._rows), None))

    def _show_detail(self, key: str | None) -> None:
        row = self._rows.get(key) if key is not None else None
        text = "" if row is None else f"{row.action_label} {row.shown_label}: {row.summary or _('(không có chi tiết)')}"
        self.query_one("#detail", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.row_key.value if event.row_key is not None else None)

    def action_back(self) -> None:
        self.dismiss()
