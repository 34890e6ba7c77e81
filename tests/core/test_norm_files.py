"""The meal split of QĐ 2195/QĐ-BGDĐT, and norm sets that travel as files (a province overrides them)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from mamnon import migrations
from mamnon.errors import MamnonError
from mamnon.nutrition import ABOVE, BELOW, IN_RANGE, NOT_CHECKED, Norm, check_meals
from mamnon.services import menus, norm_files, session

NT_NORM = Norm("TT 28", daily_need_min=930, daily_need_max=1000,
               meal_split=(("trua", 30, 35), ("chieu", 25, 30), ("phu", 5, 10)))
MG_NORM = Norm("TT 28", daily_need_min=1230, daily_need_max=1320,
               meal_split=(("sang", 10, 15), ("trua", 30, 35), ("chieu+phu", 15, 25)))


def test_each_meal_is_judged_against_its_share_of_the_daily_need():
    # Hand calculation: trưa 30 % × 930 = 279 to 35 % × 1000 = 350 kcal; chiều 232,5–300; phụ 46,5–100.
    checks = {c.meal: c for c in check_meals({"trua": 352.0, "chieu": 250.0, "phu": 40.0}, NT_NORM)}
    assert (checks["trua"].low_kcal, checks["trua"].high_kcal) == (279.0, 350.0)
    assert checks["trua"].status == ABOVE and checks["trua"].by == pytest.approx(2.0)
    assert (checks["chieu"].low_kcal, checks["chieu"].high_kcal, checks["chieu"].status) == (232.5, 300.0, IN_RANGE)
    assert checks["phu"].status == BELOW and checks["phu"].by == pytest.approx(6.5)


def test_a_mau_giao_snack_served_in_two_parts_is_judged_as_one():
    # chiều + phụ = 120 + 80 = 200 kcal within 15 % × 1230 = 184,5 … 25 % × 1320 = 330.
    checks = check_meals({"trua": 400.0, "chieu": 120.0, "phu": 80.0}, MG_NORM)
    by_meal = {c.meal: c for c in checks}
    assert set(by_meal) == {"trua", "chieu+phu"}
    assert by_meal["chieu+phu"].energy_kcal == 200.0
    assert (by_meal["chieu+phu"].low_kcal, by_meal["chieu+phu"].high_kcal) == (184.5, 330.0)
    assert all(c.status == IN_RANGE for c in checks)


def test_meals_the_split_does_not_name_are_listed_not_judged():
    checks = check_meals({"trua": 300.0, "sang": 90.0}, NT_NORM)
    assert [(c.meal, c.status) for c in checks] == [("trua", IN_RANGE), ("sang", NOT_CHECKED)]
    assert [c.status for c in check_meals({"trua": 300.0}, Norm("no need", meal_split=(("trua", 30, 35),)))] \
        == [NOT_CHECKED]


def test_the_shipped_set_carries_the_split_and_the_day_report_checks_it(db):
    nt = menus.get_norm_set("TT28_2016", "nha_tre")
    assert (nt.daily_need_min, nt.daily_need_max) == (930, 1000)
    assert nt.meal_split == (("trua", 30, 35), ("chieu", 25, 30), ("phu", 5, 10))
    assert menus.norm_form_for("TT28_2016", "mau_giao").meal_split == "sáng 10–15; trưa 30–35; chiều+phụ 15–25"


def test_the_split_is_typed_and_checked_like_every_figure(db):
    form = menus.norm_form_for("TT28_2016", "nha_tre")
    form.meal_split = "trưa 30-35; tối 10-20"
    form.daily_need_min = "0"
    with pytest.raises(Exception) as info:
        menus.save_norm_version("TT28_2016", "nha_tre", form)
    assert "tối" in info.value.errors["meal_split"]
    assert "daily_need_min" in info.value.errors
    form = menus.norm_form_for("TT28_2016", "nha_tre")
    form.meal_split = "Bữa trưa 31-36; chiều+phụ 30-40"
    row = menus.save_norm_version("TT28_2016", "nha_tre", form)
    assert row.version == 2 and row.meal_split == (("trua", 31, 36), ("chieu+phu", 30, 40))


def test_a_database_of_version_6_gets_the_split_of_its_shipped_rows(tmp_path):
    path = tmp_path / "cu.sqlite"
    con = sqlite3.connect(path)
    from mamnon.migrations import m0001_initial  # noqa: F401  the frozen steps, applied by hand to v6

    class Raw:
        def execute_sql(self, sql, params=()):
            return con.execute(sql, params)

    for _, name in migrations.MIGRATIONS[:6]:
        __import__(f"mamnon.migrations.{name}", fromlist=["up"]).up(Raw())
    con.execute("INSERT INTO norm_set (code, version, name, stage, source, note) "
                "VALUES ('TT28_2016', 1, 'TT 28/2016', 'nha_tre', 's', '')")
    con.commit()
    __import__("mamnon.migrations.m0007_norm_meal_split", fromlist=["up"]).up(Raw())
    need_min, split = con.execute("SELECT daily_need_min, meal_split FROM norm_set").fetchone()
    assert need_min == 930 and json.loads(split) == [["trua", 30, 35], ["chieu", 25, 30], ["phu", 5, 10]]
    con.close()


# --- norm files ---------------------------------------------------------------------------


def test_export_then_load_the_same_file_changes_nothing(db):
    text = norm_files.export_text()
    data = json.loads(text)
    assert data["format"] == "mamnon-norms" and {s["code"] for s in data["sets"]} >= {"TT28_2016", "TT17_2009"}
    before = len(menus.list_norm_sets())
    result = norm_files.load_norm_sets(text, "dinh-muc.json")
    assert result.added == () and result.unchanged == 4
    assert len(menus.list_norm_sets()) == before


def test_a_province_file_overrides_figures_as_new_versions(db):
    data = norm_files.export_norm_sets()
    tt28 = next(s for s in data["sets"] if s["code"] == "TT28_2016")
    tt28["stages"]["mau_giao"]["energy_min"] = 650
    tt28["stages"]["mau_giao"]["source"] = "Công văn của Sở GD&ĐT tỉnh Phú Thọ (ví dụ)"
    data["sets"].append({"code": "PT_2026", "name": "Sở GD&ĐT Phú Thọ 2026", "stages": {
        "nha_tre": {**tt28["stages"]["nha_tre"], "energy_min": 610}}})
    result = norm_files.load_norm_sets(json.dumps(data, ensure_ascii=False))
    assert result.added == ("TT28_2016 / mẫu giáo bản 2", "PT_2026 / nhà trẻ bản 1")
    assert result.unchanged == 3
    assert menus.get_norm_set("TT28_2016", "mau_giao").energy_min == 650
    assert menus.get_norm_set("TT28_2016", "mau_giao", version=1).energy_min == 615   # the past stays
    assert menus.get_norm_set("PT_2026", "nha_tre").meal_split == (("trua", 30, 35), ("chieu", 25, 30),
                                                                  ("phu", 5, 10))


@pytest.mark.parametrize("text, message", [
    ("not json", "không đọc được"),
    ('{"sets": []}', "sets"),
    ('{"sets": [{"code": "X", "stages": {"tieu_hoc": {}}}]}', "tieu_hoc"),
    ('{"sets": [{"code": "X", "stages": {"nha_tre": {"meal_split": [["trua"]]}}}]}', "meal_split"),
])
def test_a_bad_file_is_refused_with_a_message(db, text, message):
    with pytest.raises(MamnonError, match=message):
        norm_files.load_norm_sets(text, "so-gd.json")


def test_a_file_with_one_bad_set_stores_nothing(db):
    data = norm_files.export_norm_sets()
    data["sets"][0]["stages"]["nha_tre"]["energy_min"] = 700              # fine
    data["sets"][-1]["stages"]["mau_giao"]["protein_min_pct"] = 150       # impossible share
    before = [(r.code, r.stage, r.version) for r in menus.list_norm_sets()]
    with pytest.raises(MamnonError, match="0 đến 100"):
        norm_files.load_norm_sets(json.dumps(data))
    assert [(r.code, r.stage, r.version) for r in menus.list_norm_sets()] == before
    assert session.integrity() == "ok"
