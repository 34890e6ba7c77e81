"""The checksum of a workbook's data cells, written in its metadata and checked on import/merge.

The canonical form must survive a round trip through any reader: numbers are
written without a trailing ".0", dates as ISO text, text stripped, blanks
empty, and trailing blank cells and rows dropped (readers disagree on them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable


def canonical(value: object) -> str:
    # The common cell types first: this runs for every cell of every file a merge reads.
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is int:
        return str(value)
    if kind is float:
        return str(int(value)) if value.is_integer() else repr(round(value, 9))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(round(value, 9))
    if isinstance(value, int):
        return str(value)
    return _text(str(value))


def _text(value: str) -> str:
    """Stripped, with the row's own separators (tab, line break) inside a cell made spaces."""
    value = value.strip()
    if "\t" in value or "\n" in value:
        value = value.replace("\t", " ").replace("\n", " ")
    return value


_SEEN: dict[object, str] = {}
"""Canonical texts already made: a merge meets the same numbers and names in file after file. Values that
compare equal (1, 1.0, True) have the same canonical text, so sharing an entry is safe."""
_SEEN_LIMIT = 200_000


def _canonical_seen(value: object) -> str:
    text = _SEEN.get(value)
    if text is None:
        if len(_SEEN) >= _SEEN_LIMIT:
            _SEEN.clear()
        text = _SEEN[value] = canonical(value)
    return text


def _row_text(row: Iterable[object]) -> str:
    row = tuple(row)
    texts = list(map(_SEEN.get, row))  # every cell of a row seen before, without a Python call per cell
    if None in texts:
        texts = [text if text is not None else _canonical_seen(value) for text, value in zip(texts, row)]
    # No canonical cell holds a tab, so stripping tabs from the right drops exactly the trailing blank cells.
    return "\t".join(texts).rstrip("\t")


def data_checksum(sheets: Iterable[tuple[str, Iterable[Iterable[object]]]]) -> str:
    """sha256 over (sheet name, its rows) in order; blank rows are skipped."""
    digest = hashlib.sha256()
    for name, rows in sheets:
        digest.update(f"\x1e{name}\n".encode())
        for row in rows:
            text = _row_text(row)
            if text:
                digest.update(text.encode() + b"\n")
    return digest.hexdigest()
