"""Measurements, health checks, census entries and dishes saved from a screen after someone else saved them
(also a child's first measurement saved by two nurses at the same instant): refused with a message, their
change kept, what was typed still on the screen."""

from __future__ import annotations

import datetime as dt

from tui_helpers import SIZE, type_text

from mamnon.services import census, children, foods, health_checks, measurements, menus, session
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.census_form import CensusFormScreen
from tui.screens.dish_form import DishFormScreen
from tui.screens.health_check_form import HealthCheckFormScreen
from tui.screens.measure_round import MeasureRoundScreen

REFUSED = "người khác đã sửa bản ghi này sau khi bạn mở nó"


def class_round(school_db) -> int:
    session.open_path(school_db.path)
    row = measurements.create_round(dt.date.today(), class_id=school_db.classes["Lá 1"])
    session.close()
    return row.id


def message(screen) -> str:
    return str(screen.query_one("#message").render())


async def open_grid(app, pilot, round_id: int) -> MeasureRoundScreen:
    await pilot.pause()
    screen = MeasureRoundScreen(round_id)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def notifications(app) -> str:
    return "\n".join(f"{n.title} {n.message}" for n in app._notifications)


async def test_a_measurement_entered_by_another_nurse_meanwhile_is_not_overwritten(school_db):
    round_id = class_round(school_db)
    hoa = school_db.children["Nguyễn Thị Hoa"]
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grid(app, pilot, round_id)
        assert screen.current.child_id == hoa and screen.current.measurement is None

        # Another PC enters Hoa while this grid still shows her as not measured.
        measurements.save_entry(hoa, round_id, "18,5", "108", row_version=0)

        await type_text(pilot, "19")
        await pilot.press("tab")
        await type_text(pilot, "110")
        await pilot.press("enter")
        await pilot.pause()

        assert screen.index == 0  # stays on Hoa, with what was typed
        assert (screen.query_one("#weight").value, screen.query_one("#height").value) == ("19", "110")
        assert message(screen) == ("Nguyễn Thị Hoa: người khác vừa lưu số đo của trẻ này; chưa lưu gì. "
                                   "Esc: xem số của họ; Enter: lưu số bạn gõ thay số của họ.")
        saved = measurements.get_entry(round_id, hoa)
        assert (saved.weight_kg, saved.height_cm, saved.row_version) == (18.5, 108.0, 1)
        assert "Đã đo 1 / 2 trẻ" in str(screen.query_one("#round-info").render())

        # Esc shows their numbers; typed again and saved, the entry is the nurse's own, once.
        await pilot.press("escape")
        await pilot.pause()
        assert (screen.query_one("#weight").value, screen.query_one("#height").value) == ("18,5", "108,0")
        cells = screen.table.get_row(str(hoa))
        assert (cells[0].plain[0], cells[2].plain.strip(), cells[3].plain.strip()) == ("✓", "18,5", "108,0")
        await type_text(pilot, "19")
        await pilot.press("tab")
        await type_text(pilot, "110")
        await pilot.press("enter")
        await pilot.pause()
        saved = measurements.get_entry(round_id, hoa)
        assert (saved.weight_kg, saved.height_cm, saved.row_version) == (19.0, 110.0, 2)
        assert screen.index == 1


async def test_clearing_a_measurement_changed_meanwhile_is_refused(school_db):
    round_id = class_round(school_db)
    hoa = school_db.children["Nguyễn Thị Hoa"]
    session.open_path(school_db.path)
    measurements.save_entry(hoa, round_id, "18,5", "108")
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grid(app, pilot, round_id)
        screen.go_to(0)
        await pilot.pause()
        assert screen.current.child_id == hoa

        opened = measurements.get_entry(round_id, hoa)
        measurements.save_entry(hoa, round_id, "18,7", "108", row_version=opened.row_version)

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert message(screen) == ("Nguyễn Thị Hoa: người khác vừa lưu số đo của trẻ này nên chưa xóa; "
                                   "đang hiện số của họ.")
        saved = measurements.get_entry(round_id, hoa)
        assert (saved.weight_kg, saved.row_version) == (18.7, 2)
        assert screen.query_one("#weight").value == "18,7"  # their value, now shown


