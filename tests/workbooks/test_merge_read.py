"""Reading report files with python-calamine for a merge: the same ReportData and checksum as openpyxl,
and every safety check still made before either parser sees the file."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
import python_calamine

from exporters.report import write_merged, write_report
from importers import workbook_reader
from importers.merge_inputs import read_inputs
from importers.report_reader import CHECKSUM_CHANGED, read_report
from importers.workbook_reader import CALAMINE, OPENPYXL, ImportRefused, checksum_of, open_workbook
from mamnon.merge import MergeInput, Unit, merge
from mamnon.services import demo, session
from mamnon.workbooks.kinds import REPORT, REPORT_SPEC
from mamnon.workbooks.periods import parse_period
from tests.workbooks.conftest import write_book

TODAY = dt.date(2026, 11, 23)
NOV = parse_period("11/2026")
OFFICE = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc", "Phòng GD&ĐT")
UNITS = REPORT_SPEC.sheet("Đơn vị")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A demo school's report (surveillance dates, rates, text) and an office file merged from it."""
    folder = tmp_path_factory.mktemp("reports")
    session.open_path(folder / "school.sqlite")
    try:
        demo.build_demo(children=40, seed=3, code="MN-01", name="Trường MN Hoa Sen", today=TODAY)
        school = write_report(folder / "MN-01.xlsx", NOV, today=TODAY, exported_at=dt.datetime(2026, 11, 25, 16))
    finally:
        session.close()
    office = folder / "yen-lac.xlsx"
    write_merged(office, merge(read_inputs([school]), unit=OFFICE), exported_at=dt.datetime(2026, 11, 28, 9))
    return school, office


def _both(path):
    return read_report(path, engine=OPENPYXL), read_report(path, engine=CALAMINE)


@pytest.mark.parametrize("which", [0, 1], ids=["school", "office"])
def test_calamine_and_openpyxl_read_the_same_report(files, which):
    slow, fast = _both(files[which])
    assert fast == slow
    assert fast.checksum_ok is True and fast.checks == []
    assert fast.units and fast.indicators["TRE"] == 40


def test_the_school_file_has_the_cells_calamine_changes(files):
    """Dates, whole numbers and blanks are what calamine returns differently: the file must have them."""
    report = read_report(files[0], engine=CALAMINE)
    assert report.surveillance, "the demo school should have children to watch"
    assert isinstance(report.surveillance[0]["birth_date"], dt.date)
    assert isinstance(report.indicators["TRE"], int) and isinstance(report.indicators["CC_TL"], float)


@pytest.mark.parametrize("which", [0, 1], ids=["school", "office"])
def test_both_engines_give_the_checksum_the_writer_stored(files, which):
    slow = open_workbook(files[which], expected_kind=REPORT, engine=OPENPYXL)
    fast = open_workbook(files[which], expected_kind=REPORT, engine=CALAMINE)
    assert checksum_of(fast) == checksum_of(slow) == fast.meta["checksum"]
    assert fast.meta == slow.meta
    assert {n: s.rows for n, s in fast.sheets.items()} == {n: s.rows for n, s in slow.sheets.items()}


def test_a_figure_edited_after_export_fails_the_checksum_with_calamine(files, tmp_path):
    edited = tmp_path / "sua.xlsx"
    book = openpyxl.load_workbook(files[1])
    ws = book[UNITS.name]
    header = [c.value for c in ws[UNITS.header_row + 1]]
    ws.cell(row=UNITS.header_row + 2, column=header.index("Tổng số trẻ [TRE]") + 1, value=999)
    book.save(edited)
    slow, fast = _both(edited)
    assert fast.checksum_ok is False and CHECKSUM_CHANGED in fast.checks
    assert fast == slow


def test_a_hand_made_report_with_a_moved_header_and_gaps_reads_the_same(tmp_path):
    """Rows are numbered from A1 with calamine too: a header lower down and blank rows keep their numbers."""
    units = [{"row_type": "Trường", "unit_code": f"MN-{n}", "unit_name": f"Trường {n}", "level": "Trường",
              "path": "", "exported_at": "2026-11-25T16:00:00", "TRE": "1.234", "TRE_NU": 600.0,
              "CC_TL": "92,5", "LOP": ""} for n in (1, 2)]
    path = write_book(tmp_path / "tay.xlsx", REPORT, {UNITS.name: units}, header_row=6, blank_rows_after=[0],
                      meta={"period": "2026-11"})
    slow, fast = _both(path)
    assert fast == slow
    assert [u["indicators"]["TRE"] for u in fast.units] == [1234, 1234]
    assert fast.units[0]["indicators"]["LOP"] is None


def _bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(64 * 1024 * 1024))


def _password(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))


def _csv(path):
    path.write_text("Mã đơn vị,Tổng số trẻ\nMN-01,300\n", encoding="utf-8")


def _huge(path):
    with open(path, "wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.seek(workbook_reader.MAX_FILE_BYTES + 1024)
        fh.write(b"\0")


@pytest.mark.parametrize("make, reason", [(_bomb, "phá hoại"), (_password, "mật khẩu"), (_csv, "CSV"),
                                          (_huge, "quá lớn")], ids=["zip-bomb", "password", "csv", "size"])
def test_hostile_files_are_refused_before_calamine_opens_them(tmp_path, monkeypatch, make, reason):
    def never(*args, **kwargs):
        raise AssertionError("calamine must not open a file the checks refuse")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", never)
    path = tmp_path / "xau.xlsx"
    make(path)
    with pytest.raises(ImportRefused) as info:
        read_report(path, engine=CALAMINE)
    assert reason in str(info.value)


def test_damaged_sheet_xml_is_refused_by_the_calamine_path(files, tmp_path):
    broken = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(files[0]) as src, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            damaged = item.filename.startswith("xl/worksheets/sheet")
            dst.writestr(item, b"<worksheet><sheetData><row r='1'><c r='A1'" if damaged
                         else src.read(item.filename))
    with pytest.raises(ImportRefused, match="hỏng"):
        read_report(broken, engine=CALAMINE)


def test_a_merge_reads_its_files_without_openpyxl(files, monkeypatch):
    expected = read_report(files[1], engine=OPENPYXL).indicators

    def never(*args, **kwargs):
        raise AssertionError("a merge reads report values with calamine")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    (office,) = read_inputs([files[1]])
    assert isinstance(office, MergeInput)
    assert office.checksum_ok is True and office.indicators == expected
