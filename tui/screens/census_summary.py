"""The phổ cập summary of a census year: per commune and for the whole area, one line per birth year and
the 3–5-year-olds together; below, each commune's recognition under the 5-year-old rule (NĐ 20/2014) and
the 3–5-year-old rule (NĐ 277/2025) with the reasons, then every rate against its threshold (Tab to scroll
them); N starts the year after the latest census from it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from mamnon.i18n import C_, _


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


class CensusSummaryScreen(Screen):
    CSS_PATH = [Path(__file__).with_suffix(".tcss")]
    BINDINGS = [
        # Priority: the table would take ← and → for its cursor, which a row cursor does not use.
        Binding("left", "year(-1)", _("Năm trước"), priority=True),
        Binding("right", "year(1)", _("Năm sau"), priority=True),
        Binding("n", "carry", _("Lập năm sau")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="checks-box"):
            yield Static(id="checks")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#table", DataTable)
        for label, width in ((_("Xã / năm sinh"), 14), (_("Tuổi"), 4), (C_("cột hẹp", "Số trẻ"), 6), (C_("cột hẹp", "Đi học"), 6), ("%", 5),
                             (_("HTCT"), 5), ("%", 5), (C_("cột hẹp", "Chưa học"), 8), (_("Đi/mất"), 6)):
            table.add_column(label, width=width)
        self.show()
        table.focus()

    def show(self) -> None:
        from mamnon.services.census import check_line
        from mamnon.services import census
        from mamnon.services.census_recognition import commune_sums, province_line, recognise

        self.sub_title = _("Tổng hợp phổ cập năm {year}").format(year=self.year)
        communes, area = census.summary(self.year)
        table = self.query_one("#table", DataTable)
        table.clear()
        blocks = [*communes, area] if len(communes) != 1 else communes
        for block in blocks:
            table.add_row(block.name_shown + (_(" (ĐBKK)") if block.difficult else ""), *[""] * 8)
            for label, line in [("", a) for a in block.ages] + [(_("  3–5 tuổi"), block.three_to_five),
                                                                   (_("  Cộng"), block.total)]:
                first = (f"  {line.birth_year}", str(line.age)) if line.age >= 0 else (label, "")
                table.add_row(*first, str(line.children), str(line.attending), _pct(line.attending_rate),
                              str(line.completed), _pct(line.completed_rate), str(line.not_attending),
                              str(line.moved + line.deceased))
        lines = [_("{commune} – đạt chuẩn {sentence}").format(
            commune=b.commune, sentence=r.line()) for b in communes
                 for r in recognise(b, self.year).recognitions]
        if len(communes) > 1:
            lines.append(province_line(commune_sums(self.year)))
        lines += [f"{b.name_shown}: {check_line(c)}" for b in blocks for c in b.checks]
        self.query_one("#checks", Static).update(
            "\n".join(lines) if communes else _("Chưa có số liệu điều tra năm {year}.").format(year=self.year))

    def action_year(self, step: int) -> None:
        self.year += step
        self.show()

    def action_carry(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import census

        latest = max(census.census_years(), default=self.year)
        try:
            result = census.carry_forward(latest + 1)
        except MamnonError as exc:
            self.notify(str(exc), severity="error")
            return
        self.year = latest + 1
        self.show()
        self.notify(_("Năm {year}: chép {copied} trẻ từ năm {previous_year}; bỏ {aged_out} trẻ đủ 6 tuổi, "
                       "{gone} trẻ chuyển đi hoặc đã mất. Hãy thêm trẻ sinh năm {year}.").format(
                        year=self.year, copied=result.copied, previous_year=self.year - 1, aged_out=result.aged_out,
                        gone=result.gone))

    def action_back(self) -> None:
        self.dismiss(self.year)
