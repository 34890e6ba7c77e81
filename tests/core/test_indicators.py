"""The indicator catalogue: sums add up the hierarchy, rates are recomputed, never averaged."""

from __future__ import annotations

import itertools

from mamnon import indicators as ind
from mamnon.reference import AGE_GROUPS, POSITIONS, QUALIFICATIONS


def test_codes_are_unique_ascii_and_rates_point_at_sums():
    codes = [i.code for i in ind.CATALOGUE]
    assert len(codes) == len(set(codes))
    assert all(c.isascii() and c.replace("_", "").isalnum() and c.upper() == c for c in codes)
    for i in ind.CATALOGUE:
        if i.aggregate == ind.RATE:
            assert ind.BY_CODE[i.numerator].aggregate == ind.SUM, i.code
            assert ind.BY_CODE[i.denominator].aggregate == ind.SUM, i.code
        else:
            assert not i.numerator and not i.denominator


def test_catalogue_covers_every_age_group_position_and_qualification():
    for a in AGE_GROUPS:
        assert f"TRE_{a.code}" in ind.BY_CODE
    assert len(ind.POSITION_CODES) == len(POSITIONS)
    assert len(ind.QUALIFICATION_CODES) == len(QUALIFICATIONS)
    assert ind.BY_CODE["CB_GV"].label == "Giáo viên"


def test_a_rate_of_an_office_is_recomputed_from_sums_not_averaged():
    school_a = ind.complete({"TRE": 10, "TRE_NU": 3})        # 30 %
    school_b = ind.complete({"TRE": 290, "TRE_NU": 145})     # 50 %
    office = ind.aggregate([school_a, school_b])
    assert office["TRE"] == 300 and office["TRE_NU"] == 148
    assert office["TRE_NU_TL"] == 49.3                       # 148 / 300, not (30 + 50) / 2
    assert (school_a["TRE_NU_TL"] + school_b["TRE_NU_TL"]) / 2 == 40.0


def test_merging_is_associative():
    units = [ind.complete({"TRE": n, "TRE_NU": n // 3, "CC_CO_MAT": 19 * n, "CC_NGAY_TRE": 21 * n,
                           "BT_MAU_GIAO_SUAT": 20 * n, "BT_MAU_GIAO_KCAL_TONG": 650.4 * 20 * n})
             for n in (7, 120, 333)]
    a, b, c = units
    assert ind.aggregate([ind.aggregate([a, b]), c]) == ind.aggregate([a, b, c]) \
        == ind.aggregate([a, ind.aggregate([b, c])])


def test_rates_round_half_up_and_are_none_without_a_denominator():
    values = ind.complete({"TRE": 8, "TRE_NU": 1})           # 12.5 %
    assert values["TRE_NU_TL"] == 12.5
    values = ind.complete({"DD_CAN_DO": 3, "DD_NHE_CAN": 1})  # 33.333… → 33.3
    assert values["DD_NHE_CAN_TL"] == 33.3
    values = ind.complete({"DD_CAN_DO": 8, "DD_NHE_CAN": 1, "TRE": 0})
    assert values["DD_NHE_CAN_TL"] == 12.5
    assert values["TRE_NU_TL"] is None
    money = ind.complete({"BT_NHA_TRE_SUAT": 3, "BT_NHA_TRE_TIEN_THU": 50_000})
    assert money["BT_NHA_TRE_TIEN_TB"] == 16_667               # đồng, whole


def test_complete_fills_every_code():
    values = ind.complete({})
    assert set(values) == set(ind.BY_CODE)
    assert all(values[c] == 0 for c in ind.SUM_CODES)


def test_every_pair_of_orders_gives_the_same_office():
    units = [ind.complete({"CB": k, "CB_GV": k - 1, "GV_DAT_CHUAN": k - 2}) for k in (3, 5, 9)]
    results = {tuple(sorted(ind.aggregate(p).items())) for p in itertools.permutations(units)}
    assert len(results) == 1
