"""Automatic record codes (HS00001, CB001…) for records whose code was left blank."""

from __future__ import annotations

from peewee import fn


def next_code(model, prefix: str, width: int) -> str:
    """The code after the highest `<prefix><digits>` code of `model`.

    Longest-then-highest first, so the first all-digit suffix is the maximum;
    hand-typed codes like "HS-A" are skipped without reading the whole table.
    """
    field = model.code
    query = (
        model.select(field)
        .where(field.startswith(prefix))
        .order_by(fn.LENGTH(field).desc(), field.desc())
        .tuples()
    )
    for (code,) in query.iterator():
        suffix = code[len(prefix):]
        if suffix.isdigit():
            return f"{prefix}{int(suffix) + 1:0{width}d}"
    return f"{prefix}{1:0{width}d}"
