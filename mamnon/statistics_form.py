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

from mamnon.i18n import N_
from mamnon.labels import Label
from mamnon.reference import AGE_GROUPS


@dataclass(frozen=True)
class FormRow:
    code: str
    label: str
    unit: str
    form_row: str
    """Mã số of the row in form 01-MN-ĐN (TT 24/2018); '' when the indicator only splits a row by column."""  # i18n-skip: doc


CENSUS_MONTH, CENSUS_DAY = 9, 30

_NT = [g for g in AGE_GROUPS if g.stage == "nha_tre"]
_MG = [g for g in AGE_GROUPS if g.stage == "mau_giao"]


_SPANS = {"NT_3_12": N_("3–12 tháng"), "NT_13_24": N_("13–24 tháng"), "NT_25_36": N_("25–36 tháng"),
          "MG_3_4": N_("3–4 tuổi"), "MG_4_5": N_("4–5 tuổi"), "MG_5_6": N_("5–6 tuổi")}
"""The age span of each age group, as the size rows name it ("Nhà trẻ 3–12 tháng" → "3–12 tháng")."""  # i18n-skip: doc


def _size_rows(groups, unit: str, first_row: int, word: str) -> list[FormRow]:
    rows = []
    prefix = "NHOM" if unit == N_("nhóm") else "LOP"
    for i, g in enumerate(groups):
        span = g.code.split("_", 1)[1]
        rows.append(FormRow(f"TK_{prefix}_{span}_DUOI",
                            Label(N_("{word} {span} có dưới {limit} trẻ"), word=word, span=_SPANS[g.code],
                                  limit=g.max_children), unit, str(first_row + 2 * i)))
        rows.append(FormRow(f"TK_{prefix}_{span}_TU",
                            Label(N_("{word} {span} có từ {limit} trẻ trở lên"), word=word, span=_SPANS[g.code],
                                  limit=g.max_children), unit, str(first_row + 2 * i + 1)))
    return rows


QUALIFICATION_ROWS = (  # (code suffix, our qualification, form label); rows 169–174 (nhà trẻ), 182–187 (mẫu giáo)
    ("TRUNG_CAP", N_("Trung cấp"), N_("trung cấp")), ("CAO_DANG", N_("Cao đẳng"), N_("cao đẳng")),
    ("DAI_HOC", N_("Đại học"), N_("đại học")), ("THAC_SI", N_("Thạc sĩ"), N_("thạc sĩ")),
    ("TIEN_SI", N_("Tiến sĩ"), N_("tiến sĩ")), ("CHUA_DT", N_("Chưa qua đào tạo"), N_("chưa qua đào tạo")),
)
TEACHER_AGE_BANDS = ((20, 29), (30, 39), (40, 49), (50, 54), (55, 59), (60, 200))
NT_AGE_ROWS = (("3_12", 0, 12, N_("3 đến 12 tháng")), ("13_24", 13, 24, N_("13 đến 24 tháng")),
               ("25_36", 25, 36, N_("25 đến 36 tháng")), ("TREN_36", 37, 10_000, N_("trên 36 tháng")))
"""(suffix, from month, to month, label): age in completed months on 30/9."""
MG_AGE_ROWS = (("DUOI_3", -99, 2, N_("dưới 3 tuổi")), ("3_4", 3, 3, N_("3 đến 4 tuổi")),
               ("4_5", 4, 4, N_("4 đến 5 tuổi")), ("5_6", 5, 5, N_("5 đến 6 tuổi")),
               ("TREN_6", 6, 99, N_("trên 6 tuổi")))
"""(suffix, from, to, label): school-year start year minus birth year, the way schools place children."""
ROOM_ROWS = (("PHONG_THE_CHAT", "the_chat", N_("Phòng giáo dục thể chất"), "197, 206"),
             ("PHONG_NGHE_THUAT", "nghe_thuat", N_("Phòng giáo dục nghệ thuật"), "198, 207"),
             ("PHONG_DA_NANG", "da_nang", N_("Phòng đa chức năng"), "199, 208"),
             ("PHONG_BEP", "bep", N_("Nhà bếp"), "201, 211"), ("PHONG_Y_TE", "y_te", N_("Phòng y tế"), "202, 212"))
"""(code suffix, mamnon.staffing_norms room type, form label, form rows)."""


def _who(prefix: str, label: str, row: str, unit: str = N_("trẻ")) -> list[FormRow]:
    return [FormRow(prefix, label, unit, row),
            FormRow(f"{prefix}_NU", Label(N_("{label}: nữ"), label=label), unit, ""),
            FormRow(f"{prefix}_DTTS", Label(N_("{label}: dân tộc thiểu số"), label=label), unit, ""),
            FormRow(f"{prefix}_DTTS_NU", Label(N_("{label}: nữ dân tộc thiểu số"), label=label), unit, "")]


