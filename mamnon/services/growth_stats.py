"""Statistics of a measuring round: how many children, how many measured, how many in each category.

For the round's scope (the whole school, or its class) on the round date,
per group — everyone; each stage (nhà trẻ, mẫu giáo); each age group of
`mamnon.reference.AGE_GROUPS`, by the age group of the class the child was in
on the round date — and, within each, per sex:

* `enrolled`: children in a class on the round date (those who left before it
  are not counted);
* `measured`: those of them with a measurement in the round;
* per indicator — weight-for-age (`wfa`), height-for-age (`hfa`) and
  `wasting` (weight-for-height up to 60 months, BMI-for-age after, which also
  gives overweight and obesity) — the count of each category code and its
  percentage of `measured` (1 decimal; None when nobody was measured).
  A measured child whose indicator could not be classified (a WHO-flagged
  value, or a missing weight or height) is counted as `khong_phan_loai`, so
  the counts of an indicator add up to `measured`.

`compute_groups` is a pure function over `StatRow`s, so the same numbers can
be checked by an independent implementation (tests do so on the demo school).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from mamnon.growth import CATEGORIES
from mamnon.i18n import N_
from mamnon.models import Measurement
from mamnon.reference import AGE_GROUP_BY_CODE, AGE_GROUPS, SEXES, STAGE_LABELS
from mamnon.services.measurements import RoundRow, enrolled_on, get_round

__all__ = [
    "CATEGORY_CODES", "INDICATOR_TITLES", "STAT_INDICATORS", "UNCLASSIFIED", "UNCLASSIFIED_LABEL",
    "GroupStats", "IndicatorStats", "RoundStatistics", "StatRow",
    "class_groups", "code_label", "compute_groups", "percent", "round_statistics", "statistic_rows",
]

UNCLASSIFIED = "khong_phan_loai"
# Vietnamese in the core (the statistics forms print them); a screen shows _(label).
UNCLASSIFIED_LABEL = N_("Không phân loại")
STAT_INDICATORS = ("wfa", "hfa", "wasting")
INDICATOR_TITLES = {
    "wfa": N_("Cân nặng theo tuổi"),
    "hfa": N_("Chiều cao theo tuổi"),
    "wasting": N_("Cân nặng theo chiều cao"),
}


def _codes(indicator: str) -> tuple[str, ...]:
    return tuple(code for (ind, code) in CATEGORIES if ind == indicator) + (UNCLASSIFIED,)


CATEGORY_CODES: dict[str, tuple[str, ...]] = {
    "wfa": _codes("wfa"),
    "hfa": _codes("hfa"),
    "wasting": _codes("wfh"),
}
"""Every category of each indicator, in report order, ending with UNCLASSIFIED."""


def code_label(indicator: str, code: str) -> str:
    if code == UNCLASSIFIED:
        return UNCLASSIFIED_LABEL
    cat = CATEGORIES.get(("wfh" if indicator == "wasting" else indicator, code))
    return cat.label if cat else code


def percent(count: int, total: int) -> float | None:
    """count / total × 100 to 1 decimal (half up); None when total is 0."""
    if not total:
        return None
    value = Decimal(count) * 100 / Decimal(total)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class StatRow:
    """One child in the round's scope on its date."""

    child_id: int
    sex: str
    age_group: str
    """Of the class the child was in on the round date."""
    measured: bool
    wfa_code: str = ""
    hfa_code: str = ""
    wasting_code: str = ""
    """'' = not classified (or not measured)."""
    class_name: str = ""
    """The child's class on the round date ('' when unknown, e.g. in a test's plain rows)."""


@dataclass(frozen=True)
class IndicatorStats:
    indicator: str
    measured: int
    counts: dict[str, int]
    """Every code of CATEGORY_CODES[indicator] (zeros included); they add up to `measured`."""
    percents: dict[str, float | None]

    def count(self, code: str) -> int:
        return self.counts.get(code, 0)

    def percent(self, code: str) -> float | None:
        return self.percents.get(code)

    def label(self, code: str) -> str:
        return code_label(self.indicator, code)

    @property
    def malnourished(self) -> int:
        """Severe + moderate (suy dinh dưỡng)."""
        return sum(n for code, n in self.counts.items() if _level(self.indicator, code) in ("severe", "moderate"))

    @property
    def malnourished_percent(self) -> float | None:
        return percent(self.malnourished, self.measured)


def _level(indicator: str, code: str) -> str:
    cat = CATEGORIES.get(("wfh" if indicator == "wasting" else indicator, code))
    return cat.level if cat else ""


