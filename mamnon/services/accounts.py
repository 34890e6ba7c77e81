"""Local accounts: the first principal, users, passwords, logins with lockout, and the access mode.

Passwords are hashed with scrypt (hashlib, memory-hard) and a random salt per
user; the cost parameters are stored with each hash so they can be raised
later (a login with weaker stored parameters rehashes). Five wrong passwords in
a row lock the account for 30 s, then 60 s, 120 s… up to 15 minutes; a correct
password resets the count. The principal resets others' passwords (which also
unlocks them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from mamnon.acting import Actor, logged_in
from mamnon.db import database
from mamnon.i18n import _
from mamnon.errors import LoginFailed, NotFound, PermissionDenied, ValidationError
from mamnon.models import SchoolClass, Staff, User, UserClass
from mamnon.services import audit, permissions

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
SALT_BYTES = 16
MAX_FAILURES = 5
FIRST_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60
MIN_PASSWORD = 6
ROLES = tuple(permissions.ROLE_LABELS)

_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,29}")


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    role: str
    role_label: str
    staff_id: int | None
    staff_name: str
    class_names: tuple[str, ...]
    """Every class this account may change (main teacher of, or given)."""
    extra_class_ids: tuple[int, ...]
    active: bool
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None


# --- hashing ----------------------------------------------------------------------------------


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P,
                  salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 2 ** 20)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def _parameters(stored: str) -> tuple[int, int, int, bytes, bytes]:
    kind, n, r, p, salt, digest = stored.split("$")
    if kind != "scrypt":
        raise ValueError(kind)
    return int(n), int(r), int(p), bytes.fromhex(salt), bytes.fromhex(digest)


def verify_password(password: str, stored: str) -> bool:
    try:
        n, r, p, salt, digest = _parameters(stored)
    except ValueError:
        return False
    return hmac.compare_digest(hash_password(password, n=n, r=r, p=p, salt=salt).rsplit("$", 1)[1], digest.hex())


def _weaker_than_now(stored: str) -> bool:
    n, r, p, _salt, _key = _parameters(stored)
    return (n, r, p) < (SCRYPT_N, SCRYPT_R, SCRYPT_P)


# --- mode ---------------------------------------------------------------------------------------


def access_mode() -> str:
    return permissions.access_mode()


def uses_accounts() -> bool:
    return access_mode() == permissions.ACCOUNTS_MODE


def set_mode(mode: str) -> None:
    """single_user (no logins) or accounts; accounts needs an active principal account first."""
    if mode not in (permissions.SINGLE_USER_MODE, permissions.ACCOUNTS_MODE):
        raise ValidationError({"mode": _("Chế độ phải là single_user (một người dùng) hoặc accounts (tài khoản).")})
    permissions.require("users.manage")
    if mode == permissions.ACCOUNTS_MODE and not _active_admins().exists():
        raise ValidationError({"mode": _("Cần tạo tài khoản hiệu trưởng / quản trị trước khi bật đăng nhập.")})
    with database.atomic():
        audit.set_setting(permissions.MODE_KEY, mode)


# --- checks ---------------------------------------------------------------------------------------


def _active_admins():
    return User.select().where((User.role == "admin") & (User.active == True))  # noqa: E712


def _check_password(errors: dict, password: str, key: str = "password") -> None:
    if len(password or "") < MIN_PASSWORD:
        errors[key] = _("Mật khẩu cần ít nhất {n} ký tự.").format(n=MIN_PASSWORD)


def _check_new_user(username: str, full_name: str, role: str, password: str, staff_id: int | None,
                    class_ids) -> tuple[str, str]:
    errors: dict[str, str] = {}
    username = (username or "").strip().lower()
    full_name = " ".join((full_name or "").split())
    if not _USERNAME.fullmatch(username):
        errors["username"] = _("Tên đăng nhập gồm 2–30 chữ thường không dấu, số, dấu chấm, gạch ngang "
                                "hoặc gạch dưới, ví dụ lan.gv.")
    elif User.select().where(User.username == username).exists():
        errors["username"] = _("Đã có tài khoản «{username}».").format(username=username)
    if not full_name:
        errors["full_name"] = _("Cần nhập họ tên.")
    if role not in ROLES:
        choices = ", ".join(f"{k} ({_(v)})" for k, v in permissions.ROLE_LABELS.items())
        errors["role"] = _("Vai trò phải là một trong: {choices}.").format(choices=choices)
    _check_password(errors, password)
    if staff_id is not None and not Staff.select().where(Staff.id == staff_id).exists():
        errors["staff_id"] = _("Cán bộ đã chọn không còn.")
    missing = [c for c in class_ids if not SchoolClass.select().where(SchoolClass.id == c).exists()]
    if missing:
        errors["class_ids"] = _("Lớp đã chọn không còn.")
    if errors:
        raise ValidationError(errors)
    return username, full_name


def _get(username: str) -> User:
    user = User.get_or_none(User.username == (username or "").strip().lower())
    if user is None:
        raise NotFound(_("Không có tài khoản «{username}».").format(username=username))
    return user


def _row(u: User) -> UserRow:
    actor = Actor(u.id, u.username, u.full_name, u.role, u.staff_id)
    own = permissions.own_class_ids(actor) if u.role == "teacher" else set()
    names = tuple(sorted(c.name for c in SchoolClass.select().where(SchoolClass.id.in_(own)))) if own else ()
    extra = tuple(sorted(x.school_class_id for x in UserClass.select().where(UserClass.user == u.id)))
    staff = Staff.get_or_none(Staff.id == u.staff_id) if u.staff_id else None
    return UserRow(u.id, u.username, u.full_name, u.role, permissions.role_label(u.role), u.staff_id,
                   staff.full_name if staff else "", names, extra, bool(u.active), u.locked_until,
                   u.last_login_at)


# --- accounts -------------------------------------------------------------------------------------


def has_users() -> bool:
    return User.select().exists()


def check_admin(username: str, full_name: str, password: str) -> None:
    """The checks of create_admin, for a setup that asks everything before writing anything."""
    _check_new_user(username, full_name, "admin", password, None, ())


def create_admin(username: str, full_name: str, password: str) -> UserRow:
    """The first account, a principal (first run only: refused once any account exists)."""
    if has_users():
        raise PermissionDenied(_("Đã có tài khoản: tài khoản mới do hiệu trưởng / quản trị tạo."))
    username, full_name = _check_new_user(username, full_name, "admin", password, None, ())
    with database.atomic():
        user = User.create(username=username, full_name=full_name, role="admin",
                           password_hash=hash_password(password))
    return _row(user)


def create_user(username: str, full_name: str, role: str, password: str, *, staff_id: int | None = None,
                class_ids: tuple[int, ...] | list[int] = ()) -> UserRow:
    permissions.require("users.manage")
    username, full_name = _check_new_user(username, full_name, role, password, staff_id, class_ids)
    with database.atomic():
        user = User.create(username=username, full_name=full_name, role=role, staff=staff_id,
                           password_hash=hash_password(password))
        for class_id in class_ids:
            UserClass.create(user=user, school_class=class_id)
    return _row(user)


def set_classes(username: str, class_ids: tuple[int, ...] | list[int]) -> UserRow:
    """The classes given to an account besides those it is the main teacher of."""
    permissions.require("users.manage")
    user = _get(username)
    with database.atomic():
        for link in UserClass.select().where(UserClass.user == user.id):
            if link.school_class_id not in class_ids:
                link.delete_instance()
        have = {x.school_class_id for x in UserClass.select().where(UserClass.user == user.id)}
        for class_id in class_ids:
            if class_id not in have:
                UserClass.create(user=user, school_class=class_id)
    return _row(user)


def list_users() -> list[UserRow]:
    from mamnon.vntext import name_sort_key

    return sorted((_row(u) for u in User.select()), key=lambda r: (not r.active, name_sort_key(r.full_name)))


def get_user(username: str) -> UserRow:
    return _row(_get(username))


def reset_password(username: str, new_password: str) -> UserRow:
    """The principal sets another account's password; this also lifts a lockout."""
    permissions.require("users.manage")
    user = _get(username)
    errors: dict[str, str] = {}
    _check_password(errors, new_password)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        user.password_hash = hash_password(new_password)
        user.failed_attempts = user.lockouts = 0
        user.locked_until = None
        user.save()
    return _row(user)


