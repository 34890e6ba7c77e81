"""The CSDL ngành children diff (new, updated, moved, left, missing, duplicate, ambiguous) and applying it."""

from __future__ import annotations

import datetime as dt

import pytest
from csdl_workbooks import add_child, child_row, write_csdl_file

from importers.csdl_reader import read_csdl
from mamnon.errors import MamnonError
from mamnon.models import Child, Guardian
from mamnon.services import children, classes
from mamnon.services.csdl_import import (
    AMBIGUOUS, DUPLICATE, LEFT, MISSING, MOVED, NEW, UNCHANGED, UPDATED, apply_diff, assign_temp_codes, diff_children,
)

TODAY = dt.date(2026, 11, 23)
FIRST_ROW = 6  # three titles, a blank row, the header on row 5


@pytest.fixture
def school(school_db):
    ids = dict(school_db)
    ids["Lá 2"] = classes.create_class(classes.ClassForm(name="Lá 2", age_group="MG_5_6")).id
    kids = {
        "an": add_child(ids["Mầm 1"], "Nguyễn Thị An", "05/03/2023", province="Tỉnh Phú Thọ", commune="Xã Cũ"),
        "binh": add_child(ids["Mầm 1"], "Trần Văn Bình", "10/10/2023", sex="M"),
        "cuc": add_child(ids["Lá 1"], "Lê Thị Cúc", "01/01/2021"),
        "dung": add_child(ids["Lá 1"], "Phạm Văn Dũng", "02/02/2021", sex="M"),
        "em1": add_child(ids["Lá 1"], "Hoàng Thị Em", "03/03/2021"),
        "em2": add_child(ids["Lá 1"], "Hoàng Thị Em", "03/03/2021"),
        "gam": add_child(ids["Lá 1"], "Vũ Thị Gấm", "04/04/2021"),
    }
    for key, code in (("an", "MC001"), ("cuc", "MC003"), ("gam", "MC006")):
        Child.update(ministry_code=code).where(Child.id == kids[key].id).execute()
    assert assign_temp_codes() == 4  # Bình, Dũng and the two Em wait for a Ministry code
    return ids, kids


def _rows():
    return [
        child_row("Nguyễn Thị An", "05/03/2023", "Mầm 1", code="MC001",
                  **{"Xã/Phường": "Xã Mới", "Họ tên cha": "Nguyễn Văn Cha"}),
        child_row("Trần Văn Bình", "10/10/2023", "Mầm 1", code="MC002", sex="Nam"),
        child_row("Lê Thị Cúc", "01/01/2021", "Lá 2", code="MC003"),
        child_row("Hoàng Thị Em", "03/03/2021", "Lá 1"),
        child_row("Vũ Thị Gấm", "04/04/2021", "Lá 1", code="MC006", **{"Trạng thái": "Chuyển đi kỳ 1"}),
        child_row("Đỗ Minh Hải", "06/06/2022", "Mầm 1", sex="Nam"),
        child_row("Nguyễn Thị An", "05/03/2023", "Mầm 1", code="MC001"),
    ]


def _diff(tmp_path, rows, **kw):
    book = read_csdl(write_csdl_file(tmp_path / "hs.xlsx", rows), today=TODAY)
    return diff_children(book.sheet, today=TODAY, **kw)


def _by_row(diff):
    return {e.row - FIRST_ROW + 1: e for e in diff.entries if e.row is not None}


def test_every_group_of_the_diff(school, tmp_path):
    _, kids = school
    diff = _diff(tmp_path, _rows())
    rows = _by_row(diff)
    assert {n: e.status for n, e in rows.items()} == {
        1: UPDATED, 2: UPDATED, 3: MOVED, 4: AMBIGUOUS, 5: LEFT, 6: NEW, 7: DUPLICATE}
    assert [c.text() for c in rows[1].changes] == [
        "Xã/Phường: «Xã Cũ» → «Xã Mới»", "Họ tên cha: «(trống)» → «Nguyễn Văn Cha»"]  # blank province: no change
    assert [(c.field, c.old, c.new) for c in rows[2].changes] == [("ministry_code", "", "MC002")]
    assert (rows[3].from_class, rows[3].to_class) == ("Lá 1", "Lá 2")
    assert {c.record_id for c in rows[4].candidates} == {kids["em1"].id, kids["em2"].id}
    assert rows[5].note == f"Chuyển đi kỳ 1 từ {TODAY:%d/%m/%Y}"
    assert rows[7].note == "trùng mã định danh MC001 với dòng 6"
    assert {e.record_id for e in diff.group(MISSING)} == {kids["dung"].id, kids["em1"].id, kids["em2"].id}
    assert diff.counts()[UNCHANGED] == 0
    assert diff.blocking == ["1 dòng trùng trong tệp", "1 dòng chưa chọn trẻ (--match DÒNG=MÃ)"]


