"""Reading a school report workbook back (`mamnon report show`, and the office's merge later).

Everything goes through `workbook_reader.open_workbook`, so a hostile or
foreign file is refused before its data is looked at. What the file says is
then checked, not trusted: the data checksum, indicators missing or unknown,
and every rate against the one recomputed from the file's own sums — each
problem is one Vietnamese line in `checks`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from importers.workbook_reader import ImportRefused, WorkbookFile, open_workbook
from mamnon import indicators
from mamnon.workbooks.cells import CellValueError, clean_text, parse_cell, parse_decimal
from mamnon.workbooks.kinds import REPORT, REPORT_SPEC

__all__ = ["ImportRefused", "ReportData", "exported_at_text", "read_report"]

_INFO, _INDICATORS, _WATCH = (s.name for s in REPORT_SPEC.sheets)
_PARENTS_KEY = "parents"
"""Metadata key the report writer stores the parent units under (JSON, top of the hierarchy first)."""


@dataclass
class ReportData:
    path: Path
    kind: str
    template_version: str
    unit: dict[str, str]
    """{"code", "name", "level"}."""
    period: str
    """Canonical period code ("2026-11", "2026-2027")."""
    exported_at: str
    checksum_ok: bool | None
    indicators: dict[str, float | None]
    units: list[dict]
    """The units the report covers; a school's report: itself, with its path from the top."""
    surveillance: list[dict] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)
    """«Thông tin» as item → value, for people."""
    checks: list[str] = field(default_factory=list)
    """Problems found in the file, one Vietnamese sentence each; empty when all is well."""

    def as_json(self) -> dict:
        """The stable object `mamnon report show --json` prints (docs/workbooks.md)."""
        return {
            "unit": dict(self.unit), "period": self.period, "kind": self.kind,
            "template_version": self.template_version, "exported_at": self.exported_at,
            "checksum_ok": self.checksum_ok, "indicators": dict(self.indicators),
            "units": [dict(u) for u in self.units], "checks": list(self.checks),
        }


def _number(code: str, raw: object) -> float | None:
    """An indicator cell as a number: whole sums as int, rates as float; blank → None."""
    if clean_text(raw) == "":
        return None
    value = parse_decimal(raw)
    ind = indicators.BY_CODE.get(code)
    if ind is not None and ind.aggregate == indicators.SUM and value.is_integer():
        return int(value)
    return value


def _indicators(book: WorkbookFile, checks: list[str]) -> dict[str, float | None]:
    found: dict[str, float | None] = {}
    unknown = []
    for row in book.sheets[_INDICATORS].rows:
        code = clean_text(row.values.get("code"))
        if code not in indicators.BY_CODE:
            unknown.append(code)
            continue
        try:
            found[code] = _number(code, row.values.get("value"))
        except CellValueError:
            checks.append(f"Chỉ tiêu {code} (dòng {row.row}): giá trị «{row.values.get('value')}» không phải số.")
            found[code] = None
    missing = [i.code for i in indicators.CATALOGUE if i.code not in found]
    if missing:
        checks.append(f"Thiếu {len(missing)} chỉ tiêu: {', '.join(missing[:10])}{'…' if len(missing) > 10 else ''}.")
    if unknown:
        checks.append(f"Mã chỉ tiêu không có trong phần mềm: {', '.join(unknown[:10])}.")
    _check_rates(found, checks)
    return {i.code: found.get(i.code) for i in indicators.CATALOGUE}


def _check_rates(found: dict[str, float | None], checks: list[str]) -> None:
    """A rate that is not what its own sums give was edited by hand (or the file is damaged)."""
    for ind in indicators.CATALOGUE:
        if ind.aggregate != indicators.RATE or ind.code not in found:
            continue
        expected = indicators.rate_value(ind, found)
        if found[ind.code] != expected:
            checks.append(f"Chỉ tiêu {ind.code} ghi {found[ind.code]} nhưng tính từ {ind.numerator}/"
                          f"{ind.denominator} của chính tệp thì được {expected}.")


def _parents(meta: dict[str, str], checks: list[str]) -> list[dict[str, str]]:
    text = meta.get(_PARENTS_KEY, "")
    if not text:
        return []
    try:
        parents = json.loads(text)
        return [{"level": str(p["level"]), "code": str(p["code"]), "name": str(p["name"])} for p in parents]
    except (ValueError, TypeError, KeyError):
        checks.append("Thông tin đơn vị cấp trên trong trang «_mamnon» không đọc được.")
        return []


def _surveillance(book: WorkbookFile) -> list[dict]:
    sheet = book.sheets[_WATCH]
    rows = []
    for row in sheet.rows:
        clean = {}
        for column in sheet.spec.columns:
            raw = row.values.get(column.key)
            try:
                clean[column.key] = parse_cell(column, raw)
            except CellValueError:
                clean[column.key] = clean_text(raw) or None
        rows.append(clean)
    return rows


def read_report(path) -> ReportData:
    """Open a report workbook (refusing anything else) and read its unit, period and indicators."""
    book = open_workbook(path, expected_kind=REPORT)
    meta = book.meta
    checks: list[str] = []
    if book.checksum_ok is False:
        checks.append("Mã kiểm tra dữ liệu không khớp: số liệu trong tệp đã bị sửa sau khi xuất.")
    elif book.checksum_ok is None:
        checks.append("Tệp không có mã kiểm tra dữ liệu: không biết số liệu có bị sửa hay không.")
    unit = {"code": meta.get("unit_code", ""), "name": meta.get("unit_name", ""),
            "level": meta.get("unit_level", "")}
    values = _indicators(book, checks)
    path_units = _parents(meta, checks) + [dict(unit)]
    info = {clean_text(r.values.get("item")): clean_text(r.values.get("value")) for r in book.sheets[_INFO].rows}
    return ReportData(
        path=Path(path), kind=book.kind, template_version=meta.get("template_version", ""), unit=unit,
        period=meta.get("period", ""), exported_at=meta.get("exported_at", ""), checksum_ok=book.checksum_ok,
        indicators=values,
        units=[{"code": unit["code"], "name": unit["name"], "level": unit["level"], "path": path_units,
                "indicators": dict(values)}],
        surveillance=_surveillance(book), info=info, checks=checks,
    )


def exported_at_text(report: ReportData) -> str:
    """dd/mm/yyyy HH:MM of the export time, or the raw text when it is not ISO."""
    try:
        moment = dt.datetime.fromisoformat(report.exported_at)
    except ValueError:
        return report.exported_at
    return f"{moment:%d/%m/%Y %H:%M}"
