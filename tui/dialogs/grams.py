"""Grams of one food per child in a dish, for nhà trẻ and mẫu giáo; checked by the dish service."""

from __future__ import annotations

from typing import Any

from tui.dialogs.form_dialog import FormDialog
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _

# Keys of the dish service's errors for a one-food dish -> this dialog's fields.
ERROR_FIELDS = {"ingredients.0.nha_tre": "grams_nha_tre", "ingredients.0.mau_giao": "grams_mau_giao",
                "ingredients.0": "grams_nha_tre"}


class GramsDialog(FormDialog):
    """Dismissed with (grams nhà trẻ, grams mẫu giáo) as typed, or None."""

    def __init__(self, food_id: int, food_name: str, nha_tre: str = "", mau_giao: str = "") -> None:
        super().__init__(_("Định lượng: {food_name}").format(food_name=food_name),
                         _("Gam phần ăn được cho một trẻ (lớn hơn 0, tối đa 500 g); "
                         "để trống cấp học không dùng thực phẩm này."))
        self.food_id = food_id
        self.start = {"grams_nha_tre": nha_tre, "grams_mau_giao": mau_giao}

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("grams_nha_tre", _("Nhà trẻ (g)")), FieldSpec("grams_mau_giao", _("Mẫu giáo (g)"))]

    def initial(self) -> dict[str, Any]:
        return dict(self.start)

    def confirm(self, values: dict[str, Any]) -> Any:
        # The rules (0 < g ≤ 500, at least one stage) are the service's: ask it
        # about a dish of just this food and keep the messages about the grams.
        from mamnon.errors import ValidationError
        from mamnon.services import menus

        form = menus.DishForm(name="-", ingredients=[
            menus.IngredientForm(self.food_id, values["grams_nha_tre"], values["grams_mau_giao"])])
        _errors, _warnings, chk = menus.check_dish(form)
        errors = {ERROR_FIELDS[k]: v for k, v in chk.errors.items() if k in ERROR_FIELDS}
        if errors:
            raise ValidationError(errors)
        return (values["grams_nha_tre"].strip(), values["grams_mau_giao"].strip())
