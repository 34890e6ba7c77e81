"""Dates, phone numbers and money the Vietnamese way."""

import datetime as dt

import pytest

from mamnon.formats import age_in_months, format_age, format_date, format_money, format_phone, parse_date, parse_phone


@pytest.mark.parametrize(
    "text, date",
    [
        ("05/09/2021", dt.date(2021, 9, 5)),
        ("5/9/2021", dt.date(2021, 9, 5)),
        ("05-09-2021", dt.date(2021, 9, 5)),
        ("05.09.2021", dt.date(2021, 9, 5)),
        (" 29/02/2024 ", dt.date(2024, 2, 29)),
        ("2021-09-05", dt.date(2021, 9, 5)),
    ],
)
def test_parse_date_accepts_common_typings(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["", "09/2021", "5/9/21", "abc", "2021/09/05x"])
def test_parse_date_rejects_non_dates_with_the_expected_form(text):
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_date(text)


@pytest.mark.parametrize("text", ["31/02/2020", "29/02/2023", "00/01/2020", "12/13/2020"])
def test_parse_date_rejects_days_not_on_the_calendar(text):
    with pytest.raises(ValueError, match="không có trên lịch"):
        parse_date(text)


def test_format_date_is_dd_mm_yyyy():
    assert format_date(dt.date(2026, 1, 7)) == "07/01/2026"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    "text, digits",
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0386-123-456", "0386123456"),
        ("024 3826 1234", "02438261234"),
    ],
)
def test_parse_phone_normalises_vietnamese_numbers(text, digits):
    assert parse_phone(text) == digits


@pytest.mark.parametrize("text", ["091234567", "09123456789", "0112345678", "1234567890", "09a2345678", "0212345678"])
def test_parse_phone_rejects_wrong_numbers(text):
    with pytest.raises(ValueError, match="Số điện thoại"):
        parse_phone(text)


def test_format_phone_groups_digits():
    assert format_phone("0912345678") == "0912 345 678"
    assert format_phone("02438261234") == "024 3826 1234"


@pytest.mark.parametrize("amount, text", [(1234000, "1.234.000 đ"), (0, "0 đ"), (999, "999 đ"), (-15000, "-15.000 đ")])
def test_format_money_uses_dot_thousands(amount, text):
    assert format_money(amount) == text


def test_age_in_months_counts_completed_months():
    birth = dt.date(2021, 3, 31)
    assert age_in_months(birth, dt.date(2021, 4, 30)) == 0
    assert age_in_months(birth, dt.date(2021, 5, 1)) == 1
    assert age_in_months(birth, dt.date(2026, 3, 31)) == 60
    assert format_age(birth, dt.date(2026, 5, 1)) == "5 tuổi 1 tháng"
    assert format_age(birth, dt.date(2021, 12, 1)) == "8 tháng"
