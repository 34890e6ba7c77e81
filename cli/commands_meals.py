"""Meals commands: `mamnon meals day | print | html | plans | apply | close | reopen | market | month |
opening | suggest | kitchen`, thin over the meals services."""

from __future__ import annotations

import click

from cli.group import AppContext, cli, pass_app
from mamnon.i18n import _

STAGE_CHOICE = click.Choice(["nha-tre", "mau-giao"])
PRINT_KINDS = {
    "week": _("thực đơn tuần"), "day": _("sổ tính khẩu phần ăn"), "market": _("phiếu kê chợ"),
    "inspection": _("sổ kiểm thực ba bước"), "samples": _("sổ lưu mẫu thức ăn (cả tháng)"),
    "money": _("công khai tiền ăn (cả tháng)"),
}


def _stage(text: str) -> str:
    return text.replace("-", "_")


def _date(text: str):
    """A dd/mm/yyyy date; a wrong one is refused like a service error (exit 1), before anything is written."""
    from mamnon.formats import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise click.ClickException(_("«{text}» không phải ngày (dd/mm/yyyy).").format(text=text)) from None


def _num(value: float, digits: int = 1) -> str:
    """649.95 -> '650,0' (Vietnamese decimal comma)."""
    return f"{value:.{digits}f}".replace(".", ",")


@cli.group("meals", help=_("""Bán trú: khẩu phần ăn, mẫu thực đơn, chốt sổ, phiếu kê chợ, tiền ăn, sổ kiểm thực, in biểu mẫu.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals day 18/11/2026 --stage mau-giao
      mamnon --db truong.sqlite meals apply "Thực đơn mùa đông" --from 30/11/2026 --to 25/12/2026
      mamnon --db truong.sqlite meals close 18/11/2026 --price 1004=21000
      mamnon --db truong.sqlite meals month 11/2026
      mamnon --db truong.sqlite meals print week 16/11/2026 --stage nha-tre -o thuc-don.xlsx
    """))
def meals_group() -> None:
    pass


def day_summary_lines(report) -> list[str]:
    """The lines `meals day` prints for a DayReport (also used by the tests)."""
    from mamnon.formats import format_money
    from mamnon.nutrition import NUTRIENT_LABELS, STATUS_LABELS
    from mamnon.reference import STAGE_LABELS
    from mamnon.services.menus import MEAL_LABELS

    menu, result = report.menu, report.result
    intake, money = result.intake, result.money
    lines = [_("{stage}, ngày {date}: {children} trẻ ăn").format(
        stage=_(STAGE_LABELS[menu.stage]), date=f"{menu.date:%d/%m/%Y}", children=money.children)]
    for code, label in MEAL_LABELS.items():
        dishes = [i.dish_name for i in menu.items if i.meal == code]
        if dishes:
            lines.append(f"  {_(label)}: {', '.join(dishes)}")
    lines.append(_("Một trẻ: {energy} kcal; đạm (P) {protein} g, béo (L) {lipid} g, bột (G) {glucid} g").format(
        energy=_num(intake.energy_kcal), protein=_num(intake.protein_g), lipid=_num(intake.lipid_g),
        glucid=_num(intake.glucid_g)))
    lines.append(_("Định mức: {norm}").format(norm=report.norm.name if report.norm is not None else _("không có")))
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
            bounds = _("không có")
        status = _(STATUS_LABELS[check.status])
        if check.status in ("thieu", "thua"):
            status += f" {_num(check.by) if check.by >= 0.05 else '< 0,1'}{unit}"
            if check.top_foods:
                status = _("{status} (nhiều nhất: {foods})").format(status=status, foods=", ".join(check.top_foods))
        lines.append("  " + _("{nutrient}: {value} (định mức {bounds}) – {status}").format(
            nutrient=_(NUTRIENT_LABELS[check.item]), value=value, bounds=bounds, status=status))
    cost = dict(total=format_money(money.total_cost), per_child=format_money(money.cost_per_child))
    if money.fee_per_child is None:
        lines.append(_("Tiền thực phẩm: {total}; một trẻ {per_child}").format(**cost))
    else:
        lines.append(_("Tiền thực phẩm: {total}; một trẻ {per_child}, tiền ăn {fee}").format(
            fee=format_money(money.fee_per_child), **cost))
    if money.balance is not None:
        lines.append(_balance_sentence(money.fee_total, money.total_cost, money.balance))
    if money.missing_prices:
        lines.append(_("Chưa có giá (không tính): {foods}").format(foods=", ".join(money.missing_prices)))
    for warning in result.warnings:
        lines.append(_("Lưu ý: {warning}").format(warning=warning))
    return lines


