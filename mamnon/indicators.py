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

from mamnon.i18n import C_, N_
from mamnon.labels import Label, shown
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

    # label, unit and group stay Vietnamese: the report workbook writes them as they are.
    @property
    def shown_label(self) -> str:
        """The label in the interface language, for screens and command output."""
        return shown(self.label)

    @property
    def shown_unit(self) -> str:
        return _counted_unit(self.unit) or shown(self.unit)

    @property
    def shown_group(self) -> str:
        return shown(self.group)


def _counted_unit(unit: str) -> str | None:
    """Unit words that English says otherwise after a count than alone ("ngày" is "date" in a form's column
    but "days" after a figure)."""
    return {"lớp": C_("đơn vị đếm", "lớp"), "ngày": C_("đơn vị đếm", "ngày"),  # i18n-skip: keys are the units
            "trường": C_("đơn vị đếm", "trường")}.get(unit)  # i18n-skip: the stored unit word


def _count(code: str, label: str, group: str, unit: str = N_("trẻ")) -> Indicator:
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
    ("NHE_CAN", "wfa", ("sdd_nhe_can", "sdd_nhe_can_nang"), N_("Suy dinh dưỡng thể nhẹ cân")),
    ("THAP_COI", "hfa", ("thap_coi", "thap_coi_nang"), N_("Suy dinh dưỡng thể thấp còi")),
    ("GAY_COM", "wasting", ("gay_com", "gay_com_nang"), N_("Suy dinh dưỡng thể gầy còm")),
    ("THUA_CAN", "wasting", ("thua_can",), N_("Thừa cân")),
    ("BEO_PHI", "wasting", ("beo_phi",), N_("Béo phì")),
)


