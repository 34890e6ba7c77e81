"""The report workbook that goes upward (kinds.REPORT_SPEC), written through the shared writer.

A school's report and a merged one (an office's, a province's) are the same
kind, so a merged report can be merged again. Sheets: «Thông tin» (the unit,
its parents, the period, when; for a merge, the units that contributed),
«Chỉ tiêu» (one row per catalogue indicator, in catalogue order, no heading
rows so every row below the header is an indicator), «Đơn vị» (a school: one
row, itself; a merge: one row per leaf school and one subtotal per unit in
between), «Kiểm tra» and «Nộp báo cáo» (filled by a merge) and «Trẻ cần theo
dõi». The parents are also written to the metadata sheet (`parents`, JSON from
the top of the hierarchy down) so a reader never has to parse the visible path
back.
"""

from __future__ import annotations

# i18n-data: the report workbook goes upward and is merged: its sheets and labels are Vietnamese in every language
import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from exporters.workbook_writer import UnitMeta, write_workbook
from exporters.xlsx import Workbook
from mamnon import indicators
from mamnon.formats import format_date
from mamnon.i18n import _
from mamnon.paper_code import LABEL as PAPER_LABEL
from mamnon.paper_code import report_code
from mamnon.services.report_data import reference_day, report_indicators, school_period, surveillance_list
from mamnon.services.school import SchoolInfo, school_info
from mamnon.workbooks.kinds import (
    CHECKS_SHEET, INDICATOR_SHEET, INFO_SHEET, REPORT_SPEC, ROW_SCHOOL, SUBMISSIONS_SHEET, UNITS_SHEET, WATCH_SHEET,
)
from mamnon.workbooks import report_state
from mamnon.workbooks.periods import Period

__all__ = ["MERGED_FROM_KEY", "PARENTS_KEY", "INFO_ITEMS", "parents_path", "period_line", "report_rows",
           "write_merged", "write_report", "CHART_SHEET", "add_charts"]

PARENTS_KEY = "parents"
MERGED_FROM_KEY = "merged_from"
"""Metadata key of a merged report: how many reports it was merged from."""
DEFAULT_LEVEL = "Đơn vị quản lý"
INFO_ITEMS = {
    "code": "Mã đơn vị",
    "name": "Tên đơn vị",
    "level": "Cấp đơn vị",
    "parents": "Trực thuộc",
    "period": "Kỳ báo cáo",
    "as_of": "Số liệu trẻ, lớp, cán bộ tính đến ngày",
    "exported_at": "Thời điểm xuất",
}
"""Item labels of «Thông tin», shared with the reader."""


def parents_path(info: SchoolInfo) -> list[dict[str, str]]:
    """The parent units from the top of the hierarchy down to the school's nearest parent."""
    return [{"level": p.level_name, "code": p.code, "name": p.name} for p in reversed(info.parents)]


def period_line(period: Period, as_of: dt.date) -> str:
    return (f"{period.label} (từ {format_date(period.start)} đến {format_date(period.end)}); "
            f"số liệu tính đến ngày {format_date(as_of)}")


def _info_rows(info: SchoolInfo, period: Period, as_of: dt.date, exported_at: dt.datetime) -> list[dict]:
    values = {
        "code": info.code,
        "name": info.name,
        "level": info.level_name,
        "parents": " › ".join(p["name"] for p in parents_path(info)),
        "period": f"{period.label} (từ {format_date(period.start)} đến {format_date(period.end)})",
        "as_of": format_date(as_of),
        "exported_at": f"{format_date(exported_at.date())} {exported_at:%H:%M}",
    }
    return [{"item": INFO_ITEMS[key], "value": value} for key, value in values.items()]


def _indicator_rows(values: dict[str, float | None]) -> list[dict]:
    return [{"code": i.code, "label": i.label, "unit": i.unit, "value": values[i.code]}
            for i in indicators.CATALOGUE]


def _iso(moment: dt.datetime) -> str:
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def _school_row(info: SchoolInfo, values: dict[str, float | None], exported_at: dt.datetime) -> dict:
    """A school's own «Đơn vị» row: itself, with an empty path (it is the report's unit)."""
    return {"row_type": ROW_SCHOOL, "unit_code": info.code, "unit_name": info.name, "level": info.level_name,
            "path": "", "exported_at": _iso(exported_at), **values}


