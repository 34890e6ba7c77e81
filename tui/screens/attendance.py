"""Daily attendance (điểm danh) of one class: one key per child, Ctrl+S saves the day.

Marks typed here stay on screen only until Ctrl+S, which saves the whole day
through attendance.save_class_day (all or nothing). The cursor moves down after
each mark, so a class is marked by holding the row and tapping x / p / k;
"a" first marks present everyone still unmarked, which is the usual start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from tui.dialogs.pick_class import ClassListDialog
from tui.dialogs.pick_date import PickDateDialog
from tui.screens.grid_screen import GridScreen
from tui.widgets.record_table import Column
from mamnon.i18n import _

# Explicit colours, as in the other screens: the theme's turn white on a 16-colour console.
MARK_STYLES = {"x": "bold #5fd75f", "P": "bold #ffd75f", "K": "bold #ff6060", None: "#9e9e9e"}
MARK_TEXT = {"x": _("x  có mặt"), "P": _("P  có phép"), "K": _("K  không phép"), None: _("·  chưa")}
CYCLE = {None: "x", "x": "P", "P": "K", "K": "x"}
WEEKDAYS = (_("Thứ hai"), _("Thứ ba"), _("Thứ tư"), _("Thứ năm"), _("Thứ sáu"), _("Thứ bảy"), _("Chủ nhật"))
HINT = _("Space đổi · Del xóa · [ ] ngày khác · n gõ ngày · l lớp · m sổ tháng · d lịch")


def day_text(day: dt.date) -> str:
    from mamnon.formats import format_date

    return f"{WEEKDAYS[day.weekday()]} {format_date(day)}"


class AttendanceClassDialog(ClassListDialog):
    """The classes with children on a date, each with how many are marked; dismissed with an id or None."""

    def __init__(self, day: dt.date, current: int | None = None) -> None:
        super().__init__(current)
        self.day = day
        self.has_classes = False

    def lines(self) -> list[tuple[int, str]]:
        from mamnon.services import attendance

        counts = attendance.day_overview(self.day)
        self.has_classes = bool(counts)
        return [(c.class_id, _("{class_name:<24} đã điểm danh {marked:>2}/{children}{done}").format(
            class_name=c.class_name, marked=c.marked, children=c.children,
            done='  ✓' if c.marked == c.children else '')) for c in counts]

    def heading(self) -> str:
        title = _("chọn lớp") if self.has_classes else _("không có lớp nào có trẻ ngày này (Esc quay lại)")
        return _("Điểm danh {day_text}: {title}").format(day_text=day_text(self.day), title=title)


class AttendanceScreen(GridScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HINT = HINT
    BINDINGS = [
        Binding("x", "mark('x')", _("Có mặt")),
        Binding("p", "mark('P')", _("Có phép")),
        Binding("k", "mark('K')", _("Không phép")),
        Binding("space", "cycle", _("Đổi dấu"), show=False),
        Binding("delete,backspace", "mark(None)", _("Xóa dấu"), show=False),
        Binding("a", "all_present", _("Còn lại có mặt")),
        Binding("ctrl+s", "save", _("Lưu")),
        Binding("left_square_bracket", "step(-1)", _("Ngày trước"), show=False),
        Binding("right_square_bracket", "step(1)", _("Ngày sau"), show=False),
        Binding("n", "pick_date", _("Gõ ngày"), show=False),
        Binding("l", "pick_class", _("Đổi lớp"), show=False),
        Binding("m", "month", _("Sổ tháng"), show=False),
        Binding("d", "calendar", _("Lịch nghỉ"), show=False),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, class_id: int | None = None, date: dt.date | None = None) -> None:
        super().__init__()
        self.class_id = class_id
        self.day = date or dt.date.today()
        self.current: Any = None
        """The ClassDay as saved in the database."""
        self.pending: dict[int, str | None] = {}
        """Marks typed and not saved yet: child id -> mark (None clears)."""

    def on_mount(self) -> None:
        self.sub_title = _("Điểm danh")
        self.table.set_columns((
            Column("no", _("STT"), 3), Column("code", _("Mã"), 8),
            Column("name", _("Họ và tên"), min_width=20), Column("mark", _("Điểm danh"), 15),
        ))
        if self.class_id is None:
            self.action_pick_class(leave_if_cancelled=True)
        else:
            self.load()

    # ------------------------------------------------------------ loading and showing

    def load(self, select: str | None = None) -> None:
        from mamnon.services import attendance

        self.current = attendance.class_day(self.class_id, self.day)
        self.pending = {}
        if select is None:
            # A new day or class starts on the first child still to mark.
            select = next((str(r.child_id) for r in self.current.rows if r.mark is None), None)
        self.refill(select=select)
        self.table.focus()

    def mark_of(self, row: Any) -> str | None:
        return self.pending.get(row.child_id, row.mark)

    def refill(self, select: str | None = None) -> None:
        rows = []
        for n, row in enumerate(self.current.rows, start=1):
            mark = self.mark_of(row)
            changed = row.child_id in self.pending and mark != row.mark
            text = Text(MARK_TEXT[mark] + (" *" if changed else ""), style=MARK_STYLES[mark])
            rows.append((str(row.child_id), (str(n), row.code, row.full_name, text)))
        self.table.set_rows(rows, select=select, fresh=True)
        self.show_heading()
        self.show_totals()

    def show_heading(self) -> None:
        day = self.current.day
        heading = Text.assemble((_("Lớp {class_name}").format(
            class_name=self.current.class_name), "bold"), f" — {day_text(self.day)}")
        if not day.is_school_day:
            heading.append(_("\nNgày nghỉ: {reason} — không điểm danh.").format(
                reason=day.reason or _("không có lý do")),
                           style=MARK_STYLES["K"])
        elif self.day > dt.date.today():
            heading.append(_("\nNgày chưa đến — chưa điểm danh được."), style=MARK_STYLES["P"])
        elif day.exception and day.reason:
            heading.append(f"  ({day.reason})", style=MARK_STYLES[None])
        self.query_one("#heading", Static).update(heading)

    def show_totals(self) -> None:
        marks = [self.mark_of(r) for r in self.current.rows]
        text = Text.assemble(
            _("Sĩ số {n_marks}: có mặt ").format(n_marks=len(marks)), (str(marks.count("x")), MARK_STYLES["x"]),
            _(", có phép "), (str(marks.count("P")), MARK_STYLES["P"]),
            _(", không phép "), (str(marks.count("K")), MARK_STYLES["K"]),
            _(", chưa điểm danh "), (str(marks.count(None)), "bold"),
        )
        if self.unsaved():
            text.append(_(" • chưa lưu"), style=MARK_STYLES["P"])
        self.query_one("#totals", Static).update(text)

    def unsaved(self) -> bool:
        return any(self.mark_of(r) != r.mark for r in self.current.rows) if self.current else False

    # ------------------------------------------------------------ marking

    def can_mark(self) -> bool:
        if self.current is None or not self.current.rows:
            return False
        day = self.current.day
        if not day.is_school_day:
            from mamnon.formats import format_date

            reason = f" ({_(day.reason)})" if day.reason else ""
            self.notify(_("Ngày {date} là ngày nghỉ{reason}: không điểm danh.").format(
                date=format_date(self.day), reason=reason), severity="warning")
            return False
        if self.day > dt.date.today():
            self.notify(_("Ngày chưa đến: chưa điểm danh được."), severity="warning")
            return False
        return True

    def selected_row(self) -> Any:
        key = self.table.selected_key
        return next((r for r in self.current.rows if str(r.child_id) == key), None)

    def set_mark(self, mark: str | None) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.pending[row.child_id] = mark
        following = self.table.cursor_row + 1
        keys = self.table.shown_keys
        self.refill(select=keys[following] if following < len(keys) else keys[-1])

    def action_mark(self, mark: str | None) -> None:
        if self.can_mark():
            self.set_mark(mark)

    def action_cycle(self) -> None:
        if self.can_mark():
            row = self.selected_row()
            if row is not None:
                self.set_mark(CYCLE[self.mark_of(row)])

    def action_all_present(self) -> None:
        if not self.can_mark():
            return
        for row in self.current.rows:
            if self.mark_of(row) is None:
                self.pending[row.child_id] = "x"
        self.refill()

    def action_save(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import attendance

        if self.current is None:
            return
        if not self.unsaved():
            self.notify(_("Không có gì thay đổi để lưu."))
            return
        changes = {r.child_id: self.mark_of(r) for r in self.current.rows if self.mark_of(r) != r.mark}
        try:
            attendance.save_class_day(self.class_id, self.day, changes)
        except MamnonError as exc:
            message = "\n".join(exc.errors.values()) if getattr(exc, "errors", None) else str(exc)
            self.notify(message, title=_("Chưa lưu được"), severity="error")
            return
        self.load(select=self.table.selected_key)
        self.notify(_("Đã lưu điểm danh lớp {class_name} {day_text}.").format(
            class_name=self.current.class_name, day_text=day_text(self.day)))

    # ------------------------------------------------------------ moving to another day or class

    def after_discard_check(self, then) -> None:  # noqa: ANN001
        """Run `then` now, or after the user agrees to drop the marks not saved."""
        from tui.dialogs.confirm import ConfirmDialog

        if not self.unsaved():
            then()
            return
        self.app.push_screen(
            ConfirmDialog(_("Bỏ các dấu điểm danh chưa lưu?"), _("Chọn Không rồi bấm Ctrl+S để lưu trước.")),
            lambda yes: then() if yes else None)

    def go_to(self, day: dt.date) -> None:
        self.day = day
        self.load()

    def action_step(self, step: int) -> None:
        from mamnon.services import attendance

        day = attendance.next_school_day(self.day, step)
        if step > 0 and day > dt.date.today():
            self.notify(_("Chưa đến ngày học tiếp theo."), severity="warning")
            return
        self.after_discard_check(lambda: self.go_to(day))

    def action_pick_date(self) -> None:
        def chosen(day: dt.date | None) -> None:
            if day is not None:
                self.after_discard_check(lambda: self.go_to(day))

        self.app.push_screen(PickDateDialog(_("Điểm danh ngày"), self.day), chosen)

    def action_pick_class(self, leave_if_cancelled: bool = False) -> None:
        def chosen(class_id: int | None) -> None:
            if class_id is None:
                if leave_if_cancelled:
                    self.dismiss()
                return
            self.class_id = class_id
            self.load()

        def ask() -> None:
            self.app.push_screen(AttendanceClassDialog(self.day, self.class_id), chosen)

        self.after_discard_check(ask)

    def action_month(self) -> None:
        from tui.screens.attendance_month import AttendanceMonthScreen

        if self.class_id is not None:
            self.after_discard_check(lambda: self.app.push_screen(
                AttendanceMonthScreen(self.class_id, self.day.year, self.day.month)))

    def action_calendar(self) -> None:
        from tui.screens.calendar import CalendarScreen

        # Back from the calendar the day may have become a day off (or a school day): show it anew.
        self.after_discard_check(lambda: self.app.push_screen(
            CalendarScreen(self.day.year, self.day.month, self.day), lambda _result: self.load()))

    def action_back(self) -> None:
        self.after_discard_check(self.dismiss)
