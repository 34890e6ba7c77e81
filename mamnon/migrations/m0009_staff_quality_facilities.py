"""0009: staff training major and contract type, yearly teacher assessments; sites, room lines, equipment counts."""

STATEMENTS = [
    "ALTER TABLE staff ADD COLUMN training_major VARCHAR(255) NOT NULL DEFAULT ''",
    "ALTER TABLE staff ADD COLUMN contract_type VARCHAR(255) NOT NULL DEFAULT ''",
    """CREATE TABLE staff_assessment (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
        year_name VARCHAR(255) NOT NULL,
        grade VARCHAR(255) NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX staff_assessment_staff_id ON staff_assessment (staff_id)",
    "CREATE UNIQUE INDEX staff_assessment_staff_id_year_name ON staff_assessment (staff_id, year_name)",
    """CREATE TABLE site (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        name VARCHAR(255) NOT NULL UNIQUE,
        is_main INTEGER NOT NULL DEFAULT 0,
        address VARCHAR(255) NOT NULL DEFAULT '',
        distance_km REAL,
        water_source VARCHAR(255) NOT NULL DEFAULT '',
        clean_water INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE room_line (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        site_id INTEGER NOT NULL REFERENCES site (id) ON DELETE RESTRICT,
        room_type VARCHAR(255) NOT NULL,
        condition VARCHAR(255) NOT NULL,
        count INTEGER NOT NULL CHECK (count >= 0),
        area_m2 REAL CHECK (area_m2 IS NULL OR area_m2 >= 0),
        in_use_from DATE,
        in_use_until DATE,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX room_line_site_id ON room_line (site_id)",
    "CREATE UNIQUE INDEX room_line_site_id_room_type_condition ON room_line (site_id, room_type, condition)",
    """CREATE TABLE equipment_count (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        item_code VARCHAR(255) NOT NULL UNIQUE,
        quantity INTEGER NOT NULL CHECK (quantity >= 0),
        counted_on DATE,
        note TEXT NOT NULL DEFAULT ''
    )""",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
