"""Widgets shared by several screens (styles in DEFAULT_CSS)."""
