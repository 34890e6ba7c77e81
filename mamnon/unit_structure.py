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
from mamnon.i18n import N_, _

RENAME, MERGE, SPLIT, REPARENT = "doi-ten", "sap-nhap", "chia-tach", "doi-cap-tren"
KIND_LABELS = {RENAME: N_("Đổi tên"), MERGE: N_("Sáp nhập"), SPLIT: N_("Chia tách"),
               REPARENT: N_("Đổi đơn vị cấp trên")}
"""Written into the unit-changes workbook and read back; a screen shows `_(label)`."""

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
        message = _("Không có đơn vị mã «{code}» ({what}): ghi tên để tạo đơn vị mới.")
        raise ValidationError({"unit_code": message.format(code=code, what=what)})
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
                raise ValidationError({"unit_code": _("Không có đơn vị mã «{code}» để đổi tên.").format(
                    code=ch.unit_code)})
            if moves(ch.unit_code, when):
                s.names[ch.unit_code] = ch.name
        elif ch.kind == REPARENT:
            if ch.parent_code == ch.unit_code:
                raise ValidationError({"parent_code": _("Đơn vị {code} không thể là cấp trên của chính nó.").format(
                    code=ch.unit_code)})
            if not s.known(ch.parent_code):
                raise ValidationError({"parent_code": _("Không có đơn vị cấp trên mã «{code}»: hãy tạo đơn vị đó "
                                                        "trước (đổi cấp trên của nó, ghi tên).").format(
                    code=ch.parent_code)})
            _create(s, ch.unit_code, ch.name, ch.level, ch.parent_code, _("đơn vị được chuyển"))
            if moves(ch.unit_code, when):
                s.move(ch.unit_code, ch.parent_code, when)
                s.dissolved.discard(ch.unit_code)
        elif ch.kind == MERGE:
            missing = [c for c in ch.sources if not s.known(c)]
            if len(ch.sources) < 2 or missing:
                message = (_("Sáp nhập cần ít nhất hai đơn vị đã có; không có: {codes}.").format(
                    codes=", ".join(missing)) if missing else _("Sáp nhập cần ít nhất hai đơn vị đã có."))
                raise ValidationError({"sources": message})
            parent = ch.parent_code or s.parent.get(ch.sources[0])
            _create(s, ch.unit_code, ch.name, ch.level or s.levels.get(ch.sources[0], ""), parent,
                    _("đơn vị sau sáp nhập"))
            for child in [c for c, p in s.parent.items() if p in ch.sources and c != ch.unit_code]:
                if moves(child, when):
                    s.move(child, ch.unit_code, when)
            s.dissolved |= set(ch.sources) - {ch.unit_code}
        elif ch.kind == SPLIT:
            if not s.known(ch.unit_code):
                raise ValidationError({"unit_code": _("Không có đơn vị mã «{code}» để chia tách.").format(
                    code=ch.unit_code)})
            targets = {code for code, _ in ch.targets}
            for code, name in ch.targets:
                _create(s, code, name, ch.level or s.levels.get(ch.unit_code, ""), s.parent.get(ch.unit_code),
                        _("đơn vị sau chia tách"))
            moved = dict(ch.moves)
            left = [c for c in s.children(ch.unit_code) if c not in moved and c not in targets and moves(c, when)]
            if left:
                names = ", ".join(f"{s.names.get(c, c)} ({c})" for c in left)
                raise ValidationError({"moves": _("Chia tách {unit} sẽ để các đơn vị sau không có đơn vị cấp trên: "
                                                  "{names}. Hãy ghi mỗi đơn vị chuyển về đâu.").format(
                    unit=s.names.get(ch.unit_code), names=names)})
            for child, target in moved.items():
                if target not in targets:
                    raise ValidationError({"moves": _("«{code}» không phải một đơn vị mới của lần chia tách.").format(
                        code=target)})
                if moves(child, when):
                    s.move(child, target, when)
            s.dissolved.add(ch.unit_code)
        else:
            raise ValidationError({"kind": _("Loại thay đổi «{kind}» không có: {known}.").format(
                kind=ch.kind, known=", ".join(KIND_LABELS))})
    return s


def check(s: Structure) -> None:
    """Refuse a cycle, or a school whose parent is missing or dissolved."""
    for start in s.parent:
        chain, up = [start], s.parent.get(start)
        while up is not None:
            if up in chain:
                names = " → ".join(s.names.get(c, c) for c in [*chain[chain.index(up):], up])
                raise ValidationError({"parent_code": _("Thay đổi này tạo vòng lặp đơn vị cấp trên: {names}.").format(
                    names=names)})
            chain.append(up)
            up = s.parent.get(up)
    for school in sorted(s.schools - s.dissolved):
        parent = s.parent.get(school)
        if parent is None or parent in s.dissolved:
            fields = dict(name=s.names.get(school, school), code=school, parent=s.names.get(parent, parent))
            if parent is None:
                message = _("Trường {name} ({code}) không còn đơn vị cấp trên: hãy chuyển trường về một đơn vị cấp "
                            "trên còn hoạt động.")
            else:
                message = _("Trường {name} ({code}) thuộc {parent} đã giải thể (sáp nhập/chia tách): hãy chuyển "
                            "trường về một đơn vị cấp trên còn hoạt động.")
            raise ValidationError({"unit_code": message.format(**fields)})


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
