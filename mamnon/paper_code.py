"""The short code printed on paper that names the exact data it came from (mã đối chiếu).

A signed and stamped paper copy and the workbook sent upward must be matched at
an inspection: both carry `paper_code(unit, period, checksum)`, where the
checksum is `data_checksum` of the figures the paper prints. The same data give
the same code on any computer; a changed figure, another unit or another period
give another one (a 50-bit digest: two different papers share a code about once
in 10^15).

The code is 10 characters of Crockford's base-32 (no I, L, O, U, so it is read
aloud and typed back without confusion), grouped 4-4-2: «MN7K-2Q4X-P9».
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from decimal import Decimal
from mamnon.i18n import N_

__all__ = ["ALPHABET", "LABEL", "data_checksum", "normalise_code", "paper_code", "report_code"]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LABEL = N_("Mã đối chiếu")
"""How the code is introduced on paper and on screen."""
_LENGTH = 10


def _plain(value):
    """One spelling per value: 3 and 3.0 are the same figure; dates in ISO form."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value)).normalize()
        return format(number, "f") if number == number.to_integral_value() else str(number)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def data_checksum(rows: Iterable) -> str:
    """The SHA-256 (hex) of `rows` in their order: lists, tuples, dicts of text, numbers, dates, None."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(_plain(row), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def paper_code(unit_code: str, period: str, checksum: str) -> str:
    """The printed code of `checksum`'s data for the unit and period, e.g. «MN7K-2Q4X-P9»."""
    text = "\x1f".join((unit_code.strip(), period.strip(), checksum))
    number = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") >> (64 - 5 * _LENGTH)
    chars = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(_LENGTH)))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def normalise_code(text: str) -> str:
    """A typed code as printed: case, spaces and dashes ignored, O→0 and I/L→1 as Crockford reads them."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    raw = raw.translate(str.maketrans("OIL", "011"))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == _LENGTH else raw


def report_code(unit_code: str, period: str, values) -> str:
    """The code of a report: its unit, period and every summed indicator (rates follow from the sums)."""
    from mamnon import indicators

    rows = [(code, values.get(code) or 0) for code in indicators.SUM_CODES]
    return paper_code(unit_code, period, data_checksum(rows))
