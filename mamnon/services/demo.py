"""A realistic demo school: parent units, a school year, staff, classes, children, health records.

`build_demo()` fills an EMPTY database through the ordinary services (every
record passes the same validation a user's entry does) inside one transaction,
so a demo is never half-written. Everything is drawn from `random.Random`
seeded with the seed and the school code: the same arguments give the same
school, another seed or code another one.

The parent units follow the two-tier local government in force since
1 July 2025 (no district level): a preschool is under the commune/ward
People's Committee (UBND xã/phường), itself under the province's Department of
Education and Training (Sở GD&ĐT).
"""

# i18n-data: the demo school (names, villages, dishes, reasons), stored values, not interface
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from statistics import NormalDist

from peewee import chunked

from mamnon.db import database
from mamnon.errors import ValidationError
from mamnon.formats import age_in_months, format_date
from mamnon.i18n import _
from mamnon.growth import FIRST_STANDING_DAY, InvalidMeasurement, value_for_z
from mamnon.models import Child, Enrollment, Guardian, HealthCheck, Measurement
from mamnon.reference import AGE_GROUP_BY_CODE, LEAVE_REASONS
from mamnon.services import measurements as measurements_svc
from mamnon.services import children as children_svc
from mamnon.services import classes as classes_svc
from mamnon.services import school as school_svc
from mamnon.services import staff as staff_svc
from mamnon.services.children import ChildForm, GuardianForm
from mamnon.services.classes import ClassForm
from mamnon.services.school import UnitRef
from mamnon.services.staff import StaffForm
from mamnon.vntext import fold

__all__ = ["DemoSummary", "build_demo", "current_school_year_name", "parent_units_for"]

DEFAULT_CODE = "MN-DEMO"
DEFAULT_NAME = "Trường Mầm non Hoa Sen (dữ liệu mẫu)"
DEFAULT_COMMUNE = "Xã Yên Lạc"
DEFAULT_PROVINCE = "Tỉnh Phú Thọ"
MAX_CHILDREN = 20_000


@dataclass(frozen=True)
class DemoSummary:
    code: str
    name: str
    year_name: str
    parents: tuple[UnitRef, ...]
    classes: int
    staff: int
    children: int
    """Children in school now (open enrollments)."""
    children_left: int
    children_moved: int
    guardians: int
    rounds: int = 0
    """Measuring rounds up to `today`."""
    measurements: int = 0
    health_checks: int = 0
    dishes: int = 0
    menu_days: int = 0
    """Menu days (one per date and stage) up to `today`."""
    attendance_days: int = 0
    """School days with every class's attendance marked (up to the day before `today`)."""


# ---------------------------------------------------------------- school year


def current_school_year_name(today: dt.date | None = None) -> str:
    """The school year a date falls in: from August on it is the year starting that autumn.

    >>> current_school_year_name(dt.date(2026, 11, 23))
    '2026-2027'
    >>> current_school_year_name(dt.date(2027, 3, 1))
    '2026-2027'
    """
    today = today or dt.date.today()
    first = today.year if today.month >= 8 else today.year - 1
    return f"{first}-{first + 1}"


# ---------------------------------------------------------------- hierarchy


def _unit_code(prefix: str, text: str) -> str:
    slug = re.sub(r"[^A-Z0-9]+", "-", fold(text).upper()).strip("-")
    return f"{prefix}-{slug}"[:30].rstrip("-")


def _strip_kind(text: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """("xã", "Yên Lạc") from "Xã Yên Lạc"; ("", text) when no kind word leads."""
    folded = fold(text)
    for kind in kinds:
        if folded.startswith(fold(kind) + " "):
            return kind, text[len(kind):].strip()
    return "", text.strip()


def parent_units_for(commune: str, province: str) -> list[UnitRef]:
    """Nearest parent first: UBND xã/phường, then Sở GD&ĐT of the province (since 1 July 2025)."""
    parents = []
    if commune.strip():
        kind, bare = _strip_kind(commune, ("xã", "phường", "đặc khu", "thị trấn"))
        kind = kind or "xã"
        parents.append(UnitRef(f"UBND {kind}", _unit_code("UBND", bare), f"Ủy ban nhân dân {kind} {bare}"))
    if province.strip():
        kind, bare = _strip_kind(province, ("tỉnh", "thành phố"))
        kind = kind or "tỉnh"
        parents.append(UnitRef("Sở GD&ĐT", _unit_code("SGDDT", bare), f"Sở Giáo dục và Đào tạo {kind} {bare}"))
    return parents


# ---------------------------------------------------------------- names

# (family name, weight ‰), roughly the shares of the population.
FAMILY_NAMES = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 32), ("Huỳnh", 20),
    ("Phan", 45), ("Vũ", 25), ("Võ", 14), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 8), ("Trịnh", 6), ("Mai", 4), ("Đoàn", 5),
    ("Lương", 4), ("Hà", 5), ("Tạ", 3), ("Cao", 4), ("Lâm", 3), ("Chu", 3), ("Kiều", 2),
    ("Trương", 5), ("Tô", 2), ("Nghiêm", 1), ("Khuất", 1), ("Vương", 2),
)

# Names of children born in the 2020s.
BOY_MIDDLE = (("Minh", 14), ("Gia", 12), ("Bảo", 10), ("Đức", 9), ("Văn", 8), ("Hoàng", 7),
              ("Quang", 6), ("Anh", 5), ("Đăng", 5), ("Hữu", 4), ("Tuấn", 4), ("Thành", 4),
              ("Nhật", 4), ("Trung", 3), ("Phúc", 3), ("Thiên", 3), ("Khánh", 2))
BOY_GIVEN = ("An", "Bảo", "Khang", "Khôi", "Huy", "Minh", "Nam", "Phong", "Quân", "Duy", "Đăng",
             "Lâm", "Long", "Hưng", "Kiên", "Phúc", "Sơn", "Tùng", "Vinh", "Vũ", "Hải", "Đức",
             "Trí", "Nhật", "Thịnh", "Dũng", "Hoàng", "Kiệt", "Tuấn", "Hiếu", "Thắng", "Khoa",
             "Tín", "Quang", "Lộc", "Hào", "Thái", "Bình", "Đạt", "Tiến")
GIRL_MIDDLE = (("Thị", 10), ("Ngọc", 12), ("Khánh", 9), ("Bảo", 8), ("Minh", 7), ("Phương", 6),
               ("Thu", 5), ("Gia", 5), ("Thanh", 5), ("Hà", 4), ("Diệp", 2), ("Tuệ", 3),
               ("Thảo", 3), ("Mai", 3), ("Yến", 2), ("Quỳnh", 3), ("An", 3))
