"""`mamnon merge`: files and folders in, one merged report out, without any school database."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from exporters.report import write_report
from exporters.workbook_writer import UnitMeta, write_workbook
from importers.report_reader import read_report
from mamnon.merge import aggregate
from mamnon.services import demo, session
from mamnon.services.report_data import report_indicators
from mamnon.workbooks.kinds import UNITS_SPEC
from mamnon.workbooks.periods import parse_period

TODAY = dt.date(2026, 11, 23)
NOV = parse_period("11/2026")
OFFICE = ("--unit-code", "PGD-YL", "--unit-name", "Phòng GD&ĐT Yên Lạc", "--level-name", "Phòng GD&ĐT")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Two school reports in a folder «nop/»: {code: (file, indicators)}."""
    folder = tmp_path_factory.mktemp("merge") / "nop"
    folder.mkdir()
    out = {}
    for seed, (code, name) in enumerate((("MN-01", "Trường MN Hoa Sen"), ("MN-02", "Trường MN Sao Mai")), start=1):
        session.open_path(folder.parent / f"{code}.sqlite")
        try:
            demo.build_demo(children=30, seed=seed, code=code, name=name, today=TODAY)
            path = write_report(folder / f"{code}.xlsx", NOV, today=TODAY,
                                exported_at=dt.datetime(2026, 11, 25 + seed, 9, 0))
            out[code] = (path, report_indicators(NOV, today=TODAY))
        finally:
            session.close()
    return out


def test_merging_a_folder_writes_one_report_and_opens_no_database(run, reports, db_path, tmp_path):
    folder = reports["MN-01"][0].parent
    out = tmp_path / "yen-lac.xlsx"
    result = run("merge", str(folder), "-o", str(out), *OFFICE)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(" — ")[1] for line in lines if line.startswith("Nhận:")] == [
        "Trường MN Hoa Sen (mã MN-01)", "Trường MN Sao Mai (mã MN-02)"]
    assert "2 đơn vị đã nộp" in lines
    assert lines[-1].startswith("Đã ghi báo cáo gộp Tháng 11/2026 (2 trường): ") and lines[-1].endswith("yen-lac.xlsx")
    assert not db_path.exists()
    data = json.loads(run("report", "show", str(out), "--json").output)
    assert data["indicators"] == aggregate([reports["MN-01"][1], reports["MN-02"][1]])
    assert data["unit"] == {"code": "PGD-YL", "name": "Phòng GD&ĐT Yên Lạc", "level": "Phòng GD&ĐT"}
    assert [(u["code"], [p["code"] for p in u["path"]]) for u in data["units"]] == [
        ("MN-01", ["PGD-YL", "MN-01"]), ("MN-02", ["PGD-YL", "MN-02"])]


def test_a_province_merges_the_office_file_again(run, reports, tmp_path):
    office = tmp_path / "yen-lac.xlsx"
    run("merge", str(reports["MN-01"][0]), str(reports["MN-02"][0]), "-o", str(office), *OFFICE)
    province = tmp_path / "so.xlsx"
    result = run("merge", str(office), "-o", str(province), "--unit-code", "SGD-PT", "--unit-name", "Sở Phú Thọ")
    assert result.exit_code == 0, result.output
    data = json.loads(run("report", "show", str(province), "--json").output)
    assert data["unit"]["level"] == "Đơn vị quản lý"
    assert [p["code"] for p in data["units"][1]["path"]] == ["SGD-PT", "PGD-YL", "MN-02"]
    assert data["indicators"] == aggregate([reports["MN-01"][1], reports["MN-02"][1]])


