"""`mamnon backup [--to DIR]`, `mamnon backup list` and `mamnon restore FILE`."""

from __future__ import annotations

from pathlib import Path

import click

from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _


@cli.group("backup", invoke_without_command=True, help=_("""Sao lưu tệp dữ liệu ngay bây giờ (bản sao được kiểm tra trước khi giữ).

    Không có --to: bản sao vào thư mục «sao-luu» cạnh tệp dữ liệu, cùng các
    bản tự động (lúc đóng chương trình và mỗi ngày; giữ 7 bản ngày, 4 bản
    tuần, 12 bản tháng). Có --to: một bản vào thư mục đã cho, không bị xóa
    khi xoay vòng. Trong cửa sổ dòng lệnh, thanh tiến độ (trên stderr) đếm
    số trang đã chép; Ctrl+C hủy: bản chép dở bị xóa, các bản cũ giữ nguyên.

    \b
    Ví dụ:
      mamnon --db truong.sqlite backup
      mamnon --db truong.sqlite backup --to E:\\
      mamnon --db truong.sqlite backup list
    """))
@click.option("--to", "folder", metavar=_("THƯ_MỤC"), type=click.Path(file_okay=False),
              help=_("Chép bản sao lưu vào thư mục này (ví dụ ổ USB) thay vì thư mục sao-luu cạnh tệp dữ liệu."))
@pass_app
@click.pass_context
def backup_group(ctx: click.Context, app: AppContext, folder: str | None) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from cli.progress import shown_progress
    from mamnon.services import backups

    app.open()
    with shown_progress(_("Đã hủy: không có bản sao lưu mới, các bản cũ giữ nguyên."), unit=_("trang")) as progress:
        if folder:
            written = backups.backup_to(folder, progress=progress)
        else:
            written = backups.backup_now(progress=progress).path
    click.echo(_("Đã sao lưu vào {path} (đã kiểm tra, tệp dùng được).").format(path=written.resolve()))


@backup_group.command("list", help=_("""Các bản sao lưu trong thư mục «sao-luu», mới nhất trước, và bản nào còn tốt.

    Không mở tệp dữ liệu (dùng được cả khi tệp dữ liệu bị hỏng).

    \b
    Ví dụ:
      mamnon --db truong.sqlite backup list
    """))
@pass_app
def backup_list_cmd(app: AppContext) -> None:
    from cli.commands_children import format_table
    from mamnon.backup import inspect_file
    from mamnon.formats import format_date
    from mamnon.services import backups

    found = backups.list_backups(app.db_path)
    click.echo(_("Thư mục sao lưu: {path}").format(path=backups.backup_dir(app.db_path).resolve()))
    if not found:
        click.echo(_("Chưa có bản sao lưu nào."))
        return
    rows = []
    for b in found:
        facts = inspect_file(b.path)
        state = (_("tốt") if facts.check == "ok" and facts.has_school_tables
                 else _("HỎNG ({check})").format(check=facts.check))
        rows.append((f"{format_date(b.taken_at.date())} {b.taken_at:%H:%M:%S}", reason_label(b.reason),
                     f"{b.path.stat().st_size // 1024} KB", state, b.path.name))
    for line in format_table(rows, (_("Thời điểm"), _("Lý do"), _("Cỡ"), _("Kiểm tra"), _("Tệp"))):
        click.echo(line)
    click.echo(_("{count} bản").format(count=len(found)))


def reason_label(reason: str) -> str:
    """Why a backup was taken, in the interface language (services.backups.REASON_LABELS is Vietnamese)."""
    labels = {"dong": _("lúc đóng"), "hang-ngay": _("hằng ngày"), "tay": _("sao lưu tay"), "usb": _("USB")}
    return labels.get(reason, reason)


@cli.command("restore", help=_("""Thay tệp dữ liệu bằng một bản sao lưu; tệp hiện tại được giữ lại bên cạnh.

    Bản sao lưu được kiểm tra trước khi thay bất cứ thứ gì: phải nguyên vẹn
    (kiểm tra SQLite), là dữ liệu mamnon và không mới hơn chương trình. Tệp
    dữ liệu hiện tại (kể cả khi bị hỏng) được đổi tên thành
    «…-truoc-khi-khoi-phuc-<thời điểm>.sqlite», không bị xóa. Trong cửa sổ
    dòng lệnh, thanh tiến độ (trên stderr) đếm số trang đã chép; Ctrl+C hủy:
    tệp dữ liệu hiện tại được đặt lại đúng chỗ, không đổi gì.

    \b
    Ví dụ:
      mamnon --db truong.sqlite backup list
      mamnon --db truong.sqlite restore sao-luu/truong-20261118-170502-dong.sqlite
    """))
@click.argument("file", metavar=_("TỆP_SAO_LƯU"), type=click.Path(dir_okay=False))
@pass_app
def restore_cmd(app: AppContext, file: str) -> None:
    from cli.progress import shown_progress
    from mamnon.services import backups

    with shown_progress(_("Đã hủy: tệp dữ liệu hiện tại giữ nguyên, chưa khôi phục gì."),
                        unit=_("trang")) as progress:
        result = backups.restore(file, app.db_path, progress=progress)
    click.echo(_("Đã khôi phục {db} từ {file}.").format(db=app.db_path, file=Path(file).resolve()))
    if result.set_aside is not None:
        click.echo(_("Tệp dữ liệu trước khi khôi phục được giữ ở {path}.").format(path=result.set_aside.resolve()))


def damaged_hint(db_path: Path) -> str:
    """What to do about a damaged database: the newest good backup and the command that restores it."""
    from mamnon.services import backups

    latest = backups.latest_good(db_path)
    if latest is None:
        return _(" Không có bản sao lưu tốt nào trong thư mục sao-luu; hãy tìm bản chép trên USB.")
    return _(" Bản sao lưu tốt gần nhất: {backup}; khôi phục bằng lệnh: "
             "mamnon --db \"{db}\" restore \"{path}\"").format(backup=backups.describe(latest), db=db_path,
                                                              path=latest.path)


def backup_at_close() -> None:
    """The end-of-command backup (see services.backups.backup_at_close); a failure is a warning, not an error."""
    from mamnon.errors import MamnonError
    from mamnon.services import backups

    try:
        backups.backup_at_close()
    except MamnonError as exc:
        click.echo(_("Cảnh báo: chưa sao lưu được: {error}").format(error=exc), err=True)
