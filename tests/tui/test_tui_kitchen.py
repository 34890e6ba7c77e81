"""Kitchen log screen (kiểm thực ba bước, lưu mẫu): prefill, confirm, sign, read-only, dates, follow-up."""

from __future__ import annotations

import datetime as dt

import pytest
from test_tui_meals import footer, notices, open_meals, text_of
from tui_helpers import SIZE, pick, type_text

from mamnon.services import foods, kitchen_logs, menus, session
from tui.dialogs.kitchen_step import (
    CookingDialog,
    GotoDateDialog,
    IncompleteDaysDialog,
    ReceiptDialog,
    SignDialog,
)
from tui.screens.kitchen_log import KitchenLogScreen

TODAY = dt.date.today()
STAGE = "mau_giao"


@pytest.fixture
def kitchen_db(school_db):
    """The school, priced rice and egg, a dish «Cơm trứng» and today's mẫu giáo menu with it at lunch."""
    session.open_path(school_db.path)
    rice, egg = foods.get_food_by_code("1004"), foods.get_food_by_code("9001")
    foods.set_price(rice.id, "18000", "Đại lý gạo Thanh Bình")
    foods.set_price(egg.id, "60000", "Trại gà Đồng Tâm")
    dish = menus.create_dish(menus.DishForm(name="Cơm trứng", ingredients=[
        menus.IngredientForm(rice.id, "60", "80"), menus.IngredientForm(egg.id, "30", "40")]))
    menus.save_menu_day(menus.MenuDayForm(date=TODAY, stage=STAGE, children_count="10",
                                          items=[("trua", dish.id)]))
    session.close()
    school_db.rice, school_db.egg, school_db.dish = rice.id, egg.id, dish.id
    return school_db


def prefill(db, *, complete: bool = False) -> kitchen_logs.KitchenDayLog:
    """The day's log prefilled through the service; with `complete`, every line confirmed too."""
    session.open_path(db.path)
    log = kitchen_logs.prefill_day(TODAY, STAGE)
    if complete:
        for r in log.receipts:
            kitchen_logs.confirm_receipt(r.id, kitchen_logs.ReceiptForm(
                "06:00", str(r.quantity), "kg", r.supplier, result="dat", checked_by_id=db.teacher_id))
        for d in log.dishes:
            kitchen_logs.confirm_cooking(d.id, kitchen_logs.CookingForm(
                "08:30", "10:15", "Cô Hà", "dat", checked_by_id=db.teacher_id))
            kitchen_logs.confirm_serving(d.id, kitchen_logs.ServingForm(
                "10:30", "dat", checked_by_id=db.teacher_id))
        for s in log.samples:
            kitchen_logs.confirm_sample(s.id, kitchen_logs.SampleForm(
                "100", "g", "10:30", "5", taken_by_id=db.teacher_id))
        log = kitchen_logs.get_day_log(TODAY, STAGE)
    session.close()
    return log


async def open_kitchen(app, pilot) -> KitchenLogScreen:
    return await open_meals(app, pilot, "6", KitchenLogScreen)


def cells(screen, tab: str, column: int) -> list[str]:
    table = screen.table(tab)
    return [table.get_row_at(i)[column].plain for i in range(table.row_count)]


async def clear_and_type(pilot, text: str) -> None:
    await pilot.press("end", *(["backspace"] * 20))
    await type_text(pilot, text)


async def test_prefill_from_the_saved_menu_shows_the_lines(kitchen_db):
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        assert "CHƯA LẬP SỔ" in text_of(screen, "#head")
        assert "nhấn P" in text_of(screen, "#todo")
        assert screen.table("b1").row_count == 0
        await pilot.press("p")
        await pilot.pause()
        assert "CHƯA KÝ" in text_of(screen, "#head")
        assert cells(screen, "b1", 2) == ["Gạo tẻ máy", "Trứng gà"]
        assert cells(screen, "b1", 0) == ["chưa", "chưa"]
        assert cells(screen, "b1", 4)[0].startswith("Đại lý gạo")
        log = kitchen_logs.get_day_log(TODAY, STAGE)
        assert cells(screen, "b1", 3)[0] == f"{log.receipts[0].quantity:g}".replace(".", ",") + " kg"
        await pilot.press("2")
        await pilot.pause()
        assert screen.tab == "b2" and app.focused is screen.table("b2")
        assert cells(screen, "b2", 2) == ["Cơm trứng"]
        assert cells(screen, "b2", 3) == ["08:30"]
        await pilot.press("4")
        await pilot.pause()
        assert cells(screen, "mau", 3) == ["100 g"]
        assert [len(log.receipts), len(log.dishes), len(log.samples)] == [2, 1, 1]


