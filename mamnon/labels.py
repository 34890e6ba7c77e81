"""Labels composed from a template and other labels, Vietnamese in files and translated on screen.

The core keeps its labels in Vietnamese: the report workbook and the printed forms
write them as they are. Many are built from parts ("Trẻ {stage}" for each stage),
so the whole text is never a literal the catalogue could hold. A `Label` is that
Vietnamese text (a plain str everywhere) that also remembers its N_() template and
parts, and `shown(label)` rebuilds it from their translations for a screen.

Templates may ask for a part in lower case, `{stage:lower}`, or with only its first
letter lowered, `{label:lower1}`, so each language decides where a part sits and how
it is written.
"""

from __future__ import annotations

import string
from collections.abc import Callable

from mamnon.i18n import _

__all__ = ["Label", "shown"]


class _Formatter(string.Formatter):
    def format_field(self, value, format_spec: str):
        if format_spec == "lower":
            return str(value).lower()
        if format_spec == "lower1":
            text = str(value)
            return text[:1].lower() + text[1:]
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def _compose(template: str, parts: dict, translate: Callable[[str], str]) -> str:
    values = {key: (shown(value) if translate is _ else value) if isinstance(value, str) else value
              for key, value in parts.items()}
    return _FORMATTER.format(translate(template), **values)


class Label(str):
    """`template` (marked N_() where written) filled with `parts`; the str itself is the Vietnamese text."""

    template: str
    parts: dict

    def __new__(cls, template: str, **parts) -> Label:
        self = super().__new__(cls, _compose(template, parts, lambda text: text))
        self.template, self.parts = template, parts
        return self

    def __reduce__(self):
        return _rebuild, (self.template, tuple(self.parts.items()))

    def shown(self) -> str:
        return _compose(self.template, self.parts, _)


def _rebuild(template: str, items: tuple) -> Label:
    return Label(template, **dict(items))


def shown(label: str) -> str:
    """A core label in the interface language: a composed Label from its translated parts, else `_(label)`."""
    if isinstance(label, Label):
        return label.shown()
    return _(label) if label else label
