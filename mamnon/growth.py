"""WHO growth z-scores and the classification Vietnamese preschools report.

Tables (``mamnon/data/who/*.csv``, LMS parameters published by WHO):

* WHO Child Growth Standards 2006 (0–60 months), by age in **days** 0–1826:
  weight-for-age, length/height-for-age, BMI-for-age; weight-for-length
  (45–110 cm) and weight-for-height (65–120 cm) in 0.1 cm rows.
* WHO Growth Reference 2007 (5–19 years), by whole **months** 60–228
  (weight-for-age 60–120), L/M/S interpolated linearly between months,
  age in months = days / 30.4375.

Rules, as WHO Anthro (R package ``anthro``) and AnthroPlus (``anthroplus``) apply them:

* the seam: ``age_days <= 1826`` uses the 2006 standards (WHO Anthro stops at
  age in months < 60, i.e. day 1826); from day 1827 (60.03 months) the 2007
  reference, as AnthroPlus does from 60 months on;
* length/height: under 731 days a child measured standing gets +0.7 cm; from
  731 days a child measured lying gets −0.7 cm; ``lying=None`` means measured
  the recommended way (no correction).  The corrected value is used for
  height-for-age, weight-for-length/height and BMI;
* weight-for-length below 731 days, weight-for-height from 731 days (to 1826);
  between two 0.1 cm rows L, M, S are interpolated linearly; outside the
  table range there is no z-score;
* z = ((X/M)^L − 1)/(L·S); weight-based indicators use WHO's restricted
  application beyond ±3 SD; length/height-for-age is never restricted;
* z-scores are rounded to 2 decimals with Python's ``round`` (as WHO Anthro
  reports); flags (implausible values) are judged on the rounded value:
  |z| > 6 height-for-age, z < −6 or > 5 weight-for-age, |z| > 5
  weight-for-length/height and BMI-for-age.

Everything here is plain Python (no numpy): the tables are read lazily once
into lists indexed by day, month or tenth of a centimetre.  See docs/growth.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from mamnon.errors import MamnonError
from mamnon.i18n import N_, _

__all__ = [
    "INDICATORS", "CHART_Z", "LAST_DAY_2006", "FIRST_STANDING_DAY",
    "ZScores", "Category", "Classification", "InvalidMeasurement",
    "zscores", "zscores_by_age", "zscore", "classify", "classify_value",
    "lms", "value_for_z", "curve", "parse_sex", "age_in_days", "corrected_height",
    "CATEGORIES",
]

INDICATORS = ("wfa", "hfa", "wfh", "bfa")
"""Weight-for-age, length/height-for-age, weight-for-length/height, BMI-for-age."""

CHART_Z = (-3, -2, 0, 2, 3)
"""The z lines drawn on growth charts."""

DAYS_PER_MONTH = 30.4375  # 365.25 / 12, WHO Anthro and AnthroPlus
LAST_DAY_2006 = 1826      # last row of the 2006 age tables (59.99 months)
FIRST_STANDING_DAY = 731  # 24 months: height (standing) from this day on
CORRECTION_CM = 0.7       # lying length − standing height
LAST_MONTH_WFA_2007 = 120
LAST_MONTH_2007 = 228

_WEIGHT_BASED = frozenset(("wfa", "wfh", "bfa"))
_NO_FLAGS: frozenset[str] = frozenset()


class InvalidMeasurement(MamnonError, ValueError):
    """A measurement that cannot be used (the message is Vietnamese)."""


# --------------------------------------------------------------------------- tables

# Filled on first use.  Layout, with s = 0 for boys and 1 for girls:
#   _T["wfa"|"hfa"|"bfa"][s][day]            -> (L, M, S), day 0..1826 (2006)
#   _T["wfl"][s][tenth_cm - 450]             -> (L, M, S), 45.0..110.0 cm
#   _T["wfh"][s][tenth_cm - 650]             -> (L, M, S), 65.0..120.0 cm
#   _T["wfa07"|"hfa07"|"bfa07"][s][month-60] -> (L, M, S), 60..120 / 60..228
_T: dict[str, tuple[list, list]] = {}

_FILES = {
    "wfa": ("who2006_weight_for_age.csv", "age_days", 0),
    "hfa": ("who2006_length_height_for_age.csv", "age_days", 0),
    "bfa": ("who2006_bmi_for_age.csv", "age_days", 0),
    "wfl": ("who2006_weight_for_length.csv", "length_cm", 450),
    "wfh": ("who2006_weight_for_height.csv", "height_cm", 650),
    "wfa07": ("who2007_weight_for_age.csv", "age_months", 60),
    "hfa07": ("who2007_height_for_age.csv", "age_months", 60),
    "bfa07": ("who2007_bmi_for_age.csv", "age_months", 60),
}
_TENTHS = frozenset(("wfl", "wfh"))
_RANGE_CM = {"wfl": (45.0, 110.0), "wfh": (65.0, 120.0)}


def _load() -> dict[str, tuple[list, list]]:
    if _T:
        return _T
    from importlib import resources  # 6 ms of imports, only when the tables are first needed

    folder = resources.files("mamnon").joinpath("data", "who")
    tables = {}
    for name, (filename, key, first) in _FILES.items():
        rows: tuple[list, list] = ([], [])
        with folder.joinpath(filename).open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            if next(reader) != ["sex", key, "L", "M", "S"]:
                raise RuntimeError(f"{filename}: unexpected columns")
            for sex, k, L, M, S in reader:
                s = 0 if sex == "M" else 1
                index = round(float(k) * 10) if name in _TENTHS else int(k)
                if index - first != len(rows[s]):
                    raise RuntimeError(f"{filename}: row {sex},{k} out of sequence")
                rows[s].append((float(L), float(M), float(S)))
        tables[name] = rows
    _T.update(tables)
    return _T


def _round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def _age_lms(t: dict, indicator: str, s: int, age_days: float):
    """(L, M, S) for an age-based indicator, or None outside the tables."""
    if isinstance(age_days, int):
        day = age_days
    else:
        day = _round_half_up(age_days)
    if day < 0:
        return None
    if day <= LAST_DAY_2006:
        return t[indicator][s][day]
    months = age_days / DAYS_PER_MONTH
    if months > (LAST_MONTH_WFA_2007 if indicator == "wfa" else LAST_MONTH_2007):
        return None
    rows = t[indicator + "07"][s]
    lo = int(months)
    f = months - lo
    L0, M0, S0 = rows[lo - 60]
    if f == 0.0:
        return L0, M0, S0
    L1, M1, S1 = rows[lo - 59]
    return L0 + f * (L1 - L0), M0 + f * (M1 - M0), S0 + f * (S1 - S0)


def _wfh_table(age_days: float | None, height_cm: float) -> str | None:
    """'wfl' (lying) below 731 days, 'wfh' (standing) 731–1826, None after 60 months.

    Without an age, WHO Anthro's rule: length table below 87 cm, height table from 87 cm.
    """
    if age_days is None:
        return "wfl" if height_cm < 87 else "wfh"
    day = age_days if isinstance(age_days, int) else _round_half_up(age_days)
    if day < 0 or day > LAST_DAY_2006:
        return None
    return "wfl" if day < FIRST_STANDING_DAY else "wfh"


def _height_lms(t: dict, table: str, s: int, height_cm: float):
    """(L, M, S) for a length/height, interpolated between the 0.1 cm rows."""
    low, high = _RANGE_CM[table]
    if not low <= height_cm <= high:
        return None
    x = height_cm * 10.0
    i = int(x)
    f = x - i
    rows = t[table][s]
    base = 450 if table == "wfl" else 650
    if f < 1e-9:
        return rows[i - base]
    if f > 1.0 - 1e-9:
        return rows[i + 1 - base]
    L0, M0, S0 = rows[i - base]
    L1, M1, S1 = rows[i + 1 - base]
    return L0 + f * (L1 - L0), M0 + f * (M1 - M0), S0 + f * (S1 - S0)


# --------------------------------------------------------------------------- LMS maths


def _z(x: float, L: float, M: float, S: float) -> float:
    if L == 0.0:
        return math.log(x / M) / S
    return ((x / M) ** L - 1.0) / (L * S)


def _sd(L: float, M: float, S: float, k: float) -> float:
    """The measurement at k SD: M·(1 + L·S·k)^(1/L)."""
    if L == 0.0:
        return M * math.exp(S * k)
    return M * (1.0 + L * S * k) ** (1.0 / L)


def _z_restricted(x: float, L: float, M: float, S: float) -> float:
    """WHO's restricted application of the LMS method beyond ±3 SD."""
    if L == 0.0:
        z = math.log(x / M) / S
    else:
        z = ((x / M) ** L - 1.0) / (L * S)
    if z > 3.0:
        sd3 = _sd(L, M, S, 3.0)
        return 3.0 + (x - sd3) / (sd3 - _sd(L, M, S, 2.0))
    if z < -3.0:
        sd3 = _sd(L, M, S, -3.0)
        return -3.0 + (x - sd3) / (_sd(L, M, S, -2.0) - sd3)
    return z


