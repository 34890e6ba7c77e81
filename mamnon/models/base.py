"""The base model every table derives from, bound to the deferred database.

Audit trail: `save()` and `delete_instance()` of a model whose table is in
AUDITED_TABLES store who changed what (before and after, changed fields only)
in `audit_entry`; a row that counts in a report approved by the office (a
locked period, mamnon.models.approval) is refused before it is written.
Class-level queries (insert_many, update().where(),
delete().where()) bypass these methods: services write audited tables in bulk
through mamnon.services.audit, which calls `record_changes` below.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from peewee import DateTimeField, Model

from mamnon.db import database
from mamnon.i18n import N_

AUDITED_TABLES = frozenset({
    "child", "guardian", "enrollment",
    "measurement_round", "measurement", "health_check",
    "attendance_mark",
    "menu_day", "menu_item",
    "closed_day", "closed_line", "setting", "lunch_support",
    "user_account", "user_class",
})

TABLE_LABELS = {
    "child": N_("Trẻ"), "guardian": N_("Phụ huynh"), "enrollment": N_("Lớp của trẻ"),
    "measurement_round": N_("Đợt cân đo"), "measurement": N_("Cân đo"), "health_check": N_("Khám sức khỏe"),
    "attendance_mark": N_("Điểm danh"), "menu_day": N_("Thực đơn ngày"), "menu_item": N_("Món trong thực đơn"),
    "closed_day": N_("Chốt sổ"), "closed_line": N_("Dòng chốt sổ"), "setting": N_("Cài đặt"),
    "lunch_support": N_("Hỗ trợ ăn trưa"), "user_account": N_("Tài khoản"), "user_class": N_("Lớp của tài khoản"),
    # not audited, but named when two people save the same one (ConcurrentEdit)
    "staff": N_("Cán bộ"), "school_class": N_("Lớp"), "census_entry": N_("Phiếu điều tra phổ cập"),
    "dish": N_("Món ăn"),
}

# Timestamps and row versions change on every save and say nothing a reader needs; a password hash must never
# be copied.
_SKIPPED = frozenset({"created_at", "updated_at", "failed_attempts", "lockouts", "locked_until", "last_login_at",
                      "row_version"})
_SECRET = frozenset({"password_hash"})


def _plain(value):
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def row_values(model_class, data: dict) -> dict:
    """A row as {field name: JSON-ready value} (foreign keys as ids), without timestamps."""
    out = {}
    for name, field in model_class._meta.fields.items():
        if name in _SKIPPED or name not in data:
            continue
        value = data[name]
        if isinstance(value, Model):
            value = value.get_id()
        out[name] = _plain(value)
    return out


def _redacted(values: dict, marker: str) -> dict:
    return {k: (marker if k in _SECRET else v) for k, v in values.items()}


def _stored_row(model_class, pk) -> dict | None:
    row = model_class.select().where(model_class._meta.primary_key == pk).dicts().first()
    return None if row is None else row_values(model_class, row)


def _child_of(table: str, values: dict) -> int | None:
    child = values.get("child")
    return int(child) if child is not None else None


def _label(table: str, values: dict, child_id: int | None, translate: Callable[[str], str] = str) -> str:
    """Vietnamese as the audit trail stores it; translate=_ for a message shown now."""
    parts = [translate(TABLE_LABELS.get(table, table))]
    if child_id is not None:
        row = database.execute_sql("SELECT full_name, code FROM child WHERE id = ?", (child_id,)).fetchone()
        if row is not None:
            parts.append(f"{row[0]} ({row[1]})")
    for key in ("full_name", "name", "username", "key"):
        if table != "child" and values.get(key):
            parts.append(str(values[key]))
            break
    for key in ("date", "measured_on", "checked_on", "start_date"):
        if values.get(key):
            text = str(values[key])[:10]
            try:
                parts.append(dt.date.fromisoformat(text).strftime("%d/%m/%Y"))
            except ValueError:  # a label must never stop a save
                parts.append(text)
            break
    return " – ".join(parts)[:250]


def record_changes(model_class, action: str, changes: list[tuple[object, dict | None, dict | None]]) -> int:
    """Store one audit entry per (primary key, before, after); an update that changed nothing is skipped.

    `before` / `after` are full rows (row_values); only the fields that differ are kept.
    """
    from mamnon.acting import logged_in
    from mamnon.models.accounts import AuditEntry

    table = model_class._meta.table_name
    actor = logged_in()
    username, role = (actor.username, actor.role) if actor else ("", "")
    now = dt.datetime.now()
    rows = []
    for pk, before, after in changes:
        before, after = dict(before or {}), dict(after or {})
        if action == "update":
            changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
            if not changed:
                continue
            full = {**before, **after, **(_stored_row(model_class, pk) or {})}
            before = {k: v for k, v in before.items() if k in changed}
            after = {k: v for k, v in after.items() if k in changed}
        else:
            full = after if action == "create" else before
        child_id = pk if table == "child" else _child_of(table, full)
        before, after = _redacted(before, "***"), _redacted(after, "*** (mới)")  # i18n-skip: stored in the trail
        rows.append({
            "at": now, "username": username, "role": role, "table_name": table, "record_id": str(pk),
            "action": action,
            "before": json.dumps(before, ensure_ascii=False, sort_keys=True) if before else "",
            "after": json.dumps(after, ensure_ascii=False, sort_keys=True) if after else "",
            "label": _label(table, full, child_id),
            "child_id": child_id,
        })
    for start in range(0, len(rows), 100):
        AuditEntry.insert_many(rows[start:start + 100]).execute()
    return len(rows)


def is_audited(model_class) -> bool:
    return model_class._meta.table_name in AUDITED_TABLES


def is_guarded(model_class) -> bool:
    """Rows of this table count in a report: a locked period refuses changing them (models/approval.py)."""
    from mamnon.models.approval import is_guarded as table_guarded

    return table_guarded(model_class._meta.table_name)


def guard_changes(model_class, changes: list[tuple[dict | None, dict | None]]) -> None:
    """Refuse (PeriodLocked) (before, after) row changes that would alter an approved period's figures."""
    from mamnon.models.approval import guard_rows

    guard_rows(model_class._meta.table_name, [(b, a) for b, a in changes if b is not None or a is not None])