def test_apply_is_refused_while_blocked_and_writes_nothing(school, tmp_path):
    before = [(c.id, c.commune, c.ministry_code, c.left_on) for c in Child.select().order_by(Child.id)]
    diff = _diff(tmp_path, _rows())
    with pytest.raises(MamnonError, match="trùng trong tệp"):
        apply_diff(diff, today=TODAY)
    assert [(c.id, c.commune, c.ministry_code, c.left_on) for c in Child.select().order_by(Child.id)] == before


def test_apply_after_choosing_writes_everything_and_a_second_import_changes_nothing(school, tmp_path):
    ids, kids = school
    rows = _rows()[:-1]
    matches = {FIRST_ROW + 3: kids["em1"].code}
    diff = _diff(tmp_path, rows, matches=matches)
    assert not diff.blocking
    done = apply_diff(diff, today=TODAY)
    assert (done.created, done.updated, done.moved, done.left, done.temp_codes) == (1, 2, 1, 1, 1)

    an = Child.get_by_id(kids["an"].id)
    assert (an.commune, an.province) == ("Xã Mới", "Tỉnh Phú Thọ")
    assert [(g.full_name, g.relation) for g in Guardian.select().where(Guardian.child == an.id)] == [
        ("Nguyễn Văn Cha", "Bố")]
    binh = Child.get_by_id(kids["binh"].id)
    assert (binh.ministry_code, binh.temp_code) == ("MC002", "")  # the real code replaced the temporary one
    assert children.get_child(kids["cuc"].id).row.class_id == ids["Lá 2"]
    gam = Child.get_by_id(kids["gam"].id)
    assert (gam.left_on, gam.left_reason) == (TODAY, "Chuyển đi kỳ 1")
    hai = Child.get(Child.full_name == "Đỗ Minh Hải")
    assert (hai.sex, hai.birth_date, hai.ministry_code) == ("M", dt.date(2022, 6, 6), "")
    assert hai.temp_code == "TAM-MN01-5"  # after the four given in the fixture
    assert children.get_child(hai.id).row.class_id == ids["Mầm 1"]

    again = _diff(tmp_path, rows, matches=matches)
    assert [e.status for e in again.entries if e.row is not None] == [UNCHANGED] * 6
    assert not again.has_changes


def test_a_real_code_attaches_only_when_the_class_agrees(school, tmp_path):
    _, kids = school
    rows = [child_row("Trần Văn Bình", "10/10/2023", "Lá 1", code="MC002", sex="Nam")]
    (entry,) = [e for e in _diff(tmp_path, rows).entries if e.row is not None]
    assert entry.status == AMBIGUOUS and entry.note == "trẻ cùng họ tên, ngày sinh nhưng khác lớp"
    assert [c.record_id for c in entry.candidates] == [kids["binh"].id]
    chosen = _diff(tmp_path, rows, matches={FIRST_ROW: kids["binh"].code})
    (entry,) = [e for e in chosen.entries if e.row is not None]
    assert entry.status == MOVED and [c.field for c in entry.changes] == ["ministry_code"]


def test_a_child_with_another_ministry_code_is_someone_else(school, tmp_path):
    rows = [child_row("Lê Thị Cúc", "01/01/2021", "Lá 1", code="MC999")]
    (entry,) = [e for e in _diff(tmp_path, rows).entries if e.row is not None]
    assert entry.status == NEW


def test_the_forms_rules_are_checked_before_anything_is_written(school, tmp_path):
    count = Child.select().count()
    rows = [child_row("Đỗ Minh Hải", "06/06/2022", "Mầm 1"), child_row("Lò Văn 2", "06/06/2022", "Mầm 1"),
            child_row("Mai Anh", "06/06/2022", "Lớp Không Có")]
    diff = _diff(tmp_path, rows)
    assert [(e.row, e.header) for e in diff.errors] == [(FIRST_ROW + 1, "Họ và tên (*)"), (FIRST_ROW + 2, "Lớp (*)")]
    assert "chỉ gồm chữ cái" in diff.errors[0].message
    assert "«Lớp Không Có» không có trong năm học hiện tại" in diff.errors[1].message
    with pytest.raises(MamnonError, match="2 ô sai"):
        apply_diff(diff, today=TODAY)
    assert Child.select().count() == count


def test_a_child_who_left_before_and_is_listed_as_left_is_not_added(school, tmp_path):
    rows = [child_row("Ma Văn Xa", "06/06/2022", "Mầm 1", sex="Nam", **{"Trạng thái": "05"})]
    assert [e for e in _diff(tmp_path, rows).entries if e.row is not None] == []