def _balance_sentence(collected: int, spent: int, balance: int) -> str:
    from mamnon.formats import format_money

    amounts = dict(collected=format_money(collected), spent=format_money(spent), balance=format_money(abs(balance)))
    if balance >= 0:
        return _("Thu {collected}, chi {spent}: thừa {balance}").format(**amounts)
    return _("Thu {collected}, chi {spent}: thiếu {balance}").format(**amounts)


@meals_group.command("day", help=_("""Khẩu phần ăn một ngày: năng lượng, đạm/béo/bột và tỉ lệ so với định mức, tiền ăn một trẻ.

    NGÀY dạng dd/mm/yyyy; thực đơn ngày đó phải đã có số trẻ ăn.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals day 18/11/2026 --stage nha-tre
    """))
@click.argument("date", metavar=_("NGÀY"))
@click.option("--stage", type=STAGE_CHOICE, default="mau-giao", show_default=True, help=_("Nhà trẻ hoặc mẫu giáo."))
@pass_app
def day_cmd(app: AppContext, date: str, stage: str) -> None:
    from mamnon.services.menus import calculate_menu_day

    day = _date(date)
    app.open()
    for line in day_summary_lines(calculate_menu_day(day, _stage(stage))):
        click.echo(line)


@meals_group.command("print", help=_("""In biểu mẫu bán trú ra tệp Excel A4: week, day, market, inspection, samples, money.

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
      mamnon --db truong.sqlite meals print market 16/11/2026 --to 20/11/2026 -o ke-cho-tuan.xlsx
      mamnon --db truong.sqlite meals print money 01/11/2026 -o tien-an-t11.xlsx
    """))
@click.argument("kind", metavar=_("LOẠI"), type=click.Choice(sorted(PRINT_KINDS)))
@click.argument("date", metavar=_("NGÀY"))
@click.option("--stage", type=STAGE_CHOICE, default="mau-giao", show_default=True, help=_("Nhà trẻ hoặc mẫu giáo."))
@click.option("-o", "--output", metavar=_("TỆP.xlsx"), required=True, help=_("Tệp Excel sẽ ghi (đuôi .xlsx)."))
@click.option("--opening", "opening", type=int, default=None, metavar=_("ĐỒNG"),
              help=_("Với money: số dư đầu kỳ của tháng (ghi lại trước khi in)."))
@click.option("--to", "to_date", default=None, metavar=_("NGÀY"),
              help=_("Với market: in phiếu kê chợ gộp từ NGÀY đến ngày này (cả hai cấp học nếu không ghi --stage)."))
@pass_app
def print_cmd(app: AppContext, kind: str, date: str, stage: str, output: str, opening: int | None,
              to_date: str | None) -> None:
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
    last = _date(to_date) if to_date else None
    # A range is usually bought for the whole kitchen: both stages unless --stage was typed.
    stage_typed = click.get_current_context().get_parameter_source("stage") != click.core.ParameterSource.DEFAULT
    market_stage = _stage(stage) if last is None or stage_typed else None
    month_start = day.replace(day=1)
    month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    write = {
        "week": lambda: meal_forms.write_week_menu(target, day, _stage(stage)),
        "day": lambda: meal_forms.write_day_calculation(target, day, _stage(stage)),
        "market": lambda: meal_forms.write_market_list(target, day, market_stage, last),
        "inspection": lambda: kitchen_forms.write_inspection_log(target, day, _stage(stage)),
        "samples": lambda: kitchen_forms.write_sample_log(target, month_start, month_end),
        "money": lambda: kitchen_forms.write_month_money(target, day.year, day.month),
    }[kind]
    written = write()
    click.echo(_("Đã ghi {what}: {path}").format(what=PRINT_KINDS[kind], path=Path(written).resolve()))


@meals_group.command("html", help=_("""Thực đơn tuần của nhà trẻ và mẫu giáo thành một trang HTML (đăng lên trang web của trường).

    Trang tự đủ (không cần tệp nào khác), mã UTF-8. NGÀY là một ngày bất kỳ trong tuần.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals html 16/11/2026 -o thuc-don.html
    """))
@click.argument("date", metavar=_("NGÀY"))
@click.option("-o", "--output", metavar=_("TỆP.html"), required=True, help=_("Tệp HTML sẽ ghi (đuôi .html)."))
@pass_app
def html_cmd(app: AppContext, date: str, output: str) -> None:
    from pathlib import Path

    from exporters.menu_html import write_week_menu_html

    day = _date(date)
    app.open()
    written = write_week_menu_html(output, day)
    click.echo(_("Đã ghi trang thực đơn tuần: {path}").format(path=Path(written).resolve()))


# --- shared parsing and layout --------------------------------------------------------------


