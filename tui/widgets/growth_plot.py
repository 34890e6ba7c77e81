"""A growth chart drawn with Unicode braille dots: reference lines, a child's points, labelled axes.

Each character cell holds 2 × 4 dots, so an 80 × 16 terminal area gives a
160 × 64 dot plot, enough to tell a child on the −2 line from one on −3. A
cell has one colour: where lines cross, the one drawn last wins (the child's
own line and points are drawn last). No plotting library: this is the only
chart in the program and it must stay light.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget
from mamnon.i18n import _

# Dot (column, row) inside a cell -> its bit in the braille block U+2800.
_DOT_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
AXIS_STYLE = "#8a8a8a"
MARKER = "●"


@dataclass(frozen=True)
class PlotLine:
    label: str
    """Written at the right end of the line ('+2', '0')."""
    points: tuple[tuple[float, float | None], ...]
    """(x, y) sorted by x; y None where the line has no value (a gap)."""
    style: str


def nice_step(span: float, max_ticks: int) -> float:
    """The smallest of 1, 2, 5 × 10^k giving at most `max_ticks` intervals over `span`."""
    if span <= 0 or max_ticks <= 0:
        return 1.0
    raw = span / max_ticks
    base = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * base >= raw:
            return m * base
    return 10 * base


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _at(points: Sequence[tuple[float, float | None]], x: float) -> float | None:
    """The line's y at x, linear between its points; None outside it or in a gap."""
    if not points or x < points[0][0] or x > points[-1][0]:
        return None
    lo, hi = 0, len(points) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if points[mid][0] <= x:
            lo = mid
        else:
            hi = mid
    (xa, ya), (xb, yb) = points[lo], points[hi]
    if ya is None or yb is None:
        return ya if x == xa else yb if x == xb else None
    if xb == xa:
        return ya
    return ya + (yb - ya) * (x - xa) / (xb - xa)


