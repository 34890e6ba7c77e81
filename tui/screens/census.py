"""The phổ cập census list of a year: village filter, live search, add, edit, link the school's children,
and the summary per commune and birth year (where the next year is started); N imports a census workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select

from tui.screens.record_list import RecordListScreen, list_bindings
from tui.widgets.choice import Choice
from tui.widgets.record_table import Cell, Column
from mamnon.i18n import C_, _

ALL_VILLAGES = 0


class CensusScreen(RecordListScreen):
    CSS_PATH = [*RecordListScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    BINDINGS = list_bindings(
        Binding("l", "link", _("Liên kết")),
        Binding("s", "summary", _("Tổng hợp")),
        Binding("n", "import_file", _("Nhập")),  # "Nhập tệp" would push Ctrl+Q off an 80-column footer
        left_label=_("Đi, mất"),
    )
    noun = _("trẻ")
    search_placeholder = _("Tìm tên trẻ, cha mẹ, thôn; không cần dấu")

    def __init__(self, year: int | None = None) -> None:
        super().__init__()
        from mamnon.services import census

        years = census.census_years()
        self.year = year or (years[-1] if years else dt.date.today().year)
        self._village_id = ALL_VILLAGES
        self.heading = self._heading()

    def _heading(self) -> str:
        return _("Điều tra phổ cập năm {year} (trẻ sinh {first_year}–{year})").format(
            year=self.year, first_year=self.year - 5)

    def compose_filters(self) -> ComposeResult:
        yield Choice(self._village_options(), id="village-filter", allow_blank=False, value=ALL_VILLAGES,
                     compact=True)

    def _village_options(self) -> list[tuple[str, int]]:
        from mamnon.services import census

        return [(_("Tất cả các thôn"), ALL_VILLAGES)] + [(v.label, v.id) for v in census.list_villages()]

    def fetch(self, include_left: bool) -> list[Any]:
        from mamnon.services import census

        rows = census.list_entries(self.year)
        return rows if include_left else [r for r in rows if r.living]

    def search(self, rows: list[Any], query: str) -> list[Any]:
        from mamnon.services import census

        return census.filter_rows(rows, query)

    def narrow(self, rows: list[Any]) -> list[Any]:
        if self._village_id == ALL_VILLAGES:
            return rows
        return [r for r in rows if r.village_id == self._village_id]

    def columns(self) -> Sequence[Column]:
        done = C_("cột hẹp", "HT")
        return [
            Column("village", _("Thôn"), 10),
            Column("name", _("Họ và tên"), min_width=16),
            Column("birth", _("Ngày sinh"), 10),
            Column("age", _("Tuổi"), 4),
            Column("status", _("Tình trạng"), 16),
            # «HT» (hoàn thành: finished the programme) is the census form's own mark; English needs a word
            Column("done", done, max(2, len(done))),
        ]

    def cells(self, row: Any) -> Sequence[Cell]:
        from mamnon.formats import format_date

        name = f"{row.full_name} ●" if row.child_id else row.full_name
        return [row.village, name, format_date(row.birth_date), str(row.age), row.where_shown, "x" if row.completed else ""]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "village-filter" and event.value is not Select.NULL:
            self._village_id = event.value
            if self.is_mounted:
                self.apply_filters()

    def refresh_villages(self) -> None:
        """After a form added a village: the filter offers it too."""
        choice = self.query_one("#village-filter", Choice)
        choice.set_options(self._village_options())
        choice.value = self._village_id

    def after_save(self, saved_id: int | None) -> None:
        if saved_id is not None:
            self.refresh_villages()
        super().after_save(saved_id)

    # ------------------------------------------------------------ actions

    def action_add(self) -> None:
        from tui.screens.census_form import CensusFormScreen

        village = self._village_id if self._village_id != ALL_VILLAGES else None
        self.app.push_screen(CensusFormScreen(self.year, village_id=village), self.after_save)

    def action_edit(self) -> None:
        from tui.screens.census_form import CensusFormScreen

        row = self.require_selected()
        if row is not None:
            self.app.push_screen(CensusFormScreen(self.year, entry_id=row.id), self.after_save)

    def action_link(self) -> None:
        from mamnon.services import census

        village = self._village_id if self._village_id != ALL_VILLAGES else None
        result = census.link_school_children(self.year, village_id=village)
        message = _("Liên kết {linked} mục đã có, thêm {created} trẻ của trường.").format(
            linked=result.linked, created=result.created)
        if result.without_village:
            message += (_(" {n_without_village} trẻ chưa rõ thôn: chọn một thôn ở ô lọc rồi bấm L lần nữa.").format(
                n_without_village=len(result.without_village)))
        self.notify(message, severity="warning" if result.without_village else "information")
        self.reload()

    def action_summary(self) -> None:
        from tui.screens.census_summary import CensusSummaryScreen

        self.app.push_screen(CensusSummaryScreen(self.year), self.show_year)

    def action_import_file(self) -> None:
        from tui.screens.census_import import CensusImportScreen

        self.app.push_screen(CensusImportScreen(self.year), self.after_import)

    def after_import(self, year: int | None) -> None:
        """The list shows what was imported (villages the file added too), in the file's year."""
        if year is None:
            return
        self.refresh_villages()
        if year != self.year:
            self.show_year(year)
        else:
            self.reload()

    def show_year(self, year: int | None) -> None:
        """The summary may have moved to another year (or started the next one): the list follows."""
        if year is not None and year != self.year:
            self.year = year
            self.heading = self.sub_title = self._heading()
            self.reload()
