"""`mamnon template write | list`: blank or pre-filled standard workbooks.

Template names and writers live in exporters.templates, imported inside the
commands so that `mamnon -h` does not load xlsxwriter.
"""

from __future__ import annotations

import datetime as dt

import click

from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

# The kinds a fill option applies to ("fill" = --fill); anything else is a usage error.
OPTION_KINDS = {
    "class_name": ("roster", "measurements", "attendance"),
    "month": ("attendance", "menus"),
    "day": ("measurements",),
    "fill": ("roster", "staff", "measurements", "menus"),
}
OPTION_FLAGS = {"class_name": "--class", "month": "--month", "day": "--date", "fill": "--fill"}


@cli.group("template", help=_("""Mẫu Excel chuẩn: danh sách trẻ, cán bộ, cân đo, điểm danh, thực đơn.

    Mẫu trống không cần cơ sở dữ liệu; mẫu điền sẵn lấy dữ liệu của trường.

    \b
    Ví dụ:
      mamnon template list
      mamnon template write danh-sach-tre -o danh-sach-tre.xlsx
      mamnon --db truong.sqlite template write can-do --class "Lá 1" -o can-do-la-1.xlsx
    """))
def template_group() -> None:
    pass


@template_group.command("list", help=_("""Các mẫu có thể ghi: tên gõ trong lệnh, loại biểu và cách điền sẵn.

    \b
    Ví dụ:
      mamnon template list
    """))
def list_cmd() -> None:
    from exporters.templates import TEMPLATE_NAMES
    from mamnon.workbooks.kinds import KIND_LABELS

    fills = {
        "roster": _("--class TÊN (một lớp) hoặc --fill"),
        "staff": "--fill",
        "measurements": _("--class TÊN, --date NGÀY"),
        "attendance": _("--class TÊN, --month MM/YYYY"),
        "menus": "--month MM/YYYY",
        "units": _("không (mẫu trống: mã, tên, cấp các đơn vị phải nộp)"),
    }
    width = max(len(n) for n in TEMPLATE_NAMES.values())
    for kind, name in TEMPLATE_NAMES.items():
        click.echo(_("{name}  {kind}; điền sẵn: {fill}").format(name=name.ljust(width), kind=_(KIND_LABELS[kind]),
                                                               fill=fills[kind]))


@template_group.command("write", help=_("""Ghi một mẫu Excel chuẩn, trống hoặc điền sẵn dữ liệu của trường.

    MẪU là một tên trong `mamnon template list`. Không có tùy chọn điền sẵn thì
    ghi mẫu trống: không cần cơ sở dữ liệu; nếu đã có trường thì mẫu ghi tên
    trường và danh sách lớp. Mẫu điền sẵn: danh sách trẻ theo lớp (--class) hoặc
    cả trường (--fill); cán bộ (--fill); cân đo theo lớp và ngày của đợt
    (--class, --date); điểm danh của một lớp trong một tháng (--class, --month,
    ngày nghỉ tô xám và khóa); thực đơn của một tháng (--month). Tệp được ghi
    ra tệp tạm rồi đổi tên, nên không bao giờ để lại tệp ghi dở.

    \b
    Ví dụ:
      mamnon template write danh-sach-tre -o danh-sach-tre.xlsx
      mamnon --db truong.sqlite template write danh-sach-tre --class "Lá 1" -o la-1.xlsx
      mamnon --db truong.sqlite template write diem-danh --class "Lá 1" --month 11/2026 -o dd-11.xlsx
      mamnon --db truong.sqlite template write thuc-don --month 11/2026 -o thuc-don-11.xlsx
    """))
