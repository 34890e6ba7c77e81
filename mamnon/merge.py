"""Merging report workbooks one level up: schools → office, offices → province, any depth.

Pure: plain dataclasses in, a `MergeResult` out; the files are read by
importers.merge_inputs and written by exporters.report.write_merged.

Every figure is computed from the leaf schools, never from an intermediate
total: the unit's indicators are the aggregate (`indicators.aggregate`, float
noise rounded) of all leaf rows, and each intermediate unit's subtotal is the
aggregate of the leaves below it. So
merge(merge(A, B), C) gives exactly the indicators and leaf rows of
merge(A, B, C), a hand-edited subtotal in an office file cannot leak upward,
and a school dropped as a duplicate leaves every total that held it.

Nothing stops the merge: a file that cannot be used is rejected with its
reason, everything else is merged, and every problem becomes one `Check`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from mamnon import indicators
from mamnon.errors import ValidationError
from mamnon.i18n import N_, _
from mamnon.reference import AGE_GROUPS, STAGE_LABELS
from mamnon.workbooks.kinds import (
    NOT_SUBMITTED, ROW_SCHOOL, ROW_SUBTOTAL, SEVERITY_ERROR, SEVERITY_WARNING, SUBMITTED, UNEXPECTED,
)
from mamnon.workbooks import report_state
from mamnon.workbooks.periods import parse_period

__all__ = ["Check", "ExpectedUnit", "FileStatus", "MergeInput", "MergeResult", "Rejected", "Submission",
           "Unit", "UnitRow", "aggregate", "merge", "row_problems", "submission_summary", "PATH_SEPARATOR",
           "REJECTED_PREFIX"]

PATH_SEPARATOR = " › "
ON_TIME, LATE, MISSING = "dung_han", "muon", "chua_nop"
TIMING_LABELS = {ON_TIME: N_("Đúng hạn"), LATE: N_("Muộn"), MISSING: N_("Chưa nộp")}
"""Against `merge(deadline=…)`: a file exported by the end of the deadline day is on time."""
_DAYS_LATE = N_("{label} {days} ngày")
_SUMMARY_ALL = N_("{n} đơn vị đã nộp")
_SUMMARY_OF = N_("{received}/{wanted} đơn vị đã nộp")
_SUMMARY_LATE = N_(" ({late} nộp muộn)")
"""The submission summary and labels go into the merged workbook in Vietnamese, onto screens translated."""
REJECTED_PREFIX = N_("Tệp bị từ chối: ")
"""Starts a rejection's check message (`_(REJECTED_PREFIX)` in the interface language); `Check.rejection` tells
them apart without reading the text."""
TOLERANCE = 1e-6
"""Two figures closer than this are the same (sums of one-decimal values carry float noise)."""
SUM_PLACES = 6
"""Sums are rounded here after adding: 225700.59999999998 is 225700.6 in every file, so a total read back
from a merged workbook equals the one computed."""
LISTS_UP_TO = 1
"""Levels above the schools that receive the children's names (the «Trẻ cần theo dõi» list): by default
only the unit directly above them (the office or commune that follows the children up); higher levels
get the counts, which is all they use, and a national roll-up stays small."""  # i18n-skip: docstring


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: str = ""


@dataclass(frozen=True)
class UnitRow:
    """A leaf school, or the subtotal of a unit between a report's unit and its schools."""

    code: str
    name: str
    level: str
    path: tuple[str, ...]
    """Unit names from just below the report's unit down to this row itself; () is the report's unit."""
    exported_at: str
    indicators: Mapping[str, float | None]
    subtotal: bool = False

    @property
    def row_type(self) -> str:
        return ROW_SUBTOTAL if self.subtotal else ROW_SCHOOL

    @property
    def path_text(self) -> str:
        return PATH_SEPARATOR.join(self.path)


@dataclass(frozen=True)
class Check:
    severity: str
    """kinds.SEVERITY_ERROR or SEVERITY_WARNING."""
    unit_code: str
    unit_name: str
    file: str
    message: str
    rejection: bool = field(default=False, compare=False)
    """A file rejected: screens list it with the files rather than among the checks."""


