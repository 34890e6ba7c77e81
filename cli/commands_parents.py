"""Reaching parents: `mamnon parents preview | sms | slips`, thin over mamnon.services.notices."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cli.commands_children import _find_class
from cli.commands_meals import _date, _month
from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

_TEMPLATE_HELP = _("Mẫu tin, các trường trong ngoặc nhọn, ví dụ \"Bé {ten_tre} cân {can_nang}\".")
_FILE_HELP = _("Đọc mẫu tin từ tệp văn bản UTF-8 (thay cho --template).")


@cli.group("parents", help=_("""Liên lạc với phụ huynh: xem trước thông báo, xuất tin nhắn SMS, in phiếu liên lạc.

    Các trường dùng được trong mẫu tin: {ten_tre} {ho_ten_tre} {lop}
    {can_nang} {chieu_cao} {tinh_trang} {ngay_can} {thuc_don_tuan}
    {co_mat_thang} {nghi_thang} {ten_truong} {phu_huynh} (xem docs/parents.md).

    \b
    Ví dụ:
      mamnon --db truong.sqlite parents preview --class "Lá 1" --template "Bé {ten_tre} cân {can_nang}"
      mamnon --db truong.sqlite parents sms --all --template-file mau.txt -o tin-nhan.csv --unaccented
      mamnon --db truong.sqlite parents slips --class "Lá 1" --month 11/2026 -o phieu.xlsx
    """))
def parents_group() -> None:
    pass


def _template(text: str | None, path: str | None) -> str:
    if (text is None) == (path is None):
        raise click.ClickException(_("Cần đúng một trong hai: --template hoặc --template-file."))
    if path is None:
        return text
    try:
        return Path(path).read_text(encoding="utf-8-sig").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(_("Không đọc được mẫu tin {path}: {error}.").format(path=path, error=exc)) from None


def _on(text: str | None) -> dt.date:
    return _date(text) if text else dt.date.today()


def template_options(func):
    func = click.option("--date", "date", metavar="dd/mm/yyyy",
                        help=_("Ngày lấy số liệu (cân đo, điểm danh, thực đơn); mặc định hôm nay."))(func)
    func = click.option("--template-file", metavar=_("TỆP"), help=_FILE_HELP)(func)
    return click.option("--template", metavar=_("MẪU"), help=_TEMPLATE_HELP)(func)


@parents_group.command("preview", help=_("""Xem trước thông báo cho từng trẻ của một lớp, với số ký tự và số tin SMS.

    \b
    Ví dụ:
      mamnon --db truong.sqlite parents preview --class "Lá 1" --template "Kính gửi {phu_huynh}: bé {ten_tre} cân {can_nang}, {tinh_trang}."
      mamnon --db truong.sqlite parents preview --class "Lá 1" --child HS00035 --template-file mau.txt
    """))
@click.option("--class", "class_name", metavar=_("TÊN"), required=True, help=_("Lớp của các trẻ."))
@click.option("--child", "child_code", metavar=_("MÃ"), help=_("Chỉ xem trẻ có mã này."))
@template_options
@pass_app
def preview_cmd(app: AppContext, class_name: str, child_code: str | None, template: str | None,
                template_file: str | None, date: str | None) -> None:
    from mamnon.services import notices
    from mamnon.services.children import list_children

    text = _template(template, template_file)
    on = _on(date)
    app.open()
    notices.template_fields(text)
    rows = list_children(class_id=_find_class(class_name))
    if child_code:
        rows = [r for r in rows if r.code.lower() == child_code.strip().lower()]
        if not rows:
            raise click.ClickException(_("Lớp «{class_name}» không có trẻ mã {code}.").format(
                class_name=class_name, code=child_code))
    for row in rows:
        message = notices.render(text, row.id, on)
        chars, segments, encoding = notices.sms_segments(message)
        click.echo(_("— {code} {name} ({chars} ký tự, {segments} tin {encoding})").format(
            code=row.code, name=row.full_name, chars=chars, segments=segments, encoding=encoding))
        click.echo(message)


@parents_group.command("sms", help=_("""Xuất tệp tin nhắn SMS (SoDienThoai,NoiDung) cho mọi số điện thoại phụ huynh.

    Mỗi số điện thoại của phụ huynh nhận một tin; {phu_huynh} là tên người
    nhận. Tệp CSV (UTF-8) có hai cột, dòng tiêu đề SoDienThoai,NoiDung, để tải
    lên trang gửi tin hàng loạt của nhà mạng. Trẻ không có số điện thoại dùng
    được được liệt kê trong bảng kiểm tra để báo cho gia đình cách khác.

    \b
    Ví dụ:
      mamnon --db truong.sqlite parents sms --class "Lá 1" --template "Bé {ten_tre} tháng này đi học {co_mat_thang} ngày." -o tin-nhan.csv
      mamnon --db truong.sqlite parents sms --all --template-file mau.txt -o tin-nhan.csv --unaccented
    """))
@click.option("--class", "class_name", metavar=_("TÊN"), help=_("Gửi cho phụ huynh của lớp này."))
@click.option("--all", "whole_school", is_flag=True, help=_("Gửi cho phụ huynh cả trường."))
@template_options
@click.option("-o", "--output", metavar=_("TỆP.csv"), required=True, help=_("Tệp CSV để tải lên cổng SMS brandname."))
@click.option("--unaccented", is_flag=True, help=_("Bỏ dấu tiếng Việt (160 ký tự một tin thay vì 70)."))
@click.option("--report", "report_path", metavar=_("TỆP.csv"),
              help=_("Bảng kiểm tra (số ký tự, số tin, trẻ chưa có số điện thoại); "
                     "mặc định TỆP-kiem-tra.csv cạnh tệp tin nhắn."))
@pass_app
def sms_cmd(app: AppContext, class_name: str | None, whole_school: bool, template: str | None,
            template_file: str | None, date: str | None, output: str, unaccented: bool,
            report_path: str | None) -> None:
    from exporters.sms_csv import check_csv_target, write_sms_csv, write_sms_report
    from mamnon.services import notices

    if whole_school == (class_name is not None):
        raise click.ClickException(_("Cần đúng một trong hai: --class TÊN hoặc --all."))
    text = _template(template, template_file)
    target = check_csv_target(output)
    report = check_csv_target(report_path or target.with_name(f"{target.stem}-kiem-tra.csv"))
    on = _on(date)
    app.open()
    scope = None if whole_school else _find_class(class_name)
    messages, unreachable = notices.compose(text, scope, on, unaccented=unaccented)
    write_sms_csv(target, messages, unaccented=unaccented)
    write_sms_report(report, messages, unreachable)
    click.echo(_("Đã ghi {path}: {messages} tin, {segments} tin nhắn tính cước.").format(
        path=target, messages=len(messages), segments=sum(m.segments for m in messages)))
    click.echo(_("Trẻ chưa có số điện thoại phụ huynh: {count} (xem {report}).").format(
        count=len(unreachable), report=report))
    for u in unreachable:
        click.echo(f"  {u.child_code} {u.child_name} ({u.class_name}): {u.shown_reason}")


@parents_group.command("slips", help=_("""In phiếu liên lạc tháng: mỗi trẻ một trang A4 (điểm danh, cân đo, biểu đồ, nhận xét).

    Ô nhận xét của giáo viên để trống để viết tay.

    \b
    Ví dụ:
      mamnon --db truong.sqlite parents slips --class "Lá 1" --month 11/2026 -o phieu-lien-lac.xlsx
    """))
@click.option("--class", "class_name", metavar=_("TÊN"), required=True, help=_("Lớp của các trẻ."))
@click.option("--month", metavar="MM/YYYY", required=True, help=_("Tháng của phiếu liên lạc."))
@click.option("-o", "--output", metavar=_("TỆP.xlsx"), required=True, help=_("Tệp Excel sẽ ghi (đuôi .xlsx)."))
@pass_app
def slips_cmd(app: AppContext, class_name: str, month: str, output: str) -> None:
    from exporters.parent_slip import write_parent_slips
    from exporters.xlsx import check_target

    year, number = _month(month)
    target = check_target(output)
    app.open()
    path = write_parent_slips(target, _find_class(class_name), year, number)
    click.echo(_("Đã ghi {path}.").format(path=path))