async def test_saving_a_health_check_changed_meanwhile_is_refused(school_db):
    anh = school_db.children["Phạm Ngọc Ánh"]
    session.open_path(school_db.path)
    check = health_checks.add_health_check(anh, health_checks.HealthCheckForm(
        dt.date.today().strftime("%d/%m/%Y"), "BS Hà"))
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = HealthCheckFormScreen(children.get_child(anh).row, check.id)
        await app.push_screen(form)
        await pilot.pause()

        other = health_checks.form_for(check.id)
        other.eyes = "Cận thị"
        health_checks.update_health_check(check.id, other)

        form.query_one("#teeth").value = "Sâu răng"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        shown = notifications(app)
        assert "Chưa lưu được" in shown and "Phạm Ngọc Ánh" in shown and REFUSED in shown
        now = health_checks.get_health_check(check.id)
        assert (now.eyes, now.teeth, now.row_version) == ("Cận thị", "", 2)

        await pilot.press("escape")
        await pilot.pause()
        reopened = HealthCheckFormScreen(children.get_child(anh).row, check.id)
        await app.push_screen(reopened)
        await pilot.pause()
        assert reopened.query_one("#eyes").value == "Cận thị"
        reopened.query_one("#teeth").value = "Sâu răng"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not reopened
        now = health_checks.get_health_check(check.id)
        assert (now.eyes, now.teeth, now.row_version) == ("Cận thị", "Sâu răng", 3)


async def test_saving_a_census_entry_changed_meanwhile_is_refused(school_db):
    year = dt.date.today().year
    session.open_path(school_db.path)
    dong = census.add_village("Xã Tân Lập", "Thôn Đông").id
    mai = census.create_entry(year, census.EntryForm(village_id=dong, full_name="Lò Thị Mai",
                                                     birth_date=f"03/04/{year - 4}", sex="F",
                                                     guardian_name="Lò Văn Sinh", status=census.NONE))
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = CensusFormScreen(year, entry_id=mai.id)
        await app.push_screen(form)
        await pilot.pause()

        other = census.form_for(mai.id)
        other.address = "Bản Nà Lừa"
        census.update_entry(mai.id, other)

        form.query_one("#note").value = "hẹn tháng sau"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        shown = notifications(app)
        assert "Chưa lưu được" in shown and "Lò Thị Mai" in shown and REFUSED in shown
        now = census.get_entry(mai.id)
        assert (now.address, now.note) == ("Bản Nà Lừa", "")


async def test_saving_a_dish_changed_meanwhile_is_refused(school_db):
    session.open_path(school_db.path)
    foods.seed_catalogue()
    rice, egg = foods.get_food_by_code("1004"), foods.get_food_by_code("9001")
    soup = menus.create_dish(menus.DishForm("Cháo trứng", ingredients=[menus.IngredientForm(rice.id, "20", "25")]))
    session.close()
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = DishFormScreen(menus.get_dish(soup.id))
        await app.push_screen(form)
        await pilot.pause()

        menus.update_dish(soup.id, menus.DishForm("Cháo trứng", ingredients=[
            menus.IngredientForm(rice.id, "20", "25"), menus.IngredientForm(egg.id, "", "30")]))

        form.query_one("#note").value = "nấu loãng"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        shown = notifications(app)
        assert "Chưa lưu được" in shown and "Cháo trứng" in shown and REFUSED in shown
        now = menus.get_dish(soup.id)
        assert (now.note, now.row_version, len(now.ingredients)) == ("", 2, 3)


# The other nurse's first measurement of a child lands at the same instant as this one's: the insert meets
# theirs on the unique index; the grid says so, keeps what was typed, and Esc shows their numbers.
async def test_first_measurement_saved_by_another_nurse_at_the_same_instant(school_db, monkeypatch):
    round_id = class_round(school_db)
    hoa = school_db.children["Nguyễn Thị Hoa"]
    app = school_db.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grid(app, pilot, round_id)
        assert screen.current.child_id == hoa and screen.current.measurement is None

        # The other PC's entry is committed after this save has read «none»: its insert meets theirs.
        measurements.save_entry(hoa, round_id, "18,5", "108", row_version=0)
        real_read = measurements._stored_entry
        reads = []

        def read_before_their_commit(round_id, child_id):
            reads.append(child_id)
            return None if len(reads) == 1 else real_read(round_id, child_id)

        monkeypatch.setattr(measurements, "_stored_entry", read_before_their_commit)
        await type_text(pilot, "19")
        await pilot.press("tab")
        await type_text(pilot, "110")
        await pilot.press("enter")
        await pilot.pause()
        monkeypatch.setattr(measurements, "_stored_entry", real_read)

        assert reads == [hoa]  # the create path was taken, not the row_version check
        assert screen.index == 0
        assert (screen.query_one("#weight").value, screen.query_one("#height").value) == ("19", "110")
        assert str(screen.query_one("#message").render()) == (
            "Nguyễn Thị Hoa: người khác vừa lưu số đo của trẻ này; chưa lưu gì. "
            "Esc: xem số của họ; Enter: lưu số bạn gõ thay số của họ.")
        saved = measurements.get_entry(round_id, hoa)
        assert (saved.weight_kg, saved.height_cm, saved.row_version) == (18.5, 108.0, 1)
        assert "Đã đo 1 / 2 trẻ" in str(screen.query_one("#round-info").render())

        await pilot.press("escape")
        await pilot.pause()
        assert (screen.query_one("#weight").value, screen.query_one("#height").value) == ("18,5", "108,0")
