"""`mamnon export report` and `mamnon report show`: the school report workbook that goes upward."""

from __future__ import annotations

import click

from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _


@cli.group("export", help=_("""Xuất tệp Excel gửi lên cấp trên: báo cáo thống kê của trường.

    \b
    Ví dụ:
      mamnon --db truong.sqlite export report --period 11/2026 -o bao-cao-11-2026.xlsx
    """))
def export_group() -> None:
    pass


@cli.group("report", help=_("""Xem một tệp báo cáo trường (do `mamnon export report` tạo).

    \b
    Ví dụ:
      mamnon report show bao-cao-11-2026.xlsx
    """))
def report_group() -> None:
    pass


@export_group.command("report", help=_("""Báo cáo thống kê của trường cho một kỳ ra tệp Excel: lớp, trẻ, chuyên cần, dinh dưỡng, bán trú, cán bộ.

    Sĩ số lớp, trẻ và cán bộ tính vào ngày cuối kỳ (hoặc hôm nay nếu kỳ chưa
    hết); chuyên cần và bán trú cộng các ngày trong kỳ đến ngày đó; dinh
    dưỡng theo lần cân đo gần nhất trong kỳ của mỗi trẻ. Tệp có trang ẩn
    «_mamnon» với mã kiểm tra dữ liệu, nên cấp trên biết số liệu có bị sửa
    hay không. Nếu tệp đã có, tệp được thay trọn vẹn. Với --pseudonymise,
    trang «Trẻ cần theo dõi» chỉ có chữ cái đầu của họ tên và tháng/năm sinh
    (mã trẻ vẫn giữ để trường tra lại); tệp vẫn tổng hợp được như thường.

    Tệp mang trạng thái trong mã kiểm tra: thường là «Đã nộp» (trường ghi
    nhận đã nộp kỳ này, để nhận tệp trả lời của cấp trên: `mamnon reply
    import`); với --draft là «Nháp».

    \b
    Ví dụ:
      mamnon --db truong.sqlite export report --period 11/2026 -o bao-cao-11-2026.xlsx
      mamnon --db truong.sqlite export report --period 2026-2027 -o bao-cao-nam-hoc.xlsx
      mamnon --db truong.sqlite export report --period 11/2026 -o bao-cao.xlsx --pseudonymise
      mamnon --db truong.sqlite export report --period 11/2026 -o bao-cao-nhap.xlsx --draft
    """))
@click.option("--period", "period_text", required=True, metavar=_("KỲ"),
              help=_("Tháng (11/2026) hoặc năm học (2026-2027)."))
@click.option("-o", "--output", required=True, metavar=_("TỆP.xlsx"), help=_("Tệp Excel sẽ ghi (đuôi .xlsx)."))
@click.option("--pseudonymise", "pseudonymise", is_flag=True,
              help=_("Danh sách trẻ cần theo dõi chỉ ghi chữ cái đầu của họ tên (N.T.M.A.) và tháng/năm sinh."))
@click.option("--draft", is_flag=True,
              help=_("Ghi bản nháp (trạng thái «Nháp»): cấp trên gộp được nhưng thấy là nháp; "
                     "trường chưa tính là đã nộp."))
@pass_app
def export_report_cmd(app: AppContext, period_text: str, output: str, pseudonymise: bool, draft: bool) -> None:
    from pathlib import Path

    from exporters.report import write_report
    from exporters.xlsx import check_target
    from mamnon.workbooks.periods import parse_period

    period = parse_period(period_text)
    target = check_target(output)
    app.open()
    existed = target.exists()
    from cli.progress import shown_progress

    with shown_progress(_("Đã hủy: chưa ghi tệp báo cáo nào."), unit=_("trang")) as progress:
        written = write_report(target, period, pseudonymise=pseudonymise, draft=draft, progress=progress)
    state = _("bản nháp") if draft else _("đã nộp")
    click.echo(_("Đã ghi báo cáo {period} ({state}): {path}").format(
        period=period.screen_label, state=state, path=Path(written).resolve()))
    if existed:
        click.echo(_("Tệp cũ cùng tên đã được thay bằng tệp mới."))


