"""Base of small modal forms (move, leave): a few fields, Ctrl+S/Enter confirms, Esc cancels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from tui.widgets.field_row import FieldSpec
from tui.widgets.form_body import FormBody
from mamnon.i18n import _


def date_value(values: dict[str, Any], key: str) -> dt.date:
    """The date typed in field `key`, or a ValidationError for that field."""
    from mamnon.errors import ValidationError
    from mamnon.formats import parse_date

    text = (values.get(key) or "").strip()
    if not text:
        raise ValidationError({key: _("Cần nhập ngày (dd/mm/yyyy).")})
    try:
        return parse_date(text)
    except ValueError as exc:
        raise ValidationError({key: str(exc)}) from None


def today_text() -> str:
    from mamnon.formats import format_date

    return format_date(dt.date.today())


class FormDialog(ModalScreen):
    """Subclasses set `title` and `note`, give `items()`, `initial()` and `confirm(values)`.

    `confirm` does the change through a service and returns the id of the
    record, which the dialog is dismissed with (None when cancelled).
    """

    CSS_PATH = [Path(__file__).with_suffix(".tcss")]
    BINDINGS = [
        Binding("ctrl+s", "confirm", _("Đồng ý")),
        Binding("escape", "cancel", _("Hủy")),
    ]
    confirm_label = _("Đồng ý")

    def __init__(self, title: str, note: str = "") -> None:
        super().__init__()
        self.dialog_title = title
        self.note = note

    def items(self) -> list[FieldSpec | str]:
        raise NotImplementedError

    def initial(self) -> dict[str, Any]:
        return {}

    def confirm(self, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.dialog_title, id="dialog-title", markup=False)
            if self.note:
                yield Static(self.note, id="dialog-note", markup=False)
            yield FormBody(self.items(), self.initial(), id="dialog-form")
            with Horizontal(id="dialog-buttons"):
                yield Button(f"{self.confirm_label} (Ctrl+S)", id="confirm", variant="primary", compact=True,
                             action="screen.confirm")
                yield Button(_("Hủy (Esc)"), id="cancel", compact=True, action="screen.cancel")
        yield Footer(compact=True)

    @property
    def body(self) -> FormBody:
        return self.query_one(FormBody)

    def on_mount(self) -> None:
        self.body.focus_first()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()

    def action_confirm(self) -> None:
        result = self.body.run_save(self.confirm)
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
