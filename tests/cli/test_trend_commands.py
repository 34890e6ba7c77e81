"""`mamnon merge --into` keeps every period in a history database; `mamnon trend` reads it back."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from exporters.report import write_report
from mamnon.merge import aggregate
from mamnon.services import demo, session
from mamnon.services.report_data import report_indicators
from mamnon.workbooks.periods import parse_period

TODAY = dt.date(2026, 11, 23)
PERIODS = (parse_period("10/2026"), parse_period("11/2026"))
OFFICE = ("--unit-code", "PGD-YL", "--unit-name", "Phòng GD&ĐT Yên Lạc", "--level-name", "Phòng GD&ĐT")
SCHOOLS = (("MN-01", "Trường MN Hoa Sen"), ("MN-02", "Trường MN Sao Mai"))


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Two schools' reports for October and November: {period code: ([files], [indicators])}."""
    folder = tmp_path_factory.mktemp("trend")
    out = {p.code: ([], []) for p in PERIODS}
    for period in PERIODS:
        (folder / period.code).mkdir()
    for seed, (code, name) in enumerate(SCHOOLS, start=1):
        session.open_path(folder / f"{code}.sqlite")
        try:
            demo.build_demo(children=30, seed=seed, code=code, name=name, today=TODAY)
            for period in PERIODS:
                path = write_report(folder / period.code / f"{code}.xlsx", period, today=TODAY,
                                    exported_at=dt.datetime(2026, 11, 25, 9, seed))
                out[period.code][0].append(path)
                out[period.code][1].append(report_indicators(period, today=TODAY))
        finally:
            session.close()
    return out


@pytest.fixture
def history(run, reports, tmp_path):
    """Both periods merged --into a fresh SQLite history file."""
    url = tmp_path / "lich-su.sqlite"
    for period in PERIODS:
        files, _ = reports[period.code]
        result = run("merge", *map(str, files), "-o", str(tmp_path / f"gop-{period.code}.xlsx"), *OFFICE,
                     "--into", str(url))
        assert result.exit_code == 0, result.output
        assert f"Đã lưu chỉ tiêu {period.label} của 3 đơn vị vào lịch sử: {url}" in result.output
    return url


def test_trend_prints_every_merged_period_with_its_value(run, reports, history):
    totals = {p.code: aggregate(reports[p.code][1]) for p in PERIODS}
    result = run("trend", "TRE", "--db-url", str(history))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == ["Chỉ tiêu TRE: Tổng số trẻ (trẻ)", "Đơn vị: Phòng GD&ĐT Yên Lạc (mã PGD-YL)"]
    assert [line.split() for line in lines[2:]] == [
        ["Tháng", "10/2026", f"{totals['2026-10']['TRE']:g}", "trẻ"],
        ["Tháng", "11/2026", f"{totals['2026-11']['TRE']:g}", "trẻ"]]


def test_a_rate_is_shown_with_the_decimal_comma_and_read_by_json(run, reports, history):
    totals = {p.code: aggregate(reports[p.code][1]) for p in PERIODS}
    result = run("trend", "CC_TL", "--unit", "PGD-YL", "--db-url", f"sqlite:///{history}")
    assert result.exit_code == 0, result.output
    november = totals["2026-11"]["CC_TL"]
    assert f"Tháng 11/2026 {f'{november:.1f}'.replace('.', ',')} %" in " ".join(result.output.split())
    data = json.loads(run("trend", "CC_TL", "--db-url", str(history), "--json").output)
    assert data["values"] == [{"period": p.code, "value": totals[p.code]["CC_TL"]} for p in PERIODS]
    assert data["unit"]["code"] == "PGD-YL" and data["label"] == "Tỷ lệ chuyên cần"


def test_a_school_has_its_own_trend(run, reports, history):
    data = json.loads(run("trend", "TRE", "--unit", "MN-02", "--db-url", str(history), "--json").output)
    assert [v["value"] for v in data["values"]] == [reports[p.code][1][1]["TRE"] for p in PERIODS]
    assert data["unit"]["name"] == "Trường MN Sao Mai"


def test_merging_the_same_period_again_keeps_one_value_per_period(run, reports, history, tmp_path):
    files, _ = reports["2026-11"]
    again = run("merge", str(files[0]), "-o", str(tmp_path / "lai.xlsx"), *OFFICE, "--into", str(history))
    assert again.exit_code == 0, again.output
    data = json.loads(run("trend", "TRE", "--db-url", str(history), "--json").output)
    assert [v["value"] for v in data["values"]] == [aggregate(reports["2026-10"][1])["TRE"],
                                                    reports["2026-11"][1][0]["TRE"]]


@pytest.mark.parametrize("args, message", [
    (("XYZ",), "Không có chỉ tiêu mã «XYZ»"),
    (("TRE", "--unit", "MN-99"), "Không có đơn vị mã «MN-99» trong cơ sở dữ liệu lịch sử"),
])
def test_an_unknown_indicator_or_unit_is_refused(run, history, args, message):
    result = run("trend", *args, "--db-url", str(history))
    assert result.exit_code == 1 and message in result.output


def test_a_missing_history_file_is_not_created(run, tmp_path):
    missing = tmp_path / "chua-co.sqlite"
    result = run("trend", "TRE", "--db-url", str(missing))
    assert result.exit_code == 1 and "hãy gộp báo cáo với --into trước" in result.output
    assert not missing.exists()


def test_a_postgres_url_without_its_driver_stops_the_merge_before_writing(run, reports, tmp_path, monkeypatch):
    from mamnon import history

    real = history.importlib.util.find_spec
    monkeypatch.setattr(history.importlib.util, "find_spec",
                        lambda name, *a: None if name == "psycopg2" else real(name, *a))
    out = tmp_path / "gop.xlsx"
    result = run("merge", str(reports["2026-11"][0][0]), "-o", str(out), *OFFICE,
                 "--into", "postgresql://so:bi-mat@localhost/lich_su")
    assert result.exit_code == 2 and "pip install psycopg2-binary" in result.output
    assert not out.exists() and "bi-mat" not in result.output
