"""Printed staff-quality and facilities forms (A4, portrait), as Excel workbooks.

* `write_staff_quality(path, day)` — «Thống kê đội ngũ»: staff by position
  (women, ethnic minority, biên chế, hợp đồng), teachers' training against the
  standard (Luật Giáo dục 2019 Điều 72), the professional-standard grades of
  the day's school year (TT 26/2018), classes, children and the teacher norm
  per stage (TT 19/2023) with the shortfall and the service's flags, then one
  line per teacher.
* `write_facilities(path, day)` — «Cơ sở vật chất»: the sites with water and
  toilets, rooms by type and condition with their areas, and the minimum
  equipment (a selection of TT 02/2010) needed, counted and short.

Every figure is the services' (`staff_quality.staff_quality`,
`facilities.list_sites/list_rooms/room_counts/equipment_status`) on `day`
(default today), so the paper says what the screens and the report say. The
look is the other record forms' (exporters.record_forms): unit and national
heading, title, «Trang x/y», signatures, paper code in the footer. The
tables have different columns, so no header row is repeated; on the demo
school each form is one or two pages.
"""

from __future__ import annotations

# i18n-data: the printed staff and facilities statistics are official forms, Vietnamese in every language
import datetime as dt
import os
from collections import Counter
from pathlib import Path

from exporters.meal_forms import _place_date, _signatures
from exporters.paper_stamp import stamp_paper_code
from exporters.record_forms import _record_formats, _start, _two_signers
from exporters.xlsx import FONT, atomic_workbook, check_target, header_text, setup_a4_page

__all__ = ["FACILITY_WIDTHS", "STAFF_WIDTHS", "position_lines", "write_facilities", "write_staff_quality"]

STAFF_WIDTHS = (5, 22, 11, 15, 11, 9, 8, 8, 9)
TEACHER_HEADERS = ("STT", "Họ và tên", "Trình độ", "Chuyên ngành", "Mức chuẩn", "Hợp đồng", "Dân tộc",
                   "Thâm niên\n(năm)", "Xếp loại")
FACILITY_WIDTHS = (5, 12, 24, 9, 9, 8, 8, 8, 11)
SITE_HEADERS = ("STT", "Điểm trường", "", "Loại", "Cách điểm\nchính (km)", "Nguồn nước", "Nước\nsạch",
                "Số\nphòng", "Nhà vệ sinh")
EQUIPMENT_HEADERS = ("STT", "Mã", "Tên thiết bị", "Đơn vị", "Mức/lớp", "Cần", "Có", "Thiếu", "Ngày kiểm kê")
LABEL_COLS = 3
"""Summary tables: the row label spans the first three columns, each figure one column after it."""


# --- shared layout ----------------------------------------------------------------------------------


def _formats(wb, f: dict) -> dict:
    """The record forms' formats, with one-decimal figures centred like the whole numbers beside them."""
    f = _record_formats(wb, f)
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "border": 1, "align": "center",
            "num_format": "0.0"}
    return {**f, "one": wb.add_format(base), "total_one": wb.add_format({**base, "bold": True})}


def _section(ws, f, row: int, last: int, text: str) -> int:
    ws.merge_range(row, 0, row, last, text, f["bold"])
    return row + 1


def _summary_head(ws, f, row: int, label: str, headers) -> int:
    ws.merge_range(row, 0, row, LABEL_COLS - 1, label, f["header"])
    for col, text in enumerate(headers, start=LABEL_COLS):
        ws.write(row, col, text, f["header"])
    ws.set_row(row, 30)
    return row + 1


def _summary_line(ws, f, row: int, label: str, values, *, bold: bool = False) -> int:
    ws.merge_range(row, 0, row, LABEL_COLS - 1, label, f["group"] if bold else f["cell"])
    for col, value in enumerate(values, start=LABEL_COLS):
        _value(ws, f, row, col, value, bold=bold)
    return row + 1


def _value(ws, f, row: int, col: int, value, *, bold: bool = False) -> None:
    """An int or a one-decimal figure as a number, None as an empty cell, anything else as text."""
    if value is None:
        ws.write(row, col, "", f["cell"])
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        ws.write(row, col, str(value), f["center"])
    elif isinstance(value, int) or float(value).is_integer():
        ws.write_number(row, col, value, f["group_int"] if bold else f["int"])
    else:
        ws.write_number(row, col, value, f["total_one"] if bold else f["one"])


