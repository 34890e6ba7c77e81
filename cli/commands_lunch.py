"""Lunch support commands: `mamnon lunch groups | add | list | month | print | delete` (NĐ 277/2025/NĐ-CP)."""

from __future__ import annotations

import click

from cli.commands_children import _find_class, format_table
from cli.commands_meals import _month
from cli.group import AppContext, cli, pass_app
from mamnon.i18n import C_, _


@cli.group("lunch", help=_("""Hỗ trợ ăn trưa cho trẻ 3–5 tuổi (Nghị định 277/2025/NĐ-CP): hồ sơ, danh sách tháng, in biểu mẫu.

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch add --child HS00012 --group NGHEO --evidence "Sổ hộ nghèo số 45/2026" \\
          --from 05/09/2026 --to 31/05/2027
      mamnon --db truong.sqlite lunch month 11/2026
      mamnon --db truong.sqlite lunch print 11/2026 -o ho-tro-an-trua.xlsx
    """))
def lunch_group() -> None:
    pass


@lunch_group.command("groups", help=_("""Các đối tượng được hỗ trợ, mức hỗ trợ và số tháng tối đa theo nghị định.

    \b
    Ví dụ:
      mamnon lunch groups
    """))
def groups_cmd() -> None:
    from mamnon.formats import format_date, format_money
    from mamnon.services.lunch_support import GROUPS, RATES

    for code, label in GROUPS.items():
        click.echo(f"{code:<17} {_(label)}")
    for rate in RATES:
        click.echo(_("Từ {date}: {amount}/trẻ/tháng, tối đa {months} tháng/năm học, trẻ {youngest}–{oldest} tuổi "
                     "({source}).").format(date=format_date(rate.effective_from), amount=format_money(rate.amount),
                                           months=rate.max_months, youngest=rate.ages[0], oldest=rate.ages[-1],
                                           source=rate.source))


@lunch_group.command("add", help=_("""Ghi một lần hưởng hỗ trợ ăn trưa của một trẻ (trong một năm học).

    Trẻ phải 3–5 tuổi trong năm học (tính theo năm sinh), không trùng thời
    gian với lần hưởng khác, và không quá 9 tháng trong một năm học.

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch add --child HS00012 --group DBKK \\
          --evidence "Thôn Khe Mạ, QĐ 861/QĐ-TTg" --from 05/09/2026 --to 31/05/2027 --approved-by "Hiệu trưởng"
    """))
@click.option("--child", "child_code", required=True, metavar=_("MÃ_TRẺ"), help=_("Mã trẻ."))
@click.option("--group", required=True, metavar=_("ĐỐI_TƯỢNG"), help=_("Mã đối tượng (xem `mamnon lunch groups`)."))
@click.option("--evidence", required=True, metavar=_("GIẤY_TỜ"), help=_("Giấy tờ chứng minh: số, ngày, nơi cấp."))
@click.option("--from", "start", required=True, metavar=_("NGÀY"), help=_("Ngày bắt đầu hưởng (dd/mm/yyyy)."))
@click.option("--to", "end", required=True, metavar=_("NGÀY"), help=_("Ngày kết thúc hưởng (dd/mm/yyyy)."))
@click.option("--approved-by", default="", metavar=_("NGƯỜI"), help=_("Người duyệt."))
@click.option("--approved-on", default="", metavar=_("NGÀY"), help=_("Ngày duyệt (dd/mm/yyyy)."))
@click.option("--note", default="", help=_("Ghi chú."))
@pass_app
def add_cmd(app: AppContext, child_code: str, group: str, evidence: str, start: str, end: str, approved_by: str,
            approved_on: str, note: str) -> None:
    from mamnon.formats import format_date
    from mamnon.services import lunch_support as ls

    app.open()
    row = ls.add_support(ls.LunchForm(ls.child_id_by_code(child_code), group, evidence, start, end, approved_by,
                                      approved_on, note))
    click.echo(_("Đã ghi hỗ trợ ăn trưa số {number}: {child}, {group}, {start}–{end} ({months} tháng được chi).")
               .format(number=row.id, child=row.child_name, group=_(row.group_label), start=format_date(row.start_date),
                       end=format_date(row.end_date), months=row.months))


@lunch_group.command("list", help=_("""Mọi hồ sơ hỗ trợ ăn trưa: trẻ, đối tượng, thời gian, số tháng được chi.

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch list --search "nguyen an"
    """))
