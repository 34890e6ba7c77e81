"""Facilities: sites, room lines (bad numbers refused, nothing saved), room counts, equipment shortfall."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon.errors import ValidationError
from mamnon.services import facilities as fac
from mamnon.services.report_data import report_indicators
from mamnon.workbooks.periods import parse_period

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def sites(school_db):
    main = fac.create_site(fac.SiteForm(name="Điểm chính", is_main=True, water_source="Nước máy", clean_water=True))
    lẻ = fac.create_site(fac.SiteForm(name="Điểm Bản Mòng", distance_km="4,5", water_source="giếng khoan"))
    return main, lẻ


def _room(site, type_, condition, count, area=""):
    return fac.create_room(fac.RoomForm(site_id=site.id, room_type=type_, condition=condition, count=count,
                                        area_m2=area))


def test_sites_one_main_and_water(sites):
    main, sat = sites
    assert [(s.name, s.is_main, s.distance_km, s.water_source) for s in fac.list_sites()] == [
        ("Điểm chính", True, None, "Nước máy"), ("Điểm Bản Mòng", False, 4.5, "Giếng khoan")]
    with pytest.raises(ValidationError, match="chỉ có một điểm chính"):
        fac.create_site(fac.SiteForm(name="Điểm khác", is_main=True))
    with pytest.raises(ValidationError, match="nước sạch"):
        fac.create_site(fac.SiteForm(name="Điểm Nà", water_source="Không có", clean_water=True))
    assert len(fac.list_sites()) == 2


@pytest.mark.parametrize("count, area, field, text", [
    ("-1", "", "count", "Số phòng không được âm (đã nhập -1)."),
    ("2,5", "", "count", "Số phòng phải là số nguyên (đã nhập 2,5)."),
    ("", "", "count", "Cần nhập số phòng."),
    ("3", "-40", "area_m2", "Diện tích (m²) không được âm (đã nhập -40)."),
    ("3", "abc", "area_m2", "Diện tích (m²) «abc» không phải là số."),
])
def test_bad_room_numbers_are_refused_and_nothing_saved(sites, count, area, field, text):
    with pytest.raises(ValidationError) as err:
        _room(sites[0], "phong_hoc", "kien_co", count, area)
    assert err.value.errors[field] == text
    assert fac.list_rooms() == []


def test_room_counts_and_indicators_by_type_and_condition(sites):
    main, sat = sites
    _room(main, "phong_hoc", "kien_co", "3", "165,5")
    _room(main, "ve_sinh", "kien_co", "2", "24")
    _room(sat, "Phòng sinh hoạt chung (phòng học)", "bán kiên cố", "1", "40")
    _room(sat, "bep", "tam", "1")
    gone = fac.create_room(fac.RoomForm(site_id=sat.id, room_type="kho", condition="tam", count="1",
                                        in_use_until="01/09/2026"))
    with pytest.raises(ValidationError, match="đã có dòng"):
        _room(main, "phong_hoc", "kien-co", "1")
    counts = fac.room_counts(DAY)
    assert counts["phong_hoc"] == {"kien_co": 3, "ban_kien_co": 1, "tam": 0, "total": 4}
    assert counts["kho"]["total"] == 0 and fac.room_counts(dt.date(2026, 8, 1))["kho"]["total"] == 1
    assert gone.in_use_on(dt.date(2026, 8, 31)) and not gone.in_use_on(dt.date(2026, 9, 1))
    assert [(s.name, s.rooms, s.toilets) for s in fac.list_sites(DAY)] == [("Điểm chính", 5, 2),
                                                                          ("Điểm Bản Mòng", 2, 0)]
    v = report_indicators(parse_period("11/2026"), today=DAY)
    assert (v["CSVC_DIEM_TRUONG"], v["CSVC_DIEM_LE"], v["CSVC_DIEM_NUOC_SACH"]) == (2, 1, 1)
    assert (v["CSVC_PHONG"], v["CSVC_P_KIEN_CO"], v["CSVC_P_BAN_KIEN_CO"], v["CSVC_P_TAM"]) == (7, 5, 1, 1)
    assert v["CSVC_P_KIEN_CO_TL"] == 71.4            # 5 / 7 = 71.43 %
    assert (v["CSVC_P_PHONG_HOC"], v["CSVC_P_VE_SINH"], v["CSVC_P_BEP"]) == (4, 2, 1)
    assert v["CSVC_DT_PHONG_HOC"] == 205.5 and v["CSVC_DT_TONG"] == 229.5   # 165.5 + 40; + 24


def test_equipment_shortfall_against_classes(school_db):
    # Three classes: each item's minimum × 3.
    status = {line.item.code: line for line in fac.equipment_status(DAY)}
    assert status["MN011003"].required == 6 and status["MN011003"].shortfall is None
    fac.set_equipment_count("MN011003", "4", counted_on=DAY)
    fac.set_equipment_count("Giá phơi khăn mặt", 5, counted_on=DAY)
    with pytest.raises(ValidationError, match="không được âm"):
        fac.set_equipment_count("MN011002", "-1")
    status = {line.item.code: line for line in fac.equipment_status(DAY)}
    assert (status["MN011003"].present, status["MN011003"].shortfall) == (4, 2)
    assert status["MN011001"].shortfall == 0 and status["MN011002"].present is None
    v = report_indicators(parse_period("11/2026"), today=DAY)
    assert (v["CSVC_TB_THIEU"], v["CSVC_TB_MUC_THIEU"], v["CSVC_TB_CHUA_KIEM_KE"]) == (2, 1, 5)


def test_the_demo_school_has_two_sites_a_classroom_per_class_and_some_equipment_counted(db):
    from mamnon.services import classes, demo, staff
    from mamnon.services.staff_quality import list_assessments

    demo.build_demo(children=40, seed=2, today=DAY)
    n_classes = len(classes.list_classes())
    sites = fac.list_sites(DAY)
    assert [(s.name, s.is_main) for s in sites] == [("Điểm chính", True), ("Điểm lẻ Thôn Hạ", False)]
    classrooms = [r for r in fac.list_rooms(DAY) if r.room_type == "phong_hoc"]
    assert sum(r.count for r in classrooms) == n_classes
    assert {r.site_name: r.count for r in classrooms}["Điểm lẻ Thôn Hạ"] == 2
    assert all(r.area_m2 and 48 * r.count <= r.area_m2 <= 56 * r.count for r in classrooms)
    counted = [line for line in fac.equipment_status(DAY) if line.present is not None]
    assert [line.item.code for line in counted] == ["MN011001", "MN011002", "MN011003", "TB_NUOC"]
    assert all(line.required == line.item.per_class * n_classes for line in counted)

    people = staff.list_staff()
    teachers = [p for p in people if p.position == "Giáo viên"]
    assert {p.contract_type for p in people} == {"Biên chế", "Hợp đồng"}
    assert {p.contract_type for p in people if p.position in ("Nhân viên nấu ăn", "Bảo vệ")} == {"Hợp đồng"}
    majors = [p.training_major for p in teachers]
    assert majors.count("Sư phạm mầm non") > len(teachers) / 2 and set(majors) <= {"Sư phạm mầm non", "Ngành khác"}
    # Assessed for the last school year (done in May), not yet for this one in November.
    years = {a.year_name for t in teachers for a in list_assessments(t.id)}
    assert years == {"2025-2026"}
