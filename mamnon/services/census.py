"""The phổ cập census of the school's area: every child 0–5 years old per commune and village, per year.

Age is counted by birth year, as phổ cập records do: in census year Y a child
born in Y − a is "a tuổi" (a = 0…5). An entry of a child of this school points
to the Child record, whose name, birth date, sex, ethnicity and disability are
used; the guardian is the entry's own, else the child's first guardian.

Who counts (see docs/census.md): a child *living in the area* is any entry not
moved away and not deceased; *attending* is one studying at this school or at
another; *completed* is the programme of the child's age finished this year.
Rates are always recomputed from those counts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from peewee import IntegrityError

from mamnon.db import database
from mamnon.errors import MamnonError, NotFound, ValidationError
from mamnon.formats import format_date
from mamnon.i18n import N_, _
from mamnon.models import CensusCommune, CensusEntry, CensusVillage, Child, Guardian
from mamnon.reference import ETHNIC_NAMES, SEXES
from mamnon.services.census_rules import ATTENDING, THRESHOLDS, Threshold
from mamnon.services.form_check import FormCheck
from mamnon.services.unique_create import insert_once
from mamnon.vntext import filter_by_phrase, fold, name_sort_key, normalize_name, text_sort_key
from mamnon.services import permissions

AGES = tuple(range(6))
"""Ages a census holds: 0 to 5 years by birth year."""

HERE, OTHER, NONE, MOVED, DECEASED = "tai_truong", "truong_khac", "khong_hoc", "chuyen_di", "da_mat"
# Vietnamese in the core (the census workbook and forms hold them); a screen shows _(label).
STATUS_LABELS = {
    HERE: N_("Học tại trường"),
    OTHER: N_("Học trường khác"),
    NONE: N_("Không đi học"),
    MOVED: N_("Chuyển đi"),
    DECEASED: N_("Đã mất"),
}
ATTENDING_STATUSES = (HERE, OTHER)
GONE_STATUSES = (MOVED, DECEASED)
"""Not living in the area any more: left out of every count but kept on the list."""


def status_code(label_or_code: str) -> str:
    """"Học tại trường", "hoc tai truong" or "tai_truong" → "tai_truong"; "" when unknown."""
    wanted = fold(label_or_code or "").replace("-", "_").strip()
    for code, label in STATUS_LABELS.items():
        if wanted in (code, fold(label)):
            return code
    return ""


@dataclass(frozen=True)
class VillageRow:
    id: int
    commune_id: int
    commune: str
    name: str
    difficult: bool

    @property
    def label(self) -> str:
        return f"{self.name} – {self.commune}"


@dataclass
class EntryForm:
    """What the entry form holds, as typed (dates dd/mm/yyyy)."""

    village_id: int | None = None
    child_id: int | None = None
    full_name: str = ""
    birth_date: str | dt.date = ""
    sex: str = ""
    ethnicity: str = "Kinh"
    guardian_name: str = ""
    address: str = ""
    status: str = NONE
    school_name: str = ""
    completed: bool = False
    disability: str = ""
    status_date: str | dt.date = ""
    destination: str = ""
    note: str = ""
    row_version: int | None = None
    """The entry's row_version when the form was opened (form_for); None: save without the check."""


@dataclass(frozen=True)
class EntryRow:
    id: int
    year: int
    village_id: int
    commune: str
    village: str
    child_id: int | None
    child_code: str
    full_name: str
    birth_date: dt.date
    sex: str
    ethnicity: str
    guardian_name: str
    address: str
    status: str
    school_name: str
    completed: bool
    disability: str
    status_date: dt.date | None
    destination: str
    note: str
    search_text: str = field(default="", compare=False, repr=False)
    sort_key: tuple = field(default=(), compare=False, repr=False)

    @property
    def age(self) -> int:
        return self.year - self.birth_date.year

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def sex_label(self) -> str:
        return SEXES.get(self.sex, "")

    @property
    def where(self) -> str:
        """Status in words with its detail: the other school's name, the destination, the date (Vietnamese:
        the census forms print it)."""
        return self._where(N_)

    @property
    def where_shown(self) -> str:
        """`where` in the interface language, for screens and command output."""
        return self._where(_)

    def _where(self, tr) -> str:
        text = tr(self.status_label)
        if self.status == OTHER and self.school_name:
            text += f": {self.school_name}"
        if self.status == MOVED and self.destination:
            text += tr(N_(" đến {destination}")).format(destination=self.destination)
        if self.status in GONE_STATUSES and self.status_date:
            text += f" ({format_date(self.status_date)})"
        return text

    @property
    def living(self) -> bool:
        return self.status not in GONE_STATUSES

    @property
    def attending(self) -> bool:
        return self.status in ATTENDING_STATUSES


