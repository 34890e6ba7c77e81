"""`mamnon bundle`: an installer folder for a USB stick, for schools with no Internet."""

from __future__ import annotations

from pathlib import Path

import click

from cli.group import cli

_SYSTEM_CHOICES = click.Choice(["windows", "linux"])


@cli.command("bundle")
@click.option("-o", "--output", "output", required=True, metavar="THƯ_MỤC",
              type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục bộ cài sẽ tạo (trống hoặc chưa có).")
@click.option("--system", "systems", multiple=True, type=_SYSTEM_CHOICES,
              help="Hệ điều hành đích (lặp lại được); mặc định cả windows và linux (64-bit).")
@click.option("--python", "pythons", multiple=True, metavar="3.X",
              help="Phiên bản Python đích (lặp lại được); mặc định 3.11, 3.12, 3.13.")
@click.option("--this-machine", is_flag=True,
              help="Không tải gì: đóng gói các gói đang cài trên máy này (cho máy cùng hệ điều hành, cùng Python).")
@click.option("--find-links", "find_links", multiple=True, metavar="THƯ_MỤC",
              help="Tìm tệp wheel thêm trong thư mục này (chuyển cho pip download).")
@click.option("--no-index", is_flag=True, help="Không hỏi kho PyPI: chỉ dùng --find-links.")
def bundle_cmd(output: Path, systems: tuple[str, ...], pythons: tuple[str, ...], this_machine: bool,
               find_links: tuple[str, ...], no_index: bool) -> None:
    """Tạo bộ cài không cần Internet (chép vào USB để cài ở trường).

    Thư mục tạo ra có wheels/ (mamnon và mọi gói cần thiết cho Windows x64 và
    Linux x64, Python 3.11–3.13), cai-dat.bat (Windows), cai-dat.sh (Linux) và
    README-cai-dat.txt. Máy tạo bộ cài cần Internet (tải từ PyPI), trừ khi
    dùng --this-machine hoặc --find-links với --no-index. Máy được cài chỉ cần
    Python, không cần mạng.

    \b
    Ví dụ:
      mamnon bundle -o E:\\mamnon-cai-dat
      mamnon bundle -o bo-cai --system windows --python 3.12
      mamnon bundle -o bo-cai --this-machine
    """
    from cli import bundle

    chosen_pythons = list(pythons) or list(bundle.PYTHON_VERSIONS)
    unknown = [p for p in chosen_pythons if p not in bundle.PYTHON_VERSIONS]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)} (mamnon hỗ trợ Python {', '.join(bundle.PYTHON_VERSIONS)})",
            param_hint="--python")
    if this_machine and (systems or pythons or find_links or no_index):
        raise click.UsageError("--this-machine dùng riêng: không kèm --system, --python, --find-links, --no-index.")
    result = bundle.build_bundle(output, list(systems) or list(bundle.SYSTEMS), chosen_pythons,
                                 this_machine=this_machine, find_links=find_links, no_index=no_index,
                                 say=click.echo)
    click.echo(f"Bộ cài cho: {'; '.join(result.targets)}")
    click.echo(f"Chép cả thư mục {result.folder} vào USB; ở máy trường chạy cai-dat.bat (Windows) "
               "hoặc sh cai-dat.sh (Linux).")
