"""Growth charts (biểu đồ tăng trưởng) of children as one Excel workbook, one A4 page per child.

Each child has a visible sheet, printed as ONE A4 portrait page: the child
(name, code, date of birth, sex, class), a table of every measurement (date,
age in months, weight, height, weight-for-age and height-for-age z-scores and
categories, as stored in the database) and two Excel scatter charts,
weight-for-age (kg) and height-for-age (cm) against age in months, each with
the WHO −3, −2, 0 (median), +2, +3 lines (−3/+3 dashed red, −2/+2 orange,
0 green) and the child's measurements as markers.

The WHO lines are computed by `mamnon.growth.curve` at every whole month
(age in days = months × 30.4375, as WHO Anthro counts) and written once per
sex on the hidden sheet «Chuẩn WHO»; the charts refer to it.

Age range (x axis): from birth to the smallest whole year that is at least
24 months and at least 6 months beyond the child's last measurement (or its
age on `today` when it has none), e.g. 0–24 months for a baby, 0–60 months for
a child last measured at 50 months. A baby's curve is then readable, and
children of one class get the same axis. The y axis runs from the −3 line (or
the child's lowest value) to the +3 line (or the child's highest value),
rounded outwards to the gridline step.

The child's points are the table's cells (age, weight, height), so the chart
always shows what the table says; heights are plotted as entered (without the
±0.7 cm lying/standing correction the z-scores use).
"""

from __future__ import annotations

# i18n-data: the printed growth charts are forms for the school and parents, Vietnamese in every language
import datetime as dt
import math
import os
from dataclasses import dataclass
from pathlib import Path

from exporters.paper_stamp import stamp_paper_code
from exporters.xlsx import (FONT, atomic_workbook, check_target, column_pixels, header_text, setup_a4_page,
                            sheet_name)
from mamnon import growth
from mamnon.errors import MamnonError
from mamnon.formats import format_date
from mamnon.i18n import _

__all__ = ["CURVE_SHEET", "CHART_STYLE", "INDICATOR_AXIS", "curve_column", "write_growth_charts",
           "x_axis_months"]

CURVE_SHEET = "Chuẩn WHO"
CHART_INDICATORS = ("wfa", "hfa")
INDICATOR_AXIS = {
    "wfa": ("Cân nặng theo tuổi", "Cân nặng (kg)", "kg"),
    "hfa": ("Chiều cao theo tuổi", "Chiều cao (cm)", "cm"),
}
SEX_ORDER = ("M", "F")
SEX_LABEL = {"M": "Nam", "F": "Nữ"}
SEX_CHART = {"M": "trẻ trai", "F": "trẻ gái"}

# z -> (legend name, colour, dash, width)
CHART_STYLE = {
    -3: ("−3 SD", "#C00000", "dash", 1.25),
    -2: ("−2 SD", "#ED7D31", "solid", 1.25),
    0: ("0 (trung vị)", "#00B050", "solid", 1.75),
    2: ("+2 SD", "#ED7D31", "solid", 1.25),
    3: ("+3 SD", "#C00000", "dash", 1.25),
}
CHILD_COLOUR = "#1F4E79"

MIN_MONTHS = 24
MONTHS_BEYOND = 6

# The page: 8 columns (width in characters), about 18 cm wide.
COLUMNS = (
    ("Ngày đo", 11),
    ("Tuổi (tháng)", 8),
    ("Cân nặng (kg)", 9),
    ("Chiều cao (cm)", 9),
    ("CN/T (z)", 7),
    ("Cân nặng theo tuổi", 20),
    ("CC/T (z)", 7),
    ("Chiều cao theo tuổi", 20),
)
COL_DATE, COL_AGE, COL_WEIGHT, COL_HEIGHT, COL_WFA, COL_WFA_CAT, COL_HFA, COL_HFA_CAT = range(8)
LAST_COL = len(COLUMNS) - 1
TABLE_HEADER_ROW = 6
ROW_PX = 20
CHART_HEIGHT_PX = 390
FLAGGED_LABEL = "Cần kiểm tra (ngoài giới hạn WHO)"


def curve_column(sex: str, indicator: str, z: int) -> int:
    """Column of a WHO line on the hidden sheet (column 0 holds the months)."""
    return 1 + (SEX_ORDER.index(sex) * len(CHART_INDICATORS) + CHART_INDICATORS.index(indicator)) \
        * len(growth.CHART_Z) + growth.CHART_Z.index(z)


