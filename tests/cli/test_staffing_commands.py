"""`mamnon staff-quality` and `mamnon facilities …` on a small school."""

from __future__ import annotations

import json

import pytest

from mamnon.services import classes, school, session, staff


@pytest.fixture
def small_school(db_path):
    session.open_path(db_path)
    school.init_school(code="MN01", name="Trường MN Hoa Sen", commune="Xã Tân Lập", province="Tỉnh Phú Thọ",
                       year_name="2026-2027")
    staff.create_staff(staff.StaffForm(full_name="Nguyễn Thị Lan", sex="F", position="Giáo viên",
                                       qualification="Trung cấp", contract_type="Biên chế"))
    classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6"))
    classes.create_class(classes.ClassForm(name="Mầm 1", age_group="MG_3_4"))
    session.close()


def test_staff_quality_json(run, small_school):
    result = run("staff-quality", "--date", "23/11/2026", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["teachers"], data["classes"], data["children"]) == (1, 2, 0)
    assert data["training"]["duoi"] == 1 and data["contracts"] == {"bien_che": 1, "hop_dong": 0}
    assert data["teachers_per_class"] == 0.5


def test_facilities_add_list_and_refuse_a_negative_count(run, small_school):
    assert run("facilities", "add-site", "Điểm chính", "--main", "--water", "Nước máy", "--clean-water").exit_code == 0
    done = run("facilities", "add-room", "--site", "diem chinh", "--type", "phong_hoc", "--condition", "kien_co",
               "--count", "2", "--area", "100,5")
    assert done.exit_code == 0, done.output
    bad = run("facilities", "add-room", "--site", "Điểm chính", "--type", "bep", "--condition", "tam",
              "--count", "-3")
    assert bad.exit_code == 1 and "Số phòng không được âm (đã nhập -3)." in bad.output
    rooms = run("facilities", "rooms")
    assert rooms.output.splitlines() == [
        "Điểm chính: phòng sinh hoạt chung (phòng học) kiên cố — 2 phòng, 100,5 m²",
        "Tổng: 2 phòng, 100,5 m²."]
    assert "2 phòng, 0 nhà vệ sinh; Nước máy, nước sạch." in run("facilities", "sites").output


def test_equipment_sets_all_or_nothing(run, small_school):
    bad = run("facilities", "equipment", "--set", "MN011001=3", "--set", "MN011002=-1")
    assert bad.exit_code == 1 and "không được âm" in bad.output
    listed = run("facilities", "equipment").output
    assert "MN011001  Giá phơi khăn mặt: cần 2, chưa kiểm kê" in listed      # the first --set was not kept
    ok = run("facilities", "equipment", "--set", "MN011003=1")
    assert "MN011003  Tủ đựng đồ dùng cá nhân của trẻ: cần 4, có 1 — THIẾU 3" in ok.output
