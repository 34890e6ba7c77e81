"""Merging real report files: school reports from demo schools → office files → a province file."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exporters.report import MERGED_FROM_KEY, write_merged, write_report
from exporters.templates import write_blank
from exporters.workbook_writer import UnitMeta, write_workbook
from importers.merge_inputs import read_expected, read_inputs
from importers.report_reader import read_report
from mamnon import indicators
from mamnon.merge import MergeInput, Rejected, Unit, aggregate, merge
from mamnon.services import demo, session
from mamnon.services.report_data import report_indicators
from mamnon.workbooks.kinds import REPORT_SPEC, UNITS_SPEC
from mamnon.workbooks.periods import parse_period
from mamnon.workbooks.spec import META_SHEET

TODAY = dt.date(2026, 11, 23)
NOV = parse_period("11/2026")
OFFICE_1 = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc", "Phòng GD&ĐT")
OFFICE_2 = Unit("PGD-VT", "Phòng GD&ĐT Vĩnh Tường", "Phòng GD&ĐT")
PROVINCE = Unit("SGD-PT", "Sở GD&ĐT Phú Thọ", "Sở GD&ĐT")
SCHOOLS = (("MN-01", "Trường MN Hoa Sen"), ("MN-02", "Trường MN Sao Mai"), ("MN-03", "Trường MN Bình Minh"))
INDICATORS, UNITS = REPORT_SPEC.sheet("Chỉ tiêu"), REPORT_SPEC.sheet("Đơn vị")


def _exported(day: int, hour: int = 16) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0, 0)


@pytest.fixture(scope="module")
def schools(tmp_path_factory):
    """Three small demo schools: {code: (report file, report_indicators, database file)}."""
    folder = tmp_path_factory.mktemp("schools")
    out = {}
    for seed, (code, name) in enumerate(SCHOOLS, start=1):
        db = folder / f"{code}.sqlite"
        session.open_path(db)
        try:
            demo.build_demo(children=30, seed=seed, code=code, name=name, today=TODAY)
            report = write_report(folder / f"{code}.xlsx", NOV, today=TODAY, exported_at=_exported(24 + seed))
            out[code] = (report, report_indicators(NOV, today=TODAY), db)
        finally:
            session.close()
    return out


def _office(files, unit: Unit, target, day: int = 28):
    result = merge(read_inputs([str(f) for f in files]), unit=unit, level_name=unit.level)
    write_merged(target, result, exported_at=_exported(day))
    return result


@pytest.fixture(scope="module")
def offices(schools, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offices")
    one = folder / "yen-lac.xlsx"
    two = folder / "vinh-tuong.xlsx"
    _office([schools["MN-01"][0], schools["MN-02"][0]], OFFICE_1, one)
    _office([schools["MN-03"][0]], OFFICE_2, two, day=29)
    return one, two


def test_a_school_report_carries_itself_in_the_units_sheet(schools):
    report = read_report(schools["MN-01"][0])
    (unit,) = report.units
    assert (unit["code"], unit["row_type"], unit["names"]) == ("MN-01", "Trường", ())
    assert unit["indicators"] == schools["MN-01"][1] == report.indicators
    assert unit["exported_at"] == "2026-11-25T16:00:00"
    book = openpyxl.load_workbook(schools["MN-01"][0], read_only=True)
    header = next(book[UNITS.name].iter_rows(min_row=UNITS.header_row + 1, max_row=UNITS.header_row + 1,
                                             values_only=True))
    assert "Tổng số trẻ [TRE]" in header and "Tỷ lệ chuyên cần [CC_TL]" in header


def test_an_office_merges_its_schools(schools, offices):
    report = read_report(offices[0])
    expected = aggregate([schools["MN-01"][1], schools["MN-02"][1]])
    assert report.indicators == expected and report.checksum_ok is True and report.checks == []
    assert (report.unit["code"], report.unit["level"], report.period) == ("PGD-YL", "Phòng GD&ĐT", "2026-11")
    assert [(u["code"], u["names"]) for u in report.units] == [
        ("MN-01", ("Trường MN Hoa Sen",)), ("MN-02", ("Trường MN Sao Mai",))]
    assert report.units[1]["indicators"] == schools["MN-02"][1]
    assert report.info["Đơn vị nộp 1"].startswith("Trường MN Hoa Sen (mã MN-01)")
    assert report.info["Tình hình nộp"] == "2 đơn vị đã nộp"
    meta = {r[0]: r[1] for r in openpyxl.load_workbook(offices[0])[META_SHEET].iter_rows(values_only=True)}
    assert (meta[MERGED_FROM_KEY], meta["parents"], meta["kind"]) == ("2", "[]", "report")
    assert len(report.surveillance) == sum(len(read_report(schools[c][0]).surveillance) for c in ("MN-01", "MN-02"))


def test_a_province_merges_office_files_exactly_as_an_office_merges_schools(schools, offices, tmp_path):
    target = tmp_path / "so.xlsx"
    result = merge(read_inputs([str(offices[0]), str(offices[1])]), unit=PROVINCE, level_name="Sở GD&ĐT")
    write_merged(target, result, exported_at=_exported(30))
    report = read_report(target)
    everyone = aggregate(schools[code][1] for code, _ in SCHOOLS)
    assert report.indicators == everyone == result.indicators
    assert everyone == pytest.approx(indicators.aggregate(schools[code][1] for code, _ in SCHOOLS))
    assert report.indicators["TRE"] == 90
    assert [(u["row_type"], u["code"], " › ".join(u["names"])) for u in report.units] == [
        ("Tổng đơn vị", "PGD-YL", "Phòng GD&ĐT Yên Lạc"),
        ("Trường", "MN-01", "Phòng GD&ĐT Yên Lạc › Trường MN Hoa Sen"),
        ("Trường", "MN-02", "Phòng GD&ĐT Yên Lạc › Trường MN Sao Mai"),
        ("Tổng đơn vị", "PGD-VT", "Phòng GD&ĐT Vĩnh Tường"),
        ("Trường", "MN-03", "Phòng GD&ĐT Vĩnh Tường › Trường MN Bình Minh")]
    assert report.units[0]["indicators"] == aggregate([schools["MN-01"][1], schools["MN-02"][1]])
    assert report.units[1]["exported_at"] == "2026-11-25T16:00:00"  # when the school exported, not the office
    shown = report.as_json()["units"]
    assert [u["code"] for u in shown] == ["MN-01", "MN-02", "MN-03"]
    assert set(shown[0]) == {"code", "name", "level", "path", "indicators"}
    assert [p["code"] for p in shown[0]["path"]] == ["SGD-PT", "PGD-YL", "MN-01"]
    assert shown[0]["path"][1] == {"level": "Phòng GD&ĐT", "code": "PGD-YL", "name": "Phòng GD&ĐT Yên Lạc"}
    again = merge(read_inputs([str(target)]), unit=Unit("BO", "Bộ GD&ĐT", "Bộ"))
    assert again.indicators == everyone
    assert again.leaves[0].path_text == "Sở GD&ĐT Phú Thọ › Phòng GD&ĐT Yên Lạc › Trường MN Hoa Sen"


def _set_cell(source, target, sheet, code: str, column: int, value) -> None:
    book = openpyxl.load_workbook(source)
    ws = book[sheet.name]
    for row in ws.iter_rows(min_row=sheet.first_data_row + 1):
        if row[0].value == code or row[1].value == code:
            row[column].value = value
    book.save(target)


def test_a_school_file_changed_after_export_is_merged_and_flagged(schools, tmp_path):
    tampered = tmp_path / "MN-01.xlsx"
    true_children = schools["MN-01"][1]["TRE"]
    _set_cell(schools["MN-01"][0], tampered, INDICATORS, "TRE", 3, true_children + 50)
    result = merge(read_inputs([str(tampered), str(schools["MN-02"][0])]), unit=OFFICE_1)
    assert result.indicators["TRE"] == true_children + schools["MN-02"][1]["TRE"]
    assert [f.accepted for f in result.files] == [True, True]
    changed = [c for c in result.checks if "đã bị sửa" in c.message]
    assert len(changed) == 1 and changed[0].unit_code == "MN-01" and "ở: TRE" in changed[0].message
    assert any("TRE_NU_TL" in c.message for c in result.checks)  # the reader's own rate check, carried


def test_a_report_of_another_period_is_rejected_and_the_others_merged(schools, tmp_path):
    october = tmp_path / "thang-10.xlsx"
    session.open_path(schools["MN-03"][2])
    try:
        write_report(october, parse_period("10/2026"), today=TODAY)
    finally:
        session.close()
    result = merge(read_inputs([str(schools["MN-01"][0]), str(october)]), unit=OFFICE_1)
    assert result.period == "2026-11" and [r.code for r in result.leaves] == ["MN-01"]
    (status,) = [f for f in result.files if not f.accepted]
    assert status.source == str(october) and "Tháng 10/2026 khác kỳ đang gộp Tháng 11/2026" in status.reason


def test_the_same_school_twice_keeps_the_newer_export(schools, tmp_path):
    newer = tmp_path / "hoa-sen-lan-2.xlsx"
    session.open_path(schools["MN-01"][2])
    try:
        write_report(newer, NOV, today=TODAY, exported_at=_exported(30))
    finally:
        session.close()
    result = merge(read_inputs([str(schools["MN-01"][0]), str(newer), str(schools["MN-02"][0])]), unit=OFFICE_1)
    assert [c.source for c in result.contributors] == [str(newer), str(schools["MN-02"][0])]
    assert result.leaves[0].exported_at == "2026-11-30T16:00:00"
    (dropped,) = [f for f in result.files if not f.accepted]
    assert dropped.source == str(schools["MN-01"][0])


def test_files_that_are_not_usable_reports_are_rejected_with_the_reason(schools, tmp_path):
    folder = tmp_path / "nop"
    folder.mkdir()
    (folder / "ghi-chu.xlsx").write_text("Mã,Giá trị\n", encoding="utf-8")
    (folder / "~$MN-01.xlsx").write_bytes(b"lock")
    write_blank(folder / "danh-sach-tre.xlsx", "roster")
    (folder / "MN-02.xlsx").write_bytes(schools["MN-02"][0].read_bytes())
    inputs = read_inputs([str(folder), str(tmp_path / "khong-co.xlsx"), str(schools["MN-01"][0])])
    by_source = {i.source.rsplit("/", 1)[-1]: i for i in inputs}
    assert set(by_source) == {"danh-sach-tre.xlsx", "ghi-chu.xlsx", "MN-02.xlsx", "khong-co.xlsx", "MN-01.xlsx"}
    assert "không phải «Báo cáo trường»" in by_source["danh-sach-tre.xlsx"].reason
    assert "CSV" in by_source["ghi-chu.xlsx"].reason
    assert "không tìm thấy" in by_source["khong-co.xlsx"].reason
    assert isinstance(by_source["MN-02.xlsx"], MergeInput) and isinstance(by_source["MN-01.xlsx"], MergeInput)
    result = merge(inputs, unit=OFFICE_1)
    assert result.indicators == aggregate([schools["MN-02"][1], schools["MN-01"][1]])
    assert sum(not f.accepted for f in result.files) == 3


def test_a_newer_template_version_is_rejected(schools, tmp_path):
    future = tmp_path / "moi.xlsx"
    book = openpyxl.load_workbook(schools["MN-01"][0])
    for row in book[META_SHEET].iter_rows():
        if row[0].value == "template_version":
            row[1].value = "9"
    book.save(future)
    (rejected,) = read_inputs([str(future)])
    assert isinstance(rejected, Rejected) and "phiên bản 9" in rejected.reason


def test_indicator_columns_are_found_by_their_code_when_a_label_changed(schools, tmp_path):
    renamed = tmp_path / "nhan-cu.xlsx"
    book = openpyxl.load_workbook(schools["MN-01"][0])
    ws = book[UNITS.name]
    for cell in ws[UNITS.header_row + 1]:
        if cell.value == "Tổng số trẻ [TRE]":
            cell.value = "Số trẻ (cách gọi cũ) [TRE]"
    book.save(renamed)
    report = read_report(renamed)
    assert report.units[0]["indicators"]["TRE"] == schools["MN-01"][1]["TRE"] > 0
    assert not any("thiếu cột" in c for c in report.checks)


def test_the_expected_units_list_reads_from_the_template_shape(tmp_path):
    path = write_workbook(tmp_path / "don-vi.xlsx", UNITS_SPEC, unit=UnitMeta("PGD-YL", "Phòng", "Phòng GD&ĐT"),
                          rows={UNITS_SPEC.sheets[0].name: [
                              {"unit_code": "MN-01", "unit_name": "Trường MN Hoa Sen", "level": "Trường"},
                              {"unit_code": "MN-09", "unit_name": "Trường MN Đồng Tâm"}]}, blank_rows=5)
    units = read_expected(path)
    assert [(u.code, u.name, u.level) for u in units] == [("MN-01", "Trường MN Hoa Sen", "Trường"),
                                                         ("MN-09", "Trường MN Đồng Tâm", "")]


def test_reading_in_two_processes_gives_what_one_gives(schools, tmp_path, monkeypatch):
    """Order, values, rejections and the children to watch: the same whichever way the files were read."""
    import importers.merge_inputs as merge_inputs

    monkeypatch.setattr(merge_inputs, "PARALLEL_FROM_BYTES", 0)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    files = [str(schools["MN-02"][0]), str(broken), str(schools["MN-01"][0]), str(schools["MN-03"][0])]
    one, two = read_inputs(files, workers=1), read_inputs(files, workers=2)
    assert [type(i).__name__ for i in two] == ["MergeInput", "Rejected", "MergeInput", "MergeInput"]
    assert two[1] == one[1]
    for a, b in ((one[i], two[i]) for i in (0, 2, 3)):
        assert (a.unit, a.indicators, a.rows, a.checksum_ok) == (b.unit, b.indicators, b.rows, b.checksum_ok)
        assert a.watch_list() == b.watch_list()
    assert merge(two, unit=OFFICE_1).indicators == merge(one, unit=OFFICE_1).indicators
