"""Every form of the registry rendered on one demo school, read back with openpyxl: page setup, headings
and one printed row per row of the service it prints; converted to PDF where LibreOffice is installed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import openpyxl
import pytest

from exporters import forms
from exporters.meal_forms import MOTTO, NATION
from exporters.report import report_rows
from mamnon.errors import MamnonError
from mamnon.services import attendance, children, classes, demo, kitchen_logs, meal_money, measurements, menus, session
from mamnon.workbooks.periods import month_period

TODAY = dt.date(2026, 11, 23)
DAY = dt.date(2026, 11, 18)  # a Wednesday with menus for both stages
MONTH = (2026, 11)
PRINTED_TITLE = {
    "thuc-don-tuan": "THỰC ĐƠN TUẦN", "khau-phan": "SỔ TÍNH KHẨU PHẦN ĂN", "ke-cho": "PHIẾU KÊ CHỢ",
    "kiem-thuc": "SỔ KIỂM THỰC BA BƯỚC", "luu-mau": "SỔ LƯU MẪU THỨC ĂN", "tien-an": "CÔNG KHAI TÀI CHÍNH TIỀN ĂN",
    "bieu-do": "BIỂU ĐỒ TĂNG TRƯỞNG", "diem-danh": "SỔ ĐIỂM DANH", "diem-danh-truong": "TỔNG HỢP ĐIỂM DANH",
    "bao-cao": "THÔNG TIN ĐƠN VỊ", "danh-sach-lop": "DANH SÁCH TRẺ LỚP", "so-theo-doi-tre": "SỔ THEO DÕI TRẺ",
    "danh-sach-can-bo": "DANH SÁCH CÁN BỘ", "tong-hop-can-do": "TỔNG HỢP KẾT QUẢ CÂN ĐO",
    "suy-dinh-duong": "DANH SÁCH TRẺ SUY DINH DƯỠNG", "phieu-suc-khoe": "PHIẾU THEO DÕI SỨC KHỎE",
    "bieu-do-tre": "BIỂU ĐỒ TĂNG TRƯỞNG",
    "ho-tro-an-trua": "DANH SÁCH TRẺ EM ĐƯỢC HỖ TRỢ TIỀN ĂN TRƯA",
    "pho-cap-danh-sach": "DANH SÁCH TRẺ EM 0–5 TUỔI", "pho-cap-tong-hop": "TỔNG HỢP SỐ LIỆU PHỔ CẬP",
    "thong-ke-doi-ngu": "THỐNG KÊ ĐỘI NGŨ", "co-so-vat-chat": "CƠ SỞ VẬT CHẤT",
}
MAX_PAGES = {"bieu-do": 40, "bao-cao": 20, "so-theo-doi-tre": 8}
"""PDF pages a form may take on the 40-child demo school (others: at most 4)."""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Form name → (path, options), every form written once on the same demo school (the session stays open)."""
    folder = tmp_path_factory.mktemp("forms")
    session.open_memory()
    demo.build_demo(children=40, seed=1, today=TODAY)
    meal_money.set_opening_balance(*MONTH, 0)
    la = next(c for c in classes.list_classes() if c.name == "Lá 1")
    kid = measured_child(la.id)
    every = dict(class_id=la.id, class_name=la.name, month=MONTH, date=DAY, stage="mau_giao",
                 period=month_period(*MONTH), child_id=kid.id)
    field_of = {"class": "class_id", "month": "month", "date": "date", "stage": "stage", "period": "period",
                "child": "child_id"}
    written = {}
    for form in forms.FORMS:
        wanted = {field_of[n] for n in form.needs}
        options = forms.FormOptions(class_name=la.name, child_code=kid.code,
                                    **{k: v for k, v in every.items() if k in wanted})
        path = forms.write_form(form, folder / forms.default_filename(form, options), options)
        written[form.name] = (path, options)
    yield written
    session.close()


def measured_child(class_id: int):
    return next(c for c in children.list_children(class_id=class_id) if measurements.child_history(c.id))


