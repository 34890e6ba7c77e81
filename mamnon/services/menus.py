"""Dishes, nutrition norm sets and menu days, and the daily portion calculation.

A dish (món ăn) lists foods with edible grams per child, separately for nhà trẻ
and mẫu giáo. A menu day is one date and stage with its meals (bữa sáng / trưa /
chiều / phụ) and dishes, the number of children eating and the day's fee per
child. `calculate_day()` loads a day and hands plain values to `mamnon.nutrition`.

Norm sets live in one table, one row per (set, version, stage), seeded from
mamnon/data/norms.json; the school year's choice is a setting
("meals.norm_set.<year id>"), by default the current TT 28/2016 set.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from peewee import fn

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.i18n import _
from mamnon.models import Dish, DishIngredient, Food, MenuDay, MenuItem, NormSet, SchoolYear, Setting
from mamnon.models.meals import MEALS, STAGES
from mamnon.nutrition import MAX_GRAMS_PER_CHILD, DayResult, Norm, NutritionError, Portion, calculate_day
from mamnon.reference import STAGE_LABELS
from mamnon.services.foods import _row as _food_row
from mamnon.services.foods import ensure_catalogue
from mamnon.services import audit, permissions
from mamnon.services.form_check import FormCheck
from mamnon.vntext import fold, text_sort_key

MEAL_LABELS = dict(MEALS)
MEAL_ORDER = {code: i for i, (code, _label) in enumerate(MEALS)}
NORM_FIELDS = ("energy_min", "energy_max", "protein_min_pct", "protein_max_pct", "lipid_min_pct", "lipid_max_pct",
               "glucid_min_pct", "glucid_max_pct", "animal_protein_min_pct")


# --- dishes -----------------------------------------------------------------------------


@dataclass
class IngredientForm:
    food_id: int | None = None
    grams_nha_tre: str = ""
    grams_mau_giao: str = ""
    """Edible grams per child; "" = the food is not in this dish for that stage."""


@dataclass
class DishForm:
    name: str = ""
    note: str = ""
    ingredients: list[IngredientForm] = field(default_factory=list)
    active: bool = True
    row_version: int | None = None
    """The dish's row_version when the form was opened (DishRow); None: save without the check."""


@dataclass(frozen=True)
class IngredientRow:
    food_id: int
    food_code: str
    food_name: str
    stage: str
    grams: float


@dataclass(frozen=True)
class DishRow:
    id: int
    name: str
    note: str
    active: bool
    ingredients: tuple[IngredientRow, ...]
    row_version: int | None = field(default=None, compare=False)

    def for_stage(self, stage: str) -> tuple[IngredientRow, ...]:
        return tuple(i for i in self.ingredients if i.stage == stage)


def _dish_row(d: Dish) -> DishRow:
    ingredients = (DishIngredient.select(DishIngredient, Food).join(Food)
                   .where(DishIngredient.dish == d.id).order_by(DishIngredient.id))
    return DishRow(d.id, d.name, d.note, d.active, tuple(
        IngredientRow(i.food.id, i.food.code, i.food.name, i.stage, i.grams) for i in ingredients), d.row_version)


def get_dish(dish_id: int) -> DishRow:
    d = Dish.get_or_none(Dish.id == dish_id)
    if d is None:
        raise NotFound(_("Không có món ăn số {id}.").format(id=dish_id))
    return _dish_row(d)


def list_dishes(search: str = "", *, include_inactive: bool = False) -> list[DishRow]:
    query = Dish.select()
    if not include_inactive:
        query = query.where(Dish.active == True)  # noqa: E712
    words = fold(search).split()
    rows = [_dish_row(d) for d in query if all(w in fold(d.name) for w in words)]
    rows.sort(key=lambda r: text_sort_key(r.name))
    return rows


def _grams(chk: FormCheck, key: str, text: str, food_name: str) -> float | None:
    clean = (text or "").strip().replace(",", ".")
    if not clean:
        return None
    try:
        value = float(clean)
    except ValueError:
        chk.error(key, _("Định lượng «{food}» phải là một số (gam).").format(food=food_name))
        return None
    if not value > 0:
        chk.error(key, _("Định lượng «{food}» phải lớn hơn 0 g.").format(food=food_name))
        return None
    if value > MAX_GRAMS_PER_CHILD:
        chk.error(key, _("Định lượng «{food}» quá {limit} g một trẻ: kiểm tra lại số.").format(
            food=food_name, limit=f"{MAX_GRAMS_PER_CHILD:g}"))
        return None
    return value


