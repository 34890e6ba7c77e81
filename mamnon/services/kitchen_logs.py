"""Kitchen safety logs: three-step food inspection and food samples (Quyết định 1246/QĐ-BYT, 2017).

`prefill_day(date, stage)` writes the day's log from the saved menu and its market
list (calculate_menu_day): one step-1 line per food bought (gross kg, the food's
supplier), one step-2/3 line and one sample per dish of each meal, with default
times, so the cook only corrects, confirms and signs. Prefilling again follows
menu changes but never touches a confirmed line, and a signed day not at all.

Each step is confirmed by a staff member with the `confirm_*` functions (all field
errors at once, in Vietnamese, nothing half-saved); a sample is destroyed no
earlier than 24 hours after it was taken; `sign_day` signs a complete day and
`incomplete_days` lists the days the principal must follow up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mamnon.db import database
from mamnon.errors import NotFound, ValidationError
from mamnon.formats import parse_date
from mamnon.i18n import _
from mamnon.models import Dish, Food, FoodSample, KitchenDay, KitchenDish, KitchenReceipt, MenuDay, Staff
from mamnon.models.kitchen import RESULTS
from mamnon.models.meals import MEALS, STAGES
from mamnon.reference import STAGE_LABELS
from mamnon.services import permissions
from mamnon.services.form_check import FormCheck
from mamnon.services.menus import MEAL_ORDER, calculate_menu_day
from mamnon.vntext import fold

RESULT_LABELS = dict(RESULTS)
MEAL_LABELS = dict(MEALS)
RECEIPT_UNITS = ("kg", "g", "lít", "ml", "quả", "hộp", "gói", "chai", "bó")  # i18n-skip: stored, printed on the log
SAMPLE_UNITS = ("g", "ml")

# QĐ 1246/QĐ-BYT as gathered in shared/notes/norms.md §5 (grade [S]): a sample of every
# dish, ≥ 100 g solid / ≥ 150 ml liquid, stored at 2–8 °C, kept at least 24 hours.
SAMPLE_MIN = {"g": 100.0, "ml": 150.0}
SAMPLE_TEMP_C = (2.0, 8.0)
KEEP_HOURS = 24

# Default times written by prefill_day (the cook corrects them): food received at 06:00;
# per meal, preparation starts / cooking done / portions shared out.
RECEIVED_AT = dt.time(6, 0)
MEAL_TIMES = {
    "sang": (dt.time(6, 30), dt.time(7, 15), dt.time(7, 30)),
    "trua": (dt.time(8, 30), dt.time(10, 15), dt.time(10, 30)),
    "chieu": (dt.time(13, 45), dt.time(14, 30), dt.time(14, 45)),
    "phu": (dt.time(13, 45), dt.time(14, 30), dt.time(14, 45)),
}
_LIQUID_WORDS = ("canh", "sup", "sua", "nuoc")
"""A dish whose name starts with one of these is prefilled with a 150 ml sample, others 100 g."""


# --- rows returned ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptLine:
    """Step 1 (kiểm tra trước khi chế biến): one food received."""

    id: int
    position: int
    food_id: int
    food_code: str
    food_name: str
    planned_kg: float | None
    received_at: dt.datetime | None
    quantity: float
    unit: str
    supplier: str
    supplier_contact: str
    documents: str
    result: str
    result_note: str
    measures: str
    checked_by_id: int | None
    checked_by_name: str
    confirmed_at: dt.datetime | None

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def result_label(self) -> str:
        return RESULT_LABELS.get(self.result, "")


@dataclass(frozen=True)
class DishCheck:
    """Steps 2 (khi chế biến) and 3 (trước khi ăn) of one dish of a meal."""

    id: int
    meal: str
    dish_id: int
    dish_name: str
    prep_started_at: dt.datetime | None
    cooked_at: dt.datetime | None
    cooks: str
    step2_result: str
    step2_note: str
    step2_measures: str
    step2_by_id: int | None
    step2_by_name: str
    step2_at: dt.datetime | None
    served_at: dt.datetime | None
    step3_result: str
    step3_note: str
    step3_measures: str
    step3_by_id: int | None
    step3_by_name: str
    step3_at: dt.datetime | None

    @property
    def meal_label(self) -> str:
        return MEAL_LABELS.get(self.meal, self.meal)

    @property
    def step2_done(self) -> bool:
        return self.step2_at is not None

    @property
    def step3_done(self) -> bool:
        return self.step3_at is not None


@dataclass(frozen=True)
class SampleLine:
    """Lưu mẫu: the sample of one dish of a meal."""

    id: int
    meal: str
    dish_id: int
    dish_name: str
    amount: float
    amount_unit: str
    taken_at: dt.datetime | None
    storage_temp_c: float | None
    taken_by_id: int | None
    taken_by_name: str
    confirmed_at: dt.datetime | None
    destroyed_at: dt.datetime | None
    destroyed_by_id: int | None
    destroyed_by_name: str
    warnings: tuple[str, ...] = ()

    @property
    def meal_label(self) -> str:
        return MEAL_LABELS.get(self.meal, self.meal)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def keep_until(self) -> dt.datetime | None:
        """The earliest time the sample may be destroyed (taken + 24 h)."""
        return None if self.taken_at is None else self.taken_at + dt.timedelta(hours=KEEP_HOURS)


@dataclass(frozen=True)
class KitchenDayLog:
    id: int
    date: dt.date
    stage: str
    signed_by_id: int | None
    signed_by_name: str
    signed_at: dt.datetime | None
    note: str
    receipts: tuple[ReceiptLine, ...]
    dishes: tuple[DishCheck, ...]
    samples: tuple[SampleLine, ...]
    missing: tuple[str, ...]
    """What is still to do before the day can be signed (empty = ready or signed)."""

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS.get(self.stage, self.stage)


@dataclass(frozen=True)
class IncompleteDay:
    date: dt.date
    stage: str
    reasons: tuple[str, ...]


# --- forms (as typed) ---------------------------------------------------------------------


@dataclass
class ReceiptForm:
    """Step 1 line. Times: "HH:MM" (on the log's day), "dd/mm/yyyy HH:MM" or a datetime."""

    received_at: str | dt.datetime | dt.time = ""
    quantity: str = ""
    unit: str = "kg"
    supplier: str = ""
    supplier_contact: str = ""
    documents: str = ""
    result: str = ""
    """"dat" / "khong_dat" (or "Đạt" / "Không đạt")."""  # i18n-skip: a note for developers
    result_note: str = ""
    measures: str = ""
    checked_by_id: int | None = None


@dataclass
class CookingForm:
    prep_started_at: str | dt.datetime | dt.time = ""
    cooked_at: str | dt.datetime | dt.time = ""
    cooks: str = ""
    result: str = ""
    result_note: str = ""
    measures: str = ""
    checked_by_id: int | None = None


@dataclass
class ServingForm:
    served_at: str | dt.datetime | dt.time = ""
    result: str = ""
    result_note: str = ""
    measures: str = ""
    checked_by_id: int | None = None


@dataclass
class SampleForm:
    amount: str = ""
    amount_unit: str = "g"
    taken_at: str | dt.datetime | dt.time = ""
    storage_temp_c: str = ""
    taken_by_id: int | None = None


def receipt_form_for(line: ReceiptLine) -> ReceiptForm:
    return ReceiptForm(_hhmm(line.received_at), f"{line.quantity:g}", line.unit, line.supplier,
                       line.supplier_contact, line.documents, line.result, line.result_note, line.measures,
                       line.checked_by_id)


def cooking_form_for(line: DishCheck) -> CookingForm:
    return CookingForm(_hhmm(line.prep_started_at), _hhmm(line.cooked_at), line.cooks, line.step2_result,
                       line.step2_note, line.step2_measures, line.step2_by_id)


def serving_form_for(line: DishCheck) -> ServingForm:
    return ServingForm(_hhmm(line.served_at), line.step3_result, line.step3_note, line.step3_measures,
                       line.step3_by_id)


def sample_form_for(line: SampleLine) -> SampleForm:
    return SampleForm(f"{line.amount:g}", line.amount_unit, _hhmm(line.taken_at),
                      "" if line.storage_temp_c is None else f"{line.storage_temp_c:g}", line.taken_by_id)


# --- helpers ----------------------------------------------------------------------------


def _hhmm(value: dt.datetime | None) -> str:
    return "" if value is None else f"{value:%H:%M}"


def _fmt(value: dt.datetime) -> str:
    return f"{value:%H:%M %d/%m/%Y}"


_TIME_RE = re.compile(r"^(\d{1,2})\s*[:hg.]\s*(\d{2})$")


def _when(chk: FormCheck, key: str, value, day: dt.date, *, required: bool = True,
          what: str = "") -> dt.datetime | None:
    """A datetime from a datetime, a time (on `day`), "HH:MM" (on `day`) or "dd/mm/yyyy HH:MM"."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, dt.time):
        return dt.datetime.combine(day, value.replace(microsecond=0))
    what = what or _("giờ")
    text = " ".join(str(value or "").split())
    if not text:
        if required:
            chk.error(key, _("Cần nhập {what} (HH:MM).").format(what=what))
        return None
    date_part, _space, time_part = text.rpartition(" ")
    on = day
    if date_part:
        try:
            on = parse_date(date_part)
        except ValueError as exc:
            chk.error(key, str(exc))
            return None
    m = _TIME_RE.match(time_part)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        chk.error(key, _("{what} «{text}» không hợp lệ: ghi HH:MM (ví dụ 06:30) hoặc dd/mm/yyyy HH:MM.").format(
            what=what.capitalize(), text=text))
        return None
    return dt.datetime.combine(on, dt.time(int(m.group(1)), int(m.group(2))))


def _number(chk: FormCheck, key: str, text, what: str, *, required: bool = True,
            positive: bool = True) -> float | None:
    clean = str(text if text is not None else "").strip().replace(",", ".")
    if not clean:
        if required:
            chk.error(key, _("Cần nhập {what}.").format(what=what))
        return None
    try:
        value = float(clean)
    except ValueError:
        chk.error(key, _("{what} phải là một số.").format(what=what.capitalize()))
        return None
    if positive and not value > 0:
        chk.error(key, _("{what} phải lớn hơn 0.").format(what=what.capitalize()))
        return None
    return value


def _result(chk: FormCheck, key: str, value: str, measures_key: str, measures: str) -> str:
    folded = fold(value or "").replace("_", " ").strip()
    result = {"dat": "dat", "khong dat": "khong_dat"}.get(folded, "")
    if not result:
        chk.error(key, _("Chọn kết quả kiểm tra: đạt hoặc không đạt."))
    elif result == "khong_dat" and not measures:
        chk.error(measures_key, _("Kết quả không đạt: cần ghi biện pháp xử lý (trả lại, hủy bỏ, thay thế…)."))
    return result


def _staff(chk: FormCheck, key: str, staff_id, day: dt.date, what: str) -> int | None:
    s = Staff.get_or_none(Staff.id == staff_id) if staff_id else None
    if s is None:
        chk.error(key, _("Chọn {what}.").format(what=what))
        return None
    if s.left_on is not None and s.left_on < day:
        chk.error(key, _("{name} đã nghỉ từ {day}.").format(name=s.full_name, day=f"{s.left_on:%d/%m/%Y}"))
        return None
    return s.id


def _name(staff: Staff | None) -> str:
    return "" if staff is None else staff.full_name


def _day_model(date: dt.date, stage: str) -> KitchenDay:
    k = KitchenDay.get_or_none((KitchenDay.date == date) & (KitchenDay.stage == stage))
    if k is None:
        raise NotFound(_("Chưa có sổ kiểm thực {stage} ngày {day}.").format(
            stage=_(STAGE_LABELS.get(stage, stage)).lower(), day=f"{date:%d/%m/%Y}"))
    return k


def _refuse_if_signed(k: KitchenDay) -> None:
    if k.signed_at is not None:
        raise ValidationError({"day": _("Sổ kiểm thực ngày {day} đã ký, không sửa được.").format(
            day=f"{k.date:%d/%m/%Y}")})


def _is_liquid(dish_name: str) -> bool:
    return fold(dish_name).startswith(_LIQUID_WORDS)


def _sample_warnings(s: FoodSample) -> tuple[str, ...]:
    warnings = []
    minimum = SAMPLE_MIN.get(s.amount_unit)
    if minimum is not None and s.amount < minimum:
        warnings.append(_("Mẫu «{dish}» {amount} {unit}: ít hơn mức tối thiểu {minimum} {unit} (QĐ 1246/QĐ-BYT).")
                        .format(dish=s.dish.name, amount=f"{s.amount:g}", unit=s.amount_unit,
                                minimum=f"{minimum:g}"))
    if s.confirmed_at is not None:
        low, high = SAMPLE_TEMP_C
        if s.storage_temp_c is None:
            warnings.append(_("Mẫu «{dish}»: chưa ghi nhiệt độ bảo quản ({low}–{high} °C).").format(
                dish=s.dish.name, low=f"{low:g}", high=f"{high:g}"))
        elif not low <= s.storage_temp_c <= high:
            warnings.append(_("Mẫu «{dish}» bảo quản ở {temp} °C: phải từ {low} đến {high} °C.").format(
                dish=s.dish.name, temp=f"{s.storage_temp_c:g}", low=f"{low:g}", high=f"{high:g}"))
    return tuple(warnings)


def _missing(k: KitchenDay, receipts, dishes, samples, now: dt.datetime | None = None) -> list[str]:
    reasons = []
    open1 = [r.food.name for r in receipts if r.confirmed_at is None]
    if not receipts:
        reasons.append(_("Bước 1: chưa có thực phẩm nào."))
    elif open1:
        reasons.append(_("Bước 1: chưa kiểm tra {n} thực phẩm ({names}).").format(n=len(open1),
                                                                                 names=", ".join(open1)))
    open2 = [d.dish.name for d in dishes if d.step2_at is None]
    if open2:
        reasons.append(_("Bước 2: chưa kiểm tra {n} món ({names}).").format(n=len(open2), names=", ".join(open2)))
    open3 = [d.dish.name for d in dishes if d.step3_at is None]
    if open3:
        reasons.append(_("Bước 3: chưa kiểm tra {n} món ({names}).").format(n=len(open3), names=", ".join(open3)))
    have = {(s.meal, s.dish_id) for s in samples if s.confirmed_at is not None}
    no_sample = [d.dish.name for d in dishes if (d.meal, d.dish_id) not in have]
    no_sample += [s.dish.name for s in samples if s.confirmed_at is None
                  and not any((d.meal, d.dish_id) == (s.meal, s.dish_id) for d in dishes)]
    if no_sample:
        reasons.append(_("Thiếu mẫu lưu: {names}.").format(names=", ".join(no_sample)))
    if now is not None:
        reasons += _overdue(samples, now)
    return reasons


def _overdue(samples, now: dt.datetime) -> list[str]:
    """The samples kept beyond 24 hours whose destruction is not logged (one reason, or none)."""
    due = [s.dish.name for s in samples if s.confirmed_at is not None and s.destroyed_at is None
           and s.taken_at is not None and now >= s.taken_at + dt.timedelta(hours=KEEP_HOURS)]
    return [_("Mẫu đã quá 24 giờ chưa ghi hủy: {names}.").format(names=", ".join(due))] if due else []


def _lines(k: KitchenDay):
    receipts = list(KitchenReceipt.select(KitchenReceipt, Food).join(Food)
                    .where(KitchenReceipt.kitchen_day == k.id).order_by(KitchenReceipt.position, KitchenReceipt.id))
    dishes = sorted(KitchenDish.select(KitchenDish, Dish).join(Dish).where(KitchenDish.kitchen_day == k.id),
                    key=lambda d: (MEAL_ORDER.get(d.meal, 9), d.position, d.id))
    samples = sorted(FoodSample.select(FoodSample, Dish).join(Dish).where(FoodSample.kitchen_day == k.id),
                     key=lambda s: (MEAL_ORDER.get(s.meal, 9), s.position, s.id))
    return receipts, dishes, samples


def _log(k: KitchenDay) -> KitchenDayLog:
    receipts, dishes, samples = _lines(k)
    return KitchenDayLog(
        k.id, k.date, k.stage, k.signed_by_id, _name(k.signed_by), k.signed_at, k.note,
        tuple(ReceiptLine(r.id, r.position, r.food.id, r.food.code, r.food.name, r.planned_kg, r.received_at,
                          r.quantity, r.unit, r.supplier, r.supplier_contact, r.documents, r.result,
                          r.result_note, r.measures, r.checked_by_id, _name(r.checked_by), r.confirmed_at)
              for r in receipts),
        tuple(DishCheck(d.id, d.meal, d.dish.id, d.dish.name, d.prep_started_at, d.cooked_at, d.cooks,
                        d.step2_result, d.step2_note, d.step2_measures, d.step2_by_id, _name(d.step2_by),
                        d.step2_at, d.served_at, d.step3_result, d.step3_note, d.step3_measures, d.step3_by_id,
                        _name(d.step3_by), d.step3_at)
              for d in dishes),
        tuple(SampleLine(s.id, s.meal, s.dish.id, s.dish.name, s.amount, s.amount_unit, s.taken_at,
                         s.storage_temp_c, s.taken_by_id, _name(s.taken_by), s.confirmed_at, s.destroyed_at,
                         s.destroyed_by_id, _name(s.destroyed_by), _sample_warnings(s))
              for s in samples),
        () if k.signed_at is not None else tuple(_missing(k, receipts, dishes, samples)),
    )


# --- reading ------------------------------------------------------------------------------


def get_day_log(date: dt.date, stage: str) -> KitchenDayLog:
    return _log(_day_model(date, stage))


def list_day_logs(start: dt.date, end: dt.date, stage: str | None = None) -> list[KitchenDayLog]:
    query = KitchenDay.select().where((KitchenDay.date >= start) & (KitchenDay.date <= end))
    if stage is not None:
        query = query.where(KitchenDay.stage == stage)
    return [_log(k) for k in query.order_by(KitchenDay.date, KitchenDay.stage)]


def incomplete_days(start: dt.date, end: dt.date, *, now: dt.datetime | None = None) -> list[IncompleteDay]:
    """Days with a menu or a log in [start, end] whose kitchen log is not finished, for the principal.

    Reasons: no log yet, steps not checked, samples missing, not signed, and (when a sample
    is older than 24 h at `now`, default the current time) samples whose destruction is not logged.
    """
    now = now or dt.datetime.now()
    keys = {(m.date, m.stage) for m in MenuDay.select(MenuDay.date, MenuDay.stage)
            .where((MenuDay.date >= start) & (MenuDay.date <= end))}
    logs = {(k.date, k.stage): k for k in KitchenDay.select()
            .where((KitchenDay.date >= start) & (KitchenDay.date <= end))}
    keys |= set(logs)
    out = []
    for date, stage in sorted(keys, key=lambda ds: (ds[0], STAGES.index(ds[1]) if ds[1] in STAGES else 9)):
        k = logs.get((date, stage))
        if k is None:
            reasons = [_("Chưa lập sổ kiểm thực ba bước và lưu mẫu.")]
        elif k.signed_at is None:
            reasons = _missing(k, *_lines(k), now) + [_("Chưa ký sổ.")]
        else:
            reasons = _overdue(_lines(k)[2], now)
        if reasons:
            out.append(IncompleteDay(date, stage, tuple(reasons)))
    return out


# --- prefill ------------------------------------------------------------------------------


def prefill_day(date: dt.date, stage: str) -> KitchenDayLog:
    """Create or refresh the day's log from the saved menu and its market list.

    Idempotent. Lines already confirmed are never changed; unconfirmed prefilled lines
    follow the menu (quantity refreshed unless the cook changed it, lines of foods or
    dishes no longer on the menu removed); a signed day is left as it is.
    """
    permissions.require("kitchen.edit")
    report = calculate_menu_day(date, stage)  # NotFound / ValidationError with the menu's own message
    menu = report.menu
    with database.atomic():
        k = KitchenDay.get_or_none((KitchenDay.date == date) & (KitchenDay.stage == stage))
        if k is None:
            k = KitchenDay.create(date=date, stage=stage)
        elif k.signed_at is not None:
            return _log(k)
        # step 1: the market list
        existing = {r.food_id: r for r in KitchenReceipt.select().where(KitchenReceipt.kitchen_day == k.id)}
        for position, line in enumerate(report.result.lines):
            food = Food.get(Food.code == line.code)
            r = existing.pop(food.id, None)
            if r is None:
                KitchenReceipt.create(kitchen_day=k, food=food, position=position, planned_kg=line.gross_kg,
                                      received_at=dt.datetime.combine(date, RECEIVED_AT), quantity=line.gross_kg,
                                      unit="kg", supplier=food.supplier)
            elif r.confirmed_at is None:
                if r.planned_kg is None or (r.unit == "kg" and r.quantity == r.planned_kg):
                    r.quantity, r.unit = line.gross_kg, "kg"
                r.planned_kg = line.gross_kg
                r.position = position
                r.supplier = r.supplier or food.supplier
                r.save()
        for r in existing.values():
            if r.confirmed_at is None and r.planned_kg is not None:
                r.delete_instance()
        # steps 2 and 3, samples: the dishes of each meal
        checks = {(d.meal, d.dish_id): d for d in KitchenDish.select().where(KitchenDish.kitchen_day == k.id)}
        samples = {(s.meal, s.dish_id): s for s in FoodSample.select().where(FoodSample.kitchen_day == k.id)}
        for position, item in enumerate(menu.items):
            key = (item.meal, item.dish_id)
            start, done, served = (dt.datetime.combine(date, t) for t in MEAL_TIMES.get(item.meal, MEAL_TIMES["trua"]))
            d = checks.pop(key, None)
            if d is None:
                KitchenDish.create(kitchen_day=k, meal=item.meal, dish=item.dish_id, position=position,
                                   prep_started_at=start, cooked_at=done, served_at=served)
            elif d.step2_at is None and d.step3_at is None:
                d.position = position
                d.save()
            s = samples.pop(key, None)
            if s is None:
                liquid = _is_liquid(item.dish_name)
                FoodSample.create(kitchen_day=k, meal=item.meal, dish=item.dish_id, position=position,
                                  amount=SAMPLE_MIN["ml" if liquid else "g"], amount_unit="ml" if liquid else "g",
                                  taken_at=served)
            elif s.confirmed_at is None:
                s.position = position
                s.save()
        for d in checks.values():
            if d.step2_at is None and d.step3_at is None:
                d.delete_instance()
        for s in samples.values():
            if s.confirmed_at is None:
                s.delete_instance()
    return _log(k)


# --- confirming ---------------------------------------------------------------------------


def _stamp(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now()).replace(microsecond=0)


def _confirm(record, chk: FormCheck, values: dict, stamp_field: str, now: dt.datetime | None) -> None:
    """Write a checked line's fields and its confirmation time, or nothing if the form has errors."""
    chk.raise_if_errors()
    with database.atomic():
        for key, value in values.items():
            setattr(record, key, value)
        setattr(record, stamp_field, _stamp(now))
        record.save()


def confirm_receipt(line_id: int, form: ReceiptForm, *, now: dt.datetime | None = None) -> ReceiptLine:
    """Step 1: record what was received and checked, by whom."""
    permissions.require("kitchen.edit")
    r = KitchenReceipt.get_or_none(KitchenReceipt.id == line_id)
    if r is None:
        raise NotFound(_("Không có dòng kiểm tra thực phẩm số {id}.").format(id=line_id))
    k = r.kitchen_day
    _refuse_if_signed(k)
    chk = FormCheck()
    measures = chk.text("measures", form.measures, max_len=1000)
    values = {
        "received_at": _when(chk, "received_at", form.received_at, k.date, what=_("giờ nhận thực phẩm")),
        "quantity": _number(chk, "quantity", form.quantity, _("số lượng")),
        "unit": chk.choice("unit", form.unit or "kg", RECEIPT_UNITS, required=True, what=_("đơn vị")),
        "supplier": chk.text("supplier", form.supplier, required=True, what=_("tên cơ sở cung cấp")),
        "supplier_contact": chk.text("supplier_contact", form.supplier_contact, max_len=200),
        "documents": chk.text("documents", form.documents, max_len=1000),
        "result": _result(chk, "result", form.result, "measures", measures),
        "result_note": chk.text("result_note", form.result_note, max_len=1000),
        "measures": measures,
        "checked_by": _staff(chk, "checked_by_id", form.checked_by_id, k.date, _("người kiểm tra")),
    }
    _confirm(r, chk, values, "confirmed_at", now)
    return next(line for line in _log(k).receipts if line.id == r.id)


def add_receipt(date: dt.date, stage: str, food_id: int, form: ReceiptForm, *,
                now: dt.datetime | None = None) -> ReceiptLine:
    """Step 1 for a food received that is not on the market list (the day's log must exist)."""
    permissions.require("kitchen.edit")
    k = _day_model(date, stage)
    _refuse_if_signed(k)
    food = Food.get_or_none(Food.id == food_id) if food_id else None
    if food is None:
        raise ValidationError({"food_id": _("Chọn thực phẩm.")})
    if KitchenReceipt.select().where((KitchenReceipt.kitchen_day == k.id) & (KitchenReceipt.food == food.id)).exists():
        raise ValidationError({"food_id": _("«{food}» đã có trong bước 1 của ngày này.").format(food=food.name)})
    with database.atomic():
        top = KitchenReceipt.select().where(KitchenReceipt.kitchen_day == k.id).count()
        r = KitchenReceipt.create(kitchen_day=k, food=food, position=top, quantity=0.0, unit="kg",
                                  supplier=food.supplier)
        return confirm_receipt(r.id, form, now=now)  # a refusal rolls the new line back too


def _dish_check(line_id: int) -> KitchenDish:
    d = KitchenDish.get_or_none(KitchenDish.id == line_id)
    if d is None:
        raise NotFound(_("Không có dòng kiểm tra món ăn số {id}.").format(id=line_id))
    _refuse_if_signed(d.kitchen_day)
    return d


def _dish_line(d: KitchenDish) -> DishCheck:
    return next(line for line in _log(d.kitchen_day).dishes if line.id == d.id)


def confirm_cooking(line_id: int, form: CookingForm, *, now: dt.datetime | None = None) -> DishCheck:
    """Step 2: preparation and cooking of a dish."""
    permissions.require("kitchen.edit")
    d = _dish_check(line_id)
    day = d.kitchen_day.date
    chk = FormCheck()
    measures = chk.text("measures", form.measures, max_len=1000)
    start = _when(chk, "prep_started_at", form.prep_started_at, day, what=_("giờ bắt đầu sơ chế"))
    done = _when(chk, "cooked_at", form.cooked_at, day, what=_("giờ nấu xong"))
    if start and done and done < start:
        chk.error("cooked_at", _("Giờ nấu xong ({done}) phải sau giờ bắt đầu sơ chế ({start}).").format(
            done=_fmt(done), start=_fmt(start)))
    if done and d.step3_at is not None and d.served_at is not None and done > d.served_at:
        chk.error("cooked_at", _("Giờ nấu xong ({done}) phải trước giờ chia suất đã ghi ở bước 3 ({served}).")
                  .format(done=_fmt(done), served=_fmt(d.served_at)))
    values = {
        "prep_started_at": start,
        "cooked_at": done,
        "cooks": chk.text("cooks", form.cooks, required=True, max_len=500, what=_("người sơ chế, nấu")),
        "step2_result": _result(chk, "result", form.result, "measures", measures),
        "step2_note": chk.text("result_note", form.result_note, max_len=1000),
        "step2_measures": measures,
        "step2_by": _staff(chk, "checked_by_id", form.checked_by_id, day, _("người kiểm tra")),
    }
    _confirm(d, chk, values, "step2_at", now)
    return _dish_line(d)


def confirm_serving(line_id: int, form: ServingForm, *, now: dt.datetime | None = None) -> DishCheck:
    """Step 3: before serving (chia suất), after step 2 is done."""
    permissions.require("kitchen.edit")
    d = _dish_check(line_id)
    day = d.kitchen_day.date
    chk = FormCheck()
    measures = chk.text("measures", form.measures, max_len=1000)
    served = _when(chk, "served_at", form.served_at, day, what=_("giờ chia suất"))
    if d.step2_at is None:
        chk.error("step2", _("Món «{dish}» chưa kiểm tra bước 2 (sơ chế, nấu).").format(dish=d.dish.name))
    elif served and d.cooked_at and served < d.cooked_at:
        chk.error("served_at", _("Giờ chia suất ({served}) phải sau giờ nấu xong ({done}).").format(
            served=_fmt(served), done=_fmt(d.cooked_at)))
    values = {
        "served_at": served,
        "step3_result": _result(chk, "result", form.result, "measures", measures),
        "step3_note": chk.text("result_note", form.result_note, max_len=1000),
        "step3_measures": measures,
        "step3_by": _staff(chk, "checked_by_id", form.checked_by_id, day, _("người kiểm tra")),
    }
    _confirm(d, chk, values, "step3_at", now)
    return _dish_line(d)


def _sample_line(s: FoodSample) -> SampleLine:
    return next(line for line in _log(s.kitchen_day).samples if line.id == s.id)


def confirm_sample(sample_id: int, form: SampleForm, *, now: dt.datetime | None = None) -> SampleLine:
    """Lưu mẫu: the sample was taken (amount below 100 g / 150 ml or storage outside 2–8 °C → warnings)."""
    permissions.require("kitchen.edit")
    s = FoodSample.get_or_none(FoodSample.id == sample_id)
    if s is None:
        raise NotFound(_("Không có mẫu lưu số {id}.").format(id=sample_id))
    k = s.kitchen_day
    _refuse_if_signed(k)
    chk = FormCheck()
    taken = _when(chk, "taken_at", form.taken_at, k.date, what=_("giờ lấy mẫu"))
    cooked = KitchenDish.get_or_none((KitchenDish.kitchen_day == k.id) & (KitchenDish.meal == s.meal)
                                     & (KitchenDish.dish == s.dish_id))
    if taken and cooked is not None and cooked.step2_at is not None and cooked.cooked_at and taken < cooked.cooked_at:
        chk.error("taken_at", _("Giờ lấy mẫu ({taken}) phải sau giờ nấu xong ({done}).").format(
            taken=_fmt(taken), done=_fmt(cooked.cooked_at)))
    if s.destroyed_at is not None and taken and s.destroyed_at < taken + dt.timedelta(hours=KEEP_HOURS):
        chk.error("taken_at", _("Mẫu đã ghi hủy lúc {destroyed}: phải lưu ít nhất {hours} giờ.").format(
            destroyed=_fmt(s.destroyed_at), hours=KEEP_HOURS))
    temp = _number(chk, "storage_temp_c", form.storage_temp_c, _("nhiệt độ bảo quản"), required=False, positive=False)
    if temp is not None and not -30 <= temp <= 30:
        chk.error("storage_temp_c", _("Nhiệt độ bảo quản không hợp lý (°C): kiểm tra lại số."))
    values = {
        "amount": _number(chk, "amount", form.amount, _("lượng mẫu")),
        "amount_unit": chk.choice("amount_unit", form.amount_unit or "g", SAMPLE_UNITS, required=True,
                                  what=_("đơn vị mẫu")),
        "taken_at": taken,
        "storage_temp_c": temp,
        "taken_by": _staff(chk, "taken_by_id", form.taken_by_id, k.date, _("người lấy mẫu")),
    }
    _confirm(s, chk, values, "confirmed_at", now)
    return _sample_line(s)


def destroy_sample(sample_id: int, destroyed_at, staff_id: int | None) -> SampleLine:
    """Log the destruction of a sample: at least 24 hours after it was taken (allowed on a signed day)."""
    permissions.require("kitchen.edit")
    s = FoodSample.get_or_none(FoodSample.id == sample_id)
    if s is None:
        raise NotFound(_("Không có mẫu lưu số {id}.").format(id=sample_id))
    k = s.kitchen_day
    chk = FormCheck()
    when = _when(chk, "destroyed_at", destroyed_at, k.date, what=_("giờ hủy mẫu"))
    if s.confirmed_at is None or s.taken_at is None:
        chk.error("sample", _("Mẫu «{dish}» chưa được ghi lấy mẫu.").format(dish=s.dish.name))
    elif when and when < s.taken_at + dt.timedelta(hours=KEEP_HOURS):
        chk.error("destroyed_at", _("Mẫu phải lưu ít nhất {hours} giờ: lấy lúc {taken}, sớm nhất được hủy lúc "
                                    "{earliest}.").format(hours=KEEP_HOURS, taken=_fmt(s.taken_at),
                                                          earliest=_fmt(s.taken_at + dt.timedelta(hours=KEEP_HOURS))))
    by = _staff(chk, "destroyed_by_id", staff_id, when.date() if when else k.date, _("người hủy mẫu"))
    chk.raise_if_errors()
    with database.atomic():
        s.destroyed_at, s.destroyed_by = when, by
        s.save()
    return _sample_line(s)


def sign_day(date: dt.date, stage: str, staff_id: int | None, *, now: dt.datetime | None = None) -> KitchenDayLog:
    """Sign a finished day (every step checked, every dish sampled); afterwards it cannot be changed."""
    permissions.require("kitchen.edit")
    k = _day_model(date, stage)
    _refuse_if_signed(k)
    chk = FormCheck()
    missing = _missing(k, *_lines(k))
    if missing:
        chk.error("day", _("Chưa ký được: {reasons}").format(reasons=" ".join(missing)))
    by = _staff(chk, "signed_by_id", staff_id, date, _("người ký"))
    chk.raise_if_errors()
    with database.atomic():
        k.signed_by, k.signed_at = by, _stamp(now)
        k.save()
    return _log(k)


__all__ = [
    "CookingForm", "DishCheck", "IncompleteDay", "KitchenDayLog", "ReceiptForm", "ReceiptLine", "SampleForm",
    "SampleLine", "ServingForm", "add_receipt", "confirm_cooking", "confirm_receipt", "confirm_sample",
    "confirm_serving", "cooking_form_for", "destroy_sample", "get_day_log", "incomplete_days",
    "list_day_logs", "prefill_day", "receipt_form_for", "sample_form_for", "serving_form_for", "sign_day",
]
