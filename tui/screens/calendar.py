"""The school calendar of a month (lịch học): which days are school days and why the others are not.

Enter on a day flips it the way the principal means it: a school day becomes
a day off (asking the reason), a day the calendar changed goes back to the
weekly rule, and a plain weekend day becomes a school day (a Saturday made up).
The service refuses a day off on a day that already has marks; its message is shown.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tui.dialogs.form_dialog import FormDialog
from tui.screens.attendance import MARK_STYLES, WEEKDAYS
from tui.widgets.field_row import FieldSpec
from tui.screens.grid_screen import GridScreen
from tui.widgets.record_table import Column
from mamnon.i18n import _

HINT = _("Enter đổi ngày học/nghỉ · [ ] tháng trước/sau")


def step_month(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + step
    return index // 12, index % 12 + 1


def status_text(day: Any) -> Text:
    """"Ngày học" or "Nghỉ: reason", coloured; a changed day says so, since Enter undoes it."""
    if day.is_school_day:
        text = Text(_("Ngày học"), style=MARK_STYLES["x"])
        if day.reason:
            text.append(f" ({day.reason})")
    else:
        style = MARK_STYLES["K"] if day.exception else MARK_STYLES[None]
        text = Text(_("Nghỉ: {reason}").format(reason=_(day.reason) if day.reason else _("không có lý do")), style=style)
    return text


class DayReasonDialog(FormDialog):
    """Asks the reason of a day off (or of a school day on a weekend) and saves it; dismissed with the DayInfo."""

    confirm_label = _("Lưu")

    def __init__(self, day: dt.date, day_off: bool) -> None:
        from mamnon.formats import format_date
        from mamnon.i18n import current_language

        weekday = WEEKDAYS[day.weekday()]
        # Vietnamese writes a weekday lower-case inside a sentence; English keeps its capital.
        if current_language() == "vi":
            weekday = weekday.lower()
        title = (_("Cho nghỉ ngày {date}").format(date=format_date(day)) if day_off
                 else _("Cho đi học ngày {date} ({weekday})").format(date=format_date(day), weekday=weekday))
        note = (_("Ví dụ: Nghỉ lễ, Bão lũ, Nghỉ Tết.") if day_off
                else _("Lý do không bắt buộc, ví dụ: Học bù."))
        super().__init__(title, note)
        self.day = day
        self.day_off = day_off

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("reason", _("Lý do"), required=self.day_off)]

    def initial(self) -> dict[str, Any]:
        return {"reason": "" if self.day_off else "Học bù"}  # i18n-skip: a stored reason, shown on the forms

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services import attendance

        reason = values.get("reason") or ""
        if self.day_off:
            return attendance.set_day_off(self.day, reason)
        return attendance.set_school_day(self.day, reason)


class CalendarScreen(GridScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HINT = HINT
    BINDINGS = [
        Binding("enter", "toggle", _("Đổi học/nghỉ")),
        Binding("left_square_bracket", "step(-1)", _("Tháng trước")),
        Binding("right_square_bracket", "step(1)", _("Tháng sau")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, year: int | None = None, month: int | None = None, day: dt.date | None = None) -> None:
        super().__init__()
        today = dt.date.today()
        self.year, self.month = year or today.year, month or today.month
        self.start_day = day
        self.days: dict[str, Any] = {}

    def on_mount(self) -> None:
        self.sub_title = _("Lịch học của trường")
        self.table.set_columns((Column("date", _("Ngày"), 10), Column("weekday", _("Thứ"), 8),
                                Column("status", _("Học / nghỉ"), min_width=20)))
        day = self.start_day
        self.load(select=day.isoformat() if day else None)
        self.table.focus()

    def load(self, select: str | None = None) -> None:
        from mamnon.formats import format_date
        from mamnon.services import attendance

        last = calendar.monthrange(self.year, self.month)[1]
        infos = attendance.calendar_days(dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last))
        self.days = {d.date.isoformat(): d for d in infos}
        rows = [(key, (format_date(d.date), WEEKDAYS[d.date.weekday()], status_text(d)))
                for key, d in self.days.items()]
        self.table.set_rows(rows, select=select, fresh=True)
        self.query_one("#heading", Static).update(
            Text(_("Lịch học tháng {month:02d}/{year}").format(month=self.month, year=self.year), style="bold"))
        school = sum(1 for d in infos if d.is_school_day)
        holidays = sum(1 for d in infos if not d.is_school_day and d.exception)
        self.query_one("#totals", Static).update(
            _("{school_days} ngày học · {days_off} ngày nghỉ, trong đó {holidays} ngày nghỉ riêng của trường").format(
                school_days=school, days_off=len(infos) - school, holidays=holidays))

    def selected_day(self) -> Any:
        key = self.table.selected_key
        return self.days.get(key) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_toggle()

    def action_toggle(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import attendance

        day = self.selected_day()
        if day is None:
            return
        key = day.date.isoformat()
        if day.exception:
            try:
                attendance.clear_calendar_day(day.date)
            except MamnonError as exc:
                message = "\n".join(exc.errors.values()) if getattr(exc, "errors", None) else str(exc)
                self.notify(message, title=_("Không đổi được"), severity="error")
                return
            self.load(select=key)
            return
        self.app.push_screen(DayReasonDialog(day.date, day_off=day.is_school_day),
                             lambda saved: self.load(select=key) if saved is not None else None)

    def action_step(self, step: int) -> None:
        self.year, self.month = step_month(self.year, self.month, step)
        self.load()

    def action_back(self) -> None:
        self.dismiss()
