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
from tui.screens.import_file import ImportFileScreen


class CensusImportScreen(ImportFileScreen):
    PLACEHOLDER = _("ví dụ E:\\ hoặc /media/usb/dieu-tra-pho-cap.xlsx")
    HINT = _("Enter: thư mục → các tệp .xlsx; tệp điều tra → xem trước rồi Ctrl+S để nhập.")
    SUBTITLE = _("Nhập danh sách điều tra phổ cập")

    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year
        """The year the census list shows: for a file that does not name its own."""
        self.imported_year: int | None = None

    NO_PATH = _("Hãy gõ đường dẫn của tệp điều tra .xlsx hoặc của thư mục chứa tệp (ví dụ ổ USB E:\\).")

    def import_job(self, path: Any, unit_code: str, dry_run: bool, progress: Any) -> tuple[Any, int]:
        """import_census_workbook, and the year the entries went to."""
        from importers.census_import import import_census_workbook
        from importers.workbook_reader import ImportRefused
        from mamnon.workbooks.census_spec import YEAR_META

        try:
            done = import_census_workbook(path, unit_code=unit_code, dry_run=dry_run, progress=progress)
        except ImportRefused:
            # Refused for any other reason, the file is refused the same way again; without a year
            # of its own it goes to the year on screen.
            done = import_census_workbook(path, unit_code=unit_code, year=self.year, dry_run=dry_run,
                                          progress=progress)
            return done, self.year
        return done, int(done.book.meta[YEAR_META].strip())

    def job_done(self, found: tuple[Any, int], text: str) -> None:
        self.census_done(*found, text)

    def census_done(self, done: Any, year: int, text: str) -> None:
        self.import_done(done, text)
        if done.result.applied and not done.result.dry_run:
            self.imported_year = year

    def action_back(self) -> None:
        self.dismiss(self.imported_year)
