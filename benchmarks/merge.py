"""Merge benchmark: `mamnon merge` on realistic report files against pandas and the bare floor (never fails).

    pip install -e ".[bench]"      # pandas, for the pandas baseline only
    python benchmarks/merge.py [--quick] [--runs 1] [--cache DIR]

Input files are generated once per run (or reused from --cache DIR) with the
project's own writer: school reports through `write_workbook` with the rows
`exporters.report` builds for a school, merged reports through `write_merged`.
Figures are synthetic but consistent (≈300 children ± 20 %, age and stage
families adding up, attendance, nutrition, meals, staff; 0–5 children on each
school's surveillance list), so every check of the merge runs and passes.

  office    an office merges 200 school reports.
  province  a province merges 30 office reports of 100 schools each (3,000 schools).
  national  the ministry rolls up 34 province reports of 450 schools each (10
            offices of 45), ≈15,300 schools: about the size of Vietnam's
            preschool network.

Each is timed as `mamnon merge` does it (read_inputs with the command's processes — one per core, at
most 4, for inputs over 4 MB: safety checks, calamine read, checksum, every check; merge; write_merged)
against, on the same files:
  pandas  a plain script: read_excel (openpyxl, still its default) of every sheet, concat per
          sheet, to_excel (xlsxwriter, its default when installed); skipped, and
          said so, when pandas is missing;
  floor   python-calamine reading every cell of every input, then xlsxwriter
          writing the output's cells (computed beforehand), nothing else.
Targets: ≥ 3× faster than pandas, within 1.5× of the floor, province < 30 s.
--quick shrinks every case (40 schools; 6 offices × 20; 6 provinces × 60).
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import xlsxwriter  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from exporters import report as report_writer  # noqa: E402
from exporters.report import PARENTS_KEY, merged_rows, write_merged  # noqa: E402
from exporters.workbook_writer import UnitMeta, write_workbook  # noqa: E402
from importers.merge_inputs import default_workers, read_inputs  # noqa: E402
from mamnon import indicators  # noqa: E402
from mamnon.merge import MergeInput, MergeResult, Unit, UnitRow, merge  # noqa: E402
from mamnon.services.school import SchoolInfo, UnitRef  # noqa: E402
from mamnon.workbooks.kinds import WATCH_SHEET  # noqa: E402
from mamnon.workbooks.periods import parse_period  # noqa: E402
from mamnon.workbooks.cells import display_value  # noqa: E402

PERIOD = parse_period("11/2026")
EXPORTED = dt.datetime(2026, 11, 30, 16, 0)
AS_OF = dt.date(2026, 11, 30)
SCHOOL_DAYS = 21
PANDAS_SPEED_TARGET = 3.0
FLOOR_TARGET = 1.5
PROVINCE_SECONDS_TARGET = 30.0
LEVEL_SCHOOL, LEVEL_OFFICE, LEVEL_PROVINCE, LEVEL_NATION = "Trường", "Phòng GD&ĐT", "Sở GD&ĐT", "Bộ GD&ĐT"
STATUSES = ("Suy dinh dưỡng thể nhẹ cân", "Suy dinh dưỡng thấp còi mức độ vừa", "Suy dinh dưỡng thể gầy còm",
            "Thừa cân", "Béo phì")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Cầm", "Lò")
GIVEN = ("Mai Anh", "Minh Khôi", "Gia Hân", "Bảo Ngọc", "Đức Huy", "Thảo Vy", "Quốc Bảo", "Khánh Linh")


@dataclass(frozen=True)
class Sizes:
    office_schools: int
    province_offices: int
    office_size: int
    nation_provinces: int
    province_offices_nat: int
    office_size_nat: int


FULL = Sizes(200, 30, 100, 34, 10, 45)
QUICK = Sizes(40, 6, 20, 6, 4, 15)


# ---------------------------------------------------------------- synthetic figures


def _split(rng: random.Random, total: int, shares: tuple[float, ...]) -> list[int]:
    """`total` cut into parts near `shares` (±15 % each), adding up exactly."""
    weights = [s * rng.uniform(0.85, 1.15) for s in shares]
    parts = [int(total * w / sum(weights)) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def _meals(rng: random.Random, prefix: str, children: int, kcal: float) -> dict[str, float]:
    servings = round(children * SCHOOL_DAYS * rng.uniform(0.85, 0.95))
    fee = rng.choice((20000, 22000, 25000, 28000, 30000))
    return {
        f"{prefix}_NGAY": SCHOOL_DAYS, f"{prefix}_SUAT": servings,
        f"{prefix}_KCAL_TONG": round(servings * kcal * rng.uniform(0.95, 1.05), 1),
        f"{prefix}_P_TONG": round(servings * rng.uniform(14, 18), 1),
        f"{prefix}_L_TONG": round(servings * rng.uniform(22, 30), 1),
        f"{prefix}_G_TONG": round(servings * rng.uniform(52, 62), 1),
        f"{prefix}_TIEN_THU": servings * fee, f"{prefix}_TIEN_CHI": round(servings * fee * rng.uniform(0.95, 1.0)),
    }


def _staff(rng: random.Random, classes: int, children: int) -> dict[str, int]:
    roles = {"CB_HT": 1, "CB_PHT": rng.randint(1, 2), "CB_GV": classes * 2 + rng.randint(-1, 2),
             "CB_NV_NAU_AN": max(1, children // 50), "CB_KE_TOAN": 1, "CB_Y_TE": 1, "CB_VAN_THU": rng.randint(0, 1),
             "CB_THU_QUY": rng.randint(0, 1), "CB_BAO_VE": rng.randint(1, 2), "CB_PHUC_VU": rng.randint(0, 2),
             "CB_HT_KHUYET_TAT": rng.randint(0, 1)}
    total = sum(roles.values())
    levels = dict(zip(("CB_TD_CHUA_DT", "CB_TD_SO_CAP", "CB_TD_TRUNG_CAP", "CB_TD_CAO_DANG", "CB_TD_DAI_HOC",
                       "CB_TD_THAC_SI", "CB_TD_TIEN_SI"),
                      _split(rng, total, (0.04, 0.08, 0.18, 0.25, 0.43, 0.015, 0.005))))
    return {"CB": total, **roles, **levels, "GV_DAT_CHUAN": round(roles["CB_GV"] * rng.uniform(0.8, 1.0))}


def school_values(rng: random.Random) -> dict[str, float | None]:
    """One school's whole catalogue: ≈300 children whose families of figures add up."""
    children = round(300 * rng.uniform(0.8, 1.2))
    nursery = round(children * rng.uniform(0.18, 0.32))
    kinder = children - nursery
    present = round(children * SCHOOL_DAYS * rng.uniform(0.88, 0.97))
    excused = round((children * SCHOOL_DAYS - present) * rng.uniform(0.6, 0.9))
    measured = children - rng.randint(0, 8)
    classes_n, classes_k = -(-nursery // 25), -(-kinder // 30)
    sums = {
        "LOP": classes_n + classes_k, "LOP_NHA_TRE": classes_n, "LOP_MAU_GIAO": classes_k,
        "TRE": children, "TRE_NHA_TRE": nursery, "TRE_MAU_GIAO": kinder,
        **dict(zip(("TRE_NT_3_12", "TRE_NT_13_24", "TRE_NT_25_36"), _split(rng, nursery, (0.1, 0.35, 0.55)))),
        **dict(zip(("TRE_MG_3_4", "TRE_MG_4_5", "TRE_MG_5_6"), _split(rng, kinder, (0.32, 0.33, 0.35)))),
        "TRE_NU": round(children * rng.uniform(0.45, 0.52)), "TRE_DTTS": round(children * rng.choice((0, .05, .3, .8))),
        "TRE_KT": rng.randint(0, 3),
        "CC_NGAY_TRE": children * SCHOOL_DAYS, "CC_CO_MAT": present, "CC_NGHI_P": excused,
        "CC_NGHI_K": children * SCHOOL_DAYS - present - excused,
        "DD_CAN_DO": measured, "DD_NHE_CAN": round(measured * rng.uniform(0.02, 0.08)),
        "DD_THAP_COI": round(measured * rng.uniform(0.03, 0.10)), "DD_GAY_COM": round(measured * rng.uniform(0.01, 0.04)),
        "DD_THUA_CAN": round(measured * rng.uniform(0.01, 0.05)), "DD_BEO_PHI": round(measured * rng.uniform(0, 0.02)),
        **_meals(rng, "BT_NHA_TRE", nursery, 650), **_meals(rng, "BT_MAU_GIAO", kinder, 720),
        **_staff(rng, classes_n + classes_k, children),
    }
    return indicators.complete(sums)


def surveillance(rng: random.Random, code: str, name: str) -> list[dict]:
    """0–5 children to watch: as `surveillance_list` gives them."""
    out = []
    for number in range(rng.randint(0, 5)):
        born = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 1700))
        out.append({
            "unit_code": code, "unit_name": name, "code": f"HS{number + 1:05d}",
            "full_name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}", "birth_date": born,
            "sex": rng.choice("MF"), "class_name": f"Lớp {rng.randint(1, 12)}",
            "measured_on": dt.date(2026, 11, rng.randint(3, 20)), "weight_kg": round(rng.uniform(7, 22), 1),
            "height_cm": round(rng.uniform(62, 118), 1), "wfa": round(rng.uniform(-3.5, 3.5), 2),
            "hfa": round(rng.uniform(-3.5, 2), 2), "wfh": round(rng.uniform(-3.5, 3.5), 2),
            "bfa": round(rng.uniform(-3.5, 3.5), 2), "status": rng.choice(STATUSES),
        })
    return out


