"""The pure merge (mamnon.merge): associativity, rates recomputed, every check, completeness."""

from __future__ import annotations

import pytest

from mamnon import indicators
from mamnon.merge import (
    ExpectedUnit, MergeInput, MergeResult, Rejected, Unit, UnitRow, aggregate, merge, row_problems,
)
from mamnon.workbooks.kinds import NOT_SUBMITTED, SEVERITY_ERROR, SEVERITY_WARNING, SUBMITTED, UNEXPECTED

NOV = "2026-11"
OFFICE = Unit("PGD-YL", "Phòng GD&ĐT Yên Lạc", "Phòng GD&ĐT")
PROVINCE = Unit("SGD-PT", "Sở GD&ĐT Phú Thọ", "Sở GD&ĐT")


def figures(children: int, girls: int, *, kcal: float = 0.0, measured: int | None = None, **extra) -> dict:
    """Consistent sums of a school: stages and age groups add up to `children`."""
    crèche = children // 3
    rest = children - crèche
    sums = {
        "TRE": children, "TRE_NU": girls, "TRE_NHA_TRE": crèche, "TRE_MAU_GIAO": rest,
        "TRE_NT_25_36": crèche, "TRE_MG_4_5": rest, "DD_CAN_DO": children if measured is None else measured,
        "DD_NHE_CAN": children // 10, "CC_NGAY_TRE": children * 20, "CC_CO_MAT": children * 18,
        "BT_MAU_GIAO_SUAT": rest * 20, "BT_MAU_GIAO_KCAL_TONG": kcal, "CB_GV": 4, "GV_DAT_CHUAN": 3, "CB": 6,
    }
    sums.update(extra)
    return indicators.complete(sums)


def school(code: str, name: str, values: dict, *, exported: str = "2026-11-30T10:00:00", period: str = NOV,
           checksum_ok: bool | None = True, surveillance: list[dict] | None = None) -> MergeInput:
    unit = Unit(code, name, "Trường")
    return MergeInput(f"{code}.xlsx", unit, period, "1", exported, checksum_ok, dict(values),
                      [UnitRow(code, name, "Trường", (), exported, dict(values))], surveillance or [])


def as_input(result: MergeResult, exported: str = "2026-12-02T09:00:00") -> MergeInput:
    """What the reader makes of the merged workbook: its «Chỉ tiêu» and its «Đơn vị» rows."""
    return MergeInput(f"{result.unit.code}.xlsx", result.unit, result.period, "1", exported, True,
                      dict(result.indicators), list(result.rows), list(result.surveillance))


A = school("MN-A", "Trường MN Hoa Sen", figures(120, 61, kcal=1234.5))
B = school("MN-B", "Trường MN Sao Mai", figures(85, 40, kcal=777.7))
C = school("MN-C", "Trường MN Bình Minh", figures(203, 99, kcal=2222.2))


def leaf_rows(result: MergeResult) -> list[tuple]:
    """Leaf rows without their path (the path grows with each level merged)."""
    return [(r.code, r.name, r.level, r.exported_at, dict(r.indicators)) for r in result.leaves]


def codes(checks, severity=None) -> list[str]:
    return [c.unit_code for c in checks if severity is None or c.severity == severity]


# ---------------------------------------------------------------- associativity, rates


def test_merging_is_associative_on_indicators_and_leaf_rows():
    x = Unit("X", "Cụm X", "Cụm")
    flat = merge([A, B, C], unit=PROVINCE)
    left = merge([as_input(merge([A, B], unit=x)), C], unit=PROVINCE)
    right = merge([A, as_input(merge([B, C], unit=x))], unit=PROVINCE)
    assert flat.indicators == left.indicators == right.indicators
    assert leaf_rows(flat) == leaf_rows(left) == leaf_rows(right)
    assert flat.indicators["TRE"] == 408
    assert flat.indicators["BT_MAU_GIAO_KCAL_TONG"] == 4234.4  # not 4234.400000000001: files hold the same
    assert [r.path for r in left.rows] == [("Cụm X",), ("Cụm X", A.unit.name), ("Cụm X", B.unit.name),
                                           (C.unit.name,)]
    (sub,) = left.subtotals
    assert (sub.code, sub.row_type) == ("X", "Tổng đơn vị")
    assert sub.indicators == aggregate([A.indicators, B.indicators])


