"""0014: a row version on the records people edit through forms, so two sessions cannot overwrite each other.

Every save of such a row adds one to `row_version`; a form's save is refused
when the row's version is no longer the one the form was opened with
(mamnon.models.base, mamnon.errors.ConcurrentEdit).
"""

VERSIONED_TABLES = ("child", "guardian", "staff", "school_class", "measurement", "health_check",
                    "census_entry", "dish")

STATEMENTS = [f"ALTER TABLE {table} ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1" for table in VERSIONED_TABLES]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
