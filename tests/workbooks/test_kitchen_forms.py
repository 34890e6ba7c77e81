"""Kitchen forms (three-step inspection log, food samples, month meal money), read back with openpyxl and
compared with the services' values."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exporters import kitchen_forms as kf
from exporters import meal_forms as mf
from exporters import xlsx
from mamnon.errors import MamnonError
from mamnon.reference import STAGE_LABELS
from mamnon.services import demo, kitchen_logs, meal_money, staff

TODAY = dt.date(2026, 11, 23)
DAY = dt.date(2026, 11, 18)  # a Wednesday
NEXT = dt.date(2026, 11, 19)


@pytest.fixture
def kitchen(db):
    """The demo school; the logs of 18 and 19/11 (nhà trẻ) prefilled, some lines of 18/11 confirmed."""
    demo.build_demo(children=40, seed=1, today=TODAY)
    checker = next(s for s in staff.list_staff())
    for day in (DAY, NEXT):
        kitchen_logs.prefill_day(day, "nha_tre")
    log = kitchen_logs.get_day_log(DAY, "nha_tre")
    r0, r1 = log.receipts[0], log.receipts[1]
    kitchen_logs.confirm_receipt(r0.id, kitchen_logs.ReceiptForm(
        received_at="06:10", quantity=f"{r0.quantity:g}", unit="kg", supplier=r0.supplier or "Chợ xã",
        supplier_contact="0912 345 678", documents="Hóa đơn số 12", result="dat", result_note="Tươi, không mùi lạ",
        checked_by_id=checker.id), now=dt.datetime(2026, 11, 18, 6, 15))
    kitchen_logs.confirm_receipt(r1.id, kitchen_logs.ReceiptForm(
        received_at="06:20", quantity="2.5", unit="kg", supplier="Cửa hàng Bình An", result="khong_dat",
        result_note="Dập nát", measures="Trả lại, đổi hàng", checked_by_id=checker.id),
        now=dt.datetime(2026, 11, 18, 6, 25))
    d0 = log.dishes[0]
    kitchen_logs.confirm_cooking(d0.id, kitchen_logs.CookingForm(
        prep_started_at="08:30", cooked_at="10:10", cooks="Trần Thị Hoa, Lê Văn Nam", result="dat",
        checked_by_id=checker.id), now=dt.datetime(2026, 11, 18, 10, 12))
    kitchen_logs.confirm_serving(d0.id, kitchen_logs.ServingForm(
        served_at="10:35", result="dat", result_note="Đủ suất", checked_by_id=checker.id),
        now=dt.datetime(2026, 11, 18, 10, 40))
    s0 = log.samples[0]
    kitchen_logs.confirm_sample(s0.id, kitchen_logs.SampleForm(
        amount="120", amount_unit="g", taken_at="10:40", storage_temp_c="4.5", taken_by_id=checker.id),
        now=dt.datetime(2026, 11, 18, 10, 45))
    kitchen_logs.destroy_sample(s0.id, "19/11/2026 11:00", checker.id)
    return checker


def texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def find_row(ws, text: str, after: int = 0) -> int:
    for row in ws.iter_rows(min_row=after + 1):
        for c in row:
            if c.value == text:
                return c.row
    raise AssertionError(f"{text!r} not on the sheet")


def row_values(ws, row: int, width: int) -> list:
    return [ws.cell(row, col).value for col in range(1, width + 1)]


def blank(value):
    return value if value not in ("", None) else None


def hhmm(value):
    return None if value is None else f"{value:%H:%M}"


def stamp(value):
    return None if value is None else f"{value:%H:%M %d/%m/%Y}"


def result(label, note):
    return blank(f"{label}: {note}" if label and note else (label or note))


def check_page(ws, *, landscape: bool, header_row: int | None) -> None:
    assert ws.page_setup.paperSize == xlsx.A4
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    if header_row is not None:
        assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert ws.print_area


def no_temp_left(folder) -> None:
    assert not [p for p in folder.iterdir() if p.name.startswith(".~mamnon-")]


def test_inspection_log_has_every_line_of_the_three_steps(kitchen, tmp_path):
    log = kitchen_logs.get_day_log(DAY, "nha_tre")
    path = kf.write_inspection_log(tmp_path / "kiem-thuc.xlsx", DAY, "nha_tre")
    ws = openpyxl.load_workbook(path).active
    all_texts = texts(ws)
    for text in (mf.NATION, mf.MOTTO, kf.INSPECTION_TITLE, "NGƯỜI KIỂM TRA", "HIỆU TRƯỞNG"):
        assert text in all_texts
    assert any("1246/QĐ-BYT" in t and "18/11/2026" in t and "Nhà trẻ" in t for t in all_texts)
    check_page(ws, landscape=True, header_row=None)

    head1 = find_row(ws, "Tên thực phẩm")
    assert row_values(ws, head1, 10) == [text for text, _ in kf.STEP1_COLUMNS]
    for n, line in enumerate(log.receipts):
        row = row_values(ws, head1 + 1 + n, 10)
        supplier = ", ".join(x for x in (line.supplier, line.supplier_contact) if x)
        assert row == [n + 1, hhmm(line.received_at), line.food_name, pytest.approx(line.quantity), line.unit,
                       blank(supplier), blank(line.documents), result(line.result_label, line.result_note),
                       blank(line.measures), blank(line.checked_by_name)]
    first = row_values(ws, head1 + 1, 10)
    assert first[1] == "06:10" and first[6] == "Hóa đơn số 12" and first[7] == "Đạt: Tươi, không mùi lạ"
    assert first[9] == kitchen.full_name
    second = row_values(ws, head1 + 2, 10)
    assert second[3] == 2.5 and second[7] == "Không đạt: Dập nát" and second[8] == "Trả lại, đổi hàng"

    head2 = find_row(ws, "Giờ bắt đầu sơ chế")
    assert head2 > head1 + len(log.receipts)
    assert row_values(ws, head2, 9) == list(kf.STEP2_COLUMNS)  # the checker spans columns 9–10
    for n, d in enumerate(log.dishes):
        assert row_values(ws, head2 + 1 + n, 9) == [
            n + 1, d.meal_label, d.dish_name, hhmm(d.prep_started_at), hhmm(d.cooked_at), blank(d.cooks),
            result(kitchen_logs.RESULT_LABELS.get(d.step2_result, ""), d.step2_note), blank(d.step2_measures),
            blank(d.step2_by_name)]
    assert row_values(ws, head2 + 1, 9)[3:7] == ["08:30", "10:10", "Trần Thị Hoa, Lê Văn Nam", "Đạt"]

    head3 = find_row(ws, "Giờ chia suất")
    assert head3 > head2 + len(log.dishes)
    step3 = lambda r: [ws.cell(r, col + 1).value for col in kf.STEP3_COLUMNS_AT]  # noqa: E731
    assert step3(head3) == list(kf.STEP3_COLUMNS)
    for n, d in enumerate(log.dishes):
        assert step3(head3 + 1 + n) == [
            n + 1, d.meal_label, d.dish_name, hhmm(d.served_at),
            result(kitchen_logs.RESULT_LABELS.get(d.step3_result, ""), d.step3_note), blank(d.step3_measures),
            blank(d.step3_by_name)]
    assert step3(head3 + 1)[3:5] == ["10:35", "Đạt: Đủ suất"]
    assert find_row(ws, "HIỆU TRƯỞNG") > head3 + len(log.dishes)
    assert any("ngày 18 tháng 11 năm 2026" in t for t in all_texts)
    no_temp_left(tmp_path)


def test_sample_log_has_one_row_per_sample(kitchen, tmp_path):
    logs = kitchen_logs.list_day_logs(DAY, NEXT, "nha_tre")
    assert [lg.date for lg in logs] == [DAY, NEXT]
    path = kf.write_sample_log(tmp_path / "luu-mau.xlsx", DAY, NEXT, "nha_tre")
    ws = openpyxl.load_workbook(path).active
    assert kf.SAMPLE_TITLE in texts(ws) and mf.NATION in texts(ws)
    head = find_row(ws, "Tên món ăn")
    check_page(ws, landscape=True, header_row=head)
    expected = [(lg, s) for lg in logs for s in lg.samples]
    assert len(expected) > 2
    for n, (lg, s) in enumerate(expected):
        assert row_values(ws, head + 1 + n, 12) == [
            n + 1, f"{lg.date:%d/%m/%Y}", STAGE_LABELS["nha_tre"], s.meal_label, s.dish_name,
            pytest.approx(s.amount), s.amount_unit, stamp(s.taken_at), s.storage_temp_c, blank(s.taken_by_name),
            stamp(s.destroyed_at), blank(s.destroyed_by_name)]
    assert row_values(ws, head + 1, 12)[5:] == [120, "g", "10:40 18/11/2026", 4.5, kitchen.full_name,
                                                 "11:00 19/11/2026", kitchen.full_name]
    assert ws.cell(head + 1 + len(expected), 1).value is None  # nothing after the last sample
    for title in ("NGƯỜI LƯU MẪU", "HIỆU TRƯỞNG"):
        find_row(ws, title)
    no_temp_left(tmp_path)


def test_sample_log_refuses_a_period_without_logs(kitchen, tmp_path):
    with pytest.raises(MamnonError):
        kf.write_sample_log(tmp_path / "x.xlsx", dt.date(2026, 12, 1), dt.date(2026, 12, 5))
    with pytest.raises(MamnonError):
        kf.write_inspection_log(tmp_path / "y.xlsx", dt.date(2026, 11, 20), "nha_tre")  # no log prefilled
    assert not list(tmp_path.iterdir())


def test_month_money_equals_the_month_summary(kitchen, tmp_path):
    meal_money.set_opening_balance(2026, 11, 1_250_000)
    for day in (dt.date(2026, 11, 2), DAY):
        for stage in ("nha_tre", "mau_giao"):
            meal_money.close_day(day, stage)
    summary = meal_money.month_summary(2026, 11)
    assert summary.days and any(d.source == meal_money.CLOSED for d in summary.days)
    path = kf.write_month_money(tmp_path / "tien-an.xlsx", 2026, 11)
    ws = openpyxl.load_workbook(path).active
    all_texts = texts(ws)
    assert kf.MONEY_TITLE in all_texts and mf.NATION in all_texts and mf.MOTTO in all_texts
    assert "Tháng 11 năm 2026" in all_texts
    head = find_row(ws, "Tiền thu")
    check_page(ws, landscape=False, header_row=head)
    assert row_values(ws, head, 8) == [text for text, _ in kf.MONEY_COLUMNS]
    assert ws.cell(head + 1, 1).value.startswith("Số dư đầu kỳ")
    assert ws.cell(head + 1, 8).value == summary.opening == 1_250_000
    balance = summary.opening
    for n, d in enumerate(summary.days):
        r = head + 2 + n
        balance += d.balance
        assert row_values(ws, r, 8) == [n + 1, f"{d.date:%d/%m/%Y}", STAGE_LABELS[d.stage], d.children,
                                        d.collected, d.spent, d.balance, balance]
        assert ws.cell(r, 5).number_format == mf.money_format(d.collected)
        assert d.collected == d.fee_per_child * d.children and d.balance == d.collected - d.spent
    total = head + 2 + len(summary.days)
    assert ws.cell(total, 1).value == "Cộng tháng"
    assert row_values(ws, total, 7)[3:] == [sum(d.children for d in summary.days), summary.collected,
                                            summary.spent, summary.surplus]
    assert ws.cell(total + 1, 1).value.startswith("Số dư cuối kỳ")
    assert ws.cell(total + 1, 8).value == summary.closing == balance
    for title in ("KẾ TOÁN", "HIỆU TRƯỞNG"):
        find_row(ws, title)
    assert any("ngày 30 tháng 11 năm 2026" in t for t in all_texts)
    no_temp_left(tmp_path)


def test_month_money_needs_an_opening_balance(kitchen, tmp_path):
    with pytest.raises(MamnonError):
        kf.write_month_money(tmp_path / "x.xlsx", 2026, 11)
    assert not list(tmp_path.iterdir())


def test_a_failed_write_keeps_the_old_file(kitchen, tmp_path, monkeypatch):
    target = tmp_path / "kiem-thuc.xlsx"
    target.write_bytes(b"old")

    def boom(*args, **kwargs):
        raise RuntimeError("crash")

    monkeypatch.setattr(kf, "_page", boom)
    with pytest.raises(RuntimeError):
        kf.write_inspection_log(target, DAY, "nha_tre")
    assert target.read_bytes() == b"old"
    no_temp_left(tmp_path)
