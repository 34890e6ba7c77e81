"""The standard workbooks, one spec each: what every template, importer, exporter and merge reads.

Change a column here and the template generator, the importer and the report
writer follow. `version` is the template version written in the metadata: bump
it when a change would make an older reader misread a file (a column removed or
retyped); an added optional column does not need it.
"""

from __future__ import annotations

# i18n-data: sheet names, headers, instructions and values of the standard workbooks (official content)

import re

from mamnon import indicators
from mamnon.i18n import N_
from mamnon.reference import ETHNIC_NAMES, GUARDIAN_RELATIONS, POLICY_CATEGORIES, POSITIONS, QUALIFICATIONS
from mamnon.staffing_norms import CONTRACT_TYPES, TRAINING_MAJORS
from mamnon.workbooks.spec import (
    CHOICE, CODE, DATE, DECIMAL, INTEGER, SEX, TEXT, YESNO, Column, SheetSpec, WorkbookSpec,
)

ROSTER, STAFF, MEASUREMENTS, ATTENDANCE, MENUS, REPORT, UNITS = (
    "roster", "staff", "measurements", "attendance", "menus", "report", "units")

KIND_LABELS = {
    ROSTER: N_("Danh sách trẻ"),
    STAFF: N_("Danh sách cán bộ"),
    MEASUREMENTS: N_("Cân đo"),
    ATTENDANCE: N_("Điểm danh tháng"),
    MENUS: N_("Thực đơn"),
    REPORT: N_("Báo cáo trường"),
    UNITS: N_("Danh sách đơn vị"),
}

COMMON_INSTRUCTIONS = (
    "Chỉ gõ vào các ô trắng; tiêu đề và các cột do phần mềm điền đã được khóa (không cần mật khẩu để nhập).",
    "Cột có dấu * là bắt buộc. Ngày ghi dạng dd/mm/yyyy, ví dụ 05/09/2022; số thập phân dùng dấu phẩy, ví dụ 12,5.",
    "Chọn giá trị trong danh sách thả xuống ở các cột giới tính, dân tộc, lớp, có/không.",
    "Không đổi tên trang tính, không xóa hoặc đổi tên cột, không xóa trang ẩn «_mamnon» (thông tin nhận dạng tệp).",
    "Nhập lại cùng một tệp hai lần không làm thay đổi gì thêm.",
)

CODE_NOTE = "Để trống với trẻ mới: phần mềm tự cấp mã."

ROSTER_SPEC = WorkbookSpec(
    kind=ROSTER, version=1, title="DANH SÁCH TRẺ",
    sheets=(SheetSpec(
        name="Danh sách trẻ", title="DANH SÁCH TRẺ", key=("code",),
        columns=(
            Column("code", "Mã trẻ", CODE, width=11, note=CODE_NOTE),
            Column("full_name", "Họ và tên", TEXT, required=True, width=26),
            Column("birth_date", "Ngày sinh", DATE, required=True, width=12),
            Column("sex", "Giới tính", SEX, required=True, width=9),
            Column("class_name", "Lớp", CHOICE, required=True, choices_from="classes", width=14),
            Column("ethnicity", "Dân tộc", CHOICE, choices=ETHNIC_NAMES, width=11, note="Để trống là Kinh."),
            Column("enrolled_on", "Ngày vào trường", DATE, width=12),
            Column("village", "Thôn, xóm", TEXT, width=14),
            Column("commune", "Xã, phường", TEXT, width=14),
            Column("province", "Tỉnh, thành phố", TEXT, width=14),
            Column("address", "Địa chỉ", TEXT, width=20),
            Column("disability", "Khuyết tật", TEXT, width=12, note="Ghi dạng khuyết tật; để trống nếu không."),
            Column("policy_category", "Đối tượng chính sách", CHOICE, choices=POLICY_CATEGORIES, width=18),
            Column("guardian1_name", "Họ tên cha/mẹ 1", TEXT, width=22),
            Column("guardian1_relation", "Quan hệ 1", CHOICE, choices=GUARDIAN_RELATIONS, width=9),
            Column("guardian1_phone", "Điện thoại 1", CODE, width=13),
            Column("guardian2_name", "Họ tên cha/mẹ 2", TEXT, width=22),
            Column("guardian2_relation", "Quan hệ 2", CHOICE, choices=GUARDIAN_RELATIONS, width=9),
            Column("guardian2_phone", "Điện thoại 2", CODE, width=13),
            Column("note", "Ghi chú", TEXT, width=20),
        ),
    ),),
    instructions=(
        "Mỗi dòng là một trẻ. Trẻ đã có mã: phần mềm cập nhật theo mã. Trẻ mới: để trống mã;"
        " nếu trùng họ tên và ngày sinh với trẻ đã có, phần mềm hỏi lại trước khi nhập.",
        "Cột «Lớp» phải là tên một lớp của năm học hiện tại của trường.",
    ),
)

