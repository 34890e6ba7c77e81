"""Printed meal forms as Excel workbooks (A4): week menu, day calculation, market list.

* `write_week_menu(path, monday, stage)` — thực đơn tuần for the notice board:
  one A4 landscape page, meals × days (Monday–Friday) → dishes, and the
  energy per child of each day.
* `write_day_calculation(path, date, stage)` — sổ tính khẩu phần ăn of one
  menu day: every food with edible g per child, waste, gross kg, price,
  amount, kcal / P / L / G per child; the totals; the shares against the
  norm set; cost per child against the fee; signatures.
* `write_market_list(path, date, stage, end=None)` — phiếu kê chợ of a day or range: food, gross kg, unit
  price, amount, supplier, total; signatures of người lập phiếu, kế toán and
  hiệu trưởng.

Every figure comes from `mamnon.services.menus.calculate_menu_day` (DayReport)
and the food catalogue (supplier); nothing is recomputed here. Money cells are
whole đồng numbers shown as "1.234.000 đ" whatever the computer's locale
(MONEY_FORMAT); table headers are repeated on every printed page and the page
fits the paper's width. Written through `exporters.xlsx.atomic_workbook`.
"""

from __future__ import annotations

# i18n-data: the printed menus, calculations and market lists are forms, Vietnamese in every language
import datetime as dt
import os
from pathlib import Path

from exporters.paper_stamp import stamp_paper_code
from exporters.xlsx import FONT, atomic_workbook, check_target, header_text, setup_a4_page
from mamnon.i18n import _

__all__ = ["MONEY_FORMAT", "money_format", "WEEKDAYS", "week_dates", "write_day_calculation", "write_market_list",
           "write_week_menu"]



