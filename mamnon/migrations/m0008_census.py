"""0008: the phổ cập census of young children of the school's area (communes, villages, entries)."""

STATEMENTS = [
    """CREATE TABLE census_commune (
        id INTEGER PRIMARY KEY,
        name VARCHAR(255) NOT NULL UNIQUE,
        difficult INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE census_village (
        id INTEGER PRIMARY KEY,
        commune_id INTEGER NOT NULL REFERENCES census_commune (id) ON DELETE RESTRICT,
        name VARCHAR(255) NOT NULL
    )""",
    "CREATE UNIQUE INDEX census_village_commune_id_name ON census_village (commune_id, name)",
    """CREATE TABLE census_entry (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        year INTEGER NOT NULL,
        village_id INTEGER NOT NULL REFERENCES census_village (id) ON DELETE RESTRICT,
        child_id INTEGER REFERENCES child (id) ON DELETE RESTRICT,
        full_name VARCHAR(255) NOT NULL DEFAULT '',
        birth_date DATE,
        sex VARCHAR(1) NOT NULL DEFAULT '',
        ethnicity VARCHAR(255) NOT NULL DEFAULT '',
        guardian_name VARCHAR(255) NOT NULL DEFAULT '',
        address VARCHAR(255) NOT NULL DEFAULT '',
        status VARCHAR(255) NOT NULL,
        school_name VARCHAR(255) NOT NULL DEFAULT '',
        completed INTEGER NOT NULL DEFAULT 0,
        disability VARCHAR(255) NOT NULL DEFAULT '',
        status_date DATE,
        destination VARCHAR(255) NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX census_entry_year_village_id ON census_entry (year, village_id)",
    "CREATE INDEX census_entry_village_id ON census_entry (village_id)",
    "CREATE UNIQUE INDEX census_entry_year_child_id ON census_entry (year, child_id) WHERE child_id IS NOT NULL",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
