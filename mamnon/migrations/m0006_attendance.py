"""0006: attendance marks (điểm danh) and the school calendar's exceptions."""

STATEMENTS = [
    """CREATE TABLE attendance_mark (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE RESTRICT,
        class_id INTEGER NOT NULL REFERENCES school_class (id) ON DELETE RESTRICT,
        date DATE NOT NULL,
        mark VARCHAR(1) NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX attendance_mark_child_id_date ON attendance_mark (child_id, date)",
    "CREATE INDEX attendance_mark_date_class_id ON attendance_mark (date, class_id)",
    "CREATE INDEX attendance_mark_class_id ON attendance_mark (class_id)",
    """CREATE TABLE calendar_day (
        id INTEGER PRIMARY KEY,
        date DATE NOT NULL UNIQUE,
        is_school_day INTEGER NOT NULL,
        reason VARCHAR(255) NOT NULL DEFAULT ''
    )""",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