def change_own_password(old_password: str, new_password: str) -> None:
    actor = logged_in()
    if actor is None or actor.user_id is None:
        raise PermissionDenied(_("Chưa đăng nhập bằng tài khoản: không có mật khẩu để đổi."))
    user = User.get_by_id(actor.user_id)
    errors: dict[str, str] = {}
    if not verify_password(old_password, user.password_hash):
        errors["old_password"] = _("Mật khẩu hiện tại không đúng.")
    _check_password(errors, new_password, "new_password")
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        user.password_hash = hash_password(new_password)
        user.save()


def set_active(username: str, active: bool) -> UserRow:
    """Deactivate (or reactivate) an account; the last active principal cannot be deactivated."""
    actor = permissions.require("users.manage")
    user = _get(username)
    if not active:
        if actor.user_id == user.id:
            raise ValidationError({"active": _("Không tự khóa tài khoản đang dùng.")})
        if user.role == "admin" and _active_admins().count() <= 1:
            raise ValidationError({"active": _("Phải còn ít nhất một tài khoản hiệu trưởng / quản trị.")})
    with database.atomic():
        user.active = active
        user.save()
    return _row(user)


# --- login ------------------------------------------------------------------------------------------


def lock_seconds(lockouts_before: int) -> int:
    """How long the n-th lockout in a row lasts (0-based): 30 s doubling, capped at 15 minutes."""
    return min(FIRST_LOCK_SECONDS * 2 ** lockouts_before, MAX_LOCK_SECONDS)


