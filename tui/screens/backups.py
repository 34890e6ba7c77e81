"""Sao lưu: the backups kept beside the database, one taken now, or a copy for a USB stick.

Restoring is not offered here: the file in use cannot be replaced under the
open program. The status line gives the command that restores, which checks
the file and keeps the current database aside (`mamnon restore`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from mamnon.i18n import _

from tui.dialogs.form_dialog import FormDialog
from tui.screens.import_file import file_bytes, size_text
from tui.screens.table_screen import TableScreen
from tui.widgets.field_row import FieldSpec
from tui.widgets.progress_panel import ProgressPanel
from tui.widgets.record_table import Column

COLUMNS = (
    Column("at", _("Lúc sao lưu"), 16),
    Column("why", _("Vì sao"), 14),
    Column("size", _("Dung lượng"), 10),
    Column("file", _("Tệp"), min_width=20),
)


def reason_text(reason: str) -> str:
    """Why a backup was taken, in the interface language (services.backups.REASON_LABELS is Vietnamese)."""
    labels = {"dong": _("lúc đóng"), "hang-ngay": _("hằng ngày"), "tay": _("sao lưu tay"), "usb": _("USB")}
    label = labels.get(reason, reason)
    return label[:1].upper() + label[1:]


def file_size(path: Path) -> str:
    try:
        return size_text(path.stat().st_size)
    except OSError:
        return "?"


IN_THREAD_FROM_BYTES = 8 * 1024 * 1024
"""A database above this size is copied in a worker thread, with a progress bar and Esc (a school's
file of a few MB copies and checks in well under a second, with nothing to cancel)."""


class CopyToFolderDialog(FormDialog):
    confirm_label = _("Chép")

    def __init__(self) -> None:
        super().__init__(_("Chép dữ liệu ra USB / thư mục khác"),
                         _("Cắm USB rồi gõ đường dẫn thư mục (ví dụ E:\\ hoặc /media/usb). Bản sao được kiểm tra "
                           "trước khi ghi tên."))

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("folder", _("Thư mục"), required=True, placeholder="E:\\")]

    def confirm(self, values: dict[str, Any]) -> Any:
        """The folder, once it exists; the screen copies into it (with its progress panel)."""
        from mamnon.errors import ValidationError
        from mamnon.services import backups

        try:
            return str(backups.usb_folder(values["folder"].strip().strip('"')))
        except backups.BackupError as exc:
            raise ValidationError({"folder": str(exc)}) from None


class BackupsScreen(TableScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Sao lưu dữ liệu")
    columns = COLUMNS
    BINDINGS = [
        Binding("n", "backup_now", _("Sao lưu ngay")),
        Binding("u", "copy_out", _("Chép ra USB")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def compose_below(self) -> ComposeResult:
        yield ProgressPanel(id="progress")

    @property
    def panel(self) -> ProgressPanel:
        return self.query_one("#progress", ProgressPanel)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("backup_now", "copy_out") and self.panel.busy:
            return None  # one copy at a time: Esc cancels the one running
        return True

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import backups

        db = backups.open_path()
        found = backups.list_backups(db) if db is not None else []
        self.table.set_rows([(str(b.path), (f"{b.taken_at:%d/%m/%Y %H:%M}", reason_text(b.reason),
                                            file_size(b.path), b.path.name)) for b in found], fresh=True)
        where = backups.backup_dir(db) if db is not None else _("(chưa mở cơ sở dữ liệu)")
        lines = [_("{count} bản sao lưu trong {folder} (giữ 7 ngày, 4 tuần, 12 tháng gần nhất).").format(
            count=len(found), folder=where)]
        if db is not None:
            lines.append(_("Khôi phục: thoát chương trình rồi gõ  mamnon --db \"{db}\" restore TỆP").format(db=db))
        self.query_one("#status", Static).update("\n".join(lines))

    def action_backup_now(self) -> None:
        from mamnon.services import backups

        if self.panel.busy:
            return
        db = backups.open_path()

        def job(progress: Any) -> Any:
            from mamnon.services.background import own_connection

            with own_connection():  # a worker thread's own; nothing to do in the UI thread
                return backups.backup_now(progress=progress)

        self.panel.run(job, self.backup_done, self.backup_failed,
                       in_thread=db is not None and file_bytes(db) >= IN_THREAD_FROM_BYTES)
        self.refresh_bindings()

    def backup_failed(self, exc: Exception) -> None:
        from mamnon.errors import Cancelled, MamnonError

        self.refresh_bindings()
        if isinstance(exc, Cancelled):
            self.notify(_("Đã hủy: bản chép dở đã xóa, các bản sao lưu cũ giữ nguyên."), title=_("Sao lưu"),
                        severity="warning")
        elif isinstance(exc, MamnonError):
            self.notify(str(exc), title=_("Chưa sao lưu được"), severity="error")
        else:
            raise exc
        self.reload()

    def backup_done(self, made: Any) -> None:
        self.refresh_bindings()
        self.notify(_("Đã sao lưu: {name}").format(name=made.path.name), title=_("Sao lưu"))
        self.reload()
        self.table.focus()

    def action_copy_out(self) -> None:
        if self.panel.busy:
            return
        self.app.push_screen(CopyToFolderDialog(), self.copy_into)

    def copy_into(self, folder: str | None) -> None:
        """backup_to `folder` (a big database in a worker thread: pages counted, Esc leaves no file there)."""
        from mamnon.services import backups

        if folder is None:
            return
        db = backups.open_path()

        def job(progress: Any) -> Any:
            from mamnon.services.background import own_connection

            with own_connection():  # a worker thread's own; nothing to do in the UI thread
                return backups.backup_to(folder, progress=progress)

        self.panel.run(job, self.copy_done, lambda exc: self.copy_failed(exc, folder),
                       in_thread=db is not None and file_bytes(db) >= IN_THREAD_FROM_BYTES)
        self.refresh_bindings()

    def copy_done(self, written: Any) -> None:
        self.refresh_bindings()
        self.notify(_("Đã chép: {path}").format(path=written), title=_("Sao lưu"))
        self.reload()
        self.table.focus()

    def copy_failed(self, exc: Exception, folder: str) -> None:
        from mamnon.errors import Cancelled, MamnonError

        self.refresh_bindings()
        if isinstance(exc, Cancelled):
            self.notify(_("Đã hủy: không có tệp nào được ghi vào {folder}.").format(folder=folder),
                        title=_("Sao lưu"), severity="warning")
        elif isinstance(exc, MamnonError):
            self.notify(str(exc), title=_("Chưa chép được"), severity="error")
        else:
            raise exc
        self.table.focus()

    def action_back(self) -> None:
        self.dismiss()
