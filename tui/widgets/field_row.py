"""One form field: a label on the left, the input and a message line under it.

Every form (setup wizard, child, class, staff, dialogs) is a list of
FieldSpec; the field's key is the service's field name, so the
{field: message} dicts of ValidationError and validate_* land under the
right input without any per-form mapping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from tui.widgets.choice import Choice
from mamnon.i18n import _


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str = "text"
    """"text" (Input), "select" (Select of `options`) or "static" (read-only text)."""
    options: Sequence[tuple[str, Any]] = ()
    allow_blank: bool = True
    placeholder: str = ""
    required: bool = False


class FieldRow(Widget):
    DEFAULT_CSS = """
    FieldRow {
        layout: horizontal;
        height: auto;
    }
    FieldRow > .field-label {
        width: 18;
        padding-right: 1;
    }
    FieldRow.-active > .field-label {
        text-style: bold reverse;
    }
    FieldRow > .field-body {
        width: 1fr;
        height: auto;
    }
    /* Compact inputs have no border; a grey field (grey on a 16-colour
       console too) shows where to type, blue shows where the cursor is. */
    FieldRow Input, FieldRow SelectCurrent {
        background: #303a44;
    }
    FieldRow Input:focus, FieldRow Select:focus > SelectCurrent {
        background: #0a4fa0;
        background-tint: $foreground 0%;  /* Textual's tint would turn it grey on 16 colours */
    }
    FieldRow .field-static {
        color: $text-muted;
    }
    FieldRow .field-message {
        display: none;
        height: auto;
    }
    /* Explicit colours: the theme's error/warning colours turn into white
       and red on a 16-colour console; these stay red and yellow. */
    FieldRow .field-message.-error {
        display: block;
        color: #ff6060;
    }
    FieldRow .field-message.-warning {
        display: block;
        color: #ffd75f;
    }
    """

    def __init__(self, spec: FieldSpec, value: Any = None) -> None:
        super().__init__(id=f"row-{spec.key}")
        self.spec = spec
        self._initial = value
        self.message = ""
        self.message_kind: str | None = None

    def compose(self) -> ComposeResult:
        spec = self.spec
        yield Label(spec.label + (" *" if spec.required else ""), classes="field-label")
        with Vertical(classes="field-body"):
            yield self._make_control()
            yield Static("", id=f"{spec.key}-error", classes="field-message", markup=False)

    def _make_control(self) -> Widget:
        spec = self.spec
        if spec.kind == "select":
            options = list(spec.options)
            if self._initial not in (None, "") and all(v != self._initial for _label, v in options):
                # A value from before the list changed (or an import) is kept, not silently replaced.
                options.append((str(self._initial), self._initial))
            value = Select.NULL if self._initial in (None, "") else self._initial
            return Choice(options, id=spec.key, compact=True, allow_blank=spec.allow_blank,
                          prompt=spec.placeholder or _("(chọn)"), value=value)
        if spec.kind == "static":
            return Static(str(self._initial or ""), id=spec.key, classes="field-static", markup=False)
        return Input(str(self._initial or ""), id=spec.key, compact=True, placeholder=spec.placeholder)

    # A class rather than :focus-within, which Textual does not re-apply to
    # the label when the focus moves between rows.
    def on_descendant_focus(self) -> None:
        self.add_class("-active")

    def on_descendant_blur(self) -> None:
        self.remove_class("-active")

    @property
    def control(self) -> Widget:
        return self.query_one(f"#{self.spec.key}")

    @property
    def value(self) -> Any:
        """The Input's text, the Select's value (None when blank), or the static value."""
        control = self.control
        if isinstance(control, Select):
            return None if control.value is Select.NULL else control.value
        if isinstance(control, Input):
            return control.value
        return self._initial

    def show_message(self, text: str = "", kind: str | None = None) -> None:
        """Show `text` under the input as an "error" (red) or "warning" (yellow); '' hides it."""
        kind = kind if text else None
        if (text, kind) == (self.message, self.message_kind):
            return  # forms re-check on every key: don't re-layout for nothing
        self.message, self.message_kind = text, kind
        label = self.query_one(".field-message", Static)
        label.update(text)
        label.set_class(bool(text) and kind == "error", "-error")
        label.set_class(bool(text) and kind == "warning", "-warning")