@dataclass(frozen=True)
class GroupStats:
    key: str
    """'all', a stage ('nha_tre', 'mau_giao') or an age group code ('MG_5_6')."""
    kind: str
    """'all', 'stage' or 'age_group'."""
    label: str
    sex: str | None
    """None: both sexes; 'M' / 'F'."""
    enrolled: int
    measured: int
    wfa: IndicatorStats
    hfa: IndicatorStats
    wasting: IndicatorStats

    @property
    def title(self) -> str:
        return f"{self.label} – {SEXES[self.sex]}" if self.sex else self.label

    @property
    def measured_percent(self) -> float | None:
        return percent(self.measured, self.enrolled)

    def indicator(self, name: str) -> IndicatorStats:
        return getattr(self, name)

    @property
    def underweight(self) -> int:
        return self.wfa.malnourished

    @property
    def stunted(self) -> int:
        return self.hfa.malnourished

    @property
    def wasted(self) -> int:
        return self.wasting.malnourished

    @property
    def overweight(self) -> int:
        return self.wasting.count("thua_can")

    @property
    def obese(self) -> int:
        return self.wasting.count("beo_phi")


@dataclass(frozen=True)
class RoundStatistics:
    round: RoundRow
    groups: tuple[GroupStats, ...]
    """all, nha_tre, mau_giao, then each age group; each as both sexes, boys, girls."""

    def group(self, key: str = "all", sex: str | None = None) -> GroupStats:
        for g in self.groups:
            if g.key == key and g.sex == sex:
                return g
        raise KeyError((key, sex))

    @property
    def total(self) -> GroupStats:
        return self.group("all")


def _indicator(indicator: str, codes: list[str]) -> IndicatorStats:
    counts = {code: 0 for code in CATEGORY_CODES[indicator]}
    for code in codes:
        code = code if code in counts and code != "" else UNCLASSIFIED
        counts[code] += 1
    measured = len(codes)
    return IndicatorStats(indicator, measured, counts, {c: percent(n, measured) for c, n in counts.items()})


def _group(key: str, kind: str, label: str, sex: str | None, rows: list[StatRow]) -> GroupStats:
    measured = [r for r in rows if r.measured]
    return GroupStats(
        key=key, kind=kind, label=label, sex=sex, enrolled=len(rows), measured=len(measured),
        wfa=_indicator("wfa", [r.wfa_code for r in measured]),
        hfa=_indicator("hfa", [r.hfa_code for r in measured]),
        wasting=_indicator("wasting", [r.wasting_code for r in measured]),
    )


def compute_groups(rows: Iterable[StatRow], *, all_label: str = N_("Toàn trường")) -> tuple[GroupStats, ...]:
    """The statistics of every group (pure: no database)."""
    rows = list(rows)
    selections: list[tuple[str, str, str, list[StatRow]]] = [("all", "all", all_label, rows)]
    for stage in ("nha_tre", "mau_giao"):
        selections.append((stage, "stage", STAGE_LABELS[stage],
                           [r for r in rows if r.age_group in AGE_GROUP_BY_CODE
                            and AGE_GROUP_BY_CODE[r.age_group].stage == stage]))
    for g in AGE_GROUPS:
        selections.append((g.code, "age_group", g.label, [r for r in rows if r.age_group == g.code]))
    out = []
    for key, kind, label, selected in selections:
        out.append(_group(key, kind, label, None, selected))
        for sex in ("M", "F"):
            out.append(_group(key, kind, label, sex, [r for r in selected if r.sex == sex]))
    return tuple(out)


def class_groups(rows: Iterable[StatRow]) -> tuple[GroupStats, ...]:
    """One group per class (both sexes), youngest age group first, then the class name the Vietnamese way."""
    from mamnon.vntext import text_sort_key

    order = {g.code: i for i, g in enumerate(AGE_GROUPS)}
    by_class: dict[str, list[StatRow]] = {}
    for r in rows:
        if r.class_name:
            by_class.setdefault(r.class_name, []).append(r)
    names = sorted(by_class, key=lambda n: (min(order.get(r.age_group, 99) for r in by_class[n]), text_sort_key(n)))
    return tuple(_group(f"class:{n}", "class", n, None, by_class[n]) for n in names)


def statistic_rows(round_id: int) -> tuple[RoundRow, list[StatRow]]:
    """The round and one StatRow per child in its scope on its date."""
    rnd = get_round(round_id)
    entries = {
        child_id: (wfa, hfa, wasting)
        for child_id, wfa, hfa, wasting in Measurement.select(
            Measurement.child, Measurement.wfa_code, Measurement.hfa_code, Measurement.wasting_code,
        ).where(Measurement.measurement_round == round_id).tuples()
    }
    rows = []
    for e in enrolled_on(rnd.date, rnd.class_id):
        codes = entries.get(e.child_id)
        rows.append(StatRow(e.child_id, e.sex, e.age_group, codes is not None, *(codes or ("", "", "")),
                            class_name=e.class_name))
    return rnd, rows


def round_statistics(round_id: int) -> RoundStatistics:
    """Counts and percentages of a round for every group (see the module docstring)."""
    rnd, rows = statistic_rows(round_id)
    return RoundStatistics(rnd, compute_groups(rows, all_label=rnd.scope_label))
