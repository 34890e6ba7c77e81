"""Which class to enter in a whole-school round: each class with how many are measured."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option


class PickClassDialog(ModalScreen):
    """Dismissed with the chosen class id, or None."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("enter", "pick", "Chọn lớp", priority=True),
        Binding("escape", "cancel", "Hủy"),
    ]

    def __init__(self, round_row: Any, after: int | None = None) -> None:
        super().__init__()
        self.round_row = round_row
        self.after = after
        """The class entered last: the cursor starts on the next unfinished one."""

    def compose(self) -> ComposeResult:
        from mamnon.services import measurements

        # One query for the whole school, counted per class here.
        counts: dict[int, list] = {}
        for r in measurements.round_sheet(self.round_row.id):
            entry = counts.setdefault(r.class_id, [r.class_name, 0, 0])
            entry[1] += 1
            entry[2] += r.measured
        self.class_ids = list(counts)
        options = []
        for class_id, (name, enrolled, measured) in counts.items():
            done = "  ✓" if measured == enrolled else ""
            options.append(Option(f"{name:<24} đã đo {measured:>2}/{enrolled}{done}", id=str(class_id)))
        self._done = {cid: c[2] == c[1] for cid, c in counts.items()}
        with Vertical(id="pick"):
            yield Label(f"{self.round_row.name}: chọn lớp để nhập số đo", id="pick-title", markup=False)
            yield OptionList(*options, id="pick-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if not self.class_ids:
            return
        start = 0
        if self.after in self.class_ids:
            start = self.class_ids.index(self.after)
            # The next class not finished yet, else stay on the last one entered.
            for i in range(start + 1, len(self.class_ids)):
                if not self._done[self.class_ids[i]]:
                    start = i
                    break
        options.highlighted = start
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option_id))

    def action_pick(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(int(options.get_option_at_index(options.highlighted).id))

    def action_cancel(self) -> None:
        self.dismiss(None)
