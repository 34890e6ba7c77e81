"""Add or edit a menu plan (mẫu thực đơn): name, weeks, Saturday, and the dishes of every day.

The plan's fields are on top. Below them one day of the plan is shown at a
time — week, weekday, stage — with its meals and dishes: PgUp/PgDn step
through the school days (across weeks), Ctrl+T switches the stage, the three
choices jump anywhere. Ctrl+N adds a dish to the day shown, Delete removes
one. Nothing is written before Ctrl+S: the service checks the whole plan and
saves it all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Select, Static

from mamnon.i18n import _
from tui.widgets.choice import Choice
from tui.widgets.field_row import FieldSpec
from tui.widgets.form_body import FormBody
from tui.widgets.record_table import Column, RecordTable

FIELDS = ("name", "weeks", "saturday", "note", "active")
MAX_WEEKS = 4
SHOWN_ERRORS = 4
"""Item errors listed under the table; the rest are counted."""


@dataclass(frozen=True)
class Line:
    """One dish of the plan being edited."""

    week: int
    weekday: int
    stage: str
    meal: str
    dish_id: int
    dish_name: str

    @property
    def slot(self) -> tuple[int, int, str]:
        return (self.week, self.weekday, self.stage)


def slot_text(week: int, weekday: int, stage: str) -> str:
    from mamnon.reference import STAGE_LABELS
    from mamnon.services.menu_plans import WEEKDAY_LABELS

    return _("{weekday} tuần {week}, {stage}").format(
        weekday=_(WEEKDAY_LABELS[weekday]), week=week, stage=_(STAGE_LABELS[stage]).lower())


def staple_dishes(row: Any) -> set[int]:
    """Dishes on every day of the plan for a stage (rice, milk): their repeats are by design."""
    days = row.weeks * (6 if row.saturday else 5)
    served: dict[tuple[str, int], set[tuple[int, int]]] = {}
    for i in row.items:
        served.setdefault((i.stage, i.dish_id), set()).add((i.week, i.weekday))
    return {dish_id for (_skip, dish_id), on in served.items() if len(on) >= days}


class PlanItemTable(RecordTable):
    BINDINGS = [
        Binding("delete", "screen.remove_item", _("Bỏ món")),
    ]


class PlanFormScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", _("Lưu")),
        Binding("ctrl+n", "add_item", _("Thêm món")),
        # Priority: the form and the table would otherwise take PgUp/PgDn to scroll, and
        # neither is ever long enough here to need it.
        Binding("pagedown", "next_day", _("Ngày"), key_display="PgUp/PgDn", priority=True),
        Binding("pageup", "prev_day", show=False, priority=True),
        Binding("ctrl+t", "toggle_stage", _("Đổi cấp")),
        Binding("escape", "cancel", _("Hủy")),
    ]

    def __init__(self, plan_id: int | None = None) -> None:
        """`plan_id` is the plan to edit, None for a new one."""
        from mamnon.services import menu_plans

        super().__init__()
        self.plan_id = plan_id
        self.row = menu_plans.get_plan(plan_id) if plan_id is not None else None
        self.lines: list[Line] = []
        if self.row is not None:
            self.lines = [Line(i.week, i.weekday, i.stage, i.meal, i.dish_id, i.dish_name) for i in self.row.items]
        # A plan opens on its first day with dishes, a new one on Monday of week 1.
        self.week, self.weekday, self.stage = self.lines[0].slot if self.lines else (1, 0, "mau_giao")
        self._choice_options: dict[str, list[tuple[str, int]]] = {}
        """The options the week and weekday choices have now, to rebuild them only when they change."""

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        from mamnon.reference import STAGE_LABELS

        yield Header(icon="")
        row = self.row
        initial = {"weeks": 1, "saturday": "no", "active": "yes"} if row is None else {
            "name": row.name, "weeks": row.weeks, "saturday": "yes" if row.saturday else "no",
            "note": row.note, "active": "yes" if row.active else "no"}
        yield FormBody([
            FieldSpec("name", _("Tên mẫu"), required=True, placeholder=_("ví dụ Thực đơn mùa đông")),
            FieldSpec("weeks", _("Số tuần xoay vòng"), "select", [(str(n), n) for n in range(1, MAX_WEEKS + 1)],
                      allow_blank=False),
            FieldSpec("saturday", _("Có Thứ Bảy"), "select", [(_("Không"), "no"), (_("Có"), "yes")], allow_blank=False),
            FieldSpec("note", _("Ghi chú")),
            FieldSpec("active", _("Đang dùng"), "select", [(_("Có"), "yes"), (_("Ngừng dùng"), "no")], allow_blank=False),
        ], initial, checker=self.check, id="form")
        with Horizontal(id="slot"):
            yield Label(_("Xem ngày:"), id="slot-label")
            self._choice_options = {"slot-week": self.week_options(), "slot-day": self.day_options()}
            yield Choice(self._choice_options["slot-week"], id="slot-week", compact=True, allow_blank=False,
                         value=self.week)
            yield Choice(self._choice_options["slot-day"], id="slot-day", compact=True, allow_blank=False,
                         value=self.weekday)
            yield Choice([(_(label), code) for code, label in STAGE_LABELS.items()], id="slot-stage", compact=True,
                         allow_blank=False, value=self.stage)
        yield Static(id="items-title", markup=False)
        yield PlanItemTable(id="items")
        yield Static("", id="items-error", markup=False)
        yield Footer(compact=True)

    @property
    def body(self) -> FormBody:
        return self.query_one(FormBody)

    @property
    def table(self) -> PlanItemTable:
        return self.query_one("#items", PlanItemTable)

    def on_mount(self) -> None:
        self.sub_title = _("Sửa mẫu thực đơn {name}").format(name=self.row.name) if self.row else _("Thêm mẫu thực đơn")
        self.table.set_columns((Column("meal", _("Bữa"), 10), Column("dish", _("Món ăn"), min_width=20)))
        self.refill()
        self.body.focus_first()

    # ------------------------------------------------------------ the day shown

    def weeks_shown(self) -> int:
        """The plan's weeks, or more while dishes remain in weeks it no longer has (so they can be removed)."""
        weeks = self.body.values().get("weeks") if self.is_mounted else None
        weeks = weeks or (self.row.weeks if self.row else 1)
        return max([weeks, *(line.week for line in self.lines)])

    def days_shown(self) -> int:
        saturday = (self.body.values().get("saturday") if self.is_mounted
                    else "yes" if self.row and self.row.saturday else "no")
        return 6 if saturday == "yes" or any(line.weekday == 5 for line in self.lines) else 5

    def week_options(self) -> list[tuple[str, int]]:
        return [(_("Tuần {n}").format(n=n), n) for n in range(1, self.weeks_shown() + 1)]

    def day_options(self) -> list[tuple[str, int]]:
        from mamnon.services.menu_plans import WEEKDAY_LABELS

        return [(_(WEEKDAY_LABELS[d]), d) for d in range(self.days_shown())]

    def sync_choices(self) -> None:
        """Keep the three choices on the day shown, with the weeks and days the plan has now."""
        self.week = min(self.week, self.weeks_shown())
        self.weekday = min(self.weekday, self.days_shown() - 1)
        for key, options, value in (("slot-week", self.week_options(), self.week),
                                    ("slot-day", self.day_options(), self.weekday),
                                    ("slot-stage", None, self.stage)):
            choice = self.query_one(f"#{key}", Choice)
            if options is not None and options != self._choice_options.get(key):
                self._choice_options[key] = options
                choice.set_options(options)
            choice.value = value

    def show_slot(self, week: int, weekday: int, stage: str) -> None:
        self.week, self.weekday, self.stage = week, weekday, stage
        self.sync_choices()
        self.refill()

    def step_day(self, step: int) -> None:
        days = self.days_shown()
        n = ((self.week - 1) * days + self.weekday + step) % (self.weeks_shown() * days)
        self.show_slot(n // days + 1, n % days, self.stage)

    def action_next_day(self) -> None:
        self.step_day(1)

    def action_prev_day(self) -> None:
        self.step_day(-1)

    def action_toggle_stage(self) -> None:
        self.show_slot(self.week, self.weekday, "nha_tre" if self.stage == "mau_giao" else "mau_giao")

    def on_select_changed(self, event: Select.Changed) -> None:
        key = event.select.id
        if key in ("weeks", "saturday"):
            self.sync_choices()
            self.refill()
        elif key in ("slot-week", "slot-day", "slot-stage") and event.value is not Select.NULL:
            # Read all three: set_options may have moved another one meanwhile.
            values = [self.query_one(f"#{k}", Choice).value for k in ("slot-week", "slot-day", "slot-stage")]
            if Select.NULL not in values and tuple(values) != (self.week, self.weekday, self.stage):
                self.week, self.weekday, self.stage = values
                self.refill()

    def refill(self, select: int | None = None) -> None:
        from mamnon.services.menus import MEAL_LABELS

        slot = (self.week, self.weekday, self.stage)
        rows = [(str(n), (_(MEAL_LABELS[line.meal]), line.dish_name)) for n, line in enumerate(self.lines)
                if line.slot == slot]
        self.table.set_rows(rows, select=None if select is None else str(select), fresh=True)
        self.query_one("#items-title", Static).update(
            _("{slot_text}: {n_rows} món (cả mẫu {n_lines}) — Ctrl+N thêm, Delete bỏ").format(
                slot_text=slot_text(*slot), n_rows=len(rows), n_lines=len(self.lines)))

    # ------------------------------------------------------------ dishes

    def action_add_item(self) -> None:
        from mamnon.reference import STAGE_LABELS
        from tui.dialogs.menu_item import MenuItemDialog

        slot = (self.week, self.weekday, self.stage)
        day = [line for line in self.lines if line.slot == slot]
        last_meal = day[-1].meal if day else "trua"

        def done(item: tuple[str, int, str] | None) -> None:
            if item is None:
                return
            meal, dish_id, name = item
            line = Line(*slot, meal, dish_id, name)
            if line in self.lines:
                self.notify(_("«{name}» đã có trong bữa này.").format(name=name), severity="warning")
                return
            self.lines.append(line)
            self.lines.sort(key=_line_order)  # stable: dishes of one meal keep the order they were added in
            self.refill(select=self.lines.index(line))
            self.query_one("#items-error", Static).update("")
            self.table.focus()

        self.app.push_screen(MenuItemDialog(_(STAGE_LABELS[self.stage]), last_meal), done)

    def action_remove_item(self) -> None:
        key = self.table.selected_key
        if key is None:
            return
        n = int(key)
        line = self.lines.pop(n)
        # The cursor stays on the day's next dish, or its last when the removed one was last.
        same_day = [i for i, other in enumerate(self.lines) if other.slot == line.slot]
        self.refill(select=n if n in same_day else (same_day[-1] if same_day else None))
        self.notify(_("Đã bỏ «{dish_name}» (chưa lưu).").format(dish_name=line.dish_name))

    # ------------------------------------------------------------ checking and saving

    def to_form(self, values: dict[str, Any], *, with_items: bool = True):  # noqa: ANN201
        from mamnon.services.menu_plans import PlanForm, PlanItemForm

        items = [PlanItemForm(line.week, line.weekday, line.stage, line.meal, line.dish_id)
                 for line in self.lines] if with_items else []
        return PlanForm(name=values.get("name") or "", weeks=values.get("weeks") or "",
                        saturday=values.get("saturday") == "yes", note=values.get("note") or "",
                        items=items, active=values.get("active") != "no")

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        # Live check of the fields only: the dishes are checked when saving.
        from mamnon.services import menu_plans

        _skip, _skip, chk = menu_plans.check_plan(self.to_form(values, with_items=False), plan_id=self.plan_id)
        return {k: v for k, v in chk.errors.items() if k in FIELDS}, {}

    def item_errors(self, errors: dict[str, str]) -> list[str]:
        """The errors about dishes, each naming its day, stage and meal."""
        from mamnon.services.menus import MEAL_LABELS

        out = []
        for key, message in errors.items():
            if key.startswith("items."):
                line = self.lines[int(key.split(".")[1])]
                out.append(f"{slot_text(*line.slot)}, {_(MEAL_LABELS[line.meal]).lower()}: {message}")
            elif key not in FIELDS:
                out.append(message)
        return out

    def show_item_errors(self, lines: list[str]) -> None:
        shown = lines[:SHOWN_ERRORS]
        if len(lines) > SHOWN_ERRORS:
            shown.append(_("… và {n_lines} lỗi khác.").format(n_lines=len(lines) - SHOWN_ERRORS))
        self.query_one("#items-error", Static).update("\n".join(shown))

    def action_save(self) -> None:
        from mamnon.errors import MamnonError, ValidationError
        from mamnon.services import menu_plans

        form = self.to_form(self.body.values())
        try:
            row = (menu_plans.update_plan(self.plan_id, form) if self.plan_id is not None
                   else menu_plans.create_plan(form))
        except ValidationError as exc:
            self.refuse(exc.errors)
            return
        except MamnonError as exc:
            self.notify(str(exc), title=_("Chưa lưu được"), severity="error")
            return
        self.notify(_("Đã lưu mẫu thực đơn «{name}».").format(name=row.name))
        self.warn_repeats(row)
        self.dismiss(row.id)

    def refuse(self, errors: dict[str, str]) -> None:
        items = self.item_errors(errors)
        self.show_item_errors(items)
        fields = {k: v for k, v in errors.items() if k in FIELDS}
        if len(items) == 1:
            fields["items"] = items[0]
        elif items:
            fields["items"] = _("{n_items} lỗi ở các món: xem dòng chữ đỏ dưới bảng.").format(n_items=len(items))
        wrong = next((self.lines[int(k.split(".")[1])] for k in errors if k.startswith("items.")), None)
        if wrong is not None:
            self.show_slot(*wrong.slot)  # go to the first wrong dish, as a form goes to its first wrong field
        self.body.reveal(fields)

    def warn_repeats(self, row: Any) -> None:
        from mamnon.services import menu_plans

        warnings = menu_plans.plan_repeat_warnings(row.id, ignore=staple_dishes(row))
        if not warnings:
            return
        lines = [w.message for w in warnings[:3]]
        if len(warnings) > 3:
            lines.append(_("… và {n_warnings} lần lặp khác.").format(n_warnings=len(warnings) - 3))
        self.notify("\n".join(lines), title=_("{n_warnings} lần lặp món trong vòng {weeks} tuần").format(
            n_warnings=len(warnings), weeks=menu_plans.DEFAULT_REPEAT_WEEKS),
                    severity="warning", timeout=20)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_cancel(self) -> None:
        self.dismiss(None)


def _line_order(line: Line) -> tuple:
    from mamnon.reference import STAGE_LABELS
    from mamnon.services.menus import MEAL_ORDER

    return (line.week, line.weekday, list(STAGE_LABELS).index(line.stage), MEAL_ORDER.get(line.meal, 9))
