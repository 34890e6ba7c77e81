"""Accounts commands: `mamnon users add|list|reset-password|passwd|disable|enable|mode`, `mamnon history`,
and the login every command makes when the school uses accounts.
"""

from __future__ import annotations

import os
import sys

import click

from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

PASSWORD_ENV = "MAMNON_PASSWORD"
NEW_PASSWORD_ENV = "MAMNON_NEW_PASSWORD"


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def login_for_cli(app: AppContext) -> None:
    """In accounts mode, log in as --user / MAMNON_USER (password prompted, or MAMNON_PASSWORD).

    Called once when a command opens the database. The TUI opened without --user
    asks for the login on its own screen instead.
    """
    from mamnon.services import accounts

    accounts.logout()  # a login never carries over from an earlier command of the same process
    if not accounts.uses_accounts() or (app.for_tui and not app.user):
        return
    username = app.user
    if not username:
        if not _interactive():
            raise click.ClickException(_("Trường này dùng tài khoản: thêm --user TÊN (hoặc biến MAMNON_USER), "
                                         "mật khẩu được hỏi hoặc lấy từ biến {variable}.").format(
                                             variable=PASSWORD_ENV))
        username = click.prompt(_("Tên đăng nhập"))
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = click.prompt(_("Mật khẩu của {username}").format(username=username), hide_input=True)
    accounts.login(username, password)


def new_password(what: str) -> str:
    """A new password from MAMNON_NEW_PASSWORD (scripts) or typed twice, hidden."""
    value = os.environ.get(NEW_PASSWORD_ENV)
    if value is not None:
        return value
    return click.prompt(what, hide_input=True, confirmation_prompt=_("Gõ lại mật khẩu"))


def _class_ids(names) -> list[int]:
    from cli.commands_children import _find_class

    return [_find_class(n) for n in names]


def _staff_id(code: str | None) -> int | None:
    if not code:
        return None
    from mamnon.services.staff import list_staff
    from mamnon.vntext import fold

    for row in list_staff(include_left=True):
        if row.code.lower() == code.strip().lower() or fold(row.full_name) == fold(code):
            return row.id
    raise click.ClickException(_("Không có cán bộ mã hoặc tên «{code}».").format(code=code))


@cli.group("users", help=_("""Tài khoản đăng nhập và vai trò (hiệu trưởng, giáo viên, y tế, bếp, kế toán).

    \b
    Ví dụ:
      mamnon --db truong.sqlite --user hieutruong users list
      mamnon --db truong.sqlite --user hieutruong users add lan.gv --name "Nguyễn Thị Lan" \\
        --role teacher --staff CB001
    """))
def users_group() -> None:
    pass


@users_group.command("list", help=_("""Các tài khoản: tên đăng nhập, họ tên, vai trò, lớp được sửa, trạng thái.

    \b
    Ví dụ:
      mamnon --db truong.sqlite --user hieutruong users list
    """))
@pass_app
def list_cmd(app: AppContext) -> None:
    from cli.commands_children import format_table
    from mamnon.formats import format_date
    from mamnon.services import accounts

    app.open()
    click.echo(_("Chế độ: {mode}").format(mode=_mode_text(accounts.access_mode())))
    rows = []
    for u in accounts.list_users():
        state = _("đang dùng") if u.active else _("đã khóa")
        if u.locked_until is not None:
            state = _("{state}, tạm khóa đến {time}").format(state=state, time=f"{u.locked_until:%H:%M:%S}")
        last = format_date(u.last_login_at.date()) if u.last_login_at else ""
        rows.append((u.username, u.full_name, u.role_label, ", ".join(u.class_names), state, last))
    if not rows:
        click.echo(_("Chưa có tài khoản nào."))
        return
    headers = (_("Tên đăng nhập"), _("Họ tên"), _("Vai trò"), _("Lớp"), _("Trạng thái"), _("Đăng nhập"))
    for line in format_table(rows, headers):
        click.echo(line)


@users_group.command("add", help=_("""Tạo tài khoản (chỉ hiệu trưởng / quản trị). Mật khẩu được hỏi hai lần (hoặc biến MAMNON_NEW_PASSWORD).

    \b
    Ví dụ:
      mamnon --db truong.sqlite --user hieutruong users add lan.gv --name "Nguyễn Thị Lan" \\
        --role teacher --staff CB001 --class "Lá 2"
    """))
@click.argument("username")
@click.option("--name", "full_name", required=True, help=_("Họ và tên người dùng."))
@click.option("--role", type=click.Choice(["admin", "teacher", "health", "kitchen", "accountant"]), required=True,
              help=_("Vai trò: admin (hiệu trưởng/quản trị), teacher (giáo viên), health (y tế), "
                     "kitchen (cấp dưỡng/bếp), accountant (kế toán)."))
@click.option("--staff", "staff", metavar=_("MÃ"), help=_("Mã (hoặc họ tên) cán bộ: giáo viên sửa được các lớp "
                                                          "mình chủ nhiệm."))
@click.option("--class", "class_names", multiple=True, metavar=_("TÊN"),
              help=_("Thêm một lớp giáo viên được sửa (lặp lại được)."))
@pass_app
def add_cmd(app: AppContext, username, full_name, role, staff, class_names) -> None:
    from mamnon.services import accounts, permissions

    app.open()
    permissions.require("users.manage")  # before asking for a password nobody may set
    row = accounts.create_user(username, full_name, role,
                               new_password(_("Mật khẩu cho {username}").format(username=username)),
                               staff_id=_staff_id(staff), class_ids=_class_ids(class_names))
    if row.class_names:
        click.echo(_("Đã tạo tài khoản «{username}» ({full_name}, {role}; lớp: {classes}).").format(
            username=row.username, full_name=row.full_name, role=row.role_label, classes=", ".join(row.class_names)))
    else:
        click.echo(_("Đã tạo tài khoản «{username}» ({full_name}, {role}).").format(
            username=row.username, full_name=row.full_name, role=row.role_label))


