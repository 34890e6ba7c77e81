"""`mamnon --lang en` on the demo school: the output of the common commands is English apart from the data.

A walk through the command line in English found labels printed without `_()` (a sex, a stage, a room type, a
whole-school scope, a table name in the history), a heading glued to the column before it and a label one
column off; these tests hold each fix. They run the real command line in a subprocess (the language is chosen
before any command module is imported) on one demo school made once for the module, 80 columns wide.
The names a school typed (classes, children, rounds, sites, dishes) are data and stay as typed: they are read
from the database and taken out before looking for a Vietnamese letter.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.i18n.english_helpers import english_only

ROOT = Path(__file__).resolve().parents[2]


def _run(args, home: Path, *, lang: str | None = "en"):
    env = dict(os.environ)
    env.pop("MAMNON_LANG", None)  # tests/conftest.py pins Vietnamese for the in-process suite
    env["XDG_CONFIG_HOME"] = str(home / "config")  # no saved `mamnon lang` choice of the developer
    env["XDG_DATA_HOME"] = str(home / "data")
    env["COLUMNS"] = "80"
    first = ["--lang", lang] if lang else []
    return subprocess.run([sys.executable, "-c", "from cli.main import main; main()", *first, *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    home = tmp_path_factory.mktemp("walk")
    db = home / "truong.sqlite"
    made = _run(["--db", str(db), "demo", "--children", "120"], home, lang=None)
    assert made.returncode == 0, made.stderr
    return home, db


def mamnon(school, *args, lang: str | None = "en"):
    home, db = school
    result = _run(["--db", str(db), *args], home, lang=lang)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def data_names(db: Path) -> list[str]:
    """Everything a school typed that a command prints as it is, longest first (so a longer name goes first)."""
    queries = ("SELECT name FROM school_class", "SELECT full_name FROM child", "SELECT name FROM measurement_round",
               "SELECT name FROM site", "SELECT name FROM org_unit", "SELECT full_name FROM staff",
               "SELECT evidence FROM lunch_support", "SELECT full_name FROM guardian")
    with sqlite3.connect(db) as con:
        names = {row[0] for q in queries for row in con.execute(q) if row[0]}
    return sorted(names, key=len, reverse=True)


def test_children_list_shows_the_sex_in_english(school):
    out = mamnon(school, "children", "list")
    _home, db = school
    with sqlite3.connect(db) as con:
        boys, girls = (con.execute("SELECT count(*) FROM child WHERE sex = ? AND left_on IS NULL", (s,)).fetchone()[0]
                       for s in ("M", "F"))
    rows = out.splitlines()[2:-1]
    assert out.splitlines()[0].split() == ["Code", "Full", "name", "Birth", "date", "Sex", "Class"]
    # the sex is its own column: count the words, independent of the column widths
    assert sum(" Male " in r for r in rows) == boys and sum(" Female " in r for r in rows) == girls
    english_only(out, *data_names(db))
    vietnamese = mamnon(school, "children", "list", lang=None)
    assert sum(" Nam " in r for r in vietnamese.splitlines()[2:-1]) == boys


def test_health_rounds_and_stats_name_the_groups_in_english(school):
    _home, db = school
    with sqlite3.connect(db) as con:
        whole = con.execute("SELECT id FROM measurement_round WHERE class_id IS NULL ORDER BY id").fetchone()[0]
        rounds = con.execute("SELECT count(*) FROM measurement_round r JOIN school_year y ON y.id = r.school_year_id "
                             "WHERE y.is_current").fetchone()[0]
    listed = mamnon(school, "health", "rounds")
    assert f"{rounds} rounds" in listed
    assert any(line.startswith(f"{whole} ") and "Whole school" in line for line in listed.splitlines())
    english_only(listed, *data_names(db))
    stats = mamnon(school, "health", "stats", str(whole), "--by-sex")
    assert stats.splitlines()[0].endswith(", Whole school")
    titles = [line.split("  ")[0] for line in stats.splitlines()[5:] if line[:1].isalpha()]
    assert titles[:6] == ["Whole school", "Whole school – Male", "Whole school – Female",
                          "Nursery", "Nursery – Male", "Nursery – Female"]
    assert "Kindergarten" in titles and any(t.startswith("Kindergarten 5–6 years") for t in titles)
    english_only(stats, *data_names(db))
    vietnamese = mamnon(school, "health", "stats", str(whole), "--by-sex", lang=None)
    assert "\nToàn trường – Nam " in vietnamese and "\nNhà trẻ " in vietnamese


def test_attendance_register_heading_keeps_its_columns_apart(school):
    _home, db = school
    day = dt.date.today() - dt.timedelta(days=1)
    with sqlite3.connect(db) as con:
        name = con.execute("SELECT c.name FROM school_class c JOIN attendance_mark m ON m.class_id = c.id "
                           "WHERE m.date LIKE ? LIMIT 1", (f"{day:%Y-%m}%",)).fetchone()
    if name is None:
        pytest.skip("the demo has no attendance this month yet (first days of a school year)")
    out = mamnon(school, "attendance", "month", f"{day:%m/%Y}", "--class", name[0])
    heading = out.splitlines()[1]
    last_day = heading.split()[-4]
    assert heading.split()[-3:] == ["Present", "P", "K"] and last_day.isdigit()
    # the heading is right-aligned over its figures, one space at least after the last day
    assert f"{last_day} Present" in heading
    english_only(out, *data_names(db))
    vietnamese = mamnon(school, "attendance", "month", f"{day:%m/%Y}", "--class", name[0], lang=None)
    assert f"{last_day} Có mặt      P      K" in vietnamese.splitlines()[1]


def test_staff_quality_names_the_stages_in_english(school):
    _home, db = school
    with sqlite3.connect(db) as con:
        year = con.execute("SELECT id FROM school_year WHERE is_current").fetchone()[0]
        nursery, kindergarten = (con.execute("SELECT count(*) FROM school_class WHERE school_year_id = ? "
                                             "AND age_group LIKE ?", (year, s)).fetchone()[0] for s in ("NT_%", "MG_%"))
    out = mamnon(school, "staff-quality")
    assert f"\n  Nursery: {nursery} classes, " in out and f"\n  Kindergarten: {kindergarten} classes, " in out
    english_only(out, *data_names(db))


def test_facilities_show_room_types_conditions_and_water_in_english(school):
    _home, db = school
    rooms = mamnon(school, "facilities", "rooms")
    with sqlite3.connect(db) as con:
        solid_bedrooms = con.execute("SELECT sum(count) FROM room_line WHERE room_type = 'phong_ngu' "
                                     "AND condition = 'kien_co'").fetchone()[0]
        total = con.execute("SELECT sum(count) FROM room_line").fetchone()[0]
    assert f": bedroom, solid — {solid_bedrooms} room(s)" in rooms
    assert f"Total: {total} rooms" in rooms
    english_only(rooms, *data_names(db))
    sites = mamnon(school, "facilities", "sites")
    assert "(main site): rooms " in sites and "Piped water, clean water." in sites
    english_only(sites, *data_names(db))
    vietnamese = mamnon(school, "facilities", "rooms", lang=None)
    assert f": phòng ngủ kiên cố — {solid_bedrooms} phòng" in vietnamese


def test_report_show_lines_up_its_heading_and_names_the_level(school, tmp_path):
    _home, db = school
    path = tmp_path / "bao-cao.xlsx"
    month = dt.date.today().strftime("%m/%Y")
    mamnon(school, "export", "report", "--period", month, "-o", str(path))
    out = mamnon(school, "report", "show", str(path))
    head = out.split("\n\n")[0].splitlines()
    assert head[1] == "Level:           School"
    assert head[-1].startswith("Reference code:  ") and head[-1][17] != " "
    # every heading line starts its value in the same column
    assert all(line[16] == " " and line[17] != " " for line in head), head
    english_only(out, *data_names(db), "Nháp", "Đã nộp")
    assert "Teachers above the training standard (university or higher)" in out
    vietnamese = mamnon(school, "report", "show", str(path), lang=None).split("\n\n")[0].splitlines()
    assert vietnamese[1] == "Cấp:             Trường" and vietnamese[-1].startswith("Mã đối chiếu:    ")


def test_merge_counts_units_and_schools_without_a_wrong_plural(school, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    mamnon(school, "export", "report", "--period", dt.date.today().strftime("%m/%Y"), "-o", str(path))
    home, _db = school
    merged = _run(["merge", str(path), "-o", str(tmp_path / "gop.xlsx"), "--unit-code", "PGD-X",
                   "--unit-name", "Phong X"], home)
    assert merged.returncode == 0, merged.stderr
    assert "\nUnits submitted: 1\n" in merged.stdout
    assert "(schools: 1): " in merged.stdout
    help_text = _run(["merge", "-h"], home).stdout
    assert "Usage: mamnon merge [OPTIONS] FILE_OR_FOLDER..." in help_text
    assert "  FILE_OR_FOLDER are report files" in help_text and "TỆP_HOẶC_THƯ_MỤC" not in help_text


def test_csdl_export_and_dry_run_name_the_list_in_english(school, tmp_path):
    _home, db = school
    path = tmp_path / "csdl.xlsx"
    with sqlite3.connect(db) as con:
        children = con.execute("SELECT count(*) FROM child WHERE left_on IS NULL").fetchone()[0]
    written = mamnon(school, "csdl", "export", "children", "-o", str(path))
    assert written.startswith(f"Wrote {children} rows (pupils (children)) to ")
    checked = mamnon(school, "csdl", "import", str(path), "--dry-run")
    assert checked.startswith("File csdl.xlsx: CSDL ngành pupils (children) list, sheet «HocSinh»")
    english_only(written + checked, "CSDL ngành")


def test_history_names_the_table_in_english(school):
    _home, db = school
    with sqlite3.connect(db) as con:
        code, name = con.execute("SELECT code, full_name FROM child ORDER BY id LIMIT 1").fetchone()
    home = school[0]
    # one change of our own, so the history has an entry whose label we know
    renamed = _run(["--db", str(db), "csdl", "export", "children", "-o", str(home / "x.xlsx")], home)
    assert renamed.returncode == 0, renamed.stderr
    out = mamnon(school, "history", "--child", code)
    assert f"  Edit Child – {name} ({code})" in out
    # the export gave the child a temporary code: the field has a label, not its column name
    assert "\n    Temporary code: ∅ → TAM-" in out and "temp_code" not in out
    # the heading lines are interface; the changes under them quote stored values (a relation, an ethnicity)
    english_only("\n".join(line for line in out.splitlines() if not line.startswith(" ")), *data_names(db))
    vietnamese = mamnon(school, "history", "--child", code, lang=None)
    assert f"  Sửa Trẻ – {name} ({code})" in vietnamese and "\n    Mã tạm: ∅ → TAM-" in vietnamese


def test_lunch_list_counts_months(school):
    _home, db = school
    out = mamnon(school, "lunch", "list")
    with sqlite3.connect(db) as con:
        supported = con.execute("SELECT count(*) FROM lunch_support").fetchone()[0]
    if not supported:
        pytest.skip("no lunch support in this demo")
    assert out.splitlines()[0].split()[:8] == ["No.", "Child", "code", "Full", "name", "Category", "Period", "Months"]
    english_only(out, *data_names(db))
