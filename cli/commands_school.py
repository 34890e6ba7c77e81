"""School-level commands: init, demo, info, upgrade.

Thin: each command parses its options, makes one service call and prints.
Services are imported inside the commands so `mamnon --help` starts fast.
"""

from __future__ import annotations

import sys

import click
from click.core import ParameterSource

from cli.group import AppContext, cli, pass_app, run_tui
from mamnon.i18n import _

SEP = " › "


def is_interactive() -> bool:
    """Prompts only when a person is typing (not in scripts, pipes or tests)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _parse_parent(text: str):
    from mamnon.services.school import UnitRef

    parts = [p.strip() for p in text.split("|")]
    if len(parts) != 3 or not all(parts):
        raise click.BadParameter(
            _("«{text}» phải có dạng \"CẤP|MÃ|TÊN\", ví dụ \"UBND xã|UBND-TAN-LAP|UBND xã Tân Lập\".").format(
                text=text),
            param_hint="'--parent'",
        )
    return UnitRef(*parts)


def _school_lines(info) -> list[str]:
    from mamnon.formats import format_date

    lines = [_("Trường:       {name} (mã {code})").format(name=info.name, code=info.code)]
    place = ", ".join(p for p in (info.commune, info.province) if p)
    if place:
        lines.append(_("Địa bàn:      {place}").format(place=place))
    if info.parents:
        lines.append(_("Trực thuộc:   {units}").format(units=SEP.join(f"{p.name} ({p.code})" for p in info.parents)))
    if info.year is not None:
        y = info.year
        lines.append(_("Năm học:      {year} ({start} – {end})").format(
            year=y.name, start=format_date(y.start_date), end=format_date(y.end_date)))
    return lines


def _refuse_if_school(app: AppContext, what: str) -> None:
    from mamnon.services import school

    if school.is_initialised():
        info = school.school_info()
        raise click.ClickException(
            _("Tệp {path} đã có trường «{name}» ({code}): {what}. "
              "Mỗi tệp dữ liệu chỉ chứa một trường; hãy chọn tệp khác bằng --db.").format(
                path=app.db_path, name=info.name, code=info.code, what=what)
        )


@cli.command("init", help=_("""Khai báo trường trong một tệp dữ liệu mới (mỗi tệp một trường).

    Khi chạy trong cửa sổ lệnh, các thông tin còn thiếu sẽ được hỏi lần lượt;
    khi chạy trong kịch bản, --code và --name là bắt buộc.

    \b
    Ví dụ:
      mamnon --db truong.sqlite init --code MN-TANLAP --name "Trường Mầm non Tân Lập" \\
        --commune "Xã Tân Lập" --province "Tỉnh Phú Thọ" --year 2026-2027 \\
        --parent "UBND xã|UBND-TAN-LAP|UBND xã Tân Lập" \\
        --parent "Sở GD&ĐT|SGDDT-PHU-THO|Sở GD&ĐT tỉnh Phú Thọ"
      MAMNON_NEW_PASSWORD=... mamnon --db truong.sqlite init --code MN-TANLAP \
        --name "Trường Mầm non Tân Lập" --accounts --admin hieutruong --admin-name "Lê Thị Hà"
    """))
@click.option("--code", help=_("Mã trường (chữ không dấu, số, dấu gạch), ví dụ MN-TANLAP."))
@click.option("--name", help=_("Tên trường, ví dụ \"Trường Mầm non Tân Lập\"."))
@click.option("--commune", help=_("Xã/phường/đặc khu nơi trường đóng."))
@click.option("--province", help=_("Tỉnh/thành phố."))
@click.option("--year", "year", metavar="YYYY-YYYY", help=_("Năm học đầu tiên (mặc định: năm học hiện tại)."))
@click.option("--year-start", metavar="DD/MM/YYYY", default="", help=_("Ngày bắt đầu năm học (mặc định 01/09)."))
@click.option("--year-end", metavar="DD/MM/YYYY", default="", help=_("Ngày kết thúc năm học (mặc định 31/05)."))
@click.option("--parent", "parents", multiple=True, metavar=_("CẤP|MÃ|TÊN"),
              help=_("Đơn vị quản lý cấp trên, lặp lại được, cấp gần trường nhất trước."))
@click.option("--accounts", "use_accounts", is_flag=True, default=None,
              help=_("Mỗi người đăng nhập bằng tài khoản riêng (mặc định: một người dùng, không đăng nhập)."))
@click.option("--admin", "admin", default="hieutruong", show_default=True, metavar=_("TÊN"),
              help=_("Tên đăng nhập của hiệu trưởng (với --accounts); mật khẩu được hỏi hai lần "
                     "hoặc lấy từ biến MAMNON_NEW_PASSWORD."))
@click.option("--admin-name", default="", metavar=_("HỌ_TÊN"), help=_("Họ tên hiệu trưởng (với --accounts)."))
@pass_app
def init_cmd(app: AppContext, code, name, commune, province, year, year_start, year_end, parents,
             use_accounts, admin, admin_name) -> None:
    from mamnon.services import school
    from mamnon.services.demo import current_school_year_name, parent_units_for

    interactive = is_interactive()
    refs = [_parse_parent(p) for p in parents]
    if not interactive:
        missing = [opt for opt, value in (("--code", code), ("--name", name)) if not (value or "").strip()]
        if missing:
            raise click.UsageError(_("Thiếu {options} (bắt buộc khi không chạy trong cửa sổ lệnh).").format(
                options=_(" và ").join(missing)))
    app.open()
    _refuse_if_school(app, _("không khai báo lại"))
    if interactive:
        code = code or click.prompt(_("Mã trường (chữ không dấu, số, dấu gạch)"))
        name = name or click.prompt(_("Tên trường"))
        if commune is None:
            commune = click.prompt(_("Xã/phường"), default="", show_default=False)
        if province is None:
            province = click.prompt(_("Tỉnh/thành phố"), default="", show_default=False)
        if year is None:
            year = click.prompt(_("Năm học"), default=current_school_year_name())
        if not refs and (commune or province):
            suggested = parent_units_for(commune, province)
            question = _("Trực thuộc {units}?").format(units=SEP.join(p.name for p in suggested))
            if click.confirm(question, default=True):
                refs = suggested
    password = None
    if use_accounts:
        from cli.commands_accounts import new_password

        from mamnon.services import accounts

        password = new_password(_("Mật khẩu cho hiệu trưởng «{user}»").format(user=admin))
        accounts.check_admin(admin, admin_name or admin, password)
    info = school.init_school(
        code=code, name=name, commune=commune or "", province=province or "",
        year_name=year or current_school_year_name(), year_start=year_start, year_end=year_end, parents=refs,
    )
    click.echo(_("Đã khai báo trường."))
    if use_accounts:
        accounts.create_admin(admin, admin_name or admin, password)
        accounts.set_mode("accounts")
        click.echo(_("Trường dùng tài khoản: đăng nhập bằng --user {user} (hiệu trưởng / quản trị).").format(user=admin))
    for line in _school_lines(info):
        click.echo(line)
    click.echo(_("Tệp dữ liệu: {path}").format(path=app.db_path))


@cli.command("demo", help=_("""Tạo một trường mẫu (lớp, cán bộ, trẻ, phụ huynh, cân đo, khám sức khỏe) trong một tệp trống.

    Không bao giờ ghi đè: nếu tệp đã có trường thì báo lỗi (hoặc, với --open,
    mở luôn trường đó).

    \b
    Ví dụ:
      mamnon --db mau.sqlite demo --children 250 --open
    """))
@click.option("--seed", type=int, default=0, show_default=True, help=_("Hạt giống ngẫu nhiên (khác số, khác trường)."))
@click.option("--code", default=None, help=_("Mã trường mẫu (mặc định MN-DEMO)."))
@click.option("--name", default=None, help=_("Tên trường mẫu."))
@click.option("--children", "n_children", type=click.IntRange(0, 20_000), default=250, show_default=True,
              help=_("Số trẻ đang học."))
@click.option("--open", "open_tui", is_flag=True, help=_("Mở giao diện sau khi tạo."))
@pass_app
def demo_cmd(app: AppContext, seed, code, name, n_children, open_tui) -> None:
    from mamnon.services import demo, school

    app.open()
    if open_tui and school.is_initialised():
        info = school.school_info()
        click.echo(_("Tệp {path} đã có trường «{name}»: mở trường này, không tạo dữ liệu mẫu.").format(
            path=app.db_path, name=info.name))
        run_tui(app)
        return
    _refuse_if_school(app, _("không tạo dữ liệu mẫu đè lên"))
    s = demo.build_demo(code=code or demo.DEFAULT_CODE, name=name or demo.DEFAULT_NAME,
                        children=n_children, seed=seed)
    click.echo(_("Đã tạo dữ liệu mẫu: {name} (mã {code}), năm học {year}.").format(
        name=s.name, code=s.code, year=s.year_name))
    if s.parents:
        click.echo(_("Trực thuộc: {units}").format(units=SEP.join(p.name for p in s.parents)))
    click.echo(_("Lớp:    {count}").format(count=s.classes))
    click.echo(_("Trẻ:    {count} đang học ({left} đã nghỉ, {moved} đã chuyển lớp)").format(
        count=s.children, left=s.children_left, moved=s.children_moved))
    click.echo(_("Cán bộ: {count}").format(count=s.staff))
    click.echo(_("Cân đo: {rounds} đợt, {measurements} lượt đo; khám sức khỏe: {checks} lượt").format(
        rounds=s.rounds, measurements=s.measurements, checks=s.health_checks))
    click.echo(_("Điểm danh: {days} ngày học đã điểm danh đủ các lớp (đến hôm qua)").format(days=s.attendance_days))
    click.echo(_("Bán trú: {dishes} món ăn, {menus} thực đơn ngày (nhà trẻ và mẫu giáo)").format(
        dishes=s.dishes, menus=s.menu_days))
    click.echo(_("Tệp:    {path}").format(path=app.db_path.resolve()))
    if open_tui:
        run_tui(app)
    else:
        click.echo(_("Mở giao diện: {command}").format(command=f'mamnon --db "{app.db_path}"'))


@cli.command("info", help=_("""Thông tin tệp dữ liệu: đường dẫn, phiên bản, trường, số lớp, số trẻ, số cán bộ.

    Không tạo tệp mới và không nâng cấp tệp cũ.

    \b
    Ví dụ:
      mamnon --db truong.sqlite info
    """))
@pass_app
@click.pass_context
def info_cmd(ctx: click.Context, app: AppContext) -> None:
    from mamnon import __version__

    source = {
        ParameterSource.COMMANDLINE: _("tùy chọn --db"),
        ParameterSource.ENVIRONMENT: _("biến môi trường MAMNON_DB"),
    }.get(ctx.parent.get_parameter_source("db"), _("mặc định"))
    path = app.db_path
    click.echo(_("Tệp dữ liệu:  {path} ({source})").format(path=path.resolve(), source=source))
    click.echo(_("Chương trình: mamnon {version}").format(version=__version__))
    if not path.exists():
        click.echo(_("Tệp chưa có: sẽ được tạo khi chạy `mamnon init`, `mamnon demo` hoặc mở giao diện."))
        return

    from mamnon.migrations import LATEST_VERSION
    from mamnon.services import children, classes, school, session, staff

    session.open_path(path, upgrade=False)  # refuses foreign/newer/corrupt/older files, writes nothing
    click.echo(_("Lược đồ:      phiên bản {version} (mới nhất)").format(version=LATEST_VERSION))
    if not school.is_initialised():
        click.echo(_("Chưa khai báo trường: chạy `mamnon init` hoặc `mamnon demo`."))
        return
    for line in _school_lines(school.school_info()):
        click.echo(line)
    click.echo(_("Số lớp:       {count}").format(count=len(classes.list_classes())))
    click.echo(_("Số trẻ:       {count} đang học").format(count=children.count_children()))
    click.echo(_("Số cán bộ:    {count}").format(count=len(staff.list_staff())))


@cli.command("upgrade", help=_("""Nâng cấp tệp dữ liệu lên phiên bản của chương trình (giữ một bản sao bên cạnh).

    \b
    Ví dụ:
      mamnon --db truong.sqlite upgrade
    """))
@pass_app
def upgrade_cmd(app: AppContext) -> None:
    from mamnon.migrations import LATEST_VERSION

    if not app.db_path.exists():
        raise click.ClickException(_("Chưa có tệp {path}: không có gì để nâng cấp.").format(path=app.db_path))
    opened = app.open()
    if opened.upgraded_from is None:
        click.echo(_("Tệp {path} đã ở phiên bản mới nhất (lược đồ {version}).").format(
            path=app.db_path, version=LATEST_VERSION))
    else:
        click.echo(_("Đã nâng cấp {path} từ lược đồ {old} lên {new}.").format(
            path=app.db_path, old=opened.upgraded_from, new=LATEST_VERSION))
        if opened.backup_path is not None:  # a server database is upgraded in place, without a file copy
            click.echo(_("Bản sao trước khi nâng cấp: {path}").format(path=opened.backup_path))
