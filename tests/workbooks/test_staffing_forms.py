"""The «Thống kê đội ngũ» and «Cơ sở vật chất» forms, read back with openpyxl, against a hand count of a small school."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exporters import forms, xlsx
from exporters import staffing_forms as sf
from mamnon.services import facilities, staff
from mamnon.services.staff_quality import set_assessment
from tests.conftest import add_child

DAY = dt.date(2026, 11, 23)
BIRTHS = {"Nhà trẻ A": "10/01/2024", "Mầm 1": "15/03/2023", "Lá 1": "02/02/2021"}
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Minh")


def _person(name, position, *, sex="F", qualification="", major="", contract="", ethnicity="Kinh", started=""):
    return staff.create_staff(staff.StaffForm(full_name=name, sex=sex, position=position, qualification=qualification,
                                              training_major=major, contract_type=contract, ethnicity=ethnicity,
                                              started_on=started)).id


@pytest.fixture
def small_school(school_db):
    """3 classes of 10, 11 and 24 children; teachers Lan (chưa rõ), Hoa (đạt), Mai (dưới); a cook; one who left,
    one not yet started; two sites, four room lines in use and one no longer; two equipment counts."""
    names = iter(f"{family} Văn {given}" for family in FAMILIES for given in GIVEN)
    for name, n in (("Nhà trẻ A", 10), ("Mầm 1", 11), ("Lá 1", 24)):
        for _ in range(n):
            add_child(school_db[name], next(names), BIRTHS[name])
    lan = next(s.id for s in staff.list_staff() if s.full_name == "Nguyễn Thị Lan")
    hoa = _person("Trần Thị Hoa", "Giáo viên", qualification="Cao đẳng", major="Sư phạm mầm non",
                  contract="Biên chế", started="01/08/2016")
    mai = _person("Lò Thị Mai", "Giáo viên", qualification="Đại học", major="Ngành khác", contract="Hợp đồng",
                  ethnicity="Tày")
    _person("Phạm Văn Sơn", "Nhân viên nấu ăn", sex="M", qualification="Sơ cấp", contract="Hợp đồng")
    gone = _person("Đỗ Thị Nga", "Giáo viên", qualification="Đại học", major="Sư phạm mầm non", contract="Biên chế")
    staff.mark_staff_left(gone, dt.date(2026, 11, 10))
    _person("Vũ Thị Thu", "Kế toán", qualification="Đại học", contract="Biên chế", started="01/12/2026")
    set_assessment(hoa, "2026-2027", "Tốt")
    set_assessment(mai, "2026-2027", "Đạt")
    set_assessment(lan, "2025-2026", "Khá")  # another year: not counted

    main = facilities.create_site(facilities.SiteForm(name="Điểm chính", is_main=True, water_source="Nước máy",
                                                      clean_water=True)).id
    far = facilities.create_site(facilities.SiteForm(name="Điểm Bản Mòng", distance_km="4,5",
                                                     water_source="Giếng khoan")).id
    for site, kind, condition, count, area, until in (
            (main, "phong_hoc", "kien_co", "2", "100", ""), (main, "ve_sinh", "kien_co", "2", "20", ""),
            (far, "phong_hoc", "ban_kien_co", "1", "45,5", ""), (far, "ve_sinh", "tam", "1", "", ""),
            (main, "kho", "kien_co", "1", "12", "01/11/2026")):
        facilities.create_room(facilities.RoomForm(site_id=site, room_type=kind, condition=condition, count=count,
                                                   area_m2=area, in_use_until=until))
    facilities.set_equipment_count("MN011001", 2, counted_on=dt.date(2026, 9, 20))   # 1 a class: 1 short
    facilities.set_equipment_count("MN011003", 6, counted_on=dt.date(2026, 9, 20))   # 2 a class: complete
    return school_db


def texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def row_of(ws, text: str, col: int = 1, after: int = 0) -> int:
    for row in ws.iter_rows(min_row=after + 1, min_col=col, max_col=col):
        if row[0].value == text:
            return row[0].row
    raise AssertionError(f"{text!r} not in column {col} after row {after}")


def values(ws, row: int, first: int, last: int) -> list:
    return [ws.cell(row, col).value for col in range(first, last + 1)]


def figures(ws, label: str, n: int, after: int = 0) -> list:
    """The n figures right of a summary line's label (labels span columns A–C)."""
    return values(ws, row_of(ws, label, after=after), 4, 3 + n)


def check_page(ws) -> None:
    assert ws.page_setup.paperSize == xlsx.A4 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert "Trang &P/&N" in ws.oddFooter.center.text
    assert "HOA SEN" in ws.oddHeader.left.text.upper()


