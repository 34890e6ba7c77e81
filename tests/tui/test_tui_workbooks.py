"""Excel exchange screens: import with preview and confirmation, templates, the school report."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from textual.widgets import Input
from tui_helpers import SIZE, pick, type_text

from exporters import templates
from mamnon.services import children, session
from mamnon.services.report_data import report_indicators
from mamnon.workbooks.kinds import ROSTER_SPEC
from mamnon.workbooks.periods import month_period
from tui.dialogs.export_report import ExportReportDialog
from tui.dialogs.write_template import WriteTemplateDialog
from tui.screens.home import HomeScreen
from tui.screens.import_file import ImportFileScreen
from tui.screens.workbooks import WorkbooksScreen

NEW_CHILD = "Đỗ Thị Ngọc Hân"
SHEET = ROSTER_SPEC.sheets[0]


def notices(app) -> str:
    return "\n".join(f"{n.title} {n.message}" for n in app._notifications)


def outcome(screen) -> str:
    content = screen.query_one("#outcome").content
    return getattr(content, "plain", str(content))


def names_in_school() -> list[str]:
    return sorted(c.full_name for c in children.list_children())


def roster_of_la_1(school_db, path, birth_date: str):
    """The pre-filled roster of «Lá 1» (two children) with one new child typed under them."""
    session.open_path(school_db.path)
    try:
        templates.write_roster(path, "Lá 1")
    finally:
        session.close()
    book = openpyxl.load_workbook(path)
    ws = book[SHEET.name]
    header = SHEET.header_row + 1
    column = {str(c.value).rstrip(" *"): c.column for c in ws[header] if c.value}
    row = next(r for r in range(header + 1, ws.max_row + 2) if not ws.cell(r, column["Họ và tên"]).value)
    for title, value in (("Họ và tên", NEW_CHILD), ("Ngày sinh", birth_date), ("Giới tính", "Nữ"),
                         ("Lớp", "Lá 1")):
        ws.cell(row, column[title], value)
    book.save(path)
    return path, row


def import_key_disabled(screen) -> bool:
    from textual.widgets._footer import FooterKey

    key = next(k for k in screen.query(FooterKey) if k.description == "Nhập")
    return key.has_class("-disabled")


async def open_workbooks(app, pilot, key: str, screen_type):
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("7")
    await pilot.pause()
    assert isinstance(app.screen, WorkbooksScreen)
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, screen_type)
    return app.screen


async def replace_text(pilot, text: str) -> None:
    """Clear the focused input and type `text`."""
    await pilot.press("home", "ctrl+k")
    await type_text(pilot, text)


async def test_a_roster_is_previewed_then_imported_with_ctrl_s(school_db, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "ghi-chu.txt").write_text("không phải bảng tính")
    path, _ = roster_of_la_1(school_db, usb / "danh-sach-la-1.xlsx", f"05/09/{school_db.year_first - 5}")
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbooks(app, pilot, "1", ImportFileScreen)
        # The file is named but not previewed: Ctrl+S is greyed and does nothing.
        await type_text(pilot, str(path))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert import_key_disabled(screen)
        assert NEW_CHILD not in names_in_school()

        await replace_text(pilot, str(usb))
        await pilot.press("enter")
        await pilot.pause()
        # Only the workbook of the folder is listed, and the list has the cursor.
        assert screen.files.display and screen.files.shown_keys == [str(path)]
        assert app.focused is screen.files

        await pilot.press("enter")
        await pilot.pause()
        assert screen.path_input.value == str(path)
        shown = outcome(screen)
        assert "Tệp danh-sach-la-1.xlsx: Danh sách trẻ" in shown
        assert "Đơn vị: Trường Mầm non Hoa Sen" in shown
        assert "tạo mới 1, cập nhật 0, không đổi 2" in shown
        assert NEW_CHILD not in names_in_school()  # a preview writes nothing
        assert not import_key_disabled(screen)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert NEW_CHILD in names_in_school()
        assert "Đã nhập: tạo mới 1, cập nhật 0, không đổi 2." in outcome(screen)
        assert "Đã nhập" in notices(app)
        # A second Ctrl+S needs a new preview first.
        assert import_key_disabled(screen)


async def test_a_bad_date_is_located_and_nothing_is_imported(school_db, tmp_path):
    path, row = roster_of_la_1(school_db, tmp_path / "danh-sach.xlsx", "31/02/2021")
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbooks(app, pilot, "1", ImportFileScreen)
        before = names_in_school()
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await pilot.pause()
        shown = outcome(screen)
        assert "Không nhập được: 1 lỗi." in shown
        assert (f"trang «Danh sách trẻ», dòng {row}, cột C «Ngày sinh» (giá trị «31/02/2021»): "
                "Ngày «31/02/2021» không có thật trên lịch.") in shown
        marked = tmp_path / "danh-sach-loi.xlsx"
        assert str(marked) in shown and marked.exists()
        assert not screen.ready
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert names_in_school() == before


@pytest.mark.parametrize("name, content, reason", [
    ("ghi-chu.txt", "Họ và tên,Ngày sinh\nAn,01/01/2021\n", "Không nhập được tệp ghi-chu.txt"),
    ("cu.xlsx", "", "Không nhập được tệp cu.xlsx: tệp rỗng."),
])
async def test_a_file_that_is_not_a_workbook_is_refused_in_red(school_db, tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbooks(app, pilot, "1", ImportFileScreen)
        await type_text(pilot, str(path))
        await pilot.press("ctrl+r")
        await pilot.pause()
        shown = screen.query_one("#outcome").content
        assert reason in shown.plain
        assert "Traceback" not in shown.plain
        assert "#ff6060" in str(shown.style)
        assert not screen.ready


async def test_a_pre_filled_roster_template_is_written_for_a_class(school_db, tmp_path):
    target = tmp_path / "la-1.xlsx"
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_workbooks(app, pilot, "2", WriteTemplateDialog)
        rows = dialog.body.rows
        # A roster takes a class, neither a month nor a date.
        assert rows["class_name"].display and not rows["month"].display and not rows["date"].display
        await pilot.press("tab", "tab")  # kind, content, class
        await pick(pilot, 3)  # (cả trường), Nhà trẻ A, Mầm 1, Lá 1
        assert dialog.body.values()["class_name"] == "Lá 1"
        dialog.query_one("#output", Input).focus()
        await replace_text(pilot, str(target))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, WriteTemplateDialog)
        assert str(target) in notices(app)
    ws = openpyxl.load_workbook(target)[SHEET.name]
    names = {ws.cell(r, 2).value for r in range(SHEET.header_row + 2, ws.max_row + 1)} - {None}
    assert names == {"Nguyễn Thị Hoa", "Nguyễn Văn Thịnh"}


async def test_an_attendance_template_needs_a_class_and_takes_a_month(school_db, tmp_path):
    target = tmp_path / "diem-danh.xlsx"
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_workbooks(app, pilot, "2", WriteTemplateDialog)
        await pick(pilot, 3)  # Danh sách trẻ, cán bộ, cân đo, điểm danh
        await pilot.pause()
        rows = dialog.body.rows
        assert rows["class_name"].display and rows["month"].display and not rows["date"].display
        assert dialog.query_one("#output", Input).value == "diem-danh.xlsx"  # follows the kind
        dialog.query_one("#output", Input).focus()
        await replace_text(pilot, str(target))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WriteTemplateDialog)
        assert rows["class_name"].message == "Sổ điểm danh là của một lớp: hãy chọn lớp."
        assert not target.exists()

        dialog.query_one("#class_name").focus()
        await pick(pilot, 2)  # Mầm 1
        dialog.query_one("#month", Input).focus()
        month = dt.date.today().replace(day=1)
        await replace_text(pilot, f"{month.month}/{month.year}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, WriteTemplateDialog)
    book = openpyxl.load_workbook(target)
    names = {book["Điểm danh"].cell(r, 2).value for r in range(5, book["Điểm danh"].max_row + 1)} - {None}
    assert names == {"Nguyễn Thị Mai", "Trần Thị Nguyệt"}
    meta = {r[0].value: r[1].value for r in book["_mamnon"].iter_rows()}
    assert meta["period"] == f"{month.year}-{month.month:02d}"


async def test_the_report_is_exported_with_the_schools_figures(school_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    today = dt.date.today()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_workbooks(app, pilot, "3", ExportReportDialog)
        values = dialog.body.values()
        default = f"bao-cao-MN01-{today.year}-{today.month:02d}.xlsx"
        assert values["period"] == f"{today.month:02d}/{today.year}"
        assert values["output"] == default
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ExportReportDialog)
        from mamnon import indicators

        assert f"{len(indicators.CATALOGUE)} chỉ tiêu" in notices(app)
        assert str(tmp_path / default) in notices(app)
        expected = report_indicators(month_period(today.year, today.month))["TRE"]
    ws = openpyxl.load_workbook(tmp_path / default)["Chỉ tiêu"]
    values = {row[0]: row[3] for row in ws.iter_rows(values_only=True) if row and row[0]}
    assert expected == 6
    assert values["TRE"] == expected


async def test_a_wrong_period_is_shown_under_its_field(school_db, tmp_path):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_workbooks(app, pilot, "3", ExportReportDialog)
        await replace_text(pilot, "13/2026")
        assert dialog.query_one("#output", Input).value == "bao-cao-MN01-13-2026.xlsx"
        dialog.query_one("#output", Input).focus()
        await replace_text(pilot, str(tmp_path / "bc.xlsx"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportReportDialog)
        assert "Tháng 13 không có" in dialog.body.rows["period"].message
        assert not (tmp_path / "bc.xlsx").exists()


@pytest.mark.parametrize("key, expected", [
    (None, ["Quay lại", "Thoát"]),
    ("1", ["Xem trước", "Nhập", "Quay lại", "Thoát"]),
    ("2", ["Đồng ý", "Hủy"]),
    ("3", ["Đồng ý", "Hủy"]),
])
async def test_footers_are_vietnamese_and_fit_80_columns(school_db, key, expected):
    from textual.widgets._footer import FooterKey

    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("7")
        await pilot.pause()
        if key:
            await pilot.press(key)
            await pilot.pause()
        shown = [(k.description, k.region.right) for k in app.screen.query(FooterKey)]
        assert [d for d, _ in shown] == expected
        assert all(0 < right <= SIZE[0] for _, right in shown), shown
