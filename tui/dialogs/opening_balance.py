"""The meal fund's balance at the start of the month the accounts begin (số dư đầu kỳ)."""

from __future__ import annotations

from typing import Any

from tui.dialogs.form_dialog import FormDialog
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _


def parse_amount(text: str) -> int:
    """'-1.500.000 đ' -> -1500000; a deficit carried in is negative."""
    from mamnon.errors import ValidationError

    clean = text.strip().replace(".", "").replace(" ", "").removesuffix("đ").replace("−", "-")  # i18n-skip: the money sign typed
    body = clean.removeprefix("-")
    if not body.isdigit():
        raise ValidationError({"opening_balance": _("Số dư đầu kỳ phải là số đồng nguyên, ví dụ 1500000 "
                                                  "(số âm nếu đang thiếu).")})
    return int(clean)


def existing_note(year: int, month: int) -> str:
    """What setting this month would replace, so moving the start of the books is never a surprise."""
    from mamnon.formats import format_money
    from mamnon.services import meal_money

    current = meal_money.opening_balance()
    if current is None:
        return _("Chỉ nhập cho tháng đầu tiên của sổ; các tháng sau tự chuyển số dư từ tháng trước.")
    oy, om, amount = current
    note = _("Sổ đang bắt đầu từ tháng {month:02d}/{year} với số dư {money}.").format(
        month=om, year=oy, money=format_money(amount))
    if (oy, om) != (year, month):
        note += (_(" Lưu ở đây sẽ dời tháng bắt đầu sổ sang {month:02d}/{year}: số dư các tháng "
                    "trước không còn được tính.").format(month=month, year=year))
    return note


class OpeningBalanceDialog(FormDialog):
    """Dismissed with (year, month, amount) once saved, or None."""

    confirm_label = _("Lưu")

    def __init__(self, year: int, month: int) -> None:
        super().__init__(_("Số dư đầu kỳ tiền ăn — tháng {month:02d}/{year}").format(
            month=month, year=year), existing_note(year, month))
        self.year, self.month = year, month

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("opening_balance", _("Số dư đầu kỳ (đ)"), placeholder=_("ví dụ 1500000; âm nếu thiếu"))]

    def initial(self) -> dict[str, Any]:
        from mamnon.services import meal_money

        current = meal_money.opening_balance()
        if current is not None and current[:2] == (self.year, self.month):
            return {"opening_balance": str(current[2])}
        return {}

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services import meal_money

        amount = parse_amount(values.get("opening_balance") or "")
        meal_money.set_opening_balance(self.year, self.month, amount)
        return (self.year, self.month, amount)
