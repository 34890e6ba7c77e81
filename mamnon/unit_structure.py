"""Which unit is under which, now: the stored report paths plus the recorded unit changes.

Units are renamed, merged (A + B → C), split (A → B + C) and given a new
parent (the July 2025 reform moved every preschool from a district office to a
commune), each from an effective date. `build` starts from the newest stored
report of each unit (its path names its parents) and applies the changes in
date order; a change older than a unit's newest stored report does not move
that unit, because the newer file already shows where it is.

`check` refuses a structure with a cycle or with a school whose parent is
missing or was dissolved — the history keeps only structures that roll up.
Pure code on plain values: mamnon.history feeds it rows and changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from mamnon.errors import ValidationError

RENAME, MERGE, SPLIT, REPARENT = "doi-ten", "sap-nhap", "chia-tach", "doi-cap-tren"
KIND_LABELS = {RENAME: "Đổi tên", MERGE: "Sáp nhập", SPLIT: "Chia tách", REPARENT: "Đổi đơn vị cấp trên"}

__all__ = ["KIND_LABELS", "MERGE", "RENAME", "REPARENT", "SPLIT", "Change", "StoredRow", "Structure", "build",
           "check", "kind_code"]


@dataclass(frozen=True)
class StoredRow:
    """A unit as one stored report shows it."""

    period_start: dt.date
    code: str
    name: str
    level: str
    parent: str | None
    school: bool


@dataclass(frozen=True)
class Change:
    kind: str
    effective_on: dt.date
    unit_code: str
    """Renamed, re-parented or split unit; a merge's result."""
    name: str = ""
    """New name (rename) or the name of a unit the change creates."""
    level: str = ""
    parent_code: str = ""
    """Re-parenting: the new parent; a merge: the result's parent (default: the first source's)."""
    sources: tuple[str, ...] = ()
    """A merge's merged units."""
    targets: tuple[tuple[str, str], ...] = ()
    """A split's new units: (code, name)."""
    moves: tuple[tuple[str, str], ...] = ()
    """A split: (unit under the split one, the new unit it goes to)."""
    note: str = ""
    id: int | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def kind_code(text: str) -> str | None:
    from mamnon.vntext import fold

    wanted = fold(text or "").strip().replace(" ", "-")
    for code, label in KIND_LABELS.items():
        if wanted in (code, fold(label).replace(" ", "-")):
            return code
    aliases = {"rename": RENAME, "merge": MERGE, "split": SPLIT, "reparent": REPARENT, "move": REPARENT}
    return aliases.get(wanted)


