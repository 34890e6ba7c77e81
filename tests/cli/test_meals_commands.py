"""`mamnon meals day | print | html` on a demo school: the output is the services' numbers."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cli.commands_meals import day_summary_lines
from mamnon.formats import format_money
from mamnon.services import demo, menus, session
from tests.cli.conftest import build_demo_file, copy_of

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory, TODAY)


@pytest.fixture
def db_path(demo_file, tmp_path):
    return copy_of(demo_file, tmp_path)


def report_of(db_path, day, stage):
    session.open_path(db_path)
    try:
        return menus.calculate_menu_day(day, stage)
    finally:
        session.close()


@pytest.mark.parametrize("stage", ["nha-tre", "mau-giao"])
def test_day_prints_the_calculation(run, db_path, stage):
    report = report_of(db_path, dt.date(2026, 11, 18), stage.replace("-", "_"))
    result = run("meals", "day", "18/11/2026", "--stage", stage)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == day_summary_lines(report)
    r = report.result
    assert f"{r.intake.energy_kcal:.1f}".replace(".", ",") + " kcal" in result.output
    assert f"{r.money.children} trẻ ăn" in result.output
    assert format_money(r.money.total_cost) in result.output
    assert format_money(r.money.cost_per_child) in result.output
    assert format_money(r.money.fee_per_child) in result.output
    for check in r.checks:
        assert f"{check.value:.1f}".replace(".", ",") in result.output
    for item in report.menu.items:
        assert item.dish_name in result.output


def test_day_without_menu_is_a_clear_error(run):
    result = run("meals", "day", "22/11/2026")
    assert result.exit_code != 0 and "Chưa có thực đơn" in result.output
    result = run("meals", "day", "32/11/2026")
    assert result.exit_code != 0 and "dd/mm/yyyy" in result.output


@pytest.mark.parametrize("kind,title", [("week", "THỰC ĐƠN TUẦN – NHÀ TRẺ"), ("day", "SỔ TÍNH KHẨU PHẦN ĂN"),
                                        ("market", "PHIẾU KÊ CHỢ")])
def test_print_writes_the_form(run, db_path, tmp_path, kind, title):
    out = tmp_path / f"{kind}.xlsx"
    result = run("meals", "print", kind, "18/11/2026", "--stage", "nha-tre", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert str(out.resolve()) in result.output
    values = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert title in values
    if kind != "week":
        total = report_of(db_path, dt.date(2026, 11, 18), "nha_tre").result.money.total_cost
        assert total in values


def test_print_needs_an_xlsx_name(run, tmp_path):
    result = run("meals", "print", "day", "18/11/2026", "-o", str(tmp_path / "a.pdf"))
    assert result.exit_code != 0 and ".xlsx" in result.output
    assert not list(tmp_path.glob("a.*"))


def test_html_writes_both_stages(run, db_path, tmp_path):
    out = tmp_path / "thuc-don.html"
    result = run("meals", "html", "18/11/2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    session.open_path(db_path)
    try:
        week = menus.list_menu_days(dt.date(2026, 11, 16), dt.date(2026, 11, 20))
    finally:
        session.close()
    assert len(week) == 10
    for m in week:
        for item in m.items:
            assert item.dish_name in text


def test_demo_prints_the_meals_line(run, tmp_path):
    result = run("demo", "--children", "30", db=tmp_path / "moi.sqlite")
    assert result.exit_code == 0, result.output
    assert f"Bán trú: {len(demo.DEMO_DISHES)} món ăn" in result.output


def test_print_inspection_prefills_the_day_from_its_menu(run, db_path, tmp_path):
    from mamnon.services import kitchen_logs

    out = tmp_path / "kiem-thuc.xlsx"
    result = run("meals", "print", "inspection", "18/11/2026", "--stage", "nha-tre", "-o", str(out))
    assert result.exit_code == 0, result.output
    session.open_path(db_path)
    try:
        log = kitchen_logs.get_day_log(dt.date(2026, 11, 18), "nha_tre")
        foods = [line.food_name for line in log.receipts]
    finally:
        session.close()
    values = {c.value for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row}
    assert foods and set(foods) <= values


def test_print_money_needs_then_records_the_opening_balance(run, db_path, tmp_path):
    from mamnon.services import meal_money

    out = tmp_path / "tien-an.xlsx"
    result = run("meals", "print", "money", "05/11/2026", "-o", str(out))
    assert result.exit_code != 0 and "số dư đầu kỳ" in result.output.lower()
    result = run("meals", "print", "money", "05/11/2026", "--opening", "1500000", "-o", str(out))
    assert result.exit_code == 0, result.output
    session.open_path(db_path)
    try:
        assert meal_money.opening_balance() == (2026, 11, 1_500_000)
    finally:
        session.close()
    assert out.exists()
