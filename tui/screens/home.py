"""Home: who the school is, how many children, classes and staff, and the modules."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Static

from mamnon.i18n import _
from tui.screens.menu_screen import MenuScreen, menu_bindings

# (key, label, screen module, screen class): only modules that exist.
MODULES = (
    ("1", _("Trẻ em"), "tui.screens.children", "ChildrenScreen"),
    ("2", _("Lớp / nhóm"), "tui.screens.classes", "ClassesScreen"),
    ("3", _("Cán bộ, giáo viên"), "tui.screens.staff", "StaffScreen"),
    ("4", _("Sức khỏe, cân đo"), "tui.screens.health", "HealthScreen"),
    ("5", _("Bán trú"), "tui.screens.meals", "MealsScreen"),
    ("6", _("Điểm danh"), "tui.screens.attendance", "AttendanceScreen"),
    ("7", _("Nhập, xuất Excel, báo cáo"), "tui.screens.workbooks", "WorkbooksScreen"),
    ("8", _("In biểu mẫu"), "tui.screens.print_forms", "PrintFormsScreen"),
    ("9", _("Phổ cập, đội ngũ, cơ sở vật chất"), "tui.screens.community", "CommunityScreen"),
    ("0", _("Hệ thống: tài khoản, lịch sử sửa, sao lưu"), "tui.screens.system", "SystemScreen"),
)


class HomeScreen(MenuScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = menu_bindings(MODULES)  # no Esc: home is where Esc leads
    items = MODULES
    heading = _("Trang chủ")

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
        lines = [_("[b]{name}[/b]  (mã trường {code})").format(name=escape(info.name), code=escape(info.code))]
        place = ", ".join(p for p in (info.commune, info.province) if p)
        if place:
            lines.append(escape(place))
        if info.parents:
            lines.append(_("Trực thuộc: {parents}").format(parents=escape(" › ".join(p.name for p in info.parents))))
        if info.year:
            y = info.year
            lines.append(_("Năm học {name} ({start_date} – {end_date})").format(
                name=y.name, start_date=format_date(y.start_date), end_date=format_date(y.end_date)))
        else:
            lines.append(_("Chưa có năm học hiện tại."))
        self.query_one("#school", Static).update("\n".join(lines))
        n_classes = len(classes.list_classes()) if info.year else 0
        self.query_one("#counts", Static).update(
            _("Đang học: [b]{n_children}[/b] trẻ   Lớp: [b]{n_classes}[/b]   Cán bộ, giáo viên: [b]{n_staff}[/b]").format(
                
                n_children=children.count_children(), n_classes=n_classes, n_staff=len(staff.list_staff()))
        )
        # The office's latest answer to a report (docs/approval.md): one line (a long note ends in «…»),
        # only once there is one.
        line = approval.latest_reply_line()
        reply = self.query_one("#reply", Static)
        reply.update(escape(line))
        reply.display = bool(line)
        # the line takes the blank row above the menu: the screen still fits 80×24 without scrolling
        self.set_class(bool(line), "-replied")