STAFF_SPEC = WorkbookSpec(
    kind=STAFF, version=1, title="DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN",
    sheets=(SheetSpec(
        name="Cán bộ", title="DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN", key=("code",),
        columns=(
            Column("code", "Mã cán bộ", CODE, width=11, note="Để trống với người mới: phần mềm tự cấp mã."),
            Column("full_name", "Họ và tên", TEXT, required=True, width=26),
            Column("birth_date", "Ngày sinh", DATE, width=12),
            Column("sex", "Giới tính", SEX, required=True, width=9),
            Column("ethnicity", "Dân tộc", CHOICE, choices=ETHNIC_NAMES, width=11),
            Column("position", "Chức vụ", CHOICE, required=True, choices=POSITIONS, width=22),
            Column("qualification", "Trình độ đào tạo", CHOICE, choices=QUALIFICATIONS, width=16),
            Column("training_major", "Chuyên ngành đào tạo", CHOICE, choices=TRAINING_MAJORS, width=18,
                   note="«Sư phạm mầm non» hoặc «Ngành khác». Để trống thì giữ nguyên."),
            Column("contract_type", "Loại hợp đồng", CHOICE, choices=CONTRACT_TYPES, width=13,
                   note="«Biên chế» hoặc «Hợp đồng». Để trống thì giữ nguyên."),
            Column("phone", "Điện thoại", CODE, width=13),
            Column("started_on", "Ngày vào làm", DATE, width=12),
            Column("note", "Ghi chú", TEXT, width=20),
        ),
    ),),
)

MEASUREMENTS_SPEC = WorkbookSpec(
    kind=MEASUREMENTS, version=1, title="CÂN ĐO TRẺ",
    sheets=(SheetSpec(
        name="Cân đo", title="PHIẾU CÂN ĐO TRẺ", key=("code",), signature=("weight_kg", "height_cm"),
        columns=(
            Column("code", "Mã trẻ", CODE, required=True, input=False, width=11),
            Column("full_name", "Họ và tên", TEXT, required=True, input=False, width=26),
            Column("birth_date", "Ngày sinh", DATE, input=False, width=12),
            Column("sex", "Giới tính", SEX, input=False, width=9),
            Column("class_name", "Lớp", TEXT, input=False, width=14),
            Column("measured_on", "Ngày cân đo", DATE, width=12, note="Để trống là ngày của đợt cân đo."),
            Column("weight_kg", "Cân nặng (kg)", DECIMAL, minimum=1, maximum=60, width=10,
                   note="Ví dụ 15,4. Để trống nếu trẻ vắng."),
            Column("height_cm", "Chiều cao (cm)", DECIMAL, minimum=40, maximum=160, width=10,
                   note="Ví dụ 102,5. Để trống nếu trẻ vắng."),
            Column("lying", "Đo nằm", YESNO, width=8, note="«Có» khi trẻ được đo nằm (chiều dài)."),
            Column("note", "Ghi chú", TEXT, width=20),
        ),
    ),),
    instructions=(
        "Danh sách trẻ đã được điền sẵn theo lớp; chỉ gõ ngày cân đo, cân nặng, chiều cao, cách đo và ghi chú.",
        "Trẻ vắng: để trống cân nặng và chiều cao.",
    ),
)

ATTENDANCE_MARKS = ("x", "P", "K")
"""Present, absent with leave (có phép), absent without leave (không phép)."""

