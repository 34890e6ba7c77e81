"""`mamnon print FORM …` and `mamnon forms`: every printable form through the registry in exporters.forms."""

from __future__ import annotations

import click

from cli.commands_children import _find_class
from cli.commands_meals import STAGE_CHOICE, _date, _month, _stage
from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

_OPTION_OF_PARAM = {"class_name": "class", "month": "month", "date": "date", "stage": "stage", "period": "period",
                    "child": "child"}


def form_lines() -> list[str]:
    """One line per form: its name, title and description, then the options it needs."""
    from exporters.forms import FORMS, option_typed

    width = max(len(f.name) for f in FORMS)
    lines = []
    for form in FORMS:
        options = [option_typed(n) for n in form.needs] + [f"[{option_typed(n)}]" for n in form.optional]
        lines.append(f"{form.name.ljust(width)}  {_(form.title)}: {_(form.description)}")
        lines.append(" " * width + "  " + _("Cần: {options}").format(options=" ".join(options) or _("(không)")))
    return lines


@cli.command("forms", help=_("""Danh sách các biểu mẫu in được, mỗi mẫu một dòng mô tả và các tùy chọn cần ghi.

    \b
    Ví dụ:
      mamnon forms
    """))
def forms_cmd() -> None:
    for line in form_lines():
        click.echo(line)


@cli.command("print", help=_("""In một biểu mẫu ra tệp Excel A4 (và PDF nếu có LibreOffice).

    Mỗi biểu mẫu cần vài tùy chọn: xem bằng `mamnon print --list`. Biểu mẫu có
    quốc hiệu, tên trường, tiêu đề, dòng ngày tháng, chữ ký, số trang; hàng tiêu
    đề bảng lặp lại ở mỗi trang, vừa khổ giấy theo chiều ngang. Tệp cũ cùng tên
    được thay trọn vẹn (ghi ra tệp tạm rồi đổi tên). Với --pdf, tệp PDF ghi cạnh
    tệp Excel; máy chưa cài LibreOffice thì chỉ có tệp Excel.

    \b
    Ví dụ:
      mamnon print --list
      mamnon --db truong.sqlite print thuc-don-tuan --date 16/11/2026 --stage nha-tre -o thuc-don.xlsx
      mamnon --db truong.sqlite print ke-cho --date 18/11/2026 -o ke-cho.xlsx --pdf
      mamnon --db truong.sqlite print diem-danh --class "Lá 1" --month 11/2026 -o diem-danh-la-1.xlsx
      mamnon --db truong.sqlite print bao-cao --period 2026-2027 -o bao-cao.xlsx
      mamnon --db truong.sqlite print phieu-suc-khoe --child HS00035 -o suc-khoe.xlsx
    """))
@click.argument("form_name", metavar=_("BIỂU_MẪU"), required=False)
@click.option("--class", "class_name", metavar=_("TÊN"), help=_("Lớp (với bieu-do, diem-danh)."))
@click.option("--month", metavar="MM/YYYY", help=_("Tháng (với luu-mau, tien-an, diem-danh, diem-danh-truong)."))
@click.option("--date", metavar=_("NGÀY"), help=_("Ngày dd/mm/yyyy (với thuc-don-tuan, khau-phan, ke-cho, kiem-thuc)."))
@click.option("--stage", type=STAGE_CHOICE, help=_("Cấp học (với thuc-don-tuan, khau-phan, kiem-thuc; ke-cho "
                                                   "không ghi thì gộp cả hai)."))
@click.option("--period", metavar=_("KỲ"), help=_("Kỳ báo cáo (với bao-cao): tháng 11/2026 hoặc năm học 2026-2027."))
@click.option("--child", metavar=_("MÃ_TRẺ"), help=_("Mã trẻ (với phieu-suc-khoe, bieu-do-tre)."))
@click.option("-o", "--output", metavar=_("TỆP.xlsx"), help=_("Tệp Excel sẽ ghi (đuôi .xlsx)."))
@click.option("--pdf", is_flag=True, help=_("Chuyển thêm sang PDF (cần LibreOffice), cùng tên, đuôi .pdf."))
@click.option("--list", "show_list", is_flag=True, help=_("Liệt kê các biểu mẫu (như `mamnon forms`)."))
@pass_app
def print_cmd(app: AppContext, form_name: str | None, class_name: str | None, month: str | None,
              date: str | None, stage: str | None, period: str | None, child: str | None, output: str | None,
              pdf: bool, show_list: bool) -> None:
    from exporters.forms import find_form, option_problem
    from mamnon.errors import MamnonError

    if show_list:
        for line in form_lines():
            click.echo(line)
        return
    if form_name is None:
        raise click.UsageError(_("Thiếu tên biểu mẫu. Gõ «mamnon print --list» để xem các biểu mẫu."))
    try:
        form = find_form(form_name)
    except MamnonError as exc:  # an unknown name is a typing mistake: usage error, not a failure
        raise click.UsageError(str(exc)) from None
    values = {"class_name": class_name, "month": month, "date": date, "stage": stage, "period": period,
              "child": child}
    problem = option_problem(form, {_OPTION_OF_PARAM[k] for k, v in values.items() if v is not None})
    if problem:
        raise click.UsageError(problem)
    if not output:
        raise click.UsageError(_("Thiếu tệp xuất: -o TỆP.xlsx."))
    _print(app, form, values, output, pdf)


def _print(app: AppContext, form, values: dict, output: str, pdf: bool) -> None:
    from exporters.forms import FormOptions, PdfUnavailable, find_child, to_pdf, write_form
    from exporters.xlsx import check_target
    from mamnon.workbooks.periods import parse_period

    parsed = dict(month=_month(values["month"]) if values["month"] else None,
                  date=_date(values["date"]) if values["date"] else None,
                  stage=_stage(values["stage"]) if values["stage"] else None,
                  period=parse_period(values["period"]) if values["period"] else None)
    target = check_target(output)
    app.open()
    if values["class_name"]:
        parsed.update(class_id=_find_class(values["class_name"]), class_name=values["class_name"])
    if values["child"]:
        found = find_child(values["child"])
        parsed.update(child_id=found.id, child_code=found.code)
    written = write_form(form, target, FormOptions(**parsed)).resolve()
    click.echo(_("Đã ghi {form}: {path}").format(form=_(form.title).lower(), path=written))
    if not pdf:
        return
    try:
        click.echo(_("Đã ghi bản PDF: {path}").format(path=to_pdf(written)))
    except PdfUnavailable as exc:
        raise click.ClickException(str(exc)) from None
