"""`mamnon meals norms …`: the nutrition norm sets — list, show, use for the year, export, load a province's file."""

from __future__ import annotations

from pathlib import Path

import click

from cli.commands_children import format_table
from cli.commands_meals import meals_group
from cli.group import AppContext, pass_app
from mamnon.i18n import _


def _fig(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{value:g}".replace(".", ",") + unit


def _range(low: float | None, high: float | None, unit: str) -> str:
    if low is None and high is None:
        return "–"
    return f"{_fig(low)}–{_fig(high)}{unit}" if high is not None else f"≥ {_fig(low)}{unit}"


@meals_group.group("norms", help=_("""Định mức dinh dưỡng: các bộ định mức, bộ dùng cho năm học, tệp định mức của Sở/Phòng.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals norms list
      mamnon --db truong.sqlite meals norms export -o dinh-muc.json
      mamnon --db truong.sqlite meals norms load dinh-muc-so-gd.json --use
    """))
def norms_group() -> None:
    pass


@norms_group.command("list", help=_("""Các bộ định mức (bản mới nhất), và bộ năm học hiện tại đang dùng (đánh dấu *).

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals norms list
    """))
@pass_app
def list_cmd(app: AppContext) -> None:
    from mamnon.reference import STAGE_LABELS
    from mamnon.services import menus, school

    app.open()
    year = school.current_year()
    used = menus.norm_code_for(year.start_date)
    rows = [(("* " if r.code == used else "  ") + r.code, str(r.version), _(STAGE_LABELS[r.stage]), r.name,
             _range(r.energy_min, r.energy_max, " kcal"), _range(r.protein_min_pct, r.protein_max_pct, " %"),
             _range(r.lipid_min_pct, r.lipid_max_pct, " %"), _range(r.glucid_min_pct, r.glucid_max_pct, " %"))
            for r in menus.list_norm_sets()]
    headers = (_("Mã"), _("Bản"), _("Cấp học"), _("Tên"), _("Năng lượng"), _("Đạm"), _("Béo"), _("Bột"))
    for line in format_table(rows, headers):
        click.echo(line)
    click.echo(_("* đang dùng cho năm học {year}.").format(year=year.name))


@norms_group.command("show", help=_("""Mọi con số của một bộ định mức, phân bố năng lượng các bữa và nguồn văn bản.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals norms show TT28_2016
    """))
@click.argument("code", metavar=_("MÃ"))
@pass_app
def show_cmd(app: AppContext, code: str) -> None:
    from mamnon.errors import NotFound
    from mamnon.reference import STAGE_LABELS
    from mamnon.services import menus

    app.open()
    rows = [r for r in menus.list_norm_sets() if r.code == code]
    if not rows:
        raise NotFound(_("Không có bộ định mức «{code}» (xem: mamnon meals norms list).").format(code=code))
    for r in rows:
        click.echo(_("{name} — {stage} (bản {version})").format(
            name=r.name, stage=_(STAGE_LABELS[r.stage]), version=r.version))
        click.echo(_("  Năng lượng ở trường: {school}   nhu cầu cả ngày: {daily}").format(
            school=_range(r.energy_min, r.energy_max, " kcal"), daily=_range(r.daily_need_min, r.daily_need_max, " kcal")))
        click.echo(_("  Đạm {protein}, béo {lipid}, bột {glucid}, đạm động vật {animal}").format(
            protein=_range(r.protein_min_pct, r.protein_max_pct, " %"),
            lipid=_range(r.lipid_min_pct, r.lipid_max_pct, " %"),
            glucid=_range(r.glucid_min_pct, r.glucid_max_pct, " %"),
            animal=_range(r.animal_protein_min_pct, None, " %")))
        click.echo(_("  Các bữa (% nhu cầu cả ngày): {split}").format(split=menus.format_meal_split(r.meal_split) or "–"))
        click.echo(_("  Nguồn: {source}").format(source=r.source))
        if r.note:
            click.echo(_("  Ghi chú: {note}").format(note=r.note))


@norms_group.command("use", help=_("""Dùng bộ định mức MÃ cho năm học hiện tại (các ngày đã chốt sổ không đổi).

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals norms use TT28_2016
    """))
@click.argument("code", metavar=_("MÃ"))
@pass_app
def use_cmd(app: AppContext, code: str) -> None:
    from mamnon.services import menus, school

    app.open()
    year = school.current_year()
    menus.choose_norm_set(code, year.id)
    click.echo(_("Năm học {year} dùng định mức {code}.").format(year=year.name, code=code))


@norms_group.command("export", help=_("""Ghi các bộ định mức ra tệp JSON để Sở/Phòng sửa số liệu rồi gửi cho các trường.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals norms export -o dinh-muc.json
    """))
@click.option("-o", "--output", metavar=_("TỆP.json"), required=True, help=_("Tệp định mức sẽ ghi."))
@pass_app
def export_cmd(app: AppContext, output: str) -> None:
    import os
    import tempfile

    from mamnon.services import norm_files

    app.open()
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=".dinh-muc-", suffix=".json", dir=target.parent or ".")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(norm_files.export_text())
    os.replace(tmp, target)
    click.echo(_("Đã ghi {path}.").format(path=target))


@norms_group.command("load", help=_("""Nạp tệp định mức của Sở/Phòng: số liệu khác bản hiện có được lưu thành bản mới (bản cũ giữ nguyên).

    Cả tệp được kiểm tra trước; có lỗi thì không lưu gì.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals norms load dinh-muc-so-gd.json --use
    """))
@click.argument("file", metavar=_("TỆP.json"), type=click.Path(dir_okay=False))
@click.option("--use", "use_code", is_flag=True, help=_("Dùng luôn bộ đầu tiên trong tệp cho năm học hiện tại."))
@pass_app
def load_cmd(app: AppContext, file: str, use_code: bool) -> None:
    from mamnon.errors import MamnonError
    from mamnon.services import menus, norm_files, school

    path = Path(file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MamnonError(_("Không đọc được tệp {file}: {error}.").format(file=path.name, error=exc)) from None
    app.open()
    result = norm_files.load_norm_sets(text, path.name)
    for line in result.added:
        click.echo(_("Đã lưu: {line}").format(line=line))
    click.echo(_("{added} bản mới, {unchanged} không đổi.").format(added=len(result.added), unchanged=result.unchanged))
    if use_code:
        code = norm_files.parse_norm_file(text, path.name)[0][0]
        year = school.current_year()
        menus.choose_norm_set(code, year.id)
        click.echo(_("Năm học {year} dùng định mức {code}.").format(year=year.name, code=code))
