"""Reading a report workbook back — a school's or a merged one (`mamnon report show`, `mamnon merge`).

Everything goes through `workbook_reader.open_workbook`, so a hostile or
foreign file is refused before its data is looked at. What the file says is
then checked, not trusted: the data checksum, indicators missing or unknown,
and every rate against the one recomputed from the file's own sums — each
problem is one line in `checks`, in the interface language.

The «Đơn vị» indicator columns are matched by the code in brackets at the end
of their header ("Tổng số trẻ [TRE]"), so a file whose labels were reworded
by another version of the program still reads.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from importers.workbook_reader import OPENPYXL, ImportRefused, SheetData, WorkbookFile, open_workbook
from mamnon import indicators
from mamnon.i18n import N_, _
from mamnon.vntext import fold
from mamnon.workbooks import report_state
from mamnon.workbooks.cells import CellValueError, clean_text, parse_cell, parse_decimal
from mamnon.workbooks.kinds import (
    INDICATOR_SHEET, INFO_SHEET, REPORT, ROW_SCHOOL, ROW_SUBTOTAL, UNITS_SHEET, WATCH_SHEET, indicator_code_of_header,
)

__all__ = ["CHECKSUM_CHANGED", "ImportRefused", "ReportData", "exported_at_text", "parse_surveillance", "read_report"]

_INFO, _INDICATORS, _UNITS, _WATCH = INFO_SHEET, INDICATOR_SHEET, UNITS_SHEET, WATCH_SHEET
_PARENTS_KEY = "parents"
"""Metadata key the report writer stores the parent units under (JSON, top of the hierarchy first)."""
_PATH_SEPARATOR = "›"
_UNIT_KEYS = ("code", "name", "level", "path", "indicators")
"""The keys of a unit in `report show --json` (docs/workbooks.md: stable)."""
CHECKSUM_CHANGED = N_("Mã kiểm tra dữ liệu không khớp: số liệu trong tệp đã bị sửa sau khi xuất.")
"""In `checks` as _(CHECKSUM_CHANGED): the interface language, like every check."""


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
    """Every «Đơn vị» row, in file order: {"code", "name", "level", "path" (from the top of the hierarchy
    down to the unit itself), "indicators", "row_type" (kinds.ROW_SCHOOL or ROW_SUBTOTAL), "names" (the
    path below the report's unit, as names; () for the report's unit itself), "exported_at"}."""  # i18n-skip: doc
    surveillance: list[dict] = field(default_factory=list)
    """Empty when read with `surveillance=False`: then `parse_surveillance` reads `watch_sheet`."""
    info: dict[str, str] = field(default_factory=dict)
    """«Thông tin» as item → value, for people."""  # i18n-skip: a developer's note
    checks: list[str] = field(default_factory=list)
    """Problems found in the file, one sentence each in the interface language; empty when all is well."""
    parents: list[dict[str, str]] = field(default_factory=list)
    """The report's own unit's parents, from the top of the hierarchy down."""
    watch_sheet: SheetData | None = field(default=None, repr=False, compare=False)
    """«Trẻ cần theo dõi» as read, cells unparsed."""  # i18n-skip: a developer's note
    state: str = report_state.LEGACY_STATE
    """report_state.DRAFT, SUBMITTED…; a file exported before states existed reads as submitted."""
    state_by: str = ""
    state_at: str = ""
    state_note: str = ""

    @property
    def leaves(self) -> list[dict]:
        return [u for u in self.units if u["row_type"] != ROW_SUBTOTAL]

    def as_json(self) -> dict:
        """The stable object `mamnon report show --json` prints (docs/workbooks.md)."""
        return {
            "unit": dict(self.unit), "period": self.period, "kind": self.kind,
            "template_version": self.template_version, "exported_at": self.exported_at,
            "checksum_ok": self.checksum_ok, "indicators": dict(self.indicators),
            "units": [{k: u[k] for k in _UNIT_KEYS} for u in self.leaves], "checks": list(self.checks),
            "state": self.state,
        }


_SUMS = frozenset(indicators.SUM_CODES)


def _number(code: str, raw: object) -> float | None:
    """An indicator cell as a number: whole sums as int, rates as float; blank → None."""
    kind = type(raw)
    if kind is int or kind is float:  # nearly every cell: skip the text parsing (a province reads 250,000)
        whole = code in _SUMS and float(raw).is_integer()
        return int(raw) if whole else float(raw)
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
            checks.append(_("Chỉ tiêu {code} (dòng {row}): giá trị «{value}» không phải số.").format(
                code=code, row=row.row, value=row.values.get("value")))
            found[code] = None
    missing = [i.code for i in indicators.CATALOGUE if i.code not in found]
    if missing:
        checks.append(_("Thiếu {count} chỉ tiêu: {codes}.").format(count=len(missing), codes=_some(missing)))
    if unknown:
        checks.append(_("Mã chỉ tiêu không có trong phần mềm: {codes}.").format(codes=", ".join(unknown[:10])))
    _check_rates(found, checks)
    return {i.code: found.get(i.code) for i in indicators.CATALOGUE}


def _some(codes: list[str]) -> str:
    """The first ten codes: a file of another version may lack a hundred, and one line must stay readable."""
    return ", ".join(codes[:10]) + ("…" if len(codes) > 10 else "")


def _check_rates(found: dict[str, float | None], checks: list[str]) -> None:
    """A rate that is not what its own sums give was edited by hand (or the file is damaged)."""
    for ind in indicators.CATALOGUE:
        if ind.aggregate != indicators.RATE or ind.code not in found:
            continue
        expected = indicators.rate_value(ind, found)
        if found[ind.code] != expected:
            checks.append(_("Chỉ tiêu {code} ghi {value} nhưng tính từ {numerator}/{denominator} của chính tệp "
                            "thì được {expected}.").format(code=ind.code, value=found[ind.code],
                                                          numerator=ind.numerator, denominator=ind.denominator,
                                                          expected=expected))


def _parents(meta: dict[str, str], checks: list[str]) -> list[dict[str, str]]:
    text = meta.get(_PARENTS_KEY, "")
    if not text:
        return []
    try:
        parents = json.loads(text)
        return [{"level": str(p["level"]), "code": str(p["code"]), "name": str(p["name"])} for p in parents]
    except (ValueError, TypeError, KeyError):
        checks.append(_("Thông tin đơn vị cấp trên trong trang «_mamnon» không đọc được."))
        return []


def _header_codes(path, sheet: SheetData) -> dict[int, dict[str, object]]:
    """Excel row → {code: raw value} for indicator columns found only by their bracketed code.

    Only when some header did not match exactly (labels reworded by another
    version): the sheet is read a second time, which a current file never needs.
    """
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = book[sheet.name]
        ws.reset_dimensions()
        header = next(ws.iter_rows(min_row=sheet.header_row, max_row=sheet.header_row, values_only=True), ())
        where = {code: i for i, cell in enumerate(header) if (code := indicator_code_of_header(cell))}
        where = {code: i for code, i in where.items() if code not in sheet.columns}
        if not where:
            return {}
        out = {}
        for number, cells in enumerate(ws.iter_rows(min_row=sheet.header_row + 1, values_only=True),
                                       start=sheet.header_row + 1):
            out[number] = {code: cells[i] if i < len(cells) else None for code, i in where.items()}
        return out
    finally:
        book.close()


_CODES = tuple(i.code for i in indicators.CATALOGUE)


def _row_indicators(raw: dict[str, object], where: str, checks: list[str]) -> dict[str, float | None]:
    values: dict[str, float | None] = {}
    for code in _CODES:
        cell = raw.get(code)
        kind = type(cell)
        # numbers inline (the readers give whole numbers as int): a province reads a million of them
        if kind is int:
            values[code] = cell if code in _SUMS else float(cell)
        elif kind is float:
            values[code] = int(cell) if code in _SUMS and cell.is_integer() else cell
        elif cell is None:
            values[code] = None
        else:
            try:
                values[code] = _number(code, cell)
            except CellValueError:
                checks.append(_("{where}, chỉ tiêu {code}: giá trị «{value}» không phải số.").format(
                    where=where, code=code, value=cell))
                values[code] = None
    return values


def _names(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(_PATH_SEPARATOR) if part.strip())


def _unit_rows(book: WorkbookFile, checks: list[str]) -> list[dict]:
    """«Đơn vị» as read: the unit columns, the path below the report's unit, every indicator."""
    sheet = book.sheets[_UNITS]
    absent = {i.code for i in indicators.CATALOGUE if i.code not in sheet.columns}
    # Read again only for a column whose label was reworded but whose code is ours; a file of an older
    # version simply lacks the newer indicators (reported below), which no second read would find.
    reworded = any(indicator_code_of_header(text) in absent for text in sheet.unmatched)
    extra = _header_codes(book.path, sheet) if reworded else {}
    missing = [i.code for i in indicators.CATALOGUE if i.code not in sheet.columns
               and not any(i.code in row for row in extra.values())]
    if missing and sheet.rows:
        checks.append(_("Trang «{sheet}» thiếu cột chỉ tiêu: {codes}.").format(sheet=_UNITS, codes=_some(missing)))
    rows = []
    for row in sheet.rows:
        raw = {**row.values, **extra.get(row.row, {})}
        code = clean_text(raw.get("unit_code"))
        subtotal = fold(clean_text(raw.get("row_type"))) == fold(ROW_SUBTOTAL)
        rows.append({
            "code": code, "name": clean_text(raw.get("unit_name")), "level": clean_text(raw.get("level")),
            "row_type": ROW_SUBTOTAL if subtotal else ROW_SCHOOL, "names": _names(clean_text(raw.get("path"))),
            "exported_at": clean_text(raw.get("exported_at")),
            "indicators": _row_indicators(raw, _("Trang «{sheet}» dòng {row} ({code})").format(
                sheet=_UNITS, row=row.row, code=code), checks),
        })
    return rows