def _value_at(indicator: str, L: float, M: float, S: float, z: float) -> float:
    """Inverse of the z-score: the restricted inverse beyond ±3 for weight-based indicators."""
    if indicator in _WEIGHT_BASED and z > 3.0:
        sd3 = _sd(L, M, S, 3.0)
        return sd3 + (z - 3.0) * (sd3 - _sd(L, M, S, 2.0))
    if indicator in _WEIGHT_BASED and z < -3.0:
        sd3 = _sd(L, M, S, -3.0)
        return sd3 + (z + 3.0) * (_sd(L, M, S, -2.0) - sd3)
    return _sd(L, M, S, z)


# --------------------------------------------------------------------------- inputs

_SEXES = {"m": 0, "nam": 0, "1": 0, "f": 1, "nữ": 1, "2": 1}  # i18n-skip: words accepted as input


def parse_sex(sex) -> str:
    """'M' or 'F' from 'M'/'F', 'Nam'/'Nữ' (any case, NFC or NFD), 1/2."""
    return "MF"[_sex_index(sex)]


def _sex_index(sex) -> int:
    if sex == "M" or sex == 1 and not isinstance(sex, bool):  # the usual cases, fast
        return 0
    if sex == "F" or sex == 2 and not isinstance(sex, bool):
        return 1
    if isinstance(sex, str):
        s = _SEXES.get(unicodedata.normalize("NFC", sex).strip().casefold())
        if s is not None:
            return s
    raise InvalidMeasurement(
        _("Giới tính không hợp lệ: {value}. Dùng 'Nam'/'Nữ', 'M'/'F' hoặc 1/2.").format(value=repr(sex)))


