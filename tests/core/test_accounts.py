"""Accounts: scrypt hashes, the first principal, lockout with a growing delay, resets, the access mode."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from mamnon.errors import LoginFailed, PermissionDenied, ValidationError
from mamnon.models import User
from mamnon.services import accounts, permissions

T0 = dt.datetime(2026, 11, 23, 7, 0, 0)


@pytest.fixture(autouse=True)
def _logout():
    yield
    permissions.logout()


@pytest.fixture
def users(school_db):
    accounts.create_admin("hieutruong", "Lê Thị Hà", "matkhau1")
    accounts.create_user("lan.gv", "Nguyễn Thị Lan", "teacher", "gvlan123")
    accounts.set_mode("accounts")


def test_hash_is_scrypt_with_its_parameters_and_a_salt_per_password():
    salt = bytes(range(16))
    stored = accounts.hash_password("matkhau1", salt=salt)
    expected = hashlib.scrypt(b"matkhau1", salt=salt, n=2 ** 14, r=8, p=1).hex()
    assert stored == f"scrypt$16384$8$1${salt.hex()}${expected}"
    assert accounts.verify_password("matkhau1", stored)
    assert not accounts.verify_password("matkhau2", stored)
    assert accounts.hash_password("matkhau1") != accounts.hash_password("matkhau1")  # random salts
    assert not accounts.verify_password("x", "md5$abc")


def test_first_admin_only_once_and_usernames_checked(school_db):
    with pytest.raises(ValidationError) as info:
        accounts.create_admin("Hiệu Trưởng", "", "123")
    assert set(info.value.errors) == {"username", "full_name", "password"}
    row = accounts.create_admin("HieuTruong", "Lê Thị Hà", "matkhau1")
    assert (row.username, row.role, row.role_label) == ("hieutruong", "admin", "hiệu trưởng / quản trị")
    with pytest.raises(PermissionDenied):
        accounts.create_admin("khac", "Người khác", "matkhau1")


def test_accounts_mode_needs_a_principal_first(school_db):
    with pytest.raises(ValidationError, match="hiệu trưởng"):
        accounts.set_mode("accounts")
    assert accounts.access_mode() == "single_user"


def test_login_sets_who_acts(users):
    assert accounts.current_user() is None
    actor = accounts.login("LAN.GV", "gvlan123", now=T0)
    assert (actor.username, actor.role) == ("lan.gv", "teacher")
    assert accounts.current_user() == actor
    assert User.get(User.username == "lan.gv").last_login_at == T0


def test_five_failures_lock_for_30_s_then_60_s(users):
    for left in (4, 3, 2, 1):
        with pytest.raises(LoginFailed, match=f"còn {left} lần thử"):
            accounts.authenticate("lan.gv", "sai", now=T0)
    with pytest.raises(LoginFailed, match="tạm khóa 30 giây"):
        accounts.authenticate("lan.gv", "sai", now=T0)
    # Locked: even the right password is refused until the time is up.
    with pytest.raises(LoginFailed, match=r"thử lại sau 20 giây \(đến 07:00:30\)"):
        accounts.authenticate("lan.gv", "gvlan123", now=T0 + dt.timedelta(seconds=10))
    later = T0 + dt.timedelta(seconds=30)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            accounts.authenticate("lan.gv", "sai", now=later)
    with pytest.raises(LoginFailed, match="tạm khóa 60 giây"):
        accounts.authenticate("lan.gv", "sai", now=later)
    assert User.get(User.username == "lan.gv").locked_until == later + dt.timedelta(seconds=60)
    accounts.authenticate("lan.gv", "gvlan123", now=later + dt.timedelta(seconds=60))
    user = User.get(User.username == "lan.gv")
    assert (user.failed_attempts, user.lockouts, user.locked_until) == (0, 0, None)


def test_lock_grows_to_a_cap():
    assert [accounts.lock_seconds(n) for n in range(7)] == [30, 60, 120, 240, 480, 900, 900]


def test_unknown_or_inactive_accounts_get_the_same_answer(users):
    with pytest.raises(LoginFailed, match="^Sai tên đăng nhập hoặc mật khẩu.$"):
        accounts.authenticate("khong.co", "gvlan123", now=T0)
    accounts.login("hieutruong", "matkhau1")
    accounts.set_active("lan.gv", False)
    with pytest.raises(LoginFailed, match="^Sai tên đăng nhập hoặc mật khẩu.$"):
        accounts.authenticate("lan.gv", "gvlan123", now=T0)


def test_principal_resets_a_password_and_lifts_the_lock(users):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            accounts.authenticate("lan.gv", "sai", now=T0)
    accounts.login("lan.gv", "gvlan123", now=T0 + dt.timedelta(seconds=31))
    with pytest.raises(PermissionDenied):
        accounts.reset_password("hieutruong", "doimatkhau")
    accounts.login("hieutruong", "matkhau1")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            accounts.authenticate("lan.gv", "sai", now=T0)
    accounts.reset_password("lan.gv", "moi12345")
    accounts.authenticate("lan.gv", "moi12345", now=T0 + dt.timedelta(seconds=1))


def test_change_own_password(users):
    accounts.login("lan.gv", "gvlan123")
    with pytest.raises(ValidationError) as info:
        accounts.change_own_password("sai", "123")
    assert set(info.value.errors) == {"old_password", "new_password"}
    accounts.change_own_password("gvlan123", "gvlan456")
    with pytest.raises(LoginFailed):
        accounts.authenticate("lan.gv", "gvlan123")
    accounts.authenticate("lan.gv", "gvlan456")


def test_weaker_stored_parameters_are_raised_at_login(users):
    User.update(password_hash=accounts.hash_password("gvlan123", n=2 ** 10)).where(
        User.username == "lan.gv").execute()
    accounts.authenticate("lan.gv", "gvlan123")
    assert User.get(User.username == "lan.gv").password_hash.startswith("scrypt$16384$8$1$")


def test_list_users_active_first_then_by_given_name(users):
    accounts.login("hieutruong", "matkhau1")
    accounts.create_user("an.yt", "Bùi Văn An", "health", "matkhau9")
    rows = accounts.list_users()
    # Vietnamese order by given name: An, Hà, Lan
    assert [r.username for r in rows] == ["an.yt", "hieutruong", "lan.gv"]
    accounts.set_active("an.yt", False)
    assert [r.username for r in accounts.list_users()][-1] == "an.yt"