def report_state_of(exported_at: dt.datetime, *, draft: bool = False) -> dict[str, str]:
    """The state a school's report is written with (mamnon.workbooks.report_state; docs/approval.md)."""
    from mamnon.services import approval

    return {"state": report_state.DRAFT if draft else report_state.SUBMITTED,
            "state_by": approval.actor_name(), "state_at": _iso(exported_at), "state_note": ""}


def report_rows(period: Period, *, today: dt.date | None = None,
                exported_at: dt.datetime | None = None, state: dict[str, str] | None = None) -> dict[str, list[dict]]:
    """Sheet name → its rows ({column key: database value}), as the writer takes them.

    state: the state rows closing «Thông tin» (default: submitted at `exported_at`)."""
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    period = school_period(period)
    as_of = reference_day(period, today)
    info = school_info()
    values = report_indicators(period, today=today)
    return {
        INFO_SHEET: [*_info_rows(info, period, as_of, exported_at),
                     {"item": PAPER_LABEL, "value": report_code(info.code, period.code, values)},
                     *report_state.info_rows(state or report_state_of(exported_at))],
        INDICATOR_SHEET: _indicator_rows(values),
        UNITS_SHEET: [_school_row(info, values, exported_at)],
        CHECKS_SHEET: [],
        SUBMISSIONS_SHEET: [],
        WATCH_SHEET: surveillance_list(period, today=today),
    }


def write_report(path: str | os.PathLike, period: Period, *, today: dt.date | None = None,
                 exported_at: dt.datetime | None = None, pseudonymise: bool = False, draft: bool = False,
                 progress=None) -> Path:
    """Compute the school's report for `period` and write it to `path` (atomically).

    pseudonymise: the surveillance list gives initials and month/year of birth (exporters/pseudonymise.py).
    draft: the file says «Nháp» and the school's database records no submission; otherwise it says
    «Đã nộp» and the submission is recorded (mamnon.services.approval), so that the office's reply can
    be matched to it. progress: a mamnon.progress.Progress (computing, then one step per sheet); a cancel
    writes no file and records no submission."""
    from mamnon.progress import ensure
    from mamnon.services import approval, permissions

    permissions.require("report.export")
    ensure(progress).stage(0, _("Tính số liệu báo cáo"))
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    period = school_period(period)
    info = school_info()
    line = period_line(period, reference_day(period, today))
    state = report_state_of(exported_at, draft=draft)
    rows = report_rows(period, today=today, exported_at=exported_at, state=state)
    if pseudonymise:
        from exporters.pseudonymise import pseudonymise_rows

        rows[WATCH_SHEET] = pseudonymise_rows(rows[WATCH_SHEET])
    written = write_workbook(
        path, REPORT_SPEC,
        unit=UnitMeta(code=info.code, name=info.name, level=info.level_name),
        period=period.code,
        rows=rows,
        subtitle={sheet.name: line for sheet in REPORT_SPEC.sheets},
        blank_rows=0,
        extra_meta={PARENTS_KEY: json.dumps(parents_path(info), ensure_ascii=False), **state},
        exported_at=exported_at,
        progress=progress,
    )
    if not draft:
        code = next(r["value"] for r in rows[INFO_SHEET] if r["item"] == PAPER_LABEL)
        approval.record_submission(period.code, code, exported_at)
    return written


# ---------------------------------------------------------------- a merged report


