"""0001: units, settings, school years, staff, classes, children, guardians, enrollments."""

STATEMENTS = [
    """CREATE TABLE org_unit (
        id INTEGER PRIMARY KEY,
        code VARCHAR(255) NOT NULL UNIQUE,
        name VARCHAR(255) NOT NULL,
        level_name VARCHAR(255) NOT NULL,
        parent_id INTEGER REFERENCES org_unit (id) ON DELETE RESTRICT,
        commune VARCHAR(255) NOT NULL DEFAULT '',
        province VARCHAR(255) NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        phone VARCHAR(255) NOT NULL DEFAULT '',
        is_self INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX org_unit_parent_id ON org_unit (parent_id)",
    """CREATE TABLE setting (
        key VARCHAR(255) NOT NULL PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE school_year (
        id INTEGER PRIMARY KEY,
        name VARCHAR(255) NOT NULL UNIQUE,
        start_date DATE NOT NULL,
        end_date DATE NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        code VARCHAR(255) NOT NULL UNIQUE,
        full_name VARCHAR(255) NOT NULL,
        birth_date DATE,
        sex VARCHAR(1) NOT NULL,
        ethnicity VARCHAR(255) NOT NULL DEFAULT 'Kinh',
        position VARCHAR(255) NOT NULL,
        qualification VARCHAR(255) NOT NULL DEFAULT '',
        phone VARCHAR(255) NOT NULL DEFAULT '',
        started_on DATE,
        left_on DATE,
        left_reason VARCHAR(255) NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE school_class (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        school_year_id INTEGER NOT NULL REFERENCES school_year (id) ON DELETE RESTRICT,
        name VARCHAR(255) NOT NULL,
        age_group VARCHAR(255) NOT NULL,
        main_teacher_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        room VARCHAR(255) NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX school_class_school_year_id_name ON school_class (school_year_id, name)",
    "CREATE INDEX school_class_main_teacher_id ON school_class (main_teacher_id)",
    """CREATE TABLE child (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        code VARCHAR(255) NOT NULL UNIQUE,
        full_name VARCHAR(255) NOT NULL,
        birth_date DATE NOT NULL,
        sex VARCHAR(1) NOT NULL,
        ethnicity VARCHAR(255) NOT NULL DEFAULT 'Kinh',
        village VARCHAR(255) NOT NULL DEFAULT '',
        commune VARCHAR(255) NOT NULL DEFAULT '',
        province VARCHAR(255) NOT NULL DEFAULT '',
        address VARCHAR(255) NOT NULL DEFAULT '',
        disability VARCHAR(255) NOT NULL DEFAULT '',
        policy_category VARCHAR(255) NOT NULL DEFAULT '',
        enrolled_on DATE,
        left_on DATE,
        left_reason VARCHAR(255) NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE guardian (
        id INTEGER PRIMARY KEY,
        child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 1,
        full_name VARCHAR(255) NOT NULL,
        relation VARCHAR(255) NOT NULL DEFAULT '',
        phone VARCHAR(255) NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX guardian_child_id ON guardian (child_id)",
    """CREATE TABLE enrollment (
        id INTEGER PRIMARY KEY,
        child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE RESTRICT,
        class_id INTEGER NOT NULL REFERENCES school_class (id) ON DELETE RESTRICT,
        start_date DATE NOT NULL,
        end_date DATE,
        note VARCHAR(255) NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX enrollment_child_id ON enrollment (child_id)",
    "CREATE INDEX enrollment_class_id ON enrollment (class_id)",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
