"""The census workbook (điều tra phổ cập): one row per child 0–5 years old of the area, for one census year.

The template, the export and the import all read this spec. The census year
travels in the metadata key `census_year`; a file without it is imported with
an explicit year.
"""

from __future__ import annotations

# i18n-data: sheet names, headers and values of a standard workbook (official content)

from mamnon.i18n import N_
from mamnon.reference import ETHNIC_NAMES
from mamnon.workbooks.spec import CHOICE, CODE, DATE, SEX, TEXT, YESNO, Column, SheetSpec, WorkbookSpec

CENSUS = "census"
CENSUS_LABEL = N_("Điều tra phổ cập")
YEAR_META = "census_year"

STATUS_CHOICES = ("Học tại trường", "Học trường khác", "Không đi học", "Chuyển đi", "Đã mất")
"""The labels of mamnon.services.census.STATUS_LABELS, in the same order (a test keeps them equal)."""

CENSUS_SPEC = WorkbookSpec(
    kind=CENSUS, version=1, title="DANH SÁCH TRẺ EM 0–5 TUỔI TRONG ĐỊA BÀN (ĐIỀU TRA PHỔ CẬP)",
    sheets=(SheetSpec(
        name="Điều tra", title="DANH SÁCH TRẺ EM 0–5 TUỔI TRONG ĐỊA BÀN",
        signature=("status",),
        columns=(
            Column("commune", "Xã, phường", TEXT, required=True, width=16),
            Column("village", "Thôn, xóm", TEXT, required=True, width=14),
            Column("code", "Mã trẻ (trẻ của trường)", CODE, width=12,
                   note="Trẻ đang học tại trường: mã trẻ; họ tên, ngày sinh lấy theo hồ sơ của trường."),
            Column("full_name", "Họ và tên trẻ", TEXT, required=True, width=24),
            Column("birth_date", "Ngày sinh", DATE, required=True, width=12),
            Column("sex", "Giới tính", SEX, required=True, width=9),
            Column("ethnicity", "Dân tộc", CHOICE, choices=ETHNIC_NAMES, width=11, note="Để trống là Kinh."),
            # Not required in the sheet: a child of the school may have no guardian on record (the service
            # requires one for every other child).
            Column("guardian_name", "Họ tên cha/mẹ hoặc người giám hộ", TEXT, width=24,
                   note="Bắt buộc, trừ trẻ của trường (để trống: theo hồ sơ của trường)."),
            Column("address", "Địa chỉ", TEXT, width=20),
            Column("status", "Tình trạng", CHOICE, required=True, choices=STATUS_CHOICES, width=16),
            Column("school_name", "Trường đang học (trường khác)", TEXT, width=22,
                   note="Bắt buộc khi tình trạng là «Học trường khác»."),
            Column("completed", "Hoàn thành chương trình GDMN", YESNO, width=12,
                   note="Có: trẻ đã hoàn thành chương trình của độ tuổi trong năm."),
            Column("disability", "Khuyết tật", TEXT, width=12, note="Ghi dạng khuyết tật; để trống nếu không."),
            Column("status_date", "Ngày chuyển đi / mất", DATE, width=12),
            Column("destination", "Nơi chuyển đến", TEXT, width=18),
            Column("note", "Ghi chú", TEXT, width=18),
        ),
    ),),
    instructions=(
        "Mỗi dòng là một trẻ từ 0 đến 5 tuổi (tính theo năm sinh) đang sống trong địa bàn, kể cả trẻ học trường"
        " khác hoặc chưa đi học. Trẻ chuyển đi hoặc đã mất vẫn giữ dòng, ghi tình trạng và ngày.",
        "Một trẻ chỉ ghi một lần: hai dòng cùng họ tên, ngày sinh và cha/mẹ là lỗi.",
        "Thôn, xóm chưa có trong phần mềm được thêm vào danh sách khi nhập.",
    ),
)
