"""A DataTable of records with fixed-width columns, fast to refill.

Lists are refilled on every keystroke of a search, for up to a few thousand
rows. The stock DataTable measures every cell of every new row to size its
columns (about 150 ms for 2,000 children); with all widths fixed here that
measuring is useless, so it is skipped, and cells are cut to width with "…"
ahead of time so no column ever runs into the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

Cell = str | Text


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int = 0
    """Width in cells; 0 for the one column that takes the space left over."""
    min_width: int = 12


def fit(value: Cell, width: int) -> Text:
    """The cell as Text no wider than `width`, ending in "…" when cut."""
    text = value.copy() if isinstance(value, Text) else Text(value)
    text.no_wrap = True
    text.end = ""
    if cell_len(text.plain) > width:
        text.truncate(max(width, 1), overflow="ellipsis")
    return text


class RecordTable(DataTable):
    DEFAULT_CSS = """
    RecordTable {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        # Padding 0: one blank cell after each column separates them, which
        # saves a column of width per field on an 80-column screen.
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=0)
        self._columns: list[Column] = []
        self._widths: list[int] = []
        self._rows: list[tuple[str, Sequence[Cell]]] = []
        self._shown: list[str] | None = None
        self._cache: dict[tuple[str, tuple], tuple[Text, ...]] = {}

    # ------------------------------------------------------------ layout

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._columns = list(columns)
        self._layout()

    def _available_width(self) -> int:
        width = self.size.width or self.app.size.width
        return width - 1  # the vertical scrollbar

    def _layout(self) -> None:
        fixed = sum(c.width + 1 for c in self._columns if c.width)
        flex = max(self._available_width() - fixed - 1, 0)
        widths = [c.width or max(flex, c.min_width) for c in self._columns]
        if widths == self._widths and self.columns:
            return
        self._widths = widths
        self._cache.clear()
        self.clear(columns=True)
        for column, width in zip(self._columns, widths):
            self.add_column(fit(column.label, width), width=width + 1, key=column.key)
        self._fill(force=True)

    def on_resize(self) -> None:
        if self._columns:
            self._layout()

    # ------------------------------------------------------------ rows

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Cell]]], *, select: str | None = None,
                 keep_position: bool = False, fresh: bool = False) -> None:
        """Show `rows` ((key, cells) each) with the cursor on `select`, else on the current row.

        When that row is gone the cursor goes to the top, or with
        `keep_position` stays at the same height (a child who just left).
        `fresh` says the records changed: redraw even if the keys are the same.
        """
        self._rows = list(rows)
        self._fill(select=select, keep_position=keep_position, force=fresh)

    def _cells(self, key: str, cells: Sequence[Cell]) -> tuple[Text, ...]:
        cache_key = (key, tuple(c.plain if isinstance(c, Text) else c for c in cells))
        fitted = self._cache.get(cache_key)
        if fitted is None:
            fitted = tuple(fit(c, w) for c, w in zip(cells, self._widths))
            self._cache[cache_key] = fitted
        return fitted

    def _fill(self, *, select: str | None = None, force: bool = False, keep_position: bool = False) -> None:
        keys = [key for key, _ in self._rows]
        if select is None:
            select = self.selected_key
        if not force and keys == self._shown:
            # Same rows as on screen (e.g. a space typed in the search): no rebuild.
            if select is not None:
                self.select_key(select)
            return
        if force:
            self._cache.clear()  # records changed: drop cells of their old values
        previous_row = self.cursor_row
        self.clear()
        for key, cells in self._rows:
            self.add_row(*self._cells(key, cells), key=key)
        self._shown = keys
        if select is None or not self.select_key(select):
            row = min(max(previous_row, 0), max(len(keys) - 1, 0)) if keep_position else 0
            self.move_cursor(row=row)

    @property
    def shown_keys(self) -> list[str]:
        return list(self._shown or [])

    @property
    def selected_key(self) -> str | None:
        if not self.row_count or self.cursor_row < 0 or self.cursor_row >= self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def select_key(self, key: str) -> bool:
        try:
            index = self.get_row_index(key)
        except RowDoesNotExist:  # filtered out, or left the list
            return False
        self.move_cursor(row=index)
        return True

    def _update_dimensions(self, new_rows) -> None:  # noqa: ANN001 (DataTable's private hook)
        if any(c.auto_width for c in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        try:
            width = sum(c.get_render_width(self) for c in self.columns.values()) + self._row_label_column_width
            height = self._total_row_height + (self.header_height if self.show_header else 0)
        except AttributeError:  # a Textual release renamed its internals: slower, still right
            super()._update_dimensions(new_rows)
            return
        self.virtual_size = Size(width, height)
