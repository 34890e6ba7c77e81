"""Form 01.ĐN-MN as of 30/09: every figure recomputed by hand from records built here."""

from __future__ import annotations

import datetime as dt

import pytest
from csdl_workbooks import add_child
from naive_statistics import naive_start_of_year

from mamnon import indicators
from mamnon.services import children, facilities, staff
from mamnon.services.report_data import report_indicators
from mamnon.services.statistics_0930 import census_day, start_of_year_sums
from mamnon.statistics_form import FORM_ROWS
from mamnon.workbooks.periods import parse_period

CENSUS = dt.date(2026, 9, 30)
LATER = dt.date(2026, 11, 23)


@pytest.fixture
def records(school_db):
    nt, mam, la = school_db["Nhà trẻ A"], school_db["Mầm 1"], school_db["Lá 1"]
    add_child(nt, "Lê Thị Khánh", "15/01/2024")  # 32 months on 30/9
    add_child(nt, "Hoàng Văn Khoa", "01/08/2023", sex="M", ethnicity="Tày")  # 37 months
    add_child(nt, "Hoàng Thị Kha", "01/06/2024", ethnicity="Tày", enrolled_on="01/10/2026")  # came after 30/9
    add_child(mam, "Vi Thị Mai", "02/02/2023", disability="Khiếm thính")  # 2026 − 2023 = 3
    add_child(mam, "Bùi Văn Mạnh", "31/12/2022", sex="M", ethnicity="Mường")  # 4
    gone = add_child(mam, "Đỗ Thị Mơ", "03/03/2023")
    children.mark_left(gone.id, dt.date(2026, 9, 20), "Chuyển trường")  # left before 30/9
    moved = add_child(mam, "Cao Thị Mến", "06/06/2023")
    children.move_child(moved.id, la, dt.date(2026, 10, 15))  # in Mầm 1 on 30/9
    add_child(la, "Phan Văn Lâm", "05/05/2021", sex="M")  # 5

    def hire(name, sex, position, *, birth="", ethnicity="Kinh", qualification="", started=""):
        return staff.create_staff(staff.StaffForm(full_name=name, sex=sex, position=position, birth_date=birth,
                                                  ethnicity=ethnicity, qualification=qualification,
                                                  started_on=started))

    hire("Phạm Thị Hoa", "F", "Hiệu trưởng", birth="01/10/1975", qualification="Đại học")
    hire("Lò Văn Pá", "M", "Phó hiệu trưởng", ethnicity="Thái")
    hire("Trần Thị Thu", "F", "Giáo viên", birth="01/10/1996", ethnicity="Tày", qualification="Cao đẳng")  # 29
    hire("Ngô Thị Vân", "F", "Giáo viên", birth="30/09/1966", qualification="Trung cấp")  # 60 that day
    hire("Đinh Thị Mới", "F", "Giáo viên", started="01/10/2026")  # after 30/9
    hire("Tạ Văn Tính", "M", "Kế toán")
    hire("Mai Thị Nấu", "F", "Nhân viên nấu ăn")
    guard = hire("Lý Văn Gác", "M", "Bảo vệ")
    staff.mark_staff_left(guard.id, dt.date(2026, 9, 1), "Nghỉ việc")

    site = facilities.create_site(facilities.SiteForm(name="Điểm chính", is_main=True))
    for room_type, condition, count, since in (("phong_hoc", "kien_co", "2", ""),
                                               ("phong_hoc", "tam", "1", "01/10/2026"),
                                               ("bep", "ban_kien_co", "1", "")):
        facilities.create_room(facilities.RoomForm(site_id=site.id, room_type=room_type, condition=condition,
                                                   count=count, in_use_from=since))


