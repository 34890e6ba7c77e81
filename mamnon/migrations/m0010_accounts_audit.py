"""0010: local accounts, their extra classes, and the audit trail.

No access-mode setting is written: a database without one stays in
single-user mode, as every database created before this step was.
"""

STATEMENTS = [
    """CREATE TABLE user_account (
        id INTEGER PRIMARY KEY,
        username VARCHAR(255) NOT NULL UNIQUE,
        full_name VARCHAR(255) NOT NULL,
        role VARCHAR(255) NOT NULL,
        staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        password_hash VARCHAR(255) NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        lockouts INTEGER NOT NULL DEFAULT 0,
        locked_until DATETIME,
        active INTEGER NOT NULL DEFAULT 1,
        created_at DATETIME NOT NULL,
        last_login_at DATETIME
    )""",
    "CREATE INDEX user_account_staff_id ON user_account (staff_id)",
    """CREATE TABLE user_class (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        class_id INTEGER NOT NULL REFERENCES school_class (id) ON DELETE CASCADE
    )""",
    "CREATE UNIQUE INDEX user_class_user_id_class_id ON user_class (user_id, class_id)",
    "CREATE INDEX user_class_class_id ON user_class (class_id)",
    """CREATE TABLE audit_entry (
        id INTEGER PRIMARY KEY,
        at DATETIME NOT NULL,
        username VARCHAR(255) NOT NULL DEFAULT '',
        role VARCHAR(255) NOT NULL DEFAULT '',
        table_name VARCHAR(255) NOT NULL,
        record_id VARCHAR(255) NOT NULL,
        action VARCHAR(255) NOT NULL,
        before TEXT NOT NULL DEFAULT '',
        after TEXT NOT NULL DEFAULT '',
        label VARCHAR(255) NOT NULL DEFAULT '',
        child_id INTEGER
    )""",
    "CREATE INDEX audit_entry_table_name_record_id ON audit_entry (table_name, record_id)",
    "CREATE INDEX audit_entry_child_id ON audit_entry (child_id)",
    "CREATE INDEX audit_entry_at ON audit_entry (at)",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
