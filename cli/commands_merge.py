"""`mamnon merge`: an office or a province merges the report workbooks it received into one.

No school database is involved (an office's computer has none): the command
never touches the `--db` option's file. Excel libraries are imported inside
the command so that `mamnon -h` stays fast.
"""

from __future__ import annotations

import click

from cli.group import cli
from mamnon.i18n import _

DEFAULT_LEVEL = "Đơn vị quản lý"  # i18n-skip: written into the merged workbook
LISTS_UP_TO = 1
SOME_REJECTED = 1
"""Exit code when the merged file was written but some files were rejected (a script can tell)."""
"""mamnon.merge.LISTS_UP_TO, repeated so that `mamnon -h` does not import the merge (a test checks they agree)."""


@cli.command("merge", help=_("""Gộp các tệp báo cáo của đơn vị cấp dưới thành một báo cáo của đơn vị mình.

    TỆP_HOẶC_THƯ_MỤC là các tệp báo cáo (của trường, hoặc đã gộp ở cấp
    dưới) hoặc thư mục (lấy mọi tệp .xlsx trong đó). Tệp ghi ra cùng loại
    «báo cáo», nên cấp trên lại gộp được: Sở gộp tệp của các Phòng đúng như
    Phòng gộp tệp của các trường. Chỉ tiêu cộng dồn; tỷ lệ tính lại từ tử số
    và mẫu số đã cộng, không lấy trung bình. Tệp ghi ra có từng trường (kèm
    đường dẫn đơn vị), dòng tổng của từng đơn vị trung gian, danh sách trẻ
    cần theo dõi, trang «Kiểm tra» và trang «Nộp báo cáo».

    Không dừng ở tệp lỗi đầu tiên: tệp không phải báo cáo, khác kỳ, mẫu
    phiên bản mới hơn hoặc hỏng bị từ chối (có lý do), các tệp khác vẫn
    được gộp. Một đơn vị nộp hai lần: giữ tệp xuất sau. Một trường có mặt ở
    hai đơn vị, số liệu bị sửa sau khi xuất, số liệu vô lý (trẻ nữ nhiều
    hơn tổng số trẻ…) đều được báo. Không cần cơ sở dữ liệu. Mã thoát: 0
    khi mọi tệp đều được gộp (kể cả khi có cảnh báo), 1 khi đã ghi tệp gộp
    nhưng có tệp bị từ chối, 2 khi tham số không dùng được (tùy chọn sai,
    không có tệp nào gộp được: không ghi tệp).

    Với --deadline, trang «Nộp báo cáo» ghi trạng thái báo cáo của từng
    đơn vị (nháp, đã nộp) và so với hạn: đúng hạn (xuất trước hết ngày
    hạn), muộn bao nhiêu ngày, hoặc chưa nộp; báo cáo nháp vẫn được gộp
    nhưng có cảnh báo. Trả lời từng trường: `mamnon reply`.

    Với --into, chỉ tiêu của đơn vị gộp, từng đơn vị trung gian và từng
    trường được lưu theo kỳ vào cơ sở dữ liệu lịch sử (không phải cơ sở dữ
    liệu của trường); gộp lại cùng kỳ thì thay số liệu cũ của kỳ đó.

    Trong cửa sổ dòng lệnh, thanh tiến độ (trên stderr) đếm số tệp đã đọc;
    Ctrl+C hủy việc gộp: không ghi tệp nào (mã thoát 1).

    \b
    Ví dụ:
      mamnon merge bao-cao-truong/ -o yen-lac.xlsx --unit-code PGD-YL --unit-name "Phòng GD&ĐT Yên Lạc"
      mamnon merge yen-lac.xlsx vinh-tuong.xlsx -o so.xlsx --unit-code SGD-PT --unit-name "Sở GD&ĐT Phú Thọ" --level-name "Sở GD&ĐT" --expect don-vi.xlsx
      mamnon merge bao-cao-truong/ -o yen-lac.xlsx --unit-code PGD-YL --unit-name "Phòng GD&ĐT Yên Lạc" --into lich-su.sqlite
      mamnon merge bao-cao-truong/ -o yen-lac.xlsx --unit-code PGD-YL --unit-name "Phòng GD&ĐT Yên Lạc" --expect don-vi.xlsx --deadline 05/12/2026
    """))
@click.argument("inputs", nargs=-1, required=True, metavar=_("TỆP_HOẶC_THƯ_MỤC..."))
@click.option("-o", "--output", required=True, metavar=_("TỆP.xlsx"), help=_("Tệp báo cáo gộp sẽ ghi (đuôi .xlsx)."))
@click.option("--unit-code", required=True, metavar=_("MÃ"), help=_("Mã của đơn vị gộp (Phòng, UBND xã, Sở…)."))
@click.option("--unit-name", required=True, metavar=_("TÊN"), help=_("Tên của đơn vị gộp."))
@click.option("--level-name", default=DEFAULT_LEVEL, metavar=_("CẤP"),
              help=_("Cấp của đơn vị gộp, ví dụ «Phòng GD&ĐT», «UBND xã», «Sở GD&ĐT» (mặc định «{level}»).").format(
                  level=DEFAULT_LEVEL))
@click.option("--expect", metavar=_("DANH_SÁCH.xlsx"), help=_("Danh sách đơn vị phải nộp (mẫu danh-sach-don-vi)."))
@click.option("--period", "period_text", metavar=_("KỲ"),
              help=_("Kỳ gộp: tháng (11/2026) hoặc năm học (2026-2027); mặc định là kỳ của tệp đầu tiên."))
