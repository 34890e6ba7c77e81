"""What the English tests share: spotting a Vietnamese letter left in a text that should be English."""

from __future__ import annotations

import re

import pytest

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
# Words the glossary keeps in Vietnamese in English too (docs/i18n.md), and the form number.
KEPT = ("phổ cập", "ĐBKK", "01.ĐN-MN", "NĐ")


def english_only(text: str, *names: str) -> str:
    """`text`, asserting no Vietnamese letter outside `names` (a class, a person or a file keeps its Vietnamese name)."""
    rest = text
    for name in (*names, *KEPT):
        rest = rest.replace(name, "")
    assert not VIETNAMESE.search(rest), text
    return text


def errors_of(call) -> dict:
    """The field → message errors of the ValidationError that `call()` raises."""
    from mamnon.errors import ValidationError

    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.errors


def no_vietnamese(text: str) -> bool:
    return VIETNAMESE.search(text) is None
