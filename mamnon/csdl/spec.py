"""One spec per CSDL ngành workbook kind: our field ↔ their header(s), in their order.

A field's `headers` lists every header the column has had; the first is the
one we write. `inferred` marks a column whose header was not seen in a
published template or data description but follows their naming (docs/csdl.md
lists them). A new template version is a new `CsdlTemplate` here, not code.
"""

from __future__ import annotations

# i18n-data: the headers CSDL ngành's workbooks use (read and written as they are); list names are N_()

from dataclasses import dataclass
from functools import cache

from mamnon.csdl.headers import header_key
from mamnon.i18n import N_

TEXT, DATE, CODE, YEAR, PERSONAL_ID, SKIP = "text", "date", "code", "year", "personal_id", "skip"
"""Kinds of value: SKIP columns are known (never reported as unknown) but not read."""


@dataclass(frozen=True)
class CsdlField:
    key: str
    headers: tuple[str, ...]
    kind: str = TEXT
    code_list: str = ""
    """Name of the mamnon.csdl.codes list the value must be in."""
    required: bool = False
    inferred: bool = False
    export: bool = True
    """Written by `mamnon csdl export` (when the kind is exported)."""

    @property
    def header(self) -> str:
        return self.headers[0]


@dataclass(frozen=True)
class CsdlTemplate:
    kind: str
    """"children", "classes" or "staff"."""
    label: str
    version: str
    sheet: str
    """Sheet name we write; a file's sheet is found by its headers, whatever its name."""
    title: str
    fields: tuple[CsdlField, ...]

    def field(self, key: str) -> CsdlField:
        return next(f for f in self.fields if f.key == key)

    def header_index(self) -> dict[str, str]:
        """header_key → field key, for every header of every version."""
        return _header_index(self)

    def known_headers(self) -> dict[str, str]:
        """header_key → header as written, for naming the closest known header."""
        return {header_key(h): h for f in self.fields for h in f.headers}

    @property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.required)


@cache
def _header_index(template: CsdlTemplate) -> dict[str, str]:
    return {header_key(h): f.key for f in template.fields for h in f.headers}


F = CsdlField

CHILDREN = CsdlTemplate(
    kind="children", label=N_("học sinh (trẻ)"), version="2024.1", sheet="HocSinh",
    title="DANH SÁCH HỌC SINH", fields=(
        F("stt", ("STT", "TT", "Số TT"), SKIP),
        F("ministry_code", ("Mã định danh Bộ GD&ĐT (trên CSDL ngành)", "Mã định danh Bộ GD&ĐT", "Mã định danh",
                            "Mã học sinh", "Mã HS", "Mã định danh học sinh"), CODE),
        F("full_name", ("Họ và tên", "Họ tên", "Họ tên học sinh", "Họ và tên học sinh", "Họ tên trẻ",
                        "Họ và tên trẻ"), required=True, inferred=True),
        F("birth_date", ("Ngày sinh", "Ngày tháng năm sinh", "Ngày/tháng/năm sinh"), DATE, required=True),
        F("sex", ("Giới tính",), CODE, "SEX", required=True),
        F("ethnicity", ("Dân tộc",), CODE, "ETHNICITY"),
        F("nationality", ("Quốc tịch",), CODE, "NATIONALITY"),
        F("class_name", ("Lớp", "Tên lớp", "Lớp học", "Mã lớp", "Tên lớp học"), required=True, inferred=True),
        F("province", ("Tỉnh", "Tỉnh/Thành phố", "Tỉnh thành", "Tỉnh/TP", "Tỉnh thường trú"), CODE, "PROVINCE"),
        F("district", ("Huyện", "Quận/Huyện", "Huyện thường trú"), CODE, "DISTRICT", export=False),
        F("commune", ("Xã", "Xã/Phường", "Phường/Xã", "Xã phường", "Xã thường trú"), CODE, "COMMUNE"),
        F("village", ("Thôn/Tổ dân phố", "Thôn", "Tổ thôn", "Thôn/Xóm", "Tổ/Thôn"), inferred=True, export=False),
        F("address", ("Địa chỉ", "Địa chỉ thường trú", "Nơi ở hiện nay"), inferred=True, export=False),
        F("father_name", ("Họ tên cha", "Họ tên bố", "Họ và tên cha", "Họ và tên bố")),
        F("father_year", ("Năm sinh cha", "Năm sinh bố"), SKIP, export=False),
        F("mother_name", ("Họ tên mẹ", "Họ và tên mẹ")),
        F("mother_year", ("Năm sinh mẹ",), SKIP, export=False),
        F("personal_id", ("Số ĐDCN", "Số định danh cá nhân", "Mã định danh cá nhân", "Số CCCD",
                          "Mã công dân", "Số CMND/CCCD"), PERSONAL_ID),
        F("status", ("Trạng thái", "Trạng thái học sinh", "Trạng thái học"), CODE, "STATUS", export=False),
        F("status_date", ("Ngày trạng thái", "Ngày chuyển đi/thôi học", "Ngày thôi học"), DATE, inferred=True,
          export=False),
        F("enrolled_on", ("Ngày vào trường", "Ngày nhập học"), DATE, inferred=True, export=False),
        F("disability", ("Loại khuyết tật", "Khuyết tật"), inferred=True, export=False),
    ))

