"""Implausible measurement: list the reasons, save only when the nurse confirms."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static
from mamnon.i18n import _


class ConfirmMeasureDialog(ModalScreen[bool]):
    """Dismissed with True (save as confirmed) or False (go back and fix the numbers)."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("c", "answer(True)", _("Xác nhận lưu")),
        Binding("escape", "answer(False)", _("Quay lại sửa")),
    ]

    def __init__(self, child_name: str, typed: tuple, reasons: tuple[str, ...]) -> None:
        super().__init__()
        self.child_name = child_name
        self.typed = typed
        self.reasons = tuple(reasons)

    def compose(self) -> ComposeResult:
        weight, height, lying, day = self.typed
        values = ", ".join(v for v in (_("cân nặng {weight} kg").format(weight=weight) if weight else "",
                                       _("chiều cao {height} cm ({position})").format(
                                           height=height, position=_("nằm") if lying else _("đứng")) if height else "")
                           if v)
        with Vertical(id="confirm-measure"):
            yield Label(_("Số đo của {child_name} có vẻ bất thường").format(
                child_name=self.child_name), id="cm-title", markup=False)
            yield Static(_("Đã nhập: {values}, ngày {day}.").format(
                values=values, day=day), id="cm-values", markup=False)
            yield Static("\n".join(f"• {r}" for r in self.reasons), id="cm-reasons", markup=False)
            yield Static(_("Hãy cân đo lại nếu có thể. Nếu số đo đúng, nhấn C để lưu "
                         "(số đo được ghi là đã xác nhận)."), id="cm-note", markup=False)
            with Horizontal(id="cm-buttons"):
                yield Button(_("Xác nhận lưu (C)"), id="yes", variant="warning", compact=True,
                             action="screen.answer(True)")
                yield Button(_("Quay lại sửa (Esc)"), id="no", compact=True, action="screen.answer(False)")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Enter alone goes back to fixing: saving an odd value takes the deliberate C.
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
