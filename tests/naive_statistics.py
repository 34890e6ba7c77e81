"""Form 01.ĐN-MN (TK_…) recomputed naively through the services, child by child, for the tests.

Used by tests/core/test_statistics_0930.py and meant for the naive implementation of the
school report in tests/core/test_report_data.py (the report sums the TK_ figures too).
"""

from __future__ import annotations

import collections
import datetime as dt

from mamnon.formats import age_in_months
from mamnon.reference import AGE_GROUP_BY_CODE
from mamnon.services import children, classes, facilities, staff
from mamnon.services.school import list_years


def naive_start_of_year(day: dt.date) -> dict:
    """TK_… recomputed through the services child by child (the way tests/core/test_report_data.py's naive
    implementation recomputes the other families), as of 30/9 of the school year holding `day`."""
    sums: collections.Counter = collections.Counter()
    year = [y for y in list_years() if y.start_date <= day][-1]
    census = dt.date(year.start_date.year, 9, 30)
    if day < census:
        return sums
    sums["TK_TRUONG"] = 1
    by_name = {c.name: c for c in classes.list_classes(year.id)}
    size: collections.Counter = collections.Counter()
    for row in children.list_children(include_left=True):
        detail = children.get_child(row.id)
        if detail.row.left_on is not None and detail.row.left_on <= census:
            continue
        stays = [name for name, start, end in detail.history if start <= census and (end is None or end > census)]
        if not stays or stays[0] not in by_name:
            continue
        cls = by_name[stays[0]]
        size[cls.name] += 1
        nha_tre = AGE_GROUP_BY_CODE[cls.age_group].stage == "nha_tre"
        stage = "TK_TRE_NT" if nha_tre else "TK_TRE_MG"
        female, minority = detail.row.sex == "F", detail.ethnicity != "Kinh"
        for prefix in ("TK_TRE", stage):
            sums[prefix] += 1
            sums[prefix + "_NU"] += female
            sums[prefix + "_DTTS"] += minority
            sums[prefix + "_DTTS_NU"] += female and minority
        sums[stage + "_KT"] += bool(detail.disability.strip())
        if nha_tre:
            months = age_in_months(detail.row.birth_date, census)
            band = "3_12" if months <= 12 else "13_24" if months <= 24 else "25_36" if months <= 36 else "TREN_36"
        else:
            years = census.year - detail.row.birth_date.year
            band = {3: "3_4", 4: "4_5", 5: "5_6"}.get(years, "DUOI_3" if years < 3 else "TREN_6")
        sums[f"{stage}_{band}"] += 1
    for cls in by_name.values():
        group = AGE_GROUP_BY_CODE[cls.age_group]
        kind = "NHOM" if group.stage == "nha_tre" else "LOP"
        sums["TK_NHOM_LOP"] += 1
        sums["TK_NHOM" if kind == "NHOM" else "TK_LOP_MG"] += 1
        sums["TK_LOP_MG5"] += cls.age_group == "MG_5_6"
        sums[f"TK_{kind}_{cls.age_group[3:]}_{'DUOI' if size[cls.name] < group.max_children else 'TU'}"] += 1
    jobs = {"Kế toán": "KT_VT", "Văn thư": "KT_VT", "Nhân viên y tế": "YT_TQ", "Thủ quỹ": "YT_TQ",
            "Nhân viên nấu ăn": "NAU_AN", "Bảo vệ": "BAO_VE"}
    training = {"Trung cấp": "TRUNG_CAP", "Cao đẳng": "CAO_DANG", "Đại học": "DAI_HOC", "Thạc sĩ": "THAC_SI",
                "Tiến sĩ": "TIEN_SI", "Chưa qua đào tạo": "CHUA_DT"}
    for person in staff.list_staff(include_left=True):
        if (person.started_on and person.started_on > census) or (person.left_on and person.left_on <= census):
            continue
        group = ("TK_CBQL" if person.position in ("Hiệu trưởng", "Phó hiệu trưởng")
                 else "TK_GV" if person.position == "Giáo viên" else "TK_NV")
        female, minority = person.sex == "F", person.ethnicity != "Kinh"
        sums[group] += 1
        sums[group + "_NU"] += female
        sums[group + "_DTTS"] += minority
        sums[group + "_DTTS_NU"] += female and minority
        if person.position == "Hiệu trưởng":
            sums["TK_CBQL_HT"] += 1
        elif person.position == "Phó hiệu trưởng":
            sums["TK_CBQL_PHT"] += 1
        elif person.position in jobs:
            sums["TK_NV_" + jobs[person.position]] += 1
        if group == "TK_GV" and person.qualification in training:
            sums["TK_GV_TD_" + training[person.qualification]] += 1
        if group == "TK_GV" and person.birth_date:
            b = person.birth_date
            age = census.year - b.year - ((census.month, census.day) < (b.month, b.day))
            for lo, hi, name in ((20, 29, "20_29"), (30, 39, "30_39"), (40, 49, "40_49"), (50, 54, "50_54"),
                                 (55, 59, "55_59"), (60, 999, "60_TRO_LEN")):
                if lo <= age <= hi:
                    sums["TK_GV_TUOI_" + name] += 1
    rooms = {"the_chat": "THE_CHAT", "nghe_thuat": "NGHE_THUAT", "da_nang": "DA_NANG", "bep": "BEP", "y_te": "Y_TE"}
    for line in facilities.list_rooms(census):
        if line.room_type == "phong_hoc":
            sums["TK_PHONG_HOC"] += line.count
            sums["TK_PHONG_HOC_" + line.condition.upper()] += line.count
        elif line.room_type in rooms:
            sums["TK_PHONG_" + rooms[line.room_type]] += line.count
    return sums
