"""Yes/no question before an action that cannot be undone."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static
from mamnon.i18n import _


class ConfirmDialog(ModalScreen[bool]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        # The footer shows the first key of each: C(ó) and Esc, as on the buttons.
        Binding("c,y", "answer(True)", _("Có")),
        Binding("escape,k,n", "answer(False)", _("Không")),
    ]

    def __init__(self, question: str, note: str = "") -> None:
        super().__init__()
        self.question = question
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(self.question, id="confirm-question", markup=False)
            if self.note:
                yield Static(self.note, id="confirm-note", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(_("Có (C)"), id="yes", variant="error", compact=True, action="screen.answer(True)")
                yield Button(_("Không (Esc)"), id="no", compact=True, action="screen.answer(False)")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # The safe answer has the focus: Enter alone never deletes.
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
