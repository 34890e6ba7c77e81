"""0004: meals — rotating menu plans (templates of weeks × weekdays), closed days and their purchase lines."""

STATEMENTS = [
    """CREATE TABLE meal_plan (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        name VARCHAR(255) NOT NULL UNIQUE,
        weeks INTEGER NOT NULL DEFAULT 1,
        saturday INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE TABLE meal_plan_item (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES meal_plan (id) ON DELETE CASCADE,
        week INTEGER NOT NULL,
        weekday INTEGER NOT NULL,
        stage VARCHAR(255) NOT NULL,
        meal VARCHAR(255) NOT NULL,
        dish_id INTEGER NOT NULL REFERENCES dish (id) ON DELETE RESTRICT,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE UNIQUE INDEX meal_plan_item_plan_id_week_weekday_stage_meal_dish_id "
    "ON meal_plan_item (plan_id, week, weekday, stage, meal, dish_id)",
    "CREATE INDEX meal_plan_item_dish_id ON meal_plan_item (dish_id)",
    """CREATE TABLE closed_day (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        date DATE NOT NULL,
        stage VARCHAR(255) NOT NULL,
        children_count INTEGER NOT NULL,
        fee_per_child INTEGER,
        total_cost INTEGER NOT NULL,
        norm_set_id INTEGER REFERENCES norm_set (id) ON DELETE RESTRICT,
        menu_text TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX closed_day_date_stage ON closed_day (date, stage)",
    "CREATE INDEX closed_day_norm_set_id ON closed_day (norm_set_id)",
    """CREATE TABLE closed_line (
        id INTEGER PRIMARY KEY,
        closed_day_id INTEGER NOT NULL REFERENCES closed_day (id) ON DELETE CASCADE,
        food_id INTEGER NOT NULL REFERENCES food (id) ON DELETE RESTRICT,
        food_code VARCHAR(255) NOT NULL,
        food_name VARCHAR(255) NOT NULL,
        is_animal INTEGER NOT NULL DEFAULT 0,
        edible_g REAL NOT NULL,
        energy_kcal REAL NOT NULL,
        protein_g REAL NOT NULL,
        lipid_g REAL NOT NULL,
        glucid_g REAL NOT NULL,
        waste_pct REAL,
        gross_kg REAL NOT NULL,
        price_per_kg INTEGER,
        amount INTEGER,
        supplier VARCHAR(255) NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX closed_line_closed_day_id ON closed_line (closed_day_id)",
    "CREATE INDEX closed_line_food_id ON closed_line (food_id)",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