@dataclass
class MergeInput:
    """One report read from a file: a school's own report, or an already merged one."""

    source: str
    """The file's name, as people will look for it."""
    unit: Unit
    period: str
    template_version: str
    exported_at: str
    checksum_ok: bool | None
    indicators: Mapping[str, float | None]
    """The file's «Chỉ tiêu», as written in it."""  # i18n-skip: attribute docstring
    rows: list[UnitRow]
    """The file's «Đơn vị» in file order: a school's report has one row, itself with path ()."""  # i18n-skip: doc
    surveillance: list[dict] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    """Problems the reader found in the file itself."""
    surveillance_reader: Callable[[], list[dict]] | None = field(default=None, repr=False, compare=False)
    """Reads `surveillance` when first needed: a unit too high for the children's names never parses them."""
    state: str = report_state.SUBMITTED
    """The state the file carries (report_state): a draft is merged but flagged."""

    def watch_list(self) -> list[dict]:
        if self.surveillance_reader is not None:
            self.surveillance, self.surveillance_reader = self.surveillance_reader(), None
        return self.surveillance

    @property
    def leaves(self) -> list[UnitRow]:
        return [r for r in self.rows if not r.subtotal]

    @property
    def subtotals(self) -> list[UnitRow]:
        return [r for r in self.rows if r.subtotal]

    @property
    def is_merged(self) -> bool:
        return any(r.path for r in self.rows)

    @property
    def height(self) -> int:
        """Levels between the file's unit and its schools: 0 for a school, 1 for an office, 2 for a province…"""
        return max((len(r.path) for r in self.leaves), default=0)


@dataclass(frozen=True)
class Rejected:
    """A file the reader could not use; it is listed with its reason and merged no further."""

    source: str
    reason: str
    unit: Unit | None = None


@dataclass(frozen=True)
class ExpectedUnit:
    code: str
    name: str
    level: str = ""


@dataclass(frozen=True)
class FileStatus:
    source: str
    unit: Unit | None
    accepted: bool
    reason: str = ""


@dataclass(frozen=True)
class Submission:
    unit_code: str
    unit_name: str
    status: str
    """kinds.SUBMITTED, NOT_SUBMITTED or UNEXPECTED."""
    file: str = ""
    exported_at: str = ""
    state: str = ""
    """report_state code of the file received; "" for a unit that sent nothing."""
    timing: str = ""
    """ON_TIME, LATE or MISSING against the merge's deadline; "" without a deadline."""
    days_late: int = 0

    @property
    def state_label(self) -> str:
        """Vietnamese, as the merged workbook writes it."""
        return report_state.STATE_LABELS.get(self.state, "")

    @property
    def timing_label(self) -> str:
        """Vietnamese, as the merged workbook writes it."""
        return self._timing(lambda text: text)

    @property
    def state_shown(self) -> str:
        """`state_label` in the interface language."""
        return _(self.state_label) if self.state_label else ""

    @property
    def timing_shown(self) -> str:
        """`timing_label` in the interface language."""
        return self._timing(_)

    def _timing(self, translate: Callable[[str], str]) -> str:
        if self.timing == LATE:
            return translate(_DAYS_LATE).format(label=translate(TIMING_LABELS[LATE]), days=self.days_late)
        return translate(TIMING_LABELS[self.timing]) if self.timing in TIMING_LABELS else ""


@dataclass
class MergeResult:
    unit: Unit
    period: str
    indicators: dict[str, float | None]
    rows: list[UnitRow]
    """Leaves and subtotals in tree order, paths from just below `unit`."""
    contributors: list[MergeInput]
    """The inputs merged, in the order given."""
    surveillance: list[dict]
    checks: list[Check]
    files: list[FileStatus]
    submissions: list[Submission]
    summary: str
    """Vietnamese, as the merged workbook writes it; `summary_shown` for screens."""
    lists_withheld: bool = False
    """True when this unit is too high to receive the children's names (`LISTS_UP_TO`)."""
    expected_count: int | None = None
    """How many units were to report; None without a list of them."""

    @property
    def summary_shown(self) -> str:
        """`summary` in the interface language."""
        return submission_summary(self.submissions, self.expected_count, _)

    @property
    def leaves(self) -> list[UnitRow]:
        return [r for r in self.rows if not r.subtotal]

    @property
    def subtotals(self) -> list[UnitRow]:
        return [r for r in self.rows if r.subtotal]


def aggregate(units: Iterable[Mapping[str, float | None]]) -> dict[str, float | None]:
    """indicators.aggregate with the float noise of the sums rounded away (rates recomputed from them)."""
    totals = indicators.aggregate(units)
    return indicators.complete({code: round(totals[code], SUM_PLACES) if isinstance(totals[code], float)
                                else totals[code] for code in indicators.SUM_CODES})


# ---------------------------------------------------------------- choosing the inputs


