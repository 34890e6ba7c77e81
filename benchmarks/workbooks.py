"""Workbook benchmark: standard workbooks against bare xlsxwriter (a script; it never fails).

    python benchmarks/workbooks.py [--rows 2000] [--runs 3] [--case NAME ...]

Each case is a named pair (measured, baseline) of functions taking a temporary
folder and the row count; the runner prints, best of --runs, the seconds of
each and their ratio against the target (the measured path within 2× of the
baseline measured in the same run). Cases are a list so that the import and
report benchmarks can be added beside the writer's:

  roster-write  `write_workbook` of a 2,000-child roster (formats, drop-downs,
                protection, instruction, list and metadata sheets, checksum)
                vs. the same cells written with bare xlsxwriter (write() per
                cell, a date format, nothing else).
  report-write  the school report's three sheets of a 500-child demo school
                (`mamnon demo --children 500`, its school year so far), figures
                computed once beforehand, through `write_workbook` vs. the same
                cells with bare xlsxwriter.
  report-export the whole `mamnon export report` path (figures from the database,
                then the workbook; also ≤ 2 s) vs. the same figures then bare
                xlsxwriter.
  roster-import `importers.import_workbook` of a 2,000-child roster into an empty
                school (every safety check, cell parse, database check, one
                transaction; also ≤ 3 s) vs. a bare openpyxl read of the same
                cells handed straight to `children.create_children`.
  measure-import `import_workbook` of a 500-row measuring round (whole school,
                weight and height typed) into a school of 500 children vs. a
                bare openpyxl read of the same cells, each row then stored by
                `measurements.save_entry` (the TUI's own path, z-scores included).
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
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

from exporters.workbook_writer import UnitMeta, write_workbook  # noqa: E402
from mamnon.reference import ETHNIC_NAMES  # noqa: E402
from mamnon.workbooks.kinds import REPORT_SPEC, ROSTER_SPEC  # noqa: E402

TARGET_RATIO = 2.0
UNIT = UnitMeta(code="MN01", name="Trường Mầm non Hoa Sen", level="Trường")
CLASSES = [f"Lớp {i}" for i in range(1, 41)]


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    measured: Callable[[Path, int], object]
    baseline: Callable[[Path, int], object]
    target_ratio: float = TARGET_RATIO
    setup: Callable[[], object] | None = None
    """Run once before timing (building a demo school is not what is measured)."""


def roster_rows(count: int) -> list[dict]:
    rng = random.Random(1)
    first = ("An", "Bình", "Châu", "Dũng", "Hà", "Lan", "Minh", "Ngọc", "Phúc", "Quân")
    return [{
        "code": f"HS{i:05d}", "full_name": f"Nguyễn Văn {rng.choice(first)} {i}",
        "birth_date": dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500)),
        "sex": rng.choice("MF"), "class_name": rng.choice(CLASSES), "ethnicity": rng.choice(ETHNIC_NAMES),
        "enrolled_on": dt.date(2026, 9, 5), "village": "Thôn 3", "commune": "Xã Tân Lập",
        "province": "Tỉnh Phú Thọ", "guardian1_name": "Nguyễn Thị Hoa", "guardian1_relation": "Mẹ",
        "guardian1_phone": f"09{i:08d}", "note": "",
    } for i in range(count)]


def roster_write(folder: Path, count: int) -> None:
    sheet = ROSTER_SPEC.sheets[0]
    write_workbook(folder / "roster.xlsx", ROSTER_SPEC, unit=UNIT, rows={sheet.name: roster_rows(count)},
                   choices={"classes": CLASSES}, blank_rows=0)


def roster_bare(folder: Path, count: int) -> None:
    from mamnon.workbooks.cells import display_value

    sheet = ROSTER_SPEC.sheets[0]
    rows = roster_rows(count)
    book = xlsxwriter.Workbook(str(folder / "bare.xlsx"), {"in_memory": True})
    ws = book.add_worksheet(sheet.name)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for col, column in enumerate(sheet.columns):
        ws.write(sheet.header_row, col, column.header)
    for index, row in enumerate(rows, start=sheet.first_data_row):
        for col, column in enumerate(sheet.columns):
            ws.write(index, col, display_value(column, row.get(column.key)), date_format)
    book.close()


REPORT_CHILDREN = 500
REPORT_TARGET_S = 2.0
_report_school: dict[str, object] = {}


def report_school() -> tuple[object, dict]:
    """The demo school's school year and its report rows, built once per run in a temporary database."""
    if not _report_school:
        from exporters.report import report_rows
        from mamnon.services import demo, session
        from mamnon.workbooks.periods import parse_period

        folder = Path(tempfile.mkdtemp(prefix="mamnon-bench-"))
        atexit.register(shutil.rmtree, folder, True)
        atexit.register(session.close)  # registered last, so it runs before the folder goes
        session.open_path(folder / "demo.sqlite")
        demo.build_demo(children=REPORT_CHILDREN)
        period = parse_period(demo.current_school_year_name())
        _report_school.update(period=period, rows=report_rows(period))
    return _report_school["period"], _report_school["rows"]


