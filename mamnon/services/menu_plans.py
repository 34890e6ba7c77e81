"""Weekly and rotating (up to 4-week) menu plans, copied forward onto real dates.

A plan (mẫu thực đơn) is a named template: weeks 1..N (N ≤ 4) × weekdays
(Monday–Friday, optionally Saturday) × stage (nhà trẻ / mẫu giáo) × meal →
dishes. `apply_plan` turns it into menu days: the week of the plan for a date is
((weeks since the Monday of the start date's week) mod N) + 1, so a start in the
middle of a week uses week 1 for the rest of that week. Weekends not in the plan
and the given days off are skipped; a day that already has a menu is kept unless
`replace=True`, and a closed day (chốt sổ) is never changed.

`repeat_warnings` / `plan_repeat_warnings` list dishes served again within N
weeks (norms.md §1: menus should not repeat within 2–8 weeks; default 2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.i18n import N_, _
from mamnon.models import ClosedDay, Dish, DishIngredient, MealPlan, MealPlanItem, MenuDay
from mamnon.models.meals import STAGES
from mamnon.reference import STAGE_LABELS
from mamnon.services import permissions
from mamnon.services.form_check import FormCheck
from mamnon.services.menus import MEAL_LABELS, MEAL_ORDER, MenuDayForm, list_menu_days, save_menu_day
from mamnon.vntext import text_sort_key

MAX_WEEKS = 4
# Screens show these as _(label); the printed menus keep them Vietnamese.
WEEKDAY_LABELS = (N_("Thứ Hai"), N_("Thứ Ba"), N_("Thứ Tư"), N_("Thứ Năm"), N_("Thứ Sáu"), N_("Thứ Bảy"),
                  N_("Chủ nhật"))
DEFAULT_REPEAT_WEEKS = 2


@dataclass
class PlanItemForm:
    week: int = 1
    weekday: int = 0
    """0 = Monday … 5 = Saturday."""
    stage: str = ""
    meal: str = ""
    dish_id: int | None = None


@dataclass
class PlanForm:
    name: str = ""
    weeks: str | int = 1
    saturday: bool = False
    note: str = ""
    items: list[PlanItemForm] = field(default_factory=list)
    active: bool = True


@dataclass(frozen=True)
class PlanItemRow:
    week: int
    weekday: int
    stage: str
    meal: str
    dish_id: int
    dish_name: str


@dataclass(frozen=True)
class PlanRow:
    id: int
    name: str
    weeks: int
    saturday: bool
    note: str
    active: bool
    items: tuple[PlanItemRow, ...]

    def day(self, week: int, weekday: int, stage: str) -> tuple[PlanItemRow, ...]:
        """The dishes of one day of the plan for a stage, in meal order."""
        return tuple(i for i in self.items if (i.week, i.weekday, i.stage) == (week, weekday, stage))


@dataclass(frozen=True)
class ApplyResult:
    created: tuple[tuple[dt.date, str], ...]
    replaced: tuple[tuple[dt.date, str], ...]
    skipped: tuple[tuple[dt.date, str, str], ...]
    """(date, stage or "", reason in the interface language)."""


@dataclass(frozen=True)
class RepeatWarning:
    stage: str
    dish_id: int
    dish_name: str
    first: object
    """A date (menu days) or (week, weekday) (plans)."""
    again: object
    days_apart: int

    @property
    def message(self) -> str:
        def show(x):
            if isinstance(x, dt.date):
                return f"{x:%d/%m/%Y}"
            return _week_day(x[1], x[0])
        return _("Món «{dish}» ({stage}) lặp lại sau {days} ngày: {first} và {again}.").format(
            dish=self.dish_name, stage=_(STAGE_LABELS[self.stage]).lower(), days=self.days_apart,
            first=show(self.first), again=show(self.again))


def _week_day(weekday: int, week: int) -> str:
    return _("{weekday} tuần {week}").format(weekday=_(WEEKDAY_LABELS[weekday]), week=week)


def _plan_row(p: MealPlan) -> PlanRow:
    items = (MealPlanItem.select(MealPlanItem, Dish).join(Dish).where(MealPlanItem.plan == p.id)
             .order_by(MealPlanItem.week, MealPlanItem.weekday, MealPlanItem.stage, MealPlanItem.position,
                       MealPlanItem.id))
    ordered = sorted(items, key=lambda i: (i.week, i.weekday, STAGES.index(i.stage), MEAL_ORDER.get(i.meal, 9),
                                           i.position))
    return PlanRow(p.id, p.name, p.weeks, bool(p.saturday), p.note, bool(p.active), tuple(
        PlanItemRow(i.week, i.weekday, i.stage, i.meal, i.dish.id, i.dish.name) for i in ordered))


def get_plan(plan_id: int) -> PlanRow:
    p = MealPlan.get_or_none(MealPlan.id == plan_id)
    if p is None:
        raise NotFound(_("Không có mẫu thực đơn số {id}.").format(id=plan_id))
    return _plan_row(p)


def list_plans(*, include_inactive: bool = False) -> list[PlanRow]:
    query = MealPlan.select()
    if not include_inactive:
        query = query.where(MealPlan.active == True)  # noqa: E712
    rows = [_plan_row(p) for p in query]
    rows.sort(key=lambda r: text_sort_key(r.name))
    return rows


def check_plan(form: PlanForm, *, plan_id: int | None = None) -> tuple[dict, list[tuple], FormCheck]:
    chk = FormCheck()
    name = chk.text("name", form.name, required=True, max_len=120, what=_("tên mẫu thực đơn"))
    if name:
        clash = MealPlan.select().where(MealPlan.name == name)
        if plan_id is not None:
            clash = clash.where(MealPlan.id != plan_id)
        if clash.exists():
            chk.error("name", _("Đã có mẫu thực đơn «{name}».").format(name=name))
    try:
        weeks = int(str(form.weeks).strip())
    except ValueError:
        weeks = 0
    if not 1 <= weeks <= MAX_WEEKS:
        chk.error("weeks", _("Số tuần của mẫu phải từ 1 đến {n}.").format(n=MAX_WEEKS))
    last_day = 5 if form.saturday else 4
    rows: list[tuple] = []
    seen: set[tuple] = set()
    counters: dict[tuple, int] = {}
    for n, it in enumerate(form.items):
        key = f"items.{n}"
        if not (isinstance(it.week, int) and 1 <= it.week <= max(weeks, 1)):
            chk.error(key, _("Tuần phải từ 1 đến {n}.").format(n=max(weeks, 1)))
            continue
        if not (isinstance(it.weekday, int) and 0 <= it.weekday <= last_day):
            chk.error(key, _("Ngày phải từ Thứ Hai đến Thứ Bảy.") if form.saturday
                      else _("Ngày phải từ Thứ Hai đến Thứ Sáu (mẫu không có Thứ Bảy)."))
            continue
        if it.stage not in STAGES:
            chk.error(key, _("Chọn nhà trẻ hoặc mẫu giáo."))
            continue
        if it.meal not in MEAL_LABELS:
            chk.error(key, _("Chọn bữa: sáng, trưa, chiều hoặc phụ."))
            continue
        dish = Dish.get_or_none(Dish.id == it.dish_id) if it.dish_id else None
        if dish is None:
            chk.error(key, _("Chọn món ăn cho dòng này."))
            continue
        if not DishIngredient.select().where((DishIngredient.dish == dish.id)
                                             & (DishIngredient.stage == it.stage)).exists():
            chk.error(key, _("Món «{dish}» chưa có định lượng cho {stage}.").format(
                dish=dish.name, stage=_(STAGE_LABELS[it.stage]).lower()))
            continue
        ident = (it.week, it.weekday, it.stage, it.meal, dish.id)
        if ident in seen:
            chk.error(key, _("Món «{dish}» có hai lần trong {meal} {day}.").format(
                dish=dish.name, meal=_(MEAL_LABELS[it.meal]).lower(), day=_week_day(it.weekday, it.week)))
            continue
        seen.add(ident)
        slot = ident[:4]
        counters[slot] = counters.get(slot, -1) + 1
        rows.append(ident + (counters[slot],))
    if not form.items:
        chk.error("items", _("Mẫu thực đơn cần ít nhất một món."))
    values = {"name": name, "weeks": weeks, "saturday": bool(form.saturday),
              "note": chk.text("note", form.note, max_len=500), "active": bool(form.active)}
    return values, rows, chk


def _store_items(p: MealPlan, rows: list[tuple]) -> None:
    for week, weekday, stage, meal, dish_id, position in rows:
        MealPlanItem.create(plan=p, week=week, weekday=weekday, stage=stage, meal=meal, dish=dish_id,
                            position=position)


def create_plan(form: PlanForm) -> PlanRow:
    permissions.require("menus.edit")
    values, rows, chk = check_plan(form)
    chk.raise_if_errors()
    with database.atomic():
        p = MealPlan.create(**values)
        _store_items(p, rows)
    return _plan_row(p)


def update_plan(plan_id: int, form: PlanForm) -> PlanRow:
    permissions.require("menus.edit")
    p = MealPlan.get_or_none(MealPlan.id == plan_id)
    if p is None:
        raise NotFound(_("Không có mẫu thực đơn số {id}.").format(id=plan_id))
    values, rows, chk = check_plan(form, plan_id=plan_id)
    chk.raise_if_errors()
    with database.atomic():
        for key, value in values.items():
            setattr(p, key, value)
        p.save()
        MealPlanItem.delete().where(MealPlanItem.plan == plan_id).execute()
        _store_items(p, rows)
    return _plan_row(p)


def form_for(plan_id: int) -> PlanForm:
    r = get_plan(plan_id)
    return PlanForm(r.name, r.weeks, r.saturday, r.note,
                    [PlanItemForm(i.week, i.weekday, i.stage, i.meal, i.dish_id) for i in r.items], r.active)


def delete_plan(plan_id: int) -> None:
    """Remove a plan; the menu days it created stay (they are the school's records)."""
    permissions.require("menus.edit")
    p = MealPlan.get_or_none(MealPlan.id == plan_id)
    if p is None:
        raise NotFound(_("Không có mẫu thực đơn số {id}.").format(id=plan_id))
    with database.atomic():
        MealPlanItem.delete().where(MealPlanItem.plan == plan_id).execute()
        p.delete_instance()


# --- applying a plan to dates -----------------------------------------------------------


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def plan_week(weeks: int, start: dt.date, date: dt.date) -> int:
    """The plan week (1..weeks) used on `date` when the plan starts on `start`."""
    return ((_monday(date) - _monday(start)).days // 7) % weeks + 1


def apply_plan(plan_id: int, start_date: dt.date, end_date: dt.date, days_off: set[dt.date] | frozenset = frozenset(),
               *, replace: bool = False, stages: tuple[str, ...] = STAGES,
               fee_per_child: dict[str, int] | int | None = None) -> ApplyResult:
    """Copy the plan onto the dates start..end (all in one transaction).

    New days get no head-count (entered later) and `fee_per_child` (one amount, or
    per stage) if given; a replaced day keeps its head-count, fee and note.
    """
    permissions.require("menus.edit")
    plan = get_plan(plan_id)
    if end_date < start_date:
        raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if (end_date - start_date).days > 366:
        raise ValidationError({"end_date": _("Mỗi lần áp dụng mẫu tối đa một năm.")})
    last_day = 5 if plan.saturday else 4
    created, replaced, skipped = [], [], []
    with database.atomic():
        day = start_date
        while day <= end_date:
            if day.weekday() > last_day:
                skipped.append((day, "", _("Nghỉ cuối tuần.")))
            elif day in days_off:
                skipped.append((day, "", _("Ngày nghỉ.")))
            else:
                week = plan_week(plan.weeks, start_date, day)
                for stage in stages:
                    items = plan.day(week, day.weekday(), stage)
                    if not items:
                        skipped.append((day, stage, _("Mẫu không có món {day}.").format(
                            day=_week_day(day.weekday(), week))))
                        continue
                    if ClosedDay.select().where((ClosedDay.date == day) & (ClosedDay.stage == stage)).exists():
                        skipped.append((day, stage, _("Ngày đã chốt sổ: không thay đổi.")))
                        continue
                    existing = MenuDay.get_or_none((MenuDay.date == day) & (MenuDay.stage == stage))
                    if existing is not None and not replace:
                        skipped.append((day, stage, _("Đã có thực đơn (giữ nguyên).")))
                        continue
                    if existing is not None:
                        children, fee, note = existing.children_count, existing.fee_per_child, existing.note
                    else:
                        children, note = None, ""
                        fee = fee_per_child.get(stage) if isinstance(fee_per_child, dict) else fee_per_child
                    save_menu_day(MenuDayForm(day, stage, "" if children is None else str(children),
                                              "" if fee is None else str(fee), note,
                                              [(i.meal, i.dish_id) for i in items]))
                    (replaced if existing is not None else created).append((day, stage))
            day += dt.timedelta(days=1)
    return ApplyResult(tuple(created), tuple(replaced), tuple(skipped))


# --- repeats ----------------------------------------------------------------------------


def repeat_warnings(start: dt.date, end: dt.date, *, weeks: int = DEFAULT_REPEAT_WEEKS,
                    stage: str | None = None, ignore: set[int] | frozenset = frozenset()) -> list[RepeatWarning]:
    """Dishes served again within `weeks` weeks on the saved menu days start..end.

    Each repeat is reported once (between consecutive servings); `ignore` holds
    dish ids that may repeat (plain rice, milk…).
    """
    last: dict[tuple[str, int], dt.date] = {}
    out = []
    for m in list_menu_days(start, end, stage):
        for dish_id, name in dict.fromkeys((i.dish_id, i.dish_name) for i in m.items):
            if dish_id in ignore:
                continue
            prev = last.get((m.stage, dish_id))
            if prev is not None and (m.date - prev).days < weeks * 7:
                out.append(RepeatWarning(m.stage, dish_id, name, prev, m.date, (m.date - prev).days))
            last[(m.stage, dish_id)] = m.date
    return out


def plan_repeat_warnings(plan_id: int, *, weeks: int = DEFAULT_REPEAT_WEEKS,
                         ignore: set[int] | frozenset = frozenset()) -> list[RepeatWarning]:
    """Dishes of a plan served again within `weeks` weeks, the rotation wrapping around.

    A dish appearing once in an N-week plan repeats every N weeks; it is reported
    when N < `weeks`.
    """
    plan = get_plan(plan_id)
    cycle = plan.weeks * 7
    slots: dict[tuple[str, int], list[tuple[int, int]]] = {}
    names = {}
    for i in plan.items:
        if i.dish_id in ignore:
            continue
        names[i.dish_id] = i.dish_name
        pos = (i.week, i.weekday)
        lst = slots.setdefault((i.stage, i.dish_id), [])
        if pos not in lst:
            lst.append(pos)
    out = []
    for (stage, dish_id), positions in slots.items():
        positions.sort()
        days = [(w - 1) * 7 + d for w, d in positions]
        for n, pos in enumerate(positions):
            nxt = positions[(n + 1) % len(positions)]
            gap = (days[(n + 1) % len(days)] - days[n]) % cycle or cycle
            if gap < weeks * 7:
                out.append(RepeatWarning(stage, dish_id, names[dish_id], pos, nxt, gap))
    out.sort(key=lambda w: (STAGES.index(w.stage), w.first, text_sort_key(w.dish_name)))
    return out
