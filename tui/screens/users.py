"""Tài khoản (principal only): the accounts, adding one, resetting a password, locking an account."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.widgets import Input, Static

from mamnon.i18n import _
from tui.dialogs.form_dialog import FormDialog
from tui.screens.form import FormScreen
from tui.screens.table_screen import TableScreen
from tui.widgets.field_row import FieldSpec
from tui.widgets.record_table import Column

COLUMNS = (
    Column("username", _("Tên đăng nhập"), 14),
    Column("name", _("Họ tên"), min_width=16),
    Column("role", _("Vai trò"), 22),
    Column("classes", _("Lớp"), 12),
    Column("state", _("Trạng thái"), 10),
)

ROLE_OPTIONS = [(_("Hiệu trưởng / quản trị"), "admin"), (_("Giáo viên"), "teacher"), (_("Y tế"), "health"),
                (_("Cấp dưỡng / bếp"), "kitchen"), (_("Kế toán"), "accountant")]


def _mask(screen, *keys: str) -> None:
    for key in keys:
        screen.query_one(f"#{key}", Input).password = True


def _same_passwords(values: dict[str, Any], first: str, second: str) -> None:
    from mamnon.errors import ValidationError

    if values[first] != values[second]:
        raise ValidationError({second: _("Hai lần gõ mật khẩu không giống nhau.")})


class UsersScreen(TableScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    heading = _("Tài khoản")
    columns = COLUMNS
    BINDINGS = [
        Binding("a", "add", _("Thêm")),
        Binding("r", "reset", _("Đặt lại mật khẩu")),
        Binding("k", "toggle_active", _("Khóa/mở")),
        Binding("l", "log", _("Lịch sử")),
        Binding("escape", "back", _("Quay lại")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: dict[str, Any] = {}

    def reload(self, select_id: int | None = None) -> None:
        from mamnon.services import accounts

        self._rows = {str(u.id): u for u in accounts.list_users()}
        self.table.set_rows(
            [(key, (u.username, u.full_name, u.role_label, ", ".join(u.class_names),
                    (_("đang dùng") if u.active else _("đã khóa")) + (_(" (tạm)") if u.locked_until else "")))
             for key, u in self._rows.items()],
            select=None if select_id is None else str(select_id), keep_position=True, fresh=True,
        )
        mode = _("mỗi người đăng nhập") if accounts.uses_accounts() else _("một người dùng, không đăng nhập")
        note = "" if accounts.may("users.manage") else _(" Chỉ hiệu trưởng / quản trị thay đổi được tài khoản.")
        self.query_one("#status", Static).update(_("{n_rows} tài khoản; chế độ: {mode}.{note}").format(
            n_rows=len(self._rows), mode=mode, note=note))

    @property
    def selected(self) -> Any | None:
        key = self.table.selected_key
        row = self._rows.get(key) if key is not None else None
        if row is None:
            self.notify(_("Chưa có tài khoản nào được chọn."), severity="warning")
        return row

    def after_change(self, saved_id: int | None) -> None:
        if saved_id is not None:
            self.reload(select_id=saved_id)

    def action_add(self) -> None:
        self.app.push_screen(UserFormScreen(), self.after_change)

    def action_reset(self) -> None:
        row = self.selected
        if row is not None:
            self.app.push_screen(ResetPasswordDialog(row.username, row.id), self.after_change)

    def action_toggle_active(self) -> None:
        from mamnon.errors import MamnonError
        from mamnon.services import accounts

        row = self.selected
        if row is None:
            return
        try:
            accounts.set_active(row.username, not row.active)
        except MamnonError as exc:
            message = "\n".join(exc.errors.values()) if hasattr(exc, "errors") else str(exc)
            self.notify(message, title=_("Không đổi được"), severity="error")
            return
        done = _("Đã mở lại tài khoản «{username}».") if not row.active else _("Đã khóa tài khoản «{username}».")
        self.notify(done.format(username=row.username))
        self.reload(select_id=row.id)

    def action_log(self) -> None:
        from tui.screens.audit_log import AuditLogScreen

        self.app.push_screen(AuditLogScreen())

    def action_back(self) -> None:
        self.dismiss()


class UserFormScreen(FormScreen):
    heading = _("Thêm tài khoản")

    def items(self) -> list[FieldSpec | str]:
        from mamnon.services import classes, staff

        return [
            FieldSpec("username", _("Tên đăng nhập"), required=True, placeholder=_("ví dụ lan.gv (không dấu)")),
            FieldSpec("full_name", _("Họ tên"), required=True),
            FieldSpec("role", _("Vai trò"), "select", ROLE_OPTIONS, required=True),
            FieldSpec("staff_id", _("Cán bộ"), "select", [(s.full_name, s.id) for s in staff.list_staff()],
                      placeholder=_("(không gắn)")),
            FieldSpec("class_id", _("Thêm lớp"), "select", [(c.name, c.id) for c in classes.list_classes()],
                      placeholder=_("(chỉ lớp chủ nhiệm)")),
            FieldSpec("password", _("Mật khẩu"), required=True, placeholder=_("ít nhất 6 ký tự")),
            FieldSpec("password2", _("Gõ lại mật khẩu"), required=True),
        ]

    def on_mount(self) -> None:
        super().on_mount()
        _mask(self, "password", "password2")

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.services import accounts

        _same_passwords(values, "password", "password2")
        row = accounts.create_user(values["username"], values["full_name"], values["role"] or "",
                                   values["password"], staff_id=values["staff_id"],
                                   class_ids=[values["class_id"]] if values["class_id"] else [])
        self.app.notify(_("Đã tạo tài khoản «{username}» ({role_label}).").format(
            username=row.username, role_label=row.role_label))
        return row.id


class ResetPasswordDialog(FormDialog):
    confirm_label = _("Đặt lại")

    def __init__(self, username: str, user_id: int) -> None:
        super().__init__(_("Đặt lại mật khẩu của «{username}»").format(
            username=username), _("Tài khoản bị tạm khóa cũng được mở lại."))
        self.username = username
        self.user_id = user_id

    def items(self) -> list[FieldSpec | str]:
        return [FieldSpec("password", _("Mật khẩu mới"), required=True), FieldSpec("password2", _("Gõ lại"), required=True)]

    def on_mount(self) -> None:
        super().on_mount()
        _mask(self, "password", "password2")

    def confirm(self, values: dict[str, Any]) -> Any:
        from mamnon.services import accounts

        _same_passwords(values, "password", "password2")
        accounts.reset_password(self.username, values["password"])
        self.app.notify(_("Đã đặt lại mật khẩu của «{username}».").format(username=self.username))
        return self.user_id
