"""How z-scores and growth categories are written and coloured on screen.

Shared by the entry grid, the growth chart and the statistics. Colours are
explicit (not theme variables) so they stay red / yellow / magenta on a
16-colour console, as the form messages do.
"""

from __future__ import annotations

from rich.text import Text
from mamnon.i18n import _

LEVEL_STYLES = {
    "severe": "bold #ff6060",
    "moderate": "#ffd75f",
    "normal": "",
    "overweight": "#ff87ff",
    "obese": "bold #ff87ff",
}
# Which colour wins when a child has several categories (the most urgent).
LEVEL_ORDER = ("severe", "obese", "moderate", "overweight", "normal")

# code -> (short word for the grid, word for the detail line).
SHORT_LABELS = {
    "binh_thuong": ("", _("bình thường")),
    "cao_hon_tuoi": ("", _("cân nặng cao")),
    "sdd_nhe_can": (_("nhẹ cân"), _("nhẹ cân (vừa)")),
    "sdd_nhe_can_nang": (_("nhẹ cân nặng"), _("nhẹ cân (nặng)")),
    "thap_coi": (_("thấp còi"), _("thấp còi (vừa)")),
    "thap_coi_nang": (_("thấp còi nặng"), _("thấp còi (nặng)")),
    "gay_com": (_("gầy còm"), _("gầy còm (vừa)")),
    "gay_com_nang": (_("gầy còm nặng"), _("gầy còm (nặng)")),
    "thua_can": (_("thừa cân"), _("thừa cân")),
    "beo_phi": (_("béo phì"), _("béo phì")),
}
NORMAL_STYLE = "#8a8a8a"
"""Grey: in a grid of mostly healthy children the problems should be what catches the eye."""
FLAGGED_WORD = _("cần kiểm tra")
"""A z-score WHO calls implausible is not classified: the measurement should be re-checked."""


def number(value: float | None, digits: int = 1) -> str:
    """12.5 -> '12,5' (decimal comma); '' for None."""
    if value is None:
        return ""
    return f"{value:.{digits}f}".replace(".", ",")


def z_text(z: float | None) -> str:
    """A z-score in 5 cells: '-2,41', '0,52'; one decimal from ±10 on."""
    if z is None:
        return ""
    digits = 1 if abs(z) >= 10 else 2
    return number(z + 0.0 if round(z, digits) else 0.0, digits)  # never '-0,00'


def level_of(category) -> str:  # noqa: ANN001 - a growth.Category or None
    return category.level if category is not None else ""


def worst(levels) -> str:  # noqa: ANN001
    present = set(levels)
    return next((lvl for lvl in LEVEL_ORDER if lvl in present), "")


def styled(text: str, level: str) -> Text:
    return Text(text, style=LEVEL_STYLES.get(level, ""))


def summary(categories, flagged: bool) -> Text:  # noqa: ANN001 - Category | None each
    """The grid's short verdict: 'nhẹ cân, thấp còi nặng' coloured by the worst level."""
    cats = [c for c in categories if c is not None]
    words = [SHORT_LABELS.get(c.code, (_(c.label), _(c.label)))[0] for c in cats]
    words = [w for w in words if w]
    if words:
        return styled(", ".join(words), worst(c.level for c in cats))
    if flagged:
        return styled(FLAGGED_WORD, "moderate")
    if cats:
        return Text(_("bình thường"), style=NORMAL_STYLE)
    return Text("")


def detail_word(category, flagged: bool) -> str:  # noqa: ANN001
    if category is None:
        return FLAGGED_WORD if flagged else ""
    return SHORT_LABELS.get(category.code, ("", _(category.label)))[1]