def _with_paths(rows: list[dict], top: list[dict[str, str]]) -> list[dict]:
    """Each row's path from the top of the hierarchy: `top` (parents and the report's unit), then the units
    between, found as the subtotal rows whose names lead to it."""
    by_names = {r["names"]: {"level": r["level"], "code": r["code"], "name": r["name"]}
                for r in rows if r["row_type"] == ROW_SUBTOTAL}
    out = []
    for r in rows:
        if not r["names"]:
            path = top[:-1] + [{"level": r["level"], "code": r["code"], "name": r["name"]}]
        else:
            between = [by_names.get(r["names"][:n], {"level": "", "code": "", "name": r["names"][n - 1]})
                       for n in range(1, len(r["names"]))]
            path = top + between + [{"level": r["level"], "code": r["code"], "name": r["name"]}]
        out.append({**r, "path": path})
    return out


def _surveillance(sheet: SheetData) -> list[dict]:
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


def read_report(path, *, engine: str = OPENPYXL, surveillance: bool = True) -> ReportData:
    """Open a report workbook (refusing anything else) and read its unit, period, indicators and units.

    engine: workbook_reader.CALAMINE for bulk reading (a merge); the values read are the same.
    surveillance: False leaves the children to watch unparsed (`ReportData.watch_sheet` keeps the cells,
    `parse_surveillance` reads them): a province does not receive them by default.
    """
    book = open_workbook(path, expected_kind=REPORT, engine=engine)
    meta = book.meta
    checks: list[str] = []
    if book.checksum_ok is False:
        checks.append(_(CHECKSUM_CHANGED))
    elif book.checksum_ok is None:
        checks.append(_("Tệp không có mã kiểm tra dữ liệu: không biết số liệu có bị sửa hay không."))
    unit = {"code": meta.get("unit_code", ""), "name": meta.get("unit_name", ""),
            "level": meta.get("unit_level", "")}
    values = _indicators(book, checks)
    parents = _parents(meta, checks)
    rows = _unit_rows(book, checks) or [
        {**unit, "row_type": ROW_SCHOOL, "names": (), "exported_at": meta.get("exported_at", ""),
         "indicators": dict(values)}]
    info = {clean_text(r.values.get("item")): clean_text(r.values.get("value")) for r in book.sheets[_INFO].rows}
    state = _state(meta, info, checks)
    return ReportData(
        path=Path(path), kind=book.kind, template_version=meta.get("template_version", ""), unit=unit,
        period=meta.get("period", ""), exported_at=meta.get("exported_at", ""), checksum_ok=book.checksum_ok,
        indicators=values, units=_with_paths(rows, parents + [dict(unit)]),
        surveillance=_surveillance(book.sheets[_WATCH]) if surveillance else [], info=info, checks=checks,
        parents=parents, watch_sheet=book.sheets[_WATCH], **state,
    )