class GrowthPlot(Widget):
    DEFAULT_CSS = """
    GrowthPlot {
        height: 1fr;
        width: 1fr;
    }
    """

    Y_LABEL_WIDTH = 4
    RIGHT_LABEL_WIDTH = 3

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[PlotLine] = []
        self.points: list[tuple[float, float]] = []
        """The child's measurements: (x, y) in the chart's units (months, kg or cm)."""
        self.point_style = "bold #5fd7ff"
        self.x_range = (0.0, 1.0)
        self.y_range = (0.0, 1.0)
        self.x_unit = ""
        self.y_unit = ""

    def set_data(self, lines: Sequence[PlotLine], points: Sequence[tuple[float, float]], *,
                 x_range: tuple[float, float], x_unit: str, y_unit: str) -> None:
        """What to draw; the y range is chosen to fit the lines and points within `x_range`."""
        self.lines = list(lines)
        self.points = sorted(points)
        self.x_range = x_range
        self.x_unit, self.y_unit = x_unit, y_unit
        x0, x1 = x_range
        ys = [y for line in self.lines for x, y in line.points if y is not None and x0 <= x <= x1]
        ys += [y for x, y in self.points if x0 <= x <= x1]
        if ys:
            lo, hi = min(ys), max(ys)
            pad = max((hi - lo) * 0.03, 0.5)
            self.y_range = (max(lo - pad, 0.0), hi + pad)
        self.refresh()

    # ------------------------------------------------------------ drawing

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        pw = width - self.Y_LABEL_WIDTH - 1 - self.RIGHT_LABEL_WIDTH
        ph = height - 2
        if pw < 10 or ph < 4:
            return Text(_("(cửa sổ quá nhỏ để vẽ biểu đồ)"))
        canvas = _Canvas(pw, ph, self.x_range, self.y_range)
        right_labels: dict[int, tuple[str, str]] = {}
        for line in self.lines:
            canvas.line(line.points, line.style)
            last = next(((x, y) for x, y in reversed(line.points)
                         if y is not None and x <= self.x_range[1]), None)
            if last is not None:
                row = canvas.row_of(last[1])
                if 0 <= row < ph and row not in right_labels:
                    right_labels[row] = (line.label, line.style)
        visible = [(x, y) for x, y in self.points if self.x_range[0] <= x <= self.x_range[1]]
        canvas.polyline(visible, self.point_style)
        for x, y in visible:
            canvas.mark(x, y, MARKER, self.point_style)

        y_ticks = self._y_ticks(canvas, ph)
        out = Text(no_wrap=True, overflow="crop")
        for row in range(ph):
            label = y_ticks.get(row)
            if label is not None:
                out.append(f"{label:>{self.Y_LABEL_WIDTH}}┤", style=AXIS_STYLE)
            else:
                out.append(" " * self.Y_LABEL_WIDTH + "│", style=AXIS_STYLE)
            canvas.append_row(out, row)
            text, style = right_labels.get(row, ("", ""))
            out.append(f"{text:<{self.RIGHT_LABEL_WIDTH}}", style=style)
            out.append("\n")
        axis, labels = self._x_axis(canvas, pw)
        out.append(" " * self.Y_LABEL_WIDTH + "└" + axis + "\n", style=AXIS_STYLE)
        out.append(" " * (self.Y_LABEL_WIDTH + 1) + labels, style=AXIS_STYLE)
        return out

    def _y_ticks(self, canvas: _Canvas, ph: int) -> dict[int, str]:
        lo, hi = self.y_range
        step = nice_step(hi - lo, max(ph // 2, 1))
        ticks: dict[int, str] = {}
        value = math.ceil(lo / step) * step
        while value <= hi + 1e-9:
            row = canvas.row_of(value)
            if 0 <= row < ph and row not in ticks:
                ticks[row] = _number(round(value, 6))
            value += step
        # The unit on the top row, unless a tick is there.
        ticks.setdefault(0, self.y_unit)
        return ticks

    def _x_axis(self, canvas: _Canvas, pw: int) -> tuple[str, str]:
        x0, x1 = self.x_range
        step = 3 if x1 - x0 <= 18 else 6 if x1 - x0 <= 40 else 12
        axis = ["─"] * pw
        labels = [" "] * (pw + self.RIGHT_LABEL_WIDTH)
        value = math.ceil(x0 / step) * step
        while value <= x1 + 1e-9:
            col = canvas.col_of(value)
            if 0 <= col < pw:
                axis[col] = "┬"
                text = _number(value)
                start = max(0, min(col - len(text) // 2, pw - len(text)))
                if all(c == " " for c in labels[max(start - 1, 0):start + len(text) + 1]):
                    labels[start:start + len(text)] = text
            value += step
        return "".join(axis), "".join(labels).rstrip()


class _Canvas:
    """Braille dots and their cell colours, plus whole characters (markers) drawn over them."""

    def __init__(self, pw: int, ph: int, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
        self.pw, self.ph = pw, ph
        self.dw, self.dh = pw * 2, ph * 4
        self.x0, self.x1 = x_range
        self.y0, self.y1 = y_range
        self.bits = [[0] * pw for _row in range(ph)]
        self.styles = [[""] * pw for _row in range(ph)]
        self.chars: dict[tuple[int, int], tuple[str, str]] = {}

    def dot_x(self, x: float) -> int:
        return round((x - self.x0) / ((self.x1 - self.x0) or 1) * (self.dw - 1))

    def dot_y(self, y: float) -> int:
        return round((self.y1 - y) / ((self.y1 - self.y0) or 1) * (self.dh - 1))

    def col_of(self, x: float) -> int:
        return self.dot_x(x) // 2

    def row_of(self, y: float) -> int:
        return self.dot_y(y) // 4

    def dot(self, dx: int, dy: int, style: str) -> None:
        if 0 <= dx < self.dw and 0 <= dy < self.dh:
            row, col = dy // 4, dx // 2
            self.bits[row][col] |= _DOT_BITS[dx % 2][dy % 4]
            self.styles[row][col] = style

    def line(self, points: Sequence[tuple[float, float | None]], style: str) -> None:
        """A reference line: its value at every dot column, joined vertically so steep parts have no gaps."""
        previous = None
        for dx in range(self.dw):
            x = self.x0 + dx / ((self.dw - 1) or 1) * (self.x1 - self.x0)
            y = _at(points, x)
            if y is None:
                previous = None
                continue
            dy = self.dot_y(y)
            if previous is not None and abs(dy - previous) > 1:
                step = 1 if dy > previous else -1
                for fill in range(previous + step, dy, step):
                    self.dot(dx, fill, style)
            self.dot(dx, dy, style)
            previous = dy

    def polyline(self, points: Sequence[tuple[float, float]], style: str) -> None:
        """Straight dotted segments between consecutive points."""
        for (xa, ya), (xb, yb) in zip(points, points[1:]):
            ax, ay, bx, by = self.dot_x(xa), self.dot_y(ya), self.dot_x(xb), self.dot_y(yb)
            n = max(abs(bx - ax), abs(by - ay), 1)
            for i in range(n + 1):
                self.dot(round(ax + (bx - ax) * i / n), round(ay + (by - ay) * i / n), style)

    def mark(self, x: float, y: float, char: str, style: str) -> None:
        row, col = self.row_of(y), self.col_of(x)
        if 0 <= row < self.ph and 0 <= col < self.pw:
            self.chars[(row, col)] = (char, style)

    def append_row(self, out: Text, row: int) -> None:
        for col in range(self.pw):
            char = self.chars.get((row, col))
            if char is not None:
                out.append(*char)
            elif self.bits[row][col]:
                out.append(chr(0x2800 + self.bits[row][col]), style=self.styles[row][col])
            else:
                out.append(" ")
