"""The root `mamnon` click group, the shared --db option and the error boundary."""

from __future__ import annotations

import click

from mamnon.errors import MamnonError, ValidationError
from mamnon.paths import ENV_VAR, resolve_db_path


class AppContext:
    """What every command gets: the database path, opened on first use."""

    def __init__(self, db_option: str | None) -> None:
        self.db_path = resolve_db_path(db_option)
        self._opened = None

    def open(self):
        """Open (create/upgrade) the database once."""
        if self._opened is None:
            from mamnon.services import session

            self._opened = session.open_path(self.db_path)
            if self._opened.backup_path is not None:
                click.echo(
                    f"Đã nâng cấp cơ sở dữ liệu (bản sao trước khi nâng cấp: {self._opened.backup_path}).",
                    err=True,
                )
        return self._opened


pass_app = click.make_pass_decorator(AppContext)


def user_message(exc: MamnonError) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(exc.errors.values())
    return str(exc)


class MamnonGroup(click.Group):
    """Turns every core error into a one-line Vietnamese message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MamnonError as exc:
            raise click.ClickException(user_message(exc)) from None




@click.group(cls=MamnonGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", metavar="PATH", envvar=ENV_VAR, default=None,
              help="Tệp cơ sở dữ liệu SQLite (mặc định: biến MAMNON_DB, rồi thư mục dữ liệu của người dùng).")
@click.version_option(package_name="mamnon", prog_name="mamnon")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """mamnon — quản lý trường mầm non, chạy không cần mạng.

    Gõ `mamnon` (không có lệnh) để mở giao diện.
    """
    ctx.obj = AppContext(db)
    if ctx.invoked_subcommand is None:
        run_tui(ctx.obj)


def run_tui(app_ctx: AppContext) -> None:
    app_ctx.open()
    from tui.app import make_app  # Textual costs ~0.3 s to import: only when the TUI opens

    make_app(str(app_ctx.db_path)).run()