EXPECTED = {
    "TK_TRUONG": 1, "TK_NHOM_LOP": 3, "TK_NHOM": 1, "TK_LOP_MG": 2, "TK_LOP_MG5": 1,
    "TK_NHOM_25_36_DUOI": 1, "TK_LOP_3_4_DUOI": 1, "TK_LOP_5_6_DUOI": 1,
    # children: Khánh, Khoa | Mai, Mạnh, Mến (still in Mầm 1), Lâm
    "TK_TRE": 6, "TK_TRE_NU": 3, "TK_TRE_DTTS": 2, "TK_TRE_DTTS_NU": 0,
    "TK_TRE_NT": 2, "TK_TRE_NT_NU": 1, "TK_TRE_NT_DTTS": 1, "TK_TRE_NT_DTTS_NU": 0, "TK_TRE_NT_KT": 0,
    "TK_TRE_NT_25_36": 1, "TK_TRE_NT_TREN_36": 1,
    "TK_TRE_MG": 4, "TK_TRE_MG_NU": 2, "TK_TRE_MG_DTTS": 1, "TK_TRE_MG_DTTS_NU": 0, "TK_TRE_MG_KT": 1,
    "TK_TRE_MG_3_4": 2, "TK_TRE_MG_4_5": 1, "TK_TRE_MG_5_6": 1,
    # staff: Hoa, Pá | Lan (the fixture's teacher), Thu, Vân | Tính, Nấu
    "TK_CBQL": 2, "TK_CBQL_NU": 1, "TK_CBQL_DTTS": 1, "TK_CBQL_DTTS_NU": 0, "TK_CBQL_HT": 1, "TK_CBQL_PHT": 1,
    "TK_GV": 3, "TK_GV_NU": 3, "TK_GV_DTTS": 1, "TK_GV_DTTS_NU": 1,
    "TK_GV_TD_CAO_DANG": 1, "TK_GV_TD_TRUNG_CAP": 1, "TK_GV_TUOI_20_29": 1, "TK_GV_TUOI_60_TRO_LEN": 1,
    "TK_NV": 2, "TK_NV_NU": 1, "TK_NV_DTTS": 0, "TK_NV_DTTS_NU": 0, "TK_NV_KT_VT": 1, "TK_NV_NAU_AN": 1,
    # rooms: the temporary classroom came into use after 30/9
    "TK_PHONG_HOC": 2, "TK_PHONG_HOC_KIEN_CO": 2, "TK_PHONG_BEP": 1,
}


def test_every_figure_of_the_form(records):
    assert census_day(LATER)[0] == CENSUS
    got = start_of_year_sums(LATER)
    expected = {r.code: EXPECTED.get(r.code, 0) for r in FORM_ROWS}
    assert {r.code: got.get(r.code, 0) for r in FORM_ROWS} == expected
    assert set(got) <= {r.code for r in FORM_ROWS}


def test_the_figures_do_not_exist_before_30_september(records):
    assert start_of_year_sums(dt.date(2026, 9, 29)) == {}
    assert start_of_year_sums(CENSUS)["TK_TRE"] == 6


def test_the_school_report_carries_them_and_the_merge_adds_them_up(records):
    values = report_indicators(parse_period("11/2026"), today=LATER)
    assert {code: values[code] for code in EXPECTED} == EXPECTED
    assert indicators.BY_CODE["TK_TRE"].group == "Thống kê đầu năm (01.ĐN-MN)"
    merged = indicators.aggregate([values, values])
    assert (merged["TK_TRUONG"], merged["TK_TRE_MG_KT"], merged["TK_GV_TUOI_60_TRO_LEN"]) == (2, 2, 2)


def test_crowded_classes_fall_in_the_from_n_rows(school_db):
    for i in range(25):  # the limit of a 25–36 month group (Thông tư 52/2020, Điều 15)
        add_child(school_db["Nhà trẻ A"], f"Trẻ Số {chr(65 + i)}", "15/01/2024")
    got = start_of_year_sums(LATER)
    assert (got["TK_NHOM_25_36_TU"], got["TK_NHOM_25_36_DUOI"]) == (1, 0)


def test_the_service_agrees_with_the_naive_recomputation_on_a_demo_school(db):
    from mamnon.services import demo

    demo.build_demo(children=60, seed=5, today=LATER)  # the demo has its sites and rooms
    naive = naive_start_of_year(LATER)
    got = start_of_year_sums(LATER)
    assert {r.code: got.get(r.code, 0) for r in FORM_ROWS} == {r.code: naive.get(r.code, 0) for r in FORM_ROWS}
    classrooms = sum(r.count for r in facilities.list_rooms(LATER) if r.room_type == "phong_hoc")
    assert got["TK_TRE"] > 40 and got["TK_GV"] > 3 and classrooms > 0 and got["TK_PHONG_HOC"] == classrooms
