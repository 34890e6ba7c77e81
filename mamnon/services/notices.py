"""Notices to parents: a template with placeholders, rendered per child, and SMS sizing.

A template is plain text with placeholders in braces, e.g.
"Kính gửi {phu_huynh}: bé {ten_tre} lớp {lop} cân {can_nang}, {tinh_trang}."
`FIELDS` lists every placeholder with what it becomes. Only the fields a
template uses are looked up, so a short notice stays cheap for a whole school.

SMS sizing follows 3GPP TS 23.038 (alphabets) and TS 23.040 (concatenation):
text in the GSM 7-bit default alphabet fits 160 characters in one message and
153 per part when split (the user-data header takes the rest); anything else
goes as UCS-2, 70 characters alone and 67 per part. Vietnamese with diacritics
is UCS-2, so `unaccent` exists to make the cheap variant.
"""

from __future__ import annotations

import datetime as dt
import math
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from mamnon.errors import ValidationError
from mamnon.formats import format_date, parse_phone
from mamnon.i18n import N_, _
from mamnon.reference import AGE_GROUP_BY_CODE
from mamnon.services import attendance, menus
from mamnon.services.children import ChildDetail, get_child, list_children
from mamnon.services.classes import get_class
from mamnon.services.measurements import MeasurementRow, child_history
from mamnon.services.report_data import watch_status
from mamnon.services.school import school_info
from mamnon.vntext import split_name

# What each placeholder gives; a screen shows the description as _(text).
FIELDS: dict[str, str] = {
    "ten_tre": N_("Tên gọi của trẻ (tên cuối, ví dụ «An»)"),
    "ho_ten_tre": N_("Họ và tên đầy đủ của trẻ"),
    "lop": N_("Tên lớp của trẻ"),
    "can_nang": N_("Cân nặng lần cân gần nhất, ví dụ «14,5 kg»"),
    "chieu_cao": N_("Chiều cao lần đo gần nhất, ví dụ «98,0 cm»"),
    "tinh_trang": N_("Tình trạng dinh dưỡng lần cân gần nhất («Bình thường» hoặc mức cần theo dõi)"),
    "ngay_can": N_("Ngày cân đo gần nhất (dd/mm/yyyy)"),
    "thuc_don_tuan": N_("Thực đơn cả tuần (thứ Hai đến thứ Sáu) của khối trẻ"),
    "co_mat_thang": N_("Số ngày trẻ có mặt trong tháng"),
    "nghi_thang": N_("Số ngày trẻ nghỉ trong tháng (có phép và không phép)"),
    "ten_truong": N_("Tên trường"),
    "phu_huynh": N_("Tên người nhận (phụ huynh thứ nhất của trẻ, hoặc người nhận tin nhắn)"),
}

# The words a notice puts in the text parents receive: Vietnamese whatever the interface language.
NO_MEASUREMENT = "chưa cân đo"  # i18n-skip: message content for parents
NORMAL = "Bình thường"  # i18n-skip: message content for parents
# Why a child cannot be texted: the batch's check list (a file) keeps the Vietnamese, screens show _(reason).
BAD_PHONES = N_("Số điện thoại không đúng: {phones}")
NO_PHONE = N_("Chưa có số điện thoại phụ huynh")
_WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


# ---------------------------------------------------------------- rendering


def template_fields(template: str) -> list[str]:
    """The placeholders a template uses, in order; unknown or malformed ones raise."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        # braces doubled and .format(): the catalogue's field check must not read them as placeholders
        raise ValidationError({"template": _("Mẫu tin có dấu ngoặc {{ }} không khớp: mỗi «{{» phải có «}}» "
                                             "(viết {{{{ hoặc }}}} để in chính dấu ngoặc).").format()}) from None
    names = [name for _text, name, _spec, _conv in parsed if name is not None]
    for name in names:
        if name not in FIELDS:
            known = ", ".join("{" + f + "}" for f in FIELDS)
            raise ValidationError({"template": _("Mẫu tin có trường không biết: {{{name}}}. "
                                                 "Các trường dùng được: {known}.").format(name=name, known=known)})
    return names


def render(template: str, child_id: int, on: dt.date, *, guardian: str | None = None) -> str:
    """The template filled in for one child as of `on`.

    `guardian` names the recipient for {phu_huynh}; by default the child's first guardian.
    """
    names = set(template_fields(template))
    values = _values(names, get_child(child_id), on)
    if guardian is not None and "phu_huynh" in values:
        values["phu_huynh"] = guardian
    return template.format(**values)


def _values(names: set[str], child: ChildDetail, on: dt.date) -> dict[str, str]:
    return {name: _FIELD_VALUES[name](child, on) for name in names}


def _given_name(child: ChildDetail, on: dt.date) -> str:
    return split_name(child.row.full_name)[2]


def _latest(child: ChildDetail, on: dt.date) -> MeasurementRow | None:
    done = [m for _row, m in child_history(child.row.id) if m.measured_on <= on]
    return done[-1] if done else None


def _decimal(value: float | None, digits: int, unit: str) -> str:
    if value is None:
        return NO_MEASUREMENT
    return f"{value:.{digits}f}".replace(".", ",") + f" {unit}"


def _weight(child: ChildDetail, on: dt.date) -> str:
    m = _latest(child, on)
    return _decimal(m.weight_kg if m else None, 1, "kg")


def _height(child: ChildDetail, on: dt.date) -> str:
    m = _latest(child, on)
    return _decimal(m.height_cm if m else None, 1, "cm")


def measurement_status(m: MeasurementRow | None) -> str:
    """The status wording of the report's followed-up list, or «Bình thường»."""
    if m is None:
        return NO_MEASUREMENT
    codes = {"wfa": m.wfa_code, "hfa": m.hfa_code, "wasting": m.wasting_code}
    return watch_status(codes, m.wfh, m.bfa) or NORMAL


