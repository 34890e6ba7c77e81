"""Excel exchange: import a standard workbook, write a template to fill, export the school report."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from mamnon.i18n import _
from tui.screens.menu_screen import MenuScreen, menu_bindings

ITEMS = (
    ("1", _("Nhập tệp Excel vào trường"), "tui.screens.import_file", "ImportFileScreen"),
    ("2", _("Tạo mẫu Excel để điền"), "tui.dialogs.write_template", "WriteTemplateDialog"),
    ("3", _("Xuất báo cáo gửi cấp trên"), "tui.dialogs.export_report", "ExportReportDialog"),
    ("4", _("Gộp báo cáo các đơn vị (Phòng, Sở)"), "tui.screens.merge", "MergeScreen"),
    ("5", _("Xem xu hướng chỉ tiêu qua các kỳ"), "tui.screens.trend", "TrendScreen"),
    ("6", _("CSDL ngành: nhập tệp Bộ xuất, xuất tệp để tải lên"), "tui.screens.csdl", "CsdlScreen"),
)


class WorkbooksScreen(MenuScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [*menu_bindings(ITEMS), Binding("escape", "back", _("Quay lại"))]
    items = ITEMS
    heading = _("Nhập, xuất Excel, báo cáo")

    def compose_intro(self) -> ComposeResult:
        yield Static(
            _("Tệp Excel chuẩn đi giữa trường, Phòng và Sở (USB, thư điện tử). Tệp nhập vào được kiểm tra "
            "từng ô: có một ô sai thì không nhập gì và có bản sao tô đỏ các ô sai."), id="about")
