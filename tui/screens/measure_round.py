"""Entering one class's weights and heights in a round, child after child, without the mouse.

The grid shows every child of the class on the round date; the cursor row
is the child being entered, and the bar under the grid holds its weight,
height, lying/standing and measuring day. Typing there re-checks the entry
at once (z-scores and category appear in the grid as soon as the numbers are
in) but saves nothing; Enter saves and goes down to the next child. The
focus never leaves the three inputs, so the nurse's hands stay on the
numbers: letters are not typed into them but act as the screen's keys.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from mamnon.i18n import _
from tui.widgets.growth_text import LEVEL_STYLES, detail_word, number, styled, summary, z_text
from tui.widgets.record_table import Column, RecordTable, fit

COLUMNS = (
    Column("name", _("  Họ và tên"), 20),
    Column("age", _("Tháng"), 5),
    Column("weight", _("CN kg"), 5),
    Column("height", _("CC cm"), 5),
    Column("posture", _("Đo"), 4),
    Column("wfa", _(" CN/T"), 5),
    Column("hfa", _(" CC/T"), 5),
    Column("wasting", _("CN/CC"), 5),
    Column("verdict", _("Phân loại"), min_width=10),
)
FIELDS = ("weight", "height", "measured_on")


class NumberInput(Input):
    """An Input for a number or a date: other letters are not typed but reach the screen's keys."""

    def __init__(self, *, allowed: str, **kwargs: Any) -> None:
        super().__init__(compact=True, **kwargs)
        self.allowed = allowed

    def typable(self, character: str | None) -> bool:
        return bool(character) and (character.isdigit() or character in self.allowed)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Textual drops the screen's bindings of every key an Input would type; only these are typed.
        return self.typable(character)

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and not self.typable(event.character):
            # Input's own handler (next in the MRO) would type it; not stopped, the key
            # bubbles up to the screen's bindings (n, x, g, c).
            event.prevent_default()


