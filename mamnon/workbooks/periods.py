"""Reporting periods: a month ("11/2026") or a school year ("2026-2027").

The canonical code written in a workbook's metadata is "2026-11" for a month and
"2026-2027" for a school year, so periods compare as text across files; users
type "11/2026", "T11/2026" or "2026-2027".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from mamnon.errors import ValidationError
from mamnon.i18n import N_, _

MONTH, YEAR = "month", "year"

_MONTH_TYPED = re.compile(r"^\s*(?:t(?:hang)?\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$", re.IGNORECASE)
_MONTH_CODE = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
_YEAR = re.compile(r"^\s*(?:nam hoc\s*)?(\d{4})\s*[-–/]\s*(\d{4})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    kind: str
    code: str
    start: dt.date
    end: dt.date
    """Inclusive."""

    @property
    def label(self) -> str:
        """As the report workbook writes it: Vietnamese in every language."""
        if self.kind == MONTH:
            return N_("Tháng {month:02d}/{year}").format(month=self.start.month, year=self.start.year)
        return N_("Năm học {year}").format(year=self.code)

    @property
    def screen_label(self) -> str:
        """`label` in the interface language, for screens and command output."""
        if self.kind == MONTH:
            return _("Tháng {month:02d}/{year}").format(month=self.start.month, year=self.start.year)
        return _("Năm học {year}").format(year=self.code)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(MONTH, f"{year}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, last))


def year_period(first_year: int, start: dt.date | None = None, end: dt.date | None = None) -> Period:
    """A school year; its dates default to 01/09 – 31/05 when the school's own are unknown."""
    return Period(YEAR, f"{first_year}-{first_year + 1}",
                  start or dt.date(first_year, 9, 1), end or dt.date(first_year + 1, 5, 31))


def parse_period(text: str) -> Period:
    from mamnon.vntext import fold

    raw = fold(text or "")
    m = _MONTH_TYPED.match(raw) or None
    if m:
        month, year = int(m.group(1)), int(m.group(2))
    else:
        m = _MONTH_CODE.match(raw)
        month, year = (int(m.group(2)), int(m.group(1))) if m else (0, 0)
    if m:
        if not 1 <= month <= 12:
            raise ValidationError({"period": _("Tháng {month} không có: kỳ báo cáo dạng 11/2026 hoặc 2026-2027.").format(
                month=month)})
        return month_period(year, month)
    m = _YEAR.match(raw)
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        return year_period(int(m.group(1)))
    raise ValidationError({"period": _("Kỳ báo cáo «{text}» không hiểu được: ghi tháng (11/2026) hoặc năm học "
                                       "(2026-2027).").format(text=text)})
