"""The CSDL ngành screen: preview the diff, choose among look-alikes, apply, export — at 80×24."""

from __future__ import annotations

from csdl_workbooks import child_row, write_csdl_file
from textual.widgets._footer import FooterKey
from tui_helpers import SIZE, type_text

from importers.csdl_reader import read_csdl
from mamnon.services import children
from tui.dialogs.csdl_match import CsdlMatchDialog
from tui.screens.csdl import CsdlScreen

FIRST_ROW = 6


def outcome(screen) -> str:
    content = screen.query_one("#outcome").content
    return getattr(content, "plain", str(content))


def disabled(screen, label: str) -> bool:
    return next(k for k in screen.query(FooterKey) if k.description == label).has_class("-disabled")


def communes() -> dict[str, str]:
    return {c.row.full_name + f"#{c.row.id}": c.commune for c in map(children.get_child,
                                                                      (r.id for r in children.list_children()))}


async def open_screen(app, pilot) -> CsdlScreen:
    await pilot.pause()
    app.push_screen(CsdlScreen())
    await pilot.pause()
    assert isinstance(app.screen, CsdlScreen)
    return app.screen


async def test_preview_then_apply_with_ctrl_s(school_db, tmp_path):
    y = school_db.year_first
    path = write_csdl_file(tmp_path / "hs.xlsx", [
        child_row("Nguyễn Thị Hoa", f"15/03/{y - 5}", "Lá 1", code="7900000001", **{"Xã/Phường": "Xã Mới"}),
        child_row("Đỗ Minh Hải", f"06/06/{y - 3}", "Mầm 1", sex="Nam"),
    ])
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot)
        assert disabled(screen, "Nhập") and disabled(screen, "Chọn trẻ")
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await pilot.pause()
        shown = outcome(screen)
        assert shown.startswith("Không có lỗi: mới 1, cập nhật 1")
        assert f"Dòng {FIRST_ROW}: Nguyễn Thị Hoa" in shown and "Xã/Phường: «(trống)» → «Xã Mới»" in shown
        assert "Mã định danh Bộ GD&ĐT: «(trống)» → «7900000001»" in shown
        assert "Bỏ qua cột O «Ngày vào Đoàn»" in shown
        assert "Đỗ Minh Hải" not in [c.full_name for c in children.list_children()]  # a preview writes nothing
        assert not disabled(screen, "Nhập")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Đỗ Minh Hải" in [c.full_name for c in children.list_children()]
        assert children.get_child(school_db.children["Nguyễn Thị Hoa"]).commune == "Xã Mới"
        assert outcome(screen).startswith("Đã nhập: mới 1, cập nhật 1")
        assert disabled(screen, "Nhập")  # nothing left to apply


async def test_an_ambiguous_row_is_resolved_in_the_pick_dialog(school_db, tmp_path):
    y = school_db.year_first
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot)
        twin = children.create_child(children.ChildForm(full_name="Nguyễn Thị Mai", birth_date=f"15/03/{y - 3}",
                                                        sex="F", class_id=school_db.classes["Mầm 1"]))
        path = write_csdl_file(tmp_path / "hs.xlsx", [
            child_row("Nguyễn Thị Mai", f"15/03/{y - 3}", "Mầm 1", **{"Xã/Phường": "Xã Mới"})])
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await pilot.pause()
        assert outcome(screen).startswith("Chưa nhập được: 1 dòng chưa chọn trẻ")
        await pilot.pause(0.2)  # the footer redraws its keys after refresh_bindings, on a later tick
        assert disabled(screen, "Nhập") and not disabled(screen, "Chọn trẻ")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CsdlMatchDialog)
        await pilot.press("down", "enter")  # the second candidate
        await pilot.pause()
        assert app.screen is screen
        second = app.screen.matches[FIRST_ROW]
        assert outcome(screen).startswith("Không có lỗi: cập nhật 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        chosen = [c for c in children.list_children() if c.code == second][0]
        assert children.get_child(chosen.id).commune == "Xã Mới"
        other = school_db.children["Nguyễn Thị Mai"] if chosen.id == twin.id else twin.id
        assert children.get_child(other).commune == ""


async def test_export_children_into_the_folder_typed(school_db, tmp_path):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "hãy gõ thư mục" in outcome(screen)
        await type_text(pilot, str(tmp_path))
        await pilot.press("ctrl+g")
        await pilot.pause()
        target = tmp_path / "nhap-csdl-hoc-sinh.xlsx"
        assert outcome(screen).startswith(f"Đã ghi 6 dòng (học sinh (trẻ)) vào {target}.")
        assert "6 trẻ chưa có mã định danh Bộ đã nhận mã tạm" in outcome(screen)
        names = sorted(r.values["full_name"] for r in read_csdl(target).sheet.rows)
        assert names == sorted(school_db.children)


def test_an_export_never_overwrites_the_file_named(tmp_path):
    from tui.screens.csdl import export_target

    read = tmp_path / "hs-csdl.xlsx"
    read.write_bytes(b"x")
    assert export_target(str(tmp_path), "staff") == tmp_path / "nhap-csdl-can-bo.xlsx"
    assert export_target(str(read), "children") == tmp_path / "nhap-csdl-hoc-sinh.xlsx"
    assert export_target(f'"{tmp_path / "moi.xlsx"}"', "children") == tmp_path / "moi.xlsx"
    assert export_target(str(tmp_path / "moi.csv"), "children") is None
    assert export_target("  ", "children") is None
