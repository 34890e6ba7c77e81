"""Children: the form's checks, the register, moving between classes and leaving."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import ValidationError
from mamnon.services import children, classes
from mamnon.services.children import ChildForm, GuardianForm
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 23)


def check(form, **kw):
    _, chk = children.check_child(form, today=TODAY, **kw)
    return chk.errors, chk.warnings


def test_a_valid_child_is_created_in_its_class_with_guardians(school_db):
    form = ChildForm(full_name="  đặng   văn an ", birth_date="5/3/2021", sex="Nam",
                     class_id=school_db["Lá 1"], enrolled_on="05/09/2026", ethnicity="tay",
                     guardians=[GuardianForm("đặng văn bình", "Bố", "0912 345 678"), GuardianForm()])
    row = children.create_child(form, today=TODAY)
    detail = children.get_child(row.id)
    assert (row.full_name, row.birth_date, row.sex, row.class_name) == (
        "Đặng Văn An", dt.date(2021, 3, 5), "M", "Lá 1")
    assert detail.ethnicity == "Tày"
    assert detail.guardians == (children.GuardianRow("Đặng Văn Bình", "Bố", "0912345678"),)
    assert detail.history == (("Lá 1", dt.date(2026, 9, 5), None),)
    assert row.code == "HS00001"


def test_codes_are_automatic_and_unique(school_db):
    a = add_child(school_db["Lá 1"], "Lê An", "01/02/2021")
    b = add_child(school_db["Lá 1"], "Lê Bình", "01/02/2021")
    assert (a.code, b.code) == ("HS00001", "HS00002")
    errors, _ = check(ChildForm(full_name="Lê Cúc", birth_date="01/02/2021", sex="F",
                                class_id=school_db["Lá 1"], code="HS00001"))
    assert errors == {"code": "Mã HS00001 đã dùng cho trẻ khác."}


def test_every_field_error_is_reported_at_once(school_db):
    errors, _ = check(ChildForm(full_name="", birth_date="31/02/2021", sex="", class_id=None,
                                ethnicity="Klingon",
                                guardians=[GuardianForm("", "Bố", "12345"), GuardianForm()]))
    assert errors == {
        "full_name": "Cần nhập họ và tên.",
        "birth_date": "Ngày 31/02/2021 không có trên lịch.",
        "sex": "Cần chọn giới tính.",
        "ethnicity": errors["ethnicity"],
        "class_id": "Cần chọn lớp.",
        "guardian1_name": "Cần nhập họ tên người giám hộ.",
        "guardian1_phone": errors["guardian1_phone"],
    }
    assert errors["ethnicity"].startswith("Dân tộc «Klingon» không có trong danh sách")
    assert errors["guardian1_phone"].startswith("Số điện thoại không đúng")


@pytest.mark.parametrize(
    "birth, message",
    [
        ("01/01/2027", "Ngày sinh ở tương lai."),
        ("01/01/2016", "Trẻ đã quá 8 tuổi: không phải tuổi mầm non."),
        ("", "Cần nhập ngày sinh (dd/mm/yyyy)."),
    ],
)
def test_impossible_birth_dates_are_errors(school_db, birth, message):
    errors, _ = check(ChildForm(full_name="Lê An", birth_date=birth, sex="M", class_id=school_db["Lá 1"]))
    assert errors == {"birth_date": message}


def test_names_with_digits_are_refused(school_db):
    errors, _ = check(ChildForm(full_name="Lê An 2", birth_date="01/02/2021", sex="M", class_id=school_db["Lá 1"]))
    assert errors == {"full_name": "Họ và tên chỉ gồm chữ cái (không có số hay ký hiệu)."}


def test_age_outside_the_class_group_is_a_warning_not_a_block(school_db):
    form = ChildForm(full_name="Lê An", birth_date="01/02/2024", sex="M", class_id=school_db["Lá 1"],
                     enrolled_on="05/09/2026")
    errors, warnings = check(form)
    assert errors == {}
    assert "Mẫu giáo 5–6 tuổi" in warnings["birth_date"]
    assert children.create_child(form, today=TODAY).class_name == "Lá 1"


@pytest.mark.parametrize(
    "group_class, birth",
    [("Lá 1", "31/12/2021"), ("Lá 1", "01/01/2021"), ("Mầm 1", "15/06/2023"), ("Nhà trẻ A", "20/10/2024")],
)
def test_children_born_in_the_groups_year_fit(school_db, group_class, birth):
    _, warnings = check(ChildForm(full_name="Lê An", birth_date=birth, sex="M", class_id=school_db[group_class]))
    assert warnings == {}


def test_search_ignores_diacritics_and_case(school_db):
    for name in ("Nguyễn Thị Hoa", "Nguyễn Văn Hòa", "Ngô Thị Thu", "Trần Thị Nguyệt", "Nguyễn Văn Thịnh"):
        add_child(school_db["Lá 1"], name, "01/02/2021")
    found = lambda q: [r.full_name for r in children.list_children(search=q)]  # noqa: E731
    assert found("nguyen thi") == ["Nguyễn Thị Hoa"]
    assert found("  NGUYỄN   thị ") == ["Nguyễn Thị Hoa"]
    assert found("NGUYEN") == ["Nguyễn Thị Hoa", "Nguyễn Văn Hòa", "Nguyễn Văn Thịnh"]
    assert found("nguy") == ["Nguyễn Thị Hoa", "Nguyễn Văn Hòa", "Trần Thị Nguyệt", "Nguyễn Văn Thịnh"]
    assert found("hoa") == ["Nguyễn Thị Hoa", "Nguyễn Văn Hòa"]
    assert found("thi thu") == ["Ngô Thị Thu"]
    assert found("hs00002") == ["Nguyễn Văn Hòa"]
    assert found("xyz") == []


def test_the_register_is_sorted_the_vietnamese_way(school_db):
    for name in ("Đặng Văn Minh", "Dương Văn Minh", "Lê Thị Ngô", "Lê Thị Ngọc", "An", "Phạm Bảo An"):
        add_child(school_db["Lá 1"], name, "01/02/2021")
    assert [r.full_name for r in children.list_children()] == [
        "An", "Phạm Bảo An", "Dương Văn Minh", "Đặng Văn Minh", "Lê Thị Ngọc", "Lê Thị Ngô",
    ]


def test_moving_keeps_the_history_and_updates_head_counts(school_db):
    child = add_child(school_db["Mầm 1"], "Lê An", "01/02/2023")
    moved = children.move_child(child.id, school_db["Lá 1"], dt.date(2026, 10, 1))
    assert moved.class_name == "Lá 1"
    assert children.get_child(child.id).history == (
        ("Mầm 1", dt.date(2026, 9, 5), dt.date(2026, 10, 1)),
        ("Lá 1", dt.date(2026, 10, 1), None),
    )
    sizes = {c.name: c.size for c in classes.list_classes()}
    assert sizes == {"Nhà trẻ A": 0, "Mầm 1": 0, "Lá 1": 1}
    assert [r.full_name for r in children.list_children(class_id=school_db["Mầm 1"])] == []


def test_moving_before_the_current_stay_began_is_refused(school_db):
    child = add_child(school_db["Mầm 1"], "Lê An", "01/02/2023")
    with pytest.raises(ValidationError) as info:
        children.move_child(child.id, school_db["Lá 1"], dt.date(2026, 9, 1))
    assert info.value.errors == {"on": "Ngày chuyển phải từ 05/09/2026 trở đi (ngày vào lớp hiện tại)."}
    with pytest.raises(ValidationError):
        children.move_child(child.id, school_db["Mầm 1"], dt.date(2026, 10, 1))


def test_leaving_is_never_a_delete(school_db):
    child = add_child(school_db["Lá 1"], "Lê An", "01/02/2021")
    with pytest.raises(ValidationError, match="lý do"):
        children.mark_left(child.id, dt.date(2026, 11, 1), " ")
    children.mark_left(child.id, dt.date(2026, 11, 1), "Chuyển trường")
    assert children.list_children() == []
    [row] = children.list_children(include_left=True)
    assert row.left_on == dt.date(2026, 11, 1) and row.class_name == "Lá 1"
    detail = children.get_child(child.id)
    assert detail.left_reason == "Chuyển trường"
    assert detail.history == (("Lá 1", dt.date(2026, 9, 5), dt.date(2026, 11, 1)),)
    with pytest.raises(ValidationError, match="đã nghỉ học"):
        children.move_child(child.id, school_db["Mầm 1"], dt.date(2026, 11, 5))
    back = children.readmit_child(child.id, school_db["Lá 1"], dt.date(2026, 12, 1))
    assert back.left_on is None and len(children.get_child(child.id).history) == 2


def test_editing_keeps_the_class_and_replaces_guardians(school_db):
    child = add_child(school_db["Lá 1"], "Lê An", "01/02/2021",
                      guardians=[GuardianForm("Lê Bố", "Bố", "0912345678"), GuardianForm("Trần Mẹ", "Mẹ", "")])
    form = children.form_for(child.id)
    assert form.birth_date == "01/02/2021" and form.guardians[1].full_name == "Trần Mẹ"
    form.full_name = "Lê Văn An"
    form.guardians[1] = GuardianForm()
    form.class_id = school_db["Mầm 1"]  # ignored: moving has its own action
    row = children.update_child(child.id, form)
    assert (row.full_name, row.class_name, row.code) == ("Lê Văn An", "Lá 1", child.code)
    assert len(children.get_child(child.id).guardians) == 1


def test_automatic_codes_skip_hand_typed_ones(school_db):
    add_child(school_db["Lá 1"], "Lê An", "01/02/2021", code="HS00099")
    add_child(school_db["Lá 1"], "Lê Bình", "01/02/2021", code="HS-KHAC")
    add_child(school_db["Lá 1"], "Lê Cúc", "01/02/2021", code="HS9")
    assert children.next_child_code() == "HS00100"


def test_create_children_gives_codes_to_several_forms_without_one(school_db):
    ids = children.create_children([
        children.ChildForm(full_name="Lò Văn A", birth_date="01/02/2022", sex="M", class_id=school_db["Mầm 1"]),
        children.ChildForm(full_name="Lò Thị B", birth_date="03/04/2022", sex="F", class_id=school_db["Mầm 1"]),
    ], today=dt.date(2026, 11, 23))
    codes = [children.get_child(i).row.code for i in ids]
    assert len(set(codes)) == 2 and all(codes)
