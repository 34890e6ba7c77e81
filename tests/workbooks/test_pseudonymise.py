"""`export report --pseudonymise`: initials and month/year of birth in the surveillance list; the file still
merges like any other."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exporters.pseudonymise import initials, pseudonymise_rows
from exporters.report import write_merged, write_report
from importers.merge_inputs import read_inputs
from importers.report_reader import read_report
from mamnon.merge import Unit, merge
from mamnon.services import demo, session
from mamnon.services.report_data import surveillance_list
from mamnon.workbooks.periods import parse_period

TODAY = dt.date(2026, 11, 23)
NOV = parse_period("11/2026")
OFFICE = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc", "Phòng GD&ĐT")


def test_initials():
    assert initials("Nguyễn Thị Minh Anh") == "N.T.M.A."
    assert initials("  đặng   văn bình ") == "Đ.V.B."
    assert initials("") == "" and initials(None) == ""


def test_rows_keep_the_code_and_lose_the_name_and_birth_day():
    rows = [{"code": "HS00012", "full_name": "Lê Thị Hoa", "birth_date": dt.date(2022, 9, 5), "wfa": -2.31}]
    assert pseudonymise_rows(rows) == [{"code": "HS00012", "full_name": "L.T.H.", "birth_date": "09/2022",
                                        "wfa": -2.31}]
    assert rows[0]["full_name"] == "Lê Thị Hoa"  # the caller's rows are left alone


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("an-danh")
    session.open_path(folder / "school.sqlite")
    try:
        demo.build_demo(children=40, seed=3, code="MN-01", name="Trường MN Hoa Sen", today=TODAY)
        real = surveillance_list(NOV, today=TODAY)
        plain = write_report(folder / "ro.xlsx", NOV, today=TODAY, exported_at=dt.datetime(2026, 11, 25, 16))
        hidden = write_report(folder / "an.xlsx", NOV, today=TODAY, exported_at=dt.datetime(2026, 11, 25, 16),
                              pseudonymise=True)
    finally:
        session.close()
    return real, plain, hidden


def test_the_file_has_no_full_name_and_no_birth_day(files):
    real, _, hidden = files
    assert real, "the demo school should have children to watch"
    report = read_report(hidden)
    assert [r["code"] for r in report.surveillance] == [r["code"] for r in real]
    assert [r["full_name"] for r in report.surveillance] == [initials(r["full_name"]) for r in real]
    assert [r["birth_date"] for r in report.surveillance] == [f"{r['birth_date']:%m/%Y}" for r in real]
    text = " ".join(str(c) for ws in openpyxl.load_workbook(hidden).worksheets
                    for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    for r in real:
        assert r["full_name"] not in text and f"{r['birth_date']:%d/%m/%Y}" not in text
    assert report.checksum_ok is True


def test_a_pseudonymised_report_merges_with_the_same_figures(files, tmp_path):
    _, plain, hidden = files
    assert read_report(hidden).indicators == read_report(plain).indicators
    result = merge(read_inputs([hidden]), unit=OFFICE)
    target = write_merged(tmp_path / "phong.xlsx", result, exported_at=dt.datetime(2026, 11, 28, 9))
    office = read_report(target)
    assert office.indicators == read_report(plain).indicators
    assert office.checksum_ok is True


def test_the_cli_option(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cli.main import cli

    monkeypatch.delenv("MAMNON_DB", raising=False)
    db = tmp_path / "t.sqlite"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "demo", "--children", "40", "--seed", "3"]).exit_code == 0
    session.close()
    out = tmp_path / "bc.xlsx"
    result = runner.invoke(cli, ["--db", str(db), "export", "report", "--period", "2026-2027", "-o", str(out),
                                 "--pseudonymise"])
    session.close()
    assert result.exit_code == 0, result.output
    names = [r["full_name"] for r in read_report(out).surveillance]
    assert names and all(n.endswith(".") and " " not in n for n in names)
