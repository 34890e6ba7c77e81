"""Import a standard workbook (roster, staff, measuring round, monthly attendance, menus): find, preview, import.

The same path as `mamnon import`: importers.import_workbook checks every cell and
writes all or nothing. A preview (dry run) comes first; Ctrl+S imports only the
file whose preview was clean, and only while the path field still names it, so
what is written is what the user has just seen. A folder (a USB stick) lists
its .xlsx files to pick one with ↑/↓ and Enter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from mamnon.i18n import _
from tui.widgets.progress_panel import ProgressPanel
from tui.widgets.record_table import Column, RecordTable

# Explicit colours, as in the forms: the theme's turn white on a 16-colour console.
GREEN, YELLOW, RED = "bold #5fd75f", "#ffd75f", "#ff6060"
FILE_COLUMNS = (
    Column("name", _("Tệp"), min_width=20),
    Column("size", _("Cỡ"), 8),
    Column("modified", _("Sửa lúc"), 16),
)


IN_THREAD_FROM_BYTES = 512 * 1024
"""A workbook above this size is read and imported in a worker thread, with a progress bar and Esc
(a whole school's roster is a few dozen KB: it takes well under a second, with nothing to cancel)."""


def file_bytes(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def clean_path(text: str) -> Path | None:
    """The path typed or pasted (Explorer's "Copy as path" adds quotes), None when blank."""
    text = text.strip().strip('"').strip("'").strip()
    return Path(text).expanduser() if text else None


def xlsx_files(folder: Path) -> list[Path]:
    """The workbooks of a folder by name; Excel's lock files (~$…) and half-written temporaries left out."""
    from mamnon.vntext import fold

    found = [p for p in folder.iterdir()
             if p.suffix.lower() == ".xlsx" and not p.name.startswith(("~$", ".~")) and p.is_file()]
    return sorted(found, key=lambda p: fold(p.name))


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size // 1024, 1)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def counts_text(result: Any) -> str:
    text = _("tạo mới {created}, cập nhật {updated}, không đổi {unchanged}").format(
        created=result.created, updated=result.updated, unchanged=result.unchanged)
    if result.skipped:
        text += _(", bỏ qua {skipped} dòng trống số đo").format(skipped=result.skipped)
    return text


def is_empty(result: Any) -> bool:
    return not (result.created or result.updated or result.unchanged or result.skipped)


def period_label(code: str) -> str:
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period

    try:
        return parse_period(code).screen_label
    except ValidationError:
        return code


def book_lines(book: Any) -> Text:
    """What the file is: kind, unit, period and whether the data are as exported."""
    unit = book.meta.get("unit_name") or book.meta.get("unit_code") or _("(không ghi)")
    text = Text.assemble((_("Tệp") + " ", ""), (book.path.name, "bold"), f": {book.kind_label}\n",
                         _("Đơn vị: {unit}").format(unit=unit) + "\n")
    if book.meta.get("period"):
        text.append(_("Kỳ báo cáo: {period}").format(period=period_label(book.meta["period"])) + "\n")
    if not book.has_metadata:
        text.append(_("Tệp không có trang «_mamnon»: loại biểu được nhận ra theo tiêu đề cột.") + "\n")
    elif book.checksum_ok:
        text.append(_("Dữ liệu đúng như lúc xuất (mã kiểm tra khớp).") + "\n")
    return text


def outcome_lines(done: Any) -> Text:
    """The verdict first (it must be seen without scrolling), then notes, warnings and every bad cell."""
    result = done.result
    text = Text()
    if result.errors:
        text.append(_("Không nhập được: {count} lỗi. Hãy sửa tệp rồi xem trước lại.").format(
            count=len(result.errors)) + "\n", style=RED)
        text.append(_("Bản sao đánh dấu lỗi (ô sai tô đỏ): {path}").format(path=done.annotated) + "\n")
    elif is_empty(result):
        text.append(_("Tệp không có dòng nào để nhập.") + "\n", style=YELLOW)
    elif result.dry_run:
        text.append(_("Kiểm tra xong, không có lỗi: {counts}.").format(counts=counts_text(result)) + "\n",
                    style=GREEN)
        text.append(_("Chưa ghi gì. Nhấn Ctrl+S để nhập.") + "\n")
    else:
        text.append(_("Đã nhập: {counts}.").format(counts=counts_text(result)) + "\n", style=GREEN)
    for line in result.notes:
        text.append(f"{line}\n")
    for warning in result.warnings:
        text.append(_("Lưu ý: {warning}").format(warning=warning.describe()) + "\n", style=YELLOW)
    for error in result.errors:
        text.append(f"• {error.describe()}\n", style=RED)
    text.rstrip()
    return text


class FilePickScreen(Screen):
    """A path field (a folder lists its .xlsx files, a file is read), the file list, a progress panel and the
    report below: the import and CSDL ngành screens both work on a file picked this way."""

    PLACEHOLDER = ""
    HINT = ""
    SUBTITLE = ""

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="path-row"):
            yield Label(_("Tệp / thư mục:"), id="path-label")
            yield Input(id="path", compact=True, placeholder=self.PLACEHOLDER)
        yield Static(self.HINT, id="hint")
        yield RecordTable(id="files")
        yield ProgressPanel(id="progress")
        with VerticalScroll(id="report"):
            yield Static(id="outcome")
        yield Footer(compact=True)

    @property
    def path_input(self) -> Input:
        return self.query_one("#path", Input)

    @property
    def files(self) -> RecordTable:
        return self.query_one("#files", RecordTable)

    @property
    def panel(self) -> ProgressPanel:
        return self.query_one("#progress", ProgressPanel)

    def on_mount(self) -> None:
        self.sub_title = self.SUBTITLE
        self.files.set_columns(FILE_COLUMNS)
        self.files.display = False
        self.path_input.focus()

    def say_failed(self, exc: Exception, cancelled: str) -> None:
        """A job that stopped: `cancelled` after Esc, the reason of a refusal; any other error is a bug."""
        from mamnon.errors import Cancelled, MamnonError

        if isinstance(exc, Cancelled):
            self.say(cancelled, YELLOW)
        elif isinstance(exc, MamnonError):
            self.say(str(exc), RED)
        else:
            raise exc


class ImportFileScreen(FilePickScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    PLACEHOLDER = _("ví dụ E:\\ hoặc /media/usb/danh-sach-tre.xlsx")
    HINT = _("Enter: thư mục → các tệp .xlsx; tệp → xem trước rồi Ctrl+S để nhập.")
    SUBTITLE = _("Nhập tệp Excel vào trường")
    BINDINGS = [
        Binding("ctrl+r", "preview", _("Xem trước")),
        Binding("ctrl+s", "import", _("Nhập")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.clean_text: str | None = None
        """The path field's text when its file's preview had no error: the one Ctrl+S may import."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("preview", "import") and self.panel.busy:
            return None  # one job at a time: Esc cancels the one running
        if action == "import":
            # Shown but greyed until a clean preview of the file named in the field.
            return True if self.ready else None
        return True

    @property
    def ready(self) -> bool:
        return self.clean_text is not None and self.clean_text == self.path_input.value

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.open_path()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key:
            self.path_input.value = key
            self.action_preview()

    def say(self, text: Text | str, style: str = "") -> None:
        self.query_one("#outcome", Static).update(Text(text, style=style) if isinstance(text, str) else text)
        self.query_one("#report", VerticalScroll).scroll_home(animate=False)

    def open_path(self) -> None:
        path = clean_path(self.path_input.value)
        if path is not None and path.is_dir():
            self.show_folder(path)
        else:
            self.action_preview()

    def show_folder(self, folder: Path) -> None:
        self.clean_text = None
        self.refresh_bindings()
        try:
            found = xlsx_files(folder)
        except OSError as exc:
            self.say(_("Không đọc được thư mục {folder}: {error}.").format(folder=folder, error=exc.strerror or exc), RED)
            return
        if not found:
            self.files.display = False
            self.say(_("Thư mục {folder} không có tệp .xlsx nào.").format(folder=folder), YELLOW)
            return
        rows = []
        for p in found:
            stat = p.stat()
            modified = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%d/%m/%Y %H:%M")
            rows.append((str(p), (p.name, size_text(stat.st_size), modified)))
        self.files.set_rows(rows, fresh=True)
        self.files.display = True
        self.files.focus()
        self.say(_("{count} tệp .xlsx trong {folder}: chọn một tệp (↑/↓ rồi Enter) để xem trước.").format(
            count=len(found), folder=folder))

    NO_PATH = _("Hãy gõ đường dẫn của tệp .xlsx hoặc của thư mục chứa tệp (ví dụ ổ USB E:\\).")

    def run_import(self, dry_run: bool) -> None:
        """import_job on the field's file (a big file in a worker thread, with the progress panel)."""
        from mamnon.services.school import school_info

        path = clean_path(self.path_input.value)
        if path is None:
            self.say(self.NO_PATH, YELLOW)
            self.path_input.focus()
            return
        text = self.path_input.value
        code = school_info().code

        def job(progress: Any) -> Any:
            from mamnon.services.background import own_connection

            with own_connection():  # a worker thread's own; nothing to do in the UI thread
                return self.import_job(path, code, dry_run, progress)

        self.panel.run(job, lambda found: self.job_done(found, text), self.import_failed,
                       in_thread=file_bytes(path) >= IN_THREAD_FROM_BYTES)

    def import_job(self, path: Any, unit_code: str, dry_run: bool, progress: Any) -> Any:
        """The import itself, in the worker thread when the file is big: a screen for another kind of file
        (the census) changes only this and job_done."""
        from importers import import_workbook

        return import_workbook(path, unit_code=unit_code, dry_run=dry_run, progress=progress)

    def job_done(self, found: Any, text: str) -> None:
        self.import_done(found, text)

    def import_failed(self, exc: Exception) -> None:
        self.clean_text = None
        self.refresh_bindings()
        self.say_failed(exc, _("Đã hủy: không nhập gì, cơ sở dữ liệu không thay đổi."))

    def import_done(self, done: Any, text: str) -> None:
        # Imported or not, the next Ctrl+S needs a new preview: the file or the database has changed.
        self.clean_text = None
        if done.result.dry_run:
            if not done.result.errors and not is_empty(done.result):
                self.clean_text = text
        elif not done.result.errors:
            self.notify(f"{done.book.kind_label}: {counts_text(done.result)}.", title=_("Đã nhập"))
        self.say(book_lines(done.book) + outcome_lines(done))
        self.refresh_bindings()

    def action_preview(self) -> None:
        if self.panel.busy:
            return
        self.clean_text = None
        self.run_import(dry_run=True)
        self.refresh_bindings()

    def action_import(self) -> None:
        if not self.ready or self.panel.busy:
            return
        self.run_import(dry_run=False)

    def action_back(self) -> None:
        self.dismiss()
