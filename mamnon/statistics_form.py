"""The rows of the start-of-year statistics form (01.ĐN-MN) that a school's records can fill.

Counts "as of 30 September of the school year" (có đến 30 tháng 9 năm báo cáo).
The form of Thông tư 25/2024/TT-BGDĐT could not be read from here; the rows
follow its predecessor, form 01-MN-ĐN of Thông tư 24/2018/TT-BGDĐT, as CSDL
ngành exported it (2020). `form_row` is that form's "Mã số" — a pointer for
checking, not a claim about the 2024 form. Rows the records cannot fill (public
or private columns, regions, half-day/full-day, lunch, budget) are left out,
never guessed; docs/statistics.md lists both.
"""

from __future__ import annotations

from dataclasses import dataclass

from mamnon.reference import AGE_GROUPS


@dataclass(frozen=True)
class FormRow:
    code: str
    label: str
    unit: str
    form_row: str
    """Mã số of the row in form 01-MN-ĐN (TT 24/2018); '' when the indicator only splits a row by column."""


CENSUS_MONTH, CENSUS_DAY = 9, 30

_NT = [g for g in AGE_GROUPS if g.stage == "nha_tre"]
_MG = [g for g in AGE_GROUPS if g.stage == "mau_giao"]


def _size_rows(groups, unit: str, first_row: int, word: str) -> list[FormRow]:
    rows = []
    for i, g in enumerate(groups):
        span = g.code.split("_", 1)[1]
        label = g.label.split(" ", 2)[2]  # "Nhà trẻ 3–12 tháng" → "3–12 tháng"
        rows.append(FormRow(f"TK_{'NHOM' if unit == 'nhóm' else 'LOP'}_{span}_DUOI",
                            f"{word} {label} có dưới {g.max_children} trẻ", unit, str(first_row + 2 * i)))
        rows.append(FormRow(f"TK_{'NHOM' if unit == 'nhóm' else 'LOP'}_{span}_TU",
                            f"{word} {label} có từ {g.max_children} trẻ trở lên", unit, str(first_row + 2 * i + 1)))
    return rows


QUALIFICATION_ROWS = (  # (code suffix, our qualification, form label); rows 169–174 (nhà trẻ), 182–187 (mẫu giáo)
    ("TRUNG_CAP", "Trung cấp", "trung cấp"), ("CAO_DANG", "Cao đẳng", "cao đẳng"),
    ("DAI_HOC", "Đại học", "đại học"), ("THAC_SI", "Thạc sĩ", "thạc sĩ"), ("TIEN_SI", "Tiến sĩ", "tiến sĩ"),
    ("CHUA_DT", "Chưa qua đào tạo", "chưa qua đào tạo"),
)
TEACHER_AGE_BANDS = ((20, 29), (30, 39), (40, 49), (50, 54), (55, 59), (60, 200))
NT_AGE_ROWS = (("3_12", 0, 12, "3 đến 12 tháng"), ("13_24", 13, 24, "13 đến 24 tháng"),
               ("25_36", 25, 36, "25 đến 36 tháng"), ("TREN_36", 37, 10_000, "trên 36 tháng"))
"""(suffix, from month, to month, label): age in completed months on 30/9."""
MG_AGE_ROWS = (("DUOI_3", -99, 2, "dưới 3 tuổi"), ("3_4", 3, 3, "3 đến 4 tuổi"), ("4_5", 4, 4, "4 đến 5 tuổi"),
               ("5_6", 5, 5, "5 đến 6 tuổi"), ("TREN_6", 6, 99, "trên 6 tuổi"))
"""(suffix, from, to, label): school-year start year minus birth year, the way schools place children."""
ROOM_ROWS = (("PHONG_THE_CHAT", "the_chat", "Phòng giáo dục thể chất", "197, 206"),
             ("PHONG_NGHE_THUAT", "nghe_thuat", "Phòng giáo dục nghệ thuật", "198, 207"),
             ("PHONG_DA_NANG", "da_nang", "Phòng đa chức năng", "199, 208"),
             ("PHONG_BEP", "bep", "Nhà bếp", "201, 211"), ("PHONG_Y_TE", "y_te", "Phòng y tế", "202, 212"))
"""(code suffix, mamnon.staffing_norms room type, form label, form rows)."""


def _who(prefix: str, label: str, row: str, unit: str = "trẻ") -> list[FormRow]:
    return [FormRow(prefix, label, unit, row), FormRow(f"{prefix}_NU", f"{label}: nữ", unit, ""),
            FormRow(f"{prefix}_DTTS", f"{label}: dân tộc thiểu số", unit, ""),
            FormRow(f"{prefix}_DTTS_NU", f"{label}: nữ dân tộc thiểu số", unit, "")]


