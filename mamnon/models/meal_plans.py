"""Meals: rotating menu plans (mẫu thực đơn tuần / 4 tuần) and closed days (chốt sổ ngày).

A plan is a named template of weeks (1–4) × weekdays (Mon–Fri, optionally Sat) ×
stage × meal → dishes, copied forward onto real dates as menu days. A closed day
stores the day's purchase lines (food, gross kg, unit price, amount) and the
children count and fee as they were, so later edits of dishes or prices never
change the day's records.
"""

from __future__ import annotations

from peewee import CharField, DateField, FloatField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import BaseModel, TimestampedModel
from mamnon.models.fields import BooleanField
from mamnon.models.meals import Dish, Food, NormSet


class MealPlan(TimestampedModel):
    name = CharField(unique=True)
    weeks = IntegerField(default=1)
    saturday = BooleanField(default=False)
    """The plan has Saturday menus (weekday 5)."""
    note = TextField(default="")
    active = BooleanField(default=True)

    class Meta:
        table_name = "meal_plan"


class MealPlanItem(BaseModel):
    """A dish in a meal of one weekday of one week of a plan, for one stage."""

    plan = ForeignKeyField(MealPlan, backref="items", on_delete="CASCADE")
    week = IntegerField()
    """1..plan.weeks"""
    weekday = IntegerField()
    """0 = Monday … 5 = Saturday"""
    stage = CharField()
    meal = CharField()
    dish = ForeignKeyField(Dish, backref="plan_uses", on_delete="RESTRICT")
    position = IntegerField(default=0)

    class Meta:
        table_name = "meal_plan_item"
        indexes = ((("plan", "week", "weekday", "stage", "meal", "dish"), True),)


class ClosedDay(TimestampedModel):
    """The snapshot of a menu day's accounts taken when the day is closed."""

    date = DateField()
    stage = CharField()
    children_count = IntegerField()
    fee_per_child = IntegerField(null=True)
    total_cost = IntegerField()
    """VND, sum of the lines with a price."""
    norm_set = ForeignKeyField(NormSet, null=True, on_delete="RESTRICT")
    """The norm set version the day was checked against (versions never change)."""
    menu_text = TextField(default="")
    """The day's dishes as served, one 'meal: dish' per line."""
    note = TextField(default="")

    class Meta:
        table_name = "closed_day"
        indexes = ((("date", "stage"), True),)


class ClosedLine(BaseModel):
    """One food of a closed day: per-child edible grams and nutrients, purchase and money."""

    closed_day = ForeignKeyField(ClosedDay, backref="lines", on_delete="CASCADE")
    food = ForeignKeyField(Food, backref="closed_uses", on_delete="RESTRICT")
    food_code = CharField()
    food_name = CharField()
    is_animal = BooleanField(default=False)
    edible_g = FloatField()
    energy_kcal = FloatField()
    protein_g = FloatField()
    lipid_g = FloatField()
    glucid_g = FloatField()
    waste_pct = FloatField(null=True)
    gross_kg = FloatField()
    price_per_kg = IntegerField(null=True)
    amount = IntegerField(null=True)
    supplier = CharField(default="")
    position = IntegerField(default=0)

    class Meta:
        table_name = "closed_line"