GIRL_GIVEN = ("An", "Anh", "Châu", "Chi", "Diệp", "Giang", "Hà", "Hân", "Hằng", "Hoa", "Hương",
              "Lan", "Linh", "Ly", "Mai", "My", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương",
              "Quyên", "Quỳnh", "Tâm", "Thảo", "Thư", "Trang", "Trâm", "Uyên", "Vy", "Yến",
              "Nga", "Ánh", "Đan", "Hạnh", "Loan", "Tú", "Vân", "Khuê")
# Second middle names of four-word names ("Nguyễn Hoàng Gia Bảo", "Trần Ngọc Bảo Hân").
BOY_MIDDLE2 = ("Gia", "Minh", "Bảo", "Anh", "Đăng", "Quang", "Thiên", "Hải", "Tuấn", "Phúc")
GIRL_MIDDLE2 = ("Bảo", "Khánh", "Minh", "Thu", "Ngọc", "Phương", "Diệu", "Hoài", "Tường", "Thanh")

# Names of adults (parents, staff) born 1960–2000.
MAN_MIDDLE = (("Văn", 40), ("Đức", 12), ("Minh", 10), ("Quang", 8), ("Hữu", 8), ("Xuân", 5),
              ("Thanh", 5), ("Ngọc", 3), ("Trọng", 4), ("Công", 5), ("Tiến", 3), ("Mạnh", 3))
MAN_GIVEN = ("Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Thắng", "Cường", "Sơn", "Trung", "Hiếu",
             "Long", "Tùng", "Quân", "Bình", "Thành", "Tú", "Hưng", "Khoa", "Việt", "Huy",
             "Phong", "Đạt", "Toàn", "Lâm", "Thịnh", "Tâm", "Hòa", "Kiên", "Lực", "Chiến")
WOMAN_MIDDLE = (("Thị", 50), ("Ngọc", 8), ("Thu", 8), ("Thanh", 7), ("Minh", 4), ("Kim", 4),
                ("Hồng", 5), ("Phương", 4), ("Bích", 3), ("Hải", 2), ("Mỹ", 2))
WOMAN_GIVEN = ("Hương", "Lan", "Hà", "Hoa", "Mai", "Huyền", "Trang", "Hằng", "Thủy", "Nga",
               "Linh", "Ngọc", "Phương", "Thảo", "Yến", "Nhung", "Hạnh", "Loan", "Dung", "Hiền",
               "Vân", "Tuyết", "Oanh", "Quyên", "Lý", "Thơm", "Liên", "Dịu", "Luyến", "Nhàn")

# Ethnic minorities of the midland and mountain provinces: (name, weight ‰, family names).
MINORITIES = (
    ("Mường", 40, ("Đinh", "Bùi", "Quách", "Hà", "Xa")),
    ("Tày", 30, ("Hoàng", "Nông", "Ma", "Lục", "Hà")),
    ("Thái", 18, ("Lò", "Lường", "Cầm", "Vi", "Hà")),
    ("Dao", 15, ("Triệu", "Bàn", "Đặng", "Lý")),
    ("Nùng", 12, ("Hoàng", "Nông", "Lương", "Lục")),
    ("HMông", 8, ("Giàng", "Thào", "Vàng", "Sùng", "Lầu")),
    ("Sán Dìu", 6, ("Trương", "Diệp", "Lý")),
    ("Khơ-me", 4, ("Thạch", "Danh", "Sơn", "Kim")),
    ("Hoa", 3, ("Trương", "Lâm", "Quách")),
)
KINH_SHARE = 0.86
HMONG_BOY = ("Páo", "Chứ", "Sử", "Dình", "Tủa", "Pó")
HMONG_GIRL = ("Mỷ", "Dợ", "Chía", "Pằng", "Súa", "Mai")


def _weighted(rng: random.Random, pairs) -> str:
    names = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(names, weights)[0]


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def family(self, ethnicity: str = "Kinh", avoid: str = "") -> str:
        for _try in range(10):
            if ethnicity != "Kinh":
                families = next((m[2] for m in MINORITIES if m[0] == ethnicity), None)
                if families:
                    name = self.rng.choice(families)
                else:
                    name = _weighted(self.rng, FAMILY_NAMES)
            else:
                name = _weighted(self.rng, FAMILY_NAMES)
            if name != avoid:
                return name
        return name

    def child(self, sex: str, family: str, ethnicity: str = "Kinh", mother_family: str = "") -> str:
        rng = self.rng
        if ethnicity == "HMông" and rng.random() < 0.7:
            return f"{family} {'A' if sex == 'M' else 'Thị'} {rng.choice(HMONG_BOY if sex == 'M' else HMONG_GIRL)}"
        middle_pairs, given_list, middle2 = (
            (BOY_MIDDLE, BOY_GIVEN, BOY_MIDDLE2) if sex == "M" else (GIRL_MIDDLE, GIRL_GIVEN, GIRL_MIDDLE2))
        given = rng.choice(given_list)
        middle = _weighted(rng, [p for p in middle_pairs if p[0] != given])
        words = [family]
        roll = rng.random()
        if mother_family and mother_family != family and roll < 0.05:
            words.append(mother_family)  # "Nguyễn Lê Khánh Linh": both parents' family names
        elif roll < 0.20:
            second = rng.choice([m for m in middle2 if m not in (middle, given)])
            words.append(middle)
            middle = second
        words += [middle, given]
        return " ".join(words)

    def adult(self, sex: str, family: str | None = None, ethnicity: str = "Kinh") -> str:
        rng = self.rng
        family = family or self.family(ethnicity)
        if sex == "M":
            given = rng.choice(MAN_GIVEN)
            middle = _weighted(rng, [p for p in MAN_MIDDLE if p[0] != given])
        else:
            given = rng.choice(WOMAN_GIVEN)
            middle = _weighted(rng, [p for p in WOMAN_MIDDLE if p[0] != given])
        return f"{family} {middle} {given}"


# Mobile prefixes in use (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile…).
MOBILE_PREFIXES = (
    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
    "070", "076", "077", "078", "079", "089", "090", "093",
    "081", "082", "083", "084", "085", "088", "091", "094",
    "052", "056", "058", "092", "059", "099",
)


class _Phones:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self) -> str:
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10_000_000):07d}"
            if number not in self.used:
                self.used.add(number)
                return number


def _random_date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    if hi <= lo:
        return lo
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))


# ---------------------------------------------------------------- classes