def _stage_word(stage: str) -> str:
    from mamnon.reference import STAGE_LABELS

    return _(STAGE_LABELS[stage]).lower()


def _dong(text: str, what: str) -> int:
    """Whole đồng as staff write them: 1500000, 1.500.000, 1.500.000 đ, -250.000."""
    cleaned = text.strip().removesuffix("đ").strip().replace(".", "").replace(" ", "")  # i18n-skip: the currency sign staff type
    digits = cleaned.removeprefix("-")
    if not digits.isdigit():
        raise click.ClickException(_("«{text}» không phải {what} (số nguyên đồng, ví dụ 1.500.000).").format(
            text=text, what=what))
    return int(cleaned)


def _month(text: str) -> tuple[int, int]:
    """(year, month) from mm/yyyy."""
    parts = text.strip().split("/")
    if len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[0]) <= 12 and len(parts[1]) == 4:
        return int(parts[1]), int(parts[0])
    raise click.ClickException(_("«{text}» không phải tháng (mm/yyyy, ví dụ 11/2026).").format(text=text))


def _span(first, last) -> str:
    """'ngày 18/11/2026', or 'từ 16/11/2026 đến 20/11/2026' for several days."""
    if first == last:
        return _("ngày {date}").format(date=f"{first:%d/%m/%Y}")
    return _("từ {first} đến {last}").format(first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}")


def _kg(value: float) -> str:
    return _num(value, 3)


def _table(rows: list[tuple[str, ...]], headers: tuple[str, ...], right: set[int]) -> list[str]:
    """format_table with the figure columns right-aligned, so digits line up."""
    from cli.commands_children import format_table

    widths = {i: max([len(headers[i])] + [len(r[i]) for r in rows]) for i in right}
    padded = [tuple(c.rjust(widths[i]) if i in right else c for i, c in enumerate(r)) for r in rows]
    return format_table(padded, headers)


def _echo_lines(lines) -> None:
    for line in lines:
        click.echo(line)


# --- plans ----------------------------------------------------------------------------------


@meals_group.command("plans", help=_("""Danh sách mẫu thực đơn (thực đơn xoay vòng 1–4 tuần): số, tên, số tuần, các ngày có món.

    Số hoặc tên của mẫu dùng cho `mamnon meals apply`.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals plans
    """))
@click.option("--all", "include_inactive", is_flag=True, help=_("Gồm cả mẫu thực đơn đã ngừng dùng."))
@pass_app
def plans_cmd(app: AppContext, include_inactive: bool) -> None:
    from mamnon.services.menu_plans import WEEKDAY_LABELS, list_plans

    app.open()
    plans = list_plans(include_inactive=include_inactive)
    if not plans:
        click.echo(_("Chưa có mẫu thực đơn nào."))
        return
    rows = []
    for p in plans:
        last = WEEKDAY_LABELS[5 if p.saturday else 4]
        days = len({(i.week, i.weekday) for i in p.items})
        name = p.name if p.active else _("{name} (ngừng dùng)").format(name=p.name)
        rows.append((str(p.id), name, str(p.weeks), f"{WEEKDAY_LABELS[0]} – {last}", str(days)))
    headers = (_("Số"), _("Tên mẫu"), _("Số tuần"), _("Trong tuần"), _("Ngày có món"))
    _echo_lines(_table(rows, headers, {0, 2, 4}))
    click.echo(_("{count} mẫu thực đơn").format(count=len(rows)))


def _find_plan(ref: str):
    """A plan by its number or its exact name (the number wins when both could match)."""
    from mamnon.services.menu_plans import list_plans

    plans = list_plans(include_inactive=True)
    ref = ref.strip()
    for p in plans:
        if ref.isdigit() and p.id == int(ref):
            return p
    for p in plans:
        if p.name == ref:
            return p
    known = ", ".join(f"{p.id} «{p.name}»" for p in plans) or _("chưa có mẫu nào")
    raise click.ClickException(_("Không có mẫu thực đơn «{ref}». Các mẫu: {known}.").format(ref=ref, known=known))


def _dish_ids(plan, names: tuple[str, ...]) -> set[int]:
    """Ids of the plan's dishes named in --ignore (case and diacritics ignored)."""
    from mamnon.vntext import fold

    by_name = {fold(i.dish_name): i.dish_id for i in plan.items}
    unknown = [n for n in names if fold(n) not in by_name]
    if unknown:
        raise click.ClickException(_("Mẫu «{plan}» không có món: {dishes}.").format(plan=plan.name,
                                                                                  dishes=", ".join(unknown)))
    return {by_name[fold(n)] for n in names}


