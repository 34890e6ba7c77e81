"""Printed phổ cập forms (A4 landscape) from the census of a year.

* `write_census_list(path, year)` — danh sách trẻ em 0–5 tuổi theo thôn: commune
  by commune, village by village, each child with birth date, guardian, where
  they study, programme completed, disability.
* `write_census_summary(path, year)` — bảng tổng hợp: per commune and for the
  whole area, one line per birth year (age 0–5) with the children living in the
  area, attending (here / another school), completing the programme and the
  rates, the 3–5-year-olds together, then each rule's checks (`services.census_rules`), the
  commune's recognition under the 5-year-old and the 3–5-year-old rules with the reasons, and the
  share of recognised communes against the province's rule.

Every figure comes from `mamnon.services.census`; the layout is that of
`exporters.record_forms` (heading, signatures, header rows repeated, fit to width).
"""

from __future__ import annotations

# i18n-data: the printed phổ cập lists and summary are official forms, Vietnamese in every language
import datetime as dt
import os
from pathlib import Path

from exporters.record_forms import _date, _finish, _fit_row, _header_row, _record_formats, _sex, _start, \
    _two_signers
from exporters.xlsx import FONT, atomic_workbook, check_target

__all__ = ["LIST_COLUMNS", "SUMMARY_COLUMNS", "write_census_list", "write_census_summary"]

LIST_COLUMNS = (("STT", 5), ("Họ và tên", 22), ("Ngày sinh", 11), ("Giới\ntính", 6), ("Dân tộc", 8),
                ("Họ tên cha/mẹ", 20), ("Địa chỉ", 18), ("Tình trạng, nơi học", 24), ("Hoàn thành\nCT GDMN", 10),
                ("Khuyết tật", 10), ("Ghi chú", 14))
SUMMARY_COLUMNS = (("Năm sinh", 8), ("Tuổi", 6), ("Số trẻ", 8), ("Nữ", 6), ("Dân tộc\nthiểu số", 8),
                   ("Khuyết\ntật", 7), ("Học tại\ntrường", 8), ("Học\ntrường\nkhác", 8), ("Tổng\nđang học", 8),
                   ("Tỷ lệ\nđang học", 9), ("Hoàn\nthành\nCT GDMN", 9), ("Tỷ lệ\nhoàn thành", 10),
                   ("Không\nđi học", 8), ("Chuyển\nđi", 7), ("Đã mất", 7))


def _year_line(year: int) -> str:
    return f"Năm điều tra {year} – trẻ sinh từ năm {year - 5} đến năm {year}"


def write_census_list(path: str | os.PathLike, year: int, *, today: dt.date | None = None) -> Path:
    """Danh sách trẻ em 0–5 tuổi of a census year, grouped by commune and village."""
    from itertools import groupby

    from mamnon.services import census
    from mamnon.services.school import school_info

    check_target(path)
    today = today or dt.date.today()
    school = school_info()
    rows = census.list_entries(year)
    last = len(LIST_COLUMNS) - 1
    with atomic_workbook(path) as wb:
        ws, f, head = _start(wb, school, "Danh sách điều tra", [w for _header_text, w in LIST_COLUMNS],
                             "DANH SÁCH TRẺ EM 0–5 TUỔI TRONG ĐỊA BÀN", [_year_line(year)])
        f = _record_formats(wb, f)
        r = _header_row(ws, f, head, [t for t, _width in LIST_COLUMNS])
        for (commune, village), group in groupby(rows, key=lambda x: (x.commune, x.village)):
            group = list(group)
            living = sum(g.living for g in group)
            ws.merge_range(r, 0, r, last, f"{village} – {commune}: {living} trẻ đang sống trong thôn"
                           + (f" ({len(group) - living} chuyển đi hoặc đã mất)" if living < len(group) else ""),
                           f["group"])
            r += 1
            for n, row in enumerate(group, start=1):
                values = (row.full_name, _date(row.birth_date), _sex(row.sex), row.ethnicity, row.guardian_name,
                          row.address, row.where, "x" if row.completed else "", row.disability, row.note)
                ws.write_number(r, 0, n, f["int"])
                for col, value in enumerate(values, start=1):
                    ws.write_string(r, col, value, f["center"] if col in (2, 3, 4, 8) else f["cell"])
                _fit_row(ws, r, [(values[col - 1], LIST_COLUMNS[col][1]) for col in (1, 5, 6, 7, 10)])
                r += 1
        living = sum(x.living for x in rows)
        ws.merge_range(r, 0, r, last, f"Tổng số: {living} trẻ sống trong địa bàn; {len(rows) - living} trẻ "
                                      f"chuyển đi hoặc đã mất.", f["bold"])
        _finish(ws, f, school, r + 1, blocks=_two_signers(last, "NGƯỜI LẬP DANH SÁCH"), today=today,
                landscape=True, page_title=f"Danh sách điều tra phổ cập năm {year}", last=last, head=head)
    return Path(path)


