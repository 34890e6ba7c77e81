"""The growth-chart workbook, read back with openpyxl and compared with the database and mamnon.growth."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from exporters import growth_chart as gc
from exporters import xlsx
from mamnon import growth
from mamnon.errors import MamnonError
from mamnon.services import classes, demo, school
from mamnon.services import measurements as ms
from mamnon.services.children import get_child, list_children
from tests.conftest import add_child

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2027, 4, 1)
LONG_NAME = "Nguyễn Hoàng Phương Thảo Ngọc Bích Anh"


@pytest.fixture
def small_school(school_db):
    """Four children: measured three times, weight only once, a toddler measured lying, never measured."""
    la, nt, mam = school_db["Lá 1"], school_db["Nhà trẻ A"], school_db["Mầm 1"]
    big = add_child(la, LONG_NAME, "10/01/2021")
    boy = add_child(la, "Trần Văn Bình", "03/02/2021", sex="M")
    baby = add_child(nt, "Lê Thị Bé", "10/12/2024")
    never = add_child(mam, "Phạm Văn Cường", "07/07/2023", sex="M")
    rounds = [ms.create_round(day, today=TODAY).id
              for day in (dt.date(2026, 9, 15), dt.date(2026, 12, 15), dt.date(2027, 3, 15))]
    for rid, (w, h) in zip(rounds, (("17,5", "108"), ("18", "109,6"), ("18,3", "111"))):
        ms.save_entry(big.id, rid, w, h, confirm=True, today=TODAY)
    ms.save_entry(boy.id, rounds[0], "19,2", None, confirm=True, today=TODAY)
    ms.save_entry(boy.id, rounds[1], "19,6", "112,4", confirm=True, today=TODAY)
    ms.save_entry(baby.id, rounds[0], "9,8", "80", confirm=True, today=TODAY)
    ms.save_entry(baby.id, rounds[2], "11,1", "84,5", lying=False, confirm=True, today=TODAY)
    return {"big": big.id, "boy": boy.id, "baby": baby.id, "never": never.id}


@pytest.fixture
def demo_school(db):
    demo.build_demo(children=40, seed=1, today=TODAY)
    return demo


def export(tmp_path, ids, name="bieu-do.xlsx", **kw):
    path = tmp_path / name
    assert gc.write_growth_charts(path, ids, today=TODAY, **kw) == path
    return path


def visible(wb):
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


def cell_texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def table_rows(ws) -> list[tuple]:
    """The measurement rows under the table header (until the first empty row)."""
    header = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Ngày đo")
    rows = []
    r = header + 1
    while isinstance(ws.cell(r, 1).value, dt.datetime):
        rows.append(tuple(ws.cell(r, c).value for c in range(1, 9)))
        r += 1
    return rows


def assert_page_matches_database(ws, child_id: int) -> None:
    child = get_child(child_id).row
    texts = " | ".join(cell_texts(ws))
    assert child.full_name in texts and child.code in texts
    assert f"Ngày sinh: {child.birth_date:%d/%m/%Y}" in texts
    assert f"Giới: {child.sex_label}" in texts and f"Lớp: {child.class_name}" in texts
    history = [m for _, m in ms.child_history(child_id)]
    rows = table_rows(ws)
    assert len(rows) == len(history)
    for row, m in zip(rows, history):
        date, age, weight, height, wfa, wfa_label, hfa, hfa_label = row
        assert date.date() == m.measured_on
        assert age == pytest.approx((m.measured_on - child.birth_date).days / 30.4375, abs=1e-12)
        assert (weight, height) == (m.weight_kg, m.height_cm)
        assert (wfa, hfa) == (m.wfa, m.hfa)
        z = growth.zscores(child.sex, child.birth_date, m.measured_on, weight_kg=m.weight_kg,
                           height_cm=m.height_cm, lying=m.lying)
        assert (wfa, hfa) == (z.wfa, z.hfa)
        c = growth.classify(z)
        for label, cat, ind in ((wfa_label, c.wfa, "wfa"), (hfa_label, c.hfa, "hfa")):
            if ind in z.flags:
                assert label == gc.FLAGGED_LABEL
            else:
                assert (label or None) == (cat.label if cat else None)


# ---------------------------------------------------------------- pages and values


def test_one_visible_page_per_child_with_the_measurements_of_the_database(small_school, tmp_path):
    ids = [small_school[k] for k in ("big", "boy", "baby", "never")]
    wb = openpyxl.load_workbook(export(tmp_path, ids))
    pages = visible(wb)
    assert len(pages) == 4
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible"] * 4 + ["hidden"]
    assert wb.worksheets[-1].title == gc.CURVE_SHEET
    names = [ws.title for ws in wb.worksheets]
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert pages[0].title == f"{get_child(ids[0]).row.code} {LONG_NAME}"[:31].rstrip()
    for ws, cid in zip(pages, ids):
        assert_page_matches_database(ws, cid)
    boy_rows = table_rows(pages[1])
    assert boy_rows[0][3] is None and boy_rows[0][6] is None and boy_rows[0][7] is None  # weight only
    assert "Chưa có số đo nào." in cell_texts(pages[3])


def test_demo_class_pages_equal_child_history_and_growth(demo_school, tmp_path):
    rows = {c.name: c for c in classes.list_classes()}
    ids = [c.id for name in ("Nhà trẻ 13–24 tháng A", "Lá 1") for c in list_children(class_id=rows[name].id)]
    assert len(ids) > 5
    wb = openpyxl.load_workbook(export(tmp_path, ids + ids[:2]))  # duplicates: once
    pages = visible(wb)
    assert len(pages) == len(ids)
    for ws, cid in zip(pages, ids):
        assert_page_matches_database(ws, cid)


def test_the_hidden_sheet_holds_growth_curve_for_each_sex_and_z(small_school, tmp_path):
    wb = openpyxl.load_workbook(export(tmp_path, list(small_school.values())))
    ws = wb[gc.CURVE_SHEET]
    assert ws.sheet_state == "hidden"
    months = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert months == list(range(len(months))) and months[-1] == 84  # the oldest child's axis: 0–84 months
    for sex in ("M", "F"):
        for ind in ("wfa", "hfa"):
            for z in growth.CHART_Z:
                col = gc.curve_column(sex, ind, z) + 1
                header = ws.cell(1, col).value
                assert ("Nam" if sex == "M" else "Nữ") in header and gc.CHART_STYLE[z][0] in header
                for m in (0, 1, 6, 23, 24, 59, 60, 61, 72):
                    expected = growth.curve(ind, sex, z, [m * 30.4375])[0]
                    assert ws.cell(2 + m, col).value == pytest.approx(expected, rel=1e-12)
    # the median at birth is WHO's M (girls 3.2322 kg, 49.1477 cm)
    assert ws.cell(2, gc.curve_column("F", "wfa", 0) + 1).value == pytest.approx(3.2322)
    assert ws.cell(2, gc.curve_column("F", "hfa", 0) + 1).value == pytest.approx(49.1477)


# ---------------------------------------------------------------- charts


def test_two_scatter_charts_per_page_with_the_who_lines_and_the_child(small_school, tmp_path):
    ids = list(small_school.values())
    path = export(tmp_path, ids)
    wb = openpyxl.load_workbook(path)
    for ws, cid in zip(visible(wb), ids):
        child = get_child(cid).row
        n = len(ms.child_history(cid))
        charts = ws._charts
        assert [type(c).__name__ for c in charts] == ["ScatterChart", "ScatterChart"]
        for chart, ind, col in zip(charts, ("wfa", "hfa"), ("C", "D")):
            series = chart.series
            assert len(series) == (6 if n else 5)
            for s, z in zip(series, growth.CHART_Z):
                name, colour, dash, _ = gc.CHART_STYLE[z]
                assert s.tx.v == name
                assert s.spPr.ln.prstDash == dash and s.spPr.ln.solidFill.srgbClr == colour[1:]
                letter = openpyxl.utils.get_column_letter(gc.curve_column(child.sex, ind, z) + 1)
                assert s.yVal.numRef.f == f"'{gc.CURVE_SHEET}'!${letter}$2:${letter}${chart.x_axis.scaling.max + 2:.0f}"
                assert s.xVal.numRef.f.startswith(f"'{gc.CURVE_SHEET}'!$A$2:")
            if n:
                mine = series[5]
                assert mine.marker.symbol == "circle"
                assert re.fullmatch(rf"'{re.escape(ws.title)}'!\$B\$(\d+):\$B\$(\d+)", mine.xVal.numRef.f)
                first, last = map(int, re.findall(r"\d+", mine.yVal.numRef.f.split("!")[1]))
                assert mine.yVal.numRef.f.split("!")[1] == f"${col}${first}:${col}${last}"
                assert last - first + 1 == n and ws.cell(first - 1, 1).value == "Ngày đo"
            assert chart.x_axis.title is not None and chart.y_axis.title is not None
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        assert len(charts) == 2 * len(ids)
        counts = sorted(z.read(n).decode().count("<c:ser>") for n in charts)
        assert counts == [5, 5] + [6] * (2 * len(ids) - 2)  # the child never measured: WHO lines only
        assert all("Tuổi (tháng)" in z.read(n).decode() for n in charts)


def test_axes_run_from_birth_to_a_whole_year_and_cover_the_lines_and_points(small_school, tmp_path):
    ids = [small_school[k] for k in ("big", "baby", "never")]
    wb = openpyxl.load_workbook(export(tmp_path, ids))
    curves = wb[gc.CURVE_SHEET]
    # last measured at 74 months (+6 = 80 -> 84), at 27 months (-> 36); never measured, 44 months old today
    for ws, cid, x_max in zip(visible(wb), ids, (84, 36, 60)):
        child = get_child(cid).row
        history = [m for _, m in ms.child_history(cid)]
        if history:
            last = (history[-1].measured_on - child.birth_date).days / 30.4375
        else:
            last = (TODAY - child.birth_date).days / 30.4375
        expected_x = gc.x_axis_months(last)
        assert expected_x == x_max
        for chart, ind in zip(ws._charts, ("wfa", "hfa")):
            assert (chart.x_axis.scaling.min, chart.x_axis.scaling.max) == (0, expected_x)
            lo, hi = chart.y_axis.scaling.min, chart.y_axis.scaling.max
            low_col = gc.curve_column(child.sex, ind, -3) + 1
            high_col = gc.curve_column(child.sex, ind, 3) + 1
            lows = [curves.cell(2 + m, low_col).value for m in range(expected_x + 1)]
            highs = [curves.cell(2 + m, high_col).value for m in range(expected_x + 1)]
            points = [m.weight_kg if ind == "wfa" else m.height_cm for m in history]
            points = [p for p in points if p is not None]
            assert lo <= min(lows + points) and hi >= max(highs + points)
            step = chart.y_axis.majorUnit
            assert lo > min(lows + points) - step and hi < max(highs + points) + step
    assert [gc.x_axis_months(v) for v in (None, 0, 10, 18.0, 18.1, 50, 66, 66.5)] == [24, 24, 24, 24, 36, 60,
                                                                                      72, 84]


# ---------------------------------------------------------------- printing


def test_every_page_is_one_a4_portrait_page_with_header_and_footer(small_school, tmp_path):
    ids = list(small_school.values())
    wb = openpyxl.load_workbook(export(tmp_path, ids, title_unit="Lớp Lá 1"))
    pages = visible(wb)
    for number, ws in enumerate(pages, start=1):
        assert int(ws.page_setup.paperSize) == 9
        assert ws.page_setup.orientation == "portrait"
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight in (None, 1)
        assert re.fullmatch(rf"'{re.escape(ws.title)}'!\$A\$1:\$H\$\d+", ws.print_area)
        last_row = int(ws.print_area.rsplit("$", 1)[1])
        assert last_row >= max(a._from.row for a in (c.anchor for c in ws._charts)) + 1
        assert ws.oddHeader.left.text == school.school_info().name
        assert ws.oddHeader.right.text == "Lớp Lá 1"
        assert ws.oddFooter.center.text == f"Trang {number}/{len(pages)}"
        assert ws.oddFooter.left.text == "In ngày 01/04/2027"
        assert ws.page_margins.left == pytest.approx(1.5 / 2.54)
        assert ws.sheet_view.showGridLines is False


def test_header_text_escapes_ampersands_and_stays_under_255():
    text = xlsx.header_text(left="Sở GD&ĐT", right="x" * 400)
    assert "Sở GD&&ĐT" in text and len(text) <= 255


def test_sheet_names_are_valid_unique_and_short():
    used: set[str] = set()
    names = [xlsx.sheet_name(t, used) for t in (
        "HS00001 " + LONG_NAME, "HS00001 " + LONG_NAME, "hs00001 " + LONG_NAME.upper(),
        "a/b:c*d?e[f]g\\h", "'quoted'", "", "History", "x" * 40)]
    assert all(0 < len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names}) == len(names)
    assert names[1].endswith(" (2)") and names[2].endswith(" (3)")
    assert names[3] == "a b c d e f g h" and names[4] == "quoted" and names[5] == "Trang"
    assert names[6] != "History"
    # NFD input (two code points per letter) is composed first
    import unicodedata
    assert xlsx.sheet_name(unicodedata.normalize("NFD", "Nguyễn"), set()) == "Nguyễn"


def test_nothing_to_export_is_an_error(small_school, tmp_path):
    with pytest.raises(MamnonError, match="Không có trẻ"):
        gc.write_growth_charts(tmp_path / "x.xlsx", [])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, message", [("x.xls", "đuôi .xlsx"), ("thiếu/x.xlsx", "Không có thư mục")])
def test_a_bad_target_is_refused_before_any_work(small_school, tmp_path, name, message):
    with pytest.raises(xlsx.ExportError, match=message):
        gc.write_growth_charts(tmp_path / name, list(small_school.values()))
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- writing safely


def test_an_existing_file_is_replaced_and_no_temp_file_is_left(small_school, tmp_path):
    target = tmp_path / "bieu-do.xlsx"
    target.write_bytes(b"old contents")
    os.chmod(target, 0o640)
    export(tmp_path, [small_school["big"]])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bieu-do.xlsx"]
    assert len(visible(openpyxl.load_workbook(target))) == 1
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o640  # the replaced file's permissions are kept


def test_a_new_file_gets_the_usual_permissions_not_the_temp_files(small_school, tmp_path):
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    umask = os.umask(0o022)
    try:
        path = export(tmp_path, [small_school["big"]])
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def _boom(*args, **kwargs):
    raise RuntimeError("boom")


@pytest.mark.parametrize("where", ["while writing pages", "while xlsxwriter saves", "on the rename"])
def test_a_failure_mid_write_keeps_the_previous_file_and_leaves_no_temp_file(small_school, tmp_path,
                                                                             monkeypatch, where):
    ids = list(small_school.values())
    target = export(tmp_path, ids)
    before = target.read_bytes()
    if where == "while writing pages":
        monkeypatch.setattr(gc, "_write_curve_sheet", _boom)
        expected = pytest.raises(RuntimeError, match="boom")
    elif where == "while xlsxwriter saves":
        monkeypatch.setattr(xlsx.Workbook, "_store_workbook", _boom)
        expected = pytest.raises(RuntimeError, match="boom")
    else:
        def refuse(*args):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(xlsx.os, "replace", refuse)
        expected = pytest.raises(xlsx.ExportError, match="đang mở trong Excel")
    with expected:
        gc.write_growth_charts(target, ids[:1], today=TODAY)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bieu-do.xlsx"]


def test_only_exporters_xlsx_imports_xlsxwriter():
    pattern = re.compile(r"^\s*(import xlsxwriter|from xlsxwriter)", re.M)
    found = sorted(str(p.relative_to(ROOT)) for folder in ("mamnon", "cli", "tui", "importers", "exporters")
                   if (ROOT / folder).is_dir()
                   for p in (ROOT / folder).rglob("*.py") if pattern.search(p.read_text(encoding="utf-8")))
    assert found == ["exporters/xlsx.py"]


# ---------------------------------------------------------------- rendering (LibreOffice, optional)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_one_a4_page_per_child(small_school, tmp_path):
    ids = list(small_school.values())
    path = export(tmp_path, ids)
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(path)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "bieu-do.pdf"
    assert pdf.exists(), proc.stderr
    data = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == len(ids)  # the hidden sheet prints nothing
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data))
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}  # A4 portrait, in points