def check_dish(form: DishForm, *, dish_id: int | None = None) -> tuple[dict, list[tuple[int, str, float]], FormCheck]:
    chk = FormCheck()
    name = chk.text("name", form.name, required=True, max_len=120, what=_("tên món ăn"))
    if name:
        clash = Dish.select().where(Dish.name == name)
        if dish_id is not None:
            clash = clash.where(Dish.id != dish_id)
        if clash.exists():
            chk.error("name", _("Đã có món «{name}».").format(name=name))
    rows: list[tuple[int, str, float]] = []
    seen: set[int] = set()
    for n, ing in enumerate(form.ingredients):
        key = f"ingredients.{n}"
        food = Food.get_or_none(Food.id == ing.food_id) if ing.food_id else None
        if food is None:
            chk.error(key, _("Chọn thực phẩm cho dòng này."))
            continue
        if food.id in seen:
            chk.error(key, _("«{food}» có hai lần trong món: gộp thành một dòng.").format(food=food.name))
            continue
        seen.add(food.id)
        nt = _grams(chk, f"{key}.nha_tre", ing.grams_nha_tre, food.name)
        mg = _grams(chk, f"{key}.mau_giao", ing.grams_mau_giao, food.name)
        if nt is None and mg is None and f"{key}.nha_tre" not in chk.errors and f"{key}.mau_giao" not in chk.errors:
            chk.error(key, _("Cần nhập định lượng «{food}» cho nhà trẻ hoặc mẫu giáo.").format(food=food.name))
        for stage, grams in (("nha_tre", nt), ("mau_giao", mg)):
            if grams is not None:
                rows.append((food.id, stage, grams))
    if not form.ingredients:
        chk.error("ingredients", _("Món ăn cần ít nhất một thực phẩm."))
    values = {"name": name, "note": chk.text("note", form.note, max_len=500), "active": bool(form.active)}
    return values, rows, chk


def create_dish(form: DishForm) -> DishRow:
    permissions.require("menus.edit")
    values, rows, chk = check_dish(form)
    chk.raise_if_errors()
    with database.atomic():
        d = Dish.create(**values)
        for food_id, stage, grams in rows:
            DishIngredient.create(dish=d, food=food_id, stage=stage, grams=grams)
    return _dish_row(d)


def update_dish(dish_id: int, form: DishForm) -> DishRow:
    permissions.require("menus.edit")
    d = Dish.get_or_none(Dish.id == dish_id)
    if d is None:
        raise NotFound(_("Không có món ăn số {id}.").format(id=dish_id))
    values, rows, chk = check_dish(form, dish_id=dish_id)
    chk.raise_if_errors()
    with database.atomic():
        for key, value in values.items():
            setattr(d, key, value)
        d.expect_version(form.row_version)  # ConcurrentEdit when someone saved the dish meanwhile
        d.save()
        DishIngredient.delete().where(DishIngredient.dish == dish_id).execute()
        for food_id, stage, grams in rows:
            DishIngredient.create(dish=d, food=food_id, stage=stage, grams=grams)
    return _dish_row(d)


def delete_dish(dish_id: int) -> None:
    """Remove a dish no menu day uses; a used dish can be set inactive instead."""
    permissions.require("menus.edit")
    d = Dish.get_or_none(Dish.id == dish_id)
    if d is None:
        raise NotFound(_("Không có món ăn số {id}.").format(id=dish_id))
    if MenuItem.select().where(MenuItem.dish == dish_id).exists():
        raise ValidationError({"dish": _("Món «{name}» đã có trong thực đơn nên không xóa được (sổ sách các ngày "
                                         "đã qua không được thay đổi). Có thể ngừng dùng món này.").format(name=d.name)})
    with database.atomic():
        DishIngredient.delete().where(DishIngredient.dish == dish_id).execute()
        d.delete_instance()


# --- norm sets --------------------------------------------------------------------------


