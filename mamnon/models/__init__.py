"""peewee models of the school's database, one module per area."""

from mamnon.models.accounts import AuditEntry, User, UserClass
from mamnon.models.approval import ReportReply, ReportSubmission
from mamnon.models.attendance import AttendanceMark, CalendarDay
from mamnon.models.base import BaseModel
from mamnon.models.census import CensusCommune, CensusEntry, CensusVillage
from mamnon.models.children import Child, Enrollment, Guardian
from mamnon.models.children import CsdlStaffCode
from mamnon.models.health import HealthCheck, Measurement, MeasurementRound
from mamnon.models.kitchen import FoodSample, KitchenDay, KitchenDish, KitchenReceipt
from mamnon.models.lunch_support import LunchSupport
from mamnon.models.meal_plans import ClosedDay, ClosedLine, MealPlan, MealPlanItem
from mamnon.models.meals import Dish, DishIngredient, Food, MenuDay, MenuItem, NormSet
from mamnon.models.school import SchoolClass, SchoolYear
from mamnon.models.staff import Staff, StaffAssessment
from mamnon.models.facilities import EquipmentCount, RoomLine, Site
from mamnon.models.units import OrgUnit, Setting

ALL_MODELS = (
    OrgUnit, Setting, SchoolYear, Staff, SchoolClass, Child, Guardian, Enrollment,
    MeasurementRound, Measurement, HealthCheck,
    Food, Dish, DishIngredient, NormSet, MenuDay, MenuItem,
    MealPlan, MealPlanItem, ClosedDay, ClosedLine,
    KitchenDay, KitchenReceipt, KitchenDish, FoodSample,
    AttendanceMark, CalendarDay,
    LunchSupport,
    CensusCommune, CensusVillage, CensusEntry,
    User, UserClass, AuditEntry,
    StaffAssessment, Site, RoomLine, EquipmentCount,
    CsdlStaffCode,
    ReportSubmission, ReportReply,
)

__all__ = [
    "ALL_MODELS", "BaseModel", "Child", "ClosedDay", "ClosedLine", "Dish", "DishIngredient", "Enrollment", "Food",
    "Guardian", "HealthCheck", "MealPlan", "MealPlanItem", "Measurement", "MeasurementRound", "MenuDay", "MenuItem",
    "NormSet", "OrgUnit",
    "SchoolClass", "SchoolYear", "Setting", "Staff",
    "FoodSample", "KitchenDay", "KitchenDish", "KitchenReceipt",
    "AttendanceMark", "CalendarDay",
    "LunchSupport",
    "CensusCommune", "CensusEntry", "CensusVillage",
    "AuditEntry", "User", "UserClass",
    "EquipmentCount", "RoomLine", "Site", "StaffAssessment",
    "CsdlStaffCode",
    "ReportReply", "ReportSubmission",
]
