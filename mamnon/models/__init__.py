"""peewee models of the school's database, one module per area."""

from mamnon.models.base import BaseModel
from mamnon.models.children import Child, Enrollment, Guardian
from mamnon.models.school import SchoolClass, SchoolYear
from mamnon.models.staff import Staff
from mamnon.models.units import OrgUnit, Setting

ALL_MODELS = (OrgUnit, Setting, SchoolYear, Staff, SchoolClass, Child, Guardian, Enrollment)

__all__ = [
    "ALL_MODELS", "BaseModel", "Child", "Enrollment", "Guardian", "OrgUnit",
    "SchoolClass", "SchoolYear", "Setting", "Staff",
]