def _status(child: ChildDetail, on: dt.date) -> str:
    return measurement_status(_latest(child, on))


def _measured_on(child: ChildDetail, on: dt.date) -> str:
    m = _latest(child, on)
    return format_date(m.measured_on) if m else NO_MEASUREMENT


def _stage(class_id: int | None) -> str | None:
    if class_id is None:
        return None
    group = AGE_GROUP_BY_CODE.get(get_class(class_id).age_group)
    return group.stage if group else None


def week_menu(stage: str | None, on: dt.date) -> str:
    """«T2: Cháo thịt, Sữa; T3: …» for Monday to Friday of the week holding `on`."""
    monday = on - dt.timedelta(days=on.weekday())
    days = menus.list_menu_days(monday, monday + dt.timedelta(days=4), stage) if stage else []
    parts = []
    for day in days:
        dishes = ", ".join(dict.fromkeys(item.dish_name for item in day.items))
        if dishes:
            parts.append(f"{_WEEKDAYS[day.date.weekday()]}: {dishes}")
    return "; ".join(parts) or "chưa có thực đơn"  # i18n-skip: message content for parents


def _menu(child: ChildDetail, on: dt.date) -> str:
    return week_menu(_stage(child.row.class_id), on)


def month_marks(child_id: int, class_id: int | None, year: int, month: int) -> attendance.GridRow | None:
    """The child's line of the class register for the month, if the child was in the class."""
    if class_id is None:
        return None
    grid = attendance.month_grid(class_id, year, month)
    return next((r for r in grid.rows if r.child_id == child_id), None)


def _present(child: ChildDetail, on: dt.date) -> str:
    row = month_marks(child.row.id, child.row.class_id, on.year, on.month)
    return str(row.present if row else 0)


def _away(child: ChildDetail, on: dt.date) -> str:
    row = month_marks(child.row.id, child.row.class_id, on.year, on.month)
    return str(row.leave + row.absent if row else 0)


def _first_guardian(child: ChildDetail, on: dt.date) -> str:
    named = [g.full_name for g in child.guardians if g.full_name]
    return named[0] if named else "Quý phụ huynh"  # i18n-skip: message content for parents


_FIELD_VALUES: dict[str, Callable[[ChildDetail, dt.date], str]] = {
    "ten_tre": _given_name,
    "ho_ten_tre": lambda child, on: child.row.full_name,
    "lop": lambda child, on: child.row.class_name,
    "can_nang": _weight,
    "chieu_cao": _height,
    "tinh_trang": _status,
    "ngay_can": _measured_on,
    "thuc_don_tuan": _menu,
    "co_mat_thang": _present,
    "nghi_thang": _away,
    "ten_truong": lambda child, on: school_info().name,
    "phu_huynh": _first_guardian,
}


# ---------------------------------------------------------------- recipients


@dataclass(frozen=True)
class Recipient:
    """One phone number to text about one child."""

    child_id: int
    child_code: str
    child_name: str
    class_name: str
    guardian: str
    relation: str
    phone: str
    """10 or 11 digits starting with 0."""


@dataclass(frozen=True)
class Unreachable:
    """A child none of whose guardians has a usable phone number."""

    child_id: int
    child_code: str
    child_name: str
    class_name: str
    guardians: str
    """«Nguyễn Văn A (Bố); …», or «» when no guardian is recorded."""  # i18n-skip: an example
    reason: str
    """Vietnamese, for the check list file; `shown_reason` is the same in the interface language."""
    typed_phones: tuple[str, ...] = ()

    @property
    def shown_reason(self) -> str:
        if self.typed_phones:
            return _(BAD_PHONES).format(phones=", ".join(self.typed_phones))
        return _(NO_PHONE)