def _note(ws, f, row: int, last: int, text: str) -> int:
    ws.merge_range(row, 0, row, last, text, f["note"])
    ws.set_row(row, 13 * max(1, -(-len(text) // 110)) + 4)
    return row + 1


def _close(wb, ws, f, school, row: int, last: int, *, left: str, title: str, today: dt.date) -> None:
    bottom = _signatures(ws, f, row + 1, _two_signers(last, left), _place_date(school, today))
    setup_a4_page(ws, header=header_text(left=school.name, right=title),
                  footer=header_text(center="Trang {page}/{pages}"), print_area=(0, 0, bottom, last),
                  fit_one_page=False)
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(2)
    stamp_paper_code(wb, school.code, today.isoformat())


def _date_text(value: dt.date | None) -> str:
    from mamnon.formats import format_date

    return format_date(value) if value else ""


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --- staff ----------------------------------------------------------------------------------------------


def position_lines(day: dt.date) -> list[tuple[str, int, int, int, int, int]]:
    """(position, people, women, ethnic minority, biên chế, hợp đồng) of the staff on `day`, in the order of
    the position list; positions nobody holds are left out."""
    from mamnon.reference import POSITIONS
    from mamnon.services.staff import list_staff

    on_staff = [s for s in list_staff(include_left=True)
                if (s.started_on is None or s.started_on <= day) and (s.left_on is None or s.left_on > day)]
    lines = []
    for position in POSITIONS:
        mine = [s for s in on_staff if s.position == position]
        if mine:
            lines.append((position, len(mine), sum(s.sex == "F" for s in mine),
                          sum((s.ethnicity or "Kinh") != "Kinh" for s in mine),
                          sum(s.contract_type == "Biên chế" for s in mine),
                          sum(s.contract_type == "Hợp đồng" for s in mine)))
    return lines


def write_staff_quality(path: str | os.PathLike, day: dt.date | None = None, *,
                        today: dt.date | None = None) -> Path:
    """Thống kê đội ngũ on `day` (default today): positions, training, grades, norm and shortfall, teachers."""
    from mamnon.services.school import school_info
    from mamnon.services.staff_quality import number_text, staff_quality
    from mamnon.staffing_norms import ASSESSMENT_GRADES, TRAINING_LEVELS

    check_target(path)
    today = today or dt.date.today()
    day = day or today
    q = staff_quality(day)
    school = school_info()
    last = len(STAFF_WIDTHS) - 1
    year = f"Năm học {q.year_name} – " if q.year_name else ""
    with atomic_workbook(path) as wb:
        ws, f, r = _start(wb, school, "Đội ngũ", STAFF_WIDTHS, "THỐNG KÊ ĐỘI NGŨ CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN",
                          [f"{year}tính đến ngày {_date_text(day)}"])
        f = _formats(wb, f)

        r = _section(ws, f, r, last, "1. Cán bộ, giáo viên, nhân viên theo chức vụ")
        r = _summary_head(ws, f, r, "Chức vụ", ("Tổng số", "Nữ", "Dân tộc\nthiểu số", "Biên chế", "Hợp đồng"))
        lines = position_lines(day)
        for position, *values in lines:
            r = _summary_line(ws, f, r, position, values)
        totals = [sum(line[i] for line in lines) for i in range(1, 6)]
        r = _summary_line(ws, f, r, "Tổng số", totals, bold=True)

        r = _section(ws, f, r + 1, last, "2. Trình độ đào tạo của giáo viên (chuẩn: cao đẳng sư phạm mầm non, "
                                         "Luật Giáo dục 2019, Điều 72)")
        r = _summary_head(ws, f, r, "Mức", ("Số người", "Tỉ lệ %"))
        for key, label in TRAINING_LEVELS.items():
            r = _summary_line(ws, f, r, label, (q.levels.get(key, 0), _pct(q.levels.get(key, 0), q.teacher_count)))
        r = _summary_line(ws, f, r, "Tổng số giáo viên", (q.teacher_count, None), bold=True)

        grade_year = q.year_name or "(chưa có năm học)"
        r = _section(ws, f, r + 1, last, f"3. Đánh giá chuẩn nghề nghiệp giáo viên năm học {grade_year} "
                                         f"(Thông tư 26/2018)")
        r = _summary_head(ws, f, r, "Xếp loại", ("Số người", "Tỉ lệ %"))
        for grade in ASSESSMENT_GRADES:
            r = _summary_line(ws, f, r, grade, (q.grades.get(grade, 0), _pct(q.grades.get(grade, 0),
                                                                               q.teacher_count)))
        unrated = q.teacher_count - sum(q.grades.values())
        r = _summary_line(ws, f, r, "Chưa đánh giá", (unrated, _pct(unrated, q.teacher_count)))

        r = _section(ws, f, r + 1, last, "4. Định mức giáo viên (Thông tư 19/2023, Điều 5)")
        r = _summary_head(ws, f, r, "Cấp học", ("Số nhóm,\nlớp", "Số trẻ", "Trẻ/lớp", "Định mức\ngiáo viên"))
        for stage in q.stages:
            r = _summary_line(ws, f, r, stage.label, (stage.classes, stage.children, stage.children_per_class,
                                                      stage.norm))
        r = _summary_line(ws, f, r, "Toàn trường", (len(q.classes), q.children,
                                                    round(q.children / len(q.classes), 1) if q.classes else None,
                                                    q.norm), bold=True)
        r = _summary_line(ws, f, r, "Giáo viên hiện có", (q.teacher_count,))
        r = _summary_line(ws, f, r, "Số giáo viên còn thiếu", (q.shortfall,), bold=True)
        r = _summary_line(ws, f, r, "Số trẻ bình quân một giáo viên", (q.children_per_teacher,))
        r = _summary_line(ws, f, r, "Số giáo viên bình quân một lớp", (q.teachers_per_class,))
        for flag in q.flags:
            r = _note(ws, f, r, last, "(!) " + flag)
        if not q.flags:
            r = _note(ws, f, r, last, f"Đủ giáo viên theo định mức ({number_text(q.norm)}).")

        r = _section(ws, f, r + 1, last, "5. Danh sách giáo viên")
        for col, text in enumerate(TEACHER_HEADERS):
            ws.write(r, col, text, f["header"])
        ws.set_row(r, 30)
        r += 1
        for n, t in enumerate(q.teachers, start=1):
            ws.write_number(r, 0, n, f["int"])
            for col, value in enumerate((t.full_name, t.qualification, t.training_major, t.level_label,
                                         t.contract_type, t.ethnicity), start=1):
                ws.write(r, col, value, f["cell"] if col == 1 else f["center"])
            _value(ws, f, r, 7, t.years)
            ws.write(r, 8, t.grade, f["center"])
            r += 1
        _close(wb, ws, f, school, r, last, left="NGƯỜI LẬP BIỂU", title="Thống kê đội ngũ", today=today)
    return Path(path)


# --- facilities -----------------------------------------------------------------------------------------


def write_facilities(path: str | os.PathLike, day: dt.date | None = None, *, today: dt.date | None = None) -> Path:
    """Cơ sở vật chất on `day` (default today): sites, rooms by type and condition, minimum equipment."""
    from mamnon.services.facilities import equipment_status, list_rooms, list_sites, room_counts
    from mamnon.services.school import school_info
    from mamnon.staffing_norms import ROOM_CONDITIONS, ROOM_TYPES

    check_target(path)
    today = today or dt.date.today()
    day = day or today
    school = school_info()
    sites = list_sites(day)
    rooms = list_rooms(day)
    counts = room_counts(day)
    equipment = equipment_status(day)
    last = len(FACILITY_WIDTHS) - 1
    with atomic_workbook(path) as wb:
        ws, f, r = _start(wb, school, "Cơ sở vật chất", FACILITY_WIDTHS, "CƠ SỞ VẬT CHẤT VÀ THIẾT BỊ",
                          [f"Tính đến ngày {_date_text(day)}"])
        f = _formats(wb, f)

        r = _section(ws, f, r, last, "1. Điểm trường")
        r = _table_head(ws, f, r, SITE_HEADERS, merge_name=True)
        for n, s in enumerate(sites, start=1):
            ws.write_number(r, 0, n, f["int"])
            ws.merge_range(r, 1, r, 2, s.name, f["cell"])
            for col, value in ((3, s.kind_label), (5, s.water_source), (6, "Có" if s.clean_water else "Không")):
                ws.write(r, col, value, f["center"])
            _value(ws, f, r, 4, s.distance_km)
            _value(ws, f, r, 7, s.rooms)
            _value(ws, f, r, 8, s.toilets)
            r += 1
        ws.merge_range(r, 0, r, 6, f"Tổng số: {len(sites)} điểm trường ({sum(not s.is_main for s in sites)} điểm "
                                   f"lẻ), {sum(s.clean_water for s in sites)} điểm có nước sạch", f["group"])
        _value(ws, f, r, 7, sum(s.rooms for s in sites), bold=True)
        _value(ws, f, r, 8, sum(s.toilets for s in sites), bold=True)
        r += 1

        r = _section(ws, f, r + 1, last, "2. Phòng theo loại và tình trạng (Thông tư 13/2020)")
        r = _summary_head(ws, f, r, "Loại phòng", (*ROOM_CONDITIONS.values(), "Tổng số", "Diện tích\n(m²)",
                                                   "Tỉ lệ kiên\ncố %"))
        area = Counter()
        for room in rooms:
            area[room.room_type] += room.area_m2 or 0
        by_condition = Counter()
        for code, label in ROOM_TYPES.items():
            line = counts[code]
            if not line["total"]:
                continue
            by_condition.update({c: line[c] for c in ROOM_CONDITIONS})
            r = _summary_line(ws, f, r, label, (*(line[c] for c in ROOM_CONDITIONS), line["total"],
                                                round(area[code], 1), _pct(line["kien_co"], line["total"])))
        total = sum(by_condition.values())
        r = _summary_line(ws, f, r, "Tổng số", (*(by_condition[c] for c in ROOM_CONDITIONS), total,
                                                round(sum(area.values()), 1), _pct(by_condition["kien_co"], total)),
                          bold=True)

        r = _section(ws, f, r + 1, last, "3. Thiết bị tối thiểu (trích danh mục Thông tư 02/2010, sửa đổi bởi "
                                         "Thông tư 34/2013)")
        r = _table_head(ws, f, r, EQUIPMENT_HEADERS)
        for n, line in enumerate(equipment, start=1):
            ws.write_number(r, 0, n, f["int"])
            for col, value in ((1, line.item.code), (2, line.item.name), (3, line.item.unit)):
                ws.write(r, col, value, f["cell"] if col == 2 else f["center"])
            _value(ws, f, r, 4, line.item.per_class)
            _value(ws, f, r, 5, line.required)
            _value(ws, f, r, 6, "chưa kiểm kê" if line.present is None else line.present)
            _value(ws, f, r, 7, line.shortfall or None, bold=bool(line.shortfall))
            ws.write(r, 8, _date_text(line.counted_on), f["center"])
            r += 1
        short = [line for line in equipment if line.shortfall]
        unknown = sum(line.present is None for line in equipment)
        ws.merge_range(r, 0, r, 6, f"Còn thiếu {len(short)} mục; {unknown} mục chưa kiểm kê", f["group"])
        _value(ws, f, r, 7, sum(line.shortfall for line in short), bold=True)
        ws.write(r, 8, "", f["cell"])
        r += 1
        r = _note(ws, f, r, last, "Danh mục là một số thiết bị chính, không phải toàn bộ danh mục tối thiểu; "
                                  "mức tối thiểu tính cho mỗi nhóm, lớp của năm học. Mục chưa kiểm kê không tính "
                                  "là thiếu.")
        _close(wb, ws, f, school, r, last, left="NGƯỜI LẬP BIỂU", title="Cơ sở vật chất", today=today)
    return Path(path)


def _table_head(ws, f, row: int, headers, *, merge_name: bool = False) -> int:
    for col, text in enumerate(headers):
        if merge_name and col == 2:
            continue
        if merge_name and col == 1:
            ws.merge_range(row, 1, row, 2, text, f["header"])
        else:
            ws.write(row, col, text, f["header"])
    ws.set_row(row, 30)
    return row + 1