def _rows() -> tuple[FormRow, ...]:
    out = [FormRow("TK_TRUONG", N_("Tổng số trường"), N_("trường"), "01"),
           FormRow("TK_NHOM_LOP", N_("Tổng số nhóm, lớp"), N_("nhóm/lớp"), "55"),
           FormRow("TK_NHOM", N_("Nhóm trẻ"), N_("nhóm"), "56")]
    out += _size_rows(_NT, N_("nhóm"), 61, N_("Nhóm trẻ"))
    out += [FormRow("TK_LOP_MG", N_("Lớp mẫu giáo"), N_("lớp"), "69"),
            FormRow("TK_LOP_MG5", N_("Lớp mẫu giáo 5 tuổi"), N_("lớp"), "70")]
    out += _size_rows(_MG, N_("lớp"), 75, N_("Lớp mẫu giáo"))
    out += _who("TK_TRE", N_("Quy mô trẻ"), "83")
    out += _who("TK_TRE_NT", N_("Trẻ em nhà trẻ"), "84")
    out += [FormRow("TK_TRE_NT_KT", N_("Trẻ em nhà trẻ khuyết tật học hòa nhập"), N_("trẻ"), "89")]
    out += _who("TK_TRE_MG", N_("Trẻ em mẫu giáo"), "90")
    out += [FormRow("TK_TRE_MG_KT", N_("Trẻ em mẫu giáo khuyết tật học hòa nhập"), N_("trẻ"), "95")]
    out += [FormRow(f"TK_TRE_NT_{s}", Label(N_("Trẻ em nhà trẻ từ {age}") if s != "TREN_36"
                                            else N_("Trẻ em nhà trẻ {age}"), age=label),
                    N_("trẻ"), str(97 + i)) for i, (s, _lo, _hi, label) in enumerate(NT_AGE_ROWS)]
    out += [FormRow(f"TK_TRE_MG_{s}", Label(N_("Trẻ em mẫu giáo {age}") if s in ("DUOI_3", "TREN_6")
                                            else N_("Trẻ em mẫu giáo từ {age}"), age=label), N_("trẻ"), str(102 + i))
            for i, (s, _lo, _hi, label) in enumerate(MG_AGE_ROWS)]
    out += _who("TK_CBQL", N_("Cán bộ quản lý"), "123", N_("người"))
    out += [FormRow("TK_CBQL_HT", N_("Cán bộ quản lý: hiệu trưởng"), N_("người"), "125, 140"),
            FormRow("TK_CBQL_PHT", N_("Cán bộ quản lý: phó hiệu trưởng"), N_("người"), "132, 147")]
    out += _who("TK_NV", N_("Nhân viên"), "156", N_("người"))
    out += [FormRow("TK_NV_KT_VT", N_("Nhân viên kế toán, văn thư"), N_("người"), "158, 163"),
            FormRow("TK_NV_YT_TQ", N_("Nhân viên y tế, thủ quỹ"), N_("người"), "159, 164"),
            FormRow("TK_NV_NAU_AN", N_("Nhân viên nấu ăn"), N_("người"), "160, 165"),
            FormRow("TK_NV_BAO_VE", N_("Nhân viên bảo vệ"), N_("người"), "161, 166")]
    out += _who("TK_GV", N_("Giáo viên"), "167", N_("người"))
    out += [FormRow(f"TK_GV_TD_{s}", Label(N_("Giáo viên trình độ {qualification}"), qualification=label),
                    N_("người"), f"{169 + i}, {182 + i}")
            for i, (s, _ours, label) in enumerate(QUALIFICATION_ROWS)]
    out += [FormRow(f"TK_GV_TUOI_{lo}" + (f"_{hi}" if hi < 200 else "_TRO_LEN"),
                    Label(N_("Giáo viên từ {low} đến {high} tuổi"), low=lo, high=hi) if hi < 200
                    else Label(N_("Giáo viên từ {low} tuổi trở lên"), low=lo),
                    N_("người"), f"{175 + i}, {188 + i}") for i, (lo, hi) in enumerate(TEACHER_AGE_BANDS)]
    out += [FormRow("TK_PHONG_HOC", N_("Phòng học (nuôi, dạy, chăm sóc trẻ)"), N_("phòng"), "194, 203"),
            FormRow("TK_PHONG_HOC_KIEN_CO", N_("Phòng học kiên cố"), N_("phòng"), ""),
            FormRow("TK_PHONG_HOC_BAN_KIEN_CO", N_("Phòng học bán kiên cố"), N_("phòng"), ""),
            FormRow("TK_PHONG_HOC_TAM", N_("Phòng học tạm"), N_("phòng"), "")]
    out += [FormRow(f"TK_{code}", label, N_("phòng"), rows) for code, _room_type, label, rows in ROOM_ROWS]
    return tuple(out)


FORM_ROWS: tuple[FormRow, ...] = _rows()
