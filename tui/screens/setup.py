"""First run: declare the school and its school year before anything else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from mamnon.i18n import _
from tui.screens.form import FormScreen
from tui.widgets.field_row import FieldSpec


def default_year_name(today: dt.date | None = None) -> str:
    """The school year a school is most likely setting up: from August on, the one starting now."""
    today = today or dt.date.today()
    first = today.year if today.month >= 8 else today.year - 1
    return f"{first}-{first + 1}"


SINGLE_USER, ACCOUNTS = "single_user", "accounts"
MODE_OPTIONS = [(_("Không: một người dùng máy này"), SINGLE_USER), (_("Có: mỗi người một tài khoản"), ACCOUNTS)]
ADMIN_FIELDS = {"username": "admin_username", "full_name": "admin_name", "password": "admin_password"}


class SetupScreen(FormScreen):
    CSS_PATH = [*FormScreen.CSS_PATH, Path(__file__).with_suffix(".tcss")]
    heading = _("Khai báo trường (lần đầu sử dụng)")
    save_label = _("Lưu và bắt đầu")
    can_cancel = False
    BINDINGS = [Binding("escape", "cancel", _("Hủy"), show=False)]

    def compose_intro(self) -> ComposeResult:
        yield Static(
            _("Chào mừng đến với mamnon! Tệp dữ liệu này chưa có trường. Hãy nhập thông tin "
            "của trường và năm học hiện tại; các ô có dấu * là bắt buộc. Trường nhỏ một người "
            "dùng máy thì không cần tài khoản; nếu chọn có, nhập tài khoản hiệu trưởng."),
            classes="form-intro",
        )

    def items(self) -> list[FieldSpec | str]:
        return [
            FieldSpec("code", _("Mã trường"), required=True, placeholder=_("mã do Phòng/Sở cấp, ví dụ 01234")),
            FieldSpec("name", _("Tên trường"), required=True, placeholder=_("ví dụ Trường Mầm non Hoa Sen")),
            FieldSpec("commune", _("Xã/phường")),
            FieldSpec("province", _("Tỉnh/thành phố")),
            FieldSpec("year_name", _("Năm học"), required=True, placeholder=_("ví dụ 2025-2026")),
            _("Người dùng"),
            FieldSpec("mode", _("Đăng nhập"), "select", MODE_OPTIONS, allow_blank=False),
            FieldSpec("admin_username", _("Tên hiệu trưởng"), placeholder=_("tên đăng nhập, ví dụ hieutruong")),
            FieldSpec("admin_name", _("Họ tên HT"), placeholder=_("họ tên hiệu trưởng")),
            FieldSpec("admin_password", _("Mật khẩu"), placeholder=_("ít nhất 6 ký tự")),
            FieldSpec("admin_password2", _("Gõ lại mật khẩu")),
        ]

    def initial(self) -> dict[str, Any]:
        return {"year_name": default_year_name(), "mode": SINGLE_USER}

    def on_mount(self) -> None:
        super().on_mount()
        for key in ("admin_password", "admin_password2"):
            self.query_one(f"#{key}", Input).password = True

    def save(self, values: dict[str, Any]) -> Any:
        from mamnon.errors import ValidationError
        from mamnon.services import accounts, school

        with_accounts = values["mode"] == ACCOUNTS
        if with_accounts:
            # Everything is checked before the school is written: no half-made setup.
            errors = {}
            try:
                accounts.check_admin(values["admin_username"], values["admin_name"], values["admin_password"])
            except ValidationError as exc:
                errors = {ADMIN_FIELDS.get(k, k): v for k, v in exc.errors.items()}
            if values["admin_password"] != values["admin_password2"]:
                errors.setdefault("admin_password2", _("Hai lần gõ mật khẩu không giống nhau."))
            if errors:
                raise ValidationError(errors)
        info = school.init_school(
            code=values["code"], name=values["name"], commune=values["commune"],
            province=values["province"], year_name=values["year_name"],
        )
        if with_accounts:
            accounts.create_admin(values["admin_username"], values["admin_name"], values["admin_password"])
            accounts.set_mode(ACCOUNTS)
            accounts.login(values["admin_username"], values["admin_password"])
        return info

    def saved(self, result: Any) -> None:
        from tui.screens.home import HomeScreen

        self.app.notify(_("Đã khai báo {name}, năm học {year}.").format(
            name=result.name, year=result.year.name), title=_("Xong"))
        # Replace, not push: Esc from Home must not lead back to the wizard.
        self.app.switch_screen(HomeScreen())

    def action_cancel(self) -> None:
        # Nothing to go back to before the school exists; Ctrl+Q quits.
        self.app.notify(_("Cần khai báo trường trước khi dùng. Nhấn Ctrl+Q để thoát."))
