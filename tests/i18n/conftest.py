"""Shared fixtures of the language tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def english():
    """English for this test only, in this process: texts looked up at run time (a service's message,
    a label a screen translates with _(label)) come out in English. Texts built when a module is imported
    (menus, key bindings) need a fresh interpreter instead (test_english_tui.py)."""
    from mamnon import i18n

    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("vi")
