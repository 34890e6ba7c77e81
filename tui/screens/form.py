"""Base of full-screen forms: fields with live checking, Ctrl+S saves, Esc cancels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input

from tui.widgets.field_row import FieldSpec
from tui.widgets.form_body import FormBody
from mamnon.i18n import _


class FormScreen(Screen):
    """Subclasses give `heading`, `items()`, `initial()`, optionally `check()`, and `save()`.

    The screen is dismissed with whatever `save` returns (usually the id of the
    saved record) or with None when cancelled.
    """

    CSS_PATH = [Path(__file__).with_suffix(".tcss")]
    BINDINGS = [
        Binding("ctrl+s", "save", _("Lưu")),
        Binding("escape", "cancel", _("Hủy")),
    ]
    heading = ""
    save_label = _("Lưu")
    can_cancel = True
    first_field: str | None = None
    """Where the cursor starts; None for the first field."""

    def items(self) -> list[FieldSpec | str]:
        raise NotImplementedError

    def initial(self) -> dict[str, Any]:
        return {}

    def check(self, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        """Errors and warnings of the form as it is now (live, before saving)."""
        return {}, {}

    def save(self, values: dict[str, Any]) -> Any:
        """Write to the database through a service; raise ValidationError when the form is wrong."""
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        self.dismiss(result)

    def compose_intro(self) -> ComposeResult:
        """Widgets above the fields (an explanation), none by default."""
        return iter(())

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield from self.compose_intro()
        checker = None if type(self).check is FormScreen.check else self.check
        yield FormBody(self.items(), self.initial(), checker=checker, id="form")
        with Horizontal(id="form-buttons"):
            yield Button(f"{self.save_label} (Ctrl+S)", id="save", variant="primary", compact=True,
                         action="screen.save")
            if self.can_cancel:
                yield Button(_("Hủy (Esc)"), id="cancel", compact=True, action="screen.cancel")
        yield Footer(compact=True)

    @property
    def body(self) -> FormBody:
        return self.query_one(FormBody)

    def on_mount(self) -> None:
        self.sub_title = self.heading
        if self.first_field:
            self.query_one(f"#{self.first_field}").focus()
        else:
            self.body.focus_first()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on to the next field, as in the paper-form habit of office software.
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        result = self.body.run_save(self.save)
        if result is not None:
            self.saved(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

