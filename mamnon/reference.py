"""Official code lists the records use: age groups, ethnic groups, positions, reasons.

Ethnic groups are the 54 of Vietnam with the codes of the General Statistics
Office list (Quyết định 121-TCTK/PPCĐ, 1979), the codes the sector database
uses. Age groups follow the Chương trình giáo dục mầm non and Điều lệ trường
mầm non (Thông tư 52/2020/TT-BGDĐT, Điều 15) with its class-size limits.
"""

from __future__ import annotations

# i18n-data: official code lists (stored values); the labels screens show are N_() and translated there

from dataclasses import dataclass

from mamnon.i18n import N_


@dataclass(frozen=True)
class AgeGroup:
    code: str
    label: str
    stage: str  # "nha_tre" (crèche) or "mau_giao" (kindergarten)
    min_months: int
    max_months: int
    years_before_school_year: tuple[int, ...]
    """Birth year = school-year start year minus one of these (how schools assign)."""
    max_children: int
    """Class size limit, Thông tư 52/2020/TT-BGDĐT Điều 15 khoản 1."""


AGE_GROUPS: tuple[AgeGroup, ...] = (
    AgeGroup("NT_3_12", N_("Nhà trẻ 3–12 tháng"), "nha_tre", 3, 12, (0, 1), 15),
    AgeGroup("NT_13_24", N_("Nhà trẻ 13–24 tháng"), "nha_tre", 13, 24, (1,), 20),
    AgeGroup("NT_25_36", N_("Nhà trẻ 25–36 tháng"), "nha_tre", 25, 36, (2,), 25),
    AgeGroup("MG_3_4", N_("Mẫu giáo 3–4 tuổi"), "mau_giao", 36, 48, (3,), 25),
    AgeGroup("MG_4_5", N_("Mẫu giáo 4–5 tuổi"), "mau_giao", 48, 60, (4,), 30),
    AgeGroup("MG_5_6", N_("Mẫu giáo 5–6 tuổi"), "mau_giao", 60, 72, (5,), 35),
)
AGE_GROUP_BY_CODE = {g.code: g for g in AGE_GROUPS}

STAGE_LABELS = {"nha_tre": N_("Nhà trẻ"), "mau_giao": N_("Mẫu giáo")}

SEXES = {"M": N_("Nam"), "F": N_("Nữ")}

# (code, name) in the GSO order.
ETHNIC_GROUPS: tuple[tuple[str, str], ...] = (
    ("01", "Kinh"), ("02", "Tày"), ("03", "Thái"), ("04", "Hoa"),
    ("05", "Khơ-me"), ("06", "Mường"), ("07", "Nùng"), ("08", "HMông"),
    ("09", "Dao"), ("10", "Gia-rai"), ("11", "Ngái"), ("12", "Ê-đê"),
    ("13", "Ba-na"), ("14", "Xơ-đăng"), ("15", "Sán Chay"), ("16", "Cơ-ho"),
    ("17", "Chăm"), ("18", "Sán Dìu"), ("19", "Hrê"), ("20", "Mnông"),
    ("21", "Ra-glai"), ("22", "Xtiêng"), ("23", "Bru-Vân Kiều"), ("24", "Thổ"),
    ("25", "Giáy"), ("26", "Cơ-tu"), ("27", "Gié-Triêng"), ("28", "Mạ"),
    ("29", "Khơ-mú"), ("30", "Co"), ("31", "Tà-ôi"), ("32", "Chơ-ro"),
    ("33", "Kháng"), ("34", "Xinh-mun"), ("35", "Hà Nhì"), ("36", "Chu-ru"),
    ("37", "Lào"), ("38", "La Chí"), ("39", "La Ha"), ("40", "Phù Lá"),
    ("41", "La Hủ"), ("42", "Lự"), ("43", "Lô Lô"), ("44", "Chứt"),
    ("45", "Mảng"), ("46", "Pà Thẻn"), ("47", "Cơ Lao"), ("48", "Cống"),
    ("49", "Bố Y"), ("50", "Si La"), ("51", "Pu Péo"), ("52", "Brâu"),
    ("53", "Ơ-đu"), ("54", "Rơ-măm"),
)
ETHNIC_NAMES = tuple(name for _, name in ETHNIC_GROUPS)

POSITIONS: tuple[str, ...] = (
    N_("Hiệu trưởng"),
    N_("Phó hiệu trưởng"),
    N_("Giáo viên"),
    N_("Nhân viên nấu ăn"),
    N_("Kế toán"),
    N_("Nhân viên y tế"),
    N_("Văn thư"),
    N_("Thủ quỹ"),
    N_("Bảo vệ"),
    N_("Nhân viên phục vụ"),
    N_("Nhân viên hỗ trợ giáo dục người khuyết tật"),
)

QUALIFICATIONS: tuple[str, ...] = (
    N_("Chưa qua đào tạo"),
    N_("Sơ cấp"),
    N_("Trung cấp"),
    N_("Cao đẳng"),
    N_("Đại học"),
    N_("Thạc sĩ"),
    N_("Tiến sĩ"),
)

GUARDIAN_RELATIONS: tuple[str, ...] = (
    N_("Bố"), N_("Mẹ"), N_("Ông"), N_("Bà"), N_("Anh"), N_("Chị"), N_("Cô"), N_("Dì"), N_("Chú"), N_("Bác"),
    N_("Người giám hộ"),
)

POLICY_CATEGORIES: tuple[str, ...] = (
    N_("Hộ nghèo"),
    N_("Hộ cận nghèo"),
    N_("Con thương binh, liệt sĩ, người có công"),
    N_("Mồ côi cha hoặc mẹ"),
    N_("Mồ côi cả cha và mẹ"),
    N_("Dân tộc thiểu số ở vùng đặc biệt khó khăn"),
    N_("Khác"),
)

LEAVE_REASONS: tuple[str, ...] = (
    N_("Chuyển trường"),
    N_("Chuyển nơi ở"),
    N_("Hoàn thành chương trình (vào lớp 1)"),
    N_("Nghỉ học"),
    N_("Khác"),
)
