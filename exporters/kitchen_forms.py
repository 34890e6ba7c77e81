"""Printed kitchen forms as Excel workbooks (A4): three-step inspection log, food samples, meal money.

* `write_inspection_log(path, date, stage)` — sổ kiểm thực ba bước of one day
  (Quyết định 1246/QĐ-BYT): Bước 1 tiếp nhận thực phẩm, Bước 2 sơ chế / chế
  biến, Bước 3 trước khi ăn; A4 landscape; signatures of người kiểm tra and
  hiệu trưởng.
* `write_sample_log(path, start, end, stage=None)` — sổ lưu mẫu thức ăn: one
  row per sample of the days start..end (date, meal, dish, amount, time taken,
  storage °C, who took it, when and by whom it was destroyed).
* `write_month_money(path, year, month)` — công khai tài chính tiền ăn: one row
  per menu day (date, stage, children, collected, spent, surplus/deficit,
  running balance), the opening balance, the totals and the closing balance;
  signatures of kế toán and hiệu trưởng.

Every figure comes from `mamnon.services.kitchen_logs` and
`mamnon.services.meal_money`; nothing is recomputed here except the running
balance (opening + the day balances so far, which ends on the month's closing
balance). The look (national heading, money formats, signature blocks) is the
one of `exporters.meal_forms`; files are written through
`exporters.xlsx.atomic_workbook`.
"""

from __future__ import annotations

# i18n-data: the printed kitchen logs are official forms (QĐ 1246/QĐ-BYT), Vietnamese in every language
import datetime as dt
import os
from pathlib import Path

from exporters.meal_forms import MOTTO, NATION, _formats, _place_date, _signatures, _stage_label
from exporters.paper_stamp import stamp_paper_code
from exporters.xlsx import atomic_workbook, check_target, header_text, setup_a4_page
from mamnon.i18n import _

__all__ = ["INSPECTION_TITLE", "MONEY_TITLE", "SAMPLE_TITLE", "STEP1_COLUMNS", "STEP2_COLUMNS", "STEP3_COLUMNS",
           "STEP3_COLUMNS_AT", "SAMPLE_COLUMNS", "MONEY_COLUMNS", "write_inspection_log", "write_month_money",
           "write_sample_log"]

INSPECTION_TITLE = "SỔ KIỂM THỰC BA BƯỚC"
SAMPLE_TITLE = "SỔ LƯU MẪU THỨC ĂN"
MONEY_TITLE = "CÔNG KHAI TÀI CHÍNH TIỀN ĂN"

STEP1_COLUMNS = (("STT", 5), ("Giờ nhận", 9), ("Tên thực phẩm", 20), ("Số lượng", 9), ("Đơn vị", 7),
                 ("Cơ sở cung cấp\n(tên, địa chỉ, điện thoại)", 22), ("Chứng từ, giấy tờ", 16),
                 ("Kết quả kiểm tra cảm quan", 16), ("Biện pháp xử lý", 14), ("Người kiểm tra", 16))
STEP2_COLUMNS = ("STT", "Bữa ăn", "Tên món ăn", "Giờ bắt đầu sơ chế", "Giờ nấu xong", "Người sơ chế, nấu",
                 "Kết quả kiểm tra", "Biện pháp xử lý", "Người kiểm tra")
STEP3_COLUMNS = ("STT", "Bữa ăn", "Tên món ăn", "Giờ chia suất", "Kết quả kiểm tra", "Biện pháp xử lý",
                 "Người kiểm tra")
STEP3_COLUMNS_AT = (0, 1, 2, 3, 4, 8, 9)
"""The sheet column of each step-3 column (the result spans columns 4–7)."""
SAMPLE_COLUMNS = (("STT", 5), ("Ngày", 11), ("Cấp học", 9), ("Bữa ăn", 10), ("Tên món ăn", 22), ("Lượng mẫu", 8),
                  ("Đơn vị", 6), ("Giờ lấy mẫu", 16), ("Nhiệt độ bảo quản\n(°C)", 10), ("Người lấy mẫu", 18),
                  ("Giờ hủy mẫu", 16), ("Người hủy mẫu", 18))
MONEY_COLUMNS = (("STT", 5), ("Ngày", 12), ("Cấp học", 11), ("Số trẻ ăn", 9), ("Tiền thu", 14), ("Tiền chi", 14),
                 ("Thừa (+) / thiếu (−)", 14), ("Số dư", 15))


def _time(value: dt.datetime | None) -> str:
    return "" if value is None else f"{value:%H:%M}"


def _stamp(value: dt.datetime | None) -> str:
    return "" if value is None else f"{value:%H:%M %d/%m/%Y}"


def _result(label: str, note: str) -> str:
    return f"{label}: {note}" if label and note else (label or note)


