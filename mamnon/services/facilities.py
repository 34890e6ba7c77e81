"""Facilities (cơ sở vật chất): sites, room lines, equipment counts against the minimum list.

Rooms are kept as lines — site, type, condition, how many, total area — the
way the asset book and the statistical forms count them (see
`mamnon.models.facilities.RoomLine`). A line counts on a day when the day is
within [in_use_from, in_use_until). Equipment: each item of the shipped
selection of the minimum list (`staffing_norms.EQUIPMENT_MINIMUM`) is needed
once per group/class of the school year holding the day; an item never
counted is «chưa kiểm kê», not a shortfall, so a school that has not yet
counted does not report everything as missing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.i18n import N_, _
from mamnon.models import EquipmentCount, RoomLine, Site
from mamnon.services.form_check import FormCheck
from mamnon.staffing_norms import (
    EQUIPMENT_BY_CODE, EQUIPMENT_MINIMUM, ROOM_CONDITIONS, ROOM_TYPES, WATER_SOURCES, EquipmentItem,
)
from mamnon.vntext import fold, text_sort_key
from mamnon.services import permissions

__all__ = [
    "EquipmentLine", "RoomForm", "RoomRow", "SiteForm", "SiteRow", "create_room", "create_site",
    "delete_room", "delete_site", "equipment_status", "facility_sums", "list_rooms", "list_sites",
    "room_counts", "set_equipment_count", "update_room", "update_site",
]

YES = ("có", "co", "x", "1", "true", "yes")  # i18n-skip: what a cell may say, matched folded


def _number(chk: FormCheck, key: str, text: object, what: str, *, integer: bool = False,
            required: bool = False) -> float | int | None:
    """A non-negative number typed the Vietnamese way ("12,5"); an error naming `what` otherwise."""
    raw = str(text if text is not None else "").strip().replace(" ", "")
    if not raw:
        if required:
            chk.error(key, _("Cần nhập {what}.").format(what=what))
        return None
    what = what[:1].upper() + what[1:]
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        chk.error(key, _("{what} «{value}» không phải là số.").format(what=what, value=raw))
        return None
    if value < 0:
        chk.error(key, _("{what} không được âm (đã nhập {value}).").format(what=what, value=raw))
        return None
    if integer:
        if value != int(value):
            chk.error(key, _("{what} phải là số nguyên (đã nhập {value}).").format(what=what, value=raw))
            return None
        return int(value)
    return value


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return fold(str(value or "")).strip() in YES


def _key(options: dict[str, str], chk: FormCheck, key: str, value: str, what: str) -> str:
    """A code of `options` from its code or its label, ignoring case and diacritics."""
    clean = (value or "").strip()
    if clean in options:
        return clean
    folded = fold(clean).replace("-", "_").replace(" ", "_")
    for code, label in options.items():
        if folded in (code, fold(label).replace(" ", "_")):
            return code
    if not clean:
        chk.error(key, _("Cần chọn {what}.").format(what=what))
    else:
        chk.error(key, _("{what} «{value}» không có trong danh sách ({shown}).").format(
            what=what[:1].upper() + what[1:], value=clean, shown=", ".join(_(label) for label in options.values())))
    return ""


# ---------------------------------------------------------------- sites


@dataclass
class SiteForm:
    name: str = ""
    is_main: bool = False
    address: str = ""
    distance_km: str = ""
    water_source: str = ""
    clean_water: bool = False
    note: str = ""


@dataclass(frozen=True)
class SiteRow:
    id: int
    name: str
    is_main: bool
    address: str
    distance_km: float | None
    water_source: str
    clean_water: bool
    note: str
    rooms: int = 0
    """Rooms in use today (all lines)."""
    toilets: int = 0
    """Rooms of type «vệ sinh» in use today."""  # i18n-skip: a note for developers

    @property
    def kind_label(self) -> str:
        """Vietnamese (the staffing form prints it); a screen shows _(kind_label)."""
        return N_("Điểm chính") if self.is_main else N_("Điểm lẻ")


def _site_row(s: Site, rooms: int = 0, toilets: int = 0) -> SiteRow:
    return SiteRow(s.id, s.name, bool(s.is_main), s.address, s.distance_km, s.water_source, bool(s.clean_water),
                   s.note, rooms, toilets)


def list_sites(day: dt.date | None = None) -> list[SiteRow]:
    """Sites, the main one first, then by name; with their rooms and toilets in use on `day`."""
    day = day or dt.date.today()
    rooms: Counter = Counter()
    toilets: Counter = Counter()
    for r in _lines_on(day):
        rooms[r.site_id] += r.count
        if r.room_type == "ve_sinh":
            toilets[r.site_id] += r.count
    sites = [_site_row(s, rooms[s.id], toilets[s.id]) for s in Site.select()]
    return sorted(sites, key=lambda s: (not s.is_main, text_sort_key(s.name)))


def _check_site(form: SiteForm, site_id: int | None) -> dict:
    chk = FormCheck()
    values = {
        "name": chk.text("name", form.name, required=True, max_len=100, what=_("tên điểm trường")),
        "is_main": _flag(form.is_main),
        "address": chk.text("address", form.address, max_len=200),
        "distance_km": _number(chk, "distance_km", form.distance_km, _("khoảng cách (km)")),
        "water_source": chk.choice("water_source", form.water_source, WATER_SOURCES, what=_("nguồn nước")),
        "clean_water": _flag(form.clean_water),
        "note": chk.text("note", form.note, max_len=300),
    }
    if values["clean_water"] and values["water_source"] == "Không có":  # i18n-skip: a stored value
        chk.error("clean_water", _("Điểm trường không có nguồn nước thì không thể có nước sạch."))
    others = Site.select()
    if site_id is not None:
        others = others.where(Site.id != site_id)
    if values["name"] and others.where(Site.name == values["name"]).exists():
        chk.error("name", _("Đã có điểm trường «{name}».").format(name=values["name"]))
    main = others.where(Site.is_main == True).first()  # noqa: E712  (peewee expression)
    if values["is_main"] and main is not None:
        chk.error("is_main", _("Trường đã có điểm chính «{name}»: mỗi trường chỉ có một điểm chính.").format(
            name=main.name))
    if chk.errors:
        raise ValidationError(chk.errors)
    return values


def create_site(form: SiteForm) -> SiteRow:
    permissions.require("facilities.edit")
    with database.atomic():
        values = _check_site(form, None)
        return _site_row(Site.create(**values))


def update_site(site_id: int, form: SiteForm) -> SiteRow:
    permissions.require("facilities.edit")
    with database.atomic():
        site = Site.get_or_none(Site.id == site_id)
        if site is None:
            raise NotFound(_("Không có điểm trường số {id}.").format(id=site_id))
        for key, value in _check_site(form, site_id).items():
            setattr(site, key, value)
        site.save()
        return _site_row(site)


def delete_site(site_id: int) -> None:
    permissions.require("facilities.edit")
    with database.atomic():
        site = Site.get_or_none(Site.id == site_id)
        if site is None:
            raise NotFound(_("Không có điểm trường số {id}.").format(id=site_id))
        if RoomLine.select().where(RoomLine.site == site_id).exists():
            raise ValidationError({"name": _("Điểm trường «{name}» còn phòng: xóa các dòng phòng trước.").format(
                name=site.name)})
        site.delete_instance()


def find_site(name: str) -> SiteRow:
    """The site with this name, ignoring case and diacritics."""
    wanted = fold(name or "").strip()
    for s in list_sites():
        if fold(s.name) == wanted:
            return s
    known = ", ".join(s.name for s in list_sites()) or _("chưa có điểm trường nào")
    raise NotFound(_("Không có điểm trường «{name}» ({known}).").format(name=name, known=known))


# ---------------------------------------------------------------- rooms


@dataclass
class RoomForm:
    site_id: int | None = None
    room_type: str = ""
    condition: str = ""
    count: str = ""
    area_m2: str = ""
    in_use_from: str = ""
    in_use_until: str = ""
    note: str = ""


@dataclass(frozen=True)
class RoomRow:
    id: int
    site_id: int
    site_name: str
    room_type: str
    condition: str
    count: int
    area_m2: float | None
    in_use_from: dt.date | None
    in_use_until: dt.date | None
    note: str

    @property
    def type_label(self) -> str:
        return ROOM_TYPES.get(self.room_type, self.room_type)

    @property
    def condition_label(self) -> str:
        return ROOM_CONDITIONS.get(self.condition, self.condition)

    def in_use_on(self, day: dt.date) -> bool:
        return ((self.in_use_from is None or self.in_use_from <= day)
                and (self.in_use_until is None or self.in_use_until > day))


_TYPE_ORDER = {code: i for i, code in enumerate(ROOM_TYPES)}
_CONDITION_ORDER = {code: i for i, code in enumerate(ROOM_CONDITIONS)}


def _room_row(r: RoomLine, site_name: str) -> RoomRow:
    return RoomRow(r.id, r.site_id, site_name, r.room_type, r.condition, r.count, r.area_m2, r.in_use_from,
                   r.in_use_until, r.note)


def _all_lines() -> list[RoomRow]:
    names = {s.id: s.name for s in Site.select(Site.id, Site.name)}
    rows = [_room_row(r, names.get(r.site_id, "")) for r in RoomLine.select()]
    return sorted(rows, key=lambda r: (text_sort_key(r.site_name), _TYPE_ORDER.get(r.room_type, 99),
                                       _CONDITION_ORDER.get(r.condition, 9)))


def _lines_on(day: dt.date) -> list[RoomRow]:
    return [r for r in _all_lines() if r.in_use_on(day)]


def list_rooms(day: dt.date | None = None, *, site_id: int | None = None) -> list[RoomRow]:
    """Room lines by site, type and condition; only those in use on `day` when given."""
    rows = _all_lines() if day is None else _lines_on(day)
    return [r for r in rows if site_id is None or r.site_id == site_id]


def check_room(form: RoomForm, room_id: int | None = None) -> tuple[dict, FormCheck]:
    chk = FormCheck()
    site = Site.get_or_none(Site.id == form.site_id) if form.site_id is not None else None
    if site is None:
        chk.error("site_id", _("Cần chọn điểm trường."))
    values = {
        "site": form.site_id,
        "room_type": _key(ROOM_TYPES, chk, "room_type", form.room_type, _("loại phòng")),
        "condition": _key(ROOM_CONDITIONS, chk, "condition", form.condition, _("tình trạng")),
        "count": _number(chk, "count", form.count, _("số phòng"), integer=True, required=True),
        "area_m2": _number(chk, "area_m2", form.area_m2, _("diện tích (m²)")),
        "in_use_from": chk.date("in_use_from", form.in_use_from),
        "in_use_until": chk.date("in_use_until", form.in_use_until),
        "note": chk.text("note", form.note, max_len=300),
    }
    start, end = values["in_use_from"], values["in_use_until"]
    if start and end and end <= start:
        chk.error("in_use_until", _("Ngày thôi sử dụng phải sau ngày bắt đầu sử dụng."))
    if values["count"] == 0 and values["area_m2"]:
        chk.error("area_m2", _("Không có phòng nào thì không có diện tích."))
    if site is not None and values["room_type"] and values["condition"]:
        clash = RoomLine.select().where((RoomLine.site == site.id) & (RoomLine.room_type == values["room_type"])
                                        & (RoomLine.condition == values["condition"]))
        if room_id is not None:
            clash = clash.where(RoomLine.id != room_id)
        if clash.exists():
            chk.error("room_type", _("Điểm «{site}» đã có dòng {room_type} {condition}: hãy sửa dòng đó.").format(
                site=site.name, room_type=_(ROOM_TYPES[values["room_type"]]).lower(),
                condition=_(ROOM_CONDITIONS[values["condition"]]).lower()))
    return values, chk


def create_room(form: RoomForm) -> RoomRow:
    permissions.require("facilities.edit")
    with database.atomic():
        values, chk = check_room(form)
        chk.raise_if_errors()
        line = RoomLine.create(**values)
        return _room_row(line, Site.get_by_id(line.site_id).name)


def update_room(room_id: int, form: RoomForm) -> RoomRow:
    permissions.require("facilities.edit")
    with database.atomic():
        line = RoomLine.get_or_none(RoomLine.id == room_id)
        if line is None:
            raise NotFound(_("Không có dòng phòng số {id}.").format(id=room_id))
        values, chk = check_room(form, room_id)
        chk.raise_if_errors()
        for key, value in values.items():
            setattr(line, key, value)
        line.save()
        return _room_row(line, Site.get_by_id(line.site_id).name)


def delete_room(room_id: int) -> None:
    permissions.require("facilities.edit")
    with database.atomic():
        if RoomLine.delete().where(RoomLine.id == room_id).execute() == 0:
            raise NotFound(_("Không có dòng phòng số {id}.").format(id=room_id))


def room_form_for(room_id: int) -> RoomForm:
    from mamnon.formats import format_date
    from mamnon.services.staff_quality import number_text

    r = RoomLine.get_or_none(RoomLine.id == room_id)
    if r is None:
        raise NotFound(_("Không có dòng phòng số {id}.").format(id=room_id))
    return RoomForm(site_id=r.site_id, room_type=r.room_type, condition=r.condition, count=str(r.count),
                    area_m2=number_text(r.area_m2, 2), in_use_from=format_date(r.in_use_from),
                    in_use_until=format_date(r.in_use_until), note=r.note)


def room_counts(day: dt.date) -> dict[str, dict[str, int]]:
    """Rooms in use on `day`, whole school: {room type: {condition: count, …, "total": count}}, every type."""
    out = {t: {**{c: 0 for c in ROOM_CONDITIONS}, "total": 0} for t in ROOM_TYPES}
    for r in _lines_on(day):
        if r.room_type in out and r.condition in ROOM_CONDITIONS:
            out[r.room_type][r.condition] += r.count
            out[r.room_type]["total"] += r.count
    return out


# ---------------------------------------------------------------- equipment


@dataclass(frozen=True)
class EquipmentLine:
    item: EquipmentItem
    required: int
    present: int | None
    """None: never counted."""
    counted_on: dt.date | None

    @property
    def shortfall(self) -> int | None:
        return None if self.present is None else max(0, self.required - self.present)


def _class_count(day: dt.date) -> int:
    from mamnon.services.classes import list_classes
    from mamnon.services.staff_quality import _year_on

    year = _year_on(day)
    return len(list_classes(year.id)) if year is not None else 0


def equipment_status(day: dt.date | None = None) -> list[EquipmentLine]:
    """Each item of the minimum list: needed for the day's classes, counted, short."""
    day = day or dt.date.today()
    classes = _class_count(day)
    counts = {e.item_code: e for e in EquipmentCount.select()}
    out = []
    for item in EQUIPMENT_MINIMUM:
        c = counts.get(item.code)
        out.append(EquipmentLine(item, item.per_class * classes, c.quantity if c else None,
                                 c.counted_on if c else None))
    return out


