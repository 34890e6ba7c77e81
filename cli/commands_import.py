"""`mamnon import FILE`: read a standard workbook into the school's database, all or nothing."""

from __future__ import annotations

import click

from cli.group import AppContext, cli, pass_app
from cli.import_report import echo_outcome
from mamnon.i18n import _

IMPORTABLE = ("roster", "staff", "measurements", "attendance", "menus")
"""importers.IMPORTABLE_KINDS, repeated so that `mamnon -h` does not load openpyxl."""


@cli.command("import", help=_("""Nhập một tệp Excel chuẩn (danh sách trẻ, danh sách cán bộ, cân đo, điểm danh tháng, thực đơn) vào trường.

    Nhập tất cả hoặc không nhập gì: nếu có một ô sai, cơ sở dữ liệu không thay
    đổi, mọi lỗi được liệt kê (trang, dòng, cột) và một bản sao của tệp được ghi
    với các ô sai tô đỏ kèm lời giải thích. Trẻ có mã được cập nhật theo mã; trẻ
    không có mã được tìm theo họ tên và ngày sinh, không thấy thì thêm mới.
    Nhập lại cùng một tệp không thay đổi gì thêm. Trong cửa sổ dòng lệnh, thanh
    tiến độ (trên stderr) đếm các trang đã kiểm tra; Ctrl+C hủy: cơ sở dữ liệu
    không thay đổi.

    \b
    Ví dụ:
      mamnon --db truong.sqlite import danh-sach-tre.xlsx --dry-run
      mamnon --db truong.sqlite import can-do-thang-11.xlsx
      mamnon --db truong.sqlite import diem-danh-la-1.xlsx
      mamnon --db truong.sqlite import can-bo.xlsx --kind staff --annotate loi.xlsx
    """))
@click.argument("file", metavar=_("TỆP"), type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help=_("Chỉ kiểm tra và báo kết quả, không ghi gì vào cơ sở dữ liệu."))
@click.option("--kind", type=click.Choice(IMPORTABLE), default=None,
              help=_("Loại biểu phải là loại này (mặc định: nhận ra từ tệp)."))
@click.option("--annotate", "annotate_to", metavar="PATH", default=None,
              help=_("Nơi ghi bản sao đánh dấu lỗi (mặc định: TỆP-loi.xlsx cạnh tệp)."))
@pass_app
def import_cmd(app: AppContext, file: str, dry_run: bool, kind: str | None, annotate_to: str | None) -> None:
    from cli.progress import shown_progress
    from importers import import_workbook
    from mamnon.services.school import school_info

    app.open()
    with shown_progress(_("Đã hủy: cơ sở dữ liệu không thay đổi."), unit=_("trang")) as progress:
        done = import_workbook(file, unit_code=school_info().code, kind=kind, dry_run=dry_run,
                               annotate_to=annotate_to, progress=progress)
    _print_header(done.book)
    echo_outcome(done, dry_run=done.result.dry_run)


def _print_header(book) -> None:
    unit = book.meta.get("unit_name") or book.meta.get("unit_code") or _("(không ghi)")
    click.echo(_("Tệp {name}: {kind}").format(name=book.path.name, kind=book.kind_label))
    click.echo(_("Đơn vị: {unit}").format(unit=unit))
    if book.meta.get("period"):
        click.echo(_("Kỳ báo cáo: {period}").format(period=_period_label(book.meta["period"])))
    if not book.has_metadata:
        click.echo(_("Tệp không có trang «_mamnon»: loại biểu được nhận ra theo tiêu đề cột."))
    elif book.checksum_ok:
        click.echo(_("Dữ liệu đúng như lúc xuất (mã kiểm tra khớp)."))


def _period_label(code: str) -> str:
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period

    try:
        return parse_period(code).screen_label
    except ValidationError:
        return code
