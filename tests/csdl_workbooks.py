"""Building workbooks shaped like CSDL ngành exports, for the tests of the CSDL bridge.

What a real export has and ours do not: titles above the header row, headers in
NFD Unicode with "(*)" marks and line breaks, a column we do not know, dates as
real dates, serial numbers and text mixed in one column, and code-list sheets
(STT, Mã, Tên trường dữ liệu) that may hold fewer values than the Ministry's list.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import xlsxwriter

NFD = "NFD"

CHILD_HEADERS = ("STT", "Mã định danh\nBộ GD&ĐT", "Họ và tên (*)", "Ngày sinh (*)", "Giới tính (*)", "Dân tộc",
                 "Quốc tịch", "Lớp (*)", "Tỉnh/Thành phố", "Xã/Phường", "Họ tên cha", "Họ tên mẹ", "Số ĐDCN",
                 "Trạng thái", "Ngày vào Đoàn")
"""The last column is one mamnon does not know (reported, then skipped)."""

SEX_SHEET = (("01", "Nam"), ("02", "Nữ"))
ETHNIC_SHEET = (("01", "Kinh"), ("02", "Tày"), ("03", "Thái"), ("06", "Mường"), ("08", "Hmông"))
STATUS_SHEET = (("01", "Đang học"), ("04", "Chuyển đi kỳ 1"), ("05", "Thôi học kỳ 1"))


def write_csdl_file(path: Path, rows: list[dict], *, headers: tuple[str, ...] = CHILD_HEADERS,
                    normalization: str = NFD, titles: tuple[str, ...] = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                                                                          "DANH SÁCH HỌC SINH",
                                                                          "Năm học: 2026 - 2027"),
                    code_sheets: dict[str, tuple[tuple[str, str], ...]] | None = None,
                    sheet: str = "Danh sách học sinh") -> Path:
    """Rows are {header: value}; a header missing from a row is a blank cell. Dates given as
    datetime.date are written as real (formatted) dates, ints as plain numbers, str as text."""
    if code_sheets is None:
        code_sheets = {"GIOI_TINH": SEX_SHEET, "DAN_TOC": ETHNIC_SHEET, "TRANG_THAI": STATUS_SHEET}
    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    ws = book.add_worksheet(sheet)
    for i, title in enumerate(titles):
        ws.write_string(i, 0, title)
    header_row = len(titles) + 1  # one blank row under the titles
    for col, header in enumerate(headers):
        ws.write_string(header_row, col, unicodedata.normalize(normalization, header))
    for r, row in enumerate(rows, start=header_row + 1):
        for col, header in enumerate(headers):
            value = row.get(header)
            if value is None:
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, col, dt.datetime(value.year, value.month, value.day), date_format)
            elif isinstance(value, (int, float)):
                ws.write_number(r, col, value)
            else:
                ws.write_string(r, col, value)
    for name, entries in code_sheets.items():
        cs = book.add_worksheet(name)
        cs.write_string(0, 0, f"DANH MỤC {name}")
        for col, header in enumerate(("STT", "Mã", "Tên trường dữ liệu")):
            cs.write_string(2, col, header)
        for i, (code, label) in enumerate(entries, start=1):
            cs.write_number(2 + i, 0, i)
            cs.write_string(2 + i, 1, code)
            cs.write_string(2 + i, 2, label)
    book.close()
    return path


def excel_serial(day: dt.date) -> int:
    """The number Excel stores for a date (1900 system)."""
    return (day - dt.date(1899, 12, 30)).days


def child_row(name: str, birth, class_name: str, *, sex: str = "Nữ", code: str = "", ethnicity: str = "Kinh",
              **extra) -> dict:
    row = {"Họ và tên (*)": name, "Ngày sinh (*)": birth, "Giới tính (*)": sex, "Lớp (*)": class_name,
           "Dân tộc": ethnicity, "Quốc tịch": "Việt Nam"}
    if code:
        row["Mã định danh\nBộ GD&ĐT"] = code
    row.update(extra)
    return row


def add_child(class_id: int, name: str, birth: str, sex: str = "F", **extra):
    """A child created through the service, enrolled on 05/09/2026 unless told otherwise (as tests/conftest.py
    does; imported from here because `from conftest import` is ambiguous once tests/cli is collected too)."""
    from mamnon.services import children

    extra.setdefault("enrolled_on", "05/09/2026")
    return children.create_child(children.ChildForm(full_name=name, birth_date=birth, sex=sex, class_id=class_id,
                                                    **extra), today=dt.date(2026, 11, 23))