async def test_a_day_without_menu_says_so_and_p_refuses(kitchen_db):
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        await pilot.press("t")  # nhà trẻ: no menu that day
        await pilot.pause()
        assert text_of(screen, "#head").startswith("Nhà trẻ")
        assert "Chưa có thực đơn nhà trẻ" in text_of(screen, "#todo")
        await pilot.press("p")
        await pilot.pause()
        assert "Chưa có thực đơn nhà trẻ" in notices(app)
        assert kitchen_logs.list_day_logs(TODAY, TODAY) == []


async def test_confirm_a_receipt_line_through_the_dialog(kitchen_db):
    prefill(kitchen_db)
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReceiptDialog)
        assert dialog.body.values()["received_at"] == "06:00"
        assert "," in dialog.body.values()["quantity"]  # decimal comma
        assert app.focused.id == "received_at"
        await clear_and_type(pilot, "6h45")
        await pilot.press(*(["tab"] * 5))
        await type_text(pilot, "Hóa đơn số 12")
        await pilot.press("tab")
        assert app.focused.id == "result"
        await pick(pilot, 1)  # (blank), Đạt, Không đạt
        await pilot.press("tab", "tab", "tab")
        assert app.focused.id == "checked_by_id"
        await pick(pilot, 1)  # (blank), the only staff member
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        line = kitchen_logs.get_day_log(TODAY, STAGE).receipts[0]
        assert line.confirmed and line.result == "dat"
        assert line.received_at == dt.datetime.combine(TODAY, dt.time(6, 45))
        assert (line.documents, line.checked_by_id) == ("Hóa đơn số 12", kitchen_db.teacher_id)
        assert cells(screen, "b1", 0) == ["✓", "chưa"]
        assert cells(screen, "b1", 1)[0] == "06:45"
        assert cells(screen, "b1", 6)[0] == "Đạt"
        assert "1 Bước 1 1/2" in str(screen.query_one("#tabs").get_tab("b1").label)

        # The next line's dialog proposes the same checker.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.body.values()["checked_by_id"] == kitchen_db.teacher_id


async def test_an_invalid_time_shows_the_error_and_saves_nothing(kitchen_db):
    prefill(kitchen_db)
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_kitchen(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await clear_and_type(pilot, "25:99")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReceiptDialog)
        assert "Giờ nhận thực phẩm «25:99» không hợp lệ" in text_of(dialog, "#received_at-error")
        assert "Chọn kết quả kiểm tra" in text_of(dialog, "#result-error")
        assert "Chọn người kiểm tra" in text_of(dialog, "#checked_by_id-error")
        line = kitchen_logs.get_day_log(TODAY, STAGE).receipts[0]
        assert not line.confirmed
        assert line.received_at == dt.datetime.combine(TODAY, dt.time(6, 0))


async def test_not_dat_needs_the_measures_on_step_2(kitchen_db):
    prefill(kitchen_db)
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_kitchen(app, pilot)
        await pilot.press("2", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CookingDialog)
        await pilot.press("tab", "tab")
        await type_text(pilot, "Cô Hà")
        await pilot.press("tab")
        await pick(pilot, 2)  # Không đạt
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "cần ghi biện pháp xử lý" in text_of(dialog, "#measures-error")
        assert not kitchen_logs.get_day_log(TODAY, STAGE).dishes[0].step2_done


async def test_step_3_before_step_2_is_not_opened(kitchen_db):
    prefill(kitchen_db)
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        await pilot.press("3", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "chưa kiểm tra bước 2" in notices(app)


async def test_signing_an_incomplete_day_shows_the_refusal(kitchen_db):
    prefill(kitchen_db)
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        await pilot.press("k")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SignDialog)
        await pick(pilot, 1)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        refusal = text_of(dialog, "#day-error")
        assert refusal.startswith("Chưa ký được: Bước 1: chưa kiểm tra 2 thực phẩm (Gạo tẻ máy, Trứng gà).")
        assert "Thiếu mẫu lưu: Cơm trứng." in refusal
        assert not kitchen_logs.get_day_log(TODAY, STAGE).signed
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and "CHƯA KÝ" in text_of(screen, "#head")