def apply_summary_lines(result, warnings) -> list[str]:
    """What `meals apply` prints for an ApplyResult and the plan's repeat warnings."""
    weekend = "Nghỉ cuối tuần."  # i18n-skip: the reason menu_plans.apply_plan gives, compared
    weekends = [s for s in result.skipped if s[2] == weekend]
    others = [s for s in result.skipped if s[2] != weekend]
    counts = dict(created=len(result.created), replaced=len(result.replaced), skipped=len(others))
    if weekends:
        lines = [_("Đã tạo {created} thực đơn ngày, thay {replaced}, bỏ qua {skipped} "
                   "(không kể {weekends} ngày cuối tuần).").format(weekends=len(weekends), **counts)]
    else:
        lines = [_("Đã tạo {created} thực đơn ngày, thay {replaced}, bỏ qua {skipped}.").format(**counts)]
    for day, stage, reason in others:
        date = f"{day:%d/%m/%Y}"
        if stage:
            lines.append("  " + _("Bỏ qua {date} ({stage}): {reason}").format(date=date, stage=_stage_word(stage),
                                                                             reason=reason))
        else:
            lines.append("  " + _("Bỏ qua {date}: {reason}").format(date=date, reason=reason))
    if result.created:
        lines.append(_("Thực đơn mới chưa có số trẻ ăn: nhập số trẻ ăn trước khi tính khẩu phần hay chốt sổ."))
    if warnings:
        lines.append(_("Món lặp lại gần nhau trong mẫu:"))
        lines += [f"  {w.message}" for w in warnings]
    return lines


@meals_group.command("apply", help=_("""Lập thực đơn ngày từ một mẫu thực đơn cho các ngày từ --from đến --to.

    MẪU là số hoặc tên đúng của mẫu (xem `mamnon meals plans`). Tuần của mẫu
    tính từ tuần chứa ngày đầu; bỏ qua Chủ nhật, Thứ Bảy (nếu mẫu không có),
    các ngày --off và ngày đã có thực đơn (trừ khi có --replace). Sau đó in các
    món lặp lại trong vòng 2 tuần của mẫu (chỉ cảnh báo).

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals apply 1 --from 30/11/2026 --to 25/12/2026 --off 22/12/2026
      mamnon --db truong.sqlite meals apply "Thực đơn mùa đông" --from 30/11/2026 --to 04/12/2026 --replace --ignore "Cơm tẻ"
    """))
@click.argument("plan_ref", metavar=_("MẪU"))
@click.option("--from", "start", metavar=_("NGÀY"), required=True, help=_("Ngày đầu (dd/mm/yyyy), là tuần 1 của mẫu."))
@click.option("--to", "end", metavar=_("NGÀY"), required=True, help=_("Ngày cuối (dd/mm/yyyy), tối đa một năm sau ngày đầu."))
@click.option("--off", "days_off", metavar=_("NGÀY"), multiple=True, help=_("Ngày nghỉ, không lập thực đơn (lặp lại được)."))
@click.option("--replace", is_flag=True,
              help=_("Thay món của thực đơn đã có (giữ số trẻ ăn, tiền ăn, ghi chú); ngày đã chốt sổ không đổi."))
@click.option("--stage", type=STAGE_CHOICE, default=None, help=_("Chỉ nhà trẻ hoặc chỉ mẫu giáo (mặc định: cả hai)."))
@click.option("--ignore", "ignored", metavar=_("MÓN"), multiple=True,
              help=_("Món được phép lặp lại (cơm, sữa…), không cảnh báo (lặp lại được)."))
