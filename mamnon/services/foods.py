"""The food catalogue: the Vietnamese Food Composition Table 2007 plus the school's own foods.

`seed_catalogue()` loads the 526 foods shipped in mamnon/data/foods/vn_fct_2007.csv
(idempotent: foods already present, possibly with the school's prices, are left
alone); `list_foods()` seeds on first use. The table's names and nutrient values
are not edited; the school sets prices, suppliers, and may hide a food, or adds
its own foods (source "trường", codes T001, T002…).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.i18n import _
from mamnon.models import DishIngredient, Food
from mamnon.models.meals import SOURCE_FCT, SOURCE_SCHOOL
from mamnon.nutrition import FoodValues
from mamnon.services import permissions
from mamnon.services.form_check import FormCheck
from mamnon.vntext import fold, text_sort_key

CSV_NAME = "vn_fct_2007.csv"
FCT_SIZE = 526

# Groups of the table whose foods count as animal foods (animal-protein share).
ANIMAL_GROUPS = frozenset({
    "Meat and meat products", "Fish, shellfish and products", "Egg and products", "Milk and products",
})
# Animal foods in mixed groups: canned fish/meat, butter and lard, fish/shrimp sauces and pastes.
ANIMAL_CODES = frozenset({"11015", "11016", "11017", "11018", "11019", "11020", "11021",
                          "6001", "6003", "6004",
                          "13011", "13012", "13013", "13014", "13015", "13016", "13017", "13018"})


@dataclass(frozen=True)
class FoodRow:
    id: int
    code: str
    name: str
    group: str
    energy_kcal: float | None
    protein_g: float | None
    lipid_g: float | None
    glucid_g: float | None
    waste_pct: float | None
    is_animal: bool
    price_per_kg: int | None
    supplier: str
    active: bool
    source: str

    @property
    def from_table(self) -> bool:
        return self.source == SOURCE_FCT

    def values(self) -> FoodValues:
        return FoodValues(self.code, self.name, self.energy_kcal, self.protein_g, self.lipid_g, self.glucid_g,
                          self.waste_pct, self.is_animal, self.price_per_kg)


@dataclass
class FoodForm:
    """What a user typed; numbers as text ("" = unknown / not set)."""

    name: str = ""
    group: str = ""
    energy_kcal: str = ""
    protein_g: str = ""
    lipid_g: str = ""
    glucid_g: str = ""
    waste_pct: str = "0"
    is_animal: bool = False
    price_per_kg: str = ""
    supplier: str = ""
    active: bool = True


def _row(f: Food) -> FoodRow:
    return FoodRow(f.id, f.code, f.name, f.group, f.energy_kcal, f.protein_g, f.lipid_g, f.glucid_g, f.waste_pct,
                   f.is_animal, f.price_per_kg, f.supplier, f.active, f.source)


def _num(text: str) -> float | None:
    return None if text.strip() == "" else float(text)


def read_table() -> list[dict]:
    """The shipped table's rows as model values (names exactly as printed)."""
    raw = resources.files("mamnon").joinpath("data", "foods", CSV_NAME).read_text(encoding="utf-8")
    rows = []
    for r in csv.DictReader(io.StringIO(raw)):
        rows.append({
            "code": r["code"], "name": r["name_vi"].strip(), "group": r["group_vi"],
            "energy_kcal": _num(r["energy_kcal"]), "protein_g": _num(r["protein_g"]),
            "lipid_g": _num(r["lipid_g"]), "glucid_g": _num(r["glucid_g"]), "waste_pct": _num(r["waste_pct"]),
            "is_animal": r["group_en"] in ANIMAL_GROUPS or r["code"] in ANIMAL_CODES,
            "source": SOURCE_FCT,
        })
    return rows


def seed_catalogue() -> int:
    """Add the table's foods that are not in the database yet; returns how many were added."""
    present = {c for (c,) in Food.select(Food.code).tuples()}
    missing = [r for r in read_table() if r["code"] not in present]
    with database.atomic():
        for r in missing:
            Food.create(**r)
    return len(missing)


