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
from mamnon.i18n import _

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
    return (_("tạo mới {n_created}, thay món {n_replaced}, bỏ qua {n_skipped} thực đơn ngày.").format(
        n_created=len(result.created), n_replaced=len(result.replaced), n_skipped=len(result.skipped)))


def report_lines(result: Any) -> list[str]:
    """The ApplyResult in Vietnamese: counts, then each reason for skipping with its dates."""
    from mamnon.formats import format_date
    from mamnon.reference import STAGE_LABELS

    lines = [_("Tạo mới: {n_created} thực đơn ngày ({days} ngày).").format(
        n_created=len(result.created), days=_days(result.created)),
             _("Thay món: {n_replaced} thực đơn ngày ({days} ngày); số trẻ ăn, tiền ăn và ghi "
                "chú giữ nguyên.").format(n_replaced=len(result.replaced), days=_days(result.replaced))]
    if not result.skipped:
        return [*lines, _("Không bỏ qua ngày nào.")]
    lines.append(_("Bỏ qua: {n_skipped} lần:").format(n_skipped=len(result.skipped)))
    stages: dict[str, dict[dt.date, list[str]]] = {}
    for date, stage, reason in result.skipped:
        stages.setdefault(reason, {}).setdefault(date, []).append(stage)
    for reason, by_date in stages.items():
        # A date skipped for both stages (or for the whole school) is named once.
        dates = [format_date(date) + ("" if "" in on or len(on) == len(STAGE_LABELS)
                                      else f" ({_(STAGE_LABELS[on[0]]).lower()})")
                 for date, on in by_date.items()]
        shown = ", ".join(dates[:LISTED_DATES]) + (_(" và {n_more} lần khác").format(n_more=len(dates) - LISTED_DATES)
                                                   if len(dates) > LISTED_DATES else "")
        lines.append(f"• {reason.rstrip('.')} — {shown}.")
    return lines


class ApplyPlanDialog(FormDialog):
    """Dismissed with the service's ApplyResult, or None when cancelled."""

    confirm_label = _("Áp dụng")

    def __init__(self, plan: Any) -> None:
        super().__init__(_("Áp dụng mẫu «{name}» vào các ngày").format(name=plan.name),
                         _("Tuần 1 của mẫu bắt đầu từ tuần có ngày bắt đầu. Chủ nhật, ngày nghỉ được bỏ qua; "
                           "ngày đã chốt sổ không bao giờ bị thay đổi.") if plan.saturday else
                         _("Tuần 1 của mẫu bắt đầu từ tuần có ngày bắt đầu. Chủ nhật, ngày nghỉ, Thứ Bảy được bỏ "
                           "qua; ngày đã chốt sổ không bao giờ bị thay đổi."))
        self.plan = plan

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("start_date", _("Từ ngày"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("end_date", _("Đến ngày"), required=True, placeholder="dd/mm/yyyy"),
            FieldSpec("days_off", _("Ngày nghỉ"), placeholder=_("dd/mm/yyyy, dd/mm/yyyy (nếu có)")),
            FieldSpec("replace", _("Đã có thực đơn"), "select",
                      [(_("Giữ nguyên"), "no"), (_("Thay món theo mẫu"), "yes")], allow_blank=False),
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
                errors[key] = str(exc) if text else _("Cần nhập ngày (dd/mm/yyyy).")
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
    BINDINGS = [Binding("escape,enter", "close", _("Đóng"))]

    def __init__(self, plan_name: str, result: Any) -> None:
        super().__init__()
        self.plan_name = plan_name
        self.result = result

    def compose(self) -> ComposeResult:
        with Vertical(id="result"):
            yield Label(_("Kết quả áp dụng mẫu «{plan_name}»").format(
                plan_name=self.plan_name), id="result-title", markup=False)
            with VerticalScroll(id="result-body"):
                yield Static("\n".join(report_lines(self.result)), id="result-text", markup=False)
            with Horizontal(id="result-buttons"):
                yield Button(_("Đóng (Esc)"), id="close", compact=True, action="screen.close")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # The text scrolls when the report is long; the arrows reach it at once.
        self.query_one("#result-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