def _period_label(code: str) -> str:
    try:
        return parse_period(code).screen_label
    except ValidationError:
        return f"«{code}»" if code else _("(không ghi kỳ)")


def _by_period(inputs: Sequence[MergeInput], period: str | None) -> tuple[str, list[MergeInput], list[Rejected]]:
    """The period merged (given, else the first input's) and the inputs of another period, rejected."""
    chosen = period if period is not None else (inputs[0].period if inputs else "")
    keep, rejected = [], []
    for item in inputs:
        if item.period == chosen:
            keep.append(item)
        else:
            reason = _("kỳ báo cáo {period} khác kỳ đang gộp {chosen}.").format(
                period=_period_label(item.period), chosen=_period_label(chosen))
            rejected.append(Rejected(item.source, reason, item.unit))
    return chosen, keep, rejected


def _own_unit(inputs: Sequence[MergeInput], unit: Unit) -> tuple[list[MergeInput], list[Rejected]]:
    """A file of the merging unit itself (last month's merge dropped in the folder) would count twice."""
    keep, rejected = [], []
    for item in inputs:
        if not item.unit.code:
            rejected.append(Rejected(item.source, _("tệp không ghi mã đơn vị."), item.unit))
        elif item.unit.code == unit.code:
            rejected.append(Rejected(item.source, _("đây là báo cáo của chính đơn vị đang gộp."), item.unit))
        else:
            keep.append(item)
    return keep, rejected


def _newest_per_unit(inputs: Sequence[MergeInput]) -> tuple[list[MergeInput], list[Rejected], list[Check]]:
    """The same unit twice: the most recently exported file is kept, in the place of the first one."""
    newest: dict[str, MergeInput] = {}
    for item in inputs:
        held = newest.get(item.unit.code)
        if held is None or item.exported_at > held.exported_at:
            newest[item.unit.code] = item
    keep, seen = [], set()
    for item in inputs:
        if item.unit.code not in seen:
            seen.add(item.unit.code)
            keep.append(newest[item.unit.code])
    rejected, checks = [], []
    for item in inputs:
        chosen = newest[item.unit.code]
        if chosen is not item:
            if chosen.exported_at == item.exported_at:
                template = _("đơn vị {code} có tệp xuất cùng lúc ({kept}, xuất {kept_at}): bỏ tệp này (xuất {at}).")
            else:
                template = _("đơn vị {code} có tệp mới hơn ({kept}, xuất {kept_at}): bỏ tệp này (xuất {at}).")
            reason = template.format(code=item.unit.code, kept=chosen.source, kept_at=_moment(chosen.exported_at),
                                     at=_moment(item.exported_at))
            rejected.append(Rejected(item.source, reason, item.unit))
            checks.append(Check(SEVERITY_WARNING, item.unit.code, item.unit.name, item.source,
                                _("Đơn vị nộp hai tệp: giữ {kept} (xuất {kept_at}), bỏ {dropped} (xuất {at}).").format(
                                    kept=chosen.source, kept_at=_moment(chosen.exported_at), dropped=item.source,
                                    at=_moment(item.exported_at))))
    return keep, rejected, checks


def _moment(iso: str) -> str:
    """dd/mm/yyyy HH:MM for people; the raw text when it is not ISO."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso or _("không rõ")
    return f"{moment:%d/%m/%Y %H:%M}"


# ---------------------------------------------------------------- rows


def _rows_of(item: MergeInput) -> list[UnitRow]:
    """The input's rows as they sit under the merging unit: its own subtotal first, then its rows below it."""
    if not item.is_merged:
        return [replace(r, path=(item.unit.name,)) for r in item.leaves[:1]] or [
            UnitRow(item.unit.code, item.unit.name, item.unit.level, (item.unit.name,), item.exported_at,
                    dict(item.indicators))]
    own = UnitRow(item.unit.code, item.unit.name, item.unit.level, (item.unit.name,), item.exported_at, {},
                  subtotal=True)
    return [own] + [replace(r, path=(item.unit.name, *r.path)) for r in item.rows if r.path]