def _summary_line(ws, f, r: int, line, *, bold: bool = False, label: str = "Cộng") -> None:
    first = (line.birth_year, line.age) if line.age >= 0 else (label, "")
    counts = (line.children, line.girls, line.minority, line.disabled, line.here, line.other, line.attending)
    ints = f["group_int"] if bold else f["int"]
    pct = f["group_pct"] if bold else f["pct"]
    for col, value in enumerate(first):
        if isinstance(value, int):
            ws.write_number(r, col, value, ints)
        else:
            ws.write_string(r, col, value, ints)
    for col, value in enumerate(counts, start=2):
        ws.write_number(r, col, value, ints)
    _rate(ws, r, 9, line.attending_rate, pct)
    ws.write_number(r, 10, line.completed, ints)
    _rate(ws, r, 11, line.completed_rate, pct)
    for col, value in enumerate((line.not_attending, line.moved, line.deceased), start=12):
        ws.write_number(r, col, value, ints)


def _rate(ws, r: int, col: int, value: float | None, fmt) -> None:
    if value is None:
        ws.write_string(r, col, "", fmt)
    else:
        ws.write_number(r, col, value, fmt)


def write_census_summary(path: str | os.PathLike, year: int, *, today: dt.date | None = None) -> Path:
    """Bảng tổng hợp phổ cập of a census year: each commune, then the whole area."""
    from mamnon.services import census
    from mamnon.services.census import check_sentence
    from mamnon.services.census_recognition import commune_sums, province_sentence, recognise
    from mamnon.services.school import school_info

    check_target(path)
    today = today or dt.date.today()
    school = school_info()
    communes, area = census.summary(year)
    last = len(SUMMARY_COLUMNS) - 1
    with atomic_workbook(path) as wb:
        ws, f, head = _start(wb, school, "Tổng hợp phổ cập", [w for _header_text, w in SUMMARY_COLUMNS],
                             "TỔNG HỢP SỐ LIỆU PHỔ CẬP GIÁO DỤC MẦM NON", [_year_line(year)])
        f = _record_formats(wb, f)
        r = _header_row(ws, f, head, [t for t, _width in SUMMARY_COLUMNS])
        status = wb.add_format({"font_name": FONT, "bold": True, "text_wrap": True, "valign": "top"})
        ws.set_row(head, 44)
        blocks = [*communes, area] if len(communes) != 1 else communes
        for block in blocks:
            tag = " (xã đặc biệt khó khăn)" if block.difficult else ""
            ws.merge_range(r, 0, r, last, f"{block.commune}{tag}", f["group"])
            r += 1
            for line in block.ages:
                _summary_line(ws, f, r, line)
                r += 1
            _summary_line(ws, f, r, block.three_to_five, bold=True, label="3–5 tuổi")
            r += 1
            _summary_line(ws, f, r, block.total, bold=True)
            r += 1
            for check in block.checks:
                ws.merge_range(r, 0, r, last, check_sentence(check), f["note"])
                r += 1
            if block.commune_id is not None:
                for recognition in recognise(block, year).recognitions:
                    ws.merge_range(r, 0, r, last, f"Công nhận đạt chuẩn {recognition.sentence()}", status)
                    ws.set_row(r, 30)
                    r += 1
        ws.merge_range(r, 0, r, last, province_sentence(commune_sums(year)), status)
        ws.set_row(r, 30)
        r += 1
        ws.merge_range(r, 0, r, last, "Số trẻ: trẻ đang sống trong địa bàn (không tính trẻ chuyển đi, đã mất); "
                                      "tỷ lệ = số trẻ ÷ số trẻ cùng năm sinh sống trong địa bàn.", f["note"])
        _finish(ws, f, school, r + 1, blocks=_two_signers(last, "NGƯỜI LẬP BẢNG"), today=today, landscape=True,
                page_title=f"Tổng hợp phổ cập năm {year}", last=last, head=head)
    return Path(path)


def form_year(day: dt.date | None) -> int:
    """The census a printed form shows: the year of `day`, else the latest census, else this year (a blank
    list to fill in by hand)."""
    from mamnon.services import census

    if day is not None:
        return day.year
    years = census.census_years()
    return years[-1] if years else dt.date.today().year