def test_bad_files_are_listed_with_their_reason_and_the_rest_merged(run, reports, tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "gop.xlsx"
    result = run("merge", str(broken), str(reports["MN-01"][0]), str(reports["MN-01"][0].parent / "MN-02.xlsx"),
                 "-o", str(out), *OFFICE)
    assert result.exit_code == 1, result.output  # written, but a script can tell a file was left out
    assert f"Từ chối:  {broken} — tệp bị hỏng" in result.output
    assert result.output.count("Nhận:") == 2 and out.exists()


def test_the_expected_list_gives_the_completeness_line(run, reports, tmp_path):
    expected = write_workbook(tmp_path / "don-vi.xlsx", UNITS_SPEC, unit=UnitMeta("PGD-YL", "Phòng", ""),
                              rows={UNITS_SPEC.sheets[0].name: [
                                  {"unit_code": "MN-01", "unit_name": "Trường MN Hoa Sen"},
                                  {"unit_code": "MN-03", "unit_name": "Trường MN Đồng Tâm"},
                                  {"unit_code": "MN-04", "unit_name": "Trường MN Tân Tiến"}]})
    out = tmp_path / "gop.xlsx"
    result = run("merge", str(reports["MN-01"][0]), str(reports["MN-02"][0]), "-o", str(out), *OFFICE,
                 "--expect", str(expected))
    assert result.exit_code == 0, result.output
    assert "1/3 đơn vị đã nộp" in result.output.splitlines()
    assert "Cảnh báo: Trường MN Đồng Tâm (mã MN-03): Chưa nộp báo cáo." in result.output
    assert "Cảnh báo: Trường MN Sao Mai (mã MN-02): Đơn vị không có trong danh sách" in result.output


def test_nothing_usable_writes_nothing_and_exits_2(run, reports, tmp_path):
    out = tmp_path / "gop.xlsx"
    result = run("merge", str(reports["MN-01"][0]), "-o", str(out), *OFFICE, "--period", "10/2026")
    assert result.exit_code == 2
    assert "khác kỳ đang gộp Tháng 10/2026" in result.output
    assert "Không có tệp báo cáo nào dùng được" in result.output and not out.exists()
    empty = tmp_path / "trong"
    empty.mkdir()
    result = run("merge", str(empty), "-o", str(out), *OFFICE)
    assert result.exit_code == 2 and "thư mục không có tệp .xlsx nào" in result.output


def test_the_children_names_stop_at_the_office_unless_asked(run, reports, tmp_path):
    office = tmp_path / "phong.xlsx"
    assert run("merge", str(reports["MN-01"][0]), str(reports["MN-02"][0]), "-o", str(office),
               *OFFICE).exit_code == 0
    at_office = read_report(office).surveillance
    assert at_office, "the demo schools should have children to watch"
    province = tmp_path / "so.xlsx"
    result = run("merge", str(office), "-o", str(province), "--unit-code", "SGD", "--unit-name", "Sở")
    assert result.exit_code == 0 and "không chuyển lên cấp này" in result.output
    report = read_report(province)
    assert report.surveillance == [] and report.indicators == read_report(office).indicators
    assert "không chuyển lên cấp này" in report.info["Danh sách trẻ cần theo dõi"]
    wider = tmp_path / "so-2.xlsx"
    assert run("merge", str(office), "-o", str(wider), "--unit-code", "SGD", "--unit-name", "Sở",
               "--lists-up-to", "2").exit_code == 0
    assert len(read_report(wider).surveillance) == len(at_office)


def test_the_cli_default_is_the_core_default():
    from cli import commands_merge
    from mamnon import merge

    assert commands_merge.LISTS_UP_TO == merge.LISTS_UP_TO


def test_a_rerun_does_not_merge_its_own_previous_output(run, reports, tmp_path):
    folder = tmp_path / "nop"
    folder.mkdir()
    for code in ("MN-01", "MN-02"):
        (folder / f"{code}.xlsx").write_bytes(reports[code][0].read_bytes())
    out = folder / "tong-hop.xlsx"
    assert run("merge", str(folder), "-o", str(out), *OFFICE).exit_code == 0
    again = run("merge", str(folder), "-o", str(out), *OFFICE)
    assert again.exit_code == 0 and again.output.count("Nhận:") == 2 and "tong-hop" not in again.output.split("Đã ghi")[0]


@pytest.mark.parametrize("args, message", [
    (("--period", "13/2026"), "Tháng 13 không có"),
    (("-o", "gop.csv"), "đuôi .xlsx"),
])
def test_bad_options_are_refused_in_vietnamese(run, reports, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    base = {"-o": "gop.xlsx"}
    if args[0] == "-o":
        base = {}
    flat = [x for pair in base.items() for x in pair]
    result = run("merge", str(reports["MN-01"][0]), *flat, *args, *OFFICE)
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "gop.xlsx").exists()
