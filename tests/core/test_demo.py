"""The demo school: realistic, valid, deterministic, never over an existing school."""

from __future__ import annotations

import collections
import datetime as dt
import unicodedata

import pytest

from mamnon.errors import ValidationError
from mamnon.formats import parse_phone
from mamnon.reference import AGE_GROUP_BY_CODE, AGE_GROUPS, ETHNIC_NAMES, POLICY_CATEGORIES
from mamnon.services import children, classes, demo, school, session, staff

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def empty_db():
    session.open_memory()
    yield
    session.close()


@pytest.fixture
def built(empty_db):
    return demo.build_demo(children=250, seed=0, today=TODAY)


def snapshot() -> list[tuple]:
    return [(r.code, r.full_name, r.birth_date, r.sex, r.class_name, r.left_on)
            for r in children.list_children(include_left=True)]


def rebuild(**kw) -> list[tuple]:
    session.open_memory()
    demo.build_demo(**{"children": 80, "today": TODAY, **kw})
    return snapshot()


def test_summary_counts_match_the_database(built):
    s = built
    assert s.year_name == "2026-2027"
    assert s.children == children.count_children() == 250
    assert len(children.list_children(include_left=True)) == 250 + s.children_left
    assert 2 <= s.children_left <= 3
    assert s.children_moved >= 3
    assert 8 <= s.classes == len(classes.list_classes()) <= 10
    assert s.staff == len(staff.list_staff())


def test_school_sits_under_the_commune_and_the_province_department(built):
    info = school.school_info()
    assert info.name == "Trường Mầm non Hoa Sen (dữ liệu mẫu)" and info.code == "MN-DEMO"
    assert [p.level_name for p in info.parents] == ["UBND xã", "Sở GD&ĐT"]
    assert info.parents[0].name == "Ủy ban nhân dân xã Yên Lạc"
    assert info.parents[1].name == "Sở Giáo dục và Đào tạo tỉnh Phú Thọ"
    assert info.year.is_current and info.year.start_date == dt.date(2026, 9, 1)


def test_classes_cover_every_age_group_each_with_a_main_teacher(built):
    rows = classes.list_classes()
    assert {c.age_group for c in rows} == {g.code for g in AGE_GROUPS}
    assert all(c.main_teacher_name for c in rows)
    names = {c.name for c in rows}
    assert {"Nhà trẻ 13–24 tháng A", "Mầm 1", "Chồi 1", "Lá 1"} <= names
    # head-counts follow the class-size limits (biggest classes are the 5–6 year olds)
    by_group = collections.defaultdict(list)
    for c in rows:
        by_group[c.age_group].append(c.size)
    assert max(by_group["NT_3_12"]) < min(by_group["MG_5_6"])


def test_every_child_is_the_age_of_its_class(built):
    year = school.current_year()
    group_of = {c.id: c.age_group for c in classes.list_classes()}
    rows = children.list_children()
    assert rows
    for r in rows:
        assert children.age_warning(r.birth_date, group_of[r.class_id], year.start_date, TODAY) == "", r
        assert r.birth_date.year - year.start_date.year in [
            -k for k in AGE_GROUP_BY_CODE[group_of[r.class_id]].years_before_school_year]


def test_every_record_passes_the_forms_checks(built):
    for r in children.list_children(include_left=True):
        form = children.form_for(r.id)
        _, chk = children.check_child(form, child_id=r.id, today=TODAY)
        assert chk.errors == {}, (r.full_name, chk.errors)
    for s in staff.list_staff():
        _, chk = staff.check_staff(staff.form_for(s.id), staff_id=s.id)
        assert chk.errors == {}, (s.full_name, chk.errors)


def test_children_look_like_a_vietnamese_school(built):
    details = [children.get_child(r.id) for r in children.list_children(include_left=True)]
    rows = [d.row for d in details]
    boys = sum(r.sex == "M" for r in rows)
    assert 0.4 < boys / len(rows) < 0.6
    ethnic = collections.Counter(d.ethnicity for d in details)
    assert 0.75 < ethnic["Kinh"] / len(details) < 0.95
    assert len(ethnic) >= 4 and set(ethnic) <= set(ETHNIC_NAMES)
    words = collections.Counter(len(r.full_name.split()) for r in rows)
    assert words[3] > words[4] > 0
    families = collections.Counter(r.full_name.split()[0] for r in rows)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert all(unicodedata.is_normalized("NFC", r.full_name) for r in rows)
    assert sum(any(ord(ch) > 127 for ch in r.full_name) for r in rows) > 0.9 * len(rows)
    assert all(d.village for d in details)
    assert any(d.policy_category for d in details)
    assert all(d.policy_category in POLICY_CATEGORIES or not d.policy_category for d in details)
    assert sum(bool(d.disability) for d in details) >= 2


def test_guardians_are_parents_with_real_looking_phones(built):
    details = [children.get_child(r.id) for r in children.list_children(include_left=True)]
    phones = []
    fathers = 0
    for d in details:
        assert d.guardians, d.row.full_name
        for g in d.guardians:
            if g.relation == "Bố":
                fathers += 1
                assert g.full_name.split()[0] == d.row.full_name.split()[0]  # shares the family name
            if g.phone:
                assert parse_phone(g.phone) == g.phone and len(g.phone) == 10
                assert g.phone[:2] in ("03", "05", "07", "08", "09")
                phones.append(g.phone)
    assert fathers > 0.7 * len(details)
    assert len(phones) == len(set(phones))


