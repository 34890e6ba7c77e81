"""Staff quality: teachers against the training standard, the teacher norm of TT 19/2023, assessments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from mamnon.i18n import C_, _
from mamnon.staffing_norms import CONTRACT_TYPES
from tui.dialogs.form_dialog import FormDialog
from tui.screens.staff import short_qualification
from tui.screens.table_screen import TableScreen
from tui.widgets.field_row import FieldSpec
from tui.widgets.record_table import Column

COLUMNS = (
    Column("name", _("Họ và tên"), min_width=14),
    Column("qualification", _("Trình độ"), 9),
    Column("level", _("Chuẩn"), 10),
    Column("contract", _("Hợp đồng"), 8),
    Column("years", C_("cột hẹp", "Năm"), 4),
    Column("grade", _("Đánh giá"), 8),
)
_RED = "bold #ff6060"
# The stored training levels and contract types in their narrow columns («Đạt chuẩn» is "Meets the standard").
_SHORT_LEVELS = {"duoi": C_("cột hẹp", "Dưới chuẩn"), "dat": C_("cột hẹp", "Đạt chuẩn"),
                 "tren": C_("cột hẹp", "Trên chuẩn"), "chua_ro": C_("cột hẹp", "Chưa rõ")}
_SHORT_CONTRACTS = dict(zip(CONTRACT_TYPES, (C_("cột hẹp", "Biên chế"), C_("cột hẹp", "Hợp đồng")), strict=True))


def level_cell(line: Any) -> Text:
    """The training level, red when below the standard and yellow when unknown."""
    style = {"duoi": _RED, "chua_ro": "#ffd75f"}.get(line.level, "")
    return Text(_SHORT_LEVELS.get(line.level, line.level_label), style=style)


class AssessmentDialog(FormDialog):
    """Record the professional-standard grade (TT 26/2018) of a teacher for a school year."""

    confirm_label = _("Lưu")

    def __init__(self, staff_id: int, full_name: str, year_name: str, grade: str) -> None:
        super().__init__(_("Đánh giá chuẩn nghề nghiệp: {full_name}").format(
            full_name=full_name), _("Thông tư 26/2018: Tốt, Khá, Đạt, Chưa đạt."))
        self.staff_id = staff_id
        self.year_name = year_name
        self.grade = grade

    def items(self) -> list[FieldSpec | str]:
        from mamnon.staffing_norms import ASSESSMENT_GRADES

        return [FieldSpec("year_name", _("Năm học"), required=True, placeholder=_("ví dụ 2025-2026")),
                FieldSpec("grade", _("Xếp loại"), "select", [(_(g), g) for g in ASSESSMENT_GRADES], required=True,
                          placeholder=_("(chọn xếp loại)"))]

    def initial(self) -> dict[str, Any]:
        return {"year_name": self.year_name, "grade": self.grade or None}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services import staff_quality

        row = staff_quality.set_assessment(self.staff_id, values["year_name"] or "", values["grade"] or "")
        self.app.notify(_("Đã lưu đánh giá năm học {year_name}: {grade}.").format(
            year_name=row.year_name, grade=row.grade))
        return row.staff_id


class StaffQualityScreen(TableScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Chất lượng đội ngũ")
    columns = COLUMNS
    BINDINGS = [
        Binding("g", "assess", _("Đánh giá")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.quality = None

    def compose_above(self) -> ComposeResult:
        yield Static(id="summary")

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services.staff_quality import number_text, staff_quality

        q = self.quality = staff_quality()
        self.table.set_rows(
            [(str(t.staff_id), (t.full_name, short_qualification(t.qualification), level_cell(t),
                                _SHORT_CONTRACTS.get(t.contract_type, t.contract_type),
                                "" if t.years is None else str(t.years), _(t.grade) if t.grade else "")) for t in q.teachers],
            select=None if select_id is None else str(select_id), keep_position=True, fresh=True)
        stages = "; ".join(_("{label}: {classes} lớp, {children} trẻ").format(
            label=_(s.label), classes=s.classes, children=s.children) for s in q.stages)
        lines = [
            _("{stages}. Trẻ/GV {per_teacher}, GV/lớp {per_class}.").format(
                stages=stages, per_teacher=number_text(q.children_per_teacher),
                per_class=number_text(q.teachers_per_class, 2)),
            _("Định mức GV (TT 19/2023): {norm}, hiện có {teacher_count}, thiếu {shortfall}.").format(
                norm=number_text(q.norm), teacher_count=q.teacher_count, shortfall=number_text(q.shortfall)),
        ]
        summary = Text("\n".join(lines))
        for flag in q.shown_flags[:2]:
            summary.append("\n! " + flag, style=_RED)
        self.query_one("#summary", Static).update(summary)
        self.query_one("#status", Static).update(
            _("{teacher_count} giáo viên; đánh giá năm học {year}").format(
                teacher_count=q.teacher_count, year=q.year_name or _("(chưa có)")))

    def action_assess(self) -> None:
        key = self.table.selected_key
        line = next((t for t in self.quality.teachers if str(t.staff_id) == key), None) if self.quality else None
        if line is None:
            self.notify(_("Chưa chọn giáo viên nào."), severity="warning")
            return

        def done(saved: int | None) -> None:
            if saved is not None:
                self.reload(select_id=saved)

        self.app.push_screen(AssessmentDialog(line.staff_id, line.full_name, self.quality.year_name, line.grade),
                             done)

    def action_back(self) -> None:
        self.dismiss()