def person_key(full_name: str, birth: dt.date | None, guardian: str) -> tuple:
    """Who an entry is: name, birth date and guardian, compared without case, spacing or diacritics."""
    return fold(normalize_name(full_name)), birth, fold(normalize_name(guardian))


# ---------------------------------------------------------------- communes and villages


def list_villages() -> list[VillageRow]:
    rows = [VillageRow(v.id, c.id, c.name, v.name, bool(c.difficult))
            for v, c in ((v, v.commune) for v in CensusVillage.select(CensusVillage, CensusCommune)
                         .join(CensusCommune))]
    rows.sort(key=lambda r: (text_sort_key(r.commune), text_sort_key(r.name)))
    return rows


def _clean_place(text: str, what: str) -> str:
    clean = " ".join((text or "").split())
    if not clean:
        raise ValidationError({what: _("Cần nhập tên xã, phường.") if what == "commune"
                               else _("Cần nhập tên thôn, xóm.")})
    if len(clean) > 100:
        raise ValidationError({what: _("Dài quá 100 ký tự.")})
    return clean


def find_village(commune: str, village: str) -> VillageRow | None:
    """The village of that commune, names compared without case, spacing or diacritics."""
    c, v = fold(" ".join(commune.split())), fold(" ".join(village.split()))
    return next((r for r in list_villages() if fold(r.commune) == c and fold(r.name) == v), None)


def add_village(commune: str, village: str, *, difficult: bool | None = None) -> VillageRow:
    """The village (and its commune) — created when new; an existing one is returned as it is."""
    permissions.require("census.edit")
    commune, village = _clean_place(commune, "commune"), _clean_place(village, "village")
    found = find_village(commune, village)
    if found is not None and difficult is None:
        return found
    try:
        with database.atomic():
            folded = fold(commune)
            c = next((x for x in CensusCommune.select() if fold(x.name) == folded), None)
            if c is None:
                c = CensusCommune.create(name=commune, difficult=bool(difficult))
            elif difficult is not None and bool(c.difficult) != difficult:
                c.difficult = difficult
                c.save()
            if found is None:
                CensusVillage.create(commune=c, name=village)
    except IntegrityError:
        # Another session added the same commune or village at the same instant: both meant that one.
        found = find_village(commune, village)
        if found is None:
            raise
        return found
    return find_village(commune, village)


def set_difficult(commune: str, difficult: bool) -> None:
    """Mark a commune as đặc biệt khó khăn (ĐBKK) or not."""
    permissions.require("census.edit")
    folded = fold(" ".join(commune.split()))
    c = next((x for x in CensusCommune.select() if fold(x.name) == folded), None)
    if c is None:
        raise NotFound(_("Không có xã «{commune}» trong danh sách điều tra.").format(commune=commune))
    c.difficult = difficult
    c.save()


# ---------------------------------------------------------------- reading entries


def census_years() -> list[int]:
    return [y for (y,) in CensusEntry.select(CensusEntry.year).distinct().order_by(CensusEntry.year).tuples()]


