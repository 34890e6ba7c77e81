"""`csdl import`, `census import` and `restore`: no bar under a script or a test, and a Ctrl+C
(simulated KeyboardInterrupt once the rows or pages are written) leaves the database as it was,
says so and exits 1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from csdl_workbooks import child_row, write_csdl_file
from progress_helpers import file_tables, sha

from mamnon import backup as backup_module
from mamnon.services import census, census_import, children, classes, school, session

pytestmark = pytest.mark.sqlite_file  # the tests read the database file itself
YEAR = dt.date.today().year


@pytest.fixture
def small_school(db_path) -> Path:
    """Two classes, two children in Mầm 1; three census entries of YEAR."""
    session.open_path(db_path)
    school.init_school(code="MN01", name="Trường Mầm non Hoa Sen", commune="Xã Tân Lập", year_name="2026-2027")
    mam = classes.create_class(classes.ClassForm(name="Mầm 1", age_group="MG_3_4")).id
    classes.create_class(classes.ClassForm(name="Lá 1", age_group="MG_5_6"))
    enrolled = (dt.date.today() - dt.timedelta(days=30)).strftime("%d/%m/%Y")
    for name in ("Nguyễn Thị Hoa", "Trần Văn Tú"):
        children.create_child(children.ChildForm(full_name=name, birth_date=f"15/03/{YEAR - 4}", sex="F",
                                                 class_id=mam, enrolled_on=enrolled))
    village = census.add_village("Xã Tân Lập", "Thôn Đông").id
    for name, age in (("Hà Văn Nam", 3), ("Hà Thị Nữ", 4), ("Lò Văn Khải", 2)):
        census.create_entry(YEAR, census.EntryForm(village_id=village, full_name=name, birth_date=f"01/01/{YEAR - age}",
                                                   sex="M", guardian_name="Hà Văn Bố", status=census.HERE))
    session.close()
    return db_path


def csdl_file(tmp_path: Path) -> Path:
    """Tú moves to Lá 1, one new child in Lá 1."""
    return write_csdl_file(tmp_path / "hs.xlsx", [
        child_row("Nguyễn Thị Hoa", f"15/03/{YEAR - 4}", "Mầm 1"),
        child_row("Trần Văn Tú", f"15/03/{YEAR - 4}", "Lá 1"),
        child_row("Đỗ Minh Hải", f"06/06/{YEAR - 5}", "Lá 1", sex="Nam"),
    ])


def test_a_csdl_import_shows_no_bar_in_a_test(small_school, run, tmp_path):
    result = run("csdl", "import", str(csdl_file(tmp_path)))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("Đã nhập: mới 1, cập nhật 0, chuyển lớp 1, nghỉ học 0;")
    assert "\r" not in result.output and "[#" not in result.output and "/2 dòng" not in result.output


def test_ctrl_c_during_a_csdl_import_rolls_every_row_back(small_school, run, tmp_path, monkeypatch):
    path = csdl_file(tmp_path)
    before = file_tables(small_school)
    real = children.move_child
    moved = []

    def interrupted(*args, **kwargs):
        moved.append(real(*args, **kwargs))
        raise KeyboardInterrupt  # the new child and the move are written, the transaction still open

    monkeypatch.setattr(children, "move_child", interrupted)
    result = run("csdl", "import", str(path))
    assert result.exit_code == 1, result.output
    assert result.output.endswith("Đã hủy: cơ sở dữ liệu không thay đổi.\n")
    assert len(moved) == 1
    assert file_tables(small_school) == before


def test_ctrl_c_during_a_census_import_rolls_every_row_back(small_school, run, tmp_path, monkeypatch):
    target = tmp_path / "dieu-tra.xlsx"
    assert run("census", "export", "--year", str(YEAR), "-o", str(target)).exit_code == 0
    before = file_tables(small_school)
    real = census_import._write
    calls = []

    def interrupted(*args):
        real(*args)
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt  # two of the three entries written

    monkeypatch.setattr(census_import, "_write", interrupted)
    result = run("census", "import", str(target), "--year", str(YEAR + 1))
    assert result.exit_code == 1, result.output
    assert result.output.endswith("Đã hủy: cơ sở dữ liệu không thay đổi.\n")
    assert len(calls) == 2 and file_tables(small_school) == before

    monkeypatch.setattr(census_import, "_write", real)
    result = run("census", "import", str(target), "--year", str(YEAR + 1))
    assert result.exit_code == 0 and "\r" not in result.output
    assert result.output.splitlines()[-1] == "Đã nhập: thêm mới 3, cập nhật 0, không đổi 0."


def test_ctrl_c_during_a_restore_puts_the_current_file_back(run, db_path, tmp_path, monkeypatch):
    assert run("demo", "--children", "20", "--seed", "6").exit_code == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run("backup", "--to", str(usb)).exit_code == 0
    (backup,) = usb.iterdir()
    session.close()
    digest = sha(db_path)
    names = sorted(p.name for p in db_path.parent.iterdir())
    real = backup_module.inspect_file
    interrupted_at = []

    def interrupted(path, quick=False):
        if Path(path).name.endswith(".dang-ghi"):
            interrupted_at.append(Path(path).name)
            raise KeyboardInterrupt  # every page copied, the check before the rename interrupted
        return real(path, quick=quick)

    monkeypatch.setattr(backup_module, "inspect_file", interrupted)
    result = run("restore", str(backup))
    assert result.exit_code == 1, result.output
    assert "Đã hủy: tệp dữ liệu hiện tại giữ nguyên, chưa khôi phục gì." in result.output
    assert interrupted_at == ["truong.sqlite.dang-ghi"]
    assert sorted(p.name for p in db_path.parent.iterdir()) == names and sha(db_path) == digest

    monkeypatch.setattr(backup_module, "inspect_file", real)
    result = run("restore", str(backup))
    assert result.exit_code == 0 and "\r" not in result.output
    assert any("truoc-khi-khoi-phuc" in p.name for p in db_path.parent.iterdir())
