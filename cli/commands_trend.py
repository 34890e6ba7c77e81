"""`mamnon trend`: one indicator of one unit over the periods kept by `mamnon merge --into`.

Reads only the history database (never the school database of `--db`).
"""

from __future__ import annotations

import json

import click

from cli.group import cli
from mamnon.i18n import _


@cli.command("trend", help=_("""Xem một chỉ tiêu của một đơn vị qua các kỳ đã gộp.

    MÃ_CHỈ_TIÊU là mã trong danh mục chỉ tiêu của báo cáo (TRE, CC_TL,
    DD_NHE_CAN_TL…, xem trang «Chỉ tiêu» của tệp báo cáo). Tỷ lệ được tính
    lại từ tử số và mẫu số đã lưu của từng kỳ. Không có --unit: đơn vị gộp
    (khi cơ sở dữ liệu chỉ có một đơn vị gộp).

    \b
    Ví dụ:
      mamnon trend DD_THAP_COI_TL --db-url lich-su.sqlite
      mamnon trend TRE --unit MN-01 --db-url lich-su.sqlite --json
    """))
@click.argument("code", metavar=_("MÃ_CHỈ_TIÊU"))
@click.option("--unit", "unit_code", metavar=_("MÃ"), help=_("Mã đơn vị (trường, Phòng…); mặc định là đơn vị gộp."))
@click.option("--db-url", required=True, metavar=_("CSDL"),
              help=_("Cơ sở dữ liệu lịch sử đã ghi bằng `mamnon merge --into`: tệp SQLite hoặc postgresql://…"))
@click.option("--json", "as_json", is_flag=True, help=_("In dạng JSON (cho chương trình khác đọc)."))
def trend_cmd(code: str, unit_code: str | None, db_url: str, as_json: bool) -> None:
    from mamnon import indicators
    from mamnon.history import open_history

    ind = indicators.BY_CODE.get(code.strip().upper())
    if ind is None:
        raise click.ClickException(_("Không có chỉ tiêu mã «{code}»: xem các mã ở trang «Chỉ tiêu» của tệp báo cáo.").format(
            code=code))
    with open_history(db_url, create=False) as history:
        series = history.trend(ind.code, unit_code)
        unit = _unit(history, unit_code or history.default_unit())
    if as_json:
        click.echo(json.dumps({"code": ind.code, "label": ind.label, "unit_of_measure": ind.unit,
                               "unit": {"code": unit.code, "name": unit.name, "level": unit.level},
                               "values": [{"period": p, "value": v} for p, v in series]},
                              ensure_ascii=False, indent=2))
        return
    _echo_table(ind, unit, series)


def _unit(history, code: str):
    return history.unit(code)


def _echo_table(ind, unit, series) -> None:
    from mamnon.history import format_value

    click.echo(_("Chỉ tiêu {code}: {label} ({unit})").format(code=ind.code, label=ind.shown_label, unit=ind.shown_unit))
    click.echo(_("Đơn vị: {name} (mã {code})").format(name=unit.name, code=unit.code))
    labels = [_period_label(p) for p, _value in series]
    width = max(len(text) for text in labels)
    for text, (_period, value) in zip(labels, series, strict=True):
        click.echo(f"  {text:<{width}}  {format_value(ind.code, value):>14}")


def _period_label(code: str) -> str:
    from mamnon.errors import ValidationError
    from mamnon.workbooks.periods import parse_period

    try:
        return parse_period(code).screen_label
    except ValidationError:
        return code