@dataclass(frozen=True)
class NormSetRow:
    id: int
    code: str
    version: int
    name: str
    stage: str
    energy_min: float | None
    energy_max: float | None
    protein_min_pct: float | None
    protein_max_pct: float | None
    lipid_min_pct: float | None
    lipid_max_pct: float | None
    glucid_min_pct: float | None
    glucid_max_pct: float | None
    animal_protein_min_pct: float | None
    source: str
    note: str
    daily_need_min: float | None = None
    daily_need_max: float | None = None
    meal_split: tuple[tuple[str, float, float], ...] = ()

    def norm(self) -> Norm:
        return Norm(self.name, *(getattr(self, f) for f in NORM_FIELDS), source=self.source,
                    daily_need_min=self.daily_need_min, daily_need_max=self.daily_need_max,
                    meal_split=self.meal_split)


def _split_from_json(text: str) -> tuple[tuple[str, float, float], ...]:
    return tuple((str(m), float(lo), float(hi)) for m, lo, hi in json.loads(text)) if text else ()


def _split_to_json(split) -> str:
    return json.dumps([[m, lo, hi] for m, lo, hi in split]) if split else ""


def _norm_row(n: NormSet) -> NormSetRow:
    return NormSetRow(n.id, n.code, n.version, n.name, n.stage, *(getattr(n, f) for f in NORM_FIELDS),
                      n.source, n.note, n.daily_need_min, n.daily_need_max, _split_from_json(n.meal_split))


@lru_cache(maxsize=1)
def _norms_file() -> dict:
    """The shipped norm sets; read once (a year of daily calculations asked for it per day)."""
    return json.loads(resources.files("mamnon").joinpath("data", "norms.json").read_text(encoding="utf-8"))


def default_norm_code() -> str:
    return _norms_file()["default"]


def seed_norm_sets() -> int:
    """Add the shipped sets (version 1) that are missing; returns how many rows were added."""
    added = 0
    with database.atomic():
        for s in _norms_file()["sets"]:
            for stage, figures in s["stages"].items():
                exists = NormSet.select().where((NormSet.code == s["code"]) & (NormSet.version == s["version"])
                                                & (NormSet.stage == stage)).exists()
                if not exists:
                    NormSet.create(code=s["code"], version=s["version"], name=s["name"], stage=stage,
                                   **{f: figures.get(f) for f in NORM_FIELDS},
                                   source=figures.get("source", ""), note=figures.get("note", ""),
                                   daily_need_min=figures.get("daily_need_min"),
                                   daily_need_max=figures.get("daily_need_max"),
                                   meal_split=_split_to_json(figures.get("meal_split") or ()))
                    added += 1
    return added


def _ensure_norms() -> None:
    if not NormSet.select().exists():
        seed_norm_sets()


def list_norm_sets() -> list[NormSetRow]:
    """The latest version of every set and stage, by code then stage."""
    _ensure_norms()
    latest = {}
    for n in NormSet.select().order_by(NormSet.code, NormSet.stage, NormSet.version):
        latest[(n.code, n.stage)] = n
    return [_norm_row(n) for _key, n in sorted(latest.items(), key=lambda kv: (kv[0][0], STAGES.index(kv[0][1])
                                                                             if kv[0][1] in STAGES else 9))]


def get_norm_set(code: str, stage: str, version: int | None = None) -> NormSetRow:
    _ensure_norms()
    query = NormSet.select().where((NormSet.code == code) & (NormSet.stage == stage))
    if version is not None:
        query = query.where(NormSet.version == version)
    n = query.order_by(NormSet.version.desc()).first()
    if n is None:
        raise NotFound(_("Không có định mức «{code}» cho {stage}.").format(
            code=code, stage=_(STAGE_LABELS.get(stage, stage)).lower()))
    return _norm_row(n)


@dataclass
class NormForm:
    """Figures as typed ("" = no figure); the source text is required."""

    name: str = ""
    energy_min: str = ""
    energy_max: str = ""
    protein_min_pct: str = ""
    protein_max_pct: str = ""
    lipid_min_pct: str = ""
    lipid_max_pct: str = ""
    glucid_min_pct: str = ""
    glucid_max_pct: str = ""
    animal_protein_min_pct: str = ""
    source: str = ""
    note: str = ""
    daily_need_min: str = ""
    daily_need_max: str = ""
    meal_split: str = ""
    """As typed: "trưa 30-35; chiều 25-30; phụ 5-10" (% of the whole-day need)."""  # i18n-skip: an example


