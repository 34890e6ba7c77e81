"""The month register (sổ điểm danh) of a class on screen, and the school's month summary.

Thirty-one day columns and the names do not fit in 80 columns, so the month is
shown in two halves (1–15 and 16–end), switched with «h»; the names and the
month's totals per child stay on screen in both. The last row counts the
children present each day. Every figure is attendance.month_grid's or
attendance.attendance_summary's.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from tui.dialogs.pick_class import ClassListDialog
from tui.screens.attendance import MARK_STYLES
from tui.screens.calendar import step_month
from tui.screens.grid_screen import GridScreen
from tui.widgets.record_table import Column
from mamnon.i18n import _

HALVES = ((1, 15), (16, 31))
TOTAL_KEY = "tong"
OFF_STYLE = "#6c6c6c"
HOLIDAY_STYLE = "bold #ff8787"
HINT = _("h nửa tháng · [ ] tháng trước/sau · l đổi lớp · t cả trường · d lịch nghỉ")


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def rate_text(rate: Any) -> str:
    return "–" if rate.rate is None else f"{rate.rate:.1f} %".replace(".", ",")


def day_cell(day: Any, inside: bool, mark: str | None, today: dt.date) -> Text:
    """One child on one day: the mark, «.» not marked, «–» not in the class, grey on days off.

    Days still to come stay blank, so a «.» always means a day somebody forgot.
    """
    if not day.is_school_day:
        return Text(" N", style=HOLIDAY_STYLE) if day.exception else Text(" ·", style=OFF_STYLE)
    if not inside:
        return Text(" –", style=OFF_STYLE)
    if mark is None and day.date > today:
        return Text("")
    # Right-aligned under the day numbers of the header.
    return Text(f" {mark or '.'}", style=MARK_STYLES[mark])


def class_rate(year: int, month: int, class_id: int) -> Any:
    from mamnon.services import attendance

    summary = attendance.attendance_summary(*month_bounds(year, month), class_id)
    return summary.classes[0].rate if summary.classes else summary.school


class MonthClassDialog(ClassListDialog):
    """The classes with children in the month, each with its rate; dismissed with an id or None."""

    def __init__(self, year: int, month: int, current: int | None = None) -> None:
        super().__init__(current)
        self.year, self.month = year, month
        self.has_classes = False

    def lines(self) -> list[tuple[int, str]]:
        from mamnon.services import attendance

        summary = attendance.attendance_summary(*month_bounds(self.year, self.month))
        self.has_classes = bool(summary.classes)
        return [(c.class_id, _("{class_name:<24} chuyên cần {rate_text}").format(
            class_name=c.class_name, rate_text=rate_text(c.rate))) for c in summary.classes]

    def heading(self) -> str:
        title = _("chọn lớp") if self.has_classes else _("không có lớp nào có trẻ (Esc quay lại)")
        return _("Sổ điểm danh tháng {month:02d}/{year}: {title}").format(month=self.month, year=self.year, title=title)


class AttendanceMonthScreen(GridScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HINT = HINT
    BINDINGS = [
        Binding("h", "half", _("Nửa tháng")),
        Binding("left_square_bracket", "step(-1)", _("Tháng trước"), show=False),
        Binding("right_square_bracket", "step(1)", _("Tháng sau"), show=False),
        Binding("l", "pick_class", _("Đổi lớp")),
        Binding("t", "school", _("Cả trường")),
        Binding("d", "calendar", _("Lịch nghỉ")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, class_id: int, year: int, month: int, half: int | None = None) -> None:
        super().__init__()
        self.class_id, self.year, self.month = class_id, year, month
        today = dt.date.today()
        # Today's half when the month is running, so the days just marked are on screen.
        same_month = (today.year, today.month) == (year, month)
        self.half = half if half is not None else int(same_month and today.day >= HALVES[1][0])
        self.grid: Any = None

    def on_mount(self) -> None:
        self.sub_title = _("Sổ điểm danh")
        self.table.fixed_rows = 1
        self.load()
        self.table.focus()

    def on_screen_resume(self) -> None:
        if self.grid is not None:
            self.load()

    def shown_days(self) -> range:
        """Indexes (0-based) of the month's days in the half on screen."""
        first, last = HALVES[self.half]
        return range(first - 1, min(last, len(self.grid.days)))

    def load(self) -> None:
        from mamnon.services import attendance

        select = self.table.selected_key
        self.grid = attendance.month_grid(self.class_id, self.year, self.month)
        days = self.shown_days()
        columns = [Column("name", _("Họ và tên"), min_width=14)]
        columns += [Column(f"d{i + 1}", f"{i + 1:>2}", 2) for i in days]
        columns += [Column("present", _(" CM"), 3), Column("leave", " P", 2), Column("absent", " K", 2)]
        # The day labels change with the half even when the widths do not: rebuild the columns.
        self.table.set_rows([])
        self.table.clear(columns=True)
        self.table.set_columns(columns)
        if select is None and self.grid.rows:
            select = str(self.grid.rows[0].child_id)
        self.table.set_rows(self.rows(days), select=select, fresh=True)
        self.show_heading()
        self.show_totals()

    def rows(self, days: range) -> list[tuple[str, tuple]]:
        """The per-day totals first (held at the top by fixed_rows), then one row per child."""
        grid = self.grid
        today = dt.date.today()
        day_totals = [self.day_total(i, today) for i in days]
        rows = [(TOTAL_KEY, (Text(_("Có mặt mỗi ngày"), style="bold"), *day_totals,
                             f"{sum(grid.day_present):>3}", f"{sum(grid.day_leave):>2}",
                             f"{sum(grid.day_absent):>2}"))]
        for row in grid.rows:
            cells = [day_cell(grid.days[i], row.in_class[i], row.marks[i], today) for i in days]
            rows.append((str(row.child_id), (row.full_name, *cells, f"{row.present:>3}", f"{row.leave:>2}",
                                             f"{row.absent:>2}")))
        return rows

    def day_total(self, index: int, today: dt.date) -> Text:
        """Children present on a day; blank on days still to come, where a 0 would read as nobody came."""
        day = self.grid.days[index]
        if not day.is_school_day:
            return Text(" ·", style=OFF_STYLE)
        if day.date > today:
            return Text("")
        return Text(f"{self.grid.day_present[index]:>2}", style="bold")

    def show_heading(self) -> None:
        from mamnon.formats import format_date

        grid = self.grid
        first, last = self.shown_days()[0] + 1, self.shown_days()[-1] + 1
        heading = Text.assemble((_("Lớp {class_name}").format(class_name=grid.class_name), "bold"),
                                _(" — tháng {month:02d}/{year}, ngày {first}–{last}").format(
                                    month=self.month, year=self.year, first=first, last=last))
        holidays = [f"{format_date(d.date)[:5]} {d.reason}" for d in grid.days
                    if d.exception and not d.is_school_day]
        if holidays:
            heading.append(_("\nNghỉ: ") + "; ".join(holidays), style=HOLIDAY_STYLE)
        self.query_one("#heading", Static).update(heading)

    def show_totals(self) -> None:
        rate = class_rate(self.year, self.month, self.class_id)
        text = Text.assemble(
            _("Sĩ số {n_rows} · chuyên cần ").format(n_rows=len(self.grid.rows)), (rate_text(rate), "bold"),
            _(" ({present}/{expected} lượt, {recorded_days} ngày)").format(
                present=rate.present, expected=rate.expected, recorded_days=rate.recorded_days),
        )
        if rate.missing_days:
            text.append(_(" · {missing_days} ngày chưa điểm danh").format(
                missing_days=rate.missing_days), style=MARK_STYLES["P"])
        self.query_one("#totals", Static).update(text)

    def action_half(self) -> None:
        self.half = 1 - self.half
        self.load()

    def action_step(self, step: int) -> None:
        self.year, self.month = step_month(self.year, self.month, step)
        self.half = 0 if step > 0 else 1
        self.load()

    def action_pick_class(self) -> None:
        def chosen(class_id: int | None) -> None:
            if class_id is not None:
                self.class_id = class_id
                self.load()

        self.app.push_screen(MonthClassDialog(self.year, self.month, self.class_id), chosen)

    def action_school(self) -> None:
        self.app.push_screen(AttendanceSchoolScreen(self.year, self.month))

    def action_calendar(self) -> None:
        from tui.screens.calendar import CalendarScreen

        # on_screen_resume reloads: days made off there are greyed here on return.
        self.app.push_screen(CalendarScreen(self.year, self.month))

    def action_back(self) -> None:
        self.dismiss()


