"""Implausible measurement: list the reasons, save only when the nurse confirms."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static


class ConfirmMeasureDialog(ModalScreen[bool]):
    """Dismissed with True (save as confirmed) or False (go back and fix the numbers)."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("c", "answer(True)", "Xác nhận lưu"),
        Binding("escape", "answer(False)", "Quay lại sửa"),
    ]

    def __init__(self, child_name: str, typed: tuple, reasons: tuple[str, ...]) -> None:
        super().__init__()
        self.child_name = child_name
        self.typed = typed
        self.reasons = tuple(reasons)

    def compose(self) -> ComposeResult:
        weight, height, lying, day = self.typed
        values = ", ".join(v for v in (f"cân nặng {weight} kg" if weight else "",
                                       f"chiều cao {height} cm ({'nằm' if lying else 'đứng'})" if height else "")
                           if v)
        with Vertical(id="confirm-measure"):
            yield Label(f"Số đo của {self.child_name} có vẻ bất thường", id="cm-title", markup=False)
            yield Static(f"Đã nhập: {values}, ngày {day}.", id="cm-values", markup=False)
            yield Static("\n".join(f"• {r}" for r in self.reasons), id="cm-reasons", markup=False)
            yield Static("Hãy cân đo lại nếu có thể. Nếu số đo đúng, nhấn C để lưu "
                         "(số đo được ghi là đã xác nhận).", id="cm-note", markup=False)
            with Horizontal(id="cm-buttons"):
                yield Button("Xác nhận lưu (C)", id="yes", variant="warning", compact=True,
                             action="screen.answer(True)")
                yield Button("Quay lại sửa (Esc)", id="no", compact=True, action="screen.answer(False)")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Enter alone goes back to fixing: saving an odd value takes the deliberate C.
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