def test_three_levels_deep_keep_every_leaf_with_its_full_path():
    office = as_input(merge([A, B], unit=OFFICE))
    province = as_input(merge([office, C], unit=PROVINCE))
    country = merge([province], unit=Unit("BO", "Bộ", "Bộ"))
    assert [r.path_text for r in country.rows] == [
        "Sở GD&ĐT Phú Thọ", "Sở GD&ĐT Phú Thọ › Phòng GD&ĐT Yên Lạc",
        "Sở GD&ĐT Phú Thọ › Phòng GD&ĐT Yên Lạc › Trường MN Hoa Sen",
        "Sở GD&ĐT Phú Thọ › Phòng GD&ĐT Yên Lạc › Trường MN Sao Mai",
        "Sở GD&ĐT Phú Thọ › Trường MN Bình Minh"]
    assert country.indicators == merge([A, B, C], unit=PROVINCE).indicators
    assert country.subtotals[1].indicators["TRE"] == 205


def test_the_aggregate_is_the_catalogues_with_float_noise_rounded():
    units = [A.indicators, B.indicators, C.indicators]
    assert aggregate(units) == pytest.approx(indicators.aggregate(units))
    assert aggregate(units)["BT_MAU_GIAO_KCAL_TONG"] == round(1234.5 + 777.7 + 2222.2, 6)


def test_rates_are_recomputed_from_sums_not_averaged():
    small = school("MN-S", "Trường nhỏ", figures(10, 3))
    big = school("MN-L", "Trường lớn", figures(290, 145))
    assert (small.indicators["TRE_NU_TL"], big.indicators["TRE_NU_TL"]) == (30.0, 50.0)
    result = merge([small, big], unit=OFFICE)
    assert result.indicators["TRE_NU_TL"] == 49.3  # 148 / 300, not (30 + 50) / 2
    assert result.indicators["TRE"] == 300


def test_subtotals_come_from_the_leaves_not_from_the_file():
    province = as_input(merge([as_input(merge([A, B], unit=OFFICE)), C], unit=PROVINCE))
    office = province.rows[0]
    assert office.subtotal and office.indicators["TRE"] == 205
    province.rows[0] = UnitRow(office.code, office.name, office.level, office.path, office.exported_at,
                               {**office.indicators, "TRE": 9999}, subtotal=True)
    result = merge([province], unit=Unit("BO", "Bộ", "Bộ"))
    assert [(s.code, s.indicators["TRE"]) for s in result.subtotals] == [(PROVINCE.code, 408), (OFFICE.code, 205)]


# ---------------------------------------------------------------- choosing inputs


def test_a_unit_sent_twice_keeps_the_most_recent_export_and_reports_the_other():
    old = school("MN-A", "Trường MN Hoa Sen", figures(100, 50), exported="2026-11-28T08:00:00")
    new = school("MN-A", "Trường MN Hoa Sen", figures(120, 61), exported="2026-11-30T17:00:00")
    new.source = "hoa-sen-moi.xlsx"
    result = merge([new, B, old], unit=OFFICE)
    assert result.indicators["TRE"] == 205
    assert [c.source for c in result.contributors] == ["hoa-sen-moi.xlsx", "MN-B.xlsx"]
    (warning,) = [c for c in result.checks if c.unit_code == "MN-A"]
    assert warning.severity == SEVERITY_WARNING and "giữ hoa-sen-moi.xlsx" in warning.message
    assert warning.file == "MN-A.xlsx"
    assert [(f.source, f.accepted) for f in result.files] == [("hoa-sen-moi.xlsx", True), ("MN-B.xlsx", True),
                                                               ("MN-A.xlsx", False)]
    assert "tệp mới hơn" in result.files[2].reason


def test_a_school_under_two_offices_is_counted_once_and_reported():
    one = as_input(merge([A, B], unit=OFFICE), exported="2026-12-01T08:00:00")
    newer_a = school("MN-A", "Trường MN Hoa Sen", figures(121, 61), exported="2026-12-01T09:00:00")
    two = as_input(merge([newer_a, C], unit=Unit("PGD-VT", "Phòng GD&ĐT Vĩnh Tường")), exported="2026-12-01T10:00:00")
    result = merge([one, two], unit=PROVINCE)
    assert [r.code for r in result.leaves] == ["MN-B", "MN-A", "MN-C"]
    assert result.indicators["TRE"] == 85 + 121 + 203
    assert [s.indicators["TRE"] for s in result.subtotals] == [85, 121 + 203]
    (error,) = [c for c in result.checks if c.unit_code == "MN-A"]
    assert error.severity == SEVERITY_ERROR and "hai nơi" in error.message
    assert "Phòng GD&ĐT Yên Lạc › Trường MN Hoa Sen" in error.message and error.file == "PGD-YL.xlsx"