@pass_app
def apply_cmd(app: AppContext, plan_ref: str, start: str, end: str, days_off: tuple[str, ...], replace: bool,
              stage: str | None, ignored: tuple[str, ...]) -> None:
    from mamnon.services.menu_plans import apply_plan, plan_repeat_warnings

    first, last = _date(start), _date(end)
    off = {_date(d) for d in days_off}
    app.open()
    plan = _find_plan(plan_ref)
    ignore = _dish_ids(plan, ignored)
    extra = {"stages": (_stage(stage),)} if stage else {}
    result = apply_plan(plan.id, first, last, off, replace=replace, **extra)
    warnings = [w for w in plan_repeat_warnings(plan.id, ignore=ignore) if not stage or w.stage == _stage(stage)]
    click.echo(_("Mẫu «{plan}» ({weeks} tuần), từ {first} đến {last}:").format(
        plan=plan.name, weeks=plan.weeks, first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}"))
    _echo_lines(apply_summary_lines(result, warnings))


# --- closing a day ----------------------------------------------------------------------------


def _actual_prices(prices: tuple[str, ...]) -> dict[int, int]:
    """{food id: đồng per kg} from MÃ=ĐỒNG; the service refuses prices ≤ 0 and foods not on the day."""
    from mamnon.services.foods import get_food_by_code

    out = {}
    for item in prices:
        code, sep, amount = item.partition("=")
        if not sep or not code.strip():
            raise click.ClickException(_("«{item}»: giá viết dạng MÃ_THỰC_PHẨM=ĐỒNG, ví dụ 1004=21000.").format(
                item=item))
        out[get_food_by_code(code.strip()).id] = _dong(amount, _("giá của thực phẩm {code}").format(
            code=code.strip()))
    return out


def day_money_lines(account) -> list[str]:
    """A day's money as `meals close` prints it (from the closed snapshot)."""
    from mamnon.formats import format_money

    money = account.money
    lines = [_("{children} trẻ ăn; tiền chợ {total}, một trẻ {per_child}").format(
        children=money.children, total=format_money(money.total_cost), per_child=format_money(money.cost_per_child))]
    if money.balance is not None:
        amounts = dict(collected=format_money(money.fee_total), fee=format_money(money.fee_per_child),
                       spent=format_money(money.total_cost), balance=format_money(abs(money.balance)))
        if money.balance >= 0:
            lines.append(_("Thu {collected} ({fee} một trẻ), chi {spent}: thừa {balance}").format(**amounts))
        else:
            lines.append(_("Thu {collected} ({fee} một trẻ), chi {spent}: thiếu {balance}").format(**amounts))
    else:
        lines.append(_("Chưa có tiền ăn một trẻ: chưa tính được thu – chi."))
    lines += [_("Lưu ý: {warning}").format(warning=w) for w in account.warnings]
    return lines


@meals_group.command("close", help=_("""Chốt sổ một ngày: lưu số trẻ ăn, tiền ăn, định lượng và giá, rồi in tiền ăn của ngày.

    Sau khi chốt, sửa món ăn hay giá thực phẩm không làm đổi số liệu ngày đó
    (mở lại bằng `mamnon meals reopen`). Mã thực phẩm xem trong phiếu kê chợ
    hoặc danh mục thực phẩm; giá không ghi thì lấy giá trong danh mục.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals close 18/11/2026 --stage nha-tre
      mamnon --db truong.sqlite meals close 18/11/2026 --price 1004=21000 --price 7003=255.000
    """))
@click.argument("date", metavar=_("NGÀY"))
@click.option("--stage", type=STAGE_CHOICE, default="mau-giao", show_default=True, help=_("Nhà trẻ hoặc mẫu giáo."))
@click.option("--price", "prices", metavar=_("MÃ=ĐỒNG"), multiple=True,
              help=_("Giá thực tế đi chợ (đồng/kg) của thực phẩm có mã này, chỉ cho ngày này (lặp lại được)."))
@pass_app
def close_cmd(app: AppContext, date: str, stage: str, prices: tuple[str, ...]) -> None:
    from mamnon.formats import format_money
    from mamnon.services.meal_money import close_day

    day = _date(date)
    app.open()
    actual = _actual_prices(prices)
    account = close_day(day, _stage(stage), actual_prices=actual)
    click.echo(_("Đã chốt sổ ngày {date} ({stage}).").format(date=f"{day:%d/%m/%Y}",
                                                             stage=_stage_word(account.stage)))
    for line in account.lines:
        if line.food_id in actual:
            click.echo("  " + _("Giá thực tế {food}: {price}/kg × {kg} kg = {amount}").format(
                food=line.name, price=format_money(line.price_per_kg), kg=_kg(line.gross_kg),
                amount=format_money(line.amount)))
    _echo_lines(day_money_lines(account))


@meals_group.command("reopen", help=_("""Mở lại sổ một ngày đã chốt: số liệu lại tính theo định lượng và giá hiện tại.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals reopen 18/11/2026 --stage nha-tre
    """))
@click.argument("date", metavar=_("NGÀY"))
@click.option("--stage", type=STAGE_CHOICE, default="mau-giao", show_default=True, help=_("Nhà trẻ hoặc mẫu giáo."))
@pass_app
def reopen_cmd(app: AppContext, date: str, stage: str) -> None:
    from mamnon.services.meal_money import reopen_day

    day = _date(date)
    app.open()
    reopen_day(day, _stage(stage))
    click.echo(_("Đã mở lại sổ ngày {date} ({stage}): số liệu tính theo định lượng và giá hiện tại cho đến khi "
                 "chốt lại.").format(date=f"{day:%d/%m/%Y}", stage=_stage_word(_stage(stage))))


# --- market list ------------------------------------------------------------------------------


MARKET_HEADERS = (_("Thực phẩm"), _("Số kg"), _("Đơn giá/kg"), _("Thành tiền"), _("Nhà cung cấp"))


def market_lines(market) -> list[str]:
    """The market list as an aligned table, its total and which figures are final."""
    from mamnon.formats import format_money
    from mamnon.services.meal_money import CLOSED

    rows = []
    for ln in market.lines:
        if ln.price_per_kg is not None:
            price = format_money(ln.price_per_kg)
        else:
            price = _("chưa có giá") if ln.unpriced_kg >= ln.gross_kg else _("nhiều giá")
        rows.append((ln.name, _kg(ln.gross_kg), price, format_money(ln.amount), ln.supplier))
    lines = _table(rows, MARKET_HEADERS, {1, 2, 3})
    lines.append(_("Tổng cộng: {total}").format(total=format_money(market.total)))
    closed = sum(1 for _day, _stage_code, source in market.days if source == CLOSED)
    lines.append(_("{days} thực đơn ngày, {closed} đã chốt sổ.").format(days=len(market.days), closed=closed))
    if not market.all_closed:
        lines.append(_("Ngày chưa chốt tính theo định lượng và giá hiện tại."))
    unpriced = [ln for ln in market.lines if ln.unpriced_kg]
    if unpriced:
        lines.append(_("Chưa có giá (không tính vào tiền): {foods}").format(
            foods=", ".join(f"{ln.name} {_kg(ln.unpriced_kg)} kg" for ln in unpriced)))
    # Missing nutrient figures do not change what is bought, and missing prices are listed above.
    left_out = ("Thiếu số liệu", "Chưa có giá")  # i18n-skip: beginnings of the services' warnings, compared
    lines += [_("Lưu ý: {warning}").format(warning=w) for w in market.warnings
              if not any(text in w for text in left_out)]
    return lines


@meals_group.command("market", help=_("""Phiếu kê chợ của một ngày hoặc nhiều ngày (TỪ … ĐẾN): mỗi thực phẩm số kg, đơn giá, thành tiền.

    Số kg là khối lượng mua (cả phần thải bỏ), cộng các ngày; ngày đã chốt sổ
    lấy số liệu đã chốt. Đơn giá để trống khi giá các ngày khác nhau.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals market 18/11/2026
      mamnon --db truong.sqlite meals market 16/11/2026 20/11/2026 --stage mau-giao
    """))
@click.argument("start", metavar=_("TỪ"))
@click.argument("end", metavar=_("ĐẾN"), required=False)
@click.option("--stage", type=STAGE_CHOICE, default=None, help=_("Chỉ nhà trẻ hoặc chỉ mẫu giáo (mặc định: cả hai)."))
@pass_app
def market_cmd(app: AppContext, start: str, end: str | None, stage: str | None) -> None:
    from mamnon.services.meal_money import market_list

    first = _date(start)
    last = _date(end) if end else first
    app.open()
    market = market_list(first, last, _stage(stage) if stage else None)
    who = f" – {_stage_word(_stage(stage))}" if stage else ""
    click.echo(_("Phiếu kê chợ {span}").format(span=_span(first, last)) + who)
    if not market.days:
        click.echo(_("Không có thực đơn ngày nào trong khoảng này."))
        return
    _echo_lines(market_lines(market))


# --- money ------------------------------------------------------------------------------------


MONTH_HEADERS = (_("Ngày"), _("Khối"), _("Số trẻ"), _("Thu"), _("Chi"), _("Thừa/thiếu"), _("Chốt sổ"))


def month_lines(summary) -> list[str]:
    """A month's meal money: one row per day and stage, the totals and the balances carried."""
    from mamnon.formats import format_money
    from mamnon.reference import STAGE_LABELS
    from mamnon.services.meal_money import CLOSED

    rows = [(f"{r.date:%d/%m/%Y}", _(STAGE_LABELS[r.stage]), str(r.children), format_money(r.collected),
             format_money(r.spent), format_money(r.balance), _("rồi") if r.source == CLOSED else _("chưa"))
            for r in summary.days]
    rows.append((_("Cộng"), "", "", format_money(summary.collected), format_money(summary.spent),
                 format_money(summary.surplus), ""))
    lines = [_("Tiền ăn tháng {month}").format(month=f"{summary.month}/{summary.year}"),
             _("Số dư đầu tháng: {amount}").format(amount=format_money(summary.opening))]
    lines += _table(rows, MONTH_HEADERS, {2, 3, 4, 5})
    amounts = dict(collected=format_money(summary.collected), spent=format_money(summary.spent),
                   balance=format_money(abs(summary.surplus)))
    if summary.surplus >= 0:
        lines.append(_("Trong tháng: thu {collected}, chi {spent}, thừa {balance}").format(**amounts))
    else:
        lines.append(_("Trong tháng: thu {collected}, chi {spent}, thiếu {balance}").format(**amounts))
    lines.append(_("Số dư cuối tháng (chuyển sang tháng sau): {amount}").format(amount=format_money(summary.closing)))
    open_days = sum(1 for r in summary.days if r.source != CLOSED)
    if open_days:
        lines.append(_("{days} ngày chưa chốt sổ: tính theo định lượng và giá hiện tại.").format(days=open_days))
    return lines


@meals_group.command("month", help=_("""Tiền ăn một tháng: mỗi ngày thu, chi, thừa/thiếu, đã chốt sổ chưa; cộng tháng và số dư chuyển tiếp.

    THÁNG dạng mm/yyyy. Cần số dư đầu kỳ (`mamnon meals opening`); số dư đầu
    tháng là số dư cuối tháng trước, tính từ tháng có số dư đầu kỳ.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals month 11/2026
    """))
@click.argument("month", metavar=_("THÁNG"))
@pass_app
def month_cmd(app: AppContext, month: str) -> None:
    from mamnon.services.meal_money import month_summary

    year, mon = _month(month)
    app.open()
    _echo_lines(month_lines(month_summary(year, mon)))


@meals_group.command("opening", context_settings={"ignore_unknown_options": True}, help=_("""Ghi số dư đầu kỳ của tiền ăn: số tiền còn lại đầu tháng bắt đầu sổ (âm nếu đang thiếu).

    THÁNG dạng mm/yyyy; sổ tiền ăn tính từ tháng này trở đi. Ghi lại thì thay số cũ.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals opening 09/2026 1.500.000
      mamnon --db truong.sqlite meals opening 09/2026 -250000
    """))
@click.argument("month", metavar=_("THÁNG"))
@click.argument("amount", metavar=_("ĐỒNG"))
@pass_app
def opening_cmd(app: AppContext, month: str, amount: str) -> None:
    from mamnon.formats import format_money
    from mamnon.services.meal_money import set_opening_balance

    year, mon = _month(month)
    value = _dong(amount, _("số dư đầu kỳ"))
    app.open()
    set_opening_balance(year, mon, value)
    click.echo(_("Đã ghi số dư đầu kỳ tháng {month}: {amount}.").format(month=f"{mon}/{year}",
                                                                        amount=format_money(value)))


# --- portion suggestion -----------------------------------------------------------------------


def suggestion_lines(suggestion) -> list[str]:
    """current → suggested grams per child of the foods that change, or that nothing needs to."""
    from mamnon.formats import format_money

    moved = [c for c in suggestion.changes if abs(c.after - c.before) >= 0.05]
    if suggestion.feasible and not moved:
        return [_("Thực đơn đã đạt định mức và trong tiền ăn: không cần đổi định lượng.")]
    lines = [_("Định lượng đề nghị (g ăn được một trẻ):") if suggestion.feasible else
             _("Không tìm được định lượng đạt cả định mức và tiền ăn (trong 50–150 % định lượng hiện tại). "
               "Gần nhất:")]
    rows = [(c.name, _num(c.before), _num(c.after), ("+" if c.after > c.before else "") + _num(c.after - c.before))
            for c in moved]
    lines += _table(rows, (_("Thực phẩm"), _("Hiện tại"), _("Đề nghị"), _("Chênh")), {1, 2, 3})
    intake = suggestion.intake
    lines.append(_("Sau khi đổi, một trẻ: {energy} kcal; đạm {protein} g, béo {lipid} g, bột {glucid} g").format(
        energy=_num(intake.energy_kcal), protein=_num(intake.protein_g), lipid=_num(intake.lipid_g),
        glucid=_num(intake.glucid_g)))
    cost = format_money(suggestion.cost_per_child)
    if suggestion.cost_ceiling is None:
        lines.append(_("Tiền chợ một trẻ: {cost}").format(cost=cost))
    else:
        lines.append(_("Tiền chợ một trẻ: {cost} (tiền ăn {fee})").format(
            cost=cost, fee=format_money(suggestion.cost_ceiling)))
    lines += [_("Chưa đạt: {miss}").format(miss=m) for m in suggestion.misses]
    if suggestion.unpriced:
        lines.append(_("Chưa có giá (không tính tiền): {foods}").format(foods=", ".join(suggestion.unpriced)))
    return lines


@meals_group.command("suggest", help=_("""Đề nghị định lượng mới cho thực đơn một ngày để đạt định mức mà không vượt tiền ăn một trẻ.

    Chỉ in đề nghị, không sửa món ăn. Mỗi thực phẩm giữ trong khoảng 50–150 %
    định lượng hiện tại.

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals suggest 18/11/2026 --stage nha-tre
    """))
@click.argument("date", metavar=_("NGÀY"))
@click.option("--stage", type=STAGE_CHOICE, default="mau-giao", show_default=True, help=_("Nhà trẻ hoặc mẫu giáo."))
@pass_app
def suggest_cmd(app: AppContext, date: str, stage: str) -> None:
    from mamnon.services.meal_money import suggest_for_day

    day = _date(date)
    app.open()
    suggestion = suggest_for_day(day, _stage(stage))
    click.echo(_("Ngày {date} ({stage})").format(date=f"{day:%d/%m/%Y}", stage=_stage_word(_stage(stage))))
    _echo_lines(suggestion_lines(suggestion))


# --- kitchen logs -----------------------------------------------------------------------------


def _menu_stages(day) -> list[str]:
    from mamnon.services.menus import list_menu_days

    return [m.stage for m in list_menu_days(day, day)]


@meals_group.command("kitchen", help=_("""Sổ kiểm thực ba bước và lưu mẫu: các ngày chưa xong, hoặc điền sẵn sổ một ngày.

    Với --from/--to: in mỗi ngày có thực đơn mà sổ chưa lập, chưa kiểm đủ các
    bước, thiếu mẫu, chưa ký, hay mẫu quá 24 giờ chưa ghi hủy. Với --prefill:
    lập hoặc cập nhật sổ của ngày đó (cả hai khối nếu không có --stage).

    \b
    Ví dụ:
      mamnon --db truong.sqlite meals kitchen --from 01/11/2026 --to 30/11/2026
      mamnon --db truong.sqlite meals kitchen --prefill 18/11/2026 --stage nha-tre
    """))
@click.option("--from", "start", metavar=_("NGÀY"), help=_("Ngày đầu (dd/mm/yyyy) của các ngày cần xem."))
@click.option("--to", "end", metavar=_("NGÀY"), help=_("Ngày cuối (dd/mm/yyyy); mặc định bằng --from."))
@click.option("--prefill", "prefill", metavar=_("NGÀY"),
              help=_("Điền sẵn sổ kiểm thực ngày này từ thực đơn và phiếu kê chợ (không đè phần đã xác nhận)."))
@click.option("--stage", type=STAGE_CHOICE, default=None, help=_("Chỉ nhà trẻ hoặc chỉ mẫu giáo (mặc định: cả hai)."))
@pass_app
def kitchen_cmd(app: AppContext, start: str | None, end: str | None, prefill: str | None,
                stage: str | None) -> None:
    if start is None and prefill is None:
        raise click.UsageError(_("Cần --from NGÀY (và --to NGÀY) để xem các ngày chưa xong, hoặc --prefill NGÀY."))
    first = _date(start) if start else None
    last = _date(end) if end else first
    day = _date(prefill) if prefill else None
    app.open()
    if day is not None:
        _prefill(day, [_stage(stage)] if stage else _menu_stages(day))
    if first is not None:
        _echo_lines(incomplete_lines(first, last, _stage(stage) if stage else None))


def _prefill(day, stages: list[str]) -> None:
    from mamnon.services.kitchen_logs import prefill_day

    if not stages:
        raise click.ClickException(_("Ngày {date} chưa có thực đơn: lập thực đơn trước khi điền sổ kiểm thực.").format(
            date=f"{day:%d/%m/%Y}"))
    for stage in stages:
        log = prefill_day(day, stage)
        which = dict(date=f"{day:%d/%m/%Y}", stage=_stage_word(stage))
        if log.signed_at is not None:
            click.echo(_("Sổ kiểm thực ngày {date} ({stage}) đã ký ({signed_by}): không thay đổi.").format(
                signed_by=log.signed_by_name, **which))
            continue
        click.echo(_("Sổ kiểm thực ngày {date} ({stage}): {foods} thực phẩm (bước 1), {dishes} món (bước 2–3), "
                     "{samples} mẫu lưu.").format(foods=len(log.receipts), dishes=len(log.dishes),
                                                  samples=len(log.samples), **which))
        click.echo("  " + _("Giờ và khối lượng là giá trị điền sẵn: người kiểm thực sửa lại, xác nhận rồi ký sổ."))


def incomplete_lines(first, last, stage: str | None) -> list[str]:
    """Each date and stage whose kitchen log is not finished, with its reasons."""
    from mamnon.services.kitchen_logs import incomplete_days

    days = [d for d in incomplete_days(first, last) if stage is None or d.stage == stage]
    span = _span(first, last)
    if not days:
        return [_("Sổ kiểm thực {span}: không còn ngày nào chưa xong.").format(span=span)]
    lines = [_("Sổ kiểm thực {span}: {days} ngày chưa xong").format(span=span, days=len(days))]
    for d in days:
        lines.append(f"{d.date:%d/%m/%Y} ({_stage_word(d.stage)}):")
        lines += [f"  {reason}" for reason in d.reasons]
    return lines
