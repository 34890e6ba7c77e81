"""The monthly parent slip (phiếu liên lạc): one A4 portrait page per child of a class.

Each page carries the month's attendance, the latest measurement with its
status, the weight-for-age chart, the teacher's comment (or a blank box to
write by hand) and the signatures. The chart is growth_chart's own chart: its
WHO lines come from the same hidden curve sheet, and the child's points from a
hidden data sheet, so the slip and the growth chart printout never disagree.
"""

from __future__ import annotations

# i18n-data: the parent slip is printed for parents, Vietnamese in every language
import calendar
import dataclasses
import datetime as dt
import os
from pathlib import Path

from exporters import growth_chart as gc
from exporters.meal_forms import _formats, _heading, _place_date, _signatures
from exporters.paper_stamp import stamp_paper_code
from exporters.xlsx import atomic_workbook, check_target, column_pixels, header_text, setup_a4_page, sheet_name
from mamnon import growth
from mamnon.errors import MamnonError
from mamnon.formats import format_date
from mamnon.i18n import _
from mamnon.services import attendance, notices
from mamnon.services.children import get_child
from mamnon.services.measurements import MeasurementRow, child_history
from mamnon.services.school import school_info

DATA_SHEET = "Số đo"
WIDTHS = (12, 11, 11, 11, 11, 11, 11, 12)
LAST_COL = len(WIDTHS) - 1
CHART_ROWS = 16
CHART_HEIGHT_PX = CHART_ROWS * gc.ROW_PX - 6
COMMENT_ROWS = 4


def write_parent_slips(path: str | os.PathLike, class_id: int, year: int, month: int,
                       comments: dict[int, str] | None = None) -> Path:
    """Write one slip page per child who was in the class during the month; returns the path."""
    check_target(path)
    grid = attendance.month_grid(class_id, year, month)
    if not grid.rows:
        raise MamnonError(_("Lớp {name} không có trẻ nào trong tháng {month}.").format(
            name=grid.class_name, month=f"{month:02d}/{year}"))
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    school = school_info()
    pages = [_chart_page(row.child_id, end) for row in grid.rows]
    months = list(range(0, max(p.x_max for p in pages) + 1))
    ages_days = [m * growth.DAYS_PER_MONTH for m in months]
    curves = {(sex, "wfa", z): growth.curve("wfa", sex, z, ages_days)
              for sex in gc.SEX_ORDER for z in growth.CHART_Z}

    with atomic_workbook(path) as wb:
        wb.set_properties({"title": f"Phiếu liên lạc tháng {month:02d}/{year}", "author": school.name,
                           "company": school.name})
        f = _formats(wb)
        f.update(_slip_formats(wb))
        chart_f = gc._formats(wb)
        used = {gc.CURVE_SHEET.casefold(), DATA_SHEET.casefold()}
        slips = [(wb.add_worksheet(sheet_name(f"{row.code} {row.full_name}", used)), row, page)
                 for row, page in zip(grid.rows, pages, strict=True)]
        data = wb.add_worksheet(DATA_SHEET)
        first = 1
        for number, (ws, row, page) in enumerate(slips, start=1):
            _write_points(data, page, first)
            chart = gc._chart(wb, page, "wfa", curves, first, len(page.points), DATA_SHEET)
            slip = _Slip(ws, f, school, grid, row, page, chart, (comments or {}).get(row.child_id, ""))
            slip.write(number, len(slips), end)
            first += len(page.points) + 1
        data.hide()
        gc._write_curve_sheet(wb, chart_f, months, curves)
        stamp_paper_code(wb, school.code, f"{year}-{month:02d}")
    return Path(path)


def _chart_page(child_id: int, end: dt.date):
    """growth_chart's page of the child, cut at the end of the month."""
    page = gc._page(child_id, end)
    points = tuple(p for p in page.points if p.measured_on <= end)
    last = points[-1].age_months if points else growth.age_in_days(page.birth_date, end) / growth.DAYS_PER_MONTH
    return dataclasses.replace(page, points=points, x_max=gc.x_axis_months(max(0.0, last)))


def _write_points(ws, page, first: int) -> None:
    for i, p in enumerate(page.points):
        ws.write_number(first + i, gc.COL_AGE, p.age_months)
        if p.weight_kg is not None:
            ws.write_number(first + i, gc.COL_WEIGHT, p.weight_kg)


def _slip_formats(wb) -> dict:
    base = {"font_name": gc.FONT, "font_size": 11, "valign": "vcenter"}
    return {
        "section": wb.add_format({**base, "bold": True, "font_size": 12}),
        "big": wb.add_format({**base, "bold": True, "font_size": 12, "align": "center", "border": 1}),
        "box": wb.add_format({**base, "text_wrap": True, "valign": "top", "border": 1}),
        "date_cell": wb.add_format({**base, "align": "center", "border": 1, "font_size": 10}),
        "empty": wb.add_format({**base, "italic": True, "align": "center", "border": 1, "font_size": 10}),
    }


