"""Load a norm file from the province or office (a USB stick path): new versions where figures differ."""

from __future__ import annotations

from typing import Any

from tui.dialogs.form_dialog import FormDialog
from tui.widgets.field_row import FieldSpec
from mamnon.i18n import _


class LoadNormsDialog(FormDialog):
    confirm_label = _("Nạp")

    def __init__(self) -> None:
        super().__init__(_("Nạp tệp định mức của Sở/Phòng"),
                         _("Số liệu khác bản hiện có được lưu thành bản mới; có lỗi thì không lưu gì."))

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("path", _("Đường dẫn tệp"), required=True, placeholder=_("ví dụ E:\\dinh-muc.json"))]

    def initial(self) -> dict[str, Any]:
        return {}

    def confirm(self, values: dict[str, Any]) -> Any:
        from pathlib import Path

        from mamnon.errors import MamnonError, ValidationError
        from mamnon.services import norm_files

        path = Path((values.get("path") or "").strip().strip('"'))
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError({"path": _("Không đọc được tệp: {reason}.").format(
                reason=exc.strerror or exc)}) from None
        try:
            result = norm_files.load_norm_sets(text, path.name)
        except ValidationError:
            raise
        except MamnonError as exc:  # shown under the path field, where the user is
            raise ValidationError({"path": str(exc)}) from None
        self.app.notify(_("{n_added} bản mới, {unchanged} không đổi.").format(
            n_added=len(result.added), unchanged=result.unchanged), title=_("Đã nạp định mức"))
        return len(result.added)
