"""The audit trail: reading it (history of a record, recent changes) and bulk writes that keep it.

Single-record writes (Model.create, save, delete_instance) are recorded by
mamnon.models.base. Services that change audited tables with class-level
queries call the helpers here instead, so those changes are recorded too.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from mamnon.models import AuditEntry, Dish, SchoolClass, Setting
from mamnon.models.base import TABLE_LABELS, guard_changes, is_audited, is_guarded, record_changes, row_values

ACTION_LABELS = {"create": "Thêm", "update": "Sửa", "delete": "Xóa"}

FIELD_LABELS = {
    "full_name": "Họ tên", "birth_date": "Ngày sinh", "sex": "Giới tính", "ethnicity": "Dân tộc",
    "village": "Thôn/xóm", "commune": "Xã/phường", "province": "Tỉnh/thành", "address": "Địa chỉ",
    "disability": "Khuyết tật", "policy_category": "Diện chính sách", "enrolled_on": "Ngày vào trường",
    "left_on": "Ngày nghỉ học", "left_reason": "Lý do nghỉ", "note": "Ghi chú", "code": "Mã",
    "relation": "Quan hệ", "phone": "Điện thoại", "position": "Thứ tự", "child": "Trẻ",
    "school_class": "Lớp", "start_date": "Từ ngày", "end_date": "Đến ngày",
    "measured_on": "Ngày đo", "weight_kg": "Cân nặng (kg)", "height_cm": "Chiều cao (cm)", "lying": "Đo nằm",
    "confirmed": "Đã xác nhận", "date": "Ngày", "mark": "Điểm danh", "stage": "Khối",
    "children_count": "Số trẻ ăn", "fee_per_child": "Tiền ăn/trẻ", "dish": "Món", "meal": "Bữa",
    "total_cost": "Tổng tiền chợ", "price_per_kg": "Giá/kg", "key": "Khóa", "value": "Giá trị",
    "checked_on": "Ngày khám", "examiner": "Người khám", "conclusion": "Kết luận",
    "username": "Tên đăng nhập", "role": "Vai trò", "active": "Đang dùng", "password_hash": "Mật khẩu",
    "name": "Tên",
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
        return self.username or "(một người dùng)"

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
        return "có" if value else "không"
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
    return row.name if row is not None else f"số {value}"


def _row(e: AuditEntry) -> AuditRow:
    before = json.loads(e.before) if e.before else {}
    after = json.loads(e.after) if e.after else {}
    fields = sorted(set(before) | set(after), key=lambda k: (k != "full_name", FIELD_LABELS.get(k, k)))
    changes = tuple(Change(k, FIELD_LABELS.get(k, k), _named(k, before.get(k)), _named(k, after.get(k)))
                    for k in fields if k not in _HIDDEN)
    return AuditRow(e.id, e.at, e.username, e.role, e.table_name, TABLE_LABELS.get(e.table_name, e.table_name),
                    e.record_id, e.action, ACTION_LABELS.get(e.action, e.action), e.label, changes)


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
