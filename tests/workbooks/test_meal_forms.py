"""Meal forms (week menu, day calculation, market list) and the HTML week menu, read back and compared
with the services' numbers."""

from __future__ import annotations

import datetime as dt
import html
import re

import openpyxl
import pytest

from exporters import meal_forms as mf
from exporters import xlsx
from exporters.menu_html import render_week_menu_html, write_week_menu_html
from mamnon.errors import MamnonError
from mamnon.models.meals import MEALS
from mamnon.services import demo, foods, menus
from mamnon.vntext import text_sort_key

TODAY = dt.date(2026, 11, 23)
DAY = dt.date(2026, 11, 18)  # a Wednesday
MONDAY = dt.date(2026, 11, 16)


@pytest.fixture
def demo_school(db):
    demo.build_demo(children=60, seed=2, today=TODAY)


def cells(ws) -> list:
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def find_row(ws, text: str) -> int:
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row
    raise AssertionError(f"{text!r} not on the sheet")


def check_page(ws, *, landscape: bool, header_row: int, pages_down: int = 0) -> None:
    assert ws.page_setup.paperSize == xlsx.A4
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1)  # None = 1, the default
    height = ws.page_setup.fitToHeight
    assert (1 if height is None else height) == pages_down  # 0: as many pages down as needed
    assert ws.print_title_rows == f"${header_row}:${header_row}"


def test_money_format_shows_dots_whatever_the_locale():
    assert mf.money_format(999) == '0" đ";-0" đ"'
    assert mf.money_format(25_000) == '#"."##0" đ";-#"."##0" đ"'
    assert mf.money_format(-1_234_000) == mf.MONEY_FORMAT == '#"."###"."##0" đ";-#"."###"."##0" đ"'


def test_day_calculation_equals_the_day_report(demo_school, tmp_path):
    report = menus.calculate_menu_day(DAY, "nha_tre")
    path = mf.write_day_calculation(tmp_path / "khau-phan.xlsx", DAY, "nha_tre")
    ws = openpyxl.load_workbook(path).active
    texts = [v for v in cells(ws) if isinstance(v, str)]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts and "Độc lập - Tự do - Hạnh phúc" in texts
    assert "SỔ TÍNH KHẨU PHẦN ĂN" in texts
    assert any("18/11/2026" in t and f"số trẻ ăn: {report.result.money.children}" in t for t in texts)
    head = find_row(ws, "Thực phẩm")
    check_page(ws, landscape=True, header_row=head, pages_down=1)  # one day: one sheet of paper
    result = report.result
    for n, (line, c) in enumerate(zip(result.lines, result.intake.contributions)):
        row = [ws.cell(head + 1 + n, col).value for col in range(1, 12)]
        assert row[0] == n + 1 and row[1] == line.name
        assert row[2] == pytest.approx(line.edible_g_per_child)
        assert row[3] == foods.get_food_by_code(line.code).waste_pct
        assert row[4] == pytest.approx(line.gross_kg)
        assert row[5] == line.price_per_kg and row[6] == line.cost
        assert row[7:] == pytest.approx([round(v, 1) for v in (c.energy_kcal, c.protein_g, c.lipid_g, c.glucid_g)])
        assert ws.cell(head + 1 + n, 7).number_format == mf.money_format(line.cost)
    total = head + 1 + len(result.lines)
    assert ws.cell(total, 1).value == "Cộng"
    assert ws.cell(total, 7).value == result.money.total_cost == sum(line.cost for line in result.lines)
    assert ws.cell(total, 8).value == pytest.approx(round(result.intake.energy_kcal, 1))
    for check in result.checks:
        r = find_row(ws, {"energy": "Năng lượng", "protein": "Chất đạm (P)", "lipid": "Chất béo (L)",
                          "glucid": "Chất bột (G)", "animal_protein": "Đạm động vật"}[check.item])
        assert ws.cell(r, 4).value == pytest.approx(round(check.value, 1))
        assert ws.cell(r, 8).value == {"dat": "Đạt", "thieu": "Thiếu", "thua": "Thừa"}[check.status]
    money = result.money
    for label, value in (("Số trẻ ăn", money.children), ("Tiền ăn một trẻ một ngày", money.fee_per_child),
                         ("Tổng thu (tiền ăn × số trẻ)", money.fee_total), ("Tổng chi (thực phẩm)", money.total_cost),
                         ("Chi một trẻ", round(money.cost_per_child)),
                         ("Chênh lệch thu – chi (+ thừa, − thiếu)", money.balance)):
        assert ws.cell(find_row(ws, label), 6).value == value
    for title in ("NGƯỜI TÍNH KHẨU PHẦN", "KẾ TOÁN", "HIỆU TRƯỞNG"):
        find_row(ws, title)