def _report_bare(folder: Path, rows: dict) -> None:
    from mamnon.workbooks.cells import display_value

    book = xlsxwriter.Workbook(str(folder / "bare.xlsx"), {"in_memory": True})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for sheet in REPORT_SPEC.sheets:
        ws = book.add_worksheet(sheet.name)
        for col, column in enumerate(sheet.columns):
            ws.write(sheet.header_row, col, column.header)
        for index, row in enumerate(rows[sheet.name], start=sheet.first_data_row):
            for col, column in enumerate(sheet.columns):
                ws.write(index, col, display_value(column, row.get(column.key)), date_format)
    book.close()


def report_write(folder: Path, count: int) -> None:
    period, rows = report_school()
    write_workbook(folder / "report.xlsx", REPORT_SPEC, unit=UNIT, period=period.code, rows=rows, blank_rows=0)


def report_write_bare(folder: Path, count: int) -> None:
    _report_bare(folder, report_school()[1])


def report_export(folder: Path, count: int) -> None:
    from exporters.report import write_report

    start = time.perf_counter()
    write_report(folder / "report.xlsx", report_school()[0])
    seconds = time.perf_counter() - start
    if seconds > REPORT_TARGET_S:
        print(f"  report-export: {seconds:.2f} s, CHƯA ĐẠT mục tiêu ≤ {REPORT_TARGET_S:g} s")


def report_export_bare(folder: Path, count: int) -> None:
    from exporters.report import report_rows

    _report_bare(folder, report_rows(report_school()[0]))


CASES: list[Case] = [
    Case("roster-write", "danh sách trẻ qua write_workbook / cùng các ô bằng xlsxwriter trần",
         roster_write, roster_bare),
    Case("report-write", f"báo cáo trường {REPORT_CHILDREN} trẻ (số liệu tính sẵn) qua write_workbook / "
                         "xlsxwriter trần", report_write, report_write_bare, setup=report_school),
    Case("report-export", f"xuất báo cáo trường {REPORT_CHILDREN} trẻ cả tính số liệu (≤ {REPORT_TARGET_S:g} s) / "
                          "cùng số liệu rồi xlsxwriter trần", report_export, report_export_bare, setup=report_school),
]


