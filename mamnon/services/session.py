"""Opening and closing the school's database for an entry point (CLI, TUI, tests)."""

from __future__ import annotations

import os

from mamnon.db import OpenedDatabase, close_database, integrity_check, open_database, open_memory

__all__ = ["OpenedDatabase", "close", "integrity", "open_memory", "open_path"]


def open_path(path: str | os.PathLike, *, upgrade: bool = True) -> OpenedDatabase:
    return open_database(path, upgrade=upgrade)


def close() -> None:
    close_database()


def integrity() -> str:
    return integrity_check()