class AttendanceSchoolScreen(GridScreen):
    """Every class's month: expected child-days, present, P, K, the rate; the school line last."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", _("Tháng trước")),
        Binding("right_square_bracket", "step(1)", _("Tháng sau")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, year: int, month: int) -> None:
        super().__init__()
        self.year, self.month = year, month

    def on_mount(self) -> None:
        self.sub_title = _("Điểm danh cả trường")
        self.table.set_columns((
            Column("name", _("Lớp"), min_width=14), Column("days", _("Ngày ĐD"), 7), Column("expected", _("Lượt trẻ"), 8),
            Column("present", _("Có mặt"), 7), Column("leave", "P", 5), Column("absent", "K", 5),
            Column("rate", _("Tỷ lệ"), 7),
        ))
        self.load()
        self.table.focus()

    def load(self) -> None:
        from mamnon.services import attendance

        summary = attendance.attendance_summary(*month_bounds(self.year, self.month))
        rows = [(str(c.class_id), self.cells(c.class_name, c.rate)) for c in summary.classes]
        school = tuple(Text(str(c), style="bold") for c in self.cells(_("Toàn trường"), summary.school))
        rows.append((TOTAL_KEY, school))
        self.table.set_rows(rows, fresh=True)
        self.query_one("#heading", Static).update(Text.assemble(
            (_("Điểm danh tháng {month:02d}/{year}").format(month=self.month, year=self.year), "bold"),
            _(" — {school_days} ngày học").format(school_days=summary.school_days)))
        missing = summary.school.missing_days
        self.query_one("#totals", Static).update(
            _("Chuyên cần toàn trường {rate_text}").format(rate_text=rate_text(summary.school))
            + (_(" · {missing} lớp-ngày chưa điểm danh").format(missing=missing) if missing else ""))

    @staticmethod
    def cells(name: str, rate: Any) -> tuple[str, ...]:
        return (name, f"{rate.recorded_days:>7}", f"{rate.expected:>8}", f"{rate.present:>7}",
                f"{rate.leave:>5}", f"{rate.absent:>5}", f"{rate_text(rate):>7}")

    def action_step(self, step: int) -> None:
        self.year, self.month = step_month(self.year, self.month, step)
        self.load()

    def action_back(self) -> None:
        self.dismiss()
