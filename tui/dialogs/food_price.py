"""Price per kg and supplier of one food: the only figures the school sets on the 2007 table."""

from __future__ import annotations

from typing import Any

from tui.dialogs.form_dialog import FormDialog
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _


class FoodPriceDialog(FormDialog):
    confirm_label = _("Lưu")

    def __init__(self, row: Any) -> None:
        super().__init__(_("Sửa giá: {name} ({code})").format(name=row.name, code=row.code),
                         _("Giá tính theo kg thực phẩm mua về (cả phần thải bỏ); để trống nếu chưa có giá."))
        self.row = row

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("price_per_kg", _("Giá (đ/kg)"), placeholder=_("ví dụ 120000")),
            FieldSpec("supplier", _("Nhà cung cấp")),
        ]

    def initial(self) -> dict[str, Any]:
        price = self.row.price_per_kg
        return {"price_per_kg": "" if price is None else str(price), "supplier": self.row.supplier}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services import foods

        return foods.set_price(self.row.id, values["price_per_kg"], values["supplier"]).id
