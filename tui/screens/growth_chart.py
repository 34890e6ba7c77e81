"""One child's growth chart: weight-for-age or height-for-age against the WHO lines."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from mamnon.i18n import _
from tui.widgets.growth_plot import GrowthPlot, PlotLine

CHARTS = {
    "wfa": (_("Cân nặng (kg) theo tuổi (tháng)"), "kg"),
    "hfa": (_("Chiều cao (cm) theo tuổi (tháng)"), "cm"),
}
# The WHO lines: the median green, ±2 yellow, ±3 red (as the categories they bound).
Z_STYLES = {0: "#5fd75f", 2: "#ffd75f", -2: "#ffd75f", 3: "#ff6060", -3: "#ff6060"}
MAX_MONTHS = 72
SAMPLES_PER_MONTH = 4


def z_label(z: float) -> str:
    return f"+{z:g}" if z > 0 else f"{z:g}"


class GrowthChartScreen(Screen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("1", "show('wfa')", _("Cân nặng")),
        Binding("2", "show('hfa')", _("Chiều cao")),
        Binding("z", "zoom", _("Phóng to")),
        Binding("left", "child(-1)", _("Trẻ trước")),
        Binding("right", "child(1)", _("Trẻ sau")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self, child_ids: Sequence[int], index: int = 0, indicator: str = "wfa") -> None:
        """`child_ids`: the list the chart was opened from (← → go through it)."""
        super().__init__()
        self.child_ids = list(child_ids)
        self.index = index
        self.indicator = indicator
        self.zoomed = False

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="chart-title")
        yield GrowthPlot(id="plot")
        yield Static(id="legend")
        yield Static(id="latest")
        yield Footer(compact=True)

    @property
    def plot(self) -> GrowthPlot:
        return self.query_one(GrowthPlot)

    def on_mount(self) -> None:
        self.sub_title = _("Biểu đồ tăng trưởng")
        self.load()

    def load(self) -> None:
        from mamnon.services import children, measurements

        child_id = self.child_ids[self.index]
        self.child = children.get_child(child_id).row
        self.history = measurements.child_history(child_id)
        self.draw()

    # ------------------------------------------------------------ the chart

    def child_points(self, indicator: str) -> list[tuple[float, float]]:
        """(age in months, kg or cm) of each measurement; heights as the WHO lines use them."""
        from mamnon.growth import DAYS_PER_MONTH, corrected_height

        points = []
        for _skip, m in self.history:
            days = (m.measured_on - self.child.birth_date).days
            if indicator == "wfa" and m.weight_kg is not None:
                points.append((days / DAYS_PER_MONTH, m.weight_kg))
            elif indicator == "hfa" and m.height_cm is not None:
                points.append((days / DAYS_PER_MONTH, corrected_height(days, m.height_cm, m.lying)))
        return points

    def x_range(self, points: list[tuple[float, float]]) -> tuple[float, float]:
        import datetime as dt

        from mamnon.growth import DAYS_PER_MONTH

        now = (dt.date.today() - self.child.birth_date).days / DAYS_PER_MONTH
        last = max([now] + [x for x, _skip in points])
        if self.zoomed:
            # The last year and a half: the child's points spread out between the lines.
            first = min([x for x, _skip in points] + [last - 12])
            start = max(0.0, math.floor((first - 3) / 3) * 3)
            return start, min(MAX_MONTHS, max(start + 12, math.ceil((last + 3) / 3) * 3))
        return 0.0, float(min(MAX_MONTHS, max(24, math.ceil((last + 6) / 6) * 6)))

    def draw(self) -> None:
        from mamnon.formats import format_date
        from mamnon.growth import CHART_Z, DAYS_PER_MONTH, curve
        from mamnon.reference import SEXES

        title, unit = CHARTS[self.indicator]
        points = self.child_points(self.indicator)
        x0, x1 = self.x_range(points)
        months = [x0 + i / SAMPLES_PER_MONTH for i in range(int((x1 - x0) * SAMPLES_PER_MONTH) + 1)]
        days = [m * DAYS_PER_MONTH for m in months]
        lines = []
        for z in CHART_Z:
            values = curve(self.indicator, self.child.sex, z, days)
            lines.append(PlotLine(z_label(z), tuple(zip(months, values)), Z_STYLES.get(z, "")))
        self.plot.set_data(lines, points, x_range=(x0, x1), x_unit=_("tháng"), y_unit=unit)

        self.query_one("#chart-title", Static).update(Text.assemble(
            (title, "bold"), " – ", (self.child.full_name, "bold"),
            _(", {sex}, sinh {birth_date}").format(
                sex=_(SEXES[self.child.sex]) if self.child.sex in SEXES else '', birth_date=format_date(self.child.birth_date)),
            f"   [{self.index + 1}/{len(self.child_ids)}]" if len(self.child_ids) > 1 else ""))
        self.query_one("#legend", Static).update(Text.assemble(
            ("─ 0", Z_STYLES[0]), _(" trung vị WHO  "), ("─ ±2", Z_STYLES[2]), "  ", ("─ ±3", Z_STYLES[3]),
            _(" độ lệch chuẩn  "), ("● ", self.plot.point_style),
            _("số đo của trẻ ({n_points} lần)").format(n_points=len(points)) if points else _("chưa có số đo nào")))
        self.query_one("#latest", Static).update(self.latest_text())

    def latest_text(self) -> Text:
        """The latest measurement: numbers, z-scores and categories in words."""
        from mamnon.formats import age_in_months, format_date
        from mamnon.growth import CATEGORIES, LAST_DAY_2006
        from tui.widgets.growth_text import LEVEL_STYLES, detail_word, number, z_text

        if not self.history:
            return Text(_("Trẻ chưa được cân đo lần nào."))
        rnd, m = self.history[-1]
        bmi = (m.measured_on - self.child.birth_date).days > LAST_DAY_2006
        values = ", ".join(v for v in (f"{number(m.weight_kg)} kg" if m.weight_kg is not None else "",
                                       f"{number(m.height_cm)} cm" if m.height_cm is not None else "") if v)
        out = Text(_("Lần đo gần nhất {measured_on} ({age_in_months} tháng): {values}\n").format(
            measured_on=format_date(m.measured_on),
            age_in_months=age_in_months(self.child.birth_date, m.measured_on), values=values))
        parts = ((_("CN/T"), m.wfa, "wfa", m.wfa_code),
                 (_("CC/T"), m.hfa, "hfa", m.hfa_code),
                 (_("BMI/T") if bmi else _("CN/CC"), m.bfa if bmi else m.wfh, "bfa" if bmi else "wfh",
                  m.wasting_code))
        first = True
        for title, z, ind, code in parts:
            if z is None:
                continue
            cat = CATEGORIES.get(("wfh" if ind == "bfa" else ind, code))
            if not first:
                out.append(" · ")
            first = False
            style = LEVEL_STYLES.get(cat.level if cat else "moderate", "")
            out.append(f"{title} {z_text(z)} {detail_word(cat, ind in m.flags)}", style=style)
        return out

    # ------------------------------------------------------------ keys

    def action_show(self, indicator: str) -> None:
        self.indicator = indicator
        self.draw()

    def action_zoom(self) -> None:
        self.zoomed = not self.zoomed
        self.draw()

    def action_child(self, step: int) -> None:
        index = self.index + step
        if 0 <= index < len(self.child_ids):
            self.index = index
            self.load()

    def action_back(self) -> None:
        self.dismiss()