def _first_guardians(child_ids: set[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    if not child_ids:
        return out
    for child_id, name in (Guardian.select(Guardian.child, Guardian.full_name)
                           .where(Guardian.child.in_(list(child_ids)) & (Guardian.full_name != ""))
                           .order_by(Guardian.position, Guardian.id).tuples()):
        out.setdefault(child_id, name)
    return out


def _rows(query) -> list[EntryRow]:
    entries = list(query.select(CensusEntry, CensusVillage, CensusCommune)
                   .join(CensusVillage).join(CensusCommune).switch(CensusEntry))
    child_ids = {e.child_id for e in entries if e.child_id}
    children = {c.id: c for c in Child.select().where(Child.id.in_(list(child_ids)))} if child_ids else {}
    guardians = _first_guardians(child_ids)
    rows = []
    for e in entries:
        c = children.get(e.child_id)
        name = c.full_name if c else e.full_name
        guardian = e.guardian_name or (guardians.get(c.id, "") if c else "")
        rows.append(EntryRow(
            e.id, e.year, e.village_id, e.village.commune.name, e.village.name, e.child_id, c.code if c else "",
            name, c.birth_date if c else e.birth_date, c.sex if c else e.sex,
            c.ethnicity if c else e.ethnicity, guardian, e.address or (c.address if c else ""), e.status,
            e.school_name, bool(e.completed), c.disability if c else e.disability, e.status_date, e.destination,
            e.note, fold(f"{name} {guardian} {e.village.name}"), name_sort_key(name)))
    rows.sort(key=lambda r: (text_sort_key(r.commune), text_sort_key(r.village), r.sort_key))
    return rows


def list_entries(year: int, *, village_id: int | None = None, search: str = "") -> list[EntryRow]:
    """Entries of a census year by commune, village, then Vietnamese name order."""
    query = CensusEntry.select().where(CensusEntry.year == year)
    if village_id is not None:
        query = query.where(CensusEntry.village == village_id)
    rows = _rows(query)
    return filter_rows(rows, search) if search else rows


def filter_rows(rows: list[EntryRow], query: str) -> list[EntryRow]:
    """Rows whose child's name, guardian or village contains the query, diacritics and case ignored."""
    return filter_by_phrase(rows, query)


def get_entry(entry_id: int) -> EntryRow:
    rows = _rows(CensusEntry.select().where(CensusEntry.id == entry_id))
    if not rows:
        raise NotFound(_("Không có mục điều tra số {id}.").format(id=entry_id))
    return rows[0]


def form_for(entry_id: int) -> EntryForm:
    e = CensusEntry.get_or_none(CensusEntry.id == entry_id)
    if e is None:
        raise NotFound(_("Không có mục điều tra số {id}.").format(id=entry_id))
    row = get_entry(entry_id)
    return EntryForm(
        village_id=e.village_id, child_id=e.child_id, full_name=row.full_name,
        birth_date=format_date(row.birth_date), sex=row.sex, ethnicity=row.ethnicity or "Kinh",
        guardian_name=e.guardian_name, address=e.address, status=e.status, school_name=e.school_name,
        completed=bool(e.completed), disability=row.disability, status_date=format_date(e.status_date),
        destination=e.destination, note=e.note, row_version=e.row_version)


# ---------------------------------------------------------------- checking and writing


def _year_range_message(year: int) -> str:
    return _("Điều tra năm {year} gồm trẻ sinh từ năm {first} đến năm {year} (0–5 tuổi).").format(year=year,
                                                                                               first=year - 5)


def check_entry(form: EntryForm, year: int, *, entry_id: int | None = None, today: dt.date | None = None,
                existing: list[EntryRow] | None = None) -> tuple[dict, FormCheck]:
    """Clean values and every field error of an entry of census `year`, including a duplicate.

    `existing`: the year's entries when the caller already has them (an import checks many rows)."""
    today = today or dt.date.today()
    chk = FormCheck()
    if not 2000 <= year <= today.year + 1:
        chk.error("year", _("Năm điều tra {year} không hợp lệ (từ 2000 đến {last}).").format(year=year,
                                                                                      last=today.year + 1))
    if form.village_id is None or CensusVillage.get_or_none(CensusVillage.id == form.village_id) is None:
        chk.error("village_id", _("Cần chọn thôn, xóm."))
    child = None
    if form.child_id is not None:
        child = Child.get_or_none(Child.id == form.child_id)
        if child is None:
            chk.error("child_id", _("Không có trẻ số {id} trong trường.").format(id=form.child_id))
    v: dict = {"village": form.village_id, "child": form.child_id}
    if child is not None:
        v.update(full_name="", birth_date=None, sex="", ethnicity="", disability="")
        birth, name = child.birth_date, child.full_name
    else:
        name = normalize_name(chk.text("full_name", form.full_name, required=True, what=_("họ và tên trẻ")))
        birth = chk.date("birth_date", form.birth_date, required=True, what=_("ngày sinh"))
        v.update(full_name=name, birth_date=birth, sex=chk.sex("sex", form.sex),
                 ethnicity=chk.choice("ethnicity", form.ethnicity or "Kinh", ETHNIC_NAMES, what=_("dân tộc")),
                 disability=chk.text("disability", form.disability, max_len=100))
    if birth is not None and "birth_date" not in chk.errors:
        if birth > today:
            chk.error("birth_date", _("Ngày sinh {birth} chưa đến (hôm nay {today}).").format(
                birth=format_date(birth), today=format_date(today)))
        elif not year - 5 <= birth.year <= year:
            chk.error("birth_date", _("Trẻ sinh năm {year} không thuộc độ tuổi điều tra.").format(year=birth.year)
                      + " " + _year_range_message(year))
    guardian = normalize_name(chk.text("guardian_name", form.guardian_name, max_len=100))
    address = chk.text("address", form.address, max_len=200)
    effective_guardian = guardian
    if child is not None:
        # What the child's record already says is not stored again: a later change there shows here too.
        first = _first_guardians({child.id}).get(child.id, "")
        if fold(guardian) == fold(first):
            guardian = ""
        effective_guardian = guardian or first
        if fold(address) == fold(child.address):
            address = ""
    elif not guardian:
        chk.error("guardian_name", _("Cần nhập họ tên cha, mẹ hoặc người giám hộ."))
    status = status_code(form.status)
    if not status:
        chk.error("status", _("Cần chọn tình trạng: {choices}.").format(
            choices=", ".join(_(label) for label in STATUS_LABELS.values())))
    school = chk.text("school_name", form.school_name, max_len=150)
    if status == OTHER and not school:
        chk.error("school_name", _("Trẻ học trường khác: cần ghi tên trường."))
    if status != OTHER:
        school = ""
    on = chk.date("status_date", form.status_date, what=_("ngày chuyển đi / mất"))
    if on is not None and "status_date" not in chk.errors:
        if on > today:
            chk.error("status_date", _("Ngày {date} chưa đến.").format(date=format_date(on)))
        elif birth is not None and on < birth:
            chk.error("status_date", _("Ngày {date} trước ngày sinh {birth}.").format(date=format_date(on),
                                                                                         birth=format_date(birth)))
    if status not in GONE_STATUSES:
        on = None
    completed = bool(form.completed)
    if completed and status not in ATTENDING_STATUSES and status != MOVED:
        chk.error("completed", _("Trẻ không đi học thì chưa thể hoàn thành chương trình giáo dục mầm non."))
    v.update(guardian_name=guardian, address=address, status=status,
             school_name=school, completed=completed, status_date=on,
             destination=chk.text("destination", form.destination, max_len=150) if status == MOVED else "",
             note=chk.text("note", form.note, max_len=500))
    if not chk.errors:
        others = list_entries(year) if existing is None else existing
        _check_duplicate(chk, year, [r for r in others if r.id != entry_id], child, name, birth,
                         effective_guardian)
    return v, chk


def _check_duplicate(chk: FormCheck, year: int, others: list[EntryRow], child, name: str, birth: dt.date,
                     guardian: str) -> None:
    if child is not None:
        same = next((r for r in others if r.child_id == child.id), None)
        if same is not None:
            chk.error("child_id", _("Trẻ {name} (mã {code}) đã có trong điều tra năm {year} "
                                    "({village}, {commune}, mục số {id}).").format(
                name=child.full_name, code=child.code, year=year, village=same.village, commune=same.commune,
                id=same.id))
            return
        if not guardian:
            return
    key = person_key(name, birth, guardian)
    same = next((r for r in others if person_key(r.full_name, r.birth_date, r.guardian_name) == key), None)
    if same is not None:
        chk.error("full_name", _("Trùng với mục số {id} ({village}, {commune}): cùng họ tên {name}, ngày sinh "
                                 "{birth} và cha/mẹ {guardian}. Một trẻ chỉ ghi một lần.").format(
            id=same.id, village=same.village, commune=same.commune, name=same.full_name,
            birth=format_date(same.birth_date), guardian=same.guardian_name))


def create_entry(year: int, form: EntryForm, *, today: dt.date | None = None) -> EntryRow:
    permissions.require("census.edit")
    v, chk = check_entry(form, year, today=today)
    chk.raise_if_errors()
    entry = CensusEntry(year=year, **v)
    with database.atomic():
        if entry.child_id is None:  # a child from outside the school: no unique key, nobody to collide with
            entry.save()
        else:  # the school's child added to the year by another session at the same instant
            insert_once(entry, (CensusEntry.year == year) & (CensusEntry.child == entry.child_id))
    return get_entry(entry.id)


def update_entry(entry_id: int, form: EntryForm, *, today: dt.date | None = None) -> EntryRow:
    permissions.require("census.edit")
    entry = CensusEntry.get_or_none(CensusEntry.id == entry_id)
    if entry is None:
        raise NotFound(_("Không có mục điều tra số {id}.").format(id=entry_id))
    v, chk = check_entry(form, entry.year, entry_id=entry_id, today=today)
    chk.raise_if_errors()
    with database.atomic():
        for key, value in v.items():
            setattr(entry, key, value)
        entry.expect_version(form.row_version)  # ConcurrentEdit when someone saved the entry meanwhile
        entry.save()
    return get_entry(entry_id)


def save_entry(year: int, form: EntryForm, *, entry_id: int | None = None, new_commune: str = "",
               new_village: str = "", today: dt.date | None = None) -> EntryRow:
    """Create or update an entry, first adding the village typed in the form when it is new (one transaction)."""
    permissions.require("census.edit")
    with database.atomic():
        if new_village.strip() or new_commune.strip():
            if not new_commune.strip():
                raise ValidationError({"new_commune": _("Cần nhập tên xã của thôn mới.")})
            if not new_village.strip():
                raise ValidationError({"new_village": _("Cần nhập tên thôn mới.")})
            form.village_id = add_village(new_commune, new_village).id
        if entry_id is None:
            return create_entry(year, form, today=today)
        return update_entry(entry_id, form, today=today)


def record_move(entry_id: int, status: str, on: dt.date | str, *, destination: str = "",
                school_name: str = "", today: dt.date | None = None) -> EntryRow:
    """A change of status with its date: moved away (to where), died, or changed school."""
    permissions.require("census.edit")
    form = form_for(entry_id)
    form.status = status
    form.status_date = on
    if status_code(status) == MOVED:
        form.destination = destination
    if status_code(status) == OTHER:
        form.school_name = school_name or form.school_name
    return update_entry(entry_id, form, today=today)


def delete_entry(entry_id: int) -> None:
    """Remove an entry typed by mistake (a child who moves or dies keeps the entry with that status)."""
    permissions.require("census.edit")
    if CensusEntry.delete().where(CensusEntry.id == entry_id).execute() == 0:
        raise NotFound(_("Không có mục điều tra số {id}.").format(id=entry_id))


# ---------------------------------------------------------------- the school's children, the next year


@dataclass
class LinkResult:
    linked: int = 0
    """Entries typed before that now point to the school's child (same name and birth date)."""
    created: int = 0
    without_village: list[str] = field(default_factory=list)
    """Children whose village is not on the census list and no default village was given."""
    out_of_range: int = 0
    """Children not 0–5 years old in the census year."""


def link_school_children(year: int, *, village_id: int | None = None) -> LinkResult:
    """An entry «Học tại trường» for every child now at the school who is not yet in the census of `year`.

    An unlinked entry with the same name and birth date becomes the child's. A
    new entry goes to the child's village when it is on the census list (Child's
    village and commune), else to `village_id`; without either the child is named
    in the result and left out.
    """
    permissions.require("census.edit")
    result = LinkResult()
    rows = list_entries(year)
    linked = {r.child_id for r in rows if r.child_id}
    unlinked: dict[tuple, list[EntryRow]] = {}
    for r in rows:
        if r.child_id is None:
            unlinked.setdefault((fold(normalize_name(r.full_name)), r.birth_date), []).append(r)
    villages = list_villages()
    by_name = {(fold(v.commune), fold(v.name)): v.id for v in villages}
    with database.atomic():
        for child in Child.select().where(Child.left_on.is_null()).order_by(Child.id):
            if child.id in linked:
                continue
            if not year - 5 <= child.birth_date.year <= year:
                result.out_of_range += 1
                continue
            matches = unlinked.get((fold(normalize_name(child.full_name)), child.birth_date), [])
            if len(matches) == 1:
                CensusEntry.update(child=child.id, full_name="", birth_date=None, sex="", ethnicity="",
                                   disability="", status=HERE, school_name="", status_date=None,
                                   destination="", updated_at=dt.datetime.now(),
                                   # an entry form open on it meanwhile must not undo the link
                                   row_version=CensusEntry.row_version + 1) \
                    .where(CensusEntry.id == matches[0].id).execute()
                result.linked += 1
                continue
            target = by_name.get((fold(" ".join(child.commune.split())), fold(" ".join(child.village.split()))),
                                 village_id)
            if target is None:
                result.without_village.append(f"{child.full_name} ({child.code})")
                continue
            CensusEntry.create(year=year, village=target, child=child.id, status=HERE)
            result.created += 1
    return result


@dataclass
class CarryResult:
    copied: int = 0
    aged_out: int = 0
    """Born in year − 6: six years old, out of the census."""
    gone: int = 0
    """Moved away or deceased last year: not copied (they stay in last year's census)."""
    already: int = 0
    """Already in the new year's census."""
    newborns: int = 0
    """Entries born in the new year (the new cohort) the new census already has."""


def carry_forward(year: int) -> CarryResult:
    """Start the census of `year` from `year − 1`: same villages and statuses, the programme not yet
    completed; children turning six and those moved away or deceased are not copied. Run again, it
    copies only what is missing."""
    permissions.require("census.edit")
    previous = list_entries(year - 1)
    if not previous:
        raise MamnonError(_("Chưa có số liệu điều tra năm {previous} để chuyển sang năm {year}.").format(
            previous=year - 1, year=year))
    current = list_entries(year)
    have_child = {r.child_id for r in current if r.child_id}
    have_person = {person_key(r.full_name, r.birth_date, r.guardian_name) for r in current}
    result = CarryResult()
    with database.atomic():
        for r in previous:
            if r.birth_date.year < year - 5:
                result.aged_out += 1
                continue
            if r.status in GONE_STATUSES:
                result.gone += 1
                continue
            if (r.child_id and r.child_id in have_child) or \
                    person_key(r.full_name, r.birth_date, r.guardian_name) in have_person:
                result.already += 1
                continue
            old = CensusEntry.get_by_id(r.id)
            CensusEntry.create(
                year=year, village=old.village_id, child=old.child_id, full_name=old.full_name,
                birth_date=old.birth_date, sex=old.sex, ethnicity=old.ethnicity, guardian_name=old.guardian_name,
                address=old.address, status=old.status, school_name=old.school_name, completed=False,
                disability=old.disability, note=old.note)
            result.copied += 1
    result.newborns = sum(r.birth_date.year == year for r in list_entries(year))
    return result


# ---------------------------------------------------------------- counts


@dataclass(frozen=True)
class AgeCounts:
    """One line of the summary: the children of one birth year in one commune (or the whole area)."""

    age: int
    birth_year: int
    children: int = 0
    """Living in the area (not moved away, not deceased)."""
    girls: int = 0
    minority: int = 0
    disabled: int = 0
    here: int = 0
    other: int = 0
    not_attending: int = 0
    completed: int = 0
    moved: int = 0
    deceased: int = 0

    @property
    def attending(self) -> int:
        return self.here + self.other

    @staticmethod
    def rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def attending_rate(self) -> float | None:
        return self.rate(self.attending, self.children)

    @property
    def completed_rate(self) -> float | None:
        return self.rate(self.completed, self.children)


@dataclass(frozen=True)
class ThresholdCheck:
    """One rate of one commune (or the area) against one threshold of `census_rules`."""

    code: str
    rule: str
    source: str
    ages: tuple[int, ...]
    measure: str
    required: float
    count: int
    """Children attending (or completing) of those ages."""
    children: int
    """Children of those ages living in the commune: the denominator."""
    grade: str
    decisive: bool = True
    """False for the per-age line shown beside a rule that takes the ages together."""

    @property
    def age(self) -> int | None:
        return self.ages[0] if len(self.ages) == 1 else None

    @property
    def ages_label(self) -> str:
        return str(self.ages[0]) if len(self.ages) == 1 else f"{self.ages[0]}–{self.ages[-1]}"

    @property
    def rate(self) -> float | None:
        return AgeCounts.rate(self.count, self.children)

    @property
    def met(self) -> bool | None:
        # Compared on the counts, not the rounded rate: 899/1000 is 89.9 % and short of 90 %.
        if not self.children:
            return None
        return Fraction(self.count * 100) >= Fraction(str(self.required)) * self.children

    @property
    def missing_children(self) -> int:
        """How many more children attending (completing) would meet the threshold."""
        if not self.children:
            return 0
        needed = math.ceil(Fraction(str(self.required)) * self.children / 100)
        return max(0, needed - self.count)


@dataclass(frozen=True)
class CommuneSummary:
    commune: str
    difficult: bool
    ages: tuple[AgeCounts, ...]
    """Ages 0 to 5, youngest first."""
    total: AgeCounts
    checks: tuple[ThresholdCheck, ...] = ()
    """The decisive checks of every rule set, in the order of `census_rules.THRESHOLDS`."""
    age_checks: tuple[ThresholdCheck, ...] = ()
    """Per age 3, 4, 5 beside a rule taking the ages together (not deciding recognition)."""
    commune_id: int | None = None
    """None for the whole area."""

    @property
    def name_shown(self) -> str:
        """The commune's name, or the area's line in the interface language (a commune's own name stays)."""
        return _(self.commune) if self.commune_id is None else self.commune

    @property
    def three_to_five(self) -> AgeCounts:
        """The 3–5-year-olds together (age −1 like a total)."""
        line = AgeCounts(-1, 0)
        for a in (3, 4, 5):
            line = _add(line, self.ages[a])
        return line

    def checks_of(self, rule: str) -> tuple[ThresholdCheck, ...]:
        return tuple(c for c in self.checks if c.rule == rule)


def _count(year: int, age: int, rows: list[EntryRow]) -> AgeCounts:
    c: Counter = Counter()
    for r in rows:
        if r.status == MOVED:
            c["moved"] += 1
            continue
        if r.status == DECEASED:
            c["deceased"] += 1
            continue
        c["children"] += 1
        c["girls"] += r.sex == "F"
        c["minority"] += bool(r.ethnicity) and r.ethnicity != "Kinh"
        c["disabled"] += bool(r.disability.strip())
        c["here"] += r.status == HERE
        c["other"] += r.status == OTHER
        c["not_attending"] += r.status == NONE
        c["completed"] += r.completed
    return AgeCounts(age, year - age, **c)


def _add(a: AgeCounts, b: AgeCounts) -> AgeCounts:
    names = ("children", "girls", "minority", "disabled", "here", "other", "not_attending", "completed",
             "moved", "deceased")
    return AgeCounts(-1, 0, **{n: getattr(a, n) + getattr(b, n) for n in names})


def _check(t: Threshold, ages: tuple[int, ...], lines: tuple[AgeCounts, ...], difficult: bool, *,
           decisive: bool = True) -> ThresholdCheck:
    chosen = [lines[a] for a in ages]
    count = sum(x.attending if t.measure == ATTENDING else x.completed for x in chosen)
    return ThresholdCheck(t.code, t.rule, t.source, ages, t.measure, t.required(difficult), count,
                          sum(x.children for x in chosen), t.grade, decisive)


def _summary(year: int, commune: str, difficult: bool, rows: list[EntryRow],
             commune_id: int | None = None) -> CommuneSummary:
    ages = tuple(_count(year, a, [r for r in rows if r.age == a]) for a in AGES)
    total = AgeCounts(-1, 0)
    for line in ages:
        total = _add(total, line)
    checks, age_checks = [], []
    for t in THRESHOLDS:
        if t.pooled:
            checks.append(_check(t, t.ages, ages, difficult))
            age_checks += [_check(t, (a,), ages, difficult, decisive=False) for a in t.ages]
        else:
            checks += [_check(t, (a,), ages, difficult) for a in t.ages]
    return CommuneSummary(commune, difficult, ages, total, tuple(checks), tuple(age_checks), commune_id)


def summary(year: int) -> tuple[list[CommuneSummary], CommuneSummary]:
    """Per commune (Vietnamese order) and for the whole area: counts per age 0–5 and the thresholds' checks.

    The area's line is not a commune, so it is checked against the normal thresholds."""
    rows = list_entries(year)
    places = {v.commune: (v.commune_id, v.difficult) for v in list_villages()}
    communes = sorted({r.commune for r in rows}, key=text_sort_key)
    per = [_summary(year, c, places.get(c, (None, False))[1], [r for r in rows if r.commune == c],
                    places.get(c, (None, False))[0]) for c in communes]
    return per, _summary(year, AREA_NAME, False, rows)


AREA_NAME = N_("Toàn địa bàn")
"""The area's line of `summary` (Vietnamese: the forms print it; a screen shows _(name))."""
MEASURE_WORDS = {"attending": N_("đang học"), "completing": N_("hoàn thành chương trình GDMN")}


def percent(x: float) -> str:
    """90 → «90», 92.5 → «92,5»."""
    return f"{x:.1f}".replace(".", ",").removesuffix(",0")


def check_sentence(check: ThresholdCheck) -> str:
    """«Trẻ 5 tuổi đang học: 96,0 % (cần ≥ 95 % theo NĐ 20/2014/NĐ-CP, Điều 6; …) – đạt.» (Vietnamese: the census
    form prints it; `check_line` is the same in the interface language)."""
    return _check_text(check, N_)


def check_line(check: ThresholdCheck) -> str:
    """`check_sentence` in the interface language, for screens and command output."""
    return _check_text(check, _)


def _check_text(check: ThresholdCheck, tr) -> str:
    rate = tr(N_("chưa có trẻ")) if check.rate is None else f"{check.rate:.1f} %".replace(".", ",")
    verdict = tr({True: N_("đạt"), False: N_("chưa đạt"), None: N_("chưa tính được")}[check.met])
    if check.met is False:
        verdict += tr(N_(", thiếu {n} trẻ")).format(n=check.missing_children)
    grade = "" if check.grade == "V" else tr(N_("; nguồn chưa đối chiếu văn bản gốc"))
    return tr(N_("Trẻ {ages} tuổi {measure}: {rate} (cần ≥ {required} % theo {source}{grade}) – {verdict}.")).format(
        ages=check.ages_label, measure=tr(MEASURE_WORDS[check.measure]), rate=rate,
        required=percent(check.required), source=check.source, grade=grade, verdict=verdict)


# ---------------------------------------------------------------- the school report


def report_year(day: dt.date) -> int | None:
    """The census a report on `day` uses: the latest census year not after the day's year."""
    years = [y for y in census_years() if y <= day.year]
    return years[-1] if years else None


def indicator_sums(day: dt.date) -> dict[str, int]:
    """PC_… sums of `mamnon.indicators` for a report whose reference day is `day` (all zero without a census):
    the area's children per age, the 3–5-year-olds together, and the communes recognised under each rule."""
    from mamnon.services.census_recognition import commune_sums

    out = {f"PC_TRE_{a}T": 0 for a in AGES}
    out.update({f"PC_HOC_{a}T": 0 for a in AGES})
    out.update({f"PC_HT_{a}T": 0 for a in (3, 4, 5)})
    out.update({"PC_TRE_3_5T": 0, "PC_HOC_3_5T": 0, "PC_HT_3_5T": 0})
    year = report_year(day)
    out.update(commune_sums(year))
    if year is None:
        return out
    _communes, area = summary(year)
    for line in area.ages:
        out[f"PC_TRE_{line.age}T"] = line.children
        out[f"PC_HOC_{line.age}T"] = line.attending
        if line.age >= 3:
            out[f"PC_HT_{line.age}T"] = line.completed
    pooled = area.three_to_five
    out.update({"PC_TRE_3_5T": pooled.children, "PC_HOC_3_5T": pooled.attending, "PC_HT_3_5T": pooled.completed})
    return out
