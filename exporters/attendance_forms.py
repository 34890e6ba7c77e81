"""Printed attendance forms (A4 landscape): a class's sổ điểm danh and the school's month summary.

* `write_month_register(path, class_id, year, month)` — sổ điểm danh of one
  class: children × days of the month with x / P / K, days off greyed (a day
  the calendar closes shows «N», a plain weekend stays blank), totals per child
  and per day, the class's rate, signatures.
* `write_school_attendance(path, year, month)` — one row per class with the
  month's figures and the school line.

Every figure comes from `attendance.month_grid` and `attendance.attendance_summary`;
nothing is counted here. The heading, formats and signature blocks are the
meal forms' (exporters.meal_forms), so every printed form of the school looks alike.
"""

from __future__ import annotations

# i18n-data: the printed attendance register and summary are official forms, Vietnamese in every language
import calendar
import datetime as dt
import os
from pathlib import Path

from exporters.meal_forms import _formats, _heading, _place_date, _signatures
from exporters.paper_stamp import stamp_paper_code
from exporters.xlsx import FONT, atomic_workbook, check_target, header_text, setup_a4_page

__all__ = ["DAY_OFF_MARK", "LEGEND", "SHORT_WEEKDAYS", "write_month_register", "write_school_attendance"]

DAY_OFF_MARK = "N"
SHORT_WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
LEGEND = "Ký hiệu: x có mặt; P nghỉ có phép; K nghỉ không phép; N ngày nghỉ theo lịch của trường."
GREY = "#D9D9D9"
NAME_COL, FIRST_DAY_COL = 1, 2
CHILD_TOTALS = ("Có mặt", "P", "K")
DAY_TOTALS = (("present", "Có mặt"), ("leave", "Nghỉ có phép (P)"), ("absent", "Nghỉ không phép (K)"))
SCHOOL_COLUMNS = (("STT", 5), ("Lớp", 20), ("Số ngày\nđã điểm danh", 11), ("Lượt trẻ\nphải đi học", 11),
                  ("Có mặt", 9), ("Nghỉ có\nphép (P)", 9), ("Nghỉ không\nphép (K)", 10),
                  ("Chưa\nđiểm danh", 10), ("Tỷ lệ\nchuyên cần (%)", 12))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _signing_day(year: int, month: int) -> dt.date:
    """The register is signed at the month's end, or today while the month is still running."""
    return min(_month_end(year, month), dt.date.today())


def rate_text(rate) -> str:
    """'95,2 %' or a dash when nothing was recorded (decimal comma, as everywhere staff read figures)."""
    value = rate.rate
    return "–" if value is None else f"{value:.1f} %".replace(".", ",")


def _extra_formats(wb, f: dict) -> dict:
    base = {"font_name": FONT, "valign": "vcenter", "border": 1, "align": "center"}

    def fmt(**props):
        return wb.add_format({**base, **props})

    return {
        **f,
        "mark": fmt(font_size=10),
        "off": fmt(font_size=9, bg_color=GREY, font_color="#595959"),
        "off_head": fmt(font_size=9, bold=True, bg_color=GREY),
        "day_head": fmt(font_size=9, bold=True, bg_color="#E7E6E6"),
        "total": fmt(font_size=10, bold=True, num_format="0"),
        "left_total": fmt(font_size=10, bold=True, align="left"),
        "rate": fmt(font_size=10, bold=True, num_format="0.0", align="right"),
    }


def _page(ws, *, school_name: str, title: str, last_row: int, last_col: int, repeat: tuple[int, int]) -> None:
    setup_a4_page(ws, landscape=True, header=header_text(left=school_name, right=title),
                  footer=header_text(center="Trang {page}/{pages}"), print_area=(0, 0, last_row, last_col),
                  fit_one_page=False, margins_cm=(1.0, 1.0, 1.6, 1.4))
    # The width of the page, as many pages down as the class needs, the table head on each.
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(*repeat)
    ws.hide_gridlines(2)


# --- the class register -----------------------------------------------------------------------


