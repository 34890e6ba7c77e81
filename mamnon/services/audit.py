"""The audit trail: reading it (history of a record, recent changes) and bulk writes that keep it.

Single-record writes (Model.create, save, delete_instance) are recorded by
mamnon.models.base. Services that change audited tables with class-level
queries call the helpers here instead, so those changes are recorded too.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from mamnon.i18n import N_, _
from mamnon.models import AuditEntry, Dish, SchoolClass, Setting
from mamnon.models.base import TABLE_LABELS, guard_changes, is_audited, is_guarded, record_changes, row_values

# Shown on the history screen only; _row translates them.
ACTION_LABELS = {"create": N_("Thêm"), "update": N_("Sửa"), "delete": N_("Xóa")}

FIELD_LABELS = {
    "full_name": N_("Họ tên"), "birth_date": N_("Ngày sinh"), "sex": N_("Giới tính"), "ethnicity": N_("Dân tộc"),
    "village": N_("Thôn/xóm"), "commune": N_("Xã/phường"), "province": N_("Tỉnh/thành"), "address": N_("Địa chỉ"),
    "disability": N_("Khuyết tật"), "policy_category": N_("Diện chính sách"), "enrolled_on": N_("Ngày vào trường"),
    "left_on": N_("Ngày nghỉ học"), "left_reason": N_("Lý do nghỉ"), "note": N_("Ghi chú"), "code": N_("Mã"),
    "relation": N_("Quan hệ"), "phone": N_("Điện thoại"), "position": N_("Thứ tự"), "child": N_("Trẻ"),
    "school_class": N_("Lớp"), "start_date": N_("Từ ngày"), "end_date": N_("Đến ngày"),
    "measured_on": N_("Ngày đo"), "weight_kg": N_("Cân nặng (kg)"), "height_cm": N_("Chiều cao (cm)"), "lying": N_("Đo nằm"),
    "confirmed": N_("Đã xác nhận"), "date": N_("Ngày"), "mark": N_("Điểm danh"), "stage": N_("Khối"),
    "children_count": N_("Số trẻ ăn"), "fee_per_child": N_("Tiền ăn/trẻ"), "dish": N_("Món"), "meal": N_("Bữa"),
    "total_cost": N_("Tổng tiền chợ"), "price_per_kg": N_("Giá/kg"), "key": N_("Khóa"), "value": N_("Giá trị"),
    "checked_on": N_("Ngày khám"), "examiner": N_("Người khám"), "conclusion": N_("Kết luận"),
    "username": N_("Tên đăng nhập"), "role": N_("Vai trò"), "active": N_("Đang dùng"), "password_hash": N_("Mật khẩu"),
    "name": N_("Tên"),
    "group": N_("Nhóm"), "evidence": N_("Giấy tờ"), "approved_by": N_("Người duyệt"), "approved_on": N_("Ngày duyệt"),
    "ministry_code": N_("Mã định danh Bộ GD&ĐT"), "personal_id": N_("Số định danh cá nhân"), "temp_code": N_("Mã tạm"),
}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    username: str
    role: str
    table_name: str
    table_label: str
    record_id: str
    action: str
    action_label: str
    label: str
    changes: tuple[Change, ...]

    @property
    def who(self) -> str:
        return self.username or _("(một người dùng)")

    @property
    def shown_label(self) -> str:
        """The stored label with its leading table name in the interface language: the trail keeps the Vietnamese
        it was written with (a child's name and a date after it are data either way)."""
        stored = TABLE_LABELS.get(self.table_name, self.table_name)
        if self.label == stored or self.label.startswith(stored + " – "):
            return self.table_label + self.label[len(stored):]
        return self.label

    @property
    def summary(self) -> str:
        """The changes on one line: «Họ tên: A → B; Ngày sinh: … → …»."""
        if self.action == "update":
            return "; ".join(f"{c.label}: {c.before or '∅'} → {c.after or '∅'}" for c in self.changes)
        return "; ".join(f"{c.label}: {c.after if self.action == 'create' else c.before}"
                         for c in self.changes if (c.after if self.action == "create" else c.before))


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
        rest = value[10:].lstrip("T ")
        return day.strftime("%d/%m/%Y") + (f" {rest[:5]}" if rest else "")
    return str(value)


# Ids shown as the names they stand for; the child is already in the entry's label.
_NAMED = {"school_class": SchoolClass, "dish": Dish}
_HIDDEN = frozenset({"id", "child", "menu_day", "closed_day", "measurement_round", "user"})


def _named(field: str, value):
    model = _NAMED.get(field)
    if model is None or value is None:
        return _shown(value)
    row = model.get_or_none(model.id == value)
    return row.name if row is not None else _("số {id}").format(id=value)


def _row(e: AuditEntry) -> AuditRow:
    before = json.loads(e.before) if e.before else {}
    after = json.loads(e.after) if e.after else {}
    fields = sorted(set(before) | set(after), key=lambda k: (k != "full_name", FIELD_LABELS.get(k, k)))
    changes = tuple(Change(k, _(FIELD_LABELS.get(k, k)), _named(k, before.get(k)), _named(k, after.get(k)))
                    for k in fields if k not in _HIDDEN)
    return AuditRow(e.id, e.at, e.username, e.role, e.table_name, _(TABLE_LABELS.get(e.table_name, e.table_name)),
                    e.record_id, e.action, _(ACTION_LABELS.get(e.action, e.action)), e.label, changes)


def history_of(table: str, record_id: int | str, *, include_related: bool = True) -> list[AuditRow]:
    """Every change of one record, oldest first; for a child also its guardians, classes, marks, measurements."""
    condition = (AuditEntry.table_name == table) & (AuditEntry.record_id == str(record_id))
    if table == "child" and include_related:
        condition |= AuditEntry.child_id == int(record_id)
    return [_row(e) for e in AuditEntry.select().where(condition).order_by(AuditEntry.at, AuditEntry.id)]


def recent_changes(limit: int = 200, *, username: str | None = None) -> list[AuditRow]:
    """The latest changes anywhere, newest first."""
    query = AuditEntry.select()
    if username is not None:
        query = query.where(AuditEntry.username == username)
    return [_row(e) for e in query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)]


