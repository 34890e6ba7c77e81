"""The child form saved after someone else changed the child: refused with a message, their change kept."""

from __future__ import annotations

from tui_helpers import SIZE

from mamnon.services import children
from tui.screens.child_form import ChildFormScreen
from tui.screens.children import ChildrenScreen


async def test_saving_a_child_changed_behind_the_forms_back_is_refused(school_db):
    app = school_db.app()
    hoa = school_db.children["Nguyễn Thị Hoa"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChildrenScreen)
        assert screen.table.select_key(str(hoa))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ChildFormScreen)

        # Another PC saves the same child while this form is open.
        other = children.form_for(hoa)
        other.address = "Số 5 đường Hùng Vương"
        children.update_child(hoa, other)

        form.query_one("#note").value = "ghi chú của máy này"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is form  # the form stays open with what was typed
        shown = "\n".join(f"{n.title} {n.message}" for n in app._notifications)
        assert "Chưa lưu được" in shown
        assert "Nguyễn Thị Hoa" in shown and "người khác đã sửa bản ghi này sau khi bạn mở nó" in shown
        assert "hãy mở lại để xem thay đổi của họ" in shown
        detail = children.get_child(hoa)
        assert (detail.address, detail.note, detail.row_version) == ("Số 5 đường Hùng Vương", "", 2)

        # Reopened, the form shows their change and saves.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("enter")
        await pilot.pause()
        reopened = app.screen
        assert isinstance(reopened, ChildFormScreen)
        assert reopened.query_one("#address").value == "Số 5 đường Hùng Vương"
        reopened.query_one("#note").value = "ghi chú của máy này"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        detail = children.get_child(hoa)
        assert (detail.address, detail.note, detail.row_version) == ("Số 5 đường Hùng Vương", "ghi chú của máy này", 3)
