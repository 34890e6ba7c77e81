"""peewee models of the school's database, one module per area."""

from mamnon.models.attendance import AttendanceMark, CalendarDay
from mamnon.models.base import BaseModel
from mamnon.models.children import Child, Enrollment, Guardian
from mamnon.models.health import HealthCheck, Measurement, MeasurementRound
from mamnon.models.kitchen import FoodSample, KitchenDay, KitchenDish, KitchenReceipt
from mamnon.models.meal_plans import ClosedDay, ClosedLine, MealPlan, MealPlanItem
from mamnon.models.meals import Dish, DishIngredient, Food, MenuDay, MenuItem, NormSet
from mamnon.models.school import SchoolClass, SchoolYear
from mamnon.models.staff import Staff
from mamnon.models.units import OrgUnit, Setting

ALL_MODELS = (
    OrgUnit, Setting, SchoolYear, Staff, SchoolClass, Child, Guardian, Enrollment,
    MeasurementRound, Measurement, HealthCheck,
    Food, Dish, DishIngredient, NormSet, MenuDay, MenuItem,
    MealPlan, MealPlanItem, ClosedDay, ClosedLine,
    KitchenDay, KitchenReceipt, KitchenDish, FoodSample,
    AttendanceMark, CalendarDay,
)

__all__ = [
    "ALL_MODELS", "BaseModel", "Child", "ClosedDay", "ClosedLine", "Dish", "DishIngredient", "Enrollment", "Food",
    "Guardian", "HealthCheck", "MealPlan", "MealPlanItem", "Measurement", "MeasurementRound", "MenuDay", "MenuItem",
    "NormSet", "OrgUnit",
    "SchoolClass", "SchoolYear", "Setting", "Staff",
    "FoodSample", "KitchenDay", "KitchenDish", "KitchenReceipt",
    "AttendanceMark", "CalendarDay",
]
