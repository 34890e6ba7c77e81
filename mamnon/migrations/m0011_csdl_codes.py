"""0011: the CSDL ngành codes — a child's Ministry pupil code, personal ID and temporary code; staff codes.

The staff codes sit in their own table so the staff table (another area's) keeps its shape.
"""

STATEMENTS = [
    "ALTER TABLE child ADD COLUMN ministry_code VARCHAR(255) NOT NULL DEFAULT ''",
    "ALTER TABLE child ADD COLUMN personal_id VARCHAR(255) NOT NULL DEFAULT ''",
    "ALTER TABLE child ADD COLUMN temp_code VARCHAR(255) NOT NULL DEFAULT ''",
    "CREATE INDEX child_ministry_code ON child (ministry_code)",
    """CREATE TABLE csdl_staff_code (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL UNIQUE REFERENCES staff (id) ON DELETE CASCADE,
        ministry_code VARCHAR(255) NOT NULL DEFAULT '',
        personal_id VARCHAR(255) NOT NULL DEFAULT ''
    )""",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
