"""Lunch support (NĐ 277/2025): eligibility rules, the month's claim list and the report sums, by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from mamnon import indicators
from mamnon.errors import ValidationError
from mamnon.models import SchoolYear
from mamnon.services import lunch_support as ls
from mamnon.services.report_data import report_indicators
from mamnon.workbooks.periods import month_period, year_period
from tests.conftest import add_child

D = dt.date


def support(child_id, start, end, group="NGHEO", evidence="QĐ 12/QĐ-UBND ngày 01/08/2026"):
    return ls.add_support(ls.LunchForm(child_id, group, evidence, start, end, "Hiệu trưởng", "01/09/2026"))


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.errors


@pytest.fixture
def lunch(school_db):
    """A (4 y, Mầm 1, whole year), B (5 y, Lá 1, Nov–Dec), C (5 y, Lá 1, enrolled 10/01/2027, whole year)."""
    a = add_child(school_db["Mầm 1"], "Nguyễn Thị An", "10/03/2022")
    b = add_child(school_db["Lá 1"], "Trần Văn Bình", "20/12/2021", sex="M")
    c = add_child(school_db["Lá 1"], "Lê Thị Cúc", "01/01/2021", enrolled_on="10/01/2027")
    support(a.id, "05/09/2026", "31/05/2027")
    support(b.id, "01/11/2026", "31/12/2026", group="DBKK", evidence="Thôn Khe Mạ, QĐ 861/QĐ-TTg")
    support(c.id, "01/09/2026", "31/05/2027", group="khuyet tat")
    return {"a": a, "b": b, "c": c, **school_db}


def test_the_amount_limit_and_groups_are_data_with_their_source():
    rate = ls.rate_on(D(2026, 11, 1))
    assert (rate.amount, rate.max_months, rate.ages) == (360_000, 9, (3, 4, 5))
    assert "277/2025" in rate.source
    assert ls.group_code("ho ngheo") == "NGHEO" and ls.group_code("KHUYET_TAT") == "KHUYET_TAT"
    with pytest.raises(ValidationError):
        ls.rate_on(D(2025, 10, 1))


def test_months_paid_follow_the_eligibility_and_the_stays_in_class(lunch):
    by_name = {r.child_name: r for r in ls.list_supports()}
    # A: Sep..May = 9; B: Nov, Dec = 2; C: in class only from January: Jan..May = 5
    assert {n: r.months for n, r in by_name.items()} == {"Nguyễn Thị An": 9, "Trần Văn Bình": 2, "Lê Thị Cúc": 5}
    assert by_name["Lê Thị Cúc"].group == "KHUYET_TAT"


def test_month_claim_by_class_with_totals(lunch):
    claim = ls.month_claim(2026, 11)
    assert [(r.class_name, r.child_name, r.amount) for r in claim.rows] == [
        ("Lá 1", "Trần Văn Bình", 360_000), ("Mầm 1", "Nguyễn Thị An", 360_000)]
    assert [(t.class_name, t.children, t.amount) for t in claim.classes] == [("Lá 1", 1, 360_000),
                                                                            ("Mầm 1", 1, 360_000)]
    assert (claim.children, claim.total) == (2, 720_000)
    jan = ls.month_claim(2027, 1)
    assert [r.child_name for r in jan.rows] == ["Lê Thị Cúc", "Nguyễn Thị An"]
    assert ls.month_claim(2027, 1, class_id=lunch["Mầm 1"]).total == 360_000
    assert ls.month_total(2027, 6) == 0


def test_report_indicators_sum_child_months_money_and_children(lunch):
    year = report_indicators(year_period(2026, D(2026, 9, 1), D(2027, 5, 31)), today=D(2027, 6, 1))
    # 9 + 2 + 5 child-months, × 360 000; three children
    assert (year["HTAT_TRE"], year["HTAT_TIEN"], year["HTAT_SO_TRE"]) == (16, 5_760_000, 3)
    dec = report_indicators(month_period(2026, 12), today=D(2026, 12, 31))
    assert (dec["HTAT_TRE"], dec["HTAT_TIEN"], dec["HTAT_SO_TRE"]) == (2, 720_000, 2)
    assert indicators.BY_CODE["HTAT_TIEN"].aggregate == indicators.SUM


def test_outside_ages_three_to_five_is_refused(school_db):
    toddler = add_child(school_db["Nhà trẻ A"], "Phạm Minh Khôi", "15/02/2024", sex="M")
    six = add_child(school_db["Lá 1"], "Đỗ Thu Hà", "30/12/2020")
    assert "3–5 tuổi" in errors_of(lambda: support(toddler.id, "05/09/2026", "31/12/2026"))["child_id"]
    assert "6 tuổi" in errors_of(lambda: support(six.id, "05/09/2026", "31/12/2026"))["child_id"]


def test_more_than_nine_months_of_a_school_year_is_refused(school_db):
    SchoolYear.update(end_date=D(2027, 6, 30)).execute()  # a 10-month school year
    a = add_child(school_db["Mầm 1"], "Nguyễn Thị An", "10/03/2022")
    assert "10 tháng" in errors_of(lambda: support(a.id, "01/09/2026", "30/06/2027"))["end_date"]
    support(a.id, "01/09/2026", "31/12/2026")
    assert "10 tháng" in errors_of(lambda: support(a.id, "01/01/2027", "30/06/2027"))["end_date"]
    support(a.id, "01/01/2027", "31/05/2027")  # 4 + 5 = 9 months: allowed
    assert sum(r.months for r in ls.list_supports()) == 9


def test_overlap_other_school_year_and_missing_fields_are_refused(lunch):
    assert "Trùng" in errors_of(lambda: support(lunch["b"].id, "15/12/2026", "31/01/2027"))["start_date"]
    assert "một năm học" in errors_of(lambda: support(lunch["b"].id, "01/01/2027", "30/09/2027"))["end_date"]
    errs = errors_of(lambda: ls.add_support(ls.LunchForm(lunch["b"].id, "ai đó", "", "01/02/2027", "")))
    assert set(errs) == {"group", "evidence", "end_date"}


def test_update_and_delete(lunch):
    row = next(r for r in ls.list_supports() if r.child_name == "Trần Văn Bình")
    form = ls.form_for(row.id)
    form.end_date = "31/01/2027"
    assert ls.update_support(row.id, form).months == 3
    ls.delete_support(row.id)
    assert ls.month_claim(2026, 11).total == 360_000


def test_the_meal_money_line_and_the_children_offered(lunch):
    assert ls.month_label(2026, 11) == "Hỗ trợ ăn trưa (NĐ 277/2025): 2 trẻ, 720.000 đ"
    assert ls.month_label(2026, 8) == ""
    # every child on the school's list aged 3–5 by birth year (C is listed, enrolled from January)
    add_child(lunch["Nhà trẻ A"], "Phạm Minh Khôi", "15/02/2024", sex="M")
    offered = {(c.full_name, c.age) for c in ls.children_of_age(D(2026, 11, 23))}
    assert offered == {("Nguyễn Thị An", 4), ("Trần Văn Bình", 5), ("Lê Thị Cúc", 5)}