def x_axis_months(last_age_months: float | None) -> int:
    """The x axis ends at the smallest whole year ≥ 24 months and ≥ last age + 6 months."""
    need = MIN_MONTHS if last_age_months is None else max(MIN_MONTHS, last_age_months + MONTHS_BEYOND)
    return int(math.ceil(need / 12.0)) * 12


@dataclass(frozen=True)
class _Point:
    measured_on: dt.date
    age_months: float
    weight_kg: float | None
    height_cm: float | None
    wfa: float | None
    wfa_label: str
    hfa: float | None
    hfa_label: str


@dataclass(frozen=True)
class _Page:
    child_id: int
    code: str
    full_name: str
    birth_date: dt.date
    sex: str
    class_name: str
    left_on: dt.date | None
    points: tuple[_Point, ...]
    x_max: int


def _category(label: str, z: float | None, flagged: bool) -> str:
    if flagged:
        return FLAGGED_LABEL
    return label if z is not None else ""


def _page(child_id: int, today: dt.date) -> _Page:
    from mamnon.services.children import get_child
    from mamnon.services.measurements import child_history

    row = get_child(child_id).row
    points = []
    for _round, m in child_history(child_id):
        months = growth.age_in_days(row.birth_date, m.measured_on) / growth.DAYS_PER_MONTH
        points.append(_Point(
            m.measured_on, months, m.weight_kg, m.height_cm,
            m.wfa, _category(m.wfa_label, m.wfa, "wfa" in m.flags),
            m.hfa, _category(m.hfa_label, m.hfa, "hfa" in m.flags),
        ))
    if points:
        last = points[-1].age_months
    else:
        until = min(today, row.left_on) if row.left_on else today
        last = max(0.0, growth.age_in_days(row.birth_date, until) / growth.DAYS_PER_MONTH)
    return _Page(child_id, row.code, row.full_name, row.birth_date, row.sex, row.class_name, row.left_on,
                 tuple(points), x_axis_months(last))


def _nice_range(values: list[float], step: float) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step


def _y_step(indicator: str, span: float) -> float:
    if indicator == "wfa":
        return 2.0 if span <= 24 else 5.0
    return 5.0 if span <= 50 else 10.0


def _x_step(x_max: int) -> int:
    return 3 if x_max <= 24 else 6 if x_max <= 48 else 12


def write_growth_charts(path: str | os.PathLike, child_ids, *, title_unit: str | None = None,
                        today: dt.date | None = None) -> Path:
    """Write the growth charts of `child_ids` (in that order, duplicates once) to `path` (.xlsx).

    One visible sheet = one A4 portrait page per child; the header shows the
    school's name on the left and `title_unit` (e.g. the class, "Lá 1") on the right.
    The file is written to a temporary file and renamed into place.
    Returns the path written.
    """
    from mamnon.services.school import school_info

    check_target(path)  # a wrong name or folder is reported before any work
    today = today or dt.date.today()
    ids = list(dict.fromkeys(child_ids))
    if not ids:
        raise MamnonError(_("Không có trẻ nào để vẽ biểu đồ tăng trưởng."))
    school = school_info()
    pages = [_page(cid, today) for cid in ids]

    months = list(range(0, max(p.x_max for p in pages) + 1))
    ages_days = [m * growth.DAYS_PER_MONTH for m in months]
    curves = {(sex, ind, z): growth.curve(ind, sex, z, ages_days)
              for sex in SEX_ORDER for ind in CHART_INDICATORS for z in growth.CHART_Z}

    with atomic_workbook(path) as wb:
        wb.set_properties({"title": "Biểu đồ tăng trưởng", "subject": "Cân nặng, chiều cao theo tuổi (WHO)",
                           "author": school.name, "company": school.name})
        f = _formats(wb)
        used_names = {CURVE_SHEET.casefold()}
        for number, page in enumerate(pages, start=1):
            name = sheet_name(f"{page.code} {page.full_name}", used_names)
            _write_page(wb, wb.add_worksheet(name), f, page, curves, school.name, title_unit, today,
                        number, len(pages))
        _write_curve_sheet(wb, f, months, curves)
        stamp_paper_code(wb, school.code, today.isoformat())
    return Path(path)


def _formats(wb) -> dict:
    base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}

    def fmt(**props):
        return wb.add_format({**base, **props})

    cell = {"border": 1, "font_size": 10}
    return {
        "title": fmt(bold=True, font_size=15, align="center"),
        "subtitle": fmt(italic=True, font_size=10, align="center"),
        "text": fmt(),
        "bold": fmt(bold=True),
        "header": fmt(bold=True, font_size=10, align="center", text_wrap=True, border=1, bg_color="#E7E6E6"),
        "date": fmt(num_format="dd/mm/yyyy", align="center", **cell),
        "one": fmt(num_format="0.0", align="center", **cell),
        "z": fmt(num_format="0.00", align="center", **cell),
        "label": fmt(text_wrap=True, font_size=9, border=1),
        "empty": fmt(italic=True, align="center", **cell),
        "note": fmt(italic=True, font_size=9, text_wrap=True, valign="top"),
        "curve_header": fmt(bold=True, text_wrap=True, font_size=9),
        "curve": fmt(num_format="0.000", font_size=9),
    }


