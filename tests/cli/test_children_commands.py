"""`mamnon children list`."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.services import children, classes, school, session, staff

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def small_school(db_path):
    """Six children in two classes, made through the services; one has left."""
    session.open_path(db_path)
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", year_name="2026-2027")
    teacher = staff.create_staff(staff.StaffForm(full_name="Nguyễn Thị Lan", sex="F", position="Giáo viên"))
    la = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6", main_teacher_id=teacher.id)).id
    mam = classes.create_class(classes.ClassForm(name="Mầm 1", age_group="MG_3_4", main_teacher_id=teacher.id)).id
    kids = [
        ("Nguyễn Thị Đào", "12/03/2021", "F", la),
        ("Trần Văn Dũng", "01/07/2021", "M", la),
        ("Lê Thị Ánh", "05/05/2023", "F", mam),
        ("Phạm Minh Anh", "30/11/2021", "M", la),
        ("Nguyễn Văn An", "09/09/2023", "M", mam),
        ("Hoàng Thị Ân", "15/01/2021", "F", la),
    ]
    ids = {}
    for name, birth, sex, class_id in kids:
        row = children.create_child(children.ChildForm(full_name=name, birth_date=birth, sex=sex, class_id=class_id,
                                                       enrolled_on="05/09/2026"), today=TODAY)
        ids[name] = row.id
    children.mark_left(ids["Trần Văn Dũng"], dt.date(2026, 10, 15), "Chuyển trường")
    session.close()
    return ids


EXPECTED_TABLE = """\
Mã       Họ và tên       Ngày sinh   Giới  Lớp
-------  --------------  ----------  ----  -----
HS00005  Nguyễn Văn An   09/09/2023  Nam   Mầm 1
HS00004  Phạm Minh Anh   30/11/2021  Nam   Lá 1
HS00003  Lê Thị Ánh      05/05/2023  Nữ    Mầm 1
HS00006  Hoàng Thị Ân    15/01/2021  Nữ    Lá 1
HS00001  Nguyễn Thị Đào  12/03/2021  Nữ    Lá 1
5 trẻ
"""


def test_the_list_is_sorted_by_given_name_the_vietnamese_way(run, small_school):
    result = run("children", "list")
    assert result.exit_code == 0, result.output
    assert result.output == EXPECTED_TABLE


def test_all_includes_children_who_left_with_the_day_they_left(run, small_school):
    result = run("children", "list", "--all")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Mã", "Họ", "và", "tên", "Ngày", "sinh", "Giới", "Lớp", "Nghỉ", "học", "từ"]
    assert lines[6].split() == ["HS00002", "Trần", "Văn", "Dũng", "01/07/2021", "Nam", "Lá", "1", "15/10/2026"]
    assert lines[-1] == "6 trẻ"


def test_csv_has_a_header_and_one_line_per_child(run, small_school):
    result = run("children", "list", "--format", "csv", "--class", "Mầm 1")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Mã,Họ và tên,Ngày sinh,Giới,Lớp\n"
        "HS00005,Nguyễn Văn An,09/09/2023,Nam,Mầm 1\n"
        "HS00003,Lê Thị Ánh,05/05/2023,Nữ,Mầm 1\n"
    )


@pytest.mark.parametrize("query", ["nguyen thi", "NGUYỄN THỊ", "Nguyen Thi"])
def test_search_ignores_diacritics_and_case(run, small_school, query):
    result = run("children", "list", "--search", query)
    assert result.exit_code == 0, result.output
    assert "Nguyễn Thị Đào" in result.output
    assert "Nguyễn Văn An" not in result.output
    assert result.output.endswith("1 trẻ\n")


@pytest.mark.parametrize("typed", ["la 1", "LÁ 1", "Lá 1"])
def test_class_is_matched_ignoring_case_and_diacritics(run, small_school, typed):
    result = run("children", "list", "--class", typed)
    assert result.exit_code == 0, result.output
    assert result.output.endswith("3 trẻ\n")
    assert "Mầm 1" not in result.output


def test_an_unknown_class_lists_the_classes(run, small_school):
    result = run("children", "list", "--class", "Chồi 9")
    assert result.exit_code == 1
    assert "Không có lớp «Chồi 9»" in result.output
    assert "Các lớp: Mầm 1, Lá 1." in result.output


def test_nothing_found_still_prints_the_count(run, small_school):
    result = run("children", "list", "--search", "xyz")
    assert result.exit_code == 0
    assert result.output == "Không có trẻ nào.\n0 trẻ\n"


def test_a_demo_school_lists_its_children(run):
    assert run("demo", "--children", "60").exit_code == 0
    session.close()
    result = run("children", "list")
    assert result.exit_code == 0
    assert result.output.endswith("60 trẻ\n")


def test_text_that_looks_like_a_formula_stays_text_in_the_csv(run, db_path, small_school):
    """Names are letters only, but a class name is free text: "=1+2" must not run when Excel opens the CSV."""
    session.open_path(db_path)
    odd = classes.create_class(classes.ClassForm(name="=1+2", age_group="MG_4_5")).id
    children.create_child(children.ChildForm(full_name="Vũ Minh Khôi", birth_date="01/02/2022", sex="M",
                                             class_id=odd, enrolled_on="05/09/2026"), today=TODAY)
    session.close()
    result = run("children", "list", "--format", "csv", "--search", "khoi")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].endswith(",'=1+2")
