"""Who may change what: roles as data, and the check every writing service makes first.

`require(permission)` refuses a role without the permission; `require_class`
and `require_child` also refuse a teacher acting on a class that is not theirs
(a teacher's classes: those whose main teacher is the account's staff member,
plus the classes given to the account in `user_class`). Reading is open to
every logged-in role; only writes are checked.

In single-user mode (the default, and every database made before accounts
existed) the one person at the keyboard acts as the principal.
"""

from __future__ import annotations

import datetime as dt

from mamnon.acting import SINGLE_USER, Actor, logged_in, set_actor
from mamnon.errors import PermissionDenied
from mamnon.i18n import N_, _
from mamnon.models import Child, Enrollment, SchoolClass, Setting, UserClass

MODE_KEY = "access_mode"
SINGLE_USER_MODE, ACCOUNTS_MODE = "single_user", "accounts"

# Shown on screens only (never written to a file): role_label() and the messages translate them.
ROLE_LABELS = {
    "admin": N_("hiệu trưởng / quản trị"),
    "teacher": N_("giáo viên"),
    "health": N_("y tế"),
    "kitchen": N_("cấp dưỡng / bếp"),
    "accountant": N_("kế toán"),
}

PERMISSION_LABELS = {
    "children.edit": N_("sửa hồ sơ trẻ"),
    "attendance.edit": N_("điểm danh"),
    "measurements.edit": N_("ghi cân đo"),
    "health.edit": N_("ghi khám sức khỏe"),
    "classes.edit": N_("sửa danh sách lớp"),
    "staff.edit": N_("sửa hồ sơ cán bộ"),
    "calendar.edit": N_("sửa lịch nghỉ của trường"),
    "menus.edit": N_("sửa thực phẩm, món ăn, thực đơn và định mức"),
    "kitchen.edit": N_("ghi sổ kiểm thực"),
    "prices.edit": N_("sửa giá thực phẩm"),
    "money.edit": N_("chốt sổ và sửa tiền ăn"),
    "report.export": N_("xuất báo cáo trường"),
    "facilities.edit": N_("sửa số liệu cơ sở vật chất"),
    "census.edit": N_("sửa số liệu điều tra phổ cập"),
    "users.manage": N_("quản lý tài khoản"),
}

ALL, OWN = "all", "own"
"""ALL: every class; OWN: only the account's own classes."""

ROLE_PERMISSIONS: dict[str, dict[str, str]] = {
    "admin": {permission: ALL for permission in PERMISSION_LABELS},
    "teacher": {"children.edit": OWN, "attendance.edit": OWN, "measurements.edit": OWN},
    "health": {"measurements.edit": ALL, "health.edit": ALL},
    "kitchen": {"menus.edit": ALL, "kitchen.edit": ALL, "prices.edit": ALL},
    "accountant": {"money.edit": ALL, "prices.edit": ALL, "report.export": ALL},
}


def access_mode() -> str:
    row = Setting.get_or_none(Setting.key == MODE_KEY)
    return row.value if row is not None and row.value == ACCOUNTS_MODE else SINGLE_USER_MODE


def current_actor() -> Actor | None:
    """The account acting now; the implicit principal in single-user mode; None when nobody logged in."""
    actor = logged_in()
    if actor is not None:
        return actor
    return SINGLE_USER if access_mode() == SINGLE_USER_MODE else None


def act_as(actor: Actor | None) -> None:
    """Set who acts on the open database (the login screen and the CLI do this)."""
    set_actor(actor)


def logout() -> None:
    set_actor(None)


def role_label(role: str) -> str:
    return _(ROLE_LABELS.get(role, role))


def _who(actor: Actor) -> str:
    return _("Tài khoản «{username}» ({role})").format(username=actor.username, role=role_label(actor.role))


def _acting() -> Actor:
    actor = current_actor()
    if actor is None:
        raise PermissionDenied(_("Chưa đăng nhập: trường này dùng tài khoản, hãy đăng nhập trước "
                                 "(dòng lệnh: --user TÊN hoặc biến MAMNON_USER)."))
    return actor


def allowed(permission: str, actor: Actor | None = None) -> bool:
    actor = actor or current_actor()
    return actor is not None and permission in ROLE_PERMISSIONS.get(actor.role, {})


def require(permission: str) -> Actor:
    """Refuse unless the acting role has `permission` (for some class at least)."""
    actor = _acting()
    if permission not in ROLE_PERMISSIONS.get(actor.role, {}):
        raise PermissionDenied(_("{who} không được {what}.").format(
            who=_who(actor), what=_(PERMISSION_LABELS.get(permission, permission))))
    return actor


def own_class_ids(actor: Actor) -> set[int]:
    ids: set[int] = set()
    if actor.staff_id is not None:
        ids |= {c.id for c in SchoolClass.select(SchoolClass.id).where(SchoolClass.main_teacher == actor.staff_id)}
    if actor.user_id is not None:
        ids |= {u.school_class_id for u in UserClass.select().where(UserClass.user == actor.user_id)}
    return ids


def may_change_class(permission: str, class_id: int | None, actor: Actor | None = None) -> bool:
    actor = actor or current_actor()
    if actor is None:
        return False
    scope = ROLE_PERMISSIONS.get(actor.role, {}).get(permission)
    if scope == ALL:
        return True
    return scope == OWN and class_id is not None and class_id in own_class_ids(actor)


def require_class(permission: str, class_id: int | None) -> Actor:
    """Refuse unless the acting account may use `permission` on class `class_id` (None: the whole school)."""
    actor = require(permission)
    if not may_change_class(permission, class_id, actor):
        cls = SchoolClass.get_or_none(SchoolClass.id == class_id) if class_id is not None else None
        if class_id is None:
            message = _("{who} không được sửa dữ liệu của toàn trường.")
        elif cls is not None:
            message = _("{who} không được sửa dữ liệu của lớp {name}.")
        else:
            message = _("{who} không được sửa dữ liệu của lớp số {id}.")
        raise PermissionDenied(message.format(who=_who(actor), name=cls.name if cls else "", id=class_id))
    return actor


def class_of_child(child_id: int, on: dt.date | None = None) -> int | None:
    """The child's class on `on` (else now, else the last class they were in)."""
    stays = list(Enrollment.select().where(Enrollment.child == child_id).order_by(Enrollment.start_date.desc()))
    if on is not None:
        for s in stays:
            if s.start_date <= on and (s.end_date is None or on < s.end_date):
                return s.school_class_id
    for s in stays:
        if s.end_date is None:
            return s.school_class_id
    return stays[0].school_class_id if stays else None


def require_child(permission: str, child_id: int, on: dt.date | None = None) -> Actor:
    """Refuse unless the acting account may change this child's records (their class on `on`)."""
    actor = require(permission)
    if ROLE_PERMISSIONS[actor.role][permission] == ALL:
        return actor
    class_id = class_of_child(child_id, on)
    if not may_change_class(permission, class_id, actor):
        child = Child.get_or_none(Child.id == child_id)
        cls = SchoolClass.get_or_none(SchoolClass.id == class_id) if class_id else None
        name = child.full_name if child else _("số {id}").format(id=child_id)
        if cls:
            message = _("{who} không được sửa dữ liệu của lớp {class_name} (trẻ {name}).")
        else:
            message = _("{who} không được sửa dữ liệu của trẻ {name} (chưa vào lớp nào).")
        raise PermissionDenied(message.format(who=_who(actor), class_name=cls.name if cls else "", name=name))
    return actor
