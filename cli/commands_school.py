"""School-level commands: init, demo, info, upgrade.

Thin: each command parses its options, makes one service call and prints.
Services are imported inside the commands so `mamnon --help` starts fast.
"""

from __future__ import annotations

import sys

import click
from click.core import ParameterSource

from cli.group import AppContext, cli, pass_app, run_tui

SEP = " › "


def is_interactive() -> bool:
    """Prompts only when a person is typing (not in scripts, pipes or tests)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _parse_parent(text: str):
    from mamnon.services.school import UnitRef

    parts = [p.strip() for p in text.split("|")]
    if len(parts) != 3 or not all(parts):
        raise click.BadParameter(
            f"«{text}» phải có dạng \"CẤP|MÃ|TÊN\", ví dụ \"UBND xã|UBND-TAN-LAP|UBND xã Tân Lập\".",
            param_hint="'--parent'",
        )
    return UnitRef(*parts)


def _school_lines(info) -> list[str]:
    from mamnon.formats import format_date

    lines = [f"Trường:       {info.name} (mã {info.code})"]
    place = ", ".join(p for p in (info.commune, info.province) if p)
    if place:
        lines.append(f"Địa bàn:      {place}")
    if info.parents:
        lines.append("Trực thuộc:   " + SEP.join(f"{p.name} ({p.code})" for p in info.parents))
    if info.year is not None:
        y = info.year
        lines.append(f"Năm học:      {y.name} ({format_date(y.start_date)} – {format_date(y.end_date)})")
    return lines


def _refuse_if_school(app: AppContext, what: str) -> None:
    from mamnon.services import school

    if school.is_initialised():
        info = school.school_info()
        raise click.ClickException(
            f"Tệp {app.db_path} đã có trường «{info.name}» ({info.code}): {what}. "
            f"Mỗi tệp dữ liệu chỉ chứa một trường; hãy chọn tệp khác bằng --db."
        )


@cli.command("init")
@click.option("--code", help="Mã trường (chữ không dấu, số, dấu gạch), ví dụ MN-TANLAP.")
@click.option("--name", help="Tên trường, ví dụ \"Trường Mầm non Tân Lập\".")
@click.option("--commune", help="Xã/phường/đặc khu nơi trường đóng.")
@click.option("--province", help="Tỉnh/thành phố.")
@click.option("--year", "year", metavar="YYYY-YYYY", help="Năm học đầu tiên (mặc định: năm học hiện tại).")
@click.option("--year-start", metavar="DD/MM/YYYY", default="", help="Ngày bắt đầu năm học (mặc định 01/09).")
@click.option("--year-end", metavar="DD/MM/YYYY", default="", help="Ngày kết thúc năm học (mặc định 31/05).")
@click.option("--parent", "parents", multiple=True, metavar="CẤP|MÃ|TÊN",
              help="Đơn vị quản lý cấp trên, lặp lại được, cấp gần trường nhất trước.")
@click.option("--accounts", "use_accounts", is_flag=True, default=None,
              help="Mỗi người đăng nhập bằng tài khoản riêng (mặc định: một người dùng, không đăng nhập).")
@click.option("--admin", "admin", default="hieutruong", show_default=True, metavar="TÊN",
              help="Tên đăng nhập của hiệu trưởng (với --accounts); mật khẩu được hỏi hai lần "
                   "hoặc lấy từ biến MAMNON_NEW_PASSWORD.")
@click.option("--admin-name", default="", metavar="HỌ_TÊN", help="Họ tên hiệu trưởng (với --accounts).")
@pass_app
def init_cmd(app: AppContext, code, name, commune, province, year, year_start, year_end, parents,
             use_accounts, admin, admin_name) -> None:
    """Khai báo trường trong một tệp dữ liệu mới (mỗi tệp một trường).

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
    """
    from mamnon.services import school
    from mamnon.services.demo import current_school_year_name, parent_units_for

    interactive = is_interactive()
    refs = [_parse_parent(p) for p in parents]
    if not interactive:
        missing = [opt for opt, value in (("--code", code), ("--name", name)) if not (value or "").strip()]
        if missing:
            raise click.UsageError(f"Thiếu {' và '.join(missing)} (bắt buộc khi không chạy trong cửa sổ lệnh).")
    app.open()
    _refuse_if_school(app, "không khai báo lại")
    if interactive:
        code = code or click.prompt("Mã trường (chữ không dấu, số, dấu gạch)")
        name = name or click.prompt("Tên trường")
        if commune is None:
            commune = click.prompt("Xã/phường", default="", show_default=False)
        if province is None:
            province = click.prompt("Tỉnh/thành phố", default="", show_default=False)
        if year is None:
            year = click.prompt("Năm học", default=current_school_year_name())
        if not refs and (commune or province):
            suggested = parent_units_for(commune, province)
            if click.confirm("Trực thuộc " + SEP.join(p.name for p in suggested) + "?", default=True):
                refs = suggested
    password = None
    if use_accounts:
        from cli.commands_accounts import new_password

        from mamnon.services import accounts

        password = new_password(f"Mật khẩu cho hiệu trưởng «{admin}»")
        accounts.check_admin(admin, admin_name or admin, password)
    info = school.init_school(
        code=code, name=name, commune=commune or "", province=province or "",
        year_name=year or current_school_year_name(), year_start=year_start, year_end=year_end, parents=refs,
    )
    click.echo("Đã khai báo trường.")
    if use_accounts:
        accounts.create_admin(admin, admin_name or admin, password)
        accounts.set_mode("accounts")
        click.echo(f"Trường dùng tài khoản: đăng nhập bằng --user {admin} (hiệu trưởng / quản trị).")
    for line in _school_lines(info):
        click.echo(line)
    click.echo(f"Tệp dữ liệu: {app.db_path}")


@cli.command("demo")
@click.option("--seed", type=int, default=0, show_default=True, help="Hạt giống ngẫu nhiên (khác số, khác trường).")
@click.option("--code", default=None, help="Mã trường mẫu (mặc định MN-DEMO).")
@click.option("--name", default=None, help="Tên trường mẫu.")
@click.option("--children", "n_children", type=click.IntRange(0, 20_000), default=250, show_default=True,
              help="Số trẻ đang học.")
@click.option("--open", "open_tui", is_flag=True, help="Mở giao diện sau khi tạo.")
@pass_app
def demo_cmd(app: AppContext, seed, code, name, n_children, open_tui) -> None:
    """Tạo một trường mẫu (lớp, cán bộ, trẻ, phụ huynh, cân đo, khám sức khỏe) trong một tệp trống.

    Không bao giờ ghi đè: nếu tệp đã có trường thì báo lỗi (hoặc, với --open,
    mở luôn trường đó).

    \b
    Ví dụ:
      mamnon --db mau.sqlite demo --children 250 --open
    """
    from mamnon.services import demo, school

    app.open()
    if open_tui and school.is_initialised():
        info = school.school_info()
        click.echo(f"Tệp {app.db_path} đã có trường «{info.name}»: mở trường này, không tạo dữ liệu mẫu.")
        run_tui(app)
        return
    _refuse_if_school(app, "không tạo dữ liệu mẫu đè lên")
    s = demo.build_demo(code=code or demo.DEFAULT_CODE, name=name or demo.DEFAULT_NAME,
                        children=n_children, seed=seed)
    click.echo(f"Đã tạo dữ liệu mẫu: {s.name} (mã {s.code}), năm học {s.year_name}.")
    if s.parents:
        click.echo("Trực thuộc: " + SEP.join(p.name for p in s.parents))
    click.echo(f"Lớp:    {s.classes}")
    click.echo(f"Trẻ:    {s.children} đang học ({s.children_left} đã nghỉ, {s.children_moved} đã chuyển lớp)")
    click.echo(f"Cán bộ: {s.staff}")
    click.echo(f"Cân đo: {s.rounds} đợt, {s.measurements} lượt đo; khám sức khỏe: {s.health_checks} lượt")
    click.echo(f"Điểm danh: {s.attendance_days} ngày học đã điểm danh đủ các lớp (đến hôm qua)")
    click.echo(f"Bán trú: {s.dishes} món ăn, {s.menu_days} thực đơn ngày (nhà trẻ và mẫu giáo)")
    click.echo(f"Tệp:    {app.db_path.resolve()}")
    if open_tui:
        run_tui(app)
    else:
        click.echo(f"Mở giao diện: mamnon --db \"{app.db_path}\"")


@cli.command("info")
@pass_app
@click.pass_context
def info_cmd(ctx: click.Context, app: AppContext) -> None:
    """Thông tin tệp dữ liệu: đường dẫn, phiên bản, trường, số lớp, số trẻ, số cán bộ.

    Không tạo tệp mới và không nâng cấp tệp cũ.

    \b
    Ví dụ:
      mamnon --db truong.sqlite info
    """
    from mamnon import __version__

    source = {
        ParameterSource.COMMANDLINE: "tùy chọn --db",
        ParameterSource.ENVIRONMENT: "biến môi trường MAMNON_DB",
    }.get(ctx.parent.get_parameter_source("db"), "mặc định")
    path = app.db_path
    click.echo(f"Tệp dữ liệu:  {path.resolve()} ({source})")
    click.echo(f"Chương trình: mamnon {__version__}")
    if not path.exists():
        click.echo("Tệp chưa có: sẽ được tạo khi chạy `mamnon init`, `mamnon demo` hoặc mở giao diện.")
        return

    from mamnon.migrations import LATEST_VERSION
    from mamnon.services import children, classes, school, session, staff

    session.open_path(path, upgrade=False)  # refuses foreign/newer/corrupt/older files, writes nothing
    click.echo(f"Lược đồ:      phiên bản {LATEST_VERSION} (mới nhất)")
    if not school.is_initialised():
        click.echo("Chưa khai báo trường: chạy `mamnon init` hoặc `mamnon demo`.")
        return
    for line in _school_lines(school.school_info()):
        click.echo(line)
    click.echo(f"Số lớp:       {len(classes.list_classes())}")
    click.echo(f"Số trẻ:       {children.count_children()} đang học")
    click.echo(f"Số cán bộ:    {len(staff.list_staff())}")


@cli.command("upgrade")
@pass_app
def upgrade_cmd(app: AppContext) -> None:
    """Nâng cấp tệp dữ liệu lên phiên bản của chương trình (giữ một bản sao bên cạnh).

    \b
    Ví dụ:
      mamnon --db truong.sqlite upgrade
    """
    from mamnon.migrations import LATEST_VERSION

    if not app.db_path.exists():
        raise click.ClickException(f"Chưa có tệp {app.db_path}: không có gì để nâng cấp.")
    opened = app.open()
    if opened.backup_path is None:
        click.echo(f"Tệp {app.db_path} đã ở phiên bản mới nhất (lược đồ {LATEST_VERSION}).")
    else:
        click.echo(f"Đã nâng cấp {app.db_path} từ lược đồ {opened.upgraded_from} lên {LATEST_VERSION}.")
        click.echo(f"Bản sao trước khi nâng cấp: {opened.backup_path}")
