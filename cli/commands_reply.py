"""`mamnon reply`: the office answers a school's report (approve, return, unlock); the school imports it.

approve/return/unlock need no school database (they run on the office's
computer); `reply import` stores the decision in the school's database.
"""

from __future__ import annotations

import click

from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

_OFFICE_OPTIONS = (
    click.option("--note", default="", metavar=_("GHI_CHÚ"), help=_("Ghi chú gửi trường (lý do trả lại…).")),
    click.option("--unit-code", required=True, metavar=_("MÃ"), help=_("Mã đơn vị mình (Phòng GD&ĐT, UBND xã…).")),
    click.option("--unit-name", required=True, metavar=_("TÊN"), help=_("Tên đơn vị mình.")),
    click.option("--by", "by", default="", metavar=_("NGƯỜI_XÉT"), help=_("Người xét duyệt (ghi vào tệp trả lời).")),
    click.option("-o", "--output", metavar=_("TỆP.xlsx"),
                 help=_("Tệp trả lời sẽ ghi; mặc định tra-loi-<mã trường>-<kỳ>.xlsx cạnh tệp báo cáo.")),
)


def _office_options(func):
    for option in reversed(_OFFICE_OPTIONS):
        func = option(func)
    return func


@cli.group("reply", help=_("""Trả lời báo cáo của đơn vị cấp dưới (duyệt, trả lại, mở khóa) và nhập tệp trả lời ở trường.

    Ở Phòng: `reply approve|return|unlock TỆP_BÁO_CÁO` ghi một tệp trả lời
    nhỏ cho trường đó. Ở trường: `reply import TỆP_TRẢ_LỜI` ghi nhận quyết
    định; báo cáo được duyệt thì kỳ đó bị khóa (không sửa được số liệu của
    kỳ) cho đến khi cấp trên gửi tệp «mở khóa». Xem docs/approval.md.

    \b
    Ví dụ:
      mamnon reply approve nop/bao-cao-MN01.xlsx --unit-code PGD-YL --unit-name "Phòng GD&ĐT Yên Lạc"
      mamnon reply return nop/bao-cao-MN01.xlsx --note "Thiếu số liệu cân đo lớp Lá 1" --unit-code PGD-YL --unit-name "Phòng GD&ĐT Yên Lạc"
      mamnon --db truong.sqlite reply import tra-loi-MN01-2026-11.xlsx
    """))
def reply_group() -> None:
    pass


def _done_line(decision: str) -> str:
    """One whole sentence per decision, so a translation never glues a verb onto a fixed phrase."""
    from mamnon.workbooks.reply_spec import APPROVE, RETURN

    if decision == APPROVE:
        return _("Duyệt báo cáo {period} của {school} (mã {code}, mã đối chiếu {answers}).")
    if decision == RETURN:
        return _("Trả lại báo cáo {period} của {school} (mã {code}, mã đối chiếu {answers}).")
    return _("Mở khóa báo cáo {period} của {school} (mã {code}, mã đối chiếu {answers}).")


def _answer(decision: str, file: str, note: str, unit_code: str, unit_name: str, by: str,
            output: str | None) -> None:
    from pathlib import Path

    from exporters.reply import make_reply, reply_file_name, write_reply
    from exporters.xlsx import check_target
    from importers.report_reader import read_report
    from mamnon.errors import MamnonError
    from mamnon.services.approval import period_text
    from mamnon.workbooks.reply_spec import APPROVE, RETURN

    if decision == RETURN and not note.strip():
        raise click.BadParameter(_("Trả lại báo cáo cần ghi chú lý do."), param_hint="'--note'")
    report = read_report(file)
    if decision == APPROVE and report.checksum_ok is not True:
        raise MamnonError(_("Không duyệt được {file}: số liệu trong tệp đã bị sửa sau khi xuất, hoặc tệp "
                            "không có mã kiểm tra. Hãy trả lại (reply return) để trường gửi lại.").format(
                                file=Path(file).name))
    reply = make_reply(office_code=unit_code, office_name=unit_name, school_code=report.unit["code"],
                       school_name=report.unit["name"], period=report.period, figures=report.indicators,
                       decision=decision, note=note, by=by)
    target = check_target(output or Path(file).resolve().parent / reply_file_name(reply.to_code, reply.period))
    written = write_reply(target, reply)
    click.echo(_done_line(decision).format(period=period_text(reply.period), school=reply.to_name,
                                           code=reply.to_code, answers=reply.answers_code))
    click.echo(_("Đã ghi tệp trả lời: {path}").format(path=Path(written).resolve()))