def _moment_text(iso: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{format_date(moment.date())} {moment:%H:%M}"


def _merged_period(code: str) -> Period | None:
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period

    try:
        return parse_period(code)
    except ValidationError:
        return None


def _merged_period_text(code: str) -> str:
    period = _merged_period(code)
    if period is None:
        return code or "–"
    return f"{period.label} (từ {format_date(period.start)} đến {format_date(period.end)})"


def _merged_info_rows(result, exported_at: dt.datetime) -> list[dict]:
    """«Thông tin» of a merge: the unit, the period, then one line per contributing unit."""
    unit = result.unit
    rows = [
        (INFO_ITEMS["code"], unit.code), (INFO_ITEMS["name"], unit.name), (INFO_ITEMS["level"], unit.level),
        (INFO_ITEMS["parents"], ""), (INFO_ITEMS["period"], _merged_period_text(result.period)),
        (INFO_ITEMS["exported_at"], _moment_text(_iso(exported_at))),
        ("Số đơn vị nộp", str(len(result.contributors))), ("Số trường", str(len(result.leaves))),
        ("Tình hình nộp", result.summary),
        ("Danh sách trẻ cần theo dõi", _lists_text(result)),
        (PAPER_LABEL, report_code(unit.code, result.period, result.indicators)),
    ]
    for number, item in enumerate(result.contributors, start=1):
        rows.append((f"Đơn vị nộp {number}", f"{item.unit.name} (mã {item.unit.code}), tệp {item.source}, "
                                             f"xuất {_moment_text(item.exported_at)}"))
    return [{"item": item, "value": value} for item, value in rows]


def _lists_text(result) -> str:
    if getattr(result, "lists_withheld", False):
        return "không chuyển lên cấp này (chỉ chuyển số liệu, không chuyển họ tên trẻ)"
    return f"{len(result.surveillance)} trẻ"


def _unit_rows(result) -> list[dict]:
    return [{"row_type": r.row_type, "unit_code": r.code, "unit_name": r.name, "level": r.level,
             "path": r.path_text, "exported_at": r.exported_at, **r.indicators} for r in result.rows]


def merged_rows(result, exported_at: dt.datetime) -> dict[str, list[dict]]:
    """Sheet name → rows of the merged report of `result` (a mamnon.merge.MergeResult)."""
    return {
        INFO_SHEET: _merged_info_rows(result, exported_at),
        INDICATOR_SHEET: _indicator_rows(result.indicators),
        UNITS_SHEET: _unit_rows(result),
        CHECKS_SHEET: [{"severity": c.severity, "unit_code": c.unit_code, "unit_name": c.unit_name,
                        "file": c.file, "message": c.message} for c in result.checks],
        SUBMISSIONS_SHEET: [{"unit_code": s.unit_code, "unit_name": s.unit_name, "status": s.status,
                             "file": s.file, "exported_at": _moment_text(s.exported_at),
                             "state": s.state_label, "timing": s.timing_label}
                            for s in result.submissions],
        WATCH_SHEET: list(result.surveillance),
    }


def write_merged(path: str | os.PathLike, result, *, exported_at: dt.datetime | None = None,
                 trend: Mapping[str, Sequence[tuple[str, float | None]]] | None = None, progress=None) -> Path:
    """Write the merged report of `result` (unit, level and period are the result's) to `path` atomically.

    trend: indicator code → (period, value) of the unit over the periods (mamnon.history), charted too.
    """
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    unit = result.unit
    line = f"{_merged_period_text(result.period)}; {result.summary}"
    return write_workbook(
        path, REPORT_SPEC,
        unit=UnitMeta(code=unit.code, name=unit.name, level=unit.level or DEFAULT_LEVEL),
        period=result.period,
        rows=merged_rows(result, exported_at),
        subtitle={sheet.name: line for sheet in REPORT_SPEC.sheets},
        blank_rows=0,
        extra_meta={PARENTS_KEY: "[]", MERGED_FROM_KEY: str(len(result.contributors))},
        exported_at=exported_at,
        finish=lambda book: add_charts(book, result, trend),
        progress=progress,
    )


# ---------------------------------------------------------------- charts (not data: outside the checksum)


CHART_SHEET = "Biểu đồ"
NUTRITION_RATES = tuple((f"DD_{suffix}_TL", label.removeprefix("Suy dinh dưỡng thể ").capitalize())
                        for suffix, _indicator, _categories, label in indicators.NUTRITION_CODES)
"""(code, short series name): «Nhẹ cân», «Thấp còi», «Gầy còm», «Thừa cân», «Béo phì»."""
TREND_NAMES = {"TRE": "Tổng số trẻ", "CC_TL": "Chuyên cần (%)",
               **{code: f"{name} (%)" for code, name in NUTRITION_RATES}}
CHART_WIDTH = 720
"""Pixels: about the width of an A4 landscape page."""


def _direct_units(result) -> list:
    """The units one level below the merging unit: the schools of an office, the offices of a province."""
    return [row for row in result.rows if len(row.path) == 1]


def add_charts(book: Workbook, result, trend: Mapping[str, Sequence[tuple[str, float | None]]] | None) -> None:
    """The «Biểu đồ» sheet: nutrition status by unit and, with a history, the unit's trend.

    Each chart reads a small table written on the same sheet, so the figures
    behind a bar can be seen; the data sheets, and so the checksum, are untouched.
    """
    ws = book.add_worksheet(CHART_SHEET)
    bold = book.add_format({"bold": True})
    rate = book.add_format({"num_format": "0.0"})
    ws.set_column(0, 0, 34)
    ws.set_column(1, 7, 11)
    ws.write(0, 0, f"Biểu đồ: {result.unit.name}, {_merged_period_text(result.period)}", bold)
    next_row = _nutrition_chart(book, ws, result, start=2, formats=(bold, rate))
    if trend:
        _trend_chart(book, ws, result, trend, start=max(next_row + 2, 24), formats=(bold, rate))


def _nutrition_chart(book: Workbook, ws, result, *, start: int, formats) -> int:
    """A clustered bar per direct unit and nutrition rate; returns the last row of its table."""
    bold, rate = formats
    units = _direct_units(result)
    ws.write_row(start, 0, ["Đơn vị", *(f"{name} (%)" for _code, name in NUTRITION_RATES)], bold)
    for offset, row in enumerate(units, start=1):
        ws.write(start + offset, 0, row.name)
        for col, (code, _name) in enumerate(NUTRITION_RATES, start=1):
            _write_figure(ws, start + offset, col, row.indicators.get(code), rate)
    last = start + len(units)
    if not units:
        return last
    chart = book.add_chart({"type": "bar"})
    for col, (_code, name) in enumerate(NUTRITION_RATES, start=1):
        chart.add_series({"name": name, "categories": [CHART_SHEET, start + 1, 0, last, 0],
                          "values": [CHART_SHEET, start + 1, col, last, col], "gap": 80})
    chart.set_title({"name": "Tình trạng dinh dưỡng theo đơn vị (% trẻ được cân đo)"})
    chart.set_x_axis({"name": "%", "min": 0})
    # Bars are drawn bottom-up; reversed, the units read in the order of the «Đơn vị» sheet.
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": CHART_WIDTH, "height": max(360, 80 + 40 * len(units))})
    ws.insert_chart(start, 9, chart)
    return last


def _trend_chart(book: Workbook, ws, result, trend, *, start: int, formats) -> None:
    """A line per key figure over the periods; the number of children on an axis of its own."""
    bold, rate = formats
    codes = [code for code in TREND_NAMES if code in trend]
    periods = [period for period, _value in trend[codes[0]]] if codes else []
    if not periods:
        return
    ws.write(start, 0, f"{result.unit.name} qua các kỳ", bold)
    ws.write_row(start + 1, 0, ["Kỳ", *(TREND_NAMES[code] for code in codes)], bold)
    first, last = start + 2, start + 1 + len(periods)
    for row, period in enumerate(periods, start=first):
        found = _merged_period(period)
        ws.write(row, 0, found.label if found else period)
        for col, code in enumerate(codes, start=1):
            _write_figure(ws, row, col, dict(trend[code]).get(period), rate)
    chart = book.add_chart({"type": "line"})
    for col, code in enumerate(codes, start=1):
        chart.add_series({"name": TREND_NAMES[code], "categories": [CHART_SHEET, first, 0, last, 0],
                          "values": [CHART_SHEET, first, col, last, col], "marker": {"type": "circle"},
                          "y2_axis": indicators.BY_CODE[code].aggregate == indicators.SUM})
    chart.set_title({"name": f"{result.unit.name}: chỉ tiêu chính qua các kỳ"})
    chart.set_y_axis({"name": "%", "min": 0})
    chart.set_y2_axis({"name": "Số trẻ", "min": 0})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": CHART_WIDTH, "height": 360})
    ws.insert_chart(start, 9, chart)


def _write_figure(ws, row: int, col: int, value: float | None, fmt) -> None:
    """A blank cell for a rate without a denominator: the chart leaves a gap instead of drawing 0."""
    if value is None:
        ws.write_blank(row, col, None)
    else:
        ws.write_number(row, col, value, fmt)