# (age group, name stem, naming: "letter" -> "… A", "number" -> "… 1")
_CLASS_STEMS = {
    "NT_3_12": ("Nhà trẻ 3–12 tháng", "letter"),
    "NT_13_24": ("Nhà trẻ 13–24 tháng", "letter"),
    "NT_25_36": ("Nhà trẻ 25–36 tháng", "letter"),
    "MG_3_4": ("Mầm", "number"),
    "MG_4_5": ("Chồi", "number"),
    "MG_5_6": ("Lá", "number"),
}
# How many classes of each group for 8, 9 and 10 classes.
_CLASS_PLANS = {
    8: {"NT_3_12": 1, "NT_13_24": 1, "NT_25_36": 1, "MG_3_4": 1, "MG_4_5": 2, "MG_5_6": 2},
    9: {"NT_3_12": 1, "NT_13_24": 1, "NT_25_36": 1, "MG_3_4": 2, "MG_4_5": 2, "MG_5_6": 2},
    10: {"NT_3_12": 1, "NT_13_24": 1, "NT_25_36": 2, "MG_3_4": 2, "MG_4_5": 2, "MG_5_6": 2},
}
_GROWTH_ORDER = ("MG_5_6", "MG_4_5", "MG_3_4", "NT_25_36", "MG_5_6", "MG_4_5", "NT_13_24", "MG_3_4")


def _class_plan(rng: random.Random, n_children: int) -> dict[str, int]:
    """8–10 classes, more when the children would not fit: classes stay within their
    legal size (Thông tư 52/2020, Điều 15), at most about 95% full."""
    plan = dict(_CLASS_PLANS[rng.choice((8, 9, 10))])
    capacity = lambda: sum(AGE_GROUP_BY_CODE[g].max_children * n for g, n in plan.items())  # noqa: E731
    i = 0
    while capacity() * 0.95 < n_children:
        plan[_GROWTH_ORDER[i % len(_GROWTH_ORDER)]] += 1
        i += 1
    return plan


def _class_name(group: str, index: int, count: int) -> str:
    stem, style = _CLASS_STEMS[group]
    if style == "number":
        return f"{stem} {index + 1}"
    if count == 1 and group == "NT_3_12":
        return stem
    return f"{stem} {chr(ord('A') + index) if index < 26 else index + 1}"


def _split(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to `weights` (largest remainders)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    for i in sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)[: total - sum(counts)]:
        counts[i] += 1
    return counts


# ---------------------------------------------------------------- staff

_STAFF_PROFILE = {
    # position: (birth years, female share, qualifications with weights)
    "Hiệu trưởng": ((1972, 1984), 1.0, (("Đại học", 7), ("Thạc sĩ", 3))),
    "Phó hiệu trưởng": ((1976, 1990), 0.95, (("Đại học", 9), ("Thạc sĩ", 1))),
    "Giáo viên": ((1976, 2003), 0.97, (("Đại học", 55), ("Cao đẳng", 35), ("Trung cấp", 10))),
    "Kế toán": ((1980, 1997), 0.8, (("Đại học", 6), ("Cao đẳng", 4))),
    "Nhân viên y tế": ((1982, 2000), 0.9, (("Trung cấp", 6), ("Cao đẳng", 4))),
    "Nhân viên nấu ăn": ((1970, 1995), 0.8, (("Sơ cấp", 5), ("Trung cấp", 2), ("Chưa qua đào tạo", 3))),
    "Bảo vệ": ((1962, 1980), 0.0, (("Chưa qua đào tạo", 8), ("Sơ cấp", 2))),
}


