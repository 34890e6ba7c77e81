"""In English the services of the first half (accounts, approval, attendance, audit, backups, census, children,
classes, CSDL ngành, demo, facilities, foods, form checks, health checks) speak English: their errors, warnings,
result lines and progress steps, and the labels screens show.

Each test calls the real service with bad input under the `english` fixture and asserts the English words and
that no Vietnamese letter is left, so it fails when a catalogue entry is missing (the Vietnamese msgid would come
back). Texts that also go into printed forms (the census sentences, the statuses, the site kinds) stay Vietnamese
in the core — checked too — and come out in English only where a screen or a command shows them.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from english_helpers import english_only, errors_of

from mamnon.errors import LoginFailed, MamnonError, NotFound
from mamnon.services import accounts, approval, attendance, audit, backups, census, census_recognition, children
from mamnon.services import classes, facilities, foods, health_checks
from mamnon.services.attendance_import import import_attendance
from mamnon.services.background import own_connection
from mamnon.services.census_import import import_census
from mamnon.services.csdl_export import export_table
from mamnon.services.csdl_import import GROUPS, MOVED, NEW, Candidate, Change, Entry
from mamnon.services.demo import build_demo
from mamnon.services.form_check import FormCheck
from mamnon.workbooks.reply_spec import APPROVE
from tests.conftest import add_child
from tests.server_db import ON_SERVER

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 23)
T0 = dt.datetime(2026, 11, 23, 7, 0, 0)


# ---------------------------------------------------------------- errors on import


def test_attendance_import_names_the_day_off_and_the_missing_month_in_english(school_db, english):
    child = add_child(school_db["Lá 1"], "Trần Thị An", "10/01/2021")
    row = {"code": child.code, "full_name": child.full_name, "class_name": "Lá 1", "d01": "x", "d30": "x"}
    # 01/11/2026 is a Sunday; 30/11/2026 a Monday after TODAY
    result = import_attendance([(5, row)], period="2026-11", today=TODAY)
    assert [english_only(e.message) for e in result.errors] == [
        "01/11/2026 is a day off (Sunday): no attendance.",
        "30/11/2026 has not come yet: attendance cannot be taken.",
    ]
    unknown = import_attendance([(5, row)], period="", today=TODAY)
    assert english_only(unknown.errors[0].message).startswith("Which month this attendance is for is unknown")
    year = import_attendance([(5, row)], period="2026-2027", today=TODAY)
    assert english_only(year.errors[0].message) == (
        "The period «2026-2027» is not a month: the attendance register is kept by month (11/2026).")
    other = import_attendance([(5, {**row, "code": "HS99999", "d02": "x", "d01": None, "d30": None})],
                              period="2026-11", today=TODAY)
    assert english_only(other.errors[0].message, "Lá 1") == "No child with the code HS99999 in class Lá 1 in 11/2026."


def test_census_import_refuses_a_row_listed_twice_in_english(school_db, english):
    row = {"commune": "Xã Tân Lập", "village": "Thôn Đông", "full_name": "Lò Văn Páo",
           "birth_date": dt.date(2022, 4, 3), "sex": "Nam", "guardian_name": "Lò Văn Sinh", "status": "khong_hoc"}
    result = import_census([(2, dict(row)), (3, dict(row))], year=2026, dry_run=True, today=TODAY)
    assert [(e.row, e.message) for e in result.errors] == [
        (3, "Same as row 2 of the file (the same child): a child is listed only once.")]
    assert english_only(result.errors[0].message)


def test_csdl_diff_lines_and_the_refusal_to_apply_are_english(english):
    change = Change("sex", "Giới tính", "", "Nữ")
    assert english_only(change.text().replace("Nữ", "")) == "Sex: «(blank)» → «»"
    moved = Entry(MOVED, 7, "Tran An", code="HS00001", from_class="", to_class="La 1", changes=[change])
    assert moved.text().replace("Nữ", "") == "Row 7: Tran An (HS00001); class (none) → La 1; Sex: «(blank)» → «»"
    candidate = Candidate(3, "HS00003", "Tran An", dt.date(2021, 1, 10), "", ministry_code="123")
    assert english_only(candidate.text()) == "HS00003 — Tran An, 10/01/2021, class (none), Ministry code 123"
    # the headings stay Vietnamese in the core; a screen shows _(heading)
    from mamnon.i18n import _

    assert GROUPS[NEW] == "Mới" and _(GROUPS[NEW]) == "New"


def test_csdl_export_of_an_unknown_kind_is_refused_in_english(english):
    with pytest.raises(MamnonError) as exc:
        export_table("lop")
    assert english_only(str(exc.value)) == "Only «children» or «staff» can be exported, not «lop»."


# ---------------------------------------------------------------- errors on save


def test_child_form_errors_in_english(school_db, english):
    errors = errors_of(lambda: children.create_child(children.ChildForm(
        full_name="An 2", birth_date="01/01/2030", sex="x", code="mã 1", class_id=None), today=TODAY))
    # «Nam», «Nữ»: what the user types, shown as typed
    assert {k: english_only(v, "Nữ") for k, v in errors.items()} == {
        "full_name": "A full name has letters only (no digits or symbols).",
        "birth_date": "The date of birth is in the future.",
        "sex": "Sex must be Nam (male) or Nữ (female).",
        "code": "A child code has only letters without diacritics, digits and dashes.",
        "class_id": "Choose a class.",
    }
    blank = errors_of(lambda: children.create_child(children.ChildForm(class_id=school_db["Lá 1"]), today=TODAY))
    assert english_only(blank["full_name"]) == "Enter full name."
    assert english_only(blank["birth_date"]) == "Enter date of birth (dd/mm/yyyy)."
    child = add_child(school_db["Lá 1"], "Trần Thị An", "10/01/2021")
    with pytest.raises(NotFound) as missing:
        children.get_child(child.id + 100)
    assert english_only(str(missing.value)) == f"No child no. {child.id + 100}."


def test_an_age_warning_names_the_group_in_english(school_db, english):
    form = children.ChildForm(full_name="Tran An", birth_date="10/01/2025", sex="F", class_id=school_db["Lá 1"])
    _values, chk = children.check_child(form, today=TODAY)
    warning = chk.warnings["birth_date"]
    assert warning.startswith("The child is 22 months old, born in 2025: not the age of the group «")
    assert warning.endswith("». You can still save if this is right.")


def test_class_and_facility_and_food_errors_in_english(school_db, english):
    errors = errors_of(lambda: classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")))
    assert english_only(errors["name"], "Lá 1") == "This school year already has a class «Lá 1»."
    site = errors_of(lambda: facilities.create_site(facilities.SiteForm(name="", distance_km="-2")))
    assert site == {"name": "Enter school site name.", "distance_km": "Distance (km) cannot be negative (entered -2)."}
    food = errors_of(lambda: foods.create_food(foods.FoodForm(name="Rau", protein_g="abc", glucid_g="120",
                                                             waste_pct="100", price_per_kg="0")))
    # «đ» is the money sign of every language (mamnon.formats.format_money)
    assert {k: english_only(v, "đ/kg") for k, v in food.items()} == {
        "protein_g": "Protein must be a number.",
        "glucid_g": "Carbohydrate in 100 g cannot exceed 100 g.",
        "waste_pct": "The waste share must be from 0 to under 100 %.",
        "price_per_kg": "The price must be more than 0 đ/kg (leave it empty when there is no price yet).",
    }


def test_form_check_defaults_are_english(english):
    chk = FormCheck()
    chk.text("a", "", required=True)
    chk.text("b", "x" * 5, max_len=3)
    chk.date("c", "", required=True)
    chk.choice("d", "Xyz", ["Kinh", "Tày"])
    chk.choice("e", "", ["Kinh"], required=True, what="ethnicity")
    chk.phone("f", "", required=True)
    assert chk.errors == {"a": "Enter this field.", "b": "Longer than 3 characters.", "c": "Enter date (dd/mm/yyyy).",
                          "d": "Value «Xyz» is not in the list (Kinh, Tày).", "e": "Choose ethnicity.",
                          "f": "Enter a phone number."}


def test_health_check_and_attendance_save_errors_in_english(school_db, english):
    child = add_child(school_db["Lá 1"], "Trần Thị An", "10/01/2021")
    errors = errors_of(lambda: health_checks.add_health_check(
        child.id, health_checks.HealthCheckForm(checked_on="01/12/2026", examiner=""), today=TODAY))
    assert errors == {"checked_on": "The check date is in the future.", "examiner": "Enter examiner."}
    marks = errors_of(lambda: attendance.save_class_day(school_db["Lá 1"], dt.date(2026, 11, 20),
                                                        {child.id: "Z", 999: "x"}, today=TODAY))
    assert english_only(marks["child_999"], "Lá 1") == "Child no. 999 is not in class Lá 1 on 20/11/2026."
    assert english_only(marks[f"child_{child.id}"], "Trần Thị An") == (
        "Trần Thị An: the mark «Z» is not valid (x present, P excused absence, K unexcused absence).")
    weekend = errors_of(lambda: attendance.save_class_day(school_db["Lá 1"], dt.date(2026, 11, 21), {},
                                                          today=TODAY))
    assert weekend == {"date": "21/11/2026 is a day off (Saturday): no attendance."}


def test_census_entry_errors_in_english(school_db, english):
    village = census.add_village("Xã Tân Lập", "Thôn Đông").id
    form = census.EntryForm(village_id=village, full_name="Lo Van Pao", birth_date="03/04/2019", sex="M",
                            guardian_name="", status="di choi", completed=True)
    _values, chk = census.check_entry(form, 2026, today=TODAY)
    assert {k: english_only(v) for k, v in chk.errors.items()} == {
        "birth_date": "A child born in 2019 is outside the census ages. "
                      "The 2026 census covers children born from 2021 to 2026 (aged 0–5).",
        "guardian_name": "Enter the name of the father, mother or guardian.",
        "status": "Choose a status: At this school, At another school, Not in school, Moved away, Deceased.",
        "completed": "A child who does not attend school cannot have completed the preschool programme.",
    }
    with pytest.raises(MamnonError) as exc:
        census.carry_forward(2031)
    assert english_only(str(exc.value)) == "There are no 2030 census figures to carry over to 2031."


# ---------------------------------------------------------------- accounts, approval, backups, demo


def test_login_failures_count_down_and_lock_in_english(db, english):
    accounts.create_admin("hieutruong", "Le Thi Ha", "matkhau1")
    with pytest.raises(LoginFailed) as first:
        accounts.authenticate("hieutruong", "sai", now=T0)
    assert english_only(str(first.value)) == (
        "Wrong user name or password (4 tries left before the account is locked for a while).")
    for _try in range(3):
        with pytest.raises(LoginFailed):
            accounts.authenticate("hieutruong", "sai", now=T0)
    with pytest.raises(LoginFailed) as locked:
        accounts.authenticate("hieutruong", "sai", now=T0)
    assert str(locked.value) == ("Wrong password 5 times in a row: the account «hieutruong» is locked for "
                                 "30 seconds (until 07:00:30).")
    errors = errors_of(lambda: accounts.create_user("Lan GV", "", "nobody", "123"))
    assert english_only(errors["username"]).startswith("A user name is 2–30 lower-case letters")
    assert errors["full_name"] == "Enter the full name."
    assert errors["password"] == f"The password needs at least {accounts.MIN_PASSWORD} characters."
    assert english_only(errors["role"]).startswith("The role must be one of: admin (")


def test_reply_lines_and_periods_in_english(english):
    assert approval.period_text("2026-11") == "11/2026"
    assert approval.period_text("2026-2027") == "school year 2026-2027"
    line = approval.reply_line("Phong GD&DT Yen Lac", APPROVE, "2026-11", "")
    assert english_only(line) == "Phong GD&DT Yen Lac approved the report for 11/2026 (this period is now locked)"


def test_backup_restore_refusals_in_english(tmp_path, english):
    with pytest.raises(MamnonError) as missing:
        backups.check_restorable(tmp_path / "khong-co.sqlite")
    assert english_only(str(missing.value)) == f"File {tmp_path / 'khong-co.sqlite'} not found."
    text = tmp_path / "ghi-chu.sqlite"
    text.write_text("not a database " * 200, encoding="utf-8")
    with pytest.raises(MamnonError) as wrong:
        backups.check_restorable(text)
    assert english_only(str(wrong.value)) == "ghi-chu.sqlite is not an SQLite data file: nothing is restored from it."
    with pytest.raises(MamnonError) as usb:
        backups.usb_folder(tmp_path / "usb")
    assert english_only(str(usb.value)) == (
        f"There is no folder {tmp_path / 'usb'}: plug in the USB stick or create the folder first.")


def test_background_work_and_demo_refusals_in_english(school_db, english):
    if not ON_SERVER:  # the tests' SQLite database lives in memory; a server opens a second connection fine
        with pytest.raises(MamnonError) as memory:
            with own_connection():
                pass
        assert english_only(str(memory.value)) == "An in-memory database cannot be used from another thread."
    errors = errors_of(lambda: build_demo(children=10))
    assert english_only(errors["code"]).startswith("This database already has a school: demo data is only created")


# ---------------------------------------------------------------- labels: the core keeps them, screens translate


def test_audit_history_reads_in_english(school_db, english):
    child = add_child(school_db["Lá 1"], "Tran Thi An", "10/01/2021")
    form = children.form_for(child.id)
    form.full_name = "Tran Thi Anh"
    children.update_child(child.id, form)
    edit = [r for r in audit.history_of("child", child.id) if r.action == "update"][-1]
    assert (edit.action_label, edit.changes[0].label) == ("Edit", "Full name")
    assert english_only(edit.summary).startswith("Full name: Tran Thi An → Tran Thi Anh")


def test_census_sentences_stay_vietnamese_for_the_form_and_read_english_on_screen(school_db, english):
    village = census.add_village("Xa Tan Lap", "Thon Dong").id
    census.create_entry(2026, census.EntryForm(village_id=village, full_name="Lo Van Pao", birth_date="03/04/2021",
                                               sex="M", guardian_name="Lo Van Sinh", status=census.MOVED,
                                               status_date="01/10/2026", destination="Ha Noi"), today=TODAY)
    census.create_entry(2026, census.EntryForm(village_id=village, full_name="Lo Thi Mai", birth_date="05/05/2021",
                                               sex="F", guardian_name="Lo Van Sinh", status=census.HERE),
                        today=TODAY)
    [moved] = [r for r in census.list_entries(2026) if r.status == census.MOVED]
    assert moved.where == "Chuyển đi đến Ha Noi (01/10/2026)"
    assert moved.where_shown == "Moved away to Ha Noi (01/10/2026)"
    [block], area = census.summary(2026)
    five = next(c for c in block.checks if c.ages == (5,) and c.measure == "attending")
    # one 5-year-old living in the commune (Mai; Páo moved away), attending: 100 % of 1 child
    assert census.check_sentence(five) == ("Trẻ 5 tuổi đang học: 100,0 % (cần ≥ 95 % theo NĐ 20/2014/NĐ-CP, "
                                           "Điều 6; nguồn chưa đối chiếu văn bản gốc) – đạt.")
    assert census.check_line(five) == ("Children aged 5 attending: 100,0 % (≥ 95 % required by "
                                       "NĐ 20/2014/NĐ-CP, Điều 6; source not yet checked against the original "
                                       "text) – met.")
    assert (area.commune, area.name_shown, block.name_shown) == ("Toàn địa bàn", "Whole area", "Xa Tan Lap")
    rule = census_recognition.recognise(block, 2026).of("ND20_5T")
    assert rule.sentence().startswith("5 tuổi (NĐ 20/2014/NĐ-CP, Điều 6): Chưa đạt – trẻ 5 tuổi hoàn thành")
    assert rule.line().startswith("Age 5 (NĐ 20/2014/NĐ-CP, Điều 6): Not recognised – children aged 5 completing")
    assert "not confirmed: enough teachers with the standard training" in rule.line()
    assert census_recognition.province_line({}) == "No commune in the census yet."
    assert census_recognition.province_sentence({}) == "Chưa có xã nào trong điều tra."


def test_site_kind_finding_and_status_labels_stay_vietnamese_in_the_core(english):
    from mamnon.i18n import _

    site = facilities.SiteRow(1, "Diem A", True, "", None, "", False, "")
    assert (site.kind_label, _(site.kind_label)) == ("Điểm chính", "Main site")
    assert [_(label) for label in health_checks.FINDING_FIELDS.values()] == [
        "Eyes", "Teeth and mouth", "Ear, nose and throat", "Skin", "Heart and lungs", "Other"]
    assert census.STATUS_LABELS[census.OTHER] == "Học trường khác" and _(census.STATUS_LABELS[census.OTHER]) == (
        "At another school")
    assert [_(name) for name in attendance.WEEKEND_NAMES.values()] == ["Saturday", "Sunday"]


# ---------------------------------------------------------------- where a command shows them


def _census_school(path: Path) -> None:
    from mamnon.services import school, session

    session.open_path(str(path))
    try:
        school.init_school(code="MN01", name="Truong Mam non Hoa Sen", commune="Xa Tan Lap", year_name="2026-2027")
        village = census.add_village("Xa Tan Lap", "Thon Dong").id
        census.create_entry(2026, census.EntryForm(village_id=village, full_name="Lo Thi Mai",
                                                   birth_date="05/05/2021", sex="F", guardian_name="Lo Van Sinh",
                                                   status=census.OTHER, school_name="MN Hoa Mai"), today=TODAY)
    finally:
        session.close()


def _mamnon(args, tmp_path):
    env = dict(os.environ)
    env.pop("MAMNON_LANG", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return subprocess.run([sys.executable, "-c", "from cli.main import main; main()", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)


def test_census_commands_show_statuses_and_sentences_in_english(tmp_path):
    path = tmp_path / "truong.sqlite"
    _census_school(path)
    listed = _mamnon(["--lang", "en", "--db", str(path), "census", "list", "--year", "2026"], tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "At another school: MN Hoa Mai" in listed.stdout and "Học trường khác" not in listed.stdout
    summary = _mamnon(["--lang", "en", "--db", str(path), "census", "summary", "--year", "2026"], tmp_path)
    assert summary.returncode == 0, summary.stderr
    out = summary.stdout
    assert "Children aged 5 attending: 100,0 % (≥ 95 % required by NĐ 20/2014/NĐ-CP, Điều 6;" in out
    assert "Age 5 (NĐ 20/2014/NĐ-CP, Điều 6): Not recognised – children aged 5 completing" in out
    assert "Whole area" in out and "Toàn địa bàn" not in out and "Chưa đạt" not in out
    # without --lang the same command stays Vietnamese, the default
    vietnamese = _mamnon(["--db", str(path), "census", "summary", "--year", "2026"], tmp_path)
    assert "Trẻ 5 tuổi đang học: 100,0 %" in vietnamese.stdout and "Toàn địa bàn" in vietnamese.stdout
