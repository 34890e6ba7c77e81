"""Attendance commands: `mamnon attendance month | print | dayoff`, thin over mamnon.services.attendance."""

from __future__ import annotations

import calendar
import datetime as dt

import click

from cli.commands_children import _find_class, format_table
from cli.commands_meals import _date, _month
from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

SHORT_WEEKDAYS = (_("T2"), _("T3"), _("T4"), _("T5"), _("T6"), _("T7"), _("CN"))
CELL = 3
"""Width of one day in the text grid: room for a two-digit day and a space."""


@cli.group("attendance", help=_("""Điểm danh: tỷ lệ chuyên cần theo tháng, sổ điểm danh, lịch nghỉ của trường.

    \b
    Ví dụ:
      mamnon --db truong.sqlite attendance month 11/2026
      mamnon --db truong.sqlite attendance month 11/2026 --class "Lá 1"
      mamnon --db truong.sqlite attendance print 11/2026 --class "Lá 1" -o diem-danh-la-1.xlsx
      mamnon --db truong.sqlite attendance dayoff 02/09/2026 --reason "Nghỉ lễ Quốc khánh"
    """))
def attendance_group() -> None:
    pass


def _bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %".replace(".", ",")


def rate_lines(summary) -> list[str]:
    """The table `attendance month` prints without --class (also used by the tests)."""
    def cells(name: str, r) -> tuple[str, ...]:
        return (name, str(r.recorded_days), str(r.expected), str(r.present), str(r.leave), str(r.absent),
                str(r.unmarked), _rate(r.rate))

    rows = [cells(c.class_name, c.rate) for c in summary.classes]
    rows.append(cells(_("Toàn trường"), summary.school))
    headers = (_("Lớp"), _("Ngày đã ĐD"), _("Lượt trẻ"), _("Có mặt"), "P", "K", _("Chưa ĐD"), _("Tỷ lệ"))
    return format_table(rows, headers)


def _cell(day, inside: bool, mark: str | None) -> str:
    if not day.is_school_day:
        return "N" if day.exception else ""
    if not inside:
        return "–"
    return mark or "."


def grid_lines(grid, rate) -> list[str]:
    """The month register of one class as text: children × days, totals per child and per day."""
    per_day = _("Có mặt mỗi ngày")
    width = max([len(per_day)] + [len(r.full_name) for r in grid.rows])

    def line(first: str, days: list[str], totals: tuple[str, ...] = ()) -> str:
        return (first.ljust(width) + "".join(d.rjust(CELL) for d in days)
                # a space of its own, so a 7-letter heading ("Present") never runs into the day 30 column
                + "".join(" " + t.rjust(6) for t in totals)).rstrip()

    lines = [_("Sổ điểm danh lớp {class_name}, tháng {month}").format(
                 class_name=grid.class_name, month=f"{grid.month:02d}/{grid.year}"),
             line(_("Ngày"), [str(d.date.day) for d in grid.days], (_("Có mặt"), "P", "K")),
             line("", [SHORT_WEEKDAYS[d.date.weekday()] for d in grid.days])]
    for row in grid.rows:
        marks = [_cell(d, inside, m) for d, inside, m in zip(grid.days, row.in_class, row.marks)]
        lines.append(line(row.full_name, marks, (str(row.present), str(row.leave), str(row.absent))))
    lines.append(line(per_day, [str(n) if d.is_school_day else "" for d, n in
                                zip(grid.days, grid.day_present)]))
    lines.append(_("Tỷ lệ chuyên cần: {rate} (có mặt {present}/{expected} lượt trẻ, "
                   "{days} ngày đã điểm danh)").format(rate=_rate(rate.rate), present=rate.present,
                                                       expected=rate.expected, days=rate.recorded_days))
    lines.append(_("x có mặt · P nghỉ có phép · K nghỉ không phép · . chưa điểm danh · N ngày nghỉ · "
                   "– chưa vào lớp"))
    return lines


@attendance_group.command("month", help=_("""Tỷ lệ chuyên cần của từng lớp và toàn trường trong một tháng.

    Tỷ lệ = có mặt ÷ lượt trẻ phải đi học, chỉ tính các ngày lớp đã điểm danh.
    Với --class: sổ điểm danh của lớp (x có mặt, P có phép, K không phép),
    cộng theo trẻ và theo ngày.

    \b
    Ví dụ:
      mamnon --db truong.sqlite attendance month 11/2026
      mamnon --db truong.sqlite attendance month 11/2026 --class "Lá 1"
    """))
