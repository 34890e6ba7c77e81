"""«In biểu mẫu»: the list of every form, its options dialog, the written file."""

from __future__ import annotations

import calendar
import datetime as dt

import openpyxl
from textual.widgets import Input, OptionList
from tui_helpers import SIZE, type_text

from exporters.forms import FORMS
from mamnon.services import attendance, children, session
from tui.dialogs.print_form import PrintFormDialog
from tui.screens.print_forms import PrintFormsScreen


async def open_print_forms(app, pilot) -> PrintFormsScreen:
    await pilot.pause()
    await pilot.press("8")
    await pilot.pause()
    assert isinstance(app.screen, PrintFormsScreen)
    return app.screen


async def test_the_list_shows_every_form_with_its_description(school_db):
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_print_forms(app, pilot)
        options = screen.query_one("#forms", OptionList)
        assert options.option_count == len(FORMS)
        for i, form in enumerate(FORMS):
            prompt = str(options.get_option_at_index(i).prompt)
            assert form.title in prompt and form.description in prompt
        shown = [b.binding.description for b in screen.active_bindings.values() if b.binding.show]
        assert "Quay lại" in shown
        assert sum(len(text) + 6 for text in shown) <= 80


async def open_dialog(app, pilot, name: str) -> PrintFormDialog:
    screen = await open_print_forms(app, pilot)
    screen.query_one("#forms", OptionList).highlighted = [f.name for f in FORMS].index(name)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PrintFormDialog)
    return app.screen


async def test_the_child_code_field_is_only_for_forms_of_one_child(school_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        for form in FORMS:
            dialog = await open_dialog(app, pilot, form.name)
            assert ("child" in dialog.body.values()) == (form.name in ("phieu-suc-khoe", "bieu-do-tre")), form.name
            await pilot.press("escape")
            await pilot.pause()


async def test_print_a_health_card_by_child_code(school_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session.open_path(school_db.path)
    hoa = children.get_child(school_db.children["Nguyễn Thị Hoa"]).row
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot, "phieu-suc-khoe")
        assert set(dialog.body.values()) == {"child", "output", "pdf"}
        dialog.query_one("#child", Input).focus()
        await type_text(pilot, hoa.code.lower())
        name = f"phieu-suc-khoe_{hoa.code.lower()}.xlsx"
        assert dialog.query_one("#output", Input).value == name
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PrintFormDialog)
    cells = [c.value for row in openpyxl.load_workbook(tmp_path / name).active.iter_rows() for c in row]
    assert "PHIẾU THEO DÕI SỨC KHỎE CỦA TRẺ" in cells and any(hoa.full_name in str(v) for v in cells)


async def test_an_unknown_child_code_is_shown_under_the_field(school_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot, "bieu-do-tre")
        dialog.query_one("#child", Input).focus()
        await type_text(pilot, "XX999")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        row = dialog.query_one("#row-child")
        assert row.message_kind == "error" and "Không có trẻ mã «XX999»" in row.message
    assert not list(tmp_path.glob("*.xlsx"))


async def test_print_the_school_attendance(school_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    month = dt.date.today().replace(day=1)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_print_forms(app, pilot)
        index = [f.name for f in FORMS].index("diem-danh-truong")
        screen.query_one("#forms", OptionList).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PrintFormDialog)
        assert set(dialog.body.values()) == {"month", "output", "pdf"}
        name = f"diem-danh-truong_{month:%m-%Y}.xlsx"
        assert dialog.query_one("#output", Input).value == name
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PrintFormDialog)
    written = tmp_path / name
    assert written.exists()
    session.open_path(school_db.path)
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    summary = attendance.attendance_summary(month, last)
    ws = openpyxl.load_workbook(written).active
    names = [c.value for row in ws.iter_rows() for c in row]
    assert summary.classes and all(c.class_name in names for c in summary.classes)


async def test_a_wrong_month_stays_in_the_dialog(school_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_print_forms(app, pilot)
        screen.query_one("#forms", OptionList).highlighted = [f.name for f in FORMS].index("luu-mau")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        month = dialog.query_one("#month", Input)
        month.value = ""
        month.focus()
        await type_text(pilot, "13/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
    assert not list(tmp_path.glob("*.xlsx"))
