"""0007: the whole-day energy need and the meal split (QĐ 2195/QĐ-BGDĐT, 2022) of each norm set.

The shipped TT 28/2016 rows already in a database get the figures of notes/norms.md
§1b–1c written here (frozen: later edits of norms.json never change this step).
"""

STATEMENTS = [
    "ALTER TABLE norm_set ADD COLUMN daily_need_min REAL",
    "ALTER TABLE norm_set ADD COLUMN daily_need_max REAL",
    "ALTER TABLE norm_set ADD COLUMN meal_split TEXT NOT NULL DEFAULT ''",
    """UPDATE norm_set SET daily_need_min = 930, daily_need_max = 1000,
           meal_split = '[["trua", 30, 35], ["chieu", 25, 30], ["phu", 5, 10]]'
       WHERE code = 'TT28_2016' AND version = 1 AND stage = 'nha_tre'""",
    """UPDATE norm_set SET daily_need_min = 1230, daily_need_max = 1320,
           meal_split = '[["sang", 10, 15], ["trua", 30, 35], ["chieu+phu", 15, 25]]'
       WHERE code = 'TT28_2016' AND version = 1 AND stage = 'mau_giao'""",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