def _guard_save(model_class, before: dict | None, after: dict, only) -> None:
    if only and before is not None:
        names = {f.name if hasattr(f, "name") else f for f in only}
        after = {**before, **{k: v for k, v in after.items() if k in names}}
    guard_changes(model_class, [(before, after)])


def concurrent_edit_message(model_class, data: dict) -> str:
    from mamnon.i18n import _

    values = row_values(model_class, data)
    table = model_class._meta.table_name
    pk = data.get(model_class._meta.primary_key.name)
    label = _label(table, values, pk if table == "child" else _child_of(table, values), _)
    return _("{record}: người khác đã sửa bản ghi này sau khi bạn mở nó. Chưa lưu gì; "
             "hãy mở lại để xem thay đổi của họ.").format(record=label)


class BaseModel(Model):
    """Tables with a `row_version` column (migration 0014) count their saves: every update adds one,
    and an update after `expect_version(v)` is refused with ConcurrentEdit unless the row is still at v."""

    class Meta:
        database = database
        legacy_table_names = False

    def expect_version(self, version: int | None) -> None:
        """The row_version the form was opened with; the next save writes only if the row still has it
        (None: no check, for a load-and-save in one transaction)."""
        self.__dict__["_expected_version"] = version

    def _pk_expr(self):
        expr = super()._pk_expr()
        guard = self.__dict__.get("_version_guard")
        if guard is not None:
            expr = expr & (type(self).row_version == guard)
        return expr

    def _write(self, force_insert, only):
        """Model.save, counting the row's version where the table has one."""
        model = type(self)
        expected = self.__dict__.pop("_expected_version", None)
        if "row_version" not in model._meta.fields or force_insert or self._pk is None:
            return super().save(force_insert=force_insert, only=only)
        # UPDATE … SET row_version = row_version + 1 WHERE id = ? [AND row_version = ?]: one statement, no race.
        self.__data__["row_version"] = model.row_version + 1
        if only is not None:
            only = [*only, model.row_version]
        self.__dict__["_version_guard"] = expected
        try:
            rows = super().save(only=only)
        finally:
            self.__dict__.pop("_version_guard", None)
            self.__data__["row_version"] = expected
        if not rows and expected is not None:
            from mamnon.errors import ConcurrentEdit

            raise ConcurrentEdit(concurrent_edit_message(model, self.__data__))
        self.__data__["row_version"] = (
            expected + 1 if expected is not None
            else model.select(model.row_version).where(model._meta.primary_key == self._pk).scalar())
        self._dirty.discard("row_version")
        return rows

    def save(self, force_insert=False, only=None):
        guarded = is_guarded(type(self))
        if not is_audited(type(self)) and not guarded:
            return self._write(force_insert, only)
        pk = self._pk
        inserting = force_insert or pk is None
        before = None if inserting else _stored_row(type(self), pk)
        if guarded:
            _guard_save(type(self), before, row_values(type(self), self.__data__), only)
        if not is_audited(type(self)):
            return self._write(force_insert, only)
        result = self._write(force_insert, only)
        after = row_values(type(self), self.__data__)
        if inserting:
            record_changes(type(self), "create", [(self._pk, None, after)])
        elif before is not None:
            if only:
                names = {f.name if hasattr(f, "name") else f for f in only}
                after = {k: v for k, v in after.items() if k in names}
                before = {k: v for k, v in before.items() if k in names}
            record_changes(type(self), "update", [(pk, before, after)])
        return result

    def delete_instance(self, recursive=False, delete_nullable=False):
        if is_guarded(type(self)):
            guard_changes(type(self), [(_stored_row(type(self), self._pk), None)])
        if not is_audited(type(self)):
            return super().delete_instance(recursive=recursive, delete_nullable=delete_nullable)
        before = _stored_row(type(self), self._pk)
        result = super().delete_instance(recursive=recursive, delete_nullable=delete_nullable)
        if before is not None:
            record_changes(type(self), "delete", [(self._pk, before, None)])
        return result


class TimestampedModel(BaseModel):
    """A record that remembers when it was created and last changed."""

    created_at = DateTimeField(default=dt.datetime.now)
    updated_at = DateTimeField(default=dt.datetime.now)

    def save(self, *args, **kwargs):
        self.updated_at = dt.datetime.now()
        return super().save(*args, **kwargs)