def _state(meta: dict[str, str], info: dict[str, str], checks: list[str]) -> dict[str, str]:
    """The report's state as «Thông tin» says it (those cells are under the checksum); the metadata copy
    must agree, or the hidden sheet was edited."""
    label = info.get(report_state.INFO_ITEMS["state"], "")
    code = report_state.state_of_label(label) if label else None
    stamped = meta.get("state", "")
    if label and code is None:
        checks.append(_("Trạng thái báo cáo «{state}» không hiểu được.").format(state=label))
    if (stamped or label) and stamped != (code or ""):
        blank = _("(trống)")
        # the states are quoted as the file spells them («Thông tin» is Vietnamese in every language)
        shown = report_state.STATE_LABELS.get(stamped, stamped or blank)
        checks.append(_("Trạng thái báo cáo trong trang «_mamnon» («{stamped}») khác trang «{sheet}» («{written}»): "
                        "tệp đã bị sửa sau khi xuất.").format(stamped=shown, sheet=_INFO, written=label or blank))
    found = {key: info.get(report_state.INFO_ITEMS[key], "") for key in report_state.STATE_KEYS[1:]}
    return {"state": code or report_state.LEGACY_STATE, **found}


def parse_surveillance(report: ReportData) -> list[dict]:
    """The children to watch of a report read with `surveillance=False`."""
    return _surveillance(report.watch_sheet) if report.watch_sheet is not None else list(report.surveillance)


def exported_at_text(report: ReportData) -> str:
    """dd/mm/yyyy HH:MM of the export time, or the raw text when it is not ISO."""
    try:
        moment = dt.datetime.fromisoformat(report.exported_at)
    except ValueError:
        return report.exported_at
    return f"{moment:%d/%m/%Y %H:%M}"
