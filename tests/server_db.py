"""The suite's second database: when MAMNON_TEST_DB=postgresql://… is set, every test gets its own schema.

A schema per test (CREATE SCHEMA t_<random>, reached through libpq's
`options=-csearch_path=…`) keeps tests apart the way a fresh in-memory SQLite
database does, and pytest-xdist workers never meet. The schema is dropped after
the test. Without MAMNON_TEST_DB nothing here is used.
"""

from __future__ import annotations

import os
import secrets
import warnings
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from peewee import DatabaseError

SERVER_URL = os.environ.get("MAMNON_TEST_DB", "").strip()
ON_SERVER = SERVER_URL.split("://", 1)[0].lower() in ("postgresql", "postgres")


def schema_url(base: str, schema: str) -> str:
    """`base` with search_path set to `schema` for every connection made from it."""
    parts = urlsplit(base)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def _admin():
    from mamnon.db import server_database

    db = server_database(SERVER_URL)
    db.connect()
    return db


class Schemas:
    """The schemas one test made; `drop_all` at its end."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def new_url(self) -> str:
        name = "t_" + secrets.token_hex(6)
        admin = _admin()
        try:
            admin.execute_sql(f"CREATE SCHEMA {name}")
        finally:
            admin.close()
        self.names.append(name)
        return schema_url(SERVER_URL, name)

    def drop_all(self) -> None:
        if not self.names:
            return
        admin = _admin()
        try:
            # A connection a crashed test left inside a transaction must not hang the suite.
            admin.execute_sql("SET lock_timeout = '10s'")
            for name in self.names:
                try:
                    admin.execute_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
                except DatabaseError as exc:  # left for the server's end; the test itself is not at fault
                    warnings.warn(f"schema {name} not dropped: {exc}", stacklevel=1)
        finally:
            admin.close()
        self.names.clear()


_memory = Schemas()


def _open_server_memory() -> None:
    """session.open_memory() of the PostgreSQL run: the previous such schema is dropped, a new one opened.

    Opening closes the previous database anyway (as a new in-memory SQLite
    database forgets the old one), so nothing can still need it.
    """
    from mamnon.services import session

    session.close()
    _memory.drop_all()
    session.open_path(_memory.new_url())


def install_server_memory() -> None:
    from mamnon import db
    from mamnon.services import session

    session.open_memory = _open_server_memory
    db.open_memory = _open_server_memory


def drop_server_memory() -> None:
    from mamnon.services import session

    session.close()
    _memory.drop_all()