@dataclass(frozen=True)
class Recipients:
    reachable: tuple[Recipient, ...]
    unreachable: tuple[Unreachable, ...]


def recipients(scope: int | None, on: dt.date) -> Recipients:
    """Every guardian phone of the children of a class (None: the whole school) still at school.

    A number written twice for the same child is texted once; a child with no
    valid number is listed in `unreachable` so the teacher can tell the family
    another way.
    """
    reachable: list[Recipient] = []
    unreachable: list[Unreachable] = []
    for row in list_children(class_id=scope):
        if row.left_on is not None and row.left_on <= on:
            continue
        child = get_child(row.id)
        found = _phones(child)
        if found:
            reachable.extend(found)
        else:
            unreachable.append(_unreachable(child))
    return Recipients(tuple(reachable), tuple(unreachable))


def _valid_phone(text: str) -> str | None:
    try:
        return parse_phone(text)
    except ValueError:
        return None


def _phones(child: ChildDetail) -> list[Recipient]:
    seen: set[str] = set()
    out = []
    for g in child.guardians:
        phone = _valid_phone(g.phone) if g.phone.strip() else None
        if phone and phone not in seen:
            seen.add(phone)
            r = child.row
            out.append(Recipient(r.id, r.code, r.full_name, r.class_name, g.full_name, g.relation, phone))
    return out


def _unreachable(child: ChildDetail) -> Unreachable:
    named = "; ".join(f"{g.full_name} ({g.relation})" if g.relation else g.full_name
                      for g in child.guardians if g.full_name)
    typed = [g.phone for g in child.guardians if g.phone.strip()]
    reason = BAD_PHONES.format(phones=", ".join(typed)) if typed else NO_PHONE
    r = child.row
    return Unreachable(r.id, r.code, r.full_name, r.class_name, named, reason, tuple(typed))


# ---------------------------------------------------------------- SMS sizing

GSM7 = "GSM-7"
UCS2 = "UCS-2"

# 3GPP TS 23.038 §6.2.1: the default alphabet (escape 0x1B excluded) and its extension table.
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"  # i18n-skip: the GSM alphabet
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = frozenset("\f^{}\\[~]|€")

# TS 23.040: single message 140 octets; a concatenated part loses 6 octets to the header.
_LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}


def sms_segments(text: str) -> tuple[int, int, str]:
    """(characters as the network counts them, messages, encoding) of one SMS text.

    In GSM-7 an extension character (^ { } \\ [ ~ ] | €) costs two; in UCS-2 a
    character outside the Basic Multilingual Plane (an emoji) costs two.
    """
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENSION for ch in text):
        encoding = GSM7
        chars = sum(2 if ch in _GSM_EXTENSION else 1 for ch in text)
    else:
        encoding = UCS2
        chars = len(text.encode("utf-16-le")) // 2
    single, part = _LIMITS[encoding]
    if chars == 0:
        return 0, 0, encoding
    return chars, 1 if chars <= single else math.ceil(chars / part), encoding


_TYPOGRAPHY = str.maketrans({"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'",
                             "…": "...", "\u00a0": " ", "«": '"', "»": '"'})


def unaccent(text: str) -> str:
    """Vietnamese without diacritics, case kept: «Bé Đào nặng 14,5 kg» -> «Be Dao nang 14,5 kg».

    Typographic quotes and dashes become their ASCII forms too, so an ordinary
    notice ends up entirely in the GSM-7 alphabet (160 characters per SMS).
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_TYPOGRAPHY))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept.replace("đ", "d").replace("Đ", "D"))  # i18n-skip: letters



# ---------------------------------------------------------------- a batch of messages


@dataclass(frozen=True)
class Message:
    recipient: Recipient
    text: str
    chars: int
    segments: int
    encoding: str

    @property
    def phone(self) -> str:
        return self.recipient.phone


def compose(template: str, scope: int | None, on: dt.date, *, unaccented: bool = False
            ) -> tuple[list[Message], tuple[Unreachable, ...]]:
    """One message per guardian phone of the class (None: the school), and the children left out.

    Each child's fields are looked up once; only {phu_huynh} changes per guardian.
    """
    names = set(template_fields(template))
    found = recipients(scope, on)
    out: list[Message] = []
    values: dict[int, dict[str, str]] = {}
    for r in found.reachable:
        if r.child_id not in values:
            values[r.child_id] = _values(names, get_child(r.child_id), on)
        filled = dict(values[r.child_id])
        if "phu_huynh" in filled and r.guardian:
            filled["phu_huynh"] = r.guardian
        text = template.format(**filled)
        if unaccented:
            text = unaccent(text)
        out.append(Message(r, text, *sms_segments(text)))
    return out, found.unreachable