ATTENDANCE_SPEC = WorkbookSpec(
    kind=ATTENDANCE, version=1, title="SỔ ĐIỂM DANH", period="month",
    sheets=(SheetSpec(
        name="Điểm danh", title="SỔ ĐIỂM DANH", key=("code",), signature=("d01", "d15", "d28"),
        columns=(
            Column("code", "Mã trẻ", CODE, required=True, input=False, width=11),
            Column("full_name", "Họ và tên", TEXT, required=True, input=False, width=24),
            Column("class_name", "Lớp", TEXT, input=False, width=12),
            *(Column(f"d{day:02d}", str(day), CHOICE, choices=ATTENDANCE_MARKS, width=3.3)
              for day in range(1, 32)),
        ),
    ),),
    instructions=(
        "Mỗi ô ngày: «x» có mặt, «P» nghỉ có phép, «K» nghỉ không phép; để trống ngày nghỉ của trường.",
    ),
)

MENUS_SPEC = WorkbookSpec(
    kind=MENUS, version=1, title="THỰC ĐƠN",
    sheets=(
        SheetSpec(
            name="Thực đơn", title="THỰC ĐƠN THEO NGÀY", key=("date", "stage", "meal", "dish"),
            columns=(
                Column("date", "Ngày", DATE, required=True, width=12),
                Column("stage", "Cấp học", CHOICE, required=True, choices=("Nhà trẻ", "Mẫu giáo"), width=10),
                Column("meal", "Bữa", CHOICE, required=True,
                       choices=("Bữa sáng", "Bữa trưa", "Bữa chiều", "Bữa phụ"), width=10),
                Column("dish", "Món ăn", TEXT, required=True, width=28),
                Column("children_count", "Số trẻ ăn", INTEGER, minimum=1, maximum=2000, width=9),
                Column("fee_per_child", "Tiền ăn 1 trẻ (đ)", INTEGER, minimum=1, maximum=1_000_000, width=12,
                       number_format="#,##0"),
            ),
        ),
        SheetSpec(
            name="Món ăn", title="MÓN ĂN VÀ ĐỊNH LƯỢNG (gam ăn được / 1 trẻ)", key=("dish", "food_code"),
            columns=(
                Column("dish", "Món ăn", TEXT, required=True, width=28),
                Column("food_code", "Mã thực phẩm", CODE, required=True, width=10),
                Column("food_name", "Tên thực phẩm", TEXT, width=24, note="Để đối chiếu; phần mềm theo mã."),
                Column("grams_nha_tre", "Gam nhà trẻ", DECIMAL, minimum=0, maximum=500, width=10),
                Column("grams_mau_giao", "Gam mẫu giáo", DECIMAL, minimum=0, maximum=500, width=10),
            ),
        ),
    ),
)

INFO_SHEET, INDICATOR_SHEET, UNITS_SHEET, CHECKS_SHEET, SUBMISSIONS_SHEET, WATCH_SHEET = (
    "Thông tin", "Chỉ tiêu", "Đơn vị", "Kiểm tra", "Nộp báo cáo", "Trẻ cần theo dõi")
"""The report's sheets, in REPORT_SPEC order."""
ROW_SCHOOL, ROW_SUBTOTAL = "Trường", "Tổng đơn vị"
"""«Đơn vị» row types: a leaf school, or the subtotal of a unit between the report's unit and its schools."""
SEVERITY_ERROR, SEVERITY_WARNING = N_("Lỗi"), N_("Cảnh báo")
SUBMITTED, NOT_SUBMITTED, UNEXPECTED = N_("Đã nộp"), N_("Chưa nộp"), N_("Ngoài danh sách")
"""Written into the merged workbook (stored values); a screen shows `_(status)`."""
SUBMISSION_STATUSES = (SUBMITTED, NOT_SUBMITTED, UNEXPECTED)

_BRACKETED_CODE = re.compile(r"\[\s*([A-Za-z0-9_]+)\s*\]\s*\*?\s*$")


def indicator_header(code: str) -> str:
    """«Đơn vị» header of an indicator column: readable label, and the stable code in brackets to match on."""
    return f"{indicators.BY_CODE[code].label} [{code}]"


def indicator_code_of_header(text: object) -> str | None:
    """The catalogue code a «Đơn vị» header names in brackets, whatever its label says (labels get reworded)."""
    m = _BRACKETED_CODE.search(str(text or ""))
    if m is None:
        return None
    code = m.group(1).upper()
    return code if code in indicators.BY_CODE else None