def money_format(value: float) -> str:
    """An Excel number format showing `value` (whole đồng) as "1.234.000 đ" on any locale.

    The dots are literal characters (Excel's thousands separator follows the
    computer's locale), so the format depends on how many digit groups the value has.
    """
    groups = max(1, (len(str(abs(int(round(value))))) + 2) // 3)
    body = "0" if groups == 1 else "#" + '"."###' * (groups - 2) + '"."##0'
    return f'{body}" đ";-{body}" đ"'


MONEY_FORMAT = money_format(1_234_000)
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def week_dates(day: dt.date) -> list[dt.date]:
    """Monday to Friday of the week containing `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=i) for i in range(5)]


def _formats(wb) -> dict:
    base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}

    def fmt(**props):
        return wb.add_format({**base, **props})

    cell = {"border": 1, "font_size": 10}
    cache: dict = {}

    def money(value: float, *, bold: bool = False):
        key = (money_format(value), bold)
        if key not in cache:
            cache[key] = fmt(num_format=key[0], align="right", bold=bold, **cell)
        return cache[key]

    return {
        "money": money,
        "unit": fmt(font_size=10, align="center"),
        "unit_bold": fmt(bold=True, font_size=10, align="center"),
        "nation": fmt(bold=True, font_size=10, align="center"),
        "motto": fmt(bold=True, underline=True, font_size=10, align="center"),
        "title": fmt(bold=True, font_size=15, align="center"),
        "subtitle": fmt(italic=True, font_size=11, align="center"),
        "text": fmt(),
        "bold": fmt(bold=True),
        "header": fmt(bold=True, font_size=10, align="center", text_wrap=True, border=1, bg_color="#E7E6E6"),
        "cell": fmt(text_wrap=True, **cell),
        "center": fmt(align="center", **cell),
        "dishes": fmt(text_wrap=True, valign="top", **cell),
        "int": fmt(num_format="0", align="center", **cell),
        "one": fmt(num_format="0.0", align="right", **cell),
        "kg": fmt(num_format="0.000", align="right", **cell),
        "total_label": fmt(bold=True, align="center", **cell),
        "total_one": fmt(bold=True, num_format="0.0", align="right", **cell),
        "sign_title": fmt(bold=True, align="center"),
        "sign_note": fmt(italic=True, font_size=10, align="center"),
        "note": fmt(italic=True, font_size=9, text_wrap=True, valign="top"),
    }


def _heading(ws, f: dict, school, last_col: int, *, national: bool) -> int:
    """Unit (left) and, on official forms, the national heading (right); returns the next free row."""
    parent = school.parents[0].name.upper() if school.parents else ""
    split = max(1, (last_col + 1) * 2 // 5 - 1)
    if national:
        ws.merge_range(0, 0, 0, split, parent, f["unit"])
        ws.merge_range(1, 0, 1, split, school.name.upper(), f["unit_bold"])
        ws.merge_range(0, split + 1, 0, last_col, NATION, f["nation"])
        ws.merge_range(1, split + 1, 1, last_col, MOTTO, f["motto"])
    else:
        ws.merge_range(0, 0, 0, last_col, parent, f["unit"])
        ws.merge_range(1, 0, 1, last_col, school.name.upper(), f["unit_bold"])
    return 3


def _signatures(ws, f: dict, row: int, blocks: list[tuple[int, int, str]], place_date: str) -> int:
    """Signature blocks (first col, last col, title); the place and date above the last one."""
    first, last, _block_title = blocks[-1]
    if first != last:
        ws.merge_range(row, first, row, last, place_date, f["sign_note"])
    else:
        ws.write(row, first, place_date, f["sign_note"])
    row += 1
    for a, b, title in blocks:
        for r, text, key in ((row, title, "sign_title"), (row + 1, "(Ký, ghi rõ họ tên)", "sign_note")):
            if a != b:
                ws.merge_range(r, a, r, b, text, f[key])
            else:
                ws.write(r, a, text, f[key])
    return row + 6


def _place_date(school, day: dt.date) -> str:
    place = school.commune.split(" ", 1)[1] if " " in school.commune else school.commune
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _page(ws, *, landscape: bool, school_name: str, title: str, print_area, repeat_row: int,
          one_page: bool = False) -> None:
    setup_a4_page(ws, landscape=landscape, header=header_text(left=school_name, right=title),
                  footer=header_text(center="Trang {page}/{pages}"), print_area=print_area, fit_one_page=False)
    # Fit to the width, as many pages down as needed; a one-day form on one sheet of paper.
    ws.fit_to_pages(1, 1 if one_page else 0)
    ws.repeat_rows(repeat_row)
    ws.hide_gridlines(2)


def _stage_label(stage: str) -> str:
    from mamnon.reference import STAGE_LABELS

    if stage not in STAGE_LABELS:
        raise ValueError(_("Cấp học phải là nha_tre hoặc mau_giao (đã cho: {stage}).").format(stage=stage))
    return STAGE_LABELS[stage]


# --- week menu ------------------------------------------------------------------------------


def write_week_menu(path: str | os.PathLike, monday: dt.date, stage: str) -> Path:
    """The week's menu (Monday–Friday of the week of `monday`) of a stage, one A4 landscape page."""
    from mamnon.errors import MamnonError
    from mamnon.models.meals import MEALS
    from mamnon.services import menus
    from mamnon.services.school import school_info

    check_target(path)
    label = _stage_label(stage)
    days = week_dates(monday)
    school = school_info()
    found = {m.date: m for m in menus.list_menu_days(days[0], days[-1], stage)}
    if not found:
        raise MamnonError(_("Chưa có thực đơn {stage} nào trong tuần {start} – {end}.").format(
            stage=_(label).lower(), start=f"{days[0]:%d/%m/%Y}", end=f"{days[-1]:%d/%m/%Y}"))
    energy = {}
    for day, menu in found.items():
        try:
            energy[day] = menus.calculate_menu_day(day, stage).result.intake.energy_kcal
        except MamnonError:
            energy[day] = None
    meals = [(code, name) for code, name in MEALS if any(i.meal == code for m in found.values() for i in m.items)]
    last = len(days)
    title = f"THỰC ĐƠN TUẦN – {label.upper()}"
    with atomic_workbook(path) as wb:
        wb.set_properties({"title": title, "author": school.name, "company": school.name})
        f = _formats(wb)
        ws = wb.add_worksheet("Thực đơn tuần")
        ws.set_column(0, 0, 14)
        ws.set_column(1, last, 30)
        row = _heading(ws, f, school, last, national=False)
        ws.set_row(row, 24)
        ws.merge_range(row, 0, row, last, title, f["title"])
        ws.merge_range(row + 1, 0, row + 1, last, f"Từ ngày {days[0]:%d/%m/%Y} đến ngày {days[-1]:%d/%m/%Y}",
                       f["subtitle"])
        head = row + 3
        ws.write(head, 0, "Bữa", f["header"])
        for col, day in enumerate(days, start=1):
            ws.write(head, col, f"{WEEKDAYS[day.weekday()]}\n{day:%d/%m/%Y}", f["header"])
        ws.set_row(head, 30)
        r = head + 1
        for code, name in meals:
            lines = 1
            ws.write(r, 0, name, f["total_label"])
            for col, day in enumerate(days, start=1):
                menu = found.get(day)
                dishes = [i.dish_name for i in menu.items if i.meal == code] if menu else []
                lines = max(lines, len(dishes))
                ws.write(r, col, "\n".join(dishes) if menu else "", f["dishes"])
            ws.set_row(r, 16 * lines + 6)
            r += 1
        ws.write(r, 0, "Năng lượng\n(kcal/trẻ)", f["total_label"])
        ws.set_row(r, 30)
        for col, day in enumerate(days, start=1):
            value = energy.get(day)
            if value is None:
                ws.write(r, col, "" if day in found else "Không có thực đơn", f["center"])
            else:
                ws.write_number(r, col, round(value, 1), f["total_one"])
        r += 2
        first, last_sign = last - 1, last
        _signatures(ws, f, r, [(0, 1, "NGƯỜI LẬP THỰC ĐƠN"), (first, last_sign, "HIỆU TRƯỞNG")],
                    _place_date(school, days[0] - dt.timedelta(days=3)))
        _page(ws, landscape=True, school_name=school.name, title=f"Thực đơn tuần {label.lower()}",
              print_area=(0, 0, r + 7, last), repeat_row=head)
        stamp_paper_code(wb, school.code, monday.isoformat())
    return Path(path)


# --- day calculation --------------------------------------------------------------------------

CALC_COLUMNS = (
    ("STT", 5), ("Thực phẩm", 26), ("Ăn được\n(g/trẻ)", 9), ("Thải bỏ\n(%)", 8), ("Thực mua\n(kg)", 10),
    ("Đơn giá\n(đ/kg)", 13), ("Thành tiền", 15), ("Năng lượng\n(kcal)", 10), ("Đạm P\n(g)", 8),
    ("Béo L\n(g)", 8), ("Bột G\n(g)", 8),
)


def _fmt_range(low, high, unit: str) -> str:
    g = lambda v: f"{v:g}".replace(".", ",")  # noqa: E731
    if low is not None and high is not None:
        return f"{g(low)} – {g(high)}{unit}"
    if low is not None:
        return f"≥ {g(low)}{unit}"
    if high is not None:
        return f"≤ {g(high)}{unit}"
    return "Không có định mức"


def write_day_calculation(path: str | os.PathLike, date: dt.date, stage: str) -> Path:
    """Sổ tính khẩu phần ăn of a menu day (A4 landscape, fit to width)."""
    from mamnon.nutrition import NUTRIENT_LABELS, STATUS_LABELS
    from mamnon.services import foods, menus
    from mamnon.services.school import school_info

    check_target(path)
    label = _stage_label(stage)
    report = menus.calculate_menu_day(date, stage)
    school = school_info()
    result = report.result
    waste = {line.code: foods.get_food_by_code(line.code).waste_pct for line in result.lines}
    last = len(CALC_COLUMNS) - 1
    title = "SỔ TÍNH KHẨU PHẦN ĂN"
    with atomic_workbook(path) as wb:
        wb.set_properties({"title": title, "author": school.name, "company": school.name})
        f = _formats(wb)
        ws = wb.add_worksheet("Khẩu phần")
        for col, (_header_text, width) in enumerate(CALC_COLUMNS):
            ws.set_column(col, col, width)
        row = _heading(ws, f, school, last, national=True)
        ws.set_row(row, 24)
        ws.merge_range(row, 0, row, last, title, f["title"])
        ws.merge_range(row + 1, 0, row + 1, last,
                       f"{label} – {WEEKDAYS[date.weekday()]}, ngày {date:%d/%m/%Y} – "
                       f"số trẻ ăn: {result.money.children}", f["subtitle"])
        r = row + 3
        for code, name in ((c, n) for c, n in menus.MEAL_LABELS.items()):
            dishes = [i.dish_name for i in report.menu.items if i.meal == code]
            if dishes:
                ws.merge_range(r, 0, r, last, "", f["text"])
                ws.write_rich_string(r, 0, f["bold"], f"{name}: ", f["text"], ", ".join(dishes), f["text"])
                r += 1
        head = r + 1
        for col, (text, _width) in enumerate(CALC_COLUMNS):
            ws.write(head, col, text, f["header"])
        ws.set_row(head, 30)
        r = head + 1
        for n, (line, c) in enumerate(zip(result.lines, result.intake.contributions), start=1):
            ws.write_number(r, 0, n, f["int"])
            ws.write(r, 1, line.name, f["cell"])
            ws.write_number(r, 2, line.edible_g_per_child, f["one"])
            w = waste.get(line.code)
            ws.write(r, 3, w if w is not None else "", f["one"])
            ws.write_number(r, 4, line.gross_kg, f["kg"])
            if line.price_per_kg is None:
                ws.write(r, 5, "Chưa có giá", f["center"])
                ws.write(r, 6, "", f["cell"])
            else:
                ws.write_number(r, 5, line.price_per_kg, f["money"](line.price_per_kg))
                ws.write_number(r, 6, line.cost, f["money"](line.cost))
            for col, value in zip(range(7, 11), (c.energy_kcal, c.protein_g, c.lipid_g, c.glucid_g)):
                ws.write_number(r, col, round(value, 1), f["one"])
            r += 1
        intake = result.intake
        # Money is for all the children eating; the nutrients per child (their column headings say so).
        ws.merge_range(r, 0, r, 5, "Cộng", f["total_label"])
        ws.write_number(r, 6, result.money.total_cost, f["money"](result.money.total_cost, bold=True))
        for col, value in zip(range(7, 11), (intake.energy_kcal, intake.protein_g, intake.lipid_g, intake.glucid_g)):
            ws.write_number(r, col, round(value, 1), f["total_one"])
        r += 2

        # The norm check
        norm_name = report.norm.name if report.norm is not None else "không có định mức"
        ws.merge_range(r, 0, r, last, f"So với định mức: {norm_name}", f["bold"])
        r += 1
        norm_head = r
        for a, b, text in ((0, 2, "Chỉ tiêu"), (3, 4, "Thực tế"), (5, 6, "Định mức"), (7, 8, "Đánh giá"),
                           (9, 10, "Chênh lệch")):
            ws.merge_range(r, a, r, b, text, f["header"])
        r += 1
        for check in result.checks:
            unit = " kcal" if check.item == "energy" else " %"
            ws.merge_range(r, 0, r, 2, NUTRIENT_LABELS[check.item], f["cell"])
            if check.value is None:
                ws.merge_range(r, 3, r, 4, "", f["one"])
            else:
                ws.merge_range(r, 3, r, 4, round(check.value, 1), f["one"])
            ws.merge_range(r, 5, r, 6, _fmt_range(check.low, check.high, unit), f["center"])
            ws.merge_range(r, 7, r, 8, STATUS_LABELS[check.status], f["center"])
            by = "" if check.status in ("dat", "khong_kiem") else \
                (f"{'−' if check.status == 'thieu' else '+'}{check.by:.1f}{unit}".replace(".", ",")
                   if check.by >= 0.05 else f"< 0,1{unit}")
            ws.merge_range(r, 9, r, 10, by, f["center"])
            r += 1
        r += 1

        # Money
        money = result.money
        ws.merge_range(r, 0, r, last, "Tiền ăn", f["bold"])
        r += 1
        money_rows = [("Số trẻ ăn", money.children, "int"),
                      ("Tiền ăn một trẻ một ngày", money.fee_per_child, "money"),
                      ("Tổng thu (tiền ăn × số trẻ)", money.fee_total, "money"),
                      ("Tổng chi (thực phẩm)", money.total_cost, "money"),
                      ("Chi một trẻ", round(money.cost_per_child), "money"),
                      ("Chênh lệch thu – chi (+ thừa, − thiếu)", money.balance, "money")]
        for text, value, kind in money_rows:
            ws.merge_range(r, 0, r, 4, text, f["cell"])
            if value is None:
                ws.merge_range(r, 5, r, 6, "Chưa có", f["center"])
            else:
                ws.merge_range(r, 5, r, 6, value, f["int"] if kind == "int" else f["money"](value))
            r += 1
        if money.missing_prices:
            ws.merge_range(r, 0, r, last, "Chưa có giá (không tính vào tổng chi): "
                           + ", ".join(money.missing_prices), f["note"])
            r += 1
        for warning in result.warnings:
            ws.merge_range(r, 0, r, last, warning, f["note"])
            r += 1
        r += 1
        end = _signatures(ws, f, r, [(0, 3, "NGƯỜI TÍNH KHẨU PHẦN"), (4, 7, "KẾ TOÁN"), (8, 10, "HIỆU TRƯỞNG")],
                          _place_date(school, date))
        ws.set_row(norm_head, 20)
        _page(ws, one_page=True, landscape=True, school_name=school.name,
              title=f"Khẩu phần {label.lower()} {date:%d/%m/%Y}",
              print_area=(0, 0, end, last), repeat_row=head)
        stamp_paper_code(wb, school.code, date.isoformat())
    return Path(path)


# --- market list ---------------------------------------------------------------------------------

MARKET_COLUMNS = (("STT", 5), ("Tên thực phẩm", 28), ("Số lượng\n(kg)", 10), ("Đơn giá\n(đ/kg)", 13),
                  ("Thành tiền", 15), ("Nhà cung cấp", 24))


def write_market_list(path: str | os.PathLike, date: dt.date, stage: str | None,
                      end: dt.date | None = None) -> Path:
    """Phiếu kê chợ of a day or a range of days (A4 portrait, fit to width, header row on every page).

    The lines are `meal_money.market_list`: closed days bring their snapshot's
    actual prices, open days today's catalogue; a food priced differently on two
    days shows «nhiều giá» with the summed amount.
    """
    from mamnon.errors import MamnonError
    from mamnon.services import meal_money
    from mamnon.services.school import school_info

    check_target(path)
    end = end or date
    market = meal_money.market_list(date, end, stage)
    if not market.days:
        span = {"start": f"{date:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
        if stage:
            raise MamnonError(_("Không có thực đơn ngày nào từ {start} đến {end} ({stage}).").format(
                stage=_(_stage_label(stage)).lower(), **span))
        raise MamnonError(_("Không có thực đơn ngày nào từ {start} đến {end}.").format(**span))
    school = school_info()
    label = _stage_label(stage) if stage else "Nhà trẻ và mẫu giáo"
    if end == date:
        children = sum(meal_money.day_account(d, st).children for d, st, _source in market.days)
        period = f"ngày {date:%d/%m/%Y} – số trẻ ăn: {children}"
    else:
        period = f"từ {date:%d/%m/%Y} đến {end:%d/%m/%Y} – {len(market.days)} ngày ăn"
    last = len(MARKET_COLUMNS) - 1
    title = "PHIẾU KÊ CHỢ"
    with atomic_workbook(path) as wb:
        wb.set_properties({"title": title, "author": school.name, "company": school.name})
        f = _formats(wb)
        ws = wb.add_worksheet("Phiếu kê chợ")
        for col, (_header_text, width) in enumerate(MARKET_COLUMNS):
            ws.set_column(col, col, width)
        row = _heading(ws, f, school, last, national=True)
        ws.set_row(row, 24)
        ws.merge_range(row, 0, row, last, title, f["title"])
        ws.merge_range(row + 1, 0, row + 1, last, f"{label} – {period}", f["subtitle"])
        head = row + 3
        for col, (text, _width) in enumerate(MARKET_COLUMNS):
            ws.write(head, col, text, f["header"])
        ws.set_row(head, 30)
        r = head + 1
        for n, line in enumerate(market.lines, start=1):
            ws.write_number(r, 0, n, f["int"])
            ws.write(r, 1, line.name, f["cell"])
            ws.write_number(r, 2, line.gross_kg, f["kg"])
            if line.price_per_kg is not None:
                ws.write_number(r, 3, line.price_per_kg, f["money"](line.price_per_kg))
            else:
                ws.write(r, 3, "Nhiều giá" if line.amount else "Chưa có giá", f["center"])
            if line.amount or line.price_per_kg is not None:
                ws.write_number(r, 4, line.amount, f["money"](line.amount))
            else:
                ws.write(r, 4, "", f["cell"])
            ws.write(r, 5, line.supplier, f["cell"])
            r += 1
        ws.merge_range(r, 0, r, 3, "Tổng cộng", f["total_label"])
        ws.write_number(r, 4, market.total, f["money"](market.total, bold=True))
        ws.write(r, 5, "", f["cell"])
        r += 1
        unpriced = [line.name for line in market.lines if line.unpriced_kg]
        if unpriced:
            ws.merge_range(r, 0, r, last, "Chưa có giá (không tính vào tổng): " + ", ".join(unpriced), f["note"])
            r += 1
        r += 1
        bottom = _signatures(ws, f, r, [(0, 1, "NGƯỜI LẬP PHIẾU"), (2, 4, "KẾ TOÁN"), (5, 5, "HIỆU TRƯỞNG")],
                             _place_date(school, date))
        span = f"{date:%d/%m/%Y}" if end == date else f"{date:%d/%m}–{end:%d/%m/%Y}"
        _page(ws, landscape=False, school_name=school.name, title=f"Phiếu kê chợ {span}",
              print_area=(0, 0, bottom, last), repeat_row=head)
        stamp_paper_code(wb, school.code, date.isoformat())
    return Path(path)
