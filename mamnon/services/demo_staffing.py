"""The demo school's staff quality and facilities: training majors, contracts, assessments, sites, rooms, equipment.

Called by `demo.build_demo` once the staff and classes exist, with its own
random stream, so the rest of the demo school stays what it was before these
figures were added. Realistic for a rural commune school: most teachers
trained in preschool education, most on the payroll (biên chế), cooks and the
guard on contract; a main site and one satellite site (điểm lẻ) with older,
semi-permanent rooms and a well; a part of the minimum equipment counted.
"""

# i18n-data: the demo school's staff and facility records, stored values, not interface
from __future__ import annotations

import datetime as dt
import random

from mamnon.services import facilities
from mamnon.services import staff as staff_svc
from mamnon.services.school import parse_year_name
from mamnon.services.staff_quality import set_assessment
from mamnon.staffing_norms import ASSESSMENT_GRADES, EQUIPMENT_MINIMUM, PRESCHOOL_MAJOR

__all__ = ["fill_staffing_and_facilities"]

OTHER_MAJOR = "Ngành khác"
PERMANENT_SHARE = {
    # position: share on the payroll (biên chế); the rest on contract
    "Hiệu trưởng": 1.0, "Phó hiệu trưởng": 1.0, "Giáo viên": 0.75, "Kế toán": 1.0, "Nhân viên y tế": 0.5,
    "Nhân viên nấu ăn": 0.0, "Bảo vệ": 0.0,
}
GRADE_WEIGHTS = (35, 45, 17, 3)
"""Tốt / Khá / Đạt / Chưa đạt: the usual spread of TT 26/2018 results in a district."""
UNTRAINED = ("Chưa qua đào tạo", "")
ASSESSED_BY = (5, 25)
"""(month, day) by which a school year's assessment is done (end of the school year)."""
SATELLITE_CLASSES = 2
CLASSROOM_M2 = (48, 56)
"""Floor area of one classroom (phòng sinh hoạt chung), m²."""
COUNTED_ITEMS = ("MN011001", "MN011002", "MN011003", "TB_NUOC")


def _major(rng: random.Random, position: str, qualification: str) -> str:
    if qualification in UNTRAINED:
        return ""
    if position in ("Giáo viên", "Hiệu trưởng", "Phó hiệu trưởng"):
        return PRESCHOOL_MAJOR if rng.random() < 0.9 else OTHER_MAJOR
    return OTHER_MAJOR


def _staff_fields(rng: random.Random) -> None:
    for person in staff_svc.list_staff():
        form = staff_svc.form_for(person.id)
        form.training_major = _major(rng, person.position, person.qualification)
        share = PERMANENT_SHARE.get(person.position, 0.5)
        form.contract_type = "Biên chế" if rng.random() < share else "Hợp đồng"
        staff_svc.update_staff(person.id, form)


def _assessed_years(year_name: str, today: dt.date) -> list[tuple[str, dt.date]]:
    """(school year, day its assessment was done) of the last year and, once assessed, of this one."""
    first, second = parse_year_name(year_name)
    out = [(f"{first - 1}-{first}", dt.date(first, *ASSESSED_BY))]
    if today >= dt.date(second, *ASSESSED_BY):
        out.append((year_name, dt.date(second, *ASSESSED_BY)))
    return out


def _assessments(rng: random.Random, year_name: str, today: dt.date) -> int:
    made = 0
    for name, done_on in _assessed_years(year_name, today):
        for person in staff_svc.list_staff(position="Giáo viên"):
            if person.started_on is not None and person.started_on > done_on - dt.timedelta(days=180):
                continue  # too new to be assessed for that year
            grade = rng.choices(ASSESSMENT_GRADES, weights=GRADE_WEIGHTS)[0]
            set_assessment(person.id, name, grade)
            made += 1
    return made


def _sites_and_rooms(rng: random.Random, n_classes: int, commune: str) -> None:
    satellite_classes = min(SATELLITE_CLASSES, max(0, n_classes - 1))
    main_classes = n_classes - satellite_classes
    main = facilities.create_site(facilities.SiteForm(
        name="Điểm chính", is_main=True, address=f"Trung tâm {commune}", water_source="Nước máy", clean_water=True))
    lines = [
        (main.id, "phong_hoc", "kien_co", main_classes),
        (main.id, "phong_ngu", "kien_co", max(1, main_classes // 2)),
        (main.id, "ve_sinh", "kien_co", main_classes),
        (main.id, "bep", "kien_co", 1),
        (main.id, "hanh_chinh", "kien_co", 2),
        (main.id, "y_te", "kien_co", 1),
        (main.id, "da_nang", "kien_co", 1),
        (main.id, "kho", "ban_kien_co", 1),
    ]
    if satellite_classes:
        far = facilities.create_site(facilities.SiteForm(
            name="Điểm lẻ Thôn Hạ", address=f"Thôn Hạ, {commune}", distance_km=str(rng.choice((3.5, 4, 5.5))),
            water_source="Giếng khoan", clean_water=rng.random() < 0.5))
        lines += [
            (far.id, "phong_hoc", "ban_kien_co", satellite_classes),
            (far.id, "ve_sinh", "tam", 1),
            (far.id, "bep", "tam", 1),
        ]
    per_room = {"phong_hoc": CLASSROOM_M2, "phong_ngu": (30, 36), "ve_sinh": (12, 16), "bep": (40, 60),
                "hanh_chinh": (20, 30), "y_te": (12, 16), "da_nang": (80, 100), "kho": (10, 15)}
    for site_id, room_type, condition, count in lines:
        if count <= 0:
            continue
        low, high = per_room[room_type]
        area = sum(rng.randint(low, high) for _i in range(count))
        facilities.create_room(facilities.RoomForm(site_id=site_id, room_type=room_type, condition=condition,
                                                   count=str(count), area_m2=str(area)))


def _equipment(rng: random.Random, n_classes: int, counted_on: dt.date) -> None:
    for item in EQUIPMENT_MINIMUM:
        if item.code not in COUNTED_ITEMS:
            continue
        need = item.per_class * n_classes
        # Most items complete, a few classes still short of one or two.
        quantity = need if rng.random() < 0.5 else max(0, need - rng.randint(1, 3))
        facilities.set_equipment_count(item.code, quantity, counted_on=counted_on)


def fill_staffing_and_facilities(rng: random.Random, *, year_name: str, n_classes: int, commune: str,
                                 counted_on: dt.date, today: dt.date) -> int:
    """Fill the new staff fields, assessments, two sites and their rooms, some equipment counts.

    Returns the number of assessments recorded.
    """
    _staff_fields(rng)
    made = _assessments(rng, year_name, today)
    _sites_and_rooms(rng, n_classes, commune)
    _equipment(rng, n_classes, counted_on)
    return made
