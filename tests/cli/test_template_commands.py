"""`mamnon template list | write`: blank templates without a database, pre-filled ones from a demo school."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exporters.templates import TEMPLATE_NAMES
from exporters.workbook_writer import LISTS_SHEET
from mamnon.services import session
from mamnon.services.children import list_children
from mamnon.services.classes import list_classes
from mamnon.workbooks.kinds import ATTENDANCE_SPEC, KIND_LABELS, ROSTER_SPEC
from mamnon.workbooks.spec import META_SHEET
from tests.cli.conftest import build_demo_file, copy_of

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory, TODAY)


@pytest.fixture
def demo_db(demo_file, tmp_path):
    return copy_of(demo_file, tmp_path)


def meta_of(path) -> dict:
    return {r[0]: r[1] for r in openpyxl.load_workbook(path)[META_SHEET].iter_rows(values_only=True)}


def names_in(path, sheet) -> list[str]:
    ws = openpyxl.load_workbook(path)[sheet.name]
    column = sheet.keys.index("full_name") + 1
    return [ws.cell(row=r, column=column).value for r in range(sheet.first_data_row + 1, ws.max_row + 1)
            if ws.cell(row=r, column=column).value]


def school(db_path, fn):
    session.open_path(db_path)
    try:
        return fn()
    finally:
        session.close()


def test_list_names_every_template(run):
    result = run("template", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == len(TEMPLATE_NAMES)
    for line, (kind, name) in zip(lines, TEMPLATE_NAMES.items()):
        assert line.startswith(name) and KIND_LABELS[kind] in line


@pytest.mark.parametrize("name", list(TEMPLATE_NAMES.values()))
def test_blank_template_needs_no_database(run, tmp_path, name):
    missing = tmp_path / "khong-co.sqlite"
    out = tmp_path / f"{name}.xlsx"
    result = run("template", "write", name, "-o", str(out), db=missing)
    assert result.exit_code == 0, result.output
    assert "mẫu trống" in result.output and str(out) in result.output
    assert not missing.exists()  # the database was never opened, let alone created
    meta = meta_of(out)
    assert meta["unit_code"] == "" and meta["kind"] == next(k for k, n in TEMPLATE_NAMES.items() if n == name)


def test_blank_template_of_an_existing_school_names_it(run, demo_db, tmp_path):
    out = tmp_path / "tre.xlsx"
    result = run("template", "write", "danh-sach-tre", "-o", str(out), db=demo_db)
    assert result.exit_code == 0, result.output
    assert meta_of(out)["unit_code"] == "MN-DEMO"
    classes = school(demo_db, lambda: [c.name for c in list_classes()])
    listed = [c.value for c in openpyxl.load_workbook(out)[LISTS_SHEET]["A"] if c.value]
    assert listed[1:] == classes


def test_roster_of_a_class(run, demo_db, tmp_path):
    out = tmp_path / "la1.xlsx"
    result = run("template", "write", "danh-sach-tre", "--class", "lá 1", "-o", str(out), db=demo_db)
    assert result.exit_code == 0, result.output
    expected = school(demo_db, lambda: [c.full_name for c in list_children(
        class_id=next(k.id for k in list_classes() if k.name == "Lá 1"))])
    assert names_in(out, ROSTER_SPEC.sheets[0]) == expected and expected


def test_attendance_month_of_a_class(run, demo_db, tmp_path):
    out = tmp_path / "dd.xlsx"
    result = run("template", "write", "diem-danh", "--class", "Lá 1", "--month", "T2/2027", "-o", str(out),
                 db=demo_db)
    assert result.exit_code == 0, result.output
    assert "tháng 02/2027" in result.output
    assert meta_of(out)["period"] == "2027-02"
    assert names_in(out, ATTENDANCE_SPEC.sheets[0])


def test_staff_and_menus_fill(run, demo_db, tmp_path):
    for args in (("can-bo", "--fill"), ("thuc-don", "--month", "11/2026"), ("can-do", "--class", "Lá 1",
                                                                            "--date", "15/11/2026")):
        out = tmp_path / f"{args[0]}.xlsx"
        result = run("template", "write", *args, "-o", str(out), db=demo_db)
        assert result.exit_code == 0, result.output
        assert meta_of(out)["unit_code"] == "MN-DEMO"
    assert meta_of(tmp_path / "can-do.xlsx")["round_date"] == "15/11/2026"


def test_unknown_class_is_an_error_in_vietnamese(run, demo_db, tmp_path):
    out = tmp_path / "x.xlsx"
    result = run("template", "write", "can-do", "--class", "Lá 9", "-o", str(out), db=demo_db)
    assert result.exit_code == 1
    assert "Không có lớp «Lá 9»" in result.output and "Lá 1" in result.output
    assert not out.exists()


@pytest.mark.parametrize("args, message", [
    (("can-bo", "--class", "Lá 1"), "không dùng tùy chọn --class"),
    (("diem-danh", "--month", "11/2026"), "cần lớp"),
    (("diem-danh", "--class", "Lá 1", "--month", "13/2026"), "--month"),
    (("can-do", "--date", "31/02/2027"), "--date"),
    (("danh-sach-tre",), "Thiếu tệp xuất"),
])
def test_usage_errors(run, demo_db, tmp_path, args, message):
    out = [] if args == ("danh-sach-tre",) else ["-o", str(tmp_path / "x.xlsx")]
    result = run("template", "write", *args, *out, db=demo_db)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_unknown_template_lists_the_names(run, tmp_path):
    result = run("template", "write", "bao-cao", "-o", str(tmp_path / "x.xlsx"), db=tmp_path / "k.sqlite")
    assert result.exit_code == 1
    assert "Không có mẫu «bao-cao»" in result.output and "danh-sach-tre" in result.output


def test_not_an_xlsx_target_is_refused(run, tmp_path):
    result = run("template", "write", "can-bo", "-o", str(tmp_path / "x.csv"), db=tmp_path / "k.sqlite")
    assert result.exit_code == 1 and ".xlsx" in result.output
