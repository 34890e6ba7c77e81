"""Matching header cells written by different template versions of CSDL ngành.

The same column appears as "Ngày sinh (*)", "Ngày\nsinh", "NGÀY SINH" or in
decomposed Unicode (NFD, as some exports write it): `header_key` reduces all of
them to one key; `closest` names the known header an unknown one most resembles.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from mamnon.vntext import fold

_MARKS = re.compile(r"\(\s*\*\s*\)|\*")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def header_key(text: object) -> str:
    """The comparison key of a header: NFC, no "(*)", no line breaks, spacing collapsed,
    case and diacritics ignored, punctuation as spaces ("Mã định danh Bộ GD&ĐT" → "ma dinh danh bo gd dt")."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text))
    value = _MARKS.sub(" ", value)
    return " ".join(_NOT_WORD.sub(" ", fold(value)).split())


def closest(header: object, known: dict[str, str]) -> str:
    """The known header (value of `known`, keyed by header_key) nearest to `header`, or ''."""
    found = difflib.get_close_matches(header_key(header), list(known), n=1, cutoff=0.5)
    return known[found[0]] if found else ""
