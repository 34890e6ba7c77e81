"""Reading the unit-change workbook into `Change`s, refusing it whole with every bad cell named.

The history database then records them all or none (History.record_changes).
"""

from __future__ import annotations

import os

from importers.rows import cell_error, parse_rows
from importers.workbook_reader import open_workbook
from mamnon.errors import ValidationError
from mamnon.i18n import _
from mamnon.unit_structure import MERGE, REPARENT, SPLIT, Change, kind_code
from mamnon.workbooks.unit_changes_spec import SHEET, UNIT_CHANGES

__all__ = ["read_unit_changes", "row_labels"]



def _codes(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (text or "").replace(";", ",").split(",") if p.strip())


def _pairs(text: str, sep: str) -> tuple[tuple[str, str], ...] | None:
    out = []
    for part in (p.strip() for p in (text or "").split(";")):
        if not part:
            continue
        if sep not in part:
            return None
        left, right = part.split(sep, 1)
        if not left.strip() or not right.strip():
            return None
        out.append((left.strip(), right.strip()))
    return tuple(out)


def row_labels(path: str | os.PathLike) -> list[str]:
    """How each change of `read_unit_changes(path)` is named in a refusal: file, sheet and row."""
    book = open_workbook(path, expected_kind=UNIT_CHANGES)
    sheet = book.sheets[SHEET]
    return [_("{file}, trang «{sheet}», dòng {row}").format(file=book.path.name, sheet=sheet.name, row=row)
            for row, _values in parse_rows(sheet).rows]


def read_unit_changes(path: str | os.PathLike) -> list[Change]:
    """The changes of the file in row order; ValidationError naming file, sheet, row and column otherwise."""
    book = open_workbook(path, expected_kind=UNIT_CHANGES)
    sheet = book.sheets[SHEET]
    parsed = parse_rows(sheet)
    errors = list(parsed.errors)
    changes = []
    for row, values in parsed.rows:
        kind = kind_code(values.get("kind") or "")

        def bad(key: str, message: str, row=row, values=values) -> None:
            errors.append(cell_error(sheet, row, key, values.get(key), message))

        sources = _codes(values.get("sources") or "")
        targets = _pairs(values.get("targets") or "", "=")
        moves = _pairs(values.get("moves") or "", ">")
        if targets is None:
            bad("targets", _("Ghi dạng MÃ=Tên; MÃ=Tên."))
        if moves is None:
            bad("moves", _("Ghi dạng MÃ>MÃ_MỚI; MÃ>MÃ_MỚI."))
        if kind == REPARENT and not values.get("parent_code"):
            bad("parent_code", _("Đổi cấp trên cần mã đơn vị cấp trên mới."))
        if kind == MERGE and len(sources) < 2:
            bad("sources", _("Sáp nhập cần ít nhất hai mã đơn vị."))
        if kind == SPLIT and not targets:
            bad("targets", _("Chia tách cần các đơn vị mới."))
        if targets is None or moves is None:
            continue
        changes.append(Change(kind, values["effective_on"], values["unit_code"], values.get("name") or "",
                              values.get("level") or "", values.get("parent_code") or "", sources, targets, moves,
                              values.get("note") or ""))
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        raise ValidationError({f"{e.sheet}!{e.cell}": _("{file}, trang «{sheet}», ô {cell} ({header}): {error}").format(
            file=book.path.name, sheet=e.sheet, cell=e.cell, header=e.header, error=e.message) for e in errors})
    return changes
