"""A stage (nursery / kindergarten) in an 8-column table cell: «Kindergarten» would be cut to «Kinderg…»."""

from __future__ import annotations

from mamnon.i18n import C_, _
from mamnon.reference import STAGE_LABELS

_NARROW = {"nha_tre": C_("cột hẹp", "Nhà trẻ"), "mau_giao": C_("cột hẹp", "Mẫu giáo")}


def narrow_stage(stage: str) -> str:
    """The stage's short label; a code the app does not know shows its label, or itself."""
    return _NARROW.get(stage) or _(STAGE_LABELS.get(stage, stage))
