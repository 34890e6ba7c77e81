"""The Ministry's code lists (danh mục) the CSDL ngành workbooks use.

A workbook exported by CSDL ngành carries its code lists as sheets (GIOI_TINH,
DAN_TOC, QUOC_TICH, TINH, …, each a code and a name, "Tên trường dữ liệu");
those are used first, and the lists below only when a file lacks the sheet.
A cell may hold either the code or the name. Sources: the "Mô tả dữ liệu đầu
năm" data description of CSDL ngành (DM_GIOI_TINH, DM_DAN_TOC = the GSO list of
Quyết định 121-TCTK/PPCĐ, DM_TRANG_THAI_HOC_SINH, DM_NHOM_TUOI_MN, DM_NHOM_CAN_BO,
DM_LOAI_CAN_BO); see docs/csdl.md.
"""

from __future__ import annotations

# i18n-data: the Ministry's code lists as CSDL ngành writes them; list names are N_() for messages

import re
from dataclasses import dataclass, field

from mamnon.i18n import N_, _
from mamnon.reference import ETHNIC_GROUPS
from mamnon.vntext import fold

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def value_key(value: object) -> str:
    """A code or name compared loosely: "Ơ Đu" = "Ơ-đu", "HMông" = "Hmông", "01" ≠ "1"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _NOT_WORD.sub("", fold(str(value or "")))


@dataclass(frozen=True)
class CodeList:
    name: str
    """Our name of the list (SEX, ETHNICITY, …)."""
    label: str
    """What the list is, for messages ("giới tính")."""
    sheets: tuple[str, ...]
    """Names the list's sheet has had in CSDL ngành workbooks."""
    entries: tuple[tuple[str, str], ...]
    """(code, name) in the Ministry's order."""
    source: str = "shipped"
    """'shipped' or the sheet of the file the entries were read from."""
    _index: dict = field(default_factory=dict, compare=False, repr=False)
    _seen: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index = {}
        for code, name in self.entries:
            index.setdefault(value_key(name), (code, name))
        for code, name in self.entries:
            key = value_key(code)
            index.setdefault(key, (code, name))
            if key.isdigit():  # Excel turns the code "01" into the number 1
                index.setdefault(str(int(key)), (code, name))
        object.__setattr__(self, "_index", index)

    def lookup(self, value: object) -> tuple[str, str] | None:
        """(code, name) of the entry a cell names by code or by name, or None."""
        if isinstance(value, (str, int, float)):
            if value not in self._seen:  # cells repeat ("Nữ", "Kinh" on every row): fold each text once
                self._seen[value] = self._index.get(value_key(value))
            return self._seen[value]
        return self._index.get(value_key(value))

    def allowed_text(self, limit: int = 12) -> str:
        names = [f"{code} {name}" for code, name in self.entries[:limit]]
        more = (", … " + _("({count} giá trị, xem trang danh mục)").format(count=len(self.entries))
                if len(self.entries) > limit else "")
        return ", ".join(names) + more

    def name_of(self, code_or_name: str) -> str:
        found = self.lookup(code_or_name)
        return found[1] if found else ""

    def code_of(self, code_or_name: str) -> str:
        found = self.lookup(code_or_name)
        return found[0] if found else ""

    def with_entries(self, entries: tuple[tuple[str, str], ...], source: str) -> CodeList:
        return CodeList(self.name, self.label, self.sheets, entries, source)


SEX = CodeList("SEX", N_("giới tính"), ("GIOI_TINH", "DM_GIOI_TINH"), (("01", "Nam"), ("02", "Nữ")))

# The GSO list with the names CSDL ngành writes (they differ from mamnon.reference in
# spelling only: "Hmông", "La Chi", "Ơ Đu" — value_key treats them as the same).
ETHNICITY = CodeList("ETHNICITY", N_("dân tộc"), ("DAN_TOC", "DM_DAN_TOC"), ETHNIC_GROUPS)

