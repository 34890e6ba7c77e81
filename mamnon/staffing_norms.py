"""Norms for staff quality and facilities, each figure with its source and grade, in one table.

Grades as in the project's fact sheet (docs/staffing.md, docs/facilities.md):
"V" the article's own text was read, "S" one secondary source quotes it,
"U" unverified (shown to users as «chưa kiểm chứng»). Code computes only
against the figures here; the docs cite the same rows.
"""

from __future__ import annotations

# i18n-data: a table of norms, legal sources and stored values; the labels screens show are N_()

from dataclasses import dataclass

from mamnon.i18n import N_

GRADE_LABELS = {"V": N_("đã đối chiếu văn bản"), "S": N_("nguồn thứ cấp"), "U": N_("chưa kiểm chứng")}

TT19 = "Thông tư 19/2023/TT-BGDĐT, Điều 5 khoản 1"
TT52 = "Điều lệ trường mầm non (Thông tư 52/2020/TT-BGDĐT), Điều 15 khoản 1"
LUAT_GD = "Luật Giáo dục 43/2019/QH14, Điều 72"
TT26 = "Thông tư 26/2018/TT-BGDĐT (chuẩn nghề nghiệp giáo viên mầm non)"
TT02 = "Thông tư 02/2010/TT-BGDĐT, sửa đổi bởi Thông tư 34/2013/TT-BGDĐT"
TCVN3907 = "TCVN 3907:2011 (tóm tắt của bên thứ ba), được dẫn cho Thông tư 13/2020/TT-BGDĐT"


@dataclass(frozen=True)
class TeacherNorm:
    """The teacher norm of one age group: a full group/class, and the children per extra teacher."""

    age_group: str
    full_class: int
    """Children of a full group/class (equal to the class-size maximum of TT 52/2020)."""
    teachers_full: float
    """Teachers of a full group/class (a maximum in TT 19/2023)."""
    children_per_teacher: int
    """For a group with fewer children: 1.0 teacher per this many children (Điều 5 k1 c)."""
    source: str = TT19
    grade: str = "V"


TEACHER_NORMS: dict[str, TeacherNorm] = {n.age_group: n for n in (
    TeacherNorm("NT_3_12", 15, 2.5, 6),
    TeacherNorm("NT_13_24", 20, 2.5, 8),
    TeacherNorm("NT_25_36", 25, 2.5, 10),
    TeacherNorm("MG_3_4", 25, 2.2, 11),
    TeacherNorm("MG_4_5", 30, 2.2, 14),
    TeacherNorm("MG_5_6", 35, 2.2, 16),
)}

# Training (Luật Giáo dục 2019 Điều 72: cao đẳng sư phạm trở lên for preschool teachers).
STANDARD_QUALIFICATION = N_("Cao đẳng")
ABOVE_STANDARD = (N_("Đại học"), N_("Thạc sĩ"), N_("Tiến sĩ"))
PRESCHOOL_MAJOR = N_("Sư phạm mầm non")
TRAINING_MAJORS: tuple[str, ...] = (PRESCHOOL_MAJOR, N_("Ngành khác"))
TRAINING_LEVELS = {"duoi": N_("Dưới chuẩn"), "dat": N_("Đạt chuẩn"), "tren": N_("Trên chuẩn"), "chua_ro": N_("Chưa rõ")}

CONTRACT_TYPES: tuple[str, ...] = (N_("Biên chế"), N_("Hợp đồng"))

# TT 26/2018: the four grades of the yearly professional-standard assessment.
ASSESSMENT_GRADES: tuple[str, ...] = (N_("Tốt"), N_("Khá"), N_("Đạt"), N_("Chưa đạt"))
ASSESSMENT_CODES = dict(zip(ASSESSMENT_GRADES, ("TOT", "KHA", "DAT", "CHUA_DAT"), strict=True))

# ---------------------------------------------------------------- facilities

ROOM_TYPES: dict[str, str] = {
    "phong_hoc": N_("Phòng sinh hoạt chung (phòng học)"),
    "phong_ngu": N_("Phòng ngủ"),
    "ve_sinh": N_("Phòng, nhà vệ sinh"),
    "bep": N_("Bếp ăn"),
    "hanh_chinh": N_("Phòng hành chính quản trị"),
    "y_te": N_("Phòng y tế"),
    "the_chat": N_("Phòng giáo dục thể chất"),
    "nghe_thuat": N_("Phòng giáo dục nghệ thuật"),
    "da_nang": N_("Phòng đa năng"),
    "kho": N_("Kho"),
    "khac": N_("Phòng khác"),
}
"""Room blocks named as in Thông tư 13/2020/TT-BGDĐT (Điều 6–8)."""

ROOM_CONDITIONS: dict[str, str] = {"kien_co": N_("Kiên cố"), "ban_kien_co": N_("Bán kiên cố"), "tam": N_("Tạm")}

WATER_SOURCES: tuple[str, ...] = (N_("Nước máy"), N_("Giếng khoan"), N_("Giếng đào"), N_("Nước mưa"), N_("Nguồn khác"),
                                   N_("Không có"))


@dataclass(frozen=True)
class AreaNorm:
    room_type: str
    low: float
    high: float
    """m² per child."""
    source: str = TCVN3907
    grade: str = "U"


AREA_NORMS: dict[str, AreaNorm] = {n.room_type: n for n in (
    AreaNorm("phong_hoc", 1.5, 1.8),
    AreaNorm("phong_ngu", 1.2, 1.5),
    AreaNorm("ve_sinh", 0.4, 0.6),
    AreaNorm("bep", 0.30, 0.35),
)}
"""Unverified: third-party summaries disagree (1.5–1.8 vs 1.5–2.2 m² for the classroom); shown, never flagged."""


@dataclass(frozen=True)
class EquipmentItem:
    code: str
    """The item's code in the list of Thông tư 02/2010 (MN01… = nhóm trẻ 3–12 tháng)."""
    name: str
    unit: str
    per_class: int
    """Minimum count per group/class; every group and class of the school needs it."""
    source: str = TT02
    grade: str = "S"


EQUIPMENT_MINIMUM: tuple[EquipmentItem, ...] = (
    EquipmentItem("MN011001", N_("Giá phơi khăn mặt"), N_("Cái"), 1),
    EquipmentItem("MN011002", N_("Tủ (giá) ca, cốc"), N_("Cái"), 1),
    EquipmentItem("MN011003", N_("Tủ đựng đồ dùng cá nhân của trẻ"), N_("Cái"), 2),
    EquipmentItem("MN011004", N_("Tủ đựng chăn, chiếu, màn"), N_("Cái"), 2),
    EquipmentItem("TB_NUOC", N_("Thùng đựng nước có vòi"), N_("Cái"), 1, grade="U"),
    EquipmentItem("TB_RAC", N_("Thùng đựng rác"), N_("Cái"), 1, grade="U"),
    EquipmentItem("TB_GIAY", N_("Giá để giày dép"), N_("Cái"), 1, grade="U"),
)
"""A selection of key items, not the whole list. Counts seen in the 3–12-month list
(hoatieu.vn, sieuthidochoimamnon.com transcriptions); the same minimum is applied to
every group/class, which the other five lists were not checked for."""
EQUIPMENT_BY_CODE = {e.code: e for e in EQUIPMENT_MINIMUM}