@users_group.command("reset-password", help=_("""Đặt lại mật khẩu của một tài khoản và mở khóa (chỉ hiệu trưởng / quản trị).

    \b
    Ví dụ:
      mamnon --db truong.sqlite --user hieutruong users reset-password lan.gv
    """))
@click.argument("username")
@pass_app
def reset_cmd(app: AppContext, username) -> None:
    from mamnon.services import accounts, permissions

    app.open()
    permissions.require("users.manage")
    row = accounts.reset_password(username, new_password(_("Mật khẩu mới cho {username}").format(username=username)))
    click.echo(_("Đã đặt lại mật khẩu của «{username}».").format(username=row.username))


@users_group.command("passwd", help=_("""Đổi mật khẩu của chính mình (mật khẩu cũ lấy từ lần đăng nhập).

    \b
    Ví dụ:
      mamnon --db truong.sqlite --user lan.gv users passwd
    """))
@pass_app
def passwd_cmd(app: AppContext) -> None:
    from mamnon.services import accounts

    app.open()
    old = os.environ.get(PASSWORD_ENV)
    if old is None:
        old = click.prompt(_("Mật khẩu hiện tại"), hide_input=True)
    accounts.change_own_password(old, new_password(_("Mật khẩu mới")))
    click.echo(_("Đã đổi mật khẩu."))


@users_group.command("disable", help=_("""Khóa một tài khoản (không đăng nhập được nữa; lịch sử thay đổi vẫn giữ).

    \b
    Ví dụ:
      mamnon --db truong.sqlite --user hieutruong users disable lan.gv
    """))
@click.argument("username")
@pass_app
def disable_cmd(app: AppContext, username) -> None:
    from mamnon.services import accounts

    app.open()
    accounts.set_active(username, False)
    click.echo(_("Đã khóa tài khoản «{username}».").format(username=username))


@users_group.command("enable", help=_("""Mở lại một tài khoản đã khóa.

    \b
    Ví dụ:
      mamnon --db truong.sqlite --user hieutruong users enable lan.gv
    """))
@click.argument("username")
@pass_app
def enable_cmd(app: AppContext, username) -> None:
    from mamnon.services import accounts

    app.open()
    accounts.set_active(username, True)
    click.echo(_("Đã mở lại tài khoản «{username}».").format(username=username))


def _mode_text(mode: str) -> str:
    return _("tài khoản (mỗi người đăng nhập)") if mode == "accounts" else _("một người dùng (không đăng nhập)")


@users_group.command("mode", help=_("""Xem hoặc đổi chế độ: single_user (không đăng nhập) hay accounts (mỗi người một tài khoản).

    \b
    Ví dụ:
      mamnon --db truong.sqlite users mode
      mamnon --db truong.sqlite users mode accounts --admin hieutruong --admin-name "Lê Thị Hà"
    """))
@click.argument("mode", required=False, type=click.Choice(["single_user", "accounts"]), metavar=_("CHẾ_ĐỘ"))
@click.option("--admin", "admin", metavar=_("TÊN"), help=_("Tạo tài khoản hiệu trưởng đầu tiên khi bật tài khoản."))
@click.option("--admin-name", default="", help=_("Họ tên của tài khoản hiệu trưởng đầu tiên."))
@pass_app
def mode_cmd(app: AppContext, mode, admin, admin_name) -> None:
    from mamnon.services import accounts

    app.open()
    if mode is None:
        click.echo(_("Chế độ: {mode}").format(mode=_mode_text(accounts.access_mode())))
        return
    if admin:
        create_first_admin(admin, admin_name)
    accounts.set_mode(mode)
    click.echo(_("Đã chuyển sang chế độ {mode}.").format(mode=_mode_text(mode)))


def create_first_admin(username: str, full_name: str) -> None:
    from mamnon.services import accounts

    row = accounts.create_admin(username, full_name or username,
                                new_password(_("Mật khẩu cho {username}").format(username=username)))
    click.echo(_("Đã tạo tài khoản hiệu trưởng / quản trị «{username}».").format(username=row.username))


@cli.command("history", help=_("""Lịch sử thay đổi: ai, lúc nào, sửa gì (trước → sau).

    \b
    Ví dụ:
      mamnon --db truong.sqlite history --limit 20
      mamnon --db truong.sqlite history --child HS00012
    """))
@click.option("--child", "child_code", metavar=_("MÃ"), help=_("Lịch sử một trẻ (hồ sơ, phụ huynh, lớp, điểm danh, "
                                                               "cân đo)."))
@click.option("--by", "by_user", metavar=_("TÊN"), help=_("Chỉ các thay đổi của tài khoản này."))
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True,
              help=_("Số thay đổi gần nhất."))
@pass_app
def history_cmd(app: AppContext, child_code, by_user, limit) -> None:
    from mamnon.services import audit, children

    app.open()
    if child_code:
        found = [r for r in children.list_children(include_left=True) if r.code.lower() == child_code.lower()]
        if not found:
            raise click.ClickException(_("Không có trẻ mã «{code}».").format(code=child_code))
        rows = audit.history_of("child", found[0].id)[-limit:]
    else:
        rows = list(reversed(audit.recent_changes(limit, username=by_user)))
    if not rows:
        click.echo(_("Chưa có thay đổi nào được ghi."))
        return
    for r in rows:
        click.echo(f"{r.at:%d/%m/%Y %H:%M}  {r.who}  {r.action_label} {r.shown_label}")
        if r.summary:
            click.echo(f"    {r.summary}")
