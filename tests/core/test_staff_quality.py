"""Staff quality: training level, years of service, teacher norm (TT 19/2023), assessments, indicators."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import add_child
from mamnon.errors import ValidationError
from mamnon.services import staff, staff_quality
from mamnon.services.report_data import report_indicators
from mamnon.services.staff_quality import class_teacher_norm, training_level, years_of_service
from mamnon.workbooks.periods import parse_period

DAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("qualification, major, level", [
    ("Cao đẳng", "Sư phạm mầm non", "dat"),
    ("Đại học", "Sư phạm mầm non", "tren"),
    ("Thạc sĩ", "Sư phạm mầm non", "tren"),
    ("Đại học", "Ngành khác", "duoi"),      # a degree in another field is not the standard
    ("Trung cấp", "Sư phạm mầm non", "duoi"),
    ("Trung cấp", "", "duoi"),              # below the level whatever the major
    ("Cao đẳng", "", "chua_ro"),
    ("", "Sư phạm mầm non", "chua_ro"),
])
def test_training_level(qualification, major, level):
    assert training_level(qualification, major) == level


def test_years_of_service_counts_whole_years():
    assert years_of_service(dt.date(2010, 11, 24), DAY) == 15   # one day short of 16
    assert years_of_service(dt.date(2010, 11, 23), DAY) == 16
    assert years_of_service(None, DAY) is None


@pytest.mark.parametrize("group, children, norm", [
    ("MG_5_6", 35, 2.2), ("MG_5_6", 40, 2.2), ("MG_5_6", 8, 0.5),   # 8 / 16
    ("NT_3_12", 15, 2.5), ("NT_3_12", 3, 0.5),                        # 3 / 6
    ("MG_3_4", 22, 2.0), ("MG_3_4", 0, 0.0), ("XX", 10, 0.0),          # 22 / 11
])
def test_class_teacher_norm(group, children, norm):
    assert class_teacher_norm(group, children) == pytest.approx(norm)


def _teacher(name, **kw):
    return staff.create_staff(staff.StaffForm(full_name=name, sex="F", position="Giáo viên", **kw))


def test_school_picture_norm_shortfall_ratios_and_indicators(school_db):
    for i in range(8):
        add_child(school_db["Lá 1"], f"Trẻ Lá {chr(65 + i)}", "10/02/2021")
    for i in range(25):
        add_child(school_db["Mầm 1"], f"Trẻ Mầm {chr(65 + i)}", "10/02/2023")
    _teacher("Trần Thị Bích", qualification="Cao đẳng", training_major="Sư phạm mầm non",
             contract_type="Biên chế", ethnicity="Tày", started_on="01/09/2015")
    staff.create_staff(staff.StaffForm(full_name="Lê Văn Nam", sex="M", position="Bảo vệ", contract_type="Hợp đồng"))
    q = staff_quality.staff_quality(DAY)
    # Norm by hand: Lá 1 has 8 of 35 → 8/16 = 0.5; Mầm 1 full (25) → 2.2; Nhà trẻ A empty → 0.
    assert q.norm == pytest.approx(2.7)
    assert q.teacher_count == 2 and q.shortfall == pytest.approx(0.7)
    assert q.children == 33 and q.children_per_teacher == 16.5 and q.teachers_per_class == 0.67
    assert [(s.stage, s.classes, s.children, s.norm) for s in q.stages] == [
        ("nha_tre", 1, 0, 0.0), ("mau_giao", 2, 33, 2.7)]
    assert q.levels == {"dat": 1, "chua_ro": 1}
    assert q.flags[0] == "Thiếu 0,7 giáo viên so với định mức (định mức 2,7, hiện có 2)."
    bich = next(t for t in q.teachers if t.full_name == "Trần Thị Bích")
    assert bich.years == 11

    values = report_indicators(parse_period("11/2026"), today=DAY)
    assert (values["CB_GV_DAT_CHUAN_TD"], values["CB_GV_CHUA_RO_CHUAN"], values["CB_GV_DUOI_CHUAN"]) == (1, 1, 0)
    assert (values["CB_BIEN_CHE"], values["CB_HOP_DONG"], values["CB_DTTS"]) == (1, 1, 1)
    assert values["CB_GV_DINH_MUC"] == pytest.approx(2.7) and values["CB_GV_THIEU"] == pytest.approx(0.7)
    assert values["CB_TRE_GV_TL"] == 16.5          # 33 children / 2 teachers
    assert values["CB_GV_LOP_TL"] == 0.67          # 2 teachers / 3 classes


def test_assessments_by_year_replace_and_count(school_db):
    lan = staff.list_staff()[0]
    staff_quality.set_assessment(lan.id, "2026-2027", "kha")
    staff_quality.set_assessment(lan.id, "2025 - 2026", "Tốt")
    row = staff_quality.set_assessment(lan.id, "2026-2027", "Tốt", "sau phúc khảo")
    assert [(a.year_name, a.grade) for a in staff_quality.list_assessments(lan.id)] == [
        ("2026-2027", "Tốt"), ("2025-2026", "Tốt")]
    assert row.note == "sau phúc khảo"
    values = report_indicators(parse_period("11/2026"), today=DAY)
    assert (values["CB_GV_DG_TOT"], values["CB_GV_DG_KHA"]) == (1, 0)


def test_bad_assessment_is_refused_and_nothing_saved(school_db):
    lan = staff.list_staff()[0]
    guard = staff.create_staff(staff.StaffForm(full_name="Lê Văn Nam", sex="M", position="Bảo vệ"))
    with pytest.raises(ValidationError) as err:
        staff_quality.set_assessment(lan.id, "2026-2028", "Giỏi")
    assert set(err.value.errors) == {"year_name", "grade"}
    with pytest.raises(ValidationError, match="chỉ dành cho giáo viên"):
        staff_quality.set_assessment(guard.id, "2026-2027", "Tốt")
    assert staff_quality.list_assessments(lan.id) == [] and staff_quality.list_assessments(guard.id) == []


def test_staff_form_keeps_major_and_contract_and_checks_them(school_db):
    row = _teacher("Vũ Thị Hoa", qualification="Đại học", training_major="su pham mam non", contract_type="hop dong")
    assert (row.training_major, row.contract_type) == ("Sư phạm mầm non", "Hợp đồng")
    assert staff.form_for(row.id).training_major == "Sư phạm mầm non"
    with pytest.raises(ValidationError) as err:
        _teacher("Vũ Thị Hà", contract_type="thời vụ")
    assert "contract_type" in err.value.errors
