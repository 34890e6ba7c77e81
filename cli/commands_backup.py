"""`mamnon backup [--to DIR]`, `mamnon backup list` and `mamnon restore FILE`."""

from __future__ import annotations

from pathlib import Path

import click

from cli.group import AppContext, cli, pass_app


@cli.group("backup", invoke_without_command=True)
@click.option("--to", "folder", metavar="THƯ_MỤC", type=click.Path(file_okay=False),
              help="Chép bản sao lưu vào thư mục này (ví dụ ổ USB) thay vì thư mục sao-luu cạnh tệp dữ liệu.")
@pass_app
@click.pass_context
def backup_group(ctx: click.Context, app: AppContext, folder: str | None) -> None:
    """Sao lưu tệp dữ liệu ngay bây giờ (bản sao được kiểm tra trước khi giữ).

    Không có --to: bản sao vào thư mục «sao-luu» cạnh tệp dữ liệu, cùng các
    bản tự động (lúc đóng chương trình và mỗi ngày; giữ 7 bản ngày, 4 bản
    tuần, 12 bản tháng). Có --to: một bản vào thư mục đã cho, không bị xóa
    khi xoay vòng.

    \b
    Ví dụ:
      mamnon --db truong.sqlite backup
      mamnon --db truong.sqlite backup --to E:\\
      mamnon --db truong.sqlite backup list
    """
    if ctx.invoked_subcommand is not None:
        return
    from mamnon.services import backups

    app.open()
    if folder:
        written = backups.backup_to(folder)
        click.echo(f"Đã sao lưu vào {written.resolve()} (đã kiểm tra, tệp dùng được).")
        return
    made = backups.backup_now()
    click.echo(f"Đã sao lưu vào {made.path.resolve()} (đã kiểm tra, tệp dùng được).")


@backup_group.command("list")
@pass_app
def backup_list_cmd(app: AppContext) -> None:
    """Các bản sao lưu trong thư mục «sao-luu», mới nhất trước, và bản nào còn tốt.

    Không mở tệp dữ liệu (dùng được cả khi tệp dữ liệu bị hỏng).

    \b
    Ví dụ:
      mamnon --db truong.sqlite backup list
    """
    from cli.commands_children import format_table
    from mamnon.backup import inspect_file
    from mamnon.formats import format_date
    from mamnon.services import backups

    found = backups.list_backups(app.db_path)
    click.echo(f"Thư mục sao lưu: {backups.backup_dir(app.db_path).resolve()}")
    if not found:
        click.echo("Chưa có bản sao lưu nào.")
        return
    rows = []
    for b in found:
        facts = inspect_file(b.path)
        state = "tốt" if facts.check == "ok" and facts.has_school_tables else f"HỎNG ({facts.check})"
        rows.append((f"{format_date(b.taken_at.date())} {b.taken_at:%H:%M:%S}", backups.REASON_LABELS.get(b.reason, b.reason),
                     f"{b.path.stat().st_size // 1024} KB", state, b.path.name))
    for line in format_table(rows, ("Thời điểm", "Lý do", "Cỡ", "Kiểm tra", "Tệp")):
        click.echo(line)
    click.echo(f"{len(found)} bản")



@cli.command("restore")
@click.argument("file", metavar="TỆP_SAO_LƯU", type=click.Path(dir_okay=False))
@pass_app
def restore_cmd(app: AppContext, file: str) -> None:
    """Thay tệp dữ liệu bằng một bản sao lưu; tệp hiện tại được giữ lại bên cạnh.

    Bản sao lưu được kiểm tra trước khi thay bất cứ thứ gì: phải nguyên vẹn
    (kiểm tra SQLite), là dữ liệu mamnon và không mới hơn chương trình. Tệp
    dữ liệu hiện tại (kể cả khi bị hỏng) được đổi tên thành
    «…-truoc-khi-khoi-phuc-<thời điểm>.sqlite», không bị xóa.

    \b
    Ví dụ:
      mamnon --db truong.sqlite backup list
      mamnon --db truong.sqlite restore sao-luu/truong-20261118-170502-dong.sqlite
    """
    from mamnon.services import backups

    result = backups.restore(file, app.db_path)
    click.echo(f"Đã khôi phục {app.db_path} từ {Path(file).resolve()}.")
    if result.set_aside is not None:
        click.echo(f"Tệp dữ liệu trước khi khôi phục được giữ ở {result.set_aside.resolve()}.")


def damaged_hint(db_path: Path) -> str:
    """What to do about a damaged database: the newest good backup and the command that restores it."""
    from mamnon.services import backups

    latest = backups.latest_good(db_path)
    if latest is None:
        return " Không có bản sao lưu tốt nào trong thư mục sao-luu; hãy tìm bản chép trên USB."
    return (f" Bản sao lưu tốt gần nhất: {backups.describe(latest)}; khôi phục bằng lệnh: "
            f"mamnon --db \"{db_path}\" restore \"{latest.path}\"")


def backup_at_close() -> None:
    """The end-of-command backup (see services.backups.backup_at_close); a failure is a warning, not an error."""
    from mamnon.errors import MamnonError
    from mamnon.services import backups

    try:
        backups.backup_at_close()
    except MamnonError as exc:
        click.echo(f"Cảnh báo: chưa sao lưu được: {exc}", err=True)
