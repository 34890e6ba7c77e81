"""Unit changes kept in the history database: `mamnon units change | list | tree | export | import`.

Reads and writes only the history database of `--db-url` (never a school's).
"""

from __future__ import annotations

import click

from cli.group import cli
from mamnon.i18n import _

DB_URL = click.option("--db-url", required=True, metavar=_("CSDL"),
                      help=_("Cơ sở dữ liệu lịch sử (tệp SQLite hoặc postgresql://…), như `mamnon merge --into`."))


@cli.group("units", help=_("""Thay đổi đơn vị (đổi tên, sáp nhập, chia tách, đổi đơn vị cấp trên) trong CSDL lịch sử báo cáo gộp.

    Xu hướng của một đơn vị được cộng lại từ số liệu các trường thuộc đơn vị
    theo cơ cấu hiện nay, nên xã thành lập từ 01/07/2025 vẫn có số liệu các
    năm trước. Thay đổi tạo vòng lặp hoặc để một trường không có đơn vị cấp
    trên bị từ chối.

    \b
    Ví dụ:
      mamnon units change doi-cap-tren --unit UBND-TL --name "UBND xã Tân Lập" --level "UBND xã" \\
          --parent SGD-PT --date 01/07/2025 --db-url lich-su.sqlite
      mamnon units change doi-cap-tren --unit MN-01 --parent UBND-TL --date 01/07/2025 --db-url lich-su.sqlite
      mamnon units tree --db-url lich-su.sqlite
    """))
def units_group() -> None:
    pass


def _date(text: str):
    from mamnon.formats import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise click.ClickException(_("«{text}» không phải ngày (dd/mm/yyyy).").format(text=text)) from None


def _pairs(text: str, sep: str, what: str) -> tuple[tuple[str, str], ...]:
    out = []
    for part in (p.strip() for p in (text or "").split(";")):
        if not part:
            continue
        left, found, right = part.partition(sep)
        if not found or not left.strip() or not right.strip():
            raise click.ClickException(_("{option}: «{part}» phải có dạng MÃ{sep}…").format(
                option=what, part=part, sep=sep))
        out.append((left.strip(), right.strip()))
    return tuple(out)


@units_group.command("change", help=_("""Ghi một thay đổi đơn vị có ngày hiệu lực.

    LOẠI: doi-ten, sap-nhap, chia-tach, doi-cap-tren.

    \b
    Ví dụ:
      mamnon units change doi-ten --unit UBND-TL --name "UBND phường Tân Lập" --date 01/01/2026 --db-url ls.sqlite
      mamnon units change sap-nhap --unit UBND-TH --name "UBND xã Tân Hoa" --from UBND-TL,UBND-HS \\
          --date 01/07/2027 --db-url ls.sqlite
      mamnon units change chia-tach --unit UBND-TH --into "X1=UBND xã A;X2=UBND xã B" \\
          --move "MN-01>X1;MN-02>X2" --date 01/01/2028 --db-url ls.sqlite
    """))
@click.argument("kind", metavar=_("LOẠI"), type=click.Choice(["doi-ten", "sap-nhap", "chia-tach", "doi-cap-tren"]))
@click.option("--unit", "unit_code", required=True, metavar=_("MÃ"),
              help=_("Đơn vị đổi tên, đổi cấp trên, bị chia tách; sáp nhập: đơn vị sau sáp nhập."))
@click.option("--date", "date_text", required=True, metavar=_("NGÀY"), help=_("Ngày hiệu lực (dd/mm/yyyy)."))
@click.option("--name", default="", help=_("Tên mới (đổi tên) hoặc tên của đơn vị mới."))
@click.option("--level", default="", help=_("Cấp của đơn vị mới (UBND xã, Phòng GD&ĐT…)."))
@click.option("--parent", "parent_code", default="", metavar=_("MÃ"), help=_("Mã đơn vị cấp trên mới."))
@click.option("--from", "sources", default="", metavar="A,B", help=_("Sáp nhập: mã các đơn vị sáp nhập."))
@click.option("--into", "targets", default="", metavar=_("X1=Tên;X2=Tên"), help=_("Chia tách: các đơn vị mới."))
@click.option("--move", "moves", default="", metavar="MN-01>X1;…", help=_("Chia tách: nơi chuyển về."))
@click.option("--note", default="", help=_("Ghi chú (số quyết định…)."))
@DB_URL
def change_cmd(kind: str, unit_code: str, date_text: str, name: str, level: str, parent_code: str, sources: str,
               targets: str, moves: str, note: str, db_url: str) -> None:
    from mamnon.history import open_history
    from mamnon.unit_structure import Change

    change = Change(kind, _date(date_text), unit_code.strip(), name.strip(), level.strip(), parent_code.strip(),
                    tuple(c.strip() for c in sources.split(",") if c.strip()),
                    _pairs(targets, "=", "--into"), _pairs(moves, ">", "--move"), note.strip())
    with open_history(db_url) as history:
        history.record_change(change)
        path = " › ".join(history.structure().path(change.unit_code))
    click.echo(_("Đã ghi: {change} {unit}, hiệu lực {date}. Hiện nay: {path}").format(
        change=change.label, unit=change.unit_code, date=date_text, path=path))


