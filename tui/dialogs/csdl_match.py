"""Which child (or staff member) a CSDL ngành row is, when several could be: pick one, or "a new child"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option
from mamnon.i18n import _

NEW_OPTION = "MOI"


class CsdlMatchDialog(ModalScreen):
    """Dismissed with the chosen record's code, NEW_OPTION for a new record, or None (decide later)."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("enter", "pick", _("Chọn"), priority=True),
        Binding("escape", "cancel", _("Để sau")),
    ]

    def __init__(self, entry: Any) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        e = self.entry
        with Vertical(id="match"):
            yield Label(_("Dòng {row}: {full_name} — {note}. Là ai?").format(
                row=e.row, full_name=e.full_name, note=e.note), id="match-title", markup=False)
            options = [Option(c.text(), id=c.code) for c in e.candidates]
            options.append(Option(_("Trẻ mới (không phải ai ở trên)"), id=NEW_OPTION))
            yield OptionList(*options, id="match-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_pick(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
