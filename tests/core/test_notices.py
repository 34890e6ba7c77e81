"""Notices to parents: template fields on a demo school, recipients, SMS sizing and unaccenting."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import ValidationError
from mamnon.formats import format_date
from mamnon.services import attendance, demo, menus, notices, session
from mamnon.services.children import GuardianForm, get_child, list_children
from mamnon.services.measurements import child_history
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 25)  # a Wednesday: the week already has menus


@pytest.fixture(scope="module")
def demo_school():
    session.open_memory()
    demo.build_demo(children=40, seed=1, today=TODAY)
    yield
    session.close()


def _measured_child() -> int:
    return next(c.id for c in list_children() if child_history(c.id))


def test_every_field_has_a_value_function():
    assert set(notices._FIELD_VALUES) == set(notices.FIELDS)


def test_render_fills_every_field(demo_school):
    child_id = _measured_child()
    child = get_child(child_id)
    template = " | ".join("{" + name + "}" for name in notices.FIELDS)
    parts = dict(zip(notices.FIELDS, notices.render(template, child_id, TODAY).split(" | ")))

    latest = [m for _, m in child_history(child_id) if m.measured_on <= TODAY][-1]
    row = next(r for r in attendance.month_grid(child.row.class_id, 2026, 11).rows if r.child_id == child_id)
    assert parts["ho_ten_tre"] == child.row.full_name
    assert parts["ten_tre"] == child.row.full_name.split()[-1]
    assert parts["lop"] == child.row.class_name
    assert parts["can_nang"] == f"{latest.weight_kg:.1f}".replace(".", ",") + " kg"
    assert parts["chieu_cao"] == f"{latest.height_cm:.1f}".replace(".", ",") + " cm"
    assert parts["ngay_can"] == format_date(latest.measured_on)
    assert parts["tinh_trang"] == notices.measurement_status(latest) != ""
    assert parts["co_mat_thang"] == str(row.present)
    assert parts["nghi_thang"] == str(row.leave + row.absent)
    assert parts["ten_truong"].startswith("Trường Mầm non")
    assert parts["phu_huynh"] == child.guardians[0].full_name
    dishes = [i.dish_name for m in menus.list_menu_days(dt.date(2026, 11, 23), TODAY) for i in m.items]
    assert parts["thuc_don_tuan"].startswith("T2: ")
    assert "T4: " in parts["thuc_don_tuan"]
    assert any(d in parts["thuc_don_tuan"] for d in dishes)


def test_guardian_overrides_phu_huynh(demo_school):
    assert notices.render("Kính gửi {phu_huynh}", _measured_child(), TODAY, guardian="Bà Năm") == "Kính gửi Bà Năm"


def test_status_is_normal_or_the_watch_wording(demo_school):
    statuses = {notices.render("{tinh_trang}", c.id, TODAY) for c in list_children()}
    assert "Bình thường" in statuses
    assert statuses - {"Bình thường", notices.NO_MEASUREMENT}  # the demo has children to follow up


def test_unknown_placeholder_is_named(demo_school):
    with pytest.raises(ValidationError) as exc:
        notices.render("Bé {ten_tre} nặng {can_nag}", _measured_child(), TODAY)
    assert "{can_nag}" in str(exc.value)
    assert "không biết" in str(exc.value)


def test_unbalanced_brace_is_explained(demo_school):
    with pytest.raises(ValidationError, match="không khớp"):
        notices.template_fields("Bé {ten_tre")


def test_recipients_list_children_without_phone(school_db):
    on = dt.date(2026, 11, 23)
    a = add_child(school_db["Lá 1"], "Nguyễn Văn An", "01/03/2021", "M",
                  guardians=[GuardianForm("Nguyễn Văn Ba", "Bố", "0912 345 678"),
                             GuardianForm("Lê Thị Cúc", "Mẹ", "0987654321")])
    b = add_child(school_db["Lá 1"], "Trần Thị Bình", "02/04/2021",
                  guardians=[GuardianForm("Trần Văn Dũng", "Bố", "")])
    found = notices.recipients(school_db["Lá 1"], on)
    assert [(r.child_id, r.phone) for r in found.reachable] == [(a.id, "0912345678"), (a.id, "0987654321")]
    assert [(u.child_id, u.guardians) for u in found.unreachable] == [(b.id, "Trần Văn Dũng (Bố)")]
    assert notices.recipients(school_db["Mầm 1"], on).reachable == ()


def test_compose_addresses_each_guardian(school_db):
    add_child(school_db["Lá 1"], "Nguyễn Văn An", "01/03/2021", "M",
              guardians=[GuardianForm("Nguyễn Văn Ba", "Bố", "0912345678"),
                         GuardianForm("Lê Thị Cúc", "Mẹ", "0987654321")])
    messages, _ = notices.compose("Kính gửi {phu_huynh}: bé {ten_tre}", None, dt.date(2026, 11, 23),
                                  unaccented=True)
    assert [m.text for m in messages] == ["Kinh gui Nguyen Van Ba: be An", "Kinh gui Le Thi Cuc: be An"]
    assert {m.encoding for m in messages} == {notices.GSM7}


@pytest.mark.parametrize(("text", "expected"), [
    ("", (0, 0, "GSM-7")),
    ("a" * 160, (160, 1, "GSM-7")),
    ("a" * 161, (161, 2, "GSM-7")),
    ("a" * 306, (306, 2, "GSM-7")),   # 2 × 153
    ("a" * 307, (307, 3, "GSM-7")),
    ("a" * 159 + "€", (161, 2, "GSM-7")),  # an extension character costs two
    ("[]{}^~|\\€", (18, 1, "GSM-7")),
    ("ă" * 70, (70, 1, "UCS-2")),
    ("ă" * 71, (71, 2, "UCS-2")),
    ("ă" * 134, (134, 2, "UCS-2")),   # 2 × 67
    ("ă" * 135, (135, 3, "UCS-2")),
    ("a" * 69 + "😀", (71, 2, "UCS-2")),  # outside the BMP: a surrogate pair
])
def test_sms_segments(text, expected):
    assert notices.sms_segments(text) == expected


def test_one_vietnamese_letter_makes_the_whole_text_ucs2():
    assert notices.sms_segments("a" * 69 + "ơ") == (70, 1, "UCS-2")
    assert notices.sms_segments("a" * 70 + "ơ") == (71, 2, "UCS-2")


def test_unaccent_keeps_case_and_turns_d_bar():
    assert notices.unaccent("Bé ĐÀO Thị Đức đi học đủ") == "Be DAO Thi Duc di hoc du"
    assert notices.unaccent("Ưu tiên – “Tuần sau”…") == 'Uu tien - "Tuan sau"...'
    text = notices.unaccent("Kính gửi phụ huynh bé Nguyễn Thị Ánh Tuyết lớp Chồi 2")
    assert text.isascii()
    assert notices.sms_segments(text)[2] == "GSM-7"