# The meal split is typed and stored with the Vietnamese meal words, in any interface language.
_MEAL_WORDS = {fold(label.replace("Bữa ", "")): code  # i18n-skip: the stored meal names
               for code, label in MEALS} | {code: code for code, _label in MEALS}


def format_meal_split(split) -> str:
    """(("trua", 30, 35), ("chieu+phu", 15, 25)) → "trưa 30–35; chiều+phụ 15–25"."""
    words = {code: label.replace("Bữa ", "") for code, label in MEALS}  # i18n-skip: the stored meal names
    def pct(x: float) -> str:
        return f"{x:g}".replace(".", ",")

    return "; ".join(f"{'+'.join(words.get(m, m) for m in key.split('+'))} {pct(lo)}–{pct(hi)}"
                     for key, lo, hi in split)


_SPLIT_ITEM = re.compile(r"^(.+?)\s+(\d+(?:[.,]\d+)?)\s*[-–]\s*(\d+(?:[.,]\d+)?)\s*%?$")


def parse_meal_split(text: str) -> tuple[tuple[str, float, float], ...]:
    """The typed meal split; ValueError with a message when it cannot be read."""
    out = []
    for part in (p.strip() for p in (text or "").split(";")):
        if not part:
            continue
        m = _SPLIT_ITEM.match(part)
        if not m:
            raise ValueError(_("«{part}»: ghi dạng «trưa 30-35» (bữa, % thấp nhất - % cao nhất).").format(part=part))
        meals = []
        for word in m.group(1).split("+"):
            code = _MEAL_WORDS.get(fold(word.replace("bữa", "").replace("Bữa", "")).strip())  # i18n-skip: typed
            if code is None:
                raise ValueError(_("«{word}» không phải một bữa (sáng, trưa, chiều, phụ).").format(word=word.strip()))
            meals.append(code)
        low, high = float(m.group(2).replace(",", ".")), float(m.group(3).replace(",", "."))
        if not 0 <= low <= high <= 100:
            raise ValueError(_("«{part}»: tỷ lệ phải từ 0 đến 100 %, mức dưới không lớn hơn mức trên.").format(
                part=part))
        out.append(("+".join(meals), low, high))
    return tuple(out)


def norm_form_for(code: str, stage: str) -> NormForm:
    r = get_norm_set(code, stage)
    text = lambda v: "" if v is None else f"{v:g}"  # noqa: E731
    return NormForm(r.name, *(text(getattr(r, f)) for f in NORM_FIELDS), source=r.source, note=r.note,
                    daily_need_min=text(r.daily_need_min), daily_need_max=text(r.daily_need_max),
                    meal_split=format_meal_split(r.meal_split))