def _write_page(wb, ws, f: dict, page: _Page, curves: dict, school_name: str, title_unit: str | None,
                today: dt.date, number: int, total: int) -> None:
    for col, (_header_text, width) in enumerate(COLUMNS):
        ws.set_column(col, col, width)
    ws.hide_gridlines(2)
    ws.set_row(0, 24)
    ws.merge_range(0, 0, 0, LAST_COL, "BIỂU ĐỒ TĂNG TRƯỞNG", f["title"])
    ws.merge_range(1, 0, 1, LAST_COL, "Theo chuẩn tăng trưởng của Tổ chức Y tế Thế giới "
                                      "(WHO 2006 đến 60 tháng, WHO 2007 sau 60 tháng)", f["subtitle"])
    ws.merge_range(3, 0, 3, 4, "", f["text"])
    ws.write_rich_string(3, 0, f["text"], "Họ và tên: ", f["bold"], page.full_name, f["text"])
    ws.merge_range(3, 5, 3, LAST_COL, "", f["text"])
    ws.write_rich_string(3, 5, f["text"], "Mã trẻ: ", f["bold"], page.code, f["text"])
    ws.merge_range(4, 0, 4, 2, "", f["text"])
    ws.write_rich_string(4, 0, f["text"], "Ngày sinh: ", f["bold"], format_date(page.birth_date), f["text"])
    ws.merge_range(4, 3, 4, 4, "", f["text"])
    ws.write_rich_string(4, 3, f["text"], "Giới: ", f["bold"], SEX_LABEL.get(page.sex, page.sex), f["text"])
    ws.merge_range(4, 5, 4, LAST_COL, "", f["text"])
    class_text = page.class_name or "—"
    if page.left_on is not None:
        class_text += f" (nghỉ học từ {format_date(page.left_on)})"
    ws.write_rich_string(4, 5, f["text"], "Lớp: ", f["bold"], class_text, f["text"])

    ws.set_row(TABLE_HEADER_ROW, 30)
    for col, (title, _width) in enumerate(COLUMNS):
        ws.write_string(TABLE_HEADER_ROW, col, title, f["header"])
    first = TABLE_HEADER_ROW + 1
    for i, p in enumerate(page.points):
        r = first + i
        ws.set_row(r, 24)
        ws.write_datetime(r, COL_DATE, dt.datetime.combine(p.measured_on, dt.time()), f["date"])
        ws.write_number(r, COL_AGE, p.age_months, f["one"])
        for col, value, fmt in ((COL_WEIGHT, p.weight_kg, f["one"]), (COL_HEIGHT, p.height_cm, f["one"]),
                                (COL_WFA, p.wfa, f["z"]), (COL_HFA, p.hfa, f["z"])):
            if value is None:
                ws.write_blank(r, col, None, fmt)
            else:
                ws.write_number(r, col, value, fmt)
        for col, label in ((COL_WFA_CAT, p.wfa_label), (COL_HFA_CAT, p.hfa_label)):
            if label:
                ws.write_string(r, col, label, f["label"])
            else:
                ws.write_blank(r, col, None, f["label"])
    if page.points:
        last = first + len(page.points) - 1
    else:
        last = first
        ws.merge_range(first, 0, first, LAST_COL, "Chưa có số đo nào.", f["empty"])

    width_px = sum(column_pixels(w) for _header_text, w in COLUMNS)
    chart_row = last + 2
    rows_per_chart = math.ceil(CHART_HEIGHT_PX / ROW_PX) + 1
    for k, indicator in enumerate(CHART_INDICATORS):
        chart = _chart(wb, page, indicator, curves, first, len(page.points), ws.name)
        chart.set_size({"width": width_px - 4, "height": CHART_HEIGHT_PX})
        ws.insert_chart(chart_row + k * rows_per_chart, 0, chart,
                        {"object_position": 3, "x_offset": 2, "y_offset": 2})
    note_row = chart_row + 2 * rows_per_chart
    ws.set_row(note_row, 40)
    ws.merge_range(note_row, 0, note_row, LAST_COL,
                   "Đường −3 và +3: đỏ nét đứt; −2 và +2: cam; 0 (trung vị): xanh lá; chấm xanh dương: "
                   "số đo của trẻ. Tuổi (tháng) = số ngày tuổi / 30,4375. z-score và phân loại theo WHO, "
                   "như đã lưu khi nhập số đo.", f["note"])

    setup_a4_page(
        ws, header=header_text(left=school_name, right=title_unit or "Biểu đồ tăng trưởng"),
        footer=header_text(left=f"In ngày {format_date(today)}", center=f"Trang {number}/{total}",
                           right=f"{page.code} – {page.full_name}"),
        print_area=(0, 0, note_row, LAST_COL),
    )


