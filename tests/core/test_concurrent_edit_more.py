"""Two sessions saving the same measurement, health check, census entry or dish: the second save is refused.

Same rule as tests/core/test_concurrent_edit.py (row_version, migration 0014); runs on SQLite and, in the
suite's PostgreSQL run (MAMNON_TEST_DB), on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import ConcurrentEdit
from mamnon.models import Measurement
from mamnon.services import audit, census, foods, health_checks, menus
from mamnon.services import measurements as ms
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 23)
REFUSED = "người khác đã sửa bản ghi này sau khi bạn mở nó. Chưa lưu gì; hãy mở lại để xem thay đổi của họ."


def _updates(table: str, record_id: int) -> list[audit.AuditRow]:
    return [r for r in audit.history_of(table, record_id, include_related=False) if r.action == "update"]


# ---------------------------------------------------------------- measurements


@pytest.fixture
def measured(school_db):
    """Hoa of Lá 1, measured 18,5 kg / 110 cm in the round of 15/10/2026."""
    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "15/03/2021")
    round_id = ms.create_round("15/10/2026", class_id=school_db["Lá 1"], today=TODAY).id
    ms.save_entry(hoa.id, round_id, "18,5", "110", today=TODAY)
    return hoa, round_id


def test_measurement_second_save_is_refused_and_the_first_kept(measured):
    hoa, round_id = measured
    first, second = ms.get_entry(round_id, hoa.id), ms.get_entry(round_id, hoa.id)  # two nurses' sheets
    assert first.row_version == second.row_version == 1

    ms.save_entry(hoa.id, round_id, "18,6", "110", today=TODAY, row_version=first.row_version)
    with pytest.raises(ConcurrentEdit) as refused:
        ms.save_entry(hoa.id, round_id, "19", "111", today=TODAY, row_version=second.row_version)

    assert str(refused.value) == f"Cân đo – Nguyễn Thị Hoa ({hoa.code}) – 15/10/2026: {REFUSED}"
    now = ms.get_entry(round_id, hoa.id)
    assert (now.weight_kg, now.height_cm, now.row_version) == (18.6, 110.0, 2)
    (update,) = _updates("measurement", now.id)
    changed = {c.field: (c.before, c.after) for c in update.changes}
    assert changed["weight_kg"] == ("18.5", "18.6") and "height_cm" not in changed


def test_measurement_entered_meanwhile_refuses_a_sheet_that_showed_none(school_db):
    hoa = add_child(school_db["Lá 1"], "Nguyễn Thị Hoa", "15/03/2021")
    round_id = ms.create_round("15/10/2026", class_id=school_db["Lá 1"], today=TODAY).id
    ms.save_entry(hoa.id, round_id, "18,5", "110", today=TODAY, row_version=0)  # the other nurse, first
    with pytest.raises(ConcurrentEdit):
        ms.save_entry(hoa.id, round_id, "20", "", today=TODAY, row_version=0)  # this sheet still showed none
    now = ms.get_entry(round_id, hoa.id)
    assert (now.weight_kg, now.height_cm, now.row_version) == (18.5, 110.0, 1)
    assert Measurement.select().count() == 1


def test_measurement_cleared_meanwhile_is_not_entered_again_silently(measured):
    hoa, round_id = measured
    opened = ms.get_entry(round_id, hoa.id)
    assert ms.clear_entry(round_id, hoa.id, row_version=opened.row_version) is True
    with pytest.raises(ConcurrentEdit):
        ms.save_entry(hoa.id, round_id, "18,7", "110", today=TODAY, row_version=opened.row_version)
    assert ms.get_entry(round_id, hoa.id) is None


def test_clearing_a_measurement_someone_changed_is_refused(measured):
    hoa, round_id = measured
    opened = ms.get_entry(round_id, hoa.id)
    ms.save_entry(hoa.id, round_id, "18,6", "110", today=TODAY, row_version=opened.row_version)
    with pytest.raises(ConcurrentEdit):
        ms.clear_entry(round_id, hoa.id, row_version=opened.row_version)
    now = ms.get_entry(round_id, hoa.id)
    assert (now.weight_kg, now.row_version) == (18.6, 2)
    assert [r.action for r in audit.history_of("measurement", now.id, include_related=False)] == \
        ["create", "update"]


def test_measurement_without_a_version_is_saved_unchecked_but_counted(measured):
    """Imports and the CLI read and write in one go: None means no check."""
    hoa, round_id = measured
    ms.save_entry(hoa.id, round_id, "18,6", "110", today=TODAY)
    ms.save_entry(hoa.id, round_id, "18,7", "110", today=TODAY)
    now = ms.get_entry(round_id, hoa.id)
    assert (now.weight_kg, now.row_version) == (18.7, 3)


# ---------------------------------------------------------------- health checks


def test_health_check_second_save_is_refused_and_the_first_kept(school_db):
    an = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    check = health_checks.add_health_check(an.id, health_checks.HealthCheckForm("08/10/2026", "Y tá Hà"),
                                           today=TODAY)
    first, second = health_checks.form_for(check.id), health_checks.form_for(check.id)
    assert first.row_version == second.row_version == 1

    first.teeth = "Sâu răng"
    health_checks.update_health_check(check.id, first, today=TODAY)
    second.conclusion = "Sức khỏe tốt"
    with pytest.raises(ConcurrentEdit) as refused:
        health_checks.update_health_check(check.id, second, today=TODAY)

    assert str(refused.value) == f"Khám sức khỏe – Lê Thị An ({an.code}) – 08/10/2026: {REFUSED}"
    now = health_checks.get_health_check(check.id)
    assert (now.teeth, now.conclusion, now.row_version) == ("Sâu răng", "", 2)
    (update,) = _updates("health_check", check.id)
    assert {c.field: (c.before, c.after) for c in update.changes} == {"teeth": ("", "Sâu răng")}

    reopened = health_checks.form_for(check.id)
    reopened.conclusion = "Sức khỏe tốt"
    health_checks.update_health_check(check.id, reopened, today=TODAY)
    assert health_checks.get_health_check(check.id).conclusion == "Sức khỏe tốt"
    assert health_checks.get_health_check(check.id).row_version == 3


# ---------------------------------------------------------------- census entries


def test_census_entry_second_save_is_refused_and_the_first_kept(school_db):
    dong = census.add_village("Xã Tân Lập", "Thôn Đông").id
    mai = census.create_entry(2026, census.EntryForm(village_id=dong, full_name="Lò Thị Mai", birth_date="03/04/2021",
                                                     sex="F", guardian_name="Lò Văn Sinh", status=census.NONE),
                              today=TODAY)
    first, second = census.form_for(mai.id), census.form_for(mai.id)
    assert first.row_version == second.row_version == 1

    first.address = "Bản Nà Lừa"
    census.update_entry(mai.id, first, today=TODAY)
    second.note = "mẹ hẹn tháng sau cho đi học"
    with pytest.raises(ConcurrentEdit) as refused:
        census.update_entry(mai.id, second, today=TODAY)

    assert str(refused.value) == f"Phiếu điều tra phổ cập – Lò Thị Mai: {REFUSED}"
    now = census.get_entry(mai.id)
    assert (now.address, now.note) == ("Bản Nà Lừa", "")
    assert census.form_for(mai.id).row_version == 2


def test_census_entry_linked_to_a_school_child_meanwhile_refuses_the_old_form(school_db):
    """Linking rewrites the entry in one UPDATE: it counts as a save, so the form opened before cannot undo it."""
    dong = census.add_village("Xã Tân Lập", "Thôn Đông").id
    mai = census.create_entry(2026, census.EntryForm(village_id=dong, full_name="Lò Thị Mai", birth_date="03/04/2021",
                                                     sex="F", guardian_name="Lò Văn Sinh", status=census.NONE),
                              today=TODAY)
    opened = census.form_for(mai.id)
    child = add_child(school_db["Lá 1"], "Lò Thị Mai", "03/04/2021")
    assert census.link_school_children(2026, village_id=dong).linked == 1

    opened.note = "ghi chú cũ"
    with pytest.raises(ConcurrentEdit):
        census.update_entry(mai.id, opened, today=TODAY)
    now = census.get_entry(mai.id)
    assert (now.child_id, now.status, now.note) == (child.id, census.HERE, "")
    assert census.form_for(mai.id).row_version == 2


# ---------------------------------------------------------------- dishes


def test_dish_second_save_is_refused_and_the_first_kept(school_db):
    foods.seed_catalogue()
    rice, egg = foods.get_food_by_code("1004"), foods.get_food_by_code("9001")
    soup = menus.create_dish(menus.DishForm("Cháo trứng", ingredients=[menus.IngredientForm(rice.id, "20", "25")]))
    listed_here, listed_there = menus.get_dish(soup.id), menus.get_dish(soup.id)
    assert listed_here.row_version == listed_there.row_version == 1

    menus.update_dish(soup.id, menus.DishForm(
        "Cháo trứng", ingredients=[menus.IngredientForm(rice.id, "20", "25"), menus.IngredientForm(egg.id, "", "30")],
        row_version=listed_here.row_version))
    with pytest.raises(ConcurrentEdit) as refused:
        menus.update_dish(soup.id, menus.DishForm("Cháo trứng gà", note="đổi tên", ingredients=[
            menus.IngredientForm(rice.id, "15", "20")], row_version=listed_there.row_version))

    assert str(refused.value) == f"Món ăn – Cháo trứng gà: {REFUSED}"
    now = menus.get_dish(soup.id)
    assert (now.name, now.note, now.row_version) == ("Cháo trứng", "", 2)
    assert sorted((i.food_code, i.stage, i.grams) for i in now.ingredients) == [
        ("1004", "mau_giao", 25.0), ("1004", "nha_tre", 20.0), ("9001", "mau_giao", 30.0)]