def write_month_register(path: str | os.PathLike, class_id: int, year: int, month: int) -> Path:
    """Sổ điểm danh of a class for a month, A4 landscape fit to the page's width."""
    from mamnon.services import attendance
    from mamnon.services.classes import get_class
    from mamnon.services.school import school_info

    check_target(path)
    grid = attendance.month_grid(class_id, year, month)
    summary = attendance.attendance_summary(dt.date(year, month, 1), _month_end(year, month), class_id)
    rate = summary.classes[0].rate if summary.classes else summary.school
    teacher = get_class(class_id).main_teacher_name
    school = school_info()
    ndays = len(grid.days)
    totals_col = FIRST_DAY_COL + ndays
    last = totals_col + len(CHILD_TOTALS) - 1
    title = "SỔ ĐIỂM DANH"
    with atomic_workbook(path) as wb:
        wb.set_properties({"title": f"{title} {grid.class_name} {month:02d}/{year}", "author": school.name,
                           "company": school.name})
        f = _extra_formats(wb, _formats(wb))
        ws = wb.add_worksheet(f"Tháng {month:02d}-{year}")
        ws.set_column(0, 0, 4)
        ws.set_column(NAME_COL, NAME_COL, 24)
        ws.set_column(FIRST_DAY_COL, totals_col - 1, 3.3)
        ws.set_column(totals_col, last, 6)
        row = _heading(ws, f, school, last, national=True)
        ws.set_row(row, 24)
        ws.merge_range(row, 0, row, last, title, f["title"])
        subtitle = f"Lớp: {grid.class_name} – Tháng {month:02d} năm {year}"
        if teacher:
            subtitle += f" – Giáo viên chủ nhiệm: {teacher}"
        ws.merge_range(row + 1, 0, row + 1, last, subtitle, f["subtitle"])
        head = row + 3
        _register_head(ws, f, head, grid.days, totals_col)
        r = _register_rows(ws, f, head + 2, grid)
        r = _day_totals(ws, f, r, grid)
        r += 1
        ws.merge_range(r, 0, r, last, f"Tỷ lệ chuyên cần của lớp: {rate_text(rate)} (có mặt {rate.present} / "
                                      f"{rate.expected} lượt trẻ trong {rate.recorded_days} ngày đã điểm danh)",
                       f["bold"])
        ws.merge_range(r + 1, 0, r + 1, last, LEGEND, f["note"])
        r += 3
        end = _signatures(ws, f, r, [(0, NAME_COL, "GIÁO VIÊN CHỦ NHIỆM"),
                                     (totals_col - 8, last, "HIỆU TRƯỞNG")],
                          _place_date(school, _signing_day(year, month)))
        _page(ws, school_name=school.name, title=f"Sổ điểm danh lớp {grid.class_name} tháng {month:02d}/{year}",
              last_row=end, last_col=last, repeat=(head, head + 1))
        stamp_paper_code(wb, school.code, f"{year}-{month:02d}")
    return Path(path)


def _register_head(ws, f: dict, head: int, days, totals_col: int) -> None:
    """Two rows: the day of the month and its weekday; the columns of closed days grey."""
    ws.merge_range(head, 0, head + 1, 0, "STT", f["header"])
    ws.merge_range(head, NAME_COL, head + 1, NAME_COL, "Họ và tên trẻ", f["header"])
    for i, day in enumerate(days):
        style = f["day_head"] if day.is_school_day else f["off_head"]
        ws.write_number(head, FIRST_DAY_COL + i, day.date.day, style)
        ws.write(head + 1, FIRST_DAY_COL + i, SHORT_WEEKDAYS[day.date.weekday()], style)
    for i, label in enumerate(CHILD_TOTALS):
        ws.merge_range(head, totals_col + i, head + 1, totals_col + i, label, f["header"])
    ws.set_row(head + 1, 15)


def _day_cell(day, inside: bool, mark: str | None) -> tuple[str, str]:
    """(text, format key) of one child on one day."""
    if not day.is_school_day:
        # A weekend is plain; a day the school declared off carries the N of the paper register.
        return (DAY_OFF_MARK if day.exception else ""), "off"
    if not inside:
        return "–", "mark"
    return mark or "", "mark"


def _register_rows(ws, f: dict, r: int, grid) -> int:
    totals_col = FIRST_DAY_COL + len(grid.days)
    for n, child in enumerate(grid.rows, start=1):
        ws.write_number(r, 0, n, f["int"])
        ws.write(r, NAME_COL, child.full_name, f["cell"])
        for i, (day, inside, mark) in enumerate(zip(grid.days, child.in_class, child.marks)):
            text, key = _day_cell(day, inside, mark)
            ws.write(r, FIRST_DAY_COL + i, text, f[key])
        for i, value in enumerate((child.present, child.leave, child.absent)):
            ws.write_number(r, totals_col + i, value, f["total"])
        r += 1
    return r