@units_group.command("list", help=_("""Các thay đổi đơn vị đã ghi, theo ngày hiệu lực.

    \b
    Ví dụ:
      mamnon units list --db-url lich-su.sqlite
    """))
@DB_URL
def list_cmd(db_url: str) -> None:
    from exporters.unit_changes import change_row
    from mamnon.formats import format_date
    from mamnon.history import open_history

    with open_history(db_url, create=False) as history:
        changes = history.changes()
    if not changes:
        click.echo(_("Chưa ghi thay đổi đơn vị nào."))
        return
    for c in changes:
        row = change_row(c)
        details = [f"{label}: {row[key]}" for key, label in (
            ("name", _("tên")), ("parent_code", _("cấp trên")), ("sources", _("từ")), ("targets", _("thành")),
            ("moves", _("chuyển"))) if row[key]]
        click.echo(f"{format_date(c.effective_on)}  {_(c.label):<19} {c.unit_code:<12} {'; '.join(details)}")


@units_group.command("tree", help=_("""Cơ cấu đơn vị hiện nay (số liệu đã lưu và mọi thay đổi đã ghi), mỗi đơn vị một dòng.

    \b
    Ví dụ:
      mamnon units tree --db-url lich-su.sqlite
    """))
@DB_URL
def tree_cmd(db_url: str) -> None:
    from mamnon.history import open_history

    with open_history(db_url, create=False) as history:
        s = history.structure()
    for line in tree_lines(s):
        click.echo(line)


def tree_lines(s) -> list[str]:
    """The structure indented by level, units of the same parent by code (also used by the tests)."""
    lines: list[str] = []

    def walk(code: str, depth: int) -> None:
        lines.append(f"{'  ' * depth}{s.names.get(code, code)} ({code})")
        for child in sorted(s.children(code)):
            walk(child, depth + 1)

    roots = sorted(c for c, p in s.parent.items() if p is None and c not in s.dissolved)
    for root in roots:
        walk(root, 0)
    return lines


@units_group.command("export", help=_("""Ghi các thay đổi đơn vị ra tệp Excel để gửi đơn vị khác nhập (hoặc mẫu trống để điền).

    \b
    Ví dụ:
      mamnon units export -o thay-doi-don-vi.xlsx --db-url lich-su.sqlite
    """))
@click.option("-o", "--output", required=True, metavar=_("TỆP.xlsx"), help=_("Tệp Excel sẽ ghi."))
@DB_URL
def export_cmd(output: str, db_url: str) -> None:
    from pathlib import Path

    from exporters.unit_changes import write_unit_changes
    from exporters.workbook_writer import UnitMeta
    from exporters.xlsx import check_target
    from mamnon.history import open_history

    target = check_target(output)
    with open_history(db_url) as history:
        changes = history.changes()
        merging = history.merging_units()
    unit = UnitMeta(merging[0].code, merging[0].name, merging[0].level) if len(merging) == 1 else \
        UnitMeta("", "", "")
    written = write_unit_changes(target, changes, unit=unit)
    click.echo(_("Đã ghi {count} thay đổi đơn vị: {path}").format(count=len(changes), path=Path(written).resolve()))


@units_group.command("import", help=_("""Nhập tệp thay đổi đơn vị: đúng hết mới ghi, sai thì chỉ rõ trang, dòng, cột.

    Một thay đổi đã có (cùng loại, đơn vị, ngày) không được ghi lại lần nữa.

    \b
    Ví dụ:
      mamnon units import thay-doi-don-vi.xlsx --db-url lich-su.sqlite
    """))
@click.argument("file", metavar=_("TỆP"), type=click.Path(dir_okay=False))
@DB_URL
def import_cmd(file: str, db_url: str) -> None:
    from importers.unit_changes import read_unit_changes, row_labels
    from mamnon.history import open_history

    changes = read_unit_changes(file)
    labels = row_labels(file)
    with open_history(db_url) as history:
        known = {_identity(c) for c in history.changes()}
        fresh = [(c, w) for c, w in zip(changes, labels, strict=True) if _identity(c) not in known]
        history.record_changes([c for c, _where in fresh], where=[w for _change, w in fresh])
    click.echo(_("Đã nhập {new} thay đổi đơn vị ({known} thay đổi đã có).").format(
        new=len(fresh), known=len(changes) - len(fresh)))


def _identity(c) -> tuple:
    return (c.kind, c.effective_on, c.unit_code, c.parent_code, c.sources, c.targets, c.moves, c.name)
