"""The paper code: the same data give the same code, any changed figure, unit or period another one."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import cli
from exporters.kitchen_forms import write_month_money
from exporters.lunch_support_forms import write_lunch_claim
from exporters.report import write_report
from mamnon import indicators
from mamnon.paper_code import ALPHABET, LABEL, data_checksum, normalise_code, paper_code, report_code
from mamnon.services import lunch_support as ls
from mamnon.services import meal_money
from mamnon.services.report_data import report_indicators
from mamnon.workbooks.periods import month_period
from tests.conftest import add_child

CODE = re.compile(rf"{LABEL}: ([{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}})")


def test_code_shape_and_sensitivity():
    rows = [("Nguyễn Thị An", 360_000), ("Trần Văn Bình", 360_000)]
    code = paper_code("MN01", "2026-11", data_checksum(rows))
    assert re.fullmatch(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}", code)
    assert paper_code("MN01", "2026-11", data_checksum(list(rows))) == code
    # 3 and 3.0 are one figure; a date is its ISO day
    assert data_checksum([(3, dt.date(2026, 11, 1))]) == data_checksum([(3.0, "2026-11-01")])
    changed = [("Nguyễn Thị An", 360_000), ("Trần Văn Bình", 360_001)]
    assert paper_code("MN01", "2026-11", data_checksum(changed)) != code
    assert paper_code("MN02", "2026-11", data_checksum(rows)) != code
    assert paper_code("MN01", "2026-12", data_checksum(rows)) != code
    assert normalise_code(code.lower().replace("-", " ")) == code
    assert normalise_code("abcd-efgh-ij".replace("i", "I")) == "ABCD-EFGH-1J"


def _footer_code(path) -> str:
    ws = openpyxl.load_workbook(path).worksheets[0]
    texts = [part.text or "" for part in (ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right)]
    found = [m.group(1) for t in texts for m in [CODE.search(t)] if m]
    assert len(found) == 1, texts
    return found[0]


@pytest.fixture
def claimed(school_db):
    a = add_child(school_db["Mầm 1"], "Nguyễn Thị An", "10/03/2022")
    b = add_child(school_db["Lá 1"], "Trần Văn Bình", "20/12/2021", sex="M")
    ls.add_support(ls.LunchForm(a.id, "NGHEO", "Sổ hộ nghèo 123", "05/09/2026", "31/05/2027"))
    return {"a": a, "b": b, **school_db}


def test_a_printed_form_carries_the_code_of_its_rows(claimed, tmp_path):
    first = _footer_code(write_lunch_claim(tmp_path / "a.xlsx", 2026, 11))
    again = _footer_code(write_lunch_claim(tmp_path / "b.xlsx", 2026, 11))
    assert first == again
    ls.add_support(ls.LunchForm(claimed["b"].id, "DBKK", "Thôn Khe Mạ", "01/11/2026", "30/11/2026"))
    assert _footer_code(write_lunch_claim(tmp_path / "c.xlsx", 2026, 11)) != first
    # the page numbers stay beside the code
    ws = openpyxl.load_workbook(tmp_path / "c.xlsx").worksheets[0]
    assert "Trang" in ws.oddFooter.center.text


def test_an_existing_form_writer_prints_the_code_too(school_db, tmp_path):
    meal_money.set_opening_balance(2026, 11, 100_000)
    first = _footer_code(write_month_money(tmp_path / "a.xlsx", 2026, 11))
    assert _footer_code(write_month_money(tmp_path / "b.xlsx", 2026, 11)) == first
    meal_money.set_opening_balance(2026, 11, 100_001)
    assert _footer_code(write_month_money(tmp_path / "c.xlsx", 2026, 11)) != first


def test_the_report_information_sheet_and_report_show_print_the_same_code(claimed, tmp_path):
    period = month_period(2026, 11)
    today = dt.date(2026, 11, 30)
    path = write_report(tmp_path / "bao-cao.xlsx", period, today=today)
    info = {r[0]: r[1] for r in openpyxl.load_workbook(path)["Thông tin"].iter_rows(values_only=True) if r[0]}
    values = report_indicators(period, today=today)
    expected = report_code("MN01", "2026-11", values)
    assert info[LABEL] == expected
    shown = CliRunner().invoke(cli, ["report", "show", str(path)])
    assert shown.exit_code == 0, shown.output
    assert f"{LABEL}:    {expected}" in shown.output
    # one more child-month of lunch support → another figure → another code
    changed = dict(values, HTAT_TRE=values["HTAT_TRE"] + 1)
    assert report_code("MN01", "2026-11", changed) != expected
    assert indicators.BY_CODE["HTAT_TRE"].aggregate == indicators.SUM