def _day_totals(ws, f: dict, r: int, grid) -> int:
    """One row per mark: how many children had it each day (blank on days off)."""
    totals_col = FIRST_DAY_COL + len(grid.days)
    today = dt.date.today()
    for k, (attr, label) in enumerate(DAY_TOTALS):
        values = getattr(grid, f"day_{attr}")
        ws.merge_range(r, 0, r, NAME_COL, label, f["left_total"])
        for i, (day, value) in enumerate(zip(grid.days, values)):
            if not day.is_school_day:
                ws.write(r, FIRST_DAY_COL + i, "", f["off"])
            elif day.date > today:
                ws.write(r, FIRST_DAY_COL + i, "", f["total"])  # a zero there would read as everyone absent
            else:
                ws.write_number(r, FIRST_DAY_COL + i, value, f["total"])
        # The month's sum sits under the per-child column of the same mark.
        for i in range(len(CHILD_TOTALS)):
            if i == k:
                ws.write_number(r, totals_col + i, sum(values), f["total"])
            else:
                ws.write(r, totals_col + i, "", f["total"])
        r += 1
    return r


# --- the school summary -----------------------------------------------------------------------


def write_school_attendance(path: str | os.PathLike, year: int, month: int) -> Path:
    """The month's attendance of every class and of the school, one A4 landscape page wide."""
    from mamnon.services import attendance
    from mamnon.services.school import school_info

    check_target(path)
    summary = attendance.attendance_summary(dt.date(year, month, 1), _month_end(year, month))
    school = school_info()
    last = len(SCHOOL_COLUMNS) - 1
    title = "TỔNG HỢP ĐIỂM DANH"
    with atomic_workbook(path) as wb:
        wb.set_properties({"title": f"{title} {month:02d}/{year}", "author": school.name, "company": school.name})
        f = _extra_formats(wb, _formats(wb))
        ws = wb.add_worksheet(f"Tháng {month:02d}-{year}")
        for col, (_header_text, width) in enumerate(SCHOOL_COLUMNS):
            ws.set_column(col, col, width)
        row = _heading(ws, f, school, last, national=True)
        ws.set_row(row, 24)
        ws.merge_range(row, 0, row, last, title, f["title"])
        ws.merge_range(row + 1, 0, row + 1, last,
                       f"Tháng {month:02d} năm {year} – {summary.school_days} ngày học theo lịch", f["subtitle"])
        head = row + 3
        for col, (text, _width) in enumerate(SCHOOL_COLUMNS):
            ws.write(head, col, text, f["header"])
        ws.set_row(head, 30)
        r = head + 1
        for n, line in enumerate(summary.classes, start=1):
            ws.write_number(r, 0, n, f["int"])
            ws.write(r, 1, line.class_name, f["cell"])
            _rate_cells(ws, f, r, line.rate, bold=False)
            r += 1
        ws.merge_range(r, 0, r, 1, "Toàn trường", f["total_label"])
        _rate_cells(ws, f, r, summary.school, bold=True)
        r += 1
        ws.merge_range(r, 0, r, last, "Tỷ lệ chuyên cần = có mặt ÷ lượt trẻ phải đi học trong các ngày lớp đã "
                                      "điểm danh; ngày chưa điểm danh không tính.", f["note"])
        r += 2
        end = _signatures(ws, f, r, [(0, 2, "NGƯỜI LẬP BIỂU"), (last - 2, last, "HIỆU TRƯỞNG")],
                          _place_date(school, _signing_day(year, month)))
        _page(ws, school_name=school.name, title=f"Tổng hợp điểm danh tháng {month:02d}/{year}",
              last_row=end, last_col=last, repeat=(head, head))
        stamp_paper_code(wb, school.code, f"{year}-{month:02d}")
    return Path(path)


def _rate_cells(ws, f: dict, r: int, rate, *, bold: bool) -> None:
    number = f["total"] if bold else f["int"]
    for col, value in enumerate((rate.recorded_days, rate.expected, rate.present, rate.leave, rate.absent,
                                 rate.unmarked), start=2):
        ws.write_number(r, col, value, number)
    if rate.rate is None:
        ws.write(r, 8, "–", f["center"])
    else:
        ws.write_number(r, 8, rate.rate, f["rate"] if bold else f["one"])
