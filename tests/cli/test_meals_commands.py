"""`mamnon meals …` on a demo school: the output is the services' numbers, errors change nothing."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import openpyxl
import pytest

from cli.commands_meals import day_summary_lines
from mamnon.formats import format_money
from mamnon.services import demo, kitchen_logs, meal_money, menu_plans, menus, session
from tests.cli.conftest import build_demo_file, copy_of, digest

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory, TODAY)


@pytest.fixture
def db_path(demo_file, tmp_path):
    return copy_of(demo_file, tmp_path)


def report_of(db_path, day, stage):
    session.open_path(db_path)
    try:
        return menus.calculate_menu_day(day, stage)
    finally:
        session.close()


@pytest.mark.parametrize("stage", ["nha-tre", "mau-giao"])
def test_day_prints_the_calculation(run, db_path, stage):
    report = report_of(db_path, dt.date(2026, 11, 18), stage.replace("-", "_"))
    result = run("meals", "day", "18/11/2026", "--stage", stage)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == day_summary_lines(report)
    r = report.result
    assert f"{r.intake.energy_kcal:.1f}".replace(".", ",") + " kcal" in result.output
    assert f"{r.money.children} trẻ ăn" in result.output
    assert format_money(r.money.total_cost) in result.output
    assert format_money(r.money.cost_per_child) in result.output
    assert format_money(r.money.fee_per_child) in result.output
    for check in r.checks:
        assert f"{check.value:.1f}".replace(".", ",") in result.output
    for item in report.menu.items:
        assert item.dish_name in result.output


def test_day_without_menu_is_a_clear_error(run):
    result = run("meals", "day", "22/11/2026")
    assert result.exit_code != 0 and "Chưa có thực đơn" in result.output
    result = run("meals", "day", "32/11/2026")
    assert result.exit_code != 0 and "dd/mm/yyyy" in result.output


@pytest.mark.parametrize("kind,title", [("week", "THỰC ĐƠN TUẦN – NHÀ TRẺ"), ("day", "SỔ TÍNH KHẨU PHẦN ĂN"),
                                        ("market", "PHIẾU KÊ CHỢ")])
def test_print_writes_the_form(run, db_path, tmp_path, kind, title):
    out = tmp_path / f"{kind}.xlsx"
    result = run("meals", "print", kind, "18/11/2026", "--stage", "nha-tre", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert str(out.resolve()) in result.output
    values = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert title in values
    if kind != "week":
        total = report_of(db_path, dt.date(2026, 11, 18), "nha_tre").result.money.total_cost
        assert total in values


@pytest.mark.parametrize("stage_args, stages", [((), ("nha_tre", "mau_giao")), (("--stage", "nha-tre"), ("nha_tre",))])
def test_print_market_over_a_week(run, db_path, tmp_path, stage_args, stages):
    out = tmp_path / "ke-cho-tuan.xlsx"
    result = run("meals", "print", "market", "16/11/2026", "--to", "20/11/2026", *stage_args, "-o", str(out))
    assert result.exit_code == 0, result.output
    values = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    total = sum(report_of(db_path, dt.date(2026, 11, d), st).result.money.total_cost
                for d in range(16, 21) for st in stages)
    assert total in values
    assert any(isinstance(v, str) and f"– {5 * len(stages)} ngày ăn" in v for v in values)


def test_print_needs_an_xlsx_name(run, tmp_path):
    result = run("meals", "print", "day", "18/11/2026", "-o", str(tmp_path / "a.pdf"))
    assert result.exit_code != 0 and ".xlsx" in result.output
    assert not list(tmp_path.glob("a.*"))


def test_html_writes_both_stages(run, db_path, tmp_path):
    out = tmp_path / "thuc-don.html"
    result = run("meals", "html", "18/11/2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    session.open_path(db_path)
    try:
        week = menus.list_menu_days(dt.date(2026, 11, 16), dt.date(2026, 11, 20))
    finally:
        session.close()
    assert len(week) == 10
    for m in week:
        for item in m.items:
            assert item.dish_name in text


def test_demo_prints_the_meals_line(run, tmp_path):
    result = run("demo", "--children", "30", db=tmp_path / "moi.sqlite")
    assert result.exit_code == 0, result.output
    assert f"Bán trú: {len(demo.DEMO_DISHES)} món ăn" in result.output


def test_print_inspection_prefills_the_day_from_its_menu(run, db_path, tmp_path):
    from mamnon.services import kitchen_logs

    out = tmp_path / "kiem-thuc.xlsx"
    result = run("meals", "print", "inspection", "18/11/2026", "--stage", "nha-tre", "-o", str(out))
    assert result.exit_code == 0, result.output
    session.open_path(db_path)
    try:
        log = kitchen_logs.get_day_log(dt.date(2026, 11, 18), "nha_tre")
        foods = [line.food_name for line in log.receipts]
    finally:
        session.close()
    values = {c.value for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row}
    assert foods and set(foods) <= values


def test_print_money_needs_then_records_the_opening_balance(run, db_path, tmp_path):
    from mamnon.services import meal_money

    out = tmp_path / "tien-an.xlsx"
    result = run("meals", "print", "money", "05/11/2026", "-o", str(out))
    assert result.exit_code != 0 and "số dư đầu kỳ" in result.output.lower()
    result = run("meals", "print", "money", "05/11/2026", "--opening", "1500000", "-o", str(out))
    assert result.exit_code == 0, result.output
    session.open_path(db_path)
    try:
        assert meal_money.opening_balance() == (2026, 11, 1_500_000)
    finally:
        session.close()
    assert out.exists()


# --- plans, apply, close/reopen, market, month, opening, suggest, kitchen --------------------

MONDAY = dt.date(2026, 11, 30)
MAIN_DISHES = ("Thịt kho trứng", "Cá rô phi sốt cà chua", "Đậu phụ sốt thịt", "Tôm rim thịt", "Trứng đúc thịt",
               "Gà kho gừng")


def with_db(db_path, fn):
    session.open_path(db_path)
    try:
        return fn()
    finally:
        session.close()


def dish_ids(db_path) -> dict[str, int]:
    return with_db(db_path, lambda: {d.name: d.id for d in menus.list_dishes()})


@pytest.fixture
def plan_id(db_path):
    """A 2-week Monday–Saturday plan: rice every day, a main dish that comes back after a week."""
    ids = dish_ids(db_path)
    items = []
    for week in (1, 2):
        for weekday in range(6):
            main = MAIN_DISHES[(weekday + week - 1) % len(MAIN_DISHES)]
            for stage in ("nha_tre", "mau_giao"):
                items.append(menu_plans.PlanItemForm(week, weekday, stage, "trua", ids["Cơm tẻ"]))
                items.append(menu_plans.PlanItemForm(week, weekday, stage, "trua", ids[main]))
    form = menu_plans.PlanForm("Thực đơn mùa đông", 2, True, "", items)
    return with_db(db_path, lambda: menu_plans.create_plan(form).id)


def columns(lines):
    """Cells of an aligned table cut by the dashes under its header (so misalignment shows)."""
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    return [[line[a:b] for a, b in spans] for line in lines[2:]]


def test_plans_lists_number_name_weeks_and_days(run, db_path, plan_id):
    result = run("meals", "plans")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Số", "Tên", "mẫu", "Số", "tuần", "Trong", "tuần", "Ngày", "có", "món"]
    row = [c.strip() for c in columns(lines[:3])[0]]
    assert row == [str(plan_id), "Thực đơn mùa đông", "2", "Thứ Hai – Thứ Bảy", "12"]
    assert lines[-1] == "1 mẫu thực đơn"


def test_plans_when_there_is_none(run):
    result = run("meals", "plans")
    assert result.exit_code == 0 and result.output == "Chưa có mẫu thực đơn nào.\n"


def test_apply_by_name_creates_the_rotation_and_warns_of_repeats(run, db_path, plan_id):
    result = run("meals", "apply", "Thực đơn mùa đông", "--from", "30/11/2026", "--to", "13/12/2026",
                 "--off", "02/12/2026")
    assert result.exit_code == 0, result.output
    # 12 Monday–Saturday days, one off: 11 days × 2 stages; the two Sundays are weekend skips
    assert "Đã tạo 22 thực đơn ngày, thay 0, bỏ qua 1 (không kể 2 ngày cuối tuần)." in result.output
    assert "Bỏ qua 02/12/2026: Ngày nghỉ." in result.output
    days = with_db(db_path, lambda: menus.list_menu_days(MONDAY, dt.date(2026, 12, 13)))
    assert len(days) == 22 and dt.date(2026, 12, 2) not in {m.date for m in days}
    by_key = {(m.date, m.stage): [i.dish_name for i in m.items] for m in days}
    assert by_key[(MONDAY, "nha_tre")] == ["Cơm tẻ", MAIN_DISHES[0]]  # week 1
    assert by_key[(dt.date(2026, 12, 7), "mau_giao")] == ["Cơm tẻ", MAIN_DISHES[1]]  # week 2
    warnings = with_db(db_path, lambda: menu_plans.plan_repeat_warnings(plan_id))
    assert warnings and all(w.message in result.output for w in warnings)


def test_apply_ignore_drops_the_staple_from_the_warnings(run, db_path, plan_id):
    result = run("meals", "apply", str(plan_id), "--from", "30/11/2026", "--to", "05/12/2026",
                 "--ignore", "com te")
    assert result.exit_code == 0, result.output
    assert "«Cơm tẻ»" not in result.output
    rice = dish_ids(db_path)["Cơm tẻ"]
    kept = with_db(db_path, lambda: menu_plans.plan_repeat_warnings(plan_id, ignore={rice}))
    assert kept
    assert result.output.split("Món lặp lại gần nhau trong mẫu:\n")[1].splitlines() == [f"  {w.message}" for w in kept]


def test_apply_keeps_existing_days_unless_replace(run, db_path, plan_id):
    day = dt.date(2026, 11, 23)
    before = with_db(db_path, lambda: menus.get_menu_day(day, "mau_giao"))
    result = run("meals", "apply", str(plan_id), "--from", "23/11/2026", "--to", "23/11/2026")
    assert result.exit_code == 0, result.output
    assert "Bỏ qua 23/11/2026 (mẫu giáo): Đã có thực đơn (giữ nguyên)." in result.output
    result = run("meals", "apply", str(plan_id), "--from", "23/11/2026", "--to", "23/11/2026", "--replace",
                 "--stage", "mau-giao")
    assert result.exit_code == 0, result.output
    assert "Đã tạo 0 thực đơn ngày, thay 1, bỏ qua 0." in result.output
    after = with_db(db_path, lambda: menus.get_menu_day(day, "mau_giao"))
    assert [i.dish_name for i in after.items] == ["Cơm tẻ", MAIN_DISHES[0]]
    assert (after.children_count, after.fee_per_child) == (before.children_count, before.fee_per_child)
    untouched = with_db(db_path, lambda: menus.get_menu_day(day, "nha_tre"))
    assert [i.dish_name for i in untouched.items] != ["Cơm tẻ", MAIN_DISHES[0]]


@pytest.mark.parametrize("args, message", [
    (["Không có mẫu này", "--from", "30/11/2026", "--to", "04/12/2026"], "Không có mẫu thực đơn «Không có mẫu này»"),
    (["99", "--from", "30/11/2026", "--to", "04/12/2026"], "Không có mẫu thực đơn «99»"),
    (["1", "--from", "31/11/2026", "--to", "04/12/2026"], "«31/11/2026» không phải ngày (dd/mm/yyyy)."),
    (["1", "--from", "04/12/2026", "--to", "30/11/2026"], "Ngày kết thúc phải sau ngày bắt đầu."),
    (["1", "--from", "30/11/2026", "--to", "04/12/2026", "--off", "hôm qua"], "«hôm qua» không phải ngày"),
    (["1", "--from", "30/11/2026", "--to", "04/12/2026", "--ignore", "Phở bò"], "không có món: Phở bò."),
])
def test_apply_errors_are_vietnamese_and_change_nothing(run, db_path, plan_id, args, message):
    assert plan_id == 1
    before = digest(db_path)
    result = run("meals", "apply", *args)
    assert result.exit_code == 1, result.output
    assert "Lỗi: " in result.output and message in result.output
    assert "Traceback" not in result.output
    assert digest(db_path) == before


def test_close_with_actual_prices_prints_the_closed_money(run, db_path):
    day = dt.date(2026, 11, 18)
    live = with_db(db_path, lambda: meal_money.day_account(day, "mau_giao"))
    rice = next(ln for ln in live.lines if ln.code == "1004")
    result = run("meals", "close", "18/11/2026", "--price", "1004=21.000")
    assert result.exit_code == 0, result.output
    closed = with_db(db_path, lambda: meal_money.day_account(day, "mau_giao"))
    assert closed.closed
    new_rice = int((Decimal(str(rice.gross_kg)) * 21000).quantize(Decimal(1)))  # whole kg × 21.000: exact
    expected_total = live.money.total_cost - rice.amount + new_rice
    assert closed.money.total_cost == expected_total
    assert next(ln for ln in closed.lines if ln.code == "1004").price_per_kg == 21000
    out = result.output
    assert "Đã chốt sổ ngày 18/11/2026 (mẫu giáo)." in out
    kg = f"{rice.gross_kg:.3f}".replace(".", ",")
    assert f"Giá thực tế Gạo tẻ máy: 21.000 đ/kg × {kg} kg = {format_money(new_rice)}" in out
    assert format_money(new_rice) in out
    assert f"tiền chợ {format_money(expected_total)}" in out
    balance = closed.money.fee_total - expected_total
    word = "thừa" if balance >= 0 else "thiếu"
    assert f"chi {format_money(expected_total)}: {word} {format_money(abs(balance))}" in out
    # the other stage is left open
    assert with_db(db_path, lambda: meal_money.is_closed(day, "nha_tre")) is False


def test_reopen_removes_the_snapshot_and_says_when_there_is_none(run, db_path):
    day = dt.date(2026, 11, 18)
    assert run("meals", "close", "18/11/2026", "--stage", "nha-tre").exit_code == 0
    result = run("meals", "reopen", "18/11/2026", "--stage", "nha-tre")
    assert result.exit_code == 0, result.output
    assert "Đã mở lại sổ ngày 18/11/2026 (nhà trẻ)" in result.output
    assert with_db(db_path, lambda: meal_money.is_closed(day, "nha_tre")) is False  # closes the handle
    before = digest(db_path)
    result = run("meals", "reopen", "18/11/2026", "--stage", "nha-tre")
    assert result.exit_code == 1 and "Ngày 18/11/2026 (nhà trẻ) chưa chốt sổ." in result.output
    assert digest(db_path) == before


@pytest.mark.parametrize("args, message", [
    (["--price", "9999=20000"], "Không có thực phẩm mã 9999."),
    (["--price", "1004=-5000"], "Giá thực tế phải là số nguyên đồng lớn hơn 0."),
    (["--price", "1004=0"], "Giá thực tế phải là số nguyên đồng lớn hơn 0."),
    (["--price", "1004=hai mươi"], "«hai mươi» không phải giá của thực phẩm 1004"),
    (["--price", "1004"], "giá viết dạng MÃ_THỰC_PHẨM=ĐỒNG"),
    (["--price", "1001=30000"], "không có trong thực đơn ngày này"),  # gạo nếp cái: in no demo dish
])
def test_close_errors_are_vietnamese_and_change_nothing(run, db_path, args, message):
    before = digest(db_path)
    result = run("meals", "close", "18/11/2026", *args)
    assert result.exit_code == 1, result.output
    assert "Lỗi: " in result.output and message in result.output and "Traceback" not in result.output
    assert digest(db_path) == before


def test_close_refuses_a_bad_date_a_day_without_menu_and_a_second_close(run, db_path):
    before = digest(db_path)
    for date, message in (("18-11-2026x", "không phải ngày (dd/mm/yyyy)"),
                          ("22/11/2026", "Chưa có thực đơn mẫu giáo ngày 22/11/2026")):
        result = run("meals", "close", date)
        assert result.exit_code == 1 and message in result.output, result.output
    assert digest(db_path) == before
    assert run("meals", "close", "18/11/2026").exit_code == 0
    session.close()  # the command left the handle open: let SQLite finish writing the file first
    closed = digest(db_path)
    result = run("meals", "close", "18/11/2026", "--price", "1004=30000")
    assert result.exit_code == 1 and "đã chốt sổ. Mở lại sổ trước nếu cần sửa." in result.output
    assert digest(db_path) == closed


def test_market_range_is_the_service_list_aligned(run, db_path):
    first, last = dt.date(2026, 11, 16), dt.date(2026, 11, 20)
    assert run("meals", "close", "17/11/2026", "--stage", "nha-tre").exit_code == 0
    market = with_db(db_path, lambda: meal_money.market_list(first, last, "nha_tre"))
    result = run("meals", "market", "16/11/2026", "20/11/2026", "--stage", "nha-tre")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Phiếu kê chợ từ 16/11/2026 đến 20/11/2026 – nhà trẻ"
    table = lines[1:3 + len(market.lines)]
    rows = columns(table)
    assert len(rows) == len(market.lines) > 5
    for cells, ln in zip(rows, market.lines):
        name, kg, price, amount, supplier = cells
        assert name.strip() == ln.name and supplier.strip() == ln.supplier
        assert kg.strip() == f"{ln.gross_kg:.3f}".replace(".", ",")
        assert amount.strip() == format_money(ln.amount)
        assert price.strip() == (format_money(ln.price_per_kg) if ln.price_per_kg is not None else "nhiều giá")
        for right in (kg, price, amount):  # figures right-aligned under their header
            assert right[-1] != " "
    assert f"Tổng cộng: {format_money(market.total)}" in lines
    assert sum(ln.amount for ln in market.lines) == market.total
    assert lines[-2:] == ["5 thực đơn ngày, 1 đã chốt sổ.", "Ngày chưa chốt tính theo định lượng và giá hiện tại."]


def test_market_of_one_day_for_both_stages(run, db_path):
    day = dt.date(2026, 11, 18)
    market = with_db(db_path, lambda: meal_money.market_list(day))
    both = with_db(db_path, lambda: [meal_money.day_account(day, s).money.total_cost for s in ("nha_tre", "mau_giao")])
    result = run("meals", "market", "18/11/2026")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Phiếu kê chợ ngày 18/11/2026\n")
    assert market.total == sum(both)
    assert f"Tổng cộng: {format_money(sum(both))}" in result.output


def test_market_errors(run, db_path):
    before = digest(db_path)
    result = run("meals", "market", "20/11/2026", "16/11/2026")
    assert result.exit_code == 1 and "Ngày kết thúc phải sau ngày bắt đầu." in result.output
    result = run("meals", "market", "16/13/2026")
    assert result.exit_code == 1 and "«16/13/2026» không phải ngày" in result.output
    result = run("meals", "market", "21/11/2026", "22/11/2026")
    assert result.exit_code == 0 and "Không có thực đơn ngày nào trong khoảng này." in result.output
    assert digest(db_path) == before


def test_opening_then_month_prints_the_service_summary(run, db_path):
    result = run("meals", "opening", "09/2026", "1.500.000")
    assert result.exit_code == 0 and "Đã ghi số dư đầu kỳ tháng 9/2026: 1.500.000 đ." in result.output
    assert run("meals", "close", "18/11/2026", "--stage", "nha-tre").exit_code == 0
    summary = with_db(db_path, lambda: meal_money.month_summary(2026, 11))
    result = run("meals", "month", "11/2026")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == ["Tiền ăn tháng 11/2026", f"Số dư đầu tháng: {format_money(summary.opening)}"]
    rows = columns(lines[2:])
    day_rows, total_row = rows[:len(summary.days)], rows[len(summary.days)]
    for cells, r in zip(day_rows, summary.days):
        date, stage, children, collected, spent, balance, flag = (c.strip() for c in cells)
        assert (date, children) == (f"{r.date:%d/%m/%Y}", str(r.children))
        assert (collected, spent, balance) == (format_money(r.collected), format_money(r.spent),
                                               format_money(r.balance))
        assert r.collected == r.children * r.fee_per_child
        assert flag == ("rồi" if (r.date, r.stage) == (dt.date(2026, 11, 18), "nha_tre") else "chưa")
    assert [c.strip() for c in total_row] == ["Cộng", "", "", format_money(summary.collected),
                                              format_money(summary.spent), format_money(summary.surplus), ""]
    assert summary.closing == summary.opening + summary.collected - summary.spent
    assert f"Số dư cuối tháng (chuyển sang tháng sau): {format_money(summary.closing)}" in lines


def test_opening_accepts_a_negative_balance(run, db_path):
    result = run("meals", "opening", "11/2026", "-250000")
    assert result.exit_code == 0, result.output
    assert with_db(db_path, meal_money.opening_balance) == (2026, 11, -250_000)
    result = run("meals", "month", "11/2026")
    assert "Số dư đầu tháng: -250.000 đ" in result.output


@pytest.mark.parametrize("args, message", [
    (["month", "11/2026"], "Chưa nhập số dư đầu kỳ của tiền ăn"),
    (["month", "13/2026"], "«13/2026» không phải tháng (mm/yyyy"),
    (["opening", "2026-09", "1000"], "«2026-09» không phải tháng"),
    (["opening", "09/2026", "một triệu"], "«một triệu» không phải số dư đầu kỳ"),
])
def test_month_and_opening_errors(run, db_path, args, message):
    before = digest(db_path)
    result = run("meals", *args)
    assert result.exit_code == 1 and message in result.output, result.output
    assert digest(db_path) == before


def _find_days(db_path):
    """A day whose menu already meets its norm and fee, and one the solver adjusts."""
    def search():
        meets = adjusts = None
        for m in menus.list_menu_days(dt.date(2026, 10, 1), dt.date(2026, 11, 20)):
            s = meal_money.suggest_for_day(m.date, m.stage)
            moved = [c for c in s.changes if abs(c.after - c.before) >= 0.05]
            if s.feasible and not moved:
                meets = meets or (m.date, m.stage)
            elif s.feasible:
                adjusts = adjusts or (m.date, m.stage, moved)
            if meets and adjusts:
                return meets, adjusts
        raise AssertionError("the demo school should have both kinds of day")
    return with_db(db_path, search)


def test_suggest_prints_current_and_suggested_grams_or_that_it_meets(run, db_path):
    (meets_day, meets_stage), (day, stage, moved) = _find_days(db_path)
    result = run("meals", "suggest", f"{meets_day:%d/%m/%Y}", "--stage", meets_stage.replace("_", "-"))
    assert result.exit_code == 0, result.output
    assert "đã đạt định mức và trong tiền ăn: không cần đổi định lượng." in result.output
    result = run("meals", "suggest", f"{day:%d/%m/%Y}", "--stage", stage.replace("_", "-"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == "Định lượng đề nghị (g ăn được một trẻ):"
    rows = columns(lines[2:])[:len(moved)]
    for cells, change in zip(rows, moved):
        name, before, after, _ = (c.strip() for c in cells)
        assert (name, before, after) == (change.name, f"{change.before:.1f}".replace(".", ","),
                                         f"{change.after:.1f}".replace(".", ","))


def test_suggest_without_a_menu_is_a_clear_error(run, db_path):
    result = run("meals", "suggest", "22/11/2026")
    assert result.exit_code == 1 and result.output == "Lỗi: Chưa có thực đơn mẫu giáo ngày 22/11/2026.\n"


def test_kitchen_prefill_then_incomplete_days(run, db_path):
    result = run("meals", "kitchen", "--prefill", "18/11/2026")
    assert result.exit_code == 0, result.output
    logs = with_db(db_path, lambda: {s: kitchen_logs.get_day_log(dt.date(2026, 11, 18), s)
                                     for s in ("nha_tre", "mau_giao")})
    for stage, word in (("nha_tre", "nhà trẻ"), ("mau_giao", "mẫu giáo")):
        log = logs[stage]
        assert log.receipts and log.samples
        assert (f"Sổ kiểm thực ngày 18/11/2026 ({word}): {len(log.receipts)} thực phẩm (bước 1), "
                f"{len(log.dishes)} món (bước 2–3), {len(log.samples)} mẫu lưu.") in result.output
    result = run("meals", "kitchen", "--from", "16/11/2026", "--to", "18/11/2026", "--stage", "nha-tre")
    assert result.exit_code == 0, result.output
    days = with_db(db_path, lambda: [d for d in kitchen_logs.incomplete_days(dt.date(2026, 11, 16),
                                                                           dt.date(2026, 11, 18))
                                     if d.stage == "nha_tre"])
    assert len(days) == 3
    assert result.output.splitlines()[0] == "Sổ kiểm thực từ 16/11/2026 đến 18/11/2026: 3 ngày chưa xong"
    for d in days:
        assert f"{d.date:%d/%m/%Y} (nhà trẻ):" in result.output
        assert all(f"  {reason}" in result.output for reason in d.reasons)
    assert "Chưa lập sổ kiểm thực" in result.output and "Chưa ký sổ." in result.output
    assert "mẫu giáo" not in result.output


def test_kitchen_with_nothing_left_and_its_errors(run, db_path):
    result = run("meals", "kitchen", "--from", "21/11/2026", "--to", "22/11/2026")
    assert result.exit_code == 0
    assert result.output == "Sổ kiểm thực từ 21/11/2026 đến 22/11/2026: không còn ngày nào chưa xong.\n"
    before = digest(db_path)
    result = run("meals", "kitchen")
    assert result.exit_code == 2 and "Cần --from NGÀY" in result.output
    result = run("meals", "kitchen", "--prefill", "22/11/2026")
    assert result.exit_code == 1 and "Ngày 22/11/2026 chưa có thực đơn" in result.output
    result = run("meals", "kitchen", "--prefill", "22/11/2026", "--stage", "nha-tre")
    assert result.exit_code == 1 and "Chưa có thực đơn nhà trẻ ngày 22/11/2026" in result.output
    result = run("meals", "kitchen", "--from", "ngày mai")
    assert result.exit_code == 1 and "«ngày mai» không phải ngày" in result.output
    assert digest(db_path) == before
