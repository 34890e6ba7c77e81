"""Lunch support commands: `mamnon lunch groups | add | list | month | print | delete` (NĐ 277/2025/NĐ-CP)."""

from __future__ import annotations

import click

from cli.commands_children import _find_class, format_table
from cli.commands_meals import _month
from cli.group import AppContext, cli, pass_app


@cli.group("lunch")
def lunch_group() -> None:
    """Hỗ trợ ăn trưa cho trẻ 3–5 tuổi (Nghị định 277/2025/NĐ-CP): hồ sơ, danh sách tháng, in biểu mẫu.

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch add --child HS00012 --group NGHEO --evidence "Sổ hộ nghèo số 45/2026" \\
          --from 05/09/2026 --to 31/05/2027
      mamnon --db truong.sqlite lunch month 11/2026
      mamnon --db truong.sqlite lunch print 11/2026 -o ho-tro-an-trua.xlsx
    """


@lunch_group.command("groups")
def groups_cmd() -> None:
    """Các đối tượng được hỗ trợ, mức hỗ trợ và số tháng tối đa theo nghị định.

    \b
    Ví dụ:
      mamnon lunch groups
    """
    from mamnon.formats import format_date, format_money
    from mamnon.services.lunch_support import GROUPS, RATES

    for code, label in GROUPS.items():
        click.echo(f"{code:<17} {label}")
    for rate in RATES:
        click.echo(f"Từ {format_date(rate.effective_from)}: {format_money(rate.amount)}/trẻ/tháng, tối đa "
                   f"{rate.max_months} tháng/năm học, trẻ {rate.ages[0]}–{rate.ages[-1]} tuổi ({rate.source}).")


@lunch_group.command("add")
@click.option("--child", "child_code", required=True, metavar="MÃ_TRẺ", help="Mã trẻ.")
@click.option("--group", required=True, metavar="ĐỐI_TƯỢNG", help="Mã đối tượng (xem `mamnon lunch groups`).")
@click.option("--evidence", required=True, metavar="GIẤY_TỜ", help="Giấy tờ chứng minh: số, ngày, nơi cấp.")
@click.option("--from", "start", required=True, metavar="NGÀY", help="Ngày bắt đầu hưởng (dd/mm/yyyy).")
@click.option("--to", "end", required=True, metavar="NGÀY", help="Ngày kết thúc hưởng (dd/mm/yyyy).")
@click.option("--approved-by", default="", metavar="NGƯỜI", help="Người duyệt.")
@click.option("--approved-on", default="", metavar="NGÀY", help="Ngày duyệt (dd/mm/yyyy).")
@click.option("--note", default="", help="Ghi chú.")
@pass_app
def add_cmd(app: AppContext, child_code: str, group: str, evidence: str, start: str, end: str, approved_by: str,
            approved_on: str, note: str) -> None:
    """Ghi một lần hưởng hỗ trợ ăn trưa của một trẻ (trong một năm học).

    Trẻ phải 3–5 tuổi trong năm học (tính theo năm sinh), không trùng thời
    gian với lần hưởng khác, và không quá 9 tháng trong một năm học.

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch add --child HS00012 --group DBKK \\
          --evidence "Thôn Khe Mạ, QĐ 861/QĐ-TTg" --from 05/09/2026 --to 31/05/2027 --approved-by "Hiệu trưởng"
    """
    from mamnon.formats import format_date
    from mamnon.services import lunch_support as ls

    app.open()
    row = ls.add_support(ls.LunchForm(ls.child_id_by_code(child_code), group, evidence, start, end, approved_by,
                                      approved_on, note))
    click.echo(f"Đã ghi hỗ trợ ăn trưa số {row.id}: {row.child_name}, {row.group_label}, "
               f"{format_date(row.start_date)}–{format_date(row.end_date)} ({row.months} tháng được chi).")