def test_market_list_equals_the_purchases_with_suppliers(demo_school, tmp_path):
    report = menus.calculate_menu_day(DAY, "mau_giao")
    path = mf.write_market_list(tmp_path / "ke-cho.xlsx", DAY, "mau_giao")
    ws = openpyxl.load_workbook(path).active
    assert "PHIẾU KÊ CHỢ" in cells(ws) and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells(ws)
    assert f"Mẫu giáo – ngày 18/11/2026 – số trẻ ăn: {report.result.money.children}" in cells(ws)
    head = find_row(ws, "Tên thực phẩm")
    check_page(ws, landscape=False, header_row=head)
    # The same purchases as the day's calculation, in Vietnamese alphabetical order.
    lines = sorted(report.result.lines, key=lambda x: text_sort_key(x.name))
    for n, line in enumerate(lines):
        row = [ws.cell(head + 1 + n, col).value for col in range(1, 7)]
        assert row == [n + 1, line.name, pytest.approx(line.gross_kg), line.price_per_kg, line.cost,
                       foods.get_food_by_code(line.code).supplier]
    total = head + 1 + len(lines)
    assert ws.cell(total, 1).value == "Tổng cộng"
    assert ws.cell(total, 5).value == report.result.money.total_cost
    for title in ("NGƯỜI LẬP PHIẾU", "KẾ TOÁN", "HIỆU TRƯỞNG"):
        find_row(ws, title)
    assert any(isinstance(v, str) and "ngày 18 tháng 11 năm 2026" in v for v in cells(ws))


def test_market_list_of_a_week_adds_up_the_days(demo_school, tmp_path):
    friday = MONDAY + dt.timedelta(days=4)
    path = mf.write_market_list(tmp_path / "ke-cho-tuan.xlsx", MONDAY, None, friday)
    ws = openpyxl.load_workbook(path).active
    assert f"Nhà trẻ và mẫu giáo – từ {MONDAY:%d/%m/%Y} đến {friday:%d/%m/%Y} – 10 ngày ăn" in cells(ws)
    head = find_row(ws, "Tên thực phẩm")
    days = [menus.calculate_menu_day(m.date, m.stage) for m in menus.list_menu_days(MONDAY, friday)]
    kg: dict[str, float] = {}
    for d in days:
        for line in d.result.lines:
            kg[line.name] = kg.get(line.name, 0) + line.gross_kg
    shown = {ws.cell(r, 2).value: ws.cell(r, 3).value for r in range(head + 1, head + 1 + len(kg))}
    assert shown == {name: pytest.approx(v) for name, v in kg.items()}
    total = head + 1 + len(kg)
    assert ws.cell(total, 5).value == sum(d.result.money.total_cost for d in days)


def test_week_menu_has_every_dish_of_the_week(demo_school, tmp_path):
    path = mf.write_week_menu(tmp_path / "tuan.xlsx", DAY, "mau_giao")  # any day of the week
    ws = openpyxl.load_workbook(path).active
    head = find_row(ws, "Bữa")
    check_page(ws, landscape=True, header_row=head)
    assert "THỰC ĐƠN TUẦN – MẪU GIÁO" in cells(ws)
    week = menus.list_menu_days(MONDAY, MONDAY + dt.timedelta(days=4), "mau_giao")
    assert len(week) == 5
    labels = dict(MEALS)
    for col, m in enumerate(week, start=2):
        assert ws.cell(head, col).value.endswith(m.date.strftime("%d/%m/%Y"))
        for meal in {i.meal for i in m.items}:
            r = find_row(ws, labels[meal])
            assert ws.cell(r, col).value.split("\n") == [i.dish_name for i in m.items if i.meal == meal]
        energy = menus.calculate_menu_day(m.date, "mau_giao").result.intake.energy_kcal
        assert ws.cell(find_row(ws, "Năng lượng\n(kcal/trẻ)"), col).value == pytest.approx(round(energy, 1))


def test_forms_refuse_a_day_without_menu_and_leave_no_file(demo_school, tmp_path):
    with pytest.raises(MamnonError):
        mf.write_market_list(tmp_path / "x.xlsx", dt.date(2026, 11, 22), "mau_giao")  # a Sunday
    with pytest.raises(MamnonError):
        mf.write_week_menu(tmp_path / "y.xlsx", dt.date(2026, 12, 7), "nha_tre")
    assert not list(tmp_path.iterdir())


def test_html_week_menu_is_self_contained_utf8_with_every_dish(demo_school, tmp_path):
    path = write_week_menu_html(tmp_path / "thuc-don.html", MONDAY)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    for stage in ("nha_tre", "mau_giao"):
        for m in menus.list_menu_days(MONDAY, MONDAY + dt.timedelta(days=4), stage):
            for item in m.items:
                assert f"<li>{html.escape(item.dish_name)}</li>" in text
    assert "Nhà trẻ" in text and "Mẫu giáo" in text
    assert not re.search(r"(src|href)\s*=|url\(|@import|<script|<link", text, re.I)


def test_html_escapes_names(demo_school):
    dish = menus.list_dishes("Cơm tẻ")[0]
    form = menus.DishForm(name="Cơm <b>&\"tẻ\"", ingredients=[
        menus.IngredientForm(i.food_id, f"{i.grams:g}", f"{i.grams:g}") for i in dish.ingredients[:1]])
    menus.update_dish(dish.id, form)
    text = render_week_menu_html(MONDAY)
    assert "Cơm &lt;b&gt;&amp;&quot;tẻ&quot;" in text and "<b>" not in text


def test_html_needs_an_html_name(demo_school, tmp_path):
    with pytest.raises(MamnonError):
        write_week_menu_html(tmp_path / "x.txt", MONDAY)
