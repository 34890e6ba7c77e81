"""Measuring rounds and entries: who is on a sheet, parsing, z-scores, confirmation of implausible values."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon import growth
from mamnon.errors import NotFound, ValidationError
from mamnon.models import Child, Measurement
from mamnon.services import children, classes
from mamnon.services import measurements as ms
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 23)
SEPT = dt.date(2026, 9, 20)
NOV = dt.date(2026, 11, 20)


def new_round(day=SEPT, **kw) -> int:
    return ms.create_round(day, today=TODAY, **kw).id


def save(child_id, round_id, weight, height, **kw):
    return ms.save_entry(child_id, round_id, weight, height, today=TODAY, **kw)


def check(child_id, round_id, weight, height, **kw):
    return ms.check_entry(child_id, round_id, weight, height, today=TODAY, **kw)


# ---------------------------------------------------------------- rounds


def test_create_round_defaults_its_name_from_the_month(school_db):
    r = ms.create_round("20/09/2026", today=TODAY)
    assert (r.name, r.date, r.class_id, r.scope_label) == ("Cân đo tháng 9/2026", SEPT, None, "Toàn trường")
    c = ms.create_round(NOV, class_id=school_db["Nhà trẻ A"], today=TODAY)
    assert c.name == "Cân đo tháng 11/2026 – Nhà trẻ A" and c.class_name == "Nhà trẻ A"
    assert [x.id for x in ms.list_rounds()] == [r.id, c.id]


def test_create_round_refuses_bad_dates_and_duplicate_names(school_db):
    with pytest.raises(ValidationError) as info:
        ms.create_round("", today=TODAY)
    assert "date" in info.value.errors
    with pytest.raises(ValidationError, match="tương lai"):
        ms.create_round(dt.date(2026, 11, 24), today=TODAY)
    with pytest.raises(ValidationError, match="trong năm học 2026-2027"):
        ms.create_round(dt.date(2026, 8, 20), today=TODAY)
    with pytest.raises(ValidationError, match="dd/mm/yyyy"):
        ms.create_round("20-sep", today=TODAY)
    new_round()
    with pytest.raises(ValidationError, match="đã có đợt «Cân đo tháng 9/2026»"):
        ms.create_round(dt.date(2026, 9, 25), today=TODAY)
    assert ms.create_round(dt.date(2026, 9, 25), name="Cân đo bổ sung", today=TODAY).name == "Cân đo bổ sung"


def test_a_round_can_be_renamed_and_an_empty_one_deleted(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    rid = new_round()
    assert ms.update_round(rid, name="Cân đo đầu năm", today=TODAY).name == "Cân đo đầu năm"
    save(a.id, rid, "14", "96")
    with pytest.raises(ValidationError, match="không đổi ngày"):
        ms.update_round(rid, date=dt.date(2026, 9, 21), today=TODAY)
    with pytest.raises(ValidationError, match="không xóa được"):
        ms.delete_round(rid)
    assert ms.clear_entry(rid, a.id) and not ms.clear_entry(rid, a.id)
    ms.delete_round(rid)
    assert ms.list_rounds() == []
    with pytest.raises(NotFound):
        ms.get_round(rid)


# ---------------------------------------------------------------- the sheet


@pytest.fixture
def moves(school_db):
    """Mầm 1 and Mầm 2 with children coming, going and moving around the round of 20/09/2026."""
    m1 = school_db["Mầm 1"]
    m2 = classes.create_class(classes.ClassForm(name="Mầm 2", age_group="MG_3_4")).id
    kids = {
        "stays": add_child(m1, "Lê Thị An", "12/04/2023").id,
        "moved_in_after": add_child(m2, "Trần Văn Bình", "03/02/2023", sex="M").id,
        "left_before": add_child(m1, "Phạm Thị Cúc", "07/07/2023").id,
        "moved_out_after": add_child(m1, "Đỗ Văn Dũng", "15/05/2023", sex="M").id,
        "left_after": add_child(m1, "Hồ Thị Em", "21/08/2023").id,
        "moved_on_the_day": add_child(m2, "Vũ Thị Giang", "01/01/2023").id,
        "came_after": add_child(m1, "Ngô Văn Hải", "02/03/2023", sex="M", enrolled_on="01/10/2026").id,
    }
    children.move_child(kids["moved_in_after"], m1, dt.date(2026, 10, 1))
    children.mark_left(kids["left_before"], dt.date(2026, 9, 10), "Chuyển trường")
    children.move_child(kids["moved_out_after"], m2, dt.date(2026, 10, 1))
    children.mark_left(kids["left_after"], dt.date(2026, 10, 5), "Chuyển nơi ở")
    children.move_child(kids["moved_on_the_day"], m1, SEPT)
    return m1, m2, kids


def test_round_sheet_lists_exactly_the_children_in_the_class_on_the_round_date(moves):
    m1, m2, kids = moves
    rid = new_round()
    names = lambda rows: {r.full_name for r in rows}  # noqa: E731
    assert names(ms.round_sheet(rid, m1)) == {"Lê Thị An", "Đỗ Văn Dũng", "Hồ Thị Em", "Vũ Thị Giang"}
    assert names(ms.round_sheet(rid, m2)) == {"Trần Văn Bình"}
    whole = ms.round_sheet(rid)
    assert len(whole) == 5 and {r.class_name for r in whole} == {"Mầm 1", "Mầm 2"}
    assert {r.child_id for r in ms.enrolled_on(SEPT)} == {r.child_id for r in whole}
    assert ms.get_round(rid).enrolled == 5
    # a child who was not in the class that day cannot be entered in the round
    with pytest.raises(ValidationError) as info:
        save(kids["left_before"], rid, "14", "95")
    assert "child" in info.value.errors
    with pytest.raises(ValidationError):
        save(kids["came_after"], rid, "14", "95")


def test_a_class_round_shows_only_its_class(moves):
    m1, m2, kids = moves
    rid = new_round(NOV, class_id=m1)
    rows = ms.round_sheet(rid)
    assert {r.full_name for r in rows} == {"Lê Thị An", "Trần Văn Bình", "Vũ Thị Giang", "Ngô Văn Hải"}
    assert ms.round_sheet(rid, m1) == rows
    with pytest.raises(ValidationError, match="chỉ cân đo lớp Mầm 1"):
        ms.round_sheet(rid, m2)
    with pytest.raises(ValidationError):
        save(kids["moved_out_after"], rid, "14", "95")


def test_sheet_rows_carry_age_default_position_and_the_entry(school_db):
    baby = add_child(school_db["Nhà trẻ A"], "Lê Thị Bé", "10/12/2024")
    big = add_child(school_db["Lá 1"], "Lê Văn Lớn", "10/01/2021", sex="M")
    rid = new_round()
    save(big.id, rid, "18,5", "110,2")
    rows = {r.child_id: r for r in ms.round_sheet(rid)}
    assert (rows[baby.id].age_months, rows[baby.id].default_lying, rows[baby.id].measured) == (21, True, False)
    assert (rows[big.id].age_months, rows[big.id].default_lying) == (68, False)
    m = rows[big.id].measurement
    assert (m.weight_kg, m.height_cm, m.lying, m.measured_on) == (18.5, 110.2, False, SEPT)
    assert [r.child_id for r in ms.children_not_measured(rid)] == [baby.id]
    assert ms.get_round(rid).measured == 1


# ---------------------------------------------------------------- entries


def test_an_entry_stores_exactly_the_z_scores_of_growth(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    rid = new_round()
    row = save(a.id, rid, "14,2", "96.5")
    z = growth.zscores("F", dt.date(2023, 4, 12), SEPT, weight_kg=14.2, height_cm=96.5, lying=False)
    c = growth.classify(z)
    assert (row.wfa, row.hfa, row.wfh, row.bfa) == (z.wfa, z.hfa, z.wfh, z.bfa)
    assert (row.wfa_code, row.hfa_code, row.wfh_code, row.bfa_code) == (c.wfa.code, c.hfa.code, c.wfh.code,
                                                                         c.bfa.code)
    assert row.wasting_code == c.wasting.code == c.wfh.code
    assert row.flags == frozenset() and not row.confirmed and row.reasons == ()
    e = check(a.id, rid, "14,2", "96.5")
    assert e.zscores == z and e.classification == c
    assert row.wfa_label == c.wfa.label
    # the same child measured lying: growth's correction applies
    baby = add_child(school_db["Nhà trẻ A"], "Lê Thị Bé", "10/12/2024")
    b = save(baby.id, rid, "9.8", "80")
    zb = growth.zscores("F", dt.date(2024, 12, 10), SEPT, weight_kg=9.8, height_cm=80.0, lying=True)
    assert b.lying is True and (b.wfa, b.hfa, b.wfh, b.bfa) == (zb.wfa, zb.hfa, zb.wfh, zb.bfa)
    standing = save(baby.id, rid, "9.8", "80", lying=False)
    zs = growth.zscores("F", dt.date(2024, 12, 10), SEPT, weight_kg=9.8, height_cm=80.0, lying=False)
    assert standing.lying is False and standing.hfa == zs.hfa != zb.hfa


def test_weight_and_height_accept_a_decimal_comma_and_keep_one_decimal(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    rid = new_round()
    assert (check(a.id, rid, "14,2", "96,5").weight_kg, check(a.id, rid, "14.2", "96.5").height_cm) == (14.2, 96.5)
    e = check(a.id, rid, " 14,25 kg", "96,54")
    assert (e.weight_kg, e.height_cm) == (14.3, 96.5)
    assert e.notes == ("Cân nặng 14,25 kg được làm tròn thành 14,3 kg (một chữ số thập phân).",
                       "Chiều cao 96,54 cm được làm tròn thành 96,5 cm (một chữ số thập phân).")
    assert save(a.id, rid, "14,25", "96,54").weight_kg == 14.3
    assert check(a.id, rid, 14.0, 96).weight_kg == 14.0
    # only weight, or only height
    only_w = check(a.id, rid, "14", "")
    assert only_w.ok and only_w.height_cm is None and only_w.lying is None and only_w.zscores.hfa is None


@pytest.mark.parametrize("weight, height, key, message", [
    ("abc", "96", "weight_kg", "phải là số kg"),
    ("14", "9x6", "height_cm", "phải là số cm"),
    ("-3", "96", "weight_kg", "phải là số kg"),
    ("0", "96", "weight_kg", "lớn hơn 0"),
    ("14", "0,01", "height_cm", "lớn hơn 0"),
    ("1,2,3", "96", "weight_kg", "phải là số kg"),
    ("14 cm", "96", "weight_kg", "phải là số kg"),
    ("1420", "96", "weight_kg", "không thể là số đo"),
    ("", "", "weight_kg", "Cần nhập cân nặng hoặc chiều cao"),
])
def test_unreadable_numbers_are_errors(school_db, weight, height, key, message):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    rid = new_round()
    e = check(a.id, rid, weight, height)
    assert not e.ok and message in e.errors[key] and e.zscores is None
    with pytest.raises(ValidationError):
        save(a.id, rid, weight, height)
    assert Measurement.select().count() == 0


def test_both_number_errors_are_reported_at_once(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    e = check(a.id, new_round(), "x", "y", measured_on="31/02/2026")
    assert set(e.errors) == {"weight_kg", "height_cm", "measured_on"}


def test_an_absent_child_is_measured_later_in_the_same_round(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    rid = new_round()
    row = save(a.id, rid, "14,2", "96,5", measured_on="02/10/2026")
    assert row.measured_on == dt.date(2026, 10, 2)
    z = growth.zscores("F", dt.date(2023, 4, 12), dt.date(2026, 10, 2), weight_kg=14.2, height_cm=96.5)
    assert row.wfa == z.wfa
    with pytest.raises(ValidationError, match="tương lai"):
        save(a.id, rid, "14", "96", measured_on="24/11/2026")
    with pytest.raises(ValidationError, match="gần ngày của đợt"):
        save(a.id, rid, "14", "96", measured_on="20/11/2026")
    # saving again replaces the entry (one per child and round)
    save(a.id, rid, "14,4", "96,6")
    assert Measurement.select().count() == 1 and ms.get_entry(rid, a.id).weight_kg == 14.4


# ---------------------------------------------------------------- implausible values


@pytest.fixture
def two_rounds(school_db):
    """A 3-year-old measured in September (15,0 kg, 100,0 cm) and a November round."""
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    first = new_round()
    save(a.id, first, "15,0", "100,0")
    return a.id, new_round(NOV)


def reasons(e):
    return " | ".join(e.reasons)


def test_weight_change_of_more_than_20_percent_needs_confirmation(two_rounds):
    child, rid = two_rounds
    assert check(child, rid, "17,5", "100,5").reasons == ()  # +16.7 %
    up = check(child, rid, "18,5", "100,5")  # +23 %
    assert up.ok and up.needs_confirmation
    assert "Cân nặng tăng 23% so với lần đo trước (15,0 kg ngày 20/09/2026 → 18,5 kg)" in reasons(up)
    down = check(child, rid, "11,5", "100,5")
    assert "Cân nặng giảm 23%" in reasons(down)


def test_height_loss_of_more_than_1_cm_needs_confirmation(two_rounds):
    child, rid = two_rounds
    assert check(child, rid, "15,2", "99,2").reasons == ()  # −0,8 cm
    e = check(child, rid, "15,2", "98,8")
    assert e.reasons == ("Chiều cao giảm 1,2 cm so với lần đo trước "
                         "(100,0 cm ngày 20/09/2026 → 98,8 cm): giảm hơn 1 cm.",)


def test_height_loss_allows_for_lying_then_standing(school_db):
    kid = add_child(school_db["Nhà trẻ A"], "Lê Thị Bé", "01/10/2024")  # 23 months in Sept, 25 in Nov
    save(kid.id, new_round(), "11,5", "86,0")
    rid = new_round(NOV)
    e = check(kid.id, rid, "11,8", "84,8")  # standing: 86,0 lying = 85,3 standing
    assert e.lying is False and e.reasons == ()
    e = check(kid.id, rid, "11,8", "84,1")
    assert "Chiều cao giảm 1,2 cm" in reasons(e) and "nằm/đứng" in reasons(e)


def test_the_previous_measurement_is_the_latest_earlier_one(two_rounds):
    child, rid = two_rounds
    row = save(child, rid, "15,5", "101,0")
    assert not row.confirmed
    # re-entering the September round compares with nothing earlier
    first = ms.list_rounds()[0].id
    assert check(child, first, "12,0", "99,0").reasons == ()


@pytest.mark.parametrize("weight, height, text", [
    ("55", "110", "Cân nặng 55,0 kg ngoài khoảng 1–50 kg."),
    ("18", "155", "Chiều cao 155,0 cm ngoài khoảng 40–150 cm."),
])
def test_values_outside_the_plausible_ranges_need_confirmation(school_db, weight, height, text):
    a = add_child(school_db["Lá 1"], "Lê Văn Lớn", "10/01/2021", sex="M")
    e = check(a.id, new_round(), weight, height)
    assert e.ok and text in e.reasons


def test_a_height_below_40_cm_and_a_weight_below_1_kg_need_confirmation(school_db):
    baby = add_child(school_db["Nhà trẻ A"], "Lê Thị Bé", "10/12/2024")
    e = check(baby.id, new_round(), "0,9", "39")
    assert "Cân nặng 0,9 kg ngoài khoảng 1–50 kg." in e.reasons
    assert "Chiều cao 39,0 cm ngoài khoảng 40–150 cm." in e.reasons


def test_who_implausible_z_scores_need_confirmation_one_reason_each(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    rid = new_round()
    e = check(a.id, rid, "40", "96")
    assert e.zscores.flags == {"wfa", "wfh", "bfa"}
    assert e.classification.wfh is None and e.classification.wasting is None
    for label in ("cân nặng theo tuổi", "cân nặng theo chiều cao", "BMI theo tuổi"):
        assert f"Chỉ số {label} ngoài giới hạn WHO" in reasons(e)
    short = check(a.id, rid, "14", "70")
    assert "hfa" in short.zscores.flags
    assert "Chỉ số chiều cao theo tuổi ngoài giới hạn WHO (z = " in reasons(short)


def test_save_refuses_implausible_values_until_confirmed_then_keeps_the_reasons(two_rounds):
    child, rid = two_rounds
    with pytest.raises(ms.NeedsConfirmation) as info:
        save(child, rid, "18,5", "98,8")
    assert len(info.value.reasons) == 2 and "Cân nặng tăng 23%" in str(info.value)
    assert ms.get_entry(rid, child) is None
    row = save(child, rid, "18,5", "98,8", confirm=True, note="Đã cân lại")
    assert row.confirmed and row.reasons == info.value.reasons and row.note == "Đã cân lại"
    assert ms.get_entry(rid, child) == row
    # a plausible entry is stored unconfirmed even when confirm=True
    assert not save(child, rid, "15,3", "100,4", confirm=True).confirmed


def test_a_confirmed_flagged_entry_is_stored_with_its_flags_and_no_category(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    row = save(a.id, new_round(), "40", "96", confirm=True)
    assert row.flags == {"wfa", "wfh", "bfa"} and row.wfh > 5
    assert (row.wfa_code, row.wfh_code, row.wasting_code) == ("", "", "") and row.hfa_code == "binh_thuong"


# ---------------------------------------------------------------- recomputing


def test_recompute_after_a_birth_date_correction(school_db):
    a = add_child(school_db["Mầm 1"], "Lê Thị An", "12/04/2023")
    rid = new_round()
    before = save(a.id, rid, "14,2", "96,5")
    assert ms.recompute_round(rid) == 0
    Child.update(birth_date=dt.date(2022, 4, 12)).where(Child.id == a.id).execute()
    assert ms.recompute_round(rid) == 1
    after = ms.get_entry(rid, a.id)
    z = growth.zscores("F", dt.date(2022, 4, 12), SEPT, weight_kg=14.2, height_cm=96.5, lying=False)
    assert after.wfa == z.wfa != before.wfa and after.hfa_code == growth.classify(z).hfa.code
    assert ms.recompute_child(a.id) == 0


def test_history_of_a_child(two_rounds):
    child, rid = two_rounds
    save(child, rid, "15,5", "101")
    history = ms.child_history(child)
    assert [(r.name, m.weight_kg) for r, m in history] == [("Cân đo tháng 9/2026", 15.0),
                                                          ("Cân đo tháng 11/2026", 15.5)]


def test_a_baby_growing_fast_is_compared_with_the_usual_gain(school_db):
    baby = add_child(school_db["Nhà trẻ A"], "Lê Thị Bé", "01/06/2026", enrolled_on="10/09/2026")
    save(baby.id, new_round(), "5,6", "58,0")  # 3,5 months
    rid = new_round(NOV)  # 5,5 months: the WHO median gains ≈ 17 %
    assert check(baby.id, rid, "6,9", "63,0").reasons == ()  # +23 %: usual at that age
    slow = check(baby.id, rid, "5,0", "63,0")  # −11 % where ≈ +17 % is usual
    assert "Cân nặng giảm 11%" in reasons(slow) and "khác mức tăng thường gặp hơn 20%" in reasons(slow)


def test_correcting_a_birth_date_recomputes_stored_zscores(school_db):
    import datetime as dt

    from mamnon.growth import zscores
    from mamnon.services import children
    from mamnon.services import measurements as ms
    from tests.conftest import add_child

    child = add_child(school_db["Lá 1"], "Lê An", "01/02/2021", sex="M")
    rnd = ms.create_round(dt.date(2026, 10, 1), today=dt.date(2026, 11, 23))
    ms.save_entry(child.id, rnd.id, "18,5", "110,0", False, today=dt.date(2026, 11, 23))
    form = children.form_for(child.id)
    form.birth_date = "01/08/2021"
    children.update_child(child.id, form)
    stored = ms.get_entry(rnd.id, child.id)
    expected = zscores("M", dt.date(2021, 8, 1), dt.date(2026, 10, 1), weight_kg=18.5, height_cm=110.0, lying=False)
    assert (stored.wfa, stored.hfa) == (expected.wfa, expected.hfa)
