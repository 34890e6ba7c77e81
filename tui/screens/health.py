"""Health home: the measuring rounds of the school year, and the way into entry, statistics and checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from mamnon.i18n import _
from tui.screens.table_screen import TableScreen
from textual.widgets import DataTable, Static

from tui.widgets.record_table import Column

COLUMNS = (
    Column("date", _("Ngày"), 10),
    Column("name", _("Đợt cân đo"), min_width=20),
    Column("scope", _("Phạm vi"), 22),
    Column("measured", _("Đã đo"), 8),
)


def short_name(row: Any) -> str:
    """The round's name without the class the next column already shows."""
    suffix = f" – {row.class_name}"
    return row.name[:-len(suffix)] if row.class_name and row.name.endswith(suffix) else row.name


class HealthScreen(TableScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Sức khỏe, cân đo")
    columns = COLUMNS
    BINDINGS = [
        Binding("a", "add", _("Đợt mới")),
        # Priority: the table's own Enter (hidden) would otherwise hide this one from the footer.
        Binding("enter", "measure", _("Nhập số đo"), priority=True),
        Binding("s", "statistics", _("Thống kê")),
        Binding("k", "checks", _("Khám sức khỏe")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: dict[str, Any] = {}
        # The class last entered per whole-school round: the picker starts after it.
        self._last_class: dict[int, int] = {}

    def compose_above(self) -> ComposeResult:
        yield Static(id="intro")

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.formats import format_date
        from mamnon.services import measurements, school

        year = school.current_year()
        # Newest first: the round being entered is almost always the latest one.
        rows = list(reversed(measurements.list_rounds()))
        self._rows = {str(r.id): r for r in rows}
        self.table.set_rows(
            [(str(r.id), (format_date(r.date), short_name(r), r.shown_scope, f"{r.measured}/{r.enrolled}"))
             for r in rows],
            select=None if select_id is None else str(select_id), keep_position=True, fresh=True,
        )
        self.query_one("#intro", Static).update(
            _("Năm học {name}: các đợt cân đo, mới nhất ở trên. Enter: nhập số đo.").format(name=year.name))
        if rows:
            status = _("{n_rows} đợt cân đo").format(n_rows=len(rows))
        else:
            status = _("Chưa có đợt cân đo nào: nhấn a để tạo đợt mới.")
        self.query_one("#status", Static).update(status)

    @property
    def selected(self) -> Any | None:
        key = self.table.selected_key
        row = self._rows.get(key) if key is not None else None
        if row is None:
            self.notify(_("Chưa có đợt cân đo nào: nhấn a để tạo đợt mới."), severity="warning")
        return row

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # A mouse click on a row; Enter itself is the priority binding.
        self.action_measure()

    # ------------------------------------------------------------ actions

    def action_add(self) -> None:
        from tui.dialogs.new_round import NewRoundDialog

        def done(round_id: int | None) -> None:
            if round_id is not None:
                self.reload(select_id=round_id)

        self.app.push_screen(NewRoundDialog(), done)

    def action_measure(self) -> None:
        from tui.screens.measure_round import MeasureRoundScreen

        row = self.selected
        if row is None:
            return
        if not row.enrolled:
            self.notify(_("{scope_label}: không có trẻ nào đang học vào ngày của đợt này.").format(
                scope_label=row.shown_scope), severity="warning")
            return
        if row.class_id is not None:
            self.app.push_screen(MeasureRoundScreen(row.id, row.class_id))
            return
        self._pick_class(row, lambda class_id: self.app.push_screen(MeasureRoundScreen(row.id, class_id)))

    def _pick_class(self, row: Any, then: Any) -> None:
        from tui.dialogs.pick_class import PickClassDialog

        def done(class_id: int | None) -> None:
            if class_id is not None:
                self._last_class[row.id] = class_id
                then(class_id)

        self.app.push_screen(PickClassDialog(row, after=self._last_class.get(row.id)), done)

    def action_statistics(self) -> None:
        from tui.screens.round_stats import RoundStatsScreen

        row = self.selected
        if row is not None:
            self.app.push_screen(RoundStatsScreen(row.id))

    def action_checks(self) -> None:
        from tui.screens.health_checks import HealthChecksScreen

        self.app.push_screen(HealthChecksScreen())

    def action_back(self) -> None:
        self.dismiss()
