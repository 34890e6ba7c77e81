"""Reading and writing values the Vietnamese way: dd/mm/yyyy dates, phone numbers, VND.

Parsers are forgiving about what staff type (7/9/2021, 07-09-2021, 07.09.2021,
2021-09-07; phones with spaces, dots or +84) and raise ValueError with a
Vietnamese message when the text cannot be a valid value.
"""

from __future__ import annotations

import datetime as dt
import re
from mamnon.i18n import _

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> dt.date:
    """A date typed as dd/mm/yyyy (or with - or .), or ISO yyyy-mm-dd."""
    m = _DMY.match(text or "")
    if m:
        day, month, year = (int(g) for g in m.groups())
    else:
        m = _ISO.match(text or "")
        if not m:
            raise ValueError(_("Ngày phải có dạng dd/mm/yyyy, ví dụ 05/09/2021."))
        year, month, day = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("Ngày {day:02d}/{month:02d}/{year} không có trên lịch.").format(
            day=day, month=month, year=year)) from None


def format_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, or an empty string for no date."""
    return value.strftime("%d/%m/%Y") if value else ""


_MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


def parse_phone(text: str) -> str:
    """A Vietnamese phone number as 10 or 11 digits starting with 0.

    Mobile numbers have 10 digits and start 03, 05, 07, 08 or 09; fixed lines
    have 11 digits and start 02 (area code). +84 / 84 is replaced by 0.
    """
    raw = re.sub(r"[\s.\-()]", "", text or "")
    if raw.startswith("+84"):
        raw = "0" + raw[3:]
    elif raw.startswith("84") and len(raw) in (11, 12):
        raw = "0" + raw[2:]
    if not raw.isdigit():
        raise ValueError(_("Số điện thoại chỉ gồm chữ số, ví dụ 0912 345 678."))
    if len(raw) == 10 and raw.startswith(_MOBILE_PREFIXES):
        return raw
    if len(raw) == 11 and raw.startswith("02"):
        return raw
    raise ValueError(_(
        "Số điện thoại không đúng: di động 10 số bắt đầu 03, 05, 07, 08, 09; "
        "cố định 11 số bắt đầu 02."
    ))


def format_phone(digits: str) -> str:
    """0912345678 -> 0912 345 678 (how numbers are written on Vietnamese forms)."""
    if len(digits) == 10:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if len(digits) == 11:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return digits


def format_money(amount: int | float) -> str:
    """1234000 -> '1.234.000 đ'."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(round(amount)):,} đ".replace(",", ".")  # i18n-skip: the currency symbol in every language


def age_in_months(birth: dt.date, on: dt.date) -> int:
    """Completed months of age on a date."""
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if on.day < birth.day:
        months -= 1
    return months


def format_age(birth: dt.date, on: dt.date) -> str:
    """'2 tuổi 3 tháng' / '11 tháng'."""
    months = age_in_months(birth, on)
    if months < 0:
        return ""
    years, rest = divmod(months, 12)
    if years == 0:
        return _("{months} tháng").format(months=rest)
    if rest:
        return _("{years} tuổi {months} tháng").format(years=years, months=rest)
    return _("{years} tuổi").format(years=years)
