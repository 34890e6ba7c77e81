"""`mamnon print` and `mamnon forms` on a demo school."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from exporters import forms
from tests.cli.conftest import build_demo_file, copy_of

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory, TODAY)


@pytest.fixture
def school(demo_file, tmp_path):
    return copy_of(demo_file, tmp_path)


def test_list_names_every_form_and_its_options(run):
    for args in (("print", "--list"), ("forms",)):
        result = run(*args)
        assert result.exit_code == 0, result.output
        for form in forms.FORMS:
            assert form.name in result.output and form.description in result.output
        assert "--class TÊN --month MM/YYYY" in result.output


def test_print_class_register(run, school, tmp_path):
    out = tmp_path / "diem-danh.xlsx"
    result = run("print", "diem-danh", "--class", "la 1", "--month", "11/2026", "-o", str(out), db=school)
    assert result.exit_code == 0, result.output
    assert "Đã ghi sổ điểm danh lớp" in result.output
    assert "SỔ ĐIỂM DANH" in [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]


def test_print_a_health_card_by_child_code(run, school, tmp_path):
    from mamnon.services import children, session

    session.open_path(school)
    kid = children.list_children()[0]
    session.close()
    out = tmp_path / "suc-khoe.xlsx"
    result = run("print", "phieu-suc-khoe", "--child", kid.code.lower(), "-o", str(out), db=school)
    assert result.exit_code == 0, result.output
    assert "Đã ghi phiếu theo dõi sức khỏe" in result.output
    cells = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert "PHIẾU THEO DÕI SỨC KHỎE CỦA TRẺ" in cells and any(kid.full_name in str(v) for v in cells)


def test_an_unknown_child_code_is_refused(run, school, tmp_path):
    out = tmp_path / "bieu-do.xlsx"
    result = run("print", "bieu-do-tre", "--child", "XX999", "-o", str(out), db=school)
    assert result.exit_code == 1
    assert "Không có trẻ mã «XX999»" in result.output and not out.exists()


@pytest.mark.parametrize("args, message", [
    (("khau-phan", "--date", "18/11/2026"), "cần --stage nha-tre|mau-giao"),
    (("tien-an", "--month", "11/2026", "--class", "Lá 1"), "không dùng --class TÊN"),
    (("xyz",), "Không có biểu mẫu «xyz»"),
    (("phieu-suc-khoe",), "cần --child MÃ_TRẺ"),
    (("danh-sach-lop", "--class", "Lá 1", "--child", "HS00001"), "không dùng --child MÃ_TRẺ"),
    ((), "Thiếu tên biểu mẫu"),
    (("tien-an", "--month", "11/2026"), "Thiếu tệp xuất"),
])
def test_usage_mistakes_are_explained(run, school, tmp_path, args, message):
    result = run("print", *args, db=school)
    assert result.exit_code == 2
    assert message in result.output
    assert not list(tmp_path.glob("*.xlsx"))


def test_month_money_without_opening_balance_is_refused(run, school, tmp_path):
    out = tmp_path / "tien-an.xlsx"
    result = run("print", "tien-an", "--month", "11/2026", "-o", str(out), db=school)
    assert result.exit_code == 1
    assert "số dư đầu kỳ" in result.output and not out.exists()


def test_pdf_without_libreoffice_keeps_the_excel_file(run, school, tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = tmp_path / "ke-cho.xlsx"
    result = run("print", "ke-cho", "--date", "18/11/2026", "-o", str(out), "--pdf", db=school)
    assert result.exit_code == 1
    assert "Đã ghi phiếu kê chợ" in result.output and "chưa cài LibreOffice" in result.output
    assert out.exists() and not out.with_suffix(".pdf").exists()


@pytest.mark.skipif(forms.soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_is_written_beside_the_excel_file(run, school, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    result = run("print", "diem-danh-truong", "--month", "11/2026", "-o", str(out), "--pdf", db=school)
    assert result.exit_code == 0, result.output
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
