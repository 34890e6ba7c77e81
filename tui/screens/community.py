"""Phổ cập, đội ngũ, cơ sở vật chất: what the school reports upward beside its children's records."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui.screens.menu_screen import MenuScreen, menu_bindings
from mamnon.i18n import _

ITEMS = (
    ("1", _("Phổ cập: trẻ 0–5 tuổi trên địa bàn"), "tui.screens.census", "CensusScreen"),
    ("2", _("Chất lượng đội ngũ, định mức giáo viên"), "tui.screens.staff_quality", "StaffQualityScreen"),
    ("3", _("Cơ sở vật chất: điểm trường, phòng, thiết bị"), "tui.screens.facilities", "FacilitiesScreen"),
)


class CommunityScreen(MenuScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [*menu_bindings(ITEMS), Binding("escape", "back", _("Quay lại"))]
    items = ITEMS
    heading = _("Phổ cập, đội ngũ, cơ sở vật chất")

    def compose_intro(self) -> ComposeResult:
        yield Static(
            _("Số liệu điều tra phổ cập của xã, chất lượng đội ngũ so với chuẩn và định mức, phòng học và "
            "thiết bị so với danh mục tối thiểu: tất cả đi vào báo cáo gửi cấp trên."), id="about")