def _drop_repeated_leaves(groups: list[tuple[MergeInput, list[UnitRow]]]) -> tuple[list[UnitRow], list[Check],
                                                                                   set[tuple[int, str]]]:
    """A school under two inputs is counted once: the newer export, the other reported."""
    newest: dict[str, tuple[int, UnitRow]] = {}
    for index, (_item, rows) in enumerate(groups):
        for row in rows:
            if row.subtotal:
                continue
            held = newest.get(row.code)
            if held is None or row.exported_at > held[1].exported_at:
                newest[row.code] = (index, row)
    kept, checks, placed = [], [], set()
    for index, (item, rows) in enumerate(groups):
        for row in rows:
            if row.subtotal:
                kept.append(row)
                continue
            keep_index, keep_row = newest[row.code]
            if keep_row is row:
                kept.append(row)
                placed.add((index, row.code))
                continue
            winner = groups[keep_index][0]
            checks.append(Check(SEVERITY_ERROR, row.code, row.name, item.source,
                                _("Trường có mặt ở hai nơi: «{path}» (tệp {file}) và «{kept_path}» (tệp {kept_file}); "
                                  "chỉ tính một lần, theo bản xuất {at}.").format(
                                    path=row.path_text, file=item.source, kept_path=keep_row.path_text,
                                    kept_file=winner.source, at=_moment(keep_row.exported_at))))
    return kept, checks, placed


def _with_subtotals(rows: list[UnitRow]) -> list[UnitRow]:
    """Each subtotal row gets the aggregate of the leaves below it (never the figures its file carried)."""
    leaves = [r for r in rows if not r.subtotal]
    out = []
    for row in rows:
        if row.subtotal:
            below = [leaf.indicators for leaf in leaves
                     if len(leaf.path) > len(row.path) and leaf.path[:len(row.path)] == row.path]
            row = replace(row, indicators=aggregate(below))
        out.append(row)
    return out


# ---------------------------------------------------------------- checks


def _value(values: Mapping[str, float | None], code: str) -> float:
    return values.get(code) or 0


_AGE_CODES = tuple(f"TRE_{g.code}" for g in AGE_GROUPS)
_STAGE_CODES = tuple(f"TRE_{stage.upper()}" for stage in STAGE_LABELS)


def row_problems(values: Mapping[str, float | None]) -> list[str]:
    """Figures of one unit that cannot all be true, one sentence each."""
    v = {code: _value(values, code) for code in indicators.SUM_CODES}
    out = []
    negative = [code for code in indicators.SUM_CODES if v[code] < 0]
    if negative:
        out.append(_("Số âm ở chỉ tiêu {codes}.").format(codes=", ".join(negative)))
    total = _n(v["TRE"])
    if v["TRE_NU"] > v["TRE"]:
        out.append(_("Trẻ nữ ({girls}) nhiều hơn tổng số trẻ ({total}).").format(girls=_n(v["TRE_NU"]), total=total))
    stages = sum(v[code] for code in _STAGE_CODES)
    if abs(stages - v["TRE"]) > TOLERANCE:
        out.append(_("Trẻ nhà trẻ + mẫu giáo ({stages}) khác tổng số trẻ ({total}).").format(
            stages=_n(stages), total=total))
    ages = sum(v[code] for code in _AGE_CODES)
    if abs(ages - v["TRE"]) > TOLERANCE:
        out.append(_("Tổng trẻ sáu nhóm tuổi ({ages}) khác tổng số trẻ ({total}).").format(ages=_n(ages), total=total))
    if v["DD_CAN_DO"] > v["TRE"]:
        out.append(_("Số trẻ được cân đo ({measured}) nhiều hơn tổng số trẻ ({total}).").format(
            measured=_n(v["DD_CAN_DO"]), total=total))
    if v["CC_CO_MAT"] > v["CC_NGAY_TRE"]:
        out.append(_("Số lượt có mặt ({present}) nhiều hơn số lượt phải đi học ({due}).").format(
            present=_n(v["CC_CO_MAT"]), due=_n(v["CC_NGAY_TRE"])))
    if v["GV_DAT_CHUAN"] > v["CB_GV"]:
        out.append(_("Giáo viên đạt chuẩn ({qualified}) nhiều hơn số giáo viên ({teachers}).").format(
            qualified=_n(v["GV_DAT_CHUAN"]), teachers=_n(v["CB_GV"])))
    return out


def _n(x: float) -> str:
    """A figure with the Vietnamese decimal comma (checks are read by people)."""
    return f"{x:g}".replace(".", ",")


def _row_checks(item: MergeInput, leaves: Iterable[UnitRow]) -> list[Check]:
    """Leaves only: subtotals are recomputed from them, so a subtotal breaks a rule only when a leaf below it
    does, which is reported already."""
    return [Check(SEVERITY_ERROR, row.code, row.name, item.source, problem)
            for row in leaves for problem in row_problems(row.indicators)]


