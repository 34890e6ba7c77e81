"""Health commands: `mamnon health rounds`, `health stats`, `health chart`."""

from __future__ import annotations

import click

from cli.commands_children import _find_class, format_table
from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

ROUND_HEADERS = (_("Số"), _("Ngày"), _("Tên đợt"), _("Phạm vi"), _("Đã đo/Sĩ số"))
STAT_COLUMNS = (
    # header, GroupStats count attribute, how to get its percentage
    (_("Nhẹ cân"), "underweight", lambda g: g.wfa.malnourished_percent),
    (_("Thấp còi"), "stunted", lambda g: g.hfa.malnourished_percent),
    (_("Gầy còm"), "wasted", lambda g: g.wasting.malnourished_percent),
    (_("Thừa cân"), "overweight", lambda g: g.wasting.percent("thua_can")),
    (_("Béo phì"), "obese", lambda g: g.wasting.percent("beo_phi")),
)


@cli.group("health", help=_("""Sức khỏe: các đợt cân đo, thống kê suy dinh dưỡng, biểu đồ tăng trưởng.

    \b
    Ví dụ:
      mamnon --db truong.sqlite health rounds
      mamnon --db truong.sqlite health stats 15/09/2026
      mamnon --db truong.sqlite health chart --class "Lá 1" -o bieu-do-la-1.xlsx
    """))
def health_group() -> None:
    pass


def format_percent(value: float | None) -> str:
    """8.0 -> '8,0%' (Vietnamese decimal comma); None -> '–'."""
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + "%"


@health_group.command("rounds", help=_("""Danh sách các đợt cân đo: số, ngày, tên, phạm vi, số trẻ đã đo trên sĩ số ngày đó.

    Số của đợt dùng cho `mamnon health stats`.

    \b
    Ví dụ:
      mamnon --db truong.sqlite health rounds
    """))
@click.option("--all", "all_years", is_flag=True, help=_("Các đợt của mọi năm học (mặc định: năm học hiện tại)."))
@pass_app
def rounds_cmd(app: AppContext, all_years: bool) -> None:
    from mamnon.formats import format_date
    from mamnon.services.measurements import list_rounds
    from mamnon.services.school import list_years

    app.open()
    found = [r for y in list_years() for r in list_rounds(y.id)] if all_years else list_rounds()
    rows = [(str(r.id), format_date(r.date), r.name, r.shown_scope, f"{r.measured}/{r.enrolled}") for r in found]
    if not rows:
        click.echo(_("Chưa có đợt cân đo nào."))
        return
    for line in format_table(rows, ROUND_HEADERS):
        click.echo(line)
    click.echo(_("{count} đợt").format(count=len(rows)))


def _find_round(text: str) -> int:
    """A round id from its number, or from its date when exactly one round is on that date."""
    from mamnon.formats import format_date, parse_date
    from mamnon.services.measurements import list_rounds
    from mamnon.services.school import list_years

    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        day = parse_date(text)
    except ValueError:
        raise click.BadParameter(_("«{text}» không phải số đợt hay ngày (dd/mm/yyyy).").format(text=text),
                                 param_hint="'{}'".format(_("ĐỢT"))) from None
    on_day = [r for y in list_years() for r in list_rounds(y.id) if r.date == day]
    if not on_day:
        raise click.ClickException(_("Không có đợt cân đo nào ngày {date}. "
                                     "Xem danh sách: mamnon health rounds --all").format(date=format_date(day)))
    if len(on_day) > 1:
        listed = "; ".join(_("số {number} «{name}» ({scope})").format(number=r.id, name=r.name, scope=r.shown_scope)
                           for r in on_day)
        raise click.ClickException(_("Ngày {date} có {count} đợt cân đo: {listed}. Hãy gõ số của đợt.").format(
            date=format_date(day), count=len(on_day), listed=listed))
    return on_day[0].id


def _group_title(group, rnd) -> str:
    """A group's row title on screen: the core's `title` is the Vietnamese one the growth forms print."""
    from mamnon.labels import shown
    from mamnon.reference import SEXES

    # the whole-scope row is named after the round's scope, which may be a class name (data, never looked up)
    label = rnd.shown_scope if group.kind == "all" else shown(group.label)
    return label + " – " + _(SEXES[group.sex]) if group.sex else label


def _stat_cell(count: int, pct: float | None) -> str:
    return str(count) if pct is None else f"{count} ({format_percent(pct)})"


@health_group.command("stats", help=_("""Thống kê một đợt cân đo: sĩ số, số trẻ đã đo, số và tỉ lệ nhẹ cân, thấp còi, gầy còm, thừa cân, béo phì.

    ĐỢT là số của đợt (xem `mamnon health rounds`) hoặc ngày cân đo dd/mm/yyyy.
    Nhẹ cân, thấp còi, gầy còm gồm mức độ vừa và nặng; tỉ lệ tính trên số trẻ
    đã đo. Nhóm tuổi theo lớp của trẻ vào ngày đo; nhóm không có trẻ được bỏ qua.

    \b
    Ví dụ:
      mamnon --db truong.sqlite health stats 15/09/2026 --by-sex
    """))