def _rows() -> tuple[FormRow, ...]:
    out = [FormRow("TK_TRUONG", "Tổng số trường", "trường", "01"),
           FormRow("TK_NHOM_LOP", "Tổng số nhóm, lớp", "nhóm/lớp", "55"),
           FormRow("TK_NHOM", "Nhóm trẻ", "nhóm", "56")]
    out += _size_rows(_NT, "nhóm", 61, "Nhóm trẻ")
    out += [FormRow("TK_LOP_MG", "Lớp mẫu giáo", "lớp", "69"),
            FormRow("TK_LOP_MG5", "Lớp mẫu giáo 5 tuổi", "lớp", "70")]
    out += _size_rows(_MG, "lớp", 75, "Lớp mẫu giáo")
    out += _who("TK_TRE", "Quy mô trẻ", "83")
    out += _who("TK_TRE_NT", "Trẻ em nhà trẻ", "84")
    out += [FormRow("TK_TRE_NT_KT", "Trẻ em nhà trẻ khuyết tật học hòa nhập", "trẻ", "89")]
    out += _who("TK_TRE_MG", "Trẻ em mẫu giáo", "90")
    out += [FormRow("TK_TRE_MG_KT", "Trẻ em mẫu giáo khuyết tật học hòa nhập", "trẻ", "95")]
    out += [FormRow(f"TK_TRE_NT_{s}", f"Trẻ em nhà trẻ từ {label}" if s != "TREN_36" else f"Trẻ em nhà trẻ {label}",
                    "trẻ", str(97 + i)) for i, (s, _, _, label) in enumerate(NT_AGE_ROWS)]
    out += [FormRow(f"TK_TRE_MG_{s}", f"Trẻ em mẫu giáo {label}" if s in ("DUOI_3", "TREN_6")
                    else f"Trẻ em mẫu giáo từ {label}", "trẻ", str(102 + i))
            for i, (s, _, _, label) in enumerate(MG_AGE_ROWS)]
    out += _who("TK_CBQL", "Cán bộ quản lý", "123", "người")
    out += [FormRow("TK_CBQL_HT", "Cán bộ quản lý: hiệu trưởng", "người", "125, 140"),
            FormRow("TK_CBQL_PHT", "Cán bộ quản lý: phó hiệu trưởng", "người", "132, 147")]
    out += _who("TK_NV", "Nhân viên", "156", "người")
    out += [FormRow("TK_NV_KT_VT", "Nhân viên kế toán, văn thư", "người", "158, 163"),
            FormRow("TK_NV_YT_TQ", "Nhân viên y tế, thủ quỹ", "người", "159, 164"),
            FormRow("TK_NV_NAU_AN", "Nhân viên nấu ăn", "người", "160, 165"),
            FormRow("TK_NV_BAO_VE", "Nhân viên bảo vệ", "người", "161, 166")]
    out += _who("TK_GV", "Giáo viên", "167", "người")
    out += [FormRow(f"TK_GV_TD_{s}", f"Giáo viên trình độ {label}", "người", f"{169 + i}, {182 + i}")
            for i, (s, _, label) in enumerate(QUALIFICATION_ROWS)]
    out += [FormRow(f"TK_GV_TUOI_{lo}" + (f"_{hi}" if hi < 200 else "_TRO_LEN"),
                    f"Giáo viên từ {lo} đến {hi} tuổi" if hi < 200 else f"Giáo viên từ {lo} tuổi trở lên",
                    "người", f"{175 + i}, {188 + i}") for i, (lo, hi) in enumerate(TEACHER_AGE_BANDS)]
    out += [FormRow("TK_PHONG_HOC", "Phòng học (nuôi, dạy, chăm sóc trẻ)", "phòng", "194, 203"),
            FormRow("TK_PHONG_HOC_KIEN_CO", "Phòng học kiên cố", "phòng", ""),
            FormRow("TK_PHONG_HOC_BAN_KIEN_CO", "Phòng học bán kiên cố", "phòng", ""),
            FormRow("TK_PHONG_HOC_TAM", "Phòng học tạm", "phòng", "")]
    out += [FormRow(f"TK_{code}", label, "phòng", rows) for code, _, label, rows in ROOM_ROWS]
    return tuple(out)


FORM_ROWS: tuple[FormRow, ...] = _rows()
