"""Where the school's database lives when no --db / MAMNON_DB is given."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "MAMNON_DB"
DB_FILENAME = "mamnon.sqlite"


def default_db_path() -> Path:
    """The per-user data directory (platformdirs): %LOCALAPPDATA%\\mamnon on Windows,
    ~/.local/share/mamnon on Linux."""
    from platformdirs import user_data_dir  # small; imported here to keep start-up lean

    return Path(user_data_dir("mamnon", appauthor=False)) / DB_FILENAME


def resolve_db_path(option: str | os.PathLike | None) -> Path:
    """--db wins, then MAMNON_DB, then the default."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return default_db_path()
