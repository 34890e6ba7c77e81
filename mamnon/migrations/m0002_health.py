"""0002: measuring rounds, measurements (weight, height, WHO z-scores), health checks."""

STATEMENTS = [
    """CREATE TABLE measurement_round (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        name VARCHAR(255) NOT NULL,
        date DATE NOT NULL,
        school_year_id INTEGER NOT NULL REFERENCES school_year (id) ON DELETE RESTRICT,
        class_id INTEGER REFERENCES school_class (id) ON DELETE RESTRICT,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX measurement_round_school_year_id_name ON measurement_round (school_year_id, name)",
    "CREATE INDEX measurement_round_class_id ON measurement_round (class_id)",
    """CREATE TABLE measurement (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        round_id INTEGER NOT NULL REFERENCES measurement_round (id) ON DELETE RESTRICT,
        child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE RESTRICT,
        measured_on DATE NOT NULL,
        weight_kg REAL,
        height_cm REAL,
        lying INTEGER,
        wfa REAL,
        hfa REAL,
        wfh REAL,
        bfa REAL,
        wfa_code VARCHAR(255) NOT NULL DEFAULT '',
        hfa_code VARCHAR(255) NOT NULL DEFAULT '',
        wfh_code VARCHAR(255) NOT NULL DEFAULT '',
        bfa_code VARCHAR(255) NOT NULL DEFAULT '',
        wasting_code VARCHAR(255) NOT NULL DEFAULT '',
        flags VARCHAR(255) NOT NULL DEFAULT '',
        confirmed INTEGER NOT NULL DEFAULT 0,
        reasons TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX measurement_round_id_child_id ON measurement (round_id, child_id)",
    "CREATE INDEX measurement_child_id ON measurement (child_id)",
    """CREATE TABLE health_check (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE RESTRICT,
        checked_on DATE NOT NULL,
        examiner VARCHAR(255) NOT NULL,
        eyes TEXT NOT NULL DEFAULT '',
        teeth TEXT NOT NULL DEFAULT '',
        ent TEXT NOT NULL DEFAULT '',
        skin TEXT NOT NULL DEFAULT '',
        heart_lung TEXT NOT NULL DEFAULT '',
        other TEXT NOT NULL DEFAULT '',
        conclusion TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX health_check_child_id ON health_check (child_id, checked_on)",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
