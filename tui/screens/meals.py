"""Meals home (bán trú): foods, dishes, menu days, and the norm set of the school year."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from mamnon.i18n import _
from tui.screens.menu_screen import MenuScreen, menu_bindings

ITEMS = (
    ("1", _("Thực phẩm"), "tui.screens.foods", "FoodsScreen"),
    ("2", _("Món ăn"), "tui.screens.dishes", "DishesScreen"),
    ("3", _("Thực đơn ngày"), "tui.screens.menu_day", "MenuDayScreen"),
    ("4", _("Mẫu thực đơn tuần / 4 tuần"), "tui.screens.plans", "PlansScreen"),
    ("5", _("Chốt sổ, đi chợ, tiền ăn tháng"), "tui.screens.meal_money", "MealMoneyScreen"),
    ("6", _("Kiểm thực ba bước, lưu mẫu"), "tui.screens.kitchen_log", "KitchenLogScreen"),
    ("7", _("Định mức dinh dưỡng"), "tui.screens.norms", "NormsScreen"),
    ("8", _("Hỗ trợ tiền ăn trưa (trẻ 3–5 tuổi)"), "tui.screens.lunch_support", "LunchSupportScreen"),
)


class MealsScreen(MenuScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        *menu_bindings(ITEMS),
        Binding("n", "switch_norm", _("Đổi định mức")),
        Binding("escape", "back", _("Quay lại")),
    ]
    items = ITEMS
    heading = _("Bán trú, thực đơn")

    def compose_intro(self) -> ComposeResult:
        yield Static(id="norm")

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_norm()

    def _year_and_codes(self):  # noqa: ANN202
        from mamnon.services import menus, school

        year = school.current_year()
        # One entry per set code, in the service's order (latest versions).
        names: dict[str, str] = {}
        for n in menus.list_norm_sets():
            names.setdefault(n.code, n.name)
        return year, menus.norm_code_for(year.start_date), names

    def refresh_norm(self) -> None:
        from textual.markup import escape

        from mamnon.errors import MamnonError

        try:
            year, code, names = self._year_and_codes()
        except MamnonError as exc:
            self.query_one("#norm", Static).update(escape(str(exc)))
            return
        self.query_one("#norm", Static).update(
            _("Năm học {name}: định mức dinh dưỡng đang dùng\n[b]{norm}[/b]  (n: đổi định mức)").format(
                name=escape(year.name), norm=escape(names.get(code, code))))

    def action_switch_norm(self) -> None:
        """Next norm set for the current year (there are only a few: a cycle is enough)."""
        from mamnon.errors import MamnonError
        from mamnon.services import menus

        try:
            year, code, names = self._year_and_codes()
            codes = list(names)
            new = codes[(codes.index(code) + 1) % len(codes)] if code in codes else codes[0]
            menus.choose_norm_set(new, year.id)
        except MamnonError as exc:
            self.notify(str(exc), title=_("Không đổi được"), severity="error")
            return
        self.refresh_norm()
        self.notify(_("Năm học {name} dùng định mức: {norm}.").format(name=year.name, norm=names[new]))
