"""Apply a menu plan to a range of dates, and the report of what it did.

The service decides everything (plan week of each date, weekends, closed days
never touched); this dialog only reads the dates and says the result in words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from tui.dialogs.form_dialog import FormDialog
from tui.widgets.field_row import FieldSpec

LISTED_DATES = 6
"""Dates named per reason in the report; more are only counted."""


def first_school_day(today: dt.date) -> dt.date:
    """Today if it is a Monday, else the next Monday: plans are laid out in whole weeks."""
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def parse_days_off(text: str) -> set[dt.date]:
    """'01/05/2027, 02/05/2027' -> dates; ValueError (Vietnamese) naming the wrong piece."""
    from mamnon.formats import parse_date

    days = set()
    for piece in re.split(r"[,;]", text or ""):
        if piece.strip():
            try:
                days.add(parse_date(piece))
            except ValueError as exc:
                raise ValueError(f"«{piece.strip()}»: {exc}") from None
    return days


def _days(pairs: Iterable[tuple]) -> int:
    return len({p[0] for p in pairs})


def summary(result: Any) -> str:
    return (f"tạo mới {len(result.created)}, thay món {len(result.replaced)}, "
            f"bỏ qua {len(result.skipped)} thực đơn ngày.")


def report_lines(result: Any) -> list[str]:
    """The ApplyResult in Vietnamese: counts, then each reason for skipping with its dates."""
    from mamnon.formats import format_date
    from mamnon.reference import STAGE_LABELS

    lines = [f"Tạo mới: {len(result.created)} thực đơn ngày ({_days(result.created)} ngày).",
             f"Thay món: {len(result.replaced)} thực đơn ngày ({_days(result.replaced)} ngày); "
             "số trẻ ăn, tiền ăn và ghi chú giữ nguyên."]
    if not result.skipped:
        return [*lines, "Không bỏ qua ngày nào."]
    lines.append(f"Bỏ qua: {len(result.skipped)} lần:")
    stages: dict[str, dict[dt.date, list[str]]] = {}
    for date, stage, reason in result.skipped:
        stages.setdefault(reason, {}).setdefault(date, []).append(stage)
    for reason, by_date in stages.items():
        # A date skipped for both stages (or for the whole school) is named once.
        dates = [format_date(date) + ("" if "" in on or len(on) == len(STAGE_LABELS)
                                      else f" ({STAGE_LABELS[on[0]].lower()})")
                 for date, on in by_date.items()]
        shown = ", ".join(dates[:LISTED_DATES]) + (f" và {len(dates) - LISTED_DATES} lần khác"
                                                   if len(dates) > LISTED_DATES else "")
        lines.append(f"• {reason.rstrip('.')} — {shown}.")
    return lines


class ApplyPlanDialog(FormDialog):
    """Dismissed with the service's ApplyResult, or None when cancelled."""

    confirm_label = "Áp dụng"

    def __init__(self, plan: Any) -> None:
        super().__init__(f"Áp dụng mẫu «{plan.name}» vào các ngày",
                         "Tuần 1 của mẫu bắt đầu từ tuần có ngày bắt đầu. Chủ nhật, ngày nghỉ"
                         + ("" if plan.saturday else ", Thứ Bảy") + " được bỏ qua; "
                         "ngày đã chốt sổ không bao giờ bị thay đổi.")
        self.plan = plan

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("start_date", "Từ ngày", required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("end_date", "Đến ngày", required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("days_off", "Ngày nghỉ", placeholder="dd/mm/yyyy, dd/mm/yyyy (nếu có)"),
            FieldSpec("replace", "Đã có thực đơn", "select",
                      [("Giữ nguyên", "no"), ("Thay món theo mẫu", "yes")], allow_blank=False),
        ]

    def initial(self) -> dict[str, Any]:
        from mamnon.formats import format_date

        start = first_school_day(dt.date.today())
        # The last school day of one whole rotation of the plan.
        end = start + dt.timedelta(days=7 * self.plan.weeks - (2 if self.plan.saturday else 3))
        return {"start_date": format_date(start), "end_date": format_date(end), "replace": "no"}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.errors import ValidationError
        from mamnon.formats import parse_date
        from mamnon.services import menu_plans

        errors: dict[str, str] = {}
        dates: dict[str, dt.date] = {}
        for key in ("start_date", "end_date"):
            text = (values.get(key) or "").strip()
            try:
                dates[key] = parse_date(text)
            except ValueError as exc:
                errors[key] = str(exc) if text else "Cần nhập ngày (dd/mm/yyyy)."
        try:
            days_off = parse_days_off(values.get("days_off") or "")
        except ValueError as exc:
            errors["days_off"] = str(exc)
        if errors:
            raise ValidationError(errors)
        return menu_plans.apply_plan(self.plan.id, dates["start_date"], dates["end_date"], days_off,
                                     replace=values.get("replace") == "yes")


class ApplyResultDialog(ModalScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape,enter", "close", "Đóng")]

    def __init__(self, plan_name: str, result: Any) -> None:
        super().__init__()
        self.plan_name = plan_name
        self.result = result

    def compose(self) -> ComposeResult:
        with Vertical(id="result"):
            yield Label(f"Kết quả áp dụng mẫu «{self.plan_name}»", id="result-title", markup=False)
            with VerticalScroll(id="result-body"):
                yield Static("\n".join(report_lines(self.result)), id="result-text", markup=False)
            with Horizontal(id="result-buttons"):
                yield Button("Đóng (Esc)", id="close", compact=True, action="screen.close")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # The text scrolls when the report is long; the arrows reach it at once.
        self.query_one("#result-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
