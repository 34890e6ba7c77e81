"""The attendance template of a class and month carries the marks already saved, and imports back unchanged."""

from __future__ import annotations

import datetime as dt

import openpyxl

from exporters import templates
from importers import import_workbook
from mamnon.services import attendance
from mamnon.workbooks.kinds import ATTENDANCE_SPEC
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 23)
STAMP = dt.datetime(2026, 11, 23, 8, 0, 0)
SHEET = ATTENDANCE_SPEC.sheets[0]


def day_cells(path) -> dict[str, dict[int, str]]:
    """Child code → {day: mark} as the sheet shows it."""
    ws = openpyxl.load_workbook(path)[SHEET.name]
    shown = {}
    for row in ws.iter_rows(min_row=SHEET.first_data_row + 1, max_col=3 + 31, values_only=True):
        if row[0] is not None:
            shown[row[0]] = {day: row[2 + day] for day in range(1, 32) if row[2 + day] is not None}
    return shown


def marked_month(school_db):
    """Lá 1 with two children: both present on the 2nd, one on leave and one absent on the 3rd, nothing else."""
    la = school_db["Lá 1"]
    an = add_child(la, "Nguyễn Thị An", "15/03/2021")
    binh = add_child(la, "Trần Văn Bình", "02/07/2021", sex="M")
    attendance.save_class_day(la, dt.date(2026, 11, 2), {an.id: "x", binh.id: "x"}, today=TODAY)
    attendance.save_class_day(la, dt.date(2026, 11, 3), {an.id: "P", binh.id: "K"}, today=TODAY)
    return la, an, binh


def test_saved_marks_are_prefilled(school_db, tmp_path):
    la, an, binh = marked_month(school_db)
    path = templates.write_attendance(tmp_path / "dd.xlsx", "Lá 1", 2026, 11, exported_at=STAMP)
    assert day_cells(path) == {an.code: {2: "x", 3: "P"}, binh.code: {2: "x", 3: "K"}}


def test_a_prefilled_month_imports_back_unchanged(school_db, tmp_path):
    la, *_ = marked_month(school_db)
    before = attendance.month_grid(la, 2026, 11)
    path = templates.write_attendance(tmp_path / "dd.xlsx", "Lá 1", 2026, 11, exported_at=STAMP)
    done = import_workbook(path, unit_code="MN01", today=TODAY)
    result = done.result
    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 4)
    assert attendance.month_grid(la, 2026, 11) == before


def test_a_month_without_marks_has_empty_day_cells(school_db, tmp_path):
    add_child(school_db["Lá 1"], "Nguyễn Thị An", "15/03/2021")
    path = templates.write_attendance(tmp_path / "dd.xlsx", "Lá 1", 2026, 11, exported_at=STAMP)
    assert list(day_cells(path).values()) == [{}]
