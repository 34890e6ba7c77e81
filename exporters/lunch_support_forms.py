"""Danh sách trẻ được hỗ trợ ăn trưa of a month (NĐ 277/2025/NĐ-CP), on A4 portrait to sign and send.

One row per child paid that month, grouped by class with a subtotal under each
class and the school's total at the end; the amount per child and the decree
are printed under the title, the signatures of the maker, the accountant and
the head at the bottom, and the paper code in the footer.
"""

from __future__ import annotations

# i18n-data: the printed lunch-support list is an official form, Vietnamese in every language
import calendar
import datetime as dt
import os
from pathlib import Path

from exporters.meal_forms import _formats, _heading, _page, _place_date, _signatures
from exporters.paper_stamp import stamp_paper_code
from exporters.xlsx import atomic_workbook, check_target

__all__ = ["CLAIM_COLUMNS", "CLAIM_TITLE", "write_lunch_claim"]

CLAIM_TITLE = "DANH SÁCH TRẺ EM ĐƯỢC HỖ TRỢ TIỀN ĂN TRƯA"
CLAIM_COLUMNS = (("STT", 5), ("Họ và tên trẻ", 24), ("Ngày sinh", 11), ("Lớp", 10), ("Đối tượng", 30),
                 ("Giấy tờ chứng minh", 22), ("Số tiền (đồng)", 13), ("Ký nhận", 11))


def write_lunch_claim(path: str | os.PathLike, year: int, month: int, *, class_id: int | None = None) -> Path:
    from mamnon.services import lunch_support
    from mamnon.services.school import school_info

    check_target(path)
    claim = lunch_support.month_claim(year, month, class_id=class_id)
    school = school_info()
    last = len(CLAIM_COLUMNS) - 1
    month_end = dt.date(year, month, calendar.monthrange(year, month)[1])
    with atomic_workbook(path) as wb:
        wb.set_properties({"title": CLAIM_TITLE, "author": school.name, "company": school.name})
        f = _formats(wb)
        ws = wb.add_worksheet(f"Ăn trưa {month:02d}-{year}")
        for col, (_header_text, width) in enumerate(CLAIM_COLUMNS):
            ws.set_column(col, col, width)
        r = _heading(ws, f, school, last, national=True)
        ws.set_row(r, 24)
        ws.merge_range(r, 0, r, last, CLAIM_TITLE, f["title"])
        amount = f"{claim.amount_per_child:,}".replace(",", ".") + " đồng/trẻ/tháng" if claim.amount_per_child \
            else "chưa có chính sách"
        ws.merge_range(r + 1, 0, r + 1, last, f"Tháng {month:02d} năm {year} – mức hỗ trợ {amount}", f["subtitle"])
        ws.merge_range(r + 2, 0, r + 2, last, f"Theo {claim.source or 'Nghị định 277/2025/NĐ-CP'}", f["subtitle"])
        head = r + 4
        for col, (text, _width) in enumerate(CLAIM_COLUMNS):
            ws.write(head, col, text, f["header"])
        ws.set_row(head, 32)
        r = head + 1
        n = 0
        for cls in claim.classes:
            for row in (x for x in claim.rows if x.class_id == cls.class_id):
                n += 1
                ws.write_number(r, 0, n, f["int"])
                ws.write_string(r, 1, row.child_name, f["cell"])
                ws.write_string(r, 2, f"{row.birth_date:%d/%m/%Y}", f["center"])
                ws.write_string(r, 3, row.class_name, f["center"])
                ws.write_string(r, 4, row.group_label, f["cell"])
                ws.write_string(r, 5, row.evidence, f["cell"])
                ws.write_number(r, 6, row.amount, f["money"](row.amount))
                ws.write_string(r, 7, "", f["cell"])
                r += 1
            ws.merge_range(r, 0, r, 5, f"Cộng lớp {cls.class_name}: {cls.children} trẻ", f["total_label"])
            ws.write_number(r, 6, cls.amount, f["money"](cls.amount, bold=True))
            ws.write_string(r, 7, "", f["cell"])
            r += 1
        ws.merge_range(r, 0, r, 5, f"Tổng cộng toàn trường: {claim.children} trẻ", f["total_label"])
        ws.write_number(r, 6, claim.total, f["money"](claim.total, bold=True))
        ws.write_string(r, 7, "", f["cell"])
        r += 2
        end = _signatures(ws, f, r, [(0, 1, "NGƯỜI LẬP"), (3, 4, "KẾ TOÁN"), (5, 7, "HIỆU TRƯỞNG")],
                          _place_date(school, month_end))
        _page(ws, landscape=False, school_name=school.name, title=f"Hỗ trợ ăn trưa {month:02d}/{year}",
              print_area=(0, 0, end, last), repeat_row=head)
        stamp_paper_code(wb, school.code, f"{year}-{month:02d}")
    return Path(path)