def _find_item(code_or_name: str) -> EquipmentItem:
    wanted = fold(code_or_name or "").strip()
    for item in EQUIPMENT_MINIMUM:
        if fold(item.code) == wanted or fold(item.name) == wanted:
            return item
    raise NotFound(_("Không có thiết bị «{name}» trong danh mục tối thiểu ({codes}).").format(
        name=code_or_name, codes=", ".join(i.code for i in EQUIPMENT_MINIMUM)))


def set_equipment_count(code: str, quantity: object, counted_on: dt.date | None = None,
                        note: str = "") -> EquipmentLine:
    """Record how many of an item the school has (a negative or non-whole number is refused)."""
    permissions.require("facilities.edit")
    item = EQUIPMENT_BY_CODE.get(code) or _find_item(code)
    chk = FormCheck()
    value = _number(chk, "quantity", quantity, _("số lượng {item}").format(item=_(item.name).lower()), integer=True, required=True)
    note = chk.text("note", note, max_len=300)
    chk.raise_if_errors()
    with database.atomic():
        row = EquipmentCount.get_or_none(EquipmentCount.item_code == item.code)
        if row is None:
            EquipmentCount.create(item_code=item.code, quantity=value, counted_on=counted_on, note=note)
        else:
            row.quantity, row.counted_on, row.note = value, counted_on, note
            row.save()
    return next(line for line in equipment_status(counted_on) if line.item.code == item.code)


