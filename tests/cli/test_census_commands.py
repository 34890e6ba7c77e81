"""`mamnon census …`: villages, add, list, link, move, summary, carry, export and import, on a small school."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mamnon.services import census, children, classes, school, session

YEAR = dt.date.today().year
"""The census of this calendar year: children born in YEAR − 5 … YEAR."""


@pytest.fixture
def small_school(db_path):
    """Two children of the school born YEAR − 5, one with village Thôn Đông in the record."""
    session.open_path(db_path)
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", commune="Xã Tân Lập", year_name="2026-2027")
    la = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
    enrolled = (dt.date.today() - dt.timedelta(days=30)).strftime("%d/%m/%Y")
    for name, village in (("Nguyễn Thị Hoa", "Thôn Đông"), ("Trần Văn Tú", "")):
        children.create_child(children.ChildForm(full_name=name, birth_date=f"15/03/{YEAR - 5}", sex="F",
                                                 class_id=la, enrolled_on=enrolled, village=village,
                                                 commune="Xã Tân Lập" if village else ""))
    session.close()
    return db_path


def test_a_census_from_villages_to_summary(small_school, run):
    out = run("census", "village-add", "Xã Tân Lập", "Thôn Đông", "--difficult")
    assert out.exit_code == 0, out.output
    assert out.output == "Đã có thôn «Thôn Đông», xã «Xã Tân Lập» (ĐBKK).\n"
    out = run("census", "link", "--year", str(YEAR))
    assert out.output.splitlines() == [
        f"Năm {YEAR}: liên kết 0 mục đã có, thêm 1 trẻ của trường.",
        "Chưa đưa vào (1 trẻ, thôn trong hồ sơ không có trong danh sách; dùng --commune, --village): "
        "Trần Văn Tú (HS00002)",
    ]
    out = run("census", "link", "--year", str(YEAR), "--commune", "xa tan lap", "--village", "thon dong")
    assert out.output == f"Năm {YEAR}: liên kết 0 mục đã có, thêm 1 trẻ của trường.\n"
    out = run("census", "add", "--year", str(YEAR), "--commune", "Xã Tân Lập", "--village", "Thôn Tây",
              "--name", "lò văn páo", "--birth", f"03/04/{YEAR - 5}", "--sex", "Nam", "--guardian", "Lò Văn Sinh",
              "--ethnicity", "Thái")
    assert out.exit_code == 0, out.output
    assert out.output == (f"Đã thêm mục 3: Lò Văn Páo, sinh 03/04/{YEAR - 5} (5 tuổi), Thôn Tây – Xã Tân Lập, "
                          f"Không đi học.\n")
    # The same child again (no diacritics, other case): refused, nothing added.
    out = run("census", "add", "--year", str(YEAR), "--commune", "Xã Tân Lập", "--village", "Thôn Đông",
              "--name", "Lo Van Pao", "--birth", f"03/04/{YEAR - 5}", "--sex", "Nam", "--guardian", "lo van sinh")
    assert out.exit_code == 1 and "Trùng với mục số 3" in out.output
    out = run("census", "list", "--year", str(YEAR), "--search", "pao")
    assert out.output.splitlines()[-1] == f"Năm {YEAR}: 1 mục."

    out = run("census", "summary", "--year", str(YEAR), "--json")
    data = json.loads(out.output)
    [commune] = data["communes"]
    five = commune["ages"][5]
    # 3 five-year-olds: two at the school, Páo not attending: 2/3 = 66.7 %; ĐBKK needs 90 %.
    assert (five["children"], five["attending"], five["attending_rate"]) == (3, 2, 66.7)
    assert (commune["checks"][0]["required"], commune["checks"][0]["met"]) == (90, False)
    out = run("census", "summary", "--year", str(YEAR))
    assert f"{YEAR - 5:<8} {5:<5}      3        2  66,7 %" in out.output


def test_move_carry_export_import(small_school, run, tmp_path):
    run("census", "village-add", "Xã Tân Lập", "Thôn Đông")
    run("census", "add", "--year", str(YEAR), "--commune", "Xã Tân Lập", "--village", "Thôn Đông",
        "--name", "Hà Văn Nam", "--birth", f"01/01/{YEAR - 3}", "--sex", "Nam", "--guardian", "Hà Văn Bố")
    out = run("census", "move", "1", "--status", "chuyen-di", "--date", f"01/01/{YEAR}", "--to", "Hà Nội")
    assert out.output == f"Mục 1 Hà Văn Nam: Chuyển đi đến Hà Nội (01/01/{YEAR}).\n"
    out = run("census", "carry", str(YEAR + 1))
    assert out.output.splitlines()[0] == (f"Năm {YEAR + 1}: chép 0 mục từ năm {YEAR}; bỏ 0 trẻ sinh năm "
                                          f"{YEAR - 5} (đủ 6 tuổi), 1 trẻ chuyển đi hoặc đã mất; 0 mục đã có.")
    target = tmp_path / "dieu-tra.xlsx"
    out = run("census", "export", "--year", str(YEAR), "-o", str(target))
    assert out.output == f"Đã ghi {target} (năm điều tra {YEAR}).\n"
    out = run("census", "import", str(target), "--dry-run")
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[-1] == "Kiểm tra xong, không có lỗi (thêm mới 0, cập nhật 0, không đổi 1). " \
                                          "Chưa ghi gì (--dry-run)."


def test_import_errors_exit_1_and_name_the_cell(small_school, run, tmp_path):
    import openpyxl

    blank = tmp_path / "mau.xlsx"
    assert run("census", "export", "--year", str(YEAR), "--blank", "-o", str(blank)).exit_code == 0
    book = openpyxl.load_workbook(blank)
    ws = book["Điều tra"]
    for col, value in enumerate(("Xã Tân Lập", "Thôn Đông", None, "Cháu Tương Lai", f"01/01/{YEAR + 1}", "Nam",
                                 None, "Bố", None, "Không đi học"), start=1):
        ws.cell(row=5, column=col, value=value)
    path = tmp_path / "sai.xlsx"
    book.save(path)
    out = run("census", "import", str(path))
    assert out.exit_code == 1
    assert f"Tệp sai.xlsx, trang «Điều tra», dòng 5, cột E «Ngày sinh» (giá trị «01/01/{YEAR + 1}»)" in out.output
    assert "Không nhập gì: 1 lỗi" in out.output
    session.open_path(small_school)
    assert census.census_years() == [] and census.list_villages() == []


def test_summary_shows_the_recognition_and_conditions_are_confirmed_by_hand(small_school, run):
    run("census", "village-add", "Xã Tân Lập", "Thôn Đông")
    assert run("census", "link", "--year", str(YEAR), "--commune", "Xã Tân Lập", "--village", "Thôn Đông").exit_code == 0
    out = run("census", "condition", "--year", str(YEAR), "--commune", "xa tan lap")
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[0] == f"Xã Tân Lập – năm điều tra {YEAR}"
    assert sum(line.startswith("[ ]") for line in out.output.splitlines()) == 4
    for code in ("ND20_GV", "nd20-csvc"):
        assert run("census", "condition", "--year", str(YEAR), "--commune", "Xã Tân Lập", code).exit_code == 0
    out = run("census", "condition", "--year", str(YEAR), "--commune", "Xã Tân Lập", "PHONG")
    assert out.exit_code != 0 and "Không có điều kiện «PHONG»" in out.output
    data = json.loads(run("census", "summary", "--year", str(YEAR), "--json").output)
    [commune] = data["communes"]
    five, three_five = commune["recognition"]
    # Two five-year-olds, both at the school, none completed yet: 100 % attending, 0 % of 85 % completing.
    assert (five["rule"], five["status"]) == ("ND20_5T", "Chưa đạt")
    assert five["reasons"] == ["trẻ 5 tuổi hoàn thành CT GDMN 0,0 % < 85 %: thiếu 85,0 điểm, 2 trẻ"]
    assert three_five["status"] == "Chưa đạt" and len(three_five["reasons"]) == 3
    assert commune["ages_3_5"]["children"] == 2 and data["communes_recognised"]["PC_XA"] == 1
    out = run("census", "summary", "--year", str(YEAR))
    assert "Công nhận đạt chuẩn 5 tuổi (NĐ 20/2014/NĐ-CP, Điều 6): Chưa đạt – trẻ 5 tuổi hoàn thành" in out.output
    assert out.output.rstrip().endswith("chưa đạt tiêu chuẩn của tỉnh (nguồn chưa đối chiếu văn bản gốc).")
