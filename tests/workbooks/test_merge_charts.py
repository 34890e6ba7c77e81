"""The «Biểu đồ» sheet of a merged report: nutrition by unit, the unit's trend, and the checksum unchanged."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from openpyxl.chart import BarChart, LineChart

from exporters.report import CHART_SHEET, write_merged
from importers.report_reader import read_report
from mamnon import indicators
from mamnon.history import KEY_CODES, open_history
from mamnon.merge import MergeInput, Unit, UnitRow, merge
from mamnon.workbooks.spec import META_SHEET

OFFICE = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc", "Phòng GD&ĐT")
PROVINCE = Unit("SGD-PT", "Sở GD&ĐT Phú Thọ", "Sở GD&ĐT")
EXPORTED = dt.datetime(2026, 12, 1, 8, 0)
RATES = ("Nhẹ cân (%)", "Thấp còi (%)", "Gầy còm (%)", "Thừa cân (%)", "Béo phì (%)")


def school(code: str, period: str, measured: int, underweight: int, stunted: int) -> MergeInput:
    values = indicators.complete({"TRE": measured, "DD_CAN_DO": measured, "DD_NHE_CAN": underweight,
                                  "DD_THAP_COI": stunted, "CC_NGAY_TRE": measured * 20,
                                  "CC_CO_MAT": measured * 18})
    unit = Unit(code, f"Trường MN {code}", "Trường")
    return MergeInput(f"{code}.xlsx", unit, period, "1", "2026-11-30T10:00:00", True, dict(values),
                      [UnitRow(code, unit.name, "Trường", (), "2026-11-30T10:00:00", dict(values))])


def as_input(result) -> MergeInput:
    return MergeInput(f"{result.unit.code}.xlsx", result.unit, result.period, "1", "2026-12-01T08:00:00", True,
                      dict(result.indicators), list(result.rows))


def office(period: str = "2026-11"):
    return merge([school("MN-A", period, 100, 10, 20), school("MN-B", period, 50, 1, 0)], unit=OFFICE)


def table(ws) -> list[tuple]:
    return [tuple(v for v in row if v is not None) for row in ws.iter_rows(values_only=True) if any(row)]


def meta_checksum(path) -> str:
    rows = openpyxl.load_workbook(path)[META_SHEET].iter_rows(values_only=True)
    return {r[0]: r[1] for r in rows}["checksum"]


def test_nutrition_by_school_is_a_bar_chart_and_the_checksum_still_verifies(tmp_path):
    path = write_merged(tmp_path / "gop.xlsx", office(), exported_at=EXPORTED)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames.index(CHART_SHEET) == book.sheetnames.index(META_SHEET) - 1
    ws = book[CHART_SHEET]
    assert [type(c) for c in ws._charts] == [BarChart]
    (bar,) = ws._charts
    assert bar.type == "bar" and bar.grouping == "clustered" and len(bar.series) == 5
    assert table(ws)[1:] == [("Đơn vị", *RATES), ("Trường MN MN-A", 10, 20, 0, 0, 0),
                             ("Trường MN MN-B", 2, 0, 0, 0, 0)]
    assert read_report(path).checksum_ok is True


def test_a_province_charts_its_offices_not_their_schools(tmp_path):
    result = merge([as_input(office()), school("MN-C", "2026-11", 40, 4, 4)], unit=PROVINCE)
    ws = openpyxl.load_workbook(write_merged(tmp_path / "so.xlsx", result, exported_at=EXPORTED))[CHART_SHEET]
    # The office: (10 + 1) / 150 and (20 + 0) / 150, recomputed from its schools' sums.
    assert table(ws)[2:] == [("Phòng GD&ĐT Yên Lạc", 7.3, 13.3, 0, 0, 0), ("Trường MN MN-C", 10, 10, 0, 0, 0)]


def test_with_a_history_the_unit_s_trend_is_a_line_chart_and_the_checksum_is_the_same(tmp_path):
    with open_history(tmp_path / "lich-su.sqlite") as history:
        history.store(office("2026-10"))
        current = office("2026-11")
        trend = history.trends_with(current)
    assert list(trend) == list(KEY_CODES)
    assert trend["DD_NHE_CAN_TL"] == [("2026-10", 7.3), ("2026-11", 7.3)]
    with_trend = write_merged(tmp_path / "co.xlsx", current, exported_at=EXPORTED, trend=trend)
    without = write_merged(tmp_path / "khong.xlsx", current, exported_at=EXPORTED)
    ws = openpyxl.load_workbook(with_trend)[CHART_SHEET]
    assert [type(c) for c in ws._charts] == [BarChart, LineChart]
    # The number of children is drawn against an axis of its own: a second line plot in the same chart.
    xml = zipfile.ZipFile(with_trend).read("xl/charts/chart2.xml").decode()
    assert xml.count("<c:ser>") == len(KEY_CODES) and xml.count("<c:lineChart>") == 2
    rows = table(ws)
    start = rows.index(("Phòng GD&ĐT Yên Lạc qua các kỳ",))
    assert rows[start + 1][:3] == ("Kỳ", "Tổng số trẻ", "Chuyên cần (%)")
    assert rows[start + 2:] == [("Tháng 10/2026", 150, 90, 7.3, 13.3, 0, 0, 0),
                                ("Tháng 11/2026", 150, 90, 7.3, 13.3, 0, 0, 0)]
    assert meta_checksum(with_trend) == meta_checksum(without)
    assert read_report(with_trend).checksum_ok is True


@pytest.mark.parametrize("trend", [None, {}])
def test_without_a_history_there_is_no_trend_chart(tmp_path, trend):
    ws = openpyxl.load_workbook(write_merged(tmp_path / "gop.xlsx", office(), trend=trend))[CHART_SHEET]
    assert [type(c) for c in ws._charts] == [BarChart]