def _staff_plan(rng: random.Random, n_classes: int) -> list[str]:
    positions = ["Hiệu trưởng"] + ["Phó hiệu trưởng"] * (2 if n_classes >= 9 else 1)
    positions += ["Giáo viên"] * (2 * n_classes + rng.choice((-1, 0, 0, 1)))
    positions += ["Kế toán", "Nhân viên y tế"]
    positions += ["Nhân viên nấu ăn"] * min(max(2, n_classes // 3 + rng.choice((0, 1))), 4 + n_classes // 12)
    positions += ["Bảo vệ"]
    return positions


# ---------------------------------------------------------------- children

VILLAGES = ("Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn 7", "Thôn 8",
            "Xóm Đông", "Xóm Đoài", "Xóm Trại", "Xóm Chùa", "Thôn Thượng", "Thôn Hạ", "Thôn Đồng Tâm",
            "Thôn Tân Phong", "Thôn An Lạc", "Khu Phố Mới")
DISABILITIES = ("Khuyết tật vận động (mức độ nhẹ)", "Khuyết tật nghe, nói (mức độ nặng)",
                "Khuyết tật trí tuệ (mức độ nhẹ)", "Khuyết tật nhìn (mức độ nhẹ)")
NOTES = ("Dị ứng sữa bò.", "Dị ứng hải sản (tôm, cua).", "Hay ốm vặt, cần theo dõi sức khỏe.",
         "Suy dinh dưỡng nhẹ, theo dõi cân nặng hằng tháng.", "Đón muộn thứ Sáu (bố mẹ làm ca).",
         "Không ăn được trứng.")


def _policy(rng: random.Random, ethnicity: str) -> str:
    roll = rng.random()
    if ethnicity not in ("Kinh", "Hoa") and roll < 0.25:
        return "Dân tộc thiểu số ở vùng đặc biệt khó khăn"
    if roll < 0.035:
        return "Hộ nghèo"
    if roll < 0.065:
        return "Hộ cận nghèo"
    if roll < 0.072:
        return "Con thương binh, liệt sĩ, người có công"
    if roll < 0.078:
        return "Mồ côi cha hoặc mẹ"
    if roll < 0.080:
        return "Mồ côi cả cha và mẹ"
    return ""


def _guardians(rng: random.Random, names: _Names, phones: _Phones, family: str, ethnicity: str,
               mother_family: str, father_given: str, policy: str) -> list[GuardianForm]:
    father = GuardianForm(f"{family} {father_given}", "Bố", phones.new() if rng.random() < 0.9 else "")
    mother = GuardianForm(names.adult("F", mother_family, ethnicity), "Mẹ", phones.new())
    if policy == "Mồ côi cả cha và mẹ":
        return [GuardianForm(names.adult("F", names.family(ethnicity), ethnicity), "Bà", phones.new()),
                GuardianForm(names.adult("M", family, ethnicity), "Ông" if rng.random() < 0.5 else "Chú",
                             phones.new() if rng.random() < 0.6 else "")]
    if policy == "Mồ côi cha hoặc mẹ":
        return [mother] if rng.random() < 0.7 else [father]
    roll = rng.random()
    if roll < 0.80:
        return [father, mother] if rng.random() < 0.6 else [mother, father]
    if roll < 0.90:
        return [mother]
    if roll < 0.95:
        grand = GuardianForm(names.adult("F", names.family(ethnicity), ethnicity), "Bà", phones.new())
        return [mother, grand]
    return [father]


# ---------------------------------------------------------------- the demo


def build_demo(
    *,
    code: str = DEFAULT_CODE,
    name: str = DEFAULT_NAME,
    children: int = 250,
    seed: int = 0,
    year_name: str | None = None,
    commune: str = DEFAULT_COMMUNE,
    province: str = DEFAULT_PROVINCE,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo school of `children` children (current ones).

    Raises ValidationError (nothing written) when the database already has a
    school or an argument is out of range.
    """
    today = today or dt.date.today()
    if school_svc.is_initialised():
        raise ValidationError({"code": _("Cơ sở dữ liệu này đã có trường: dữ liệu mẫu chỉ tạo trong tệp trống "
                                         "(hãy chọn tệp khác, ví dụ --db mau.sqlite).")})
    if not isinstance(children, int) or not 0 <= children <= MAX_CHILDREN:
        raise ValidationError({"children": _("Số trẻ của dữ liệu mẫu phải từ 0 đến {n}.").format(n=MAX_CHILDREN)})
    year_name = year_name or current_school_year_name(today)
    try:
        first, _end = school_svc.parse_year_name(year_name)
    except ValueError as exc:
        raise ValidationError({"year_name": str(exc)}) from None
    latest, _end = school_svc.parse_year_name(current_school_year_name(today))
    if not latest - 2 <= first <= latest:
        raise ValidationError({"year_name": _("Năm học của dữ liệu mẫu phải từ {first} đến {last} "
                                              "(để tuổi của trẻ hợp lý).").format(
            first=f"{latest - 2}-{latest - 1}", last=f"{latest}-{latest + 1}")})

    rng = random.Random(f"mamnon-demo|{seed}|{code}")
    names = _Names(rng)
    phones = _Phones(rng)
    parents = parent_units_for(commune, province)

    with database.atomic():
        info = school_svc.init_school(code=code, name=name, commune=commune, province=province,
                                      year_name=year_name, parents=parents)
        year = info.year
        # What has happened so far this year (moves, leaving) happens before `now`.
        now = min(max(today, year.start_date + dt.timedelta(days=45)), year.end_date)

        # Staff
        plan = _class_plan(rng, children)
        n_classes = sum(plan.values())
        teachers = []
        staff_count = 0
        nurse = ""
        for position in _staff_plan(rng, n_classes):
            (y0, y1), female, quals = _STAFF_PROFILE[position]
            sex = "F" if rng.random() < female else "M"
            birth = _random_date(rng, dt.date(y0, 1, 1), dt.date(y1, 12, 31))
            started = _random_date(rng, max(dt.date(birth.year + 21, 8, 1), dt.date(first - 30, 8, 1)),
                                   min(dt.date(first, 8, 15), today))
            ethnicity = "Kinh" if rng.random() < 0.9 else _weighted(rng, [m[:2] for m in MINORITIES[:3]])
            row = staff_svc.create_staff(StaffForm(
                full_name=names.adult(sex, ethnicity=ethnicity), birth_date=format_date(birth), sex=sex,
                ethnicity=ethnicity, position=position, qualification=_weighted(rng, quals),
                phone=phones.new(), started_on=format_date(started),
            ))
            staff_count += 1
            if position == "Giáo viên":
                teachers.append(row.id)
            if position == "Nhân viên y tế" and not nurse:
                nurse = row.full_name

        # Classes, each with a main teacher
        class_rows = []
        room = 0
        t = 0
        for group, count in plan.items():
            for i in range(count):
                room += 1
                teacher = teachers[t % len(teachers)] if teachers and t < len(teachers) else None
                t += 2
                class_rows.append(classes_svc.create_class(ClassForm(
                    name=_class_name(group, i, count), age_group=group, main_teacher_id=teacher,
                    room=f"Phòng {100 * (1 + (room - 1) // 6) + (room - 1) % 6 + 1}",
                )))

        # Children, in proportion to the class-size limits
        n_left = min(children, 2 + (rng.random() < 0.5)) if children else 0
        counts = _split(children + n_left, [AGE_GROUP_BY_CODE[c.age_group].max_children for c in class_rows])
        villages = rng.sample(VILLAGES, 7)
        n_disabled = max(2, children // 150) if children >= 20 else 0
        disabled_at = set(rng.sample(range(children + n_left), n_disabled)) if n_disabled else set()
        number = 0
        forms: list[ChildForm] = []
        placed: list[tuple[int, dt.date]] = []  # (class index, enrolled on) of each form
        for ci, (cls, count) in enumerate(zip(class_rows, counts)):
            group = AGE_GROUP_BY_CODE[cls.age_group]
            for _i in range(count):
                birth, enrolled = _birth_and_entry(rng, group.code, group.years_before_school_year,
                                                   year.start_date, now, today)
                sex = "M" if rng.random() < 0.51 else "F"
                if rng.random() < KINH_SHARE:
                    ethnicity = "Kinh"
                else:
                    ethnicity = _weighted(rng, [m[:2] for m in MINORITIES])
                family = names.family(ethnicity)
                mother_family = names.family(ethnicity if rng.random() < 0.7 else "Kinh", avoid=family)
                father_given = names.adult("M", family).split(" ", 1)[1]
                policy = _policy(rng, ethnicity)
                form = ChildForm(
                    full_name=names.child(sex, family, ethnicity, mother_family),
                    birth_date=format_date(birth), sex=sex, code=f"HS{number + 1:05d}", class_id=cls.id,
                    enrolled_on=format_date(enrolled), ethnicity=ethnicity,
                    village=rng.choice(villages), commune=commune, province=province,
                    disability=rng.choice(DISABILITIES) if number in disabled_at else "",
                    policy_category=policy, note=rng.choice(NOTES) if rng.random() < 0.03 else "",
                    guardians=_guardians(rng, names, phones, family, ethnicity, mother_family,
                                         father_given, policy),
                )
                forms.append(form)
                placed.append((ci, enrolled))
                number += 1
        ids = children_svc.create_children(forms, today=today)
        created = [(child_id, ci, enrolled) for child_id, (ci, enrolled) in zip(ids, placed)]

        # A few children moved between classes of the same age group, a couple left.
        by_group: dict[str, list[int]] = {}
        for ci, cls in enumerate(class_rows):
            by_group.setdefault(cls.age_group, []).append(ci)
        order = list(range(len(created)))
        rng.shuffle(order)
        leaving = order[:n_left]
        sizes = list(counts)
        for k in leaving:
            child_id, ci, enrolled = created[k]
            sizes[ci] -= 1
            on = _random_date(rng, min(enrolled + dt.timedelta(days=14), now), now)
            children_svc.mark_left(child_id, on, rng.choice(LEAVE_REASONS[:2]))
        moved = 0
        wanted = min(8, max(3, children // 50)) if children >= 10 else 0
        for k in order[n_left:]:
            if moved >= wanted:
                break
            child_id, ci, enrolled = created[k]
            others = [o for o in by_group[class_rows[ci].age_group]
                      if o != ci and sizes[o] < class_rows[o].max_children]
            if not others:
                continue
            on = _random_date(rng, min(enrolled + dt.timedelta(days=7), now), now)
            target = rng.choice(others)
            children_svc.move_child(child_id, class_rows[target].id, on)
            sizes[ci] -= 1
            sizes[target] += 1
            moved += 1

        # Measuring rounds and health checks so far, from their own random stream
        # (the school above stays the same whatever is added here).
        health_rng = random.Random(f"mamnon-demo-health|{seed}|{code}")
        n_rounds, n_measurements = _measuring_rounds(health_rng, year, class_rows, today)
        n_checks = _health_checks(health_rng, year, today, nurse or "Trạm Y tế xã")
        # Meals: prices, dishes and menu days, again from their own random stream.
        # Attendance up to yesterday; the meals' head-counts are its present children.
        present = _demo_attendance(random.Random(f"mamnon-demo-attendance|{seed}|{code}"), year, today)
        n_dishes, n_menu_days = _demo_meals(random.Random(f"mamnon-demo-meals|{seed}|{code}"), year, today,
                                            present)
        # Staff quality and facilities (sites, rooms, equipment), their own random stream too.
        from mamnon.services.demo_staffing import fill_staffing_and_facilities
        fill_staffing_and_facilities(random.Random(f"mamnon-demo-staffing|{seed}|{code}"), year_name=year.name,
                                     n_classes=n_classes, commune=commune,
                                     counted_on=min(today, year.start_date + dt.timedelta(days=20)), today=today)
        # The phổ cập census of the commune (its own random stream).
        from mamnon.services.demo_census import fill_demo_census
        fill_demo_census(random.Random(f"mamnon-demo-census|{seed}|{code}"), commune=commune,
                         year=year.start_date.year, today=today)
        # A few children with lunch support (hỗ trợ ăn trưa), so its screen and form show real figures.
        _demo_lunch_support(random.Random(f"mamnon-demo-lunch|{seed}|{code}"), year=year, today=today)

    return DemoSummary(
        code=info.code, name=info.name, year_name=year.name, parents=info.parents,
        classes=len(class_rows), staff=staff_count, children=children_svc.count_children(),
        children_left=n_left, children_moved=moved, guardians=Guardian.select().count(),
        rounds=n_rounds, measurements=n_measurements, health_checks=n_checks,
        dishes=n_dishes, menu_days=n_menu_days, attendance_days=len({d for d, _stage in present}),
    )


# ---------------------------------------------------------------- health

# Latent z-scores of each child, kept from round to round: height-for-age
# N(−0.75, 1) (≈ 10 % stunted), weight-for-height N(−0.2, 1), a little correlated
# with height (short children are more often thin), so a few % are wasted, a few %
# overweight and ≈ 8 % underweight — the brief's N(−0.6, 1) / N(−0.1, 1) gave only
# ≈ 4 % underweight. Drawn stratified (_stratified_normal), so every school is
# close to these shares. Height comes from the height-for-age z (growth.value_for_z),
# weight from the weight-for-length/height z at that height (BMI-for-age after 60 months).
HFA_MEAN, HFA_SD, HFA_NOISE = -0.75, 1.0, 0.08
WFH_MEAN, WFH_SD, WFH_NOISE = -0.2, 1.0, 0.15
WFH_HFA_CORR = 0.3
ABSENT_SHARE = 0.06
FLAGGED_WFH_Z = 5.6
ILLNESS_WEIGHT_FACTOR = 0.74
_NORMAL = NormalDist()


def _stratified_normal(rng: random.Random, n: int) -> list[float]:
    """n standard normal draws, one from each of n equal-probability slices, shuffled:
    random children, but the school's shares (stunted, underweight…) close to the target."""
    draws = [_NORMAL.inv_cdf((i + rng.random()) / n) for i in range(n)]
    rng.shuffle(draws)
    return draws


def _latent_z(rng: random.Random, child_ids: list[int]) -> dict[int, tuple[float, float]]:
    """Each child's (height-for-age, weight-for-height) z, kept from round to round."""
    h = _stratified_normal(rng, len(child_ids))
    w = _stratified_normal(rng, len(child_ids))
    k = (1.0 - WFH_HFA_CORR ** 2) ** 0.5
    return {cid: (HFA_MEAN + HFA_SD * hi, WFH_MEAN + WFH_SD * (WFH_HFA_CORR * hi + k * wi))
            for cid, hi, wi in zip(child_ids, h, w)}


def _round_plan(year, class_rows, today: dt.date) -> list[tuple[dt.date, object]]:
    """(date, class row or None) of the rounds up to `today`: whole school in September,
    December and March; monthly in between for the classes under 24 months."""
    first = year.start_date.year
    plan = [(year.start_date + dt.timedelta(days=14), None), (dt.date(first, 12, 15), None),
            (dt.date(first + 1, 3, 15), None)]
    little = [c for c in class_rows if c.age_group in ("NT_3_12", "NT_13_24")]
    for y, m in ((first, 10), (first, 11), (first + 1, 1), (first + 1, 2), (first + 1, 4), (first + 1, 5)):
        plan += [(dt.date(y, m, 15), c) for c in little]
    last = min(today, year.end_date)
    plan = [(d, c) for d, c in plan if year.start_date <= d <= last]
    plan.sort(key=lambda p: p[0])  # stable: classes stay in the school's order
    return plan


def _demo_values(sex: str, birth: dt.date, on: dt.date, hfa_z: float, wfh_z: float
                 ) -> tuple[float, float, bool]:
    """(weight kg, height cm, lying) of a child with these z-scores, to 0.1."""
    days = (on - birth).days
    lying = age_in_months(birth, on) < measurements_svc.LYING_UNDER_MONTHS
    reference = value_for_z("hfa", sex, z=hfa_z, age_days=days)  # length under 731 days, height after
    if lying and days >= FIRST_STANDING_DAY:
        measured = reference + 0.7
    elif not lying and days < FIRST_STANDING_DAY:
        measured = reference - 0.7
    else:
        measured = reference
    height = round(measured, 1)
    try:
        weight = value_for_z("wfh", sex, z=wfh_z, age_days=days, height_cm=reference)
    except InvalidMeasurement:  # over 60 months, or off the weight-for-height table: BMI-for-age
        weight = value_for_z("bfa", sex, z=wfh_z, age_days=days) * reference * reference / 10000.0
    return round(weight, 1), height, lying


def _measuring_rounds(rng: random.Random, year, class_rows, today: dt.date) -> tuple[int, int]:
    plan = _round_plan(year, class_rows, today)
    if not plan:
        return 0, 0
    latent = _latent_z(rng, [c.id for c in Child.select(Child.id).order_by(Child.id)])
    previous: dict[int, measurements_svc.Previous] = {}
    rows = []
    # One child with a confirmed WHO-implausible weight-for-height (very obese, re-weighed),
    # one child who lost weight after an illness before the last whole-school round.
    first_sheet = measurements_svc.enrolled_on(plan[0][0], plan[0][1].id if plan[0][1] else None)
    candidates = [e for e in first_sheet if e.age_group in ("MG_3_4", "MG_4_5")]
    flagged_child = rng.choice(candidates).child_id if candidates else None
    whole = [d for d, c in plan if c is None]
    ill_round = whole[-1] if len(whole) >= 2 else None
    ill_child = None
    for day, cls in plan:
        rnd = measurements_svc.create_round(day, class_id=cls.id if cls is not None else None, year_id=year.id,
                                            today=today)
        sheet = measurements_svc.enrolled_on(day, rnd.class_id)
        if day == ill_round:
            known = [e.child_id for e in sheet if e.child_id in previous and e.child_id != flagged_child
                     and e.age_group.startswith("MG")]
            ill_child = rng.choice(known) if known else None
        for e in sheet:
            on = day
            if rng.random() < ABSENT_SHARE:
                on = day + dt.timedelta(days=rng.randint(2, 10))
                if rng.random() < 0.5 or on > today:
                    continue  # absent, not measured in this round
            hz, wz = latent[e.child_id]
            note = ""
            if e.child_id == flagged_child:
                hz, wz, note = hz, FLAGGED_WFH_Z, "Trẻ béo phì, đã cân đo lại: số đo đúng."
            else:
                hz, wz = hz + rng.gauss(0, HFA_NOISE), wz + rng.gauss(0, WFH_NOISE)
            weight, height, lying = _demo_values(e.sex, e.birth_date, on, hz, wz)
            if e.child_id == ill_child and day == ill_round:
                weight = round(weight * ILLNESS_WEIGHT_FACTOR, 1)
                note = "Trẻ ốm (sốt xuất huyết) hai tuần trước khi cân, sụt cân."
            z, c, reasons = measurements_svc.assess(e.sex, e.birth_date, on, weight, height, lying,
                                                    previous.get(e.child_id))
            previous[e.child_id] = measurements_svc.Previous(on, weight, height, lying)
            now = dt.datetime.combine(on, dt.time(9, 0))
            rows.append({
                "measurement_round": rnd.id, "child": e.child_id, "measured_on": on, "weight_kg": weight,
                "height_cm": height, "lying": lying, **measurements_svc.measurement_columns(z, c),
                "confirmed": bool(reasons), "reasons": "\n".join(reasons), "note": note,
                "created_at": now, "updated_at": now,
            })
    for batch in chunked(rows, 500):
        Measurement.insert_many(batch).execute()
    return len(plan), len(rows)


# (field, finding, share among nhà trẻ, share among mẫu giáo)
FINDINGS = (
    ("teeth", "Sâu răng", 0.02, 0.10),
    ("ent", "Viêm mũi", 0.04, 0.03),
    ("ent", "Viêm họng", 0.02, 0.02),
    ("skin", "Chàm da", 0.03, 0.01),
    ("eyes", "Viêm kết mạc", 0.01, 0.01),
    ("other", "Thiếu máu nhẹ (da xanh)", 0.01, 0.01),
)
ADVICE = {
    "teeth": "Hướng dẫn phụ huynh cho trẻ khám nha khoa, chải răng sau ăn.",
    "ent": "Theo dõi, hướng dẫn phụ huynh đưa trẻ khám tai mũi họng.",
    "skin": "Hướng dẫn phụ huynh đưa trẻ khám da liễu.",
    "eyes": "Hướng dẫn phụ huynh đưa trẻ khám mắt.",
    "other": "Theo dõi, tư vấn dinh dưỡng cho phụ huynh.",
}


def _health_checks(rng: random.Random, year, today: dt.date, examiner: str) -> int:
    """Two whole-school health checks a year (October, March), those up to `today`."""
    first = year.start_date.year
    rows = []
    for day in (dt.date(first, 10, 8), dt.date(first + 1, 3, 24)):
        if not year.start_date <= day <= min(today, year.end_date):
            continue
        now = dt.datetime.combine(day, dt.time(14, 0))
        for e in measurements_svc.enrolled_on(day):
            if rng.random() < 0.03:
                continue  # absent that day
            stage = AGE_GROUP_BY_CODE[e.age_group].stage
            row = {"child": e.child_id, "checked_on": day, "examiner": examiner, "eyes": "", "teeth": "",
                   "ent": "", "skin": "", "heart_lung": "", "other": "", "conclusion": "",
                   "created_at": now, "updated_at": now}
            for key, finding, nha_tre, mau_giao in FINDINGS:
                if not row[key] and rng.random() < (nha_tre if stage == "nha_tre" else mau_giao):
                    row[key] = finding
                    row["conclusion"] = row["conclusion"] or ADVICE[key]
            rows.append(row)
    for batch in chunked(rows, 500):
        HealthCheck.insert_many(batch).execute()
    return len(rows)


def _birth_and_entry(rng: random.Random, group: str, years_before: tuple[int, ...], year_start: dt.date,
                     now: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """A birth date in the group's birth years and the day the child came (mostly the first week)."""
    first = year_start.year
    late = rng.random() < 0.1
    entry = _random_date(rng, year_start + dt.timedelta(days=14), now) if late else \
        _random_date(rng, year_start, year_start + dt.timedelta(days=6))
    if group == "NT_3_12":
        # At least 3 months old when they come, at most 12 months at the start of the year.
        lo = max(dt.date(first - max(years_before), 1, 1), year_start - dt.timedelta(days=364))
        hi = min(dt.date(first - min(years_before), 12, 31), now - dt.timedelta(days=92), today)
        birth = _random_date(rng, lo, hi)
        entry = max(entry, min(birth + dt.timedelta(days=92), now))
        return birth, entry
    k = rng.choice(years_before)
    birth = _random_date(rng, dt.date(first - k, 1, 1), min(dt.date(first - k, 12, 31), entry, today))
    return birth, entry


# ---------------------------------------------------------------- meals
#
# Dishes of a rural northern preschool kitchen, from the 2007 food table's codes,
# with edible grams per child (nhà trẻ, mẫu giáo); prices of 2026 per kg (đồng) at
# the commune market / suppliers; menu days on school days (Mon–Fri) up to
# `today`, both stages, from their own random stream "mamnon-demo-meals|…" so the
# rest of the demo stays the same. Every record goes through menus/foods services.

DEMO_FEE_PER_CHILD = {"nha_tre": 19_000, "mau_giao": 21_000}
"""The demo's meal fee per child per school day (đồng), near the demo menus' average cost (docs/meals.md)."""
MEAL_ABSENT_SHARE = 0.06
DEMO_HOLIDAYS = ((9, 1), (9, 2), (1, 1), (4, 30), (5, 1))
TET = {2026: dt.date(2026, 2, 17), 2027: dt.date(2027, 2, 6), 2028: dt.date(2028, 1, 26),
       2029: dt.date(2029, 2, 13), 2030: dt.date(2030, 2, 3), 2031: dt.date(2031, 1, 23)}
"""Mùng 1 Tết Nguyên đán (lunar new year); the demo school closes from 3 days before to 5 after."""


def holiday_reason(day: dt.date) -> str:
    """Why the demo school is closed on a weekday ("" when it is open)."""
    tet = TET.get(day.year)
    if tet is not None and -3 <= (day - tet).days <= 5:
        return "Nghỉ Tết Nguyên đán"
    return {(9, 1): "Nghỉ lễ Quốc khánh", (9, 2): "Quốc khánh 2/9", (1, 1): "Tết Dương lịch",
            (4, 30): "Ngày Giải phóng miền Nam 30/4", (5, 1): "Quốc tế Lao động 1/5"}.get((day.month, day.day), "")


def is_demo_holiday(day: dt.date) -> bool:
    tet = TET.get(day.year)
    if tet is not None and -3 <= (day - tet).days <= 5:
        return True
    return (day.month, day.day) in DEMO_HOLIDAYS

# code: (price đ/kg, supplier)
_MARKET = "Chợ xã"
_COOP = "HTX Nông nghiệp xã"
_DAIRY = "Đại lý sữa Minh Hà"
DEMO_PRICES = {
    "1004": (19_000, "Đại lý gạo Thanh Bình"), "1013": (18_000, _MARKET), "1020": (16_000, _MARKET),
    "2015": (70_000, _MARKET), "3010": (45_000, _COOP), "3025": (30_000, "Lò đậu phụ bà Lan"),
    "4002": (15_000, _COOP), "4003": (18_000, _COOP), "4005": (25_000, _COOP), "4007": (22_000, _COOP),
    "4016": (20_000, _COOP), "4038": (40_000, _COOP), "4086": (30_000, _COOP), "4096": (15_000, _COOP),
    "4010": (15_000, _COOP), "5007": (22_000, _MARKET), "5011": (15_000, _MARKET), "5017": (18_000, _MARKET),
    "6011": (55_000, "Cửa hàng tạp hóa Hương"), "7013": (110_000, "Trại gà Đồng Tâm"),
    "7017": (135_000, "Lò mổ Hòa Bình"), "7018": (120_000, "Lò mổ Hòa Bình"), "7003": (260_000, "Lò mổ Hòa Bình"),
    "8024": (60_000, "Ao cá ông Sơn"), "8052": (180_000, _MARKET), "9001": (50_000, "Trại gà Đồng Tâm"),
    "10001": (32_000, _DAIRY), "10004": (45_000, _DAIRY), "12014": (24_000, "Cửa hàng tạp hóa Hương"),
    "13017": (40_000, "Cửa hàng tạp hóa Hương"),
}

# name, meal kind, [(food code, grams nhà trẻ, grams mẫu giáo)]
DEMO_DISHES = (
    ("Cơm tẻ", "com", [("1004", 37, 68)]),
    ("Thịt kho trứng", "man", [("7018", 22, 25), ("9001", 18, 20), ("13017", 3, 4), ("12014", 2, 2)]),
    ("Cá rô phi sốt cà chua", "man", [("8024", 40, 45), ("4005", 15, 18), ("6011", 6, 6), ("13017", 3, 4)]),
    ("Đậu phụ sốt thịt", "man", [("3025", 30, 35), ("7018", 22, 26), ("4005", 10, 10), ("6011", 5, 5),
                                  ("13017", 3, 3)]),
    ("Tôm rim thịt", "man", [("8052", 20, 22), ("7018", 22, 26), ("6011", 4, 4), ("13017", 3, 3),
                              ("12014", 2, 2)]),
    ("Trứng đúc thịt", "man", [("9001", 28, 32), ("7017", 18, 20), ("6011", 6, 6), ("4038", 2, 2)]),
    ("Gà kho gừng", "man", [("7013", 38, 42), ("6011", 4, 5), ("13017", 3, 3), ("12014", 1, 1)]),
    ("Thịt bò xào cà rốt", "man", [("7003", 25, 28), ("4007", 15, 18), ("6011", 6, 6), ("13017", 2, 3)]),
    ("Thịt lợn băm xào đậu phụ", "man", [("7018", 25, 28), ("3025", 20, 25), ("6011", 5, 5), ("13017", 3, 3)]),
    ("Canh rau ngót thịt băm", "canh", [("4086", 20, 25), ("7017", 8, 10), ("6011", 3, 2), ("13017", 2, 2)]),
    ("Canh bí đỏ nấu thịt", "canh", [("4003", 25, 30), ("7017", 8, 10), ("6011", 3, 2), ("13017", 2, 2)]),
    ("Canh bí xanh nấu tôm", "canh", [("4002", 25, 30), ("8052", 6, 8), ("6011", 3, 2), ("13017", 2, 2)]),
    ("Canh cải xanh nấu thịt", "canh", [("4016", 20, 25), ("7017", 8, 10), ("6011", 3, 2), ("13017", 2, 2)]),
    ("Canh chua cá nấu cà chua", "canh", [("4005", 15, 18), ("8024", 10, 12), ("6011", 3, 2), ("13017", 2, 2)]),
    ("Canh su hào cà rốt nấu thịt", "canh", [("4096", 20, 25), ("4007", 8, 10), ("7017", 6, 8),
                                            ("6011", 3, 2), ("13017", 2, 2)]),
    ("Canh bắp cải nấu thịt", "canh", [("4010", 20, 25), ("7017", 8, 10), ("6011", 3, 2), ("13017", 2, 2)]),
    ("Cháo thịt bí đỏ", "chieu", [("1004", 41, 24), ("7017", 20, 18), ("4003", 12, 10), ("6011", 7, 4)]),
    ("Cháo tôm rau cải", "chieu", [("1004", 41, 24), ("8052", 18, 16), ("4016", 10, 10), ("6011", 7, 4)]),
    ("Bún thịt nấu cà chua", "chieu", [("1020", 120, 75), ("7017", 20, 18), ("4005", 12, 12), ("6011", 7, 4)]),
    ("Phở gà", "chieu", [("1013", 110, 75), ("7013", 22, 20), ("4038", 2, 2), ("6011", 6, 2)]),
    ("Miến nấu gà", "chieu", [("2015", 35, 20), ("7013", 22, 20), ("4038", 2, 2), ("6011", 7, 4)]),
    ("Cháo gà đậu xanh", "chieu", [("1004", 37, 22), ("3010", 8, 6), ("7013", 20, 18), ("6011", 7, 4)]),
    ("Sữa tươi", "phu", [("10001", 100, 150)]),
    ("Sữa chua", "phu", [("10004", 80, 100), ("12014", 4, 5)]),
    ("Bánh flan", "phu", [("9001", 15, 18), ("10001", 60, 70), ("12014", 8, 9)]),
    ("Chuối tiêu", "qua", [("5007", 50, 60)]),
    ("Dưa hấu", "qua", [("5011", 100, 120)]),
    ("Đu đủ chín", "qua", [("5017", 80, 100)]),
    ("Chè đậu xanh", "phu", [("3010", 12, 14), ("12014", 10, 10)]),
)
_SNACK_MILK = ("Sữa tươi", "Sữa chua", "Bánh flan")


def _school_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5 and not is_demo_holiday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _demo_attendance(rng: random.Random, year, today: dt.date) -> dict[tuple[dt.date, str], int]:
    """The school calendar's holidays and every class's marks up to yesterday (today is left to the
    user); returns the children present per (day, stage), which the demo meals then feed."""
    from mamnon.models import AttendanceMark, CalendarDay, SchoolClass

    end = min(today - dt.timedelta(days=1), year.end_date)
    day = year.start_date
    holidays = []
    while day <= year.end_date:
        if day.weekday() < 5 and holiday_reason(day):
            holidays.append({"date": day, "is_school_day": False, "reason": holiday_reason(day)})
        day += dt.timedelta(days=1)
    stays = (Enrollment.select(Enrollment.child, Enrollment.school_class, Enrollment.start_date,
                               Enrollment.end_date, Child.left_on, SchoolClass.age_group)
             .join(Child, on=(Enrollment.child == Child.id)).switch(Enrollment)
             .join(SchoolClass, on=(Enrollment.school_class == SchoolClass.id)).tuples())
    stays = [(c, k, s, e, left, AGE_GROUP_BY_CODE[g].stage) for c, k, s, e, left, g in stays]
    present: dict[tuple[dt.date, str], int] = {}
    rows = []
    now = dt.datetime.combine(end, dt.time(16, 30))
    for day in _school_days(year.start_date, end):
        for child, class_id, start, stop, left, stage in stays:
            if start <= day and (stop is None or stop > day) and (left is None or left > day):
                r = rng.random()
                mark = "x" if r >= MEAL_ABSENT_SHARE else ("P" if r < MEAL_ABSENT_SHARE * 2 / 3 else "K")
                rows.append({"child": child, "school_class": class_id, "date": day, "mark": mark, "note": "",
                             "created_at": now, "updated_at": now})
                if mark == "x":
                    present[(day, stage)] = present.get((day, stage), 0) + 1
    with database.atomic():
        for batch in chunked(holidays, 200):
            CalendarDay.insert_many(batch).execute()
        for batch in chunked(rows, 300):
            AttendanceMark.insert_many(batch).execute()
    return present


def _stage_counts(days: list[dt.date]) -> dict[tuple[dt.date, str], int]:
    """Children enrolled in each stage on each day (one query, counted here)."""
    from mamnon.models import SchoolClass
    stays = (Enrollment.select(Enrollment.start_date, Enrollment.end_date, Child.left_on, SchoolClass.age_group)
             .join(Child, on=(Enrollment.child == Child.id)).switch(Enrollment)
             .join(SchoolClass, on=(Enrollment.school_class == SchoolClass.id)).tuples())
    stays = [(s, e, left, AGE_GROUP_BY_CODE[g].stage) for s, e, left, g in stays]
    counts: dict[tuple[dt.date, str], int] = {}
    for day in days:
        for s, e, left, stage in stays:
            if s <= day and (e is None or e > day) and (left is None or left > day):
                counts[(day, stage)] = counts.get((day, stage), 0) + 1
    return counts


def _demo_meals(rng: random.Random, year, today: dt.date,
                present: dict[tuple[dt.date, str], int] | None = None) -> tuple[int, int]:
    """Prices, dishes and the menu days so far; returns (dishes, menu days)."""
    from mamnon.services import foods as foods_svc
    from mamnon.services import menus as menus_svc

    foods_svc.seed_catalogue()
    menus_svc.seed_norm_sets()
    food_ids = {}
    for code, (price, supplier) in DEMO_PRICES.items():
        food = foods_svc.get_food_by_code(code)
        food_ids[code] = food.id
        foods_svc.set_price(food.id, str(price), supplier)
    by_kind: dict[str, list[int]] = {}
    for name, kind, parts in DEMO_DISHES:
        row = menus_svc.create_dish(menus_svc.DishForm(name=name, ingredients=[
            menus_svc.IngredientForm(food_ids[code], f"{nt:g}", f"{mg:g}") for code, nt, mg in parts]))
        by_kind.setdefault(kind, []).append(row.id)
    snack_ids = {menus_svc.list_dishes(n)[0].id for n in _SNACK_MILK}

    days = _school_days(year.start_date, min(today, year.end_date))
    counts = _stage_counts(days)
    n_days = 0
    week: dict[str, list[int]] = {}
    for day in days:
        if day.weekday() == 0 or not week:
            week = {kind: rng.sample(ids, len(ids)) for kind, ids in by_kind.items()}
        pick = {kind: ids[day.weekday() % len(ids)] for kind, ids in week.items()}
        # a milk snack at least every other day
        snack = pick["phu"] if day.weekday() % 2 or pick["phu"] in snack_ids else rng.choice(sorted(snack_ids))
        items = [("trua", by_kind["com"][0]), ("trua", pick["man"]), ("trua", pick["canh"]), ("trua", pick["qua"]),
                 ("chieu", pick["chieu"]), ("phu", snack)]
        for stage in ("nha_tre", "mau_giao"):
            enrolled = counts.get((day, stage), 0)
            eating = enrolled - sum(rng.random() < MEAL_ABSENT_SHARE for _i in range(enrolled))
            if present is not None and day < today:
                eating = present.get((day, stage), 0)  # what the teachers marked (the same as attendance)
            if eating <= 0:
                continue
            menus_svc.save_menu_day(menus_svc.MenuDayForm(
                date=day, stage=stage, children_count=str(eating), fee_per_child=str(DEMO_FEE_PER_CHILD[stage]),
                items=items))
            n_days += 1
    return len(DEMO_DISHES), n_days


def _demo_lunch_support(rng: random.Random, *, year, today: dt.date) -> None:
    """About one child in twelve aged 3–5 (by birth year, as the decree counts) from a poor household or a
    difficult village, supported from the start of the school year (or enrolment) to its end."""
    from mamnon.services import lunch_support
    from mamnon.services.measurements import enrolled_on

    start = max(year.start_date, lunch_support.RATES[0].effective_from)
    if start > year.end_date:
        return  # a school year before the decree: nothing to support
    day = max(min(today, year.end_date), year.start_date)
    eligible = [c for c in enrolled_on(day) if 3 <= year.start_date.year - c.birth_date.year <= 5]
    for child in rng.sample(eligible, k=len(eligible) // 12):
        group = rng.choice(("NGHEO", "NGHEO", "DBKK"))
        evidence = ("Giấy chứng nhận hộ nghèo số " + str(rng.randint(100, 999)) + "/UBND" if group == "NGHEO"
                    else "Xác nhận thường trú thôn đặc biệt khó khăn của UBND xã")
        lunch_support.add_support(lunch_support.LunchForm(
            child_id=child.child_id, group=group, evidence=evidence, start_date=start,
            end_date=year.end_date, approved_by="UBND xã", approved_on=start))