def _page(ws, *, landscape: bool, school_name: str, title: str, print_area, repeat_row: int | None) -> None:
    setup_a4_page(ws, landscape=landscape, header=header_text(left=school_name, right=title),
                  footer=header_text(center="Trang {page}/{pages}"), print_area=print_area, fit_one_page=False)
    ws.fit_to_pages(1, 0)  # fit to the width, as many pages down as needed
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)
    ws.hide_gridlines(2)


def _heading(ws, f: dict, school, last: int, split: int) -> int:
    """Unit (left, columns 0..split) and the national heading (right); returns the next free row."""
    parent = school.parents[0].name.upper() if school.parents else ""
    ws.merge_range(0, 0, 0, split, parent, f["unit"])
    ws.merge_range(1, 0, 1, split, school.name.upper(), f["unit_bold"])
    ws.merge_range(0, split + 1, 0, last, NATION, f["nation"])
    ws.merge_range(1, split + 1, 1, last, MOTTO, f["motto"])
    return 3


def _title(ws, f: dict, row: int, last: int, title: str, subtitle: str) -> int:
    ws.set_row(row, 24)
    ws.merge_range(row, 0, row, last, title, f["title"])
    ws.merge_range(row + 1, 0, row + 1, last, subtitle, f["subtitle"])
    return row + 3


def _header(ws, f: dict, row: int, texts, height: int = 32) -> None:
    for col, text in enumerate(texts):
        ws.write(row, col, text, f["header"])
    ws.set_row(row, height)


# --- three-step inspection ------------------------------------------------------------------


def write_inspection_log(path: str | os.PathLike, date: dt.date, stage: str) -> Path:
    """Sổ kiểm thực ba bước of a day and stage (A4 landscape, fit to width)."""
    from mamnon.services import kitchen_logs
    from mamnon.services.school import school_info

    check_target(path)
    label = _stage_label(stage)
    log = kitchen_logs.get_day_log(date, stage)  # NotFound when the day has no log
    school = school_info()
    last = len(STEP1_COLUMNS) - 1
    with atomic_workbook(path) as wb:
        wb.set_properties({"title": INSPECTION_TITLE, "author": school.name, "company": school.name})
        f = _formats(wb)
        ws = wb.add_worksheet("Kiểm thực ba bước")
        for col, (_header_text, width) in enumerate(STEP1_COLUMNS):
            ws.set_column(col, col, width)
        row = _heading(ws, f, school, last, 3)
        r = _title(ws, f, row, last, INSPECTION_TITLE,
                   f"(Theo Quyết định số 1246/QĐ-BYT ngày 31/3/2017 của Bộ Y tế) – {label} – "
                   f"ngày {date:%d/%m/%Y}")

        ws.merge_range(r, 0, r, last, "BƯỚC 1: KIỂM TRA TRƯỚC KHI CHẾ BIẾN THỨC ĂN (tiếp nhận thực phẩm)",
                       f["bold"])
        head1 = r + 1
        _header(ws, f, head1, [text for text, _width in STEP1_COLUMNS])
        r = head1 + 1
        for n, line in enumerate(log.receipts, start=1):
            supplier = ", ".join(x for x in (line.supplier, line.supplier_contact) if x)
            ws.write_number(r, 0, n, f["int"])
            ws.write(r, 1, _time(line.received_at), f["center"])
            ws.write(r, 2, line.food_name, f["cell"])
            ws.write_number(r, 3, line.quantity, f["kg"] if line.unit == "kg" else f["one"])
            ws.write(r, 4, line.unit, f["center"])
            ws.write(r, 5, supplier, f["cell"])
            ws.write(r, 6, line.documents, f["cell"])
            ws.write(r, 7, _result(line.result_label, line.result_note), f["cell"])
            ws.write(r, 8, line.measures, f["cell"])
            ws.write(r, 9, line.checked_by_name, f["cell"])
            r += 1
        r += 1

        ws.merge_range(r, 0, r, last, "BƯỚC 2: KIỂM TRA KHI CHẾ BIẾN THỨC ĂN (sơ chế, chế biến)", f["bold"])
        head2 = r + 1
        _header(ws, f, head2, STEP2_COLUMNS[:-1])
        ws.merge_range(head2, 8, head2, 9, STEP2_COLUMNS[-1], f["header"])
        r = head2 + 1
        for n, d in enumerate(log.dishes, start=1):
            ws.write_number(r, 0, n, f["int"])
            ws.write(r, 1, d.meal_label, f["center"])
            ws.write(r, 2, d.dish_name, f["cell"])
            ws.write(r, 3, _time(d.prep_started_at), f["center"])
            ws.write(r, 4, _time(d.cooked_at), f["center"])
            ws.write(r, 5, d.cooks, f["cell"])
            ws.write(r, 6, _result(kitchen_logs.RESULT_LABELS.get(d.step2_result, ""), d.step2_note), f["cell"])
            ws.write(r, 7, d.step2_measures, f["cell"])
            ws.merge_range(r, 8, r, 9, d.step2_by_name, f["cell"])
            r += 1
        r += 1

        ws.merge_range(r, 0, r, last, "BƯỚC 3: KIỂM TRA TRƯỚC KHI ĂN (chia suất)", f["bold"])
        head3 = r + 1
        for col, text in zip(STEP3_COLUMNS_AT, STEP3_COLUMNS):
            if col == 4:
                ws.merge_range(head3, 4, head3, 7, text, f["header"])
            else:
                ws.write(head3, col, text, f["header"])
        ws.set_row(head3, 32)
        r = head3 + 1
        for n, d in enumerate(log.dishes, start=1):
            ws.write_number(r, 0, n, f["int"])
            ws.write(r, 1, d.meal_label, f["center"])
            ws.write(r, 2, d.dish_name, f["cell"])
            ws.write(r, 3, _time(d.served_at), f["center"])
            ws.merge_range(r, 4, r, 7, _result(kitchen_logs.RESULT_LABELS.get(d.step3_result, ""), d.step3_note),
                           f["cell"])
            ws.write(r, 8, d.step3_measures, f["cell"])
            ws.write(r, 9, d.step3_by_name, f["cell"])
            r += 1
        r += 1
        end = _signatures(ws, f, r, [(0, 3, "NGƯỜI KIỂM TRA"), (6, 9, "HIỆU TRƯỞNG")], _place_date(school, date))
        _page(ws, landscape=True, school_name=school.name, title=f"Kiểm thực ba bước {date:%d/%m/%Y}",
              print_area=(0, 0, end, last), repeat_row=None)
        stamp_paper_code(wb, school.code, date.isoformat())
    return Path(path)


