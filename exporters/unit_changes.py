"""Writing the unit-change workbook (mamnon.workbooks.unit_changes_spec) from a history database's changes."""

from __future__ import annotations

import os
from pathlib import Path

from exporters.workbook_writer import UnitMeta, write_workbook
from mamnon.unit_structure import Change
from mamnon.workbooks.unit_changes_spec import SHEET, UNIT_CHANGES_SPEC

__all__ = ["change_row", "write_unit_changes"]


def change_row(change: Change) -> dict[str, object]:
    return {
        "kind": change.label, "effective_on": change.effective_on, "unit_code": change.unit_code,
        "name": change.name, "level": change.level, "parent_code": change.parent_code,
        "sources": ", ".join(change.sources),
        "targets": "; ".join(f"{code}={name}" for code, name in change.targets),
        "moves": "; ".join(f"{code}>{target}" for code, target in change.moves),
        "note": change.note,
    }


def write_unit_changes(path: str | os.PathLike, changes: list[Change], *, unit: UnitMeta) -> Path:
    """Every change in date order; a blank form (200 input rows) when there are none."""
    rows = [change_row(c) for c in changes]
    return write_workbook(path, UNIT_CHANGES_SPEC, unit=unit, rows={SHEET: rows},
                          blank_rows=None if not rows else 20)
