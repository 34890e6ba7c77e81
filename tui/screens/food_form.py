"""Add a food of the school's own (one that is not in the 2007 table)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec

if TYPE_CHECKING:
    from mamnon.services.foods import FoodForm


class FoodFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    heading = "Thêm thực phẩm của trường"

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("name", "Tên thực phẩm", required=True),
            FieldSpec("group", "Nhóm", placeholder="Thực phẩm của trường"),
            "Trong 100 g phần ăn được",
            FieldSpec("energy_kcal", "Năng lượng kcal"),
            FieldSpec("protein_g", "Chất đạm (P) g"),
            FieldSpec("lipid_g", "Chất béo (L) g"),
            FieldSpec("glucid_g", "Chất bột (G) g"),
            FieldSpec("waste_pct", "Thải bỏ %"),
            FieldSpec("is_animal", "Nguồn gốc", "select", [("Thực vật", False), ("Động vật", True)],
                      allow_blank=False),
            FieldSpec("price_per_kg", "Giá (đ/kg)"),
            FieldSpec("supplier", "Nhà cung cấp"),
        ]

    def initial(self) -> dict[str, Any]:
        return {"waste_pct": "0", "is_animal": False}

    def to_form(self, v: dict[str, Any]) -> FoodForm:
        from mamnon.services.foods import FoodForm

        return FoodForm(name=v["name"], group=v["group"], energy_kcal=v["energy_kcal"], protein_g=v["protein_g"],
                        lipid_g=v["lipid_g"], glucid_g=v["glucid_g"], waste_pct=v["waste_pct"],
                        is_animal=bool(v["is_animal"]), price_per_kg=v["price_per_kg"], supplier=v["supplier"])

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        from mamnon.services import foods

        _, chk = foods.check_food(self.to_form(values))
        return dict(chk.errors), {}

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import foods

        return foods.create_food(self.to_form(values)).id