def _chart(wb, page: _Page, indicator: str, curves: dict, first_row: int, n_points: int, sheet: str):
    title, y_name, _unit = INDICATOR_AXIS[indicator]
    chart = wb.add_chart({"type": "scatter", "subtype": "straight"})
    font = {"name": FONT}
    x_max = page.x_max
    values: list[float] = []
    for z in growth.CHART_Z:
        name, colour, dash, width = CHART_STYLE[z]
        col = curve_column(page.sex, indicator, z)
        line = curves[(page.sex, indicator, z)][: x_max + 1]
        values += [v for v in line if v is not None]
        chart.add_series({
            "name": name,
            "categories": [CURVE_SHEET, 1, 0, 1 + x_max, 0],
            "values": [CURVE_SHEET, 1, col, 1 + x_max, col],
            "line": {"color": colour, "width": width, "dash_type": dash},
            "marker": {"type": "none"},
        })
    if n_points:
        col = COL_WEIGHT if indicator == "wfa" else COL_HEIGHT
        last = first_row + n_points - 1
        attr = "weight_kg" if indicator == "wfa" else "height_cm"
        values += [v for v in (getattr(p, attr) for p in page.points) if v is not None]
        chart.add_series({
            "name": "Số đo của trẻ",
            "categories": [sheet, first_row, COL_AGE, last, COL_AGE],
            "values": [sheet, first_row, col, last, col],
            "line": {"color": CHILD_COLOUR, "width": 1.0},
            "marker": {"type": "circle", "size": 6, "border": {"color": CHILD_COLOUR},
                       "fill": {"color": CHILD_COLOUR}},
        })
    step = _y_step(indicator, max(values) - min(values))
    y_min, y_max = _nice_range(values, step)
    chart.set_title({"name": f"{title} ({SEX_CHART.get(page.sex, '')}, 0–{x_max} tháng)",
                     "name_font": {**font, "size": 12, "bold": True}, "overlay": False})
    grid = {"visible": True, "line": {"color": "#D9D9D9", "width": 0.5}}
    chart.set_x_axis({
        "name": "Tuổi (tháng)", "name_font": {**font, "size": 10, "bold": False},
        "num_font": {**font, "size": 9}, "min": 0, "max": x_max, "major_unit": _x_step(x_max),
        "major_gridlines": grid, "num_format": "0",
    })
    chart.set_y_axis({
        "name": y_name, "name_font": {**font, "size": 10, "bold": False},
        "num_font": {**font, "size": 9}, "min": y_min, "max": y_max, "major_unit": step,
        "major_gridlines": grid, "num_format": "0",
    })
    chart.set_legend({"position": "bottom", "font": {**font, "size": 9}})
    chart.set_chartarea({"border": {"color": "#BFBFBF"}})
    chart.show_hidden_data()  # the WHO lines live on a hidden sheet
    return chart


def _write_curve_sheet(wb, f: dict, months: list[int], curves: dict) -> None:
    ws = wb.add_worksheet(CURVE_SHEET)
    ws.set_column(0, 0, 7)
    ws.set_column(1, curve_column(SEX_ORDER[-1], CHART_INDICATORS[-1], growth.CHART_Z[-1]), 11)
    ws.set_row(0, 48)
    ws.write_string(0, 0, "Tháng", f["curve_header"])
    for (sex, ind, z), line in curves.items():
        col = curve_column(sex, ind, z)
        name = CHART_STYLE[z][0]
        ws.write_string(0, col, f"{SEX_LABEL[sex]} – {INDICATOR_AXIS[ind][0]} ({INDICATOR_AXIS[ind][2]}) "
                                f"{name}", f["curve_header"])
        for i, value in enumerate(line):
            if value is not None:
                ws.write_number(1 + i, col, value, f["curve"])
    for i, m in enumerate(months):
        ws.write_number(1 + i, 0, m)
    ws.freeze_panes(1, 1)
    ws.hide()
