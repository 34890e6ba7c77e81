"""Where the school's database lives: a file (the default in the user's data folder) or a server URL."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "MAMNON_DB"
DB_FILENAME = "mamnon.sqlite"
SERVER_SCHEMES = ("postgresql", "postgres")


def default_db_path() -> Path:
    """The per-user data directory (platformdirs): %LOCALAPPDATA%\\mamnon on Windows,
    ~/.local/share/mamnon on Linux."""
    from platformdirs import user_data_dir  # small; imported here to keep start-up lean

    return Path(user_data_dir("mamnon", appauthor=False)) / DB_FILENAME


def is_server_url(value: object) -> bool:
    """True for postgresql://… (or postgres://…): a database on a server, not a file."""
    scheme, sep, _rest = str(value).partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES


def display_url(url: str) -> str:
    """The address as it may be printed: a password in it is masked."""
    scheme, sep, rest = str(url).partition("://")
    if not sep or "@" not in rest:
        return str(url)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else str(url)


class DatabaseUrl(str):
    """A server database's address where commands expect the database file's Path.

    Path("postgresql://h/db") would fold the «//»; this keeps the text whole and
    answers the few Path questions commands ask about their database
    (exists, resolve, name, stem). Printed, the password is masked.
    """

    def exists(self) -> bool:
        return True  # the server holds it; whether it has a school yet is the schema's question

    def resolve(self) -> DatabaseUrl:
        return self

    def expanduser(self) -> DatabaseUrl:
        return self

    @property
    def name(self) -> str:
        return self.stem

    @property
    def stem(self) -> str:
        return str.__str__(self).rsplit("/", 1)[-1].split("?", 1)[0]

    def __format__(self, spec: str) -> str:
        return format(display_url(str.__str__(self)), spec)


def resolve_db_path(option: str | os.PathLike | None) -> Path | DatabaseUrl:
    """--db wins, then MAMNON_DB, then the default. A postgresql://… address stays a DatabaseUrl;
    sqlite:///FILE is the file."""
    value = option or os.environ.get(ENV_VAR)
    if not value:
        return default_db_path()
    if is_server_url(value):
        return DatabaseUrl(str(value))
    text = str(value)
    if text.startswith("sqlite:///"):
        return Path(text[len("sqlite:///"):]).expanduser()
    return Path(value)