def ensure_catalogue() -> None:
    if not Food.select().where(Food.source == SOURCE_FCT).exists():
        seed_catalogue()


def list_foods(search: str = "", *, include_inactive: bool = False) -> list[FoodRow]:
    """Foods whose name or code matches every word of `search`, ignoring diacritics; by name."""
    ensure_catalogue()
    query = Food.select()
    if not include_inactive:
        query = query.where(Food.active == True)  # noqa: E712
    words = fold(search).split()
    rows = [_row(f) for f in query if all(w in fold(f"{f.name} {f.code}") for w in words)]
    rows.sort(key=lambda r: text_sort_key(r.name))
    return rows


def get_food(food_id: int) -> FoodRow:
    f = Food.get_or_none(Food.id == food_id)
    if f is None:
        raise NotFound(_("Không có thực phẩm số {id}.").format(id=food_id))
    return _row(f)


def get_food_by_code(code: str) -> FoodRow:
    ensure_catalogue()
    f = Food.get_or_none(Food.code == code)
    if f is None:
        raise NotFound(_("Không có thực phẩm mã {code}.").format(code=code))
    return _row(f)


def _number(chk: FormCheck, key: str, text: str, what: str, *, required: bool = False) -> float | None:
    clean = (text or "").strip().replace(",", ".")
    if not clean:
        if required:
            chk.error(key, _("Cần nhập {what}.").format(what=what))
        return None
    try:
        value = float(clean)
    except ValueError:
        chk.error(key, _("{what} phải là một số.").format(what=_capital(what)))
        return None
    if value != value or value in (float("inf"), float("-inf")):
        chk.error(key, _("{what} phải là một số.").format(what=_capital(what)))
        return None
    return value


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _price(chk: FormCheck, text: str) -> int | None:
    clean = (text or "").strip().replace(".", "").replace(" ", "").removesuffix("đ")  # i18n-skip: the money sign
    if not clean:
        return None
    try:
        value = int(clean)
    except ValueError:
        chk.error("price_per_kg", _("Giá phải là số đồng nguyên (ví dụ 120000)."))
        return None
    if value <= 0:
        chk.error("price_per_kg", _("Giá phải lớn hơn 0 đ/kg (để trống nếu chưa có giá)."))
        return None
    return value


def check_food(form: FoodForm, *, food_id: int | None = None) -> tuple[dict, FormCheck]:
    chk = FormCheck()
    name = chk.text("name", form.name, required=True, max_len=120, what=_("tên thực phẩm"))
    group = chk.text("group", form.group, max_len=120) or "Thực phẩm của trường"  # i18n-skip: the stored group
    values: dict = {"name": name, "group": group}
    nutrients = {"energy_kcal": _("năng lượng"), "protein_g": _("chất đạm"), "lipid_g": _("chất béo"),
                 "glucid_g": _("chất bột")}
    for key, what in nutrients.items():
        value = _number(chk, key, getattr(form, key), what)
        if value is not None and value < 0:
            chk.error(key, _("{what} không được âm.").format(what=_capital(what)))
        values[key] = value
    for key, top in (("protein_g", 100), ("lipid_g", 100), ("glucid_g", 100), ("energy_kcal", 900)):
        if values[key] is not None and values[key] > top and key not in chk.errors:
            unit = "kcal" if key == "energy_kcal" else "g"
            chk.error(key, _("{what} trong 100 g không thể quá {top} {unit}.").format(
                what=_capital(nutrients[key]), top=top, unit=unit))
    waste = _number(chk, "waste_pct", form.waste_pct, _("tỷ lệ thải bỏ"))
    if waste is not None and not 0 <= waste < 100:
        chk.error("waste_pct", _("Tỷ lệ thải bỏ phải từ 0 đến dưới 100 %."))
    values["waste_pct"] = waste
    values["price_per_kg"] = _price(chk, form.price_per_kg)
    values["supplier"] = chk.text("supplier", form.supplier, max_len=120)
    values["is_animal"] = bool(form.is_animal)
    values["active"] = bool(form.active)
    if name:
        clash = Food.select().where((Food.name == name) & (Food.source == SOURCE_SCHOOL))
        if food_id is not None:
            clash = clash.where(Food.id != food_id)
        if clash.exists():
            chk.error("name", _("Trường đã có thực phẩm «{name}».").format(name=name))
    return values, chk