NATIONALITY = CodeList("NATIONALITY", N_("quốc tịch"), ("QUOC_TICH", "DM_QUOC_TICH", "DM_NUOC", "NUOC"), ())
"""Checked only against a file's own sheet: nationality is not stored, and no list is shipped."""
VIETNAM = NATIONALITY.with_entries((("704", "Việt Nam"),), "shipped")
"""What the export writes (DM_NUOC uses the ISO 3166-1 numeric codes: 704 = Việt Nam)."""

STATUS = CodeList("STATUS", N_("trạng thái học sinh"),
                  ("TRANG_THAI", "TRANG_THAI_HOC_SINH", "DM_TRANG_THAI_HOC_SINH"), (
    ("01", "Đang học"), ("02", "Chuyển đến kỳ 1"), ("03", "Nghỉ học xin học lại kỳ 1"),
    ("04", "Chuyển đi kỳ 1"), ("05", "Thôi học kỳ 1"), ("06", "Chuyển đến kỳ 2"),
    ("07", "Nghỉ học xin học lại kỳ 2"), ("08", "Chuyển đi kỳ 2"), ("09", "Thôi học kỳ 2"),
    ("10", "Chuyển đến trong hè"), ("11", "Chuyển đi trong hè"), ("12", "Thôi học trong hè"),
))
LEFT_STATUSES = frozenset({"04", "05", "08", "09", "11", "12"})
"""Statuses of a child no longer at the school (moved away or stopped)."""
MOVED_AWAY = frozenset({"04", "08", "11"})

AGE_GROUP = CodeList("AGE_GROUP", N_("nhóm tuổi"), ("NHOM_TUOI", "NHOM_TUOI_MN", "DM_NHOM_TUOI_MN"), (
    ("01", "3-12 Tháng"), ("02", "13-24 Tháng"), ("03", "25-36 Tháng"),
    ("04", "3-4 Tuổi"), ("05", "4-5 Tuổi"), ("06", "5-6 Tuổi"),
))
AGE_GROUP_CODES = {"01": "NT_3_12", "02": "NT_13_24", "03": "NT_25_36", "04": "MG_3_4", "05": "MG_4_5",
                   "06": "MG_5_6"}
"""DM_NHOM_TUOI_MN code → mamnon.reference age group."""

STAFF_GROUP = CodeList("STAFF_GROUP", N_("nhóm cán bộ"), ("NHOM_CAN_BO", "DM_NHOM_CAN_BO", "LOAI_CAN_BO"), (
    ("01", "Cán bộ quản lý"), ("02", "Nhân viên"), ("03", "Giáo viên"),
))

# Administrative units changed in 2025 (districts abolished, provinces and communes merged):
# no list is shipped, a file's own sheet is used when it has one, otherwise any text is kept.
PROVINCE = CodeList("PROVINCE", N_("tỉnh/thành phố"), ("TINH", "DM_TINH", "TINH_THANH"), ())
DISTRICT = CodeList("DISTRICT", N_("quận/huyện"), ("HUYEN", "DM_HUYEN", "QUAN_HUYEN"), ())
COMMUNE = CodeList("COMMUNE", N_("xã/phường"), ("XA", "DM_XA", "XA_PHUONG"), ())

SHIPPED: dict[str, CodeList] = {c.name: c for c in (SEX, ETHNICITY, NATIONALITY, STATUS, AGE_GROUP, STAFF_GROUP,
                                                     PROVINCE, DISTRICT, COMMUNE)}

SEX_TO_OURS = {"01": "M", "02": "F"}
OURS_TO_SEX = {v: k for k, v in SEX_TO_OURS.items()}


def list_for_sheet(sheet_name: str) -> CodeList | None:
    """The code list a sheet of a CSDL ngành workbook holds, judged by its name."""
    key = value_key(sheet_name)
    for code_list in SHIPPED.values():
        if any(value_key(s) == key for s in code_list.sheets):
            return code_list
    return None
