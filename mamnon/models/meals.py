"""Meals: the food catalogue, dishes with per-stage quantities, nutrition norm sets, menu days.

Foods come from the Vietnamese Food Composition Table 2007 (source "VN FCT 2007")
or are added by the school (source "trường"); nutrient values are per 100 g of the
edible part and None where the table has no figure (unknown is not 0). Foods and
dishes that a menu or dish uses cannot be deleted (RESTRICT): past days' records
must stay as they were.
"""

from __future__ import annotations

from peewee import CharField, DateField, FloatField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import BaseModel, TimestampedModel
from mamnon.models.fields import BooleanField
from mamnon.i18n import N_

STAGES = ("nha_tre", "mau_giao")
MEALS = (("sang", N_("Bữa sáng")), ("trua", N_("Bữa trưa")), ("chieu", N_("Bữa chiều")), ("phu", N_("Bữa phụ")))
SOURCE_FCT = "VN FCT 2007"
SOURCE_SCHOOL = "trường"  # i18n-skip: stored value


class Food(TimestampedModel):
    code = CharField(unique=True)
    name = CharField()
    group = CharField(column_name="food_group")
    energy_kcal = FloatField(null=True)
    protein_g = FloatField(null=True)
    lipid_g = FloatField(null=True)
    glucid_g = FloatField(null=True)
    waste_pct = FloatField(null=True)
    """Tỷ lệ thải bỏ, % of the purchased weight; None = unknown."""  # i18n-skip: attribute docstring
    is_animal = BooleanField(default=False)
    price_per_kg = IntegerField(null=True)
    """VND per kg purchased; None until the school sets it."""
    supplier = CharField(default="")
    active = BooleanField(default=True)
    source = CharField(default=SOURCE_SCHOOL)

    class Meta:
        table_name = "food"


class Dish(TimestampedModel):
    name = CharField(unique=True)
    note = TextField(default="")
    active = BooleanField(default=True)
    row_version = IntegerField(default=1)

    class Meta:
        table_name = "dish"


class DishIngredient(BaseModel):
    """Edible grams of a food per child in a dish, for one stage (nha_tre / mau_giao)."""

    dish = ForeignKeyField(Dish, backref="ingredients", on_delete="CASCADE")
    food = ForeignKeyField(Food, backref="dish_uses", on_delete="RESTRICT")
    stage = CharField()
    grams = FloatField()

    class Meta:
        table_name = "dish_ingredient"
        indexes = ((("dish", "food", "stage"), True),)


class NormSet(BaseModel):
    """One stage's figures of a named, versioned norm set; None = the source gives no figure."""

    code = CharField()
    version = IntegerField(default=1)
    name = CharField()
    stage = CharField()
    energy_min = FloatField(null=True)
    energy_max = FloatField(null=True)
    protein_min_pct = FloatField(null=True)
    protein_max_pct = FloatField(null=True)
    lipid_min_pct = FloatField(null=True)
    lipid_max_pct = FloatField(null=True)
    glucid_min_pct = FloatField(null=True)
    glucid_max_pct = FloatField(null=True)
    animal_protein_min_pct = FloatField(null=True)
    source = TextField(default="")
    note = TextField(default="")
    daily_need_min = FloatField(null=True)
    daily_need_max = FloatField(null=True)
    meal_split = TextField(default="")
    """JSON [[meal or "meal+meal", low %, high %], …] of the whole-day need; "" = none."""

    class Meta:
        table_name = "norm_set"
        indexes = ((("code", "version", "stage"), True),)


class MenuDay(TimestampedModel):
    date = DateField()
    stage = CharField()
    children_count = IntegerField(null=True)
    """Children eating that day (entered; attendance will provide it)."""
    fee_per_child = IntegerField(null=True)
    """The day's meal fee per child, VND."""
    note = TextField(default="")

    class Meta:
        table_name = "menu_day"
        indexes = ((("date", "stage"), True),)


class MenuItem(BaseModel):
    menu_day = ForeignKeyField(MenuDay, backref="items", on_delete="CASCADE")
    meal = CharField()
    dish = ForeignKeyField(Dish, backref="menu_uses", on_delete="RESTRICT")
    position = IntegerField(default=0)

    class Meta:
        table_name = "menu_item"
        indexes = ((("menu_day", "meal", "dish"), True),)
