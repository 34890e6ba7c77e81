"""The monthly parent slip: one page per child, the register's numbers, measurement, status and chart."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

from exporters.parent_slip import DATA_SHEET, write_parent_slips
from mamnon.services import attendance, demo, notices, session
from mamnon.services.classes import list_classes
from mamnon.services.measurements import child_history

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def slips(tmp_path_factory):
    session.open_memory()
    demo.build_demo(children=40, seed=1, today=TODAY)
    class_id = next(c.id for c in list_classes() if c.name == "Lá 1")
    grid = attendance.month_grid(class_id, 2026, 11)
    path = tmp_path_factory.mktemp("slips") / "phieu.xlsx"
    write_parent_slips(path, class_id, 2026, 11, comments={grid.rows[0].child_id: "Bé ngoan, ăn hết suất."})
    yield path, grid
    session.close()


def _texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def test_one_visible_page_per_child(slips):
    path, grid = slips
    book = openpyxl.load_workbook(path)
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    assert len(visible) == len(grid.rows) > 0
    for ws, row in zip(visible, grid.rows, strict=True):
        assert f"Họ và tên trẻ: {row.full_name}" in _texts(ws)
        assert ws.page_setup.orientation in (None, "portrait")
        assert ws.page_setup.paperSize in (9, "9")
    assert book[DATA_SHEET].sheet_state == "hidden"


def _value_below(ws, label: str):
    for row in ws.iter_rows():
        for c in row:
            if c.value == label:
                return ws.cell(c.row + 1, c.column).value
    raise AssertionError(label)


def test_attendance_equals_the_register(slips):
    path, grid = slips
    book = openpyxl.load_workbook(path)
    for ws, row in zip(book.worksheets, grid.rows, strict=False):
        assert _value_below(ws, "Có mặt") == row.present
        assert _value_below(ws, "Nghỉ có phép (P)") == row.leave
        assert _value_below(ws, "Nghỉ không phép (K)") == row.absent


def test_latest_measurement_and_status(slips):
    path, grid = slips
    book = openpyxl.load_workbook(path)
    checked = 0
    for ws, row in zip(book.worksheets, grid.rows, strict=False):
        done = [m for _, m in child_history(row.child_id) if m.measured_on <= dt.date(2026, 11, 30)]
        if not done:
            assert "Chưa có số đo nào." in _texts(ws)
            continue
        latest = done[-1]
        assert _value_below(ws, "Ngày cân đo") == latest.measured_on.strftime("%d/%m/%Y")
        assert _value_below(ws, "Cân nặng (kg)") == pytest.approx(latest.weight_kg)
        assert _value_below(ws, "Chiều cao (cm)") == pytest.approx(latest.height_cm)
        assert _value_below(ws, "Tình trạng dinh dưỡng") == notices.measurement_status(latest)
        checked += 1
    assert checked > 0


def test_comment_given_or_blank_box(slips):
    path, grid = slips
    book = openpyxl.load_workbook(path)
    assert "Bé ngoan, ăn hết suất." in _texts(book.worksheets[0])
    assert "Bé ngoan, ăn hết suất." not in _texts(book.worksheets[1])
    for ws in book.worksheets[:2]:
        assert {"PHỤ HUYNH", "GIÁO VIÊN", "4. Nhận xét của giáo viên"} <= set(_texts(ws))


def test_a_weight_chart_on_every_page(slips):
    path, grid = slips
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == len(grid.rows)
        xml = z.read(charts[0]).decode()
    assert "Cân nặng theo tuổi" in xml
    assert DATA_SHEET in xml  # the child's points