def format_figure(value: float | None, places: int | None = None) -> str:
    """1234567 -> '1.234.567', 49.6 -> '49,6' (Vietnamese separators); None -> '–'."""
    if value is None:
        return "–"
    if places is None:
        places = 0 if float(value).is_integer() else 1
    text = f"{value:,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _checksum_verdict(ok: bool | None) -> str:
    if ok is True:
        return _("khớp (số liệu không bị sửa sau khi xuất)")
    if ok is False:
        return _("KHÔNG KHỚP: số liệu đã bị sửa sau khi xuất")
    return _("không có (không kiểm tra được)")


def _state_text(report) -> str:
    from mamnon.workbooks.report_state import STATE_LABELS

    text = _(STATE_LABELS[report.state]) if report.state in STATE_LABELS else report.state
    who = ", ".join(p for p in (report.state_by, report.state_at.replace("T", " ")) if p)
    return f"{text} ({who})" if who else text


def _period_label(code: str) -> str:
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period

    try:
        return parse_period(code).screen_label
    except ValidationError:
        return code or "–"


def _level_shown(level: str) -> str:
    """A school's level is the stored word «Trường» (the office above merges on it); other levels are names
    a unit typed, shown as typed."""
    from mamnon.services.school import SCHOOL_LEVEL_NAME

    return _("Trường") if level == SCHOOL_LEVEL_NAME else level


@report_group.command("show", help=_("""Đọc một tệp báo cáo trường: đơn vị, kỳ, thời điểm xuất, mã kiểm tra và mọi chỉ tiêu.

    Không cần cơ sở dữ liệu. Tệp được kiểm tra trước khi đọc (tệp hỏng, tệp
    không phải báo cáo bị từ chối); mã kiểm tra không khớp hoặc tỷ lệ không
    đúng với số liệu của chính tệp được báo ở phần «Cảnh báo». Định dạng
    --json mô tả trong docs/workbooks.md (mục «Báo cáo trường»).

    \b
    Ví dụ:
      mamnon report show bao-cao-11-2026.xlsx
      mamnon report show bao-cao-11-2026.xlsx --json > bao-cao.json
    """))
@click.argument("file", metavar=_("TỆP"), type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help=_("In một đối tượng JSON (định dạng cố định, cho các script)."))
def report_show_cmd(file: str, as_json: bool) -> None:
    import json

    from cli.commands_children import format_table
    from importers.report_reader import exported_at_text, read_report
    from mamnon import indicators
    from mamnon.paper_code import LABEL as PAPER_LABEL
    from mamnon.paper_code import report_code

    report = read_report(file)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return
    unit = report.unit
    click.echo(_("Đơn vị:          {name} (mã {code})").format(name=unit["name"], code=unit["code"]))
    click.echo(_("Cấp:             {level}").format(level=_level_shown(unit["level"])))
    parents = [p["name"] for p in report.parents]
    if parents:
        click.echo(_("Trực thuộc:      {units}").format(units=" › ".join(parents)))
    click.echo(_("Kỳ báo cáo:      {period}").format(period=_period_label(report.period)))
    click.echo(_("Thời điểm xuất:  {when}").format(when=exported_at_text(report)))
    click.echo(_("Mã kiểm tra:     {verdict}").format(verdict=_checksum_verdict(report.checksum_ok)))
    click.echo(_("Trạng thái:      {state}").format(state=_state_text(report)))
    # the same column as the lines above, whatever the label's length in the interface language
    click.echo(f"{_(PAPER_LABEL) + ':':<17}{report_code(unit['code'], report.period, report.indicators)}")
    for line in report.checks:
        click.echo(_("Cảnh báo: {warning}").format(warning=line))
    click.echo("")
    rows = []
    for ind in indicators.CATALOGUE:
        places = ind.places if ind.aggregate == indicators.RATE else None
        rows.append((ind.shown_label, format_figure(report.indicators.get(ind.code), places), ind.shown_unit))
    for line in format_table(rows, (_("Chỉ tiêu"), _("Giá trị"), _("Đơn vị"))):
        click.echo(line)
