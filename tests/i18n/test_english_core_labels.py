"""In English the core outside the services speaks English: cell and file errors, merge checks, database
and history refusals, measurement and nutrition errors; and the labels it keeps in Vietnamese for the
workbooks (indicators, periods, stages, submission states) come out in English where they are shown.

Each test runs the real core function under the `english` fixture and asserts the English words and that no
Vietnamese letter is left, so it fails when a catalogue entry is missing (the Vietnamese msgid would come
back). The Vietnamese a workbook writes is checked to stay as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from english_helpers import english_only

from mamnon import indicators
from mamnon.errors import Cancelled, DatabaseOpenError, MamnonError, ValidationError
from mamnon.merge import LATE, ExpectedUnit, MergeInput, Submission, Unit, UnitRow, merge, row_problems
from mamnon.workbooks.kinds import SUBMITTED

ROOT = Path(__file__).resolve().parents[2]


def message_of(call) -> str:
    with pytest.raises((MamnonError, ValueError)) as caught:
        call()
    exc = caught.value
    if isinstance(exc, ValidationError):
        return "; ".join(exc.errors.values())
    return str(exc)


# ---------------------------------------------------------------- messages


def test_a_bad_cell_is_located_and_explained_in_english(english):
    from mamnon.workbooks.cells import CellError, CellValueError, parse_cell, parse_date
    from mamnon.workbooks.spec import DATE, INTEGER, Column

    with pytest.raises(CellValueError) as caught:
        parse_date("31/02/2020")
    error = CellError("Trẻ", 5, 2, "Ngày sinh", "31/02/2020", str(caught.value))
    assert english_only(error.describe("lop-la.xlsx"), "Trẻ", "Ngày sinh") == (
        "File lop-la.xlsx, sheet «Trẻ», row 5, column C «Ngày sinh» (value «31/02/2020»): "
        "The date «31/02/2020» does not exist.")
    required = Column("birth", "Ngày sinh", DATE, required=True)
    assert message_of(lambda: parse_cell(required, None)) == "This cell must be filled in."
    weight = Column("n", "Số trẻ", INTEGER, maximum=40)
    assert message_of(lambda: parse_cell(weight, "41")) == "Must not be more than 40."
    assert message_of(lambda: parse_cell(weight, "2,5")) == "A whole number is needed."


def test_dates_phones_periods_and_ages_in_english(english):
    from mamnon.formats import format_age, parse_date, parse_phone
    from mamnon.workbooks.periods import month_period, parse_period

    assert message_of(lambda: parse_date("31/02/2021")) == "The date 31/02/2021 does not exist."
    assert english_only(message_of(lambda: parse_phone("0123"))).startswith("Invalid phone number: mobile numbers")
    assert message_of(lambda: parse_period("13/2026")) == (
        "There is no month 13: write the report period as 11/2026 or 2026-2027.")
    assert format_age(dt.date(2022, 1, 10), dt.date(2024, 4, 10)) == "2 years 3 months"
    november = month_period(2026, 11)
    assert november.screen_label == "Month 11/2026"
    assert november.label == "Tháng 11/2026"  # what the report workbook writes


def test_a_file_that_is_not_a_database_is_refused_in_english(tmp_path, english):
    from mamnon.db import open_database

    path = tmp_path / "ghi-chu.sqlite"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(path)
    assert english_only(str(caught.value), str(path)) == (
        f"The file {path} is not a mamnon database (not an SQLite file).")


def test_history_refusals_in_english(tmp_path, english):
    from mamnon.history import HistoryError, open_history

    missing = tmp_path / "lich-su.sqlite"
    with pytest.raises(HistoryError) as caught:
        open_history(missing, create=False)
    assert english_only(str(caught.value), str(missing)) == (
        f"There is no history database {missing}: merge reports with --into first.")


def test_cancelling_says_so_in_english(english):
    assert str(Cancelled()) == "Cancelled; nothing was written."


def test_growth_and_nutrition_errors_in_english(english):
    from mamnon.growth import zscores
    from mamnon.nutrition import gross_kg

    assert message_of(lambda: zscores("X", dt.date(2023, 1, 1), dt.date(2024, 1, 1), 9.5, 75.0)) == (
        "Invalid sex: 'X'. Use 'Nam'/'Nữ', 'M'/'F' or 1/2.")
    assert message_of(lambda: zscores("F", dt.date(2023, 1, 1), dt.date(2024, 1, 1), -3, 75.0)) == (
        "Weight must be a positive number (kg), not -3.")
    assert message_of(lambda: gross_kg(50, 120, 10)) == (
        "Waste rate 120 % is not valid (it must be from 0 to under 100 %).")


def test_unit_structure_refusals_in_english(english):
    from mamnon.unit_structure import RENAME, Change, build

    change = Change(RENAME, dt.date(2026, 1, 1), "PGD-X", name="Phòng mới")
    assert message_of(lambda: build([], [change])) == "There is no unit with code «PGD-X» to rename."


# ---------------------------------------------------------------- merge checks and submissions


def _school(code: str, values: dict, period: str = "2026-11") -> MergeInput:
    unit = Unit(code, f"Trường {code}", "Trường")
    return MergeInput(f"{code}.xlsx", unit, period, "1", "2026-12-03T08:00:00", True, dict(values),
                      [UnitRow(code, unit.name, "Trường", (), "2026-12-03T08:00:00", dict(values))], [])


def test_merge_checks_and_summary_in_english_while_the_workbook_keeps_vietnamese(english):
    good = indicators.complete({"TRE": 10, "TRE_NU": 4, "TRE_NHA_TRE": 4, "TRE_MAU_GIAO": 6,
                                "TRE_NT_25_36": 4, "TRE_MG_4_5": 6})
    bad = indicators.complete({**good, "TRE_NU": 12})
    assert row_problems(bad) == ["Girls (12) outnumber all children (10)."]
    result = merge([_school("MN-A", good), _school("MN-B", good, period="2026-10")],
                   unit=Unit("PGD", "Phòng GD&ĐT", "Phòng GD&ĐT"), period="2026-11",
                   expected=[ExpectedUnit("MN-A", "A"), ExpectedUnit("MN-C", "C")],
                   deadline=dt.date(2026, 12, 1))
    rejected = [c for c in result.checks if c.rejection]
    assert [english_only(c.message) for c in rejected] == [
        "File rejected: report period Month 10/2026 differs from the period being merged, Month 11/2026."]
    # one of two expected units sent its file, two days after the deadline
    assert result.summary_shown == "1/2 units submitted (1 late)"
    assert result.summary == "1/2 đơn vị đã nộp (1 nộp muộn)"
    late = next(s for s in result.submissions if s.unit_code == "MN-A")
    assert (late.timing_shown, late.timing_label) == ("Late 2 days", "Muộn 2 ngày")
    assert [english_only(c.message) for c in result.checks if not c.rejection] == [
        "Submitted 2 days after the deadline.", "Report not submitted."]


def test_a_submission_state_is_vietnamese_in_the_file_and_english_on_screen(english):
    sub = Submission("MN-A", "A", SUBMITTED, "a.xlsx", "2026-12-03T08:00:00", "nhap", timing=LATE, days_late=1)
    assert (sub.state_label, sub.state_shown) == ("Nháp", "Draft")


# ---------------------------------------------------------------- labels kept in Vietnamese, shown in English


def test_composed_indicator_labels_translate_from_their_parts(english):
    by = indicators.BY_CODE
    assert (by["TRE_NHA_TRE"].label, by["TRE_NHA_TRE"].shown_label) == ("Trẻ nhà trẻ", "Nursery children")
    assert by["TRE_NT_3_12"].shown_label == "Children in nursery 3–12 months"
    assert by["DD_NHE_CAN_TL"].shown_label == "Underweight rate"
    assert by["BT_MAU_GIAO_SUAT"].shown_label == "Meals served (kindergarten, children × days)"
    assert by["TK_NHOM_13_24_TU"].shown_label == "Nursery groups 13–24 months with 20 children or more"
    assert by["TK_GV_TUOI_60_TRO_LEN"].shown_label == "Teachers aged 60 and over"
    assert (by["CC_TL"].shown_group, by["HTAT_TIEN"].shown_unit) == ("Attendance", "VND")


def test_every_indicator_label_group_and_unit_has_english(english):
    """The whole catalogue, so a new indicator without a translation fails here."""
    for ind in indicators.CATALOGUE:
        english_only(ind.shown_label)
        english_only(ind.shown_group)
        english_only(ind.shown_unit)


def test_labels_stay_vietnamese_in_the_core_for_the_workbooks(english):
    from mamnon.reference import STAGE_LABELS
    from mamnon.workbooks.kinds import KIND_LABELS, indicator_header

    assert indicator_header("TRE_NHA_TRE") == "Trẻ nhà trẻ [TRE_NHA_TRE]"
    assert STAGE_LABELS["nha_tre"] == "Nhà trẻ" and KIND_LABELS["roster"] == "Danh sách trẻ"


# ---------------------------------------------------------------- shown by the command line


def mamnon(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MAMNON_LANG="en", XDG_CONFIG_HOME=str(tmp_path))
    return subprocess.run([sys.executable, "-c", "from cli.main import main; main()", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=300)


def test_template_kinds_and_a_school_report_are_listed_in_english(tmp_path):
    kinds = mamnon(["template", "list"], tmp_path)
    assert kinds.returncode == 0, kinds.stderr
    assert "Children list; pre-fill:" in kinds.stdout and "Danh sách trẻ" not in kinds.stdout
    db = tmp_path / "truong.sqlite"
    built = mamnon(["--db", str(db), "demo"], tmp_path)
    assert built.returncode == 0, built.stderr
    report = tmp_path / "bao-cao.xlsx"
    written = mamnon(["--db", str(db), "export", "report", "--period", "11/2026", "-o", str(report)], tmp_path)
    assert written.returncode == 0, written.stderr
    assert "Month 11/2026" in written.stdout
    shown = mamnon(["report", "show", str(report)], tmp_path)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert any(re.match(r"Report period:\s+Month 11/2026$", line) for line in lines), shown.stdout
    assert any(line.startswith("Reference code:") for line in lines), shown.stdout
    table = lines[next(i for i, line in enumerate(lines) if line.startswith("Indicator")) + 2:]
    assert len(table) == len(indicators.CATALOGUE)
    assert table[4].split("  ")[0] == "Nursery children" and table[4].split()[-1] == "children"
    for line in table:
        english_only(line)


def test_unit_words_after_a_count_read_as_plurals_in_english(english):
    """"ngày" alone is a form's "date" column; after a figure it is "days" (a context of its own)."""
    units = {ind.unit: ind.shown_unit for ind in indicators._catalogue()}
    assert (units["ngày"], units["lớp"], units["trường"], units["trẻ"]) == ("days", "classes", "schools", "children")
    assert all(english_only(shown) for shown in units.values())
