"""The indicator catalogue: every figure a report carries, and how it adds up the hierarchy.

An indicator either sums (counts, child-days, money) or is a rate recomputed
from the sums of two other indicators (numerator / denominator × scale) —
never an average of rates, so an office's rate is exactly what one big school
with all the children would report, and merging is associative. Averages (the
mean energy per child-day) are rates too: a total over a count.

Codes are stable ASCII identifiers (they key `mamnon report show --json` and the
merge); labels are what people read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from mamnon.reference import AGE_GROUPS, POSITIONS, QUALIFICATIONS, STAGE_LABELS

SUM, RATE = "sum", "rate"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str
    aggregate: str = SUM
    numerator: str = ""
    denominator: str = ""
    scale: float = 1
    """100 for a percentage."""
    places: int = 0
    """Decimals a rate is rounded to when shown and stored."""
    group: str = ""
    """Heading the report sheet groups the indicator under."""


def _count(code: str, label: str, group: str, unit: str = "trẻ") -> Indicator:
    return Indicator(code, label, unit, SUM, group=group)


def _rate(code: str, label: str, num: str, den: str, group: str, *, unit: str = "%", scale: float = 100,
          places: int = 1) -> Indicator:
    return Indicator(code, label, unit, RATE, num, den, scale, places, group)


# Codes of positions and qualifications: short, ASCII, stable (labels may be reworded).
POSITION_CODES = dict(zip(POSITIONS, ("HT", "PHT", "GV", "NV_NAU_AN", "KE_TOAN", "Y_TE", "VAN_THU",
                                      "THU_QUY", "BAO_VE", "PHUC_VU", "HT_KHUYET_TAT"), strict=True))
QUALIFICATION_CODES = dict(zip(QUALIFICATIONS, ("CHUA_DT", "SO_CAP", "TRUNG_CAP", "CAO_DANG", "DAI_HOC",
                                                "THAC_SI", "TIEN_SI"), strict=True))

NUTRITION_CODES = (
    # (code suffix, growth indicator, category codes counted, label)
    ("NHE_CAN", "wfa", ("sdd_nhe_can", "sdd_nhe_can_nang"), "Suy dinh dưỡng thể nhẹ cân"),
    ("THAP_COI", "hfa", ("thap_coi", "thap_coi_nang"), "Suy dinh dưỡng thể thấp còi"),
    ("GAY_COM", "wasting", ("gay_com", "gay_com_nang"), "Suy dinh dưỡng thể gầy còm"),
    ("THUA_CAN", "wasting", ("thua_can",), "Thừa cân"),
    ("BEO_PHI", "wasting", ("beo_phi",), "Béo phì"),
)


def _catalogue() -> tuple[Indicator, ...]:
    out: list[Indicator] = []
    g = "Lớp, trẻ"
    out += [
        _count("LOP", "Số nhóm, lớp", g, "lớp"),
        *(_count(f"LOP_{stage.upper()}", f"Số {label.lower()}: nhóm, lớp", g, "lớp")
          for stage, label in STAGE_LABELS.items()),
        _count("TRE", "Tổng số trẻ", g),
        *(_count(f"TRE_{stage.upper()}", f"Trẻ {label.lower()}", g) for stage, label in STAGE_LABELS.items()),
        *(_count(f"TRE_{a.code}", f"Trẻ {a.label.lower()}", g) for a in AGE_GROUPS),
        _count("TRE_NU", "Trẻ nữ", g),
        _count("TRE_DTTS", "Trẻ dân tộc thiểu số", g),
        _count("TRE_KT", "Trẻ khuyết tật", g),
        _rate("TRE_NU_TL", "Tỷ lệ trẻ nữ", "TRE_NU", "TRE", g),
        _rate("TRE_DTTS_TL", "Tỷ lệ trẻ dân tộc thiểu số", "TRE_DTTS", "TRE", g),
    ]
    g = "Chuyên cần"
    out += [
        _count("CC_NGAY_TRE", "Số lượt trẻ phải đi học (trẻ × ngày)", g, "lượt"),
        _count("CC_CO_MAT", "Số lượt trẻ có mặt", g, "lượt"),
        _count("CC_NGHI_P", "Số lượt nghỉ có phép", g, "lượt"),
        _count("CC_NGHI_K", "Số lượt nghỉ không phép", g, "lượt"),
        _rate("CC_TL", "Tỷ lệ chuyên cần", "CC_CO_MAT", "CC_NGAY_TRE", g),
    ]
    g = "Dinh dưỡng (đợt cân đo gần nhất trong kỳ)"
    out += [_count("DD_CAN_DO", "Số trẻ được cân đo", g)]
    for suffix, _, _, label in NUTRITION_CODES:
        out.append(_count(f"DD_{suffix}", label, g))
    for suffix, _, _, label in NUTRITION_CODES:
        out.append(_rate(f"DD_{suffix}_TL", f"Tỷ lệ {label[0].lower()}{label[1:]}", f"DD_{suffix}", "DD_CAN_DO", g))
    g = "Bán trú"
    for stage, label in STAGE_LABELS.items():
        s, lab = stage.upper(), label.lower()
        out += [
            _count(f"BT_{s}_NGAY", f"Số ngày tổ chức ăn ({lab})", g, "ngày"),
            _count(f"BT_{s}_SUAT", f"Số suất ăn ({lab}, trẻ × ngày)", g, "suất"),
            _count(f"BT_{s}_KCAL_TONG", f"Tổng năng lượng các suất ({lab})", g, "kcal"),
            _count(f"BT_{s}_P_TONG", f"Tổng (tỷ lệ % năng lượng từ đạm × suất) ({lab})", g, "%×suất"),
            _count(f"BT_{s}_L_TONG", f"Tổng (tỷ lệ % năng lượng từ béo × suất) ({lab})", g, "%×suất"),
            _count(f"BT_{s}_G_TONG", f"Tổng (tỷ lệ % năng lượng từ bột đường × suất) ({lab})", g, "%×suất"),
            _count(f"BT_{s}_TIEN_THU", f"Tiền ăn đã thu ({lab})", g, "đồng"),
            _count(f"BT_{s}_TIEN_CHI", f"Tiền chợ đã chi ({lab})", g, "đồng"),
            _rate(f"BT_{s}_KCAL_TB", f"Năng lượng bình quân 1 trẻ/ngày ({lab})", f"BT_{s}_KCAL_TONG",
                  f"BT_{s}_SUAT", g, unit="kcal", scale=1),
            _rate(f"BT_{s}_P_TB", f"Tỷ lệ năng lượng từ đạm, bình quân ({lab})", f"BT_{s}_P_TONG",
                  f"BT_{s}_SUAT", g, scale=1),
            _rate(f"BT_{s}_L_TB", f"Tỷ lệ năng lượng từ béo, bình quân ({lab})", f"BT_{s}_L_TONG",
                  f"BT_{s}_SUAT", g, scale=1),
            _rate(f"BT_{s}_G_TB", f"Tỷ lệ năng lượng từ bột đường, bình quân ({lab})", f"BT_{s}_G_TONG",
                  f"BT_{s}_SUAT", g, scale=1),
            _rate(f"BT_{s}_TIEN_TB", f"Tiền ăn bình quân 1 trẻ/ngày ({lab})", f"BT_{s}_TIEN_THU",
                  f"BT_{s}_SUAT", g, unit="đồng", scale=1, places=0),
        ]
    g = "Cán bộ, giáo viên, nhân viên"
    out += [_count("CB", "Tổng số cán bộ, giáo viên, nhân viên", g, "người")]
    out += [_count(f"CB_{code}", label, g, "người") for label, code in POSITION_CODES.items()]
    out += [_count(f"CB_TD_{code}", f"Trình độ: {label.lower()}", g, "người")
            for label, code in QUALIFICATION_CODES.items()]
    out += [
        _count("GV_DAT_CHUAN", "Giáo viên đạt chuẩn trình độ (cao đẳng trở lên)", g, "người"),
        _rate("GV_DAT_CHUAN_TL", "Tỷ lệ giáo viên đạt chuẩn trình độ", "GV_DAT_CHUAN", "CB_GV", g),
    ]
    return tuple(out)


CATALOGUE: tuple[Indicator, ...] = _catalogue()
BY_CODE: dict[str, Indicator] = {i.code: i for i in CATALOGUE}
SUM_CODES = tuple(i.code for i in CATALOGUE if i.aggregate == SUM)


def rate_value(ind: Indicator, sums: Mapping[str, float | None]) -> float | None:
    num, den = sums.get(ind.numerator), sums.get(ind.denominator)
    if num is None or not den:
        return None
    value = Decimal(str(num)) * Decimal(str(ind.scale)) / Decimal(str(den))
    return float(value.quantize(Decimal(1).scaleb(-ind.places), rounding=ROUND_HALF_UP))


def complete(sums: Mapping[str, float | None]) -> dict[str, float | None]:
    """Every catalogue code: the given sums (missing → 0) and the rates recomputed from them."""
    values: dict[str, float | None] = {code: sums.get(code) or 0 for code in SUM_CODES}
    for ind in CATALOGUE:
        if ind.aggregate == RATE:
            values[ind.code] = rate_value(ind, values)
    return values


def aggregate(units: Iterable[Mapping[str, float | None]]) -> dict[str, float | None]:
    """The indicators of a parent unit from its children's: sums add, rates are recomputed."""
    totals: dict[str, float] = {code: 0 for code in SUM_CODES}
    for values in units:
        for code in SUM_CODES:
            v = values.get(code)
            if v is not None:
                totals[code] += v
    return complete(totals)