REPORT_SPEC = WorkbookSpec(
    kind=REPORT, version=1, title="BÁO CÁO THỐNG KÊ", period="any", fill_in=False,
    sheets=(
        SheetSpec(
            name=INFO_SHEET, title="THÔNG TIN ĐƠN VỊ", header_row=3, key=("item",),
            columns=(
                Column("item", "Mục", TEXT, required=True, input=False, width=28),
                Column("value", "Nội dung", TEXT, input=False, width=50),
            ),
        ),
        SheetSpec(
            name=INDICATOR_SHEET, title="CÁC CHỈ TIÊU", header_row=3, key=("code",),
            columns=(
                Column("code", "Mã chỉ tiêu", CODE, required=True, input=False, width=14),
                Column("label", "Chỉ tiêu", TEXT, input=False, width=52),
                Column("unit", "Đơn vị tính", TEXT, input=False, width=10),
                # "General": a count shows as 10, a rate as 12.5; "#,##0.##" would print "10." in Excel.
                Column("value", "Giá trị", DECIMAL, input=False, width=12, number_format="General"),
            ),
        ),
        SheetSpec(
            name=UNITS_SHEET, title="SỐ LIỆU TỪNG ĐƠN VỊ", header_row=3, key=("row_type", "unit_code"),
            columns=(
                Column("row_type", "Loại dòng", CHOICE, required=True, choices=(ROW_SCHOOL, ROW_SUBTOTAL),
                       input=False, width=11),
                Column("unit_code", "Mã đơn vị", CODE, required=True, input=False, width=12),
                Column("unit_name", "Tên đơn vị", TEXT, input=False, width=28),
                Column("level", "Cấp", TEXT, input=False, width=12),
                Column("path", "Thuộc", TEXT, input=False, width=36),
                Column("exported_at", "Thời điểm xuất", TEXT, input=False, width=19),
                *(Column(i.code, indicator_header(i.code), DECIMAL, input=False, width=12, number_format="General")
                  for i in indicators.CATALOGUE),
            ),
        ),
        SheetSpec(
            name=CHECKS_SHEET, title="KẾT QUẢ KIỂM TRA KHI GỘP", header_row=3,
            columns=(
                Column("severity", "Mức độ", CHOICE, required=True, choices=(SEVERITY_ERROR, SEVERITY_WARNING),
                       input=False, width=10),
                Column("unit_code", "Mã đơn vị", CODE, input=False, width=12),
                Column("unit_name", "Tên đơn vị", TEXT, input=False, width=26),
                Column("file", "Tệp", TEXT, input=False, width=24),
                Column("message", "Nội dung", TEXT, required=True, input=False, width=70),
            ),
        ),
        SheetSpec(
            name=SUBMISSIONS_SHEET, title="TÌNH HÌNH NỘP BÁO CÁO", header_row=3, key=("unit_code",),
            columns=(
                Column("unit_code", "Mã đơn vị", CODE, required=True, input=False, width=12),
                Column("unit_name", "Tên đơn vị", TEXT, input=False, width=30),
                Column("status", "Tình trạng", CHOICE, required=True, choices=SUBMISSION_STATUSES, input=False,
                       width=16),
                Column("file", "Tệp", TEXT, input=False, width=28),
                Column("exported_at", "Thời điểm xuất", TEXT, input=False, width=19),
                # Appended last: an older merged file without them still checks (trailing blanks are dropped).
                Column("state", "Trạng thái báo cáo", TEXT, input=False, width=14),
                Column("timing", "So với hạn nộp", TEXT, input=False, width=16),
            ),
        ),
        SheetSpec(
            name=WATCH_SHEET, title="DANH SÁCH TRẺ CẦN THEO DÕI DINH DƯỠNG", header_row=3,
            key=("unit_code", "code"),
            columns=(
                Column("unit_code", "Mã trường", CODE, input=False, width=10),
                Column("unit_name", "Trường", TEXT, input=False, width=22),
                Column("code", "Mã trẻ", CODE, input=False, width=11),
                Column("full_name", "Họ và tên", TEXT, input=False, width=24),
                Column("birth_date", "Ngày sinh", DATE, input=False, width=11),
                Column("sex", "Giới tính", SEX, input=False, width=8),
                Column("class_name", "Lớp", TEXT, input=False, width=12),
                Column("measured_on", "Ngày cân đo", DATE, input=False, width=11),
                Column("weight_kg", "Cân nặng (kg)", DECIMAL, input=False, width=9),
                Column("height_cm", "Chiều cao (cm)", DECIMAL, input=False, width=9),
                Column("wfa", "Z cân nặng/tuổi", DECIMAL, input=False, width=9, number_format="0.00"),
                Column("hfa", "Z chiều cao/tuổi", DECIMAL, input=False, width=9, number_format="0.00"),
                Column("wfh", "Z cân nặng/chiều cao", DECIMAL, input=False, width=9, number_format="0.00"),
                Column("bfa", "Z BMI/tuổi", DECIMAL, input=False, width=9, number_format="0.00"),
                Column("status", "Tình trạng", TEXT, input=False, width=30),
            ),
        ),
    ),
)

