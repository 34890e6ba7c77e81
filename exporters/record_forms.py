"""Printed record forms as Excel workbooks (A4): rosters, registers, staff list, growth and health records.

* `write_class_roster(path, class_id)` — danh sách trẻ of a class (portrait).
* `write_children_register(path)` — sổ theo dõi trẻ of the current school year,
  class by class, with the children who left this year (landscape).
* `write_staff_list(path)` — danh sách cán bộ, giáo viên, nhân viên (portrait).
* `write_measure_summary(path, round_id)` — tổng hợp kết quả cân đo of a round:
  per group the counts and percentages of nhẹ cân, thấp còi, gầy còm, thừa
  cân, béo phì (`growth_stats.round_statistics`, the figures of
  `mamnon health stats`) (landscape).
* `write_malnutrition_list(path, round_id)` — danh sách trẻ suy dinh dưỡng,
  thừa cân, béo phì of a round (landscape).
* `write_health_card(path, child_id)` — phiếu theo dõi sức khỏe of a child:
  identity, every measurement, every health check (portrait; the growth chart
  is `exporters.growth_chart`).

The forms share the look of `exporters.meal_forms` (its heading, signature,
page and format helpers): unit name in the page header, «Trang x/y» in the
footer, the table header repeated on every printed page, fit to the paper's
width. Every figure comes from the services. Each writer takes an optional
`today` for the date above the signatures (default: the computer's date).
"""

from __future__ import annotations

# i18n-data: the printed rosters, registers and records are official forms, Vietnamese in every language
import datetime as dt
import os
from pathlib import Path

from exporters.meal_forms import _formats, _heading, _page, _place_date, _signatures
from exporters.paper_stamp import stamp_paper_code
from exporters.xlsx import FONT, atomic_workbook, check_target

__all__ = ["MALNUTRITION_COLUMNS", "MEASURE_CATEGORIES", "ROSTER_COLUMNS", "REGISTER_COLUMNS", "STAFF_COLUMNS",
           "is_watched", "register_rows", "summary_groups", "watch_rows", "watch_status",
           "write_children_register", "write_class_roster", "write_health_card", "write_malnutrition_list",
           "write_measure_summary", "write_staff_list"]

ROSTER_COLUMNS = (("STT", 5), ("Mã trẻ", 9), ("Họ và tên", 22), ("Ngày sinh", 11), ("Giới\ntính", 6),
                  ("Dân tộc", 8), ("Họ tên cha/mẹ", 22), ("Điện thoại", 13), ("Địa chỉ", 26))
REGISTER_COLUMNS = (("STT", 5), ("Mã trẻ", 9), ("Họ và tên", 22), ("Ngày sinh", 11), ("Giới\ntính", 6),
                    ("Dân tộc", 8), ("Địa chỉ", 26), ("Họ tên cha/mẹ", 22), ("Điện thoại", 13),
                    ("Ngày vào\ntrường", 11), ("Ngày ra\ntrường", 11), ("Lý do / ghi chú", 20))
STAFF_COLUMNS = (("STT", 5), ("Họ và tên", 22), ("Ngày sinh", 11), ("Giới\ntính", 6), ("Dân tộc", 8),
                 ("Chức vụ", 16), ("Trình độ", 16), ("Ngày vào\nlàm", 11), ("Điện thoại", 13))
MALNUTRITION_COLUMNS = (("STT", 5), ("Họ và tên", 22), ("Lớp", 10), ("Ngày sinh", 11), ("Giới\ntính", 6),
                        ("Tuổi\n(tháng)", 7), ("Cân nặng\n(kg)", 9), ("Chiều cao\n(cm)", 9), ("Z CN/T", 8),
                        ("Z CC/T", 8), ("Z CN/CC", 8), ("Z BMI/T", 8), ("Tình trạng", 34))