# --- food samples -----------------------------------------------------------------------------


def write_sample_log(path: str | os.PathLike, start: dt.date, end: dt.date, stage: str | None = None) -> Path:
    """Sổ lưu mẫu thức ăn of the days start..end (one stage or both), A4 landscape, header on every page."""
    from mamnon.errors import MamnonError, ValidationError
    from mamnon.services import kitchen_logs
    from mamnon.services.school import school_info

    check_target(path)
    if end < start:
        raise ValidationError({"end": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    label = _stage_label(stage) if stage is not None else ""
    logs = kitchen_logs.list_day_logs(start, end, stage)
    if not logs:
        span = {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
        if label:
            raise MamnonError(_("Chưa có sổ kiểm thực nào từ {start} đến {end} ({stage}).").format(
                stage=_(label).lower(), **span))
        raise MamnonError(_("Chưa có sổ kiểm thực nào từ {start} đến {end}.").format(**span))
    school = school_info()
    last = len(SAMPLE_COLUMNS) - 1
    with atomic_workbook(path) as wb:
        wb.set_properties({"title": SAMPLE_TITLE, "author": school.name, "company": school.name})
        f = _formats(wb)
        ws = wb.add_worksheet("Lưu mẫu")
        for col, (_header_text, width) in enumerate(SAMPLE_COLUMNS):
            ws.set_column(col, col, width)
        row = _heading(ws, f, school, last, 4)
        period = f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
        head = _title(ws, f, row, last, SAMPLE_TITLE, f"{label} – {period}" if label else period)
        _header(ws, f, head, [text for text, _width in SAMPLE_COLUMNS])
        r = head + 1
        n = 0
        for log in logs:
            for s in log.samples:
                n += 1
                ws.write_number(r, 0, n, f["int"])
                ws.write(r, 1, f"{log.date:%d/%m/%Y}", f["center"])
                ws.write(r, 2, log.stage_label, f["center"])
                ws.write(r, 3, s.meal_label, f["center"])
                ws.write(r, 4, s.dish_name, f["cell"])
                ws.write_number(r, 5, s.amount, f["int"] if float(s.amount).is_integer() else f["one"])
                ws.write(r, 6, s.amount_unit, f["center"])
                ws.write(r, 7, _stamp(s.taken_at), f["center"])
                if s.storage_temp_c is None:
                    ws.write(r, 8, "", f["cell"])
                else:
                    ws.write_number(r, 8, s.storage_temp_c, f["one"])
                ws.write(r, 9, s.taken_by_name, f["cell"])
                ws.write(r, 10, _stamp(s.destroyed_at), f["center"])
                ws.write(r, 11, s.destroyed_by_name, f["cell"])
                r += 1
        r += 1
        ws.merge_range(r, 0, r, last, "Mẫu lưu: ≥ 100 g thức ăn đặc, ≥ 150 ml thức ăn lỏng; bảo quản 2–8 °C; "
                       "lưu ít nhất 24 giờ (Quyết định 1246/QĐ-BYT).", f["note"])
        r += 2
        end_row = _signatures(ws, f, r, [(0, 4, "NGƯỜI LƯU MẪU"), (8, 11, "HIỆU TRƯỞNG")], _place_date(school, end))
        _page(ws, landscape=True, school_name=school.name, title=f"Lưu mẫu {start:%d/%m/%Y} – {end:%d/%m/%Y}",
              print_area=(0, 0, end_row, last), repeat_row=head)
        stamp_paper_code(wb, school.code, f"{start.isoformat()}/{end.isoformat()}")
    return Path(path)


# --- meal money -------------------------------------------------------------------------------


def write_month_money(path: str | os.PathLike, year: int, month: int) -> Path:
    """Công khai tài chính tiền ăn of a month (A4 portrait, fit to width, header on every page)."""
    import calendar

    from mamnon.reference import STAGE_LABELS
    from mamnon.services import lunch_support, meal_money
    from mamnon.services.school import school_info

    check_target(path)
    summary = meal_money.month_summary(year, month)  # ValidationError without an opening balance
    school = school_info()
    last = len(MONEY_COLUMNS) - 1
    month_end = dt.date(year, month, calendar.monthrange(year, month)[1])
    with atomic_workbook(path) as wb:
        wb.set_properties({"title": MONEY_TITLE, "author": school.name, "company": school.name})
        f = _formats(wb)
        ws = wb.add_worksheet(f"Tiền ăn {month:02d}-{year}")
        for col, (_header_text, width) in enumerate(MONEY_COLUMNS):
            ws.set_column(col, col, width)
        row = _heading(ws, f, school, last, 3)
        head = _title(ws, f, row, last, MONEY_TITLE, f"Tháng {month:02d} năm {year}")
        _header(ws, f, head, [text for text, _width in MONEY_COLUMNS])
        r = head + 1
        ws.merge_range(r, 0, r, 6, "Số dư đầu kỳ (chuyển từ tháng trước)", f["total_label"])
        ws.write_number(r, 7, summary.opening, f["money"](summary.opening, bold=True))
        r += 1
        balance = summary.opening
        for n, day in enumerate(summary.days, start=1):
            balance += day.balance
            ws.write_number(r, 0, n, f["int"])
            ws.write(r, 1, f"{day.date:%d/%m/%Y}", f["center"])
            ws.write(r, 2, STAGE_LABELS.get(day.stage, day.stage), f["center"])
            ws.write_number(r, 3, day.children, f["int"])
            ws.write_number(r, 4, day.collected, f["money"](day.collected))
            ws.write_number(r, 5, day.spent, f["money"](day.spent))
            ws.write_number(r, 6, day.balance, f["money"](day.balance))
            ws.write_number(r, 7, balance, f["money"](balance))
            r += 1
        ws.merge_range(r, 0, r, 2, "Cộng tháng", f["total_label"])
        ws.write_number(r, 3, sum(d.children for d in summary.days), f["int"])
        for col, value in ((4, summary.collected), (5, summary.spent), (6, summary.surplus)):
            ws.write_number(r, col, value, f["money"](value, bold=True))
        ws.write(r, 7, "", f["cell"])
        r += 1
        ws.merge_range(r, 0, r, 6, "Số dư cuối kỳ (chuyển sang tháng sau)", f["total_label"])
        ws.write_number(r, 7, summary.closing, f["money"](summary.closing, bold=True))
        r += 1
        if any(d.source != meal_money.CLOSED for d in summary.days):
            ws.merge_range(r, 0, r, last, "Có ngày chưa chốt sổ: số liệu tính theo giá và định lượng hiện tại.",
                           f["note"])
            r += 1
        lunch = lunch_support.month_label(year, month)
        if lunch:  # paid from the budget per the claim list, beside (not inside) the fees parents paid
            ws.merge_range(r, 0, r, last, f"{lunch} – chi theo danh sách hỗ trợ ăn trưa, không tính vào tiền ăn "
                                          "đã thu ở trên.", f["note"])
            r += 1
        r += 1
        end = _signatures(ws, f, r, [(0, 2, "KẾ TOÁN"), (5, 7, "HIỆU TRƯỞNG")], _place_date(school, month_end))
        _page(ws, landscape=False, school_name=school.name, title=f"Tiền ăn tháng {month:02d}/{year}",
              print_area=(0, 0, end, last), repeat_row=head)
        stamp_paper_code(wb, school.code, f"{year}-{month:02d}")
    return Path(path)