def test_staff_quality_form_counts_the_small_school(small_school, tmp_path):
    ws = openpyxl.load_workbook(sf.write_staff_quality(tmp_path / "dn.xlsx", DAY, today=DAY)).active
    check_page(ws)
    words = texts(ws)
    assert "THỐNG KÊ ĐỘI NGŨ CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN" in words
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in words
    assert "Năm học 2026-2027 – tính đến ngày 23/11/2026" in words
    assert "NGƯỜI LẬP BIỂU" in words and "HIỆU TRƯỞNG" in words and "Tân Lập, ngày 23 tháng 11 năm 2026" in words

    # Nga left on 10/11, Thu starts on 01/12: 3 teachers (Lan, Hoa, Mai) and the cook.
    # Columns: people, women, ethnic minority, biên chế, hợp đồng.
    assert figures(ws, "Giáo viên", 5) == [3, 3, 1, 1, 1]
    assert figures(ws, "Nhân viên nấu ăn", 5) == [1, 0, 0, 0, 1]
    with pytest.raises(AssertionError):
        row_of(ws, "Kế toán")
    assert figures(ws, "Tổng số", 5) == [4, 3, 1, 1, 2]

    training = row_of(ws, "Mức")
    assert figures(ws, "Dưới chuẩn", 2, training) == [1, 33.3]    # Mai: a degree in another field
    assert figures(ws, "Đạt chuẩn", 2, training) == [1, 33.3]     # Hoa: cao đẳng sư phạm mầm non
    assert figures(ws, "Trên chuẩn", 2, training) == [0, 0]
    assert figures(ws, "Chưa rõ", 2, training) == [1, 33.3]       # Lan: nothing recorded
    assert figures(ws, "Tổng số giáo viên", 1) == [3]

    grades = row_of(ws, "Xếp loại")
    assert any("năm học 2026-2027" in t for t in words)
    assert figures(ws, "Tốt", 2, grades) == [1, 33.3]
    assert figures(ws, "Khá", 2, grades) == [0, 0]                # Lan's Khá is of 2025-2026
    assert figures(ws, "Đạt", 2, grades) == [1, 33.3]
    assert figures(ws, "Chưa đánh giá", 2, grades) == [1, 33.3]

    # Norm: nhà trẻ 25–36 months 10 children / 10 = 1.0; 3–4 years 11 / 11 = 1.0; 5–6 years 24 / 16 = 1.5.
    assert figures(ws, "Nhà trẻ", 4) == [1, 10, 10, 1]
    assert figures(ws, "Mẫu giáo", 4) == [2, 35, 17.5, 2.5]
    assert figures(ws, "Toàn trường", 4) == [3, 45, 15, 3.5]
    assert figures(ws, "Giáo viên hiện có", 1) == [3]
    assert figures(ws, "Số giáo viên còn thiếu", 1) == [0.5]
    assert figures(ws, "Số trẻ bình quân một giáo viên", 1) == [15]
    assert figures(ws, "Số giáo viên bình quân một lớp", 1) == [1]
    assert "(!) Thiếu 0,5 giáo viên so với định mức (định mức 3,5, hiện có 3)." in words
    assert "(!) 1 giáo viên dưới chuẩn trình độ đào tạo." in words

    head = row_of(ws, "STT")
    teachers = [values(ws, head + 1 + n, 1, 9) for n in range(3)]
    assert [t[1] for t in teachers] == ["Trần Thị Hoa", "Nguyễn Thị Lan", "Lò Thị Mai"]  # by given name
    assert teachers[0] == [1, "Trần Thị Hoa", "Cao đẳng", "Sư phạm mầm non", "Đạt chuẩn", "Biên chế", "Kinh",
                           10, "Tốt"]
    assert teachers[2][4:7] == ["Dưới chuẩn", "Hợp đồng", "Tày"] and teachers[2][8] == "Đạt"
    assert teachers[1][4] == "Chưa rõ" and teachers[1][7] is None and teachers[1][8] is None


