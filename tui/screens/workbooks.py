"""Excel exchange: import a standard workbook, write a template to fill, export the school report."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

# (key, label, module, class): a screen or a dialog, both pushed the same way.
ITEMS = (
    ("1", "Nhập tệp Excel vào trường", "tui.screens.import_file", "ImportFileScreen"),
    ("2", "Tạo mẫu Excel để điền", "tui.dialogs.write_template", "WriteTemplateDialog"),
    ("3", "Xuất báo cáo gửi cấp trên", "tui.dialogs.export_report", "ExportReportDialog"),
    ("4", "Gộp báo cáo các đơn vị (Phòng, Sở)", "tui.screens.merge", "MergeScreen"),
    ("5", "Xem xu hướng chỉ tiêu qua các kỳ", "tui.screens.trend", "TrendScreen"),
)


class WorkbooksScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        # The menu shows the numbers; the footer keeps its room for the keys that have no other sign.
        *(Binding(key, f"open('{key}')", label, show=False) for key, label, _, _ in ITEMS),
        Binding("escape", "back", "Quay lại"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(
            "Tệp Excel chuẩn đi giữa trường, Phòng và Sở (USB, thư điện tử). Tệp nhập vào được kiểm tra "
            "từng ô: có một ô sai thì không nhập gì và có bản sao tô đỏ các ô sai.", id="about")
        yield Static("Chọn chức năng (↑/↓ rồi Enter, hoặc gõ số):", id="menu-title")
        yield OptionList(*(Option(f"{key}  {label}", id=key) for key, label, _, _ in ITEMS), id="menu")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Nhập, xuất Excel, báo cáo"
        self.query_one("#menu", OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open(event.option_id or "")

    def action_open(self, key: str) -> None:
        import importlib

        for k, _, module, name in ITEMS:
            if k == key:
                self.app.push_screen(getattr(importlib.import_module(module), name)())
                return

    def action_back(self) -> None:
        self.dismiss()