UNITS_SPEC = WorkbookSpec(
    kind=UNITS, version=1, title="DANH SÁCH ĐƠN VỊ TRỰC THUỘC",
    sheets=(SheetSpec(
        name="Danh sách đơn vị", title="DANH SÁCH ĐƠN VỊ PHẢI NỘP BÁO CÁO", key=("unit_code",),
        columns=(
            Column("unit_code", "Mã đơn vị", CODE, required=True, width=16),
            Column("unit_name", "Tên đơn vị", TEXT, required=True, width=40),
            Column("level", "Cấp", TEXT, width=16, note="Ví dụ: Trường, UBND xã, Phòng GD&ĐT."),
        ),
    ),),
    instructions=(
        "Mỗi dòng là một đơn vị phải nộp báo cáo lên đơn vị mình: mã đúng như mã đơn vị ghi trong báo cáo"
        " của họ. Dùng khi gộp: mamnon merge … --expect tệp-này.xlsx.",
    ),
)

SPECS: dict[str, WorkbookSpec] = {s.kind: s for s in (
    ROSTER_SPEC, STAFF_SPEC, MEASUREMENTS_SPEC, ATTENDANCE_SPEC, MENUS_SPEC, REPORT_SPEC, UNITS_SPEC)}

# The census and unit-change specs have their own modules; registered here so that open_workbook
# recognises their files.
from mamnon.workbooks.census_spec import CENSUS, CENSUS_LABEL, CENSUS_SPEC  # noqa: E402
from mamnon.workbooks.unit_changes_spec import UNIT_CHANGES, UNIT_CHANGES_LABEL, UNIT_CHANGES_SPEC  # noqa: E402

SPECS[CENSUS] = CENSUS_SPEC
KIND_LABELS[CENSUS] = CENSUS_LABEL
SPECS[UNIT_CHANGES] = UNIT_CHANGES_SPEC
KIND_LABELS[UNIT_CHANGES] = UNIT_CHANGES_LABEL
from mamnon.workbooks.reply_spec import REPLY, REPLY_LABEL, REPLY_SPEC  # noqa: E402

SPECS[REPLY] = REPLY_SPEC
KIND_LABELS[REPLY] = REPLY_LABEL

TEMPLATE_KINDS = (ROSTER, STAFF, MEASUREMENTS, ATTENDANCE, MENUS, UNITS)
"""Kinds with a blank template in templates_xlsx/ (the report is only ever exported)."""


def spec_for(kind: str) -> WorkbookSpec:
    try:
        return SPECS[kind]
    except KeyError:
        from mamnon.errors import MamnonError

        from mamnon.i18n import _

        raise MamnonError(_("Không có loại biểu «{kind}». Các loại: {known}.").format(
            kind=kind, known=", ".join(SPECS))) from None


def kind_from_headers(sheet_name: str, header_cells: list[object]) -> str | None:
    """The kind whose sheet's headers a row matches (for files that lost their metadata sheet).

    A kind matches when every required column's header is present; among
    matches, the one with most recognised headers wins. The sheet name is only
    a tie-breaker: users rename sheets.
    """
    from mamnon.workbooks.spec import match_headers

    best: tuple[int, int, str] | None = None
    for spec in SPECS.values():
        for sheet in spec.sheets:
            found = match_headers(sheet, header_cells)
            required = [c.key for c in sheet.columns if c.required]
            if not required or any(k not in found for k in required):
                continue
            if sheet.signature and not any(k in found for k in sheet.signature):
                continue
            # More recognised headers first; then the smaller sheet (fewer unmatched columns).
            score = (len(found), int(sheet.name == sheet_name), -len(sheet.columns), spec.kind)
            if best is None or score > best:
                best = score
    return best[-1] if best else None
