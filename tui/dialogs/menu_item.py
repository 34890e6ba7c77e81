"""Add one dish to a meal of the menu day being edited (nothing is saved until the day is)."""

from __future__ import annotations

from typing import Any

from tui.dialogs.form_dialog import FormDialog
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _


class MenuItemDialog(FormDialog):
    """Dismissed with (meal code, dish id, dish name), or None."""

    confirm_label = _("Thêm")

    def __init__(self, stage_label: str, meal: str = "trua") -> None:
        super().__init__(_("Thêm món vào thực đơn"),
                         _("Chỉ các món có định lượng cho {stage} mới lưu được.").format(stage=stage_label.lower()))
        self.meal = meal

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services import menus

        self._dishes = {d.id: d.name for d in menus.list_dishes()}
        return [
            FieldSpec("meal", _("Bữa"), "select", [(_(label), code) for code, label in menus.MEAL_LABELS.items()],
                      allow_blank=False),
            FieldSpec("dish", _("Món"), "select", [(name, i) for i, name in self._dishes.items()],
                      required=True, placeholder=_("(chọn món)")),
        ]

    def initial(self) -> dict[str, Any]:
        return {"meal": self.meal}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.errors import ValidationError

        if values["dish"] is None:
            raise ValidationError({"dish": _("Chọn một món.")})
        return (values["meal"], values["dish"], self._dishes[values["dish"]])