def _catalogue() -> tuple[Indicator, ...]:
    out: list[Indicator] = []
    g = N_("Lớp, trẻ")
    out += [
        _count("LOP", N_("Số nhóm, lớp"), g, N_("lớp")),
        *(_count(f"LOP_{stage.upper()}", Label(N_("Số {stage:lower}: nhóm, lớp"), stage=label), g, N_("lớp"))
          for stage, label in STAGE_LABELS.items()),
        _count("TRE", N_("Tổng số trẻ"), g),
        *(_count(f"TRE_{stage.upper()}", Label(N_("Trẻ {stage:lower}"), stage=label), g)
          for stage, label in STAGE_LABELS.items()),
        *(_count(f"TRE_{a.code}", Label(N_("Trẻ {age:lower}"), age=a.label), g) for a in AGE_GROUPS),
        _count("TRE_NU", N_("Trẻ nữ"), g),
        _count("TRE_DTTS", N_("Trẻ dân tộc thiểu số"), g),
        _count("TRE_KT", N_("Trẻ khuyết tật"), g),
        _rate("TRE_NU_TL", N_("Tỷ lệ trẻ nữ"), "TRE_NU", "TRE", g),
        _rate("TRE_DTTS_TL", N_("Tỷ lệ trẻ dân tộc thiểu số"), "TRE_DTTS", "TRE", g),
    ]
    g = N_("Chuyên cần")
    out += [
        _count("CC_NGAY_TRE", N_("Số lượt trẻ phải đi học (trẻ × ngày)"), g, N_("lượt")),
        _count("CC_CO_MAT", N_("Số lượt trẻ có mặt"), g, N_("lượt")),
        _count("CC_NGHI_P", N_("Số lượt nghỉ có phép"), g, N_("lượt")),
        _count("CC_NGHI_K", N_("Số lượt nghỉ không phép"), g, N_("lượt")),
        _rate("CC_TL", N_("Tỷ lệ chuyên cần"), "CC_CO_MAT", "CC_NGAY_TRE", g),
    ]
    g = N_("Dinh dưỡng (đợt cân đo gần nhất trong kỳ)")
    out += [_count("DD_CAN_DO", N_("Số trẻ được cân đo"), g)]
    for suffix, _indicator, _categories, label in NUTRITION_CODES:
        out.append(_count(f"DD_{suffix}", label, g))
    for suffix, _indicator, _categories, label in NUTRITION_CODES:
        out.append(_rate(f"DD_{suffix}_TL", Label(N_("Tỷ lệ {label:lower1}"), label=label), f"DD_{suffix}",
                         "DD_CAN_DO", g))
    g = N_("Bán trú")
    for stage, label in STAGE_LABELS.items():
        s = stage.upper()

        def of_stage(template: str) -> Label:
            return Label(template, stage=label)  # called at once, inside this iteration

        per_meal = N_("%×suất")
        out += [
            _count(f"BT_{s}_NGAY", of_stage(N_("Số ngày tổ chức ăn ({stage:lower})")), g, N_("ngày")),
            _count(f"BT_{s}_SUAT", of_stage(N_("Số suất ăn ({stage:lower}, trẻ × ngày)")), g, N_("suất")),
            _count(f"BT_{s}_KCAL_TONG", of_stage(N_("Tổng năng lượng các suất ({stage:lower})")), g, "kcal"),
            _count(f"BT_{s}_P_TONG", of_stage(N_("Tổng (tỷ lệ % năng lượng từ đạm × suất) ({stage:lower})")), g,
                   per_meal),
            _count(f"BT_{s}_L_TONG", of_stage(N_("Tổng (tỷ lệ % năng lượng từ béo × suất) ({stage:lower})")), g,
                   per_meal),
            _count(f"BT_{s}_G_TONG", of_stage(N_("Tổng (tỷ lệ % năng lượng từ bột đường × suất) ({stage:lower})")),
                   g, per_meal),
            _count(f"BT_{s}_TIEN_THU", of_stage(N_("Tiền ăn đã thu ({stage:lower})")), g, N_("đồng")),
            _count(f"BT_{s}_TIEN_CHI", of_stage(N_("Tiền chợ đã chi ({stage:lower})")), g, N_("đồng")),
            _rate(f"BT_{s}_KCAL_TB", of_stage(N_("Năng lượng bình quân 1 trẻ/ngày ({stage:lower})")),
                  f"BT_{s}_KCAL_TONG", f"BT_{s}_SUAT", g, unit="kcal", scale=1),
            _rate(f"BT_{s}_P_TB", of_stage(N_("Tỷ lệ năng lượng từ đạm, bình quân ({stage:lower})")),
                  f"BT_{s}_P_TONG", f"BT_{s}_SUAT", g, scale=1),
            _rate(f"BT_{s}_L_TB", of_stage(N_("Tỷ lệ năng lượng từ béo, bình quân ({stage:lower})")),
                  f"BT_{s}_L_TONG", f"BT_{s}_SUAT", g, scale=1),
            _rate(f"BT_{s}_G_TB", of_stage(N_("Tỷ lệ năng lượng từ bột đường, bình quân ({stage:lower})")),
                  f"BT_{s}_G_TONG", f"BT_{s}_SUAT", g, scale=1),
            _rate(f"BT_{s}_TIEN_TB", of_stage(N_("Tiền ăn bình quân 1 trẻ/ngày ({stage:lower})")),
                  f"BT_{s}_TIEN_THU", f"BT_{s}_SUAT", g, unit=N_("đồng"), scale=1, places=0),
        ]
    g = N_("Cán bộ, giáo viên, nhân viên")
    out += [_count("CB", N_("Tổng số cán bộ, giáo viên, nhân viên"), g, N_("người"))]
    out += [_count(f"CB_{code}", label, g, N_("người")) for label, code in POSITION_CODES.items()]
    out += [_count(f"CB_TD_{code}", Label(N_("Trình độ: {qualification:lower}"), qualification=label), g, N_("người"))
            for label, code in QUALIFICATION_CODES.items()]
    out += [
        _count("GV_DAT_CHUAN", N_("Giáo viên đạt chuẩn trình độ (cao đẳng trở lên)"), g, N_("người")),
        _rate("GV_DAT_CHUAN_TL", N_("Tỷ lệ giáo viên đạt chuẩn trình độ"), "GV_DAT_CHUAN", "CB_GV", g),
    ]
    g = N_("Đội ngũ: chất lượng")
    out += [
        _count("CB_GV_DUOI_CHUAN", N_("Giáo viên dưới chuẩn trình độ đào tạo"), g, N_("người")),
        _count("CB_GV_DAT_CHUAN_TD", N_("Giáo viên đạt chuẩn trình độ (cao đẳng sư phạm mầm non)"), g, N_("người")),
        _count("CB_GV_TREN_CHUAN", N_("Giáo viên trên chuẩn trình độ (đại học sư phạm mầm non trở lên)"), g,
               N_("người")),
        _count("CB_GV_CHUA_RO_CHUAN", N_("Giáo viên chưa rõ trình độ, chuyên ngành"), g, N_("người")),
        _rate("CB_GV_DUOI_CHUAN_TL", N_("Tỷ lệ giáo viên dưới chuẩn trình độ"), "CB_GV_DUOI_CHUAN", "CB_GV", g),
        _count("CB_BIEN_CHE", N_("Cán bộ, giáo viên, nhân viên biên chế"), g, N_("người")),
        _count("CB_HOP_DONG", N_("Cán bộ, giáo viên, nhân viên hợp đồng"), g, N_("người")),
        _count("CB_DTTS", N_("Cán bộ, giáo viên, nhân viên dân tộc thiểu số"), g, N_("người")),
        *(_count(f"CB_GV_DG_{code}", Label(N_("Giáo viên xếp loại chuẩn nghề nghiệp: {grade:lower}"), grade=grade), g,
                 N_("người"))
          for grade, code in ASSESSMENT_CODES.items()),
        _rate("CB_TRE_GV_TL", N_("Số trẻ bình quân một giáo viên"), "TRE", "CB_GV", g, unit=N_("trẻ/GV"), scale=1),
        _rate("CB_GV_LOP_TL", N_("Số giáo viên bình quân một nhóm, lớp"), "CB_GV", "LOP", g, unit=N_("GV/lớp"), scale=1,
              places=2),
        _count("CB_GV_DINH_MUC", N_("Định mức giáo viên theo TT 19/2023 (theo số lớp và số trẻ)"), g, N_("người")),
        _count("CB_GV_THIEU", N_("Số giáo viên còn thiếu so với định mức"), g, N_("người")),
    ]
    g = N_("Cơ sở vật chất")
    out += [
        _count("CSVC_DIEM_TRUONG", N_("Số điểm trường"), g, N_("điểm")),
        _count("CSVC_DIEM_LE", N_("Số điểm lẻ"), g, N_("điểm")),
        _count("CSVC_DIEM_NUOC_SACH", N_("Số điểm trường có nước sạch"), g, N_("điểm")),
        _count("CSVC_PHONG", N_("Tổng số phòng"), g, N_("phòng")),
        *(_count(f"CSVC_P_{code.upper()}", Label(N_("Phòng {condition:lower}"), condition=label), g, N_("phòng"))
          for code, label in ROOM_CONDITIONS.items()),
        _rate("CSVC_P_KIEN_CO_TL", N_("Tỷ lệ phòng kiên cố"), "CSVC_P_KIEN_CO", "CSVC_PHONG", g),
        *(_count(f"CSVC_P_{code.upper()}", label, g, N_("phòng")) for code, label in ROOM_TYPES.items()),
        _count("CSVC_DT_TONG", N_("Tổng diện tích các phòng"), g, "m²"),
        _count("CSVC_DT_PHONG_HOC", N_("Diện tích phòng sinh hoạt chung (phòng học)"), g, "m²"),
        _rate("CSVC_DT_PHONG_HOC_TRE", N_("Diện tích phòng học bình quân một trẻ"), "CSVC_DT_PHONG_HOC", "TRE", g,
              unit=N_("m²/trẻ"), scale=1, places=2),
        _count("CSVC_TB_THIEU", N_("Thiết bị tối thiểu còn thiếu (tổng số cái)"), g, N_("cái")),
        _count("CSVC_TB_MUC_THIEU", N_("Số mục thiết bị tối thiểu còn thiếu"), g, N_("mục")),
        _count("CSVC_TB_CHUA_KIEM_KE", N_("Số mục thiết bị tối thiểu chưa kiểm kê"), g, N_("mục")),
    ]
    g = N_("Hỗ trợ ăn trưa (NĐ 277/2025/NĐ-CP)")
    out += [
        _count("HTAT_TRE", N_("Số lượt trẻ được hỗ trợ ăn trưa (trẻ × tháng)"), g, N_("trẻ×tháng")),
        _count("HTAT_TIEN", N_("Tiền hỗ trợ ăn trưa"), g, N_("đồng")),
        _count("HTAT_SO_TRE", N_("Số trẻ được hỗ trợ ăn trưa trong kỳ"), g),
    ]
    g = N_("Phổ cập giáo dục mầm non")
    out += [_count(f"PC_TRE_{a}T", Label(N_("Trẻ {age} tuổi (theo năm sinh) sống trong địa bàn"), age=a), g)
            for a in range(6)]
    out += [_count(f"PC_HOC_{a}T", Label(N_("Trẻ {age} tuổi đang học"), age=a), g) for a in range(6)]
    out += [_count(f"PC_HT_{a}T", Label(N_("Trẻ {age} tuổi hoàn thành chương trình GDMN"), age=a), g)
            for a in (3, 4, 5)]
    out += [_rate(f"PC_HOC_{a}T_TL", Label(N_("Tỷ lệ trẻ {age} tuổi đang học"), age=a), f"PC_HOC_{a}T",
                  f"PC_TRE_{a}T", g) for a in range(6)]
    out += [_rate(f"PC_HT_{a}T_TL", Label(N_("Tỷ lệ trẻ {age} tuổi hoàn thành chương trình GDMN"), age=a),
                  f"PC_HT_{a}T", f"PC_TRE_{a}T", g) for a in (3, 4, 5)]
    out += [
        _count("PC_TRE_3_5T", N_("Trẻ 3–5 tuổi sống trong địa bàn"), g),
        _count("PC_HOC_3_5T", N_("Trẻ 3–5 tuổi đang học"), g),
        _count("PC_HT_3_5T", N_("Trẻ 3–5 tuổi hoàn thành chương trình GDMN của độ tuổi"), g),
        _rate("PC_HOC_3_5T_TL", N_("Tỷ lệ trẻ 3–5 tuổi đang học"), "PC_HOC_3_5T", "PC_TRE_3_5T", g),
        _rate("PC_HT_3_5T_TL", N_("Tỷ lệ trẻ 3–5 tuổi hoàn thành chương trình GDMN"), "PC_HT_3_5T", "PC_TRE_3_5T", g),
        # Communes, each counted once (one school keeps a commune's census): the shares merge up to the province.
        _count("PC_XA", N_("Số xã điều tra phổ cập"), g, N_("xã")),
        _count("PC_XA_THUONG", N_("Số xã điều tra (không đặc biệt khó khăn)"), g, N_("xã")),
        _count("PC_XA_DBKK", N_("Số xã điều tra có điều kiện KT-XH đặc biệt khó khăn"), g, N_("xã")),
        _count("PC_XA_DAT_5T", N_("Số xã đạt chuẩn phổ cập GDMN trẻ 5 tuổi"), g, N_("xã")),
        _count("PC_XA_DAT_3_5T", N_("Số xã đạt chuẩn phổ cập GDMN trẻ 3–5 tuổi"), g, N_("xã")),
        _count("PC_XA_THUONG_DAT_3_5T", N_("Số xã (không ĐBKK) đạt chuẩn phổ cập trẻ 3–5 tuổi"), g, N_("xã")),
        _count("PC_XA_DBKK_DAT_3_5T", N_("Số xã ĐBKK đạt chuẩn phổ cập trẻ 3–5 tuổi"), g, N_("xã")),
        _rate("PC_XA_DAT_5T_TL", N_("Tỷ lệ xã đạt chuẩn phổ cập GDMN trẻ 5 tuổi"), "PC_XA_DAT_5T", "PC_XA", g),
        _rate("PC_XA_DAT_3_5T_TL", N_("Tỷ lệ xã đạt chuẩn phổ cập GDMN trẻ 3–5 tuổi"), "PC_XA_DAT_3_5T", "PC_XA", g),
        _rate("PC_XA_THUONG_DAT_3_5T_TL", N_("Tỷ lệ xã (không ĐBKK) đạt chuẩn phổ cập trẻ 3–5 tuổi"),
              "PC_XA_THUONG_DAT_3_5T", "PC_XA_THUONG", g),
        _rate("PC_XA_DBKK_DAT_3_5T_TL", N_("Tỷ lệ xã ĐBKK đạt chuẩn phổ cập trẻ 3–5 tuổi"), "PC_XA_DBKK_DAT_3_5T",
              "PC_XA_DBKK", g),
    ]
    g = N_("Thống kê đầu năm (01.ĐN-MN)")
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
