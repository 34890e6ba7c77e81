"""`mamnon lang`: show or save the interface language of this PC's user."""

from __future__ import annotations

import click

from cli.group import cli
from mamnon.i18n import LANGUAGES, current_language, save_language, saved_language
from mamnon.i18n import _


@cli.command("lang", help=_("""Xem hoặc đổi ngôn ngữ giao diện (vi: tiếng Việt, en: tiếng Anh).

    Lựa chọn được lưu cho người dùng máy này và có hiệu lực từ lần chạy sau.
    Biểu mẫu in và tệp Excel luôn bằng tiếng Việt (mẫu chính thức).

    \b
    Ví dụ:
      mamnon lang        # xem ngôn ngữ đang dùng
      mamnon lang en     # giao diện tiếng Anh
      mamnon lang vi     # trở lại tiếng Việt
    """))
@click.argument("code", required=False, type=click.Choice(sorted(LANGUAGES)), metavar=_("[NGÔN_NGỮ]"))
def lang(code: str | None) -> None:
    if code is None:
        saved = saved_language()
        click.echo(_("Ngôn ngữ đang dùng: {name} ({code}).").format(
            name=LANGUAGES[current_language()], code=current_language()))
        if saved is None:
            click.echo(_("Chưa lưu lựa chọn nào (mặc định: tiếng Việt)."))
        return
    path = save_language(code)
    click.echo(_("Đã lưu ngôn ngữ {name} ({code}) vào {path}; có hiệu lực từ lần chạy sau.").format(
        name=LANGUAGES[code], code=code, path=path))