# ---------------------------------------------------------------- the input files


def _school(rng: random.Random, number: int, office: Unit, province: Unit) -> tuple[SchoolInfo, dict, list]:
    code = f"{office.code}-MN{number:03d}"
    info = SchoolInfo(code=code, name=f"Trường Mầm non số {number} {office.name[12:]}", level_name=LEVEL_SCHOOL,
                      commune="", province=province.name,
                      parents=(UnitRef(LEVEL_OFFICE, office.code, office.name),
                               UnitRef(LEVEL_PROVINCE, province.code, province.name)))
    return info, school_values(rng), surveillance(rng, code, info.name)


def write_school(folder: Path, info: SchoolInfo, values: dict, watch: list) -> Path:
    """The file `write_report` writes, from figures given instead of a database (its own row builders)."""
    sheets = {
        "Thông tin": report_writer._info_rows(info, PERIOD, AS_OF, EXPORTED),
        "Chỉ tiêu": report_writer._indicator_rows(values),
        "Đơn vị": [report_writer._school_row(info, values, EXPORTED)],
        "Kiểm tra": [], "Nộp báo cáo": [], WATCH_SHEET: watch,
    }
    line = report_writer.period_line(PERIOD, AS_OF)
    return write_workbook(
        folder / f"{info.code}.xlsx", report_writer.REPORT_SPEC,
        unit=UnitMeta(code=info.code, name=info.name, level=info.level_name), period=PERIOD.code, rows=sheets,
        subtitle={s.name: line for s in report_writer.REPORT_SPEC.sheets}, blank_rows=0,
        extra_meta={PARENTS_KEY: json.dumps(report_writer.parents_path(info), ensure_ascii=False)},
        exported_at=EXPORTED)


