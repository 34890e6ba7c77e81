"""`mamnon import FILE`: counts on success, every error listed with an annotated copy and exit 1 otherwise."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from mamnon.services import children, classes, school, session, staff
from mamnon.workbooks.kinds import ROSTER, STAFF
from tests.cli.conftest import digest
from tests.workbooks.conftest import roster_row, write_book

THIS_YEAR = dt.date.today().year


@pytest.fixture
def school_file(db_path):
    """A school with one class «Lá 1» for the current school year, as a database file."""
    first = THIS_YEAR if dt.date.today().month >= 6 else THIS_YEAR - 1
    session.open_path(db_path)
    try:
        school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", commune="Xã Tân Lập",
                           province="Tỉnh Phú Thọ", year_name=f"{first}-{first + 1}")
        teacher = staff.create_staff(staff.StaffForm(full_name="Nguyễn Thị Lan", sex="F", position="Giáo viên"))
        classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6", main_teacher_id=teacher.id))
    finally:
        session.close()
    return db_path


def born(years_ago: int) -> str:
    return f"10/03/{THIS_YEAR - years_ago}"


def roster_names(db_path):
    session.open_path(db_path)
    try:
        return sorted(c.full_name for c in children.list_children())
    finally:
        session.close()


def test_a_good_roster_is_imported_and_a_second_time_changes_nothing(run, school_file, tmp_path):
    path = write_book(tmp_path / "danh-sach.xlsx", ROSTER,
                      [roster_row("Trần Thị An", born(5)), roster_row("Lê Văn Bình", born(5), sex="nam")])
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "Tệp danh-sach.xlsx: Danh sách trẻ" in result.output
    assert "Đơn vị: Trường Mầm non Hoa Sen" in result.output
    assert "Đã nhập: thêm mới 2, cập nhật 0, không đổi 0." in result.output
    assert roster_names(school_file) == ["Lê Văn Bình", "Trần Thị An"]
    before = digest(school_file)
    again = run("import", str(path))
    assert again.exit_code == 0 and "thêm mới 0, cập nhật 0, không đổi 2" in again.output
    assert digest(school_file) == before


def test_errors_are_listed_annotated_and_nothing_is_written(run, school_file, tmp_path):
    rows = [roster_row(f"Trần Thị {chr(65 + i)}", born(5)) for i in range(20)]
    rows[12]["birth_date"] = "31/02/2021"
    rows[15].update(class_name="Lá 9", guardian1_name="Trần Văn Hùng", guardian1_phone="12")
    path = write_book(tmp_path / "danh-sach.xlsx", ROSTER, rows)
    before = digest(school_file)
    result = run("import", str(path))
    assert result.exit_code == 1
    assert ("Tệp danh-sach.xlsx, trang «Danh sách trẻ», dòng 17, cột C «Ngày sinh» (giá trị «31/02/2021»): "
            "Ngày «31/02/2021» không có thật trên lịch.") in result.output
    assert "dòng 20, cột E «Lớp» (giá trị «Lá 9»)" in result.output
    # The database checks still run on a row with a bad cell, so the phone is reported in the same go.
    assert "dòng 20, cột P «Điện thoại 1» (giá trị «12»)" in result.output
    assert "Không nhập gì: 3 lỗi." in result.output
    assert "Traceback" not in result.output
    assert digest(school_file) == before
    marked = openpyxl.load_workbook(tmp_path / "danh-sach-loi.xlsx")
    assert "không có thật" in marked["Danh sách trẻ"]["C17"].comment.text
    assert marked.sheetnames[0] == "Lỗi"


def test_annotate_option_and_kind_option(run, school_file, tmp_path):
    path = write_book(tmp_path / "can-bo.xlsx", STAFF, [{"full_name": "Lê Thị Hoa", "sex": "Nữ",
                                                        "position": "Bếp trưởng"}])
    wrong = run("import", str(path), "--kind", "roster")
    assert wrong.exit_code == 1 and "không phải «Danh sách trẻ»" in wrong.output
    result = run("import", str(path), "--annotate", str(tmp_path / "loi.xlsx"))
    assert result.exit_code == 1
    assert "cột F «Chức vụ»" in result.output and (tmp_path / "loi.xlsx").exists()
    assert not (tmp_path / "can-bo-loi.xlsx").exists()


def test_dry_run_reports_and_writes_nothing(run, school_file, tmp_path):
    path = write_book(tmp_path / "can-bo.xlsx", STAFF, [{"full_name": "Lê Thị Hoa", "sex": "Nữ",
                                                        "position": "Giáo viên"}])
    before = digest(school_file)
    result = run("import", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Kiểm tra xong, không có lỗi (thêm mới 1, cập nhật 0, không đổi 0). Chưa ghi gì" in result.output
    assert digest(school_file) == before


def test_hostile_and_foreign_files_are_refused_in_one_line(run, school_file, tmp_path):
    fake = tmp_path / "mat-khau.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    result = run("import", str(fake))
    assert result.exit_code == 1
    assert "Lỗi: Không nhập được tệp mat-khau.xlsx: tệp có mật khẩu hoặc là định dạng .xls cũ" in result.output
    other = write_book(tmp_path / "truong-khac.xlsx", ROSTER, [roster_row("Trần Thị An", born(5))],
                       unit_code="MN77")
    refused = run("import", str(other))
    assert refused.exit_code == 1 and "MN77" in refused.output and "Traceback" not in refused.output
    assert roster_names(school_file) == []


def test_a_file_without_metadata_says_how_it_was_recognised(run, school_file, tmp_path):
    path = write_book(tmp_path / "chep.xlsx", ROSTER, [roster_row("Trần Thị An", born(5))], with_meta=False,
                      sheet_title="Sheet1", header_row=0)
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "nhận ra theo tiêu đề cột" in result.output
    assert roster_names(school_file) == ["Trần Thị An"]


def test_a_measurement_file_fills_the_round_named_in_its_metadata(run, school_file, tmp_path):
    from mamnon.workbooks.kinds import MEASUREMENTS

    today = dt.date.today()
    start = dt.date(THIS_YEAR if today.month >= 6 else THIS_YEAR - 1, 9, 1)
    if not start < today <= dt.date(start.year + 1, 5, 31):
        pytest.skip("today is outside the school year (summer holidays)")
    roster = write_book(tmp_path / "ds.xlsx", ROSTER, [
        roster_row("Trần Thị An", born(5), code="HS1", enrolled_on=start),
        roster_row("Lê Văn Bình", born(5), sex="Nam", code="HS2", enrolled_on=start)])
    assert run("import", str(roster)).exit_code == 0
    rows = [{"code": "HS1", "full_name": "Trần Thị An", "weight_kg": "17,5", "height_cm": "108,2"},
            {"code": "HS2", "full_name": "Lê Văn Bình"}]
    path = write_book(tmp_path / "can-do.xlsx", MEASUREMENTS, rows,
                      meta={"round_name": "Cân đo thử", "round_date": today.isoformat(), "class_name": "Lá 1"})
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "Đợt cân đo mới: «Cân đo thử»" in result.output
    assert "Đã nhập: thêm mới 1, cập nhật 0, không đổi 0, bỏ qua 1 dòng trống số đo." in result.output
    rounds = run("health", "rounds")
    assert "Cân đo thử" in rounds.output and "1/2" in rounds.output


def test_the_kind_choices_are_the_importable_kinds():
    """The CLI lists them itself so that `mamnon -h` does not load openpyxl; they must not drift."""
    from cli.commands_import import IMPORTABLE
    from importers import IMPORTABLE_KINDS

    assert IMPORTABLE == IMPORTABLE_KINDS


def _last_school_day(today: dt.date, start: dt.date) -> dt.date:
    day = today - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    if day <= start:
        pytest.skip("no school day yet this school year (summer holidays)")
    return day


def _type_marks(path, marks: dict[tuple[str, int], str]) -> None:
    """Type marks into an attendance template: {(child code, day of month): mark}."""
    book = openpyxl.load_workbook(path)
    ws = book["Điểm danh"]
    header = next(r for r in ws.iter_rows() if str(r[0].value or "").startswith("Mã trẻ"))
    columns = {int(c.value): c.column for c in header if str(c.value or "").isdigit()}
    lines = {r[0].value: r[0].row for r in ws.iter_rows(min_row=header[0].row + 1) if r[0].value}
    for (code, day), mark in marks.items():
        ws.cell(row=lines[code], column=columns[day], value=mark)
    book.save(path)


def test_an_attendance_month_is_imported_and_a_mark_on_a_sunday_writes_nothing(run, school_file, tmp_path):
    today = dt.date.today()
    start = dt.date(THIS_YEAR if today.month >= 6 else THIS_YEAR - 1, 9, 1)
    day = _last_school_day(today, start)
    roster = write_book(tmp_path / "ds.xlsx", ROSTER, [
        roster_row("Trần Thị An", born(5), code="HS1", enrolled_on=start),
        roster_row("Lê Văn Bình", born(5), sex="Nam", code="HS2", enrolled_on=start)])
    assert run("import", str(roster)).exit_code == 0
    path = tmp_path / "diem-danh.xlsx"
    written = run("template", "write", "diem-danh", "--class", "Lá 1", "--month", f"{day:%m/%Y}", "-o", str(path))
    assert written.exit_code == 0, written.output
    _type_marks(path, {("HS1", day.day): "x", ("HS2", day.day): "p"})
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert f"Kỳ báo cáo: Tháng {day:%m/%Y}" in result.output
    assert "Đã nhập: thêm mới 2, cập nhật 0, không đổi 0." in result.output
    again = run("import", str(path))
    assert "Đã nhập: thêm mới 0, cập nhật 0, không đổi 2." in again.output

    sunday = next(d for d in range(1, 29) if dt.date(day.year, day.month, d).weekday() == 6)
    _type_marks(path, {("HS1", day.day): "K", ("HS2", sunday): "x"})
    before = digest(school_file)
    bad = run("import", str(path))
    assert bad.exit_code == 1
    assert (f"Tệp diem-danh.xlsx, trang «Điểm danh», dòng 6, cột {chr(ord('C') + sunday)} «{sunday}» "
            f"(giá trị «x»): Ngày {sunday:02d}/{day:%m/%Y} là ngày nghỉ (Chủ nhật): không điểm danh.") in bad.output
    assert "Không nhập gì: 1 lỗi." in bad.output
    assert digest(school_file) == before


def test_a_menu_workbook_brings_its_dishes_and_a_bad_food_code_writes_nothing(run, school_file, tmp_path):
    from mamnon.workbooks.kinds import MENUS

    day = dt.date.today().strftime("%d/%m/%Y")
    sheets = {"Thực đơn": [{"date": day, "stage": "Mẫu giáo", "meal": "Bữa trưa", "dish": "Cơm",
                            "children_count": 30, "fee_per_child": 25000},
                           {"date": day, "stage": "Mẫu giáo", "meal": "Bữa trưa", "dish": "Thịt kho"}],
              "Món ăn": [{"dish": "Cơm", "food_code": "1004", "grams_nha_tre": 50, "grams_mau_giao": "70"},
                         {"dish": "Thịt kho", "food_code": "7017", "grams_mau_giao": "30,5"}]}
    path = write_book(tmp_path / "thuc-don.xlsx", MENUS, sheets)
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "Món ăn: thêm mới 2, cập nhật 0, không đổi 0." in result.output
    assert "Thực đơn ngày: thêm mới 1, cập nhật 0, không đổi 0." in result.output
    assert "Đã nhập: thêm mới 3, cập nhật 0, không đổi 0." in result.output
    session.open_path(school_file)
    try:
        from mamnon.services import menus

        assert [d.name for d in menus.list_dishes()] == ["Cơm", "Thịt kho"]
        assert [i.grams for i in menus.list_dishes("Thịt kho")[0].ingredients] == [30.5]
    finally:
        session.close()

    sheets["Món ăn"][1].update(food_code="99999", grams_mau_giao="35")
    before = digest(school_file)
    bad = run("import", str(write_book(tmp_path / "thuc-don-2.xlsx", MENUS, sheets)))
    assert bad.exit_code == 1
    assert ("Tệp thuc-don-2.xlsx, trang «Món ăn», dòng 6, cột B «Mã thực phẩm» (giá trị «99999»): "
            "Không có thực phẩm mã 99999 trong danh mục thực phẩm.") in bad.output
    assert digest(school_file) == before
