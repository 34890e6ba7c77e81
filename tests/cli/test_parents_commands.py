"""`mamnon parents preview | sms | slips` on a demo school."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from mamnon.services import notices, session
from mamnon.services.classes import list_classes
from tests.cli.conftest import build_demo_file, copy_of

TODAY = dt.date(2026, 11, 25)
TEMPLATE = "Kính gửi {phu_huynh}: bé {ten_tre} lớp {lop} cân {can_nang}, {tinh_trang}."


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory, TODAY)


@pytest.fixture
def school(demo_file, tmp_path):
    return copy_of(demo_file, tmp_path)


def _expected(path, class_name=None):
    session.open_path(path)
    try:
        scope = next(c.id for c in list_classes() if c.name == class_name) if class_name else None
        return notices.recipients(scope, TODAY)
    finally:
        session.close()


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_sms_csv_has_a_row_per_phone(run, school, tmp_path):
    out = tmp_path / "tin-nhan.csv"
    result = run("parents", "sms", "--all", "--template", TEMPLATE, "--date", "25/11/2026", "-o", str(out),
                 db=school)
    assert result.exit_code == 0, result.output
    expected = _expected(school)
    rows = _rows(out)
    assert rows[0] == ["SoDienThoai", "NoiDung"]
    assert [r[0] for r in rows[1:]] == [r.phone for r in expected.reachable]
    assert all(len(r) == 2 for r in rows)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert all(r[0].startswith("0") and len(r[0]) in (10, 11) and r[0].isdigit() for r in rows[1:])
    assert "Kính gửi" in rows[1][1]
    assert f"{len(expected.reachable)} tin" in result.output


def test_unaccented_variant_is_ascii(run, school, tmp_path):
    out = tmp_path / "khong-dau.csv"
    result = run("parents", "sms", "--class", "Lá 1", "--template", TEMPLATE, "--date", "25/11/2026",
                 "-o", str(out), "--unaccented", db=school)
    assert result.exit_code == 0, result.output
    body = out.read_bytes()[3:]
    assert body.isascii()
    rows = _rows(out)
    assert len(rows) - 1 == len(_expected(school, "Lá 1").reachable)
    assert rows[1][1].startswith("Kinh gui ")


def _add_child_without_phone(path) -> None:
    from mamnon.services.children import ChildForm, GuardianForm, create_child

    session.open_path(path)
    try:
        cls = next(c for c in list_classes() if c.name == "Lá 1")
        create_child(ChildForm(full_name="Đỗ Thị Mơ", birth_date="01/02/2021", sex="F", class_id=cls.id,
                               enrolled_on="05/09/2026", guardians=[GuardianForm("Đỗ Văn Tư", "Bố", "")]),
                     today=TODAY)
    finally:
        session.close()


def test_children_without_phone_are_listed(run, school, tmp_path):
    _add_child_without_phone(school)
    expected = _expected(school)
    assert "Đỗ Thị Mơ" in [u.child_name for u in expected.unreachable]
    out = tmp_path / "tin.csv"
    result = run("parents", "sms", "--all", "--template", "Bé {ten_tre}", "--date", "25/11/2026",
                 "-o", str(out), db=school)
    assert result.exit_code == 0, result.output
    assert f"Trẻ chưa có số điện thoại phụ huynh: {len(expected.unreachable)}" in result.output
    report = _rows(tmp_path / "tin-kiem-tra.csv")
    codes = [r[0] for r in report if r]
    for u in expected.unreachable:
        assert u.child_code in codes
        assert u.child_code in result.output
    header = report[0]
    assert header[:1] == ["SoDienThoai"] and "SoTinNhan" in header
    assert report[1][header.index("SoTinNhan")] == "1"


def test_template_from_file_and_unknown_field(run, school, tmp_path):
    template = tmp_path / "mau.txt"
    template.write_text("Bé {ten_tre} nặng {can_nag}", encoding="utf-8")
    result = run("parents", "sms", "--all", "--template-file", str(template), "-o", str(tmp_path / "x.csv"),
                 db=school)
    assert result.exit_code == 1
    assert "{can_nag}" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_preview_one_child(run, school):
    session.open_path(school)
    try:
        expected = _expected_preview()
    finally:
        session.close()
    code, text = expected
    result = run("parents", "preview", "--class", "Lá 1", "--child", code, "--template", TEMPLATE,
                 "--date", "25/11/2026", db=school)
    assert result.exit_code == 0, result.output
    assert text in result.output
    assert result.output.count("— ") == 1


def _expected_preview():
    from mamnon.services.children import list_children

    cls = next(c for c in list_classes() if c.name == "Lá 1")
    child = list_children(class_id=cls.id)[0]
    return child.code, notices.render(TEMPLATE, child.id, TODAY)


def test_slips_command(run, school, tmp_path):
    out = tmp_path / "phieu.xlsx"
    result = run("parents", "slips", "--class", "Lá 1", "--month", "11/2026", "-o", str(out), db=school)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert sum(ws.sheet_state == "visible" for ws in book.worksheets) > 0
    assert book.worksheets[0]["A4"].value == "PHIẾU LIÊN LẠC"
