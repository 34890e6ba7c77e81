"""The school report workbook that goes upward (kinds.REPORT_SPEC), written through the shared writer.

Three sheets: «Thông tin» (the unit, its parents, the period, when), «Chỉ tiêu»
(one row per catalogue indicator, in catalogue order, no heading rows so every
row below the header is an indicator) and «Trẻ cần theo dõi». The parents are
also written to the metadata sheet (`parents`, JSON from the top of the
hierarchy down) so a reader never has to parse the visible path back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from exporters.workbook_writer import UnitMeta, write_workbook
from mamnon import indicators
from mamnon.formats import format_date
from mamnon.services.report_data import reference_day, report_indicators, school_period, surveillance_list
from mamnon.services.school import SchoolInfo, school_info
from mamnon.workbooks.kinds import REPORT_SPEC
from mamnon.workbooks.periods import Period

__all__ = ["PARENTS_KEY", "INFO_ITEMS", "parents_path", "period_line", "report_rows", "write_report"]

PARENTS_KEY = "parents"
INFO_SHEET, INDICATOR_SHEET, WATCH_SHEET = (s.name for s in REPORT_SPEC.sheets)
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


def report_rows(period: Period, *, today: dt.date | None = None,
                exported_at: dt.datetime | None = None) -> dict[str, list[dict]]:
    """Sheet name → its rows ({column key: database value}), as the writer takes them."""
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    period = school_period(period)
    as_of = reference_day(period, today)
    return {
        INFO_SHEET: _info_rows(school_info(), period, as_of, exported_at),
        INDICATOR_SHEET: _indicator_rows(report_indicators(period, today=today)),
        WATCH_SHEET: surveillance_list(period, today=today),
    }


def write_report(path: str | os.PathLike, period: Period, *, today: dt.date | None = None,
                 exported_at: dt.datetime | None = None) -> Path:
    """Compute the school's report for `period` and write it to `path` (atomically)."""
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    period = school_period(period)
    info = school_info()
    line = period_line(period, reference_day(period, today))
    return write_workbook(
        path, REPORT_SPEC,
        unit=UnitMeta(code=info.code, name=info.name, level=info.level_name),
        period=period.code,
        rows=report_rows(period, today=today, exported_at=exported_at),
        subtitle={sheet.name: line for sheet in REPORT_SPEC.sheets},
        blank_rows=0,
        extra_meta={PARENTS_KEY: json.dumps(parents_path(info), ensure_ascii=False)},
        exported_at=exported_at,
    )