@reply_group.command("approve", help=_("""Duyệt báo cáo của một trường: ghi tệp trả lời «Duyệt»; trường nhập vào thì kỳ đó bị khóa.

    Tệp báo cáo có số liệu bị sửa sau khi xuất thì không duyệt được.

    \b
    Ví dụ:
      mamnon reply approve nop/bao-cao-MN01.xlsx --unit-code PGD-YL --unit-name "Phòng GD&ĐT Yên Lạc" -o tra-loi/MN01.xlsx
    """))
@click.argument("file", metavar=_("TỆP_BÁO_CÁO"), type=click.Path(dir_okay=False, exists=True))
@_office_options
def approve_cmd(file: str, note: str, unit_code: str, unit_name: str, by: str, output: str | None) -> None:
    from mamnon.workbooks.reply_spec import APPROVE

    _answer(APPROVE, file, note, unit_code, unit_name, by, output)


@reply_group.command("return", help=_("""Trả lại báo cáo của một trường kèm ghi chú (bắt buộc): trường sửa rồi nộp lại.

    \b
    Ví dụ:
      mamnon reply return nop/bao-cao-MN01.xlsx --note "Thiếu cân đo lớp Lá 1" --unit-code PGD-YL --unit-name "Phòng GD&ĐT Yên Lạc"
    """))
@click.argument("file", metavar=_("TỆP_BÁO_CÁO"), type=click.Path(dir_okay=False, exists=True))
@_office_options
def return_cmd(file: str, note: str, unit_code: str, unit_name: str, by: str, output: str | None) -> None:
    from mamnon.workbooks.reply_spec import RETURN

    _answer(RETURN, file, note, unit_code, unit_name, by, output)


@reply_group.command("unlock", help=_("""Mở khóa kỳ báo cáo đã duyệt của một trường, để trường sửa số liệu rồi nộp lại.

    \b
    Ví dụ:
      mamnon reply unlock nop/bao-cao-MN01.xlsx --note "Cho sửa điểm danh ngày 20/11" --unit-code PGD-YL --unit-name "Phòng GD&ĐT Yên Lạc"
    """))
@click.argument("file", metavar=_("TỆP_BÁO_CÁO"), type=click.Path(dir_okay=False, exists=True))
@_office_options
def unlock_cmd(file: str, note: str, unit_code: str, unit_name: str, by: str, output: str | None) -> None:
    from mamnon.workbooks.reply_spec import UNLOCK

    _answer(UNLOCK, file, note, unit_code, unit_name, by, output)


@reply_group.command("import", help=_("""Nhập tệp trả lời của cấp trên vào cơ sở dữ liệu trường.

    Từ chối (kèm lý do) tệp gửi cho trường khác, của đơn vị không phải cấp
    trên của trường, cho kỳ trường chưa nộp, cho một lần nộp khác (mã đối
    chiếu không khớp) hoặc đã bị sửa sau khi ghi. Nhập lại cùng tệp không
    thay đổi gì.

    \b
    Ví dụ:
      mamnon --db truong.sqlite reply import tra-loi-MN01-2026-11.xlsx
    """))
@click.argument("file", metavar=_("TỆP_TRẢ_LỜI"), type=click.Path(dir_okay=False, exists=True))
@pass_app
def import_cmd(app: AppContext, file: str) -> None:
    from pathlib import Path

    from importers.reply import read_reply
    from mamnon.services import approval

    reply = read_reply(file)
    app.open()
    stored = approval.apply_reply(reply, Path(file).name)
    click.echo(stored.line + ".")
    if stored.already:
        click.echo(_("Tệp này đã được nhập trước đây: không có gì thay đổi."))
