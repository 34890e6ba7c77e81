"""Health checks of a class: each child's latest check and findings; add a check child after child."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from mamnon.i18n import _
from tui.screens.table_screen import TableScreen
from textual.widgets import DataTable, Select, Static

from tui.widgets.choice import Choice
from tui.widgets.record_table import Column

COLUMNS = (
    Column("name", _("Họ và tên"), 24),
    Column("date", _("Khám lần cuối"), 13),
    Column("result", _("Kết quả"), min_width=20),
)
FINDING_STYLE = "#ffd75f"


def findings_text(check: Any) -> Text:
    """'Sâu răng; Viêm mũi' in yellow, or the conclusion, or 'Bình thường'."""
    if check is None:
        return Text(_("chưa khám"), style="italic")
    found = [text for _skip, text in check.findings]
    if found:
        return Text("; ".join(found), style=FINDING_STYLE)
    return Text(check.conclusion or _("Bình thường"))


class HealthChecksScreen(TableScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Khám sức khỏe")
    columns = COLUMNS
    reload_on_resume = False
    BINDINGS = [
        Binding("a", "add", _("Thêm lần khám")),
        Binding("e", "edit", _("Sửa")),
        Binding("f", "toggle_findings", _("Chỉ trẻ có vấn đề")),
        Binding("l", "pick_class", _("Chọn lớp")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, class_id: int | None = None) -> None:
        super().__init__()
        self.class_id = class_id
        self.only_findings = False
        self.child_rows: list[Any] = []
        self.checks: dict[int, list[Any]] = {}
        self.findings: dict[int, Any] = {}
        # What the nurse typed last: a whole class is usually checked on one day by one doctor.
        self.last_date = ""
        self.last_examiner = ""

    def compose_above(self) -> ComposeResult:
        from mamnon.services import classes

        class_rows = classes.list_classes()
        if self.class_id is None and class_rows:
            self.class_id = class_rows[0].id
        with Horizontal(id="filters"):
            yield Static(_("Lớp:"), id="class-label")
            # allow_blank only without classes: Select refuses an empty list that cannot be blank.
            yield Choice([(c.name, c.id) for c in class_rows], id="class", allow_blank=not class_rows,
                         value=self.class_id if class_rows else Select.NULL, compact=True,
                         prompt=_("(chưa có lớp)"))
            yield Static(id="filter-note")

    def compose_below(self) -> ComposeResult:
        yield Static(id="detail")

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import children, health_checks

        if self.class_id is None:
            self.child_rows = []
        else:
            self.child_rows = children.list_children(class_id=self.class_id)
        self.checks = {c.id: health_checks.list_health_checks(c.id) for c in self.child_rows}
        self.findings = ({f.child_id: f for f in health_checks.class_findings(self.class_id)}
                         if self.class_id is not None else {})
        self.fill(select_id)

    def fill(self, select_id: int | None = None) -> None:
        from mamnon.formats import format_date

        rows = []
        for child in self.child_rows:
            if self.only_findings:
                found = self.findings.get(child.id)
                if found is None:
                    continue
                check = found.checks[0]  # the latest check with a finding
            else:
                check = (self.checks.get(child.id) or [None])[0]
            rows.append((str(child.id), (child.full_name, format_date(check.checked_on) if check else "",
                                         findings_text(check))))
        self.table.set_rows(rows, select=None if select_id is None else str(select_id), keep_position=True,
                            fresh=True)
        checked = sum(1 for c in self.child_rows if self.checks.get(c.id))
        status = (_("{n_child_rows} trẻ, {checked} trẻ đã có lần khám; {n_findings} trẻ có vấn đề sức khỏe").format(
            n_child_rows=len(self.child_rows), checked=checked, n_findings=len(self.findings)))
        if self.only_findings:
            status = _("Chỉ trẻ có vấn đề: {n_rows} / {n_child_rows} trẻ (f: hiện cả lớp)").format(
                n_rows=len(rows), n_child_rows=len(self.child_rows))
        self.query_one("#status", Static).update(status)
        self.query_one("#filter-note", Static).update(_("chỉ trẻ có vấn đề") if self.only_findings else "")
        self.show_detail()

    @property
    def selected(self) -> Any | None:
        key = self.table.selected_key
        child = next((c for c in self.child_rows if str(c.id) == key), None) if key else None
        return child

    def require_selected(self) -> Any | None:
        child = self.selected
        if child is None:
            self.notify(_("Chưa chọn trẻ nào trong danh sách."), severity="warning")
        return child

    def show_detail(self) -> None:
        """The selected child's checks, newest first (as many as fit)."""
        from mamnon.formats import format_date

        child = self.selected
        detail = self.query_one("#detail", Static)
        if child is None:
            detail.update("")
            return
        checks = self.checks.get(child.id, [])
        if not checks:
            detail.update(Text(_("{full_name}: chưa có lần khám nào. Nhấn a để thêm.").format(
                full_name=child.full_name)))
            return
        out = Text(_("{full_name}: {n_checks} lần khám").format(
            full_name=child.full_name, n_checks=len(checks)), style="bold")
        for check in checks[:3]:
            out.append(f"\n{format_date(check.checked_on)} · {check.examiner} · ")
            out.append_text(findings_text(check))
            if check.conclusion and check.findings:
                out.append(f" · {check.conclusion}")
        detail.update(out)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_add()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "class" and event.value is not Select.NULL and event.value != self.class_id:
            self.class_id = event.value
            self.reload()
            self.table.focus()

    # ------------------------------------------------------------ actions

    def open_form(self, child: Any, check_id: int | None) -> None:
        from tui.screens.health_check_form import HealthCheckFormScreen

        def done(saved: Any) -> None:
            if saved is None:
                return
            self.last_date, self.last_examiner = saved.date_text, saved.examiner
            self.reload(select_id=child.id)
            if check_id is None:
                # On to the next child: a class is checked one child after another.
                self.table.move_cursor(row=self.table.cursor_row + 1)
            self.table.focus()

        self.app.push_screen(HealthCheckFormScreen(child, check_id, date=self.last_date,
                                                   examiner=self.last_examiner), done)

    def action_add(self) -> None:
        child = self.require_selected()
        if child is not None:
            self.open_form(child, None)

    def action_edit(self) -> None:
        child = self.require_selected()
        if child is None:
            return
        checks = self.checks.get(child.id)
        if not checks:
            self.notify(_("{full_name} chưa có lần khám nào: nhấn a để thêm.").format(
                full_name=child.full_name), severity="warning")
            return
        self.open_form(child, checks[0].id)

    def action_toggle_findings(self) -> None:
        self.only_findings = not self.only_findings
        self.fill()

    def action_pick_class(self) -> None:
        choice = self.query_one("#class", Choice)
        choice.focus()
        choice.action_show_overlay()

    def action_back(self) -> None:
        self.dismiss()
