"""Every screen shows its keys in the footer, whole, in Vietnamese, at 80 columns."""

from __future__ import annotations

import pytest
from tui_helpers import SIZE

from tui.screens.home import HomeScreen

EXPECTED = {
    "home": ["Thoát"],
    "children": ["Thêm", "Sửa", "Chuyển lớp", "Nghỉ học", "Trẻ đã nghỉ", "Tìm", "Quay lại", "Thoát"],
    "classes": ["Thêm", "Sửa", "Xóa", "Xem trẻ", "Quay lại", "Thoát"],
    "staff": ["Thêm", "Sửa", "Nghỉ việc", "Chất lượng", "Đã nghỉ", "Tìm", "Quay lại", "Thoát"],
    "child form": ["Lưu", "Hủy", "Thoát"],
    "move dialog": ["Đồng ý", "Hủy"],
}
KEYS = {"home": [], "children": ["1"], "classes": ["2"], "staff": ["3"], "child form": ["1", "a"],
        "move dialog": ["1", "m"]}


def footer(screen) -> list[tuple[str, int]]:
    from textual.widgets._footer import FooterKey

    return [(key.description, key.region.right) for key in screen.query(FooterKey)]


@pytest.mark.parametrize("name", list(EXPECTED))
async def test_footer_shows_every_key_within_80_columns(school_db, name):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        for key in KEYS[name]:
            await pilot.press(key)
            await pilot.pause()
        shown = footer(app.screen)
        assert [d for d, _ in shown] == EXPECTED[name]
        assert all(0 < right <= SIZE[0] for _, right in shown), shown