def school_input(info: SchoolInfo, values: dict, watch: list) -> MergeInput:
    """What read_inputs would make of the school's file, without writing it."""
    iso = EXPORTED.isoformat(timespec="seconds")
    return MergeInput(source=f"{info.code}.xlsx", unit=Unit(info.code, info.name, LEVEL_SCHOOL),
                      period=PERIOD.code, template_version="1", exported_at=iso, checksum_ok=True,
                      indicators=values, rows=[UnitRow(info.code, info.name, LEVEL_SCHOOL, (), iso, values)],
                      surveillance=watch)


def result_input(result: MergeResult) -> MergeInput:
    """What read_inputs would make of `result` written by write_merged."""
    return MergeInput(source=f"{result.unit.code}.xlsx", unit=result.unit, period=result.period,
                      template_version="1", exported_at=EXPORTED.isoformat(timespec="seconds"), checksum_ok=True,
                      indicators=result.indicators, rows=list(result.rows), surveillance=list(result.surveillance))


def office_unit(province: Unit, number: int) -> Unit:
    return Unit(f"{province.code}-P{number:02d}", f"Phòng GD&ĐT Huyện {number} {province.name[9:]}", LEVEL_OFFICE)


def province_unit(number: int) -> Unit:
    return Unit(f"S{number:02d}", f"Sở GD&ĐT Tỉnh {number}", LEVEL_PROVINCE)