@lunch_group.command("list")
@click.option("--search", default="", metavar="TÊN", help="Tìm theo tên hoặc mã trẻ (không cần dấu).")
@pass_app
def list_cmd(app: AppContext, search: str) -> None:
    """Mọi hồ sơ hỗ trợ ăn trưa: trẻ, đối tượng, thời gian, số tháng được chi.

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch list --search "nguyen an"
    """
    from mamnon.formats import format_date
    from mamnon.services import lunch_support as ls

    app.open()
    rows = ls.list_supports(search=search)
    if not rows:
        click.echo("Chưa có hồ sơ hỗ trợ ăn trưa nào.")
        return
    table = [(str(r.id), r.child_code, r.child_name, r.group, f"{format_date(r.start_date)}–{format_date(r.end_date)}",
              str(r.months), r.evidence) for r in rows]
    for line in format_table(table, ("Số", "Mã trẻ", "Họ và tên", "Đối tượng", "Thời gian", "Tháng", "Giấy tờ")):
        click.echo(line)


def month_lines(claim) -> list[str]:
    """What `lunch month` prints (also used by the tests)."""
    from mamnon.formats import format_money

    title = f"Hỗ trợ ăn trưa tháng {claim.month:%m/%Y}"
    if not claim.amount_per_child:
        return [f"{title}: chưa có chính sách hỗ trợ ăn trưa trong tháng này."]
    lines = [f"{title}: {format_money(claim.amount_per_child)}/trẻ ({claim.source})"]
    table = [(r.class_name, r.child_code, r.child_name, r.group, format_money(r.amount)) for r in claim.rows]
    if table:
        lines += format_table(table, ("Lớp", "Mã trẻ", "Họ và tên", "Đối tượng", "Số tiền"))
    lines.append("")
    for t in claim.classes:
        lines.append(f"Lớp {t.class_name}: {t.children} trẻ, {format_money(t.amount)}")
    lines.append(f"Toàn trường: {claim.children} trẻ, {format_money(claim.total)}")
    return lines


@lunch_group.command("month")
@click.argument("month", metavar="MM/YYYY")
@click.option("--class", "class_name", metavar="TÊN", help="Chỉ một lớp.")
@pass_app
def month_cmd(app: AppContext, month: str, class_name: str | None) -> None:
    """Danh sách trẻ được hỗ trợ ăn trưa trong tháng, cộng từng lớp và toàn trường.

    Một tháng được chi khi thời gian hưởng có ngày trong tháng và trẻ đang
    học ở trường trong tháng đó (số tháng học thực tế).

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch month 11/2026
      mamnon --db truong.sqlite lunch month 11/2026 --class "Lá 1"
    """
    from mamnon.services import lunch_support as ls

    year, number = _month(month)
    app.open()
    class_id = _find_class(class_name) if class_name else None
    for line in month_lines(ls.month_claim(year, number, class_id=class_id)):
        click.echo(line)


@lunch_group.command("print")
@click.argument("month", metavar="MM/YYYY")
@click.option("--class", "class_name", metavar="TÊN", help="Chỉ một lớp.")
@click.option("-o", "--output", required=True, metavar="TỆP.xlsx", help="Tệp Excel sẽ ghi.")
@pass_app
def print_cmd(app: AppContext, month: str, class_name: str | None, output: str) -> None:
    """In danh sách trẻ được hỗ trợ ăn trưa của tháng (A4, có chữ ký và mã đối chiếu).

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch print 11/2026 -o ho-tro-an-trua-11-2026.xlsx
    """
    from pathlib import Path

    from exporters.lunch_support_forms import write_lunch_claim
    from exporters.xlsx import check_target

    year, number = _month(month)
    target = check_target(output)
    app.open()
    class_id = _find_class(class_name) if class_name else None
    written = write_lunch_claim(target, year, number, class_id=class_id)
    click.echo(f"Đã ghi danh sách hỗ trợ ăn trưa tháng {number:02d}/{year}: {Path(written).resolve()}")


@lunch_group.command("delete")
@click.argument("support_id", metavar="SỐ", type=int)
@pass_app
def delete_cmd(app: AppContext, support_id: int) -> None:
    """Xóa một hồ sơ ghi nhầm (số ở cột «Số» của `mamnon lunch list`).

    \b
    Ví dụ:
      mamnon --db truong.sqlite lunch delete 3
    """
    from mamnon.services import lunch_support as ls

    app.open()
    row = ls.get_support(support_id)
    ls.delete_support(support_id)
    click.echo(f"Đã xóa hồ sơ hỗ trợ ăn trưa số {support_id} của {row.child_name}.")
