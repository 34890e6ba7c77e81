"""Attendance: the school calendar, a class's day, all-or-nothing saves, the month grid, rates.

The figures are worked out by hand in the docstrings; November 2026 starts on
a Sunday, so 02/11 is a Monday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import ValidationError
from mamnon.services import attendance, children, session
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 30)
MON, TUE, WED, THU, FRI, SAT, SUN = (dt.date(2026, 11, d) for d in range(2, 9))


def d(day: int) -> dt.date:
    return dt.date(2026, 11, day)


@pytest.fixture
def kids(school_db):
    """Lá 1: An, Bình, Cúc; Mầm 1: Dung, Giang; Nhà trẻ A: Hà — all from 05/09/2026."""
    ids = {}
    for cls, name, birth in (
        ("Lá 1", "Lê Văn An", "01/02/2021"), ("Lá 1", "Trần Thị Bình", "03/04/2021"),
        ("Lá 1", "Phạm Thị Cúc", "05/06/2021"), ("Mầm 1", "Đỗ Văn Dung", "07/08/2023"),
        ("Mầm 1", "Vũ Thị Giang", "09/10/2023"), ("Nhà trẻ A", "Hoàng Thị Hà", "11/12/2024"),
    ):
        ids[name.split()[-1]] = add_child(school_db[cls], name, birth).id
    ids.update(school_db)
    return ids


def save(kids, cls: str, day: dt.date, **marks: str | None):
    return attendance.save_class_day(kids[cls], day, {kids[name]: m for name, m in marks.items()}, today=TODAY)


def marks_of(kids, cls: str, day: dt.date) -> dict[str, str | None]:
    return {r.full_name.split()[-1]: r.mark for r in attendance.class_day(kids[cls], day).rows}


# ---------------------------------------------------------------- calendar


def test_weekends_are_off_and_the_calendar_stores_exceptions(db):
    assert attendance.school_days(MON, SUN) == [MON, TUE, WED, THU, FRI]
    assert attendance.day_info(SUN).reason == "Chủ nhật"
    attendance.set_day_off(WED, "  Bão   số 9 ")
    attendance.set_school_day(SAT, "Học bù")
    assert attendance.school_days(MON, SUN) == [MON, TUE, THU, FRI, SAT]
    assert attendance.day_info(WED) == attendance.DayInfo(WED, False, "Bão số 9", True)
    assert attendance.is_school_day(SAT) and not attendance.is_school_day(WED)
    assert attendance.next_school_day(TUE) == THU and attendance.next_school_day(SUN, -1) == SAT
    attendance.clear_calendar_day(WED)
    attendance.clear_calendar_day(SAT)
    assert attendance.school_days(MON, SUN) == [MON, TUE, WED, THU, FRI]
    assert [x.exception for x in attendance.calendar_days(MON, SUN)] == [False] * 7


def test_a_day_off_needs_a_reason(db):
    with pytest.raises(ValidationError) as info:
        attendance.set_day_off(WED, "  ")
    assert info.value.errors == {"reason": "Cần nhập lý do nghỉ."}
    assert attendance.is_school_day(WED)


def test_a_day_with_attendance_cannot_become_a_day_off(kids):
    attendance.set_school_day(SAT, "Học bù")
    save(kids, "Lá 1", WED, An="x")
    save(kids, "Lá 1", SAT, An="x")
    with pytest.raises(ValidationError, match="đã có 1 lượt điểm danh"):
        attendance.set_day_off(WED, "Bão")
    with pytest.raises(ValidationError, match="đã có 1 lượt điểm danh"):
        attendance.clear_calendar_day(SAT)
    assert attendance.is_school_day(WED) and attendance.is_school_day(SAT)


# ---------------------------------------------------------------- a class's day


def test_the_roster_is_sorted_by_given_name_and_starts_unmarked(kids):
    day = attendance.class_day(kids["Lá 1"], MON)
    assert [r.full_name for r in day.rows] == ["Lê Văn An", "Trần Thị Bình", "Phạm Thị Cúc"]
    assert [r.mark for r in day.rows] == [None, None, None]
    assert (day.present, day.leave, day.absent, day.unmarked, day.recorded) == (0, 0, 0, 3, False)
    assert day.class_name == "Lá 1" and day.day.is_school_day


def test_day_overview_counts_children_and_marks_per_class(kids):
    save(kids, "Lá 1", MON, An="x", Cúc="K")
    overview = attendance.day_overview(MON)
    assert overview == [attendance.ClassCount(kids["Nhà trẻ A"], "Nhà trẻ A", 1, 0),
                        attendance.ClassCount(kids["Mầm 1"], "Mầm 1", 2, 0),
                        attendance.ClassCount(kids["Lá 1"], "Lá 1", 3, 2)]
    assert attendance.day_overview(dt.date(2026, 9, 4)) == []  # before anyone was enrolled


def test_marks_are_saved_in_any_case_and_can_be_changed_or_cleared(kids):
    day = save(kids, "Lá 1", MON, An="X", Bình="p", Cúc="k")
    assert (day.present, day.leave, day.absent, day.unmarked) == (1, 1, 1, 0)
    save(kids, "Lá 1", MON, Bình="x", Cúc=None)
    assert marks_of(kids, "Lá 1", MON) == {"An": "x", "Bình": "x", "Cúc": None}
    assert session.integrity() == "ok"


def test_a_note_is_kept_with_the_mark(kids):
    attendance.save_class_day(kids["Lá 1"], MON, {kids["Bình"]: "P"}, notes={kids["Bình"]: "Ốm, mẹ xin phép"},
                              today=TODAY)
    row = next(r for r in attendance.class_day(kids["Lá 1"], MON).rows if r.child_id == kids["Bình"])
    assert (row.mark, row.note) == ("P", "Ốm, mẹ xin phép")


def test_mark_all_present_leaves_the_marked_children_alone(kids):
    save(kids, "Lá 1", MON, Bình="P")
    day = attendance.mark_all_present(kids["Lá 1"], MON, today=TODAY)
    assert marks_of(kids, "Lá 1", MON) == {"An": "x", "Bình": "P", "Cúc": "x"}
    assert (day.present, day.leave) == (2, 1)


@pytest.mark.parametrize("day, message", [
    (SUN, "Ngày 08/11/2026 là ngày nghỉ (Chủ nhật): không điểm danh."),
    (dt.date(2026, 12, 1), "Ngày 01/12/2026 chưa đến: chưa điểm danh được."),
])
def test_days_off_and_future_days_are_refused(kids, day, message):
    with pytest.raises(ValidationError) as info:
        save(kids, "Lá 1", day, An="x")
    assert info.value.errors == {"date": message}
    assert attendance.class_day(kids["Lá 1"], day).unmarked == 3


def test_a_holiday_is_refused_with_its_reason(kids):
    attendance.set_day_off(FRI, "Nghỉ bù")
    with pytest.raises(ValidationError, match=r"06/11/2026 là ngày nghỉ \(Nghỉ bù\)"):
        save(kids, "Lá 1", FRI, An="x")


def test_one_wrong_entry_saves_nothing(kids):
    save(kids, "Lá 1", MON, An="P")
    with pytest.raises(ValidationError) as info:
        save(kids, "Lá 1", MON, An="x", Bình="v", Cúc="x", Dung="x")
    assert info.value.errors == {
        f"child_{kids['Bình']}": "Trần Thị Bình: ký hiệu «v» không đúng (x có mặt, P có phép, K không phép).",
        f"child_{kids['Dung']}": f"Trẻ số {kids['Dung']} không học lớp Lá 1 ngày 02/11/2026.",
    }
    assert marks_of(kids, "Lá 1", MON) == {"An": "P", "Bình": None, "Cúc": None}
    assert session.integrity() == "ok"


# ---------------------------------------------------------------- moves, leaving, the month


def test_a_child_moved_mid_month_counts_in_the_old_class_then_the_new(kids):
    children.move_child(kids["Dung"], kids["Lá 1"], THU)
    assert "Dung" in marks_of(kids, "Mầm 1", WED) and "Dung" not in marks_of(kids, "Lá 1", WED)
    assert "Dung" in marks_of(kids, "Lá 1", THU) and "Dung" not in marks_of(kids, "Mầm 1", THU)
    save(kids, "Mầm 1", MON, Dung="x", Giang="x")
    save(kids, "Mầm 1", TUE, Dung="P", Giang="x")
    with pytest.raises(ValidationError, match="không học lớp Mầm 1 ngày 05/11/2026"):
        save(kids, "Mầm 1", THU, Dung="x")
    save(kids, "Lá 1", THU, Dung="x", An="x")

    old = attendance.month_grid(kids["Mầm 1"], 2026, 11)
    dung = next(r for r in old.rows if r.full_name == "Đỗ Văn Dung")
    assert dung.in_class[:4] == (True,) * 4 and not any(dung.in_class[4:])
    assert (dung.marks[1], dung.marks[2], dung.marks[4]) == ("x", "P", None)
    assert (dung.present, dung.leave, dung.absent) == (1, 1, 0)

    new = attendance.month_grid(kids["Lá 1"], 2026, 11)
    assert [r.full_name.split()[-1] for r in new.rows] == ["An", "Bình", "Cúc", "Dung"]
    dung = new.rows[3]
    assert not any(dung.in_class[:4]) and all(dung.in_class[4:])
    assert (dung.marks[1], dung.marks[4], dung.present) == (None, "x", 1)


def test_a_child_who_left_is_no_longer_expected(kids):
    children.mark_left(kids["Giang"], THU, "Chuyển trường")
    assert list(marks_of(kids, "Mầm 1", WED)) == ["Dung", "Giang"]
    assert list(marks_of(kids, "Mầm 1", THU)) == ["Dung"]
    with pytest.raises(ValidationError, match=f"Trẻ số {kids['Giang']} không học lớp Mầm 1"):
        save(kids, "Mầm 1", FRI, Giang="x")
    save(kids, "Mầm 1", WED, Dung="x", Giang="x")
    save(kids, "Mầm 1", THU, Dung="x")
    summary = attendance.attendance_summary(WED, THU, kids["Mầm 1"], today=TODAY)
    assert (summary.school.expected, summary.school.present, summary.school.rate) == (3, 3, 100.0)


def test_month_grid_totals_per_child_and_per_day(kids):
    """Lá 1, 02/11: An x, Bình x, Cúc P; 03/11: An x, Bình K, Cúc x."""
    save(kids, "Lá 1", MON, An="x", Bình="x", Cúc="P")
    save(kids, "Lá 1", TUE, An="x", Bình="K", Cúc="x")
    grid = attendance.month_grid(kids["Lá 1"], 2026, 11)
    assert len(grid.days) == 30 and grid.days[0] == attendance.DayInfo(d(1), False, "Chủ nhật", False)
    totals = {r.full_name.split()[-1]: (r.present, r.leave, r.absent) for r in grid.rows}
    assert totals == {"An": (2, 0, 0), "Bình": (1, 0, 1), "Cúc": (1, 1, 0)}
    assert (grid.day_present[1], grid.day_leave[1], grid.day_absent[1]) == (2, 1, 0)
    assert (grid.day_present[2], grid.day_leave[2], grid.day_absent[2]) == (2, 0, 1)
    assert sum(grid.day_present) == 4


# ---------------------------------------------------------------- rates


@pytest.fixture
def week(kids):
    """02–06/11 with 04/11 off (bão): 4 school days. Dung moves Mầm 1 → Lá 1 on 05/11.

    Lá 1 records 02, 03, 05 (not 06):
      02: An x, Bình x, Cúc P      03: An x, Bình K, Cúc x     05: An x, Bình x, Dung x, Cúc —
      expected 3 + 3 + 4 = 10, present 2 + 2 + 3 = 7, P 1, K 1, unmarked 1 → 70,0 %; 06 missing.
    Mầm 1 records every day:
      02: Dung x, Giang x    03: Dung P, Giang x    05: Giang K    06: Giang x
      expected 2 + 2 + 1 + 1 = 6, present 4, P 1, K 1 → 66,7 %.
    Nhà trẻ A (Hà) records nothing: rate None, 4 days missing.
    School: expected 16, present 11, P 2, K 2 → 68,75 → 68,8 %.
    """
    attendance.set_day_off(WED, "Bão")
    children.move_child(kids["Dung"], kids["Lá 1"], THU)
    save(kids, "Lá 1", MON, An="x", Bình="x", Cúc="P")
    save(kids, "Lá 1", TUE, An="x", Bình="K", Cúc="x")
    save(kids, "Lá 1", THU, An="x", Bình="x", Dung="x")
    save(kids, "Mầm 1", MON, Dung="x", Giang="x")
    save(kids, "Mầm 1", TUE, Dung="P", Giang="x")
    save(kids, "Mầm 1", THU, Giang="K")
    save(kids, "Mầm 1", FRI, Giang="x")
    return kids


def test_rates_per_class_and_for_the_school(week):
    summary = attendance.attendance_summary(MON, FRI, today=TODAY)
    assert summary.school_days == 4
    rates = {c.class_name: c.rate for c in summary.classes}
    assert list(rates) == ["Nhà trẻ A", "Mầm 1", "Lá 1"]
    assert rates["Lá 1"] == attendance.Rate(expected=10, present=7, leave=1, absent=1, recorded_days=3,
                                            missing_days=1)
    assert (rates["Lá 1"].unmarked, rates["Lá 1"].rate) == (1, 70.0)
    assert rates["Mầm 1"] == attendance.Rate(6, 4, 1, 1, 4, 0)
    assert rates["Mầm 1"].rate == 66.7
    assert rates["Nhà trẻ A"] == attendance.Rate(0, 0, 0, 0, 0, 4) and rates["Nhà trẻ A"].rate is None
    assert summary.school == attendance.Rate(16, 11, 2, 2, 7, 5)
    assert summary.school.rate == 68.8
    stages = {c.class_name: c.stage for c in summary.classes}
    assert stages == {"Nhà trẻ A": "nha_tre", "Mầm 1": "mau_giao", "Lá 1": "mau_giao"}


def test_rate_of_one_class_and_days_not_yet_due(week):
    only = attendance.attendance_summary(MON, FRI, week["Mầm 1"], today=TODAY)
    assert [c.class_name for c in only.classes] == ["Mầm 1"] and only.school == attendance.Rate(6, 4, 1, 1, 4, 0)
    early = attendance.attendance_summary(MON, FRI, today=TUE)
    assert early.school.missing_days == 2  # Nhà trẻ A on 02 and 03 only: later days are not due
    with pytest.raises(ValidationError):
        attendance.attendance_summary(FRI, MON)


def test_the_rate_rounds_half_up(week):
    """Cúc present on 05/11 and Dung on 03/11: 13 of 16 → 81,25 → 81,3 % (not 81,2 as round() gives)."""
    save(week, "Lá 1", THU, Cúc="x")
    save(week, "Mầm 1", TUE, Dung="x")
    school = attendance.attendance_summary(MON, FRI, today=TODAY).school
    assert (school.expected, school.present, school.leave, school.absent) == (16, 13, 1, 2)
    assert school.rate == 81.3


def test_children_eating_per_stage(week):
    assert attendance.children_eating(MON, "mau_giao") == 4  # Lá 1: An, Bình; Mầm 1: Dung, Giang
    assert attendance.children_eating(THU, "mau_giao") == 3  # Lá 1: An, Bình, Dung; Giang K
    assert attendance.children_eating(FRI, "mau_giao") is None  # only Mầm 1 recorded: not the whole stage
    partial = attendance.stage_headcount(FRI, "mau_giao")
    assert (partial.present, partial.classes, partial.classes_recorded, partial.complete) == (1, 2, 1, False)
    assert attendance.children_eating(MON, "nha_tre") is None  # Hà's class has not recorded
    assert attendance.children_eating(WED, "mau_giao") is None  # day off
    save(week, "Nhà trẻ A", MON, Hà="K")
    assert attendance.children_eating(MON, "nha_tre") == 0  # recorded, nobody present
    save(week, "Nhà trẻ A", MON, Hà="x")
    assert attendance.children_eating(MON, "nha_tre") == 1