@click.argument("round_ref", metavar=_("ĐỢT"))
@click.option("--by-sex", is_flag=True, help=_("Thêm một dòng cho trẻ trai và một dòng cho trẻ gái của mỗi nhóm."))
@pass_app
def stats_cmd(app: AppContext, round_ref: str, by_sex: bool) -> None:
    from mamnon.formats import format_date
    from mamnon.services.growth_stats import round_statistics

    app.open()
    stats = round_statistics(_find_round(round_ref))
    rnd = stats.round
    click.echo(_("Đợt {number}: {name}, ngày {date}, {scope}").format(number=rnd.id, name=rnd.name,
                                                                     date=format_date(rnd.date),
                                                                     scope=rnd.shown_scope))
    total = stats.total
    click.echo(_("Đã đo {measured}/{enrolled} trẻ ({percent}).").format(
        measured=total.measured, enrolled=total.enrolled, percent=format_percent(total.measured_percent)))
    click.echo("")
    headers = (_("Nhóm"), _("Sĩ số"), _("Đã đo")) + tuple(column[0] for column in STAT_COLUMNS)
    rows = []
    for g in stats.groups:
        if (g.sex is not None and not by_sex) or (g.enrolled == 0 and g.key != "all"):
            continue
        rows.append((_group_title(g, rnd), str(g.enrolled), str(g.measured))
                    + tuple(_stat_cell(getattr(g, attr), pct(g)) for _header, attr, pct in STAT_COLUMNS))
    for line in format_table(rows, headers):
        click.echo(line)
    unclassified = [(name, total.indicator(ind).count("khong_phan_loai"))
                    for name, ind in ((_("CN/T"), "wfa"), (_("CC/T"), "hfa"), (_("CN/CC"), "wasting"))]
    click.echo("")
    click.echo(_("Nhẹ cân, thấp còi, gầy còm: mức độ vừa và nặng. Tỉ lệ tính trên số trẻ đã đo."))
    click.echo(_("Gầy còm, thừa cân, béo phì: cân nặng theo chiều cao đến 60 tháng, BMI theo tuổi sau 60 tháng."))
    if any(n for _name, n in unclassified):
        click.echo(_("Không phân loại (thiếu số đo hoặc ngoài giới hạn WHO): {counts}.").format(
            counts=", ".join(f"{name} {n}" for name, n in unclassified)))


@health_group.command("chart", help=_("""Biểu đồ tăng trưởng (cân nặng, chiều cao theo tuổi, chuẩn WHO) ra tệp Excel, mỗi trẻ một trang A4.

    Cần --class hoặc --child (có thể dùng cả hai). Mỗi trang có thông tin trẻ,
    bảng các lần cân đo và hai biểu đồ. Nếu tệp đã có, tệp được thay trọn vẹn
    (ghi ra tệp tạm rồi đổi tên, nên không bao giờ để lại tệp ghi dở).

    \b
    Ví dụ:
      mamnon --db truong.sqlite health chart --class "Lá 1" -o bieu-do-la-1.xlsx
      mamnon --db truong.sqlite health chart --child HS00012 --child HS00013 -o hai-tre.xlsx
    """))
@click.option("--class", "class_name", metavar=_("TÊN"), help=_("Biểu đồ của mọi trẻ đang học ở lớp này."))
@click.option("--child", "child_codes", metavar=_("MÃ"), multiple=True,
              help=_("Biểu đồ của trẻ có mã này (lặp lại được)."))
@click.option("-o", "--output", metavar=_("TỆP.xlsx"), help=_("Tệp Excel sẽ ghi (đuôi .xlsx), bắt buộc."))
@pass_app
def chart_cmd(app: AppContext, class_name: str | None, child_codes: tuple[str, ...], output: str | None) -> None:
    from pathlib import Path

    from exporters.growth_chart import write_growth_charts
    from exporters.xlsx import check_target
    from mamnon.services.children import list_children
    from mamnon.services.classes import get_class

    if class_name is None and not child_codes:
        raise click.UsageError(_("Hãy chọn lớp (--class) hoặc trẻ (--child MÃ): biểu đồ của cả trường "
                                 "quá nhiều trang cho một tệp."))
    if not output:
        raise click.UsageError(_("Thiếu tệp xuất: -o TỆP.xlsx."))
    target = check_target(output)
    app.open()
    ids: list[int] = []
    unit = None
    if class_name is not None:
        class_id = _find_class(class_name)
        in_class = list_children(class_id=class_id)
        if not in_class and not child_codes:
            raise click.ClickException(_("Lớp «{class_name}» không có trẻ nào đang học.").format(class_name=class_name))
        ids += [c.id for c in in_class]
        unit = get_class(class_id).name
    if child_codes:
        by_code = {c.code.casefold(): c for c in list_children(include_left=True)}
        unknown = [code for code in child_codes if code.strip().casefold() not in by_code]
        if unknown:
            raise click.ClickException(_("Không có trẻ mã {codes}.").format(codes=", ".join(unknown)))
        ids += [by_code[code.strip().casefold()].id for code in child_codes]
    ids = list(dict.fromkeys(ids))
    existed = target.exists()
    written = write_growth_charts(target, ids, title_unit=unit)
    click.echo(_("Đã ghi biểu đồ tăng trưởng của {count} trẻ ({count} trang A4): {path}").format(
        count=len(ids), path=Path(written).resolve()))
    if existed:
        click.echo(_("Tệp cũ cùng tên đã được thay bằng tệp mới."))
