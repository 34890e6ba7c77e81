"""Official code lists the records use: age groups, ethnic groups, positions, reasons.

Ethnic groups are the 54 of Vietnam with the codes of the General Statistics
Office list (Quyết định 121-TCTK/PPCĐ, 1979), the codes the sector database
uses. Age groups follow the Chương trình giáo dục mầm non and Điều lệ trường
mầm non (Thông tư 52/2020/TT-BGDĐT, Điều 15) with its class-size limits.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    AgeGroup("NT_3_12", "Nhà trẻ 3–12 tháng", "nha_tre", 3, 12, (0, 1), 15),
    AgeGroup("NT_13_24", "Nhà trẻ 13–24 tháng", "nha_tre", 13, 24, (1,), 20),
    AgeGroup("NT_25_36", "Nhà trẻ 25–36 tháng", "nha_tre", 25, 36, (2,), 25),
    AgeGroup("MG_3_4", "Mẫu giáo 3–4 tuổi", "mau_giao", 36, 48, (3,), 25),
    AgeGroup("MG_4_5", "Mẫu giáo 4–5 tuổi", "mau_giao", 48, 60, (4,), 30),
    AgeGroup("MG_5_6", "Mẫu giáo 5–6 tuổi", "mau_giao", 60, 72, (5,), 35),
)
AGE_GROUP_BY_CODE = {g.code: g for g in AGE_GROUPS}

STAGE_LABELS = {"nha_tre": "Nhà trẻ", "mau_giao": "Mẫu giáo"}

SEXES = {"M": "Nam", "F": "Nữ"}

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
    "Hiệu trưởng",
    "Phó hiệu trưởng",
    "Giáo viên",
    "Nhân viên nấu ăn",
    "Kế toán",
    "Nhân viên y tế",
    "Văn thư",
    "Thủ quỹ",
    "Bảo vệ",
    "Nhân viên phục vụ",
    "Nhân viên hỗ trợ giáo dục người khuyết tật",
)

QUALIFICATIONS: tuple[str, ...] = (
    "Chưa qua đào tạo",
    "Sơ cấp",
    "Trung cấp",
    "Cao đẳng",
    "Đại học",
    "Thạc sĩ",
    "Tiến sĩ",
)

GUARDIAN_RELATIONS: tuple[str, ...] = (
    "Bố", "Mẹ", "Ông", "Bà", "Anh", "Chị", "Cô", "Dì", "Chú", "Bác", "Người giám hộ",
)

POLICY_CATEGORIES: tuple[str, ...] = (
    "Hộ nghèo",
    "Hộ cận nghèo",
    "Con thương binh, liệt sĩ, người có công",
    "Mồ côi cha hoặc mẹ",
    "Mồ côi cả cha và mẹ",
    "Dân tộc thiểu số ở vùng đặc biệt khó khăn",
    "Khác",
)

LEAVE_REASONS: tuple[str, ...] = (
    "Chuyển trường",
    "Chuyển nơi ở",
    "Hoàn thành chương trình (vào lớp 1)",
    "Nghỉ học",
    "Khác",
)
