"""The phổ cập census: checks, duplicates, linking the school's children, carrying a year forward, the counts
per commune and age and their indicators in the school report — every figure against a hand count."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import add_child
from mamnon import indicators
from mamnon.errors import MamnonError, ValidationError
from mamnon.models import CensusEntry, CensusVillage
from mamnon.services import census, children
from mamnon.services.report_data import report_indicators
from mamnon.workbooks.census_spec import STATUS_CHOICES
from mamnon.workbooks.periods import month_period

TODAY = dt.date(2026, 11, 23)
Y = 2026


def entry(village_id: int, name: str, birth: str, status: str = census.HERE, *, guardian: str = "Nguyễn Văn Bố",
          year: int = Y, **extra) -> census.EntryRow:
    form = census.EntryForm(village_id=village_id, full_name=name, birth_date=birth, sex=extra.pop("sex", "F"),
                            guardian_name=guardian, status=status, **extra)
    return census.create_entry(year, form, today=TODAY)


@pytest.fixture
def area(school_db):
    """Two communes: Tân Lập (đặc biệt khó khăn) with two villages, Kim Đức with one."""
    return {
        "dong": census.add_village("Xã Tân Lập", "Thôn Đông", difficult=True).id,
        "tay": census.add_village("Xã Tân Lập", "Thôn Tây").id,
        "kim": census.add_village("Xã Kim Đức", "Xóm Trại").id,
    }


def test_status_labels_are_the_workbook_choices():
    assert tuple(census.STATUS_LABELS.values()) == STATUS_CHOICES
    assert census.status_code("hoc truong khac") == census.OTHER
    assert census.status_code("chuyen-di") == census.MOVED
    assert census.status_code("đi chơi") == ""


def test_villages_are_data_matched_without_diacritics(area):
    again = census.add_village("xa tan lap", "thon dong")
    assert again.id == area["dong"] and again.difficult
    assert [v.label for v in census.list_villages()] == ["Xóm Trại – Xã Kim Đức", "Thôn Đông – Xã Tân Lập",
                                                         "Thôn Tây – Xã Tân Lập"]
    with pytest.raises(ValidationError):
        census.add_village("", "Thôn Bắc")


def test_a_child_listed_twice_is_refused_and_nothing_is_saved(area):
    entry(area["dong"], "Lò Thị Mai", "03/04/2021", guardian="Lò Văn Sinh")
    twin = census.EntryForm(village_id=area["tay"], full_name="lo thi  mai", birth_date="03/04/2021", sex="F",
                            guardian_name="LO VAN SINH", status=census.NONE)
    with pytest.raises(ValidationError) as err:
        census.create_entry(Y, twin, today=TODAY)
    assert "Trùng với mục số" in err.value.errors["full_name"]
    assert CensusEntry.select().count() == 1
    # Same name and birth date but another guardian: another child.
    twin.guardian_name = "Lò Văn Páo"
    census.create_entry(Y, twin, today=TODAY)
    assert CensusEntry.select().count() == 2


@pytest.mark.parametrize("field, changes, words", [
    ("birth_date", {"birth_date": "01/01/2027"}, "chưa đến"),
    ("birth_date", {"birth_date": "31/12/2020"}, "sinh năm 2020 không thuộc"),
    ("birth_date", {"birth_date": "31/02/2022"}, ""),
    ("status_date", {"status": census.MOVED, "status_date": "01/01/2020"}, "trước ngày sinh"),
    ("status_date", {"status": census.DECEASED, "status_date": "24/11/2026"}, "chưa đến"),
    ("school_name", {"status": census.OTHER}, "tên trường"),
    ("completed", {"status": census.NONE, "completed": True}, "chưa thể hoàn thành"),
    ("guardian_name", {"guardian_name": ""}, "cha, mẹ"),
    ("status", {"status": "đi chơi"}, "Cần chọn tình trạng"),
])
def test_impossible_entries_are_refused_on_their_field(area, field, changes, words):
    form = census.EntryForm(village_id=area["dong"], full_name="Hà Văn Nam", birth_date="05/06/2021", sex="M",
                            guardian_name="Hà Văn Bố", status=census.HERE)
    for key, value in changes.items():
        setattr(form, key, value)
    with pytest.raises(ValidationError) as err:
        census.create_entry(Y, form, today=TODAY)
    assert words in err.value.errors[field]
    assert CensusEntry.select().count() == 0


def test_summary_counts_per_commune_and_age_and_recomputes_the_area_rates(area):
    d, t, k = area["dong"], area["tay"], area["kim"]
    # Tân Lập, born 2021 (5 years old in 2026): 4 living, 3 attending (2 here, 1 elsewhere), 2 completed;
    # one moved away and one deceased are not counted.
    entry(d, "An", "01/01/2021", census.HERE, completed=True)
    entry(d, "Bình", "02/01/2021", census.HERE, completed=True, sex="M", ethnicity="Tày")
    entry(t, "Chi", "03/01/2021", census.OTHER, school_name="MN Tư thục Sao Mai", disability="Khiếm thính")
    entry(t, "Dũng", "04/01/2021", census.NONE, sex="M")
    entry(t, "Em", "05/01/2021", census.MOVED, status_date="01/10/2026", destination="Hà Nội")
    entry(d, "Gấm", "06/01/2021", census.DECEASED, status_date="02/10/2026")
    # Tân Lập, born 2023 (3 years old): 2 living, 1 attending.
    entry(d, "Hà", "01/05/2023", census.HERE)
    entry(d, "Khoa", "02/05/2023", census.NONE, sex="M")
    # Kim Đức, born 2021: 1 living, attending and completed.
    entry(k, "Lan", "01/09/2021", census.HERE, completed=True)

    communes, whole = census.summary(Y)
    kim, tan = communes
    assert (kim.commune, tan.commune, tan.difficult) == ("Xã Kim Đức", "Xã Tân Lập", True)
    five = tan.ages[5]
    assert (five.birth_year, five.children, five.here, five.other, five.attending, five.not_attending) == \
        (2021, 4, 2, 1, 3, 1)
    assert (five.completed, five.moved, five.deceased, five.girls, five.minority, five.disabled) == \
        (2, 1, 1, 2, 1, 1)
    assert (five.attending_rate, five.completed_rate) == (75.0, 50.0)           # 3/4, 2/4
    assert (tan.ages[3].children, tan.ages[3].attending, tan.ages[3].attending_rate) == (2, 1, 50.0)
    assert tan.total.children == 6 and tan.total.attending == 4
    # The area: 5 five-year-olds, 4 attending = 80 %, not the mean of 75 % and 100 %.
    assert (whole.ages[5].children, whole.ages[5].attending, whole.ages[5].attending_rate) == (5, 4, 80.0)
    assert whole.ages[5].completed_rate == 60.0                                   # 3/5
    # A difficult commune needs 90 % attending (normal 95 %) and 80 % completing (normal 85 %).
    attend, complete = tan.checks_of("ND20_5T")
    assert (attend.age, attend.required, attend.rate, attend.met) == (5, 90, 75.0, False)
    assert (complete.required, complete.rate, complete.met) == (80, 50.0, False)
    assert [c.met for c in kim.checks_of("ND20_5T")] == [True, True] and kim.checks[0].required == 95
    assert census.check_sentence(attend).startswith("Trẻ 5 tuổi đang học: 75,0 % (cần ≥ 90 % theo NĐ 20/2014")


def test_report_indicators_carry_the_area_counts_and_merge_by_sums(area):
    entry(area["dong"], "An", "01/01/2021", census.HERE, completed=True)
    entry(area["dong"], "Bình", "02/01/2021", census.NONE)
    entry(area["kim"], "Chi", "03/01/2022", census.OTHER, school_name="MN Sao Mai")
    values = report_indicators(month_period(2026, 11), today=TODAY)
    assert (values["PC_TRE_5T"], values["PC_HOC_5T"], values["PC_HT_5T"]) == (2, 1, 1)
    assert (values["PC_TRE_4T"], values["PC_HOC_4T"]) == (1, 1)
    assert (values["PC_HOC_5T_TL"], values["PC_HT_5T_TL"], values["PC_HOC_4T_TL"]) == (50.0, 50.0, 100.0)
    assert values["PC_HOC_3T_TL"] is None and values["PC_TRE_0T"] == 0
    # An office adds the counts and recomputes: 1/2 and 9/10 give 10/12 = 83.3 %, not (50 + 90) / 2.
    other = indicators.complete({**{c: 0 for c in indicators.SUM_CODES}, "PC_TRE_5T": 10, "PC_HOC_5T": 9})
    assert indicators.aggregate([values, other])["PC_HOC_5T_TL"] == 83.3
    # A report before any census year: zeros, rates not computable.
    early = report_indicators(month_period(2025, 11), today=TODAY)
    assert early["PC_TRE_5T"] == 0 and early["PC_HOC_5T_TL"] is None


def test_linking_the_school_children_reads_them_from_their_record(school_db, area):
    la = school_db["Lá 1"]
    hoa = add_child(la, "Nguyễn Thị Hoa", "15/03/2021", village="thôn đông", commune="Xã Tân Lập")
    add_child(la, "Trần Văn Tú", "20/07/2021", "M")                         # no village in the record
    add_child(la, "Lê Văn Lớn", "20/07/2020", "M")                          # six years old in 2026
    typed = entry(area["tay"], "Nguyễn Thị Hoà", "10/10/2022", census.NONE, guardian="Nguyễn Văn Hải")
    same = add_child(school_db["Mầm 1"], "Nguyễn Thị Hoà", "10/10/2022")
    result = census.link_school_children(Y)
    assert (result.linked, result.created, result.out_of_range) == (1, 1, 1)
    assert result.without_village == ["Trần Văn Tú (HS00002)"]
    rows = {r.full_name: r for r in census.list_entries(Y)}
    assert rows["Nguyễn Thị Hoa"].child_id == hoa.id and rows["Nguyễn Thị Hoa"].village == "Thôn Đông"
    assert rows["Nguyễn Thị Hoà"].id == typed.id and rows["Nguyễn Thị Hoà"].child_id == same.id
    assert rows["Nguyễn Thị Hoà"].status == census.HERE and rows["Nguyễn Thị Hoà"].guardian_name == "Nguyễn Văn Hải"
    # With a default village the last one goes in; a second run adds nothing.
    again = census.link_school_children(Y, village_id=area["kim"])
    assert (again.linked, again.created, again.without_village) == (0, 1, [])
    assert census.link_school_children(Y, village_id=area["kim"]).created == 0
    # Not typed twice: a correction in the child's record shows in the census.
    form = children.form_for(hoa.id)
    form.full_name = "Nguyễn Thị Hoa Mai"
    children.update_child(hoa.id, form)
    assert census.get_entry(rows["Nguyễn Thị Hoa"].id).full_name == "Nguyễn Thị Hoa Mai"
    # The same child cannot be linked twice in a year.
    with pytest.raises(ValidationError) as err:
        census.create_entry(Y, census.EntryForm(village_id=area["dong"], child_id=hoa.id, status=census.HERE),
                            today=TODAY)
    assert "đã có trong điều tra năm 2026" in err.value.errors["child_id"]


def test_carry_forward_drops_the_six_year_olds_and_those_gone_and_resets_completion(area):
    d = area["dong"]
    entry(d, "Năm Tuổi", "01/01/2021", census.HERE, completed=True)             # 6 in 2027: dropped
    four = entry(d, "Bốn Tuổi", "01/01/2022", census.OTHER, school_name="MN Sao Mai", completed=True)
    entry(d, "Chuyển Đi", "01/01/2023", census.MOVED, status_date="01/06/2026")
    entry(d, "Đã Mất", "01/01/2024", census.DECEASED)
    entry(d, "Mới Sinh", "01/01/2026", census.NONE)
    with pytest.raises(MamnonError, match="Chưa có số liệu điều tra năm 2027"):
        census.carry_forward(2028)
    result = census.carry_forward(2027)
    assert (result.copied, result.aged_out, result.gone, result.already, result.newborns) == (2, 1, 2, 0, 0)
    new = {r.full_name: r for r in census.list_entries(2027)}
    assert sorted(new) == ["Bốn Tuổi", "Mới Sinh"]
    assert (new["Bốn Tuổi"].age, new["Bốn Tuổi"].status, new["Bốn Tuổi"].completed) == (5, census.OTHER, False)
    assert new["Bốn Tuổi"].school_name == "MN Sao Mai" and new["Mới Sinh"].age == 1
    assert census.get_entry(four.id).completed                                   # last year is kept as it was
    again = census.carry_forward(2027)
    assert (again.copied, again.already) == (0, 2)


def test_a_move_is_recorded_with_its_date_and_destination(area):
    row = entry(area["dong"], "Lò Văn Páo", "03/04/2022", census.NONE, sex="M")
    moved = census.record_move(row.id, "chuyen-di", dt.date(2026, 10, 15), destination="Xã Kim Đức",
                               today=TODAY)
    assert (moved.status, moved.status_date, moved.destination) == (census.MOVED, dt.date(2026, 10, 15),
                                                                      "Xã Kim Đức")
    assert moved.where == "Chuyển đi đến Xã Kim Đức (15/10/2026)"
    assert census.summary(Y)[1].ages[4].children == 0
    with pytest.raises(ValidationError):
        census.record_move(row.id, "da-mat", dt.date(2027, 1, 1), today=TODAY)


def test_list_filters_by_village_and_searches_without_diacritics(area):
    entry(area["dong"], "Nguyễn Thị Hoa", "01/01/2022")
    entry(area["tay"], "Nguyễn Văn Thịnh", "01/01/2022", guardian="Trần Thị Bích")
    entry(area["tay"], "Lê Minh Khôi", "01/01/2023")
    assert [r.full_name for r in census.list_entries(Y, search="nguyen thi")] == ["Nguyễn Thị Hoa"]
    assert [r.full_name for r in census.list_entries(Y, search="tran thi bich")] == ["Nguyễn Văn Thịnh"]
    assert [r.full_name for r in census.list_entries(Y, village_id=area["tay"])] == ["Lê Minh Khôi",
                                                                                     "Nguyễn Văn Thịnh"]
    assert CensusVillage.select().count() == 3
