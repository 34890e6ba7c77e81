"""Templates: the committed blank files match the generator; pre-filled ones hold the school's data."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest

from exporters import templates
from exporters.workbook_writer import LISTS_SHEET, UnitMeta
from importers import import_workbook
from mamnon.services import attendance, measurements, menus
from mamnon.workbooks.kinds import (
    ATTENDANCE_SPEC, MEASUREMENTS_SPEC, MENUS_SPEC, ROSTER_SPEC, STAFF_SPEC, TEMPLATE_KINDS,
)
from mamnon.workbooks.spec import META_SHEET
from tests.conftest import add_child

STAMP = dt.datetime(2026, 11, 23, 8, 0, 0)
VOLATILE_META = ("exported_at", "program_version")
"""Meta values that differ between runs (and releases) without the template changing."""


def meta_of(path) -> dict:
    return {r[0]: r[1] for r in openpyxl.load_workbook(path)[META_SHEET].iter_rows(values_only=True)}


def listed(book, letter: str) -> list:
    """One column of the hidden list sheet (its other columns are longer)."""
    return [c.value for c in book[LISTS_SHEET][letter] if c.value is not None]


def snapshot(path) -> dict:
    """Everything a user or a reader sees in a workbook, comparable between two files."""
    book = openpyxl.load_workbook(path)
    shot: dict = {"sheets": [(ws.title, ws.sheet_state) for ws in book.worksheets]}
    for ws in book.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                value = c.value
                if ws.title == META_SHEET and ws.cell(row=c.row, column=1).value in VOLATILE_META and c.column == 2:
                    value = "…"
                cells[c.coordinate] = (value, c.number_format, c.protection.locked, c.fill.fgColor.rgb, c.font.b)
        p = ws.protection
        shot[ws.title] = {
            "cells": cells,
            "validations": sorted((str(dv.sqref), dv.type, dv.formula1, dv.formula2, dv.operator, dv.error,
                                   dv.errorTitle, dv.prompt, dv.promptTitle)
                                  for dv in ws.data_validations.dataValidation),
            "protection": (p.sheet, p.password, p.sort, p.autoFilter, p.formatColumns, p.formatRows,
                           p.formatCells, p.insertRows),
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": sorted((d.min, d.max, d.width) for d in ws.column_dimensions.values()),
            "page": (ws.freeze_panes, ws.print_title_rows, ws.page_setup.orientation, ws.page_setup.paperSize,
                     ws.auto_filter.ref),
        }
    return shot


# ---------------------------------------------------------------- committed blank templates


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_committed_template_matches_the_generator(kind, tmp_path):
    committed = templates.TEMPLATES_DIR / templates.file_name(kind)
    assert committed.exists(), f"run `python -m exporters.templates` to write {committed.name}"
    fresh = templates.write_blank(tmp_path / committed.name, kind)
    assert snapshot(fresh) == snapshot(committed), (
        f"{committed.name} is stale: run `python -m exporters.templates` and commit the result")


def test_snapshot_sees_a_changed_cell(tmp_path):
    """The comparison above would catch a template edited by hand."""
    path = templates.write_blank(tmp_path / "a.xlsx", "roster")
    book = openpyxl.load_workbook(path)
    book[ROSTER_SPEC.sheets[0].name]["B4"] = "Họ tên"
    book.save(tmp_path / "b.xlsx")
    assert snapshot(path) != snapshot(tmp_path / "b.xlsx")


def test_regenerating_writes_every_kind(tmp_path):
    assert templates.main([str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(templates.file_name(k) for k in TEMPLATE_KINDS)
    for kind in TEMPLATE_KINDS:
        meta = meta_of(tmp_path / templates.file_name(kind))
        assert meta["kind"] == kind and meta["unit_code"] == "" and meta["checksum"]


def test_blank_template_of_a_school_names_it_and_its_classes(tmp_path):
    unit = UnitMeta("MN01", "Trường Mầm non Hoa Sen", "Trường")
    path = templates.write_blank(tmp_path / "a.xlsx", "roster", unit=unit, choices={"classes": ["Lá 1", "Mầm 1"]})
    book = openpyxl.load_workbook(path)
    assert book[ROSTER_SPEC.sheets[0].name]["A1"].value == unit.name
    assert listed(book, "A") == ["Lớp", "Lá 1", "Mầm 1"]


def test_template_names_cover_every_kind():
    assert set(templates.TEMPLATE_NAMES) == set(TEMPLATE_KINDS)
    assert templates.kind_of("can-do") == "measurements"
    assert templates.kind_of("Điểm danh") == "attendance"
    assert templates.kind_of("staff") == "staff"
    with pytest.raises(Exception, match="Các mẫu: danh-sach-tre"):
        templates.kind_of("bao-cao")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_a_template(tmp_path):
    source = templates.TEMPLATES_DIR / templates.file_name("roster")
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "danh-sach-tre.pdf"
    assert pdf.exists(), proc.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"


# ---------------------------------------------------------------- pre-filled templates


@pytest.fixture
def la1(school_db):
    """Two children in Lá 1 and one in Mầm 1."""
    add_child(school_db["Lá 1"], "Nguyễn Thị An", "15/03/2021", ethnicity="Tày", village="Thôn 3")
    add_child(school_db["Lá 1"], "Trần Văn Bình", "02/07/2021", sex="M")
    add_child(school_db["Mầm 1"], "Lê Thu Hà", "10/10/2022")
    return school_db


def data(path, sheet) -> list[tuple]:
    ws = openpyxl.load_workbook(path)[sheet.name]
    rows = ws.iter_rows(min_row=sheet.first_data_row + 1, max_col=len(sheet.columns), values_only=True)
    return [r for r in rows if any(v is not None for v in r)]


def test_roster_of_a_class_lists_its_children_and_imports_unchanged(la1, tmp_path):
    sheet = ROSTER_SPEC.sheets[0]
    path = templates.write_roster(tmp_path / "la1.xlsx", "lá 1", exported_at=STAMP)
    rows = data(path, sheet)
    assert [(r[1], r[3], r[4]) for r in rows] == [("Nguyễn Thị An", "Nữ", "Lá 1"), ("Trần Văn Bình", "Nam", "Lá 1")]
    assert rows[0][sheet.keys.index("ethnicity")] == "Tày"
    assert rows[0][sheet.keys.index("village")] == "Thôn 3"
    meta = meta_of(path)
    assert (meta["unit_code"], meta["unit_name"]) == ("MN01", "Trường Mầm non Hoa Sen")
    book = openpyxl.load_workbook(path)
    assert listed(book, "A")[1:] == ["Nhà trẻ A", "Mầm 1", "Lá 1"]
    ws = book[sheet.name]
    assert ws["A3"].value.startswith("Lớp Lá 1")
    assert not ws[f"B{sheet.first_data_row + 2 + templates.FILLED_BLANK_ROWS}"].protection.locked
    done = import_workbook(path, unit_code="MN01", dry_run=True, today=dt.date(2026, 11, 23))
    assert done.book.checksum_ok is True
    assert (done.result.errors, done.result.unchanged, done.result.created) == ([], 2, 0)


def test_roster_of_an_unknown_class_says_which_exist(la1, tmp_path):
    with pytest.raises(Exception, match="Các lớp: Nhà trẻ A, Mầm 1, Lá 1"):
        templates.write_roster(tmp_path / "x.xlsx", "Lá 9")
    assert not (tmp_path / "x.xlsx").exists()


def test_staff_lists_current_staff(la1, tmp_path):
    sheet = STAFF_SPEC.sheets[0]
    path = templates.write_staff(tmp_path / "cb.xlsx", exported_at=STAMP)
    rows = data(path, sheet)
    assert [(r[1], r[3], r[5]) for r in rows] == [("Nguyễn Thị Lan", "Nữ", "Giáo viên")]
    done = import_workbook(path, unit_code="MN01", dry_run=True)
    assert (done.result.errors, done.result.unchanged) == ([], 1)


def test_measurements_of_a_class_carry_the_round_and_import(la1, tmp_path):
    sheet = MEASUREMENTS_SPEC.sheets[0]
    day = dt.date(2026, 11, 15)
    measurements.create_round(day, "Cân đo giữa kỳ", la1["Lá 1"], today=dt.date(2026, 11, 23))
    path = templates.write_measurements(tmp_path / "cd.xlsx", day, "Lá 1", exported_at=STAMP)
    rows = data(path, sheet)
    assert [(r[1], r[4], r[5]) for r in rows] == [("Nguyễn Thị An", "Lá 1", None), ("Trần Văn Bình", "Lá 1", None)]
    meta = meta_of(path)
    assert (meta["round_name"], meta["round_date"], meta["class_name"]) == ("Cân đo giữa kỳ", "15/11/2026", "Lá 1")
    book = openpyxl.load_workbook(path)
    ws = book[sheet.name]
    assert ws["A3"].value == "Lớp Lá 1 — Đợt cân đo «Cân đo giữa kỳ», ngày 15/11/2026"
    ws["G5"], ws["H5"] = 17.2, 106.5
    book.save(path)
    done = import_workbook(path, unit_code="MN01", today=dt.date(2026, 11, 23))
    assert (done.result.errors, done.result.created, done.result.skipped) == ([], 1, 1)
    rnd = next(r for r in measurements.list_rounds() if r.name == "Cân đo giữa kỳ")
    assert rnd.measured == 1


def test_attendance_month_shades_and_locks_days_off(la1, tmp_path):
    sheet = ATTENDANCE_SPEC.sheets[0]
    attendance.set_day_off(dt.date(2027, 2, 10), "Tết Nguyên đán")
    path = templates.write_attendance(tmp_path / "dd.xlsx", "Lá 1", 2027, 2, exported_at=STAMP)
    ws = openpyxl.load_workbook(path)[sheet.name]
    assert ws["A3"].value == "Lớp Lá 1 — Tháng 02/2027"
    assert [r[1] for r in data(path, sheet)] == ["Nguyễn Thị An", "Trần Văn Bình"]
    row = sheet.first_data_row + 1
    locked = {day for day in range(1, 32) if ws.cell(row=row, column=3 + day).protection.locked}
    weekends = {6, 7, 13, 14, 20, 21, 27, 28}  # February 2027 starts on a Monday
    assert locked == weekends | {10} | {29, 30, 31}
    assert ws.cell(row=row, column=3 + 29).fill.fgColor.rgb.endswith("D9D9D9")
    assert ws.cell(row=row, column=3 + 1).fill.fgColor.rgb.endswith("FFFFFF")
    meta = meta_of(path)
    assert (meta["period"], meta["class_name"]) == ("2027-02", "Lá 1")


def test_menus_of_a_month_list_dishes_and_their_foods(db, tmp_path):
    from mamnon.services import demo

    demo.build_demo(children=40, seed=2, today=dt.date(2026, 11, 23))
    path = templates.write_menus(tmp_path / "td.xlsx", 2026, 11, exported_at=STAMP)
    days = menus.list_menu_days(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    served, dishes = MENUS_SPEC.sheets
    rows = data(path, served)
    assert len(rows) == sum(len(d.items) for d in days) > 0
    first = days[0]
    assert rows[0][:4] == (dt.datetime.combine(first.date, dt.time()), "Mẫu giáo" if first.stage == "mau_giao"
                           else "Nhà trẻ", first.items[0].meal_label, first.items[0].dish_name)
    foods = data(path, dishes)
    dish = menus.get_dish(first.items[0].dish_id)
    mine = [r for r in foods if r[0] == dish.name]
    assert {r[1] for r in mine} == {i.food_code for i in dish.ingredients}
    for ing in dish.ingredients:
        row = next(r for r in mine if r[1] == ing.food_code)
        assert row[3 if ing.stage == "nha_tre" else 4] == pytest.approx(ing.grams)
    assert meta_of(path)["period"] == "2026-11"
    assert {r[0] for r in foods} == {i.dish_name for d in days for i in d.items}
