"""One indicator of one unit over the periods kept by `mamnon merge --into` (the same as `mamnon trend`).

Reads the history database only (an office's computer has no school database to
open for this); a missing file is reported, never created.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from mamnon.i18n import _
from tui.widgets.choice import Choice
from tui.widgets.record_table import Column, RecordTable

RED = "#ff6060"
BAR = "█"
COLUMNS = (
    Column("period", _("Kỳ"), 16),
    Column("value", _("Giá trị"), 16),
    Column("bar", "", min_width=10),
)
DEFAULT_CODE = "TRE"


def bars(values: list[float | None], width: int) -> list[str]:
    """A bar per value, the largest `width` cells long; negatives and blanks get none."""
    top = max((v for v in values if v is not None and v > 0), default=0)
    if not top:
        return ["" for _skip in values]
    return [BAR * max(round(v / top * width), 1) if v is not None and v > 0 else "" for v in values]


def period_label(code: str) -> str:
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period

    try:
        return parse_period(code).screen_label
    except ValidationError:
        return code


def indicator_options() -> list[tuple[str, str]]:
    from mamnon import indicators

    return [(f"{ind.code} — {ind.shown_label}", ind.code) for ind in indicators.CATALOGUE]


class TrendScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("ctrl+r", "show", _("Xem")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(classes="row", id="db-row"):
            yield Label(_("CSDL lịch sử:"), classes="label")
            yield Input(id="db", compact=True, placeholder=_("ví dụ D:\\lich-su.sqlite (tạo bằng mamnon merge --into)"))
        with Horizontal(classes="row"):
            yield Label(_("Chỉ tiêu:"), classes="label")
            yield Choice(indicator_options(), id="code", value=DEFAULT_CODE, allow_blank=False, compact=True)
        with Horizontal(classes="row"):
            yield Label(_("Mã đơn vị:"), classes="label")
            yield Input(id="unit", compact=True, placeholder=_("để trống: đơn vị gộp"))
        yield Static(_("Enter hoặc Ctrl+R: xem chỉ tiêu qua các kỳ."), id="status")
        yield RecordTable(id="table")
        yield Footer(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#table", RecordTable)

    def on_mount(self) -> None:
        self.sub_title = _("Xu hướng chỉ tiêu qua các kỳ")
        self.table.set_columns(COLUMNS)
        self.query_one("#db", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_show()

    def on_select_changed(self, event: Choice.Changed) -> None:
        if self.query_one("#db", Input).value.strip():
            self.action_show()

    def action_show(self) -> None:
        from mamnon.errors import MamnonError

        url = self.query_one("#db", Input).value.strip().strip('"').strip("'")
        code = str(self.query_one("#code", Choice).value)
        unit = self.query_one("#unit", Input).value.strip() or None
        try:
            title, series = self._read(url, code, unit)
        except MamnonError as exc:
            self.query_one("#status", Static).update(Text(str(exc), style=RED))
            self.table.set_rows([])
            return
        self.query_one("#status", Static).update(title)
        self._fill(code, series)

    @staticmethod
    def _read(url: str, code: str, unit: str | None) -> tuple[str, list[tuple[str, float | None]]]:
        from mamnon import indicators
        from mamnon.services.history import open_history

        ind = indicators.BY_CODE[code]
        with open_history(url, create=False) as history:
            series = history.trend(code, unit)
            unit_code = unit or history.default_unit()
            found = history.unit(unit_code)
        return _("{name} (mã {code}) — {label} ({unit})").format(
            name=found.name, code=found.code, label=ind.shown_label, unit=ind.shown_unit), series

    def _fill(self, code: str, series: list[tuple[str, float | None]]) -> None:
        from mamnon.services.history import format_value

        width = max(self.table.size.width - sum(c.width + 1 for c in COLUMNS if c.width) - 3, 10)
        drawn = bars([v for _skip, v in series], width)
        self.table.set_rows([(period, (period_label(period), format_value(code, value).rjust(15), bar))
                             for (period, value), bar in zip(series, drawn, strict=True)], fresh=True)

    def action_back(self) -> None:
        self.dismiss()
