"""Forward-only schema migrations, applied in order and recorded in `schema_version`.

Each migration module defines `up(db)` and is frozen once released: it never
imports the current models, so an old database always upgrades the same way.
A new migration is a new module appended to MIGRATIONS.
"""

from __future__ import annotations

import datetime as dt
import importlib

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, "m0001_initial"),
    (2, "m0002_health"),
    (3, "m0003_meals"),
    (4, "m0004_meal_plans"),
    (5, "m0005_kitchen"),
    (6, "m0006_attendance"),
    (7, "m0007_norm_meal_split"),
    (8, "m0008_census"),
    (9, "m0009_staff_quality_facilities"),
    (10, "m0010_accounts_audit"),
    (11, "m0011_csdl_codes"),
    (12, "m0012_lunch_support_units"),
    (13, "m0013_approval"),
    (14, "m0014_row_version"),
)
LATEST_VERSION = MIGRATIONS[-1][0]

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    program_version TEXT NOT NULL
)"""


def current_version(db) -> int:
    db.execute_sql(_VERSION_TABLE)
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db, up_to: int | None = None) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction; with `up_to`, stop
    after that version (tests build an old schema this way to upgrade it afterwards)."""
    from mamnon import __version__

    from mamnon.migrations.dialect import for_migrations

    applied = []
    with db.atomic():
        version = current_version(db)
    for number, module_name in MIGRATIONS:
        if number <= version or (up_to is not None and number > up_to):
            continue
        module = importlib.import_module(f"mamnon.migrations.{module_name}")
        with db.atomic():
            module.up(for_migrations(db))
            db.execute_sql(
                "INSERT INTO schema_version (version, name, applied_at, program_version) VALUES (?, ?, ?, ?)",
                (number, module_name, dt.datetime.now().isoformat(timespec="seconds"), __version__),
            )
        applied.append(number)
    return applied
