"""Sao lưu: the backups kept beside the database, one taken now, or a copy for a USB stick.

Restoring is not offered here: the file in use cannot be replaced under the
open program. The status line gives the command that restores, which checks
the file and keeps the current database aside (`mamnon restore`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.widgets import Static

from tui.dialogs.form_dialog import FormDialog
from tui.screens.import_file import size_text
from tui.screens.table_screen import TableScreen
from tui.widgets.field_row import FieldSpec
from tui.widgets.record_table import Column

COLUMNS = (
    Column("at", "Lúc sao lưu", 16),
    Column("why", "Vì sao", 14),
    Column("size", "Dung lượng", 10),
    Column("file", "Tệp", min_width=20),
)


def reason_text(reason: str) -> str:
    from mamnon.services.backups import REASON_LABELS

    label = REASON_LABELS.get(reason, reason)
    return label[:1].upper() + label[1:]


def file_size(path: Path) -> str:
    try:
        return size_text(path.stat().st_size)
    except OSError:
        return "?"


class CopyToFolderDialog(FormDialog):
    confirm_label = "Chép"

    def __init__(self) -> None:
        super().__init__("Chép dữ liệu ra USB / thư mục khác",
                         "Cắm USB rồi gõ đường dẫn thư mục (ví dụ E:\\ hoặc /media/usb). Bản sao được kiểm tra "
                         "trước khi ghi tên.")

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("folder", "Thư mục", required=True, placeholder="E:\\")]

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.errors import ValidationError
        from mamnon.services import backups

        try:
            written = backups.backup_to(values["folder"].strip().strip('"'))
        except backups.BackupError as exc:
            raise ValidationError({"folder": str(exc)}) from None
        self.app.notify(f"Đã chép: {written}", title="Sao lưu")
        return str(written)


class BackupsScreen(TableScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = "Sao lưu dữ liệu"
    columns = COLUMNS
    BINDINGS = [
        Binding("n", "backup_now", "Sao lưu ngay"),
        Binding("u", "copy_out", "Chép ra USB"),
        Binding("escape", "back", "Quay lại"),
    ]

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import backups

        db = backups.open_path()
        found = backups.list_backups(db) if db is not None else []
        self.table.set_rows([(str(b.path), (f"{b.taken_at:%d/%m/%Y %H:%M}", reason_text(b.reason),
                                            file_size(b.path), b.path.name)) for b in found], fresh=True)
        where = backups.backup_dir(db) if db is not None else "(chưa mở cơ sở dữ liệu)"
        lines = [f"{len(found)} bản sao lưu trong {where} (giữ 7 ngày, 4 tuần, 12 tháng gần nhất)."]
        if db is not None:
            lines.append(f"Khôi phục: thoát chương trình rồi gõ  mamnon --db \"{db}\" restore TỆP")
        self.query_one("#status", Static).update("\n".join(lines))

    def action_backup_now(self) -> None:
        from mamnon.services import backups

        try:
            made = backups.backup_now()
        except backups.BackupError as exc:
            self.notify(str(exc), title="Chưa sao lưu được", severity="error")
            return
        self.notify(f"Đã sao lưu: {made.path.name}", title="Sao lưu")
        self.reload()

    def action_copy_out(self) -> None:
        self.app.push_screen(CopyToFolderDialog(), lambda _: self.reload())

    def action_back(self) -> None:
        self.dismiss()
