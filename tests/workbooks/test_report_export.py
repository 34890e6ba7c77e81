"""The school report workbook: read back with openpyxl and with a plain zip + XML reader, and with read_report."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest

from exporters.report import PARENTS_KEY, write_report
from importers.report_reader import ImportRefused, read_report
from mamnon import __version__, indicators
from mamnon.services import demo, session
from mamnon.services.report_data import report_indicators, surveillance_list
from mamnon.services.school import school_info
from mamnon.workbooks.cells import display_value
from mamnon.workbooks.checksum import data_checksum
from mamnon.workbooks.kinds import REPORT_SPEC
from mamnon.workbooks.periods import parse_period
from mamnon.workbooks.spec import META_SHEET

TODAY = dt.date(2026, 11, 23)
EXPORTED = dt.datetime(2026, 11, 23, 16, 5, 0)
NOV = parse_period("11/2026")
INFO, INDICATORS, UNITS, WATCH = (REPORT_SPEC.sheet(n) for n in ("Thông tin", "Chỉ tiêu", "Đơn vị",
                                                                "Trẻ cần theo dõi"))


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "demo.sqlite"
    session.open_path(path)
    demo.build_demo(children=60, seed=2, today=TODAY)
    yield path
    session.close()


@pytest.fixture(scope="module")
def written(school, tmp_path_factory):
    target = tmp_path_factory.mktemp("out") / "bao-cao.xlsx"
    assert write_report(target, NOV, today=TODAY, exported_at=EXPORTED) == target
    return target


def _sheet_rows(ws, spec):
    """Header cells and data rows of a data sheet, as openpyxl reads them."""
    rows = list(ws.iter_rows(values_only=True))
    header = [c for c in rows[spec.header_row] if c is not None]
    data = [r[: len(spec.columns)] for r in rows[spec.first_data_row:] if any(c is not None for c in r)]
    return header, data


def test_openpyxl_reads_every_indicator_in_catalogue_order(school, written):
    expected = report_indicators(NOV, today=TODAY)
    book = openpyxl.load_workbook(written)
    assert book.sheetnames[:6] == [s.name for s in REPORT_SPEC.sheets]
    assert "Hướng dẫn" not in book.sheetnames  # a report is read, not filled in
    header, data = _sheet_rows(book[INDICATORS.name], INDICATORS)
    assert header == [c.header + (" *" if c.required else "") for c in INDICATORS.columns]
    assert [row[0] for row in data] == [i.code for i in indicators.CATALOGUE]
    for code, label, unit, value in data:
        ind = indicators.BY_CODE[code]
        assert (label, unit) == (ind.label, ind.unit)
        assert value == expected[code], code
    assert expected["TRE"] > 40 and expected["BT_MAU_GIAO_SUAT"] > 0


def test_metadata_sheet_is_hidden_and_its_checksum_matches_the_cells(school, written):
    book = openpyxl.load_workbook(written)
    meta_ws = book[META_SHEET]
    assert meta_ws.sheet_state == "hidden" and meta_ws.protection.sheet
    meta = {row[0]: row[1] for row in meta_ws.iter_rows(values_only=True) if row[0]}
    info = school_info()
    assert (meta["kind"], meta["period"], meta["unit_code"], meta["unit_name"], meta["unit_level"]) \
        == ("report", "2026-11", info.code, info.name, "Trường")
    assert (meta["exported_at"], meta["program_version"]) == ("2026-11-23T16:05:00", __version__)
    parents = json.loads(meta[PARENTS_KEY])
    assert [p["code"] for p in parents] == [p.code for p in reversed(info.parents)]
    sheets = []
    for spec in REPORT_SPEC.sheets:
        sheets.append((spec.name, _sheet_rows(book[spec.name], spec)[1]))
    assert meta["checksum"] == data_checksum(sheets)


def test_information_and_surveillance_sheets(school, written):
    book = openpyxl.load_workbook(written)
    _, info_rows = _sheet_rows(book[INFO.name], INFO)
    items = dict(info_rows)
    assert items["Mã đơn vị"] == school_info().code and items["Cấp đơn vị"] == "Trường"
    assert items["Kỳ báo cáo"] == "Tháng 11/2026 (từ 01/11/2026 đến 30/11/2026)"
    assert items["Số liệu trẻ, lớp, cán bộ tính đến ngày"] == "23/11/2026"
    assert "Sở Giáo dục và Đào tạo" in items["Trực thuộc"]
    assert items["Thời điểm xuất"] == "23/11/2026 16:05"
    title_rows = list(book[INDICATORS.name].iter_rows(max_row=3, values_only=True))
    assert title_rows[0][0] == school_info().name and "Tháng 11/2026" in title_rows[2][0]
    _, watch = _sheet_rows(book[WATCH.name], WATCH)
    expected = surveillance_list(NOV, today=TODAY)
    assert len(watch) == len(expected) > 0
    for row, want in zip(watch, expected):
        assert row[2] == want["code"] and row[5] == display_value(WATCH.column("sex"), want["sex"])
        assert row[-1] == want["status"]


# ---------------------------------------------------------------- a plain reader: zip + XML, no openpyxl

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _plain_sheet(path, name: str) -> dict[tuple[int, int], object]:
    """{(row, column), both 0-based: value} of one sheet, read straight from the package XML."""
    with zipfile.ZipFile(path) as z:
        workbook = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        rid = next(s.get(_REL) for s in workbook.find("m:sheets", _NS) if s.get("name") == name)
        target = targets[rid].lstrip("/")
        sheet = ElementTree.fromstring(z.read(target if target.startswith("xl/") else "xl/" + target))
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")):
                shared.append("".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")))
    cells = {}
    for c in sheet.iter(f"{{{_NS['m']}}}c"):
        letters, digits = re.match(r"([A-Z]+)(\d+)", c.get("r")).groups()
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        kind, v = c.get("t"), c.find("m:v", _NS)
        if kind == "s":
            value = shared[int(v.text)]
        elif kind == "inlineStr":
            value = "".join(t.text or "" for t in c.iter(f"{{{_NS['m']}}}t"))
        elif kind == "str":
            value = v.text
        elif v is None:
            continue
        else:
            value = float(v.text)
        cells[(int(digits) - 1, col - 1)] = value
    return cells


def test_a_plain_xml_reader_finds_the_same_indicator_values(school, written):
    expected = report_indicators(NOV, today=TODAY)
    cells = _plain_sheet(written, INDICATORS.name)
    found = {}
    row = INDICATORS.first_data_row
    while (row, 0) in cells:
        found[cells[(row, 0)]] = cells.get((row, 3))
        row += 1
    assert set(found) == set(expected)
    for code, value in expected.items():
        assert found[code] == value, code


# ---------------------------------------------------------------- read_report


def test_read_report_round_trip(school, written):
    report = read_report(written)
    assert report.indicators == report_indicators(NOV, today=TODAY)
    assert (report.kind, report.period, report.checksum_ok, report.checks) == ("report", "2026-11", True, [])
    info = school_info()
    assert report.unit == {"code": info.code, "name": info.name, "level": "Trường"}
    (unit,) = report.units
    assert [p["code"] for p in unit["path"]] == [p.code for p in reversed(info.parents)] + [info.code]
    assert unit["indicators"] == report.indicators
    assert [r["code"] for r in report.surveillance] == [r["code"] for r in surveillance_list(NOV, today=TODAY)]
    assert report.surveillance[0]["birth_date"] == surveillance_list(NOV, today=TODAY)[0]["birth_date"]


def _tamper(source, target, code: str, value) -> None:
    book = openpyxl.load_workbook(source)
    ws = book[INDICATORS.name]
    for row in ws.iter_rows(min_row=INDICATORS.first_data_row + 1):
        if row[0].value == code:
            row[3].value = value
    book.save(target)


def test_a_value_changed_after_export_is_flagged(school, written, tmp_path):
    target = tmp_path / "sua.xlsx"
    _tamper(written, target, "TRE", 999)
    report = read_report(target)
    assert report.checksum_ok is False and report.indicators["TRE"] == 999
    assert any("không khớp" in line for line in report.checks)
    assert any(line.startswith("Chỉ tiêu TRE_NU_TL") for line in report.checks)  # its rate no longer adds up


def test_a_file_that_is_not_a_report_is_refused(school, tmp_path):
    fake = tmp_path / "bao-cao.xlsx"
    fake.write_text("Mã,Giá trị\nTRE,12\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="bao-cao.xlsx"):
        read_report(fake)


def test_export_replaces_an_existing_file_whole(school, tmp_path):
    target = tmp_path / "bao-cao.xlsx"
    write_report(target, parse_period("10/2026"), today=TODAY, exported_at=EXPORTED)
    write_report(target, NOV, today=TODAY, exported_at=EXPORTED)
    assert read_report(target).period == "2026-11"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.xlsx"]