@dataclass
class Structure:
    parent: dict[str, str | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    schools: set[str] = field(default_factory=set)
    dissolved: set[str] = field(default_factory=set)
    changed_on: dict[str, dt.date] = field(default_factory=dict)
    """Unit → the newest date its schools changed (moved in or out): its stored rows before it are of another
    set of schools."""

    def mark(self, code: str | None, when: dt.date) -> None:
        """`code` and every unit above it now hold other schools from `when`."""
        seen = set()
        while code is not None and code not in seen:
            seen.add(code)
            if when > self.changed_on.get(code, dt.date.min):
                self.changed_on[code] = when
            code = self.parent.get(code)

    def move(self, code: str, parent: str | None, when: dt.date) -> None:
        if self.parent.get(code) != parent:
            self.mark(self.parent.get(code), when)
            self.parent[code] = parent
            self.mark(parent, when)

    def known(self, code: str) -> bool:
        return code in self.parent

    def children(self, code: str) -> list[str]:
        return [c for c, p in self.parent.items() if p == code and c not in self.dissolved]

    def schools_under(self, code: str) -> set[str]:
        """The schools whose chain of parents reaches `code` (not `code` itself)."""
        out = set()
        for school in self.schools - self.dissolved:
            seen, up = set(), self.parent.get(school)
            while up is not None and up not in seen:
                if up == code:
                    out.add(school)
                    break
                seen.add(up)
                up = self.parent.get(up)
        return out

    def path(self, code: str) -> list[str]:
        """Names from the top down to `code`."""
        chain, seen, up = [], set(), code
        while up is not None and up not in seen:
            seen.add(up)
            chain.append(self.names.get(up, up))
            up = self.parent.get(up)
        return list(reversed(chain))


def _create(s: Structure, code: str, name: str, level: str, parent: str | None, what: str) -> None:
    if s.known(code):
        return
    if not name:
        raise ValidationError({"unit_code": f"Không có đơn vị mã «{code}» ({what}): ghi tên để tạo đơn vị mới."})
    s.parent[code], s.names[code], s.levels[code] = parent, name, level


def build(rows: Iterable[StoredRow], changes: Sequence[Change]) -> Structure:
    """The structure in force after every change (see the module docstring)."""
    s = Structure()
    newest: dict[str, dt.date] = {}
    for row in sorted(rows, key=lambda r: r.period_start):
        newest[row.code] = row.period_start
        s.parent[row.code], s.names[row.code], s.levels[row.code] = row.parent, row.name, row.level
        if row.school:
            s.schools.add(row.code)
        else:
            s.schools.discard(row.code)

    def moves(code: str, when: dt.date) -> bool:
        return code not in newest or when > newest[code]

    # A change not yet stored (id None) comes after the stored ones of its day.
    for ch in sorted(changes, key=lambda c: (c.effective_on, c.id is None, c.id or 0)):
        when = ch.effective_on
        if ch.kind == RENAME:
            if not s.known(ch.unit_code):
                raise ValidationError({"unit_code": f"Không có đơn vị mã «{ch.unit_code}» để đổi tên."})
            if moves(ch.unit_code, when):
                s.names[ch.unit_code] = ch.name
        elif ch.kind == REPARENT:
            if ch.parent_code == ch.unit_code:
                raise ValidationError({"parent_code": f"Đơn vị {ch.unit_code} không thể là cấp trên của chính nó."})
            if not s.known(ch.parent_code):
                raise ValidationError({"parent_code": f"Không có đơn vị cấp trên mã «{ch.parent_code}»: hãy tạo "
                                                      "đơn vị đó trước (đổi cấp trên của nó, ghi tên)."})
            _create(s, ch.unit_code, ch.name, ch.level, ch.parent_code, "đơn vị được chuyển")
            if moves(ch.unit_code, when):
                s.move(ch.unit_code, ch.parent_code, when)
                s.dissolved.discard(ch.unit_code)
        elif ch.kind == MERGE:
            missing = [c for c in ch.sources if not s.known(c)]
            if len(ch.sources) < 2 or missing:
                raise ValidationError({"sources": "Sáp nhập cần ít nhất hai đơn vị đã có"
                                                  + (f"; không có: {', '.join(missing)}." if missing else ".")})
            parent = ch.parent_code or s.parent.get(ch.sources[0])
            _create(s, ch.unit_code, ch.name, ch.level or s.levels.get(ch.sources[0], ""), parent, "đơn vị sau sáp nhập")
            for child in [c for c, p in s.parent.items() if p in ch.sources and c != ch.unit_code]:
                if moves(child, when):
                    s.move(child, ch.unit_code, when)
            s.dissolved |= set(ch.sources) - {ch.unit_code}
        elif ch.kind == SPLIT:
            if not s.known(ch.unit_code):
                raise ValidationError({"unit_code": f"Không có đơn vị mã «{ch.unit_code}» để chia tách."})
            targets = {code for code, _ in ch.targets}
            for code, name in ch.targets:
                _create(s, code, name, ch.level or s.levels.get(ch.unit_code, ""), s.parent.get(ch.unit_code),
                        "đơn vị sau chia tách")
            moved = dict(ch.moves)
            left = [c for c in s.children(ch.unit_code) if c not in moved and c not in targets and moves(c, when)]
            if left:
                names = ", ".join(f"{s.names.get(c, c)} ({c})" for c in left)
                raise ValidationError({"moves": f"Chia tách {s.names.get(ch.unit_code)} sẽ để các đơn vị sau không "
                                                f"có đơn vị cấp trên: {names}. Hãy ghi mỗi đơn vị chuyển về đâu."})
            for child, target in moved.items():
                if target not in targets:
                    raise ValidationError({"moves": f"«{target}» không phải một đơn vị mới của lần chia tách."})
                if moves(child, when):
                    s.move(child, target, when)
            s.dissolved.add(ch.unit_code)
        else:
            raise ValidationError({"kind": f"Loại thay đổi «{ch.kind}» không có: {', '.join(KIND_LABELS)}."})
    return s


def check(s: Structure) -> None:
    """Refuse a cycle, or a school whose parent is missing or dissolved (Vietnamese message)."""
    for start in s.parent:
        chain, up = [start], s.parent.get(start)
        while up is not None:
            if up in chain:
                names = " → ".join(s.names.get(c, c) for c in [*chain[chain.index(up):], up])
                raise ValidationError({"parent_code": f"Thay đổi này tạo vòng lặp đơn vị cấp trên: {names}."})
            chain.append(up)
            up = s.parent.get(up)
    for school in sorted(s.schools - s.dissolved):
        parent = s.parent.get(school)
        if parent is None or parent in s.dissolved:
            why = "không còn đơn vị cấp trên" if parent is None else \
                f"thuộc {s.names.get(parent, parent)} đã giải thể (sáp nhập/chia tách)"
            raise ValidationError({"unit_code": f"Trường {s.names.get(school, school)} ({school}) {why}: hãy chuyển "
                                                "trường về một đơn vị cấp trên còn hoạt động."})


def parents_from_paths(rows: Iterable[tuple[str, str, str]], separator: str) -> dict[str, str | None]:
    """(code, path, period) rows → each row's parent code, from the row whose path is its path minus one name."""
    by_path: dict[tuple[str, str], str] = {}
    rows = list(rows)
    for code, path, period in rows:
        by_path[(period, path)] = code
    out = {}
    for code, path, period in rows:
        parts = path.split(separator)
        out[(period, code)] = by_path.get((period, separator.join(parts[:-1]))) if len(parts) > 1 else None
    return out


def sum_rows(rows: Iterable[Mapping[str, float | None]], codes: Iterable[str]) -> dict[str, float]:
    totals = {c: 0.0 for c in codes}
    for row in rows:
        for c in totals:
            totals[c] += row.get(c) or 0
    return totals
