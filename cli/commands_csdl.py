"""`mamnon csdl import | export`: the CSDL ngành files both ways, thin over mamnon.services.csdl_*."""

from __future__ import annotations

import datetime as dt

import click

from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

KINDS = ("children", "classes", "staff")
EXPORT_KINDS = ("children", "staff")
SHOWN_PER_GROUP = 30


@cli.group("csdl", help=_("""Trao đổi với CSDL ngành (csdl.moet.gov.vn): đọc tệp xuất, ghi tệp để nhập lên.

    Đọc danh sách trẻ, lớp, cán bộ do CSDL ngành xuất ra và so với dữ liệu của
    trường (mới, cập nhật, chuyển lớp, nghỉ học, trùng, thiếu); ghi danh sách trẻ
    hoặc cán bộ theo mẫu nhập của CSDL ngành để tải lên thay vì gõ lại.

    \b
    Ví dụ:
      mamnon --db truong.sqlite csdl import hoc-sinh-csdl.xlsx --dry-run
      mamnon --db truong.sqlite csdl export children -o nhap-csdl.xlsx
    """))
def csdl_group() -> None:
    pass


def _parse_matches(values: tuple[str, ...]) -> dict[int, str]:
    out = {}
    for text in values:
        row, sep, code = text.partition("=")
        if not sep or not row.strip().isdigit() or not code.strip():
            raise click.BadParameter(_("«{text}»: cần dạng DÒNG=MÃ, ví dụ 12=HS00034 (hoặc 12=MOI cho trẻ mới).")
                                     .format(text=text), param_hint="--match")
        out[int(row)] = code.strip()
    return out


def _print_file(book) -> None:
    sheet = book.sheet
    click.echo(_("Tệp {name}: danh sách {kind} của CSDL ngành, trang «{sheet}», tiêu đề cột ở dòng {header_row}, "
                 "{rows} dòng.").format(name=book.path.name, kind=_(sheet.template.label), sheet=sheet.sheet,
                                        header_row=book.header_row,
                                        rows=len(sheet.rows) + len({e.row for e in sheet.errors})))
    if book.code_sheets:
        click.echo(_("Dùng danh mục của tệp: {sheets}.").format(sheets=", ".join(book.code_sheets)))
    for u in book.unknown:
        from mamnon.workbooks.spec import column_letter

        if u.closest:
            click.echo(_("Cột không nhận ra, bỏ qua: cột {column} «{header}» (gần nhất với cột đã biết «{closest}»).")
                       .format(column=column_letter(u.column), header=u.header, closest=u.closest))
        else:
            click.echo(_("Cột không nhận ra, bỏ qua: cột {column} «{header}».").format(
                column=column_letter(u.column), header=u.header))


def _print_diff(diff, file_name: str, show_all: bool) -> None:
    from mamnon.services.csdl_import import GROUPS, UNCHANGED

    for error in diff.errors:
        click.echo(_("Lỗi: {error}").format(error=error.describe(file_name)))
    for warning in diff.warnings:
        click.echo(_("Lưu ý: {warning}").format(warning=warning.describe(file_name)))
    for status, heading in GROUPS.items():
        entries = diff.group(status)
        if not entries or status == UNCHANGED:
            continue
        click.echo(f"== {_(heading)} ({len(entries)}) ==")
        shown = entries if show_all else entries[:SHOWN_PER_GROUP]
        for entry in shown:
            click.echo(f"  {entry.text()}")
            for i, candidate in enumerate(entry.candidates, start=1):
                click.echo(f"      {i}) {candidate.text()}")
        if len(shown) < len(entries):
            click.echo("  " + _("… và {count} dòng nữa (--all để xem hết).").format(count=len(entries) - len(shown)))
    counts = diff.counts()
    click.echo(_("Tóm tắt: {counts}.").format(counts=", ".join(f"{_(GROUPS[s]).lower()} {n}" for s, n in counts.items())))


def _ask(diff) -> dict[int, str]:
    """Ask which child each ambiguous row is; an empty answer leaves the row unresolved."""
    from mamnon.services.csdl_import import AMBIGUOUS, NEW_CHOICE

    chosen = {}
    for entry in diff.group(AMBIGUOUS):
        click.echo(_("Dòng {row}: {full_name} — {note}. Chọn:").format(row=entry.row, full_name=entry.full_name,
                                                                       note=entry.note))
        for i, candidate in enumerate(entry.candidates, start=1):
            click.echo(f"  {i}) {candidate.text()}")
        click.echo("  " + _("{choice}) là trẻ mới, không phải ai ở trên").format(choice=NEW_CHOICE))
        answer = click.prompt(_("Số (Enter: bỏ qua)"), default="", show_default=False).strip()
        if answer.upper() == NEW_CHOICE:
            chosen[entry.row] = NEW_CHOICE
        elif answer.isdigit() and 1 <= int(answer) <= len(entry.candidates):
            chosen[entry.row] = entry.candidates[int(answer) - 1].code
    return chosen


@csdl_group.command("import", help=_("""Đọc tệp CSDL ngành xuất ra (trẻ, lớp hoặc cán bộ), so với trường rồi nhập — tất cả hoặc không gì.

    Cột được nhận theo tiêu đề (không theo thứ tự); mã trong các trang danh mục
    của tệp được dùng để kiểm tra giá trị. Trẻ được ghép theo mã định danh Bộ,
    rồi theo họ tên, ngày sinh (và lớp). Ô trống không xóa dữ liệu của trường.
    Khi một dòng khớp nhiều trẻ, lệnh hỏi chọn trẻ (hoặc dùng --match).
    Trong cửa sổ dòng lệnh, thanh tiến độ (trên stderr) đếm các dòng đã ghi;
    Ctrl+C hủy: cơ sở dữ liệu không thay đổi.

    \b
    Ví dụ:
      mamnon --db truong.sqlite csdl import hoc-sinh-csdl.xlsx --dry-run
      mamnon --db truong.sqlite csdl import hoc-sinh-csdl.xlsx --match 14=HS00031
      mamnon --db truong.sqlite csdl import can-bo-csdl.xlsx --kind staff
    """))
