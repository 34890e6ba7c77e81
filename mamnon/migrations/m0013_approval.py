"""0013: reports submitted and the office's replies (approval that travels with the workbook)."""

STATEMENTS = [
    """CREATE TABLE report_submission (
        id INTEGER PRIMARY KEY,
        period VARCHAR(255) NOT NULL,
        paper_code VARCHAR(255) NOT NULL,
        exported_at DATETIME NOT NULL,
        exported_by VARCHAR(255) NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX report_submission_period ON report_submission (period)",
    """CREATE TABLE report_reply (
        id INTEGER PRIMARY KEY,
        period VARCHAR(255) NOT NULL,
        decision VARCHAR(255) NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        from_code VARCHAR(255) NOT NULL,
        from_name VARCHAR(255) NOT NULL,
        decided_by VARCHAR(255) NOT NULL DEFAULT '',
        decided_at VARCHAR(255) NOT NULL DEFAULT '',
        answers_code VARCHAR(255) NOT NULL,
        reply_checksum VARCHAR(255) NOT NULL,
        file_name VARCHAR(255) NOT NULL DEFAULT '',
        imported_at DATETIME NOT NULL
    )""",
    "CREATE INDEX report_reply_period ON report_reply (period)",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