@dataclasses.dataclass
class _Slip:
    ws: object
    f: dict
    school: object
    grid: attendance.MonthGrid
    row: attendance.GridRow
    page: object
    chart: object
    comment: str

    def write(self, number: int, total: int, end: dt.date) -> None:
        ws = self.ws
        for col, width in enumerate(WIDTHS):
            ws.set_column(col, col, width)
        r = self._title()
        r = self._attendance(r + 1)
        r = self._measurement(r + 1, end)
        r = self._growth(r + 1)
        r = self._comment(r + 1)
        last = _signatures(ws, self.f, r + 1, [(0, 3, "PHỤ HUYNH"), (4, LAST_COL, "GIÁO VIÊN")],
                           _place_date(self.school, end))
        setup_a4_page(ws, header=header_text(left=self.school.name, right=f"Lớp {self.grid.class_name}"),
                      footer=header_text(center=f"Trang {number}/{total}",
                                         right=f"{self.row.code} – {self.row.full_name}"),
                      print_area=(0, 0, last, LAST_COL))
        ws.fit_to_pages(1, 1)
        ws.hide_gridlines(2)

    def _title(self) -> int:
        ws, f, g = self.ws, self.f, self.grid
        r = _heading(ws, f, self.school, LAST_COL, national=False)
        ws.set_row(r, 24)
        ws.merge_range(r, 0, r, LAST_COL, "PHIẾU LIÊN LẠC", f["title"])
        ws.merge_range(r + 1, 0, r + 1, LAST_COL, f"Tháng {g.month:02d}/{g.year}", f["subtitle"])
        child = get_child(self.row.child_id).row
        self._pair(r + 3, "Họ và tên trẻ: ", child.full_name, "Mã trẻ: ", child.code)
        self._pair(r + 4, "Lớp: ", g.class_name, "Ngày sinh: ", format_date(child.birth_date))
        return r + 5

    def _pair(self, r: int, label_a: str, value_a: str, label_b: str, value_b: str) -> None:
        ws, f = self.ws, self.f
        for (a, b), label, value in (((0, 4), label_a, value_a), ((5, LAST_COL), label_b, value_b)):
            ws.merge_range(r, a, r, b, "", f["text"])
            ws.write_rich_string(r, a, f["text"], label, f["bold"], value or "—", f["text"])

    def _table(self, r: int, spans: list[tuple[int, int, str]], key: str = "header") -> None:
        for a, b, text in spans:
            if a == b:
                self.ws.write_string(r, a, text, self.f[key])
            else:
                self.ws.merge_range(r, a, r, b, text, self.f[key])

    def _attendance(self, r: int) -> int:
        ws, f, row = self.ws, self.f, self.row
        ws.write_string(r, 0, "1. Chuyên cần", f["section"])
        school_days = sum(1 for d, inside in zip(self.grid.days, row.in_class, strict=True)
                          if inside and d.is_school_day)
        heads = ("Ngày học trong tháng", "Có mặt", "Nghỉ có phép (P)", "Nghỉ không phép (K)")
        ws.set_row(r + 1, 30)
        self._table(r + 1, [(2 * i, 2 * i + 1, text) for i, text in enumerate(heads)])
        for i, value in enumerate((school_days, row.present, row.leave, row.absent)):
            ws.merge_range(r + 2, 2 * i, r + 2, 2 * i + 1, value, f["big"])
        return r + 3

    def _measurement(self, r: int, end: dt.date) -> int:
        ws, f = self.ws, self.f
        ws.write_string(r, 0, "2. Cân đo gần nhất", f["section"])
        spans = [(0, 1, "Ngày cân đo"), (2, 2, "Cân nặng (kg)"), (3, 3, "Chiều cao (cm)"),
                 (4, LAST_COL, "Tình trạng dinh dưỡng")]
        ws.set_row(r + 1, 30)
        self._table(r + 1, spans)
        latest = _latest(self.row.child_id, end)
        if latest is None:
            ws.merge_range(r + 2, 0, r + 2, LAST_COL, "Chưa có số đo nào.", f["empty"])
            return r + 3
        ws.merge_range(r + 2, 0, r + 2, 1, format_date(latest.measured_on), f["date_cell"])
        for col, value in ((2, latest.weight_kg), (3, latest.height_cm)):
            if value is None:
                ws.write_blank(r + 2, col, None, f["one"])
            else:
                ws.write_number(r + 2, col, value, f["one"])
        ws.merge_range(r + 2, 4, r + 2, LAST_COL, notices.measurement_status(latest), f["cell"])
        return r + 3

    def _growth(self, r: int) -> int:
        ws = self.ws
        ws.write_string(r, 0, "3. Biểu đồ cân nặng theo tuổi (chuẩn WHO)", self.f["section"])
        width_px = sum(column_pixels(w) for w in WIDTHS)
        self.chart.set_size({"width": width_px - 4, "height": CHART_HEIGHT_PX})
        self.chart.set_title({"name": f"Cân nặng theo tuổi ({gc.SEX_CHART.get(self.page.sex, '')})",
                              "name_font": {"name": gc.FONT, "size": 11, "bold": True}, "overlay": False})
        ws.insert_chart(r + 1, 0, self.chart, {"object_position": 3, "x_offset": 2, "y_offset": 2})
        for k in range(CHART_ROWS):
            ws.set_row(r + 1 + k, gc.ROW_PX * 0.75)  # points: the chart covers exactly these rows
        return r + 1 + CHART_ROWS

    def _comment(self, r: int) -> int:
        ws, f = self.ws, self.f
        ws.write_string(r, 0, "4. Nhận xét của giáo viên", f["section"])
        for k in range(COMMENT_ROWS):
            ws.set_row(r + 1 + k, 22)
        ws.merge_range(r + 1, 0, r + COMMENT_ROWS, LAST_COL, self.comment, f["box"])
        return r + COMMENT_ROWS + 1


def _latest(child_id: int, end: dt.date) -> MeasurementRow | None:
    done = [m for _round, m in child_history(child_id) if m.measured_on <= end]
    return done[-1] if done else None

