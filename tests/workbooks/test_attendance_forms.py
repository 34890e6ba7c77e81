"""Sổ điểm danh and the school's attendance summary, read back with openpyxl and compared with the services."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exporters import attendance_forms as af
from exporters import xlsx
from mamnon.services import attendance, classes, demo

TODAY = dt.date(2026, 11, 23)
YEAR, MONTH = 2026, 11
HOLIDAY = dt.date(2026, 11, 30)


@pytest.fixture
def demo_school(db):
    demo.build_demo(children=60, seed=3, today=TODAY)
    attendance.set_day_off(HOLIDAY, "Bão lũ")


def find_cell(ws, text: str):
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c
    raise AssertionError(f"{text!r} not on the sheet")


def a_class_with_a_move() -> int:
    """A class with a child who joined or left it during the month (the demo has some)."""
    return next(c.id for c in classes.list_classes()
                if any(not all(r.in_class) for r in attendance.month_grid(c.id, YEAR, MONTH).rows))


def check_page(ws, repeat: str) -> None:
    assert ws.page_setup.paperSize == xlsx.A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1)
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == repeat
    assert "&P" in ws.oddFooter.center.text


def test_register_has_every_child_and_the_totals_of_month_grid(demo_school, tmp_path):
    class_id = a_class_with_a_move()
    grid = attendance.month_grid(class_id, YEAR, MONTH)
    path = af.write_month_register(tmp_path / "so.xlsx", class_id, YEAR, MONTH)
    ws = openpyxl.load_workbook(path).active

    assert find_cell(ws, "SỔ ĐIỂM DANH")
    head = find_cell(ws, "Họ và tên trẻ")
    check_page(ws, f"${head.row}:${head.row + 1}")
    names = {ws.cell(head.row + 2 + i, 2).value for i in range(len(grid.rows))}
    assert names == {r.full_name for r in grid.rows}
    ndays = len(grid.days)
    totals_col = 3 + ndays
    for i, row in enumerate(grid.rows):
        r = head.row + 2 + i
        assert ws.cell(r, 2).value == row.full_name
        assert [ws.cell(r, totals_col + k).value for k in range(3)] == [row.present, row.leave, row.absent]
        shown = [ws.cell(r, 3 + d).value for d in range(ndays)]
        for day, inside, mark, cell in zip(grid.days, row.in_class, row.marks, shown):
            if day.is_school_day and inside and mark:
                assert cell == mark
            elif day.is_school_day and not inside:
                assert cell == "–"

    label = next(c for c in ws[head.row + 2 + len(grid.rows)] if c.value)
    assert label.value == "Có mặt"
    r = label.row
    for i, day in enumerate(grid.days):
        value = ws.cell(r, 3 + i).value
        shown = day.is_school_day and day.date <= dt.date.today()
        assert value == (grid.day_present[i] if shown else None)
    assert ws.cell(r, totals_col).value == sum(grid.day_present)
    assert ws.cell(r + 1, totals_col + 1).value == sum(grid.day_leave)
    assert ws.cell(r + 2, totals_col + 2).value == sum(grid.day_absent)


def test_register_greys_days_off_and_marks_the_school_s_own_with_n(demo_school, tmp_path):
    class_id = a_class_with_a_move()
    grid = attendance.month_grid(class_id, YEAR, MONTH)
    path = af.write_month_register(tmp_path / "so.xlsx", class_id, YEAR, MONTH)
    ws = openpyxl.load_workbook(path).active
    head = find_cell(ws, "Họ và tên trẻ").row
    first_child = head + 2
    holiday = ws.cell(first_child, 2 + HOLIDAY.day)
    sunday = ws.cell(first_child, 2 + 1)  # 01/11/2026 is a Sunday
    weekday = ws.cell(first_child, 2 + 2)
    assert holiday.value == af.DAY_OFF_MARK
    assert sunday.value is None
    assert holiday.fill.fgColor.rgb.endswith("D9D9D9") and sunday.fill.fgColor.rgb.endswith("D9D9D9")
    assert not (weekday.fill.fgColor.rgb or "").endswith("D9D9D9")
    assert ws.cell(head + 1, 2 + 1).value == "CN"
    assert len(grid.days) == 30 and ws.cell(head, 2 + 30).value == 30


def test_register_states_the_class_rate_and_signatures(demo_school, tmp_path):
    class_id = a_class_with_a_move()
    rate = attendance.attendance_summary(dt.date(YEAR, MONTH, 1), dt.date(YEAR, MONTH, 30), class_id).classes[0].rate
    ws = openpyxl.load_workbook(af.write_month_register(tmp_path / "so.xlsx", class_id, YEAR, MONTH)).active
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    line = next(v for v in values if v.startswith("Tỷ lệ chuyên cần của lớp"))
    assert f"{rate.rate:.1f} %".replace(".", ",") in line
    assert f"có mặt {rate.present} / {rate.expected} lượt trẻ" in line
    assert "GIÁO VIÊN CHỦ NHIỆM" in values and "HIỆU TRƯỞNG" in values


def test_school_summary_has_a_row_per_class_and_the_school_line(demo_school, tmp_path):
    summary = attendance.attendance_summary(dt.date(YEAR, MONTH, 1), dt.date(YEAR, MONTH, 30))
    ws = openpyxl.load_workbook(af.write_school_attendance(tmp_path / "truong.xlsx", YEAR, MONTH)).active
    head = find_cell(ws, "Lớp").row
    check_page(ws, f"${head}:${head}")
    for i, line in enumerate(summary.classes):
        r = head + 1 + i
        assert ws.cell(r, 2).value == line.class_name
        assert [ws.cell(r, c).value for c in range(3, 10)] == [
            line.rate.recorded_days, line.rate.expected, line.rate.present, line.rate.leave, line.rate.absent,
            line.rate.unmarked, line.rate.rate]
    school = head + 1 + len(summary.classes)
    assert ws.cell(school, 1).value == "Toàn trường"
    assert ws.cell(school, 4).value == summary.school.expected
    assert ws.cell(school, 5).value == summary.school.present
    assert ws.cell(school, 9).value == summary.school.rate


def test_a_wrong_target_is_refused_before_anything_is_written(demo_school, tmp_path):
    with pytest.raises(xlsx.ExportError):
        af.write_month_register(tmp_path / "so.pdf", classes.list_classes()[0].id, YEAR, MONTH)
    assert list(tmp_path.iterdir()) == []
