"""`mamnon attendance month | print | dayoff` on a demo school, checked against the attendance services."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cli.commands_attendance import rate_lines
from mamnon.services import attendance, classes, session
from tests.cli.conftest import build_demo_file, copy_of, digest

TODAY = dt.date(2026, 11, 23)
START, END = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
MARKED_DAY = dt.date(2026, 11, 18)  # a Wednesday the demo's teachers marked


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory, TODAY)


@pytest.fixture
def db_path(demo_file, tmp_path):
    return copy_of(demo_file, tmp_path)


def opened(db_path):
    session.open_path(db_path)
    return session


def rate(value: float | None) -> str:
    return f"{value:.1f} %".replace(".", ",")


def test_month_prints_the_rate_of_every_class_and_the_school(run, db_path):
    opened(db_path)
    summary = attendance.attendance_summary(START, END)
    session.close()
    result = run("attendance", "month", "11/2026")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Điểm danh tháng 11/2026: {summary.school_days} ngày học theo lịch"
    for c in summary.classes:
        line = next(x for x in lines if x.startswith(c.class_name + "  "))
        assert line.split()[-2:] == rate(c.rate.rate).split()
        assert f" {c.rate.expected} " in line and f" {c.rate.present} " in line
    school = next(x for x in lines if x.startswith("Toàn trường"))
    assert school.split()[2:5] == [str(summary.school.recorded_days), str(summary.school.expected),
                                   str(summary.school.present)]
    assert school.endswith(rate(summary.school.rate))
    assert lines[1:] == rate_lines(summary)


def test_month_with_a_class_prints_its_grid(run, db_path):
    opened(db_path)
    class_id = next(c.id for c in classes.list_classes() if c.name == "Lá 1")
    grid = attendance.month_grid(class_id, 2026, 11)
    class_rate = attendance.attendance_summary(START, END, class_id).classes[0].rate
    session.close()
    result = run("attendance", "month", "11/2026", "--class", "la 1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Sổ điểm danh lớp Lá 1, tháng 11/2026"
    for row in grid.rows:
        line = next(x for x in lines if x.startswith(row.full_name + " "))
        assert line.split()[-3:] == [str(row.present), str(row.leave), str(row.absent)]
    per_day = next(x for x in lines if x.startswith("Có mặt mỗi ngày"))
    expected = [str(n) for d, n in zip(grid.days, grid.day_present) if d.is_school_day]
    assert per_day.split()[4:] == expected
    assert f"Tỷ lệ chuyên cần: {rate(class_rate.rate)}" in result.output


def test_print_writes_the_register_and_the_school_summary(run, db_path, tmp_path):
    result = run("attendance", "print", "11/2026", "--class", "Lá 1", "-o", str(tmp_path / "la1.xlsx"))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(tmp_path / "la1.xlsx").active
    assert any(c.value == "SỔ ĐIỂM DANH" for row in ws.iter_rows() for c in row)
    result = run("attendance", "print", "11/2026", "-o", str(tmp_path / "truong.xlsx"))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(tmp_path / "truong.xlsx").active
    assert any(c.value == "Toàn trường" for row in ws.iter_rows() for c in row)


def test_dayoff_is_refused_on_a_marked_day_and_nothing_changes(run, db_path):
    before = digest(db_path)
    result = run("attendance", "dayoff", "18/11/2026", "--reason", "Bão lũ")
    assert result.exit_code == 1
    assert "Ngày 18/11/2026 đã có" in result.output and "không đặt làm ngày nghỉ được" in result.output
    session.close()
    assert digest(db_path) == before
    opened(db_path)
    assert attendance.day_info(MARKED_DAY).is_school_day


def test_dayoff_then_clear(run, db_path):
    result = run("attendance", "dayoff", "30/11/2026", "--reason", "Bão lũ")
    assert result.exit_code == 0, result.output
    assert "30/11/2026 là ngày nghỉ: Bão lũ" in result.output
    session.close()
    opened(db_path)
    info = attendance.day_info(dt.date(2026, 11, 30))
    assert (info.is_school_day, info.reason) == (False, "Bão lũ")
    session.close()
    result = run("attendance", "dayoff", "30/11/2026", "--clear")
    assert result.exit_code == 0, result.output
    session.close()
    opened(db_path)
    assert attendance.day_info(dt.date(2026, 11, 30)).is_school_day


@pytest.mark.parametrize("args", [["attendance", "dayoff", "30/11/2026"],
                                  ["attendance", "dayoff", "30/11/2026", "--reason", "Lễ", "--clear"]])
def test_dayoff_needs_exactly_one_of_reason_and_clear(run, db_path, args):
    result = run(*args)
    assert result.exit_code == 2
    assert "--reason" in result.output and "--clear" in result.output


def test_a_wrong_month_is_refused(run, db_path):
    result = run("attendance", "month", "13/2026")
    assert result.exit_code == 1
    assert "không phải tháng" in result.output
