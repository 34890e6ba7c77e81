"""Kitchen safety logs (Quyết định 1246/QĐ-BYT, 2017): three-step food inspection and food samples.

One `KitchenDay` per date and stage (like `MenuDay`), holding
* step 1 (kiểm tra trước khi chế biến): one `KitchenReceipt` per food received;
* steps 2 and 3 (khi chế biến / trước khi ăn): one `KitchenDish` per dish of a meal;
* lưu mẫu: one `FoodSample` per dish of a meal, kept at least 24 hours.
A line is confirmed when `confirmed_at` (or `step2_at` / `step3_at`) is set with the
staff member who checked it; the principal or the cook signs the day (`signed_at`).
Results: "" = not checked yet, "dat" = passed, "khong_dat" = failed (measures required).
"""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, FloatField, ForeignKeyField, IntegerField, TextField

from mamnon.models.base import BaseModel, TimestampedModel
from mamnon.models.meals import Dish, Food
from mamnon.models.staff import Staff
from mamnon.i18n import N_

RESULTS = (("dat", N_("Đạt")), ("khong_dat", N_("Không đạt")))


class KitchenDay(TimestampedModel):
    date = DateField()
    stage = CharField()
    signed_by = ForeignKeyField(Staff, null=True, backref="kitchen_days_signed", on_delete="RESTRICT")
    signed_at = DateTimeField(null=True)
    note = TextField(default="")

    class Meta:
        table_name = "kitchen_day"
        indexes = ((("date", "stage"), True),)


class KitchenReceipt(BaseModel):
    """Step 1: a food received, its papers and the sensory check."""

    kitchen_day = ForeignKeyField(KitchenDay, backref="receipts", on_delete="CASCADE")
    food = ForeignKeyField(Food, backref="kitchen_receipts", on_delete="RESTRICT")
    position = IntegerField(default=0)
    planned_kg = FloatField(null=True)
    """Gross kg of the day's market list when the line was prefilled (None = added by hand)."""
    received_at = DateTimeField(null=True)
    quantity = FloatField()
    unit = CharField(default="kg")
    supplier = CharField(default="")
    supplier_contact = CharField(default="")
    """Address / phone of the supplier."""
    documents = TextField(default="")
    """Hóa đơn, chứng từ, giấy chứng nhận kiểm dịch… as written on the form."""  # i18n-skip: attribute docstring
    result = CharField(default="")
    result_note = TextField(default="")
    measures = TextField(default="")
    checked_by = ForeignKeyField(Staff, null=True, backref="kitchen_receipts_checked", on_delete="RESTRICT")
    confirmed_at = DateTimeField(null=True)

    class Meta:
        table_name = "kitchen_receipt"
        indexes = ((("kitchen_day", "food"), True),)


class KitchenDish(BaseModel):
    """Steps 2 (preparation and cooking) and 3 (before serving) of one dish of a meal."""

    kitchen_day = ForeignKeyField(KitchenDay, backref="dishes", on_delete="CASCADE")
    meal = CharField()
    dish = ForeignKeyField(Dish, backref="kitchen_checks", on_delete="RESTRICT")
    position = IntegerField(default=0)
    prep_started_at = DateTimeField(null=True)
    cooked_at = DateTimeField(null=True)
    cooks = TextField(default="")
    """Names of the people preparing and cooking."""
    step2_result = CharField(default="")
    step2_note = TextField(default="")
    step2_measures = TextField(default="")
    step2_by = ForeignKeyField(Staff, null=True, backref="kitchen_step2_checked", on_delete="RESTRICT")
    step2_at = DateTimeField(null=True)
    served_at = DateTimeField(null=True)
    """Time the portions were shared out (chia suất)."""  # i18n-skip: attribute docstring
    step3_result = CharField(default="")
    step3_note = TextField(default="")
    step3_measures = TextField(default="")
    step3_by = ForeignKeyField(Staff, null=True, backref="kitchen_step3_checked", on_delete="RESTRICT")
    step3_at = DateTimeField(null=True)

    class Meta:
        table_name = "kitchen_dish"
        indexes = ((("kitchen_day", "meal", "dish"), True),)


class FoodSample(BaseModel):
    """Lưu mẫu: a sample of one dish of a meal, kept at least 24 hours, then destroyed."""

    kitchen_day = ForeignKeyField(KitchenDay, backref="samples", on_delete="CASCADE")
    meal = CharField()
    dish = ForeignKeyField(Dish, backref="food_samples", on_delete="RESTRICT")
    position = IntegerField(default=0)
    amount = FloatField()
    amount_unit = CharField(default="g")
    """"g" (solid dishes) or "ml" (liquid dishes)."""
    taken_at = DateTimeField(null=True)
    storage_temp_c = FloatField(null=True)
    taken_by = ForeignKeyField(Staff, null=True, backref="food_samples_taken", on_delete="RESTRICT")
    confirmed_at = DateTimeField(null=True)
    destroyed_at = DateTimeField(null=True)
    destroyed_by = ForeignKeyField(Staff, null=True, backref="food_samples_destroyed", on_delete="RESTRICT")

    class Meta:
        table_name = "food_sample"
        indexes = ((("kitchen_day", "meal", "dish"), True),)