def differing_codes(item: MergeInput) -> list[str]:
    """Codes whose «Chỉ tiêu» value is not the aggregate of the file's own leaf rows."""
    expected = aggregate(r.indicators for r in item.leaves)
    out = []
    for ind in indicators.CATALOGUE:
        written, computed = item.indicators.get(ind.code), expected.get(ind.code)
        if written is None and computed is None:
            continue
        if written is None or computed is None or abs(written - computed) > TOLERANCE:
            out.append(ind.code)
    return out


def _checksum_check(item: MergeInput) -> Check | None:
    if item.checksum_ok is not False:
        return None
    message = _("Số liệu trong tệp đã bị sửa sau khi xuất (mã kiểm tra không khớp); vẫn được gộp.")
    if item.leaves:
        codes = differing_codes(item)
        if codes:
            shown = ", ".join(codes[:12]) + ("…" if len(codes) > 12 else "")
            message += " " + _("Trang «Chỉ tiêu» khác tổng các dòng của trang «Đơn vị» ở: {codes}"
                               " (số liệu gộp lấy theo trang «Đơn vị»).").format(codes=shown)
    return Check(SEVERITY_WARNING, item.unit.code, item.unit.name, item.source, message)


# ---------------------------------------------------------------- completeness


def _key(code: str) -> str:
    return code.strip().upper()


def _timed(sub: Submission, deadline: dt.date | None) -> Submission:
    """`sub` with its timing against the end of the deadline day (an unreadable export time counts as late)."""
    if deadline is None:
        return sub
    if sub.status == NOT_SUBMITTED:
        return replace(sub, timing=MISSING)
    try:
        moment = dt.datetime.fromisoformat(sub.exported_at)
    except ValueError:
        return replace(sub, timing=LATE)
    late = (moment.date() - deadline).days
    return replace(sub, timing=LATE, days_late=late) if late > 0 else replace(sub, timing=ON_TIME)


def submission_summary(subs: Sequence[Submission], expected_count: int | None,
                       translate: Callable[[str], str] = lambda text: text) -> str:
    """«12/15 đơn vị đã nộp (2 nộp muộn)»: Vietnamese by default (the workbook's), `translate=_` for a screen."""
    if expected_count is None:
        text = translate(_SUMMARY_ALL).format(n=len(subs))
    else:
        received = sum(1 for s in subs if s.status == SUBMITTED)
        text = translate(_SUMMARY_OF).format(received=received, wanted=expected_count)
    late = sum(1 for s in subs if s.timing == LATE)
    return text + (translate(_SUMMARY_LATE).format(late=late) if late else "")


def _submissions(kept: Sequence[MergeInput], expected: Sequence[ExpectedUnit] | None,
                 deadline: dt.date | None = None) -> tuple[list[Submission], int | None]:
    subs, expected_count = _listed(kept, expected)
    return [_timed(s, deadline) for s in subs], expected_count


def _listed(kept: Sequence[MergeInput],
            expected: Sequence[ExpectedUnit] | None) -> tuple[list[Submission], int | None]:
    if expected is None:
        subs = [Submission(i.unit.code, i.unit.name, SUBMITTED, i.source, i.exported_at, i.state) for i in kept]
        return subs, None
    by_unit = {_key(i.unit.code): (i, i.exported_at) for i in kept}
    by_leaf = {}
    owner = {}
    for item in kept:
        for row in _rows_of(item)[1:] if item.is_merged else ():
            by_leaf.setdefault(_key(row.code), (item, row.exported_at))
            owner.setdefault(item.unit.code, set()).add(_key(row.code))
    wanted: dict[str, ExpectedUnit] = {}
    for unit in expected:
        wanted.setdefault(_key(unit.code), unit)
    subs = []
    for key, unit in wanted.items():
        found = by_unit.get(key) or by_leaf.get(key)
        if found:
            subs.append(Submission(unit.code, unit.name, SUBMITTED, found[0].source, found[1], found[0].state))
        else:
            subs.append(Submission(unit.code, unit.name, NOT_SUBMITTED))
    for item in kept:
        if _key(item.unit.code) not in wanted and not owner.get(item.unit.code, set()) & set(wanted):
            subs.append(Submission(item.unit.code, item.unit.name, UNEXPECTED, item.source, item.exported_at,
                                   item.state))
    return subs, len(wanted)


