"""Who is acting on the open database: set at login by the CLI or the TUI, read by the audit trail.

Kept apart from the services so that the model layer (mamnon.models.base, which
writes the audit trail) can ask who is acting without importing a service.
The actor is bound to the database file it logged into: opening another file
never carries a login over to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mamnon.db import database
from mamnon.i18n import N_


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    full_name: str
    role: str
    staff_id: int | None = None
    database_name: str = field(default="", compare=False)


SINGLE_USER = Actor(None, "", N_("Chế độ một người dùng"), "admin")
"""The implicit principal of a school that chose not to use logins."""

_current: Actor | None = None


def set_actor(actor: Actor | None) -> None:
    global _current
    if actor is not None and actor.database_name != (database.database or ""):
        actor = Actor(actor.user_id, actor.username, actor.full_name, actor.role, actor.staff_id,
                      database.database or "")
    _current = actor


def logged_in() -> Actor | None:
    """The account logged into the open database, if any (no mode check: see permissions.current_actor)."""
    if _current is None or _current.database_name != (database.database or ""):
        return None
    return _current
