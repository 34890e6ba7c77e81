"""Approval that travels with the workbook: state in the report, the office's reply, the school's lock."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exporters.reply import make_reply, write_reply
from exporters.report import write_merged, write_report
from importers.merge_inputs import read_inputs
from importers.reply import read_reply
from importers.report_reader import CHECKSUM_CHANGED, read_report
from importers.workbook_reader import ImportRefused, open_workbook
from mamnon.merge import LATE, MISSING, ON_TIME, ExpectedUnit, Unit, merge
from mamnon.models.approval import PeriodLocked
from mamnon.paper_code import LABEL as PAPER_LABEL
from mamnon.services import approval, attendance, measurements, school
from mamnon.workbooks import report_state
from mamnon.workbooks.kinds import SUBMISSIONS_SHEET
from mamnon.workbooks.periods import parse_period
from mamnon.workbooks.reply_spec import APPROVE, RETURN, UNLOCK
from tests.conftest import add_child

NOV = parse_period("11/2026")
TODAY = dt.date(2026, 12, 20)
OFFICE = ("PGD-YL", "Phòng GD&ĐT Yên Lạc")


@pytest.fixture
def school_with_office(db):
    """Hoa Sen (MN01) under Phòng GD&ĐT Yên Lạc; Lá 1 with An and Bình, An marked present on 02/11/2026."""
    from mamnon.services import classes

    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", year_name="2026-2027",
                       parents=[school.UnitRef("Phòng GD&ĐT", *OFFICE)])
    cls = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
    an = add_child(cls, "Lê Văn An", "01/02/2021").id
    binh = add_child(cls, "Trần Thị Bình", "03/04/2021", sex="F").id
    attendance.save_class_day(cls, dt.date(2026, 11, 2), {an: "x", binh: "x"}, today=TODAY)
    return {"class": cls, "an": an, "binh": binh}


def export(tmp_path, name="bc.xlsx", *, at=dt.datetime(2026, 12, 1, 16, 30), draft=False):
    return write_report(tmp_path / name, NOV, today=TODAY, exported_at=at, draft=draft)


def reply_to(report_path, decision, note="", office=OFFICE, out=None):
    report = read_report(report_path)
    reply = make_reply(office_code=office[0], office_name=office[1], school_code=report.unit["code"],
                       school_name=report.unit["name"], period=report.period, figures=report.indicators,
                       decision=decision, note=note, decided_at=dt.datetime(2026, 12, 3, 9, 0))
    return write_reply(out or report_path.parent / f"reply-{decision}.xlsx", reply)


def test_a_report_says_it_was_submitted_and_the_school_remembers_the_paper_code(school_with_office, tmp_path):
    path = export(tmp_path)
    report = read_report(path)
    assert (report.state, report.checksum_ok, report.checks) == (report_state.SUBMITTED, True, [])
    assert report.state_by == "Trường Mầm non Hoa Sen" and report.state_at == "2026-12-01T16:30:00"
    recorded = approval.latest_submission("2026-11")
    assert recorded.paper_code == report.info[PAPER_LABEL]


def test_a_draft_is_flagged_and_not_recorded(school_with_office, tmp_path):
    path = export(tmp_path, draft=True)
    assert read_report(path).state == report_state.DRAFT
    assert approval.latest_submission("2026-11") is None
    result = merge(read_inputs([path]), unit=Unit(*OFFICE))
    assert result.submissions[0].state_label == "Nháp"
    assert any("bản nháp" in c.message for c in result.checks)


def test_the_checksum_covers_the_state(school_with_office, tmp_path):
    path = export(tmp_path)
    book = openpyxl.load_workbook(path)
    meta = book["_mamnon"]
    for row in meta.iter_rows():
        if row[0].value == "state":
            row[1].value = report_state.APPROVED
    book.save(tmp_path / "meta-edited.xlsx")
    edited = read_report(tmp_path / "meta-edited.xlsx")
    assert any("Trạng thái báo cáo trong trang «_mamnon» («Đã duyệt»)" in c for c in edited.checks)

    book = openpyxl.load_workbook(path)
    info = book["Thông tin"]
    for row in info.iter_rows():
        if row[0].value == report_state.INFO_ITEMS["state"]:
            row[1].value = "Đã duyệt"
    book.save(tmp_path / "info-edited.xlsx")
    edited = read_report(tmp_path / "info-edited.xlsx")
    assert edited.checksum_ok is False and CHECKSUM_CHANGED in edited.checks


def test_a_file_without_state_reads_as_submitted(school_with_office, tmp_path):
    path = export(tmp_path)
    book = openpyxl.load_workbook(path)
    info = book["Thông tin"]
    rows = [r[0].row for r in info.iter_rows() if r[0].value in report_state.INFO_ITEMS.values()]
    for number in sorted(rows, reverse=True):
        info.delete_rows(number)
    meta = book["_mamnon"]
    rows = [r[0].row for r in meta.iter_rows() if r[0].value in report_state.STATE_KEYS]
    for number in sorted(rows, reverse=True):
        meta.delete_rows(number)
    book.save(tmp_path / "old.xlsx")
    old = read_report(tmp_path / "old.xlsx")
    assert old.state == report_state.SUBMITTED
    assert not any("Trạng thái" in c for c in old.checks)


def test_merge_with_a_deadline_marks_on_time_late_and_missing(school_with_office, tmp_path):
    folder = tmp_path / "nop"
    folder.mkdir()
    export(folder, "hoa-sen.xlsx", at=dt.datetime(2026, 12, 3, 8, 0))  # 2 days after 01/12
    expected = [ExpectedUnit("MN01", "Trường Mầm non Hoa Sen"), ExpectedUnit("MN02", "Trường Mầm non Sen Hồng")]
    result = merge(read_inputs([folder]), unit=Unit(*OFFICE), expected=expected, deadline=dt.date(2026, 12, 1))
    by_code = {s.unit_code: s for s in result.submissions}
    assert (by_code["MN01"].timing, by_code["MN01"].days_late, by_code["MN01"].state_label) == (LATE, 2, "Đã nộp")
    assert by_code["MN02"].timing == MISSING and by_code["MN02"].state == ""
    assert result.summary == "1/2 đơn vị đã nộp (1 nộp muộn)"
    on_time = merge(read_inputs([folder]), unit=Unit(*OFFICE), deadline=dt.date(2026, 12, 3))
    assert on_time.submissions[0].timing == ON_TIME

    written = write_merged(tmp_path / "gop.xlsx", result)
    sheet = open_workbook(written).sheets[SUBMISSIONS_SHEET]
    rows = {r.values["unit_code"]: (r.values["state"], r.values["timing"]) for r in sheet.rows}
    assert rows == {"MN01": ("Đã nộp", "Muộn 2 ngày"), "MN02": (None, "Chưa nộp")}
    assert open_workbook(written).checksum_ok is True


def test_approve_locks_the_period_and_the_home_line_says_so(school_with_office, tmp_path):
    kids = school_with_office
    path = export(tmp_path)
    stored = approval.apply_reply(read_reply(reply_to(path, APPROVE)), "reply.xlsx")
    assert stored.line == "Phòng GD&ĐT Yên Lạc đã duyệt báo cáo tháng 11/2026 (kỳ này đã khóa)"
    assert approval.latest_reply_line() == stored.line and approval.is_locked("2026-11")

    with pytest.raises(PeriodLocked) as refused:
        attendance.save_class_day(kids["class"], dt.date(2026, 11, 2), {kids["an"]: "K"}, today=TODAY)
    assert str(refused.value) == (
        "Báo cáo tháng 11/2026 đã được Phòng GD&ĐT Yên Lạc duyệt và khóa: không sửa được số liệu trong kỳ "
        "này. Xin cấp trên mở khóa (tệp trả lời «mở khóa»).")
    assert attendance.class_day(kids["class"], dt.date(2026, 11, 2)).rows[0].mark == "x"
    # outside the period: allowed
    attendance.save_class_day(kids["class"], dt.date(2026, 12, 1), {kids["an"]: "x"}, today=TODAY)

    with pytest.raises(PeriodLocked):
        measurements.create_round(dt.date(2026, 11, 20), today=TODAY)
    december = measurements.create_round(dt.date(2026, 12, 10), today=TODAY)
    measurements.save_entry(kids["an"], december.id, "18,5", "110", confirm=True, today=TODAY)

    # an unlock reply opens the period again
    approval.apply_reply(read_reply(reply_to(path, UNLOCK, "Cho sửa điểm danh")), "unlock.xlsx")
    attendance.save_class_day(kids["class"], dt.date(2026, 11, 2), {kids["an"]: "K"}, today=TODAY)
    assert approval.latest_reply_line() == "Phòng GD&ĐT Yên Lạc đã mở khóa báo cáo tháng 11/2026: Cho sửa điểm danh"


def test_a_measurement_inside_a_locked_period_is_refused(school_with_office, tmp_path):
    kids = school_with_office
    rnd = measurements.create_round(dt.date(2026, 11, 20), today=TODAY)
    path = export(tmp_path)
    approval.apply_reply(read_reply(reply_to(path, APPROVE)))
    with pytest.raises(PeriodLocked):
        measurements.save_entry(kids["an"], rnd.id, "18,5", "110", confirm=True, today=TODAY)
    assert measurements.get_entry(rnd.id, kids["an"]) is None


def test_return_leaves_the_period_open_with_the_note(school_with_office, tmp_path):
    kids = school_with_office
    path = export(tmp_path)
    stored = approval.apply_reply(read_reply(reply_to(path, RETURN, "Thiếu  cân đo lớp Lá 1")))
    assert stored.line == "Phòng GD&ĐT Yên Lạc trả lại báo cáo tháng 11/2026: Thiếu cân đo lớp Lá 1"
    assert not approval.is_locked("2026-11")
    attendance.save_class_day(kids["class"], dt.date(2026, 11, 2), {kids["an"]: "P"}, today=TODAY)


def test_importing_the_same_reply_twice_changes_nothing(school_with_office, tmp_path):
    path = export(tmp_path)
    reply = read_reply(reply_to(path, APPROVE))
    assert approval.apply_reply(reply).already is False
    assert approval.apply_reply(reply).already is True
    from mamnon.models import ReportReply

    assert ReportReply.select().count() == 1


# ---------------------------------------------------------------- bad replies


def test_a_reply_to_another_school_is_refused(school_with_office, tmp_path):
    path = export(tmp_path)
    report = read_report(path)
    reply = make_reply(office_code=OFFICE[0], office_name=OFFICE[1], school_code="MN02", school_name="MN Sen Hồng",
                       period="2026-11", figures=report.indicators, decision=APPROVE)
    written = write_reply(tmp_path / "other.xlsx", reply)
    with pytest.raises(approval.ReplyRefused, match="gửi cho MN Sen Hồng \\(mã MN02\\), không phải "
                                                    "Trường Mầm non Hoa Sen \\(mã MN01\\)"):
        approval.apply_reply(read_reply(written))
    assert not approval.is_locked("2026-11")


def test_a_reply_from_another_office_is_refused(school_with_office, tmp_path):
    path = export(tmp_path)
    written = reply_to(path, APPROVE, office=("PGD-VT", "Phòng GD&ĐT Vĩnh Tường"))
    with pytest.raises(approval.ReplyRefused, match="Phòng GD&ĐT Vĩnh Tường \\(mã PGD-VT\\), không phải đơn vị "
                                                    "cấp trên"):
        approval.apply_reply(read_reply(written))


def test_a_reply_for_a_period_never_submitted_is_refused(school_with_office, tmp_path):
    path = export(tmp_path)
    report = read_report(path)
    reply = make_reply(office_code=OFFICE[0], office_name=OFFICE[1], school_code="MN01", school_name="Hoa Sen",
                       period="2026-10", figures=report.indicators, decision=APPROVE)
    with pytest.raises(approval.ReplyRefused, match="chưa nộp báo cáo tháng 10/2026"):
        approval.apply_reply(read_reply(write_reply(tmp_path / "oct.xlsx", reply)))


def test_a_reply_to_an_older_submission_is_refused(school_with_office, tmp_path):
    kids = school_with_office
    first = export(tmp_path, "first.xlsx")
    old_reply = read_reply(reply_to(first, APPROVE))
    attendance.save_class_day(kids["class"], dt.date(2026, 11, 3), {kids["an"]: "x"}, today=TODAY)
    export(tmp_path, "second.xlsx", at=dt.datetime(2026, 12, 2, 8, 0))
    with pytest.raises(approval.ReplyRefused, match="một lần nộp khác"):
        approval.apply_reply(old_reply)


def test_a_reply_edited_after_writing_is_refused(school_with_office, tmp_path):
    written = reply_to(export(tmp_path), RETURN, "Thiếu số liệu")
    book = openpyxl.load_workbook(written)
    sheet = book["Trả lời"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "Trả lại":
                cell.value = "Duyệt"
    book.save(tmp_path / "edited.xlsx")
    with pytest.raises(ImportRefused, match="tệp đã bị sửa sau khi ghi"):
        read_reply(tmp_path / "edited.xlsx")


def test_a_report_is_not_a_reply(school_with_office, tmp_path):
    with pytest.raises(ImportRefused, match="không phải «Trả lời báo cáo»"):
        read_reply(export(tmp_path))