def test_facilities_form_counts_sites_rooms_and_equipment(small_school, tmp_path):
    ws = openpyxl.load_workbook(sf.write_facilities(tmp_path / "cs.xlsx", DAY, today=DAY)).active
    check_page(ws)
    words = texts(ws)
    assert "CƠ SỞ VẬT CHẤT VÀ THIẾT BỊ" in words and "Tính đến ngày 23/11/2026" in words
    sites = row_of(ws, "STT")
    # STT, name (B–C merged), kind, distance, water, clean, rooms, toilets
    assert values(ws, sites + 1, 1, 9) == [1, "Điểm chính", None, "Điểm chính", None, "Nước máy", "Có", 4, 2]
    assert values(ws, sites + 2, 1, 9) == [2, "Điểm Bản Mòng", None, "Điểm lẻ", 4.5, "Giếng khoan", "Không", 2, 1]
    assert ws.cell(sites + 3, 1).value == "Tổng số: 2 điểm trường (1 điểm lẻ), 1 điểm có nước sạch"
    assert values(ws, sites + 3, 8, 9) == [6, 3]

    # kiên cố, bán kiên cố, tạm, total, area m², kiên cố %; the store room is no longer used on the day.
    assert figures(ws, "Phòng sinh hoạt chung (phòng học)", 6) == [2, 1, 0, 3, 145.5, 66.7]
    assert figures(ws, "Phòng, nhà vệ sinh", 6) == [2, 0, 1, 3, 20, 66.7]
    with pytest.raises(AssertionError):
        row_of(ws, "Kho")
    assert figures(ws, "Tổng số", 6, row_of(ws, "Loại phòng")) == [4, 1, 1, 6, 165.5, 66.7]

    # 3 classes: MN011001 needs 3 (has 2: 1 short), MN011003 needs 6 (has 6), five items never counted.
    equipment = row_of(ws, "STT", after=sites)
    lines = {ws.cell(r, 2).value: values(ws, r, 1, 9) for r in range(equipment + 1, equipment + 8)}
    assert lines["MN011001"] == [1, "MN011001", "Giá phơi khăn mặt", "Cái", 1, 3, 2, 1, "20/09/2026"]
    assert lines["MN011003"][4:8] == [2, 6, 6, None]
    assert lines["MN011004"][4:9] == [2, 6, "chưa kiểm kê", None, None]
    assert sum(v[6] == "chưa kiểm kê" for v in lines.values()) == 5
    total = equipment + 8
    assert ws.cell(total, 1).value == "Còn thiếu 1 mục; 5 mục chưa kiểm kê" and ws.cell(total, 8).value == 1
    assert any(t.startswith("Danh mục là một số thiết bị chính") for t in words)


def test_both_forms_are_in_the_print_registry_and_take_a_date(small_school, tmp_path):
    for name, title in (("thong-ke-doi-ngu", "THỐNG KÊ ĐỘI NGŨ CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN"),
                        ("co-so-vat-chat", "CƠ SỞ VẬT CHẤT VÀ THIẾT BỊ")):
        form = forms.find_form(name)
        assert form.needs == () and form.optional == (forms.DATE,)
        options = forms.FormOptions(date=dt.date(2026, 10, 31))
        path = forms.write_form(form, tmp_path / forms.default_filename(form, options), options)
        ws = openpyxl.load_workbook(path).active
        assert title in texts(ws)
        assert any("31/10/2026" in t for t in texts(ws))
    # On 31/10 the store room was still used.
    ws = openpyxl.load_workbook(tmp_path / "co-so-vat-chat_31-10-2026.xlsx").active
    assert figures(ws, "Kho", 6) == [1, 0, 0, 1, 12, 100]


def test_an_empty_school_prints_zeros_and_no_flag(school_db, tmp_path):
    ws = openpyxl.load_workbook(sf.write_facilities(tmp_path / "cs.xlsx", DAY, today=DAY)).active
    assert ws.cell(row_of(ws, "STT") + 1, 1).value == "Tổng số: 0 điểm trường (0 điểm lẻ), 0 điểm có nước sạch"
    assert figures(ws, "Tổng số", 6, row_of(ws, "Loại phòng")) == [0, 0, 0, 0, 0, None]
    ws = openpyxl.load_workbook(sf.write_staff_quality(tmp_path / "dn.xlsx", DAY, today=DAY)).active
    # Lan alone, three empty classes: no norm, so no shortfall; her training is not recorded.
    assert figures(ws, "Toàn trường", 4) == [3, 0, 0, 0]
    assert figures(ws, "Số giáo viên còn thiếu", 1) == [0]
    assert "(!) 1 giáo viên chưa ghi đủ trình độ và chuyên ngành." in texts(ws)


def test_a_bad_target_is_refused_before_any_work(school_db, tmp_path):
    with pytest.raises(xlsx.ExportError):
        sf.write_facilities(tmp_path / "cs.pdf")
    with pytest.raises(xlsx.ExportError):
        sf.write_staff_quality(tmp_path / "nowhere" / "dn.xlsx")