def test_other_periods_are_rejected_and_the_rest_merged():
    october = school("MN-C", "Trường MN Bình Minh", figures(10, 5), period="2026-10")
    result = merge([A, october, B], unit=OFFICE)
    assert result.period == NOV and result.indicators["TRE"] == 205
    rejected = [f for f in result.files if not f.accepted]
    assert [f.source for f in rejected] == ["MN-C.xlsx"]
    assert "Tháng 10/2026 khác kỳ đang gộp Tháng 11/2026" in rejected[0].reason
    assert codes(result.checks, SEVERITY_ERROR) == ["MN-C"]
    only_october = merge([A, october], unit=OFFICE, period="2026-10")
    assert only_october.indicators["TRE"] == 10 and only_october.period == "2026-10"


def test_files_rejected_by_the_reader_are_listed_and_never_stop_the_merge():
    bad = Rejected("hong.xlsx", "tệp bị hỏng.")
    result = merge([bad, A], unit=OFFICE)
    assert result.indicators["TRE"] == 120
    assert (result.files[0].accepted, result.files[0].reason) == (False, "tệp bị hỏng.")
    assert any(c.file == "hong.xlsx" and c.severity == SEVERITY_ERROR and "tệp bị hỏng" in c.message
               for c in result.checks)


def test_the_merging_units_own_file_is_not_merged_into_itself():
    previous = as_input(merge([A], unit=OFFICE))
    result = merge([previous, B], unit=OFFICE)
    assert result.indicators["TRE"] == 85
    assert "chính đơn vị đang gộp" in result.files[0].reason


# ---------------------------------------------------------------- checks on the figures


@pytest.mark.parametrize("change, words", [
    ({"TRE_NU": 130}, "Trẻ nữ (130) nhiều hơn tổng số trẻ (120)"),
    ({"TRE_NHA_TRE": 41}, "nhà trẻ + mẫu giáo (121) khác tổng số trẻ"),
    ({"TRE_MG_4_5": 79}, "sáu nhóm tuổi (119) khác"),
    ({"DD_CAN_DO": 125}, "cân đo (125) nhiều hơn tổng số trẻ"),
    ({"CC_CO_MAT": 2401}, "có mặt (2401) nhiều hơn số lượt phải đi học (2400)"),
    ({"GV_DAT_CHUAN": 5}, "đạt chuẩn (5) nhiều hơn số giáo viên (4)"),
    ({"CB_BAO_VE": -1}, "Số âm ở chỉ tiêu CB_BAO_VE"),
])
def test_inconsistent_figures_are_flagged_per_unit(change, words):
    assert row_problems(figures(120, 61)) == []
    odd = school("MN-A", "Trường MN Hoa Sen", figures(120, 61, **change))
    office = as_input(merge([odd, B], unit=OFFICE))
    for result in (merge([odd, B], unit=OFFICE), merge([office], unit=PROVINCE)):
        (check,) = [c for c in result.checks if c.unit_code == "MN-A"]
        assert check.severity == SEVERITY_ERROR and words in check.message, check.message
        assert codes(result.checks) == ["MN-A"]


def test_a_changed_file_is_merged_but_flagged_with_the_codes_that_differ():
    edited = school("MN-A", "Trường MN Hoa Sen", figures(120, 61), checksum_ok=False)
    edited.indicators = {**edited.indicators, "TRE": 150, "CB": 7}
    result = merge([edited, B], unit=OFFICE)
    assert result.indicators["TRE"] == 205  # from «Đơn vị», whose rows add up
    (check,) = result.checks
    assert check.severity == SEVERITY_WARNING and "đã bị sửa" in check.message
    assert "ở: TRE, CB (số liệu gộp" in check.message
    untouched = school("MN-A", "Trường MN Hoa Sen", figures(120, 61), checksum_ok=False)
    (check,) = merge([untouched], unit=OFFICE).checks
    assert "đã bị sửa" in check.message and "khác tổng" not in check.message