MEASURE_CATEGORIES = (
    # column title, GroupStats count attribute, its percentage (as `mamnon health stats`)
    ("Nhẹ cân", "underweight", lambda g: g.wfa.malnourished_percent),
    ("Thấp còi", "stunted", lambda g: g.hfa.malnourished_percent),
    ("Gầy còm", "wasted", lambda g: g.wasting.malnourished_percent),
    ("Thừa cân", "overweight", lambda g: g.wasting.percent("thua_can")),
    ("Béo phì", "obese", lambda g: g.wasting.percent("beo_phi")),
)
CARD_MEASURE_COLUMNS = ("STT", "Ngày đo", "Tuổi\n(tháng)", "Cân nặng\n(kg)", "Chiều cao\n(cm)", "Z CN/T",
                        "Z CC/T", "Z CN/CC\n(BMI/T)", "Tình trạng")
CARD_CHECK_COLUMNS = ("Ngày khám", "Người khám", "Mắt", "Răng miệng", "Tai mũi họng", "Da liễu", "Tim phổi",
                      "Khác", "Kết luận")
CARD_WIDTHS = (11, 12, 8, 10, 10, 10, 10, 10, 26)
SIGN_HINT = "(Ký, ghi rõ họ tên)"


# --- shared layout ------------------------------------------------------------------------------


def _start(wb, school, sheet: str, widths, title: str, subtitles: list[str], *, national: bool = True):
    """A sheet with the heading, the title and its subtitle lines; returns (ws, formats, next row)."""
    wb.set_properties({"title": title, "author": school.name, "company": school.name})
    f = _formats(wb)
    ws = wb.add_worksheet(sheet)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    last = len(widths) - 1
    row = _heading(ws, f, school, last, national=national)
    ws.set_row(row, 24)
    ws.merge_range(row, 0, row, last, title, f["title"])
    for line in subtitles:
        row += 1
        ws.merge_range(row, 0, row, last, line, f["subtitle"])
    return ws, f, row + 2


def _header_row(ws, f, row: int, titles) -> int:
    for col, text in enumerate(titles):
        ws.write(row, col, text, f["header"])
    ws.set_row(row, 30)
    return row + 1


def _finish(ws, f, school, row: int, *, blocks, today: dt.date, landscape: bool, page_title: str,
            last: int, head: int, head_rows: int = 1) -> None:
    """Signatures under the table, then the A4 page setup repeating the table header rows."""
    bottom = _signatures(ws, f, row + 1, blocks, _place_date(school, today))
    _page(ws, landscape=landscape, school_name=school.name, title=page_title,
          print_area=(0, 0, bottom, last), repeat_row=head)
    if head_rows > 1:
        ws.repeat_rows(head, head + head_rows - 1)


def _two_signers(last: int, left: str, right: str = "HIỆU TRƯỞNG") -> list[tuple[int, int, str]]:
    half = (last + 1) // 2
    return [(0, half - 1, left), (half, last, right)]


def _date(value: dt.date | None) -> str:
    from mamnon.formats import format_date

    return format_date(value) if value else ""


def _sex(code: str) -> str:
    from mamnon.reference import SEXES

    return SEXES.get(code, "")


def _number(ws, f, row: int, col: int, value: float | None, key: str) -> None:
    if value is None:
        ws.write(row, col, "", f["cell"])
    else:
        ws.write_number(row, col, value, f[key])