def office_result(rng: random.Random, province: Unit, number: int, schools: int) -> MergeResult:
    office = office_unit(province, number)
    inputs = [school_input(*_school(rng, n, office, province)) for n in range(1, schools + 1)]
    return merge(inputs, unit=office, level_name=LEVEL_OFFICE)


def generate(folder: Path, sizes: Sizes) -> dict[str, Path]:
    """Case name → folder of its input files, each written once."""
    rng = random.Random(2026)
    out = {name: folder / name for name in ("office", "province", "national")}
    for path in out.values():
        path.mkdir(parents=True, exist_ok=True)
    province = province_unit(1)
    office = office_unit(province, 1)
    for n in range(1, sizes.office_schools + 1):
        write_school(out["office"], *_school(rng, n, office, province))
    for n in range(1, sizes.province_offices + 1):
        result = office_result(rng, province, n, sizes.office_size)
        write_merged(out["province"] / f"{result.unit.code}.xlsx", result, exported_at=EXPORTED)
    for p in range(1, sizes.nation_provinces + 1):
        unit = province_unit(p)
        offices = [result_input(office_result(rng, unit, n, sizes.office_size_nat))
                   for n in range(1, sizes.province_offices_nat + 1)]
        result = merge(offices, unit=unit, level_name=LEVEL_PROVINCE)
        write_merged(out["national"] / f"{unit.code}.xlsx", result, exported_at=EXPORTED)
    return out


# ---------------------------------------------------------------- what is timed

CASE_UNITS = {"office": Unit("PGD-01", "Phòng GD&ĐT Huyện 1", LEVEL_OFFICE),
              "province": Unit("SGD-01", "Sở GD&ĐT Tỉnh 1", LEVEL_PROVINCE),
              "national": Unit("BGD", "Bộ Giáo dục và Đào tạo", LEVEL_NATION)}


def run_mamnon(folder: Path, target: Path, unit: Unit) -> MergeResult:
    """`mamnon merge FOLDER -o TARGET` without click: every check on."""
    result = merge(read_inputs([folder], exclude=target, workers=default_workers()), unit=unit,
                   level_name=unit.level)
    write_merged(target, result, exported_at=EXPORTED)
    return result


def run_pandas(pd, folder: Path, target: Path) -> None:
    frames: dict[str, list] = {}
    for path in sorted(folder.glob("*.xlsx")):
        for name, frame in pd.read_excel(path, sheet_name=None, header=2, engine="openpyxl").items():
            frames.setdefault(name, []).append(frame)
    with pd.ExcelWriter(target) as writer:
        for name, parts in frames.items():
            pd.concat(parts, ignore_index=True).to_excel(writer, sheet_name=name[:31], index=False)


def output_cells(result: MergeResult) -> dict[str, list[list[object]]]:
    """The merged report's data cells as write_merged writes them (header row first)."""
    spec = report_writer.REPORT_SPEC
    rows = merged_rows(result, EXPORTED)
    return {s.name: [[c.header for c in s.columns]] + [[display_value(c, r.get(c.key)) for c in s.columns]
                                                     for r in rows[s.name]] for s in spec.sheets}


