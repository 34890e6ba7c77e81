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
from mamnon.statistics_form import FORM_ROWS
from mamnon.staffing_norms import ASSESSMENT_CODES, ROOM_CONDITIONS, ROOM_TYPES

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
    g = "Đội ngũ: chất lượng"
    out += [
        _count("CB_GV_DUOI_CHUAN", "Giáo viên dưới chuẩn trình độ đào tạo", g, "người"),
        _count("CB_GV_DAT_CHUAN_TD", "Giáo viên đạt chuẩn trình độ (cao đẳng sư phạm mầm non)", g, "người"),
        _count("CB_GV_TREN_CHUAN", "Giáo viên trên chuẩn trình độ (đại học sư phạm mầm non trở lên)", g, "người"),
        _count("CB_GV_CHUA_RO_CHUAN", "Giáo viên chưa rõ trình độ, chuyên ngành", g, "người"),
        _rate("CB_GV_DUOI_CHUAN_TL", "Tỷ lệ giáo viên dưới chuẩn trình độ", "CB_GV_DUOI_CHUAN", "CB_GV", g),
        _count("CB_BIEN_CHE", "Cán bộ, giáo viên, nhân viên biên chế", g, "người"),
        _count("CB_HOP_DONG", "Cán bộ, giáo viên, nhân viên hợp đồng", g, "người"),
        _count("CB_DTTS", "Cán bộ, giáo viên, nhân viên dân tộc thiểu số", g, "người"),
        *(_count(f"CB_GV_DG_{code}", f"Giáo viên xếp loại chuẩn nghề nghiệp: {grade.lower()}", g, "người")
          for grade, code in ASSESSMENT_CODES.items()),
        _rate("CB_TRE_GV_TL", "Số trẻ bình quân một giáo viên", "TRE", "CB_GV", g, unit="trẻ/GV", scale=1),
        _rate("CB_GV_LOP_TL", "Số giáo viên bình quân một nhóm, lớp", "CB_GV", "LOP", g, unit="GV/lớp", scale=1,
              places=2),
        _count("CB_GV_DINH_MUC", "Định mức giáo viên theo TT 19/2023 (theo số lớp và số trẻ)", g, "người"),
        _count("CB_GV_THIEU", "Số giáo viên còn thiếu so với định mức", g, "người"),
    ]
    g = "Cơ sở vật chất"
    out += [
        _count("CSVC_DIEM_TRUONG", "Số điểm trường", g, "điểm"),
        _count("CSVC_DIEM_LE", "Số điểm lẻ", g, "điểm"),
        _count("CSVC_DIEM_NUOC_SACH", "Số điểm trường có nước sạch", g, "điểm"),
        _count("CSVC_PHONG", "Tổng số phòng", g, "phòng"),
        *(_count(f"CSVC_P_{code.upper()}", f"Phòng {label.lower()}", g, "phòng")
          for code, label in ROOM_CONDITIONS.items()),
        _rate("CSVC_P_KIEN_CO_TL", "Tỷ lệ phòng kiên cố", "CSVC_P_KIEN_CO", "CSVC_PHONG", g),
        *(_count(f"CSVC_P_{code.upper()}", label, g, "phòng") for code, label in ROOM_TYPES.items()),
        _count("CSVC_DT_TONG", "Tổng diện tích các phòng", g, "m²"),
        _count("CSVC_DT_PHONG_HOC", "Diện tích phòng sinh hoạt chung (phòng học)", g, "m²"),
        _rate("CSVC_DT_PHONG_HOC_TRE", "Diện tích phòng học bình quân một trẻ", "CSVC_DT_PHONG_HOC", "TRE", g,
              unit="m²/trẻ", scale=1, places=2),
        _count("CSVC_TB_THIEU", "Thiết bị tối thiểu còn thiếu (tổng số cái)", g, "cái"),
        _count("CSVC_TB_MUC_THIEU", "Số mục thiết bị tối thiểu còn thiếu", g, "mục"),
        _count("CSVC_TB_CHUA_KIEM_KE", "Số mục thiết bị tối thiểu chưa kiểm kê", g, "mục"),
    ]
    g = "Hỗ trợ ăn trưa (NĐ 277/2025/NĐ-CP)"
    out += [
        _count("HTAT_TRE", "Số lượt trẻ được hỗ trợ ăn trưa (trẻ × tháng)", g, "trẻ×tháng"),
        _count("HTAT_TIEN", "Tiền hỗ trợ ăn trưa", g, "đồng"),
        _count("HTAT_SO_TRE", "Số trẻ được hỗ trợ ăn trưa trong kỳ", g),
    ]
    g = "Phổ cập giáo dục mầm non"
    out += [_count(f"PC_TRE_{a}T", f"Trẻ {a} tuổi (theo năm sinh) sống trong địa bàn", g) for a in range(6)]
    out += [_count(f"PC_HOC_{a}T", f"Trẻ {a} tuổi đang học", g) for a in range(6)]
    out += [_count(f"PC_HT_{a}T", f"Trẻ {a} tuổi hoàn thành chương trình GDMN", g) for a in (3, 4, 5)]
    out += [_rate(f"PC_HOC_{a}T_TL", f"Tỷ lệ trẻ {a} tuổi đang học", f"PC_HOC_{a}T", f"PC_TRE_{a}T", g)
            for a in range(6)]
    out += [_rate(f"PC_HT_{a}T_TL", f"Tỷ lệ trẻ {a} tuổi hoàn thành chương trình GDMN", f"PC_HT_{a}T",
                  f"PC_TRE_{a}T", g) for a in (3, 4, 5)]
    out += [
        _count("PC_TRE_3_5T", "Trẻ 3–5 tuổi sống trong địa bàn", g),
        _count("PC_HOC_3_5T", "Trẻ 3–5 tuổi đang học", g),
        _count("PC_HT_3_5T", "Trẻ 3–5 tuổi hoàn thành chương trình GDMN của độ tuổi", g),
        _rate("PC_HOC_3_5T_TL", "Tỷ lệ trẻ 3–5 tuổi đang học", "PC_HOC_3_5T", "PC_TRE_3_5T", g),
        _rate("PC_HT_3_5T_TL", "Tỷ lệ trẻ 3–5 tuổi hoàn thành chương trình GDMN", "PC_HT_3_5T", "PC_TRE_3_5T", g),
        # Communes, each counted once (one school keeps a commune's census): the shares merge up to the province.
        _count("PC_XA", "Số xã điều tra phổ cập", g, "xã"),
        _count("PC_XA_THUONG", "Số xã điều tra (không đặc biệt khó khăn)", g, "xã"),
        _count("PC_XA_DBKK", "Số xã điều tra có điều kiện KT-XH đặc biệt khó khăn", g, "xã"),
        _count("PC_XA_DAT_5T", "Số xã đạt chuẩn phổ cập GDMN trẻ 5 tuổi", g, "xã"),
        _count("PC_XA_DAT_3_5T", "Số xã đạt chuẩn phổ cập GDMN trẻ 3–5 tuổi", g, "xã"),
        _count("PC_XA_THUONG_DAT_3_5T", "Số xã (không ĐBKK) đạt chuẩn phổ cập trẻ 3–5 tuổi", g, "xã"),
        _count("PC_XA_DBKK_DAT_3_5T", "Số xã ĐBKK đạt chuẩn phổ cập trẻ 3–5 tuổi", g, "xã"),
        _rate("PC_XA_DAT_5T_TL", "Tỷ lệ xã đạt chuẩn phổ cập GDMN trẻ 5 tuổi", "PC_XA_DAT_5T", "PC_XA", g),
        _rate("PC_XA_DAT_3_5T_TL", "Tỷ lệ xã đạt chuẩn phổ cập GDMN trẻ 3–5 tuổi", "PC_XA_DAT_3_5T", "PC_XA", g),
        _rate("PC_XA_THUONG_DAT_3_5T_TL", "Tỷ lệ xã (không ĐBKK) đạt chuẩn phổ cập trẻ 3–5 tuổi",
              "PC_XA_THUONG_DAT_3_5T", "PC_XA_THUONG", g),
        _rate("PC_XA_DBKK_DAT_3_5T_TL", "Tỷ lệ xã ĐBKK đạt chuẩn phổ cập trẻ 3–5 tuổi", "PC_XA_DBKK_DAT_3_5T",
              "PC_XA_DBKK", g),
    ]
    g = "Thống kê đầu năm (01.ĐN-MN)"
    out += [_count(r.code, r.label, g, r.unit) for r in FORM_ROWS]
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
