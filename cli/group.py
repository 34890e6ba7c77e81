"""The root `mamnon` click group, the shared --db option and the error boundary."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from mamnon.errors import CorruptDatabase, MamnonError, ValidationError
from mamnon.i18n import DEFAULT, LANGUAGES, current_language, set_language
from mamnon.i18n import _
from mamnon.paths import ENV_VAR, resolve_db_path


class AppContext:
    """What every command gets: the database path, opened on first use."""

    def __init__(self, db_option: str | None, user: str | None = None) -> None:
        self.db_path = resolve_db_path(db_option)
        self._opened = None
        self.user = user
        self.for_tui = False

    def open(self):
        """Open (create/upgrade) the database once."""
        if self._opened is None:
            from mamnon.services import session

            self._opened = session.open_path(self.db_path)
            from cli.commands_accounts import login_for_cli  # accounts mode: who acts (docs/accounts.md)

            login_for_cli(self)
            ctx = click.get_current_context(silent=True)
            if ctx is not None:  # a backup when the command changed data, or the day's first (services.backups)
                from cli.commands_backup import backup_at_close

                ctx.find_root().call_on_close(backup_at_close)
            if self._opened.backup_path is not None:
                click.echo(
                    _("Đã nâng cấp cơ sở dữ liệu (bản sao trước khi nâng cấp: {path}).").format(
                        path=self._opened.backup_path),
                    err=True,
                )
        return self._opened


pass_app = click.make_pass_decorator(AppContext)


def user_message(exc: MamnonError) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(exc.errors.values())
    return str(exc)


_HELP_TEXT = _("Hiện hướng dẫn này rồi thoát.")

# click's own usage errors are English; these are the ones staff actually meet.
# In English the program shows click's own text, so these renderings are Vietnamese only.
_USAGE_VI = (
    (re.compile(r"No such command '(.+)'\."), "Không có lệnh «{0}»."),  # i18n-skip: Vietnamese mode only
    (re.compile(r"No such option:? '?([^'\s]+)'?"), "Không có tùy chọn {0}."),  # i18n-skip: Vietnamese mode only
    (re.compile(r"Missing option '(.+)'\."), "Thiếu tùy chọn {0}."),  # i18n-skip: Vietnamese mode only
    (re.compile(r"Missing argument '(.+)'\."), "Thiếu tham số {0}."),  # i18n-skip: Vietnamese mode only
    (re.compile(r"Option '(.+)' requires an argument\."), "Tùy chọn {0} cần một giá trị."),  # i18n-skip: Vietnamese mode only
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), "Thừa tham số: {0}."),  # i18n-skip: Vietnamese mode only
    (re.compile(r"Invalid value for '(.+?)': (.*)", re.S),
     "Giá trị không hợp lệ cho {0}: {1}"),  # i18n-skip: Vietnamese mode only
)


def _usage_text(message: str) -> str:
    """click's usage error in the interface language (click itself speaks English)."""
    if current_language() != DEFAULT:
        return message
    for pattern, template in _USAGE_VI:
        m = pattern.match(message)
        if m:
            return template.format(*m.groups())
    return message


class MamnonCommand(click.Command):
    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP_TEXT
        return option


class MamnonGroup(click.Group):
    """Turns every error into Vietnamese: core errors one line with exit 1, usage errors exit 2."""

    command_class = MamnonCommand
    group_class = type  # subgroups are MamnonGroup too

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP_TEXT
        return option

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MamnonError as exc:
            text = user_message(exc)
            if isinstance(exc, CorruptDatabase) and isinstance(ctx.obj, AppContext):
                from cli.commands_backup import damaged_hint  # names the backup to restore (docs/backups.md)

                text += damaged_hint(ctx.obj.db_path)
            raise click.ClickException(text) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except (click.exceptions.Abort, EOFError, KeyboardInterrupt):
            click.echo(_("Đã hủy."), err=True)
            sys.exit(1)
        except click.UsageError as exc:
            if exc.ctx is not None:
                click.echo(exc.ctx.get_usage(), err=True)
            click.echo(_("Lỗi: {message}").format(message=_usage_text(exc.format_message())), err=True)
            cmd = exc.ctx.command_path if exc.ctx is not None else "mamnon"
            click.echo(_("Gõ «{command} -h» để xem hướng dẫn.").format(command=cmd), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(_("Lỗi: {message}").format(message=exc.format_message()), err=True)
            sys.exit(exc.exit_code)
        except Exception as exc:  # a bug: staff get one line, the details go to a log file
            log = _write_crash_log(exc)
            click.echo(_("Lỗi không mong đợi: {error}. Chi tiết đã ghi vào {log}; "
                         "hãy gửi tệp này cho người hỗ trợ.").format(error=repr(exc), log=log), err=True)
            sys.exit(70)
        sys.exit(result if isinstance(result, int) else 0)


def _write_crash_log(exc: BaseException) -> str:
    import tempfile
    import traceback

    from mamnon.paths import default_db_path

    text = "".join(traceback.format_exception(exc))
    for folder in (default_db_path().parent, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "mamnon-loi.log"
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(text + "\n")
            return str(path)
        except OSError:
            continue
    return _("(không ghi được tệp nhật ký)")


@click.group(cls=MamnonGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]},
             help=_("""mamnon — quản lý trường mầm non, chạy không cần mạng.

    Gõ `mamnon` (không có lệnh) để mở giao diện.
    """))
@click.option("--db", "db", metavar="PATH", envvar=ENV_VAR, default=None,
              help=_("Tệp cơ sở dữ liệu SQLite, hoặc địa chỉ postgresql://NGƯỜI_DÙNG@MÁY_CHỦ/TÊN_CSDL khi "
                     "nhiều máy dùng chung (mặc định: biến MAMNON_DB, rồi thư mục dữ liệu của người dùng)."))
@click.option("--user", "user", metavar=_("TÊN"), envvar="MAMNON_USER", default=None,
              help=_("Tên đăng nhập khi trường dùng tài khoản (hoặc biến MAMNON_USER; mật khẩu được hỏi, "
                     "hoặc lấy từ biến MAMNON_PASSWORD)."))
@click.option("--lang", "lang", type=click.Choice(sorted(LANGUAGES)), default=None,
              help=_("Ngôn ngữ giao diện cho lần chạy này: vi (mặc định) hoặc en (hoặc biến MAMNON_LANG; "
                     "lưu lựa chọn bằng «mamnon lang en»)."))
@click.version_option(package_name="mamnon", prog_name="mamnon", message=_("%(prog)s phiên bản %(version)s"),
                      help=_("Hiện phiên bản rồi thoát."))
@click.pass_context
def cli(ctx: click.Context, db: str | None, user: str | None, lang: str | None) -> None:
    if lang is not None and lang != current_language():
        set_language(lang)  # cli/__init__ chose it already when --lang was on the real command line
    ctx.obj = AppContext(db, user)
    if ctx.invoked_subcommand is None:
        run_tui(ctx.obj)


def run_tui(app_ctx: AppContext) -> None:
    from mamnon.errors import CorruptDatabase

    app_ctx.for_tui = True  # the TUI shows its own login screen unless --user was given
    try:
        app_ctx.open()
    except CorruptDatabase:
        pass  # the TUI offers the latest good backup instead (tui/dialogs/damaged_db.py)
    from tui.app import make_app  # Textual costs ~0.3 s to import: only when the TUI opens

    make_app(str(app_ctx.db_path)).run()
