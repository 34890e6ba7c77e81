"""0003: meals — food catalogue, dishes and their ingredients, norm sets, menu days and items."""

STATEMENTS = [
    """CREATE TABLE food (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        code VARCHAR(255) NOT NULL UNIQUE,
        name VARCHAR(255) NOT NULL,
        food_group VARCHAR(255) NOT NULL,
        energy_kcal REAL,
        protein_g REAL,
        lipid_g REAL,
        glucid_g REAL,
        waste_pct REAL,
        is_animal INTEGER NOT NULL DEFAULT 0,
        price_per_kg INTEGER,
        supplier VARCHAR(255) NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1,
        source VARCHAR(255) NOT NULL DEFAULT 'trường'
    )""",
    """CREATE TABLE dish (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        name VARCHAR(255) NOT NULL UNIQUE,
        note TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE TABLE dish_ingredient (
        id INTEGER PRIMARY KEY,
        dish_id INTEGER NOT NULL REFERENCES dish (id) ON DELETE CASCADE,
        food_id INTEGER NOT NULL REFERENCES food (id) ON DELETE RESTRICT,
        stage VARCHAR(255) NOT NULL,
        grams REAL NOT NULL
    )""",
    "CREATE UNIQUE INDEX dish_ingredient_dish_id_food_id_stage ON dish_ingredient (dish_id, food_id, stage)",
    "CREATE INDEX dish_ingredient_food_id ON dish_ingredient (food_id)",
    """CREATE TABLE norm_set (
        id INTEGER PRIMARY KEY,
        code VARCHAR(255) NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        name VARCHAR(255) NOT NULL,
        stage VARCHAR(255) NOT NULL,
        energy_min REAL,
        energy_max REAL,
        protein_min_pct REAL,
        protein_max_pct REAL,
        lipid_min_pct REAL,
        lipid_max_pct REAL,
        glucid_min_pct REAL,
        glucid_max_pct REAL,
        animal_protein_min_pct REAL,
        source TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX norm_set_code_version_stage ON norm_set (code, version, stage)",
    """CREATE TABLE menu_day (
        id INTEGER PRIMARY KEY,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        date DATE NOT NULL,
        stage VARCHAR(255) NOT NULL,
        children_count INTEGER,
        fee_per_child INTEGER,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX menu_day_date_stage ON menu_day (date, stage)",
    """CREATE TABLE menu_item (
        id INTEGER PRIMARY KEY,
        menu_day_id INTEGER NOT NULL REFERENCES menu_day (id) ON DELETE CASCADE,
        meal VARCHAR(255) NOT NULL,
        dish_id INTEGER NOT NULL REFERENCES dish (id) ON DELETE RESTRICT,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE UNIQUE INDEX menu_item_menu_day_id_meal_dish_id ON menu_item (menu_day_id, meal, dish_id)",
    "CREATE INDEX menu_item_dish_id ON menu_item (dish_id)",
]


def up(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