def save_norm_version(code: str, stage: str, form: NormForm) -> NormSetRow:
    """Store edited figures of a set's stage as a new version (older versions stay as they were)."""
    permissions.require("menus.edit")
    if stage not in STAGES:
        raise ValidationError({"stage": _("Cấp học phải là nhà trẻ hoặc mẫu giáo.")})
    chk = FormCheck()
    code = chk.text("code", code, required=True, max_len=40, what=_("mã định mức"))
    values: dict = {"name": chk.text("name", form.name, required=True, max_len=120, what=_("tên định mức")),
                    "source": chk.text("source", form.source, required=True, max_len=2000, what=_("nguồn")),
                    "note": chk.text("note", form.note, max_len=2000)}
    for f in NORM_FIELDS:
        clean = (getattr(form, f) or "").strip().replace(",", ".")
        value = None
        if clean:
            try:
                value = float(clean)
            except ValueError:
                chk.error(f, _("Phải là một số."))
            else:
                if value < 0 or (f.endswith("_pct") and value > 100):
                    chk.error(f, _("Tỷ lệ phải từ 0 đến 100 %.") if f.endswith("_pct") else _("Không được âm."))
                    value = None
        values[f] = value
    for f in ("daily_need_min", "daily_need_max"):
        clean = (getattr(form, f) or "").strip().replace(",", ".")
        values[f] = None
        if clean:
            try:
                values[f] = float(clean)
            except ValueError:
                chk.error(f, _("Phải là một số (kcal một ngày)."))
            else:
                if not 0 < values[f] <= 5000:
                    chk.error(f, _("Nhu cầu cả ngày phải từ 1 đến 5000 kcal."))
                    values[f] = None
    try:
        values["meal_split"] = _split_to_json(parse_meal_split(form.meal_split))
    except ValueError as exc:
        chk.error("meal_split", str(exc))
    if values.get("meal_split") and (values["daily_need_min"] is None or values["daily_need_max"] is None):
        chk.error("daily_need_min", _("Cần nhu cầu năng lượng cả ngày để tính tỷ lệ các bữa."))
    for low, high in (("daily_need_min", "daily_need_max"),
                      ("energy_min", "energy_max"), ("protein_min_pct", "protein_max_pct"),
                      ("lipid_min_pct", "lipid_max_pct"), ("glucid_min_pct", "glucid_max_pct")):
        if values[low] is not None and values[high] is not None and values[low] > values[high]:
            chk.error(high, _("Mức trên phải lớn hơn hoặc bằng mức dưới."))
    chk.raise_if_errors()
    _ensure_norms()
    with database.atomic():
        top = NormSet.select(fn.MAX(NormSet.version)).where(
            (NormSet.code == code) & (NormSet.stage == stage)).scalar() or 0
        n = NormSet.create(code=code, version=top + 1, stage=stage, **values)
    return _norm_row(n)


def _setting_key(year_id: int) -> str:
    return f"meals.norm_set.{year_id}"


def choose_norm_set(code: str, year_id: int) -> None:
    """Use the norm set `code` for the school year."""
    permissions.require("menus.edit")
    _ensure_norms()
    if not NormSet.select().where(NormSet.code == code).exists():
        raise ValidationError({"norm_set": _("Không có định mức «{code}».").format(code=code)})
    if SchoolYear.get_or_none(SchoolYear.id == year_id) is None:
        raise NotFound(_("Không có năm học số {id}.").format(id=year_id))
    with database.atomic():
        audit.set_setting(_setting_key(year_id), code)


def norm_code_for(date: dt.date) -> str:
    """The norm set chosen for the school year containing `date` (the default one otherwise)."""
    year = SchoolYear.get_or_none((SchoolYear.start_date <= date) & (SchoolYear.end_date >= date))
    if year is not None:
        s = Setting.get_or_none(Setting.key == _setting_key(year.id))
        if s is not None:
            return s.value
    return default_norm_code()


# --- menu days --------------------------------------------------------------------------


@dataclass
class MenuDayForm:
    date: str | dt.date = ""
    stage: str = ""
    children_count: str = ""
    fee_per_child: str = ""
    note: str = ""
    items: list[tuple[str, int]] = field(default_factory=list)
    """(meal code "sang"/"trua"/"chieu"/"phu", dish id) in serving order."""


@dataclass(frozen=True)
class MenuItemRow:
    meal: str
    dish_id: int
    dish_name: str

    @property
    def meal_label(self) -> str:
        return MEAL_LABELS.get(self.meal, self.meal)


@dataclass(frozen=True)
class MenuDayRow:
    id: int
    date: dt.date
    stage: str
    children_count: int | None
    fee_per_child: int | None
    note: str
    items: tuple[MenuItemRow, ...]


def _menu_row(m: MenuDay) -> MenuDayRow:
    items = (MenuItem.select(MenuItem, Dish).join(Dish).where(MenuItem.menu_day == m.id)
             .order_by(MenuItem.position, MenuItem.id))
    ordered = sorted(items, key=lambda i: (MEAL_ORDER.get(i.meal, 9), i.position))
    return MenuDayRow(m.id, m.date, m.stage, m.children_count, m.fee_per_child, m.note,
                      tuple(MenuItemRow(i.meal, i.dish.id, i.dish.name) for i in ordered))


def get_menu_day(date: dt.date, stage: str) -> MenuDayRow:
    m = MenuDay.get_or_none((MenuDay.date == date) & (MenuDay.stage == stage))
    if m is None:
        raise _no_menu(date, stage)
    return _menu_row(m)


