"""`mamnon meals norms`: list, show, use, export and load a province's norm file."""

from __future__ import annotations

import json

import pytest

from mamnon.services import menus, school, session
from tests.cli.conftest import digest


@pytest.fixture
def school_file(run, db_path):
    result = run("init", "--code", "MN01", "--name", "Trường Mầm non Hoa Sen", "--year", "2026-2027")
    assert result.exit_code == 0, result.output
    return db_path


def test_list_marks_the_set_the_year_uses(run, school_file):
    result = run("meals", "norms", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("* TT28_2016") and "Nhà trẻ" in line and "600–651 kcal" in line for line in lines)
    assert any(line.startswith("  TT17_2009") and "735–882 kcal" in line for line in lines)
    assert "* đang dùng cho năm học 2026-2027." in lines


def test_show_prints_the_meal_split_and_the_source(run, school_file):
    result = run("meals", "norms", "show", "TT28_2016")
    assert result.exit_code == 0, result.output
    assert "Các bữa (% nhu cầu cả ngày): trưa 30–35; chiều 25–30; phụ 5–10" in result.output
    assert "nhu cầu cả ngày: 1230–1320 kcal" in result.output
    assert "Quyết định 2195/QĐ-BGDĐT" in result.output
    missing = run("meals", "norms", "show", "KHONG_CO")
    assert missing.exit_code == 1 and "Không có bộ định mức «KHONG_CO»" in missing.output


def test_export_load_round_trip_then_a_province_override(run, school_file, tmp_path):
    out = tmp_path / "dinh-muc.json"
    assert run("meals", "norms", "export", "-o", str(out)).exit_code == 0
    same = run("meals", "norms", "load", str(out))
    assert same.exit_code == 0 and "0 bản mới, 4 không đổi." in same.output
    data = json.loads(out.read_text(encoding="utf-8"))
    data["sets"].insert(0, {"code": "PHU_THO_2026", "name": "Sở GD&ĐT Phú Thọ 2026",
                            "stages": {"mau_giao": {**data["sets"][1]["stages"]["mau_giao"], "energy_min": 640}}})
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = run("meals", "norms", "load", str(out), "--use")
    assert loaded.exit_code == 0, loaded.output
    assert "Đã lưu: PHU_THO_2026 / mẫu giáo bản 1" in loaded.output
    assert "Năm học 2026-2027 dùng định mức PHU_THO_2026." in loaded.output
    session.open_path(school_file)
    assert menus.norm_code_for(school.current_year().start_date) == "PHU_THO_2026"
    assert menus.get_norm_set("PHU_THO_2026", "mau_giao").energy_min == 640


@pytest.mark.parametrize("content, message", [
    ("{not json", "không đọc được"),
    ('{"sets": [{"code": "X", "stages": {"nha_tre": {"protein_min_pct": 150, "source": "a"}}}]}',
     "Tỷ lệ phải từ 0 đến 100 %"),
])
def test_a_bad_file_changes_nothing(run, school_file, tmp_path, content, message):
    bad = tmp_path / "so-gd.json"
    bad.write_text(content, encoding="utf-8")
    assert run("meals", "norms", "list").exit_code == 0  # the shipped sets are seeded on first use
    session.close()  # WAL: the file is final once the handle is closed
    before = digest(school_file)
    result = run("meals", "norms", "load", str(bad))
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    session.close()
    assert digest(school_file) == before


def test_use_switches_the_year_and_refuses_an_unknown_set(run, school_file):
    assert run("meals", "norms", "use", "TT17_2009").exit_code == 0
    assert any(line.startswith("* TT17_2009") for line in run("meals", "norms", "list").output.splitlines())
    wrong = run("meals", "norms", "use", "ABC")
    assert wrong.exit_code == 1 and "Không có định mức «ABC»" in wrong.output
