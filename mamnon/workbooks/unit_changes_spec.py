"""The unit-change workbook (thay đổi đơn vị): renames, merges, splits and new parents, one per row.

It carries the changes of mamnon.unit_structure between levels: the province
writes the July 2025 reform once, every office imports it into its own history
database, and all trends roll up the same way. The writer and the reader both
read this spec.
"""

from __future__ import annotations

# i18n-data: sheet names, headers and values of a standard workbook (official content)

from mamnon.i18n import N_
from mamnon.unit_structure import KIND_LABELS
from mamnon.workbooks.spec import CHOICE, CODE, DATE, TEXT, Column, SheetSpec, WorkbookSpec

UNIT_CHANGES = "unit_changes"
UNIT_CHANGES_LABEL = N_("Thay đổi đơn vị")
SHEET = "Thay đổi đơn vị"

UNIT_CHANGES_SPEC = WorkbookSpec(
    kind=UNIT_CHANGES, version=1, title="DANH SÁCH THAY ĐỔI ĐƠN VỊ (ĐỔI TÊN, SÁP NHẬP, CHIA TÁCH, ĐỔI CẤP TRÊN)",
    sheets=(SheetSpec(
        name=SHEET, title="THAY ĐỔI ĐƠN VỊ", rows=200, signature=("kind",),
        columns=(
            Column("kind", "Loại thay đổi", CHOICE, required=True, choices=tuple(KIND_LABELS.values()), width=18),
            Column("effective_on", "Ngày hiệu lực", DATE, required=True, width=12),
            Column("unit_code", "Mã đơn vị", CODE, required=True, width=14,
                   note="Đơn vị đổi tên, đổi cấp trên, bị chia tách; với sáp nhập: đơn vị sau sáp nhập."),
            Column("name", "Tên mới / tên đơn vị mới", TEXT, width=26,
                   note="Đổi tên: tên mới. Đơn vị chưa có: tên của đơn vị được tạo."),
            Column("level", "Cấp đơn vị", TEXT, width=14, note="Ví dụ: UBND xã, Phòng GD&ĐT."),
            Column("parent_code", "Mã đơn vị cấp trên mới", CODE, width=14),
            Column("sources", "Các đơn vị sáp nhập", TEXT, width=22, note="Mã, cách nhau bởi dấu phẩy: A, B."),
            Column("targets", "Các đơn vị sau chia tách", TEXT, width=26,
                   note="MÃ=Tên, cách nhau bởi dấu chấm phẩy: X1=UBND xã A; X2=UBND xã B."),
            Column("moves", "Đơn vị trực thuộc chuyển về", TEXT, width=26,
                   note="Chia tách: MÃ>MÃ_MỚI, cách nhau bởi dấu chấm phẩy: MN-01>X1; MN-02>X2."),
            Column("note", "Ghi chú", TEXT, width=20),
        ),
    ),),
    instructions=(
        "Mỗi dòng là một thay đổi, có ngày hiệu lực. Đổi cấp trên: ghi mã đơn vị và mã cấp trên mới (đơn vị "
        "mới thì ghi thêm tên). Sáp nhập: mã đơn vị sau sáp nhập và các đơn vị sáp nhập. Chia tách: mã đơn vị "
        "bị chia, các đơn vị mới và nơi chuyển về của từng đơn vị trực thuộc.",
        "Tệp được nhập trọn vẹn hoặc không nhập gì: thay đổi tạo vòng lặp hoặc để một trường không có đơn vị "
        "cấp trên bị từ chối.",
    ),
)