def _next_code() -> str:
    taken = {c for (c,) in Food.select(Food.code).where(Food.code.startswith("T")).tuples()}
    n = 1
    while f"T{n:03d}" in taken:
        n += 1
    return f"T{n:03d}"


def create_food(form: FoodForm) -> FoodRow:
    """Add a food of the school's own (not in the 2007 table)."""
    permissions.require("menus.edit")
    values, chk = check_food(form)
    chk.raise_if_errors()
    with database.atomic():
        f = Food.create(code=_next_code(), source=SOURCE_SCHOOL, **values)
    return _row(f)


_TABLE_FIXED = ("name", "group", "energy_kcal", "protein_g", "lipid_g", "glucid_g", "waste_pct", "is_animal")


def update_food(food_id: int, form: FoodForm) -> FoodRow:
    """Edit a food. For the 2007 table's foods only price, supplier and active may change."""
    permissions.require("menus.edit")
    return _update_food(food_id, form)


def _update_food(food_id: int, form: FoodForm) -> FoodRow:
    f = Food.get_or_none(Food.id == food_id)
    if f is None:
        raise NotFound(_("Không có thực phẩm số {id}.").format(id=food_id))
    values, chk = check_food(form, food_id=food_id)
    if f.source == SOURCE_FCT:
        for key in _TABLE_FIXED:
            if key not in chk.errors and values[key] != getattr(f, key):
                chk.error(key, _("Số liệu của Bảng thành phần thực phẩm Việt Nam 2007 không sửa được; "
                                 "hãy thêm một thực phẩm của trường."))
    chk.raise_if_errors()
    with database.atomic():
        for key, value in values.items():
            setattr(f, key, value)
        f.save()
    return _row(f)


def form_for(food_id: int) -> FoodForm:
    r = get_food(food_id)
    text = lambda v: "" if v is None else f"{v:g}"  # noqa: E731
    return FoodForm(r.name, r.group, text(r.energy_kcal), text(r.protein_g), text(r.lipid_g), text(r.glucid_g),
                    text(r.waste_pct), r.is_animal, "" if r.price_per_kg is None else str(r.price_per_kg),
                    r.supplier, r.active)


def set_price(food_id: int, price_per_kg: str, supplier: str | None = None) -> FoodRow:
    """Set (or clear with "") a food's price per kg, and optionally its supplier."""
    form = form_for(food_id)
    form.price_per_kg = price_per_kg
    if supplier is not None:
        form.supplier = supplier
    permissions.require("prices.edit")
    return _update_food(food_id, form)


def food_in_use(food_id: int) -> bool:
    return DishIngredient.select().where(DishIngredient.food == food_id).exists()


def delete_food(food_id: int) -> None:
    """Remove a school food no dish uses; a food in use or from the 2007 table is hidden instead."""
    permissions.require("menus.edit")
    f = Food.get_or_none(Food.id == food_id)
    if f is None:
        raise NotFound(_("Không có thực phẩm số {id}.").format(id=food_id))
    if food_in_use(food_id):
        raise ValidationError({"food": _("«{name}» đã dùng trong món ăn/thực đơn nên không xóa được "
                                         "(sổ sách các ngày đã qua không được thay đổi). "
                                         "Có thể ngừng dùng thực phẩm này.").format(name=f.name)})
    if f.source == SOURCE_FCT:
        raise ValidationError({"food": _("«{name}» thuộc Bảng thành phần thực phẩm Việt Nam 2007 nên không xóa "
                                         "được; có thể ngừng dùng thực phẩm này.").format(name=f.name)})
    with database.atomic():
        f.delete_instance()