def count_entries() -> int:
    return AuditEntry.select().count()


# --- bulk writes that keep the trail ----------------------------------------------------------------


def _guard_where(model, condition, values: dict | None = None) -> None:
    """Refuse a bulk change touching a locked period's figures (mamnon.models.approval), before it is made."""
    from mamnon.models.approval import locked_periods

    if not is_guarded(model) or not locked_periods():  # nothing locked: spare reading the rows
        return
    named = {getattr(k, "name", k): v for k, v in (values or {}).items()}
    changes = []
    for row in model.select().where(condition).dicts():
        before = row_values(model, row)
        changes.append((before, None if values is None else row_values(model, {**row, **named})))
    guard_changes(model, changes)


def delete_where(model, condition) -> int:
    """model.delete().where(condition), recording each deleted row of an audited table."""
    _guard_where(model, condition)
    if not is_audited(model):
        return model.delete().where(condition).execute()
    rows = list(model.select().where(condition).dicts())
    pk_name = model._meta.primary_key.name
    count = model.delete().where(condition).execute()
    record_changes(model, "delete", [(r[pk_name], row_values(model, r), None) for r in rows])
    return count


def update_where(model, values: dict, condition) -> int:
    """model.update(**values).where(condition), recording before and after of each changed row."""
    _guard_where(model, condition, values)
    if not is_audited(model):
        return model.update(**values).where(condition).execute()
    pk_name = model._meta.primary_key.name
    before = {r[pk_name]: row_values(model, r) for r in model.select().where(condition).dicts()}
    count = model.update(**values).where(condition).execute()
    after = {r[pk_name]: row_values(model, r) for r in
             model.select().where(model._meta.primary_key.in_(list(before))).dicts()} if before else {}
    record_changes(model, "update", [(pk, before[pk], after.get(pk)) for pk in before])
    return count


def insert_many(model, rows: list[dict], batch: int = 200) -> list[int]:
    """Insert rows of a model with an integer key; returns the new ids, recording each new row."""
    if is_guarded(model):
        guard_changes(model, [(None, row_values(model, r)) for r in rows])
    pk = model._meta.primary_key
    top = model.select(pk).order_by(pk.desc()).scalar() or 0
    for start in range(0, len(rows), batch):
        model.insert_many(rows[start:start + batch]).execute()
    new = list(model.select().where(pk > top).order_by(pk).dicts())
    if is_audited(model):
        record_changes(model, "create", [(r[pk.name], None, row_values(model, r)) for r in new])
    return [r[pk.name] for r in new]


def set_setting(key: str, value: str) -> None:
    """Insert or replace a setting, recording the change."""
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        Setting.create(key=key, value=value)
    elif row.value != value:
        row.value = value
        row.save()
