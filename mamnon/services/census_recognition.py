"""Whether each commune is recognised under each phổ cập rule set, and the share of recognised communes.

A commune is recognised under a rule set («Đạt») when every decisive rate of
that rule meets its threshold (`census.summary`; the ĐBKK figure for a xã đặc
biệt khó khăn) and every condition the census cannot count (teachers, rooms)
is confirmed by hand for that census year. The confirmations are stored per
year and commune in the settings table, so a new year starts unconfirmed.

The recognised communes are sums (`commune_sums`): an office's merge adds them
and recomputes the shares, and `province_check` compares the shares with the
province's rule. A commune's census is kept by one school (docs/census.md), so
each commune is counted once as long as that rule holds.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from mamnon.errors import NotFound, ValidationError
from mamnon.i18n import C_, N_, _
from mamnon.models import CensusCommune, Setting
from mamnon.services.census import CommuneSummary, ThresholdCheck, check_sentence, percent, summary
from mamnon.services.census_rules import (CONDITIONS_BY_CODE, MEASURE_WORDS_SHORT, ND20_5T, ND277_3_5T,
                                          RULE_SETS, RULES_BY_CODE, Condition, RuleSet, conditions_of)
from mamnon.vntext import fold
from mamnon.services import permissions

# Vietnamese in the core (the census form prints them); `Recognition.line` and a screen show _(status).
RECOGNISED, NOT_RECOGNISED, NO_DATA = N_("Đạt"), N_("Chưa đạt"), N_("Chưa đủ số liệu")


def _key(year: int, commune_id: int) -> str:
    return f"census.conditions.{year}.{commune_id}"


def confirmed_conditions(year: int, commune_id: int) -> set[str]:
    row = Setting.get_or_none(Setting.key == _key(year, commune_id))
    return set(json.loads(row.value)) if row else set()


def find_commune(name: str) -> CensusCommune:
    folded = fold(" ".join(name.split()))
    found = next((c for c in CensusCommune.select() if fold(c.name) == folded), None)
    if found is None:
        raise NotFound(_("Không có xã «{commune}» trong danh sách điều tra.").format(commune=name))
    return found


def set_condition(year: int, commune: str, code: str, confirmed: bool) -> set[str]:
    """Confirm (or withdraw) one condition of recognition of a commune for a census year; the codes now confirmed."""
    permissions.require("census.edit")
    wanted = code.strip().upper().replace("-", "_")
    if wanted not in CONDITIONS_BY_CODE:
        raise ValidationError({"code": _("Không có điều kiện «{code}». Các mã: {codes}.").format(
            code=code, codes=", ".join(CONDITIONS_BY_CODE))})
    c = find_commune(commune)
    codes = confirmed_conditions(year, c.id)
    codes = codes | {wanted} if confirmed else codes - {wanted}
    value = json.dumps(sorted(codes))
    # An upsert both SQLite and PostgreSQL take (INSERT OR REPLACE is SQLite's alone).
    Setting.insert(key=_key(year, c.id), value=value) \
        .on_conflict(conflict_target=[Setting.key], update={Setting.value: value}).execute()
    return codes


@dataclass(frozen=True)
class ConditionState:
    condition: Condition
    confirmed: bool


@dataclass(frozen=True)
class Recognition:
    rule: RuleSet
    checks: tuple[ThresholdCheck, ...]
    conditions: tuple[ConditionState, ...]

    @property
    def met(self) -> bool | None:
        """None when a rate cannot be computed (no child of those ages in the census)."""
        if any(c.met is None for c in self.checks):
            return None
        return all(c.met for c in self.checks) and all(s.confirmed for s in self.conditions)

    @property
    def status(self) -> str:
        return {True: RECOGNISED, False: NOT_RECOGNISED, None: NO_DATA}[self.met]

    @property
    def reasons(self) -> list[str]:
        """What keeps the commune from recognition: which age, which rate, how far short; unconfirmed conditions
        (Vietnamese, as the census form prints them)."""
        return self._reasons(N_)

    def _reasons(self, tr) -> list[str]:
        out = []
        for c in self.checks:
            if c.met is None:
                out.append(tr(N_("chưa có trẻ {ages} tuổi trong điều tra")).format(ages=c.ages_label))
            elif not c.met:
                gap = Fraction(str(c.required)) - Fraction(c.count * 100, c.children)
                rate, gap_text = (f"{x:.1f}".replace(".", ",") for x in (c.rate, math.ceil(gap * 10) / 10))
                out.append(tr(N_("trẻ {ages} tuổi {measure} {rate} % < {required} %: thiếu {gap} điểm, "
                                 "{missing} trẻ")).format(ages=c.ages_label, measure=tr(MEASURE_WORDS_SHORT[c.measure]),
                                                         rate=rate, required=percent(c.required), gap=gap_text,
                                                         missing=c.missing_children))
        for s in self.conditions:
            if not s.confirmed:
                text = tr(s.condition.text)
                out.append(tr(N_("chưa xác nhận: {condition}")).format(condition=text[:1].lower() + text[1:]))
        return out

    def sentence(self) -> str:
        """«3–5 tuổi (NQ 218/2025/QH15; NĐ 277/2025/NĐ-CP): Chưa đạt – trẻ 3–5 tuổi đang học 86,0 % < 90 % …»
        (Vietnamese: the census form prints it)."""
        return self._sentence(N_, self.status)

    def line(self) -> str:
        """`sentence` in the interface language, for screens and command output."""
        # «Đạt» of a commune's recognition is not the «Đạt» of a staff assessment: its own English.
        status = {RECOGNISED: C_("công nhận phổ cập", "Đạt"), NOT_RECOGNISED: C_("công nhận phổ cập", "Chưa đạt"),
                  NO_DATA: _(NO_DATA)}[self.status]
        return self._sentence(_, status)

    def _sentence(self, tr, status: str) -> str:
        text = f"{tr(self.rule.short)} ({self.rule.source}): {status}"
        reasons = self._reasons(tr)
        return text + (" – " + "; ".join(reasons) + "." if reasons and self.met is not True else ".")


@dataclass(frozen=True)
class CommuneRecognition:
    summary: CommuneSummary
    recognitions: tuple[Recognition, ...]

    def of(self, rule: str) -> Recognition:
        return next(r for r in self.recognitions if r.rule.code == rule)


def recognise(block: CommuneSummary, year: int) -> CommuneRecognition:
    confirmed = confirmed_conditions(year, block.commune_id) if block.commune_id is not None else set()
    return CommuneRecognition(block, tuple(
        Recognition(rule, block.checks_of(rule.code),
                    tuple(ConditionState(c, c.code in confirmed) for c in conditions_of(rule.code)))
        for rule in RULE_SETS))


def recognitions(year: int) -> list[CommuneRecognition]:
    """Every commune of the census year (Vietnamese order) with its status under each rule set."""
    communes, _area = summary(year)
    return [recognise(block, year) for block in communes]


SUM_KEYS = ("PC_XA", "PC_XA_THUONG", "PC_XA_DBKK", "PC_XA_DAT_5T", "PC_XA_DAT_3_5T", "PC_XA_THUONG_DAT_3_5T",
            "PC_XA_DBKK_DAT_3_5T")


def commune_sums(year: int | None) -> dict[str, int]:
    """Communes surveyed and recognised (a commune «Chưa đủ số liệu» counts as not recognised)."""
    out = dict.fromkeys(SUM_KEYS, 0)
    if year is None:
        return out
    for item in recognitions(year):
        kind = "DBKK" if item.summary.difficult else "THUONG"
        out["PC_XA"] += 1
        out[f"PC_XA_{kind}"] += 1
        if item.of(ND20_5T).met:
            out["PC_XA_DAT_5T"] += 1
        if item.of(ND277_3_5T).met:
            out["PC_XA_DAT_3_5T"] += 1
            out[f"PC_XA_{kind}_DAT_3_5T"] += 1
    return out


@dataclass(frozen=True)
class ProvinceCheck:
    label: str
    recognised: int
    communes: int
    required: float

    @property
    def met(self) -> bool:
        # No commune of that kind: nothing to reach.
        return Fraction(self.recognised * 100) >= Fraction(str(self.required)) * self.communes

    @property
    def share(self) -> float | None:
        return round(100 * self.recognised / self.communes, 1) if self.communes else None


def province_check(values: Mapping[str, float | None]) -> tuple[bool | None, list[ProvinceCheck]]:
    """The 3–5-year-old rule for a province, from (merged) indicator values: ≥ 90 % of the normal communes and
    ≥ 85 % of the ĐBKK communes recognised. None when no commune was surveyed."""
    rule = RULES_BY_CODE[ND277_3_5T]
    parts = [ProvinceCheck(N_("xã thường"), int(values.get("PC_XA_THUONG_DAT_3_5T") or 0),
                           int(values.get("PC_XA_THUONG") or 0), rule.province_normal),
             ProvinceCheck(N_("xã đặc biệt khó khăn"), int(values.get("PC_XA_DBKK_DAT_3_5T") or 0),
                           int(values.get("PC_XA_DBKK") or 0), rule.province_difficult)]
    if not any(p.communes for p in parts):
        return None, parts
    return all(p.met for p in parts), parts


def province_sentence(values: Mapping[str, float | None]) -> str:
    """«Xã đạt chuẩn phổ cập 3–5 tuổi: xã thường 9/10 (90,0 %, cần ≥ 90 %); … – tỉnh đạt.» (Vietnamese: the
    census form prints it; `province_line` is the same in the interface language)."""
    return _province_text(values, N_)


def province_line(values: Mapping[str, float | None]) -> str:
    return _province_text(values, _)


def _province_text(values: Mapping[str, float | None], tr) -> str:
    verdict, parts = province_check(values)
    if verdict is None:
        return tr(N_("Chưa có xã nào trong điều tra."))
    shown = [tr(N_("{kind} {recognised}/{communes} ({share} %, cần ≥ {required} %)")).format(
        kind=tr(p.label), recognised=p.recognised, communes=p.communes, share=f"{p.share:.1f}".replace(".", ","),
        required=percent(p.required)) for p in parts if p.communes]
    text = (tr(N_("Xã đạt chuẩn phổ cập 3–5 tuổi: {parts} – đạt tiêu chuẩn của tỉnh (nguồn chưa đối chiếu văn bản "
                  "gốc).")) if verdict else
            tr(N_("Xã đạt chuẩn phổ cập 3–5 tuổi: {parts} – chưa đạt tiêu chuẩn của tỉnh (nguồn chưa đối chiếu văn "
                  "bản gốc).")))
    return text.format(parts="; ".join(shown))


__all__ = ["CommuneRecognition", "ConditionState", "NOT_RECOGNISED", "NO_DATA", "ProvinceCheck", "RECOGNISED",
           "Recognition", "check_sentence", "commune_sums", "confirmed_conditions", "find_commune",
           "province_check", "province_line", "province_sentence", "recognise", "recognitions", "set_condition"]