async def test_a_complete_day_is_signed_and_then_read_only(kitchen_db):
    prefill(kitchen_db, complete=True)
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        assert "nhấn K để ký sổ" in text_of(screen, "#todo")
        await pilot.press("k")
        await pilot.pause()
        await pick(pilot, 1)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        log = kitchen_logs.get_day_log(TODAY, STAGE)
        assert log.signed and log.signed_by_id == kitchen_db.teacher_id
        assert "ĐÃ KÝ: Nguyễn Thị Lan" in text_of(screen, "#head")
        assert "chỉ xem" in text_of(screen, "#todo")
        shown = [d for d, _ in footer(screen)]
        assert "Ký sổ" not in shown and "Lập sổ" not in shown and "Thêm TP" not in shown

        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen  # no dialog on a signed day
        assert "đã ký, không sửa được" in notices(app)
        await pilot.press("k", "p", "a")
        await pilot.pause()
        assert app.screen is screen
        assert kitchen_logs.get_day_log(TODAY, STAGE) == log

        # Destroying the samples is still recorded on a signed day, 24 hours after they were taken.
        await pilot.press("4")
        await pilot.pause()
        assert "Hủy mẫu" in [d for d, _ in footer(screen)]
        await pilot.press("x")
        await pilot.pause()
        # Taken today at 10:30: the earliest allowed time, tomorrow 10:30, is later than now.
        assert app.screen.body.values()["destroyed_at"] == f"{TODAY + dt.timedelta(days=1):%d/%m/%Y} 10:30"
        await clear_and_type(pilot, f"{TODAY:%d/%m/%Y} 15:00")
        await pilot.press("tab")
        await pick(pilot, 1)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "phải lưu ít nhất 24 giờ" in text_of(app.screen, "#destroyed_at-error")
        assert kitchen_logs.get_day_log(TODAY, STAGE).samples[0].destroyed_at is None


async def test_navigate_to_other_dates_and_stages(kitchen_db):
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        fmt = "%d/%m/%Y"
        assert f"{TODAY:{fmt}}" in text_of(screen, "#head")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.day == TODAY - dt.timedelta(days=1)
        assert f"{TODAY - dt.timedelta(days=1):{fmt}}" in text_of(screen, "#head")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert f"{TODAY + dt.timedelta(days=1):{fmt}}" in text_of(screen, "#head")
        await pilot.press("t")
        await pilot.pause()
        assert (screen.day, screen.stage) == (TODAY + dt.timedelta(days=1), "nha_tre")
        await pilot.press("t", "g")
        await pilot.pause()
        assert isinstance(app.screen, GotoDateDialog)
        await clear_and_type(pilot, f"{TODAY:{fmt}}")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and (screen.day, screen.stage) == (TODAY, STAGE)
        await pilot.press("p")
        await pilot.pause()
        assert cells(screen, "b1", 2) == ["Gạo tẻ máy", "Trứng gà"]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.table("b1").row_count == 0  # nothing from the other day is left on screen
        assert kitchen_logs.list_day_logs(TODAY, TODAY + dt.timedelta(days=1)) != []
        assert len(kitchen_logs.list_day_logs(TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1))) == 1


async def test_incomplete_days_list_opens_the_day(kitchen_db):
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, IncompleteDaysDialog)
        table = dialog.table
        assert [table.get_row_at(i)[0].plain for i in range(table.row_count)] == [f"{TODAY:%d/%m/%Y}"]
        assert "Chưa lập sổ kiểm thực" in text_of(dialog, "#incomplete-reasons")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and (screen.day, screen.stage) == (TODAY, STAGE)


@pytest.mark.parametrize("tab, expected", [
    ("1", ["", "Cấp học", "Lập sổ", "Thêm TP", "Ký sổ", "Chưa xong", "Quay lại", "Thoát"]),
    ("4", ["", "Cấp học", "Lập sổ", "Hủy mẫu", "Ký sổ", "Chưa xong", "Quay lại", "Thoát"]),
])
async def test_footer_fits_80_columns(kitchen_db, tab, expected):
    prefill(kitchen_db)
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        await pilot.press(tab)
        await pilot.pause()
        shown = footer(screen)
        # The three date keys ([ ] g) share one label, «Ngày», after their keys.
        assert [d for d, _ in shown] == ["", "", ""] + expected[1:]
        assert all(0 < right <= SIZE[0] for _, right in shown), shown
        from textual.widgets._footer import FooterLabel

        assert [str(label.render()) for label in screen.query(FooterLabel)] == ["Ngày"]
        assert all(label.region.right <= SIZE[0] for label in screen.query(FooterLabel))


async def test_add_a_food_not_on_the_market_list(kitchen_db):
    from tui.dialogs.food_pick import FoodPickDialog

    prefill(kitchen_db)
    app = kitchen_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kitchen(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FoodPickDialog)
        await type_text(pilot, "9010")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReceiptDialog) and dialog.body.values()["received_at"] == "06:00"
        await pilot.press("tab")
        await type_text(pilot, "1,5")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Chợ xã")
        await pilot.press("tab", "tab", "tab")
        await pick(pilot, 1)
        await pilot.press("tab", "tab", "tab")
        await pick(pilot, 1)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        added = kitchen_logs.get_day_log(TODAY, STAGE).receipts[-1]
        assert (added.food_code, added.quantity, added.supplier, added.planned_kg) == ("9010", 1.5, "Chợ xã", None)
        assert added.confirmed
        assert cells(screen, "b1", 2)[-1] == "Trứng vịt lộn" and cells(screen, "b1", 0)[-1] == "✓"
