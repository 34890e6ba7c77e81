"""Phổ cập → Nhập tệp: a census workbook (điều tra phổ cập) read, previewed, then imported all or nothing.

The same path as `mamnon census import`: importers.census_import checks every
cell and row against the census and writes all or nothing; the file picking, the
preview-then-Ctrl+S rule, the progress panel above the size threshold and the
report are the import screen's (ImportFileScreen). The census year is the
file's own (written by «census export»); a file that does not say it goes to
the year the census list shows. Esc hands the year imported back to the list.
"""

from __future__ import annotations

from typing import Any

from mamnon.i18n import _
from tui.screens import import_file
from tui.screens.import_file import YELLOW, ImportFileScreen, clean_path, file_bytes


class CensusImportScreen(ImportFileScreen):
    PLACEHOLDER = _("ví dụ E:\\ hoặc /media/usb/dieu-tra-pho-cap.xlsx")
    HINT = _("Enter: thư mục → các tệp .xlsx; tệp điều tra → xem trước rồi Ctrl+S để nhập.")
    SUBTITLE = _("Nhập danh sách điều tra phổ cập")

    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year
        """The year the census list shows: for a file that does not name its own."""
        self.imported_year: int | None = None

    def run_import(self, dry_run: bool) -> None:
        """import_census_workbook on the field's file (a big file in a worker thread, with the progress panel)."""
        from mamnon.services.school import school_info

        path = clean_path(self.path_input.value)
        if path is None:
            self.say(_("Hãy gõ đường dẫn của tệp điều tra .xlsx hoặc của thư mục chứa tệp (ví dụ ổ USB E:\\)."),
                     YELLOW)
            self.path_input.focus()
            return
        text, code, shown_year = self.path_input.value, school_info().code, self.year

        def job(progress: Any) -> tuple[Any, int]:
            from importers.census_import import import_census_workbook
            from importers.workbook_reader import ImportRefused
            from mamnon.services.background import own_connection
            from mamnon.workbooks.census_spec import YEAR_META

            with own_connection():  # a worker thread's own; nothing to do in the UI thread
                try:
                    done = import_census_workbook(path, unit_code=code, dry_run=dry_run, progress=progress)
                except ImportRefused:
                    # Refused for any other reason, the file is refused the same way again; without a year
                    # of its own it goes to the year on screen.
                    done = import_census_workbook(path, unit_code=code, year=shown_year, dry_run=dry_run,
                                                  progress=progress)
                    return done, shown_year
                return done, int(done.book.meta[YEAR_META].strip())

        self.panel.run(job, lambda found: self.census_done(*found, text), self.import_failed,
                       in_thread=file_bytes(path) >= import_file.IN_THREAD_FROM_BYTES)

    def census_done(self, done: Any, year: int, text: str) -> None:
        self.import_done(done, text)
        if done.result.applied and not done.result.dry_run:
            self.imported_year = year

    def action_back(self) -> None:
        self.dismiss(self.imported_year)
