"""The surveillance list of a report with the children's names reduced to initials (`--pseudonymise`).

An office above the school needs to know how many children are under
surveillance, of which age and with which measurements, to plan visits and
supplements; it does not need who they are. The school keeps the link: the
child's code (HS00012) stays, so when the office asks about a line the school
finds the child, and no one else can. The birth date keeps its month and
year only ("09/2022"): the z-scores are already computed, and day, month and
year together with initials and a class would name a child in a small school.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

__all__ = ["initials", "pseudonymise_rows"]


def initials(full_name: str | None) -> str:
    """'Nguyễn Thị Minh Anh' → 'N.T.M.A.'; an empty name stays empty."""
    words = str(full_name or "").split()
    return "".join(f"{w[0].upper()}." for w in words)


def _month_year(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.month:02d}/{value.year}"
    return None if value in (None, "") else value


def pseudonymise_rows(rows: Iterable[dict]) -> list[dict]:
    """Copies of «Trẻ cần theo dõi» rows with initials for `full_name` and month/year for `birth_date`."""
    out = []
    for row in rows:
        copy = dict(row)
        copy["full_name"] = initials(copy.get("full_name"))
        copy["birth_date"] = _month_year(copy.get("birth_date"))
        out.append(copy)
    return out
