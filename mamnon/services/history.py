"""The history database of merged indicators, as the screens use it (mamnon.history holds the storage).

Screens call services only; this module is that door, so a screen never reaches
the history's peewee tables.
"""

from __future__ import annotations

from mamnon.history import History, format_value, open_history

__all__ = ["History", "format_value", "open_history"]
