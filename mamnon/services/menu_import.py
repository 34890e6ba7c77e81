"""Importing menus (thực đơn) from the two sheets of a menu workbook, all or nothing.

«Món ăn» comes first because «Thực đơn» names its dishes. Each dish of the
file is matched by name to the school's dishes: a new one is created with its
foods and grams; a known one whose grams differ is updated, with a warning,
since every day not yet closed that serves it is then calculated anew (closed
days keep their snapshot). The menu rows are then grouped by date and stage
into menu days and saved with `menus.save_menu_day`. A closed day (chốt sổ) is
never changed: a file that would change one is refused on its rows, while one
repeating it exactly — the month's export read back — is fine.

Everything runs inside one transaction, rolled back on any error or a dry run,
so the dishes created on the way disappear too. The counts add up dishes and
menu days (the notes give each); a second import of the same file finds
everything unchanged.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from mamnon.db import database
from mamnon.errors import MamnonError, NotFound
from mamnon.formats import format_date, format_money
from mamnon.i18n import _
from mamnon.reference import STAGE_LABELS
from mamnon.services import foods, meal_money, menus, permissions
from mamnon.services.roster_import import ImportResult, Locator, Rows, error_text
from mamnon.vntext import fold
from mamnon.workbooks.cells import clean_text
from mamnon.workbooks.kinds import MENUS_SPEC

__all__ = ["import_menus"]

MENU_SHEET, DISH_SHEET = (s.name for s in MENUS_SPEC.sheets)
STAGE_BY_LABEL = {label: code for code, label in STAGE_LABELS.items()}
MEAL_BY_LABEL = {label: code for code, label in menus.MEAL_LABELS.items()}


def dish_key(name: object) -> str:
    """Dish names compare with their diacritics («Cá kho» is not «Cà kho»), any case or spacing."""
    return " ".join(unicodedata.normalize("NFC", clean_text(name)).casefold().split())


def _typed_without_accents(name: str) -> bool:
    return fold(name) == dish_key(name)


class _Dishes:
    """The school's dishes by name: exact (any case) first; a name typed without accents by its folded form."""

    def __init__(self) -> None:
        rows = menus.list_dishes(include_inactive=True)
        self.by_key = {dish_key(d.name): d for d in rows}
        self.by_fold: dict[str, list[menus.DishRow]] = {}
        for d in rows:
            self.by_fold.setdefault(fold(d.name), []).append(d)

    def find(self, name: str) -> list[menus.DishRow]:
        exact = self.by_key.get(dish_key(name))
        if exact is not None:
            return [exact]
        return list(self.by_fold.get(fold(name), [])) if _typed_without_accents(name) else []


@dataclass
class _Sheets:
    menu: Locator
    dish: Locator
    result: ImportResult
    dish_counts: list[int] = field(default_factory=lambda: [0, 0, 0])
    day_counts: list[int] = field(default_factory=lambda: [0, 0, 0])

    def error(self, where: Locator, row: int, key: str, value: object, message: str) -> None:
        self.result.errors.append(where(row, key, value, message))

    def warn(self, where: Locator, row: int, key: str, value: object, message: str) -> None:
        self.result.warnings.append(where(row, key, value, message))


# ---------------------------------------------------------------- the sheet «Món ăn»


def _grams_text(value: object) -> str:
    return "" if value is None else repr(float(value))


def _food_id(row: int, values: Mapping[str, object], s: _Sheets, cache: dict) -> int | None:
    code = clean_text(values.get("food_code"))
    if code not in cache:
        try:
            cache[code] = foods.get_food_by_code(code)
        except NotFound:
            cache[code] = None
    food = cache[code]
    if food is None:
        s.error(s.dish, row, "food_code", code,
                _("Không có thực phẩm mã {code} trong danh mục thực phẩm.").format(code=code))
        return None
    typed = clean_text(values.get("food_name"))
    if typed and fold(typed) != fold(food.name):
        s.warn(s.dish, row, "food_name", typed, _("Mã {code} là «{name}», tệp ghi «{typed}»: phần mềm theo mã.")
               .format(code=code, name=food.name, typed=typed))
    return food.id


_INGREDIENT_FIELDS = {"nha_tre": "grams_nha_tre", "mau_giao": "grams_mau_giao"}


def _place_dish_error(key: str, group: list[tuple[int, Mapping]]) -> tuple[int, str, object]:
    """(row, column, value) of a check_dish error key ("name", "ingredients.2.mau_giao", …)."""
    parts = key.split(".")
    if parts[0] == "ingredients" and len(parts) > 1:
        row, values = group[int(parts[1])]
        column = _INGREDIENT_FIELDS.get(parts[2], "food_code") if len(parts) > 2 else "food_code"
        return row, column, values.get(column)
    row, values = group[0]
    return row, "dish", values.get("dish")


