"""Importing a roster from parsed rows: match by code or by name + birth date, all or nothing, idempotent."""

from __future__ import annotations

import datetime as dt

from mamnon.db import integrity_check
from mamnon.models import Child
from mamnon.services import children
from mamnon.services.roster_import import import_roster
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 23)


def row(name, birth=dt.date(2021, 3, 4), sex="F", class_name="Lá 1", **extra):
    return {"full_name": name, "birth_date": birth, "sex": sex, "class_name": class_name, **extra}


def numbered(rows, first=5):
    return list(enumerate(rows, start=first))


def names():
    return sorted(c.full_name for c in children.list_children(include_left=True))


def test_new_children_get_codes_a_class_and_guardians(school_db):
    result = import_roster(numbered([
        row("Trần Thị An", guardian1_name="Trần Văn Hùng", guardian1_relation="Bố",
            guardian1_phone="0912 345 678"),
        row("Lê Văn Bình", dt.date(2023, 5, 1), "M", "Mầm 1", ethnicity="Tày", code="LB-01"),
    ]), today=TODAY)
    assert (result.created, result.updated, result.unchanged, result.errors) == (2, 0, 0, [])
    assert result.applied
    by_name = {c.full_name: c for c in children.list_children()}
    an, binh = by_name["Trần Thị An"], by_name["Lê Văn Bình"]
    assert an.code == "HS00001" and an.class_name == "Lá 1"
    assert binh.code == "LB-01" and binh.class_name == "Mầm 1" and binh.sex == "M"
    detail = children.get_child(an.id)
    assert detail.guardians[0].full_name == "Trần Văn Hùng" and detail.guardians[0].phone == "0912345678"
    assert detail.enrolled_on == TODAY
    assert children.get_child(binh.id).ethnicity == "Tày"


def test_importing_the_same_rows_twice_changes_nothing(school_db):
    rows = numbered([row("Trần Thị An", note="Dị ứng sữa", enrolled_on=None), row("Lê Văn Bình", sex="M")])
    import_roster(rows, today=TODAY)
    stamps = sorted(Child.select(Child.updated_at).tuples())
    again = import_roster(rows, today=TODAY)
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 2, [])
    assert sorted(Child.select(Child.updated_at).tuples()) == stamps
    assert names() == ["Lê Văn Bình", "Trần Thị An"]


def test_a_child_is_updated_by_code_and_matched_by_name_and_birth_date(school_db):
    an = add_child(school_db["Lá 1"], "Trần Thị An", "04/03/2021")
    binh = add_child(school_db["Lá 1"], "Lê Văn Bình", "04/03/2021", sex="M")
    result = import_roster(numbered([
        row("Trần Thị Ân", code=an.code, village="Thôn Đông"),
        row("lê  văn bình", sex="M", village="Thôn Tây"),
    ]), today=TODAY)
    assert (result.created, result.updated, result.errors) == (0, 2, [])
    assert children.get_child(an.id).row.full_name == "Trần Thị Ân"
    assert children.get_child(binh.id).village == "Thôn Tây"
    assert children.get_child(binh.id).row.code == binh.code


def test_an_ambiguous_name_and_birth_date_asks_for_the_code(school_db):
    first = add_child(school_db["Lá 1"], "Nguyễn Thị Mai", "04/03/2021")
    second = add_child(school_db["Mầm 1"], "Nguyễn Thị Mai", "04/03/2021")
    result = import_roster(numbered([row("Nguyễn Thị Mai", note="x")]), today=TODAY)
    assert not result.ok and not result.applied
    error = result.errors[0]
    assert (error.row, error.header) == (5, "Mã trẻ")
    assert first.code in error.message and second.code in error.message
    assert "hãy ghi mã trẻ" in error.message
    assert children.get_child(first.id).note == ""


def test_one_bad_row_among_fifty_writes_nothing(school_db):
    rows = [row(f"Trần Thị {chr(65 + i % 26)}{'a' * (i // 26)}", dt.date(2021, 1, 1) + dt.timedelta(days=i))
            for i in range(50)]
    rows[37]["birth_date"] = dt.date(2027, 1, 1)
    result = import_roster(numbered(rows), today=TODAY)
    assert [(e.row, e.header, e.message) for e in result.errors] == [(42, "Ngày sinh", "Ngày sinh ở tương lai.")]
    assert (result.created, result.applied) == (0, False)
    assert children.list_children(include_left=True) == []
    assert integrity_check() == "ok"


def test_errors_are_placed_on_the_file_columns(school_db):
    columns = {"full_name": 0, "birth_date": 1, "sex": 2, "class_name": 3, "guardian1_phone": 7}
    result = import_roster(numbered([
        row("Trần Thị An", class_name="Lá 9"),
        row("Lê 2 Bình", guardian1_phone="12"),
    ]), columns=columns, sheet_name="Trang 1", today=TODAY)
    assert [(e.sheet, e.cell, e.header) for e in result.errors] == [
        ("Trang 1", "D5", "Lớp"), ("Trang 1", "A6", "Họ và tên"), ("Trang 1", "H6", "Điện thoại 1")]
    assert result.errors[0].message.startswith("Lớp «Lá 9» không có trong năm học hiện tại")
    assert result.errors[1].message.startswith("Họ và tên chỉ gồm chữ cái")


def test_dry_run_counts_but_writes_nothing(school_db):
    add_child(school_db["Lá 1"], "Trần Thị An", "04/03/2021")
    result = import_roster(numbered([row("Trần Thị An", note="mới"), row("Lê Văn Bình")]), dry_run=True,
                           today=TODAY)
    assert (result.created, result.updated, result.applied) == (1, 1, False)
    assert names() == ["Trần Thị An"]


def test_a_new_class_moves_the_child_today_with_a_warning(school_db):
    an = add_child(school_db["Mầm 1"], "Trần Thị An", "04/03/2021")
    result = import_roster(numbered([row("Trần Thị An", code=an.code)]), today=TODAY)
    assert result.updated == 1
    # The age is judged against the new class (5–6 fits a child born in 2021), not the old one.
    assert [w.message for w in result.warnings] == [
        "Trần Thị An sẽ chuyển từ lớp Mầm 1 sang lớp Lá 1 từ ngày 23/11/2026."]
    history = children.get_child(an.id).history
    assert [(name, start, end) for name, start, end in history][-1] == ("Lá 1", TODAY, None)


def test_the_same_new_child_twice_in_a_file_is_an_error(school_db):
    result = import_roster(numbered([row("Trần Thị An"), row("Trần Thị An")]), today=TODAY)
    assert [(e.row, e.header) for e in result.errors] == [(6, "Họ và tên")]
    assert "dòng 5" in result.errors[0].message
    assert names() == []


def test_new_codes_skip_codes_written_in_the_file(school_db):
    result = import_roster(numbered([row("Trần Thị An"), row("Lê Văn Bình", code="HS00001")]), today=TODAY)
    assert result.ok
    assert sorted(c.code for c in children.list_children()) == ["HS00001", "HS00002"]
