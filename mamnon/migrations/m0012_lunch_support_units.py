"""0012: lunch support eligibility per child (NĐ 277/2025/NĐ-CP).

The unit-change history lives in the history database (mamnon.history), not in a
school's file, so this step only adds the school's table.
"""

STATEMENTS = [
    """CREATE TABLE lunch_support (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE RESTRICT,
        group_code VARCHAR(255) NOT NULL,
        evidence TEXT NOT NULL DEFAULT '',
        start_date DATE NOT NULL,
        end_date DATE NOT NULL,
        approved_by VARCHAR(255) NOT NULL DEFAULT '',
        approved_on DATE,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX lunch_support_child_id ON lunch_support (child_id)",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
