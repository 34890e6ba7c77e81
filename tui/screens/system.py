"""Hệ thống: accounts, the record of changes, backups."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from mamnon.i18n import _
from tui.screens.menu_screen import MenuScreen, menu_bindings

ITEMS = (
    ("1", _("Tài khoản người dùng"), "tui.screens.users", "UsersScreen"),
    ("2", _("Lịch sử thay đổi dữ liệu"), "tui.screens.audit_log", "AuditLogScreen"),
    ("3", _("Sao lưu dữ liệu"), "tui.screens.backups", "BackupsScreen"),
)


class SystemScreen(MenuScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [*menu_bindings(ITEMS), Binding("escape", "back", _("Quay lại"))]
    items = ITEMS
    heading = _("Hệ thống")

    def compose_intro(self) -> ComposeResult:
        yield Static(
            _("Ai được làm gì (hiệu trưởng quản lý tài khoản), ai đã sửa gì và lúc nào, và các bản sao lưu "
            "dữ liệu (tự động khi đóng chương trình và mỗi ngày)."), id="about")