def _import_dish(group: list[tuple[int, Mapping]], known: _Dishes, s: _Sheets, cache: dict) -> None:
    first_row, first = group[0]
    name = clean_text(first.get("dish"))
    ingredients, kept = [], []
    for row, values in group:
        food_id = _food_id(row, values, s, cache) if values.get("food_code") else None
        if food_id is not None and values.get("grams_nha_tre") is None and values.get("grams_mau_giao") is None:
            s.error(s.dish, row, "grams_nha_tre", None,
                    _("Cần ghi số gam cho nhà trẻ hoặc mẫu giáo (hoặc cả hai)."))
        elif food_id is not None:
            ingredients.append(menus.IngredientForm(food_id, _grams_text(values.get("grams_nha_tre")),
                                                    _grams_text(values.get("grams_mau_giao"))))
            kept.append((row, values))
    if len(kept) < len(group):
        return  # a food code was refused: the dish cannot be judged as a whole
    matches = known.find(name)
    if len(matches) > 1:
        names = ", ".join(f"«{d.name}»" for d in matches)
        s.error(s.dish, first_row, "dish", name,
                _("Tên món gõ không dấu trùng với nhiều món ({names}): hãy ghi tên món có dấu.").format(names=names))
        return
    old = matches[0] if matches else None
    form = menus.DishForm(name=old.name if old else name, note=old.note if old else "",
                          ingredients=ingredients, active=old.active if old else True)
    _form, rows, chk = menus.check_dish(form, dish_id=old.id if old else None)
    for key, message in chk.errors.items():
        s.error(s.dish, *_place_dish_error(key, kept), message)
    if chk.errors:
        return
    if old is None:
        menus.create_dish(form)
        s.dish_counts[0] += 1
    elif sorted(rows) != sorted((i.food_id, i.stage, i.grams) for i in old.ingredients):
        menus.update_dish(old.id, form)
        s.dish_counts[1] += 1
        s.warn(s.dish, first_row, "dish", name,
               _("Định lượng món «{name}» thay đổi: các ngày chưa chốt sổ có món này sẽ tính theo định "
                 "lượng mới; ngày đã chốt sổ giữ nguyên.").format(name=old.name))
    else:
        s.dish_counts[2] += 1


def _dish_groups(rows: Rows) -> dict[str, list[tuple[int, Mapping]]]:
    groups: dict[str, list[tuple[int, Mapping]]] = {}
    for row, values in rows:
        if values.get("dish"):
            groups.setdefault(dish_key(values["dish"]), []).append((row, values))
    return groups


def _import_dishes(rows: Rows, s: _Sheets) -> set[str]:
    """Create or update every dish of the sheet; returns the keys of the dish names the file gives."""
    groups = _dish_groups(rows)
    known = _Dishes()
    cache: dict = {}
    targets: dict[int, int] = {}
    for group in groups.values():
        row, name = group[0][0], clean_text(group[0][1].get("dish"))
        matches = known.find(name)
        if len(matches) == 1 and matches[0].id in targets:
            s.error(s.dish, row, "dish", name, _("Cùng một món «{name}» với dòng {row}: gộp các dòng của món lại.")
                    .format(name=matches[0].name, row=targets[matches[0].id]))
            continue
        if len(matches) == 1:
            targets[matches[0].id] = row
        _import_dish(group, known, s, cache)
    return set(groups)


# ---------------------------------------------------------------- the sheet «Thực đơn»


@dataclass
class _Day:
    date: dt.date
    stage: str
    rows: list[tuple[int, Mapping]] = field(default_factory=list)


def _day_groups(rows: Rows) -> list[_Day]:
    days: dict[tuple[dt.date, str], _Day] = {}
    for row, values in rows:
        date, stage = values.get("date"), STAGE_BY_LABEL.get(values.get("stage"))
        if date is None or stage is None:
            continue  # the cell was refused already
        days.setdefault((date, stage), _Day(date, stage)).rows.append((row, values))
    return list(days.values())


def _one_value(day: _Day, key: str, s: _Sheets) -> tuple[object, int]:
    """The day's head-count or fee: the first row's that has one; any other value is an error."""
    found, where = None, day.rows[0][0]
    for row, values in day.rows:
        value = values.get(key)
        if value is None:
            continue
        if found is None:
            found, where = value, row
        elif value != found:
            shown = format_money(found) if key == "fee_per_child" else found
            s.error(s.menu, row, key, value, _("Khác với dòng {row} ({value}) của cùng ngày và cấp học: "
                                               "mỗi ngày chỉ ghi một giá trị.").format(row=where, value=shown))
    return found, where


def _items(day: _Day, dishes: _Dishes, file_dishes: set[str], s: _Sheets) -> list[tuple[str, int, int]] | None:
    """(meal, dish id, row) of the day's rows, in the file's order within each meal; None when one is refused."""
    items: list[tuple[str, int, int]] = []
    complete = True
    for row, values in day.rows:
        meal, name = MEAL_BY_LABEL.get(values.get("meal")), clean_text(values.get("dish"))
        if meal is None or not name:
            complete = False  # a cell refused while reading: judging the day without it would mislead
            continue
        found = dishes.find(name)
        if len(found) == 1:
            items.append((meal, found[0].id, row))
        elif dish_key(name) not in file_dishes:  # a dish of the file refused on «Món ăn» is reported there
            s.error(s.menu, row, "dish", name, _("Chưa có món «{name}»: thêm món vào trang «{sheet}» "
                                                 "kèm định lượng, hoặc tạo món trong phần mềm.")
                    .format(name=name, sheet=DISH_SHEET))
        else:
            complete = False
    items.sort(key=lambda i: menus.MEAL_ORDER[i[0]])
    return items if complete else None