def test_staff_has_every_role(built):
    rows = staff.list_staff()
    positions = collections.Counter(s.position for s in rows)
    n_classes = len(classes.list_classes())
    assert positions["Hiệu trưởng"] == 1
    assert 1 <= positions["Phó hiệu trưởng"] <= 2
    assert 2 * n_classes - 1 <= positions["Giáo viên"] <= 2 * n_classes + 1
    assert positions["Kế toán"] == 1 and positions["Nhân viên y tế"] == 1 and positions["Bảo vệ"] == 1
    assert 2 <= positions["Nhân viên nấu ăn"] <= 4
    for s in rows:
        assert s.qualification and s.birth_date and s.started_on
        assert parse_phone(s.phone) == s.phone
        assert 20 <= TODAY.year - s.birth_date.year <= 66


def test_history_has_moves_and_departures(built):
    details = [children.get_child(r.id) for r in children.list_children(include_left=True)]
    moved = [d for d in details if len(d.history) == 2]
    left = [d for d in details if d.row.left_on]
    assert len(moved) == built.children_moved
    for d in moved:
        (a, start, end), (b, start2, open_end) = d.history
        assert a != b and end == start2 and open_end is None and start <= end <= TODAY
    assert len(left) == built.children_left
    assert all(d.left_reason and d.history[-1][2] == d.row.left_on for d in left)


def test_same_seed_same_school_other_seed_or_code_another(empty_db):
    first = rebuild(seed=5)
    assert rebuild(seed=5) == first
    assert rebuild(seed=6) != first
    assert rebuild(seed=5, code="MN-KHAC") != first


def test_a_database_with_a_school_is_refused_untouched(built):
    before = snapshot()
    with pytest.raises(ValidationError, match="đã có trường"):
        demo.build_demo(children=10, seed=3, today=TODAY)
    assert snapshot() == before


def test_bad_arguments_are_refused(empty_db):
    with pytest.raises(ValidationError, match="Năm học"):
        demo.build_demo(year_name="2026-2028", today=TODAY)
    with pytest.raises(ValidationError, match="Năm học của dữ liệu mẫu"):
        demo.build_demo(year_name="2015-2016", today=TODAY)
    with pytest.raises(ValidationError, match="Năm học của dữ liệu mẫu"):
        demo.build_demo(year_name="2027-2028", today=TODAY)
    with pytest.raises(ValidationError, match="Số trẻ"):
        demo.build_demo(children=-1, today=TODAY)
    assert not school.is_initialised()


@pytest.mark.parametrize("today", [dt.date(2026, 8, 10), dt.date(2026, 9, 2), dt.date(2027, 1, 15),
                                   dt.date(2027, 5, 30), dt.date(2027, 7, 20)])
def test_any_day_of_the_year_gives_a_valid_demo(empty_db, today):
    s = demo.build_demo(children=60, seed=2, today=today)
    assert s.children == 60
    year = school.current_year()
    group_of = {c.id: c.age_group for c in classes.list_classes()}
    for r in children.list_children():
        assert r.birth_date <= today
        assert children.age_warning(r.birth_date, group_of[r.class_id], year.start_date, today) == ""


@pytest.mark.parametrize("year_name", ["2024-2025", "2025-2026"])
def test_an_earlier_school_year_has_its_history_inside_that_year(empty_db, year_name):
    s = demo.build_demo(children=60, seed=3, year_name=year_name, today=TODAY)
    year = school.current_year()
    assert s.year_name == year.name == year_name
    for r in children.list_children(include_left=True):
        d = children.get_child(r.id)
        assert year.start_date <= d.history[0][1] and all(end is None or end <= year.end_date
                                                           for _, _, end in d.history)


def test_a_big_school_gets_more_classes(empty_db):
    s = demo.build_demo(children=1000, seed=1, today=TODAY)
    assert s.children == 1000
    assert s.classes > 10
    assert max(c.size for c in classes.list_classes()) <= 40


def test_current_school_year_turns_in_august():
    assert demo.current_school_year_name(dt.date(2026, 7, 31)) == "2025-2026"
    assert demo.current_school_year_name(dt.date(2026, 8, 1)) == "2026-2027"
    assert demo.current_school_year_name(dt.date(2027, 5, 31)) == "2026-2027"


def test_parent_units_follow_the_two_tier_local_government():
    assert demo.parent_units_for("Phường Hoa Lư", "Tỉnh Ninh Bình") == [
        school.UnitRef("UBND phường", "UBND-HOA-LU", "Ủy ban nhân dân phường Hoa Lư"),
        school.UnitRef("Sở GD&ĐT", "SGDDT-NINH-BINH", "Sở Giáo dục và Đào tạo tỉnh Ninh Bình"),
    ]
    assert demo.parent_units_for("", "Thành phố Hà Nội") == [
        school.UnitRef("Sở GD&ĐT", "SGDDT-HA-NOI", "Sở Giáo dục và Đào tạo thành phố Hà Nội")]


@pytest.mark.parametrize("seed, n", [(0, 250), (1, 250), (2, 120), (3, 400)])
def test_no_demo_class_is_over_its_legal_size(empty_db, seed, n):
    demo.build_demo(children=n, seed=seed)
    over = [(c.name, c.size, c.max_children) for c in classes.list_classes() if c.size > c.max_children]
    assert over == []
