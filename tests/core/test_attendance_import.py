"""Importing a month of attendance: marks checked like the daily screen, blanks kept, all or nothing.

November 2026 starts on a Sunday: 02/11 is a Monday, 07/11 and 08/11 the
first weekend. "Today" is Monday 23/11.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from mamnon.models import AttendanceMark
from mamnon.services import attendance, children, session
from mamnon.services.attendance_import import import_attendance
from tests.conftest import add_child

TODAY = dt.date(2026, 11, 23)
NOV = "2026-11"


def d(day: int) -> dt.date:
    return dt.date(2026, 11, day)


@pytest.fixture
def kids(school_db):
    """Lá 1: An, Bình, Cúc; Mầm 1: Dũng — all from 05/09/2026."""
    found = {name.split()[-1]: add_child(school_db[cls], name, birth)
             for cls, name, birth in (("Lá 1", "Trần Thị An", "10/01/2021"), ("Lá 1", "Lê Văn Bình", "11/02/2021"),
                                      ("Lá 1", "Phạm Thị Cúc", "12/03/2021"), ("Mầm 1", "Đỗ Văn Dũng", "10/01/2023"))}
    found.update(classes=school_db)
    return found


def row(child, class_name="Lá 1", **days):
    return {"code": child.code, "full_name": child.full_name, "class_name": class_name,
            **{f"d{int(k[1:]):02d}": v for k, v in days.items()}}


def numbered(*rows):
    return list(enumerate(rows, start=5))


def marks(kids, cls="Lá 1", day=d(2)) -> dict[str, str | None]:
    return {r.full_name.split()[-1]: r.mark for r in attendance.class_day(kids["classes"][cls], day).rows}


def stored() -> list[tuple]:
    return sorted(AttendanceMark.select(AttendanceMark.child, AttendanceMark.date, AttendanceMark.mark,
                                        AttendanceMark.updated_at).tuples())


def run(rows, **options):
    options.setdefault("period", NOV)
    options.setdefault("today", TODAY)
    return import_attendance(rows, **options)


def test_marks_are_written_and_the_same_file_twice_changes_nothing(kids):
    rows = numbered(row(kids["An"], d2="x", d3="P"), row(kids["Bình"], d2="K", d3="x"), row(kids["Cúc"], d2="x"))
    result = run(rows, class_name="Lá 1")
    assert (result.created, result.updated, result.unchanged, result.errors) == (5, 0, 0, [])
    assert result.applied and "lượt điểm danh" in result.notes[0]
    assert marks(kids) == {"An": "x", "Bình": "K", "Cúc": "x"}
    assert marks(kids, day=d(3)) == {"An": "P", "Bình": "x", "Cúc": None}
    before = stored()
    again = run(rows, class_name="Lá 1")
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 5, [])
    assert stored() == before


def test_a_blank_cell_never_removes_a_mark_and_a_different_one_replaces_it(kids):
    attendance.save_class_day(kids["classes"]["Lá 1"], d(2), {kids["An"].id: "x", kids["Bình"].id: "x"},
                              today=TODAY)
    result = run(numbered(row(kids["An"]), row(kids["Bình"], d2="P"), row(kids["Cúc"], d2="x")))
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert marks(kids) == {"An": "x", "Bình": "P", "Cúc": "x"}


def test_every_refused_cell_is_located_and_nothing_is_written(kids):
    attendance.set_day_off(d(4), "Bão số 9")
    children.move_child(kids["Cúc"].id, kids["classes"]["Mầm 1"], d(16))
    rows = numbered(row(kids["An"], d2="x", d4="x", d8="x", d24="x", d31="x"),
                    row(kids["Cúc"], d13="x", d17="x"))
    result = run(rows)
    found = [(e.row, e.header, e.message) for e in result.errors]
    assert found == [
        (5, "4", "Ngày 04/11/2026 là ngày nghỉ (Bão số 9): không điểm danh."),
        (5, "8", "Ngày 08/11/2026 là ngày nghỉ (Chủ nhật): không điểm danh."),
        (5, "24", "Ngày 24/11/2026 chưa đến: chưa điểm danh được."),
        (5, "31", "Tháng 11/2026 không có ngày 31."),
        (6, "17", "Phạm Thị Cúc không học lớp Lá 1 ngày 17/11/2026."),
    ]
    assert (result.created, result.applied, result.notes) == (0, False, [])
    assert AttendanceMark.select().count() == 0
    assert session.integrity() == "ok"


def test_a_child_not_in_the_class_that_month_is_an_error_on_the_code(kids):
    result = run(numbered(row(kids["An"], d2="x"), row(kids["Dũng"], d2="x")), class_name="Lá 1")
    assert [(e.row, e.header) for e in result.errors] == [(6, "Mã trẻ")]
    assert result.errors[0].message == f"Không có trẻ mã {kids['Dũng'].code} trong lớp Lá 1 tháng 11/2026."
    assert AttendanceMark.select().count() == 0


def test_the_month_is_required_and_comes_from_the_metadata_or_the_caller(kids):
    rows = numbered(row(kids["An"], d2="x"))
    missing = run(rows, period="")
    assert [(e.row, e.header) for e in missing.errors] == [(5, "Mã trẻ")]
    assert "không ghi kỳ báo cáo" in missing.errors[0].message
    year = run(rows, period="2026-2027")
    assert "không phải một tháng" in year.errors[0].message
    assert run(rows, period="11/2026").created == 1
    assert marks(kids)["An"] == "x"


def test_without_a_class_in_the_metadata_each_row_names_its_class(kids):
    rows = numbered(row(kids["An"], d2="x"), row(kids["Dũng"], "mầm 1", d2="K"))
    result = run(rows)
    assert (result.created, result.errors) == (2, [])
    assert marks(kids, "Mầm 1") == {"Dũng": "K"}
    other = run(numbered(row(kids["An"], "Lá 9", d3="x")))
    assert other.errors[0].message == "Lớp «Lá 9» không có trong năm học của tháng 11/2026."


def test_a_row_of_another_class_than_the_file_is_refused(kids):
    result = run(numbered(row(kids["Dũng"], "Mầm 1", d2="x")), class_name="Lá 1")
    assert [(e.header, e.message) for e in result.errors] == [
        ("Lớp", "Tệp là điểm danh lớp Lá 1, dòng này ghi lớp Mầm 1.")]
    unknown = run(numbered(row(kids["An"], d2="x"), row(kids["Bình"], d2="x")), class_name="Lá 9")
    assert len(unknown.errors) == 1 and "Lá 9" in unknown.errors[0].message


def test_dry_run_counts_and_writes_nothing(kids):
    result = run(numbered(row(kids["An"], d2="x", d3="x")), dry_run=True)
    assert (result.created, result.applied, result.errors) == (2, False, [])
    assert AttendanceMark.select().count() == 0


# ---------------------------------------------------------------- through the workbook


def _fill(path, marks_by_code: dict[str, dict[int, str]]) -> None:
    """Type marks into the template as a teacher would, found by the code and day headers."""
    book = openpyxl.load_workbook(path)
    ws = book["Điểm danh"]
    header = next(r for r in ws.iter_rows() if r[0].value and str(r[0].value).startswith("Mã trẻ"))
    day_column = {int(c.value): c.column for c in header if str(c.value or "").isdigit()}
    for line in ws.iter_rows(min_row=header[0].row + 1):
        for day, mark in marks_by_code.get(line[0].value, {}).items():
            ws.cell(row=line[0].row, column=day_column[day], value=mark)
    book.save(path)


def test_a_template_filled_in_is_imported_and_a_bad_cell_is_marked(kids, tmp_path):
    from exporters.templates import write_attendance
    from importers import import_workbook

    path = write_attendance(tmp_path / "diem-danh.xlsx", "Lá 1", 2026, 11)
    _fill(path, {kids["An"].code: {2: "X", 3: "p"}, kids["Bình"].code: {2: "k"}})
    done = import_workbook(path, unit_code="MN01", today=TODAY)
    assert (done.result.created, done.result.errors) == (3, [])
    assert marks(kids) == {"An": "x", "Bình": "K", "Cúc": None}
    assert marks(kids, day=d(3))["An"] == "P"
    again = import_workbook(path, unit_code="MN01", today=TODAY)
    assert (again.result.created, again.result.unchanged) == (0, 3)

    _fill(path, {kids["Cúc"].code: {2: "x", 8: "x", 9: "v"}})
    bad = import_workbook(path, unit_code="MN01", today=TODAY)
    assert [(e.sheet, e.header) for e in bad.result.errors] == [("Điểm danh", "8"), ("Điểm danh", "9")]
    assert "Chủ nhật" in bad.result.errors[0].message
    assert bad.annotated is not None and bad.annotated.exists()
    assert marks(kids)["Cúc"] is None


def test_a_file_that_lost_its_month_needs_the_callers(kids, tmp_path):
    from importers import import_workbook
    from mamnon.workbooks.kinds import ATTENDANCE
    from tests.workbooks.conftest import write_book

    path = write_book(tmp_path / "chep.xlsx", ATTENDANCE, [row(kids["An"], d2="x")])
    refused = import_workbook(path, unit_code="MN01", today=TODAY)
    assert "không ghi kỳ báo cáo" in refused.result.errors[0].message
    assert AttendanceMark.select().count() == 0
    done = import_workbook(path, unit_code="MN01", today=TODAY, period="11/2026")
    assert (done.result.created, done.result.errors) == (1, [])
    assert marks(kids)["An"] == "x"
