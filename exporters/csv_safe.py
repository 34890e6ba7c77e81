"""CSV cells that Excel or LibreOffice would run as formulas, written as text (imports nothing heavy:
`mamnon children list --format csv` uses it without loading an Excel library)."""

from __future__ import annotations

__all__ = ["FORMULA_LEADS", "csv_cell"]

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel or LibreOffice read a CSV cell as a formula (OWASP «CSV Injection»)."""


def csv_cell(value: object) -> object:
    """`value`, with a leading apostrophe when it is text Excel would run as a formula ("=HYPERLINK(…)").

    The apostrophe is OWASP's advice: Excel shows the text as typed, and a
    portal that uploads an SMS batch sends it as is, so a notice that really
    starts with "-" gains one visible character rather than becoming code."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value