@click.option("--search", default="", metavar=_("TÊN"), help=_("Tìm theo tên hoặc mã trẻ (không cần dấu)."))
@pass_app
def list_cmd(app: AppContext, search: str) -> None:
    from mamnon.formats import format_date
    from mamnon.services import lunch_support as ls

    app.open()
    rows = ls.list_supports(search=search)
    if not rows:
        click.echo(_("Chưa có hồ sơ hỗ trợ ăn trưa nào."))
        return
    table = [(str(r.id), r.child_code, r.child_name, r.group, f"{format_date(r.start_date)}–{format_date(r.end_date)}",
              str(r.months), r.evidence) for r in rows]
    headers = (_("Số"), _("Mã trẻ"), _("Họ và tên"), _("Đối tượng"), _("Thời gian"), C_("số tháng", "Tháng"), _("Giấy tờ"))
    for line in format_table(table, headers):
        click.echo(line)


def month_lines(claim) -> list[str]:
    """What `lunch month` prints (also used by the tests)."""
    from mamnon.formats import format_money

    month = f"{claim.month:%m/%Y}"
    if not claim.amount_per_child:
        return [_("Hỗ trợ ăn trưa tháng {month}: chưa có chính sách hỗ trợ ăn trưa trong tháng này.").format(
            month=month)]
    lines = [_("Hỗ trợ ăn trưa tháng {month}: {amount}/trẻ ({source})").format(
        month=month, amount=format_money(claim.amount_per_child), source=claim.source)]
    table = [(r.class_name, r.child_code, r.child_name, r.group, format_money(r.amount)) for r in claim.rows]
    if table:
        lines += format_table(table, (_("Lớp"), _("Mã trẻ"), _("Họ và tên"), _("Đối tượng"), _("Số tiền")))
    lines.append("")
    for t in claim.classes:
        lines.append(_("Lớp {class_name}: {children} trẻ, {amount}").format(
            class_name=t.class_name, children=t.children, amount=format_money(t.amount)))
    lines.append(_("Toàn trường: {children} trẻ, {amount}").format(children=claim.children,
                                                                    amount=format_money(claim.total)))
    return lines


@lunch_group.command("month", help=_("""Danh sách trẻ được hỗ trợ ăn trưa trong tháng, cộng từng lớp và toàn trường.

    Một tháng được chi khi thời gian hưởng có ngày trong tháng và trẻ đang
    học ở trường trong tháng đó (số tháng học thực tế).

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch month 11/2026
      mamnon --db truong.sqlite lunch month 11/2026 --class "Lá 1"
    """))
@click.argument("month", metavar="MM/YYYY")
@click.option("--class", "class_name", metavar=_("TÊN"), help=_("Chỉ một lớp."))
@pass_app
def month_cmd(app: AppContext, month: str, class_name: str | None) -> None:
    from mamnon.services import lunch_support as ls

    year, number = _month(month)
    app.open()
    class_id = _find_class(class_name) if class_name else None
    for line in month_lines(ls.month_claim(year, number, class_id=class_id)):
        click.echo(line)


@lunch_group.command("print", help=_("""In danh sách trẻ được hỗ trợ ăn trưa của tháng (A4, có chữ ký và mã đối chiếu).

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch print 11/2026 -o ho-tro-an-trua-11-2026.xlsx
    """))
@click.argument("month", metavar="MM/YYYY")
@click.option("--class", "class_name", metavar=_("TÊN"), help=_("Chỉ một lớp."))
@click.option("-o", "--output", required=True, metavar=_("TỆP.xlsx"), help=_("Tệp Excel sẽ ghi."))
@pass_app
def print_cmd(app: AppContext, month: str, class_name: str | None, output: str) -> None:
    from pathlib import Path

    from exporters.lunch_support_forms import write_lunch_claim
    from exporters.xlsx import check_target

    year, number = _month(month)
    target = check_target(output)
    app.open()
    class_id = _find_class(class_name) if class_name else None
    written = write_lunch_claim(target, year, number, class_id=class_id)
    click.echo(_("Đã ghi danh sách hỗ trợ ăn trưa tháng {month}: {path}").format(
        month=f"{number:02d}/{year}", path=Path(written).resolve()))


@lunch_group.command("delete", help=_("""Xóa một hồ sơ ghi nhầm (số ở cột «Số» của `mamnon lunch list`).

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch delete 3
    """))
@click.argument("support_id", metavar=_("SỐ"), type=int)
@pass_app
def delete_cmd(app: AppContext, support_id: int) -> None:
    from mamnon.services import lunch_support as ls

    app.open()
    row = ls.get_support(support_id)
    ls.delete_support(support_id)
    click.echo(_("Đã xóa hồ sơ hỗ trợ ăn trưa số {number} của {child}.").format(number=support_id,
                                                                               child=row.child_name))