def _no_menu(date: dt.date, stage: str) -> NotFound:
    return NotFound(_("Chưa có thực đơn {stage} ngày {day}.").format(
        stage=_(STAGE_LABELS.get(stage, stage)).lower(), day=f"{date:%d/%m/%Y}"))


def list_menu_days(start: dt.date, end: dt.date, stage: str | None = None) -> list[MenuDayRow]:
    query = MenuDay.select().where((MenuDay.date >= start) & (MenuDay.date <= end))
    if stage is not None:
        query = query.where(MenuDay.stage == stage)
    return [_menu_row(m) for m in query.order_by(MenuDay.date, MenuDay.stage)]


def _int(chk: FormCheck, key: str, text: str, what: str) -> int | None:
    clean = str(text if text is not None else "").strip().replace(".", "").replace(" ", "").removesuffix("đ")  # i18n-skip: the money unit typed
    if not clean:
        return None
    try:
        return int(clean)
    except ValueError:
        chk.error(key, _("{what} phải là số nguyên.").format(what=what.capitalize()))
        return None


def check_menu_day(form: MenuDayForm) -> tuple[dict, list[tuple[str, int]], FormCheck]:
    chk = FormCheck()
    date = chk.date("date", form.date, required=True, what=_("ngày"))
    stage = form.stage if form.stage in STAGES else ""
    if not stage:
        chk.error("stage", _("Chọn nhà trẻ hoặc mẫu giáo."))
    children = _int(chk, "children_count", form.children_count, _("số trẻ ăn"))
    if children is not None and children <= 0:
        chk.error("children_count", _("Số trẻ ăn phải lớn hơn 0 (để trống nếu chưa biết)."))
    fee = _int(chk, "fee_per_child", form.fee_per_child, _("tiền ăn một trẻ"))
    if fee is not None and fee <= 0:
        chk.error("fee_per_child", _("Tiền ăn một trẻ một ngày phải lớn hơn 0 đ."))
    items: list[tuple[str, int]] = []
    if not form.items:
        chk.error("items", _("Thực đơn cần ít nhất một món."))
    for n, (meal, dish_id) in enumerate(form.items):
        key = f"items.{n}"
        if meal not in MEAL_LABELS:
            chk.error(key, _("Chọn bữa: sáng, trưa, chiều hoặc phụ."))
            continue
        dish = Dish.get_or_none(Dish.id == dish_id) if dish_id else None
        if dish is None:
            chk.error(key, _("Chọn món ăn cho dòng này."))
            continue
        if (meal, dish.id) in items:
            chk.error(key, _("Món «{dish}» có hai lần trong {meal}.").format(dish=dish.name,
                                                                            meal=_(MEAL_LABELS[meal]).lower()))
            continue
        if stage and not DishIngredient.select().where((DishIngredient.dish == dish.id)
                                                       & (DishIngredient.stage == stage)).exists():
            chk.error(key, _("Món «{dish}» chưa có định lượng cho {stage}.").format(
                dish=dish.name, stage=_(STAGE_LABELS[stage]).lower()))
            continue
        items.append((meal, dish.id))
    if date and stage:
        values = {"date": date, "stage": stage}
    else:
        values = {}
    values.update(children_count=children, fee_per_child=fee, note=chk.text("note", form.note, max_len=500))
    return values, items, chk


def save_menu_day(form: MenuDayForm) -> MenuDayRow:
    """Create or replace the menu of a date and stage (all or nothing)."""
    permissions.require("menus.edit")
    values, items, chk = check_menu_day(form)
    chk.raise_if_errors()
    with database.atomic():
        m = MenuDay.get_or_none((MenuDay.date == values["date"]) & (MenuDay.stage == values["stage"]))
        if m is None:
            m = MenuDay.create(**values)
        else:
            for key, value in values.items():
                setattr(m, key, value)
            m.save()
        _store_items(m, items)
    return _menu_row(m)


