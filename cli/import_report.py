"""What `mamnon import` and `mamnon census import` print after a file is read: notes, warnings, every error
with its place, then the counts, or a refusal that exits 1. Both commands run all-or-nothing imports whose
result has the same shape (importers.ImportDone)."""

from __future__ import annotations

import click

from mamnon.i18n import _


def echo_outcome(done, *, dry_run: bool) -> None:
    """The result of an import, or ClickException naming the number of errors (the database is unchanged)."""
    result = done.result
    for line in result.notes:
        click.echo(line)
    for warning in result.warnings:
        click.echo(_("Lưu ý: {warning}").format(warning=warning.describe()))
    if result.errors:
        for error in result.errors:
            click.echo(error.describe(done.book.path.name))
        click.echo(_("Bản sao đánh dấu lỗi: {path}").format(path=done.annotated))
        raise click.ClickException(_("Không nhập gì: {count} lỗi. Hãy sửa tệp rồi nhập lại.").format(
            count=len(result.errors)))
    counts = _("thêm mới {created}, cập nhật {updated}, không đổi {unchanged}").format(
        created=result.created, updated=result.updated, unchanged=result.unchanged)
    if getattr(result, "skipped", 0):
        counts += _(", bỏ qua {skipped} dòng trống số đo").format(skipped=result.skipped)
    if dry_run:
        click.echo(_("Kiểm tra xong, không có lỗi ({counts}). Chưa ghi gì (--dry-run).").format(counts=counts))
    else:
        click.echo(_("Đã nhập: {counts}.").format(counts=counts))