def _fit_row(ws, row: int, cells) -> None:
    """Give a row the height of its tallest wrapped cell (text, column width): LibreOffice does not grow
    rows written by xlsxwriter, so multi-line parents and long addresses would be cut off in print."""
    lines = max(sum(max(1, -(-len(part) * 11 // (width * 10))) for part in (text or "").split("\n"))
                for text, width in cells)
    if lines > 1:
        ws.set_row(row, 13 * lines + 4)


def _record_formats(wb, f: dict) -> dict:
    """The formats meal_forms has no use for: two-decimal z-scores, percentages, a class heading row."""
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "border": 1}
    f = dict(f)
    f["z"] = wb.add_format({**base, "num_format": "0.00", "align": "right"})
    f["pct"] = wb.add_format({**base, "num_format": '0.0"%"', "align": "right"})
    f["group"] = wb.add_format({**base, "bold": True, "bg_color": "#F2F2F2"})
    f["group_int"] = wb.add_format({**base, "bold": True, "num_format": "0", "align": "center"})
    f["group_pct"] = wb.add_format({**base, "bold": True, "num_format": '0.0"%"', "align": "right"})
    return f


# --- children: roster and register ----------------------------------------------------------------


def _address(detail) -> str:
    return ", ".join(p for p in (detail.address, detail.village, detail.commune, detail.province) if p.strip())


def _guardians(detail) -> tuple[str, str]:
    """'Nguyễn Văn A (Cha)' lines and the phone numbers, as printed in the parents' columns."""
    from mamnon.formats import format_phone

    names = "\n".join(f"{g.full_name} ({g.relation})" if g.relation else g.full_name
                      for g in detail.guardians if g.full_name)
    phones = "\n".join(format_phone(g.phone) for g in detail.guardians if g.phone)
    return names, phones


def _year_name(year_id: int) -> str:
    from mamnon.services.school import list_years

    return next((y.name for y in list_years() if y.id == year_id), "")


def write_class_roster(path: str | os.PathLike, class_id: int, *, today: dt.date | None = None) -> Path:
    """Danh sách trẻ of a class (its current children, in the services' Vietnamese name order)."""
    from mamnon.services import children, classes
    from mamnon.services.school import school_info

    check_target(path)
    today = today or dt.date.today()
    cls = classes.get_class(class_id)
    rows = children.list_children(class_id=class_id)
    school = school_info()
    last = len(ROSTER_COLUMNS) - 1
    teacher = cls.main_teacher_name or "(chưa phân công)"
    with atomic_workbook(path) as wb:
        ws, f, head = _start(wb, school, "Danh sách trẻ", [w for _header_text, w in ROSTER_COLUMNS],
                             f"DANH SÁCH TRẺ LỚP {cls.name.upper()}",
                             [f"Nhóm/lớp: {cls.age_group_label} – Giáo viên chủ nhiệm: {teacher} – "
                              f"Năm học {_year_name(cls.school_year_id)}"])
        r = _header_row(ws, f, head, [t for t, _width in ROSTER_COLUMNS])
        for n, row in enumerate(rows, start=1):
            detail = children.get_child(row.id)
            names, phones = _guardians(detail)
            values = (row.code, row.full_name, _date(row.birth_date), _sex(row.sex), detail.ethnicity,
                      names, phones, _address(detail))
            ws.write_number(r, 0, n, f["int"])
            for col, value in enumerate(values, start=1):
                ws.write(r, col, value, f["center"] if col in (1, 3, 4, 5) else f["cell"])
            _fit_row(ws, r, [(values[1], ROSTER_COLUMNS[2][1]), (names, ROSTER_COLUMNS[6][1]),
                             (phones, ROSTER_COLUMNS[7][1]), (values[-1], ROSTER_COLUMNS[8][1])])
            r += 1
        boys = sum(row.sex == "M" for row in rows)
        ws.merge_range(r, 0, r, last, f"Tổng số: {len(rows)} trẻ (nam: {boys}, nữ: {len(rows) - boys}).",
                       f["bold"])
        _finish(ws, f, school, r + 1, blocks=_two_signers(last, "GIÁO VIÊN CHỦ NHIỆM"), today=today,
                landscape=False, page_title=f"Danh sách trẻ lớp {cls.name}", last=last, head=head)
        stamp_paper_code(wb, school.code, today.isoformat())
    return Path(path)


def register_rows(year=None) -> list[tuple[object, list]]:
    """(class, its children) of a school year (default the current one): the children in the class now,
    and those whose last class it was and who left during the year."""
    from mamnon.services import children, classes
    from mamnon.services.school import current_year

    year = year or current_year()
    everyone = children.list_children(include_left=True)
    out = []
    for cls in classes.list_classes(year.id):
        mine = [c for c in everyone if c.class_id == cls.id
                and (c.left_on is None or year.start_date <= c.left_on <= year.end_date)]
        out.append((cls, mine))
    return out


def write_children_register(path: str | os.PathLike, *, today: dt.date | None = None) -> Path:
    """Sổ theo dõi trẻ of the current school year: one heading row per class, then its children."""
    from mamnon.services import children
    from mamnon.services.school import school_info

    check_target(path)
    today = today or dt.date.today()
    school = school_info()
    groups = register_rows(school.year)
    last = len(REGISTER_COLUMNS) - 1
    with atomic_workbook(path) as wb:
        ws, f, head = _start(wb, school, "Sổ theo dõi trẻ", [w for _header_text, w in REGISTER_COLUMNS], "SỔ THEO DÕI TRẺ",
                             [f"Năm học {school.year.name}"])
        f = _record_formats(wb, f)
        r = _header_row(ws, f, head, [t for t, _width in REGISTER_COLUMNS])
        total = left = 0
        for cls, rows in groups:
            teacher = f" – GVCN: {cls.main_teacher_name}" if cls.main_teacher_name else ""
            ws.merge_range(r, 0, r, last, f"Lớp {cls.name} ({cls.age_group_label}){teacher} – {len(rows)} trẻ",
                           f["group"])
            r += 1
            for n, row in enumerate(rows, start=1):
                r = _register_line(ws, f, r, n, row, children.get_child(row.id))
            total += len(rows)
            left += sum(row.left_on is not None for row in rows)
        ws.merge_range(r, 0, r, last, f"Tổng số: {total} trẻ, trong đó {left} trẻ đã ra trường trong năm học.",
                       f["bold"])
        _finish(ws, f, school, r + 1, blocks=_two_signers(last, "NGƯỜI LẬP SỔ"), today=today, landscape=True,
                page_title=f"Sổ theo dõi trẻ năm học {school.year.name}", last=last, head=head)
        stamp_paper_code(wb, school.code, today.isoformat())
    return Path(path)


def _register_line(ws, f, r: int, n: int, row, detail) -> int:
    names, phones = _guardians(detail)
    note = detail.left_reason if row.left_on else detail.note
    values = (row.code, row.full_name, _date(row.birth_date), _sex(row.sex), detail.ethnicity, _address(detail),
              names, phones, _date(detail.enrolled_on), _date(row.left_on), note)
    ws.write_number(r, 0, n, f["int"])
    for col, value in enumerate(values, start=1):
        ws.write(r, col, value, f["center"] if col in (1, 3, 4, 5, 9, 10) else f["cell"])
    _fit_row(ws, r, [(values[col - 1], REGISTER_COLUMNS[col][1]) for col in (2, 6, 7, 8, 11)])
    return r + 1


# --- staff --------------------------------------------------------------------------------------------


def write_staff_list(path: str | os.PathLike, *, today: dt.date | None = None) -> Path:
    """Danh sách cán bộ, giáo viên, nhân viên working at the school (those who left are not listed)."""
    from mamnon.formats import format_phone
    from mamnon.services import staff
    from mamnon.services.school import school_info

    check_target(path)
    today = today or dt.date.today()
    school = school_info()
    rows = staff.list_staff()
    last = len(STAFF_COLUMNS) - 1
    with atomic_workbook(path) as wb:
        year = f"Năm học {school.year.name}" if school.year else ""
        ws, f, head = _start(wb, school, "Danh sách CB-GV-NV", [w for _header_text, w in STAFF_COLUMNS],
                             "DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN", [year] if year else [])
        r = _header_row(ws, f, head, [t for t, _width in STAFF_COLUMNS])
        for n, row in enumerate(rows, start=1):
            values = (row.full_name, _date(row.birth_date), _sex(row.sex), row.ethnicity, row.position,
                      row.qualification, _date(row.started_on), format_phone(row.phone) if row.phone else "")
            ws.write_number(r, 0, n, f["int"])
            for col, value in enumerate(values, start=1):
                ws.write(r, col, value, f["cell"] if col in (1, 5, 6) else f["center"])
            r += 1
        women = sum(row.sex == "F" for row in rows)
        ws.merge_range(r, 0, r, last, f"Tổng số: {len(rows)} người (nữ: {women}).", f["bold"])
        _finish(ws, f, school, r + 1, blocks=_two_signers(last, "NGƯỜI LẬP DANH SÁCH"), today=today,
                landscape=False, page_title="Danh sách cán bộ, giáo viên, nhân viên", last=last, head=head)
        stamp_paper_code(wb, school.code, today.isoformat())
    return Path(path)


# --- growth: round summary and watch list --------------------------------------------------------------


def _round_subtitle(rnd) -> str:
    scope = "" if rnd.scope_label in rnd.name else f" – {rnd.scope_label}"  # class rounds are named after the class
    return f"Đợt cân đo: {rnd.name}{scope} – ngày {_date(rnd.date)}"


def write_measure_summary(path: str | os.PathLike, round_id: int, *, today: dt.date | None = None) -> Path:
    """Tổng hợp kết quả cân đo of a round: every non-empty group, both sexes then boys and girls; then each class."""
    from mamnon.services.growth_stats import class_groups, round_statistics, statistic_rows
    from mamnon.services.school import school_info

    check_target(path)
    today = today or dt.date.today()
    stats = round_statistics(round_id)
    school = school_info()
    widths = [24, 8, 8, 8] + [8, 8] * len(MEASURE_CATEGORIES)
    last = len(widths) - 1
    with atomic_workbook(path) as wb:
        ws, f, head = _start(wb, school, "Tổng hợp cân đo", widths, "TỔNG HỢP KẾT QUẢ CÂN ĐO",
                             [_round_subtitle(stats.round)])
        f = _record_formats(wb, f)
        for col, text in enumerate(("Nhóm", "Sĩ số", "Số trẻ\nđã đo", "Tỉ lệ\nđã đo")):
            ws.merge_range(head, col, head + 1, col, text, f["header"])
        for i, (title, _count_attr, _rate_of) in enumerate(MEASURE_CATEGORIES):
            col = 4 + 2 * i
            ws.merge_range(head, col, head, col + 1, title, f["header"])
            ws.write(head + 1, col, "Số trẻ", f["header"])
            ws.write(head + 1, col + 1, "Tỉ lệ", f["header"])
        ws.set_row(head, 30)
        r = head + 2
        for g in summary_groups(stats):
            _summary_line(ws, f, r, g)
            r += 1
        per_class = class_groups(statistic_rows(round_id)[1])
        if len(per_class) > 1:  # a class round is already its own total
            ws.merge_range(r, 0, r, last, "Theo lớp", f["group"])
            r += 1
            for g in per_class:
                _summary_line(ws, f, r, g)
                r += 1
        for line in ("Nhẹ cân, thấp còi, gầy còm: suy dinh dưỡng mức độ vừa và nặng. Tỉ lệ tính trên số trẻ "
                     "đã đo; nhóm tuổi theo lớp của trẻ vào ngày đo.",
                     "Gầy còm, thừa cân, béo phì: cân nặng theo chiều cao đến 60 tháng tuổi, BMI theo tuổi "
                     "sau 60 tháng."):
            ws.merge_range(r, 0, r, last, line, f["note"])
            r += 1
        _finish(ws, f, school, r, blocks=_two_signers(last, "NGƯỜI TỔNG HỢP"), today=today, landscape=True,
                page_title=f"Tổng hợp cân đo {_date(stats.round.date)}", last=last, head=head, head_rows=2)
        stamp_paper_code(wb, school.code, today.isoformat())
    return Path(path)


def summary_groups(stats) -> list:
    """The groups printed: everyone always, the others when they have children (as `mamnon health stats`)."""
    return [g for g in stats.groups if g.enrolled > 0 or (g.key == "all" and g.sex is None)]


def _summary_line(ws, f, r: int, g) -> None:
    whole = g.sex is None
    ws.write(r, 0, g.title, f["group"] if whole else f["cell"])
    ints, pcts = (f["group_int"], f["group_pct"]) if whole else (f["int"], f["pct"])
    ws.write_number(r, 1, g.enrolled, ints)
    ws.write_number(r, 2, g.measured, ints)
    _percent(ws, f, r, 3, g.measured_percent, pcts)
    for i, (_header_text, attr, pct) in enumerate(MEASURE_CATEGORIES):
        ws.write_number(r, 4 + 2 * i, getattr(g, attr), ints)
        _percent(ws, f, r, 5 + 2 * i, pct(g), pcts)


def _percent(ws, f, r: int, col: int, value: float | None, fmt) -> None:
    if value is None:  # nobody measured: no rate at all rather than 0 %
        ws.write(r, col, "–", f["center"])
    else:
        ws.write_number(r, col, value, fmt)


def _codes(m) -> dict[str, str]:
    return {"wfa": m.wfa_code, "hfa": m.hfa_code, "wasting": m.wasting_code}


def is_watched(m) -> bool:
    """A measurement in a category followed up: suy dinh dưỡng (vừa, nặng), thừa cân or béo phì."""
    from mamnon.services.report_data import watched_categories

    return bool(watched_categories(_codes(m)))


def watch_status(m) -> str:
    """The status as the report's «Trẻ cần theo dõi» words it (one rule: report_data.watch_status)."""
    from mamnon.services.report_data import watch_status as status

    return status(_codes(m), m.wfh, m.bfa)


def watch_rows(round_id: int) -> list:
    """Sheet rows of the round whose measurement is in a followed-up category, in the sheet's order."""
    from mamnon.services.measurements import round_sheet

    return [row for row in round_sheet(round_id) if row.measurement is not None and is_watched(row.measurement)]


def write_malnutrition_list(path: str | os.PathLike, round_id: int, *, today: dt.date | None = None) -> Path:
    """Danh sách trẻ suy dinh dưỡng, thừa cân, béo phì of a round."""
    from mamnon.services.measurements import get_round
    from mamnon.services.school import school_info

    check_target(path)
    today = today or dt.date.today()
    rnd = get_round(round_id)
    rows = watch_rows(round_id)
    school = school_info()
    last = len(MALNUTRITION_COLUMNS) - 1
    with atomic_workbook(path) as wb:
        ws, f, head = _start(wb, school, "Trẻ cần theo dõi", [w for _header_text, w in MALNUTRITION_COLUMNS],
                             "DANH SÁCH TRẺ SUY DINH DƯỠNG, THỪA CÂN, BÉO PHÌ", [_round_subtitle(rnd)])
        f = _record_formats(wb, f)
        r = _header_row(ws, f, head, [t for t, _width in MALNUTRITION_COLUMNS])
        for n, row in enumerate(rows, start=1):
            m = row.measurement
            ws.write_number(r, 0, n, f["int"])
            for col, value in enumerate((row.full_name, row.class_name, _date(row.birth_date), _sex(row.sex)),
                                        start=1):
                ws.write(r, col, value, f["cell"] if col == 1 else f["center"])
            ws.write_number(r, 5, row.age_months, f["int"])
            _number(ws, f, r, 6, m.weight_kg, "one")
            _number(ws, f, r, 7, m.height_cm, "one")
            for col, z in enumerate((m.wfa, m.hfa, m.wfh, m.bfa), start=8):
                _number(ws, f, r, col, None if z is None else round(z, 2), "z")
            ws.write(r, 12, watch_status(m), f["cell"])
            _fit_row(ws, r, [(row.full_name, MALNUTRITION_COLUMNS[1][1]),
                             (watch_status(m), MALNUTRITION_COLUMNS[12][1])])
            r += 1
        if not rows:
            ws.merge_range(r, 0, r, last, "Không có trẻ suy dinh dưỡng, thừa cân hay béo phì trong đợt này.",
                           f["center"])
            r += 1
        ws.merge_range(r, 0, r, last, f"Tổng số: {len(rows)} trẻ (đã đo {rnd.measured}/{rnd.enrolled} trẻ).",
                       f["bold"])
        _finish(ws, f, school, r + 1, blocks=_two_signers(last, "NHÂN VIÊN Y TẾ"), today=today, landscape=True,
                page_title=f"Trẻ cần theo dõi {_date(rnd.date)}", last=last, head=head)
        stamp_paper_code(wb, school.code, today.isoformat())
    return Path(path)


# --- health card ---------------------------------------------------------------------------------------


def write_health_card(path: str | os.PathLike, child_id: int, *, today: dt.date | None = None) -> Path:
    """Phiếu theo dõi sức khỏe of a child: identity, measurements (oldest first), health checks (oldest first)."""
    from mamnon.services import children, health_checks
    from mamnon.services.measurements import child_history
    from mamnon.services.school import school_info

    check_target(path)
    today = today or dt.date.today()
    detail = children.get_child(child_id)
    history = child_history(child_id)
    checks = list(reversed(health_checks.list_health_checks(child_id)))
    school = school_info()
    last = len(CARD_WIDTHS) - 1
    with atomic_workbook(path) as wb:
        ws, f, r = _start(wb, school, "Phiếu sức khỏe", CARD_WIDTHS, "PHIẾU THEO DÕI SỨC KHỎE CỦA TRẺ", [])
        f = _record_formats(wb, f)
        r = _identity(ws, f, r - 1, detail, last)
        ws.merge_range(r, 0, r, last, "I. THEO DÕI CÂN NẶNG, CHIỀU CAO", f["bold"])
        head = r + 1
        r = _header_row(ws, f, head, CARD_MEASURE_COLUMNS)
        for n, (_round, m) in enumerate(history, start=1):
            r = _card_measure(ws, f, r, n, detail.row.birth_date, m)
        if not history:
            ws.merge_range(r, 0, r, last, "Chưa có lần cân đo nào.", f["center"])
            r += 1
        r += 1
        ws.merge_range(r, 0, r, last, "II. KHÁM SỨC KHỎE ĐỊNH KỲ", f["bold"])
        r = _header_row(ws, f, r + 1, CARD_CHECK_COLUMNS)
        for check in checks:
            values = (_date(check.checked_on), check.examiner, check.eyes, check.teeth, check.ent, check.skin,
                      check.heart_lung, check.other, check.conclusion)
            for col, value in enumerate(values):
                ws.write(r, col, value, f["center"] if col == 0 else f["cell"])
            _fit_row(ws, r, list(zip(values, CARD_WIDTHS)))
            r += 1
        if not checks:
            ws.merge_range(r, 0, r, last, "Chưa có lần khám sức khỏe nào.", f["center"])
            r += 1
        _finish(ws, f, school, r, blocks=[(0, 3, "NHÂN VIÊN Y TẾ"), (4, last, "HIỆU TRƯỞNG")], today=today,
                landscape=False, page_title=f"Phiếu sức khỏe {detail.row.full_name}", last=last, head=head)
        stamp_paper_code(wb, school.code, today.isoformat())
    return Path(path)


def _identity(ws, f, r: int, detail, last: int) -> int:
    """The child's identity lines (label in bold, value after it); returns the next free row."""
    row = detail.row
    names, phones = _guardians(detail)
    lines = (
        ("Họ và tên trẻ: ", f"{row.full_name} – mã {row.code}"),
        ("Ngày sinh: ", f"{_date(row.birth_date)} – giới tính: {_sex(row.sex)} – dân tộc: {detail.ethnicity}"),
        ("Lớp: ", row.class_name + (f" (đã ra trường ngày {_date(row.left_on)})" if row.left_on else "")),
        ("Cha/mẹ (người giám hộ): ", "; ".join(names.splitlines()) + (f" – ĐT: {'; '.join(phones.splitlines())}"
                                                                       if phones else "")),
        ("Địa chỉ: ", _address(detail)),
    )
    for label, value in lines:
        ws.merge_range(r, 0, r, last, "", f["text"])
        ws.write_rich_string(r, 0, f["bold"], label, f["text"], value or " ", f["text"])
        r += 1
    if detail.disability:
        ws.merge_range(r, 0, r, last, f"Khuyết tật: {detail.disability}", f["text"])
        r += 1
    return r + 1


def _card_measure(ws, f, r: int, n: int, birth: dt.date, m) -> int:
    from mamnon.formats import age_in_months

    ws.write_number(r, 0, n, f["int"])
    ws.write(r, 1, _date(m.measured_on), f["center"])
    ws.write_number(r, 2, age_in_months(birth, m.measured_on), f["int"])
    _number(ws, f, r, 3, m.weight_kg, "one")
    _number(ws, f, r, 4, m.height_cm, "one")
    wasting = m.wfh if m.wfh is not None else m.bfa
    for col, z in enumerate((m.wfa, m.hfa, wasting), start=5):
        _number(ws, f, r, col, None if z is None else round(z, 2), "z")
    ws.write(r, 8, _card_status(m), f["cell"])
    _fit_row(ws, r, [(_card_status(m), CARD_WIDTHS[8])])
    return r + 1


def _card_status(m) -> str:
    """Every indicator's category that is not normal, else «Bình thường» (blank when nothing classified)."""
    if not (m.wfa_code or m.hfa_code or m.wasting_code):
        return ""
    return watch_status(m) or "Bình thường"