@click.argument("name", metavar=_("MẪU"))
@click.option("-o", "--output", metavar=_("TỆP.xlsx"), help=_("Tệp Excel sẽ ghi (đuôi .xlsx), bắt buộc."))
@click.option("--class", "class_name", metavar=_("TÊN"), help=_("Điền sẵn trẻ của lớp này (năm học hiện tại)."))
@click.option("--month", metavar="MM/YYYY", help=_("Tháng của sổ điểm danh hoặc thực đơn (mặc định: tháng này)."))
@click.option("--date", "day", metavar=_("NGÀY"), help=_("Ngày của đợt cân đo, dd/mm/yyyy (mặc định: hôm nay)."))
@click.option("--fill", is_flag=True, help=_("Điền sẵn dữ liệu của trường (trẻ, cán bộ, thực đơn tháng này)."))
@pass_app
def write_cmd(app: AppContext, name: str, output: str | None, class_name: str | None, month: str | None,
              day: str | None, fill: bool) -> None:
    from pathlib import Path

    from exporters import templates
    from exporters.xlsx import check_target
    from mamnon.workbooks.kinds import KIND_LABELS

    kind = templates.kind_of(name)
    given = {"class_name": class_name, "month": month, "day": day, "fill": fill}
    _check_options(kind, name, given)
    if not output:
        raise click.UsageError(_("Thiếu tệp xuất: -o TỆP.xlsx."))
    target = check_target(output)
    if any(given.values()):
        app.open()
        written, what = _write_filled(templates, kind, target, class_name, month, day)
    else:
        written, what = _write_blank(app, templates, kind, target)
    click.echo(_("Đã ghi mẫu «{kind}» ({what}): {path}").format(kind=_(KIND_LABELS[kind]), what=what,
                                                                path=Path(written).resolve()))


def _check_options(kind: str, name: str, given: dict) -> None:
    for option, value in given.items():
        if value and kind not in OPTION_KINDS[option]:
            raise click.UsageError(_("Mẫu «{name}» không dùng tùy chọn {option}.").format(
                name=name, option=OPTION_FLAGS[option]))
    if kind == "attendance" and given["month"] and not given["class_name"]:
        raise click.UsageError(_("Sổ điểm danh điền sẵn cần lớp: thêm --class TÊN."))


def _write_blank(app: AppContext, templates, kind: str, target):
    """A blank template; it names the school and its classes only when a school database already exists."""
    from mamnon.services.school import is_initialised

    if not app.db_path.exists():
        return templates.write_blank(target, kind), _("mẫu trống")
    app.open()
    if not is_initialised():
        return templates.write_blank(target, kind), _("mẫu trống")
    unit = templates.school_unit()
    return templates.write_blank(target, kind, unit=unit, choices=templates.school_choices()), \
        _("mẫu trống của {school}").format(school=unit.name)


def _write_filled(templates, kind: str, target, class_name: str | None, month: str | None, day: str | None):
    if kind == "roster":
        where = _("lớp {class_name}").format(class_name=class_name) if class_name else _("cả trường")
        return templates.write_roster(target, class_name), _("điền sẵn trẻ {where}").format(where=where)
    if kind == "staff":
        return templates.write_staff(target), _("điền sẵn cán bộ đang làm việc")
    if kind == "measurements":
        on = _day(day)
        where = _("lớp {class_name}").format(class_name=class_name) if class_name else _("cả trường")
        from mamnon.formats import format_date

        return templates.write_measurements(target, on, class_name), _("{where}, ngày {date}").format(
            where=where, date=format_date(on))
    year, mon = _month(month)
    if kind == "attendance":
        return templates.write_attendance(target, class_name, year, mon), _("lớp {class_name}, tháng {month}").format(
            class_name=class_name, month=f"{mon:02d}/{year}")
    return templates.write_menus(target, year, mon), _("tháng {month}").format(month=f"{mon:02d}/{year}")


def _day(text: str | None) -> dt.date:
    from mamnon.formats import parse_date

    if not text:
        return dt.date.today()
    try:
        return parse_date(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--date'") from None


def _month(text: str | None) -> tuple[int, int]:
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import MONTH, parse_period

    if not text:
        today = dt.date.today()
        return today.year, today.month
    try:
        period = parse_period(text)
    except ValidationError as exc:
        raise click.BadParameter(str(exc), param_hint="'--month'") from None
    if period.kind != MONTH:
        raise click.BadParameter(_("«{text}» là một năm học; cần một tháng, ví dụ 11/2026.").format(text=text),
                                 param_hint="'--month'")
    return period.start.year, period.start.month