def texts(book) -> list[str]:
    return [c.value for ws in book.worksheets if ws.sheet_state == "visible"
            for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def numbered_rows(ws) -> int:
    """Rows whose first cell is an STT number: one per printed line of the table."""
    return sum(1 for (value,) in ws.iter_rows(min_col=1, max_col=1, values_only=True) if isinstance(value, int))


def visible(book):
    return [ws for ws in book.worksheets if ws.sheet_state == "visible"]


@pytest.mark.parametrize("form", forms.FORMS, ids=lambda f: f.name)
def test_page_setup(rendered, form):
    book = openpyxl.load_workbook(rendered[form.name][0])
    for ws in visible(book):
        assert ws.page_setup.paperSize == 9, ws.title
        if form.name != "bao-cao":  # the report turns each sheet by its own width
            assert ws.page_setup.orientation == ("landscape" if form.landscape else "portrait"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth in (None, 1), ws.title
        assert "Trang" in ws.oddFooter.center.text, ws.title
        assert ws.oddHeader.left.text, ws.title  # the school's name on every page
        if form.table:
            assert ws.print_title_rows, f"{ws.title}: header rows not repeated"


@pytest.mark.parametrize("form", forms.FORMS, ids=lambda f: f.name)
def test_headings(rendered, form):
    book = openpyxl.load_workbook(rendered[form.name][0])
    found = texts(book)
    assert (NATION in found and MOTTO in found) == form.national
    assert any(t.startswith(PRINTED_TITLE[form.name]) for t in found)


def _names_in(book, names) -> set[str]:
    joined = "\n".join(texts(book))
    return {n for n in names if n not in joined}


def test_week_menu_has_every_dish(rendered):
    book = openpyxl.load_workbook(rendered["thuc-don-tuan"][0])
    monday = DAY - dt.timedelta(days=DAY.weekday())
    days = menus.list_menu_days(monday, monday + dt.timedelta(days=4), "mau_giao")
    dishes = {item.dish_name for d in days for item in d.items}
    assert dishes and not _names_in(book, dishes)


def test_day_calculation_has_every_dish(rendered):
    book = openpyxl.load_workbook(rendered["khau-phan"][0])
    dishes = {item.dish_name for item in menus.get_menu_day(DAY, "mau_giao").items}
    assert dishes and not _names_in(book, dishes)


def test_market_list_has_every_food(rendered):
    book = openpyxl.load_workbook(rendered["ke-cho"][0])
    lines = meal_money.market_list(DAY, DAY, None).lines
    assert numbered_rows(book.worksheets[0]) == len(lines) > 0
    assert not _names_in(book, {line.name for line in lines})


def test_inspection_log_has_every_receipt_and_dish(rendered):
    book = openpyxl.load_workbook(rendered["kiem-thuc"][0])
    log = kitchen_logs.get_day_log(DAY, "mau_giao")
    assert log.receipts and log.dishes
    assert not _names_in(book, {r.food_name for r in log.receipts} | {d.dish_name for d in log.dishes})


def test_sample_log_has_every_sample(rendered):
    book = openpyxl.load_workbook(rendered["luu-mau"][0])
    logs = kitchen_logs.list_day_logs(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert numbered_rows(book.worksheets[0]) == sum(len(log.samples) for log in logs)


def test_month_money_has_every_day(rendered):
    book = openpyxl.load_workbook(rendered["tien-an"][0])
    days = meal_money.month_summary(*MONTH).days
    assert numbered_rows(book.worksheets[0]) == len(days) > 0


def test_growth_charts_one_page_per_child(rendered):
    path, options = rendered["bieu-do"]
    in_class = children.list_children(class_id=options.class_id)
    book = openpyxl.load_workbook(path)
    assert len(visible(book)) == len(in_class) > 0
    assert not _names_in(book, {f"Họ và tên: {c.full_name}" for c in in_class})


def test_child_growth_chart_is_one_page_of_that_child(rendered):
    path, options = rendered["bieu-do-tre"]
    book = openpyxl.load_workbook(path)
    assert len(visible(book)) == 1
    assert not _names_in(book, {f"Họ và tên: {children.get_child(options.child_id).row.full_name}"})


def test_health_card_lists_every_measurement(rendered):
    path, options = rendered["phieu-suc-khoe"]
    history = measurements.child_history(options.child_id)
    book = openpyxl.load_workbook(path)
    assert numbered_rows(book.worksheets[0]) >= len(history) > 0
    assert not _names_in(book, {children.get_child(options.child_id).row.full_name})


def test_find_child_by_code_ignores_case_and_names_an_unknown_code(rendered):
    kid = children.get_child(rendered["phieu-suc-khoe"][1].child_id).row
    assert forms.find_child(f" {kid.code.lower()} ").id == kid.id
    with pytest.raises(MamnonError, match="Không có trẻ mã «XX999»"):
        forms.find_child("XX999")


def test_class_register_has_every_child(rendered):
    path, options = rendered["diem-danh"]
    grid = attendance.month_grid(options.class_id, *MONTH)
    book = openpyxl.load_workbook(path)
    assert numbered_rows(book.worksheets[0]) == len(grid.rows) > 0
    assert not _names_in(book, {r.full_name for r in grid.rows})


def test_school_attendance_has_every_class(rendered):
    book = openpyxl.load_workbook(rendered["diem-danh-truong"][0])
    summary = attendance.attendance_summary(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert numbered_rows(book.worksheets[0]) == len(summary.classes) == len(classes.list_classes())
    assert not _names_in(book, {c.class_name for c in summary.classes})


def test_report_has_every_row(rendered):
    book = openpyxl.load_workbook(rendered["bao-cao"][0])
    for sheet, rows in report_rows(month_period(*MONTH)).items():
        ws = book[sheet]
        data = [r for r in ws.iter_rows(min_row=5, values_only=True) if any(v is not None for v in r)]
        assert len(data) == len(rows), sheet


def test_every_form_has_a_unique_ascii_name_and_its_options_are_known():
    names = [f.name for f in forms.FORMS]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names)
    assert all(set(f.accepts) <= set(forms.OPTION_LABELS) for f in forms.FORMS)


def test_missing_and_unused_options_are_refused(tmp_path):
    form = forms.find_form("diem-danh")
    with pytest.raises(MamnonError, match=r"cần --class TÊN.*không dùng --date"):
        forms.write_form(form, tmp_path / "x.xlsx", forms.FormOptions(month=MONTH, date=DAY))
    assert not (tmp_path / "x.xlsx").exists()
    with pytest.raises(MamnonError, match="Không có biểu mẫu «xyz»"):
        forms.find_form("xyz")


def test_default_filename_says_what_and_when():
    options = forms.FormOptions(class_id=3, class_name="Lá 1", month=MONTH)
    assert forms.default_filename(forms.find_form("diem-danh"), options) == "diem-danh_la-1_11-2026.xlsx"
    card = forms.FormOptions(child_id=7, child_code="HS00007")
    assert forms.default_filename(forms.find_form("phieu-suc-khoe"), card) == "phieu-suc-khoe_hs00007.xlsx"
    nursery = forms.FormOptions(class_id=1, class_name="Nhà trẻ 3–12 tháng")       # an en dash, not ASCII
    assert forms.default_filename(forms.find_form("danh-sach-lop"), nursery) == \
        "danh-sach-lop_nha-tre-3-12-thang.xlsx"


def test_pdf_without_libreoffice_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(forms.PdfUnavailable, match="chưa cài LibreOffice.*Đã ghi tệp Excel"):
        forms.to_pdf(tmp_path / "a.xlsx")
    assert not (tmp_path / "a.pdf").exists()


def _pdf_pages(path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


@pytest.mark.skipif(forms.soffice_path() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("form", forms.FORMS, ids=lambda f: f.name)
def test_pdf_page_count(rendered, form):
    pdf = forms.to_pdf(rendered[form.name][0])
    assert pdf.suffix == ".pdf" and pdf.stem == rendered[form.name][0].stem
    assert 1 <= _pdf_pages(pdf) <= MAX_PAGES.get(form.name, 4)
