"""Vietnamese text: diacritic-free search folding and Vietnamese name collation.

Vietnamese alphabetical order is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t
u ư v x y: the letters with breve, circumflex and horn are letters of their own
(primary difference), while the five tone marks only break ties (secondary
difference), in the dictionary order ngang, huyền, hỏi, ngã, sắc, nặng.
Personal names are sorted by given name, then middle name, then family name.
"""

from __future__ import annotations

# i18n-data: the Vietnamese alphabet and letters the collation works with

import re
import unicodedata
from functools import lru_cache

_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_LETTERS)}

# Combining marks that make a different letter (ă â ê ô ơ ư) rather than a tone.
_WITH_MARK = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tone marks in dictionary order; 0 is ngang (no mark).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def fold(text: str) -> str:
    """Lower-case text with every diacritic removed, for searching.

    >>> fold("Nguyễn Thị Đào")
    'nguyen thi dao'
    """
    text = unicodedata.normalize("NFD", text or "")
    out = []
    for ch in text:
        if unicodedata.combining(ch):
            continue
        out.append(ch)
    result = "".join(out).replace("đ", "d").replace("Đ", "D")
    return " ".join(result.lower().split())


def _decompose(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Primary (letters) and secondary (tones) keys of one word."""
    letters: list[int] = []
    tones: list[int] = []
    base = ""
    tone = 0

    def flush() -> None:
        if base:
            letters.append(_LETTER_RANK.get(base, 100 + ord(base[0])))
            tones.append(tone)

    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(ch):
            if ch in _TONES:
                tone = _TONES[ch]
            elif (base, ch) in _WITH_MARK:
                base = _WITH_MARK[(base, ch)]
            continue
        flush()
        base, tone = ch, 0
    flush()
    return tuple(letters), tuple(tones)


@lru_cache(maxsize=8192)
def word_key(text: str) -> tuple:
    """Collation key of a phrase: all letters first, then all tones."""
    primary: list[tuple[int, ...]] = []
    secondary: list[tuple[int, ...]] = []
    for word in text.split():
        p, s = _decompose(word)
        primary.append(p)
        secondary.append(s)
    return tuple(primary), tuple(secondary)


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name.

    The first word is the family name, the last the given name, the rest the
    middle name; a one-word name is a given name only.
    """
    words = full_name.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str) -> tuple:
    """Sort key for a person's name: given, then middle, then family name."""
    family, middle, given = split_name(normalize_name(full_name))
    return (word_key(given), word_key(middle), word_key(family), full_name)


def normalize_name(text: str) -> str:
    """NFC, single spaces, each word capitalised ("nguyễn  thị an" -> "Nguyễn Thị An")."""
    text = unicodedata.normalize("NFC", text or "")
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


_NUMBER = re.compile(r"(\d+)")


def text_sort_key(text: str) -> tuple:
    """Vietnamese collation key for labels, numbers by value ("Mầm 2" before "Mầm 10")."""
    parts = _NUMBER.split(unicodedata.normalize("NFC", text or ""))
    key = tuple((0, int(p), ()) if p.isdigit() else (1, 0, word_key(p)) for p in parts if p.strip())
    return key + ((2, 0, text),)


def search_tokens(query: str) -> list[str]:
    """Folded tokens of a search query ("Nguyễn  thi" -> ["nguyen", "thi"])."""
    return fold(query).split()


def filter_by_phrase(rows: list, query: str) -> list:
    """Rows whose `search_text` (already folded) contains the query as one phrase.

    "nguyen thi" finds Nguyễn Thị Hoa but not Nguyễn Văn Thịnh: a phrase is what
    staff mean when they type part of a name.
    """
    needle = fold(query)
    if not needle:
        return list(rows)
    return [r for r in rows if needle in r.search_text]
