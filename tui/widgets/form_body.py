"""A scrolling column of FieldRows that checks itself as the user types.

Shared by every form screen and dialog. The owner gives a `checker`
(values -> (errors, warnings)), usually a service's validate function, and
saves through `run_save`, which turns a ValidationError into messages under
the fields instead of a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from tui.widgets.field_row import FieldRow, FieldSpec
from mamnon.i18n import _

T = TypeVar("T")
Checker = Callable[[dict[str, Any]], tuple[Mapping[str, str], Mapping[str, str]]]


class FormBody(VerticalScroll):
    DEFAULT_CSS = """
    FormBody {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    FormBody > .form-section {
        margin-top: 1;
        text-style: bold underline;
    }
    FormBody > FieldRow {
        margin-bottom: 0;
    }
    """

    def __init__(
        self,
        items: Iterable[FieldSpec | str],
        values: Mapping[str, Any] | None = None,
        *,
        checker: Checker | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._items = list(items)
        self._initial = dict(values or {})
        self._checker = checker
        # Errors show only for fields the user has left (or tried to save):
        # an empty form should not start out red.
        self._touched: set[str] = set()

    def compose(self) -> ComposeResult:
        for item in self._items:
            if isinstance(item, str):
                yield Static(item, classes="form-section", markup=False)
            else:
                yield FieldRow(item, self._initial.get(item.key))

    @property
    def rows(self) -> dict[str, FieldRow]:
        return {row.spec.key: row for row in self.query(FieldRow)}

    def values(self) -> dict[str, Any]:
        return {key: row.value for key, row in self.rows.items()}

    def focus_first(self) -> None:
        for row in self.query(FieldRow):
            if row.control.focusable:
                row.control.focus()
                return

    def show(self, errors: Mapping[str, str], warnings: Mapping[str, str] | None = None) -> dict[str, str]:
        """Put each message under its field; return the errors that have no field."""
        warnings = warnings or {}
        rows = self.rows
        for key, row in rows.items():
            if key in errors:
                row.show_message(errors[key], "error")
            elif key in warnings:
                row.show_message(warnings[key], "warning")
            else:
                row.show_message()
        return {k: v for k, v in errors.items() if k not in rows}

    def recheck(self) -> None:
        if self._checker is None:
            return
        errors, warnings = self._checker(self.values())
        self.show({k: v for k, v in errors.items() if k in self._touched}, warnings)

    def reveal(self, errors: Mapping[str, str], warnings: Mapping[str, str] | None = None) -> None:
        """Show every error (after a failed save), tell the user, and go to the first one."""
        self._touched.update(errors)
        loose = self.show(errors, warnings)
        lines = list(loose.values())
        if len(errors) > len(loose):
            lines.insert(0, _("Có {n_errors} lỗi: xem dòng chữ đỏ dưới các ô.").format(
                n_errors=len(errors) - len(loose)))
        self.app.notify("\n".join(lines), title=_("Chưa lưu được"), severity="error")
        rows = self.rows
        first = next((rows[k] for k in rows if k in errors), None)
        if first is not None and first.control.focusable:
            first.control.focus()
            self.scroll_to_widget(first)

    def run_save(self, save: Callable[[dict[str, Any]], T]) -> T | None:
        """Call `save(values)`; on an error show its message(s) and return None."""
        from mamnon.errors import MamnonError, ValidationError

        try:
            return save(self.values())
        except ValidationError as exc:
            warnings: Mapping[str, str] = {}
            if self._checker is not None:
                warnings = self._checker(self.values())[1]
            self.reveal(exc.errors, warnings)
        except MamnonError as exc:
            # Not about a field (e.g. the record was removed meanwhile): say so, keep the form.
            self.app.notify(str(exc), title=_("Chưa lưu được"), severity="error")
        return None

    def _field_key(self, control: Any) -> str | None:
        parent = control.parent.parent if control.parent else None
        return parent.spec.key if isinstance(parent, FieldRow) else None

    def on_input_blurred(self, event: Input.Blurred) -> None:
        key = self._field_key(event.input)
        if key:
            self._touched.add(key)
            self.recheck()

    def on_input_changed(self, event: Input.Changed) -> None:
        key = self._field_key(event.input)
        if not key:
            return
        if self._checker is None:
            # Nothing can re-check this field before the next save, so an
            # old error under it would only mislead once it has been edited.
            self.rows[key].show_message()
        else:
            self.recheck()

    def on_select_changed(self, event: Select.Changed) -> None:
        key = self._field_key(event.select)
        if key:
            self._touched.add(key)
            self.recheck()
