"""`mamnon lunch ...` on a small school, checked by hand and against the service."""

from __future__ import annotations

import openpyxl
import pytest

from mamnon.services import lunch_support as ls
from mamnon.services import session


@pytest.fixture
def school(run, db_path):
    assert run("init", "--code", "MN01", "--name", "Trường Mầm non Hoa Sen", "--commune", "Xã Tân Lập",
               "--province", "Tỉnh Phú Thọ", "--year", "2026-2027").exit_code == 0
    session.close()
    from tests.conftest import add_child
    from mamnon.services import classes

    session.open_path(db_path)
    la = classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6")).id
    mam = classes.create_class(classes.ClassForm(name="Mầm 1", age_group="MG_3_4")).id
    kids = {"an": add_child(mam, "Nguyễn Thị An", "10/03/2022"), "binh": add_child(la, "Trần Văn Bình", "20/12/2021"),
            "ha": add_child(la, "Đỗ Thu Hà", "30/12/2020")}
    session.close()
    return kids


def test_add_list_month_and_print(run, school, db_path, tmp_path):
    r = run("lunch", "add", "--child", school["an"].code, "--group", "NGHEO", "--evidence", "Sổ hộ nghèo 45/2026",
            "--from", "05/09/2026", "--to", "31/05/2027", "--approved-by", "Hiệu trưởng")
    assert r.exit_code == 0, r.output
    assert "9 tháng được chi" in r.output
    r = run("lunch", "add", "--child", school["binh"].code, "--group", "dbkk", "--evidence", "Thôn Khe Mạ",
            "--from", "01/11/2026", "--to", "31/12/2026")
    assert r.exit_code == 0 and "2 tháng được chi" in r.output, r.output
    listed = run("lunch", "list", "--search", "tran van")
    assert "Trần Văn Bình" in listed.output and "Nguyễn Thị An" not in listed.output
    month = run("lunch", "month", "11/2026")
    assert month.exit_code == 0, month.output
    assert "Lớp Lá 1: 1 trẻ, 360.000 đ" in month.output
    assert "Toàn trường: 2 trẻ, 720.000 đ" in month.output
    assert "Toàn trường: 1 trẻ, 360.000 đ" in run("lunch", "month", "01/2027").output
    out = tmp_path / "an-trua.xlsx"
    printed = run("lunch", "print", "11/2026", "-o", str(out))
    assert printed.exit_code == 0, printed.output
    cells = [c for row in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "Nguyễn Thị An" in cells and "Trần Văn Bình" in cells and 720_000 in cells
    session.open_path(db_path)
    assert ls.month_claim(2026, 11).total == 720_000


def test_refusals_are_vietnamese_and_write_nothing(run, school, db_path):
    r = run("lunch", "add", "--child", school["ha"].code, "--group", "NGHEO", "--evidence", "x",
            "--from", "05/09/2026", "--to", "31/12/2026")
    assert r.exit_code != 0 and "3–5 tuổi" in r.output
    r = run("lunch", "add", "--child", "KHONG-CO", "--group", "NGHEO", "--evidence", "x",
            "--from", "05/09/2026", "--to", "31/12/2026")
    assert r.exit_code != 0 and "Không có trẻ mã" in r.output
    assert "Chưa có hồ sơ" in run("lunch", "list").output
    assert run("lunch", "month", "13/2026").exit_code != 0


def test_groups_show_the_amount_and_its_source(run):
    r = run("lunch", "groups")
    assert "360.000 đ/trẻ/tháng, tối đa 9 tháng/năm học" in r.output and "277/2025" in r.output