def best_of(func: Callable[[Path, int], object], rows: int, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            func(Path(tmp), rows)
            best = min(best, time.perf_counter() - start)
    return best


def run(cases: list[Case], rows: int, runs: int) -> None:
    print(f"Python {platform.python_version()} on {platform.platform()}; {rows} dòng, tốt nhất của {runs} lần")
    for case in cases:
        if case.setup is not None:
            case.setup()
        measured = best_of(case.measured, rows, runs)
        baseline = best_of(case.baseline, rows, runs)
        ratio = measured / baseline if baseline else float("inf")
        verdict = "đạt" if ratio <= case.target_ratio else "CHƯA ĐẠT"
        print(f"{case.name}: {measured:.3f} s / {baseline:.3f} s = {ratio:.2f}× "
              f"(mục tiêu ≤ {case.target_ratio:g}×: {verdict}) — {case.what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--case", action="append", choices=[c.name for c in CASES],
                        help="run only this case (repeatable)")
    args = parser.parse_args(argv)
    chosen = [c for c in CASES if not args.case or c.name in args.case]
    run(chosen, args.rows, args.runs)
    return 0


# ---------------------------------------------------------------- roster import (the import helper's case)

IMPORT_TARGET_S = 3.0
IMPORT_TODAY = dt.date(2026, 11, 23)
_import_files: dict[int, tuple[Path, Path]] = {}


def import_files(count: int) -> tuple[Path, Path]:
    """(an empty school database with the 40 classes, the roster of `count` new children), built once."""
    if count not in _import_files:
        from mamnon.services import classes, school, session

        folder = Path(tempfile.mkdtemp(prefix="mamnon-bench-import-"))
        session.open_path(folder / "school.sqlite")
        school.init_school(code=UNIT.code, name=UNIT.name, commune="Xã Tân Lập", province="Tỉnh Phú Thọ",
                           year_name="2026-2027")
        for name in CLASSES:
            classes.create_class(classes.ClassForm(name=name, age_group="MG_5_6"))
        session.close()
        sheet = ROSTER_SPEC.sheets[0]
        write_workbook(folder / "roster.xlsx", ROSTER_SPEC, unit=UNIT, rows={sheet.name: import_rows(count)},
                       choices={"classes": CLASSES}, blank_rows=0)
        _import_files[count] = (folder / "school.sqlite", folder / "roster.xlsx")
    return _import_files[count]


def _letters(number: int) -> str:
    """0 → "A", 27 → "Bb": a unique word per child, since names may not hold digits."""
    word = ""
    while True:
        number, rest = divmod(number, 26)
        word = chr(97 + rest) + word
        if not number:
            return word.capitalize()


def import_rows(count: int) -> list[dict]:
    """roster_rows with names the child form accepts (letters only)."""
    return [{**row, "full_name": f"Nguyễn Văn {_letters(i)}"} for i, row in enumerate(roster_rows(count))]


def _fresh_school(folder: Path, count: int) -> Path:
    import shutil

    from mamnon.services import session

    database, roster = import_files(count)
    shutil.copy(database, folder / "school.sqlite")
    session.open_path(folder / "school.sqlite")
    return roster


def roster_import(folder: Path, count: int) -> None:
    from importers import import_workbook
    from mamnon.services import session

    roster = _fresh_school(folder, count)
    start = time.perf_counter()
    done = import_workbook(roster, unit_code=UNIT.code, today=IMPORT_TODAY)
    seconds = time.perf_counter() - start
    session.close()
    if done.result.errors or done.result.created != count:
        print(f"  roster-import: {len(done.result.errors)} lỗi, {done.result.created} trẻ mới — kết quả sai")
    if seconds > IMPORT_TARGET_S:
        print(f"  roster-import: {seconds:.2f} s, CHƯA ĐẠT mục tiêu ≤ {IMPORT_TARGET_S:g} s")


def roster_import_bare(folder: Path, count: int) -> None:
    """Bare openpyxl read of the same cells, then the same children through create_children, unchecked."""
    import openpyxl

    from mamnon.services import children, session
    from mamnon.services.classes import list_classes

    roster = _fresh_school(folder, count)
    sheet = ROSTER_SPEC.sheets[0]
    class_ids = {c.name: c.id for c in list_classes()}
    book = openpyxl.load_workbook(roster, read_only=True, data_only=True)
    forms = []
    for values in book[sheet.name].iter_rows(min_row=sheet.first_data_row + 1, values_only=True):
        row = dict(zip(sheet.keys, values))
        if not row.get("full_name"):
            continue
        forms.append(children.ChildForm(
            full_name=row["full_name"], birth_date=row["birth_date"].date(), sex="F" if row["sex"] == "Nữ" else "M",
            code=row["code"], class_id=class_ids[row["class_name"]], enrolled_on=row["enrolled_on"].date(),
            ethnicity=row["ethnicity"], village=row["village"] or "", commune=row["commune"] or "",
            province=row["province"] or "",
            guardians=[children.GuardianForm(row["guardian1_name"], row["guardian1_relation"],
                                             row["guardian1_phone"]), children.GuardianForm()]))
    book.close()
    children.create_children(forms, today=IMPORT_TODAY)
    session.close()


CASES.append(Case("roster-import", f"nhập danh sách trẻ mới qua import_workbook (≤ {IMPORT_TARGET_S:g} s) / "
                                   "đọc openpyxl trần rồi create_children không kiểm tra",
                  roster_import, roster_import_bare))


# ---------------------------------------------------------------- measuring round import

MEASURE_ROWS = 500
_measure_files: dict[int, tuple[Path, Path]] = {}


def measure_files(count: int) -> tuple[Path, Path]:
    """(a school of `count` children aged 3–5 in 15 classes, a whole-school round sheet with weights), once."""
    if count not in _measure_files:
        from mamnon.services import children, classes, school, session
        from mamnon.workbooks.kinds import MEASUREMENTS_SPEC

        folder = Path(tempfile.mkdtemp(prefix="mamnon-bench-measure-"))
        session.open_path(folder / "school.sqlite")
        school.init_school(code=UNIT.code, name=UNIT.name, commune="Xã Tân Lập", province="Tỉnh Phú Thọ",
                           year_name="2026-2027")
        class_ids = [classes.create_class(classes.ClassForm(name=f"Lá {i}", age_group="MG_5_6")).id
                     for i in range(1, 16)]
        rng = random.Random(7)
        forms = [children.ChildForm(full_name=f"Nguyễn Văn {_letters(i)}", sex=rng.choice("MF"),
                                    birth_date=dt.date(2021, 1 + i % 12, 1 + i % 28).strftime("%d/%m/%Y"),
                                    class_id=class_ids[i % 15], enrolled_on="05/09/2026") for i in range(count)]
        children.create_children(forms, today=IMPORT_TODAY)
        rows = [{"code": c.code, "full_name": c.full_name, "birth_date": c.birth_date, "sex": c.sex,
                 "class_name": c.class_name, "measured_on": IMPORT_TODAY,
                 "weight_kg": round(rng.uniform(15, 22), 1), "height_cm": round(rng.uniform(100, 118), 1)}
                for c in children.list_children()]
        session.close()
        write_workbook(folder / "can-do.xlsx", MEASUREMENTS_SPEC, unit=UNIT, blank_rows=0,
                       rows={MEASUREMENTS_SPEC.sheets[0].name: rows},
                       extra_meta={"round_name": "Cân đo tháng 11", "round_date": IMPORT_TODAY.isoformat()})
        _measure_files[count] = (folder / "school.sqlite", folder / "can-do.xlsx")
    return _measure_files[count]


def _measure_school(folder: Path) -> Path:
    from mamnon.services import session

    database, sheet = measure_files(MEASURE_ROWS)
    shutil.copy(database, folder / "school.sqlite")
    session.open_path(folder / "school.sqlite")
    return sheet


def measure_import(folder: Path, _rows: int) -> None:
    from importers import import_workbook
    from mamnon.services import session

    done = import_workbook(_measure_school(folder), unit_code=UNIT.code, today=IMPORT_TODAY)
    session.close()
    if done.result.errors or done.result.created != MEASURE_ROWS:
        print(f"  measure-import: {len(done.result.errors)} lỗi, {done.result.created} số đo mới — kết quả sai")


def measure_import_bare(folder: Path, _rows: int) -> None:
    import openpyxl

    from mamnon.services import measurements, session
    from mamnon.workbooks.kinds import MEASUREMENTS_SPEC

    sheet_file = _measure_school(folder)
    sheet = MEASUREMENTS_SPEC.sheets[0]
    ids = {c.code: c.child_id for c in measurements.enrolled_on(IMPORT_TODAY)}
    round_id = measurements.create_round(IMPORT_TODAY, "Cân đo tháng 11", today=IMPORT_TODAY).id
    book = openpyxl.load_workbook(sheet_file, read_only=True, data_only=True)
    for values in book[sheet.name].iter_rows(min_row=sheet.first_data_row + 1, values_only=True):
        row = dict(zip(sheet.keys, values))
        if row.get("code"):
            measurements.save_entry(ids[row["code"]], round_id, str(row["weight_kg"]), str(row["height_cm"]),
                                    confirm=True, today=IMPORT_TODAY)
    book.close()
    session.close()


CASES.append(Case("measure-import", f"nhập đợt cân đo {MEASURE_ROWS} trẻ qua import_workbook / "
                                    "đọc openpyxl trần rồi save_entry từng dòng",
                  measure_import, measure_import_bare))


if __name__ == "__main__":
    sys.exit(main())