def run_floor(folder: Path, target: Path, cells: dict[str, list[list[object]]]) -> int:
    read = 0
    for path in sorted(folder.glob("*.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            read += sum(len(row) for row in book.get_sheet_by_name(name).to_python())
        book.close()
    book = xlsxwriter.Workbook(str(target))
    for name, rows in cells.items():
        ws = book.add_worksheet(name[:31])
        for r, row in enumerate(rows):
            ws.write_row(r, 0, row)
    book.close()
    return read


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


# ---------------------------------------------------------------- the run


def _pandas():
    try:
        import pandas
    except ImportError:
        return None
    return pandas


def _verdict(ok: bool) -> str:
    return "đạt" if ok else "CHƯA ĐẠT"


def run_case(name: str, folder: Path, out: Path, runs: int, pd) -> None:
    files = sorted(folder.glob("*.xlsx"))
    unit = CASE_UNITS[name]
    target = out / f"{name}-mamnon.xlsx"
    result = run_mamnon(folder, target, unit)
    ours = best_of(runs, lambda: run_mamnon(folder, target, unit))
    cells = output_cells(result)
    cells_read = run_floor(folder, out / f"{name}-floor.xlsx", cells)
    floor = best_of(runs, lambda: run_floor(folder, out / f"{name}-floor.xlsx", cells))
    problems = result.checks
    print(f"\n{name}: {len(files)} tệp, {len(result.leaves)} trường, {cells_read:,} ô đọc, "
          f"{sum(len(r) * len(r[0]) for r in cells.values()):,} ô ghi, {len(problems)} dòng kiểm tra")
    print(f"  mamnon merge   {ours:8.2f} s   (đọc bằng {default_workers()} tiến trình khi đầu vào trên 4 MB)")
    print(f"  floor          {floor:8.2f} s   mamnon/floor = {ours / floor:.2f}× "
          f"(mục tiêu ≤ {FLOOR_TARGET}×: {_verdict(ours / floor <= FLOOR_TARGET)})")
    if pd is None:
        print("  pandas         bỏ qua: chưa cài pandas (pip install -e \".[bench]\")")
    else:
        slow = best_of(1, lambda: run_pandas(pd, folder, out / f"{name}-pandas.xlsx"))
        print(f"  pandas         {slow:8.2f} s   pandas/mamnon = {slow / ours:.2f}× "
              f"(mục tiêu ≥ {PANDAS_SPEED_TARGET}×: {_verdict(slow / ours >= PANDAS_SPEED_TARGET)})")
    if name == "province":
        print(f"  tỉnh dưới {PROVINCE_SECONDS_TARGET:.0f} s: {_verdict(ours < PROVINCE_SECONDS_TARGET)}")


def _inputs(args, sizes: Sizes) -> Path:
    if args.cache:
        folder = Path(args.cache)
        stamp = folder / "sizes.json"
        wanted = json.dumps(sizes.__dict__)
        if stamp.exists() and stamp.read_text() == wanted:
            return folder
        shutil.rmtree(folder, ignore_errors=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="mamnon-merge-bench-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    start = time.perf_counter()
    generate(folder, sizes)
    if args.cache:
        (folder / "sizes.json").write_text(json.dumps(sizes.__dict__))
    print(f"Tạo tệp đầu vào: {time.perf_counter() - start:.1f} s ({folder})")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller files, for a quick look")
    parser.add_argument("--runs", type=int, default=1, help="best of this many runs (not the pandas one)")
    parser.add_argument("--cache", help="keep the generated inputs in this folder and reuse them")
    parser.add_argument("--case", action="append", choices=list(CASE_UNITS), help="only these cases")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    pd = _pandas()
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} lõi; "
          f"pandas {'chưa cài' if pd is None else pd.__version__}")
    try:
        folder = _inputs(args, sizes)
    except Exception as exc:  # a benchmark reports, it never fails
        print(f"Không tạo được tệp đầu vào: {type(exc).__name__}: {exc}")
        return
    out = Path(tempfile.mkdtemp(prefix="mamnon-merge-out-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    for name in args.case or list(CASE_UNITS):
        try:
            run_case(name, folder / name, out, max(1, args.runs), pd)
        except Exception as exc:  # a benchmark reports, it never fails
            print(f"\n{name}: lỗi {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    main()
