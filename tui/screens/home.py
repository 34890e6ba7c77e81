"""Home: who the school is, how many children, classes and staff, and the modules."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Static

from tui.screens.menu_screen import MenuScreen, menu_bindings

# (key, label, screen module, screen class): only modules that exist.
MODULES = (
    ("1", "Trẻ em", "tui.screens.children", "ChildrenScreen"),
    ("2", "Lớp / nhóm", "tui.screens.classes", "ClassesScreen"),
    ("3", "Cán bộ, giáo viên", "tui.screens.staff", "StaffScreen"),
    ("4", "Sức khỏe, cân đo", "tui.screens.health", "HealthScreen"),
    ("5", "Bán trú", "tui.screens.meals", "MealsScreen"),
    ("6", "Điểm danh", "tui.screens.attendance", "AttendanceScreen"),
    ("7", "Nhập, xuất Excel, báo cáo", "tui.screens.workbooks", "WorkbooksScreen"),
    ("8", "In biểu mẫu", "tui.screens.print_forms", "PrintFormsScreen"),
    ("9", "Phổ cập, đội ngũ, cơ sở vật chất", "tui.screens.community", "CommunityScreen"),
    ("0", "Hệ thống: tài khoản, lịch sử sửa, sao lưu", "tui.screens.system", "SystemScreen"),
)


class HomeScreen(MenuScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = menu_bindings(MODULES)  # no Esc: home is where Esc leads
    items = MODULES
    heading = "Trang chủ"

    def compose_intro(self) -> ComposeResult:
        yield Static(id="school")
        yield Static(id="counts")
        yield Static(id="reply")

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_info()

    def on_screen_resume(self) -> None:
        self.refresh_info()

    def refresh_info(self) -> None:
        from textual.markup import escape

        from mamnon.formats import format_date
        from mamnon.services import approval, children, classes, school, staff

        info = school.school_info()
        lines = [f"[b]{escape(info.name)}[/b]  (mã trường {escape(info.code)})"]
        place = ", ".join(p for p in (info.commune, info.province) if p)
        if place:
            lines.append(escape(place))
        if info.parents:
            lines.append("Trực thuộc: " + escape(" › ".join(p.name for p in info.parents)))
        if info.year:
            y = info.year
            lines.append(f"Năm học {y.name} ({format_date(y.start_date)} – {format_date(y.end_date)})")
        else:
            lines.append("Chưa có năm học hiện tại.")
        self.query_one("#school", Static).update("\n".join(lines))
        n_classes = len(classes.list_classes()) if info.year else 0
        self.query_one("#counts", Static).update(
            f"Đang học: [b]{children.count_children()}[/b] trẻ   "
            f"Lớp: [b]{n_classes}[/b]   "
            f"Cán bộ, giáo viên: [b]{len(staff.list_staff())}[/b]"
        )
        # The office's latest answer to a report (docs/approval.md): one line (a long note ends in «…»),
        # only once there is one.
        line = approval.latest_reply_line()
        reply = self.query_one("#reply", Static)
        reply.update(escape(line))
        reply.display = bool(line)
        # the line takes the blank row above the menu: the screen still fits 80×24 without scrolling
        self.set_class(bool(line), "-replied")