@click.argument("month", metavar="MM/YYYY")
@click.option("--class", "class_name", metavar=_("TÊN"), help=_("In sổ điểm danh của lớp này (trẻ × ngày)."))
@pass_app
def month_cmd(app: AppContext, month: str, class_name: str | None) -> None:
    from mamnon.services import attendance

    year, number = _month(month)
    start, end = _bounds(year, number)
    app.open()
    if class_name is None:
        summary = attendance.attendance_summary(start, end)
        click.echo(_("Điểm danh tháng {month}: {days} ngày học theo lịch").format(
            month=f"{number:02d}/{year}", days=summary.school_days))
        for text in rate_lines(summary):
            click.echo(text)
        return
    class_id = _find_class(class_name)
    summary = attendance.attendance_summary(start, end, class_id)
    rate = summary.classes[0].rate if summary.classes else summary.school
    for text in grid_lines(attendance.month_grid(class_id, year, number), rate):
        click.echo(text)


@attendance_group.command("print", help=_("""In sổ điểm danh của một lớp, hoặc bảng tổng hợp điểm danh cả trường, ra tệp Excel A4 ngang.

    Tệp cũ cùng tên được thay trọn vẹn (ghi ra tệp tạm rồi đổi tên).

    \b
    Ví dụ:
      mamnon --db truong.sqlite attendance print 11/2026 --class "Lá 1" -o diem-danh-la-1.xlsx
      mamnon --db truong.sqlite attendance print 11/2026 -o diem-danh-toan-truong.xlsx
    """))
@click.argument("month", metavar="MM/YYYY")
@click.option("--class", "class_name", metavar=_("TÊN"), help=_("Sổ điểm danh của lớp này; không ghi: bảng tổng hợp "
                                                                "cả trường."))
@click.option("-o", "--output", metavar=_("TỆP.xlsx"), required=True, help=_("Tệp Excel sẽ ghi (đuôi .xlsx)."))
@pass_app
def print_cmd(app: AppContext, month: str, class_name: str | None, output: str) -> None:
    from exporters.attendance_forms import write_month_register, write_school_attendance
    from exporters.xlsx import check_target

    year, number = _month(month)
    check_target(output)
    app.open()
    if class_name is None:
        write_school_attendance(output, year, number)
        click.echo(_("Đã ghi bảng tổng hợp điểm danh tháng {month} vào {path}.").format(
            month=f"{number:02d}/{year}", path=output))
        return
    write_month_register(output, _find_class(class_name), year, number)
    click.echo(_("Đã ghi sổ điểm danh lớp {class_name} tháng {month} vào {path}.").format(
        class_name=class_name, month=f"{number:02d}/{year}", path=output))


@attendance_group.command("dayoff", help=_("""Đặt một ngày là ngày nghỉ của cả trường (lễ, bão lũ…), hoặc bỏ ngày nghỉ đó.

    Ngày đã có điểm danh thì không đặt làm ngày nghỉ được: xóa điểm danh ngày đó trước.

    \b
    Ví dụ:
      mamnon --db truong.sqlite attendance dayoff 02/09/2026 --reason "Nghỉ lễ Quốc khánh"
      mamnon --db truong.sqlite attendance dayoff 02/09/2026 --clear
    """))
@click.argument("date", metavar=_("NGÀY"))
@click.option("--reason", metavar=_("LÝ DO"), help=_("Lý do nghỉ, ví dụ «Nghỉ lễ», «Bão lũ»."))
@click.option("--clear", is_flag=True,
              help=_("Bỏ ngày nghỉ đã đặt: ngày đó theo lịch thường (thứ bảy, chủ nhật nghỉ)."))
@pass_app
def dayoff_cmd(app: AppContext, date: str, reason: str | None, clear: bool) -> None:
    from mamnon.formats import format_date
    from mamnon.services import attendance

    if clear == (reason is not None):
        raise click.UsageError(_("Ghi --reason LÝ DO để đặt ngày nghỉ, hoặc --clear để bỏ (một trong hai)."))
    day = _date(date)
    app.open()
    if clear:
        info = attendance.clear_calendar_day(day)
        if info.is_school_day:
            click.echo(_("Đã bỏ ngày nghỉ {date}: nay là ngày học theo lịch thường.").format(date=format_date(day)))
        else:
            click.echo(_("Đã bỏ ngày nghỉ {date}: nay là ngày nghỉ ({reason}) theo lịch thường.").format(
                date=format_date(day), reason=info.reason))
        return
    info = attendance.set_day_off(day, reason)
    click.echo(_("Đã đặt {date} là ngày nghỉ: {reason}.").format(date=format_date(day), reason=info.reason))
