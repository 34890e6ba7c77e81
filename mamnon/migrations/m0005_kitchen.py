"""0005: kitchen safety logs — three-step food inspection and food samples (QĐ 1246/QĐ-BYT)."""

STATEMENTS = [
    """CREATE TABLE kitchen_day (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        date DATE NOT NULL,
        stage VARCHAR(255) NOT NULL,
        signed_by_id INTEGER REFERENCES staff (id) ON DELETE RESTRICT,
        signed_at DATETIME,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX kitchen_day_date_stage ON kitchen_day (date, stage)",
    "CREATE INDEX kitchen_day_signed_by_id ON kitchen_day (signed_by_id)",
    """CREATE TABLE kitchen_receipt (
        id INTEGER PRIMARY KEY,
        kitchen_day_id INTEGER NOT NULL REFERENCES kitchen_day (id) ON DELETE CASCADE,
        food_id INTEGER NOT NULL REFERENCES food (id) ON DELETE RESTRICT,
        position INTEGER NOT NULL DEFAULT 0,
        planned_kg REAL,
        received_at DATETIME,
        quantity REAL NOT NULL,
        unit VARCHAR(255) NOT NULL DEFAULT 'kg',
        supplier VARCHAR(255) NOT NULL DEFAULT '',
        supplier_contact VARCHAR(255) NOT NULL DEFAULT '',
        documents TEXT NOT NULL DEFAULT '',
        result VARCHAR(255) NOT NULL DEFAULT '',
        result_note TEXT NOT NULL DEFAULT '',
        measures TEXT NOT NULL DEFAULT '',
        checked_by_id INTEGER REFERENCES staff (id) ON DELETE RESTRICT,
        confirmed_at DATETIME
    )""",
    "CREATE UNIQUE INDEX kitchen_receipt_kitchen_day_id_food_id ON kitchen_receipt (kitchen_day_id, food_id)",
    "CREATE INDEX kitchen_receipt_food_id ON kitchen_receipt (food_id)",
    "CREATE INDEX kitchen_receipt_checked_by_id ON kitchen_receipt (checked_by_id)",
    """CREATE TABLE kitchen_dish (
        id INTEGER PRIMARY KEY,
        kitchen_day_id INTEGER NOT NULL REFERENCES kitchen_day (id) ON DELETE CASCADE,
        meal VARCHAR(255) NOT NULL,
        dish_id INTEGER NOT NULL REFERENCES dish (id) ON DELETE RESTRICT,
        position INTEGER NOT NULL DEFAULT 0,
        prep_started_at DATETIME,
        cooked_at DATETIME,
        cooks TEXT NOT NULL DEFAULT '',
        step2_result VARCHAR(255) NOT NULL DEFAULT '',
        step2_note TEXT NOT NULL DEFAULT '',
        step2_measures TEXT NOT NULL DEFAULT '',
        step2_by_id INTEGER REFERENCES staff (id) ON DELETE RESTRICT,
        step2_at DATETIME,
        served_at DATETIME,
        step3_result VARCHAR(255) NOT NULL DEFAULT '',
        step3_note TEXT NOT NULL DEFAULT '',
        step3_measures TEXT NOT NULL DEFAULT '',
        step3_by_id INTEGER REFERENCES staff (id) ON DELETE RESTRICT,
        step3_at DATETIME
    )""",
    "CREATE UNIQUE INDEX kitchen_dish_kitchen_day_id_meal_dish_id ON kitchen_dish (kitchen_day_id, meal, dish_id)",
    "CREATE INDEX kitchen_dish_dish_id ON kitchen_dish (dish_id)",
    "CREATE INDEX kitchen_dish_step2_by_id ON kitchen_dish (step2_by_id)",
    "CREATE INDEX kitchen_dish_step3_by_id ON kitchen_dish (step3_by_id)",
    """CREATE TABLE food_sample (
        id INTEGER PRIMARY KEY,
        kitchen_day_id INTEGER NOT NULL REFERENCES kitchen_day (id) ON DELETE CASCADE,
        meal VARCHAR(255) NOT NULL,
        dish_id INTEGER NOT NULL REFERENCES dish (id) ON DELETE RESTRICT,
        position INTEGER NOT NULL DEFAULT 0,
        amount REAL NOT NULL,
        amount_unit VARCHAR(255) NOT NULL DEFAULT 'g',
        taken_at DATETIME,
        storage_temp_c REAL,
        taken_by_id INTEGER REFERENCES staff (id) ON DELETE RESTRICT,
        confirmed_at DATETIME,
        destroyed_at DATETIME,
        destroyed_by_id INTEGER REFERENCES staff (id) ON DELETE RESTRICT
    )""",
    "CREATE UNIQUE INDEX food_sample_kitchen_day_id_meal_dish_id ON food_sample (kitchen_day_id, meal, dish_id)",
    "CREATE INDEX food_sample_dish_id ON food_sample (dish_id)",
    "CREATE INDEX food_sample_taken_by_id ON food_sample (taken_by_id)",
    "CREATE INDEX food_sample_destroyed_by_id ON food_sample (destroyed_by_id)",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
