"""Meals commands: `mamnon meals day`, `meals print week|day|market`, `meals html`."""

from __future__ import annotations

import click

from cli.group import AppContext, cli, pass_app

STAGE_CHOICE = click.Choice(["nha-tre", "mau-giao"])
PRINT_KINDS = {
    "week": "thực đơn tuần", "day": "sổ tính khẩu phần ăn", "market": "phiếu kê chợ",
    "inspection": "sổ kiểm thực ba bước", "samples": "sổ lưu mẫu thức ăn (cả tháng)",
    "money": "công khai tiền ăn (cả tháng)",
}


def _stage(text: str) -> str:
    return text.replace("-", "_")


def _date(text: str):
    from mamnon.formats import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise click.BadParameter(f"«{text}» không phải ngày (dd/mm/yyyy).", param_hint="'NGÀY'") from None


def _num(value: float, digits: int = 1) -> str:
    """649.95 -> '650,0' (Vietnamese decimal comma)."""
    return f"{value:.{digits}f}".replace(".", ",")


@cli.group("meals")
def meals_group() -> None:
    """Bán trú: khẩu phần ăn của một ngày, in thực đơn tuần, sổ tính khẩu phần, phiếu kê chợ.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals day 18/11/2026 --stage mau-giao
      mamnon --db truong.sqlite meals print week 16/11/2026 --stage nha-tre -o thuc-don.xlsx
      mamnon --db truong.sqlite meals html 16/11/2026 -o thuc-don.html
    """


def day_summary_lines(report) -> list[str]:
    """The lines `meals day` prints for a DayReport (also used by the tests)."""
    from mamnon.formats import format_money
    from mamnon.nutrition import NUTRIENT_LABELS, STATUS_LABELS
    from mamnon.reference import STAGE_LABELS
    from mamnon.services.menus import MEAL_LABELS

    menu, result = report.menu, report.result
    intake, money = result.intake, result.money
    lines = [f"{STAGE_LABELS[menu.stage]}, ngày {menu.date:%d/%m/%Y}: {money.children} trẻ ăn"]
    for code, label in MEAL_LABELS.items():
        dishes = [i.dish_name for i in menu.items if i.meal == code]
        if dishes:
            lines.append(f"  {label}: {', '.join(dishes)}")
    lines.append(f"Một trẻ: {_num(intake.energy_kcal)} kcal; đạm (P) {_num(intake.protein_g)} g, "
                 f"béo (L) {_num(intake.lipid_g)} g, bột (G) {_num(intake.glucid_g)} g")
    lines.append("Định mức: " + (report.norm.name if report.norm is not None else "không có"))
    for check in result.checks:
        unit = " kcal" if check.item == "energy" else " %"
        value = "–" if check.value is None else _num(check.value) + unit
        g = lambda v: f"{v:g}".replace(".", ",")  # noqa: E731
        if check.low is not None and check.high is not None:
            bounds = f"{g(check.low)}–{g(check.high)}{unit}"
        elif check.low is not None:
            bounds = f"≥ {g(check.low)}{unit}"
        elif check.high is not None:
            bounds = f"≤ {g(check.high)}{unit}"
        else:
            bounds = "không có"
        status = STATUS_LABELS[check.status]
        if check.status in ("thieu", "thua"):
            status += f" {_num(check.by) if check.by >= 0.05 else '< 0,1'}{unit}"
            if check.top_foods:
                status += f" (nhiều nhất: {', '.join(check.top_foods)})"
        lines.append(f"  {NUTRIENT_LABELS[check.item]}: {value} (định mức {bounds}) – {status}")
    lines.append(f"Tiền thực phẩm: {format_money(money.total_cost)}; một trẻ {format_money(money.cost_per_child)}"
                 + ("" if money.fee_per_child is None else f", tiền ăn {format_money(money.fee_per_child)}"))
    if money.balance is not None:
        word = "thừa" if money.balance >= 0 else "thiếu"
        lines.append(f"Thu {format_money(money.fee_total)}, chi {format_money(money.total_cost)}: "
                     f"{word} {format_money(abs(money.balance))}")
    if money.missing_prices:
        lines.append("Chưa có giá (không tính): " + ", ".join(money.missing_prices))
    for warning in result.warnings:
        lines.append("Lưu ý: " + warning)
    return lines


