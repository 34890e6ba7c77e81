"""`mamnon export report` → `merge --deadline` → `reply approve|return|unlock` → `reply import`, and the lock."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from importers.report_reader import read_report
from importers.workbook_reader import open_workbook
from mamnon.paper_code import LABEL as PAPER_LABEL
from mamnon.workbooks.kinds import SUBMISSIONS_SHEET
from tests.cli.conftest import build_demo_file, copy_of

TODAY = dt.date.today()  # the commands compute as of today, so the demo is built up to today too
OFFICE = ["--unit-code", "UBND-YEN-LAC", "--unit-name", "UBND xã Yên Lạc"]
"""The demo school's parent (mamnon.services.demo)."""
LOCKED = "đã được UBND xã Yên Lạc duyệt và khóa: không sửa được số liệu trong kỳ này."


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory, TODAY)


@pytest.fixture
def demo_db(demo_file, tmp_path):
    return copy_of(demo_file, tmp_path)


def month_text(day: dt.date) -> str:
    return f"{day.month:02d}/{day.year}"


def a_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(6 - day.weekday()) % 7)


@pytest.fixture
def submitted(run, demo_db, tmp_path):
    folder = tmp_path / "nop"
    folder.mkdir()
    out = folder / "bao-cao.xlsx"
    result = run("export", "report", "--period", month_text(TODAY), "-o", str(out), db=demo_db)
    assert result.exit_code == 0, result.output
    assert "(đã nộp)" in result.output
    return out


def test_show_prints_the_state(run, submitted):
    shown = run("report", "show", str(submitted))
    assert "Trạng thái:      Đã nộp (Trường Mầm non Hoa Sen (dữ liệu mẫu), " in shown.output


def test_draft_export_says_draft(run, demo_db, tmp_path):
    out = tmp_path / "nhap.xlsx"
    result = run("export", "report", "--period", month_text(TODAY), "-o", str(out), "--draft", db=demo_db)
    assert result.exit_code == 0 and "(bản nháp)" in result.output
    assert read_report(out).state == "nhap"


def test_merge_deadline_writes_state_and_timing(run, submitted, tmp_path):
    merged = tmp_path / "gop.xlsx"
    yesterday = TODAY - dt.timedelta(days=1)
    result = run("merge", str(submitted.parent), "-o", str(merged), *OFFICE,
                 "--deadline", yesterday.strftime("%d/%m/%Y"))
    assert result.exit_code == 0, result.output
    assert "Nộp muộn 1 ngày so với hạn." in result.output
    row = open_workbook(merged).sheets[SUBMISSIONS_SHEET].rows[0].values
    assert (row["state"], row["timing"]) == ("Đã nộp", "Muộn 1 ngày")
    on_time = run("merge", str(submitted.parent), "-o", str(merged), *OFFICE,
                  "--deadline", TODAY.strftime("%d/%m/%Y"))
    assert open_workbook(merged).sheets[SUBMISSIONS_SHEET].rows[0].values["timing"] == "Đúng hạn", on_time.output


def test_merge_refuses_a_bad_deadline(run, submitted, tmp_path):
    result = run("merge", str(submitted.parent), "-o", str(tmp_path / "gop.xlsx"), *OFFICE, "--deadline", "31/02/2026")
    assert result.exit_code == 2 and "--deadline" in result.output


def test_approve_import_locks_then_unlock_opens(run, demo_db, submitted, tmp_path):
    reply = tmp_path / "duyet.xlsx"
    written = run("reply", "approve", str(submitted), *OFFICE, "-o", str(reply))
    assert written.exit_code == 0, written.output
    code = read_report(submitted).info[PAPER_LABEL]
    assert f"mã đối chiếu {code}" in written.output
    imported = run("reply", "import", str(reply), db=demo_db)
    assert imported.exit_code == 0, imported.output
    label = f"tháng {TODAY.month:02d}/{TODAY.year}"
    assert imported.output.startswith(f"UBND xã Yên Lạc đã duyệt báo cáo {label} (kỳ này đã khóa).")

    sunday = a_sunday(TODAY.year, TODAY.month)
    refused = run("attendance", "dayoff", sunday.strftime("%d/%m/%Y"), "--reason", "Bão", db=demo_db)
    assert refused.exit_code == 1 and f"Báo cáo {label} {LOCKED}" in refused.output
    later = a_sunday(TODAY.year + 1, TODAY.month)
    allowed = run("attendance", "dayoff", later.strftime("%d/%m/%Y"), "--reason", "Bão", db=demo_db)
    assert allowed.exit_code == 0, allowed.output

    unlock = tmp_path / "mo.xlsx"
    run("reply", "unlock", str(submitted), *OFFICE, "--note", "Cho sửa lịch nghỉ", "-o", str(unlock))
    assert run("reply", "import", str(unlock), db=demo_db).exit_code == 0
    opened = run("attendance", "dayoff", sunday.strftime("%d/%m/%Y"), "--reason", "Bão", db=demo_db)
    assert opened.exit_code == 0, opened.output


def test_return_needs_a_note_and_goes_beside_the_report_by_default(run, demo_db, submitted):
    assert run("reply", "return", str(submitted), *OFFICE).exit_code == 2
    result = run("reply", "return", str(submitted), *OFFICE, "--note", "Thiếu cân đo")
    assert result.exit_code == 0, result.output
    written = submitted.parent / f"tra-loi-MN-DEMO-{TODAY.year}-{TODAY.month:02d}.xlsx"
    assert written.exists()
    imported = run("reply", "import", str(written), db=demo_db)
    assert imported.output.endswith(": Thiếu cân đo.\n")
    again = run("reply", "import", str(written), db=demo_db)
    assert "đã được nhập trước đây" in again.output


def test_import_refuses_an_edited_reply_and_another_office(run, demo_db, submitted, tmp_path):
    other = tmp_path / "khac.xlsx"
    run("reply", "approve", str(submitted), "--unit-code", "PGD-VT", "--unit-name", "Phòng GD&ĐT Vĩnh Tường",
        "-o", str(other))
    refused = run("reply", "import", str(other), db=demo_db)
    assert refused.exit_code == 1 and "không phải đơn vị cấp trên của trường" in refused.output

    reply = tmp_path / "tl.xlsx"
    run("reply", "return", str(submitted), *OFFICE, "--note", "Thiếu", "-o", str(reply))
    book = openpyxl.load_workbook(reply)
    for row in book["Trả lời"].iter_rows():
        for cell in row:
            if cell.value == "Trả lại":
                cell.value = "Duyệt"
    book.save(reply)
    refused = run("reply", "import", str(reply), db=demo_db)
    assert refused.exit_code == 1 and "tệp đã bị sửa sau khi ghi" in refused.output


def test_an_edited_report_cannot_be_approved(run, submitted, tmp_path):
    book = openpyxl.load_workbook(submitted)
    sheet = book["Chỉ tiêu"]
    sheet.cell(row=5, column=4).value = 999
    book.save(submitted)
    result = run("reply", "approve", str(submitted), *OFFICE, "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 1 and "đã bị sửa sau khi xuất" in result.output
