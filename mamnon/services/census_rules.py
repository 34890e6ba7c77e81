"""The phổ cập rules a commune's census figures are compared with, as data tables.

Two rule sets: the 5-year-old rule of NĐ 20/2014/NĐ-CP and the 3–5-year-old rule
of Nghị quyết 218/2025/QH15 detailed by NĐ 277/2025/NĐ-CP. Each rule set has its
rate thresholds (percentages of the children of those ages living in the
commune; a normal and a đặc biệt khó khăn figure), the conditions a commune
confirms by hand (teachers, rooms: not in the census), and the share of
recognised communes a province needs.

Every row names its text, the address it was read at and how far it was checked,
with the grades of the project's norms sheet: "V" read in the text itself, "S"
a secondary source, "unverified". docs/census.md («Phổ cập 3–5 tuổi») cites them.
"""

# i18n-data: a reference table (legal sources stay as cited); its labels are N_() and a screen shows _(label)
from __future__ import annotations

from dataclasses import dataclass

from mamnon.i18n import N_

ATTENDING, COMPLETING = "attending", "completing"
ND20_5T, ND277_3_5T = "ND20_5T", "ND277_3_5T"
MEASURE_WORDS_SHORT = {ATTENDING: N_("đang học"), COMPLETING: N_("hoàn thành CT GDMN")}

LAWNET_ND20 = ("https://lawnet.vn/giao-duc/en/what-is-the-preschool-educational-universalization-for-5-year-"
               "children-in-vietnam-3650.html")
NGHEAN24H_ND277_DRAFT = ("https://nghean24h.vn/de-xuat-tieu-chuan-cong-nhan-dat-chuan-pho-cap-giao-duc-mam-non-"
                         "cho-tre-em-tu-3-den-5-tuoi-a758400.html")


@dataclass(frozen=True)
class Threshold:
    code: str
    rule: str
    source: str
    ages: tuple[int, ...]
    measure: str
    """ATTENDING (đang học) or COMPLETING (hoàn thành chương trình GDMN của độ tuổi)."""
    normal: float
    difficult: float
    """For a xã đặc biệt khó khăn (ĐBKK)."""
    grade: str
    url: str
    pooled: bool = False
    """The rate is taken over the ages together (trẻ 3–5 tuổi), not age by age."""

    def required(self, difficult: bool) -> float:
        return self.difficult if difficult else self.normal


@dataclass(frozen=True)
class Condition:
    """A condition of recognition the census cannot count: the commune confirms it by hand each year."""

    code: str
    rule: str
    text: str
    source: str
    grade: str


@dataclass(frozen=True)
class RuleSet:
    code: str
    title: str
    """«Phổ cập GDMN trẻ 5 tuổi»."""
    short: str
    """«5 tuổi», «3–5 tuổi»: the column heading."""
    source: str
    province_normal: float | None
    """Share (%) of the province's normal communes that must be recognised; None when the text gives none."""
    province_difficult: float | None
    province_grade: str


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(ND20_5T, N_("Phổ cập GDMN cho trẻ em 5 tuổi"), N_("5 tuổi"), "NĐ 20/2014/NĐ-CP, Điều 6",
            # The decree's next step was the district (≥ 90 % of communes); districts were abolished on
            # 01/7/2025 and no province share of communes is written for this rule.
            None, None, "unverified"),
    RuleSet(ND277_3_5T, N_("Phổ cập GDMN cho trẻ em từ 3 đến 5 tuổi"), N_("3–5 tuổi"),
            "NQ 218/2025/QH15; NĐ 277/2025/NĐ-CP", 90, 85, "S"),
)
RULES_BY_CODE = {r.code: r for r in RULE_SETS}

THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("ND20_5T_HOC", ND20_5T, "NĐ 20/2014/NĐ-CP, Điều 6", (5,), ATTENDING, 95, 90, "S", LAWNET_ND20),
    Threshold("ND20_5T_HT", ND20_5T, "NĐ 20/2014/NĐ-CP, Điều 6", (5,), COMPLETING, 85, 80, "S", LAWNET_ND20),
    # The wording found (the published draft) takes both rates over the 3–5-year-olds together:
    # «tỷ lệ huy động trẻ em từ 3 đến 5 tuổi đến lớp» and «tỷ lệ trẻ em từ 3 đến 5 tuổi hoàn thành
    # Chương trình GDMN … theo độ tuổi hằng năm». The summary shows each age beside them.
    Threshold("ND277_3_5T_HOC", ND277_3_5T, "NĐ 277/2025/NĐ-CP", (3, 4, 5), ATTENDING, 90, 85, "S",
              NGHEAN24H_ND277_DRAFT, pooled=True),
    Threshold("ND277_3_5T_HT", ND277_3_5T, "NĐ 277/2025/NĐ-CP", (3, 4, 5), COMPLETING, 85, 80, "S",
              NGHEAN24H_ND277_DRAFT, pooled=True),
)

CONDITIONS: tuple[Condition, ...] = (
    Condition("ND20_GV", ND20_5T, N_("Đủ giáo viên đạt chuẩn trình độ đào tạo cho các lớp mẫu giáo 5 tuổi"),
              "TT 07/2016/TT-BGDĐT, Điều 3", "unverified"),
    Condition("ND20_CSVC", ND20_5T, N_("Đủ phòng học, đồ dùng, đồ chơi, thiết bị dạy học tối thiểu cho các lớp "
                                        "mẫu giáo 5 tuổi"), "TT 07/2016/TT-BGDĐT, Điều 3", "unverified"),
    Condition("ND277_GV", ND277_3_5T, N_("Đủ giáo viên đạt chuẩn trình độ đào tạo cho các lớp mẫu giáo 3–5 tuổi"),
              "NĐ 277/2025/NĐ-CP", "unverified"),
    Condition("ND277_CSVC", ND277_3_5T, N_("Các cơ sở GDMN của xã có đủ cơ sở vật chất, đồ dùng, đồ chơi, "
                                           "thiết bị dạy học theo quy định cho trẻ 3–5 tuổi"), "NĐ 277/2025/NĐ-CP", "S"),
)
CONDITIONS_BY_CODE = {c.code: c for c in CONDITIONS}


def thresholds_of(rule: str) -> tuple[Threshold, ...]:
    return tuple(t for t in THRESHOLDS if t.rule == rule)


def conditions_of(rule: str) -> tuple[Condition, ...]:
    return tuple(c for c in CONDITIONS if c.rule == rule)