def _store_items(m: MenuDay, items: list[tuple[str, int]]) -> None:
    # Only the dishes that changed are written, so the audit trail shows what was really edited.
    wanted = {(meal, dish_id): position for position, (meal, dish_id) in enumerate(items)}
    for item in MenuItem.select().where(MenuItem.menu_day == m.id):
        position = wanted.pop((item.meal, item.dish_id), None)
        if position is None:
            item.delete_instance()
        elif position != item.position:
            item.position = position
            item.save()
    for (meal, dish_id), position in wanted.items():
        MenuItem.create(menu_day=m, meal=meal, dish=dish_id, position=position)


def delete_menu_day(date: dt.date, stage: str) -> None:
    m = MenuDay.get_or_none((MenuDay.date == date) & (MenuDay.stage == stage))
    if m is None:
        raise _no_menu(date, stage)
    permissions.require("menus.edit")
    with database.atomic():
        audit.delete_where(MenuItem, MenuItem.menu_day == m.id)
        m.delete_instance()


# --- the daily calculation ----------------------------------------------------------------


@dataclass(frozen=True)
class DayReport:
    menu: MenuDayRow
    norm: NormSetRow | None
    result: DayResult
    children_source: str = "typed"
    """"attendance" when every class of the stage recorded that day, else "typed" (MenuDay.children_count)."""


def children_for(date: dt.date, stage: str, typed: int | None) -> tuple[int | None, str]:
    """Children eating: from the day's attendance when every class of the stage has recorded it,
    otherwise the number typed on the menu day (None when neither exists)."""
    from mamnon.services.attendance import children_eating

    counted = children_eating(date, stage)
    if counted is not None:
        return counted, "attendance"
    return typed, "typed"


def day_portions(menu: MenuDayRow) -> list[Portion]:
    """Every ingredient of every dish of the day, for the day's stage (edible g per child)."""
    return [p for _meal, p in _meal_portions(menu)]


def portions_by_meal(menu: MenuDayRow) -> dict[str, list[Portion]]:
    """Meal code → its portions, meals in serving order."""
    out: dict[str, list[Portion]] = {}
    for meal, p in _meal_portions(menu):
        out.setdefault(meal, []).append(p)
    return dict(sorted(out.items(), key=lambda kv: MEAL_ORDER.get(kv[0], 99)))


def _meal_portions(menu: MenuDayRow) -> list[tuple[str, Portion]]:
    ensure_catalogue()
    by_dish: dict[int, list] = {}
    query = (DishIngredient.select(DishIngredient, Food).join(Food)
             .where(DishIngredient.dish.in_({item.dish_id for item in menu.items})
                    & (DishIngredient.stage == menu.stage))
             .order_by(DishIngredient.id))
    for r in query:  # one query for the whole day, not one per dish
        by_dish.setdefault(r.dish_id, []).append(r)
    portions = []
    for item in menu.items:
        rows = by_dish.get(item.dish_id, [])
        if not rows:
            raise ValidationError({"items": _("Món «{dish}» chưa có định lượng cho {stage}.").format(
                dish=item.dish_name, stage=_(STAGE_LABELS[menu.stage]).lower())})
        portions += [(item.meal, Portion(_food_row(r.food).values(), r.grams)) for r in rows]
    return portions


def calculate_menu_day(date: dt.date, stage: str, *, norm_code: str | None = None) -> DayReport:
    """Per-child nutrition, the norm check, purchases and money of a saved menu day."""
    menu = get_menu_day(date, stage)
    children, source = children_for(date, stage, menu.children_count)
    if not children:
        if source == "attendance":
            message = _("Chưa có số trẻ ăn của ngày này (các lớp điểm danh không có trẻ nào có mặt).")
        else:
            message = _("Chưa có số trẻ ăn của ngày này (chưa nhập số trẻ ăn và các lớp chưa điểm danh đủ).")
        raise ValidationError({"children_count": message})
    if not menu.items:
        raise ValidationError({"items": _("Thực đơn ngày này chưa có món nào.")})
    meals = portions_by_meal(menu)
    portions = [p for ps in meals.values() for p in ps]
    code = norm_code or norm_code_for(date)
    try:
        norm = get_norm_set(code, stage)
    except NotFound:
        norm = None
    try:
        result = calculate_day(portions, children, menu.fee_per_child,
                               norm.norm() if norm is not None else None, meals)
    except NutritionError as exc:
        raise ValidationError({"menu": str(exc)}) from None
    return DayReport(menu, norm, result, source)