# ---------------------------------------------------------------- indicators


def facility_sums(day: dt.date) -> Counter:
    """The indicator sums of «Cơ sở vật chất» on `day`."""
    sums: Counter = Counter()
    sites = list(Site.select())
    sums["CSVC_DIEM_TRUONG"] = len(sites)
    sums["CSVC_DIEM_LE"] = sum(not s.is_main for s in sites)
    sums["CSVC_DIEM_NUOC_SACH"] = sum(bool(s.clean_water) for s in sites)
    area_total = area_classroom = 0.0
    for r in _lines_on(day):
        sums["CSVC_PHONG"] += r.count
        sums[f"CSVC_P_{r.condition.upper()}"] += r.count
        sums[f"CSVC_P_{r.room_type.upper()}"] += r.count
        area_total += r.area_m2 or 0
        if r.room_type == "phong_hoc":
            area_classroom += r.area_m2 or 0
    sums["CSVC_DT_TONG"] = round(area_total, 1)
    sums["CSVC_DT_PHONG_HOC"] = round(area_classroom, 1)
    for line in equipment_status(day):
        if line.present is None:
            sums["CSVC_TB_CHUA_KIEM_KE"] += 1
        elif line.shortfall:
            sums["CSVC_TB_MUC_THIEU"] += 1
            sums["CSVC_TB_THIEU"] += line.shortfall
    return sums
