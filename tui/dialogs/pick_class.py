"""Choosing a class from a list with one line of figures each (measuring rounds, attendance)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option
from mamnon.i18n import _


class ClassListDialog(ModalScreen):
    """Each class on one line; dismissed with the chosen class id, or None.

    Subclasses give the heading and the lines — (class id, text) — and may choose
    where the cursor starts (`start_index`); by default on `current`.
    """

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("enter", "pick", _("Chọn lớp"), priority=True),
        Binding("escape", "cancel", _("Hủy")),
    ]

    def __init__(self, current: int | None = None) -> None:
        super().__init__()
        self.current = current
        self.class_ids: list[int] = []

    def heading(self) -> str:
        raise NotImplementedError

    def lines(self) -> Sequence[tuple[int, str]]:
        raise NotImplementedError

    def start_index(self) -> int:
        return self.class_ids.index(self.current) if self.current in self.class_ids else 0

    def compose(self) -> ComposeResult:
        lines = list(self.lines())
        self.class_ids = [class_id for class_id, _label in lines]
        with Vertical(id="pick"):
            yield Label(self.heading(), id="pick-title", markup=False)
            yield OptionList(*(Option(text, id=str(class_id)) for class_id, text in lines), id="pick-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.class_ids:
            options.highlighted = self.start_index()
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option_id))

    def action_pick(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(int(options.get_option_at_index(options.highlighted).id))

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickClassDialog(ClassListDialog):
    """Which class to enter in a whole-school round: each class with how many are measured."""

    def __init__(self, round_row: Any, after: int | None = None) -> None:
        super().__init__(current=after)
        self.round_row = round_row
        self._done: dict[int, bool] = {}

    def heading(self) -> str:
        return _("{name}: chọn lớp để nhập số đo").format(name=self.round_row.name)

    def lines(self) -> list[tuple[int, str]]:
        from mamnon.services import measurements

        # One query for the whole school, counted per class here.
        counts: dict[int, list] = {}
        for r in measurements.round_sheet(self.round_row.id):
            entry = counts.setdefault(r.class_id, [r.class_name, 0, 0])
            entry[1] += 1
            entry[2] += r.measured
        self._done = {cid: c[2] == c[1] for cid, c in counts.items()}
        return [(class_id, _("{name:<24} đã đo {measured:>2}/{enrolled}{done}").format(
            name=name, measured=measured, enrolled=enrolled, done='  ✓' if measured == enrolled else ''))
                for class_id, (name, enrolled, measured) in counts.items()]

    def start_index(self) -> int:
        """After the class entered last (`current`): the next one not finished, else stay on it."""
        if self.current not in self.class_ids:
            return 0
        start = self.class_ids.index(self.current)
        for i in range(start + 1, len(self.class_ids)):
            if not self._done[self.class_ids[i]]:
                return i
        return start