def _stored(day: _Day) -> menus.MenuDayRow | None:
    try:
        return menus.get_menu_day(day.date, day.stage)
    except NotFound:
        return None


def _place_day_error(key: str, day: _Day, items, at: dict[str, int]) -> tuple[int, str]:
    if key.startswith("items.") and key[6:].isdigit():
        return items[int(key[6:])][2], "dish"
    if key in at:
        return at[key], key
    return day.rows[0][0], "date"


def _import_day(day: _Day, dishes: _Dishes, file_dishes: set[str], s: _Sheets) -> None:
    errors_before = len(s.result.errors)
    count, count_row = _one_value(day, "children_count", s)
    fee, fee_row = _one_value(day, "fee_per_child", s)
    items = _items(day, dishes, file_dishes, s)
    if items is None or len(s.result.errors) > errors_before:
        return
    old = _stored(day)
    if old is not None:  # a blank cell keeps what the day already has (e.g. the head-count from attendance)
        count = old.children_count if count is None else count
        fee = old.fee_per_child if fee is None else fee
        if ([(i.meal, i.dish_id) for i in old.items] == [(m, d) for m, d, _row in items]
                and (old.children_count, old.fee_per_child) == (count, fee)):
            s.day_counts[2] += 1
            return
    if meal_money.is_closed(day.date, day.stage):
        for row, values in day.rows:
            s.error(s.menu, row, "date", values.get("date"),
                    _("Ngày {day} ({stage}) đã chốt sổ: không sửa thực đơn bằng tệp được. "
                      "Mở lại sổ trong phần mềm nếu thật cần sửa.").format(
                        day=format_date(day.date), stage=_(STAGE_LABELS[day.stage]).lower()))
        return
    form = menus.MenuDayForm(day.date, day.stage, "" if count is None else str(count),
                             "" if fee is None else str(fee), old.note if old else "",
                             [(m, d) for m, d, _row in items])
    _checked_form, _day_rows, chk = menus.check_menu_day(form)
    at = {"children_count": count_row, "fee_per_child": fee_row}
    for key, message in chk.errors.items():
        row, column = _place_day_error(key, day, items, at)
        s.error(s.menu, row, column, dict(day.rows).get(row, {}).get(column), message)
    if chk.errors:
        return
    menus.save_menu_day(form)
    s.day_counts[0 if old is None else 1] += 1


# ---------------------------------------------------------------- the whole file


def _import_all(menu_rows: Rows, dish_rows: Rows, s: _Sheets) -> None:
    file_dishes = _import_dishes(dish_rows, s)
    dishes = _Dishes()
    for day in _day_groups(menu_rows):
        _import_day(day, dishes, file_dishes, s)


def _counts_line(what: str, counts: list[int]) -> str:
    return _("{what}: thêm mới {new}, cập nhật {changed}, không đổi {same}.").format(
        what=what, new=counts[0], changed=counts[1], same=counts[2])


def import_menus(menu_rows: Rows, dish_rows: Rows = (), *, dry_run: bool = False,
                 columns: Mapping[str, Mapping[str, int]] | None = None,
                 sheet_names: Mapping[str, str] | None = None) -> ImportResult:
    """Check both sheets and, unless `dry_run` or an error, write dishes and menu days in one transaction.

    `columns` and `sheet_names` are keyed by the spec's sheet name («Thực đơn»,
    «Món ăn») and only place error messages on the right cell.
    """
    permissions.require("menus.edit")
    columns, sheet_names = columns or {}, sheet_names or {}
    menu_spec, dish_spec = MENUS_SPEC.sheets
    s = _Sheets(Locator(menu_spec, columns.get(MENU_SHEET), sheet_names.get(MENU_SHEET)),
                Locator(dish_spec, columns.get(DISH_SHEET), sheet_names.get(DISH_SHEET)),
                ImportResult(dry_run=dry_run))
    result = s.result
    with database.atomic() as txn:
        try:
            _import_all(menu_rows, dish_rows, s)
        except MamnonError as exc:  # a rule the checks above missed: everything is rolled back
            first = menu_rows[0][0] if menu_rows else 1
            result.errors.append(s.menu(first, "date", None,
                                        _("Không ghi được: {error}").format(error=error_text(exc))))
        if result.errors or dry_run:
            txn.rollback()
        else:
            result.applied = True
    order = {s.menu.sheet_name: 0, s.dish.sheet_name: 1}
    for found in (result.errors, result.warnings):
        found.sort(key=lambda e: (order.get(e.sheet, 2), e.row, e.column))
    if result.errors:
        return result
    result.created, result.updated, result.unchanged = (a + b for a, b in zip(s.dish_counts, s.day_counts))
    result.notes += [_counts_line(_("Món ăn"), s.dish_counts), _counts_line(_("Thực đơn ngày"), s.day_counts)]
    return result


