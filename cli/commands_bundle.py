"""`mamnon bundle`: an installer folder for a USB stick, for schools with no Internet."""

from __future__ import annotations

from pathlib import Path

import click

from cli.group import cli
from mamnon.i18n import _

_SYSTEM_CHOICES = click.Choice(["windows", "linux"])


@cli.command("bundle", help=_("""Tạo bộ cài không cần Internet (chép vào USB để cài ở trường).

    Thư mục tạo ra có wheels/ (mamnon và mọi gói cần thiết cho Windows x64 và
    Linux x64, Python 3.11–3.13), cai-dat.bat (Windows), cai-dat.sh (Linux) và
    README-cai-dat.txt. Máy tạo bộ cài cần Internet (tải từ PyPI), trừ khi
    dùng --this-machine hoặc --find-links với --no-index. Máy được cài chỉ cần
    Python, không cần mạng. Ctrl+C hủy: thư mục làm dở bị xóa (không để lại
    một bộ cài thiếu gói trông như đủ).

    Mặc định bộ cài kèm psycopg2-binary (mở cơ sở dữ liệu PostgreSQL trên máy
    chủ của trường, --db postgresql://…) và tệp cài đặt cài «mamnon[postgres]»;
    --no-postgres bỏ ra cho bộ cài nhẹ hơn khi trường chỉ dùng tệp SQLite.

    \b
    Ví dụ:
      mamnon bundle -o E:\\mamnon-cai-dat
      mamnon bundle -o bo-cai --system windows --python 3.12
      mamnon bundle -o bo-cai --this-machine
      mamnon bundle -o bo-cai --no-postgres
    """))
@click.option("-o", "--output", "output", required=True, metavar=_("THƯ_MỤC"),
              type=click.Path(file_okay=False, path_type=Path),
              help=_("Thư mục bộ cài sẽ tạo (trống hoặc chưa có)."))
@click.option("--system", "systems", multiple=True, type=_SYSTEM_CHOICES,
              help=_("Hệ điều hành đích (lặp lại được); mặc định cả windows và linux (64-bit)."))
@click.option("--python", "pythons", multiple=True, metavar="3.X",
              help=_("Phiên bản Python đích (lặp lại được); mặc định 3.11, 3.12, 3.13."))
@click.option("--this-machine", is_flag=True,
              help=_("Không tải gì: đóng gói các gói đang cài trên máy này (cho máy cùng hệ điều hành, cùng Python)."))
@click.option("--find-links", "find_links", multiple=True, metavar=_("THƯ_MỤC"),
              help=_("Tìm tệp wheel thêm trong thư mục này (chuyển cho pip download)."))
@click.option("--no-index", is_flag=True, help=_("Không hỏi kho PyPI: chỉ dùng --find-links."))
@click.option("--postgres/--no-postgres", default=True, show_default=True,
              help=_("Kèm psycopg2-binary để mở được cơ sở dữ liệu PostgreSQL (--db postgresql://…): thêm khoảng "
                     "4 MB cho mỗi hệ điều hành và phiên bản Python, chừng 20 MB cho cả 6 đích mặc định. "
                     "Với --this-machine: chỉ kèm khi máy này đã cài psycopg2-binary."))
def bundle_cmd(output: Path, systems: tuple[str, ...], pythons: tuple[str, ...], this_machine: bool,
               find_links: tuple[str, ...], no_index: bool, postgres: bool) -> None:
    from cli import bundle
    from cli.progress import shown_progress

    chosen_pythons = list(pythons) or list(bundle.PYTHON_VERSIONS)
    unknown = [p for p in chosen_pythons if p not in bundle.PYTHON_VERSIONS]
    if unknown:
        raise click.BadParameter(
            _("{unknown} (mamnon hỗ trợ Python {known})").format(
                unknown=", ".join(unknown), known=", ".join(bundle.PYTHON_VERSIONS)),
            param_hint="--python")
    if this_machine and (systems or pythons or find_links or no_index):
        raise click.UsageError(_("--this-machine dùng riêng: không kèm --system, --python, --find-links, --no-index."))
    with shown_progress(_("Đã hủy: đã xóa thư mục bộ cài làm dở {folder}.").format(folder=output),
                        unit=_("gói")) as progress:
        result = bundle.build_bundle(output, list(systems) or list(bundle.SYSTEMS), chosen_pythons,
                                     this_machine=this_machine, find_links=find_links, no_index=no_index,
                                     postgres=postgres, say=click.echo, progress=progress)
    click.echo(_("Bộ cài cho: {targets}").format(targets="; ".join(result.targets)))
    if result.postgres:
        click.echo(_("Kèm PostgreSQL (psycopg2-binary): tệp cài đặt cài «mamnon[postgres]»."))
    click.echo(_("Chép cả thư mục {folder} vào USB; ở máy trường chạy cai-dat.bat (Windows) "
                 "hoặc sh cai-dat.sh (Linux).").format(folder=result.folder))