def test_the_readers_own_checks_are_carried():
    from mamnon.merge import Check

    noted = school("MN-A", "Trường MN Hoa Sen", figures(120, 61))
    noted.checks = [Check(SEVERITY_WARNING, "MN-A", "Trường MN Hoa Sen", "MN-A.xlsx", "Chỉ tiêu CC_TL ghi 99")]
    assert [c.message for c in merge([noted], unit=OFFICE).checks] == ["Chỉ tiêu CC_TL ghi 99"]


# ---------------------------------------------------------------- surveillance, completeness


def test_surveillance_lists_are_concatenated_without_a_repeated_school():
    watch_a = [{"unit_code": "MN-A", "code": "HS1", "full_name": "An"}]
    a = school("MN-A", "Trường MN Hoa Sen", figures(120, 61), surveillance=watch_a, exported="2026-11-01T08:00:00")
    b = school("MN-B", "Trường MN Sao Mai", figures(85, 40), surveillance=[{"unit_code": "MN-B", "code": "HS9"}])
    assert [r["code"] for r in merge([a, b], unit=OFFICE).surveillance] == ["HS1", "HS9"]
    newer = school("MN-A", "Trường MN Hoa Sen", figures(120, 61), exported="2026-11-02T08:00:00",
                   surveillance=[{"unit_code": "MN-A", "code": "HS2"}])
    office = as_input(merge([newer], unit=Unit("PGD-VT", "Phòng GD&ĐT Vĩnh Tường")))
    offices = [as_input(merge([a, b], unit=OFFICE)), office]
    assert [r["code"] for r in merge(offices, unit=PROVINCE, lists_up_to=2).surveillance] == ["HS9", "HS2"]


def test_names_of_children_reach_only_the_levels_allowed():
    watch = [{"unit_code": "MN-A", "code": "HS1", "full_name": "An"}]
    a = school("MN-A", "Trường MN Hoa Sen", figures(120, 61), surveillance=watch)
    office = merge([a], unit=OFFICE)
    assert not office.lists_withheld and [r["code"] for r in office.surveillance] == ["HS1"]
    assert merge([a], unit=OFFICE, lists_up_to=0).surveillance == []
    province = merge([as_input(office)], unit=PROVINCE)
    assert province.lists_withheld and province.surveillance == []
    assert province.indicators == office.indicators  # counts still go up
    # a school sent straight to the province (no office between) is one level below it
    assert merge([a], unit=PROVINCE).surveillance == watch
    assert merge([as_input(province)], unit=Unit("BGD", "Bộ"), lists_up_to=2).lists_withheld


def test_completeness_against_the_expected_units():
    expected = [ExpectedUnit("MN-A", "Trường MN Hoa Sen"), ExpectedUnit("mn-b ", "Trường MN Sao Mai"),
                ExpectedUnit("MN-D", "Trường MN Đồng Tâm")]
    result = merge([A, B, C], unit=OFFICE, expected=expected)
    assert result.summary == "2/3 đơn vị đã nộp"
    assert [(s.unit_code, s.status, s.file, s.exported_at) for s in result.submissions] == [
        ("MN-A", SUBMITTED, "MN-A.xlsx", A.exported_at), ("mn-b ", SUBMITTED, "MN-B.xlsx", B.exported_at),
        ("MN-D", NOT_SUBMITTED, "", ""), ("MN-C", UNEXPECTED, "MN-C.xlsx", C.exported_at)]
    assert [(c.unit_code, c.severity) for c in result.checks] == [("MN-D", SEVERITY_WARNING),
                                                                  ("MN-C", SEVERITY_WARNING)]
    assert result.indicators["TRE"] == 408  # an unexpected unit is still merged


def test_completeness_of_a_province_counts_offices_and_schools_inside_them():
    office = as_input(merge([A, B], unit=OFFICE))
    expected = [ExpectedUnit(OFFICE.code, OFFICE.name), ExpectedUnit("PGD-VT", "Phòng GD&ĐT Vĩnh Tường"),
                ExpectedUnit("MN-B", "Trường MN Sao Mai")]
    result = merge([office], unit=PROVINCE, expected=expected)
    assert result.summary == "2/3 đơn vị đã nộp"
    assert [s.status for s in result.submissions] == [SUBMITTED, NOT_SUBMITTED, SUBMITTED]


def test_without_a_list_every_merged_unit_counts_as_submitted():
    result = merge([A, B], unit=OFFICE, level_name="UBND xã")
    assert result.summary == "2 đơn vị đã nộp" and result.unit.level == "UBND xã"
    assert [s.status for s in result.submissions] == [SUBMITTED, SUBMITTED]