@click.argument("file", metavar=_("TỆP"), type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help=_("Chỉ so sánh và báo khác biệt, không ghi gì."))
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help=_("Loại danh sách (mặc định: nhận ra theo tiêu đề cột)."))
@click.option("--match", "matches", metavar=_("DÒNG=MÃ"), multiple=True,
              help=_("Dòng DÒNG của tệp là trẻ (cán bộ) có mã MÃ (mã trường hoặc mã Bộ); MÃ=MOI: trẻ mới."))
@click.option("--no-prompt", is_flag=True, help=_("Không hỏi khi một dòng khớp nhiều trẻ (báo lỗi thay vì hỏi)."))
@click.option("--all", "show_all", is_flag=True, help=_("Liệt kê hết mọi dòng của từng nhóm."))
@pass_app
def import_cmd(app: AppContext, file: str, dry_run: bool, kind: str | None, matches: tuple[str, ...],
               no_prompt: bool, show_all: bool) -> None:
    from pathlib import Path

    from cli.progress import shown_progress
    from importers.csdl_reader import read_csdl
    from mamnon.services.csdl_import import apply_diff, diff_sheet

    chosen = _parse_matches(matches)
    app.open()
    with shown_progress(_("Đã hủy: chưa ghi gì, cơ sở dữ liệu không thay đổi.")) as progress:
        progress.stage(0, _("Đọc tệp {name}").format(name=Path(file).name))
        book = read_csdl(file, kind=kind)
        diff = diff_sheet(book.sheet, matches=chosen, progress=progress)
    _print_file(book)
    if diff.group("ambiguous") and not dry_run and not no_prompt and not diff.errors:
        _print_diff(diff, book.path.name, show_all)
        chosen.update(_ask(diff))
        diff = diff_sheet(book.sheet, matches=chosen)
    _print_diff(diff, book.path.name, show_all)
    if diff.blocking:
        raise click.ClickException(_("Không nhập gì: {reasons}. Hãy sửa rồi chạy lại.").format(
            reasons="; ".join(diff.blocking)))
    if dry_run:
        click.echo(_("Kiểm tra xong, chưa ghi gì (--dry-run)."))
        return
    if not diff.has_changes:
        click.echo(_("Không có gì thay đổi."))
        return
    with shown_progress(_("Đã hủy: cơ sở dữ liệu không thay đổi."), unit=_("dòng")) as progress:
        done = apply_diff(diff, progress=progress)
    counts = dict(created=done.created, updated=done.updated, moved=done.moved, left=done.left)
    if done.temp_codes:
        click.echo(_("Đã nhập: mới {created}, cập nhật {updated}, chuyển lớp {moved}, nghỉ học {left}; "
                     "{temp_codes} trẻ mới nhận mã tạm (TAM-…) chờ mã định danh của Bộ.").format(
            temp_codes=done.temp_codes, **counts))
    else:
        click.echo(_("Đã nhập: mới {created}, cập nhật {updated}, chuyển lớp {moved}, nghỉ học {left}.").format(
            **counts))


@csdl_group.command("export", help=_("""Ghi danh sách trẻ (children) hoặc cán bộ (staff) theo mẫu nhập của CSDL ngành.

    Chỉ các cột mẫu nhập cần, theo đúng tiêu đề; kèm các trang danh mục giới
    tính, dân tộc. Trẻ chưa có mã định danh Bộ được cấp mã tạm TAM-… (giữ trong
    dữ liệu trường, không ghi vào tệp).

    \b
    Ví dụ:
      mamnon --db truong.sqlite csdl export children -o nhap-hoc-sinh.xlsx
      mamnon --db truong.sqlite csdl export staff -o nhap-can-bo.xlsx --with-personal-id
    """))
@click.argument("kind", metavar=_("LOẠI"), type=click.Choice(EXPORT_KINDS))
@click.option("-o", "--output", "output", metavar=_("TỆP.xlsx"), required=True, help=_("Tệp Excel sẽ ghi."))
@click.option("--with-personal-id", is_flag=True,
              help=_("Ghi cả cột số định danh cá nhân (dữ liệu cá nhân: mặc định không ghi)."))
@pass_app
def export_cmd(app: AppContext, kind: str, output: str, with_personal_id: bool) -> None:
    from exporters.csdl_writer import write_csdl
    from exporters.xlsx import check_target
    from mamnon.services.csdl_export import export_table

    check_target(output)
    app.open()
    table = export_table(kind, with_personal_id=with_personal_id, today=dt.date.today())
    path = write_csdl(output, table)
    click.echo(_("Đã ghi {rows} dòng ({kind}) vào {path}.").format(rows=len(table.rows), kind=_(table.template.label),
                                                                     path=path))
    if table.temp_codes:
        click.echo(_("{count} trẻ chưa có mã định danh Bộ đã nhận mã tạm (TAM-…).").format(count=table.temp_codes))
    if not with_personal_id:
        click.echo(_("Không ghi số định danh cá nhân (thêm --with-personal-id nếu mẫu nhập cần)."))
