"""A round's statistics: per group, how many measured and how many underweight, stunted, wasted, overweight.

Every number comes from growth_stats.round_statistics; this screen only lays them out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from mamnon.i18n import C_, _
from tui.widgets.record_table import Column, RecordTable

# (GroupStats count, column title, colour level, the service's percentage of it).
PROBLEMS = (
    ("underweight", C_("cột hẹp", "Nhẹ cân"), "moderate", lambda g: g.wfa.malnourished_percent),
    ("stunted", _("Thấp còi"), "moderate", lambda g: g.hfa.malnourished_percent),
    ("wasted", _("Gầy còm"), "moderate", lambda g: g.wasting.malnourished_percent),
    ("overweight", _("Thừa cân"), "overweight", lambda g: g.wasting.percent("thua_can")),
    ("obese", _("Béo phì"), "overweight", lambda g: g.wasting.percent("beo_phi")),
)
COLUMNS = (
    Column("group", _("Nhóm"), min_width=12),
    Column("measured", C_("cột hẹp", "Đã đo"), 7),
    *(Column(attr, title, 10) for attr, title, _skip, _skip in PROBLEMS),
)
SEX_CYCLE = (None, "M", "F")
SEX_TITLES = {None: _("Cả hai"), "M": _("Nam"), "F": _("Nữ")}
# (indicator, codes shown in the detail line, short words).
DETAIL = (
    ("wfa", _("Nhẹ cân"), (("sdd_nhe_can", _("vừa")), ("sdd_nhe_can_nang", _("nặng")))),
    ("hfa", _("Thấp còi"), (("thap_coi", _("vừa")), ("thap_coi_nang", _("nặng")))),
    ("wasting", _("Gầy còm"), (("gay_com", _("vừa")), ("gay_com_nang", _("nặng")))),
)


def group_order(groups: Any) -> list[tuple[str, str]]:
    """(key, label) top to bottom: the whole scope, then each stage followed by its age groups."""
    from mamnon.reference import AGE_GROUPS, STAGE_LABELS

    out = [("all", "")]
    for stage, title in STAGE_LABELS.items():
        out.append((stage, _(title)))
        for g in AGE_GROUPS:
            if g.stage == stage:
                # 'Nhà trẻ 13–24 tháng' under 'Nhà trẻ' reads '  13–24 tháng'.
                out.append((g.code, "  " + _(g.label).removeprefix(_(title)).strip()))
    return out


def count_cell(count: int, pct: float | None, level: str) -> Text:
    from tui.widgets.growth_text import LEVEL_STYLES

    if pct is None:
        return Text("")
    text = Text(f"{count:>3} {pct:>5.1f}%".replace(".", ","))
    if count:
        text.stylize(LEVEL_STYLES[level])
    return text


class RoundStatsScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("g", "cycle_sex", _("Cả hai/Nam/Nữ")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, round_id: int) -> None:
        super().__init__()
        self.round_id = round_id
        self.sex: str | None = None
        self.stats: Any = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="stats-title")
        yield RecordTable(id="table")
        yield Static(id="detail")
        yield Static(id="explain")
        yield Footer(compact=True)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#table", RecordTable)

    def on_mount(self) -> None:
        from mamnon.services import growth_stats

        self.sub_title = _("Thống kê cân đo")
        self.stats = growth_stats.round_statistics(self.round_id)
        self.table.set_columns(COLUMNS)
        self.query_one("#explain", Static).update(
            _("Nhẹ cân: cân nặng/tuổi < −2; thấp còi: chiều cao/tuổi < −2; gầy còm, thừa cân, béo phì: "
            "cân nặng/chiều cao (trên 60 tháng: BMI/tuổi). Số trẻ và % trên số trẻ đã đo."))
        self.fill()
        self.table.focus()

    def shown_groups(self) -> list[tuple[str, str, Any]]:
        """(key, label, GroupStats) of the groups with children in the round, for the chosen sex."""
        out = []
        for key, label in group_order(self.stats.groups):
            group = self.stats.group(key, self.sex)
            both = self.stats.group(key, None)
            if key == "all" or both.enrolled:
                out.append((key, label or group.label, group))
        return out

    def fill(self) -> None:
        from mamnon.formats import format_date

        rnd = self.stats.round
        self.query_one("#stats-title", Static).update(Text.assemble(
            (rnd.name, "bold"), _(" · {scope_label} · ngày {date} · ").format(
                scope_label=rnd.shown_scope, date=format_date(rnd.date)),
            (_("Trẻ: {sex}").format(sex=SEX_TITLES[self.sex]), "bold")))
        rows = []
        for key, label, g in self.shown_groups():
            cells: list = [Text(label, style="bold" if key in ("all", "nha_tre", "mau_giao") else ""),
                           f"{g.measured}/{g.enrolled}"]
            for attr, _skip, level, pct in PROBLEMS:
                cells.append(count_cell(getattr(g, attr), pct(g), level))
            rows.append((key, cells))
        self.table.set_rows(rows, fresh=True)
        self.show_detail()

    def show_detail(self) -> None:
        key = self.table.selected_key
        if key is None:
            return
        g = self.stats.group(key, self.sex)
        if not g.measured:
            self.query_one("#detail", Static).update(_("{title}: chưa có trẻ nào được đo.").format(title=g.title))
            return
        parts = []
        for ind, title, codes in DETAIL:
            stats = g.indicator(ind)
            parts.append(f"{title} " + ", ".join(f"{word} {stats.count(code)}" for code, word in codes))
        unclassified = g.wasting.count("khong_phan_loai")
        line = f"{g.title}: " + " · ".join(parts)
        if unclassified:
            line += _(" · không phân loại được {unclassified}").format(unclassified=unclassified)
        self.query_one("#detail", Static).update(line)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.stats is not None:
            self.show_detail()

    def action_cycle_sex(self) -> None:
        self.sex = SEX_CYCLE[(SEX_CYCLE.index(self.sex) + 1) % len(SEX_CYCLE)]
        self.fill()

    def action_back(self) -> None:
        self.dismiss()
