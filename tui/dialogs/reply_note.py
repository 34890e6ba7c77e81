"""The office's note to one school's report before the reply file is written (approve or return)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.dialogs.form_dialog import FormDialog
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _


class ReplyNoteDialog(FormDialog):
    """`write(note, by)` writes the reply file and returns its path; the dialog is dismissed with it."""

    def __init__(self, title: str, note: str, write: Callable[[str, str], Any], *, note_required: bool,
                 confirm_label: str) -> None:
        super().__init__(title, note)
        self.write = write
        self.note_required = note_required
        self.confirm_label = confirm_label

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("note", _("Ghi chú"), required=self.note_required,
                      placeholder=_("lý do trả lại, điều cần sửa") if self.note_required else _("không bắt buộc")),
            FieldSpec("by", _("Người xét"), placeholder=_("không bắt buộc")),
        ]

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.errors import ValidationError

        note = (values.get("note") or "").strip()
        if self.note_required and not note:
            raise ValidationError({"note": _("Trả lại báo cáo cần ghi lý do để trường biết sửa gì.")})
        return self.write(note, (values.get("by") or "").strip())