@meals_group.command("day")
@click.argument("date", metavar="NGÀY")
@click.option("--stage", type=STAGE_CHOICE, default="mau-giao", show_default=True, help="Nhà trẻ hoặc mẫu giáo.")
@pass_app
def day_cmd(app: AppContext, date: str, stage: str) -> None:
    """Khẩu phần ăn một ngày: năng lượng, đạm/béo/bột và tỉ lệ so với định mức, tiền ăn một trẻ.

    NGÀY dạng dd/mm/yyyy; thực đơn ngày đó phải đã có số trẻ ăn.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals day 18/11/2026 --stage nha-tre
    """
    from mamnon.services.menus import calculate_menu_day

    day = _date(date)
    app.open()
    for line in day_summary_lines(calculate_menu_day(day, _stage(stage))):
        click.echo(line)


@meals_group.command("print")
@click.argument("kind", metavar="LOẠI", type=click.Choice(sorted(PRINT_KINDS)))
@click.argument("date", metavar="NGÀY")
@click.option("--stage", type=STAGE_CHOICE, default="mau-giao", show_default=True, help="Nhà trẻ hoặc mẫu giáo.")
@click.option("-o", "--output", metavar="TỆP.xlsx", required=True, help="Tệp Excel sẽ ghi (đuôi .xlsx).")
@click.option("--opening", "opening", type=int, default=None, metavar="ĐỒNG",
              help="Với money: số dư đầu kỳ của tháng (ghi lại trước khi in).")
@pass_app
def print_cmd(app: AppContext, kind: str, date: str, stage: str, output: str, opening: int | None) -> None:
    """In biểu mẫu bán trú ra tệp Excel A4: week, day, market, inspection, samples, money.

    week: thực đơn tuần; day: sổ tính khẩu phần ăn; market: phiếu kê chợ;
    inspection: sổ kiểm thực ba bước của ngày (điền sẵn từ thực đơn và phiếu kê chợ,
    không đè phần đã xác nhận); samples: sổ lưu mẫu của cả tháng
    chứa NGÀY; money: công khai tiền ăn (thu – chi – dư) của tháng chứa NGÀY.
    Với week, NGÀY là một ngày bất kỳ trong tuần (in từ thứ Hai đến thứ Sáu).
    Tệp cũ cùng tên được thay trọn vẹn (ghi ra tệp tạm rồi đổi tên).

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals print week 16/11/2026 --stage nha-tre -o thuc-don-tuan.xlsx
      mamnon --db truong.sqlite meals print day 18/11/2026 -o khau-phan.xlsx
      mamnon --db truong.sqlite meals print market 18/11/2026 -o ke-cho.xlsx
      mamnon --db truong.sqlite meals print money 01/11/2026 -o tien-an-t11.xlsx
    """
    from pathlib import Path

    import calendar

    from exporters import kitchen_forms, meal_forms
    from exporters.xlsx import check_target

    day = _date(date)
    target = check_target(output)
    app.open()
    if kind == "inspection":
        from mamnon.services.kitchen_logs import prefill_day

        prefill_day(day, _stage(stage))  # idempotent: the cook checks and signs the printed log
    if kind == "money" and opening is not None:
        from mamnon.services.meal_money import set_opening_balance

        set_opening_balance(day.year, day.month, opening)
    month_start = day.replace(day=1)
    month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    write = {
        "week": lambda: meal_forms.write_week_menu(target, day, _stage(stage)),
        "day": lambda: meal_forms.write_day_calculation(target, day, _stage(stage)),
        "market": lambda: meal_forms.write_market_list(target, day, _stage(stage)),
        "inspection": lambda: kitchen_forms.write_inspection_log(target, day, _stage(stage)),
        "samples": lambda: kitchen_forms.write_sample_log(target, month_start, month_end),
        "money": lambda: kitchen_forms.write_month_money(target, day.year, day.month),
    }[kind]
    written = write()
    click.echo(f"Đã ghi {PRINT_KINDS[kind]}: {Path(written).resolve()}")


@meals_group.command("html")
@click.argument("date", metavar="NGÀY")
@click.option("-o", "--output", metavar="TỆP.html", required=True, help="Tệp HTML sẽ ghi (đuôi .html).")
@pass_app
def html_cmd(app: AppContext, date: str, output: str) -> None:
    """Thực đơn tuần của nhà trẻ và mẫu giáo thành một trang HTML (đăng lên trang web của trường).

    Trang tự đủ (không cần tệp nào khác), mã UTF-8. NGÀY là một ngày bất kỳ trong tuần.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals html 16/11/2026 -o thuc-don.html
    """
    from pathlib import Path

    from exporters.menu_html import write_week_menu_html

    day = _date(date)
    app.open()
    written = write_week_menu_html(output, day)
    click.echo(f"Đã ghi trang thực đơn tuần: {Path(written).resolve()}")
