"""Add a food of the school's own (one that is not in the 2007 table)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _

if TYPE_CHECKING:
    from mamnon.services.foods import FoodForm


class FoodFormScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    heading = _("Thêm thực phẩm của trường")

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("name", _("Tên thực phẩm"), required=True),
            FieldSpec("group", _("Nhóm"), placeholder=_("Thực phẩm của trường")),
            _("Trong 100 g phần ăn được"),
            FieldSpec("energy_kcal", _("Năng lượng kcal")),
            FieldSpec("protein_g", _("Chất đạm (P) g")),
            FieldSpec("lipid_g", _("Chất béo (L) g")),
            FieldSpec("glucid_g", _("Chất bột (G) g")),
            FieldSpec("waste_pct", _("Thải bỏ %")),
            FieldSpec("is_animal", _("Nguồn gốc"), "select", [(_("Thực vật"), False), (_("Động vật"), True)],
                      allow_blank=False),
            FieldSpec("price_per_kg", _("Giá (đ/kg)")),
            FieldSpec("supplier", _("Nhà cung cấp")),
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

        _result, chk = foods.check_food(self.to_form(values))
        return dict(chk.errors), {}

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import foods

        return foods.create_food(self.to_form(values)).id