class SheetTable(RecordTable):
    """The round's grid: it shows the cursor but never takes the focus from the inputs."""

    can_focus = False

    class Picked(Message):
        """A child clicked with the mouse; the screen moves there the way the arrow keys do."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def set_row_cells(self, key: str, cells: list) -> None:
        """Redraw one row (after a keystroke or a save) without refilling the table."""
        for i, (k, _skip) in enumerate(self._rows):
            if k == key:
                self._rows[i] = (k, cells)  # what a re-layout (resize) draws again
                break
        for column, cell, width in zip(self._columns, cells, self._widths):
            self.update_cell(key, column.key, fit(cell, width))

    async def _on_click(self, event: events.Click) -> None:
        # Not DataTable's click, which would move the cursor behind the screen's back.
        row = event.style.meta.get("row")
        if isinstance(row, int) and row >= 0:
            self.post_message(self.Picked(row))


@dataclass(frozen=True)
class Shown:
    """What the grid and the detail line show for a child: saved, or being typed."""

    weight: float | None
    height: float | None
    lying: bool | None
    wfa: float | None
    hfa: float | None
    wasting: float | None
    categories: tuple  # Category | None for wfa, hfa, wasting
    flags: frozenset
    bmi: bool
    """The wasting column is BMI-for-age (after 60 months)."""

    @classmethod
    def saved(cls, row: Any) -> Shown | None:
        from mamnon.growth import CATEGORIES, LAST_DAY_2006

        m = row.measurement
        if m is None:
            return None
        bmi = (m.measured_on - row.birth_date).days > LAST_DAY_2006
        cats = (CATEGORIES.get(("wfa", m.wfa_code)), CATEGORIES.get(("hfa", m.hfa_code)),
                CATEGORIES.get(("wfh", m.wasting_code)))
        return cls(m.weight_kg, m.height_cm, m.lying, m.wfa, m.hfa, m.bfa if bmi else m.wfh, cats, m.flags, bmi)

    @classmethod
    def checked(cls, check: Any) -> Shown:
        from mamnon.growth import LAST_DAY_2006

        z, c = check.zscores, check.classification
        if z is None:
            return cls(check.weight_kg, check.height_cm, check.lying, None, None, None, (None, None, None),
                       frozenset(), False)
        bmi = z.age_days > LAST_DAY_2006
        return cls(check.weight_kg, check.height_cm, check.lying, z.wfa, z.hfa, z.bfa if bmi else z.wfh,
                   (c.wfa, c.hfa, c.wasting), z.flags, bmi)


def right(text: str, level: str = "", width: int = 5) -> Text:
    """A number cell, right-aligned in its column so the decimal commas line up.

    Padded rather than justified: a justified cell would also fill the blank
    cell that separates it from the next column.
    """
    return styled(text.rjust(width), level)


def posture(lying: bool | None) -> str:
    return "" if lying is None else (_("Nằm") if lying else _("Đứng"))


class MeasureRoundScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    # Own bindings only, in footer order (inherited ones would come first).
    inherit_bindings = False
    BINDINGS = [
        # Priority: the inputs' own Enter would submit instead.
        Binding("enter", "commit", _("Lưu"), priority=True),
        Binding("tab", "next_field(1)", _("Ô sau")),
        Binding("shift+tab", "next_field(-1)", _("Ô trước"), show=False),
        Binding("n", "toggle_posture", _("Nằm/Đứng")),
        Binding("x", "clear", _("Xóa số đo")),
        Binding("g", "chart", _("Biểu đồ")),
        Binding("c", "next_missing", _("Chưa đo")),
        Binding("escape", "back", _("Quay lại")),
        Binding("down", "move(1)", _("Trẻ sau"), show=False),
        Binding("up", "move(-1)", _("Trẻ trước"), show=False),
        Binding("pagedown", "move(10)", _("10 trẻ sau"), show=False),
        Binding("pageup", "move(-10)", _("10 trẻ trước"), show=False),
    ]

    def __init__(self, round_id: int, class_id: int | None = None) -> None:
        super().__init__()
        self.round_id = round_id
        self.class_id = class_id
        self.rows: list[Any] = []
        self.index = 0
        self.lying: bool | None = None
        """Lying or standing for the child being entered (the age's default until n is pressed)."""
        self.check: Any = None
        """The last check_entry of what is typed (None when nothing is typed)."""
        self.new_date = ""
        """The day put in for a child not yet measured: the round date, or the day typed last."""
        self.expected: dict[str, str] = {}
        """Values go_to put in the inputs, whose Changed messages are not the user typing."""

    # ------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="round-info")
        yield SheetTable(id="sheet")
        with Horizontal(id="entry"):
            yield Label(_("Cân nặng "))
            yield NumberInput(id="weight", allowed=".,")
            yield Label(_(" kg   Chiều cao "))
            yield NumberInput(id="height", allowed=".,")
            yield Label(" cm   ")
            yield Static(id="posture")
            yield Label(_("  Ngày đo "))
            yield NumberInput(id="measured_on", allowed="/.-", placeholder="dd/mm/yyyy")
        yield Static(id="who")
        yield Static(id="result")
        yield Static(id="message")
        yield Footer(compact=True)

    @property
    def table(self) -> SheetTable:
        return self.query_one("#sheet", SheetTable)

    def field(self, name: str) -> Input:
        return self.query_one(f"#{name}", Input)

    def on_mount(self) -> None:
        from mamnon.formats import format_date
        from mamnon.services import measurements

        self.round = measurements.get_round(self.round_id)
        self.new_date = format_date(self.round.date)
        self.rows = measurements.round_sheet(self.round_id, self.class_id)
        self.class_name = self.rows[0].class_name if self.rows else self.round.shown_scope
        self.sub_title = _("Nhập số đo – {class_name}").format(class_name=self.class_name)
        self.table.set_columns(COLUMNS)
        self.table.set_rows([(str(r.child_id), self.cells(r)) for r in self.rows])
        first = next((i for i, r in enumerate(self.rows) if not r.measured), 0)
        self.show_status()
        if self.rows:
            self.go_to(first)
        else:
            self.query_one("#who", Static).update(_("Lớp không có trẻ nào vào ngày của đợt."))

    # ------------------------------------------------------------ what is shown

    @property
    def current(self) -> Any | None:
        return self.rows[self.index] if self.rows else None

    def cells(self, row: Any, shown: Shown | None = None, draft: bool = False) -> list:
        if shown is None and not draft:
            shown = Shown.saved(row)
        mark = "*" if draft else ("!" if row.measurement and row.measurement.confirmed else
                                  "✓" if row.measurement else " ")
        name = Text(f"{mark} {row.full_name}")
        if draft:
            name.stylize("italic")
        age = right(str(row.age_months))
        if shown is None:
            return [name, age, "", "", "", "", "", "", ""]
        z_cells = [right(z_text(z), cat.level if cat is not None else "")
                   for z, cat in zip((shown.wfa, shown.hfa, shown.wasting), shown.categories)]
        return [name, age, right(number(shown.weight)), right(number(shown.height)),
                posture(shown.lying if shown.height is not None else None), *z_cells,
                summary(shown.categories, bool(shown.flags))]

    def show_status(self) -> None:
        from mamnon.formats import format_date

        from tui.screens.health import short_name

        done = sum(1 for r in self.rows if r.measured)
        # The count first: a long class name may cut the end of the line, never the count.
        self.query_one("#round-info", Static).update(
            _("Đã đo [b]{done} / {n_rows}[/b] trẻ · [b]{round}[/b] · {class_name} · {date}").format(
                done=done, n_rows=len(self.rows), round=_escape(short_name(self.round)),
                class_name=_escape(self.class_name), date=format_date(self.round.date)))

    def show_detail(self, shown: Shown | None) -> None:
        """The child's identity and state, and the z-scores in words."""
        from mamnon.reference import SEXES

        row = self.current
        if row is None:
            return
        if self.dirty():
            state = _("[i]đang nhập: Enter để lưu, Esc để bỏ[/i]")
        elif row.measurement is not None:
            state = _("đã lưu") + (_(" (số đo bất thường đã xác nhận)") if row.measurement.confirmed else "")
        else:
            state = _("chưa đo")
        self.query_one("#who", Static).update(
            _("[b]{name}[/b] · {sex} · {age_months} tháng · {state}").format(
                name=_escape(row.full_name), sex=_(SEXES[row.sex]) if row.sex in SEXES else '', age_months=row.age_months, state=state))
        result = Text()
        if shown is not None:
            parts = ((_("CN/T"), shown.wfa, shown.categories[0], "wfa"),
                     (_("CC/T"), shown.hfa, shown.categories[1], "hfa"),
                     (_("BMI/T") if shown.bmi else _("CN/CC"), shown.wasting, shown.categories[2],
                      "bfa" if shown.bmi else "wfh"))
            for title, z, cat, ind in parts:
                if z is None:
                    continue
                if result:
                    result.append(" · ")
                word = detail_word(cat, ind in shown.flags)
                result.append(f"{title} {z_text(z)} {word}",
                              style=LEVEL_STYLES.get(cat.level if cat else "moderate", ""))
        self.query_one("#result", Static).update(result)

    def show_message(self, text: str = "", kind: str = "") -> None:
        message = self.query_one("#message", Static)
        message.update(Text(text))
        message.set_class(kind == "error", "-error")
        message.set_class(kind == "warning", "-warning")

    def show_posture(self) -> None:
        row = self.current
        widget = self.query_one("#posture", Static)
        widget.update(posture(self.lying))
        # Yellow when it is not the usual way for the age (lying under 24 months).
        widget.set_class(row is not None and self.lying != row.default_lying, "-unusual")

    # ------------------------------------------------------------ the row being entered

    def saved_values(self, row: Any) -> tuple[str, str, bool, str]:
        from mamnon.formats import format_date

        m = row.measurement
        if m is None:
            return "", "", row.default_lying, self.new_date
        lying = m.lying if m.lying is not None else row.default_lying
        return number(m.weight_kg), number(m.height_cm), lying, format_date(m.measured_on)

    def typed(self) -> tuple[str, str, bool, str]:
        return (self.field("weight").value.strip(), self.field("height").value.strip(), bool(self.lying),
                self.field("measured_on").value.strip())

    def dirty(self) -> bool:
        """Something typed differs from what is saved for the current child."""
        from mamnon.services.measurements import parse_measure

        row = self.current
        if row is None:
            return False
        weight, height, lying, day = self.typed()
        if row.measurement is None:
            return bool(weight or height)
        saved = self.saved_values(row)

        def same_number(a: str, b: str, unit: str) -> bool:
            pa, pb = parse_measure(a, what="", unit=unit), parse_measure(b, what="", unit=unit)
            return a == b or (not pa[1] and not pb[1] and pa[0] == pb[0])

        return not (same_number(weight, saved[0], "kg") and same_number(height, saved[1], "cm")
                    and (lying == saved[2] or not height) and day == saved[3])

    def go_to(self, index: int) -> None:
        """Put the cursor on a child and its saved values (or blanks) in the inputs."""
        self.index = max(0, min(index, len(self.rows) - 1))
        row = self.current
        weight, height, self.lying, day = self.saved_values(row)
        for name, value in zip(FIELDS, (weight, height, day)):
            field = self.field(name)
            if field.value != value:
                self.expected[name] = value
                field.value = value
        self.check = None
        # The inputs' Changed echoes are skipped (expected), so the row's draft cells are replaced here.
        self.table.set_row_cells(str(row.child_id), self.cells(row))
        self.table.move_cursor(row=self.index)
        self.show_posture()
        self.show_detail(Shown.saved(row))
        self.show_message()
        self.focus_field("weight")

    def focus_field(self, name: str) -> None:
        field = self.field(name)
        field.focus()
        field.select_all()  # typing replaces the old value

    def refresh_entry(self) -> None:
        """Re-check what is typed and show it in the grid (nothing is saved)."""
        from mamnon.services import measurements

        row = self.current
        if row is None:
            return
        key = str(row.child_id)
        weight, height, lying, day = self.typed()
        if not self.dirty() or not (weight or height):
            self.check = None
            self.table.set_row_cells(key, self.cells(row))
            self.show_detail(Shown.saved(row))
            self.show_message()
            return
        self.check = measurements.check_entry(row.child_id, self.round_id, weight, height, lying, day or None)
        shown = Shown.checked(self.check)
        self.table.set_row_cells(key, self.cells(row, shown, draft=True))
        self.show_detail(shown)
        if self.check.errors:
            self.show_message(" ".join(self.check.errors.values()), "error")
        elif self.check.reasons:
            self.show_message(_("Sẽ cần xác nhận khi lưu: {reasons}").format(
                reasons=" ".join(self.check.reasons)), "warning")
        else:
            self.show_message(" ".join(self.check.notes))

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.expected.get(event.input.id) == event.value:
            # The echo of go_to filling the inputs: keep the message it showed.
            del self.expected[event.input.id]
            return
        if self.rows:
            self.refresh_entry()

    def on_sheet_table_picked(self, event: SheetTable.Picked) -> None:
        if self.rows and event.index != self.index:
            self.leave_row(event.index - self.index)

    # ------------------------------------------------------------ saving

    def action_commit(self) -> None:
        row = self.current
        if row is None:
            return
        focused = self.focused.id if self.focused is not None else "weight"
        weight, height, _skip, _skip = self.typed()
        if focused == "weight" and weight and not height and (row.measurement is None
                                                              or row.measurement.height_cm is None):
            # Enter after the weight goes on to the height, as on the paper sheet; a second Enter
            # on an empty height saves the weight alone.
            self.focus_field("height")
            self.show_message(_("Gõ chiều cao rồi Enter (để trống rồi Enter: chỉ lưu cân nặng)."))
            return
        self.leave_row(1)

    def action_move(self, step: int) -> None:
        self.leave_row(step)

    def leave_row(self, step: int) -> None:
        """Save what is typed (asking when implausible) and go `step` children down; stay on an error."""
        from mamnon.services import measurements

        row = self.current
        if row is None:
            return
        weight, height, lying, day = self.typed()
        if not self.dirty():
            self.go_on(self.index, step)
            return
        if not weight and not height:
            self.show_message(_("{full_name}: để xóa số đo đã lưu, nhấn x; Esc để lấy lại số cũ.").format(
                full_name=row.full_name), "error")
            self.app.bell()
            return
        check = measurements.check_entry(row.child_id, self.round_id, weight, height, lying, day or None)
        if check.errors:
            self.show_error(row, check.errors)
            return
        if check.reasons:
            self.ask_confirmation(row, check.reasons, step)
            return
        self.save(row, step, confirm=False)

    def show_error(self, row: Any, errors: dict[str, str]) -> None:
        self.show_message(_("{full_name}: {errors} Chưa lưu.").format(
            full_name=row.full_name, errors=" ".join(errors.values())), "error")
        self.app.bell()
        where = {"weight_kg": "weight", "height_cm": "height", "measured_on": "measured_on"}
        for key in errors:
            if key in where:
                self.focus_field(where[key])
                break

    def ask_confirmation(self, row: Any, reasons: tuple[str, ...], step: int) -> None:
        from tui.dialogs.confirm_measure import ConfirmMeasureDialog

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.save(row, step, confirm=True)
            else:
                self.show_message(_("{full_name}: chưa lưu. Sửa số đo rồi Enter.").format(
                    full_name=row.full_name), "warning")
                self.focus_field("weight")

        self.app.push_screen(ConfirmMeasureDialog(row.full_name, self.typed(), reasons), done)

    def save(self, row: Any, step: int, *, confirm: bool) -> None:
        from mamnon.errors import ConcurrentEdit, MamnonError, ValidationError
        from mamnon.formats import format_date
        from mamnon.services import measurements

        weight, height, lying, day = self.typed()
        try:
            saved = measurements.save_entry(row.child_id, self.round_id, weight, height, lying, day or None,
                                            confirm=confirm, row_version=opened_version(row))
        except measurements.NeedsConfirmation as exc:  # the values changed meanwhile
            self.ask_confirmation(row, exc.reasons, step)
            return
        except ValidationError as exc:
            self.show_error(row, exc.errors)
            return
        except ConcurrentEdit:
            self.someone_else_saved(row)
            return
        except MamnonError as exc:
            self.show_message(f"{row.full_name}: {exc}", "error")
            return
        index = self.rows.index(row)
        self.rows[index] = replace(row, measurement=saved)
        if row.measurement is None:
            # A later day typed for an absent child is offered for the next ones entered.
            self.new_date = format_date(saved.measured_on)
        self.table.set_row_cells(str(row.child_id), self.cells(self.rows[index]))
        self.show_status()
        self.go_on(index, step)

    def go_on(self, index: int, step: int) -> None:
        """Go `step` children on from `index`; at either end, stay and say how many are left."""
        target = max(0, min(index + step, len(self.rows) - 1))
        self.go_to(target)
        if target == index:
            self.at_end(step)

    def at_end(self, step: int) -> None:
        missing = sum(1 for r in self.rows if not r.measured)
        where = _("đầu") if step < 0 else _("cuối")
        more = _(" Còn {missing} trẻ chưa đo (phím c để tới).").format(
            missing=missing) if missing else _(" Cả lớp đã đo xong.")
        self.show_message(_("Đã tới trẻ {where} danh sách.{more}").format(where=where, more=more))

    # ------------------------------------------------------------ other keys

    def action_next_field(self, step: int) -> None:
        current = self.focused.id if self.focused is not None and self.focused.id in FIELDS else "weight"
        self.focus_field(FIELDS[(FIELDS.index(current) + step) % len(FIELDS)])

    def action_toggle_posture(self) -> None:
        if self.current is None:
            return
        self.lying = not self.lying
        self.show_posture()
        self.refresh_entry()

    def action_next_missing(self) -> None:
        n = len(self.rows)
        for k in range(1, n + 1):
            i = (self.index + k) % n
            if not self.rows[i].measured and i != self.index:
                self.leave_row(i - self.index)
                return
        if n and not self.rows[self.index].measured:
            self.show_message(_("Chỉ còn {full_name} chưa đo.").format(full_name=self.rows[self.index].full_name))
        else:
            self.show_message(_("Cả lớp đã đo xong.") if n else "")

    def action_clear(self) -> None:
        from mamnon.formats import format_date
        from tui.dialogs.confirm import ConfirmDialog

        row = self.current
        if row is None:
            return
        m = row.measurement
        if m is None:
            self.show_message(_("{full_name} chưa có số đo trong đợt này.").format(full_name=row.full_name))
            return
        values = ", ".join(v for v in (f"{number(m.weight_kg)} kg" if m.weight_kg is not None else "",
                                       f"{number(m.height_cm)} cm" if m.height_cm is not None else "") if v)

        def done(yes: bool | None) -> None:
            if yes:
                self.clear(row)
            else:
                self.focus_field("weight")

        self.app.push_screen(ConfirmDialog(_("Xóa số đo của {full_name}?").format(full_name=row.full_name),
                                           _("{values}, đo ngày {measured_on}. Trẻ sẽ thành «chưa đo» trong đợt này.").format(
                                               values=values, measured_on=format_date(m.measured_on))), done)

    def someone_else_saved(self, row: Any) -> None:
        """Show what is stored now in the row, keep what was typed; the next Enter saves it over theirs."""
        from mamnon.services import measurements

        index = self.rows.index(row)
        self.rows[index] = replace(row, measurement=measurements.get_entry(self.round_id, row.child_id))
        self.show_status()
        self.refresh_entry()
        # Shorter than the ConcurrentEdit text: the message line has two rows at 80×24.
        self.show_message(_("{full_name}: người khác vừa lưu số đo của trẻ này; chưa lưu gì. Esc: xem số của họ; "
                            "Enter: lưu số bạn gõ thay số của họ.").format(full_name=row.full_name), "error")
        self.app.bell()
        self.focus_field("weight")

    def clear(self, row: Any) -> None:
        from mamnon.errors import ConcurrentEdit
        from mamnon.services import measurements

        try:
            measurements.clear_entry(self.round_id, row.child_id, row_version=opened_version(row))
        except ConcurrentEdit:
            index = self.rows.index(row)
            self.rows[index] = replace(row, measurement=measurements.get_entry(self.round_id, row.child_id))
            self.table.set_row_cells(str(row.child_id), self.cells(self.rows[index]))
            self.go_to(index)
            self.show_message(_("{full_name}: người khác vừa lưu số đo của trẻ này nên chưa xóa; "
                                "đang hiện số của họ.").format(full_name=row.full_name), "error")
            return
        index = self.rows.index(row)
        self.rows[index] = replace(row, measurement=None)
        self.table.set_row_cells(str(row.child_id), self.cells(self.rows[index]))
        self.show_status()
        self.go_to(index)
        self.show_message(_("Đã xóa số đo của {full_name}.").format(full_name=row.full_name))

    def action_chart(self) -> None:
        from tui.screens.growth_chart import GrowthChartScreen

        if self.current is not None:
            ids = [r.child_id for r in self.rows]
            self.app.push_screen(GrowthChartScreen(ids, self.index))

    def action_back(self) -> None:
        if self.dirty():
            # The first Esc drops what was typed for this child; the next one leaves.
            row = self.current
            self.go_to(self.index)
            self.show_message(_("Đã bỏ số vừa gõ cho {full_name}. Esc lần nữa để quay lại.").format(
                full_name=row.full_name))
            return
        self.dismiss()


def opened_version(row: Any) -> int:
    """The version of the child's entry the grid shows (0: none): a save or clear is refused if it changed."""
    return row.measurement.row_version if row.measurement is not None else 0


def _escape(text: str) -> str:
    from textual.markup import escape

    return escape(text)
