"""Lịch sử thay đổi: from the child form (Ctrl+L) and the school's recent changes."""

from __future__ import annotations

from tui_helpers import SIZE

from mamnon.services import audit, children, session
from tui.screens.audit_log import AuditLogScreen
from tui.screens.child_form import ChildFormScreen


def _edit_note(path, child_id, note):
    session.open_path(path)
    form = children.form_for(child_id)
    form.note = note
    children.update_child(child_id, form)
    session.close()


async def test_child_form_opens_the_history_of_that_child(school_db):
    hoa = school_db.children["Nguyễn Thị Hoa"]
    _edit_note(school_db.path, hoa, "Dị ứng tôm")
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ChildFormScreen(hoa))
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AuditLogScreen)
        # create child, create enrollment, update note: newest first
        assert screen.table.row_count == len(audit.history_of("child", hoa)) == 3
        assert screen.table.get_row_at(0)[2].plain == "Sửa"
        assert [screen.table.get_row_at(i)[2].plain for i in (1, 2)] == ["Thêm", "Thêm"]
        detail = str(screen.query_one("#detail").render())
        assert "Ghi chú: ∅ → Dị ứng tôm" in detail
        assert "Nguyễn Thị Hoa" in detail
        await pilot.press("down")
        await pilot.pause()
        assert "Lớp của trẻ" in str(screen.query_one("#detail").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChildFormScreen)


async def test_a_new_child_has_no_history_yet(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ChildFormScreen())
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ChildFormScreen)


async def test_recent_changes_of_the_school(school_db):
    _edit_note(school_db.path, school_db.children["Lê Minh Khôi"], "Hay ốm")
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(AuditLogScreen())
        await pilot.pause()
        screen = app.screen
        # Six children (each a child and an enrollment) and the one edit.
        assert screen.table.row_count == audit.count_entries() == 13
        assert screen.table.get_row_at(0)[3].plain.startswith("Trẻ – Lê Minh Khôi")
        assert "13 thay đổi" in str(screen.query_one("#status").render())