def _wait_text(until: dt.datetime, now: dt.datetime) -> str:
    seconds = max(1, int((until - now).total_seconds() + 0.999))
    return _("{seconds} giây (đến {time})").format(seconds=seconds, time=until.strftime('%H:%M:%S'))


def authenticate(username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """The account for this username and password, or LoginFailed (counting failures, locking).

    Login bookkeeping (failure counts, lock times, last login) is written with
    plain UPDATEs: it is not a change to a record, so it stays out of the audit trail.
    """
    now = now or dt.datetime.now()
    user = User.get_or_none(User.username == (username or "").strip().lower())
    if user is None or not user.active:
        hash_password(password or "")  # the same cost either way: no hint of which names exist
        raise LoginFailed(_("Sai tên đăng nhập hoặc mật khẩu."))
    if user.locked_until is not None and now < user.locked_until:
        raise LoginFailed(_("Tài khoản «{username}» đang tạm khóa vì nhập sai mật khẩu nhiều lần; "
                            "thử lại sau {wait}.").format(username=user.username,
                                                         wait=_wait_text(user.locked_until, now)))
    if not verify_password(password or "", user.password_hash):
        failures = user.failed_attempts + 1
        if failures >= MAX_FAILURES:
            until = now + dt.timedelta(seconds=lock_seconds(user.lockouts))
            User.update(failed_attempts=0, lockouts=user.lockouts + 1, locked_until=until).where(
                User.id == user.id).execute()
            raise LoginFailed(_("Sai mật khẩu {n} lần liền: tài khoản «{username}» tạm khóa {wait}.").format(
                n=MAX_FAILURES, username=user.username, wait=_wait_text(until, now)))
        User.update(failed_attempts=failures).where(User.id == user.id).execute()
        raise LoginFailed(_("Sai tên đăng nhập hoặc mật khẩu (còn {n} lần thử "
                            "trước khi tài khoản tạm khóa).").format(n=MAX_FAILURES - failures))
    changes = {"failed_attempts": 0, "lockouts": 0, "locked_until": None, "last_login_at": now}
    if _weaker_than_now(user.password_hash):
        changes["password_hash"] = hash_password(password)
    User.update(**changes).where(User.id == user.id).execute()
    return Actor(user.id, user.username, user.full_name, user.role, user.staff_id)


def login(username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """authenticate, then act as this account on the open database until logout."""
    actor = authenticate(username, password, now=now)
    permissions.act_as(actor)
    return permissions.current_actor()


def logout() -> None:
    permissions.logout()


def current_user() -> Actor | None:
    return permissions.current_actor()


def role_label(role: str) -> str:
    return permissions.role_label(role)


def may(permission: str) -> bool:
    """Whether the acting account has `permission` at all (screens use it to explain, services enforce)."""
    return permissions.allowed(permission)
