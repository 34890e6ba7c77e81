"""Children commands: `mamnon children list`."""

from __future__ import annotations

import csv
import io

import click

from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

HEADERS = (_("Mã"), _("Họ và tên"), _("Ngày sinh"), _("Giới"), _("Lớp"))
LEFT_HEADER = _("Nghỉ học từ")


@cli.group("children", help=_("""Danh sách trẻ của trường.

    \b
    Ví dụ:
      mamnon --db truong.sqlite children list --class "Lá 1"
    """))
def children_group() -> None:
    pass


def _find_class(name: str) -> int:
    """The id of the current year's class called `name` (case and diacritics ignored)."""
    from mamnon.services.classes import list_classes
    from mamnon.vntext import fold

    rows = list_classes()
    wanted = fold(name)
    for row in rows:
        if fold(row.name) == wanted:
            return row.id
    known = ", ".join(r.name for r in rows) or _("chưa có lớp nào")
    raise click.ClickException(_("Không có lớp «{name}» trong năm học hiện tại. Các lớp: {known}.").format(
        name=name, known=known))


def format_table(rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> list[str]:
    """Columns padded to their widest cell (Vietnamese letters are one column wide)."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    return [line(headers), line("-" * w for w in widths)] + [line(r) for r in rows]


@children_group.command("list", help=_("""Danh sách trẻ, xếp theo tên (tên, rồi tên đệm, rồi họ).

    \b
    Ví dụ:
      mamnon --db truong.sqlite children list --class "la 1" --search "nguyen thi"
    """))
@click.option("--class", "class_name", metavar=_("TÊN"),
              help=_("Chỉ trẻ của lớp này (không phân biệt hoa/thường, dấu)."))
@click.option("--search", default="", metavar=_("CHỮ"), help=_("Tìm theo tên hoặc mã, gõ không dấu cũng được."))
@click.option("--all", "include_left", is_flag=True, help=_("Gồm cả trẻ đã nghỉ học."))
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True,
              help=_("Bảng để đọc, hoặc CSV để mở bằng bảng tính."))
@pass_app
def list_cmd(app: AppContext, class_name, search, include_left, fmt) -> None:
    from mamnon.formats import format_date
    from mamnon.labels import shown
    from mamnon.services.children import list_children

    app.open()
    class_id = _find_class(class_name) if class_name is not None else None
    found = list_children(class_id=class_id, search=search, include_left=include_left)
    headers = HEADERS + ((LEFT_HEADER,) if include_left else ())
    rows = []
    for r in found:
        cells = (r.code, r.full_name, format_date(r.birth_date), shown(r.sex_label), r.class_name)
        rows.append(cells + ((format_date(r.left_on),) if include_left else ()))
    if fmt == "csv":
        from exporters.csv_safe import csv_cell

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(headers)
        # a name typed as "=HYPERLINK(…)" must stay text when the CSV is opened in Excel
        writer.writerows([csv_cell(v) for v in row] for row in rows)
        click.echo(buf.getvalue(), nl=False)
        return
    if rows:
        for line in format_table(rows, headers):
            click.echo(line)
    else:
        click.echo(_("Không có trẻ nào."))
    click.echo(_("{count} trẻ").format(count=len(rows)))