def _completeness_checks(subs: Sequence[Submission]) -> list[Check]:
    out = []
    for s in subs:
        if s.state == report_state.DRAFT:
            out.append(Check(SEVERITY_WARNING, s.unit_code, s.unit_name, s.file,
                             _("Báo cáo còn là bản nháp (chưa nộp chính thức); vẫn được gộp.")))
        if s.timing == LATE:
            out.append(Check(SEVERITY_WARNING, s.unit_code, s.unit_name, s.file,
                             _("Nộp muộn {days} ngày so với hạn.").format(days=s.days_late)))
        if s.status == NOT_SUBMITTED:
            out.append(Check(SEVERITY_WARNING, s.unit_code, s.unit_name, "", _("Chưa nộp báo cáo.")))
        elif s.status == UNEXPECTED:
            out.append(Check(SEVERITY_WARNING, s.unit_code, s.unit_name, s.file,
                             _("Đơn vị không có trong danh sách đơn vị phải nộp; vẫn được gộp.")))
    return out


# ---------------------------------------------------------------- the merge


def merge(inputs: Sequence[MergeInput | Rejected], *, unit: Unit, level_name: str = "",
          period: str | None = None, expected: Sequence[ExpectedUnit] | None = None,
          lists_up_to: int = LISTS_UP_TO, deadline: dt.date | None = None) -> MergeResult:
    """Merge the reports `inputs` (and the files already rejected, to list them) into `unit`'s report.

    period: canonical code to merge; None → the first readable input's.
    expected: the units that should report (completeness); None → no list.
    lists_up_to: how many levels above the schools receive the children to watch by name.
    deadline: the last day to submit; each submission is then on time, late or missing.
    """
    unit = Unit(unit.code, unit.name, level_name or unit.level)
    given = [i for i in inputs if isinstance(i, MergeInput)]
    rejected = [i for i in inputs if isinstance(i, Rejected)]
    chosen, usable, other_period = _by_period(given, period)
    usable, own = _own_unit(usable, unit)
    kept, repeated, repeat_checks = _newest_per_unit(usable)
    rejected += other_period + own
    groups = [(item, _rows_of(item)) for item in kept]
    rows, leaf_checks, placed = _drop_repeated_leaves(groups)
    rows = _with_subtotals(rows)
    checks = [_rejection(r) for r in rejected] + repeat_checks + leaf_checks
    rejected += repeated
    for index, (item, item_rows) in enumerate(groups):
        found = _checksum_check(item)
        checks += [found] if found else []
        checks += item.checks
        checks += _row_checks(item, (r for r in item_rows if not r.subtotal and (index, r.code) in placed))
    subs, expected_count = _submissions(kept, expected, deadline)
    checks += _completeness_checks(subs)
    withheld = 1 + max((item.height for item in kept), default=0) > lists_up_to
    return MergeResult(
        unit=unit, period=chosen,
        indicators=aggregate(r.indicators for r in rows if not r.subtotal),
        rows=rows, contributors=kept,
        surveillance=[] if withheld else _surveillance(groups, placed), checks=checks,
        files=_statuses(inputs, kept, rejected), submissions=subs,
        summary=submission_summary(subs, expected_count), lists_withheld=withheld, expected_count=expected_count,
    )


def _rejection(r: Rejected) -> Check:
    return Check(SEVERITY_ERROR, r.unit.code if r.unit else "", r.unit.name if r.unit else "", r.source,
                 _(REJECTED_PREFIX) + r.reason, rejection=True)


def _surveillance(groups: Sequence[tuple[MergeInput, list[UnitRow]]], placed: set[tuple[int, str]]) -> list[dict]:
    """Each input's children to watch, except those of a school counted from another input."""
    out = []
    for index, (item, rows) in enumerate(groups):
        mine = {r.code for r in rows if not r.subtotal}
        for row in item.watch_list():
            code = str(row.get("unit_code") or "")
            if code in mine and (index, code) not in placed:
                continue
            out.append(dict(row))
    return out


def _statuses(inputs: Sequence[MergeInput | Rejected], kept: Sequence[MergeInput],
              rejected: Sequence[Rejected]) -> list[FileStatus]:
    """One line per input file, in the order given."""
    out = []
    for item in inputs:
        if isinstance(item, Rejected):
            out.append(FileStatus(item.source, item.unit, False, item.reason))
        elif any(k is item for k in kept):
            out.append(FileStatus(item.source, item.unit, True))
        else:
            why = next(r for r in rejected if r.source == item.source and r.unit == item.unit)
            out.append(FileStatus(item.source, item.unit, False, why.reason))
    return out
