"""`mamnon export report` then `mamnon report show`: the round trip, the JSON format, tampering."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from mamnon import indicators
from mamnon.services import session
from mamnon.services.report_data import report_indicators
from mamnon.workbooks.kinds import REPORT_SPEC
from mamnon.workbooks.periods import parse_period
from tests.cli.conftest import build_demo_file, copy_of

TODAY = dt.date.today()  # the commands compute as of today, so the demo is built up to today too
CHART = REPORT_SPEC.sheets[1]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory, TODAY)


@pytest.fixture
def demo_db(demo_file, tmp_path):
    return copy_of(demo_file, tmp_path)


def _this_month() -> str:
    return f"{TODAY.month:02d}/{TODAY.year}"


def _expected(db, period_text: str) -> dict:
    session.open_path(db)
    try:
        return report_indicators(parse_period(period_text))
    finally:
        session.close()


def test_export_then_show_json_round_trip(run, demo_db, tmp_path):
    out = tmp_path / "bao-cao.xlsx"
    result = run("export", "report", "--period", _this_month(), "-o", str(out), db=demo_db)
    assert result.exit_code == 0, result.output
    assert "Đã ghi báo cáo Tháng" in result.output and out.exists()
    shown = run("report", "show", str(out), "--json", db=demo_db)
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert set(data) >= {"unit", "period", "kind", "template_version", "indicators", "units"}
    assert data["indicators"] == _expected(demo_db, _this_month())
    assert list(data["indicators"]) == [i.code for i in indicators.CATALOGUE]
    assert (data["kind"], data["period"], data["template_version"]) == ("report", parse_period(_this_month()).code,
                                                                        str(REPORT_SPEC.version))
    assert data["unit"]["code"] == "MN-DEMO" and data["unit"]["level"] == "Trường"
    (unit,) = data["units"]
    assert unit["code"] == "MN-DEMO" and unit["path"][-1]["code"] == "MN-DEMO" and len(unit["path"]) == 3
    assert unit["indicators"] == data["indicators"]
    assert data["checksum_ok"] is True and data["checks"] == []


def test_show_lists_the_unit_and_every_indicator_with_a_decimal_comma(run, demo_db, tmp_path):
    out = tmp_path / "bao-cao.xlsx"
    run("export", "report", "--period", _this_month(), "-o", str(out), db=demo_db)
    shown = run("report", "show", str(out))
    assert shown.exit_code == 0, shown.output
    text = shown.output
    assert "Trường Mầm non Hoa Sen (dữ liệu mẫu) (mã MN-DEMO)" in text
    assert "Cấp:             Trường" in text and f"Kỳ báo cáo:      Tháng {_this_month()}" in text
    assert "Mã kiểm tra:     khớp" in text
    values = _expected(demo_db, _this_month())
    for ind in indicators.CATALOGUE:
        assert ind.label in text, ind.code
    nu = values["TRE_NU_TL"]
    assert f"{nu:.1f}".replace(".", ",") in text


def test_a_tampered_value_is_flagged(run, demo_db, tmp_path):
    out = tmp_path / "bao-cao.xlsx"
    run("export", "report", "--period", _this_month(), "-o", str(out), db=demo_db)
    book = openpyxl.load_workbook(out)
    ws = book[CHART.name]
    for row in ws.iter_rows(min_row=CHART.first_data_row + 1):
        if row[0].value == "CB":
            row[3].value = (row[3].value or 0) + 5
    book.save(out)
    data = json.loads(run("report", "show", str(out), "--json").output)
    assert data["checksum_ok"] is False
    assert data["indicators"]["CB"] == _expected(demo_db, _this_month())["CB"] + 5
    shown = run("report", "show", str(out))
    assert "KHÔNG KHỚP" in shown.output and "Cảnh báo: Mã kiểm tra dữ liệu không khớp" in shown.output


def test_export_of_a_school_year(run, demo_db, tmp_path):
    from mamnon.services.demo import current_school_year_name

    year = current_school_year_name(TODAY)
    out = tmp_path / "nam-hoc.xlsx"
    result = run("export", "report", "--period", year, "-o", str(out), db=demo_db)
    assert result.exit_code == 0, result.output
    data = json.loads(run("report", "show", str(out), "--json").output)
    assert data["period"] == year and data["indicators"] == _expected(demo_db, year)


@pytest.mark.parametrize("args, message", [
    (("--period", "13/2026", "-o", "x.xlsx"), "Tháng 13 không có"),
    (("--period", "11/2026", "-o", "x.csv"), "đuôi .xlsx"),
])
def test_export_refuses_bad_input_in_vietnamese(run, demo_db, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("export", "report", *args, db=demo_db)
    assert result.exit_code == 1 and message in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_show_refuses_a_file_that_is_not_a_report(run, tmp_path):
    fake = tmp_path / "bao-cao.xlsx"
    fake.write_text("<html>không phải Excel</html>", encoding="utf-8")
    result = run("report", "show", str(fake))
    assert result.exit_code == 1 and "Không nhập được tệp bao-cao.xlsx" in result.output
