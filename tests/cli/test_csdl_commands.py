"""`mamnon csdl import | export` on a school file, with CSDL-shaped workbooks."""

from __future__ import annotations

import openpyxl
from csdl_workbooks import child_row, write_csdl_file

from mamnon.services import session

FIRST_ROW = 6


def _school(run, db_path):
    assert run("init", "--code", "MN01", "--name", "Trường Mầm non Hoa Sen", "--year", "2026-2027",
               "--commune", "Xã Tân Lập", "--province", "Tỉnh Phú Thọ").exit_code == 0
    from mamnon.services import classes

    session.open_path(db_path)
    try:
        classes.create_class(classes.ClassForm(name="Mầm 1", age_group="MG_3_4"))
    finally:
        session.close()


def _children(db_path):
    from mamnon.models import Child

    session.open_path(db_path)
    try:
        return {c.full_name: (c.ministry_code, c.temp_code, c.left_on) for c in Child.select()}
    finally:
        session.close()


def test_dry_run_then_import_then_nothing_to_do(run, db_path, tmp_path):
    _school(run, db_path)
    path = write_csdl_file(tmp_path / "hs.xlsx", [
        child_row("Nguyễn Thị An", "05/03/2023", "Mầm 1", code="7900000001"),
        child_row("Trần Văn Bình", "10/10/2023", "Mầm 1", sex="Nam"),
    ])
    dry = run("csdl", "import", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "trang «Danh sách học sinh», tiêu đề cột ở dòng 5, 2 dòng" in dry.output
    assert "Cột không nhận ra, bỏ qua: cột O «Ngày vào Đoàn»" in dry.output
    assert "== Mới (2) ==" in dry.output and f"Dòng {FIRST_ROW}: Nguyễn Thị An" in dry.output
    assert "Chưa ghi gì (--dry-run)" in dry.output.replace("chưa", "Chưa")
    assert _children(db_path) == {}
    done = run("csdl", "import", str(path))
    assert done.exit_code == 0, done.output
    assert "Đã nhập: mới 2, cập nhật 0, chuyển lớp 0, nghỉ học 0; 1 trẻ mới nhận mã tạm" in done.output
    assert _children(db_path) == {"Nguyễn Thị An": ("7900000001", "", None),
                                  "Trần Văn Bình": ("", "TAM-MN01-1", None)}
    again = run("csdl", "import", str(path))
    assert again.exit_code == 0 and "Không có gì thay đổi." in again.output


def test_errors_name_the_cell_and_nothing_is_written(run, db_path, tmp_path):
    _school(run, db_path)
    path = write_csdl_file(tmp_path / "sai.xlsx", [child_row("Lê Thị Ba", "31/02/2023", "Mầm 1"),
                                                    child_row("Lê Thị Tư", "01/02/2023", "Mầm 1")])
    result = run("csdl", "import", str(path))
    assert result.exit_code == 1
    assert "Lỗi: Tệp sai.xlsx, trang «Danh sách học sinh», dòng 6, cột D «Ngày sinh (*)»" in result.output
    assert "Không nhập gì: 1 ô sai trong tệp" in result.output
    assert _children(db_path) == {}


def _twins(run, tmp_path):
    twins = write_csdl_file(tmp_path / "a.xlsx", [child_row("Hoàng Thị Em", "03/03/2023", "Mầm 1", code="X1"),
                                                  child_row("Hoàng Thị Em", "03/03/2023", "Mầm 1", code="X2")])
    assert run("csdl", "import", str(twins)).exit_code == 0  # distinct Ministry codes: two children
    return write_csdl_file(tmp_path / "b.xlsx", [child_row("Hoàng Thị Em", "03/03/2023", "Mầm 1",
                                                           **{"Xã/Phường": "Xã Mới"})])


def _communes(db_path):
    from mamnon.models import Child

    session.open_path(db_path)
    try:
        return {c.ministry_code: (c.code, c.commune) for c in Child.select()}
    finally:
        session.close()


def test_an_ambiguous_row_is_matched_with_match(run, db_path, tmp_path):
    _school(run, db_path)
    update = _twins(run, tmp_path)
    dry = run("csdl", "import", str(update), "--dry-run")
    assert dry.exit_code == 1 and "== Cần chọn trẻ (1) ==" in dry.output and "2 trẻ cùng họ tên" in dry.output
    assert "chưa chọn trẻ (--match DÒNG=MÃ)" in dry.output
    refused = run("csdl", "import", str(update), "--no-prompt", "--match", f"{FIRST_ROW}=KHONG-CO")
    assert refused.exit_code == 1 and "không có trẻ mã «KHONG-CO»" in refused.output
    chosen = run("csdl", "import", str(update), "--match", f"{FIRST_ROW}=X2")
    assert chosen.exit_code == 0, chosen.output
    assert {k: v[1] for k, v in _communes(db_path).items()} == {"X1": "", "X2": "Xã Mới"}
    bad = run("csdl", "import", str(update), "--match", "sáu=X1")
    assert bad.exit_code == 2 and "cần dạng DÒNG=MÃ" in bad.output


def test_an_ambiguous_row_is_asked(run, db_path, tmp_path):
    _school(run, db_path)
    update = _twins(run, tmp_path)
    asked = run("csdl", "import", str(update), input="2\n")
    assert asked.exit_code == 0, asked.output
    assert "2 trẻ cùng họ tên và ngày sinh. Chọn:" in asked.output
    assert "Đã nhập: mới 0, cập nhật 1" in asked.output
    communes = {k: v[1] for k, v in _communes(db_path).items()}
    assert sorted(communes.values()) == ["", "Xã Mới"]
    skipped = run("csdl", "import", str(update), input="\n")
    assert skipped.exit_code == 1 and "chưa chọn trẻ" in skipped.output


def test_two_rows_of_one_new_child_are_duplicates(run, db_path, tmp_path):
    _school(run, db_path)
    rows = [child_row("Hoàng Thị Em", "03/03/2023", "Mầm 1"), child_row("Hoàng Thị Em", "03/03/2023", "Mầm 1")]
    result = run("csdl", "import", str(write_csdl_file(tmp_path / "a.xlsx", rows)))
    assert result.exit_code == 1 and "trùng họ tên, ngày sinh và lớp với dòng 6" in result.output
    assert _children(db_path) == {}


def test_export_children_and_staff(run, db_path, tmp_path):
    _school(run, db_path)
    run("csdl", "import", str(write_csdl_file(tmp_path / "hs.xlsx", [
        child_row("Nguyễn Thị An", "05/03/2023", "Mầm 1", code="7900000001", **{"Số ĐDCN": "036323000111"})])))
    out = tmp_path / "nhap.xlsx"
    result = run("csdl", "export", "children", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Đã ghi 1 dòng (học sinh (trẻ))" in result.output and "Không ghi số định danh cá nhân" in result.output
    ws = openpyxl.load_workbook(out)["HocSinh"]
    assert [c.value for c in ws[2]][:4] == ["1", "7900000001", "Nguyễn Thị An", "05/03/2023"]
    assert "Số ĐDCN" not in [c.value for c in ws[1]]
    with_id = run("csdl", "export", "children", "-o", str(out), "--with-personal-id")
    assert with_id.exit_code == 0
    ws = openpyxl.load_workbook(out)["HocSinh"]
    assert [c.value for c in ws[1]][-1] == "Số ĐDCN" and ws[2][-1].value == "036323000111"
    bad = run("csdl", "export", "children", "-o", str(tmp_path / "x.csv"))
    assert bad.exit_code == 1 and "đuôi .xlsx" in bad.output
    staff = run("csdl", "export", "staff", "-o", str(tmp_path / "cb.xlsx"))
    assert staff.exit_code == 0 and "cán bộ" in staff.output