def _as_date(value, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        from mamnon.formats import parse_date
        try:
            return parse_date(value)
        except ValueError as exc:
            raise InvalidMeasurement(f"{what}: {exc}") from None
    raise InvalidMeasurement(_("{what} không hợp lệ: {value}.").format(what=what, value=repr(value)))


def age_in_days(birth_date, measured_on) -> int:
    """Days from birth to the measurement (negative when measured before birth)."""
    return (_as_date(measured_on, _("Ngày đo")) - _as_date(birth_date, _("Ngày sinh"))).days


def _positive(value, what: str, unit: str) -> float | None:
    if value is None:
        return None
    try:
        if isinstance(value, (bool, str, bytes)):
            raise TypeError
        number = float(value)  # int, float, Decimal, numpy scalars
    except (TypeError, ValueError):
        raise InvalidMeasurement(_("{what} phải là một số ({unit}), không phải {value}.").format(
            what=what, unit=unit, value=repr(value))) from None
    if not math.isfinite(number) or number <= 0:
        raise InvalidMeasurement(_("{what} phải là một số dương ({unit}), không phải {value}.").format(
            what=what, unit=unit, value=repr(value)))
    return number


def _lying(value) -> bool | None:
    if value is None or value is True or value is False:
        return value
    if isinstance(value, str) and value.strip().upper() in ("L", "H"):
        return value.strip().upper() == "L"
    raise InvalidMeasurement(
        _("Tư thế đo không hợp lệ: {value} (nằm: True hoặc 'L'; đứng: False hoặc 'H').").format(value=repr(value)))


def corrected_height(age_days: int, height_cm: float, lying: bool | None) -> float:
    """The length/height after the ±0.7 cm lying/standing correction."""
    if lying is None or age_days < 0:
        return height_cm
    if age_days < FIRST_STANDING_DAY and not lying:
        return round(height_cm + CORRECTION_CM, 9)
    if age_days >= FIRST_STANDING_DAY and lying:
        return round(height_cm - CORRECTION_CM, 9)
    return height_cm


# --------------------------------------------------------------------------- z-scores


@dataclass(frozen=True, slots=True)
class ZScores:
    """The four z-scores of one measurement (None where an indicator does not apply)."""

    age_days: int
    age_months: float          # days / 30.4375
    height_cm: float | None    # after the lying/standing correction
    bmi: float | None          # from the weight and the corrected height
    wfa: float | None          # weight-for-age
    hfa: float | None          # length/height-for-age
    wfh: float | None          # weight-for-length/height (up to 1826 days)
    bfa: float | None          # BMI-for-age
    flags: frozenset[str] = _NO_FLAGS   # WHO implausible values: re-check, do not classify


def zscores(sex, birth_date, measured_on, weight_kg=None, height_cm=None, lying=None,
            *, rounded: bool = True) -> ZScores:
    """Z-scores of a measurement taken on ``measured_on`` of a child born on ``birth_date``.

    ``lying``: True measured lying (length), False standing (height), None the
    recommended way for the age (lying under 731 days).  ``rounded=False``
    keeps the unrounded z-scores (for statistics); flags are always judged on
    the 2-decimal value, as WHO does.
    """
    days = (_as_date(measured_on, _("Ngày đo")) - _as_date(birth_date, _("Ngày sinh"))).days
    return zscores_by_age(sex, days, weight_kg, height_cm, lying, rounded=rounded)


def zscores_by_age(sex, age_days: int, weight_kg=None, height_cm=None, lying=None,
                   *, rounded: bool = True) -> ZScores:
    """As :func:`zscores`, with the age already in whole days."""
    s = _sex_index(sex)
    if isinstance(age_days, bool) or not isinstance(age_days, int):
        raise InvalidMeasurement(_("Tuổi (ngày) phải là số nguyên, không phải {value}.").format(value=repr(age_days)))
    w = weight_kg if type(weight_kg) is float and 0.0 < weight_kg < math.inf else \
        _positive(weight_kg, _("Cân nặng"), "kg")
    h = height_cm if type(height_cm) is float and 0.0 < height_cm < math.inf else \
        _positive(height_cm, _("Chiều cao"), "cm")
    if lying is not None:
        lying = _lying(lying)
        if h is not None:
            h = corrected_height(age_days, h, lying)
    bmi = w / (h * h) * 10000.0 if w is not None and h is not None else None

    t = _T or _load()
    wfa = hfa = wfh = bfa = None
    if age_days < 0:
        pass
    elif age_days <= LAST_DAY_2006:
        if w is not None:
            L, M, S = t["wfa"][s][age_days]
            wfa = _z_restricted(w, L, M, S)
        if h is not None:
            L, M, S = t["hfa"][s][age_days]
            hfa = (h / M - 1.0) / S if L == 1.0 else _z(h, L, M, S)
            if w is not None:
                L, M, S = t["bfa"][s][age_days]
                bfa = _z_restricted(bmi, L, M, S)
                lms_h = _height_lms(t, "wfl" if age_days < FIRST_STANDING_DAY else "wfh", s, h)
                if lms_h is not None:
                    wfh = _z_restricted(w, *lms_h)
    else:
        if w is not None:
            lms_w = _age_lms(t, "wfa", s, age_days)
            if lms_w is not None:
                wfa = _z_restricted(w, *lms_w)
        if h is not None:
            lms_a = _age_lms(t, "hfa", s, age_days)
            if lms_a is not None:
                hfa = _z(h, *lms_a)
                if w is not None:
                    bfa = _z_restricted(bmi, *_age_lms(t, "bfa", s, age_days))

    flags = _NO_FLAGS
    if wfa is not None:
        r = round(wfa, 2)
        if r > 5.0 or r < -6.0:
            flags = flags | {"wfa"}
        if rounded:
            wfa = r
    if hfa is not None:
        r = round(hfa, 2)
        if r > 6.0 or r < -6.0:
            flags = flags | {"hfa"}
        if rounded:
            hfa = r
    if wfh is not None:
        r = round(wfh, 2)
        if r > 5.0 or r < -5.0:
            flags = flags | {"wfh"}
        if rounded:
            wfh = r
    if bfa is not None:
        r = round(bfa, 2)
        if r > 5.0 or r < -5.0:
            flags = flags | {"bfa"}
        if rounded:
            bfa = r
    return ZScores(age_days, age_days / DAYS_PER_MONTH, h, bmi, wfa, hfa, wfh, bfa, flags)


def _check_indicator(indicator: str) -> str:
    if indicator not in INDICATORS:
        raise InvalidMeasurement(
            _("Chỉ số không hợp lệ: {value} (dùng một trong {known}).").format(
                value=repr(indicator), known=", ".join(INDICATORS)))
    return indicator


def _check_age(age_days) -> float:
    if isinstance(age_days, bool) or not isinstance(age_days, (int, float)) or not math.isfinite(age_days):
        raise InvalidMeasurement(_("Tuổi (ngày) không hợp lệ: {value}.").format(value=repr(age_days)))
    return age_days


def lms(indicator: str, sex, age_days: float | None = None, height_cm: float | None = None):
    """The (L, M, S) WHO uses for this indicator, age and (for ``wfh``) length/height.

    ``age_days`` may be fractional (an exact age from months × 30.4375): up to
    day 1826 it is rounded half up to a whole day (as WHO Anthro does), after
    that the 2007 month rows are interpolated at ``age_days / 30.4375``.
    For ``wfh`` the age chooses the table (length below 731 days, height from
    731 to 1826 days; without an age, WHO's rule: length table below 87 cm);
    ``height_cm`` must already be corrected for lying/standing.
    Returns None where the tables do not apply.
    """
    _check_indicator(indicator)
    s = _sex_index(sex)
    t = _T or _load()
    if indicator == "wfh":
        h = _positive(height_cm, _("Chiều cao"), "cm")
        if h is None:
            raise InvalidMeasurement(_("Cân nặng theo chiều cao cần chiều cao (cm)."))
        table = _wfh_table(None if age_days is None else _check_age(age_days), h)
        return None if table is None else _height_lms(t, table, s, h)
    if age_days is None:
        raise InvalidMeasurement(_("Chỉ số theo tuổi cần tuổi (ngày)."))
    return _age_lms(t, indicator, s, _check_age(age_days))


def zscore(indicator: str, sex, value: float, *, age_days: float | None = None,
           height_cm: float | None = None, rounded: bool = False) -> float | None:
    """One z-score from a measurement ``value`` (kg, cm, or BMI for ``bfa``), unrounded by default.

    Same tables, interpolation and restricted application as :func:`zscores`;
    ``height_cm`` (for ``wfh``) must already be corrected.  None where no table applies.
    """
    x = _positive(value, _("Giá trị đo"), _("kg, cm hoặc kg/m²"))
    p = lms(indicator, sex, age_days, height_cm)
    if p is None or x is None:
        return None
    z = _z(x, *p) if indicator == "hfa" else _z_restricted(x, *p)
    return round(z, 2) if rounded else z


def value_for_z(indicator: str, sex, *, z: float, age_days: float | None = None,
                height_cm: float | None = None) -> float:
    """The measurement (kg, cm, or BMI) that has z-score ``z``: X = M·(1 + L·S·z)^(1/L).

    Beyond ±3 the weight-based indicators use the inverse of WHO's restricted
    application, so that ``zscore(value_for_z(z)) == z`` everywhere.
    Raises InvalidMeasurement where no table applies.
    """
    p = lms(indicator, sex, age_days, height_cm)
    if p is None:
        raise InvalidMeasurement(
            _("Không có bảng WHO cho {indicator} ở tuổi {age} ngày, chiều cao {height} cm.").format(
                indicator=indicator, age=age_days, height=height_cm))
    return _value_at(indicator, *p, float(z))


def curve(indicator: str, sex, z: float, ages_days: Iterable[float] | None = None, *,
          heights_cm: Iterable[float] | None = None,
          age_days: float | None = None) -> list[float | None]:
    """Points of the z line of a growth chart (None where no table applies).

    Age-based indicators: one value per age in ``ages_days``.
    ``wfh``: one weight per length/height in ``heights_cm``; ``age_days``
    chooses the table (under 731 days: length) as in :func:`lms`.
    """
    _check_indicator(indicator)
    s = "MF"[_sex_index(sex)]
    z = float(z)
    out: list[float | None] = []
    if indicator == "wfh":
        for h in heights_cm or ():
            p = lms("wfh", s, age_days, h)
            out.append(None if p is None else _value_at(indicator, *p, z))
        return out
    for d in ages_days or ():
        p = lms(indicator, s, d)
        out.append(None if p is None else _value_at(indicator, *p, z))
    return out


# --------------------------------------------------------------------------- classification


@dataclass(frozen=True, slots=True)
class Category:
    """One classified indicator."""

    indicator: str   # "wfa" | "hfa" | "wfh" | "bfa"
    code: str        # stable ASCII code
    label: str       # Vietnamese label for reports
    level: str       # "severe" | "moderate" | "normal" | "overweight" | "obese"


def _c(indicator: str, code: str, label: str, level: str) -> Category:
    return Category(indicator, code, label, level)


_NORMAL = N_("Bình thường")
CATEGORIES: dict[tuple[str, str], Category] = {
    (c.indicator, c.code): c for c in (
        _c("wfa", "sdd_nhe_can_nang", N_("Suy dinh dưỡng nhẹ cân mức độ nặng"), "severe"),
        _c("wfa", "sdd_nhe_can", N_("Suy dinh dưỡng nhẹ cân mức độ vừa"), "moderate"),
        _c("wfa", "binh_thuong", _NORMAL, "normal"),
        _c("wfa", "cao_hon_tuoi", N_("Cân nặng cao hơn so với tuổi"), "normal"),
        _c("hfa", "thap_coi_nang", N_("Suy dinh dưỡng thấp còi mức độ nặng"), "severe"),
        _c("hfa", "thap_coi", N_("Suy dinh dưỡng thấp còi mức độ vừa"), "moderate"),
        _c("hfa", "binh_thuong", _NORMAL, "normal"),
        *(cat for ind in ("wfh", "bfa") for cat in (
            _c(ind, "gay_com_nang", N_("Suy dinh dưỡng gầy còm mức độ nặng"), "severe"),
            _c(ind, "gay_com", N_("Suy dinh dưỡng gầy còm mức độ vừa"), "moderate"),
            _c(ind, "binh_thuong", _NORMAL, "normal"),
            _c(ind, "thua_can", N_("Thừa cân"), "overweight"),
            _c(ind, "beo_phi", N_("Béo phì"), "obese"),
        )),
    )
}
"""Every category, by (indicator, code)."""


def classify_value(indicator: str, z: float | None, age_days: int | None = None) -> Category | None:
    """The category of one z-score (None for None).

    BMI-for-age uses the WHO 2007 cut-offs (> +1 thừa cân, > +2 béo phì) after
    day 1826, the 2006 ones (> +2, > +3) up to day 1826 or when the age is unknown.
    """
    if z is None:
        return None
    ind = _check_indicator(indicator)
    if ind == "wfa":
        code = ("sdd_nhe_can_nang" if z < -3 else "sdd_nhe_can" if z < -2
                else "binh_thuong" if z <= 2 else "cao_hon_tuoi")
    elif ind == "hfa":
        code = "thap_coi_nang" if z < -3 else "thap_coi" if z < -2 else "binh_thuong"
    else:
        over, obese = (1, 2) if ind == "bfa" and age_days is not None and age_days > LAST_DAY_2006 else (2, 3)
        code = ("gay_com_nang" if z < -3 else "gay_com" if z < -2 else "binh_thuong" if z <= over
                else "thua_can" if z <= obese else "beo_phi")
    return CATEGORIES[(ind, code)]


@dataclass(frozen=True, slots=True)
class Classification:
    """The categories of the four z-scores (None: no z-score, or a flagged one)."""

    wfa: Category | None
    hfa: Category | None
    wfh: Category | None
    bfa: Category | None
    age_days: int | None = None

    @property
    def wasting(self) -> Category | None:
        """The "cân nặng theo chiều cao" line of school reports: wfh up to 60 months, bfa after.

        Without an age (a Classification built by hand), wfh when there is one, else bfa.
        """
        if self.age_days is None:
            return self.wfh if self.wfh is not None else self.bfa
        return self.wfh if self.age_days <= LAST_DAY_2006 else self.bfa


def classify(z: ZScores) -> Classification:
    """Classify the z-scores as Vietnamese preschools report them; flagged values are not classified."""
    f = z.flags
    return Classification(
        wfa=None if "wfa" in f else classify_value("wfa", z.wfa, z.age_days),
        hfa=None if "hfa" in f else classify_value("hfa", z.hfa, z.age_days),
        wfh=None if "wfh" in f else classify_value("wfh", z.wfh, z.age_days),
        bfa=None if "bfa" in f else classify_value("bfa", z.bfa, z.age_days),
        age_days=z.age_days,
    )
