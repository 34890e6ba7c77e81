"""CSDL ngành: read a list it exported (children, classes, staff), see the diff, resolve, apply; write files for it.

The same path as `mamnon csdl import | export`; a big file is read, compared and applied in a worker
thread with a progress bar, Esc cancelling (the database is left as it was). The preview is the dry-run diff,
grouped (new, updated field by field, moved, left, duplicates, to choose,
missing); Ctrl+O asks, row by row, which child an ambiguous row is; Ctrl+S
applies only the diff just shown, while the path field still names its file.
Ctrl+G / Ctrl+T write the children / staff file for CSDL ngành's import into
the folder (or the .xlsx name) of the path field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from tui.screens.import_file import (GREEN, RED, YELLOW, FilePickScreen, clean_path, file_bytes, size_text,
                                     xlsx_files)
from mamnon.i18n import _

EXPORT_NAMES = {"children": "nhap-csdl-hoc-sinh.xlsx", "staff": "nhap-csdl-can-bo.xlsx"}

IN_THREAD_FROM_BYTES = 512 * 1024
"""A CSDL file above this size is read, compared and applied in a worker thread, with a progress bar and
Esc (a school's few hundred children make a file of some tens of KB: well under a second, nothing to cancel)."""
IN_THREAD_FROM_ROWS = 300
"""Rows to write from which applying runs in the worker thread even for a small file."""


def diff_text(book: Any, diff: Any) -> Text:
    """Verdict first (seen without scrolling), then the file, the bad cells and each group."""
    from mamnon.services.csdl_import import GROUPS, UNCHANGED
    from mamnon.workbooks.spec import column_letter

    text = Text()
    counts = diff.counts()
    summary = ", ".join(f"{_(GROUPS[s]).lower()} {n}" for s, n in counts.items() if n)
    if diff.blocking:
        text.append(_("Chưa nhập được: {problems}.").format(problems="; ".join(diff.blocking)) + "\n", style=RED)
        if diff.group("ambiguous") and not diff.errors:
            text.append(_("Nhấn Ctrl+O để chọn trẻ cho từng dòng.\n"), style=YELLOW)
    elif diff.has_changes:
        text.append(_("Không có lỗi: {summary}. Chưa ghi gì — Ctrl+S để nhập.\n").format(summary=summary), style=GREEN)
    else:
        text.append(_("Không có gì thay đổi ({summary}).\n").format(summary=summary), style=GREEN)
    sheet = book.sheet
    text.append(_("Tệp {name}: {label}, trang «{sheet}», tiêu đề dòng {header_row}.\n").format(
        name=book.path.name, label=sheet.template.label, sheet=sheet.sheet, header_row=book.header_row))
    if book.code_sheets:
        text.append(_("Danh mục của tệp: {sheets}.\n").format(sheets=', '.join(book.code_sheets)))
    for u in book.unknown:
        near = _(" (gần «{closest}»)").format(closest=u.closest) if u.closest else ""
        text.append(_("Bỏ qua cột {column_letter} «{header}»{near}.\n").format(
            column_letter=column_letter(u.column), header=u.header, near=near), style=YELLOW)
    for error in diff.errors:
        text.append(f"• {error.describe()}\n", style=RED)
    for warning in diff.warnings:
        text.append(_("Lưu ý: {warning}\n").format(warning=warning.describe()), style=YELLOW)
    for status, heading in GROUPS.items():
        entries = diff.group(status)
        if not entries or status == UNCHANGED:
            continue
        text.append(f"{_(heading)} ({len(entries)})\n", style="bold")
        for entry in entries:
            text.append(f"  {entry.text()}\n")
    text.rstrip()
    return text


def export_target(field_text: str, kind: str) -> Path | None:
    """Where an export goes: the folder named, with the usual file name; a new .xlsx name as typed; beside an
    existing file (never over it: it is usually the CSDL file just read)."""
    path = clean_path(field_text)
    if path is None:
        return None
    if path.is_dir():
        return path / EXPORT_NAMES[kind]
    if path.suffix.lower() != ".xlsx":
        return None
    return path.parent / EXPORT_NAMES[kind] if path.exists() else path


class CsdlScreen(FilePickScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    PLACEHOLDER = _("ví dụ E:\\ hoặc /media/usb/hoc-sinh-csdl.xlsx")
    HINT = _("Enter: thư mục → các tệp .xlsx; tệp → so với trường. Xuất vào thư mục đã gõ.")
    SUBTITLE = _("CSDL ngành: đọc tệp xuất, ghi tệp nhập")
    BINDINGS = [
        Binding("ctrl+r", "preview", _("Xem trước")),
        Binding("ctrl+s", "apply", _("Nhập")),
        Binding("ctrl+o", "choose", _("Chọn trẻ")),
        Binding("ctrl+g", "export('children')", _("Xuất trẻ")),
        Binding("ctrl+t", "export('staff')", _("Xuất CB")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.book: Any = None
        self.diff: Any = None
        self.matches: dict[int, str] = {}
        self.shown_for: str | None = None
        """The path field's text the diff on screen belongs to."""
        self.big = False
        """The file shown is big enough for its work to go to a worker thread (IN_THREAD_FROM_BYTES)."""

    @property
    def current(self) -> bool:
        return self.diff is not None and self.shown_for == self.path_input.value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("preview", "apply", "choose", "export") and self.panel.busy:
            return None  # one job at a time: Esc cancels the one running
        if action == "apply":
            ok = self.current and not self.diff.blocking and self.diff.has_changes
            return True if ok else None
        if action == "choose":
            return True if self.current and self.diff.group("ambiguous") and not self.diff.errors else None
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = clean_path(self.path_input.value)
        if path is not None and path.is_dir():
            self.show_folder(path)
        else:
            self.action_preview()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.path_input.value = event.row_key.value
            self.action_preview()

    def say(self, text: Text | str, style: str = "") -> None:
        self.query_one("#outcome", Static).update(Text(text, style=style) if isinstance(text, str) else text)
        self.query_one("#report", VerticalScroll).scroll_home(animate=False)

    def show_folder(self, folder: Path) -> None:
        try:
            found = xlsx_files(folder)
        except OSError as exc:
            self.say(_("Không đọc được thư mục {folder}: {reason}.").format(
                folder=folder, reason=exc.strerror or exc), RED)
            return
        if not found:
            self.files.display = False
            self.say(_("Thư mục {folder} không có tệp .xlsx nào. Ctrl+G / Ctrl+T ghi tệp để nhập lên "
                        "CSDL vào thư mục này.").format(folder=folder), YELLOW)
            return
        rows = []
        for p in found:
            stat = p.stat()
            modified = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%d/%m/%Y %H:%M")
            rows.append((str(p), (p.name, size_text(stat.st_size), modified)))
        self.files.set_rows(rows, fresh=True)
        self.files.display = True
        self.files.focus()
        self.say(_("{n_found} tệp .xlsx trong {folder}: chọn tệp CSDL ngành xuất ra (↑/↓ rồi Enter).").format(
            n_found=len(found), folder=folder))

    # ------------------------------------------------------------ actions

    def action_preview(self, *, keep_matches: bool = False, lead: Text | None = None) -> None:
        """Read the file and compare it (a big file in a worker thread, with the progress panel);
        `lead` goes above the diff (what was just imported)."""
        if self.panel.busy:
            return
        if not keep_matches:
            self.matches = {}
        self.diff = None
        path = clean_path(self.path_input.value)
        if path is None:
            self.say(_("Hãy gõ đường dẫn của tệp .xlsx CSDL ngành xuất ra, hoặc của thư mục chứa tệp."), YELLOW)
            self.refresh_bindings()
            return
        text, matches = self.path_input.value, dict(self.matches)

        def job(progress: Any) -> Any:
            from importers.csdl_reader import read_csdl
            from mamnon.services.background import own_connection
            from mamnon.services.csdl_import import diff_sheet

            progress.stage(0, _("Đọc tệp {name}").format(name=path.name))
            book = read_csdl(path)
            with own_connection():  # a worker thread's own; nothing to do in the UI thread
                return book, diff_sheet(book.sheet, matches=matches, progress=progress)

        self.big = file_bytes(path) >= IN_THREAD_FROM_BYTES
        self.panel.run(job, lambda found: self.preview_done(found, text, lead), self.preview_failed,
                       in_thread=self.big)
        self.refresh_bindings()

    def preview_done(self, found: Any, text: str, lead: Text | None) -> None:
        self.book, self.diff = found
        self.shown_for = text
        shown = diff_text(self.book, self.diff)
        self.say(lead + shown if lead is not None else shown)
        self.refresh_bindings()

    def preview_failed(self, exc: Exception) -> None:
        self.refresh_bindings()
        self.say_failed(exc, _("Đã hủy: chưa so xong tệp, chưa ghi gì."))
        self.path_input.focus()

    def action_choose(self) -> None:
        if not self.current:
            return
        pending = list(self.diff.group("ambiguous"))
        self._ask_next(pending)

    def _ask_next(self, pending: list) -> None:
        from tui.dialogs.csdl_match import CsdlMatchDialog

        if not pending:
            self.action_preview(keep_matches=True)
            return
        entry = pending.pop(0)

        def chosen(code: str | None) -> None:
            if code is not None:
                self.matches[entry.row] = code
            self._ask_next(pending)

        self.app.push_screen(CsdlMatchDialog(entry), chosen)

    def action_apply(self) -> None:
        from mamnon.services.csdl_import import rows_to_write

        if not self.check_action("apply", ()):
            return
        diff = self.diff

        def job(progress: Any) -> Any:
            from mamnon.services.background import own_connection
            from mamnon.services.csdl_import import apply_diff

            with own_connection():  # a worker thread's own; nothing to do in the UI thread
                return apply_diff(diff, progress=progress)

        self.panel.run(job, self.apply_done, self.apply_failed,
                       in_thread=self.big or rows_to_write(diff) >= IN_THREAD_FROM_ROWS)
        self.refresh_bindings()

    def apply_done(self, done: Any) -> None:
        note = (_("mới {created}, cập nhật {updated}, chuyển lớp {moved}, nghỉ học {left}").format(
            created=done.created, updated=done.updated, moved=done.moved, left=done.left)
                + (_(", {temp_codes} mã tạm").format(temp_codes=done.temp_codes) if done.temp_codes else ""))
        self.notify(note + ".", title=_("Đã nhập"))
        self.action_preview(keep_matches=True, lead=Text(_("Đã nhập: {note}.\n").format(note=note), style=GREEN))

    def apply_failed(self, exc: Exception) -> None:
        # Imported or not, the next Ctrl+S needs a new preview (the database may have changed meanwhile).
        self.diff = None
        self.refresh_bindings()
        self.say_failed(exc, _("Đã hủy: không nhập gì, cơ sở dữ liệu không thay đổi. Ctrl+R để so lại."))
        self.path_input.focus()

    def action_export(self, kind: str) -> None:
        from exporters.csdl_writer import write_csdl
        from mamnon.errors import MamnonError
        from mamnon.services.csdl_export import export_table

        target = export_target(self.path_input.value, kind)
        if target is None:
            self.say(_("Để xuất, hãy gõ thư mục (ví dụ ổ USB E:\\) hoặc tên tệp .xlsx vào ô đường dẫn."), YELLOW)
            self.path_input.focus()
            return
        try:
            table = export_table(kind, today=dt.date.today())
            write_csdl(target, table)
        except MamnonError as exc:
            self.say(str(exc), RED)
            return
        lines = Text(_("Đã ghi {n_rows} dòng ({label}) vào {target}.\n").format(
            n_rows=len(table.rows), label=table.template.label, target=target), style=GREEN)
        if table.temp_codes:
            lines.append(_("{temp_codes} trẻ chưa có mã định danh Bộ đã nhận mã tạm (TAM-…).\n").format(
                temp_codes=table.temp_codes))
        lines.append(_("Không ghi số định danh cá nhân (dùng lệnh «mamnon csdl export … --with-personal-id» "
                     "nếu mẫu nhập cần)."))
        self.say(lines)
        self.notify(_("{n_rows} dòng → {name}").format(n_rows=len(table.rows), name=target.name), title=_("Đã xuất"))

    def action_back(self) -> None:
        self.dismiss()