CLASSES = CsdlTemplate(
    kind="classes", label=N_("lớp học"), version="2024.1", sheet="LopHoc", title="DANH SÁCH LỚP HỌC", fields=(
        F("stt", ("STT", "TT"), SKIP),
        F("class_code", ("Mã lớp", "Mã lớp học"), CODE, export=False, inferred=True),
        F("class_name", ("Tên lớp", "Tên lớp học", "Lớp"), required=True, inferred=True),
        F("age_group", ("Nhóm tuổi", "Nhóm tuổi mầm non", "Độ tuổi", "Khối"), CODE, "AGE_GROUP", required=True,
          inferred=True),
        F("main_teacher", ("Giáo viên chủ nhiệm", "GVCN", "Giáo viên phụ trách"), inferred=True),
        F("mixed_ages", ("Lớp ghép", "Lớp ghép độ tuổi"), SKIP),
        F("half_board", ("Lớp bán trú", "Bán trú"), SKIP),
    ))

STAFF = CsdlTemplate(
    kind="staff", label=N_("cán bộ"), version="2024.1", sheet="CanBo", title="DANH SÁCH CÁN BỘ", fields=(
        F("stt", ("STT", "TT"), SKIP),
        F("ministry_code", ("Mã cán bộ", "Mã định danh", "Mã định danh Bộ GD&ĐT", "Mã giáo viên",
                            "Mã cán bộ Phòng/Sở"), CODE, inferred=True),
        F("full_name", ("Họ và tên", "Họ tên", "Tên cán bộ", "Họ tên cán bộ"), required=True, inferred=True),
        # Required by CSDL ngành, but a school's staff list may lack it: read what there is.
        F("birth_date", ("Ngày sinh", "Ngày tháng năm sinh"), DATE, inferred=True),
        F("sex", ("Giới tính",), CODE, "SEX", required=True, inferred=True),
        F("ethnicity", ("Dân tộc",), CODE, "ETHNICITY", inferred=True),
        F("staff_group", ("Nhóm cán bộ", "Loại cán bộ"), CODE, "STAFF_GROUP", export=False, inferred=True),
        F("position", ("Chức vụ", "Vị trí việc làm", "Chức vụ/Vị trí việc làm"), required=True, inferred=True),
        F("qualification", ("Trình độ đào tạo", "Trình độ chuyên môn", "Trình độ chuyên môn nghiệp vụ"),
          inferred=True),
        F("phone", ("Số điện thoại", "Điện thoại", "Điện thoại di động"), inferred=True),
        F("started_on", ("Ngày tuyển dụng", "Ngày vào ngành", "Ngày vào trường"), DATE, inferred=True),
        F("personal_id", ("Số định danh cá nhân", "Số CCCD", "Số CMTND/ thẻ căn cước/Hộ chiếu",
                          "Số CMND/CCCD", "Mã định danh cá nhân", "Số ĐDCN"), PERSONAL_ID, inferred=True),
        F("email", ("Email", "Thư điện tử"), SKIP),
        F("status", ("Trạng thái", "Trạng thái cán bộ"), SKIP),
    ))

TEMPLATES: dict[str, CsdlTemplate] = {t.kind: t for t in (CHILDREN, CLASSES, STAFF)}
EXPORT_KINDS = ("children", "staff")