@click.option("--into", "into", metavar=_("CSDL"),
              help=_("Lưu chỉ tiêu của mọi đơn vị vào cơ sở dữ liệu lịch sử: tệp SQLite (tạo nếu chưa có) "
                     "hoặc địa chỉ postgresql://…; xem bằng `mamnon trend`."))
@click.option("--lists-up-to", "lists_up_to", type=click.IntRange(0, 20), default=LISTS_UP_TO, show_default=True,
              metavar=_("SỐ_CẤP"),
              help=_("Số cấp trên trường được nhận danh sách trẻ cần theo dõi (có họ tên trẻ). Mặc định 1: chỉ "
                     "đơn vị quản lý trực tiếp trường (Phòng GD&ĐT, UBND xã); cấp cao hơn chỉ nhận số liệu."))
@click.option("--deadline", "deadline_text", metavar="dd/mm/yyyy",
              help=_("Hạn nộp: trang «Nộp báo cáo» ghi từng đơn vị nộp đúng hạn, muộn bao nhiêu ngày hay chưa nộp."))
def merge_cmd(inputs: tuple[str, ...], output: str, unit_code: str, unit_name: str, level_name: str,
              expect: str | None, period_text: str | None, into: str | None, lists_up_to: int,
              deadline_text: str | None) -> None:
    import datetime as dt
    from pathlib import Path

    from exporters.report import write_merged
    from exporters.xlsx import check_target
    from importers.merge_inputs import default_workers, read_expected, read_inputs
    from mamnon.merge import Unit, merge

    from cli.progress import shown_progress
    from mamnon.errors import MamnonError

    period = _period_code(period_text)
    deadline = _deadline(deadline_text)
    unit = Unit(unit_code.strip(), unit_name.strip(), level_name.strip())
    from mamnon.history import display_url  # the history URL is shown without its password

    try:
        target = check_target(output)
        expected = read_expected(expect) if expect else None
        # Opened first: a wrong address or a missing driver stops the command before any file is read.
        history = _open_history(into)
    except MamnonError as exc:
        raise UnusableArguments(str(exc)) from None
    nothing_written = _("Đã hủy: chưa ghi tệp gộp nào.")
    try:
        with shown_progress(nothing_written, unit=_("tệp")) as progress:
            # several processes read big inputs side by side (a province's files on a 2-core PC)
            read = read_inputs(inputs, exclude=target, workers=default_workers(), progress=progress)
            progress.stage(0, _("Gộp số liệu"))
            result = merge(read, unit=unit, level_name=unit.level, period=period,
                           expected=expected, lists_up_to=lists_up_to, deadline=deadline)
        _echo_files(result)
        _echo_checks(result)
        if not result.contributors:
            raise UnusableArguments(_("Không có tệp báo cáo nào dùng được: chưa ghi tệp gộp."))
        click.echo(result.summary_shown)
        if result.lists_withheld:
            click.echo(_("Danh sách trẻ cần theo dõi không chuyển lên cấp này (chỉ chuyển số liệu); "
                         "xem --lists-up-to."))
        exported_at = dt.datetime.now().replace(microsecond=0)
        trend = history.trends_with(result) if history is not None else None
        with shown_progress(nothing_written, unit=_("trang")) as progress:
            written = write_merged(target, result, exported_at=exported_at, trend=trend, progress=progress)
        click.echo(_("Đã ghi báo cáo gộp {period} ({schools} trường): {path}").format(
            period=_period_label(result.period), schools=len(result.leaves), path=Path(written).resolve()))
        if history is not None:
            stored = history.store(result, source_file=Path(written).name, exported_at=exported_at.isoformat())
            click.echo(_("Đã lưu chỉ tiêu {period} của {units} đơn vị vào lịch sử: {into}").format(
                period=_period_label(result.period), units=stored, into=display_url(into)))
    finally:
        if history is not None:
            history.close()
    return SOME_REJECTED if any(not status.accepted for status in result.files) else 0


class UnusableArguments(click.ClickException):
    """Exit 2, as click's own usage errors: nothing was merged or written."""

    exit_code = 2


def _open_history(into: str | None):
    if not into:
        return None
    from mamnon.history import open_history

    return open_history(into)


def _period_code(text: str | None) -> str | None:
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period

    if not text:
        return None
    try:
        return parse_period(text).code
    except ValidationError as exc:
        raise click.BadParameter(exc.errors["period"], param_hint="'--period'") from None


def _deadline(text: str | None):
    from mamnon.formats import parse_date

    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--deadline'") from None


def _period_label(code: str) -> str:
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period

    try:
        return parse_period(code).screen_label
    except ValidationError:
        return code or _("không ghi kỳ")


def _echo_files(result) -> None:
    for status in result.files:
        if status.accepted:
            click.echo(_("Nhận:     {source} — {name} (mã {code})").format(
                source=status.source, name=status.unit.name, code=status.unit.code))
        else:
            click.echo(_("Từ chối:  {source} — {reason}").format(source=status.source, reason=status.reason))


def _echo_checks(result) -> None:
    """The checks beyond the rejections already listed with their files."""
    shown = [c for c in result.checks if not c.rejection]
    if shown:
        click.echo(_("Kiểm tra ({count}):").format(count=len(shown)))
    for check in shown:
        who = (_("{name} (mã {code})").format(name=check.unit_name, code=check.unit_code) if check.unit_code
               else check.file)
        click.echo(f"  {_(check.severity)}: {who}: {check.message}")
